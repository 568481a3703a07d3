//! Annotations: create, edit, delete, search, re-anchoring on disk edits,
//! and the bundled notebook's annotations.

use dossier_core::{AnchorStatus, AnnotationEdit, HitKind, NewAnnotation, Notebook};

use crate::common::{copy_of_bundled, write};

const SEED: &str = "russia-nato-talks";

fn quote(q: &str) -> NewAnnotation {
    NewAnnotation {
        quote: Some(q.into()),
        ..NewAnnotation::default()
    }
}

#[test]
fn the_bundled_annotations_are_taken_in_on_first_open() {
    let dir = copy_of_bundled();
    let nb = Notebook::open(dir.path()).unwrap();
    let list = nb.annotations(Some(SEED)).unwrap();
    assert!(list.len() >= 5, "the bundled notebook ships annotations");
    assert!(
        list.windows(2).all(|w| w[0].start <= w[1].start),
        "reading order"
    );
    assert!(list.iter().all(|a| a.status == AnchorStatus::Exact));
    let text = nb.source(SEED).unwrap().text;
    for a in &list {
        let got: String = text.chars().skip(a.start).take(a.end - a.start).collect();
        assert_eq!(got, a.exact);
    }
    assert!(nb.check().unwrap().problems.is_empty());
    // Taken in once: deleting one and reopening does not bring it back.
    let mut nb = nb;
    nb.delete_annotation(&list[0].id).unwrap();
    drop(nb);
    let nb = Notebook::open(dir.path()).unwrap();
    assert_eq!(nb.annotations(Some(SEED)).unwrap().len(), list.len() - 1);
}

#[test]
fn annotate_by_quote_ambiguity_and_context() {
    let dir = copy_of_bundled();
    let mut nb = Notebook::open(dir.path()).unwrap();
    let err = nb.annotate(SEED, quote("NATO")).unwrap_err();
    assert_eq!(err.code(), "bad_input");
    assert!(err.to_string().contains("occurs 12 times"), "{err}");
    let a = nb
        .annotate(
            SEED,
            NewAnnotation {
                quote: Some("NATO".into()),
                prefix: Some(
                    "Jens Stoltenberg announced the decision to convene a meeting of the ".into(),
                ),
                ..NewAnnotation::default()
            },
        )
        .unwrap();
    assert_eq!(a.exact, "NATO");
    assert!(a.prefix.ends_with("meeting of the "));
    let missing = nb
        .annotate(SEED, quote("not in the article at all"))
        .unwrap_err();
    assert!(
        missing.to_string().contains("is not in source"),
        "{missing}"
    );
    let unknown = nb.annotate("no-such-source", quote("x")).unwrap_err();
    assert_eq!(unknown.code(), "not_found");
    let color = nb
        .annotate(
            SEED,
            NewAnnotation {
                color: Some("chartreuse".into()),
                ..quote("Cold War is underway")
            },
        )
        .unwrap_err();
    assert!(color.to_string().contains("unknown colour"), "{color}");
}

#[test]
fn annotate_by_span_with_non_ascii_text() {
    let dir = copy_of_bundled();
    let files = tempfile::tempdir().unwrap();
    let mut nb = Notebook::open(dir.path()).unwrap();
    let p = write(
        files.path(),
        "ru.txt",
        "Сергей Кислицын 🎄 говорит\n\nCafe\u{301} talks: «НАТО не даст гарантий».\n",
    );
    let id = nb
        .import(&[p], &Default::default(), &mut |_| {})
        .unwrap()
        .imported[0]
        .id
        .clone();
    let text = nb.source(&id).unwrap().text;
    let start = text.chars().position(|c| c == '«').unwrap();
    let end = start + "«НАТО не даст гарантий»".chars().count();
    let a = nb
        .annotate(
            &id,
            NewAnnotation {
                start: Some(start),
                end: Some(end),
                comment: "Quote *attributed* to the expert.".into(),
                tags: vec!["quote".into(), "#russia".into(), "quote".into()],
                ..NewAnnotation::default()
            },
        )
        .unwrap();
    assert_eq!(a.exact, "«НАТО не даст гарантий»");
    assert_eq!(
        a.tags,
        vec!["quote", "russia"],
        "tags trimmed of '#' and deduplicated"
    );
    let wrong = nb.annotate(
        &id,
        NewAnnotation {
            start: Some(start),
            end: Some(end),
            quote: Some("something else".into()),
            ..NewAnnotation::default()
        },
    );
    assert!(
        wrong.is_err(),
        "a span whose text is not the quote is refused"
    );
    let outside = nb.annotate(
        &id,
        NewAnnotation {
            start: Some(10),
            end: Some(10_000),
            ..NewAnnotation::default()
        },
    );
    assert!(outside.unwrap_err().to_string().contains("not inside"));
}

#[test]
fn annotations_are_searchable_by_quote_comment_and_tag() {
    let dir = copy_of_bundled();
    let mut nb = Notebook::open(dir.path()).unwrap();
    let a = nb
        .annotate(
            SEED,
            NewAnnotation {
                comment: "A **walrus** remark about missiles.".into(),
                tags: vec!["Walrus-Tag".into()],
                ..quote("the possible deployment of missiles in sensitive territories")
            },
        )
        .unwrap();
    let by_comment = nb.search("walrus kind:annotation", 10).unwrap();
    assert_eq!(by_comment.total, 1);
    let hit = &by_comment.hits[0];
    assert_eq!(hit.kind, HitKind::Annotation);
    assert_eq!(hit.annotation.as_deref(), Some(a.id.as_str()));
    assert_eq!(hit.source.as_deref(), Some(SEED));
    assert_eq!(
        (hit.start, hit.end),
        (Some(a.start), Some(a.end)),
        "a hit opens the source at the highlight"
    );
    assert_eq!(
        nb.search("tag:walrus-tag", 10).unwrap().total,
        1,
        "tags are case-insensitive"
    );
    let by_quote = nb
        .search("\"sensitive territories\" kind:annotation", 10)
        .unwrap();
    assert_eq!(by_quote.total, 1);
    // Edit: new tags replace the old; the index follows.
    nb.edit_annotation(
        &a.id,
        AnnotationEdit {
            tags: Some(vec!["arms-race".into()]),
            comment: Some("Escalation.".into()),
            color: Some("#ff8800".into()),
            reattach: None,
            entities: None,
        },
    )
    .unwrap();
    assert_eq!(nb.search("tag:walrus-tag", 10).unwrap().total, 0);
    assert_eq!(nb.search("tag:arms-race", 10).unwrap().total, 1);
    assert_eq!(nb.search("walrus", 10).unwrap().total, 0);
    assert_eq!(nb.annotation(&a.id).unwrap().color, "#ff8800");
    nb.delete_annotation(&a.id).unwrap();
    assert_eq!(nb.search("tag:arms-race", 10).unwrap().total, 0);
    assert_eq!(nb.annotation(&a.id).unwrap_err().code(), "not_found");
    assert_eq!(nb.delete_annotation(&a.id).unwrap_err().code(), "not_found");
    assert!(nb.check().unwrap().problems.is_empty());
}

#[test]
fn an_edit_on_disk_moves_fuzzes_and_orphans_and_keeps_versions() {
    let dir = copy_of_bundled();
    let mut nb = Notebook::open(dir.path()).unwrap();
    let kept = nb
        .annotate(SEED, quote("a new version of the Cold War is underway"))
        .unwrap();
    let typo = nb
        .annotate(SEED, quote("Russia does not trust oral promises"))
        .unwrap();
    let gone = nb
        .annotate(SEED, quote("we have nothing but confrontation"))
        .unwrap();
    drop(nb);
    let path = dir.path().join("sources/russia-nato-talks.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let body_start = text.find("\n---\n").unwrap() + 5;
    let mut edited = text.clone();
    edited.insert_str(body_start, "An editor's note added at the top.\n\n");
    let edited = edited
        .replace("does not trust oral promises", "does not trust oral promisses")
        .replace(
            "In fact, we have nothing but confrontation. One way or another, there are no reasons for any kind of trusting interaction now.",
            "(Paragraph removed.)",
        );
    std::fs::write(&path, edited).unwrap();

    let mut nb = Notebook::open(dir.path()).unwrap();
    assert!(nb.last_sync().reanchored >= 3);
    let k = nb.annotation(&kept.id).unwrap();
    assert_eq!(k.status, AnchorStatus::Moved);
    assert_eq!(
        k.start,
        kept.start + "An editor's note added at the top.\n\n".chars().count()
    );
    let t = nb.annotation(&typo.id).unwrap();
    assert_eq!(t.status, AnchorStatus::Fuzzy);
    assert!(t.score.unwrap() > 0.75 && t.score.unwrap() < 1.0);
    let g = nb.annotation(&gone.id).unwrap();
    assert_eq!(g.status, AnchorStatus::Orphan, "kept, listed, not dropped");
    let orphans: Vec<_> = nb
        .annotations(Some(SEED))
        .unwrap()
        .into_iter()
        .filter(|a| a.status == AnchorStatus::Orphan)
        .collect();
    assert_eq!(orphans.len(), 1);
    assert_eq!(
        nb.source(SEED).unwrap().versions,
        2,
        "the version annotations were made on is kept"
    );
    // Re-attach the orphan by hand, after checking the selection.
    let (s, e) = nb.locate(SEED, "(Paragraph removed.)", None, None).unwrap();
    nb.check_quote_at(SEED, s, e, "(Paragraph removed.)")
        .expect("the selection is the text there");
    let wrong = nb
        .check_quote_at(SEED, s + 1, e, "(Paragraph removed.)")
        .expect_err("a selection whose offsets slipped");
    assert!(
        wrong.to_string().contains("not the quote"),
        "says what is there instead: {wrong}"
    );
    assert!(nb.check_quote_at(SEED, e, s, "x").is_err(), "an empty span");
    let r = nb
        .edit_annotation(
            &gone.id,
            AnnotationEdit {
                reattach: Some((s, e)),
                ..AnnotationEdit::default()
            },
        )
        .unwrap();
    assert_eq!(r.status, AnchorStatus::Exact);
    assert_eq!(r.exact, "(Paragraph removed.)");
    assert!(nb.check().unwrap().problems.is_empty());
    // A source with annotations is never dropped when its file disappears.
    drop(nb);
    std::fs::remove_file(&path).unwrap();
    let nb = Notebook::open(dir.path()).unwrap();
    assert!(nb.source(SEED).is_ok());
    assert!(nb.last_sync().warnings.iter().any(|w| w.contains("kept")));
}
