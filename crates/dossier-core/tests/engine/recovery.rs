//! The index is derived: deleted or damaged, it is rebuilt; the store is
//! the truth and is never overwritten when it is not ours.

use dossier_core::Notebook;

use crate::common::{copy_of_bundled, snapshot, write};

#[test]
fn a_deleted_index_is_rebuilt_on_open() {
    let dir = copy_of_bundled();
    let before = snapshot(&Notebook::open(dir.path()).unwrap());
    std::fs::remove_dir_all(dir.path().join(".dossier/index")).unwrap();
    let nb = Notebook::open(dir.path()).unwrap();
    assert!(nb.last_sync().index_rebuilt);
    assert_eq!(snapshot(&nb), before);
    assert!(nb.check().unwrap().problems.is_empty());
}

#[test]
fn a_corrupted_index_is_rebuilt_on_open() {
    let dir = copy_of_bundled();
    let before = snapshot(&Notebook::open(dir.path()).unwrap());
    let index = dir.path().join(".dossier/index");
    // Garbage in the index's metadata, and every segment file truncated.
    std::fs::write(index.join("meta.json"), b"{ this is not json").unwrap();
    for e in std::fs::read_dir(&index).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "idx" || x == "store") {
            std::fs::write(&p, b"x").unwrap();
        }
    }
    let nb = Notebook::open(dir.path()).unwrap();
    assert!(nb.last_sync().index_rebuilt);
    assert_eq!(snapshot(&nb), before);

    // Damaged segments under intact metadata are caught too.
    drop(nb);
    for e in std::fs::read_dir(&index).unwrap() {
        let p = e.unwrap().path();
        if p.extension()
            .is_some_and(|x| x == "idx" || x == "pos" || x == "term")
        {
            std::fs::write(&p, b"garbage").unwrap();
        }
    }
    let nb = Notebook::open(dir.path()).unwrap();
    assert!(nb.last_sync().index_rebuilt);
    assert_eq!(snapshot(&nb), before);
}

#[test]
fn a_foreign_database_is_refused_and_left_untouched() {
    let dir = copy_of_bundled();
    let db = dir.path().join(".dossier/dossier.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    std::fs::write(&db, b"these are somebody's precious bytes, not a database").unwrap();
    let err = Notebook::open(dir.path()).err().expect("refused");
    assert_eq!(err.code(), "corrupt");
    assert!(err.to_string().contains("dossier.db"), "{err}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        b"these are somebody's precious bytes, not a database",
        "never overwritten"
    );
}

#[test]
fn an_edited_source_keeps_its_old_version() {
    let dir = copy_of_bundled();
    let nb = Notebook::open(dir.path()).unwrap();
    assert_eq!(nb.source("russia-nato-talks").unwrap().versions, 1);
    drop(nb);
    let path = dir.path().join("sources/russia-nato-talks.md");
    let text = std::fs::read_to_string(&path).unwrap();
    write(
        dir.path(),
        "sources/russia-nato-talks.md",
        text.replace("Bucharest", "Bucuresti"),
    );
    let nb = Notebook::open(dir.path()).unwrap();
    let s = nb.source("russia-nato-talks").unwrap();
    assert_eq!(s.versions, 2, "every version is kept in the store");
    assert!(s.text.contains("Bucuresti"));
    assert_eq!(
        nb.search("Bucharest kind:source", 10).unwrap().total,
        0,
        "the index follows the file"
    );
    assert!(nb.search("Bucuresti", 10).unwrap().total >= 1);
    assert!(nb.check().unwrap().problems.is_empty());
}

#[test]
fn reindex_and_check_agree() {
    let dir = copy_of_bundled();
    let mut nb = Notebook::open(dir.path()).unwrap();
    let before = snapshot(&nb);
    nb.reindex().unwrap();
    assert_eq!(snapshot(&nb), before);
    let report = nb.check().unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.index_documents > 15);
}

#[test]
fn opening_something_that_is_not_a_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "f.txt", "x");
    let err = Notebook::open(&file).err().expect("refused");
    assert_eq!(err.code(), "bad_input");
    let err = Notebook::open(dir.path().join("nope"))
        .err()
        .expect("refused");
    assert!(err.to_string().contains("no such notebook folder"), "{err}");
}

/// Keeps a database's first page (header, schema) and overwrites the rest.
fn damage_after_first_page(db: &std::path::Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap();
    let page = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65_536,
        n => n as usize,
    };
    assert!(bytes.len() > page * 2, "a store of several pages");
    let mut x = 0x9E37_79B9u32;
    for b in &mut bytes[page..] {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        *b = x as u8;
    }
    std::fs::write(db, &bytes).unwrap();
    bytes
}

#[test]
fn a_damaged_database_is_refused_and_left_untouched() {
    let dir = copy_of_bundled();
    drop(Notebook::open(dir.path()).unwrap());
    let db = dir.path().join(".dossier/dossier.db");
    assert!(
        !dir.path().join(".dossier/dossier.db-wal").exists()
            || std::fs::metadata(dir.path().join(".dossier/dossier.db-wal"))
                .unwrap()
                .len()
                == 0,
        "closing checkpoints the log into the database"
    );
    let damaged = damage_after_first_page(&db);
    let err = Notebook::open(dir.path()).err().expect("refused");
    let msg = err.to_string();
    assert_eq!(err.code(), "corrupt", "{msg}");
    assert!(
        msg.contains("dossier.db") && msg.contains("damaged"),
        "says which file and what is wrong: {msg}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), damaged, "never overwritten");
    // A second try says the same and still writes nothing.
    let again = Notebook::open(dir.path()).err().expect("refused again");
    assert_eq!(again.code(), "corrupt");
    assert_eq!(std::fs::read(&db).unwrap(), damaged);
}

#[test]
fn a_truncated_database_is_refused_and_left_untouched() {
    let dir = copy_of_bundled();
    drop(Notebook::open(dir.path()).unwrap());
    let db = dir.path().join(".dossier/dossier.db");
    let bytes = std::fs::read(&db).unwrap();
    std::fs::write(&db, &bytes[..bytes.len() / 3]).unwrap();
    let err = Notebook::open(dir.path()).err().expect("refused");
    assert_eq!(err.code(), "corrupt", "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), &bytes[..bytes.len() / 3]);
}

#[test]
fn another_programs_sqlite_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(".dossier/dossier.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos (name) VALUES ('holiday');")
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let err = Notebook::open(dir.path()).err().expect("refused");
    assert_eq!(err.code(), "corrupt");
    assert!(err.to_string().contains("not a Dossier store"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "never overwritten");
}

#[test]
fn a_damaged_index_segment_is_rebuilt_and_check_finds_damage() {
    let dir = copy_of_bundled();
    let before = snapshot(&Notebook::open(dir.path()).unwrap());
    let index = dir.path().join(".dossier/index");
    // Flip bytes at the start of every document store file (its first block
    // of documents: the middle of a small one can be its skip index, read
    // on open): the checksum breaks.
    for e in std::fs::read_dir(&index).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "store") {
            let mut b = std::fs::read(&p).unwrap();
            let end = 8.min(b.len());
            for x in &mut b[..end] {
                *x ^= 0xFF;
            }
            std::fs::write(&p, b).unwrap();
        }
    }
    // The store files' checksums are read lazily, so opening does not see the
    // damage and keeps the index; `check` verifies every file and names each
    // damaged one, and a reindex clears the problem.
    let mut nb = Notebook::open(dir.path()).unwrap();
    assert!(
        !nb.last_sync().index_rebuilt,
        "opening does not read the stores' checksums"
    );
    let mut damaged: Vec<String> = std::fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "store"))
        .map(|p| {
            format!(
                "index file {} is damaged",
                p.file_name().unwrap().to_string_lossy()
            )
        })
        .collect();
    damaged.sort();
    assert!(!damaged.is_empty(), "the bundled index has store files");
    let mut problems = nb.check().unwrap().problems;
    problems.sort();
    assert_eq!(problems, damaged, "check names exactly the damaged files");
    nb.reindex().unwrap();
    assert!(nb.check().unwrap().problems.is_empty());
    assert_eq!(snapshot(&Notebook::open(dir.path()).unwrap()), before);
}
