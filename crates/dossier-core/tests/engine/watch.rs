//! The watcher and `sync_paths`: files saved, deleted and renamed by other
//! programs reach store and index through the paths the watcher reports,
//! and `sync_paths` agrees with a full sync.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dossier_core::{Changes, Notebook};
use proptest::prelude::*;

use crate::common::{copy_of_bundled, write};

/// Total hits of `q` and the paths they are in (sorted, deduplicated).
fn found(nb: &Notebook, q: &str) -> (usize, Vec<String>) {
    let r = nb.search(q, 1000).unwrap();
    let mut paths: Vec<String> = r.hits.iter().filter_map(|h| h.path.clone()).collect();
    paths.sort();
    paths.dedup();
    (r.total, paths)
}

/// Polls `cond` on the shared notebook until it holds or `limit` passes.
fn eventually(nb: &Mutex<Notebook>, limit: Duration, cond: impl Fn(&Notebook) -> bool) -> bool {
    let start = Instant::now();
    while start.elapsed() < limit {
        if cond(&nb.lock().unwrap()) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

/// A notebook open in this process with its watcher forwarding batches to
/// `sync_paths` (a full sync on a rescan), as the app's shell does.
fn watched(root: &Path) -> (Arc<Mutex<Notebook>>, dossier_core::Watcher) {
    let nb = Arc::new(Mutex::new(Notebook::open(root).unwrap()));
    let shared = Arc::clone(&nb);
    let watcher = nb
        .lock()
        .unwrap()
        .watch(move |changes| {
            let mut nb = shared.lock().unwrap();
            match changes {
                Changes::Paths(paths) => nb.sync_paths(&paths).unwrap(),
                Changes::Rescan => nb.sync().unwrap(),
            };
        })
        .unwrap();
    (nb, watcher)
}

#[test]
fn a_file_saved_by_another_program_is_searchable_after_the_watcher_fires() {
    let dir = copy_of_bundled();
    let (nb, _watcher) = watched(dir.path());
    let limit = Duration::from_secs(10);
    assert_eq!(found(&nb.lock().unwrap(), "zeugma").0, 0);

    // A source and a note, written by plain std::fs::write.
    write(
        dir.path(),
        "sources/outside-report.md",
        "---\ntitle: Outside report\n---\nA zeugma in a source saved elsewhere.\n",
    );
    write(
        dir.path(),
        "drafts/Outside note.md",
        "# Outside note\n\nA zeugma in a note saved elsewhere.\n",
    );
    assert!(
        eventually(&nb, limit, |nb| found(nb, "zeugma").1
            == ["drafts/Outside note.md", "sources/outside-report.md"]),
        "both found: {:?}",
        found(&nb.lock().unwrap(), "zeugma")
    );

    // Edited in place: the new word is found, the old one is not.
    std::fs::write(
        dir.path().join("drafts/Outside note.md"),
        "# Outside note\n\nNow an anacoluthon instead.\n",
    )
    .unwrap();
    assert!(eventually(&nb, limit, |nb| found(nb, "anacoluthon").0 == 1
        && found(nb, "zeugma").1 == ["sources/outside-report.md"]));

    // Renamed: found under the new path only.
    std::fs::rename(
        dir.path().join("drafts/Outside note.md"),
        dir.path().join("drafts/Renamed note.md"),
    )
    .unwrap();
    assert!(eventually(&nb, limit, |nb| found(nb, "anacoluthon").1
        == ["drafts/Renamed note.md"]));

    // Deleted: gone from search, store and listing.
    std::fs::remove_file(dir.path().join("sources/outside-report.md")).unwrap();
    assert!(
        eventually(&nb, limit, |nb| found(nb, "zeugma").0 == 0),
        "a deleted file disappears: {:?}",
        found(&nb.lock().unwrap(), "zeugma")
    );
    assert!(nb
        .lock()
        .unwrap()
        .sources()
        .unwrap()
        .iter()
        .all(|s| s.id != "outside-report"));

    // A whole folder deleted.
    std::fs::remove_dir_all(dir.path().join("drafts")).unwrap();
    assert!(eventually(&nb, limit, |nb| found(nb, "anacoluthon").0 == 0));
    let nb = nb.lock().unwrap();
    assert!(nb.check().unwrap().problems.is_empty());
}

#[test]
fn the_watcher_ignores_the_notebooks_own_state_and_hidden_files() {
    let dir = copy_of_bundled();
    let nb = Notebook::open(dir.path()).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let _watcher = nb
        .watch(move |c| {
            let _ = tx.send(c);
        })
        .unwrap();
    write(dir.path(), ".dossier/scratch", "state");
    write(dir.path(), ".hidden.md.123.tmp", "temp");
    write(dir.path(), "sources/.swap.md", "temp");
    write(dir.path(), "sources/backup.md~", "temp");
    let got = rx.recv_timeout(Duration::from_millis(400));
    assert!(got.is_err(), "no batch for ignored paths: {got:?}");
    write(dir.path(), "Seen.md", "# Seen\n");
    match rx.recv_timeout(Duration::from_secs(5)) {
        Ok(Changes::Paths(paths)) => assert_eq!(
            paths,
            vec![dir.path().canonicalize().unwrap().join("Seen.md")]
        ),
        other => panic!("one batch with the note: {other:?}"),
    }
}

/// What a test can compare between two notebooks on the same files.
fn observed(nb: &Notebook) -> Vec<String> {
    let mut out: Vec<String> = nb
        .sources()
        .unwrap()
        .into_iter()
        .map(|s| format!("source {} {} {}", s.id, s.title, s.passages))
        .collect();
    out.extend(
        nb.notes()
            .unwrap()
            .into_iter()
            .map(|n| format!("note {} {}", n.path, n.title)),
    );
    for w in WORDS {
        out.push(format!("{w}: {:?}", found(nb, w)));
    }
    out
}

const WORDS: &[&str] = &["amber", "basalt", "cobalt", "dune", "ember", "fjord"];
const NAMES: &[&str] = &[
    "a.md",
    "b.md",
    "deep/c.md",
    "sources/s1.md",
    "sources/s2.md",
];

#[derive(Debug, Clone)]
enum Op {
    Write(usize, Vec<usize>),
    Delete(usize),
    Rename(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..NAMES.len(), prop::collection::vec(0..WORDS.len(), 1..6))
            .prop_map(|(f, w)| Op::Write(f, w)),
        1 => (0..NAMES.len()).prop_map(Op::Delete),
        1 => (0..NAMES.len(), 0..NAMES.len()).prop_map(|(a, b)| Op::Rename(a, b)),
    ]
}

/// Applies `op` to the files; returns the paths it touched.
fn apply(root: &Path, op: &Op) -> Vec<PathBuf> {
    match op {
        Op::Write(f, words) => {
            let text: Vec<&str> = words.iter().map(|w| WORDS[*w]).collect();
            let body = format!("# {}\n\n{}.\n", NAMES[*f], text.join(" "));
            vec![write(root, NAMES[*f], body)]
        }
        Op::Delete(f) => {
            let p = root.join(NAMES[*f]);
            let _ = std::fs::remove_file(&p);
            vec![p]
        }
        Op::Rename(a, b) => {
            let (from, to) = (root.join(NAMES[*a]), root.join(NAMES[*b]));
            if a == b || !from.exists() {
                return Vec::new();
            }
            std::fs::create_dir_all(to.parent().unwrap()).unwrap();
            std::fs::rename(&from, &to).unwrap();
            vec![from, to]
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// After any sequence of creates, edits, deletes and renames, each
    /// handed to `sync_paths` with the paths it touched, the notebook
    /// answers as one that reads the same files with a full sync.
    #[test]
    fn sync_paths_agrees_with_a_full_sync(ops in prop::collection::vec(op(), 1..14)) {
        let dir = tempfile::tempdir().unwrap();
        let mut nb = Notebook::open(dir.path()).unwrap();
        for op in &ops {
            let touched = apply(dir.path(), op);
            nb.sync_paths(&touched).unwrap();
        }
        let got = observed(&nb);
        drop(nb);
        // The same files, opened afresh: a full sync from nothing.
        let fresh = tempfile::tempdir().unwrap();
        for name in NAMES {
            let p = dir.path().join(name);
            if p.exists() {
                write(fresh.path(), name, std::fs::read(&p).unwrap());
            }
        }
        let full = Notebook::open(fresh.path()).unwrap();
        prop_assert_eq!(got, observed(&full));
    }
}
