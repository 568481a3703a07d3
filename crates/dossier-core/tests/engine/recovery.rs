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
