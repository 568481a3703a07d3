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
