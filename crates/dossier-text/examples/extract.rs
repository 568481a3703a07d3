//! Prints the article of an HTML file: `cargo run -p dossier-text --example
//! extract -- page.html [url]` (metadata as JSON on stderr, Markdown on
//! stdout). With `--eval DIR`, runs over every `DIR/*/source.html` and
//! prints one line per page: name, milliseconds, and the Markdown's words.
use dossier_text::article::{decode_html, extract_article};
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--eval") {
        let dir = args.get(1).ok_or("--eval DIR")?;
        let out = args.get(2).ok_or("--eval DIR OUTDIR")?;
        std::fs::create_dir_all(out)?;
        let mut names: Vec<_> = std::fs::read_dir(dir)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.join("source.html").exists())
            .collect();
        names.sort();
        for page in names {
            let bytes = std::fs::read(page.join("source.html"))?;
            let html = decode_html(&bytes, None)?;
            let start = Instant::now();
            let article = extract_article(&html, None);
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            let name = page
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            std::fs::write(format!("{out}/{name}.md"), &article.markdown)?;
            println!("{name}\t{ms:.2}");
        }
        return Ok(());
    }
    let path = args.first().ok_or("usage: extract PAGE.html [URL]")?;
    let bytes = std::fs::read(path)?;
    let html = decode_html(&bytes, None)?;
    let article = extract_article(&html, args.get(1).map(String::as_str));
    let mut meta = article.clone();
    meta.markdown = format!("({} bytes)", article.markdown.len());
    eprintln!("{}", serde_json::to_string_pretty(&meta)?);
    print!("{}", article.markdown);
    Ok(())
}
