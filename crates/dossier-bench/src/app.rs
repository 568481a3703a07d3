//! The desktop app's launch and memory (`dossier-bench app`): the binary
//! built by `tauri build` is started on a copy of a notebook, again and
//! again, and timed from the moment it is spawned to the moment it reports
//! that the notebook is painted (the shell prints "first paint of the
//! notebook" when the UI calls `report_first_paint` after its first frame
//! with the notebook on screen). Once painted and settled, the memory of
//! the whole app is read from `/proc`: the shell and every process it
//! started (WebKit's web and network processes), resident (RSS) and
//! proportional (PSS: shared pages split among the processes sharing them,
//! so the sum is not inflated by shared libraries).
//!
//! It needs a display: `make bench-app` runs it under Xvfb.

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::engines::Res;

/// What the shell prints when the notebook is on screen.
const PAINT_LINE: &str = "first paint of the notebook";

/// What the shell prints at each step of its launch when asked to (the
/// `DOSSIER_LAUNCH_TRACE` variable): `dossier: launch MARK N ms`.
const MARK_LINE: &str = "dossier: launch ";

pub struct AppArgs<'a> {
    pub bin: &'a Path,
    /// The bare window (`src-tauri/examples/bare.rs`): the same tauri and
    /// WebKitGTK with a static page, launched in turn with the app, so the
    /// app's launch reads as the bare window's plus the notebook's own cost.
    pub bare: Option<&'a Path>,
    pub notebook: &'a Path,
    pub scratch: &'a Path,
    pub runs: usize,
    /// Seconds to wait after the paint before reading the memory.
    pub settle: Duration,
    /// Longest wait for one paint.
    pub timeout: Duration,
}

pub fn measure(args: &AppArgs) -> Res<Value> {
    for bin in std::iter::once(args.bin).chain(args.bare) {
        if !bin.is_file() {
            return Err(format!(
                "{} does not exist: build it first (make bench-app builds the release binaries)",
                bin.display()
            ));
        }
    }
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err("no display: run under Xvfb (make bench-app does)".into());
    }
    // The notebook is copied, so that the run never writes into the
    // repository's bundled notebook, and the app keeps its settings and
    // WebKit's caches under the scratch folder.
    if args.scratch.exists() {
        std::fs::remove_dir_all(args.scratch)
            .map_err(|e| format!("{}: {e}", args.scratch.display()))?;
    }
    let notebook = args.scratch.join("notebook");
    copy_notebook(args.notebook, &notebook)?;
    let home = args.scratch.join("home");
    std::fs::create_dir_all(&home).map_err(|e| e.to_string())?;
    let notebook = notebook.canonicalize().map_err(|e| e.to_string())?;
    let home = home.canonicalize().map_err(|e| e.to_string())?;

    // One launch first, not timed: it builds the notebook's index and
    // WebKit's caches, as any launch after the first finds them.
    launch(args.bin, args, &notebook, &home, false)?;
    if let Some(bare) = args.bare {
        launch(bare, args, &notebook, &home, false)?;
    }
    let mut runs = Vec::new();
    let mut bare_runs = Vec::new();
    let n = args.runs.max(1);
    for i in 0..n {
        // Memory is read on the last run only: reading /proc after the
        // paint keeps the process alive longer and changes nothing timed.
        let last = i + 1 == n;
        // The app and the bare window take turns, each first every other
        // run, so that the load of the moment falls on both alike.
        let bare_first = i % 2 == 1;
        if let (Some(bare), true) = (args.bare, bare_first) {
            bare_runs.push(launch(bare, args, &notebook, &home, last)?);
        }
        runs.push(launch(args.bin, args, &notebook, &home, last)?);
        if let (Some(bare), false) = (args.bare, bare_first) {
            bare_runs.push(launch(bare, args, &notebook, &home, last)?);
        }
    }
    let mut out = summary(&runs);
    out["binary"] = json!(args.bin.display().to_string());
    if let Some(bare) = args.bare {
        let mut b = summary(&bare_runs);
        b["binary"] = json!(bare.display().to_string());
        let own = out["launch_ms"]["median"].as_f64().unwrap_or(f64::NAN)
            - b["launch_ms"]["median"].as_f64().unwrap_or(f64::NAN);
        out["own_cost_ms"] = json!(round1(own));
        out["bare"] = b;
    }
    Ok(out)
}

/// Medians of a series of launches: the whole launch, the shell's own
/// figure, each step of the timeline, and the memory of the last one.
fn summary(runs: &[Launch]) -> Value {
    let mut wall: Vec<f64> = runs.iter().map(|r| r.wall_ms).collect();
    let mut own: Vec<f64> = runs.iter().filter_map(|r| r.reported_ms).collect();
    let memory = runs.last().and_then(|r| r.memory.clone());
    // Each step of the launch: the median, over the runs, of the time from
    // spawning the process to the line arriving.
    let mut marks: Vec<(String, Vec<f64>)> = Vec::new();
    for r in runs {
        for (name, ms) in &r.marks {
            match marks.iter_mut().find(|(n, _)| n == name) {
                Some((_, v)) => v.push(*ms),
                None => marks.push((name.clone(), vec![*ms])),
            }
        }
    }
    let mut timeline: Vec<Value> = marks
        .into_iter()
        .map(|(name, mut v)| json!({"mark": name, "runs": v.len(), "median_ms": round1(median(&mut v))}))
        .collect();
    timeline.sort_by(|a, b| {
        a["median_ms"]
            .as_f64()
            .partial_cmp(&b["median_ms"].as_f64())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    json!({
        "timeline": timeline,
        "runs": runs.len(),
        "launch_ms": {
            "median": median(&mut wall),
            "min": wall.first(),
            "max": wall.last(),
            "all": runs.iter().map(|r| round1(r.wall_ms)).collect::<Vec<_>>(),
        },
        "reported_ms": {
            "median": if own.is_empty() { Value::Null } else { json!(median(&mut own)) },
        },
        "memory": memory,
    })
}

struct Launch {
    /// From spawning the process to the paint line on its standard error.
    wall_ms: f64,
    /// The shell's own figure: from the start of its `run` to the paint.
    reported_ms: Option<f64>,
    memory: Option<Value>,
    /// The shell's launch steps before the paint, by arrival since spawn.
    marks: Vec<(String, f64)>,
}

fn launch(
    bin: &Path,
    args: &AppArgs,
    notebook: &Path,
    home: &Path,
    read_memory: bool,
) -> Res<Launch> {
    let started = Instant::now();
    let mut child = Command::new(bin)
        .env("DOSSIER_NOTEBOOK", notebook)
        .env("DOSSIER_LAUNCH_TRACE", "1")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("{}: {e}", bin.display()))?;
    let stderr = child.stderr.take().ok_or("no standard error")?;
    let (tx, rx) = mpsc::channel::<(Instant, String)>();
    // The reader drains standard error for the process's whole life, so
    // that the app never blocks on a full pipe.
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if tx.send((Instant::now(), line)).is_err() {
                break;
            }
        }
    });
    let mut seen = Vec::new();
    let mut marks = Vec::new();
    let mut run_at: Option<f64> = None;
    let painted = loop {
        let left = args.timeout.saturating_sub(started.elapsed());
        match rx.recv_timeout(left) {
            Ok((at, line)) => {
                if line.contains(PAINT_LINE) {
                    break Some((at, line));
                }
                if let Some(rest) = line.strip_prefix(MARK_LINE) {
                    // `MARK N ms`, N since the start of the shell's `run`:
                    // put in the spawn's clock by the `run` line's arrival
                    // (the window's own steps arrive all at once, at the
                    // paint, so their arrival says nothing).
                    let mut words = rest.split_whitespace();
                    let name = words.next().unwrap_or("?").to_string();
                    let since_run: Option<f64> = words.next().and_then(|v| v.parse().ok());
                    let arrived = at.duration_since(started).as_secs_f64() * 1000.0;
                    if name == "run" {
                        run_at = Some(arrived);
                    }
                    let ms = match (run_at, since_run) {
                        (Some(r), Some(n)) if name != "run" => r + n,
                        _ => arrived,
                    };
                    marks.push((name, ms));
                    continue;
                }
                if line.contains("dossier: opened ") {
                    let ms = at.duration_since(started).as_secs_f64() * 1000.0;
                    marks.push(("notebook-opened".to_string(), ms));
                }
                if seen.len() < 20 {
                    seen.push(line);
                }
            }
            Err(_) => break None,
        }
    };
    let outcome = match painted {
        Some((at, line)) => {
            let wall_ms = at.duration_since(started).as_secs_f64() * 1000.0;
            let memory = if read_memory {
                std::thread::sleep(args.settle);
                Some(tree_memory(child.id()))
            } else {
                None
            };
            Ok(Launch {
                wall_ms,
                reported_ms: reported(&line),
                memory,
                marks,
            })
        }
        None => Err(format!(
            "{} did not report a painted notebook within {} s; it printed: {}",
            bin.display(),
            args.timeout.as_secs(),
            if seen.is_empty() {
                "nothing".to_string()
            } else {
                seen.join(" | ")
            }
        )),
    };
    stop(&mut child);
    let _ = reader.join();
    outcome
}

/// "dossier: first paint of the notebook 412 ms after launch" → 412.
fn reported(line: &str) -> Option<f64> {
    let rest = &line[line.find(PAINT_LINE)? + PAINT_LINE.len()..];
    rest.split_whitespace().next()?.parse().ok()
}

/// Ends the app and everything it started (its process group), politely
/// first.
fn stop(child: &mut Child) {
    let group = format!("-{}", child.id());
    let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
    let _ = child.wait();
}

/// RSS and PSS of a process and all its descendants, by process name.
fn tree_memory(root: u32) -> Value {
    let pids = descendants(root);
    let mut by_name: BTreeMap<String, (u64, u64, u64)> = BTreeMap::new();
    let (mut rss, mut pss) = (0u64, 0u64);
    for pid in &pids {
        let name = std::fs::read_to_string(format!("/proc/{pid}/comm"))
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|_| "?".into());
        let rollup =
            std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
        let r = kb_field(&rollup, "Rss:");
        let p = kb_field(&rollup, "Pss:");
        rss += r;
        pss += p;
        let e = by_name.entry(name).or_default();
        e.0 += 1;
        e.1 += r;
        e.2 += p;
    }
    json!({
        "processes": pids.len(),
        "rss_kb": rss,
        "pss_kb": pss,
        "by_process": by_name
            .into_iter()
            .map(|(name, (n, r, p))| json!({"name": name, "count": n, "rss_kb": r, "pss_kb": p}))
            .collect::<Vec<_>>(),
    })
}

fn kb_field(text: &str, key: &str) -> u64 {
    text.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l[key.len()..].split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// The process and every process below it, found by parent id in `/proc`.
fn descendants(root: u32) -> Vec<u32> {
    let mut parent_of = Vec::new();
    if let Ok(dir) = std::fs::read_dir("/proc") {
        for entry in dir.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<u32>().ok())
            else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
                continue;
            };
            // The command name is in parentheses and may hold spaces: the
            // fields after the last ')' are state, ppid, pgrp, …
            let Some(after) = stat.rfind(')').map(|i| &stat[i + 1..]) else {
                continue;
            };
            let mut fields = after.split_whitespace();
            let ppid = fields.nth(1).and_then(|v| v.parse::<u32>().ok());
            if let Some(ppid) = ppid {
                parent_of.push((pid, ppid));
            }
        }
    }
    let mut found: HashSet<u32> = HashSet::from([root]);
    loop {
        let before = found.len();
        for (pid, ppid) in &parent_of {
            if found.contains(ppid) {
                found.insert(*pid);
            }
        }
        if found.len() == before {
            break;
        }
    }
    let mut v: Vec<u32> = found.into_iter().collect();
    v.sort_unstable();
    v
}

/// Copies a notebook's files, leaving out its `.dossier/` folder (the
/// warm-up launch builds it in the copy).
fn copy_notebook(from: &Path, to: &Path) -> Res<()> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name == ".dossier" {
            continue;
        }
        let src: PathBuf = entry.path();
        let dst = to.join(&name);
        let kind = entry.file_type().map_err(|e| e.to_string())?;
        if kind.is_dir() {
            copy_notebook(&src, &dst)?;
        } else if kind.is_file() {
            std::fs::copy(&src, &dst).map_err(|e| format!("{}: {e}", src.display()))?;
        }
    }
    Ok(())
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        round1(v[n / 2])
    } else {
        round1((v[n / 2 - 1] + v[n / 2]) / 2.0)
    }
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_paint_line_gives_the_shells_own_figure() {
        assert_eq!(
            reported("dossier: first paint of the notebook 412 ms after launch"),
            Some(412.0)
        );
        assert_eq!(reported("dossier: something else"), None);
    }

    #[test]
    fn memory_fields_are_read_in_kilobytes() {
        let rollup =
            "55d0-7ff [rollup]\nRss:               21340 kB\nPss:                9876 kB\n";
        assert_eq!(kb_field(rollup, "Rss:"), 21340);
        assert_eq!(kb_field(rollup, "Pss:"), 9876);
        assert_eq!(kb_field(rollup, "Swap:"), 0);
    }

    #[test]
    fn the_tree_of_this_process_holds_a_child_it_started() {
        let mut child = Command::new("sleep").arg("5").spawn().unwrap();
        let tree = descendants(std::process::id());
        let _ = child.kill();
        let _ = child.wait();
        assert!(tree.contains(&std::process::id()));
        assert!(tree.contains(&child.id()), "{tree:?} lacks {}", child.id());
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), 3.0);
    }
}
