//! Runs `Gazetteer::find` once over a folder of texts, for a deterministic
//! cache simulation of mention finding (`valgrind --tool=cachegrind`), which
//! a loaded machine's wall clock cannot give:
//!
//! `cargo run --release -p dossier-text --example find_names -- NAMES DIR MAX_BYTES`
//!
//! NAMES: one name a line (the mention bench writes one to its scratch
//! folder); DIR: `.txt` files, read in name order until MAX_BYTES.

use dossier_text::gazetteer::{Gazetteer, Name};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, names, dir, max] = args.as_slice() else {
        eprintln!("usage: find_names NAMES DIR MAX_BYTES");
        std::process::exit(2);
    };
    let max: usize = max.parse().expect("MAX_BYTES is a number");
    let names: Vec<Name> = std::fs::read_to_string(names)
        .expect("the names file reads")
        .lines()
        .enumerate()
        .map(|(i, t)| Name {
            entity: i as i64,
            text: t.to_string(),
        })
        .collect();
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the folder reads")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut texts = Vec::new();
    let mut bytes = 0;
    for f in files {
        if bytes >= max {
            break;
        }
        let t = std::fs::read_to_string(&f).expect("a text file");
        bytes += t.len();
        texts.push(t);
    }
    let g = Gazetteer::new(&names);
    let found: usize = texts.iter().map(|t| g.find(t).len()).sum();
    println!(
        "{} names, {} texts, {bytes} bytes, {found} mentions",
        names.len(),
        texts.len()
    );
}
