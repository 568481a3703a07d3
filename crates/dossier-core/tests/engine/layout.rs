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
        "fetch",
        "web_import",
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

/// Every test `RELIABILITY.md` cites by `module::test_name` exists. A citation
/// counts as one of a test when its module is a test file (`tests/**/m.rs` of
/// a crate or of the shell, or `tests/e2e/m.test.mjs`) or it goes through a
/// `tests` module; a name that is an engine function of a module by that name
/// (`writing::checked_note_path`) is a reference to code, not a test.
#[test]
fn every_test_reliability_md_cites_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let doc = std::fs::read_to_string(root.join("RELIABILITY.md")).unwrap();
    let (mut test_files, mut src_files) = (Vec::new(), Vec::new());
    for e in std::fs::read_dir(root.join("crates")).unwrap() {
        let krate = e.unwrap().path();
        if krate.join("tests").is_dir() {
            rust_files(&krate.join("tests"), &mut test_files);
        }
        if krate.join("src").is_dir() {
            rust_files(&krate.join("src"), &mut src_files);
        }
    }
    rust_files(&root.join("src-tauri/tests"), &mut test_files);
    rust_files(&root.join("src-tauri/src"), &mut src_files);
    let mut test_modules: Vec<String> = test_files
        .iter()
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    let mut test_text = String::new();
    for p in &test_files {
        test_text.push_str(&std::fs::read_to_string(p).unwrap());
    }
    for e in std::fs::read_dir(root.join("tests/e2e")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".test.mjs") {
            test_modules.push(stem.to_string());
            test_text.push_str(&std::fs::read_to_string(&p).unwrap());
        }
    }
    let src_text: String = src_files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect();
    let defines = |text: &str, name: &str| {
        text.contains(&format!("fn {name}("))
            || text.contains(&format!("fn {name}<"))
            || text.contains(&format!("\"{name}\""))
    };
    let mut cited = 0;
    let mut missing = Vec::new();
    for span in doc.split('`').skip(1).step_by(2) {
        let parts: Vec<&str> = span.split("::").collect();
        let ok_ident = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        };
        if parts.len() < 2 || !parts.iter().all(|s| ok_ident(s)) {
            continue;
        }
        let name = parts[parts.len() - 1];
        if parts.contains(&"tests") {
            cited += 1;
            if !defines(&src_text, name) {
                missing.push(span.to_string());
            }
        } else if test_modules.iter().any(|m| m == parts[0]) {
            if defines(&src_text, name) && !defines(&test_text, name) {
                continue; // engine code, e.g. `writing::checked_note_path`
            }
            cited += 1;
            if !defines(&test_text, name) {
                missing.push(span.to_string());
            }
        }
    }
    assert!(cited >= 20, "RELIABILITY.md cites tests ({cited} found)");
    assert!(
        missing.is_empty(),
        "RELIABILITY.md cites tests that do not exist: {missing:?}"
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
