//! The engine is the only door: the command line and the desktop shell reach
//! it through its public API, never through an implementation module.

use std::path::Path;

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn no_caller_names_an_engine_internal() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let internals = [
        "store",
        "index",
        "text",
        "writing",
        "query",
        "render",
        "import",
        "notebook",
        "entities",
        "annotations",
        "export",
        "notes",
        "suggest",
        "search",
        "error",
        "anchor",
        "gazetteer",
    ];
    let mut files = Vec::new();
    for dir in [
        "crates/dossier-cli/src",
        "crates/dossier-cli/tests",
        "src-tauri/src",
        "src-tauri/tests",
    ] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(
        files.len() >= 8,
        "the callers' sources were found: {files:?}"
    );
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for m in internals {
            let path = format!("dossier_core::{m}::");
            if text.contains(&path) {
                found.push(format!("{}: {path}", f.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "callers name engine internals:\n{}",
        found.join("\n")
    );
}

/// No name of the sample article in the code of the engine or the text
/// algorithms (tests aside: each file is read up to its `#[cfg(test)]`):
/// no word list or rule is fitted to the one article at hand.
#[test]
fn no_sample_article_names_in_engine_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let names = [
        "Makarkin",
        "Kislitsyn",
        "Stoltenberg",
        "Kartapolov",
        "Bucharest",
        "Bosphorus",
        "Donbas",
        "IMEMO",
        "Jens",
        "Alexei",
        "Alexey",
        "Sergei",
        "Kremlin",
        "Geneva",
    ];
    let mut files = Vec::new();
    rust_files(&root.join("crates/dossier-core/src"), &mut files);
    rust_files(&root.join("crates/dossier-text/src"), &mut files);
    assert!(files.len() > 10, "the sources were found");
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for n in names {
            assert!(
                !code.contains(n),
                "{} names {n}, a name of the sample article",
                f.display()
            );
        }
    }
}
