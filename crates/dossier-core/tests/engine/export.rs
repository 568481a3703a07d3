//! Export to Markdown and W3C JSON-LD, and import of annotations.

use std::path::Path;

use dossier_core::{AnchorStatus, ExportFormat, ExportOptions, Notebook, Scope};

use crate::common::{copy_of_bundled, write};

fn export(nb: &Notebook, out: &Path, scope: Scope, vault: bool) -> dossier_core::ExportReport {
    nb.export_markdown(&ExportOptions {
        out: out.to_path_buf(),
        format: ExportFormat::Markdown,
        scope,
        template: None,
        vault,
    })
    .unwrap()
}

fn md_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(md_files(&p));
        } else if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[test]
fn the_whole_notebook_exports_with_links_that_resolve_and_quotes_that_are_exact() {
    let dir = copy_of_bundled();
    let nb = Notebook::open(dir.path()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let report = export(&nb, out.path(), Scope::All, false);
    assert!(report.written.len() >= 30);
    assert!(out.path().join("index.md").is_file());
    let seed = nb.source("russia-nato-talks").unwrap().text;
    let seed_flat = seed.split_whitespace().collect::<Vec<_>>().join(" ");
    let link = regex_lite_links;
    for f in md_files(out.path()) {
        let text = std::fs::read_to_string(&f).unwrap();
        // Front matter parses as YAML.
        if let Some(rest) = text.strip_prefix("---\n") {
            let end = rest.find("\n---\n").expect("front matter closes");
            serde_saphyr::from_str::<serde_json::Value>(&rest[..end])
                .unwrap_or_else(|e| panic!("{}: bad front matter: {e}", f.display()));
        }
        // Every relative link points to an exported file.
        for target in link(&text) {
            let path = target.split('#').next().unwrap();
            let resolved = f.parent().unwrap().join(path);
            assert!(
                resolved.is_file(),
                "{}: link to {target} does not resolve",
                f.display()
            );
        }
        // Every quoted passage (a block quote followed by a citation) is word for word in the source.
        for q in text
            .lines()
            .filter_map(|l| l.strip_prefix("> "))
            .filter(|l| !l.starts_with("—"))
        {
            if q.trim().is_empty() {
                continue;
            }
            let q = q.split(" ^").next().unwrap();
            if f.to_string_lossy().contains("sources") || text.contains("¶") {
                assert!(
                    seed_flat.contains(q.trim()),
                    "{}: quote not in the source: {q}",
                    f.display()
                );
            }
        }
    }
}

/// Relative Markdown link targets `](<…>)` in a text.
fn regex_lite_links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("](<") {
        let after = &rest[i + 3..];
        let Some(j) = after.find(">)") else { break };
        out.push(after[..j].to_string());
        rest = &after[j..];
    }
    out
}

#[test]
fn a_users_edit_survives_a_second_export() {
    let dir = copy_of_bundled();
    let nb = Notebook::open(dir.path()).unwrap();
    let out = tempfile::tempdir().unwrap();
    export(&nb, out.path(), Scope::All, false);
    let edited = out.path().join("entities/kyiv.md");
    std::fs::write(&edited, "My own notes on Kyiv.\n").unwrap();
    let again = export(&nb, out.path(), Scope::All, false);
    assert_eq!(
        again.kept,
        vec![(
            "entities/kyiv.md".to_string(),
            "entities/kyiv (exported).md".to_string()
        )]
    );
    assert_eq!(
        std::fs::read_to_string(&edited).unwrap(),
        "My own notes on Kyiv.\n"
    );
    assert!(out.path().join("entities/kyiv (exported).md").is_file());
    assert!(again.unchanged.len() >= 30, "the rest is unchanged");
}

#[test]
fn default_templates_snapshots() {
    let dir = copy_of_bundled();
    let nb = Notebook::open(dir.path()).unwrap();
    let out = tempfile::tempdir().unwrap();
    export(
        &nb,
        out.path(),
        Scope::Source("russia-nato-talks".into()),
        false,
    );
    export(
        &nb,
        out.path(),
        Scope::Entity("Alexei Makarkin".into()),
        false,
    );
    export(
        &nb,
        out.path(),
        Scope::Note("Bucharest red line".into()),
        false,
    );
    let read = |p: &str| std::fs::read_to_string(out.path().join(p)).unwrap();
    let source = read("sources/russia-nato-talks.md");
    let head: String = source.lines().take(40).collect::<Vec<_>>().join("\n");
    insta::assert_snapshot!("export_source", head);
    insta::assert_snapshot!("export_entity", read("entities/alexei-makarkin.md"));
    insta::assert_snapshot!("export_note", read("notes/Bucharest red line.md"));
}

#[test]
fn vault_mode_keeps_wiki_links_and_block_ids() {
    let dir = copy_of_bundled();
    let nb = Notebook::open(dir.path()).unwrap();
    let out = tempfile::tempdir().unwrap();
    export(&nb, out.path(), Scope::All, true);
    let note = std::fs::read_to_string(out.path().join("notes/Bucharest red line.md")).unwrap();
    assert!(
        note.contains("![[sources/russia-nato-talks#^a-bucharest-demand]]"),
        "{note}"
    );
    let source = std::fs::read_to_string(out.path().join("sources/russia-nato-talks.md")).unwrap();
    assert!(
        source.contains(" ^a-bucharest-demand"),
        "Obsidian block ids"
    );
    let kyiv = std::fs::read_to_string(out.path().join("entities/kyiv.md")).unwrap();
    assert!(
        kyiv.contains("aliases: [\"Kiev\"]"),
        "aliases let Obsidian resolve [[Kiev]]"
    );
}

#[test]
fn jsonld_round_trip_into_a_new_notebook() {
    let dir = copy_of_bundled();
    let mut nb = Notebook::open(dir.path()).unwrap();
    nb.edit_annotation(
        "a-legal-fixation",
        dossier_core::AnnotationEdit {
            entities: Some(vec!["NATO".into()]),
            ..Default::default()
        },
    )
    .unwrap();
    let doc = nb.export_jsonld(Some("russia-nato-talks")).unwrap();
    assert_eq!(doc["type"], "AnnotationCollection");
    let first = &doc["first"]["items"][0];
    assert_eq!(first["type"], "Annotation");
    assert_eq!(first["target"]["selector"][0]["type"], "TextQuoteSelector");
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), serde_json::to_string(&doc).unwrap()).unwrap();

    // A new notebook with the same source, without its annotations.
    let other = copy_of_bundled();
    std::fs::remove_file(
        other
            .path()
            .join("sources/russia-nato-talks.annotations.json"),
    )
    .unwrap();
    let mut fresh = Notebook::open(other.path()).unwrap();
    assert!(fresh.annotations(None).unwrap().is_empty());
    let report = fresh.import_annotations(file.path(), None).unwrap();
    assert_eq!(report.imported.len(), 5);
    assert!(report.orphans.is_empty());
    let a = nb.annotations(None).unwrap();
    let b = fresh.annotations(None).unwrap();
    let key = |x: &dossier_core::Annotation| {
        (
            x.id.clone(),
            x.start,
            x.end,
            x.exact.clone(),
            x.comment.clone(),
            x.tags.clone(),
        )
    };
    assert_eq!(
        a.iter().map(key).collect::<Vec<_>>(),
        b.iter().map(key).collect::<Vec<_>>()
    );
    assert_eq!(
        fresh.annotation("a-legal-fixation").unwrap().entities,
        vec!["NATO"]
    );
    let again = fresh.import_annotations(file.path(), None).unwrap();
    assert_eq!(again.existing.len(), 5, "importing twice adds nothing");
}

#[test]
fn a_hypothesis_export_is_imported_and_reanchored() {
    let dir = copy_of_bundled();
    let mut nb = Notebook::open(dir.path()).unwrap();
    let files = tempfile::tempdir().unwrap();
    let h = write(
        files.path(),
        "hypothesis.json",
        r#"{"total": 2, "rows": [
          {"id": "hXyZ123", "uri": "https://example.org/article", "text": "Kislitsyn is **skeptical**", "tags": ["skeptic", "imemo"],
           "created": "2022-01-05T10:00:00Z",
           "target": [{"source": "https://example.org/article", "selector": [
             {"type": "TextPositionSelector", "start": 1, "end": 2},
             {"type": "TextQuoteSelector", "exact": "is skeptical about the upcoming negotiations", "prefix": "IMEMO RAS, ", "suffix": " ."}]}]},
          {"id": "gone1", "uri": "https://example.org/article", "text": "",
           "target": [{"source": "https://example.org/article", "selector": [
             {"type": "TextQuoteSelector", "exact": "a sentence this article never had in it at all", "prefix": "", "suffix": ""}]}]}
        ]}"#,
    );
    let report = nb
        .import_annotations(&h, Some("russia-nato-talks"))
        .unwrap();
    assert_eq!(report.imported.len(), 2);
    assert_eq!(report.orphans.len(), 1, "reported, and kept");
    let a = nb
        .annotations(Some("russia-nato-talks"))
        .unwrap()
        .into_iter()
        .find(|a| a.comment.contains("skeptical"))
        .unwrap();
    assert_eq!(
        a.status,
        AnchorStatus::Moved,
        "placed by its quote, not the stale position"
    );
    assert_eq!(a.tags, vec!["skeptic", "imemo"]);
    assert_eq!(nb.search("tag:skeptic", 10).unwrap().total, 1);
}

#[test]
fn bad_output_folders_and_odd_titles() {
    let dir = copy_of_bundled();
    let mut nb = Notebook::open(dir.path()).unwrap();
    let blocker = tempfile::NamedTempFile::new().unwrap();
    let err = nb
        .export_markdown(&ExportOptions {
            out: blocker.path().join("sub"),
            format: ExportFormat::Markdown,
            scope: Scope::All,
            template: None,
            vault: false,
        })
        .unwrap_err();
    assert_eq!(err.code(), "io", "{err}");
    assert!(
        err.to_string().contains("sub"),
        "the message names the folder: {err}"
    );
    nb.add_entity(dossier_core::NewEntity {
        name: "A/B: \"odd\" <name> with a very long tail that goes on and on and on and on and on and on".into(),
        kind: "other".into(),
        ..Default::default()
    })
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    export(&nb, out.path(), Scope::All, false);
    for f in md_files(out.path()) {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            name.len() <= 80 && !name.contains(['<', '>', '"', ':', '\\']),
            "{name}"
        );
    }
    let bad_template = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(bad_template.path(), "{% for x in %}").unwrap();
    let err = nb
        .export_markdown(&ExportOptions {
            out: out.path().to_path_buf(),
            format: ExportFormat::Markdown,
            scope: Scope::Note("Two scenarios".into()),
            template: Some(bad_template.path().to_path_buf()),
            vault: false,
        })
        .unwrap_err();
    assert!(err.to_string().contains("template does not parse"), "{err}");
}

#[test]
fn export_reports_progress_up_to_every_file() {
    let dir = copy_of_bundled();
    let nb = Notebook::open(dir.path()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut seen: Vec<(usize, usize)> = Vec::new();
    let report = nb
        .export(
            &ExportOptions {
                out: out.path().to_path_buf(),
                scope: Scope::All,
                template: None,
                format: ExportFormat::Markdown,
                vault: false,
            },
            &mut |done, total| seen.push((done, total)),
        )
        .unwrap();
    let files = report.written.len() + report.unchanged.len() + report.kept.len();
    assert!(
        seen.len() > 2,
        "progress is reported file by file: {seen:?}"
    );
    assert!(
        seen.windows(2).all(|w| w[0].0 <= w[1].0),
        "progress never goes back: {seen:?}"
    );
    assert_eq!(
        seen.last().copied(),
        Some((files, files)),
        "the last report is every file of the export"
    );
}

#[test]
fn export_into_the_notebook_or_a_folder_holding_it_is_refused_before_writing() {
    let dir = copy_of_bundled();
    let nb = Notebook::open(dir.path()).unwrap();
    let inside = dir.path().join("exports/sub");
    for (out, format) in [
        (inside.clone(), ExportFormat::Markdown),
        (inside.clone(), ExportFormat::JsonLd),
        (dir.path().to_path_buf(), ExportFormat::Markdown),
        (
            dir.path().parent().unwrap().to_path_buf(),
            ExportFormat::Markdown,
        ),
    ] {
        let err = nb
            .export(
                &ExportOptions {
                    out: out.clone(),
                    format,
                    scope: Scope::All,
                    template: None,
                    vault: false,
                },
                &mut |_, _| {},
            )
            .expect_err("an export inside the notebook, or around it, is refused");
        assert_eq!(err.code(), "bad_input", "{err}");
        assert!(err.to_string().contains("inside the notebook"), "{err}");
    }
    assert!(!dir.path().join("exports").exists(), "nothing was written");
}
