//! Search: the query language, ranking, snippets, filters.

use dossier_core::{Error, HitKind, Notebook};

use crate::common::{copy_of_bundled, import, write};

fn open() -> (tempfile::TempDir, Notebook) {
    let dir = copy_of_bundled();
    let nb = Notebook::open(dir.path()).unwrap();
    (dir, nb)
}

#[test]
fn bucharest_summit_finds_the_seed_passage_with_marks() {
    let (_d, nb) = open();
    let r = nb.search("\"Bucharest summit\"", 10).unwrap();
    let hit = r
        .hits
        .iter()
        .find(|h| h.kind == HitKind::Source)
        .expect("a source passage");
    assert_eq!(hit.source.as_deref(), Some("russia-nato-talks"));
    assert!(
        hit.snippet.contains("<mark>Bucharest summit</mark>"),
        "{}",
        hit.snippet
    );
    let s = nb.source("russia-nato-talks").unwrap();
    let p = &s.passages[hit.passage.unwrap()];
    assert_eq!((hit.start, hit.end), (Some(p.start), Some(p.end)));
    assert!(p.text.contains("2008 Bucharest summit"));
}

#[test]
fn a_phrase_is_narrower_than_its_words() {
    let (dir, mut nb) = open();
    let files = tempfile::tempdir().unwrap();
    let _ = dir;
    import(
        &mut nb,
        &[write(
            files.path(),
            "x.txt",
            "The summit was not in Bucharest.\n\nSomething else.\n",
        )],
    )
    .unwrap();
    let words = nb.search("Bucharest summit", 50).unwrap();
    let phrase = nb.search("\"Bucharest summit\"", 50).unwrap();
    assert!(phrase.total >= 1);
    assert!(
        words.total > phrase.total,
        "words {} vs phrase {}",
        words.total,
        phrase.total
    );
    assert!(words
        .hits
        .iter()
        .any(|h| h.snippet.contains("not in <mark>Bucharest</mark>")));
    assert!(!phrase.hits.iter().any(|h| h.snippet.contains("not in")));
}

#[test]
fn stemming_boolean_and_parentheses() {
    let (_d, nb) = open();
    let negotiation = nb.search("negotiation", 50).unwrap().total;
    let negotiations = nb.search("negotiations", 50).unwrap().total;
    assert!(negotiation > 0);
    assert_eq!(
        negotiation, negotiations,
        "English stems: singular and plural match alike"
    );
    let georgia = nb.search("Georgia", 50).unwrap().total;
    let both = nb.search("Georgia AND China", 50).unwrap().total;
    let either = nb.search("Georgia OR China", 50).unwrap().total;
    let without = nb.search("Georgia -Ukraine", 50).unwrap().total;
    let not = nb.search("Georgia NOT Ukraine", 50).unwrap().total;
    assert!(both <= georgia && georgia <= either);
    assert!(either > georgia, "OR widens");
    assert_eq!(without, not, "'-' and NOT are the same");
    assert!(
        without < georgia,
        "NOT narrows: every Georgia passage but one names Ukraine too"
    );
    let grouped = nb.search("(Georgia OR China) kind:source", 50).unwrap();
    assert_eq!(
        grouped.total,
        nb.search("Georgia kind:source", 50).unwrap().total
            + nb.search("China kind:source -Georgia", 50).unwrap().total
    );
}

#[test]
fn prefix_and_fuzzy() {
    let (_d, nb) = open();
    let prefix = nb.search("Bucha*", 10).unwrap();
    assert!(prefix.total >= 1);
    assert!(
        prefix
            .hits
            .iter()
            .any(|h| h.snippet.contains("<mark>Bucharest</mark>")),
        "prefix matches are highlighted"
    );
    let fuzzy = nb.search("Stoltenbreg~", 10).unwrap();
    assert!(fuzzy.total >= 1, "one transposition away from Stoltenberg");
    assert!(
        fuzzy
            .hits
            .iter()
            .any(|h| h.snippet.contains("<mark>Stoltenberg</mark>")),
        "{:?}",
        fuzzy.hits
    );
    assert_eq!(
        nb.search("Stoltenbreg", 10).unwrap().total,
        0,
        "without ~ the typo finds nothing"
    );
    assert!(
        nb.search("negotiat*", 10).unwrap().total >= 3,
        "a prefix matches unstemmed words"
    );
}

/// A fuzzy word matches every word within its edits in every segment of
/// the index (one import a segment here), each scored alike, and nothing
/// further away; the words found are marked.
#[test]
fn a_fuzzy_word_matches_its_neighbours_in_every_segment() {
    let (_d, mut nb) = open();
    let files = tempfile::tempdir().unwrap();
    for (i, word) in ["quorstel", "quorstal", "qourstel", "quorsteel", "quorxtxl"]
        .iter()
        .enumerate()
    {
        let f = write(
            files.path(),
            &format!("f{i}.txt"),
            format!("Fuzzy file {i}\n\nThe report names {word} twice: {word}.\n"),
        );
        import(&mut nb, &[f]).unwrap();
    }
    let one = nb.search("quorstel~1", 20).unwrap();
    // quorstel itself, quorstal (a substitution), qourstel (a transposition),
    // quorsteel (an insertion); not quorxtxl (two substitutions).
    assert_eq!(one.total, 4, "{:?}", one.hits);
    let two = nb.search("quorstel~2", 20).unwrap();
    assert_eq!(two.total, 5, "{:?}", two.hits);
    let scores: Vec<f32> = one.hits.iter().map(|h| h.score).collect();
    assert!(
        scores.windows(2).all(|w| (w[0] - w[1]).abs() < 1e-6),
        "an edit-distance match scores alike: {scores:?}"
    );
    assert!(one
        .hits
        .iter()
        .any(|h| h.snippet.contains("<mark>qourstel</mark>")));
    assert_eq!(nb.search("quorstel~1 kind:note", 20).unwrap().total, 0);
}

#[test]
fn kind_source_and_title_filters() {
    let (_d, nb) = open();
    let notes = nb.search("Bucharest kind:note", 50).unwrap();
    assert!(notes.total >= 1);
    assert!(notes
        .hits
        .iter()
        .all(|h| h.kind == HitKind::Note && h.path.is_some()));
    let sources = nb.search("Bucharest kind:source", 50).unwrap();
    assert!(sources.total >= 1);
    assert!(sources.hits.iter().all(|h| h.kind == HitKind::Source));
    let annotations = nb.search("Bucharest kind:annotation", 50).unwrap();
    assert!(annotations
        .hits
        .iter()
        .all(|h| h.kind == HitKind::Annotation));
    let all = nb.search("Bucharest", 50).unwrap();
    assert_eq!(all.total, notes.total + sources.total + annotations.total);
    let by_source = nb.search("source:russia-nato-talks missiles", 50).unwrap();
    assert!(by_source.total >= 1);
    assert!(by_source
        .hits
        .iter()
        .all(|h| h.source.as_deref() == Some("russia-nato-talks")));
    assert_eq!(
        nb.search("source:nothing-like-this missiles", 50)
            .unwrap()
            .total,
        0
    );
    let titled = nb.search("title:scenarios", 50).unwrap();
    assert!(
        !titled.hits.is_empty(),
        "the note titled with \"scenarios\" is found"
    );
    assert!(
        titled
            .hits
            .iter()
            .all(|h| h.title.to_lowercase().contains("scenarios")),
        "{:?}",
        titled.hits
    );
}

#[test]
fn bad_syntax_says_where_and_lenient_search_still_answers() {
    let (_d, nb) = open();
    match nb.search("Bucharest (summit", 10) {
        Err(Error::QuerySyntax {
            position, message, ..
        }) => {
            assert_eq!(position, 10, "{message}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
    let err = nb.search("\"Bucharest summit", 10).unwrap_err();
    assert_eq!(err.code(), "query_syntax");
    assert!(err.to_string().contains("character 0"), "{err}");
    let lenient = nb.search_lenient("\"Bucharest summit", 10).unwrap();
    assert!(lenient.total >= 1, "the lenient parse reads the words");
    assert_eq!(nb.search("", 10).unwrap().total, 0);
}

#[test]
fn snippets_escape_html() {
    let (_d, mut nb) = open();
    let files = tempfile::tempdir().unwrap();
    import(
        &mut nb,
        &[write(
            files.path(),
            "x.md",
            "# T\n\nA <script>alert('zebra')</script> & more zebra.\n",
        )],
    )
    .unwrap();
    let r = nb.search("zebra", 10).unwrap();
    let s = &r.hits[0].snippet;
    assert!(!s.contains("<script>"), "{s}");
    assert!(s.contains("&lt;script&gt;"), "{s}");
    let stripped = s.replace("<mark>", "").replace("</mark>", "");
    assert!(!stripped.contains('<'), "only <mark> is markup: {s}");
}

#[test]
fn a_changed_note_is_searchable_after_reopen() {
    let (dir, nb) = open();
    assert_eq!(nb.search("narwhal", 10).unwrap().total, 0);
    drop(nb);
    write(
        dir.path(),
        "Two scenarios.md",
        "# Two scenarios\n\nA narwhal appears.\n",
    );
    write(dir.path(), "drafts/new.md", "# New\n\nAnother narwhal.\n");
    let nb = Notebook::open(dir.path()).unwrap();
    assert_eq!(
        nb.last_sync().notes_changed,
        2,
        "only the changed and the new note are read again"
    );
    assert_eq!(nb.search("narwhal", 10).unwrap().total, 2);
    assert!(nb.check().unwrap().problems.is_empty());
}

/// Found by the query fuzz target: excluding a phrase (`-"nato nato"`)
/// tripped an assertion in tantivy's phrase scorer (a panic in debug builds).
#[test]
fn an_excluded_phrase_is_searched_not_a_panic() {
    let dir = crate::common::copy_of_bundled();
    let nb = dossier_core::Notebook::open(dir.path()).unwrap();
    let all = nb.search("nato", 100).unwrap().total;
    let with = nb
        .search("nato \"security guarantees\"", 100)
        .unwrap()
        .total;
    let without = nb
        .search("nato -\"security guarantees\"", 100)
        .unwrap()
        .total;
    assert!(with > 0 && without > 0, "{with} {without}");
    assert_eq!(with + without, all, "the exclusion is exact");
    for q in [
        "-\"nato nato\"",
        "NOT \"nato russia\"",
        "-\u{1}nato\0-\u{1}nato\0\0[\0\u{12}\0[\0\u{12}",
    ] {
        nb.search(q, 5).unwrap();
    }
}

#[test]
fn a_query_with_bad_syntax_is_searched_as_words_with_a_typed_problem() {
    use dossier_core::QueryProblemKind as K;
    let dir = copy_of_bundled();
    let nb = Notebook::open(dir.path()).unwrap();
    for (q, kind, words) in [
        ("\"Bucharest summit", K::UnclosedQuote, true),
        ("(Bucharest OR NATO", K::Parenthesis, true),
        ("Bucharest )", K::Parenthesis, true),
        ("NATO OR", K::MissingOperand, true),
        ("NATO kind:", K::FieldValue, false),
        ("NATO kind:planet", K::FieldValue, false),
        ("colour:red NATO", K::UnknownField, false),
    ] {
        let s = nb.search_forgiving(q, 10).unwrap();
        let p = s.problem.unwrap_or_else(|| panic!("{q:?} has a problem"));
        assert_eq!(p.kind, kind, "{q:?}: {}", p.message);
        assert_eq!(p.explanation, kind.explanation());
        if words {
            assert!(
                !s.results.hits.is_empty(),
                "{q:?}: its words are still searched"
            );
        }
    }
    let s = nb.search_forgiving("\"Bucharest summit\"", 10).unwrap();
    assert!(s.problem.is_none() && !s.results.hits.is_empty());
    let blank = nb.search_forgiving("   ", 10).unwrap();
    assert!(blank.problem.is_none() && blank.results.hits.is_empty());
}

/// The marked runs of a snippet, in order.
fn marks(snippet: &str) -> Vec<&str> {
    snippet
        .split("<mark>")
        .skip(1)
        .map(|s| s.split("</mark>").next().unwrap())
        .collect()
}

/// The snippet without its marks and escapes (what the reader sees).
fn plain(snippet: &str) -> String {
    snippet
        .replace("<mark>", "")
        .replace("</mark>", "")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[test]
fn a_phrase_snippet_holds_the_whole_phrase_in_one_mark_run() {
    let (_d, nb) = open();
    // Every word of the phrase occurs elsewhere in its passage ("the" and
    // "of" many times, "issue" in "issues"); only the phrase is marked.
    let r = nb.search("\"the issue of guarantees\"", 10).unwrap();
    let hit = r
        .hits
        .iter()
        .find(|h| h.kind == HitKind::Source)
        .expect("the passage of the phrase");
    let s = nb.source("russia-nato-talks").unwrap();
    let passage = &s.passages[hit.passage.unwrap()].text;
    assert!(
        passage.matches(" the ").count() >= 3 && passage.contains("issues"),
        "the words stand elsewhere in the passage: {passage}"
    );
    assert_eq!(
        marks(&hit.snippet),
        vec!["the issue of guarantees"],
        "one run, the phrase: {}",
        hit.snippet
    );
}

#[test]
fn a_term_snippet_is_the_fragment_around_its_match() {
    let (_d, nb) = open();
    let r = nb.search("canceled", 10).unwrap();
    let hit = r
        .hits
        .iter()
        .find(|h| h.kind == HitKind::Source)
        .expect("a source passage");
    let s = nb.source("russia-nato-talks").unwrap();
    let passage = &s.passages[hit.passage.unwrap()].text;
    let at = passage.find("canceled").unwrap();
    assert!(at > 300, "the word is deep in its passage: at {at}");
    assert_eq!(marks(&hit.snippet), vec!["canceled"], "{}", hit.snippet);
    let text = plain(&hit.snippet);
    assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
    let (before, after) = text.split_once("canceled").unwrap();
    assert!(
        before.chars().count() >= 40 && after.chars().count() >= 40,
        "context on both sides of the match: {text}"
    );
    let inner = text.trim_matches('…');
    assert!(
        passage.contains(inner),
        "a fragment of the passage: {inner}"
    );
    assert!(
        inner.chars().count() <= 180,
        "at most 180 characters: {inner}"
    );
}

#[test]
fn the_fragment_holds_the_words_that_stand_together() {
    let (dir, mut nb) = open();
    let files = tempfile::tempdir().unwrap();
    let _ = dir;
    // "missiles" opens the passage, three times but alone; "missiles" and "deployment" stand
    // together near its end: the fragment shows them together.
    let s = nb.source("russia-nato-talks").unwrap();
    let paragraph = s
        .passages
        .iter()
        .map(|p| p.text.as_str())
        .find(|t| t.contains("deployment of missiles"))
        .expect("the paragraph of the arms race")
        .to_string();
    let text = format!("Missiles, missiles and more missiles were left out. {paragraph}\n");
    import(&mut nb, &[write(files.path(), "arms.txt", &text)]).unwrap();
    let r = nb.search("missiles deployment kind:source", 20).unwrap();
    let hit = r
        .hits
        .iter()
        .find(|h| h.source.is_some() && h.source.as_deref() != Some("russia-nato-talks"))
        .expect("the imported passage");
    assert!(
        !hit.snippet.contains("were left out"),
        "the lone word at the start is not the fragment: {}",
        hit.snippet
    );
    assert!(
        hit.snippet
            .contains("<mark>deployment</mark> of <mark>missiles</mark>"),
        "{}",
        hit.snippet
    );
}

/// The index keeps no copy of a source passage's text: the snippet is cut
/// from the store's text at the passage's bounds, which count characters,
/// so text in other scripts before the passage must not shift it.
#[test]
fn a_source_snippet_is_the_passage_read_from_the_store() {
    let (_dir, mut nb) = open();
    let files = tempfile::tempdir().unwrap();
    let p = write(
        files.path(),
        "scripts.txt",
        "Заголовок — «Привет, мир» ещё раз.\n\nΚαλημέρα κόσμε, ἀγαθή ἡμέρα.\n\n\
         The quartermaster counted zeppelins over Tbilisi.\n",
    );
    import(&mut nb, &[p]).unwrap();
    let r = nb.search("zeppelins", 10).unwrap();
    let hit = r
        .hits
        .iter()
        .find(|h| h.kind == HitKind::Source)
        .expect("a source passage");
    assert_eq!(hit.passage, Some(2));
    assert_eq!(
        plain(&hit.snippet),
        "The quartermaster counted zeppelins over Tbilisi.",
        "{}",
        hit.snippet
    );
    assert_eq!(marks(&hit.snippet), ["zeppelins"]);
}
