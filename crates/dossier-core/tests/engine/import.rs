//! Import: formats, duplicates, refusals, rollback.

use dossier_core::{Error, ImportOptions, Notebook};

use crate::common::{copy_of_bundled, import, snapshot, write};

#[test]
fn plain_text_is_imported_and_searchable() {
    let nb_dir = copy_of_bundled();
    let files = tempfile::tempdir().unwrap();
    let mut nb = Notebook::open(nb_dir.path()).unwrap();
    let p = write(
        files.path(),
        "walrus-report.txt",
        "Walrus sighting in Tromsø\n\nA walrus was seen near the harbour.\nIt stayed two days.\n\nOfficials were amused.\n",
    );
    let report = import(&mut nb, &[p]).unwrap();
    assert_eq!(report.imported.len(), 1);
    let s = &report.imported[0];
    assert_eq!(s.title, "Walrus sighting in Tromsø");
    assert_eq!(s.passages, 3);
    assert!(
        nb_dir.path().join(&s.path).is_file(),
        "the source is kept as a file in the notebook"
    );
    let hits = nb.search("walrus", 10).unwrap();
    assert_eq!(hits.total, 2);
    assert!(
        hits.hits[0].snippet.contains("<mark>walrus</mark>")
            || hits.hits[0].snippet.contains("<mark>Walrus</mark>")
    );
    let tromso = nb.search("tromso", 10).unwrap();
    assert_eq!(
        tromso.total, 1,
        "diacritics are folded: tromso finds Tromsø"
    );
}

#[test]
fn markdown_front_matter_becomes_metadata() {
    let nb_dir = copy_of_bundled();
    let files = tempfile::tempdir().unwrap();
    let mut nb = Notebook::open(nb_dir.path()).unwrap();
    let p = write(
        files.path(),
        "brief.md",
        "---\ntitle: Geneva brief\noutlet: Example Wire\nauthor: [A. One, B. Two]\ndate: 2022-01-10\nurl: https://example.org/geneva\n---\n# Geneva\n\nThe walrus delegation arrived.\n",
    );
    let report = import(&mut nb, &[p]).unwrap();
    let id = &report.imported[0].id;
    let s = nb.source(id).unwrap();
    assert_eq!(s.meta.title, "Geneva brief");
    assert_eq!(s.meta.outlet.as_deref(), Some("Example Wire"));
    assert_eq!(s.meta.author.as_deref(), Some("A. One, B. Two"));
    assert_eq!(s.meta.published.as_deref(), Some("2022-01-10"));
    assert_eq!(s.meta.url.as_deref(), Some("https://example.org/geneva"));
    assert!(
        s.text.starts_with("# Geneva"),
        "the Markdown body is kept as written"
    );
    assert_eq!(nb.search("walrus delegation", 10).unwrap().total, 1);
}

#[test]
fn html_article_is_extracted() {
    let nb_dir = copy_of_bundled();
    let files = tempfile::tempdir().unwrap();
    let mut nb = Notebook::open(nb_dir.path()).unwrap();
    let p = write(
        files.path(),
        "page.html",
        r#"<html><head><title>Walrus talks</title><meta property="og:site_name" content="Wire">
        <script>var secretTracker = "zebraword";</script><style>.x{}</style></head>
        <body><nav>Home | World | zebranav</nav><article><h1>Walrus talks</h1>
        <p>The walrus spoke first.</p><p>Then the seal.</p></article><footer>zebrafoot</footer></body></html>"#,
    );
    let report = import(&mut nb, &[p]).unwrap();
    let s = nb.source(&report.imported[0].id).unwrap();
    assert_eq!(s.meta.title, "Walrus talks");
    assert_eq!(s.meta.outlet.as_deref(), Some("Wire"));
    assert_eq!(s.passages.len(), 3);
    for dropped in ["zebraword", "zebranav", "zebrafoot"] {
        assert!(
            !s.text.contains(dropped),
            "{dropped} (script, nav, footer) must be dropped"
        );
        assert_eq!(nb.search(dropped, 10).unwrap().total, 0);
    }
    assert_eq!(nb.search("seal", 10).unwrap().total, 1);
}

#[test]
fn a_folder_is_imported_and_duplicates_recognised() {
    let nb_dir = copy_of_bundled();
    let files = tempfile::tempdir().unwrap();
    let mut nb = Notebook::open(nb_dir.path()).unwrap();
    write(files.path(), "a.txt", "Walrus one.\n");
    write(files.path(), "sub/b.md", "# B\n\nWalrus two.\n");
    write(files.path(), "sub/c.html", "<p>Walrus three.</p>");
    write(files.path(), "sub/ignored.png", [0x89u8, b'P', b'N', b'G']);
    write(files.path(), ".hidden.txt", "Walrus hidden.\n");
    let report = import(&mut nb, &[files.path().to_path_buf()]).unwrap();
    assert_eq!(
        report.imported.len(),
        3,
        "txt, md and html inside folders; other types and hidden files passed over"
    );
    let again = import(&mut nb, &[files.path().join("a.txt")]).unwrap();
    assert!(again.imported.is_empty());
    assert_eq!(
        again.duplicates.len(),
        1,
        "the same content is recognised by its hash"
    );
    assert_eq!(again.duplicates[0].1, report.imported[0].id);
    let copy = write(files.path(), "copy-of-a.txt", "Walrus one.\n");
    assert_eq!(
        import(&mut nb, &[copy]).unwrap().duplicates.len(),
        1,
        "whatever the file name"
    );
}

#[test]
fn bad_files_are_refused_and_nothing_changes() {
    let nb_dir = copy_of_bundled();
    let files = tempfile::tempdir().unwrap();
    let mut nb = Notebook::open(nb_dir.path()).unwrap();
    let before = snapshot(&nb);
    let good = write(files.path(), "good.txt", "A zebra crossing.\n");
    let cases = [
        (
            write(files.path(), "bin.txt", b"abc\0\x01\x02def"),
            "binary",
        ),
        (
            write(files.path(), "latin1.txt", b"caf\xe9 au lait\n"),
            "not valid UTF-8",
        ),
        (write(files.path(), "empty.txt", ""), "empty file"),
        (write(files.path(), "blank.md", "  \n\n "), "empty file"),
        (files.path().join("missing.txt"), "no such file"),
        (
            write(files.path(), "doc.pdf", b"%PDF-1.7"),
            "unsupported file type",
        ),
    ];
    for (path, reason) in &cases {
        let err = import(&mut nb, &[good.clone(), path.clone()]).unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, Error::ImportRefused(_)), "{msg}");
        assert!(
            msg.contains(path.file_name().unwrap().to_str().unwrap()),
            "the message names the file: {msg}"
        );
        assert!(
            msg.contains(reason),
            "the message says why ({reason}): {msg}"
        );
        assert_eq!(err.code(), "bad_input");
        assert_eq!(
            snapshot(&nb),
            before,
            "a refused import leaves store, index and files as they were"
        );
        let alone = import(&mut nb, std::slice::from_ref(path)).unwrap_err();
        assert!(alone.to_string().contains(reason), "{alone}");
    }
    // With skip_bad, the good file goes in and the bad ones are reported.
    let paths: Vec<_> = std::iter::once(good)
        .chain(cases.iter().map(|c| c.0.clone()))
        .collect();
    let report = nb
        .import(&paths, &ImportOptions { skip_bad: true }, &mut |_| {})
        .unwrap();
    assert_eq!(report.imported.len(), 1);
    assert_eq!(report.refused.len(), cases.len());
    assert_eq!(nb.search("zebra", 10).unwrap().total, 1);
}

#[test]
fn an_import_that_fails_midway_is_rolled_back() {
    let nb_dir = copy_of_bundled();
    let files = tempfile::tempdir().unwrap();
    let mut nb = Notebook::open(nb_dir.path()).unwrap();
    let before = snapshot(&nb);
    let first = write(
        files.path(),
        "first.txt",
        "Zebra first\n\nThe first zebra.\n",
    );
    let second = write(
        files.path(),
        "second.txt",
        "Zebra second\n\nThe second zebra.\n",
    );
    // Block the temporary file the second write needs: the first file is
    // written, then writing the second fails.
    let blocker = nb_dir
        .path()
        .join("sources")
        .join(format!(".zebra-second.md.{}.tmp", std::process::id()));
    std::fs::create_dir_all(blocker.join("x")).unwrap();
    let err = import(&mut nb, &[first, second]).unwrap_err();
    assert_eq!(err.code(), "io", "{err}");
    std::fs::remove_dir_all(&blocker).unwrap();
    assert_eq!(
        snapshot(&nb),
        before,
        "the file written before the failure is gone, store and index untouched"
    );
    assert!(!nb_dir.path().join("sources/zebra-first.md").exists());
    // And a fresh open agrees.
    drop(nb);
    let nb = Notebook::open(nb_dir.path()).unwrap();
    assert_eq!(snapshot(&nb), before);
}

#[test]
fn the_seed_article_has_its_metadata() {
    let nb_dir = copy_of_bundled();
    let nb = Notebook::open(nb_dir.path()).unwrap();
    let sources = nb.sources().unwrap();
    let seed = sources
        .iter()
        .find(|s| s.id == "russia-nato-talks")
        .expect("the bundled article");
    assert!(
        seed.passages >= 15,
        "the article is split by paragraph: {}",
        seed.passages
    );
    let s = nb.source("russia-nato-talks").unwrap();
    assert!(s.meta.title.contains("Russia"));
    assert!(s.meta.outlet.is_some() && s.meta.published.is_some());
    for p in &s.passages {
        let got: String = s.text.chars().skip(p.start).take(p.end - p.start).collect();
        assert_eq!(got, p.text, "passage offsets count characters");
    }
    assert!(
        nb.notes().unwrap().len() >= 2,
        "the bundled notebook has analysis notes"
    );
}
