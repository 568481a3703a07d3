//! Prints what loading the name lists costs, then the suggestions for the
//! text on standard input (or in the file named as the first argument).
//!
//! `cargo run -p dossier-text --example suggest -- article.txt`

use std::io::Read;
use std::time::Instant;

fn main() -> std::io::Result<()> {
    let report = dossier_text::names::load();
    println!(
        "name lists: {} places, {} given names, {} surnames, {} companies, {} exonyms, {} common words ({} bytes compiled in), loaded in {:?}",
        report.places,
        report.given_names,
        report.surnames,
        report.companies,
        report.exonyms,
        report.common_words,
        report.compiled_bytes,
        report.elapsed
    );
    let mut text = String::new();
    match std::env::args().nth(1) {
        Some(path) => text = std::fs::read_to_string(path)?,
        None => {
            std::io::stdin().read_to_string(&mut text)?;
        }
    }
    let started = Instant::now();
    let candidates = dossier_text::suggest::suggest_names(&text, &|_| false);
    let elapsed = started.elapsed();
    for c in &candidates {
        println!(
            "{:<13} {:<45} {} mention(s); spellings: {}",
            c.kind.as_str(),
            c.name,
            c.mentions.len(),
            c.variants.join(" | ")
        );
    }
    println!(
        "{} suggestions from {} characters in {:?}",
        candidates.len(),
        text.chars().count(),
        elapsed
    );
    Ok(())
}
