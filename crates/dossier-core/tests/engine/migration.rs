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

/// Migration 6 packs the versions' texts, drops the usual source path and
/// the unread times, and makes versions, quotes and dates refer to their
/// source by its integer key; a store written by schema 5 (its own SQL,
/// rows as version 5 wrote them) keeps every text, hash, path, version,
/// quote, date and annotation.
#[test]
fn a_version_5_store_is_packed_in_place_and_keeps_everything() {
    use dossier_core::store::{migration_sql, Store};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dossier.db");
    // Texts long enough to pack, with characters of several bytes (the
    // offsets count characters), an earlier version, and one text longer
    // than the packing limit, kept as it is.
    let old = "Première version: les négociations à Genève. ".repeat(20);
    let now = "Zweite Fassung — die Gespräche in Genf gingen weiter. ".repeat(30);
    let long = "A long transcript line of the hearing, word for word. ".repeat(2_000);
    let other = "Notes kept under a folder of their own. ".repeat(10);
    let (h_old, h_now, h_long, h_other) = (
        text::hash(&old),
        text::hash(&now),
        text::hash(&long),
        text::hash(&other),
    );
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        for sql in &migration_sql()[..5] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 5).unwrap();
        conn.pragma_update(None, "application_id", dossier_core::store::APPLICATION_ID)
            .unwrap();
        let t = "2026-01-01T00:00:00Z";
        for (id, path, hash) in [
            ("talks", "sources/talks.md", &h_now),
            ("hearing", "sources/hearing.md", &h_long),
            ("kept", "sources/elsewhere/kept.md", &h_other),
        ] {
            conn.execute(
                "INSERT INTO sources (id, title, path, format, hash, passages, imported_at, file_stamp,
                     indexed_hash, mentions_hash, quotes_hash, dates_hash)
                 VALUES (?1, ?1, ?2, 'txt', ?3, 1, ?4, '10:20', ?3, ?3, ?3, ?3)",
                rusqlite::params![id, path, hash, t],
            )
            .unwrap();
        }
        let add = |id: &str, hash: &str, body: &str| {
            conn.execute(
                "INSERT INTO source_versions (source_id, hash, text, created_at) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::params![id, hash, body, t],
            )
            .unwrap();
            conn.last_insert_rowid()
        };
        let first = add("talks", &h_old, &old);
        add("talks", &h_now, &now);
        add("hearing", &h_long, &long);
        add("kept", &h_other, &other);
        conn.execute(
            "INSERT INTO annotations (id, source_id, version_id, exact, start, end, status, comment, created_at, updated_at)
             VALUES ('a-1', 'talks', ?1, 'négociations', 21, 33, 'exact', 'the first draft', ?2, ?2)",
            rusqlite::params![first, t],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO annotation_tags (annotation_id, tag) VALUES ('a-1', 'draft')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO entities (id, kind, name, created_at, updated_at)
             VALUES (7, 'person', 'Anna Keller', ?1, ?1)",
            [t],
        )
        .unwrap();
        // Quotes and dates of two sources, inserted out of order.
        for (source, start, end, speaker, entity) in [
            ("talks", 60, 90, "Anna Keller", Some(7)),
            ("hearing", 5, 50, "the clerk", None),
            ("talks", 10, 40, "a delegate", None),
        ] {
            conn.execute(
                "INSERT INTO quotes (source, start, end, kind, cue, speaker, speaker_start,
                     speaker_end, speaker_kind, entity_id, passage)
                 VALUES (?1, ?2, ?3, 'direct', 'said', ?4, 0, 4, 'named', ?5, 1)",
                rusqlite::params![source, start, end, speaker, entity],
            )
            .unwrap();
        }
        // Mentions in two sources and a note, and one left behind by a
        // source that is gone.
        for (kind, target, part) in [
            ("source", "talks", 1),
            ("note", "Talks analysis.md", 2),
            ("source", "hearing", 0),
            ("source", "gone", 0),
        ] {
            conn.execute(
                "INSERT INTO mentions (entity_id, target_kind, target, part, start, end, text)
                 VALUES (7, ?1, ?2, ?3, 60, 71, 'Anna Keller')",
                rusqlite::params![kind, target, part],
            )
            .unwrap();
        }
        for (source, start, text, value) in [
            ("kept", 3, "Monday", None),
            ("talks", 12, "2024", Some("2024")),
        ] {
            conn.execute(
                "INSERT INTO dates (source, start, end, text, value, granularity, relative, passage)
                 VALUES (?1, ?2, ?2 + 4, ?3, ?4, 'year', 0, 0)",
                rusqlite::params![source, start, text, value],
            )
            .unwrap();
        }
    }

    let store = Store::open(&db).unwrap();
    assert_eq!(store.version().unwrap(), schema_version());
    assert!(store.integrity_check().unwrap().is_empty());
    assert_eq!(store.source_text("talks").unwrap().as_deref(), Some(&*now));
    assert_eq!(
        store.source_text("hearing").unwrap().as_deref(),
        Some(&*long)
    );
    assert_eq!(store.source_text("kept").unwrap().as_deref(), Some(&*other));
    // A passage's characters, from a packed text and from one kept as is.
    let cut = |t: &str, a: usize, b: usize| t.chars().skip(a).take(b - a).collect::<String>();
    assert_eq!(
        store
            .passage("talks", 15, 40)
            .unwrap()
            .map(|(_, text)| text),
        Some(cut(&now, 15, 40))
    );
    assert_eq!(
        store
            .passage("hearing", 100, 160)
            .unwrap()
            .map(|(_, text)| text),
        Some(cut(&long, 100, 160))
    );
    assert_eq!(store.source_version_count("talks").unwrap(), 2);
    assert_eq!(
        store.source_by_hash(&h_old).unwrap().as_deref(),
        Some("talks")
    );
    let talks = store.source("talks").unwrap().unwrap();
    assert_eq!(talks.path, "sources/talks.md");
    assert_eq!(talks.hash, h_now);
    assert_eq!(talks.indexed_hash.as_deref(), Some(&*h_now));
    assert_eq!(talks.file_stamp.as_deref(), Some("10:20"));
    // The derived "found under" hashes read back as they were written.
    assert_eq!(
        store.derived_states(Some("talks")).unwrap(),
        [(
            "talks".to_string(),
            h_now.clone(),
            None,
            Some(h_now.clone()),
            Some(h_now.clone())
        )]
    );
    assert_eq!(
        store.mention_state("source", "kept").unwrap(),
        Some((
            "source".to_string(),
            "kept".to_string(),
            h_other.clone(),
            Some(h_other.clone())
        ))
    );
    assert!(
        store.sources_to_index().unwrap().is_empty(),
        "still indexed"
    );
    assert_eq!(
        store.source("kept").unwrap().unwrap().path,
        "sources/elsewhere/kept.md"
    );
    assert!(store.has_files_under("sources/elsewhere").unwrap());
    assert!(store.has_files_under("sources").unwrap());
    // Quotes and dates, each still with its source, in reading order.
    let quoted: Vec<(String, usize, Option<String>, Option<i64>)> = store
        .quotes(None)
        .unwrap()
        .into_iter()
        .map(|q| (q.source, q.start, q.speaker, q.entity_id))
        .collect();
    assert_eq!(
        quoted,
        [
            ("hearing".into(), 5, Some("the clerk".into()), None),
            ("talks".into(), 10, Some("a delegate".into()), None),
            ("talks".into(), 60, Some("Anna Keller".into()), Some(7)),
        ]
    );
    let in_talks: Vec<(usize, usize)> = store
        .quotes(Some("talks"))
        .unwrap()
        .iter()
        .map(|q| (q.start, q.end))
        .collect();
    assert_eq!(in_talks, [(10, 40), (60, 90)]);
    assert!(store.quotes(Some("kept")).unwrap().is_empty());
    let dated: Vec<(String, String, Option<String>)> = store
        .dates(None)
        .unwrap()
        .into_iter()
        .map(|d| (d.source, d.text, d.value))
        .collect();
    assert_eq!(
        dated,
        [
            ("kept".into(), "Monday".into(), None),
            ("talks".into(), "2024".into(), Some("2024".into()))
        ]
    );
    assert_eq!(store.dates(Some("talks")).unwrap().len(), 1);
    // Mentions keep their source or note; the one of a gone source is dropped.
    let mentioned = |store: &Store| -> Vec<(String, String, usize)> {
        store
            .mentions(Some(7), None)
            .unwrap()
            .into_iter()
            .map(|m| (m.target_kind, m.target, m.part))
            .collect()
    };
    assert_eq!(
        mentioned(&store),
        [
            ("source".into(), "hearing".into(), 0),
            ("source".into(), "talks".into(), 1),
            ("note".into(), "Talks analysis.md".into(), 2),
        ]
    );
    assert_eq!(store.mention_parts("source", "talks").unwrap(), [(1, 7)]);
    assert_eq!(
        store.mentions_in("note", "Talks analysis.md").unwrap()[0].text,
        "Anna Keller"
    );
    assert!(store.mentions_in("source", "gone").unwrap().is_empty());
    let a = store.annotation("a-1").unwrap().unwrap();
    assert_eq!((a.start, a.end, a.exact.as_str()), (21, 33, "négociations"));
    assert_eq!(a.tags, ["draft"]);
    assert_eq!(a.comment, "the first draft");
    assert!(a.version_id.is_some());
    // A source written after the migration: its usual path is not stored.
    let mut store = store;
    let added = dossier_core::store::SourceRow {
        id: "added".into(),
        title: "Added".into(),
        outlet: None,
        author: None,
        published: None,
        url: None,
        path: "sources/added.md".into(),
        format: "txt".into(),
        hash: text::hash(&other),
        passages: 1,
        file_stamp: None,
        indexed_hash: None,
    };
    store
        .transaction(|tx| tx.insert_source(&added, &other))
        .unwrap();
    assert_eq!(
        store.source("added").unwrap().unwrap().path,
        "sources/added.md"
    );
    assert_eq!(
        store.source_text("added").unwrap().as_deref(),
        Some(&*other)
    );
    // A source deleted after the migration takes its versions, quotes and
    // dates with it (they refer to its key now).
    assert!(store.transaction(|tx| tx.delete_source("hearing")).unwrap());
    assert!(store.source("hearing").unwrap().is_none());
    assert_eq!(store.source_version_count("hearing").unwrap(), 0);
    assert_eq!(store.quotes(None).unwrap().len(), 2);
    assert_eq!(mentioned(&store).len(), 2, "its mentions went with it");
    assert!(store.integrity_check().unwrap().is_empty());
    drop(store);

    // On disk: the short texts packed, the long one and the odd path as they were.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let kinds: Vec<(String, String)> = conn
        .prepare(
            "SELECT s.id, typeof(v.text) FROM source_versions v
             JOIN sources s ON s.key = v.source_key ORDER BY v.id",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let kinds: Vec<(&str, &str)> = kinds
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("talks", "blob"),
            ("talks", "blob"),
            ("kept", "blob"),
            ("added", "blob")
        ]
    );
    // The references are integers, the unread times gone.
    let refs: Vec<String> = conn
        .prepare(
            "SELECT DISTINCT typeof(source_key) FROM source_versions
             UNION SELECT DISTINCT typeof(source_key) FROM quotes
             UNION SELECT DISTINCT typeof(source_key) FROM dates
             UNION SELECT DISTINCT typeof(source_key) FROM mentions WHERE note IS NULL",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(refs, ["integer"]);
    let unread: i64 = conn
        .query_row(
            "SELECT (SELECT count(*) FROM pragma_table_info('sources') WHERE name = 'imported_at')
                  + (SELECT count(*) FROM pragma_table_info('source_versions')
                     WHERE name = 'created_at')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(unread, 0);
    let paths: Vec<Option<String>> = conn
        .prepare("SELECT path FROM sources ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        paths,
        [None, Some("sources/elsewhere/kept.md".into()), None]
    );
    // Every hash of sources and versions kept as its 16 bytes, not 32 digits.
    let widths: Vec<(String, i64)> = conn
        .prepare(
            "SELECT typeof(hash) || typeof(indexed_hash) || typeof(mentions_hash)
                    || typeof(quotes_hash) || typeof(dates_hash),
                    length(hash) + length(indexed_hash) + length(mentions_hash)
                    + length(quotes_hash) + length(dates_hash)
             FROM sources WHERE id != 'added'
             UNION ALL SELECT typeof(hash), length(hash) FROM source_versions",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let five = ("blob".repeat(5), 80);
    let one = ("blob".to_string(), 16);
    assert_eq!(
        widths,
        [
            five.clone(),
            five,
            one.clone(),
            one.clone(),
            one.clone(),
            one
        ]
    );
}
