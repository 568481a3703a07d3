//! Entities: mentions under every spelling, acronyms, merges, suggestions,
//! `entity:` search, on copies of the bundled notebook.

use dossier_core::{AnnotationEdit, EntityEdit, HitKind, NewAnnotation, NewEntity, Notebook};

use crate::common::{copy_of_bundled, write};

fn open() -> (tempfile::TempDir, Notebook) {
    let dir = copy_of_bundled();
    let nb = Notebook::open(dir.path()).unwrap();
    (dir, nb)
}

#[test]
fn the_bundled_entities_are_known_with_their_mentions() {
    let (_d, nb) = open();
    let all = nb.entities().unwrap();
    assert!(
        all.len() >= 20,
        "the seed article's entities ship with the notebook"
    );
    let nato = nb.entity("NATO").unwrap();
    assert_eq!(nato.kind, "organisation");
    assert_eq!(nato.external_id.as_deref(), Some("Q7184"));
    assert!(nato.mentions >= 10);
    assert_eq!(
        nb.entity("north atlantic alliance").unwrap().id,
        nato.id,
        "found by alias, any case"
    );
}

#[test]
fn both_spellings_of_one_person_are_his_mentions() {
    let (_d, nb) = open();
    let page = nb.entity_page("Alexei Makarkin").unwrap();
    let in_seed: Vec<&str> = page
        .mentions
        .iter()
        .filter(|m| m.source.as_deref() == Some("russia-nato-talks"))
        .map(|m| m.text.as_str())
        .collect();
    assert!(in_seed.contains(&"Alexei Makarkin"), "{in_seed:?}");
    assert!(
        in_seed.contains(&"Alexey Makarkin"),
        "the variant table folds Alexey into Alexei: {in_seed:?}"
    );
    let seed = nb.source("russia-nato-talks").unwrap();
    for m in page.mentions.iter().filter(|m| m.source.is_some()) {
        let got: String = seed
            .text
            .chars()
            .skip(m.start)
            .take(m.end - m.start)
            .collect();
        assert_eq!(got, m.text, "mention spans count characters");
        assert!(!m.before.is_empty() || m.start == 0, "keyword in context");
    }
    assert!(
        page.mentions.iter().any(|m| m.path.is_some()),
        "mentions in notes too"
    );
    assert!(page.cooccurring.iter().any(|(n, c)| n == "NATO" && *c >= 1));
}

#[test]
fn us_is_the_united_states_but_us_is_not() {
    let (_d, nb) = open();
    let page = nb.entity_page("United States").unwrap();
    let texts: Vec<&str> = page.mentions.iter().map(|m| m.text.as_str()).collect();
    assert!(
        texts.iter().filter(|t| **t == "US").count() >= 2,
        "{texts:?}"
    );
    assert!(
        !texts.contains(&"us"),
        "\"Follow us on Google News\" is not the United States: {texts:?}"
    );
    let seed = nb.source("russia-nato-talks").unwrap();
    assert!(
        seed.text.contains("Follow us on"),
        "the seed has the lowercase word"
    );
}

#[test]
fn entity_search_finds_a_passage_that_uses_only_an_alias() {
    let (_d, nb) = open();
    let r = nb.search("entity:Kyiv kind:source", 10).unwrap();
    assert!(r.total >= 2);
    for h in &r.hits {
        assert!(h.snippet.contains("<mark>Kiev</mark>"), "{}", h.snippet);
        assert!(!h.snippet.contains("Kyiv"));
    }
    let by_alias = nb.search("entity:Kiev", 10).unwrap();
    assert_eq!(by_alias.total, nb.search("entity:Kyiv", 10).unwrap().total);
    let phrase = nb
        .search("entity:\"Alexei Makarkin\" kind:source", 10)
        .unwrap();
    assert_eq!(phrase.total, 2, "the passage with \"Alexey\" is found too");
    let snippets: Vec<&str> = phrase.hits.iter().map(|h| h.snippet.as_str()).collect();
    assert!(
        snippets
            .iter()
            .any(|s| s.contains("<mark>Alexey Makarkin</mark>")),
        "the spelling the gazetteer matched is marked, as one name: {snippets:?}"
    );
    assert!(
        snippets
            .iter()
            .any(|s| s.contains("<mark>Alexei Makarkin</mark>")),
        "{snippets:?}"
    );
    let err = nb.search("entity:Nobody", 10).unwrap_err();
    assert_eq!(err.code(), "not_found");
    // Found by the query fuzz target: the lenient search (the search box
    // while typing) failed on a name not (yet) known; it finds nothing.
    assert_eq!(nb.search_lenient("entity:Nobod", 10).unwrap().total, 0);
    assert_eq!(
        nb.search_lenient("Kyiv entity:\"Alexei Makark\"", 10)
            .unwrap()
            .total,
        0
    );
}

#[test]
fn names_are_validated() {
    let (_d, mut nb) = open();
    let e = |name: &str, kind: &str, aliases: &[&str]| NewEntity {
        name: name.into(),
        kind: kind.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        ..NewEntity::default()
    };
    assert!(nb.add_entity(e("  ", "person", &[])).is_err());
    let err = nb.add_entity(e("Kartapolov", "general", &[])).unwrap_err();
    assert!(err.to_string().contains("unknown kind"), "{err}");
    let err = nb
        .add_entity(e("Kiev city", "place", &["Kyiv"]))
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("already used by the entity \"Kyiv\""),
        "{err}"
    );
    let err = nb
        .add_entity(e("alexey makarkin", "person", &[]))
        .unwrap_err();
    assert!(
        err.to_string().contains("Alexei Makarkin"),
        "a spelling variant clashes too: {err}"
    );
    let k = nb
        .add_entity(e("Kartapolov", "person", &["General Kartapolov"]))
        .unwrap();
    assert_eq!(k.mentions, 1);
    let renamed = nb
        .edit_entity(
            "Kartapolov",
            EntityEdit {
                name: Some("Andrey Kartapolov".into()),
                add_aliases: vec!["Kartapolov".into()],
                external_id: Some("Q4136797".into()),
                ..EntityEdit::default()
            },
        )
        .unwrap();
    assert_eq!(renamed.name, "Andrey Kartapolov");
    assert_eq!(renamed.mentions, 1, "found under its alias");
}

#[test]
fn a_merge_moves_every_link_and_mention() {
    let (_d, mut nb) = open();
    let other = nb
        .add_entity(NewEntity {
            name: "IMEMO RAS".into(),
            kind: "organisation".into(),
            ..NewEntity::default()
        })
        .unwrap();
    assert!(other.mentions >= 1);
    let a = nb
        .annotate(
            "russia-nato-talks",
            NewAnnotation {
                quote: Some(
                    "head of the Center for the Study of Strategic Planning at IMEMO RAS".into(),
                ),
                entities: vec!["IMEMO RAS".into(), "Kislitsyn".into()],
                ..NewAnnotation::default()
            },
        )
        .unwrap();
    assert_eq!(a.entities.len(), 2);
    let keep = nb
        .add_entity(NewEntity {
            name: "Primakov Institute".into(),
            kind: "organisation".into(),
            aliases: vec!["IMEMO".into()],
            ..NewEntity::default()
        })
        .unwrap();
    let before = keep.mentions;
    let merged = nb
        .merge_entities("Primakov Institute", "IMEMO RAS")
        .unwrap();
    assert!(
        merged.aliases.contains(&"IMEMO RAS".to_string()),
        "names united"
    );
    assert!(merged.mentions > before, "mentions moved");
    assert_eq!(nb.entity("IMEMO RAS").unwrap().id, merged.id);
    let a = nb.annotation(&a.id).unwrap();
    assert!(
        a.entities.contains(&"Primakov Institute".to_string()),
        "links moved: {:?}",
        a.entities
    );
    assert!(nb.entities().unwrap().iter().all(|e| e.name != "IMEMO RAS"));
    let page = nb.entity_page("Primakov Institute").unwrap();
    assert!(page.annotations.iter().any(|x| x.id == a.id));
    let found = nb
        .search("entity:\"Primakov Institute\" kind:annotation", 10)
        .unwrap();
    assert!(found
        .hits
        .iter()
        .any(|h| h.kind == HitKind::Annotation && h.annotation.as_deref() == Some(a.id.as_str())));
    // Unlink.
    nb.edit_annotation(
        &a.id,
        AnnotationEdit {
            entities: Some(vec![]),
            ..AnnotationEdit::default()
        },
    )
    .unwrap();
    assert!(nb.annotation(&a.id).unwrap().entities.is_empty());
}

#[test]
fn suggestions_accept_and_a_rejection_that_stays() {
    let (dir, mut nb) = open();
    let s = nb.suggest("russia-nato-talks").unwrap();
    let names: Vec<&str> = s.iter().map(|x| x.name.as_str()).collect();
    assert!(names.contains(&"Kartapolov"), "{names:?}");
    assert!(!names.contains(&"NATO"), "known entities are not suggested");
    let k = s.iter().find(|x| x.name == "Kartapolov").unwrap();
    assert_eq!(k.kind, "person", "'General' before a name marks a person");
    nb.reject_suggestion("Kartapolov").unwrap();
    assert!(!nb
        .suggest("russia-nato-talks")
        .unwrap()
        .iter()
        .any(|x| x.name == "Kartapolov"));
    drop(nb);
    let mut nb = Notebook::open(dir.path()).unwrap();
    assert!(
        !nb.suggest("russia-nato-talks")
            .unwrap()
            .iter()
            .any(|x| x.name == "Kartapolov"),
        "a rejected suggestion stays rejected"
    );
    let e = nb
        .accept_suggestion("russia-nato-talks", "Bosphorus", None)
        .unwrap();
    // (The kind is the suggester's guess; the old heuristics had the name
    // in a word list of places.)
    assert_eq!((e.name.as_str(), e.mentions), ("Bosphorus", 1));
    assert!(
        nb.accept_suggestion("russia-nato-talks", "Bosphorus", None)
            .is_err(),
        "accepted once"
    );
}

#[test]
fn spelling_variants_come_as_one_suggestion() {
    let (_d, mut nb) = open();
    let files = tempfile::tempdir().unwrap();
    let p = write(
        files.path(),
        "v.txt",
        "Dmitri Peskov spoke first.\n\nLater Dmitry Peskov added a remark, and Peskov left.\n",
    );
    let id = nb
        .import(&[p], &Default::default(), &mut |_| {})
        .unwrap()
        .imported[0]
        .id
        .clone();
    let s = nb.suggest(&id).unwrap();
    let p: Vec<_> = s.iter().filter(|x| x.name.contains("Peskov")).collect();
    assert_eq!(p.len(), 1, "{s:?}");
    assert_eq!(p[0].count, 3);
    assert!(
        p[0].variants.contains(&"Dmitri Peskov".to_string())
            && p[0].variants.contains(&"Dmitry Peskov".to_string())
    );
    assert_eq!(p[0].kind, "person");
}

#[test]
fn mentions_follow_edited_notes() {
    let (dir, nb) = open();
    let before = nb.entity("China").unwrap().mentions;
    drop(nb);
    write(
        dir.path(),
        "china.md",
        "# China\n\nChina and Beijing; China again.\n",
    );
    let nb = Notebook::open(dir.path()).unwrap();
    assert_eq!(
        nb.entity("China").unwrap().mentions,
        before + 3,
        "heading and two in the text"
    );
}

#[test]
fn a_note_saved_in_the_app_has_its_mentions_at_once() {
    let (_d, mut nb) = open();
    let before = nb.entity("China").unwrap().mentions;
    nb.save_note(
        "china.md",
        "# Notes\n\nChina and Beijing; china again.\n",
        None,
    )
    .unwrap();
    assert_eq!(nb.entity("China").unwrap().mentions, before + 2);
    let page = nb.entity_page("China").unwrap();
    assert!(page
        .mentions
        .iter()
        .any(|m| m.path.as_deref() == Some("china.md") && m.text == "china"));
    // Saved again without the name: its mentions go.
    nb.save_note("china.md", "# Notes\n\nBeijing only.\n", None)
        .unwrap();
    assert_eq!(nb.entity("China").unwrap().mentions, before);
}

/// Precision and recall of `suggest` on real articles other than the seed:
/// two 1961 news reports from the Brown corpus, each against a list of its
/// entities made by hand from the text before `suggest` was run on it
/// (`tests/fixtures/suggest/`). The suggester was improved on the first
/// (ca02); the second (ca05) was held out: its first measurement was
/// precision 0.71, recall 0.91.
fn precision_recall(stem: &str) -> (f64, f64, f64, Vec<String>, Vec<String>) {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/suggest");
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures.join(format!("{stem}.expected.json"))).unwrap(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut nb = Notebook::open(dir.path()).unwrap();
    let report = nb
        .import(
            &[fixtures.join(format!("{stem}.md"))],
            &dossier_core::ImportOptions::default(),
            &mut |_| {},
        )
        .unwrap();
    let suggestions = nb.suggest(&report.imported[0].id).unwrap();
    score(stem, &suggestions, expected["entities"].as_array().unwrap())
}

/// Precision, recall and the share of found entities whose kind was right.
fn score(
    stem: &str,
    suggestions: &[dossier_core::Suggestion],
    entities: &[serde_json::Value],
) -> (f64, f64, f64, Vec<String>, Vec<String>) {
    let accepts = |e: &serde_json::Value, s: &dossier_core::Suggestion| {
        e["accept"].as_array().unwrap().iter().any(|a| {
            let a = a.as_str().unwrap().to_lowercase();
            s.variants
                .iter()
                .chain([&s.name])
                .any(|v| v.to_lowercase() == a)
        })
    };
    let wrong: Vec<String> = suggestions
        .iter()
        .filter(|s| !entities.iter().any(|e| accepts(e, s)))
        .map(|s| s.name.clone())
        .collect();
    let missed: Vec<String> = entities
        .iter()
        .filter(|e| !suggestions.iter().any(|s| accepts(e, s)))
        .map(|e| e["name"].as_str().unwrap().to_string())
        .collect();
    let found = entities.len() - missed.len();
    let kind_right = entities
        .iter()
        .filter(|e| {
            suggestions
                .iter()
                .any(|s| accepts(e, s) && s.kind == e["kind"].as_str().unwrap())
        })
        .count();
    let precision = (suggestions.len() - wrong.len()) as f64 / suggestions.len().max(1) as f64;
    let recall = found as f64 / entities.len() as f64;
    let kinds = kind_right as f64 / found.max(1) as f64;
    eprintln!(
        "suggest on {stem}: {} suggestions, precision {precision:.2}, recall {recall:.2}, \
         kind right for {kind_right} of {found} found; wrong: {wrong:?}; missed: {missed:?}",
        suggestions.len()
    );
    (precision, recall, kinds, wrong, missed)
}

/// The seed article against the entities the bundled notebook ships
/// (`notes/entities.json`, written by hand for it): the suggester is run on
/// a notebook that has the article and no entities.
#[test]
fn suggestions_on_the_seed_against_the_bundled_entities() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("sources")).unwrap();
    std::fs::copy(
        crate::common::bundled().join("sources/russia-nato-talks.md"),
        dir.path().join("sources/russia-nato-talks.md"),
    )
    .unwrap();
    let nb = Notebook::open(dir.path()).unwrap();
    assert!(nb.entities().unwrap().is_empty());
    let suggestions = nb.suggest("russia-nato-talks").unwrap();
    let bundled: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(crate::common::bundled().join("entities.json")).unwrap(),
    )
    .unwrap();
    let entities: Vec<serde_json::Value> = bundled
        .iter()
        .map(|e| {
            let mut accept = vec![e["name"].clone()];
            accept.extend(e["aliases"].as_array().cloned().unwrap_or_default());
            serde_json::json!({"name": e["name"], "kind": e["kind"], "accept": accept})
        })
        .collect();
    let (p, r, k, wrong, missed) = score("russia-nato-talks (seed)", &suggestions, &entities);
    assert!(p >= 0.6, "seed precision {p:.2}; wrong: {wrong:?}");
    assert!(r >= 0.8, "seed recall {r:.2}; missed: {missed:?}");
    assert!(k >= 0.8, "seed kinds {k:.2}");
}

#[test]
fn suggestions_on_other_real_articles_against_hand_lists() {
    let (p, r, k, wrong, missed) = precision_recall("brown-ca02-austin");
    // (0.9 and 0.9 with the engine's old heuristics; the text crate's
    // suggester scores 0.88 and 0.88 here.)
    assert!(p >= 0.85, "ca02 precision {p:.2}; wrong: {wrong:?}");
    assert!(r >= 0.85, "ca02 recall {r:.2}; missed: {missed:?}");
    assert!(k >= 0.9, "ca02 kinds {k:.2}");
    let (p, r, k, wrong, missed) = precision_recall("brown-ca05-east-providence");
    assert!(p >= 0.85, "ca05 precision {p:.2}; wrong: {wrong:?}");
    assert!(r >= 0.85, "ca05 recall {r:.2}; missed: {missed:?}");
    // (0.85 with the old heuristics; the text crate's suggester has 9 of
    // 11 kinds right here, 0.82, with precision and recall 1.00.)
    assert!(k >= 0.8, "ca05 kinds {k:.2}");
}

#[test]
fn a_sources_mentions_come_as_character_spans_in_reading_order() {
    let (_d, mut nb) = open();
    let files = tempfile::tempdir().unwrap();
    // Cyrillic and an emoji before the names, so that characters, bytes and
    // UTF-16 units all differ.
    let p = write(
        files.path(),
        "m.txt",
        "Заголовок 😀 first: NATO met in Moscow.\n\nLater the North Atlantic Alliance and NATO spoke again.\n",
    );
    let id = nb
        .import(&[p], &Default::default(), &mut |_| {})
        .unwrap()
        .imported[0]
        .id
        .clone();
    let text = nb.source(&id).unwrap().text;
    let mentions = nb.source_mentions(&id).unwrap();
    let nato: Vec<_> = mentions.iter().filter(|m| m.entity == "NATO").collect();
    assert_eq!(nato.len(), 3, "name and alias, each spelling: {mentions:?}");
    assert!(nato.iter().all(|m| m.kind == "organisation"));
    assert!(
        mentions.windows(2).all(|w| w[0].start <= w[1].start),
        "in reading order: {mentions:?}"
    );
    for m in &mentions {
        let got: String = text.chars().skip(m.start).take(m.end - m.start).collect();
        assert_eq!(got, m.text, "spans count characters, not bytes");
    }
    assert!(
        mentions.iter().any(|m| m.entity == "Moscow"),
        "places too: {mentions:?}"
    );
    assert!(matches!(
        nb.source_mentions("no-such-source"),
        Err(dossier_core::Error::NotFound { .. })
    ));
}

#[test]
fn an_accepted_suggestion_takes_the_kind_and_aliases_the_user_gave() {
    let (_d, mut nb) = open();
    let s = nb.suggest("russia-nato-talks").unwrap();
    assert!(s.iter().any(|x| x.name == "Kartapolov"), "{s:?}");
    let e = nb
        .accept_suggestion_as(
            "russia-nato-talks",
            "Kartapolov",
            Some("person"),
            Some(vec!["Andrey Kartapolov".into(), "  ".into()]),
        )
        .unwrap();
    assert_eq!(e.kind, "person");
    assert_eq!(
        e.aliases,
        vec!["Andrey Kartapolov".to_string()],
        "blank aliases are dropped"
    );
    assert!(e.mentions >= 1, "its mentions are found at once");
    assert!(
        !nb.suggest("russia-nato-talks")
            .unwrap()
            .iter()
            .any(|x| x.name == "Kartapolov"),
        "an accepted suggestion is not suggested again"
    );
    let err = nb
        .accept_suggestion_as("russia-nato-talks", "Bosphorus", Some("planet"), None)
        .unwrap_err();
    assert!(
        err.to_string().contains("unknown kind"),
        "a bad kind is refused by name: {err}"
    );
}

/// Spellings the variant rules fold, none of them from the sample: a
/// person's romanisations are one person's mentions.
#[test]
fn variant_spellings_beyond_the_sample_are_mentions() {
    let (_d, mut nb) = open();
    let files = tempfile::tempdir().unwrap();
    let p = write(
        files.path(),
        "z.txt",
        "Volodymyr Zelensky spoke.\n\nLater Muammar Qaddafi and Mohammed Morsi were named.\n",
    );
    nb.import(&[p], &Default::default(), &mut |_| {}).unwrap();
    for (name, seen) in [
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
        ("Muammar Gaddafi", "Muammar Qaddafi"),
        ("Muhammad Morsi", "Mohammed Morsi"),
    ] {
        nb.add_entity(NewEntity {
            name: name.into(),
            kind: "person".into(),
            ..NewEntity::default()
        })
        .unwrap();
        let page = nb.entity_page(name).unwrap();
        let texts: Vec<&str> = page.mentions.iter().map(|m| m.text.as_str()).collect();
        assert!(texts.contains(&seen), "{name}: {texts:?}");
    }
}

/// Suggestions for the whole notebook: a name two sources mention comes
/// once, with both sources, ranked before a name one source mentions; it
/// can be accepted without naming a source.
#[test]
fn notebook_wide_suggestions_rank_by_sources() {
    let (_d, mut nb) = open();
    let files = tempfile::tempdir().unwrap();
    let a = write(
        files.path(),
        "a.txt",
        "President Halvard Quennell visited the port on Monday.\n",
    );
    let b = write(
        files.path(),
        "b.txt",
        "Critics of President Halvard Quennell met in the capital.\n\nMrs Ottoline Varga spoke.\n",
    );
    nb.import(&[a, b], &Default::default(), &mut |_| {})
        .unwrap();
    let all = nb.suggest_all().unwrap();
    let q = all
        .iter()
        .position(|s| s.name == "Halvard Quennell")
        .unwrap_or_else(|| panic!("{all:?}"));
    assert_eq!(all[q].sources.len(), 2, "{all:?}");
    if let Some(v) = all.iter().position(|s| s.name.contains("Varga")) {
        assert!(q < v, "{all:?}");
    }
    let e = nb
        .accept_suggestion_anywhere("Halvard Quennell", None)
        .unwrap();
    assert_eq!(e.kind, "person");
    assert!(!nb
        .suggest_all()
        .unwrap()
        .iter()
        .any(|s| s.name == "Halvard Quennell"));
}

/// A notebook of one imported text: the first paragraph names the harbour
/// by its name, the second only by another spelling, the third names
/// another place.
fn harbour_notebook() -> (tempfile::TempDir, tempfile::TempDir, Notebook) {
    let dir = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let mut nb = Notebook::open(dir.path()).unwrap();
    let text = "Harbour notes\n\n\
        The Velmora harbour opened its new quay in the spring, after two years of work.\n\n\
        Fishermen in Old Welmorah still call the place by the name their grandparents used.\n\n\
        The Ostrin ferry to the islands runs twice a day in summer and once in winter.\n";
    crate::common::import(&mut nb, &[write(files.path(), "harbour.txt", text)]).unwrap();
    (dir, files, nb)
}

fn passages_found(nb: &Notebook, q: &str) -> Vec<usize> {
    let r = nb.search(q, 20).unwrap();
    let mut found: Vec<usize> = r.hits.iter().filter_map(|h| h.passage).collect();
    found.sort();
    assert_eq!(r.total, r.hits.len(), "{q}: the count is exact");
    found
}

#[test]
fn entity_search_follows_entities_and_aliases_added_after_import() {
    let (_d, _f, mut nb) = harbour_notebook();
    // The entity is added after the text was imported and indexed.
    nb.add_entity(NewEntity {
        name: "Velmora".into(),
        kind: "place".into(),
        ..NewEntity::default()
    })
    .unwrap();
    let first = passages_found(&nb, "entity:Velmora kind:source");
    assert_eq!(first.len(), 1, "the passage that names it: {first:?}");
    // An alias added later finds the passage that uses only the alias,
    // and marks it as written there.
    nb.edit_entity(
        "Velmora",
        EntityEdit {
            add_aliases: vec!["Welmorah".into()],
            ..EntityEdit::default()
        },
    )
    .unwrap();
    let both = passages_found(&nb, "entity:Velmora kind:source");
    assert_eq!(both.len(), 2, "{both:?}");
    assert!(both.contains(&first[0]));
    let r = nb.search("entity:Velmora", 10).unwrap();
    assert!(
        r.hits
            .iter()
            .any(|h| h.snippet.contains("<mark>Welmorah</mark>")),
        "{:?}",
        r.hits.iter().map(|h| &h.snippet).collect::<Vec<_>>()
    );
    // A note written after that is found too, in the section that names it.
    nb.create_note_at(
        "trip.md",
        "# Trip\n\nNothing here.\n\n## Quay\n\nWe walked along the Velmora quay.\n",
    )
    .unwrap();
    let r = nb.search("entity:Velmora kind:note", 10).unwrap();
    assert_eq!(r.total, 1);
    assert!(
        r.hits[0].snippet.contains("<mark>Velmora</mark>"),
        "{}",
        r.hits[0].snippet
    );
    // Merged into another entity: that one's search finds all of them.
    nb.add_entity(NewEntity {
        name: "Quayside".into(),
        kind: "place".into(),
        ..NewEntity::default()
    })
    .unwrap();
    assert_eq!(nb.search("entity:Quayside", 10).unwrap().total, 0);
    nb.merge_entities("Quayside", "Velmora").unwrap();
    assert_eq!(nb.search("entity:Quayside", 10).unwrap().total, 3);
    assert_eq!(nb.search("entity:Welmorah", 10).unwrap().total, 3);
}

#[test]
fn entity_search_forgets_mentions_that_are_gone() {
    let (_d, _f, mut nb) = harbour_notebook();
    nb.add_entity(NewEntity {
        name: "Velmora".into(),
        kind: "place".into(),
        aliases: vec!["Welmorah".into()],
        ..NewEntity::default()
    })
    .unwrap();
    nb.create_note_at("trip.md", "# Trip\n\nWe walked along the Velmora quay.\n")
        .unwrap();
    assert_eq!(nb.search("entity:Velmora", 10).unwrap().total, 3);
    // The alias removed: the passage that used only it is no longer found.
    nb.edit_entity(
        "Velmora",
        EntityEdit {
            remove_aliases: vec!["Welmorah".into()],
            ..EntityEdit::default()
        },
    )
    .unwrap();
    assert_eq!(nb.search("entity:Velmora", 10).unwrap().total, 2);
    // The note edited so that it no longer names it.
    let hash = nb.note_hash("trip.md").unwrap();
    nb.save_note(
        "trip.md",
        "# Trip\n\nWe walked along the quay.\n",
        Some(&hash),
    )
    .unwrap();
    assert_eq!(nb.search("entity:Velmora", 10).unwrap().total, 1);
    // Deleted: a new entity (which may get the deleted one's id) finds
    // only what mentions it.
    nb.delete_entity("Velmora").unwrap();
    assert_eq!(
        nb.search("entity:Velmora", 10).unwrap_err().code(),
        "not_found"
    );
    nb.create_note_at(
        "castle.md",
        "# Castle\n\nThe Kastrel tower stands above the bay.\n",
    )
    .unwrap();
    let gone = nb
        .add_entity(NewEntity {
            name: "Kastrel".into(),
            kind: "place".into(),
            ..NewEntity::default()
        })
        .unwrap();
    let r = nb.search("entity:Kastrel", 10).unwrap();
    assert_eq!(r.total, 1, "only the note (entity id {})", gone.id);
    assert_eq!(r.hits[0].path.as_deref(), Some("castle.md"));
    // The index agrees with the store after all of it.
    assert!(nb.check().unwrap().problems.is_empty());
}
