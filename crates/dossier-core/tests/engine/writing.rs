//! Notes: rendering (snapshots), the sanitiser against hostile input, and
//! creating, saving, renaming, deleting and backlinks.

use dossier_core::render::{render, sanitize, NoLinks};
use dossier_core::{Error, Notebook};

use crate::common::{copy_of_bundled, write};

fn open() -> (tempfile::TempDir, Notebook) {
    let dir = copy_of_bundled();
    let nb = Notebook::open(dir.path()).unwrap();
    (dir, nb)
}

#[test]
fn gfm_features_render() {
    let md = "# Title\n\n## Title\n\nA ~~struck~~ word and a footnote.[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] to do\n\n[^1]: The note.\n";
    insta::assert_snapshot!("gfm", render(md, &NoLinks).html);
}

#[test]
fn wiki_links_resolved_and_unresolved() {
    let (_d, nb) = open();
    let md = "[[Two scenarios]], [[russia-nato-talks|the article]], [[Kiev]], [[Nobody Yet]], [[Bucharest red line#Why it cannot be granted]].";
    let r = nb.render_markdown(md);
    insta::assert_snapshot!("wikilinks", r.html);
    assert_eq!(r.links.iter().filter(|l| l.resolved.is_none()).count(), 1);
}

#[test]
fn passage_embeds_quote_and_cite() {
    let (_d, nb) = open();
    let r = nb.render_markdown(
        "![[russia-nato-talks#^a-legal-fixation]]\n\n![[russia-nato-talks#^no-such-annotation]]\n",
    );
    insta::assert_snapshot!("embed", r.html);
}

#[test]
fn hostile_input_never_survives() {
    let payloads = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
        "[x](data:text/html,<script>alert(1)</script>)",
        "<svg onload=alert(1)><script>alert(1)</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<form action=\"https://evil.example\"><input name=p><button>go</button></form>",
        "<style>body{display:none}</style>",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<div onclick=\"alert(1)\" onmouseover=\"alert(1)\">x</div>",
        "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
        "<base href=\"https://evil.example/\">",
        "<link rel=stylesheet href=\"https://evil.example/x.css\">",
        "[[x\" onmouseover=\"alert(1)]]",
        "![[x\"><script>alert(1)</script>]]",
        "<a href=\"https://ok.example\" target=\"_self\">ok</a>",
    ];
    let (_d, nb) = open();
    for p in payloads {
        for html in [
            render(p, &NoLinks).html,
            nb.render_markdown(p).html,
            sanitize(p),
        ] {
            assert_inert(&html, p);
        }
    }
    let ok = sanitize("<a href=\"https://ok.example\">ok</a>");
    assert!(ok.contains("rel=\"noopener noreferrer nofollow\""), "{ok}");
}

#[test]
fn a_new_note_is_searchable_at_once_and_names_are_checked() {
    let (dir, mut nb) = open();
    let n = nb.new_note("Geneva: the first round").unwrap();
    assert_eq!(n.path, "Geneva- the first round.md");
    assert!(dir.path().join(&n.path).is_file());
    let h = nb.note_hash(&n.path).unwrap();
    let saved = nb
        .save_note(&n.path, "# Geneva\n\nThe walrus delegation.\n", Some(&h))
        .unwrap();
    assert!(saved.conflict.is_none());
    assert_eq!(
        nb.search("walrus", 10).unwrap().total,
        1,
        "a saved note is searchable at once"
    );
    let clash = nb.new_note("Geneva: the first round").unwrap_err();
    assert!(clash.to_string().contains("exists already"), "{clash}");
    for bad in [
        "../outside",
        "/etc/passwd",
        "sources/sneaky",
        ".dossier/x",
        "a/../../b",
    ] {
        let err = nb.create_note_at(bad, "x").unwrap_err();
        assert!(matches!(err, Error::BadInput(_)), "{bad}: {err}");
    }
    assert!(!dir.path().parent().unwrap().join("outside.md").exists());
}

#[test]
fn a_note_changed_on_both_sides_keeps_both_versions() {
    let (dir, mut nb) = open();
    let path = "Two scenarios.md";
    let loaded = nb.note_hash(path).unwrap();
    write(
        dir.path(),
        path,
        "# Two scenarios\n\nEdited in another program.\n",
    );
    let saved = nb
        .save_note(
            path,
            "# Two scenarios\n\nEdited in Dossier.\n",
            Some(&loaded),
        )
        .unwrap();
    let copy = saved.conflict.expect("a conflict is reported");
    let theirs = std::fs::read_to_string(dir.path().join(path)).unwrap();
    let ours = std::fs::read_to_string(dir.path().join(&copy)).unwrap();
    assert!(theirs.contains("another program"));
    assert!(ours.contains("in Dossier"));
    assert_eq!(nb.search("\"another program\"", 10).unwrap().total, 1);
    assert_eq!(nb.search("\"in Dossier\"", 10).unwrap().total, 1);
}

#[test]
fn a_note_changed_on_disk_is_reloaded_and_searchable() {
    let (dir, mut nb) = open();
    let path = "Two scenarios.md";
    assert_eq!(
        nb.reload_note(path).unwrap(),
        None,
        "an unchanged file is nothing to reload"
    );
    write(
        dir.path(),
        path,
        "# Two scenarios\r\n\r\nRewritten by a zealous quokka.\r\n",
    );
    let note = nb
        .reload_note(path)
        .unwrap()
        .expect("a changed file is reloaded");
    assert_eq!(
        note.body, "# Two scenarios\n\nRewritten by a zealous quokka.\n",
        "line endings are taken in as the rest of the engine does"
    );
    assert_eq!(
        nb.note_hash(path).unwrap(),
        dossier_core::text::hash(&note.body),
        "the store has the new text, so the next save compares against it"
    );
    assert_eq!(
        nb.search("quokka", 10).unwrap().total,
        1,
        "and search finds it"
    );
    assert_eq!(nb.reload_note(path).unwrap(), None, "once only");

    std::fs::write(dir.path().join(path), [0xff, 0xfe, 0x00]).unwrap();
    let err = nb.reload_note(path).unwrap_err();
    assert!(
        matches!(err, Error::BadInput(_)),
        "a file that is no longer text is refused with a reason: {err}"
    );
    std::fs::remove_file(dir.path().join(path)).unwrap();
    let err = nb.reload_note(path).unwrap_err();
    assert_eq!(err.code(), "not_found", "a deleted file: {err}");
}

#[test]
fn renaming_updates_links_and_deleting_keeps_a_copy() {
    let (dir, mut nb) = open();
    let updated = nb
        .rename_note("Bucharest red line.md", "analysis/Red lines.md")
        .unwrap();
    assert_eq!(updated, vec!["Two scenarios.md".to_string()]);
    let other = std::fs::read_to_string(dir.path().join("Two scenarios.md")).unwrap();
    assert!(
        other.contains("[[analysis/Red lines|The Bucharest red line]]"),
        "{other}"
    );
    let html = nb.render_note("Two scenarios.md").unwrap().html;
    assert!(
        html.contains("dossier:note/analysis/Red%20lines.md"),
        "{html}"
    );
    assert!(
        nb.rename_note("Two scenarios.md", "analysis/Red lines.md")
            .is_err(),
        "no clobbering"
    );
    let kept = nb.delete_note("analysis/Red lines.md").unwrap();
    assert!(
        dir.path().join(&kept).is_file(),
        "deleted notes are kept in the trash"
    );
    assert!(nb.note("analysis/Red lines.md").is_err());
    assert_eq!(nb.search("legal fixation kind:note", 10).unwrap().total, 0);
}

#[test]
fn backlinks_linked_and_unlinked_and_one_click_link() {
    let (_d, mut nb) = open();
    let b = nb.backlinks("Bucharest red line").unwrap();
    assert_eq!(b.linked.len(), 1);
    assert_eq!(b.linked[0].path, "Two scenarios.md");
    let m = nb.backlinks("Alexei Makarkin").unwrap();
    assert!(m.linked.is_empty());
    assert!(m.unlinked.len() >= 3, "{:?}", m.unlinked);
    let first = m.unlinked[0].clone();
    nb.link_mention(&first.path, first.start, first.end, "Alexei Makarkin")
        .unwrap();
    let after = nb.backlinks("Alexei Makarkin").unwrap();
    assert_eq!(after.linked.len(), 1);
    assert_eq!(after.unlinked.len(), m.unlinked.len() - 1);
    let page = nb.entity_page("Alexei Makarkin").unwrap();
    assert!(
        page.notes.iter().any(|n| n.path == first.path),
        "the entity page lists the linking note"
    );
}

/// Parses the HTML as a browser would and fails on anything active.
fn assert_inert(html: &str, payload: &str) {
    let doc = scraper::Html::parse_fragment(html);
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name();
        assert!(
            !matches!(
                name,
                "script"
                    | "svg"
                    | "math"
                    | "iframe"
                    | "form"
                    | "input"
                    | "button"
                    | "style"
                    | "object"
                    | "embed"
                    | "meta"
                    | "base"
                    | "link"
                    | "img"
                    | "textarea"
                    | "select"
            ),
            "<{name}> survived {payload:?}: {html}"
        );
        for (attr, value) in el.attrs() {
            let v = value.trim().to_lowercase();
            assert!(
                !attr.starts_with("on"),
                "{attr} survived {payload:?}: {html}"
            );
            assert!(attr != "style", "style survived {payload:?}: {html}");
            assert!(
                !(v.starts_with("javascript:")
                    || v.starts_with("data:")
                    || v.starts_with("vbscript:")),
                "{attr}={v} survived {payload:?}: {html}"
            );
            if attr == "target" {
                panic!("target survived {payload:?}: {html}");
            }
        }
    }
}

#[test]
fn backlink_and_mention_contexts_are_plain_text_cut_at_words() {
    let (_d, mut nb) = open();
    nb.save_note(
        "Context.md",
        "---\ntitle: Context\n---\n## Heading about [[NATO]]\n\nWe quote **Alexei Makarkin** and [[Alexei Makarkin|Makarkin]] on *Geneva* and the [report](https://example.org) here.\n",
        None,
    )
    .unwrap();
    let b = nb.backlinks("Alexei Makarkin").unwrap();
    let hits: Vec<_> = b
        .linked
        .iter()
        .chain(&b.unlinked)
        .filter(|h| h.path == "Context.md")
        .collect();
    assert_eq!(hits.len(), 2, "{hits:?}");
    for h in &hits {
        let all = format!("{}{}{}", h.before, h.text, h.after);
        for markup in ["[[", "]]", "**", "##", "](", "---"] {
            assert!(!all.contains(markup), "{markup:?} in {all:?}");
        }
        assert!(all.contains("on Geneva and the report here."), "{all:?}");
    }
    let linked = hits
        .iter()
        .find(|h| h.text == "Makarkin")
        .expect("the link reads as its label");
    assert!(
        linked.before.ends_with("Alexei Makarkin and "),
        "{linked:?}"
    );
    let page = nb.entity_page("Alexei Makarkin").unwrap();
    let in_note: Vec<_> = page
        .mentions
        .iter()
        .filter(|m| m.path.as_deref() == Some("Context.md"))
        .collect();
    assert!(!in_note.is_empty());
    for m in in_note {
        let all = format!("{}{}{}", m.before, m.text, m.after);
        assert!(
            !all.contains("[[") && !all.contains("**") && !all.contains('#'),
            "{all:?}"
        );
    }
}

#[test]
fn a_note_about_a_source_starts_with_a_link_to_it() {
    let (_d, mut nb) = open();
    let n = nb
        .new_note_about("Reading notes", "russia-nato-talks")
        .unwrap();
    assert_eq!(n.path, "Reading notes.md");
    assert!(
        n.body
            .starts_with("# Reading notes\n\nOn [[russia-nato-talks|"),
        "{}",
        n.body
    );
    let b = nb.backlinks("russia-nato-talks").unwrap();
    assert!(b.linked.iter().any(|h| h.path == "Reading notes.md"));
    assert!(nb.new_note_about("Other", "no-such-source").is_err());
    assert!(nb.new_note_about("  ", "russia-nato-talks").is_err());
}

/// The sanitiser's output for hostile and tricky inputs, pinned whole: each
/// case's Markdown and the HTML a note renders it to. Ids all carry the
/// `user-content-` prefix (no DOM clobbering) and in-page links follow them.
#[test]
fn sanitiser_output_for_hostile_input() {
    let cases = [
        "<script>alert(1)</script>",
        "<img src=x onerror=\"alert(1)\">",
        "[js](javascript:alert(1)) <a href=\"JaVaScRiPt:alert(1)\">a</a>",
        "<svg onload=\"alert(1)\"><circle r=\"1\"/></svg>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<form action=\"https://evil.example\"><input name=\"q\"><button>go</button></form>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<style>body{display:none}</style><p style=\"color:red\">styled</p>",
        "<p id=\"x\">clobber window.x</p><a id=\"getElementById\">y</a>",
        "<img name=\"cookie\"><form name=\"body\"></form><a name=\"x\">n</a>",
        "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<div>*not markdown inside html* <b>[x](javascript:alert(1))</b></div>",
        "[a <script>alert(1)</script>](https://ok.example \"t\\\" onmouseover=\\\"alert(1)\")",
        "Text with a note[^1].\n\n[^1]: The note <script>x</script>.",
        "# Heading one\n\n## Heading one\n\n[up](#heading-one) [down](#heading-one-1)",
        "<a href=\"#user-content-x\">already prefixed</a> <a href=\"https://ok.example/#frag\">web</a>",
    ];
    let mut out = String::new();
    for md in cases {
        out.push_str("--- input\n");
        out.push_str(md);
        out.push_str("\n--- output\n");
        out.push_str(render(md, &NoLinks).html.trim_end());
        out.push_str("\n\n");
    }
    insta::assert_snapshot!("sanitiser_hostile", out);
}
