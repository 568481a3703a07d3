//! A notebook made by an older Dossier is migrated on open and keeps
//! everything in it. The fixture (`tests/fixtures/v1-notebook/` and
//! `v1-notebook.db`, committed) is a store at schema version 1, made by
//! running migration 1 alone (`tests/fixtures/make-v1-fixture.sh`).

use std::path::{Path, PathBuf};

use dossier_core::store::schema_version;
use dossier_core::{text, AnchorStatus, Notebook};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A temporary copy of the version-1 notebook, its store in place.
fn v1_notebook() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = fixtures().join("v1-notebook");
    for rel in ["sources/geneva-talks.md", "Talks analysis.md"] {
        let to = dir.path().join(rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from.join(rel), &to).unwrap();
    }
    std::fs::create_dir_all(dir.path().join(".dossier")).unwrap();
    std::fs::copy(
        fixtures().join("v1-notebook.db"),
        dir.path().join(".dossier/dossier.db"),
    )
    .unwrap();
    dir
}

fn pragma(db: &Path, name: &str) -> i64 {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_fixture_is_a_version_1_store_that_matches_its_files() {
    let db = fixtures().join("v1-notebook.db");
    assert_eq!(pragma(&db, "user_version"), 1);
    assert_eq!(
        pragma(&db, "application_id"),
        i64::from(dossier_core::store::APPLICATION_ID)
    );
    let conn =
        rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tables: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('mentions', 'taken_files')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(tables, 0, "no table of a later migration");
    let (src_hash, version_text): (String, String) = conn
        .query_row(
            "SELECT s.hash, v.text FROM sources s JOIN source_versions v ON v.source_id = s.id",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let file =
        std::fs::read_to_string(fixtures().join("v1-notebook/sources/geneva-talks.md")).unwrap();
    let body = text::split_front_matter(&file).1;
    assert_eq!(version_text, body);
    assert_eq!(src_hash, text::hash(body));
    let note_hash: String = conn
        .query_row("SELECT hash FROM notes", [], |r| r.get(0))
        .unwrap();
    let note = std::fs::read_to_string(fixtures().join("v1-notebook/Talks analysis.md")).unwrap();
    assert_eq!(note_hash, text::hash(&note));
}

#[test]
fn a_version_1_notebook_is_migrated_and_keeps_everything() {
    let dir = v1_notebook();
    let nb = Notebook::open(dir.path()).unwrap();
    assert_eq!(nb.store().version().unwrap(), schema_version());
    assert!(nb.store().integrity_check().unwrap().is_empty());

    // The source, read again from its file, is the same one: no new version.
    let s = nb.source("geneva-talks").unwrap();
    assert_eq!(s.meta.title, "Geneva talks");
    assert_eq!(s.meta.outlet.as_deref(), Some("The Fixture Times"));
    assert_eq!(s.versions, 1, "the file matches the stored text");

    // The annotation with its comment, tag, colour and entity link.
    let a = nb.annotation("a-v1fixture01").unwrap();
    assert_eq!(a.exact, "security guarantees");
    assert_eq!(a.status, AnchorStatus::Exact);
    let placed: String = s.text.chars().skip(a.start).take(a.end - a.start).collect();
    assert_eq!(placed, a.exact);
    assert_eq!(a.comment, "What *Moscow* asked for.");
    assert_eq!(a.tags, ["guarantees"]);
    assert_eq!(a.color, "green");
    assert_eq!(a.entities, ["Geneva"]);

    // The entity, and the mentions that migration 3 made room for.
    let geneva = nb.entity("Genève").unwrap();
    assert_eq!(geneva.name, "Geneva");
    let page = nb.entity_page("Geneva").unwrap();
    assert!(
        page.mentions.len() >= 2,
        "mentions are found after the migration: {}",
        page.mentions.len()
    );

    // The note and its link; everything searchable.
    assert_eq!(nb.note("Talks analysis").unwrap().path, "Talks analysis.md");
    let back = nb.backlinks("Geneva talks").unwrap();
    assert_eq!(back.linked.len(), 1);
    assert!(nb.search("breakthrough kind:source", 5).unwrap().total >= 1);
    assert!(nb.search("breakthrough kind:note", 5).unwrap().total >= 1);
    assert_eq!(nb.search("tag:guarantees", 5).unwrap().total, 1);
    // The rejected suggestion stays rejected.
    let suggested = nb.suggest("geneva-talks").unwrap();
    assert!(
        suggested.iter().all(|s| s.name != "Monday"),
        "{suggested:?}"
    );
    assert!(nb.check().unwrap().problems.is_empty());

    // Opening again changes nothing.
    drop(nb);
    let nb = Notebook::open(dir.path()).unwrap();
    assert_eq!(nb.last_sync().sources_changed, 0);
    assert_eq!(nb.last_sync().notes_changed, 0);
    assert_eq!(nb.annotations(None).unwrap().len(), 1);
}

#[test]
fn a_store_from_a_newer_dossier_is_refused_and_left_untouched() {
    let dir = v1_notebook();
    let db = dir.path().join(".dossier/dossier.db");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", schema_version() + 1)
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let err = Notebook::open(dir.path()).err().expect("refused");
    assert_eq!(err.code(), "corrupt");
    let msg = err.to_string();
    assert!(
        msg.contains("newer than this build") && msg.contains("dossier.db"),
        "{msg}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "never overwritten");
}
