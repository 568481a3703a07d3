//! Throughput of `suggest_names` and `find_quotes` over every fixture text
//! (the suggestion excerpts and the unseen news excerpts), printed in MB/s so
//! that a regression shows. No timing is asserted (machines differ); what is
//! asserted is that the work was done: names and quotes were found.
//!
//! `cargo test -p dossier-text --release --test throughput -- --nocapture`

use std::path::PathBuf;
use std::time::{Duration, Instant};

use dossier_text::quotes::find_quotes;
use dossier_text::suggest::suggest_names;

fn texts() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut out = Vec::new();
    for dir in ["suggest", "unseen"] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .expect("fixture folder")
            .map(|e| e.expect("fixture entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for p in paths {
            out.push(std::fs::read_to_string(&p).expect("fixture text"));
        }
    }
    out
}

/// Runs `f` over all texts until at least `min_bytes` went through; returns
/// bytes done, time taken and the sum of what `f` counted.
fn measure(
    texts: &[String],
    min_bytes: usize,
    f: impl Fn(&str) -> usize,
) -> (usize, Duration, usize) {
    let start = Instant::now();
    let (mut bytes, mut found) = (0, 0);
    while bytes < min_bytes {
        for t in texts {
            found += f(t);
            bytes += t.len();
        }
    }
    (bytes, start.elapsed(), found)
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9)
}

#[test]
fn suggest_and_quotes_throughput() {
    let texts = texts();
    let total: usize = texts.iter().map(String::len).sum();
    assert!(texts.len() >= 50, "fixture texts: {}", texts.len());
    let load = dossier_text::names::load();
    println!(
        "name lists loaded in {:?} (once per process); {} texts, {} bytes",
        load.elapsed,
        texts.len(),
        total
    );
    let min = if cfg!(debug_assertions) {
        300_000
    } else {
        2_000_000
    };
    let (b, d, names) = measure(&texts, min, |t| suggest_names(t, &|_| false).len());
    println!(
        "suggest_names: {:.2} MB/s ({b} bytes in {d:?})",
        mb_per_s(b, d)
    );
    let (b2, d2, quotes) = measure(&texts, min, |t| find_quotes(t, &[]).len());
    println!(
        "find_quotes:   {:.2} MB/s ({b2} bytes in {d2:?})",
        mb_per_s(b2, d2)
    );
    assert!(names > 0 && quotes > 0, "names {names}, quotes {quotes}");
}
