//! Limits: very large files, very long lines, deeply nested Markdown, HTML
//! and queries, thousands of annotations on one source, thousands of notes.
//! Each case either works or is refused up front with a message that says
//! why; none hangs or panics. The sizes here run in seconds; the cases at
//! full size (a 50 MB import, ten thousand notes) are `#[ignore]`d and run
//! by `make test-reliability`.
//!
//! No budget is asserted here (budgets are measured by the benchmarks); each
//! case runs under a generous guard so that a hang fails instead of stalling.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use dossier_core::import::{self, Format, MAX_FILE_BYTES};
use dossier_core::render::{render, NoLinks};
use dossier_core::{Error, NewAnnotation, Notebook};

use crate::common::{import, write};

/// Runs `f` on a thread with a big stack and fails the test if it has not
/// finished after `secs` seconds (a hang, not a slow machine).
fn bounded<T: Send + 'static>(secs: u64, what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name(what.into())
        .spawn(move || {
            let _ = tx.send(f());
        })
        .unwrap();
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(v) => v,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: still running after {secs} s"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}

fn empty_notebook() -> (tempfile::TempDir, Notebook) {
    let dir = tempfile::tempdir().unwrap();
    let nb = Notebook::open(dir.path()).unwrap();
    (dir, nb)
}

#[test]
fn a_file_over_the_limit_is_refused_unread() {
    let files = tempfile::tempdir().unwrap();
    let (_d, mut nb) = empty_notebook();
    // A sparse file: 50 MB and one byte, without writing 50 MB.
    let big = files.path().join("huge.txt");
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(MAX_FILE_BYTES + 1).unwrap();
    drop(f);
    let err = import(&mut nb, std::slice::from_ref(&big)).unwrap_err();
    let msg = err.to_string();
    assert_eq!(err.code(), "bad_input", "{msg}");
    assert!(
        msg.contains("huge.txt") && msg.contains("too large") && msg.contains("50 MB"),
        "says which file and why: {msg}"
    );
    assert!(nb.sources().unwrap().is_empty());
    // A huge file dropped into the notebook folder itself is left alone, with a warning.
    let inside = nb.root().join("huge note.md");
    let f = std::fs::File::create(&inside).unwrap();
    f.set_len(MAX_FILE_BYTES + 1).unwrap();
    drop(f);
    let report = nb.sync().unwrap();
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("huge note.md") && w.contains("too large")),
        "{:?}",
        report.warnings
    );
    assert!(nb.notes().unwrap().is_empty());
}

#[cfg(unix)]
#[test]
fn a_pipe_or_device_is_refused_not_read_forever() {
    let files = tempfile::tempdir().unwrap();
    let (_d, mut nb) = empty_notebook();
    let fifo = files.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");
    let err = bounded(30, "import of a fifo", move || {
        import(&mut nb, &[fifo]).unwrap_err().to_string()
    });
    assert!(err.contains("not a regular file"), "{err}");
    let err = import::read(Path::new("/dev/zero")).unwrap_err();
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn a_very_long_line_is_imported_cut_into_passages() {
    let files = tempfile::tempdir().unwrap();
    // 2 MB on one line: words, then one 200 kB "word" with no space in it.
    let mut line = "longline ".repeat(200_000);
    line.push_str(&"x".repeat(200_000));
    let file = write(files.path(), "one-line.txt", format!("{line}\n"));
    let (_d, nb) = empty_notebook();
    let (ids, nb) = bounded(120, "import of a 2 MB line", move || {
        let mut nb = nb;
        let r = import(&mut nb, &[file]).unwrap();
        (r.imported, nb)
    });
    let s = nb.source(&ids[0].id).unwrap();
    assert!(s.passages.len() > 900, "cut at {} chars", 2000);
    assert!(s
        .passages
        .iter()
        .all(|p| p.text.chars().count() <= dossier_text::passages::MAX_PASSAGE_CHARS));
    assert!(nb.search("longline", 5).unwrap().total > 100);
    assert!(nb.check().unwrap().problems.is_empty());
}

/// Markdown nested 100,000 deep: rendered (text kept, elements below the
/// nesting limit left out), safe, and saved as a note that is indexed.
#[test]
fn deeply_nested_markdown_renders_and_saves() {
    let cases = [
        (
            "blockquotes",
            format!("{} deepquote\n", ">".repeat(100_000)),
            "deepquote",
        ),
        (
            "brackets",
            format!("{}deepbracket{}", "[".repeat(100_000), "]".repeat(100_000)),
            "deepbracket",
        ),
        (
            "links",
            format!("{}deeplink{}", "[".repeat(50_000), "](x)".repeat(50_000)),
            "deeplink",
        ),
        (
            "emphasis",
            format!("{}deepemphasis{}", "*".repeat(100_000), "*".repeat(100_000)),
            "deepemphasis",
        ),
        ("lists", "- ".repeat(50_000) + "deeplist\n", "deeplist"),
        (
            "html",
            format!(
                "{}deephtml{}",
                "<div>".repeat(100_000),
                "</div>".repeat(100_000)
            ),
            "deephtml",
        ),
        (
            "wiki",
            format!("{}deepwiki{}", "[[".repeat(50_000), "]]".repeat(50_000)),
            "deepwiki",
        ),
    ];
    let (_d, nb) = empty_notebook();
    let nb = std::sync::Arc::new(std::sync::Mutex::new(nb));
    for (name, md, word) in cases {
        let html = bounded(120, name, {
            let md = md.clone();
            move || render(&md, &NoLinks).html
        });
        let depth = max_depth(&html);
        // Markdown nests at most MAX_NESTING deep; raw HTML in it at most MAX_HTML_NESTING.
        assert!(
            depth <= dossier_core::render::MAX_HTML_NESTING + 4,
            "{name}: the rendered HTML nests {depth} deep"
        );
        assert!(html.contains(word), "{name}: the text is kept");
        assert!(!html.contains("<script"), "{name}");
        let nb = nb.clone();
        bounded(120, name, move || {
            let mut nb = nb.lock().unwrap();
            let path = format!("deep-{name}.md");
            nb.save_note(&path, &md, None).unwrap();
            nb.render_note(&path).unwrap();
            assert!(
                nb.search(word, 5).unwrap().total >= 1,
                "{name}: the note is searchable"
            );
        });
    }
    let nb = nb.lock().unwrap();
    assert_eq!(nb.notes().unwrap().len(), 7);
    assert!(nb.check().unwrap().problems.is_empty());
}

/// How deeply the elements of an HTML fragment nest (tags counted by hand:
/// the sanitiser's output is well-formed).
fn max_depth(html: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    let bytes = html.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b != b'<' {
            continue;
        }
        match bytes.get(i + 1) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(c) if c.is_ascii_alphabetic() => {
                let tag: String = html[i + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                if !matches!(tag.as_str(), "br" | "hr" | "input" | "img") {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            _ => {}
        }
    }
    max
}

#[test]
fn deeply_nested_html_is_imported() {
    for (name, html) in [
        (
            "div",
            format!(
                "<html><body>{}Deep div text{}</body></html>",
                "<div>".repeat(100_000),
                "</div>".repeat(100_000)
            ),
        ),
        (
            "b",
            format!(
                "<html><body><p>{}Deep bold text</p></body></html>",
                "<b>".repeat(100_000)
            ),
        ),
        (
            "table",
            format!(
                "<html><body>{}Deep table text</body></html>",
                "<table><tr><td>".repeat(20_000)
            ),
        ),
    ] {
        let (meta, text) = bounded(120, name, move || {
            import::extract(html.as_bytes(), Format::Html, "deep").unwrap()
        });
        assert!(
            text.contains("Deep"),
            "{name}: the text is kept: {:?}",
            &text[..text.len().min(80)]
        );
        assert_eq!(meta.title, "Deep", "{name}");
    }
}

#[test]
fn deeply_nested_queries_are_refused_with_a_message() {
    let (_d, nb) = empty_notebook();
    let q = format!("{}nato{}", "(".repeat(100_000), ")".repeat(100_000));
    match nb.search(&q, 10) {
        Err(Error::QuerySyntax { message, .. }) => assert!(message.contains("deep"), "{message}"),
        other => panic!("expected a syntax error, got {other:?}"),
    }
    assert_eq!(nb.search_lenient(&q, 10).unwrap().total, 0);
    let many = "nato ".repeat(20_000);
    assert_eq!(nb.search(&many, 10).unwrap().total, 0);
}

#[test]
fn thousands_of_annotations_on_one_source_survive_an_edit() {
    let files = tempfile::tempdir().unwrap();
    let mut text = String::from("Annotated source\n\n");
    for p in 0..400 {
        text.push_str(&format!(
            "Paragraph {p}: the delegations met at {p} o'clock and spoke of guarantee number {p}.\n\n"
        ));
    }
    let file = write(files.path(), "annotated.txt", &text);
    let (dir, mut nb) = empty_notebook();
    let id = import(&mut nb, &[file]).unwrap().imported[0].id.clone();
    let body = nb.source(&id).unwrap().text;
    drop(nb);
    // 3,000 annotations, taken in from an annotation file in one go.
    let n = 3_000;
    let chars: Vec<char> = body.chars().collect();
    let entries: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let start = (i * 37) % (chars.len() - 30);
            let end = start + 20;
            let slice = |a: usize, b: usize| chars[a..b].iter().collect::<String>();
            serde_json::json!({
                "id": format!("a-many-{i}"),
                "exact": slice(start, end),
                "prefix": slice(start.saturating_sub(32), start),
                "suffix": slice(end, (end + 32).min(chars.len())),
                "start": start,
                "end": end,
                "comment": format!("note {i}"),
            })
        })
        .collect();
    write(
        dir.path(),
        &format!("sources/{id}.annotations.json"),
        serde_json::to_string(&entries).unwrap(),
    );
    let root = dir.path().to_path_buf();
    let mut nb = bounded(300, "taking in 3,000 annotations", move || {
        Notebook::open(&root).unwrap()
    });
    assert_eq!(nb.annotations(None).unwrap().len(), n);
    // One more by hand, with thousands there already.
    nb.annotate(
        &id,
        NewAnnotation {
            start: Some(10),
            end: Some(30),
            comment: "by hand".into(),
            ..NewAnnotation::default()
        },
    )
    .unwrap();
    drop(nb);
    // Edit the source: every annotation is re-anchored, none dropped.
    let path = dir.path().join(format!("sources/{id}.md"));
    let file_text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        file_text.replace("Paragraph 7:", "A new paragraph.\n\nParagraph 7:"),
    )
    .unwrap();
    let root = dir.path().to_path_buf();
    let nb = bounded(300, "re-anchoring 3,000 annotations", move || {
        Notebook::open(&root).unwrap()
    });
    assert_eq!(nb.last_sync().reanchored, n + 1);
    let all = nb.annotations(None).unwrap();
    assert_eq!(all.len(), n + 1, "none dropped");
    let s = nb.source(&id).unwrap();
    let chars: Vec<char> = s.text.chars().collect();
    use dossier_core::AnchorStatus::{Exact, Fuzzy, Moved, Orphan};
    for a in &all {
        match a.status {
            Exact | Moved => {
                let got: String = chars[a.start..a.end].iter().collect();
                assert_eq!(got, a.exact, "{} is placed on its quote", a.id);
            }
            Fuzzy => assert!(a.start <= a.end && a.end <= chars.len()),
            Orphan => {}
        }
    }
    // Only the few that straddle the inserted paragraph may lose their quote.
    let lost = all.iter().filter(|a| a.status == Orphan).count();
    assert!(lost <= n / 100, "{lost} orphans");
    assert!(all.iter().filter(|a| a.status == Moved).count() > n / 2);
    assert!(nb.check().unwrap().problems.is_empty());
}

/// Many notes: `count` in the normal suite, ten thousand in `make test-reliability`.
fn many_notes(count: usize) {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..count {
        write(
            dir.path(),
            &format!("notes/{:02}/note-{i}.md", i % 50),
            format!(
                "# Note {i}\n\nAnalysis number {i}, on [[Note {}]] and manynotesword.\n",
                (i + 1) % count
            ),
        );
    }
    let root = dir.path().to_path_buf();
    let nb = bounded(600, "opening many notes", move || {
        Notebook::open(&root).unwrap()
    });
    assert_eq!(nb.notes().unwrap().len(), count);
    assert_eq!(nb.search("manynotesword", 5).unwrap().total, count);
    let root = dir.path().to_path_buf();
    let mut nb = bounded(600, "opening many notes again", move || {
        drop(nb);
        Notebook::open(&root).unwrap()
    });
    assert_eq!(nb.last_sync().notes_changed, 0, "nothing re-read");
    nb.save_note(
        "notes/00/note-0.md",
        "# Note 0\n\nRewritten with freshword.\n",
        None,
    )
    .unwrap();
    assert_eq!(nb.search("freshword", 5).unwrap().total, 1);
    assert!(nb.check().unwrap().problems.is_empty());
}

#[test]
fn a_thousand_notes_open_and_search() {
    many_notes(1_000);
}

#[test]
#[ignore = "ten thousand notes: run by `make test-reliability`"]
fn ten_thousand_notes_open_and_search() {
    many_notes(10_000);
}

#[test]
#[ignore = "writes and imports 50 MB: run by `make test-reliability`"]
fn a_file_at_the_limit_is_imported() {
    let files = tempfile::tempdir().unwrap();
    let para =
        "The delegations met in Geneva and spoke of security guarantees for a long time.\n\n";
    let mut text = String::with_capacity(MAX_FILE_BYTES as usize);
    let mut i = 0;
    while text.len() + para.len() + 20 < MAX_FILE_BYTES as usize {
        text.push_str(&format!("{i} {para}"));
        i += 1;
    }
    while text.len() < MAX_FILE_BYTES as usize {
        text.push('x');
    }
    assert_eq!(text.len() as u64, MAX_FILE_BYTES);
    let file = write(files.path(), "at-limit.txt", &text);
    let (_d, nb) = empty_notebook();
    let nb = bounded(900, "import of 50 MB", move || {
        let mut nb = nb;
        let r = import(&mut nb, &[file]).unwrap();
        assert_eq!(r.imported.len(), 1);
        nb
    });
    assert!(nb.search("geneva", 5).unwrap().total > 100_000);
    assert!(nb.check().unwrap().problems.is_empty());
}
