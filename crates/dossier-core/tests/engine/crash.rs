//! Crash consistency: a child process imports sources, writes annotations
//! and saves notes, printing an acknowledgement after each write returns;
//! the parent kills it with SIGKILL at a random moment, then opens the
//! notebook and checks that SQLite's integrity check passes, that every
//! acknowledged write is there (and searchable), that no file is empty or
//! truncated, and that the index agrees with the store.
//!
//! The child is this same test binary, started again on this test with
//! `DOSSIER_CRASH_CHILD` set. `DOSSIER_CRASH_KILLS` sets the number of kills
//! (150 by default, as `make test-reliability` runs it) and
//! `DOSSIER_CRASH_SEED` the random seed (printed, for replaying a failure).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use dossier_core::{text, AnnotationEdit, ImportOptions, NewAnnotation, Notebook};

const CHILD_ENV: &str = "DOSSIER_CRASH_CHILD";
const TEST_NAME: &str = "crash::killed_at_random_moments_nothing_acknowledged_is_lost";

/// A small, seedable random number generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

#[test]
#[ignore = "kills a child process a hundred times or more: run by `make test-reliability`"]
fn killed_at_random_moments_nothing_acknowledged_is_lost() {
    if let Some(dir) = std::env::var_os(CHILD_ENV) {
        child(Path::new(&dir));
        return;
    }
    let kills = env_u64("DOSSIER_CRASH_KILLS").unwrap_or(150);
    let seed = env_u64("DOSSIER_CRASH_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
            | 1
    });
    eprintln!("crash test: {kills} kills, DOSSIER_CRASH_SEED={seed}");
    let mut rng = Rng(seed);
    let work = tempfile::tempdir().unwrap();
    let root = work.path().join("notebook");
    std::fs::create_dir_all(&root).unwrap();
    setup(&root, work.path());

    let mut state = Expected::default();
    let mut acks_total = 0usize;
    let mut phases: BTreeMap<String, usize> = BTreeMap::new();
    let started = Instant::now();
    // How long a child takes here to open the notebook and finish its first
    // write (a loaded machine takes several times longer than a quiet one):
    // the kills are spread over a span a few times that, so that they land
    // among the writes whatever the load. The first child is killed right
    // after its first acknowledged write; its writes count like the others'.
    let calibrating = Instant::now();
    let lines = run_child_and_kill(&root, kills, Kill::AtFirstAck);
    let first_ack = calibrating.elapsed();
    acks_total += state.record(&lines);
    verify(&root, &state, kills, seed, false);
    let span = (3 * first_ack.as_millis() as u64).max(500);
    eprintln!(
        "crash test: first write acknowledged after {first_ack:?}; kills spread over {span} ms"
    );
    for round in 0..kills {
        // Most kills land among the writes; one in five early, while opening.
        let delay = if rng.below(5) == 0 {
            Duration::from_millis(rng.below(40))
        } else {
            Duration::from_millis(20 + rng.below(span))
        };
        let lines = run_child_and_kill(&root, round, Kill::After(delay));
        let last = lines
            .iter()
            .rev()
            .find(|l| l.starts_with("BEGIN ") || l.starts_with("OPEN"))
            .map(|l| l.split(' ').take(2).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|| "opening".into());
        *phases.entry(last).or_default() += 1;
        let acks = state.record(&lines);
        acks_total += acks;
        verify(&root, &state, round, seed, false);
    }
    verify(&root, &state, kills, seed, true);
    eprintln!(
        "crash test: {kills} kills survived in {:.1} s, {acks_total} acknowledged writes verified; killed during: {phases:?}",
        started.elapsed().as_secs_f64()
    );
    assert!(
        acks_total > kills as usize,
        "the child must get writes done between kills ({acks_total} acknowledged in {kills} rounds)"
    );
}

/// The notebook the rounds work on: one source to annotate.
fn setup(root: &Path, work: &Path) {
    let mut text = String::from("Base source\n\n");
    for p in 0..40 {
        text.push_str(&format!(
            "Paragraph {p} of the base source speaks of talks in Geneva and of security guarantees, \
             and of what each side wants from the other in round {p}.\n\n"
        ));
    }
    let file = work.join("base.txt");
    std::fs::write(&file, text).unwrap();
    let mut nb = Notebook::open(root).unwrap();
    let report = nb
        .import(&[file], &ImportOptions::default(), &mut |_| {})
        .unwrap();
    assert_eq!(report.imported[0].id, "base-source");
}

/// When the parent kills a child.
enum Kill {
    After(Duration),
    /// Right after the child acknowledges its first write (or after 60 s).
    AtFirstAck,
}

/// Starts a child on the notebook, kills it as `kill` says, returns what it printed.
fn run_child_and_kill(root: &Path, round: u64, kill: Kill) -> Vec<String> {
    let exe = std::env::current_exe().unwrap();
    let mut child = Command::new(exe)
        .args([
            TEST_NAME,
            "--exact",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, root)
        .env("DOSSIER_CRASH_ROUND", round.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let errors = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut s);
        s
    });
    let (lines_tx, lines_rx) = std::sync::mpsc::channel::<String>();
    let reader = std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut lines = Vec::new();
    match kill {
        Kill::After(delay) => std::thread::sleep(delay),
        Kill::AtFirstAck => {
            let deadline = Instant::now() + Duration::from_secs(60);
            while let Some(left) = deadline.checked_duration_since(Instant::now()) {
                match lines_rx.recv_timeout(left) {
                    Ok(line) => {
                        let acked = line.starts_with("ACK ");
                        lines.push(line);
                        if acked {
                            break;
                        }
                    }
                    Err(_) => break,
                }
            }
        }
    }
    // SIGKILL: no destructor, no flush, no chance to tidy up.
    let _ = child.kill();
    let _ = child.wait();
    let errors = errors.join().unwrap();
    assert!(
        !errors.contains("panicked"),
        "the child failed before it was killed (round {round}):\n{errors}"
    );
    reader.join().unwrap();
    lines.extend(lines_rx.try_iter());
    lines
}

/// What the children acknowledged, across all rounds.
#[derive(Default)]
struct Expected {
    /// Imported source id → the word only its text has.
    sources: BTreeMap<String, String>,
    /// Annotation id → the word its comment has now.
    annotations: BTreeMap<String, String>,
    /// Note path → hash of the last acknowledged text.
    notes: BTreeMap<String, String>,
    /// Note path → hashes of every text a save was begun with.
    begun: HashMap<String, BTreeSet<String>>,
    /// Note path → hashes of texts a save was begun with since the last acknowledged save.
    pending: HashMap<String, BTreeSet<String>>,
    /// Annotation id → words of comments an edit was begun with since the last acknowledged one.
    pending_edits: HashMap<String, BTreeSet<String>>,
    /// Round → what that round acknowledged (to check right after the kill).
    round_acks: Vec<String>,
}

impl Expected {
    fn record(&mut self, lines: &[String]) -> usize {
        self.round_acks.clear();
        let mut acks = 0;
        for line in lines {
            let parts: Vec<&str> = line.split(' ').collect();
            match parts.as_slice() {
                ["ACK", "import", id, word] => {
                    self.sources.insert(id.to_string(), word.to_string());
                }
                ["ACK", "annotate", id, word] | ["ACK", "edit", id, word] => {
                    self.annotations.insert(id.to_string(), word.to_string());
                    self.pending_edits.remove(*id);
                }
                ["BEGIN", "edit", id, word] => {
                    self.pending_edits
                        .entry(id.to_string())
                        .or_default()
                        .insert(word.to_string());
                }
                ["BEGIN", "note", path, hash] => {
                    for set in [&mut self.begun, &mut self.pending] {
                        set.entry(path.to_string())
                            .or_default()
                            .insert(hash.to_string());
                    }
                }
                ["ACK", "note", path, hash] => {
                    self.notes.insert(path.to_string(), hash.to_string());
                    self.pending.remove(*path);
                }
                _ => {}
            }
            if line.starts_with("ACK ") {
                acks += 1;
                self.round_acks.push(line.clone());
            }
        }
        acks
    }
}

fn verify(root: &Path, state: &Expected, round: u64, seed: u64, everything: bool) {
    let ctx = format!("after kill {round} (DOSSIER_CRASH_SEED={seed})");
    let nb =
        Notebook::open(root).unwrap_or_else(|e| panic!("{ctx}: the notebook does not open: {e}"));
    assert!(
        nb.last_sync().warnings.is_empty(),
        "{ctx}: every file reads: {:?}",
        nb.last_sync().warnings
    );
    let report = nb.check().unwrap();
    assert!(
        report.problems.is_empty(),
        "{ctx}: integrity check and index agreement: {:?}",
        report.problems
    );

    // No note or source file is empty or truncated: each note's text is one
    // that a save was begun with, whole.
    for file in md_files(root) {
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let body = std::fs::read_to_string(&file).unwrap();
        assert!(!body.is_empty(), "{ctx}: {rel} is empty");
        if let Some(begun) = state.begun.get(&rel) {
            let hash = text::hash(&body);
            assert!(
                begun.contains(&hash) || state.notes.get(&rel) == Some(&hash),
                "{ctx}: {rel} holds a text no save wrote whole ({} bytes)",
                body.len()
            );
        }
    }

    let check_source = |id: &str, word: &str| {
        let s = nb
            .source(id)
            .unwrap_or_else(|e| panic!("{ctx}: acknowledged source {id} lost: {e}"));
        assert!(s.text.contains(word), "{ctx}: source {id} lost its text");
        assert!(
            nb.search(word, 5).unwrap().total >= 1,
            "{ctx}: source {id} is not searchable"
        );
    };
    let check_annotation = |id: &str, word: &str| {
        let a = nb
            .annotation(id)
            .unwrap_or_else(|e| panic!("{ctx}: acknowledged annotation {id} lost: {e}"));
        let later = state.pending_edits.get(id);
        assert!(
            a.comment.contains(word)
                || later.is_some_and(|w| w.iter().any(|w| a.comment.contains(w.as_str()))),
            "{ctx}: annotation {id} has comment {:?}, acknowledged {word}",
            a.comment
        );
    };
    let check_note = |path: &str, hash: &str| {
        let on_disk = std::fs::read_to_string(root.join(path))
            .unwrap_or_else(|e| panic!("{ctx}: acknowledged note {path} lost: {e}"));
        let h = text::hash(&on_disk);
        let later = state.pending.get(path).cloned().unwrap_or_default();
        assert!(
            h == hash || later.contains(&h),
            "{ctx}: note {path} is not the acknowledged text nor a later one"
        );
        assert_eq!(
            nb.note_hash(path).unwrap(),
            h,
            "{ctx}: the store has note {path} as on disk"
        );
    };

    if everything {
        for (id, word) in &state.sources {
            check_source(id, word);
        }
        for (id, word) in &state.annotations {
            check_annotation(id, word);
        }
        for (path, hash) in &state.notes {
            check_note(path, hash);
        }
        // An import killed after its commit but before its acknowledgement
        // is there too: at least the acknowledged ones.
        assert!(
            report.sources > state.sources.len(),
            "{ctx}: {} sources for {} acknowledged imports and the base",
            report.sources,
            state.sources.len()
        );
        return;
    }
    for line in &state.round_acks {
        let parts: Vec<&str> = line.split(' ').collect();
        match parts.as_slice() {
            ["ACK", "import", id, _] => check_source(id, &state.sources[*id]),
            ["ACK", "annotate" | "edit", id, _] => check_annotation(id, &state.annotations[*id]),
            ["ACK", "note", path, _] => check_note(path, &state.notes[*path]),
            _ => {}
        }
    }
}

fn md_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let hidden = p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if hidden {
                continue;
            }
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "md") {
                out.push(p);
            }
        }
    }
    out
}

/// The child: writes until it is killed, acknowledging each write once it returned.
fn child(root: &Path) {
    let round = env_u64("DOSSIER_CRASH_ROUND").unwrap_or(0);
    let inbox = root.with_file_name("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let mut out = std::io::stdout();
    let mut say = |line: String| {
        // One write per line, straight to the pipe: what was printed is
        // what the parent reads, whenever the kill comes.
        out.write_all(format!("{line}\n").as_bytes()).unwrap();
        out.flush().unwrap();
    };
    let mut nb = Notebook::open(root).unwrap();
    say("OPEN".into());
    let base_len = nb.source("base-source").unwrap().text.chars().count();
    let mut mine: Vec<String> = Vec::new();
    let note = format!("crash/round-{}.md", round % 7);
    let deadline = Instant::now() + Duration::from_secs(20);
    // Each round starts with another kind of write.
    let mut i = round % 4;
    while Instant::now() < deadline {
        let word = format!("tok{round}x{i}");
        match i % 4 {
            0 => {
                let file = inbox.join(format!("r{round}-{i}.txt"));
                let filler = "More text of the imported article, to give it some length. "
                    .repeat((20 + (round * 31 + i * 17) % 400) as usize);
                std::fs::write(
                    &file,
                    format!("Imported {word}\n\nThe word {word} is in this article.\n\n{filler}\n"),
                )
                .unwrap();
                say(format!("BEGIN import {word}"));
                let r = nb
                    .import(&[file], &ImportOptions::default(), &mut |_| {})
                    .unwrap();
                say(format!("ACK import {} {word}", r.imported[0].id));
            }
            1 => {
                let start = ((round * 97 + i * 13) % (base_len as u64 - 40)) as usize;
                say(format!("BEGIN annotate {word}"));
                let a = nb
                    .annotate(
                        "base-source",
                        NewAnnotation {
                            start: Some(start),
                            end: Some(start + 12 + (i as usize % 20)),
                            comment: format!("A comment with {word} in it."),
                            tags: vec!["crash".into()],
                            ..NewAnnotation::default()
                        },
                    )
                    .unwrap();
                mine.push(a.id.clone());
                say(format!("ACK annotate {} {word}", a.id));
            }
            2 => {
                let filler = "A line of analysis that goes on for a while.\n"
                    .repeat((1 + (round * 7 + i * 11) % 300) as usize);
                let body = format!("# Round {round}\n\nVersion {i}: {word}\n\n{filler}");
                let hash = text::hash(&body);
                say(format!("BEGIN note {note} {hash}"));
                nb.save_note(&note, &body, None).unwrap();
                say(format!("ACK note {note} {hash}"));
            }
            _ => {
                if let Some(id) = mine.last().cloned() {
                    say(format!("BEGIN edit {id} {word}"));
                    nb.edit_annotation(
                        &id,
                        AnnotationEdit {
                            comment: Some(format!("Edited: now {word}.")),
                            ..AnnotationEdit::default()
                        },
                    )
                    .unwrap();
                    say(format!("ACK edit {id} {word}"));
                }
            }
        }
        i += 1;
    }
}
