//! Quotes and dates stored as derived rows, the timeline and the entity
//! graph, on copies of the bundled notebook.

use dossier_core::{NewEntity, Notebook, Picture};

use crate::common::{copy_of_bundled, import, write};

const SEED: &str = "russia-nato-talks";

fn open() -> (tempfile::TempDir, Notebook) {
    let dir = copy_of_bundled();
    let nb = Notebook::open(dir.path()).unwrap();
    (dir, nb)
}

/// The seed's file with its `published` line replaced.
fn set_published(dir: &std::path::Path, published: &str) {
    let p = dir.join("sources/russia-nato-talks.md");
    let text = std::fs::read_to_string(&p).unwrap();
    let changed: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with("published:") {
                format!("published: {published}")
            } else {
                l.to_string()
            }
        })
        .collect();
    assert_ne!(
        changed.join("\n") + "\n",
        text,
        "the fixture has a published line"
    );
    std::fs::write(&p, changed.join("\n") + "\n").unwrap();
}

#[test]
fn the_seeds_quotes_are_stored_with_their_speakers() {
    let (_d, nb) = open();
    let quotes = nb.quotes(Some(SEED), None).unwrap();
    assert!(quotes.len() >= 5, "{quotes:#?}");
    let text: Vec<char> = nb.source(SEED).unwrap().text.chars().collect();
    for q in &quotes {
        let got: String = text[q.start..q.end].iter().collect();
        assert_eq!(got, q.quote, "quote spans count characters");
        if let (Some(s), Some(a), Some(b)) = (&q.speaker, q.speaker_start, q.speaker_end) {
            let got: String = text[a..b].iter().collect();
            assert!(
                got.contains(s.split(' ').next().unwrap_or("")),
                "{got:?} vs {s:?}"
            );
        }
    }
    // The dash continuation after "comments Alexei Makarkin … –" is his.
    let cont = quotes
        .iter()
        .find(|q| q.quote.starts_with("The main point on them"))
        .expect("the dash continuation is stored");
    assert_eq!(cont.entity.as_deref(), Some("Alexei Makarkin"), "{cont:?}");
    assert_eq!(cont.kind, "direct");
    // A description speaker: "… ,” the source said.
    let source = quotes
        .iter()
        .find(|q| q.quote.starts_with("The United States looks forward"))
        .expect("the White House quote");
    assert_eq!(source.speaker_kind.as_deref(), Some("description"));
    assert_eq!(source.entity, None);
    // JSON contract.
    let v = serde_json::to_value(&quotes[0]).unwrap();
    for key in [
        "source",
        "quote",
        "kind",
        "cue",
        "speaker",
        "speaker_kind",
        "entity",
        "start",
        "end",
        "speaker_start",
        "speaker_end",
    ] {
        assert!(v.get(key).is_some(), "{key} in {v}");
    }
}

#[test]
fn a_speaker_is_found_under_any_of_his_names() {
    let (_d, nb) = open();
    let by_name = nb.quotes(None, Some("Alexei Makarkin")).unwrap();
    let by_variant = nb.quotes(None, Some("Alexey Makarkin")).unwrap();
    let by_alias = nb.quotes(None, Some("makarkin")).unwrap();
    assert!(by_name.len() >= 2, "{by_name:#?}");
    assert_eq!(by_name, by_variant);
    assert_eq!(by_name, by_alias);
    assert!(by_name
        .iter()
        .all(|q| q.entity.as_deref() == Some("Alexei Makarkin")));
    assert!(
        by_name
            .iter()
            .any(|q| q.speaker.as_deref() == Some("Alexey Makarkin")),
        "the quote attributed to the other spelling is his: {by_name:#?}"
    );
    // A speaker that is no entity is matched as written.
    let described = nb.quotes(None, Some("The Source")).unwrap();
    assert!(!described.is_empty());
    assert!(described
        .iter()
        .all(|q| q.speaker.as_deref() == Some("the source")));
    assert!(nb.quotes(None, Some("Nobody Atall")).unwrap().is_empty());
    assert!(
        nb.quotes(None, Some("  ")).is_err(),
        "an empty speaker is bad input"
    );
    assert!(nb.quotes(Some("no-such-source"), None).is_err());
}

#[test]
fn dates_resolve_against_the_publication_date_and_follow_it() {
    let (d, mut nb) = open();
    // The seed is dated to the month only (published: 2022-01): "January
    // 10" is the same day whichever day of January it was written on, so it
    // is placed; what depends on the day ("50 years ago" does not, a year)
    // would stay unresolved.
    let dates = nb.timeline(Some(SEED), None).unwrap();
    let jan10 = dates
        .iter()
        .find(|x| x.text == "January 10")
        .expect("January 10");
    assert_eq!(jan10.value.as_deref(), Some("2022-01-10"));
    let y2008 = dates.iter().find(|x| x.text == "2008").expect("2008");
    assert_eq!(y2008.value.as_deref(), Some("2008"));
    assert_eq!(y2008.granularity, "year");

    set_published(d.path(), "2021-12-29");
    let before = nb.derived_recomputed();
    nb.sync().unwrap();
    assert_eq!(
        nb.derived_recomputed(),
        before + 1,
        "a new date recomputes the dates, not the quotes"
    );
    let dates = nb.timeline(Some(SEED), None).unwrap();
    let jan10 = dates
        .iter()
        .find(|x| x.text == "January 10")
        .expect("January 10");
    assert_eq!(jan10.value.as_deref(), Some("2022-01-10"));
    assert_eq!(jan10.granularity, "day");
    // Date order: resolved values ascending, unresolved last.
    let values: Vec<Option<&str>> = dates.iter().map(|x| x.value.as_deref()).collect();
    let mut sorted = values.clone();
    sorted.sort_by_key(|v| (v.is_none(), *v));
    assert_eq!(values, sorted);
    let text: Vec<char> = nb.source(SEED).unwrap().text.chars().collect();
    for x in &dates {
        assert_eq!(text[x.start..x.end].iter().collect::<String>(), x.text);
    }

    // Only the dates of passages that name the entity.
    let summit = nb.timeline(None, Some("Bucharest summit")).unwrap();
    assert!(summit.iter().any(|x| x.text == "2008"), "{summit:#?}");
    assert!(summit.len() < dates.len());
    let page = nb.entity_page("Bucharest summit").unwrap();
    for x in &summit {
        assert!(page
            .mentions
            .iter()
            .any(|m| m.source.as_deref() == Some(x.source.as_str()) && m.part == x.passage));
    }
    assert!(nb.timeline(None, Some("No Such Entity")).is_err());
}

#[test]
fn a_source_without_a_date_keeps_relative_dates_unresolved_and_text_changes_recompute() {
    let (d, mut nb) = open();
    let f = write(
        d.path(),
        "in/memo.txt",
        "Officials met yesterday. \"We will meet again,\" said Jens Stoltenberg. The treaty dates from 1949.\n",
    );
    let report = import(&mut nb, &[f]).unwrap();
    let id = report.imported[0].id.clone();
    let dates = nb.timeline(Some(&id), None).unwrap();
    let yesterday = dates
        .iter()
        .find(|x| x.text == "yesterday")
        .expect("yesterday");
    assert_eq!(yesterday.value, None, "no publication date: not guessed");
    assert!(dates.iter().any(|x| x.value.as_deref() == Some("1949")));
    let quotes = nb.quotes(Some(&id), None).unwrap();
    assert_eq!(quotes.len(), 1, "{quotes:#?}");
    assert_eq!(quotes[0].entity.as_deref(), Some("Jens Stoltenberg"));

    // The source's text changes: its quotes and dates follow.
    let path = d.path().join(format!("sources/{id}.md"));
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        format!("{text}\n\"Nothing was agreed,\" said Jens Stoltenberg in 2020.\n"),
    )
    .unwrap();
    nb.sync().unwrap();
    assert_eq!(nb.quotes(Some(&id), None).unwrap().len(), 2);
    assert!(nb
        .timeline(Some(&id), None)
        .unwrap()
        .iter()
        .any(|x| x.value.as_deref() == Some("2020")));
}

#[test]
fn recompute_is_incremental() {
    let dir = copy_of_bundled();
    {
        let nb = Notebook::open(dir.path()).unwrap();
        assert!(nb.derived_recomputed() >= 2, "the first open finds them");
    }
    let db = dir.path().join(".dossier/dossier.db");
    let rowids = || -> Vec<i64> {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let mut s = conn
            .prepare("SELECT rowid FROM quotes UNION ALL SELECT rowid FROM dates")
            .unwrap();
        s.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<Vec<i64>>>()
            .unwrap()
    };
    let first = rowids();
    assert!(!first.is_empty());
    let mut nb = Notebook::open(dir.path()).unwrap();
    nb.sync().unwrap();
    assert_eq!(
        nb.derived_recomputed(),
        0,
        "nothing changed, nothing recomputed"
    );
    assert_eq!(rowids(), first, "no row rewritten");
    // A new entity changes the names: quotes are found again, dates are not.
    nb.add_entity(NewEntity {
        name: "Sergey Ryabkov".into(),
        kind: "person".into(),
        ..NewEntity::default()
    })
    .unwrap();
    assert_eq!(nb.derived_recomputed(), 1, "the seed's quotes only");
}

/// Tags open and close in order (a tiny well-formedness check).
fn balanced(xml: &str) -> bool {
    let mut stack: Vec<String> = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let Some(j) = rest[i..].find('>') else {
            return false;
        };
        let tag = &rest[i + 1..i + j];
        rest = &rest[i + j + 1..];
        if tag.starts_with('?') || tag.ends_with('/') {
            continue;
        }
        if let Some(name) = tag.strip_prefix('/') {
            if stack.pop().as_deref() != Some(name) {
                return false;
            }
        } else {
            stack.push(tag.split_whitespace().next().unwrap_or("").to_string());
        }
    }
    stack.is_empty() && !rest.contains('>')
}

#[test]
fn the_graph_weighs_co_occurrence_and_exports_as_xml() {
    let (_d, mut nb) = open();
    nb.add_entity(NewEntity {
        name: "Smith & Sons <Ltd> \"Q\"".into(),
        kind: "organisation".into(),
        ..NewEntity::default()
    })
    .unwrap();
    let g = nb.graph(1).unwrap();
    let id = |n: &str| g.nodes.iter().find(|x| x.name == n).unwrap().id;
    let (nato, russia) = (id("NATO"), id("Russia"));
    let edge = g
        .edges
        .iter()
        .find(|e| (e.source, e.target) == (nato.min(russia), nato.max(russia)))
        .expect("NATO and Russia are named together");
    assert!(edge.count >= 2);
    assert!(edge.dice > 0.0 && edge.dice <= 1.0);
    assert!(g.edges.iter().all(|e| e.source < e.target && e.count >= 1));
    let strong = nb.graph(edge.count).unwrap();
    assert!(strong.edges.len() < g.edges.len());
    assert!(strong.edges.iter().all(|e| e.count >= edge.count));
    assert!(nb.graph(usize::MAX).unwrap().edges.is_empty());

    let gexf = g.to_gexf();
    assert!(balanced(&gexf), "{gexf}");
    assert_eq!(gexf.matches("<node ").count(), g.nodes.len());
    assert_eq!(gexf.matches("<edge ").count(), g.edges.len());
    assert!(gexf.contains("Smith &amp; Sons &lt;Ltd&gt; &quot;Q&quot;"));
    let graphml = g.to_graphml();
    assert!(balanced(&graphml), "{graphml}");
    assert_eq!(graphml.matches("<node ").count(), g.nodes.len());
    assert!(graphml.contains("Smith &amp; Sons &lt;Ltd&gt;"));
    assert!(!balanced("<a><b></a></b>"), "the checker can fail");
}

#[test]
fn timeline_items_carry_what_their_passage_names() {
    let (d, mut nb) = open();
    set_published(d.path(), "2021-12-29");
    nb.sync().unwrap();
    let dates = nb.timeline(None, None).unwrap();
    let items = nb.timeline_items(None, None).unwrap();
    assert_eq!(items.len(), dates.len());
    let entities = nb.entities().unwrap();
    let kind_of = |n: &str| {
        entities
            .iter()
            .find(|e| e.name == n)
            .map(|e| e.kind.to_string())
    };
    let mut with_event = 0;
    for (it, d) in items.iter().zip(&dates) {
        assert_eq!(&it.date, d, "same dates, same order");
        assert!(!it.title.is_empty());
        assert!(it.passage_text.contains(&d.text), "{it:#?}");
        for e in &it.events {
            assert_eq!(kind_of(e).as_deref(), Some("event"));
            assert!(it.entities.contains(e));
        }
        with_event += usize::from(!it.events.is_empty());
        // Every entity listed has a mention in that very passage.
        for e in &it.entities {
            let page = nb.entity_page(e).unwrap();
            assert!(page
                .mentions
                .iter()
                .any(|m| m.source.as_deref() == Some(d.source.as_str()) && m.part == d.passage));
        }
    }
    let y2008 = items.iter().find(|x| x.date.text == "2008").unwrap();
    assert!(
        y2008.events.contains(&"Bucharest summit".to_string()),
        "{y2008:#?}"
    );
    assert!(with_event < items.len(), "not every passage names an event");

    // A tag on a highlight inside the passage of "2008" reaches its item only.
    let text: Vec<char> = nb.source(SEED).unwrap().text.chars().collect();
    let at = y2008.date.start;
    nb.annotate(
        SEED,
        dossier_core::NewAnnotation {
            start: Some(at),
            end: Some(y2008.date.end),
            tags: vec!["chronology".into()],
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(text[at..y2008.date.end].iter().collect::<String>(), "2008");
    let items = nb.timeline_items(None, None).unwrap();
    let tagged: Vec<_> = items
        .iter()
        .filter(|x| x.tags.contains(&"chronology".to_string()))
        .collect();
    assert!(!tagged.is_empty());
    assert!(tagged.iter().all(|x| x.date.passage == y2008.date.passage));
    assert!(tagged.len() < items.len());
}

#[test]
fn the_timeline_exports_as_a_markdown_table() {
    let (d, mut nb) = open();
    set_published(d.path(), "2021-12-29");
    nb.sync().unwrap();
    let dates = nb.timeline(None, None).unwrap();
    let md = nb.timeline_markdown(None, None).unwrap();
    let lines: Vec<&str> = md.lines().collect();
    assert_eq!(lines.len(), dates.len() + 2, "{md}");
    assert_eq!(
        lines[0],
        "| Date | Granularity | Expression | Source | Passage |"
    );
    for (line, d) in lines[2..].iter().zip(&dates) {
        assert_eq!(line.matches(" | ").count(), 4, "five cells: {line}");
        assert!(line.starts_with(&format!(
            "| {} | {} | {} |",
            d.value.as_deref().unwrap_or("unresolved"),
            d.granularity,
            d.text
        )));
        assert!(line.ends_with(&format!("| {} |", d.passage + 1)));
    }
    // A title with a pipe keeps its row to five cells.
    let outside = tempfile::tempdir().unwrap();
    import(
        &mut nb,
        &[write(
            outside.path(),
            "piped.md",
            "---\ntitle: 'A | B'\npublished: 2020-03-02\n---\nTalks were held on 3 March 2020.\n",
        )],
    )
    .unwrap();
    let md = nb.timeline_markdown(None, None).unwrap();
    let row = md.lines().find(|l| l.contains("2020-03-03")).expect(&md);
    assert!(row.contains("A \\| B"), "{row}");
    assert_eq!(row.matches(" | ").count(), 4, "{row}");
}

#[test]
fn an_edge_stands_for_the_passages_that_name_both() {
    let (_d, nb) = open();
    let g = nb.graph(1).unwrap();
    let id = |n: &str| g.nodes.iter().find(|x| x.name == n).unwrap().id;
    let (nato, russia) = (id("NATO"), id("Russia"));
    let edge = g
        .edges
        .iter()
        .find(|e| (e.source, e.target) == (nato.min(russia), nato.max(russia)))
        .unwrap();
    let shared = nb.shared_passages("NATO", "Russia").unwrap();
    assert_eq!(shared.len(), edge.count);
    let (pn, pr) = (
        nb.entity_page("NATO").unwrap(),
        nb.entity_page("Russia").unwrap(),
    );
    for s in &shared {
        assert!(!s.text.is_empty() && !s.title.is_empty(), "{s:#?}");
        for page in [&pn, &pr] {
            assert!(page.mentions.iter().any(|m| m.kind == s.kind
                && m.part == s.part
                && (m.source.as_deref() == Some(s.target.as_str())
                    || m.path.as_deref() == Some(s.target.as_str()))));
        }
    }
    assert_eq!(nb.shared_passages("Russia", "NATO").unwrap(), shared);
    assert!(nb.shared_passages("NATO", "NATO").is_err());
    assert!(nb.shared_passages("NATO", "No Such Entity").is_err());

    // PMI: log2(count × N / (n_a × n_b)); it orders edges as their surprise does.
    for e in &g.edges {
        assert!(e.pmi.is_finite(), "{e:?}");
    }
    assert!(g.edges.iter().any(|e| e.pmi > 0.0));

    // The ego view: NATO, its neighbours, and the edges among them.
    let ego = g.ego(nato);
    let neighbours: std::collections::HashSet<i64> = g
        .edges
        .iter()
        .filter_map(|e| {
            (e.source == nato)
                .then_some(e.target)
                .or((e.target == nato).then_some(e.source))
        })
        .collect();
    assert_eq!(ego.nodes.len(), neighbours.len() + 1);
    assert!(ego.nodes.len() < g.nodes.len());
    assert!(ego.edges.iter().all(|e| [e.source, e.target]
        .iter()
        .all(|x| *x == nato || neighbours.contains(x))));
    assert!(ego
        .edges
        .iter()
        .any(|e| e.source != nato && e.target != nato));
    assert!(g.ego(-1).nodes.is_empty());
}

#[test]
fn the_network_filters_by_weight_and_by_one_entity() {
    let (_d, nb) = open();
    let all = nb.graph(1).unwrap();
    let max = all.edges.iter().map(|e| e.count).max().unwrap();
    let n = nb.network(1, None).unwrap();
    assert_eq!(n.graph, all);
    assert_eq!(n.max_weight, max);
    let strong = nb.network(2, None).unwrap();
    assert_eq!(strong.graph, nb.graph(2).unwrap());
    assert_eq!(
        strong.max_weight, max,
        "the range does not shrink with the filter"
    );
    let id = all.nodes.iter().find(|x| x.name == "NATO").unwrap().id;
    // The name in any case.
    let ego = nb.network(2, Some("nato")).unwrap();
    assert_eq!(ego.graph, nb.graph(2).unwrap().ego(id));
    assert!(nb.network(1, Some("No Such Entity")).is_err());
}

#[test]
fn pictures_are_written_whole_to_the_chosen_file() {
    let (_d, mut nb) = open();
    nb.sync().unwrap();
    let out = tempfile::tempdir().unwrap();
    let timeline = Picture::Timeline {
        source: None,
        entity: None,
    };
    let md = out.path().join("timeline.md");
    let n = nb.write_picture(&timeline, &md).unwrap();
    let written = std::fs::read_to_string(&md).unwrap();
    assert_eq!(n, written.len());
    assert_eq!(written, nb.timeline_markdown(None, None).unwrap());
    assert!(
        written.lines().count() > 2,
        "rows below the header: {written}"
    );
    for (graphml, path, root) in [(false, "n.gexf", "<gexf"), (true, "n.graphml", "<graphml")] {
        let p = out.path().join(path);
        let network = Picture::Network {
            min_weight: 1,
            ego: None,
            graphml,
        };
        nb.write_picture(&network, &p).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert!(text.contains(root), "{path}: {text}");
        let g = nb.network(1, None).unwrap().graph;
        assert_eq!(text, if graphml { g.to_graphml() } else { g.to_gexf() });
        assert!(!g.edges.is_empty());
    }
    // An entity that does not exist: an error naming it, and the file that
    // was there is left as it was.
    std::fs::write(&md, "kept").unwrap();
    let unknown = Picture::Timeline {
        source: None,
        entity: Some("Nobody At All".into()),
    };
    let err = nb.write_picture(&unknown, &md).unwrap_err().to_string();
    assert!(err.contains("Nobody At All"), "{err}");
    let unknown_ego = Picture::Network {
        min_weight: 1,
        ego: Some("Nobody At All".into()),
        graphml: false,
    };
    assert!(nb.write_picture(&unknown_ego, &md).is_err());
    assert_eq!(std::fs::read_to_string(&md).unwrap(), "kept");
    // A folder is not a file to write.
    let err = nb
        .write_picture(&timeline, out.path())
        .unwrap_err()
        .to_string();
    assert!(err.contains("folder"), "{err}");
    // Nothing but the three files: no temporary file left behind.
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["n.gexf", "n.graphml", "timeline.md"]);
}
