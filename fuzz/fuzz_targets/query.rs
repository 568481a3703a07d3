//! The query language: the strict parse never panics (it answers a tree or
//! a syntax error with a position inside the query), the lenient parse never
//! fails when the query has a word, and running either against a real index
//! never panics and never answers a syntax error for the lenient search.
#![no_main]

use std::sync::{Mutex, OnceLock};

use dossier_core::query::{parse, parse_lenient};
use dossier_core::{Error, Notebook};
use libfuzzer_sys::fuzz_target;

struct Fixture {
    _dir: tempfile::TempDir,
    nb: Notebook,
}

fn notebook() -> &'static Mutex<Fixture> {
    static NB: OnceLock<Mutex<Fixture>> = OnceLock::new();
    NB.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let text = dir.path().join("talks.txt");
        std::fs::write(
            &text,
            "Talks in Geneva\n\nNATO and Russia met in Geneva; Stoltenberg spoke of negotiations.\n\n\
             Kyiv (Kiev) and Tromsø: diacritics, \"quotes\", and 100% symbols.\n",
        )
        .expect("write");
        std::fs::create_dir_all(dir.path().join("nb")).expect("mkdir");
        let mut nb = Notebook::open(dir.path().join("nb")).expect("open");
        nb.import(&[text], &Default::default(), &mut |_| {}).expect("import");
        Mutex::new(Fixture { _dir: dir, nb })
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(q) = std::str::from_utf8(data) else {
        return;
    };
    match parse(q) {
        Ok(_) => {}
        Err(Error::QuerySyntax { position, .. }) => {
            assert!(
                position <= q.chars().count(),
                "position {position} past the end of {q:?}"
            )
        }
        Err(e) => panic!("parse answered {e:?} for {q:?}"),
    }
    let has_word = q
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| !w.is_empty() && !matches!(w, "AND" | "OR" | "NOT"));
    let lenient = parse_lenient(q);
    assert!(
        lenient.is_some() || !has_word,
        "lenient parse dropped every word of {q:?}"
    );
    let fx = notebook().lock().unwrap_or_else(|p| p.into_inner());
    let _ = fx.nb.search(q, 5);
    match fx.nb.search_lenient(q, 5) {
        Ok(_) => {}
        Err(e) => panic!("lenient search failed for {q:?}: {e}"),
    }
});
