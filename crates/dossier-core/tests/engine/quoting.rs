//! Who said what beyond the stored rows: `speaker:` and `kind:quote` in
//! search, a source's quotes by speaker, a quote made a highlight linked to
//! its speaker, speakers offered as suggestions, the entity page's quotes
//! and the exports' "who said what".

use std::path::Path;

use dossier_core::{ExportFormat, ExportOptions, HitKind, Notebook, Scope, QUOTE_TAG};

use crate::common::{copy_of_bundled, import, write};

const SEED: &str = "russia-nato-talks";

fn open() -> (tempfile::TempDir, Notebook) {
    let dir = copy_of_bundled();
    let nb = Notebook::open(dir.path()).unwrap();
    (dir, nb)
}

fn export(nb: &Notebook, out: &Path, scope: Scope) -> String {
    let report = nb
        .export_markdown(&ExportOptions {
            out: out.to_path_buf(),
            format: ExportFormat::Markdown,
            scope,
            template: None,
            vault: false,
        })
        .unwrap();
    let file = report
        .written
        .iter()
        .find(|p| !p.ends_with(".dossier-export.json"))
        .expect("a file written")
        .clone();
    std::fs::read_to_string(out.join(file)).unwrap()
}

/// The text of an escaped snippet.
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn speaker_search_finds_his_quotes_under_any_alias() {
    let (_d, nb) = open();
    let expected = nb.quotes(None, Some("Alexei Makarkin")).unwrap();
    assert!(expected.len() >= 2, "{expected:#?}");
    for q in [
        "speaker:\"Alexei Makarkin\"",
        "speaker:\"Alexey Makarkin\"",
        "speaker:makarkin",
        "SPEAKER:\"alexei makarkin\"",
    ] {
        let r = nb.search(q, 50).unwrap();
        assert_eq!(r.total, expected.len(), "{q}: {r:#?}");
        assert_eq!(r.hits.len(), expected.len(), "{q}");
        for h in &r.hits {
            assert_eq!(h.kind, HitKind::Quote, "{q}: {h:?}");
            assert_eq!(h.entity.as_deref(), Some("Alexei Makarkin"), "{h:?}");
            assert!(h.speaker.is_some(), "the speaker as written is shown");
            let want = expected
                .iter()
                .find(|e| Some(e.start) == h.start && Some(e.end) == h.end)
                .unwrap_or_else(|| panic!("{h:?} is one of his quotes"));
            // The snippet is the quote's words (escaped), not the passage's.
            let words: String = want.quote.chars().take(20).collect();
            assert!(
                unescape(&h.snippet).starts_with(&words),
                "{:?} vs {:?}",
                h.snippet,
                want.quote
            );
            assert_eq!(h.source.as_deref(), Some(SEED));
            assert!(h.passage.is_some(), "a quote opens at its passage");
        }
    }
    // Another speaker's quotes are not his.
    let other = nb.search("speaker:\"Sergei Kislitsyn\"", 50).unwrap();
    assert!(other.total >= 1, "{other:#?}");
    assert!(other
        .hits
        .iter()
        .all(|h| h.entity.as_deref() == Some("Sergei Kislitsyn")));
    // A speaker no quote has finds nothing; words narrow the quotes.
    assert_eq!(nb.search("speaker:\"Nobody Atall\"", 50).unwrap().total, 0);
    let narrowed = nb.search("speaker:makarkin pessimistic", 50).unwrap();
    assert!(
        narrowed.total >= 1 && narrowed.total < expected.len(),
        "{narrowed:#?}"
    );
    assert!(narrowed
        .hits
        .iter()
        .any(|h| h.snippet.contains("pessimistic")));
}

#[test]
fn kind_quote_finds_every_quote_and_bad_kinds_still_say_what_is_allowed() {
    let (_d, nb) = open();
    let all = nb.quotes(Some(SEED), None).unwrap();
    let r = nb.search("kind:quote", 100).unwrap();
    assert_eq!(r.total, all.len(), "{r:#?}");
    assert!(r.hits.iter().all(|h| h.kind == HitKind::Quote));
    // A description speaker is shown as written.
    assert!(r
        .hits
        .iter()
        .any(|h| h.speaker.as_deref() == Some("the source") && h.entity.is_none()));
    // A filter alone scores every quote alike: they come in reading order.
    let starts: Vec<usize> = r.hits.iter().filter_map(|h| h.start).collect();
    let mut sorted = starts.clone();
    sorted.sort_unstable();
    assert_eq!(starts, sorted);
    // The limit bounds the hits, not the total.
    let few = nb.search("kind:quote", 2).unwrap();
    assert_eq!(few.hits.len(), 2);
    assert_eq!(few.total, all.len());
    // A quote filter combined with other kinds: passages without quotes stay passages.
    let either = nb.search("Bucharest OR kind:quote", 100).unwrap();
    assert!(either.hits.iter().any(|h| h.kind == HitKind::Quote));
    let err = nb.search("kind:quotes", 10).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("unknown kind 'quotes'"), "{msg}");
    assert!(msg.contains("quote"), "{msg}");
    let forgiving = nb.search_forgiving("kind:bogus", 10).unwrap();
    assert!(forgiving.problem.is_some());
}

#[test]
fn quotes_are_grouped_by_speaker() {
    let (_d, nb) = open();
    let groups = nb.quotes_by_speaker(SEED).unwrap();
    let all = nb.quotes(Some(SEED), None).unwrap();
    assert_eq!(
        groups.iter().map(|g| g.quotes.len()).sum::<usize>(),
        all.len(),
        "every quote in one group"
    );
    // Both spellings and the resolved title are one group, named by the entity.
    let makarkin: Vec<_> = groups
        .iter()
        .filter(|g| g.entity.as_deref() == Some("Alexei Makarkin"))
        .collect();
    assert_eq!(makarkin.len(), 1, "{groups:#?}");
    assert_eq!(makarkin[0].speaker.as_deref(), Some("Alexei Makarkin"));
    assert_eq!(makarkin[0].speaker_kind.as_deref(), Some("named"));
    assert_eq!(
        makarkin[0].quotes.len(),
        nb.quotes(None, Some("Alexei Makarkin")).unwrap().len()
    );
    let described = groups
        .iter()
        .find(|g| g.speaker.as_deref() == Some("the source"))
        .expect("a description speaker has a group");
    assert_eq!(described.speaker_kind.as_deref(), Some("description"));
    assert_eq!(described.entity, None);
    // Most quotes first.
    assert!(groups
        .windows(2)
        .all(|w| w[1].speaker.is_none() || w[0].quotes.len() >= w[1].quotes.len()));
    assert!(nb.quotes_by_speaker("no-such-source").is_err());
}

#[test]
fn a_quote_becomes_a_highlight_linked_to_its_speaker() {
    let (_d, mut nb) = open();
    let q = nb
        .quotes(Some(SEED), Some("Alexei Makarkin"))
        .unwrap()
        .remove(0);
    let before = nb.annotations(Some(SEED)).unwrap().len();
    let a = nb.highlight_quote(SEED, q.start, q.end).unwrap();
    assert_eq!((a.start, a.end), (q.start, q.end));
    assert_eq!(a.exact, q.quote);
    assert_eq!(a.entities, vec!["Alexei Makarkin".to_string()]);
    assert!(a.tags.iter().any(|t| t == QUOTE_TAG), "{a:?}");
    assert_eq!(nb.annotations(Some(SEED)).unwrap().len(), before + 1);
    // The entity page now lists it among its annotations.
    let page = nb.entity_page("Makarkin").unwrap();
    assert!(page.annotations.iter().any(|x| x.id == a.id));
    // Again: the same highlight, not a second one.
    let again = nb.highlight_quote(SEED, q.start, q.end).unwrap();
    assert_eq!(again.id, a.id);
    assert_eq!(nb.annotations(Some(SEED)).unwrap().len(), before + 1);
    // A description speaker: a highlight with no entity.
    let d = nb.quotes(Some(SEED), Some("the source")).unwrap().remove(0);
    let h = nb.highlight_quote(SEED, d.start, d.end).unwrap();
    assert!(h.entities.is_empty());
    // A span that is no quote is refused, and nothing is written.
    let err = nb.highlight_quote(SEED, q.start, q.end + 1).unwrap_err();
    assert_eq!(err.code(), "not_found", "{err}");
    assert_eq!(nb.annotations(Some(SEED)).unwrap().len(), before + 2);
}

#[test]
fn unknown_speakers_are_suggested_with_their_quotes_and_accepting_links_them() {
    let (dir, mut nb) = open();
    let f = write(
        dir.path(),
        "in/strike.txt",
        "Dock workers walked out on Monday.\n\n\
         \u{201c}We will not load a single ship until the contract is signed,\u{201d} \
         said Orla Vantongeren, a union steward.\n\n\
         The port authority declined to comment.\n\n\
         \u{201c}We will see,\u{201d} said Tamsin.\n",
    );
    let report = import(&mut nb, &[f]).unwrap();
    let id = report.imported[0].id.clone();
    let q = nb.quotes(Some(&id), None).unwrap();
    assert_eq!(q.len(), 2, "{q:#?}");
    assert_eq!(q[0].speaker.as_deref(), Some("Orla Vantongeren"));
    assert_eq!(q[0].entity, None);
    let s = nb.suggest(&id).unwrap();
    let orla = s
        .iter()
        .find(|s| s.name == "Orla Vantongeren")
        .unwrap_or_else(|| panic!("the speaker is suggested: {s:#?}"));
    assert_eq!(orla.kind, "person");
    assert_eq!(
        orla.quotes,
        vec![q[0].quote.clone()],
        "the quote is the evidence"
    );
    // A speaker the text's own suggestions miss (one name, said once) is
    // suggested for being a speaker.
    assert_eq!(q[1].speaker.as_deref(), Some("Tamsin"), "{q:#?}");
    let tamsin = s
        .iter()
        .find(|s| s.name == "Tamsin")
        .unwrap_or_else(|| panic!("the lone speaker is suggested: {s:#?}"));
    assert_eq!(tamsin.kind, "person");
    assert_eq!(tamsin.quotes, vec![q[1].quote.clone()]);
    let everywhere = nb.suggest_all().unwrap();
    assert!(
        everywhere
            .iter()
            .any(|s| s.name == "Tamsin" && s.sources == vec![id.clone()]),
        "and in the notebook's suggestions: {everywhere:#?}"
    );
    nb.accept_suggestion(&id, "Orla Vantongeren", None).unwrap();
    let after = nb.quotes(Some(&id), None).unwrap();
    assert_eq!(after[0].entity.as_deref(), Some("Orla Vantongeren"));
    assert!(nb
        .suggest(&id)
        .unwrap()
        .iter()
        .all(|s| s.name != "Orla Vantongeren"));
    assert_eq!(nb.entity_quotes("Orla Vantongeren").unwrap().len(), 1);
}

#[test]
fn the_entity_page_lists_its_quotes() {
    let (_d, nb) = open();
    let page = nb.entity_page("Alexey Makarkin").unwrap();
    assert_eq!(
        page.quotes,
        nb.quotes(None, Some("Alexei Makarkin")).unwrap()
    );
    assert!(page.quotes.len() >= 2);
    assert!(page.quotes.iter().all(|q| q.source == SEED));
    let kyiv = nb.entity_page("Kyiv").unwrap();
    assert!(kyiv.quotes.is_empty(), "a place says nothing");
}

#[test]
fn exports_say_who_said_what() {
    let (_d, nb) = open();
    let out = tempfile::tempdir().unwrap();
    let entity = export(&nb, out.path(), Scope::Entity("Alexei Makarkin".into()));
    let quotes = nb.quotes(None, Some("Alexei Makarkin")).unwrap();
    assert!(
        entity.contains(&format!("## Quotes ({})", quotes.len())),
        "{entity}"
    );
    let section = entity
        .split("## Quotes")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    let title = nb.source(SEED).unwrap().meta.title;
    for q in &quotes {
        let first: String = q.quote.chars().take(30).collect();
        let line = section
            .lines()
            .find(|l| l.starts_with("- ") && l.contains(&first))
            .unwrap_or_else(|| panic!("{first:?} in {entity}"));
        assert!(line.contains(&title), "cited by its source: {line}");
        assert!(line.contains('¶'), "and its paragraph: {line}");
        if q.kind == "direct" {
            assert!(line.starts_with("- “"), "a direct quote in marks: {line}");
        } else {
            assert!(
                line.contains("(reported"),
                "reported speech said so: {line}"
            );
        }
    }
    let out2 = tempfile::tempdir().unwrap();
    let source = export(&nb, out2.path(), Scope::Source(SEED.into()));
    let said = source
        .split("## Who said what")
        .nth(1)
        .unwrap_or_else(|| panic!("a who-said-what section: {source}"));
    let said = said.split("## Text").next().unwrap();
    assert!(said.contains("### Alexei Makarkin\n"), "{said}");
    assert!(said.contains("### Sergei Kislitsyn\n"), "{said}");
    assert!(said.contains("### the source (description)"), "{said}");
    let items = said
        .lines()
        .filter(|l| l.starts_with("- ") && l.contains('¶'))
        .count();
    assert_eq!(items, nb.quotes(Some(SEED), None).unwrap().len(), "{said}");
}
