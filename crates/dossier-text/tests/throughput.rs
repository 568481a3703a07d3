//! Throughput of `suggest_names` and `find_quotes` over the texts of the
//! names model's training sets (`names_sets::SETS`), printed in MB/s so
//! that a regression shows. No timing is asserted (machines differ); what is
//! asserted is that the work was done: names and quotes were found.
//!
//! `cargo test -p dossier-text --release --test throughput -- --nocapture`

mod names_sets;

use std::time::{Duration, Instant};

use dossier_text::quotes::find_quotes;
use dossier_text::suggest::suggest_names;

/// The texts of the names model's training sets: texts already read. The
/// frozen unseen sets (and any set whose gold is written but not yet scored)
/// are never run here, even only to count.
fn texts() -> Vec<String> {
    names_sets::docs()
        .expect("fixture texts")
        .into_iter()
        .map(|d| d.text)
        .collect()
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
