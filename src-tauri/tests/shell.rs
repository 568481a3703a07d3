//! The shell's work behind the commands, against a real engine on a temp
//! notebook, without a window: conversion to transport types, the
//! strict-then-lenient search, import permissions, `{code, message}` errors.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use dossier_app::session::{dropped, Session, TakenIn};
use dossier_app::transport::{
    AcceptSuggestionRequest, AnnotateRequest, AnnotationEditRequest, HitKind, ImportProgress,
    NewEntityRequest, QuoteHighlightRequest, SpanRequest,
};

const ARTICLE: &str = "Talks in Geneva\n\n\
The delegations met in Geneva on January 10 to discuss security guarantees.\n\n\
Russia asked that the results of the 2008 Bucharest summit be cancelled; NATO refused.\n\n\
Observers in Kyiv — and in Київ's press — followed the talks closely.\n";

struct Fixture {
    _dir: tempfile::TempDir,
    notebook: PathBuf,
    incoming: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let notebook = dir.path().join("notebook");
    let incoming = dir.path().join("incoming");
    fs::create_dir_all(&notebook).expect("notebook dir");
    fs::create_dir_all(&incoming).expect("incoming dir");
    Fixture {
        notebook,
        incoming,
        _dir: dir,
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).expect("write file");
    p
}

fn session_with_article(f: &Fixture) -> Session {
    let session = Session::new(Some(f.notebook.clone()), None, Instant::now());
    let startup = session.startup();
    assert!(
        startup.error.is_none(),
        "the launch notebook opens: {:?}",
        startup.error
    );
    let article = write(&f.incoming, "talks.txt", ARTICLE);
    session.grant([article.as_path()]);
    let summary = session
        .import(&[article.display().to_string()], &mut |_| {})
        .expect("import the article");
    assert_eq!(
        summary.imported.len(),
        1,
        "one source imported: {summary:?}"
    );
    session
}

#[test]
fn startup_opens_the_launch_notebook_and_lists_it() {
    let f = fixture();
    let session = session_with_article(&f);
    let view = session.notebook_view().expect("view");
    assert_eq!(view.sources.len(), 1);
    let source = session.source(&view.sources[0].id).expect("source");
    assert!(
        source.passages.len() >= 3,
        "the article is split into passages: {source:?}"
    );
    assert!(
        source.passages.iter().any(|p| p.text.contains("Bucharest")),
        "passage text is carried over"
    );
    // Offsets are code points: the passage with Cyrillic must still slice correctly.
    let text: Vec<char> = ARTICLE.chars().collect();
    for p in &source.passages {
        let start = p.start as usize;
        let end = p.end as usize;
        if end <= text.len() {
            let slice: String = text[start..end].iter().collect();
            assert!(
                slice.contains(p.text.trim()) || p.text.contains(slice.trim()),
                "passage offsets are in code points: {slice:?} vs {:?}",
                p.text
            );
        }
    }
}

#[test]
fn startup_carries_the_first_source_so_the_first_paint_needs_no_second_call() {
    let f = fixture();
    let session = Session::new(Some(f.notebook.clone()), None, Instant::now());
    let empty = session.startup();
    assert!(empty.notebook.is_some());
    assert!(empty.first_source.is_none(), "no source yet, none sent");
    drop(session);
    let session = session_with_article(&f);
    let startup = session.startup();
    let view = startup.notebook.expect("the notebook is open");
    let first = startup.first_source.expect("the first source is sent");
    assert_eq!(first.id, view.sources[0].id);
    let asked = session.source(&first.id).expect("source");
    assert_eq!(first.title, asked.title);
    let texts = |v: &dossier_app::transport::SourceView| -> Vec<String> {
        v.passages.iter().map(|p| p.text.clone()).collect()
    };
    assert_eq!(texts(&first), texts(&asked));
    assert_eq!(first.annotations.len(), asked.annotations.len());
    assert_eq!(first.mentions.len(), asked.mentions.len());
}

#[test]
fn search_returns_marked_hits_in_transport_form() {
    let f = fixture();
    let session = session_with_article(&f);
    let r = session.search("Bucharest", Some(10)).expect("search");
    assert!(r.syntax_error.is_none());
    let hit = r
        .hits
        .iter()
        .find(|h| h.kind == HitKind::Source)
        .expect("a source hit for Bucharest");
    assert!(
        hit.snippet
            .to_lowercase()
            .contains("<mark>bucharest</mark>"),
        "snippet marks the word: {}",
        hit.snippet
    );
    assert!(
        hit.source.is_some() && hit.passage.is_some(),
        "a source hit says where it is"
    );
    let json = serde_json::to_value(&r).expect("serialise");
    assert!(
        json.get("syntaxError").is_some(),
        "transport types are camelCase: {json}"
    );
    assert_eq!(json["hits"][0]["kind"], "source");
}

#[test]
fn bad_syntax_falls_back_to_lenient_results_with_the_reason() {
    let f = fixture();
    let session = session_with_article(&f);
    for q in ["\"Bucharest summit", "(Bucharest OR"] {
        let r = session
            .search(q, None)
            .expect("a bad query is not a command error");
        let problem = r
            .syntax_error
            .as_ref()
            .expect("the syntax problem is reported");
        assert!(!problem.message.is_empty(), "with the engine's message");
        assert!(
            !r.hits.is_empty(),
            "lenient results are still shown for {q:?}"
        );
    }
    let r = session.search("   ", None).expect("blank query");
    assert!(
        r.hits.is_empty() && r.syntax_error.is_none(),
        "a blank query is no search"
    );
}

#[test]
fn import_only_takes_paths_the_user_handed_over() {
    let f = fixture();
    let session = session_with_article(&f);
    let secret = write(
        &f.incoming,
        "not-chosen.txt",
        "Quillfeather secret text that nobody chose.\n",
    );
    let err = session
        .import(&[secret.display().to_string()], &mut |_| {})
        .expect_err("a path that was not chosen or dropped is refused");
    assert_eq!(err.code, "not_allowed");
    assert!(
        err.message.contains("not-chosen.txt"),
        "the message names the file: {}",
        err.message
    );

    session.grant([secret.as_path()]);
    let mut progress: Vec<ImportProgress> = Vec::new();
    let summary = session
        .import(&[secret.display().to_string()], &mut |p| progress.push(p))
        .expect("import once granted");
    assert_eq!(summary.imported.len(), 1);
    assert_eq!(
        summary.notebook.sources.len(),
        2,
        "the summary carries the refreshed notebook"
    );
    assert!(!progress.is_empty(), "progress is reported");
    let r = session.search("Quillfeather", None).expect("search");
    assert!(!r.hits.is_empty(), "an imported file is searchable at once");
}

#[test]
fn import_reports_bad_files_without_dropping_good_ones() {
    let f = fixture();
    let session = session_with_article(&f);
    let good = write(
        &f.incoming,
        "good.md",
        "# Minsk\n\nA note about the Minsk agreements.\n",
    );
    let bad = f.incoming.join("binary.txt");
    fs::write(&bad, [0u8, 159, 146, 150, 0, 1, 2]).expect("write binary");
    session.grant([good.as_path(), bad.as_path()]);
    let summary = session
        .import(
            &[good.display().to_string(), bad.display().to_string()],
            &mut |_| {},
        )
        .expect("a batch with one bad file still imports the good one");
    assert_eq!(summary.imported.len(), 1, "{summary:?}");
    assert_eq!(summary.refused.len(), 1, "{summary:?}");
    assert!(summary.refused[0].path.ends_with("binary.txt"));
    assert!(!summary.refused[0].detail.is_empty(), "with a reason");
}

#[test]
fn engine_errors_reach_the_ui_as_code_and_message() {
    let f = fixture();
    let session = session_with_article(&f);
    let err = session.source("no-such-source").expect_err("unknown id");
    assert_eq!(err.code, "not_found");
    let json = serde_json::to_value(&err).expect("serialise");
    assert_eq!(json["code"], "not_found");
    assert!(
        json["message"]
            .as_str()
            .is_some_and(|m| m.contains("no-such-source")),
        "{json}"
    );
}

#[test]
fn opening_needs_a_granted_or_known_folder() {
    let f = fixture();
    let session = Session::new(None, None, Instant::now());
    assert!(
        session.startup().notebook.is_none(),
        "no launch notebook, no recent list: nothing open"
    );
    let err = session
        .open_allowed(&f.notebook.display().to_string())
        .expect_err("a folder nobody chose");
    assert_eq!(err.code, "not_allowed");
    let err = session.search("x", None).expect_err("no notebook yet");
    assert_eq!(err.code, "no_notebook");
    session.grant([f.notebook.as_path()]);
    session
        .open_allowed(&f.notebook.display().to_string())
        .expect("a folder the user chose opens");
    let missing = f.notebook.join("missing");
    session.grant([missing.as_path()]);
    let err = session
        .open_allowed(&missing.display().to_string())
        .expect_err("missing folder");
    assert_eq!(err.code, "not_found");
}

#[test]
fn opened_notebooks_are_remembered() {
    let f = fixture();
    let recent_file = f.incoming.join("config").join("recent-notebooks.json");
    let session = Session::new(
        Some(f.notebook.clone()),
        Some(recent_file.clone()),
        Instant::now(),
    );
    assert!(session.startup().notebook.is_some());
    let recent = session.recent();
    assert_eq!(recent.len(), 1);
    assert_eq!(recent[0].name, "notebook");
    // A new session with no launch notebook reopens the most recent one.
    let again = Session::new(None, Some(recent_file), Instant::now());
    assert!(
        again.startup().notebook.is_some(),
        "the most recent notebook opens at launch"
    );
}

#[test]
fn dropped_paths_are_split_and_may_then_be_imported() {
    let f = fixture();
    let session = session_with_article(&f);
    let file = write(
        &f.incoming,
        "dropped.md",
        "# Dropped\n\nA Zwischenzug of a note, dropped on the window.\n",
    );
    let folder = f.incoming.join("a-folder");
    fs::create_dir_all(&folder).expect("folder");
    let d = dropped(&session, &[file.clone(), folder.clone()]);
    assert_eq!(
        d.files,
        vec![file.display().to_string()],
        "files are offered for import"
    );
    assert_eq!(
        d.folders,
        vec![folder.display().to_string()],
        "folders are offered to open"
    );
    session
        .import(&d.files, &mut |_| {})
        .expect("a dropped file may be imported");
    assert!(!session
        .search("Zwischenzug", None)
        .expect("search")
        .hits
        .is_empty());
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create dir");
    for entry in fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if entry.file_name() == ".dossier" {
            continue;
        }
        if src.is_dir() {
            copy_dir(&src, &dst);
        } else {
            fs::copy(&src, &dst).expect("copy file");
        }
    }
}

#[test]
fn bundled_entities_and_highlights_reach_the_ui() {
    let f = fixture();
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("../notes");
    let notebook = f.notebook.join("bundled");
    copy_dir(&bundled, &notebook);
    let session = Session::new(Some(notebook), None, Instant::now());
    let view = session
        .startup()
        .notebook
        .expect("the bundled notebook opens");
    let top = view
        .entities
        .iter()
        .max_by_key(|e| e.mentions)
        .expect("the bundled notebook lists entities");
    let page = session.entity(&top.name).expect("entity page");
    assert_eq!(
        page.mentions.len() as u32,
        top.mentions,
        "the page has every mention"
    );
    assert!(
        page.mentions.iter().all(|m| !m.text.is_empty()),
        "each with its words"
    );
    assert_eq!(
        session.entity("No Such Person").expect_err("unknown").code,
        "not_found"
    );
    let id = &view.sources.first().expect("a bundled source").id;
    let source = session.source(id).expect("source");
    assert!(
        !source.annotations.is_empty(),
        "the bundled notebook ships highlights"
    );
    for a in source.annotations.iter().filter(|a| a.status == "exact") {
        let p = source
            .passages
            .iter()
            .find(|p| p.start <= a.start && a.end <= p.end)
            .expect("an exact highlight lies within one passage");
        let local: String = p
            .text
            .chars()
            .skip((a.start - p.start) as usize)
            .take((a.end - a.start) as usize)
            .collect();
        assert_eq!(local, a.exact, "offsets are code points into the source");
    }
}

/// The code-point span of `needle` in `text` (first occurrence).
fn char_span(text: &str, needle: &str) -> (u32, u32) {
    let byte = text.find(needle).expect("needle in text");
    let start = text[..byte].chars().count() as u32;
    (start, start + needle.chars().count() as u32)
}

fn source_text(session: &Session, id: &str) -> String {
    let s = session.source(id).expect("source");
    // Passages carry their own offsets; rebuild the text by code point.
    let end = s.passages.iter().map(|p| p.end).max().unwrap_or(0) as usize;
    let mut chars = vec![' '; end];
    for p in &s.passages {
        for (i, c) in p.text.chars().enumerate() {
            if let Some(slot) = chars.get_mut(p.start as usize + i) {
                *slot = c;
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn a_highlight_made_by_span_keeps_non_ascii_text_and_follows_an_edit_on_disk() {
    let f = fixture();
    let session = session_with_article(&f);
    let view = session.notebook_view().expect("view");
    let id = view.sources[0].id.clone();
    let text = source_text(&session, &id);
    // After an em dash and Cyrillic, code points and UTF-16 units differ.
    let (start, end) = char_span(&text, "Київ's press");
    let made = session
        .annotate(AnnotateRequest {
            source: id.clone(),
            start,
            end,
            quote: Some("Київ's press".into()),
            comment: "Kyiv *press* watched".into(),
            tags: vec!["media".into()],
            color: Some("green".into()),
            entities: vec![],
        })
        .expect("annotate by span");
    assert_eq!(made.exact, "Київ's press", "the span is code points");
    assert_eq!((made.start, made.end), (start, end));

    let wrong = session
        .annotate(AnnotateRequest {
            source: id.clone(),
            start: start + 1,
            end,
            quote: Some("Київ's press".into()),
            comment: String::new(),
            tags: vec![],
            color: None,
            entities: vec![],
        })
        .expect_err("offsets that do not hold the quote are refused");
    assert_eq!(wrong.code, "bad_input");

    assert!(
        session.sync_files().expect("sync").is_none(),
        "nothing changed on disk yet"
    );
    let file = f.notebook.join(&view.sources[0].path);
    let on_disk = fs::read_to_string(&file).expect("read source file");
    let edited = on_disk.replacen(
        "The delegations met",
        "A new first paragraph, written by another program.\n\nThe delegations met",
        1,
    );
    assert_ne!(edited, on_disk, "the edit applies");
    fs::write(&file, edited).expect("edit the source file");
    let changed = session
        .sync_files()
        .expect("sync")
        .expect("the edit is noticed");
    assert_eq!(changed.sources_changed, 1);
    assert!(changed.reanchored >= 1, "{changed:?}");

    let after = session.source(&id).expect("source");
    let a = after
        .annotations
        .iter()
        .find(|a| a.id == made.id)
        .expect("the highlight is kept");
    assert_eq!(a.status, "moved", "it followed its text");
    let text = source_text(&session, &id);
    let (s2, e2) = char_span(&text, "Київ's press");
    assert_eq!((a.start, a.end), (s2, e2), "to where the words are now");
    assert!(s2 > start);
    assert_eq!(a.comment, "Kyiv *press* watched");
    assert_eq!(a.tags, vec!["media".to_string()]);
}

#[test]
fn highlights_are_edited_reattached_and_deleted() {
    let f = fixture();
    let session = session_with_article(&f);
    let id = session.notebook_view().expect("view").sources[0].id.clone();
    let text = source_text(&session, &id);
    let (start, end) = char_span(&text, "security guarantees");
    let a = session
        .annotate(AnnotateRequest {
            source: id.clone(),
            start,
            end,
            quote: None,
            comment: String::new(),
            tags: vec![],
            color: None,
            entities: vec![],
        })
        .expect("annotate");
    assert_eq!(a.color, "yellow", "yellow unless chosen");
    let edited = session
        .edit_annotation(AnnotationEditRequest {
            id: a.id.clone(),
            comment: Some("Their *core* demand".into()),
            tags: Some(vec!["demands".into(), "#core".into()]),
            color: Some("pink".into()),
            entities: None,
            reattach: None,
        })
        .expect("edit");
    assert_eq!(edited.comment, "Their *core* demand");
    assert_eq!(edited.tags, vec!["demands".to_string(), "core".to_string()]);
    assert_eq!(edited.color, "pink");

    let bad = session
        .edit_annotation(AnnotationEditRequest {
            id: a.id.clone(),
            comment: None,
            tags: Some(vec!["two words".into()]),
            color: None,
            entities: None,
            reattach: None,
        })
        .expect_err("a tag with a space");
    assert_eq!(bad.code, "bad_input");
    assert!(bad.message.contains("two words"), "{}", bad.message);

    let (s2, e2) = char_span(&text, "Bucharest summit");
    let mismatch = session
        .edit_annotation(AnnotationEditRequest {
            id: a.id.clone(),
            comment: None,
            tags: None,
            color: None,
            entities: None,
            reattach: Some(SpanRequest {
                start: s2,
                end: e2,
                quote: Some("something else".into()),
            }),
        })
        .expect_err("a re-attach whose selection does not match");
    assert_eq!(mismatch.code, "bad_input");
    let moved = session
        .edit_annotation(AnnotationEditRequest {
            id: a.id.clone(),
            comment: None,
            tags: None,
            color: None,
            entities: None,
            reattach: Some(SpanRequest {
                start: s2,
                end: e2,
                quote: Some("Bucharest summit".into()),
            }),
        })
        .expect("re-attach");
    assert_eq!(moved.exact, "Bucharest summit");
    assert_eq!(moved.comment, "Their *core* demand", "the comment stays");

    session.delete_annotation(&a.id).expect("delete");
    assert!(session.source(&id).expect("source").annotations.is_empty());
    assert_eq!(
        session
            .delete_annotation(&a.id)
            .expect_err("deleted twice")
            .code,
        "not_found"
    );
}

#[test]
fn suggestions_are_accepted_with_edits_or_rejected_for_good() {
    let f = fixture();
    let session = session_with_article(&f);
    let id = session.notebook_view().expect("view").sources[0].id.clone();
    let suggested = session.suggestions(&id).expect("suggestions");
    let names: Vec<&str> = suggested.iter().map(|s| s.name.as_str()).collect();
    assert!(names.contains(&"Geneva"), "{names:?}");
    assert!(names.contains(&"Bucharest"), "{names:?}");

    let changed = session
        .accept_suggestion(AcceptSuggestionRequest {
            source: id.clone(),
            name: "Geneva".into(),
            kind: "place".into(),
            aliases: vec!["Genève".into()],
        })
        .expect("accept");
    assert_eq!(changed.entity.name, "Geneva");
    assert_eq!(changed.entity.aliases, vec!["Genève".to_string()]);
    assert_eq!(changed.entity.mentions, 2, "both mentions found at once");
    assert!(changed.entities.iter().any(|e| e.name == "Geneva"));

    let mentions = session.source(&id).expect("source").mentions;
    let text = source_text(&session, &id);
    let geneva: Vec<_> = mentions.iter().filter(|m| m.entity == "Geneva").collect();
    assert_eq!(geneva.len(), 2);
    for m in &geneva {
        let words: String = text
            .chars()
            .skip(m.start as usize)
            .take((m.end - m.start) as usize)
            .collect();
        assert_eq!(words, "Geneva", "mention spans are code points");
        assert_eq!(m.kind, "place");
    }

    session.reject_suggestion("Bucharest").expect("reject");
    assert!(
        !session
            .suggestions(&id)
            .expect("suggestions")
            .iter()
            .any(|s| s.name == "Bucharest" || s.name == "Geneva"),
        "rejected and accepted names are not suggested again"
    );

    let dup = session
        .add_entity(NewEntityRequest {
            name: "Genève".into(),
            kind: "place".into(),
            aliases: vec![],
        })
        .expect_err("a name that belongs to another entity");
    assert_eq!(dup.code, "bad_input");
    let made = session
        .add_entity(NewEntityRequest {
            name: "Kyiv".into(),
            kind: "place".into(),
            aliases: vec!["Київ".into()],
        })
        .expect("add an entity");
    assert_eq!(made.entity.mentions, 2, "{:?}", made.entity);
}

fn bundled_session(f: &Fixture) -> (Session, PathBuf) {
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("../notes");
    let notebook = f.notebook.join("bundled");
    copy_dir(&bundled, &notebook);
    let session = Session::new(Some(notebook.clone()), None, Instant::now());
    assert!(
        session.startup().notebook.is_some(),
        "the bundled notebook opens"
    );
    (session, notebook)
}

#[test]
fn a_note_written_beside_a_source_is_saved_rendered_and_found() {
    let f = fixture();
    let (session, notebook) = bundled_session(&f);
    let created = session
        .new_note("Geneva first round", Some("russia-nato-talks"))
        .expect("a note about the source");
    let note = created.note.expect("the new note");
    assert!(
        note.body.contains("[[russia-nato-talks|"),
        "the note starts with a link to its source: {:?}",
        note.body
    );
    assert!(created.notebook.notes.iter().any(|n| n.path == note.path));

    let body = format!(
        "{}Ostrich diplomacy, said nobody.\n\n![[russia-nato-talks#^a-legal-fixation]]\n",
        note.body
    );
    let saved = session
        .save_note(&note.path, &body, Some(&note.hash))
        .expect("save");
    assert_eq!(saved.conflict, None);
    assert_eq!(saved.title, "Geneva first round");
    let hits = session.search("ostrich", None).expect("search");
    assert!(
        hits.hits
            .iter()
            .any(|h| h.path.as_deref() == Some(note.path.as_str())),
        "a saved note is searchable at once: {:?}",
        hits.hits
    );
    let rendered = session.render(&body).expect("render");
    assert!(
        rendered.html.contains("blockquote class=\"passage\"")
            && rendered.html.contains("legal fixation"),
        "the passage reference is embedded as its quote: {}",
        rendered.html
    );
    let bad = session
        .render("<script>alert(1)</script>\n\n[[Nobody Yet]] [x](javascript:alert(1))\n")
        .expect("render");
    assert!(
        !bad.html.contains("<script") && !bad.html.contains("href=\"javascript"),
        "the engine's sanitiser ran: {}",
        bad.html
    );
    assert_eq!(bad.unresolved, vec!["Nobody Yet".to_string()]);

    // Changed on disk by another program: reloaded once, then nothing new.
    fs::write(
        notebook.join(&note.path),
        "# Geneva first round\n\nPelican.\n",
    )
    .expect("write");
    let reloaded = session
        .reload_note(&note.path, &saved.hash)
        .expect("reload")
        .expect("the change is noticed");
    assert!(reloaded.body.contains("Pelican"));
    assert!(
        session
            .reload_note(&note.path, &reloaded.hash)
            .expect("reload")
            .is_none(),
        "an editor with the file's text is up to date"
    );

    // Changed on both sides: both kept, and the answer says where ours went.
    fs::write(
        notebook.join(&note.path),
        "# Geneva first round\n\nTheirs.\n",
    )
    .expect("write");
    let saved = session
        .save_note(
            &note.path,
            "# Geneva first round\n\nOurs.\n",
            Some(&reloaded.hash),
        )
        .expect("save");
    let copy = saved.conflict.expect("a conflict copy");
    assert!(fs::read_to_string(notebook.join(&note.path))
        .unwrap()
        .contains("Theirs"));
    assert!(fs::read_to_string(notebook.join(&copy))
        .unwrap()
        .contains("Ours"));
    assert!(
        saved.notes.iter().any(|n| n.path == copy),
        "the copy is listed"
    );
}

#[test]
fn notes_are_renamed_deleted_and_refused_with_the_engines_reasons() {
    let f = fixture();
    let (session, notebook) = bundled_session(&f);
    let err = session.new_note("Two scenarios", None).expect_err("exists");
    assert_eq!(err.code, "bad_input");
    assert!(err.message.contains("exists already"), "{}", err.message);
    assert_eq!(
        session
            .new_note("  ", Some("russia-nato-talks"))
            .expect_err("empty")
            .code,
        "bad_input"
    );

    let renamed = session
        .rename_note("Two scenarios.md", "Scenarios after Geneva")
        .expect("rename");
    assert_eq!(
        renamed.note.expect("the renamed note").path,
        "Scenarios after Geneva.md"
    );
    assert!(notebook.join("Scenarios after Geneva.md").is_file());
    let err = session
        .rename_note("Scenarios after Geneva.md", "Bucharest red line")
        .expect_err("taken");
    assert!(err.message.contains("exists already"), "{}", err.message);

    let deleted = session
        .delete_note("Scenarios after Geneva.md")
        .expect("delete");
    assert!(deleted.note.is_none());
    assert!(
        notebook.join(&deleted.detail[0]).is_file(),
        "kept in the trash: {:?}",
        deleted.detail
    );
    assert!(!deleted
        .notebook
        .notes
        .iter()
        .any(|n| n.path.starts_with("Scenarios")));
}

#[test]
fn backlinks_reach_the_ui_and_an_unlinked_mention_is_linked() {
    let f = fixture();
    let (session, _notebook) = bundled_session(&f);
    let back = session.backlinks("russia-nato-talks").expect("backlinks");
    assert!(
        back.linked
            .iter()
            .any(|b| b.path == "Bucharest red line.md"),
        "the note that links to the source: {back:?}"
    );
    let all = session.backlinks("Alexei Makarkin").expect("backlinks");
    let mention = all
        .unlinked
        .first()
        .expect("an unlinked mention of Makarkin")
        .clone();
    assert!(
        mention.text.to_lowercase().contains("makarkin"),
        "the words themselves are cut out of the context: {mention:?}"
    );
    let saved = session
        .link_mention(&dossier_app::transport::LinkMentionRequest {
            path: mention.path.clone(),
            start: mention.start,
            end: mention.end,
            target: "Alexei Makarkin".into(),
        })
        .expect("link it");
    assert_eq!(saved.conflict, None);
    let after = session.backlinks("Alexei Makarkin").expect("backlinks");
    assert_eq!(
        after.linked.len(),
        all.linked.len() + 1,
        "one more linked mention"
    );
    let stale = dossier_core::content_hash("an editor's older text");
    let fresh = session
        .reload_note(&mention.path, &stale)
        .expect("reload")
        .expect("an editor with older text gets the linked one");
    assert!(fresh.body.contains("[[Alexei Makarkin") && fresh.hash == saved.hash);
}

#[test]
fn export_writes_only_into_the_chosen_folder_outside_the_notebook() {
    use dossier_app::transport::{ExportFormat, ExportRequest, ExportScope};
    let f = fixture();
    let (session, notebook) = bundled_session(&f);
    let out = f.incoming.join("export");
    let request = |scope, format, folder: &Path| ExportRequest {
        scope,
        format,
        vault: false,
        folder: folder.display().to_string(),
    };
    let err = session
        .export(
            &request(ExportScope::All, ExportFormat::Markdown, &out),
            &mut |_| {},
        )
        .expect_err("not chosen");
    assert_eq!(err.code, "not_allowed");

    session.grant_export_folder(&out);
    let mut progress = Vec::new();
    let summary = session
        .export(
            &request(ExportScope::All, ExportFormat::Markdown, &out),
            &mut |p| progress.push((p.done, p.total)),
        )
        .expect("export");
    assert!(summary.written.iter().any(|w| w == "index.md"));
    assert!(out.join("notes/Bucharest red line.md").is_file());
    assert!(progress.len() > 1 && progress.last().map(|p| p.0 == p.1) == Some(true));

    fs::write(out.join("index.md"), "my own index\n").expect("edit the export");
    let again = session
        .export(
            &request(ExportScope::All, ExportFormat::Markdown, &out),
            &mut |_| {},
        )
        .expect("export again");
    assert_eq!(again.kept.len(), 1, "the edited file is kept: {again:?}");
    assert_eq!(
        fs::read_to_string(out.join("index.md")).unwrap(),
        "my own index\n"
    );

    let ld = session
        .export(
            &request(
                ExportScope::Source("russia-nato-talks".into()),
                ExportFormat::Jsonld,
                &out,
            ),
            &mut |_| {},
        )
        .expect("json-ld");
    assert_eq!(ld.written, vec!["russia-nato-talks.jsonld".to_string()]);
    let err = session
        .export(
            &request(
                ExportScope::Note("Two scenarios".into()),
                ExportFormat::Jsonld,
                &out,
            ),
            &mut |_| {},
        )
        .expect_err("json-ld is for annotations");
    assert_eq!(err.code, "bad_input");

    let inside = notebook.join("exported");
    session.grant_export_folder(&inside);
    let err = session
        .export(
            &request(ExportScope::All, ExportFormat::Markdown, &inside),
            &mut |_| {},
        )
        .expect_err("inside the notebook");
    assert_eq!(err.code, "bad_input", "{}", err.message);
    assert!(!inside.exists(), "nothing was written there");
}

#[test]
fn only_web_addresses_go_to_the_system_browser() {
    use dossier_app::session::web_link;
    assert!(web_link("https://example.org/a?b=c").is_ok());
    assert!(web_link("mailto:desk@example.org").is_ok());
    for bad in [
        "javascript:alert(1)",
        "file:///etc/passwd",
        "dossier:note/x",
        "https://",
        "https://a b",
        "-x https://a",
    ] {
        assert_eq!(web_link(bad).expect_err(bad).code, "bad_input", "{bad}");
    }
}

#[test]
fn closing_waits_for_the_ui_to_save_unless_it_does_not_answer() {
    let session = Session::new(None, None, Instant::now());
    assert!(
        session.close_requested(),
        "the first request is held back for the UI"
    );
    assert!(
        session.close_requested(),
        "a second one at once too: the UI is saving"
    );
    std::thread::sleep(dossier_app::session::CLOSE_GRACE);
    assert!(
        !session.close_requested(),
        "a UI that never answers can't keep the window open"
    );

    let session = Session::new(None, None, Instant::now());
    assert!(session.close_requested());
    session.keep_open();
    std::thread::sleep(dossier_app::session::CLOSE_GRACE);
    assert!(
        session.close_requested(),
        "after the UI said it could not save, a later request asks it again"
    );
    session.confirm_close();
    assert!(
        !session.close_requested(),
        "once the UI has saved, the window closes"
    );
}

/// The `dossier` command line built beside this test (`make test` builds it
/// before the shell's tests).
fn dossier_cli() -> PathBuf {
    let exe = std::env::current_exe().expect("the test's own path");
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/deps");
    let cli = dir.join("dossier");
    assert!(
        cli.is_file(),
        "{} is missing: build the command line first (make cli; make test does)",
        cli.display()
    );
    cli
}

/// The app's shell and three command-line importers open one new notebook
/// (no `.dossier/` yet) at the same moment: every import succeeds, each file
/// is imported once, and the store passes `check`.
#[test]
fn the_shell_and_the_command_line_on_one_new_notebook_at_once() {
    let f = fixture();
    fs::write(f.notebook.join("Note.md"), "# A note\n\nOn Geneva.\n").expect("a note");
    let cli = dossier_cli();
    let mut children = Vec::new();
    for i in 0..3 {
        let files: Vec<PathBuf> = (0..5)
            .map(|j| {
                write(
                    &f.incoming,
                    &format!("cli-{i}-{j}.txt"),
                    &format!("Report {i} {j}\n\nTalks in Geneva, words of their own: c{i}y{j}.\n"),
                )
            })
            .collect();
        let nb = f.notebook.clone();
        let cli = cli.clone();
        children.push(std::thread::spawn(move || {
            let start = Instant::now();
            for file in files {
                let out = std::process::Command::new(&cli)
                    .arg("--notebook")
                    .arg(&nb)
                    .args(["--wait", "60", "import"])
                    .arg(&file)
                    .output()
                    .expect("run dossier");
                assert!(
                    out.status.success(),
                    "{}",
                    String::from_utf8_lossy(&out.stderr)
                );
            }
            (start, Instant::now())
        }));
    }
    let shell_start = Instant::now();
    let session = Session::new(Some(f.notebook.clone()), None, Instant::now());
    let startup = session.startup();
    assert!(startup.error.is_none(), "{:?}", startup.error);
    let mine: Vec<String> = (0..5)
        .map(|j| {
            let p = write(
                &f.incoming,
                &format!("app-{j}.txt"),
                &format!("App report {j}\n\nTalks in Geneva, words of their own: a{j}z.\n"),
            );
            session.grant([p.as_path()]);
            p.display().to_string()
        })
        .collect();
    for p in &mine {
        let s = session
            .import(std::slice::from_ref(p), &mut |_| {})
            .expect("the shell's import succeeds beside the command line");
        assert_eq!(s.imported.len(), 1, "{s:?}");
        session
            .search("Geneva", None)
            .expect("search while others write");
    }
    let shell_end = Instant::now();
    let lives: Vec<(Instant, Instant)> = children
        .into_iter()
        .map(|c| c.join().expect("an importer"))
        .collect();
    assert!(
        lives
            .iter()
            .any(|(s, e)| *s < shell_end && shell_start < *e),
        "the shell and the command line ran at the same time"
    );
    drop(session);
    let session = Session::new(Some(f.notebook.clone()), None, Instant::now());
    assert!(session.startup().error.is_none());
    for (i, j) in (0..3).flat_map(|i| (0..5).map(move |j| (i, j))) {
        let r = session.search(&format!("c{i}y{j}"), None).expect("search");
        assert_eq!(r.total, 1, "c{i}y{j} imported once");
    }
    for j in 0..5 {
        let r = session.search(&format!("a{j}z"), None).expect("search");
        assert_eq!(r.total, 1, "a{j}z imported once");
    }
    let check = std::process::Command::new(&cli)
        .arg("--notebook")
        .arg(&f.notebook)
        .arg("check")
        .output()
        .expect("run dossier check");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[test]
fn quotes_by_speaker_highlight_and_entity_page_in_transport_form() {
    let f = fixture();
    let session = Session::new(Some(f.notebook.clone()), None, Instant::now());
    assert!(session.startup().error.is_none());
    let article = write(
        &f.incoming,
        "strike.txt",
        "Dock strike in Gdańsk\n\n\
         Dock workers walked out on Monday.\n\n\
         \u{201c}We will not load a single ship until the contract is signed,\u{201d} \
         said Orla Vantongeren, a union steward.\n",
    );
    session.grant([article.as_path()]);
    let summary = session
        .import(&[article.display().to_string()], &mut |_| {})
        .expect("import");
    let id = summary.imported[0].id.clone();
    let groups = session.source_quotes(&id).expect("quotes");
    assert_eq!(groups.len(), 1, "{groups:?}");
    assert_eq!(groups[0].speaker.as_deref(), Some("Orla Vantongeren"));
    assert_eq!(groups[0].speaker_kind.as_deref(), Some("named"));
    assert_eq!(groups[0].entity, None);
    let q = groups[0].quotes[0].clone();
    assert!(q.quote.starts_with("We will not load"), "{q:?}");
    assert_eq!(q.title, "Dock strike in Gdańsk");
    // The speaker is suggested with the quote as evidence.
    let s = session.suggestions(&id).expect("suggestions");
    let orla = s
        .iter()
        .find(|s| s.name == "Orla Vantongeren")
        .expect("the speaker is suggested");
    assert_eq!(orla.quotes, vec![q.quote.clone()]);
    session
        .add_entity(NewEntityRequest {
            name: "Orla Vantongeren".into(),
            kind: "person".into(),
            aliases: vec![],
        })
        .expect("add the speaker");
    let groups = session.source_quotes(&id).expect("quotes again");
    assert_eq!(groups[0].entity.as_deref(), Some("Orla Vantongeren"));
    let a = session
        .highlight_quote(QuoteHighlightRequest {
            source: id.clone(),
            start: q.start,
            end: q.end,
        })
        .expect("highlight the quote");
    assert_eq!((a.start, a.end), (q.start, q.end));
    assert_eq!(a.entities, vec!["Orla Vantongeren".to_string()]);
    let bad = session
        .highlight_quote(QuoteHighlightRequest {
            source: id.clone(),
            start: 0,
            end: 3,
        })
        .expect_err("a span that is no quote");
    assert_eq!(bad.code, "not_found");
    let page = session.entity("Orla Vantongeren").expect("entity page");
    assert_eq!(page.quotes.len(), 1);
    assert_eq!(page.quotes[0].title, "Dock strike in Gdańsk");
    let found = session
        .search("speaker:\"Orla Vantongeren\"", None)
        .expect("search");
    assert_eq!(found.hits.len(), 1, "{found:?}");
    assert_eq!(found.hits[0].kind, HitKind::Quote);
    assert_eq!(found.hits[0].entity.as_deref(), Some("Orla Vantongeren"));
    assert_eq!(found.hits[0].start, Some(q.start));
}

/// The shell's watcher path: the engine's watch of the open notebook sends
/// a batch when another program saves a note, `take_in` hands it to the
/// engine, and the answer is the "notebook changed" event's payload, with
/// the note listed and found.
#[test]
fn an_outside_edit_reaches_the_session_through_the_watcher() {
    let f = fixture();
    let session = session_with_article(&f);
    let changes = session.take_changes().expect("the batches, once");
    assert!(session.take_changes().is_none());
    // What the import itself stirred up is taken in first.
    while let Ok(batch) = changes.recv_timeout(std::time::Duration::from_millis(300)) {
        session.take_in(&batch).expect("take in");
    }
    write(
        &f.notebook,
        "Field notes.md",
        "# Field notes\n\nA samizdat copy passed hand to hand.\n",
    );
    let mut changed = None;
    let deadline = Instant::now() + std::time::Duration::from_secs(10);
    while changed.is_none() && Instant::now() < deadline {
        let Ok(batch) = changes.recv_timeout(std::time::Duration::from_millis(100)) else {
            continue;
        };
        if let TakenIn::Changed(c) = session.take_in(&batch).expect("take in") {
            changed = Some(c);
        }
    }
    let changed = changed.expect("the watcher reported the new note");
    assert_eq!(changed.notes_changed, 1, "{changed:?}");
    assert!(
        changed
            .notebook
            .notes
            .iter()
            .any(|n| n.title == "Field notes"),
        "{:?}",
        changed.notebook.notes
    );
    let r = session.search("samizdat", Some(10)).expect("search");
    assert_eq!(r.hits.len(), 1, "{r:?}");
}

/// Serves one page on 127.0.0.1 (any other path: 404) for `connections`
/// requests; returns the base address.
fn serve_page(path: &'static str, html: String, connections: usize) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        for stream in listener.incoming().take(connections) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let (status, body) = if first.split_whitespace().nth(1) == Some(path) {
                ("200 OK", html.clone())
            } else {
                ("404 Not Found", "<p>no</p>".to_string())
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    base
}

#[test]
fn import_url_fetches_a_page_or_says_why_not_and_changes_nothing() {
    let f = fixture();
    let session = session_with_article(&f);
    let page = "<html><head><title>Ferry strike ends</title>\
        <meta property=\"og:site_name\" content=\"Harbour News\"></head><body><article>\
        <h1>Ferry strike ends</h1><p>The ferry crews returned to work on Friday after the \
        company agreed to a new rota for the winter timetable.</p></article></body></html>";
    let base = serve_page("/ferry", page.to_string(), 2);

    let err = session
        .import_url(&format!("{base}/missing"), &mut |_| {})
        .expect_err("a 404 is refused");
    assert_eq!(err.code, "bad_input");
    assert_eq!(
        err.message,
        format!("{base}/missing answered 404 Not Found")
    );
    let sources = fs::read_dir(f.notebook.join("sources"))
        .expect("sources")
        .count();

    let mut progress: Vec<ImportProgress> = Vec::new();
    let summary = session
        .import_url(&format!("{base}/ferry"), &mut |p| progress.push(p))
        .expect("the page imports");
    assert_eq!(summary.imported.len(), 1);
    assert_eq!(summary.imported[0].title, "Ferry strike ends");
    assert_eq!(summary.imported[0].outlet.as_deref(), Some("Harbour News"));
    assert!(summary
        .notebook
        .sources
        .iter()
        .any(|s| s.title == "Ferry strike ends"));
    assert!(!progress.is_empty(), "progress was sent");
    assert_eq!(
        fs::read_dir(f.notebook.join("sources"))
            .expect("sources")
            .count(),
        sources + 1
    );
}
