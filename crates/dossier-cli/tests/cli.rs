//! The `dossier` binary, run as a user runs it, on a copy of the bundled notebook.

#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn copy_of_bundled() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../notes");
    copy(&from, dir.path());
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_name() == ".dossier" {
            continue;
        }
        if e.path().is_dir() {
            copy(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn dossier(notebook: &Path, args: &[&str]) -> Out {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("--notebook")
        .arg(notebook)
        .args(args)
        .output()
        .expect("run dossier");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn json(out: &Out) -> Value {
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", out.stdout))
}

#[test]
fn sources_json_lists_the_seed() {
    let nb = copy_of_bundled();
    let v = json(&dossier(nb.path(), &["sources", "--json"]));
    let arr = v.as_array().expect("an array");
    let seed = arr
        .iter()
        .find(|s| s["id"] == "russia-nato-talks")
        .expect("the seed");
    assert_eq!(seed["path"], "sources/russia-nato-talks.md");
    assert!(seed["title"].as_str().unwrap().contains("NATO"));
    assert_eq!(seed["passages"], 18);
}

#[test]
fn search_json_has_the_documented_shape() {
    let nb = copy_of_bundled();
    let v = json(&dossier(
        nb.path(),
        &["search", "\"Bucharest summit\"", "--json"],
    ));
    assert!(v["total"].as_u64().unwrap() >= 2);
    let hits = v["hits"].as_array().unwrap();
    let src = hits
        .iter()
        .find(|h| h["kind"] == "source")
        .expect("a source hit");
    assert_eq!(src["source"], "russia-nato-talks");
    for key in ["title", "snippet", "score", "passage", "start", "end"] {
        assert!(!src[key].is_null(), "source hit has {key}");
    }
    assert!(src["snippet"]
        .as_str()
        .unwrap()
        .contains("<mark>Bucharest</mark>"));
    assert!(src["start"].as_u64() < src["end"].as_u64());
    let note = hits
        .iter()
        .find(|h| h["kind"] == "note")
        .expect("a note hit");
    assert!(note["path"].as_str().unwrap().ends_with(".md"));
    let limited = json(&dossier(
        nb.path(),
        &["search", "NATO", "--limit", "2", "--json"],
    ));
    assert_eq!(limited["hits"].as_array().unwrap().len(), 2);
    assert!(limited["total"].as_u64().unwrap() > 2);
}

#[test]
fn import_then_search_then_show() {
    let nb = copy_of_bundled();
    let files = tempfile::tempdir().unwrap();
    let f = files.path().join("kyiv.txt");
    std::fs::write(
        &f,
        "Talks in Kyiv\n\nThe delegation met in Kyiv on Tuesday.\n",
    )
    .unwrap();
    let out = dossier(nb.path(), &["import", f.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("imported talks-in-kyiv"),
        "{}",
        out.stdout
    );
    let v = json(&dossier(nb.path(), &["search", "delegation", "--json"]));
    assert_eq!(v["total"], 1);
    let show = dossier(nb.path(), &["show", "talks-in-kyiv"]);
    assert_eq!(show.code, 0);
    assert!(
        show.stdout.starts_with("title:     Talks in Kyiv"),
        "{}",
        show.stdout
    );
    assert!(show
        .stdout
        .contains("The delegation met in Kyiv on Tuesday."));
    let again = dossier(nb.path(), &["import", f.to_str().unwrap()]);
    assert!(
        again
            .stdout
            .contains("already in the notebook as talks-in-kyiv"),
        "{}",
        again.stdout
    );
}

#[test]
fn errors_exit_2_with_a_message_on_stderr() {
    let nb = copy_of_bundled();
    let bad = dossier(nb.path(), &["search", "NATO OR"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("bad query at character 5"),
        "{}",
        bad.stderr
    );
    assert!(bad.stdout.is_empty());
    let missing: PathBuf = nb.path().join("no-such-file.txt");
    let imp = dossier(nb.path(), &["import", missing.to_str().unwrap()]);
    assert_eq!(imp.code, 2);
    assert!(
        imp.stderr.contains("no-such-file.txt: no such file"),
        "{}",
        imp.stderr
    );
    let show = dossier(nb.path(), &["show", "nothing"]);
    assert_eq!(show.code, 2);
    assert!(
        show.stderr.contains("source not found: nothing"),
        "{}",
        show.stderr
    );
    let usage = dossier(nb.path(), &["frobnicate"]);
    assert_eq!(usage.code, 2);
}

#[test]
fn check_and_reindex() {
    let nb = copy_of_bundled();
    let check = dossier(nb.path(), &["check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    assert!(check.stdout.contains("ok:"));
    let re = dossier(nb.path(), &["reindex"]);
    assert_eq!(re.code, 0, "{}", re.stderr);
    assert!(re.stdout.contains("1 sources, 2 notes"), "{}", re.stdout);
    // A missing source file is a problem check reports, with exit 1.
    std::fs::write(nb.path().join(".dossier/index/meta.json"), "garbage").unwrap();
    let after = dossier(nb.path(), &["check", "--json"]);
    let v = json(&after);
    assert_eq!(
        v["problems"].as_array().unwrap().len(),
        0,
        "a damaged index is rebuilt on open: {v}"
    );
}

#[test]
fn annotations_entities_and_suggestions_as_json() {
    let nb = copy_of_bundled();
    let ents = json(&dossier(nb.path(), &["entities", "--json"]));
    let nato = ents
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "NATO")
        .expect("NATO");
    for key in ["id", "name", "kind", "aliases", "mentions"] {
        assert!(!nato[key].is_null(), "entities --json has {key}");
    }
    let show = json(&dossier(nb.path(), &["entity", "show", "Kyiv", "--json"]));
    let m = &show["mentions"].as_array().unwrap()[0];
    assert_eq!(m["text"], "Kiev");
    assert!(m["source"].is_string() && m["start"].is_u64() && m["end"].is_u64());
    let sug = json(&dossier(
        nb.path(),
        &["suggest", "russia-nato-talks", "--json"],
    ));
    let k = sug
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Kartapolov")
        .expect("a suggestion");
    assert_eq!(k["kind"], "person");
    assert!(k["variants"].is_array() && k["count"].as_u64() == Some(1));
    let rej = dossier(nb.path(), &["suggest", "reject", "Kartapolov"]);
    assert_eq!(rej.code, 0, "{}", rej.stderr);
    let after = json(&dossier(
        nb.path(),
        &["suggest", "russia-nato-talks", "--json"],
    ));
    assert!(!after
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["name"] == "Kartapolov"));

    let amb = dossier(
        nb.path(),
        &["annotate", "russia-nato-talks", "--quote", "NATO"],
    );
    assert_eq!(amb.code, 2);
    assert!(amb.stderr.contains("occurs 12 times"), "{}", amb.stderr);
    let made = json(&dossier(
        nb.path(),
        &[
            "annotate",
            "russia-nato-talks",
            "--quote",
            "Arms control is a different story altogether",
            "--comment",
            "Kislitsyn on arms control",
            "--tag",
            "arms",
            "--entity",
            "Sergei Kislitsyn",
            "--json",
        ],
    ));
    let id = made["id"].as_str().unwrap().to_string();
    let list = json(&dossier(
        nb.path(),
        &["annotations", "russia-nato-talks", "--json"],
    ));
    let item = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id.as_str())
        .expect("listed");
    for key in [
        "id", "source", "exact", "prefix", "suffix", "start", "end", "status", "score", "comment",
        "tags", "entities",
    ] {
        assert!(!item[key].is_null(), "annotations --json has {key}");
    }
    assert_eq!(item["status"], "exact");
    assert_eq!(item["entities"][0], "Sergei Kislitsyn");
    let edit = dossier(
        nb.path(),
        &[
            "annotation",
            "edit",
            &id,
            "--tag",
            "control",
            "--color",
            "green",
        ],
    );
    assert_eq!(edit.code, 0, "{}", edit.stderr);
    let found = json(&dossier(nb.path(), &["search", "tag:control", "--json"]));
    assert_eq!(found["total"], 1);
    assert_eq!(dossier(nb.path(), &["annotation", "rm", &id]).code, 0);
    assert_eq!(dossier(nb.path(), &["annotation", "rm", &id]).code, 2);
}

#[test]
fn notes_new_mv_render_backlinks() {
    let nb = copy_of_bundled();
    let made = dossier(nb.path(), &["note", "new", "Walrus watch"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(nb.path().join("Walrus watch.md").is_file());
    let notes = json(&dossier(nb.path(), &["notes", "--json"]));
    assert!(notes
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n["path"] == "Walrus watch.md"));
    let clash = dossier(nb.path(), &["note", "new", "Walrus watch"]);
    assert_eq!(clash.code, 2);
    assert!(clash.stderr.contains("exists already"), "{}", clash.stderr);
    let escape = dossier(
        nb.path(),
        &["note", "mv", "Walrus watch.md", "../elsewhere.md"],
    );
    assert_eq!(escape.code, 2, "{}", escape.stderr);
    let mv = dossier(
        nb.path(),
        &["note", "mv", "Bucharest red line.md", "Red lines.md"],
    );
    assert_eq!(mv.code, 0, "{}", mv.stderr);
    assert!(
        mv.stdout.contains("updated links in Two scenarios.md"),
        "{}",
        mv.stdout
    );
    let html = dossier(nb.path(), &["render", "Red lines"]);
    assert_eq!(html.code, 0, "{}", html.stderr);
    assert!(
        html.stdout.contains("<blockquote class=\"passage\">"),
        "{}",
        html.stdout
    );
    assert!(!html.stdout.contains("<script"));
    let back = json(&dossier(nb.path(), &["backlinks", "Red lines", "--json"]));
    assert_eq!(back["linked"][0]["path"], "Two scenarios.md");
}

/// Several `dossier` processes writing one notebook at once: each waits for
/// the others (SQLite's busy timeout, then the index writer), none fails,
/// nothing is lost.
#[test]
fn concurrent_commands_wait_their_turn_and_lose_nothing() {
    let nb = copy_of_bundled();
    assert_eq!(dossier(nb.path(), &["sources"]).code, 0);
    let spawn = |args: Vec<String>| {
        Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("--notebook")
            .arg(nb.path())
            .args(["--wait", "60"])
            .args(args)
            .output()
            .expect("run dossier")
    };
    let children: Vec<_> = (0..6)
        .map(|i| {
            let args: Vec<String> = if i % 2 == 0 {
                vec!["note".into(), "new".into(), format!("Concurrent note {i}")]
            } else {
                vec![
                    "entity".into(),
                    "add".into(),
                    format!("Concurrent Person {i}"),
                    "--kind".into(),
                    "person".into(),
                ]
            };
            let spawn = &spawn;
            std::thread::scope(|_| ());
            std::thread::spawn({
                let out = spawn(args);
                move || out
            })
        })
        .collect();
    for c in children {
        let out = c.join().unwrap();
        assert!(
            out.status.success(),
            "every writer gets its turn: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let notes = json(&dossier(nb.path(), &["notes", "--json"]));
    let entities = json(&dossier(nb.path(), &["entities", "--json"]));
    for i in 0..6 {
        let (list, name) = if i % 2 == 0 {
            (&notes, format!("Concurrent note {i}"))
        } else {
            (&entities, format!("Concurrent Person {i}"))
        };
        assert!(
            list.to_string().contains(&name),
            "{name} is in the notebook: {list}"
        );
    }
    let check = dossier(nb.path(), &["check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}

/// While another process (here the engine in this test) holds the index
/// writer, a write from the command line waits `--wait` seconds, then says
/// the notebook is busy and writes nothing; reads go on.
#[test]
fn a_busy_notebook_is_reported_clearly() {
    let nb = copy_of_bundled();
    let mut holder = dossier_core::Notebook::open(nb.path()).unwrap();
    holder.new_note("Holder").unwrap(); // takes the index writer
    let out = dossier(nb.path(), &["--wait", "1", "note", "new", "Blocked"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("the notebook is busy"),
        "a clear message, not a lock error: {}",
        out.stderr
    );
    assert!(!nb.path().join("Blocked.md").exists(), "nothing written");
    let search = dossier(nb.path(), &["search", "NATO"]);
    assert_eq!(search.code, 0, "reads go on: {}", search.stderr);
    drop(holder);
    let out = dossier(nb.path(), &["note", "new", "Blocked"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(nb.path().join("Blocked.md").exists());
}
