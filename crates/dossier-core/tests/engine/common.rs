//! Shared helpers: a temporary copy of the bundled notebook, fixtures.

use std::path::{Path, PathBuf};

use dossier_core::{ImportOptions, ImportReport, Notebook, Result};

/// The bundled notebook in the repository.
pub fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../notes")
}

/// A temporary copy of the bundled notebook (without its `.dossier/`).
pub fn copy_of_bundled() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&bundled(), dir.path());
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let name = entry.file_name();
        if name == ".dossier" {
            continue;
        }
        let p = entry.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(&name));
        } else {
            std::fs::copy(&p, to.join(&name)).expect("copy");
        }
    }
}

/// Writes a file under `dir` and returns its path.
pub fn write(dir: &Path, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(&p, contents).expect("write fixture");
    p
}

pub fn import(nb: &mut Notebook, paths: &[PathBuf]) -> Result<ImportReport> {
    nb.import(paths, &ImportOptions::default(), &mut |_| {})
}

/// Everything a test can observe of store and index: sources, notes, and
/// the total of a few searches.
pub fn snapshot(nb: &Notebook) -> (Vec<String>, Vec<String>, Vec<usize>, Vec<String>) {
    let sources = nb
        .sources()
        .expect("sources")
        .into_iter()
        .map(|s| format!("{}|{}|{}", s.id, s.title, s.passages))
        .collect();
    let notes = nb
        .notes()
        .expect("notes")
        .into_iter()
        .map(|n| n.path)
        .collect();
    let totals = ["nato", "walrus", "kind:source", "kind:note", "zebra*"]
        .iter()
        .map(|q| nb.search(q, 10).expect("search").total)
        .collect();
    let mut files: Vec<String> = std::fs::read_dir(nb.root().join("sources"))
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    (sources, notes, totals, files)
}
