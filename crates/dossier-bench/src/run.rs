//! The runner: datasets, then every engine on each, in child processes, then
//! the results file and the report.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::{json, Value};

use crate::corpus::{self, DatasetInfo};
use crate::engines::{self, du, percentile, BenchQuery, Res, Timing};
use crate::TimingArgs;

/// Search budgets of PRODUCT.md, in microseconds, and the indexing budget in MB/s.
pub const P99_BUDGET_SMALL_US: f64 = 2_000.0;
pub const P99_BUDGET_LARGE_US: f64 = 10_000.0;
/// PRODUCT.md: Dossier's import, mentions included, at least this share of
/// raw tantivy's MB/s on the same passages in the same run.
pub const INDEX_BUDGET_RATIO: f64 = 0.6;
/// PRODUCT.md: a note saved by the app or another program is searchable
/// within this.
pub const NOTE_BUDGET_MS: f64 = 100.0;

/// The p99 budget for a dataset of this many passages.
pub fn p99_budget_us(passages: usize) -> f64 {
    if passages <= 200_000 {
        P99_BUDGET_SMALL_US
    } else {
        P99_BUDGET_LARGE_US
    }
}

#[derive(clap::Args, Debug)]
pub struct RunArgs {
    /// Where bench/fetch.sh put the corpora (unpacked under `x/`); work files go to `work/`.
    #[arg(long, default_value = "bench/cache")]
    cache: PathBuf,
    /// Comma-separated: `corpus` (every document once), a passage count such as `100k` or `1M`,
    /// optionally with the documents per file after a slash (`1M/1`: one per file, set `1M-bundle1`).
    #[arg(long, default_value = "corpus,100k,1M")]
    scales: String,
    /// Documents per imported file at scales above 200k passages (1 below).
    #[arg(long, default_value_t = 20)]
    bundle_large: usize,
    /// Index runs per engine at scales up to 200k passages (1 above); the median is reported.
    #[arg(long, default_value_t = 3)]
    index_runs: usize,
    #[arg(long, default_value = "bench/queries.json")]
    queries: PathBuf,
    #[arg(long, default_value = "bench/results.json")]
    results: PathBuf,
    #[arg(long, default_value = "BENCHMARKS.md")]
    report: PathBuf,
    /// The `dossier` binary for the command-line row (default: beside this one).
    #[arg(long)]
    dossier_bin: Option<PathBuf>,
    /// Tiny generated corpus, one iteration, peers skipped when not installed; fails on any error.
    #[arg(long)]
    smoke: bool,
    /// Keep the sets of the existing results file that this run does not
    /// measure (e.g. `--scales corpus` leaves 100k and 1M as they were);
    /// each set carries the date and commit it was measured at.
    #[arg(long)]
    keep_other_scales: bool,
    /// Profile Dossier (perf) where it misses a budget.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    profile: bool,
    /// Also profile a missed indexing budget (perf, then strace), which imports the set twice more.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    profile_index: bool,
    #[command(flatten)]
    timing: TimingArgs,
}

/// A path as shown in the report: relative to the working directory when inside it.
fn show(p: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    };
    abs.strip_prefix(&cwd)
        .map(|r| r.display().to_string())
        .unwrap_or_else(|_| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

pub(crate) fn first_line(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    text.lines()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.trim().to_string())
}

/// Runs a child and parses its stdout as JSON.
fn child_json(cmd: &mut Command) -> Res<Value> {
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("{cmd:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{cmd:?} failed ({})", out.status));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| {
        format!(
            "{cmd:?}: not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

struct Ctx {
    exe: PathBuf,
    exe_shown: String,
    queries: PathBuf,
    timing: TimingArgs,
    smoke: bool,
    profile: bool,
    perf: bool,
    profiled_index: bool,
    profiled_note: bool,
}

impl Ctx {
    fn bench(&self) -> Command {
        Command::new(&self.exe)
    }

    fn timing_args(&self) -> Vec<String> {
        let t = self.timing;
        vec![
            "--budget-ms".into(),
            t.budget_ms.to_string(),
            "--min-iters".into(),
            t.min_iters.to_string(),
            "--max-iters".into(),
            t.max_iters.to_string(),
            "--warmup".into(),
            t.warmup.to_string(),
        ]
    }
}

fn parse_scale(s: &str) -> Res<Option<usize>> {
    let s = s.trim();
    let (num, mul) = if let Some(n) = s.strip_suffix(['k', 'K']) {
        (n, 1_000)
    } else if let Some(n) = s.strip_suffix(['m', 'M']) {
        (n, 1_000_000)
    } else {
        (s, 1)
    };
    match s {
        "corpus" | "smoke" => Ok(None),
        _ => num.parse::<usize>().map(|n| Some(n * mul)).map_err(|_| {
            format!("'{s}': a scale is 'corpus', 'smoke' or a passage count like 100k")
        }),
    }
}

pub fn run(args: &RunArgs) -> Res<()> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let queries = engines::load_queries(&args.queries)?;
    let commit = first_line("git", &["rev-parse", "--short", "HEAD"]);
    let load_start = loadavg();
    let mut ctx = Ctx {
        exe_shown: show(&exe),
        exe,
        queries: args.queries.clone(),
        timing: if args.smoke {
            TimingArgs {
                budget_ms: 0,
                min_iters: 1,
                max_iters: 1,
                warmup: 0,
            }
        } else {
            args.timing
        },
        smoke: args.smoke,
        profile: args.profile && !args.smoke,
        perf: false,
        profiled_index: !args.profile_index,
        profiled_note: false,
    };
    ctx.perf = ctx.profile
        && Command::new("perf")
            .args(["record", "-q", "-e", "cpu-clock", "-o", "/dev/null", "true"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
    let work = args.cache.join("sets");
    let scales: Vec<&str> = if args.smoke {
        vec!["smoke"]
    } else {
        args.scales.split(',').collect()
    };
    let mut docs: Option<Vec<corpus::Doc>> = None;
    let mut results = Vec::new();
    let dossier_bin = args.dossier_bin.clone().unwrap_or_else(|| {
        ctx.exe
            .parent()
            .map(|p| p.join("dossier"))
            .unwrap_or_else(|| PathBuf::from("dossier"))
    });
    for spec in scales {
        // `1M/1`: the set of 1M passages with one document per file (its
        // own name, `1M-bundle1`, beside the bundled `1M`).
        let (scale_text, bundle_given) = match spec.split_once('/') {
            Some((s, b)) => (
                s,
                Some(
                    b.trim()
                        .parse::<usize>()
                        .ok()
                        .filter(|b| *b > 0)
                        .ok_or_else(|| {
                            format!("'{spec}': after '/' comes the documents per file, 1 or more")
                        })?,
                ),
            ),
            None => (spec, None),
        };
        let target = parse_scale(scale_text)?;
        let bundle = bundle_given.unwrap_or(if target.is_some_and(|t| t > 200_000) {
            args.bundle_large
        } else {
            1
        });
        let scale_name = match bundle_given {
            Some(b) => format!("{}-bundle{b}", scale_text.trim()),
            None => scale_text.trim().to_string(),
        };
        let scale = scale_name.as_str();
        let data = work.join(scale);
        let out = work.join(format!("{scale}-out"));
        eprintln!("== {scale}: dataset");
        let t = Instant::now();
        let info = if scale == "smoke" {
            corpus::build(&corpus::synthetic(300), scale, None, 1, &data)?
        } else {
            if docs.is_none() {
                let from = args.cache.join("x");
                docs = Some(corpus::load_real(&from).map_err(|e| {
                    format!(
                        "{e} (bench/fetch.sh fetches and unpacks the corpora; make bench runs it)"
                    )
                })?);
            }
            let docs = docs.as_deref().unwrap_or_default();
            corpus::build(docs, scale, target, bundle, &data)?
        };
        eprintln!(
            "   {} documents, {} files, {} passages, {:.1} MB ({:.1} s)",
            info.documents,
            info.files,
            info.passages,
            info.text_bytes as f64 / 1e6,
            t.elapsed().as_secs_f64()
        );
        let dataset_cmd = if scale == "smoke" {
            format!(
                "{} dataset --synthetic 300 --out {}",
                ctx.exe_shown,
                show(&data)
            )
        } else {
            format!(
                "{} dataset --from {} {}--bundle {bundle} --out {}",
                ctx.exe_shown,
                show(&args.cache.join("x")),
                target
                    .map(|t| format!("--passages {t} "))
                    .unwrap_or_default(),
                show(&data)
            )
        };
        let runs = if args.smoke || info.passages > 200_000 {
            1
        } else {
            args.index_runs.max(1)
        };
        let r = measure_scale(&mut ctx, &info, &data, &out, runs, &queries, &dossier_bin)?;
        let mut r = r;
        r["dataset"] = serde_json::to_value(&info).map_err(|e| e.to_string())?;
        r["commands"]["dataset"] = json!(dataset_cmd);
        r["generated"] = json!(now_utc());
        r["commit"] = json!(commit);
        results.push(r);
    }
    // The other issues' figures, on the first set (the real corpus, or the smoke set).
    let mut features = Value::Null;
    if let Some(first) = results.first() {
        let name = first["dataset"]["name"]
            .as_str()
            .unwrap_or("corpus")
            .to_string();
        let data = work.join(&name);
        let scratch = work.join(format!("{name}-out")).join("features");
        eprintln!("== {name}: mention finding, re-anchoring, Markdown preview");
        let mut cmd = ctx.bench();
        cmd.args(["features", "--data"])
            .arg(&data)
            .arg("--scratch")
            .arg(&scratch);
        if args.smoke {
            cmd.arg("--smoke");
        }
        features = child_json(&mut cmd)?;
        features["set"] = json!(name);
        features["command"] = json!(format!(
            "{} features --data {} --scratch {}{}",
            ctx.exe_shown,
            show(&data),
            show(&scratch),
            if args.smoke { " --smoke" } else { "" }
        ));
    }
    let mut machine_info = machine();
    machine_info["loadavg_start"] = json!(load_start);
    machine_info["loadavg_end"] = json!(loadavg());
    let mut doc = json!({
        "generated": now_utc(),
        "commit": commit,
        "smoke": args.smoke,
        "dirty": Command::new("git")
            .args(["status", "--porcelain", "--untracked-files=no", "--", "crates"])
            .output()
            .map(|o| !o.stdout.is_empty())
            .unwrap_or(false),
        "machine": machine_info,
        "tools": tools(),
        "timing": {"budget_ms": ctx.timing.budget_ms, "min_iters": ctx.timing.min_iters,
                   "max_iters": ctx.timing.max_iters, "warmup": ctx.timing.warmup},
        "scales": results,
        "features": features,
    });
    if args.keep_other_scales && !args.smoke {
        keep_other_scales(&args.results, &mut doc);
    }
    // The app's launch is measured apart (`dossier-bench app`, it needs a
    // display and the release app): a run keeps the last one.
    if let Some(app) = std::fs::read_to_string(&args.results)
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        .map(|old| old["app"].clone())
        .filter(|a| !a.is_null())
    {
        doc["app"] = app;
    }
    if let Some(dir) = args.results.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::write(
        &args.results,
        serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?,
    )
    .map_err(|e| format!("{}: {e}", args.results.display()))?;
    crate::report::write(&args.results, &args.report)?;
    if args.smoke {
        smoke_checks(&doc)?;
        agreeing_counts(&doc, &queries)?;
        eprintln!(
            "bench-smoke: all engines ran; report written to {}",
            show(&args.report)
        );
    } else {
        eprintln!("wrote {} and {}", show(&args.results), show(&args.report));
    }
    Ok(())
}

/// The sets of the results file at `old` that `doc` did not measure, put
/// back in their places (a set measured now replaces its old figures; the
/// kept ones keep the date and commit of their own run).
fn keep_other_scales(old: &Path, doc: &mut Value) {
    let Some(old) = std::fs::read_to_string(old)
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok())
    else {
        return;
    };
    let name = |s: &Value| s["dataset"]["name"].as_str().map(str::to_string);
    let mut fresh: Vec<Value> = doc["scales"].as_array().cloned().unwrap_or_default();
    let mut merged = Vec::new();
    for mut s in old["scales"].as_array().cloned().unwrap_or_default() {
        match fresh.iter().position(|f| name(f) == name(&s)) {
            Some(i) => merged.push(fresh.remove(i)),
            None => {
                for key in ["generated", "commit"] {
                    if s[key].is_null() {
                        s[key] = old[key].clone();
                    }
                }
                s["kept"] = json!(true);
                merged.push(s);
            }
        }
    }
    merged.extend(fresh);
    doc["scales"] = json!(merged);
}

/// `dossier-bench features --results`: the figures of a features run put
/// into an existing results file (replacing the earlier ones), and the
/// report written again.
pub fn merge_features(results: &Path, report: &Path, features: Value) -> Res<()> {
    merge_section(results, report, "features", features)
}

/// Puts one section measured on its own (`features`, `app`) into a results
/// file, dated, with its commit and the load average, and writes the report.
pub fn merge_section(results: &Path, report: &Path, key: &str, mut section: Value) -> Res<()> {
    let mut doc: Value = serde_json::from_str(
        &std::fs::read_to_string(results).map_err(|e| format!("{}: {e}", results.display()))?,
    )
    .map_err(|e| format!("{}: {e}", results.display()))?;
    section["generated"] = json!(now_utc());
    section["commit"] = json!(first_line("git", &["rev-parse", "--short", "HEAD"]));
    section["loadavg"] = json!(loadavg());
    doc[key] = section;
    std::fs::write(
        results,
        serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?,
    )
    .map_err(|e| format!("{}: {e}", results.display()))?;
    crate::report::write(results, report)
}

/// Reads a results file, hands `change` the entry of the set named `set`,
/// writes the file back and rewrites the report from it.
fn with_set(
    results: &Path,
    report: &Path,
    set: &str,
    change: impl FnOnce(&mut Value) -> Res<()>,
) -> Res<()> {
    let mut doc: Value = serde_json::from_str(
        &std::fs::read_to_string(results).map_err(|e| format!("{}: {e}", results.display()))?,
    )
    .map_err(|e| format!("{}: {e}", results.display()))?;
    let scale = doc["scales"]
        .as_array_mut()
        .and_then(|scales| {
            scales
                .iter_mut()
                .find(|s| s["dataset"]["name"].as_str() == Some(set))
        })
        .ok_or_else(|| format!("{}: no set named '{set}'", results.display()))?;
    change(scale)?;
    std::fs::write(
        results,
        serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?,
    )
    .map_err(|e| format!("{}: {e}", results.display()))?;
    crate::report::write(results, report)
}

/// Puts a `note` measurement (saved by the app, by another program + sync,
/// and through the watcher) into the set's entry of the results in place of
/// the full run's, with when, at which commit and under which load it was
/// taken and what the full run had measured, and writes the report.
pub fn merge_note(results: &Path, report: &Path, set: &str, command: &str, note: Value) -> Res<()> {
    with_set(results, report, set, |scale| {
        let ms = |v: &Value| v.as_f64().map(|v| format!("{v:.1} ms")).unwrap_or_default();
        let before = &scale["note"];
        let text = format!(
            "measured again {} at commit {} with `{command}`, load average {} on this machine's cores, in place of the full run's figures (saved by the app {}, through the watcher {}, medians).",
            now_utc(),
            first_line("git", &["rev-parse", "--short", "HEAD"]).unwrap_or_default(),
            loadavg().unwrap_or_default(),
            ms(&before["p50_ms"]),
            ms(&before["watch_p50_ms"]),
        );
        let mut merged = note;
        merged["merged"] = json!(text);
        scale["note"] = merged;
        Ok(())
    })
}

/// Merges the rows of a `query` run (one engine, the queries it ran) into
/// the set's rows of a results file, each replaced row with the date,
/// commit, command and load average it was measured at; the other rows,
/// engines and sets stay as they are. Rewrites the report.
pub fn merge_query(
    results: &Path,
    report: &Path,
    set: &str,
    engine: &str,
    command: &str,
    run: Value,
) -> Res<()> {
    with_set(results, report, set, |scale| {
        if scale["query"][engine]["queries"].as_array().is_none() {
            return Err(format!(
                "{}: set '{set}' has no query rows of {engine}",
                results.display()
            ));
        }
        let measured = format!(
            "measured {} at commit {} with `{command}`, load average {}",
            now_utc(),
            first_line("git", &["rev-parse", "--short", "HEAD"]).unwrap_or_default(),
            loadavg().unwrap_or_default(),
        );
        for new in run["queries"].as_array().cloned().unwrap_or_default() {
            let mut new = new;
            if let Some(o) = new.as_object_mut() {
                o.remove("samples_us");
                o.insert("measured".into(), Value::String(measured.clone()));
            }
            let name = new["name"].as_str().unwrap_or_default().to_string();
            if let Some(rows) = scale["query"][engine]["queries"].as_array_mut() {
                match rows.iter_mut().find(|r| r["name"] == new["name"]) {
                    Some(row) => *row = new,
                    None => rows.push(new),
                }
            }
            // A profile of the query's earlier code no longer describes it.
            if engine == "dossier" {
                if let Some(profiles) = scale["profiles"].as_array_mut() {
                    profiles.retain(|p| p["what"].as_str() != Some(&format!("query '{name}'")));
                }
            }
        }
        Ok(())
    })
}

/// What the smoke run must see, or it fails.
fn smoke_checks(doc: &Value) -> Res<()> {
    let f = &doc["features"];
    if f["mentions"]["found"].as_u64().unwrap_or(0) == 0 {
        return Err("smoke: mention finding found nothing".into());
    }
    if f["reanchor"]["statuses"]["exact"].as_u64().unwrap_or(0) == 0 {
        return Err("smoke: re-anchoring kept no annotation exact".into());
    }
    if f["preview"]["median_ms"].as_f64().unwrap_or(0.0) <= 0.0 {
        return Err("smoke: no Markdown preview time".into());
    }
    let scale = &doc["scales"][0];
    for engine in ["dossier", "tantivy", "fts5", "floor"] {
        let mbs = scale["index"][engine]["mb_per_s"].as_f64().unwrap_or(0.0);
        if mbs <= 0.0 {
            return Err(format!("smoke: {engine} indexed nothing"));
        }
    }
    let qs = scale["query"]["dossier"]["queries"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for name in [
        "rare term",
        "common term",
        "phrase",
        "two-term AND",
        "field filter",
        "OR",
        "prefix",
        "entity",
    ] {
        let total = qs
            .iter()
            .find(|q| q["name"] == name)
            .and_then(|q| q["total"].as_u64())
            .unwrap_or(0);
        if total == 0 {
            return Err(format!("smoke: Dossier found nothing for the {name} query"));
        }
    }
    if scale["note"]["p50_ms"].as_f64().is_none() {
        return Err("smoke: no note latency".into());
    }
    Ok(())
}

/// The engines that mean the same by a query (`comparable` in the query
/// set) must count the same matches: Dossier, raw tantivy and SQLite FTS5.
fn agreeing_counts(doc: &Value, queries: &[engines::BenchQuery]) -> Res<()> {
    let scale = &doc["scales"][0];
    let total = |engine: &str, name: &str| {
        scale["query"][engine]["queries"]
            .as_array()
            .and_then(|qs| qs.iter().find(|q| q["name"] == name))
            .and_then(|q| q["total"].as_u64())
    };
    let mut disagree = Vec::new();
    let mut compared = 0;
    for q in queries.iter().filter(|q| q.comparable) {
        let counts: Vec<(&str, Option<u64>)> = ["dossier", "tantivy", "fts5"]
            .into_iter()
            .map(|e| (e, total(e, &q.name)))
            .collect();
        if counts.iter().any(|(_, n)| n.is_none()) {
            disagree.push(format!(
                "'{}' is marked comparable but not every engine ran it: {counts:?}",
                q.name
            ));
            continue;
        }
        compared += 1;
        if counts.windows(2).any(|w| w[0].1 != w[1].1) {
            let shown: Vec<String> = counts
                .iter()
                .map(|(e, n)| format!("{e} {}", n.unwrap_or(0)))
                .collect();
            disagree.push(format!("'{}': {}", q.name, shown.join(", ")));
        }
    }
    if !disagree.is_empty() {
        return Err(format!(
            "smoke: the engines count different matches for queries that mean the same: {}",
            disagree.join("; ")
        ));
    }
    eprintln!("bench-smoke: Dossier, tantivy and FTS5 count the same matches on {compared} comparable queries");
    Ok(())
}

fn index_child(ctx: &Ctx, engine: &str, data: &Path, out: &Path) -> Res<Value> {
    child_json(ctx.bench().args([
        "index".as_ref(),
        "--engine".as_ref(),
        engine.as_ref(),
        "--data".as_ref(),
        data.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]))
}

/// The median run (by throughput) of several, with every run's seconds.
fn median_run(mut runs: Vec<Value>) -> Value {
    runs.sort_by(|a, b| {
        a["mb_per_s"]
            .as_f64()
            .unwrap_or(0.0)
            .total_cmp(&b["mb_per_s"].as_f64().unwrap_or(0.0))
    });
    let secs: Vec<f64> = runs.iter().filter_map(|r| r["secs"].as_f64()).collect();
    let peak = runs.iter().filter_map(|r| r["rss_kb"].as_u64()).max();
    let mut m = runs[runs.len() / 2].clone();
    m["runs_secs"] = json!(secs);
    m["rss_kb"] = json!(peak);
    m
}

#[allow(clippy::too_many_arguments)]
fn measure_scale(
    ctx: &mut Ctx,
    info: &DatasetInfo,
    data: &Path,
    out: &Path,
    runs: usize,
    queries: &[BenchQuery],
    dossier_bin: &Path,
) -> Res<Value> {
    let mut r = json!({"index": {}, "query": {}, "commands": {}, "profiles": [], "skipped": []});
    let mut skipped: Vec<String> = Vec::new();
    let bytes = info.text_bytes;

    // Indexing: each run of the engines one after the other (a ratio is
    // of runs in the same minute on a loaded machine), each run into a
    // fresh folder. Earlier outputs are moved aside and deleted only after
    // the runs: a notebook's tens of thousands of files deleted just
    // before an import slow its file creation several-fold (ext4 without
    // a journal passes over inodes freed in the last minute), which no
    // import of a person's files meets.
    // The floor (the least an import keeping the notebook's layout does)
    // runs beside them: its ratio to raw tantivy bounds Dossier's.
    let engines = ["dossier", "tantivy", "fts5", "floor"];
    let aside = out.join("set-aside");
    let run_dir = |engine: &str, i: usize| {
        if i + 1 == runs {
            out.join(engine)
        } else {
            out.join(format!("{engine}-run{}", i + 1))
        }
    };
    for (n, engine) in engines.iter().enumerate() {
        for i in 0..runs {
            let dir = run_dir(engine, i);
            if dir.exists() {
                std::fs::create_dir_all(&aside).map_err(|e| e.to_string())?;
                // Named by this process: an interrupted run's leftovers
                // there are deleted with the rest after the runs.
                let to = aside.join(format!("{}-{n}-{i}", std::process::id()));
                std::fs::rename(&dir, to).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
        }
    }
    let mut all: Vec<Vec<Value>> = vec![Vec::new(); engines.len()];
    for i in 0..runs {
        for (engine, all) in engines.iter().zip(&mut all) {
            eprintln!("== {}: index {engine} (run {}/{runs})", info.name, i + 1);
            let v = index_child(ctx, engine, data, &run_dir(engine, i))?;
            eprintln!(
                "   {:.2} s, {:.1} MB/s",
                v["secs"].as_f64().unwrap_or(0.0),
                v["mb_per_s"].as_f64().unwrap_or(0.0)
            );
            all.push(v);
        }
    }
    for (engine, all) in engines.iter().zip(all) {
        r["index"][*engine] = median_run(all);
        r["commands"][format!("index_{engine}")] = json!(format!(
            "{} index --engine {engine} --data {} --out {}",
            ctx.exe_shown,
            show(data),
            show(&out.join(engine))
        ));
        for i in 0..runs.saturating_sub(1) {
            let _ = std::fs::remove_dir_all(run_dir(engine, i));
        }
    }
    let _ = std::fs::remove_dir_all(&aside);
    let recoll = have("recollindex") && have("recollq");
    let recoll_conf = out.join("recoll");
    if recoll {
        let mut all = Vec::new();
        for i in 0..runs {
            eprintln!("== {}: index recoll (run {}/{runs})", info.name, i + 1);
            let v = recoll_index(data, &recoll_conf, bytes)?;
            eprintln!(
                "   {:.2} s, {:.1} MB/s",
                v["secs"].as_f64().unwrap_or(0.0),
                v["mb_per_s"].as_f64().unwrap_or(0.0)
            );
            all.push(v);
        }
        r["index"]["recoll"] = median_run(all);
        r["commands"]["index_recoll"] = json!(format!(
            "recollindex -c {} (recoll.conf written by the run: topdirs = {}, stemming english, noaspell)",
            show(&recoll_conf),
            show(&data.join("recoll"))
        ));
    } else {
        skipped.push("recoll (recollcmd not installed)".into());
    }
    let dossier_mbs = r["index"]["dossier"]["mb_per_s"].as_f64().unwrap_or(0.0);
    let tantivy_mbs = r["index"]["tantivy"]["mb_per_s"].as_f64().unwrap_or(0.0);
    if ctx.perf && !ctx.profiled_index && dossier_mbs < INDEX_BUDGET_RATIO * tantivy_mbs {
        ctx.profiled_index = true;
        eprintln!("== {}: profile Dossier indexing (perf)", info.name);
        let tmp_out = out.join("dossier-profile");
        let args: Vec<String> = vec![
            "index".into(),
            "--engine".into(),
            "dossier".into(),
            "--data".into(),
            data.display().to_string(),
            "--out".into(),
            tmp_out.display().to_string(),
        ];
        if let Some(p) = profile(ctx, &args, &out.join("perf-index.data")) {
            let command = profile_command(&ctx.exe_shown, &args, false);
            if let Some(a) = r["profiles"].as_array_mut() {
                a.push(json!({"what": "indexing (CPU)", "top": p, "command": command}));
            }
        }
        let _ = std::fs::remove_dir_all(&tmp_out);
        if have("strace") {
            eprintln!(
                "== {}: system calls of Dossier indexing (strace)",
                info.name
            );
            if let Some(p) = syscall_profile(&ctx.exe, &args) {
                let command = profile_command(&ctx.exe_shown, &args, true);
                if let Some(a) = r["profiles"].as_array_mut() {
                    a.push(json!({"what": "indexing (system calls, wall time)", "top": p, "command": command}));
                }
            }
            let _ = std::fs::remove_dir_all(&tmp_out);
        }
    }

    // Queries.
    let timing = ctx.timing_args();
    for engine in ["dossier", "tantivy", "fts5"] {
        eprintln!("== {}: queries {engine}", info.name);
        let mut cmd = ctx.bench();
        cmd.args(["query", "--engine", engine, "--queries"])
            .arg(&ctx.queries)
            .arg("--out")
            .arg(out.join(engine))
            .args(&timing);
        r["query"][engine] = child_json(&mut cmd)?;
        r["commands"][format!("query_{engine}")] = json!(format!(
            "{} query --engine {engine} --out {} --queries {}",
            ctx.exe_shown,
            show(&out.join(engine)),
            show(&ctx.queries)
        ));
    }
    if recoll {
        eprintln!("== {}: queries recoll", info.name);
        let t = ctx.timing;
        let mut cmd = Command::new("/usr/bin/python3");
        cmd.arg("bench/recoll_query.py")
            .arg(&recoll_conf)
            .arg(&ctx.queries)
            .args([
                t.budget_ms.to_string(),
                t.min_iters.to_string(),
                t.max_iters.to_string(),
                t.warmup.to_string(),
            ]);
        match child_json(&mut cmd) {
            Ok(v) => r["query"]["recoll"] = v,
            Err(e) if ctx.smoke => skipped.push(format!("recoll queries ({e})")),
            Err(e) => return Err(e),
        }
        r["commands"]["query_recoll"] = json!(format!(
            "python3 bench/recoll_query.py {} {}",
            show(&recoll_conf),
            show(&ctx.queries)
        ));
    }
    if have("rg") {
        eprintln!("== {}: ripgrep full scans", info.name);
        r["query"]["rg"] = rg_queries(ctx, data, queries)?;
        r["commands"]["query_rg"] = json!(format!(
            "rg -i -c -P PATTERN {} (PATTERN from the rg column of {})",
            show(&data.join("passages.txt")),
            show(&ctx.queries)
        ));
    } else {
        skipped.push("ripgrep (not installed)".into());
    }
    // Pool every engine's samples, then keep only the percentiles.
    for key in ["dossier", "tantivy", "fts5", "recoll", "rg"] {
        let e = &mut r["query"][key];
        if e.is_null() {
            continue;
        }
        let (p50, p99) = (pooled_samples(e, 50.0), pooled_samples(e, 99.0));
        e["pooled_p50_us"] = json!(p50);
        e["pooled_p99_us"] = json!(p99);
        if let Some(qs) = e["queries"].as_array_mut() {
            for q in qs {
                if let Some(o) = q.as_object_mut() {
                    o.remove("samples_us");
                }
            }
        }
    }
    let pooled = pooled(&r["query"]["dossier"], 99.0);
    let budget = p99_budget_us(info.passages);
    let worst_p99 = r["query"]["dossier"]["queries"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|q| q["p99_us"].as_f64())
                .fold(0.0, f64::max)
        })
        .unwrap_or(0.0);
    if ctx.perf && (pooled > budget || worst_p99 > budget) {
        let worst = worst_query(&r["query"]["dossier"]);
        if let Some(name) = worst {
            eprintln!("== {}: profile Dossier query '{name}' (perf)", info.name);
            let mut args: Vec<String> = vec![
                "query".into(),
                "--engine".into(),
                "dossier".into(),
                "--queries".into(),
                ctx.queries.display().to_string(),
                "--out".into(),
                out.join("dossier").display().to_string(),
                "--only".into(),
                name.clone(),
            ];
            args.extend([
                "--budget-ms".into(),
                "5000".into(),
                "--max-iters".into(),
                "100000".into(),
            ]);
            if let Some(p) = profile(ctx, &args, &out.join("perf-query.data")) {
                let command = profile_command(&ctx.exe_shown, &args, false);
                if let Some(a) = r["profiles"].as_array_mut() {
                    a.push(
                        json!({"what": format!("query '{name}'"), "top": p, "command": command}),
                    );
                }
            }
        }
    }

    // A saved note → searchable.
    eprintln!("== {}: note saved → searchable", info.name);
    let iters = if ctx.smoke { "1" } else { "10" };
    r["note"] = child_json(
        ctx.bench()
            .args(["note", "--iters", iters, "--out"])
            .arg(out.join("dossier")),
    )?;
    if ctx.perf
        && !ctx.profiled_note
        && r["note"]["max_ms"].as_f64().unwrap_or(0.0) > NOTE_BUDGET_MS
    {
        ctx.profiled_note = true;
        eprintln!("== {}: profile Dossier note → searchable (perf)", info.name);
        let args: Vec<String> = vec![
            "note".into(),
            "--iters".into(),
            "10".into(),
            "--out".into(),
            out.join("dossier").display().to_string(),
        ];
        if let Some(p) = profile(ctx, &args, &out.join("perf-note.data")) {
            let command = profile_command(&ctx.exe_shown, &args, false);
            if let Some(a) = r["profiles"].as_array_mut() {
                a.push(json!({"what": "note saved → searchable (Notebook::sync)", "top": p, "command": command}));
            }
        }
    }
    r["commands"]["note"] = json!(format!(
        "{} note --out {}",
        ctx.exe_shown,
        show(&out.join("dossier"))
    ));

    // One command-line search, process start included.
    let cli_q = cli_query(&ctx.queries)?;
    if dossier_bin.exists() {
        r["cli"] = cli(
            ctx,
            dossier_bin,
            &out.join("dossier").join("notebook"),
            recoll.then_some(recoll_conf.as_path()),
            &cli_q,
            &mut skipped,
        )?;
        r["commands"]["cli"] = r["cli"]["command"].clone();
    } else {
        skipped.push(format!("command line ({} not built)", show(dossier_bin)));
    }
    r["skipped"] = json!(skipped);
    Ok(r)
}

fn cli_query(queries: &Path) -> Res<(String, String)> {
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(queries).map_err(|e| e.to_string())?)
            .map_err(|e| e.to_string())?;
    let d = v["cli"]["dossier"]
        .as_str()
        .unwrap_or("government")
        .to_string();
    let r = v["cli"]["recoll"].as_str().unwrap_or(&d).to_string();
    Ok((d, r))
}

fn time_rss(cmd: &[String]) -> Option<u64> {
    let out = Command::new("/usr/bin/time")
        .args(["-f", "BENCH_RSS_KB=%M"])
        .args(cmd)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stderr).lines().find_map(|l| {
        l.strip_prefix("BENCH_RSS_KB=")
            .and_then(|v| v.trim().parse().ok())
    })
}

fn cli(
    ctx: &Ctx,
    dossier: &Path,
    notebook: &Path,
    recoll: Option<&Path>,
    q: &(String, String),
    skipped: &mut Vec<String>,
) -> Res<Value> {
    let d_cmd = vec![
        dossier.display().to_string(),
        "-n".into(),
        notebook.display().to_string(),
        "search".into(),
        q.0.clone(),
        "--json".into(),
    ];
    let r_cmd: Option<Vec<String>> = recoll.map(|c| {
        vec![
            "recollq".into(),
            "-c".into(),
            c.display().to_string(),
            "-n".into(),
            "10".into(),
            "-A".into(),
            q.1.clone(),
        ]
    });
    let shown = |v: &[String]| -> String {
        v.iter()
            .map(|a| {
                let a = if Path::new(a).exists() {
                    show(Path::new(a))
                } else {
                    a.clone()
                };
                if a.contains(' ') || a.contains('"') {
                    format!("'{a}'")
                } else {
                    a
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out = json!({
        "dossier_rss_kb": time_rss(&d_cmd),
        "recoll_rss_kb": r_cmd.as_ref().and_then(|c| time_rss(c)),
    });
    if have("hyperfine") {
        let json_path =
            std::env::temp_dir().join(format!("dossier-bench-cli-{}.json", std::process::id()));
        // 200 runs each: enough for a p99 that is not the maximum.
        let runs = if ctx.smoke { "2" } else { "200" };
        let warmup = if ctx.smoke { "0" } else { "3" };
        let mut cmd = Command::new("hyperfine");
        cmd.args([
            "-N",
            "--style",
            "none",
            "--warmup",
            warmup,
            "--runs",
            runs,
            "--export-json",
        ])
        .arg(&json_path)
        .arg(shell_join(&d_cmd));
        if let Some(r) = &r_cmd {
            cmd.arg(shell_join(r));
        }
        // The program's own start-up, in the same run: PRODUCT.md's floor
        // for a search from a shell ("no more than 3×").
        let s_cmd = vec![dossier.display().to_string(), "--version".to_string()];
        cmd.arg(shell_join(&s_cmd));
        let status = cmd
            .stdout(Stdio::null())
            .status()
            .map_err(|e| format!("hyperfine: {e}"))?;
        if !status.success() {
            return Err("hyperfine failed (does `dossier search` or `recollq` fail?)".into());
        }
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(&json_path).map_err(|e| e.to_string())?)
                .map_err(|e| e.to_string())?;
        let _ = std::fs::remove_file(&json_path);
        let res = v["results"].as_array().cloned().unwrap_or_default();
        let pick = |i: usize| -> Value {
            res.get(i)
                .map(|x| json!({"median_ms": x["median"].as_f64().map(|s| s * 1e3), "p99_ms": x["times"].as_array().map(|a| percentile(&a.iter().filter_map(|t| t.as_f64()).map(|t| t * 1e3).collect::<Vec<_>>(), 99.0)), "mean_ms": x["mean"].as_f64().map(|s| s * 1e3), "stddev_ms": x["stddev"].as_f64().map(|s| s * 1e3), "runs": x["times"].as_array().map(|a| a.len())}))
                .unwrap_or(Value::Null)
        };
        out["dossier"] = pick(0);
        if r_cmd.is_some() {
            out["recoll"] = pick(1);
        }
        out["startup"] = pick(if r_cmd.is_some() { 2 } else { 1 });
        out["command"] = json!(format!(
            "hyperfine -N --warmup {warmup} --runs {runs} {}{} {}",
            shell_quote(&shown(&d_cmd)),
            r_cmd
                .as_ref()
                .map(|r| format!(" {}", shell_quote(&shown(r))))
                .unwrap_or_default(),
            shell_quote(&shown(&s_cmd))
        ));
    } else {
        skipped.push("hyperfine (not installed): no command-line timing".into());
    }
    Ok(out)
}

fn shell_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\\\""))
}

fn shell_join(v: &[String]) -> String {
    v.iter()
        .map(|a| {
            if a.is_empty() || a.contains([' ', '"', '\'', '\\']) {
                format!("'{}'", a.replace('\'', "'\\''"))
            } else {
                a.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn recoll_index(data: &Path, conf: &Path, bytes: u64) -> Res<Value> {
    if conf.exists() {
        std::fs::remove_dir_all(conf).map_err(|e| e.to_string())?;
    }
    std::fs::create_dir_all(conf).map_err(|e| e.to_string())?;
    let top = data
        .join("recoll")
        .canonicalize()
        .map_err(|e| e.to_string())?;
    let conf_abs = conf.canonicalize().map_err(|e| e.to_string())?;
    std::fs::write(
        conf.join("recoll.conf"),
        format!(
            "topdirs = {}\ndbdir = {}\nloglevel = 1\nnoaspell = 1\nindexStemmingLanguages = english\nidxflushmb = 50\n",
            top.display(),
            conf_abs.join("xapiandb").display()
        ),
    )
    .map_err(|e| e.to_string())?;
    let t = Instant::now();
    let out = Command::new("/usr/bin/time")
        .args(["-f", "BENCH_RSS_KB=%M", "recollindex", "-c"])
        .arg(&conf_abs)
        .stdout(Stdio::null())
        .output()
        .map_err(|e| format!("recollindex: {e}"))?;
    let secs = t.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(format!("recollindex failed: {stderr}"));
    }
    let rss: Option<u64> = stderr.lines().find_map(|l| {
        l.strip_prefix("BENCH_RSS_KB=")
            .and_then(|v| v.trim().parse().ok())
    });
    let index = du(&conf.join("xapiandb"));
    Ok(json!({
        "engine": "recoll",
        "secs": secs,
        "text_bytes": bytes,
        "mb_per_s": bytes as f64 / 1e6 / secs,
        "index_bytes": index,
        "sizes": {"index": index},
        "rss_kb": rss,
    }))
}

fn rg_queries(ctx: &Ctx, data: &Path, queries: &[BenchQuery]) -> Res<Value> {
    let file = data.join("passages.txt");
    let t = ctx.timing;
    // As many runs as the other engines get (their p99 is not a maximum
    // either); each scans the whole file, with ripgrep's default threads.
    let timing = Timing {
        warmup: t.warmup.min(1),
        min_iters: t.min_iters,
        max_iters: t.max_iters.max(t.min_iters),
        budget: std::time::Duration::from_millis(t.budget_ms),
    };
    let mut results = Vec::new();
    for q in queries {
        let Some(pattern) = q.rg.as_deref() else {
            continue;
        };
        // A fixed string where the query is one (a word: `-F -w`), so that
        // ripgrep takes its literal path; a PCRE2 pattern otherwise.
        let flags: &[&str] = if q.rg_fixed {
            &["-i", "-c", "-F", "-w"]
        } else {
            &["-i", "-c", "-P"]
        };
        let (samples, total, _) = engines::sample(timing, &mut || {
            let out = Command::new("rg")
                .args(flags)
                .arg("--")
                .arg(pattern)
                .arg(&file)
                .output()
                .map_err(|e| format!("rg: {e}"))?;
            if out.status.code() == Some(2) {
                return Err(format!(
                    "rg {pattern}: {}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            let n = String::from_utf8_lossy(&out.stdout)
                .trim()
                .parse()
                .unwrap_or(0);
            Ok((n, String::new()))
        })?;
        results.push(json!({
            "name": q.name,
            "command": format!("rg {} -- '{pattern}' passages.txt", flags.join(" ")),
            "p50_us": percentile(&samples, 50.0),
            "p99_us": percentile(&samples, 99.0),
            "samples": samples.len(),
            "samples_us": samples,
            "total": total,
        }));
    }
    Ok(json!({"engine": "rg", "queries": results}))
}

/// A percentile over every sample of every query an engine ran (as the run recorded it).
pub fn pooled(engine: &Value, p: f64) -> f64 {
    let key = if p == 50.0 {
        "pooled_p50_us"
    } else {
        "pooled_p99_us"
    };
    engine[key].as_f64().unwrap_or(f64::NAN)
}

fn pooled_samples(engine: &Value, p: f64) -> f64 {
    let samples: Vec<f64> = engine["queries"]
        .as_array()
        .map(|qs| {
            qs.iter()
                .flat_map(|q| {
                    q["samples_us"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default()
                        .into_iter()
                        .filter_map(|v| v.as_f64())
                })
                .collect()
        })
        .unwrap_or_default();
    percentile(&samples, p)
}

fn worst_query(engine: &Value) -> Option<String> {
    engine["queries"]
        .as_array()?
        .iter()
        .max_by(|a, b| {
            a["p99_us"]
                .as_f64()
                .unwrap_or(0.0)
                .total_cmp(&b["p99_us"].as_f64().unwrap_or(0.0))
        })
        .and_then(|q| q["name"].as_str().map(str::to_string))
}

/// Samples `exe args` under `perf record` (cpu-clock) and returns the top
/// of the flat profile (self time by shared object and symbol).
pub fn perf_profile(exe: &Path, args: &[String], data: &Path) -> Option<Vec<String>> {
    let status = Command::new("perf")
        .args(["record", "-q", "-e", "cpu-clock", "-F", "1999", "-o"])
        .arg(data)
        .arg("--")
        .arg(exe)
        .args(args)
        .stdout(Stdio::null())
        .status()
        .ok()?;
    if !status.success() {
        return None;
    }
    let out = Command::new("perf")
        .args([
            "report",
            "--stdio",
            "--no-children",
            "--sort",
            "dso,symbol",
            "--percent-limit",
            "1",
            "-i",
        ])
        .arg(data)
        .stderr(Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with('#') && l.contains('%'))
        .take(25)
        .map(|l| l.trim().chars().take(150).collect())
        .collect();
    let _ = std::fs::remove_file(data);
    Some(lines)
}

/// Runs `exe args` under `strace -f -c -w` and returns the summary: wall
/// time spent in each system call, where a process waits rather than computes.
pub fn syscall_profile(exe: &Path, args: &[String]) -> Option<Vec<String>> {
    let out = Command::new("strace")
        .args([
            "-f",
            "-c",
            "-w",
            "-S",
            "time",
            "-U",
            "name,time_percent,time_total,calls",
        ])
        .arg(exe)
        .args(args)
        .stdout(Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stderr);
    Some(
        text.lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with("---") && !l.starts_with("strace:"))
            .take(14)
            .map(|l| l.trim_end().to_string())
            .collect(),
    )
}

fn profile(ctx: &Ctx, args: &[String], data: &Path) -> Option<Vec<String>> {
    perf_profile(&ctx.exe, args, data)
}

/// The reproduce line of a profile.
pub fn profile_command(exe_shown: &str, args: &[String], strace: bool) -> String {
    let shown: Vec<String> = args.iter().map(|a| show_arg(a)).collect();
    format!(
        "{} {exe_shown} {}",
        if strace {
            "strace -f -c -w -S time"
        } else {
            "perf record -e cpu-clock -F 1999 --"
        },
        shown.join(" ")
    )
}

fn show_arg(a: &str) -> String {
    let a = if Path::new(a).is_absolute() {
        show(Path::new(a))
    } else {
        a.to_string()
    };
    if a.contains(' ') {
        format!("'{a}'")
    } else {
        a
    }
}

/// Profiles one Dossier measurement of a finished run (`what`: `query:NAME`,
/// `note`, `index`, `index-syscalls`), adds it to the results file and
/// writes the report again.
pub fn profile_after(
    cache: &Path,
    results: &Path,
    report: &Path,
    queries: &Path,
    scale: &str,
    what: &str,
) -> Res<()> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let exe_shown = show(&exe);
    let work = cache.join("sets");
    let data = work.join(scale);
    let out = work.join(format!("{scale}-out"));
    let tmp_out = out.join("dossier-profile");
    let s = |p: &Path| p.display().to_string();
    let (label, args, strace): (String, Vec<String>, bool) = match what {
        "note" => (
            "note saved → searchable (Notebook::sync)".into(),
            vec![
                "note".into(),
                "--iters".into(),
                "10".into(),
                "--out".into(),
                s(&out.join("dossier")),
            ],
            false,
        ),
        "index" | "index-syscalls" => (
            if what == "index" {
                "indexing (CPU)".into()
            } else {
                "indexing (system calls, wall time)".into()
            },
            vec![
                "index".into(),
                "--engine".into(),
                "dossier".into(),
                "--data".into(),
                s(&data),
                "--out".into(),
                s(&tmp_out),
            ],
            what == "index-syscalls",
        ),
        q => {
            let name = q.strip_prefix("query:").ok_or_else(|| {
                format!("'{q}': what is query:NAME, note, index or index-syscalls")
            })?;
            (
                format!("query '{name}'"),
                vec![
                    "query".into(),
                    "--engine".into(),
                    "dossier".into(),
                    "--queries".into(),
                    s(queries),
                    "--out".into(),
                    s(&out.join("dossier")),
                    "--only".into(),
                    name.into(),
                    "--budget-ms".into(),
                    "5000".into(),
                    "--max-iters".into(),
                    "100000".into(),
                ],
                false,
            )
        }
    };
    let top = if strace {
        syscall_profile(&exe, &args)
    } else {
        perf_profile(&exe, &args, &out.join("perf-profile.data"))
    }
    .ok_or_else(|| {
        format!(
            "profiling {what} failed (is perf/strace installed and the run's work folder there?)"
        )
    })?;
    let _ = std::fs::remove_dir_all(&tmp_out);
    let mut doc: Value = serde_json::from_str(
        &std::fs::read_to_string(results).map_err(|e| format!("{}: {e}", results.display()))?,
    )
    .map_err(|e| e.to_string())?;
    let sc = doc["scales"]
        .as_array_mut()
        .and_then(|a| a.iter_mut().find(|x| x["dataset"]["name"] == scale))
        .ok_or_else(|| format!("{}: no set named '{scale}'", results.display()))?;
    if !sc["profiles"].is_array() {
        sc["profiles"] = json!([]);
    }
    if let Some(a) = sc["profiles"].as_array_mut() {
        a.retain(|p| p["what"] != label.as_str());
        a.push(json!({
            "what": label,
            "top": top,
            "command": profile_command(&exe_shown, &args, strace),
            "after_run": true,
        }));
    }
    std::fs::write(
        results,
        serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    crate::report::write(results, report)
}

/// The 1-, 5- and 15-minute load averages.
pub(crate) fn loadavg() -> Option<String> {
    let s = std::fs::read_to_string("/proc/loadavg").ok()?;
    Some(s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

fn machine() -> Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split_once(':'))
        .map(|(_, m)| m.trim().to_string());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|v| v.parse::<u64>().ok())
        });
    json!({
        "cpu": model,
        "cores": std::thread::available_parallelism().map(|n| n.get()).ok(),
        "mem_gib": mem.map(|kb| (kb as f64 / 1048576.0 * 10.0).round() / 10.0),
        "kernel": first_line("uname", &["-r"]),
    })
}

fn tools() -> Value {
    json!({
        "tantivy": tantivy::version_string(),
        "sqlite": rusqlite::version(),
        "recoll": first_line("dpkg-query", &["-W", "-f", "${Version}", "recollcmd"]),
        "ripgrep": first_line("rg", &["--version"]),
        "hyperfine": first_line("hyperfine", &["--version"]),
        "rustc": first_line("rustc", &["--version"]),
    })
}

pub(crate) fn now_utc() -> String {
    first_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"]).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--keep-other-scales`: a set measured now replaces its old figures,
    /// the others stay in their places with their own date and commit.
    #[test]
    fn a_corpus_only_run_keeps_the_larger_sets() {
        let old =
            std::env::temp_dir().join(format!("dossier-bench-keep-{}.json", std::process::id()));
        let set = |name: &str, mbs: f64| json!({"dataset": {"name": name}, "index": {"dossier": {"mb_per_s": mbs}}});
        std::fs::write(
            &old,
            json!({"generated": "2026-01-01", "commit": "aaaa",
                   "scales": [set("corpus", 1.0), set("100k", 2.0), set("1M", 3.0)]})
            .to_string(),
        )
        .unwrap();
        let mut doc = json!({"generated": "2026-02-02", "commit": "bbbb",
                             "scales": [set("corpus", 9.0)]});
        keep_other_scales(&old, &mut doc);
        let _ = std::fs::remove_file(&old);
        let scales = doc["scales"].as_array().unwrap();
        let names: Vec<_> = scales
            .iter()
            .map(|s| s["dataset"]["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["corpus", "100k", "1M"]);
        assert_eq!(scales[0]["index"]["dossier"]["mb_per_s"], 9.0);
        assert!(scales[0]["kept"].is_null());
        assert_eq!(scales[1]["index"]["dossier"]["mb_per_s"], 2.0);
        assert_eq!(scales[1]["kept"], true);
        assert_eq!(scales[2]["generated"], "2026-01-01");
        assert_eq!(scales[2]["commit"], "aaaa");
    }
}
