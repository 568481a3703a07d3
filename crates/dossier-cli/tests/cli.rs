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
        .contains("<mark>Bucharest summit</mark>"));
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
    // An unreadable index description makes the index be rebuilt on open, so
    // check then finds nothing wrong and exits 0.
    std::fs::write(nb.path().join(".dossier/index/meta.json"), "garbage").unwrap();
    let after = dossier(nb.path(), &["check", "--json"]);
    let v = json(&after);
    assert_eq!(
        v["problems"].as_array().unwrap().len(),
        0,
        "a damaged index is rebuilt on open: {v}"
    );
}

/// A damaged index file is kept on open (tantivy reads the store checksums
/// lazily) and `check` names it: one `problem:` line per file, exit 1, and the
/// same problems in `--json`. A reindex clears them.
#[test]
fn check_exits_1_and_names_a_damaged_index_file() {
    let nb = copy_of_bundled();
    let first = dossier(nb.path(), &["check"]);
    assert_eq!(first.code, 0, "{}{}", first.stdout, first.stderr);
    let index = nb.path().join(".dossier/index");
    let mut damaged = Vec::new();
    for e in std::fs::read_dir(&index).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "store") {
            // The first bytes are the first block of documents, read only
            // when a document is: the middle of a small store file can be
            // its skip index, which opening reads (and then rebuilds).
            let mut b = std::fs::read(&p).unwrap();
            let end = 8.min(b.len());
            for x in &mut b[..end] {
                *x ^= 0xFF;
            }
            std::fs::write(&p, b).unwrap();
            damaged.push(p.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    assert!(!damaged.is_empty());
    let check = dossier(nb.path(), &["check"]);
    assert_eq!(check.code, 1, "{}{}", check.stdout, check.stderr);
    for f in &damaged {
        let line = format!("problem: index file {f} is damaged");
        assert!(
            check.stdout.lines().any(|l| l == line),
            "{line} in {}",
            check.stdout
        );
    }
    assert!(!check.stdout.contains("ok:"), "{}", check.stdout);
    let as_json = dossier(nb.path(), &["check", "--json"]);
    assert_eq!(as_json.code, 1, "{}", as_json.stderr);
    let v: Value = serde_json::from_str(&as_json.stdout).unwrap();
    assert_eq!(
        v["problems"].as_array().unwrap().len(),
        damaged.len(),
        "{v}"
    );
    let re = dossier(nb.path(), &["reindex"]);
    assert_eq!(re.code, 0, "{}", re.stderr);
    assert_eq!(dossier(nb.path(), &["check"]).code, 0);
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
/// A program run by a shell that prints the time (ns) as it starts and as
/// it ends, so that the test sees each one's life from the inside.
fn timed(script: &str) -> std::process::Child {
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "date +%s%N; {script}; code=$?; date +%s%N; exit $code"
        ))
        .env("DOSSIER", env!("CARGO_BIN_EXE_dossier"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start sh")
}

/// Waits for every child; returns each one's (start, end, stderr), failing
/// the test on any that failed.
fn lives(children: Vec<std::process::Child>) -> Vec<(u128, u128)> {
    let mut out = Vec::new();
    for c in children {
        let o = c.wait_with_output().unwrap();
        let stdout = String::from_utf8_lossy(&o.stdout);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "a process failed: {stderr}\n{stdout}");
        assert!(
            !stderr.contains("database error") && !stderr.contains("not a Dossier store"),
            "{stderr}"
        );
        let times: Vec<u128> = stdout
            .lines()
            .filter_map(|l| l.trim().parse().ok())
            .collect();
        out.push((times[0], *times.last().unwrap()));
    }
    out
}

/// The most processes alive at one moment.
fn most_at_once(lives: &[(u128, u128)]) -> usize {
    lives
        .iter()
        .map(|(s, _)| lives.iter().filter(|(a, b)| a <= s && s < b).count())
        .max()
        .unwrap_or(0)
}

#[test]
fn concurrent_commands_wait_their_turn_and_lose_nothing() {
    let nb = copy_of_bundled();
    assert_eq!(dossier(nb.path(), &["sources"]).code, 0);
    let path = nb.path().display().to_string();
    // Spawned all at once, then awaited.
    let children: Vec<_> = (0..6)
        .map(|i| {
            let what = if i % 2 == 0 {
                format!("note new 'Concurrent note {i}'")
            } else {
                format!("entity add 'Concurrent Person {i}' --kind person")
            };
            timed(&format!(
                "\"$DOSSIER\" --notebook '{path}' --wait 60 {what}"
            ))
        })
        .collect();
    let lives = lives(children);
    assert!(
        most_at_once(&lives) >= 2,
        "the writers ran at the same time: {lives:?}"
    );
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

/// Six importers (ten files each, one process a file) and a searcher start
/// together on a new copy of the bundled notebook (no `.dossier/` yet):
/// every import succeeds, every file is imported once, no search fails,
/// and `check` is clean.
fn six_importers_and_a_searcher_on_a_new_notebook() {
    let nb = copy_of_bundled();
    let files = tempfile::tempdir().unwrap();
    let path = nb.path().display().to_string();
    let mut children = Vec::new();
    for i in 0..6 {
        let mut list = Vec::new();
        for j in 0..10 {
            let f = files.path().join(format!("article-{i}-{j}.txt"));
            // Half the titles are shared between importers: ids are chosen
            // under the writer, so two importers never pick the same one.
            let title = if j % 2 == 0 {
                format!("Shared title {j}")
            } else {
                format!("Article {i} {j}")
            };
            std::fs::write(&f, format!("{title}\n\nReport number {i}-{j} on the talks in Geneva, with words of its own: w{i}x{j}.\n")).unwrap();
            list.push(format!("'{}'", f.display()));
        }
        children.push(timed(&format!(
            "for f in {}; do \"$DOSSIER\" --notebook '{path}' --wait 60 import \"$f\" >/dev/null || exit 1; done",
            list.join(" ")
        )));
    }
    children.push(timed(&format!(
        "for k in 1 2 3 4 5; do \"$DOSSIER\" --notebook '{path}' --wait 60 search Geneva --json >/dev/null || exit 1; done"
    )));
    let lives = lives(children);
    assert!(
        most_at_once(&lives) >= 3,
        "the processes ran at the same time: {lives:?}"
    );
    let sources = json(&dossier(nb.path(), &["sources", "--json"]));
    let list = sources.as_array().unwrap();
    assert_eq!(list.len(), 61, "the seed and 60 imports, each once");
    for i in 0..6 {
        for j in 0..10 {
            let hits = json(&dossier(
                nb.path(),
                &["search", &format!("w{i}x{j}"), "--json"],
            ));
            assert_eq!(hits["total"], 1, "article {i}-{j} is in the notebook once");
        }
    }
    let check = dossier(nb.path(), &["check"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}

#[test]
fn importers_and_a_searcher_together_on_a_new_notebook() {
    six_importers_and_a_searcher_on_a_new_notebook();
}

/// The same, again and again: `DOSSIER_RACE_ROUNDS` times (20 unless set;
/// `make test-reliability` runs 8, `make race-long` 100).
#[test]
#[ignore = "slow: run by make test-reliability"]
fn importers_and_a_searcher_together_again_and_again() {
    let rounds: usize = std::env::var("DOSSIER_RACE_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    for round in 0..rounds {
        eprintln!("round {} of {rounds}", round + 1);
        six_importers_and_a_searcher_on_a_new_notebook();
    }
}

/// While another process (here the engine in this test) holds the index
/// writer, a write from the command line waits `--wait` seconds, then says
/// the notebook is busy and writes nothing; reads go on.
#[test]
fn a_busy_notebook_is_reported_clearly() {
    let nb = copy_of_bundled();
    let mut holder = dossier_core::Notebook::open(nb.path()).unwrap();
    holder.new_note("Holder").unwrap();
    holder.hold_index_writer().unwrap(); // as a long write would
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

/// Opens the notebook and syncs it, then waits past the window in which a
/// folder's time could still change unseen (so the sync's record is clean).
fn synced(nb: &Path) {
    let out = dossier(nb, &["--sync", "sources"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    std::thread::sleep(std::time::Duration::from_millis(120));
    let out = dossier(nb, &["--sync", "sources"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// A read opens the store read-only and the index with a reader: while
/// another process holds the writer (a long import, the app saving), a
/// search answers at once, with no warning, though `--wait` would let a
/// writer wait 30 seconds.
#[test]
fn a_search_answers_at_once_while_another_process_holds_the_writer() {
    let nb = copy_of_bundled();
    synced(nb.path());
    let mut holder = dossier_core::Notebook::open(nb.path()).unwrap();
    holder.hold_index_writer().unwrap(); // as a long write would
                                         // A file edited in place meanwhile: a read that synced would have work
                                         // to do and wait for the writer.
    let walrus = nb.path().join("Two scenarios.md");
    assert!(walrus.exists());
    let text = std::fs::read_to_string(&walrus).unwrap();
    std::fs::write(&walrus, format!("{text}\nOne more line.\n")).unwrap();
    let started = std::time::Instant::now();
    let out = dossier(nb.path(), &["--wait", "30", "search", "NATO", "--json"]);
    let took = started.elapsed();
    let v = json(&out);
    assert!(v["total"].as_u64().unwrap() > 0, "{}", out.stdout);
    assert!(
        !out.stderr.contains("warning"),
        "no sync was attempted: {}",
        out.stderr
    );
    assert!(
        took < std::time::Duration::from_secs(10),
        "the search did not wait for the writer: {took:?}"
    );
    // A write still waits for it, and says the notebook is busy.
    let out = dossier(nb.path(), &["--wait", "1", "note", "new", "Blocked"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    drop(holder);
}

/// A file another program adds changes its folder's time: the next search
/// syncs first and finds it, without `--sync`.
#[test]
fn a_file_added_by_another_program_is_found_by_the_next_search() {
    let nb = copy_of_bundled();
    synced(nb.path());
    let q = "quixotically";
    let v = json(&dossier(nb.path(), &["search", q, "--json"]));
    assert_eq!(v["total"], 0, "not there yet");
    std::fs::create_dir_all(nb.path().join("inbox")).unwrap();
    std::fs::write(
        nb.path().join("inbox/Outside.md"),
        format!("# Outside\n\nWritten by another program, {q}.\n"),
    )
    .unwrap();
    let v = json(&dossier(nb.path(), &["search", q, "--json"]));
    assert_eq!(v["total"], 1, "{v}");
    assert_eq!(v["hits"][0]["path"], "inbox/Outside.md", "{v}");
    // And one deleted is gone from the next search.
    std::fs::remove_file(nb.path().join("inbox/Outside.md")).unwrap();
    let v = json(&dossier(nb.path(), &["search", q, "--json"]));
    assert_eq!(v["total"], 0, "{v}");
}

/// An edit in place (the file rewritten, not replaced) changes no folder's
/// time: a plain read answers from the last sync, `--sync` reads it.
#[test]
fn sync_flag_picks_up_an_edit_in_place() {
    let nb = copy_of_bundled();
    let note = nb.path().join("Edited in place.md");
    std::fs::write(&note, "# Edited in place\n\nThe first text.\n").unwrap();
    synced(nb.path());
    let q = "palimpsest";
    {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&note)
            .unwrap();
        f.write_all(format!("# Edited in place\n\nNow a {q}.\n").as_bytes())
            .unwrap();
    }
    let v = json(&dossier(nb.path(), &["search", q, "--json"]));
    assert_eq!(v["total"], 0, "without --sync, no sync ran: {v}");
    let v = json(&dossier(nb.path(), &["--sync", "search", q, "--json"]));
    assert_eq!(v["total"], 1, "{v}");
    let v = json(&dossier(nb.path(), &["search", q, "--json"]));
    assert_eq!(v["total"], 1, "and stays found: {v}");
}

#[test]
fn export_into_the_notebook_is_refused_as_in_the_app() {
    let nb = copy_of_bundled();
    for format in ["markdown", "jsonld"] {
        let r = dossier(
            nb.path(),
            &[
                "export",
                "--out",
                &nb.path().join("sub").to_string_lossy(),
                "--all",
                "--format",
                format,
            ],
        );
        assert_eq!(r.code, 2, "{format}: {}", r.stderr);
        assert!(r.stderr.contains("inside the notebook"), "{}", r.stderr);
        assert!(!nb.path().join("sub").exists(), "nothing was written");
    }
    // A relative folder inside it, from the notebook's own folder.
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .current_dir(nb.path())
        .args(["--notebook", ".", "export", "--out", "exported", "--all"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!nb.path().join("exported").exists());
    let elsewhere = tempfile::tempdir().unwrap();
    let ok = dossier(
        nb.path(),
        &[
            "export",
            "--out",
            &elsewhere.path().to_string_lossy(),
            "--all",
        ],
    );
    assert_eq!(ok.code, 0, "{}", ok.stderr);
}

#[test]
fn human_output_shows_text_not_html_entities() {
    let nb = copy_of_bundled();
    let r = dossier(nb.path(), &["search", "article's"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("[article's]"),
        "the apostrophe is shown: {}",
        r.stdout
    );
    assert!(!r.stdout.contains("&#"), "{}", r.stdout);
    assert!(
        !r.stdout.contains("&amp;") && !r.stdout.contains("&quot;"),
        "{}",
        r.stdout
    );
}

/// The shape of a JSON value: its keys and the types of their values, with
/// an array shown by its first element. What `--json` promises, without
/// the values that change from run to run.
fn shape(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), shape(v))).collect()),
        Value::Array(a) => Value::Array(a.first().map(shape).into_iter().collect()),
        Value::String(_) => Value::String("string".into()),
        Value::Number(_) => Value::String("number".into()),
        Value::Bool(_) => Value::String("bool".into()),
        Value::Null => Value::String("null".into()),
    }
}

#[test]
fn json_shapes_are_the_contract() {
    let nb = copy_of_bundled();
    let shapes: Vec<(&str, Vec<&str>)> = vec![
        ("sources", vec!["sources", "--json"]),
        ("show", vec!["show", "russia-nato-talks", "--json"]),
        ("search", vec!["search", "Bucharest", "--json"]),
        ("notes", vec!["notes", "--json"]),
        ("annotations", vec!["annotations", "--json"]),
        ("entities", vec!["entities", "--json"]),
        (
            "entity_show",
            vec!["entity", "show", "Alexei Makarkin", "--json"],
        ),
        ("backlinks", vec!["backlinks", "Alexei Makarkin", "--json"]),
        ("suggest", vec!["suggest", "russia-nato-talks", "--json"]),
        ("check", vec!["check", "--json"]),
        ("quotes", vec!["quotes", "russia-nato-talks", "--json"]),
        (
            "search_speaker",
            vec!["search", "speaker:\"Alexei Makarkin\"", "--json"],
        ),
        ("timeline", vec!["timeline", "--json"]),
        ("graph", vec!["graph", "--format", "json"]),
    ];
    for (name, args) in shapes {
        let v = json(&dossier(nb.path(), &args));
        insta::assert_snapshot!(name, serde_json::to_string_pretty(&shape(&v)).unwrap());
    }
}

#[test]
fn search_by_speaker_lists_his_quotes_with_the_speaker() {
    let nb = copy_of_bundled();
    let quotes = json(&dossier(
        nb.path(),
        &["quotes", "--speaker", "Alexei Makarkin", "--json"],
    ));
    let quotes = quotes.as_array().unwrap();
    let v = json(&dossier(
        nb.path(),
        &["search", "speaker:\"Alexey Makarkin\"", "--json"],
    ));
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits.len(), quotes.len(), "{v}");
    assert_eq!(v["total"].as_u64(), Some(quotes.len() as u64));
    for (h, q) in hits.iter().zip(quotes) {
        assert_eq!(h["kind"], "quote");
        assert_eq!(h["entity"], "Alexei Makarkin");
        assert_eq!(h["speaker"], q["speaker"]);
        assert_eq!((&h["start"], &h["end"]), (&q["start"], &q["end"]));
    }
    let text = dossier(nb.path(), &["search", "kind:quote", "--limit", "50"]).stdout;
    assert!(text.contains("[quote]"), "{text}");
    assert!(
        text.contains("  — Alexey Makarkin (Alexei Makarkin)"),
        "{text}"
    );
    assert!(text.contains("  — the source"), "{text}");
}

#[test]
fn quotes_timeline_and_graph_print_what_the_engine_answers() {
    let nb = copy_of_bundled();
    let q = json(&dossier(
        nb.path(),
        &["quotes", "--speaker", "Alexey Makarkin", "--json"],
    ));
    let list = q.as_array().unwrap();
    assert!(list.len() >= 2);
    assert!(list
        .iter()
        .all(|x| x["entity"] == serde_json::json!("Alexei Makarkin")));
    let t = json(&dossier(
        nb.path(),
        &["timeline", "--entity", "Bucharest summit", "--json"],
    ));
    assert!(t
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x["text"] == serde_json::json!("2008")));
    let md = dossier(
        nb.path(),
        &[
            "timeline",
            "--entity",
            "Bucharest summit",
            "--format",
            "markdown",
        ],
    );
    assert_eq!(md.code, 0, "{}", md.stderr);
    let rows: Vec<&str> = md.stdout.lines().collect();
    assert_eq!(
        rows[0],
        "| Date | Granularity | Expression | Source | Passage |"
    );
    assert_eq!(rows.len(), t.as_array().unwrap().len() + 2, "{}", md.stdout);
    assert!(rows.iter().any(|r| r.starts_with("| 2008 | year | 2008 |")));
    let both = dossier(nb.path(), &["timeline", "--json", "--format", "markdown"]);
    assert_eq!(both.code, 2, "{}", both.stderr);
    let gexf = dossier(nb.path(), &["graph", "--format", "gexf"]);
    assert_eq!(gexf.code, 0, "{}", gexf.stderr);
    assert!(gexf.stdout.starts_with("<?xml") && gexf.stdout.trim_end().ends_with("</gexf>"));
    let graphml = dossier(
        nb.path(),
        &["graph", "--min-weight", "2", "--format", "graphml"],
    );
    assert!(graphml.stdout.contains("<graphml"));
    let bad = dossier(nb.path(), &["timeline", "--entity", "No Such Entity"]);
    assert_eq!(
        bad.code, 2,
        "a bad name is the user's error: {}",
        bad.stderr
    );
}
