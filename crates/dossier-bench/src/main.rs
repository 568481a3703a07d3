//! `dossier-bench`: Dossier against raw tantivy, SQLite FTS5, Recoll and
//! ripgrep on the same text. `make bench` runs `dossier-bench run`, which
//! builds the datasets, runs each engine in a child process (`index`,
//! `query`, `note`), and writes `BENCHMARKS.md` from the figures
//! (`report`). `make bench-smoke` runs the same path on a tiny generated
//! corpus, one iteration, and fails when any step fails.

mod app;
mod corpus;
mod engines;
mod features;
mod network;
mod report;
mod run;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "dossier-bench",
    about = "Benchmarks of the Dossier engine against its peers."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build datasets, measure every engine, write the report.
    Run(run::RunArgs),
    /// Write a dataset folder (docs/, recoll/, passages.txt, dataset.json).
    Dataset {
        /// The folder the corpora were unpacked to (bench/fetch.sh); without it, generated text.
        #[arg(long)]
        from: Option<PathBuf>,
        /// Generated documents, when there is no --from.
        #[arg(long, default_value_t = 300)]
        synthetic: usize,
        /// Passages to reach by replication (all documents once when absent).
        #[arg(long)]
        passages: Option<usize>,
        #[arg(long, default_value_t = 1)]
        bundle: usize,
        #[arg(long)]
        out: PathBuf,
    },
    /// Index a dataset with one engine (dossier, tantivy, fts5, or floor: the
    /// least an import keeping the notebook's layout does); prints JSON.
    Index {
        #[arg(long)]
        engine: String,
        #[arg(long)]
        data: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Time the query set on an index made by `index`; prints JSON.
    Query {
        #[arg(long)]
        engine: String,
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value = "bench/queries.json")]
        queries: PathBuf,
        /// Only the query of this name.
        #[arg(long)]
        only: Option<String>,
        #[command(flatten)]
        timing: TimingArgs,
        /// Merge the rows of the queries run into this results file (the
        /// set's rows of this engine, each with the date, commit, command
        /// and load average) and rewrite the report, instead of printing them.
        #[arg(long)]
        results: Option<PathBuf>,
        /// The set the index was made from, as named in the results.
        #[arg(long, default_value = "corpus")]
        set: String,
        #[arg(long, default_value = "BENCHMARKS.md")]
        report: PathBuf,
    },
    /// A saved note → searchable, in ms, on a notebook made by `index --engine dossier`.
    Note {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 10)]
        iters: usize,
        /// Merge the figures into this results file (the set's `note`, the
        /// date, commit and load average with them) and rewrite the report,
        /// instead of printing them.
        #[arg(long)]
        results: Option<PathBuf>,
        /// The set the notebook was made from, as named in the results.
        #[arg(long, default_value = "corpus")]
        set: String,
        #[arg(long, default_value = "BENCHMARKS.md")]
        report: PathBuf,
    },
    /// Mention finding, re-anchoring and Markdown preview on a dataset; prints
    /// JSON, or with --results merges it into a results file and rewrites the report.
    Features {
        #[arg(long)]
        data: PathBuf,
        /// Scratch folder (names file, a small notebook).
        #[arg(long)]
        scratch: PathBuf,
        /// Smaller counts, one run.
        #[arg(long)]
        smoke: bool,
        /// Only one measure: mentions, reanchor or preview.
        #[arg(long)]
        only: Option<String>,
        /// Merge into this results file (as `features`) instead of printing.
        #[arg(long)]
        results: Option<PathBuf>,
        #[arg(long, default_value = "BENCHMARKS.md")]
        report: PathBuf,
    },
    /// The entity network of a synthetic notebook of N sources: opens it and
    /// times `Notebook::network` (what the app's network view asks for).
    Network {
        /// Scratch folder; the notebook is made in it as network-N.
        #[arg(long)]
        scratch: PathBuf,
        #[arg(long, default_value_t = 1000)]
        sources: usize,
        #[arg(long, default_value_t = 400)]
        entities: usize,
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// Profile one Dossier measurement of a finished run (perf, or strace for
    /// system calls), add it to the results and write the report again.
    Profile {
        #[arg(long, default_value = "bench/cache")]
        cache: PathBuf,
        #[arg(long, default_value = "bench/results.json")]
        results: PathBuf,
        #[arg(long, default_value = "BENCHMARKS.md")]
        report: PathBuf,
        #[arg(long, default_value = "bench/queries.json")]
        queries: PathBuf,
        /// The set, as named in the results (corpus, 100k, 1M).
        #[arg(long)]
        scale: String,
        /// query:NAME, note, index or index-syscalls.
        #[arg(long)]
        what: String,
    },
    /// The desktop app's launch (spawn to painted notebook) and the memory
    /// of all its processes, over several launches; needs a display.
    App {
        /// The app binary (the release build of `tauri build`).
        #[arg(long, default_value = "target/release/dossier-app")]
        bin: PathBuf,
        /// The bare window (`cargo build --release -p dossier-app --example
        /// bare --features custom-protocol,bare-window`), timed in turn with
        /// the app as the peer of its launch on this machine.
        #[arg(long)]
        bare: Option<PathBuf>,
        #[arg(long, default_value = "notes")]
        notebook: PathBuf,
        /// Scratch folder: the notebook's copy and the app's settings and caches.
        #[arg(long, default_value = "bench/cache/app")]
        scratch: PathBuf,
        #[arg(long, default_value_t = 15)]
        runs: usize,
        /// Merge into this results file (as `app`) and rewrite the report,
        /// instead of printing.
        #[arg(long)]
        results: Option<PathBuf>,
        #[arg(long, default_value = "BENCHMARKS.md")]
        report: PathBuf,
    },
    /// Write the report from a results file.
    Report {
        #[arg(long, default_value = "bench/results.json")]
        results: PathBuf,
        #[arg(long, default_value = "BENCHMARKS.md")]
        out: PathBuf,
    },
}

#[derive(clap::Args, Clone, Copy, Debug)]
pub struct TimingArgs {
    /// Time spent on each query (after the minimum number of runs).
    #[arg(long, default_value_t = 2000)]
    budget_ms: u64,
    /// At least this many timed runs of each query, for every engine, so
    /// that a p99 is not the maximum of a handful.
    #[arg(long, default_value_t = 200)]
    min_iters: usize,
    #[arg(long, default_value_t = 1000)]
    max_iters: usize,
    #[arg(long, default_value_t = 3)]
    warmup: usize,
}

impl TimingArgs {
    fn timing(self) -> engines::Timing {
        engines::Timing {
            warmup: self.warmup,
            min_iters: self.min_iters,
            max_iters: self.max_iters.max(1),
            budget: Duration::from_millis(self.budget_ms),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run::run(&args),
        Command::Dataset {
            from,
            synthetic,
            passages,
            bundle,
            out,
        } => (|| {
            let docs = match from {
                Some(dir) => corpus::load_real(&dir)?,
                None => corpus::synthetic(synthetic),
            };
            let name = out
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let info = corpus::build(&docs, &name, passages, bundle, &out)?;
            println!(
                "{}",
                serde_json::to_string_pretty(&info).map_err(|e| e.to_string())?
            );
            Ok(())
        })(),
        Command::Index { engine, data, out } => {
            engines::index(&engine, &data, &out).map(|v| println!("{v}"))
        }
        Command::Query {
            engine,
            out,
            queries,
            only,
            timing,
            results,
            set,
            report,
        } => engines::load_queries(&queries)
            .and_then(|qs| engines::query(&engine, &out, &qs, only.as_deref(), timing.timing()))
            .and_then(|v| match results {
                Some(r) => {
                    let command = format!(
                        "dossier-bench query --engine {engine} --out {}{} --set {set} --results {}",
                        out.display(),
                        only.as_deref()
                            .map(|o| format!(" --only '{o}'"))
                            .unwrap_or_default(),
                        r.display()
                    );
                    run::merge_query(&r, &report, &set, &engine, &command, v)
                }
                None => {
                    println!("{v}");
                    Ok(())
                }
            }),
        Command::Note {
            out,
            iters,
            results,
            set,
            report,
        } => engines::note_latency(&out, iters).and_then(|v| match results {
            Some(r) => {
                let command = format!(
                    "dossier-bench note --out {} --iters {iters} --set {set} --results {}",
                    out.display(),
                    r.display()
                );
                run::merge_note(&r, &report, &set, &command, v)
            }
            None => {
                println!("{v}");
                Ok(())
            }
        }),
        Command::Features {
            data,
            scratch,
            smoke,
            only,
            results,
            report,
        } => features::measure(&features::FeatureArgs {
            data: &data,
            scratch: &scratch,
            smoke,
            only: only.as_deref(),
        })
        .and_then(|mut v| match results {
            Some(r) => {
                v["set"] = serde_json::json!(data
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default());
                v["command"] = serde_json::json!(format!(
                    "dossier-bench features --data {} --scratch {}{} --results {}",
                    data.display(),
                    scratch.display(),
                    if smoke { " --smoke" } else { "" },
                    r.display()
                ));
                run::merge_features(&r, &report, v)
            }
            None => {
                println!("{v}");
                Ok(())
            }
        }),
        Command::Network {
            scratch,
            sources,
            entities,
            runs,
        } => network::measure(&scratch, sources, entities, runs).map(|v| println!("{v}")),
        Command::App {
            bin,
            bare,
            notebook,
            scratch,
            runs,
            results,
            report,
        } => app::measure(&app::AppArgs {
            bin: &bin,
            bare: bare.as_deref(),
            notebook: &notebook,
            scratch: &scratch,
            runs,
            settle: Duration::from_millis(1500),
            timeout: Duration::from_secs(60),
        })
        .and_then(|mut v| match results {
            Some(r) => {
                v["command"] = serde_json::json!(format!(
                    "dossier-bench app --bin {}{} --notebook {} --runs {runs}",
                    bin.display(),
                    bare.as_ref()
                        .map(|b| format!(" --bare {}", b.display()))
                        .unwrap_or_default(),
                    notebook.display()
                ));
                run::merge_section(&r, &report, "app", v)
            }
            None => {
                println!("{v}");
                Ok(())
            }
        }),
        Command::Report { results, out } => report::write(&results, &out),
        Command::Profile {
            cache,
            results,
            report,
            queries,
            scale,
            what,
        } => run::profile_after(&cache, &results, &report, &queries, &scale, &what),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dossier-bench: {e}");
            ExitCode::FAILURE
        }
    }
}
