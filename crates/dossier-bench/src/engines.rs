//! The in-process engines: Dossier (through its public API), raw tantivy
//! (same analyzer, title + body only), SQLite FTS5 (rusqlite, bundled,
//! `bm25` + `snippet()`), and for indexing only the floor (the least an
//! import keeping the notebook's layout does: raw tantivy's job plus the
//! files' copies and one SQLite row each). Each runs in a child process of the runner, so
//! that its peak RSS is its own.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dossier_core::{ImportOptions, Notebook};
use serde_json::{json, Value};
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{FuzzyTermQuery, Query, QueryParser, RegexQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value as _,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, TantivyDocument, Term};

use crate::corpus::{doc_files, load_passages};

pub type Res<T> = Result<T, String>;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Peak resident set size of this process, in KiB (Linux `VmHWM`).
pub fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

/// CPU time (user + system) of this process so far, in seconds.
pub fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start at ") ".
    let rest = stat.rsplit_once(") ")?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Bytes under a path.
/// The store's bytes by table and index, largest first (SQLite's `dbstat`),
/// the size lines' breakdown of where the store's room goes; empty when
/// the store cannot be read.
pub fn store_tables(db: &Path) -> Vec<(String, u64)> {
    let read = || -> rusqlite::Result<Vec<(String, u64)>> {
        let conn =
            rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let mut stmt = conn
            .prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC, name")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)?.max(0) as u64)))?
            .collect();
        rows
    };
    read().unwrap_or_default()
}

pub fn du(path: &Path) -> u64 {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return 0;
    };
    if meta.is_dir() {
        std::fs::read_dir(path)
            .map(|rd| rd.filter_map(|e| e.ok()).map(|e| du(&e.path())).sum())
            .unwrap_or(0)
    } else {
        meta.len()
    }
}

fn text_bytes(data: &Path) -> Res<u64> {
    let info: Value =
        serde_json::from_str(&std::fs::read_to_string(data.join("dataset.json")).map_err(err)?)
            .map_err(err)?;
    info["text_bytes"]
        .as_u64()
        .ok_or_else(|| "dataset.json has no text_bytes".into())
}

/// Indexes the dataset in `data` into a fresh `out` with one engine; the
/// figures as JSON.
pub fn index(engine: &str, data: &Path, out: &Path) -> Res<Value> {
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(err)?;
    }
    std::fs::create_dir_all(out).map_err(err)?;
    let bytes = text_bytes(data)?;
    let cpu0 = cpu_secs();
    let (secs, sizes) = match engine {
        "dossier" => index_dossier(data, out)?,
        "tantivy" => index_tantivy(data, out)?,
        "fts5" => index_fts5(data, out)?,
        "floor" => index_floor(data, out)?,
        other => return Err(format!("unknown engine '{other}'")),
    };
    Ok(json!({
        "engine": engine,
        "secs": secs,
        "text_bytes": bytes,
        "mb_per_s": bytes as f64 / 1e6 / secs,
        "sizes": sizes,
        "index_bytes": sizes["index"],
        "cpu_secs": cpu_secs().zip(cpu0).map(|(b, a)| b - a),
        "rss_kb": peak_rss_kb(),
    }))
}

/// Dossier: `Notebook::open` on an empty folder, then one `import` of the
/// dataset's files (read, checked, written to `sources/`, stored in SQLite,
/// indexed, one commit). Timed from open to the end of the import.
fn index_dossier(data: &Path, out: &Path) -> Res<(f64, Value)> {
    let nb_dir = out.join("notebook");
    std::fs::create_dir_all(&nb_dir).map_err(err)?;
    // The gazetteer: the notebook takes `entities.json` in when it opens.
    let entities = data.join("entities.json");
    if entities.exists() {
        std::fs::copy(&entities, nb_dir.join("entities.json")).map_err(err)?;
    }
    let t = Instant::now();
    let mut nb = Notebook::open(&nb_dir).map_err(err)?;
    let report = nb
        .import(&[data.join("docs")], &ImportOptions::default(), &mut |_| {})
        .map_err(err)?;
    let import_secs = t.elapsed().as_secs_f64();
    // The mention pass runs on sync (after an import: the next open or save).
    let t2 = Instant::now();
    nb.sync().map_err(err)?;
    let mentions_secs = t2.elapsed().as_secs_f64();
    let secs = t.elapsed().as_secs_f64();
    if !report.duplicates.is_empty() || !report.refused.is_empty() {
        return Err(format!(
            "dossier import: {} duplicates, {} refused",
            report.duplicates.len(),
            report.refused.len()
        ));
    }
    let state = nb_dir.join(".dossier");
    let index = du(&state.join("index"));
    let store = du(&state) - index;
    let sources = du(&nb_dir.join("sources"));
    let store_tables = store_tables(&state.join("dossier.db"));
    Ok((
        secs,
        json!({"index": index, "store": store, "source_files": sources, "store_tables": store_tables,
               "imported": report.imported.len(), "import_secs": import_secs, "mentions_secs": mentions_secs,
               "import_phases": report.timings.phases().iter().map(|(k, v)| ((*k).to_string(), json!(v))).collect::<serde_json::Map<_, _>>()}),
    ))
}

struct TantivyFields {
    title: Field,
    body: Field,
}

fn tantivy_schema() -> (Schema, TantivyFields) {
    let mut b = Schema::builder();
    let idx = TextFieldIndexing::default()
        .set_tokenizer(dossier_core::index::WORDS)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let title = b.add_text_field(
        "title",
        TextOptions::default().set_indexing_options(idx.clone()),
    );
    let body = b.add_text_field(
        "body",
        TextOptions::default()
            .set_indexing_options(idx)
            .set_stored(),
    );
    (b.build(), TantivyFields { title, body })
}

fn register(index: &Index) {
    index.tokenizers().register(
        dossier_core::index::WORDS,
        dossier_core::index::words_analyzer(),
    );
}

/// Raw tantivy: the passages from memory, the same analyzer and writer
/// budget as Dossier, one commit.
fn index_tantivy(data: &Path, out: &Path) -> Res<(f64, Value)> {
    let rows = load_passages(data)?;
    let dir = out.join("tantivy");
    std::fs::create_dir_all(&dir).map_err(err)?;
    let t = Instant::now();
    let writer = tantivy_job(&dir, &rows)?;
    let secs = t.elapsed().as_secs_f64();
    writer.wait_merging_threads().map_err(err)?;
    Ok((secs, json!({"index": du(&dir)})))
}

/// Raw tantivy's job: a new index in `dir` (same analyzer and writer
/// budget as Dossier), every row added, one commit. The writer is returned
/// so that the caller decides whether its time includes the merges.
fn tantivy_job(dir: &Path, rows: &[crate::corpus::Row]) -> Res<tantivy::IndexWriter> {
    let (schema, f) = tantivy_schema();
    let index = Index::create_in_dir(dir, schema).map_err(err)?;
    register(&index);
    let mut writer: tantivy::IndexWriter = index.writer(100_000_000).map_err(err)?;
    for r in rows {
        let mut doc = TantivyDocument::default();
        if let Some(title) = &r.title {
            doc.add_text(f.title, title);
        }
        doc.add_text(f.body, &r.body);
        writer.add_document(doc).map_err(err)?;
    }
    writer.commit().map_err(err)?;
    Ok(writer)
}

/// The floor: the least that any import keeping the notebook's layout
/// (PRODUCT.md: the sources as files of the notebook, the store in SQLite,
/// the index in tantivy) must do, with none of Dossier's own work. Every
/// file of the set is read (on every core), then, at once on threads of
/// their own: its copy written into a folder with Dossier's own batch
/// writer (`text::write_new_files`: staging folder, one `syncfs`, one
/// rename); one SQLite row per file naming it (one transaction, a prepared
/// statement, WAL, no other table or index: the text is kept once, in
/// tantivy's document store); and raw tantivy's job exactly (the passages
/// from memory, loaded before the clock starts; same schema, analyzer and
/// writer budget, the body stored). No hashing, passages, metadata,
/// plain field, mentions, quotes, dates or compression. Timed from the
/// first read to the last of the three. Its MB/s over raw tantivy's in the
/// same run is the most any such import can reach on this machine.
fn index_floor(data: &Path, out: &Path) -> Res<(f64, Value)> {
    let rows = load_passages(data)?;
    let paths = doc_files(data)?;
    let files_dir = out.join("files");
    let staging = out.join(".staging");
    let db_path = out.join("store.db");
    let dir = out.join("tantivy");
    std::fs::create_dir_all(&dir).map_err(err)?;
    let t = Instant::now();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let chunk = paths.len().div_ceil(threads).max(1);
    let texts: Vec<(String, Vec<u8>)> = std::thread::scope(|scope| {
        let parts: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || -> Res<Vec<(String, Vec<u8>)>> {
                    part.iter()
                        .map(|p| {
                            let name = p.file_name().unwrap_or_default().to_string_lossy();
                            Ok((format!("{name}.md"), std::fs::read(p).map_err(err)?))
                        })
                        .collect()
                })
            })
            .collect();
        let mut all = Vec::with_capacity(paths.len());
        for part in parts {
            all.extend(
                part.join()
                    .map_err(|_| "a reading thread panicked".to_string())??,
            );
        }
        Ok::<_, String>(all)
    })?;
    let read_secs = t.elapsed().as_secs_f64();
    let (files, store, index) = std::thread::scope(|scope| {
        let files = scope.spawn(|| {
            let t = Instant::now();
            dossier_core::text::write_new_files(&files_dir, &staging, &texts)
                .map(|_| t.elapsed().as_secs_f64())
                .map_err(err)
        });
        let store = scope.spawn(|| -> Res<f64> {
            let t = Instant::now();
            let mut db = rusqlite::Connection::open(&db_path).map_err(err)?;
            db.execute_batch(
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
                 CREATE TABLE sources(key INTEGER PRIMARY KEY, id TEXT NOT NULL);",
            )
            .map_err(err)?;
            let tx = db.transaction().map_err(err)?;
            {
                let mut stmt = tx
                    .prepare("INSERT INTO sources(id) VALUES (?1)")
                    .map_err(err)?;
                for (name, _) in &texts {
                    stmt.execute([name]).map_err(err)?;
                }
            }
            tx.commit().map_err(err)?;
            db.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
                .map_err(err)?;
            Ok(t.elapsed().as_secs_f64())
        });
        let index = (|| -> Res<f64> {
            let t = Instant::now();
            tantivy_job(&dir, &rows)?;
            Ok(t.elapsed().as_secs_f64())
        })();
        let join = |h: std::thread::ScopedJoinHandle<'_, Res<f64>>| {
            h.join().unwrap_or_else(|_| Err("a thread panicked".into()))
        };
        (join(files), join(store), index)
    });
    let secs = t.elapsed().as_secs_f64();
    // Each part's own wall time (they run at once, so they do not add up).
    let phases = json!({"read": read_secs, "files": files?, "store": store?, "index": index?});
    Ok((
        secs,
        json!({"index": du(&dir), "store": du(&db_path), "source_files": du(&files_dir), "phases": phases}),
    ))
}

/// SQLite FTS5: the passages from memory, one transaction, porter stemming.
fn index_fts5(data: &Path, out: &Path) -> Res<(f64, Value)> {
    let rows = load_passages(data)?;
    let path = out.join("fts5.db");
    let t = Instant::now();
    let mut db = rusqlite::Connection::open(&path).map_err(err)?;
    db.execute_batch(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;
         CREATE VIRTUAL TABLE p USING fts5(title, body,
             tokenize = 'porter unicode61 remove_diacritics 2');",
    )
    .map_err(|e| format!("SQLite FTS5 unavailable? {e}"))?;
    let tx = db.transaction().map_err(err)?;
    {
        let mut stmt = tx
            .prepare("INSERT INTO p(title, body) VALUES (?1, ?2)")
            .map_err(err)?;
        for r in &rows {
            stmt.execute(rusqlite::params![r.title.as_deref().unwrap_or(""), r.body])
                .map_err(err)?;
        }
    }
    tx.commit().map_err(err)?;
    // A bulk load ends with `optimize` (one b-tree per index, as FTS5's
    // documentation advises), which the timing includes.
    db.execute_batch("INSERT INTO p(p) VALUES('optimize'); PRAGMA wal_checkpoint(TRUNCATE);")
        .map_err(err)?;
    let secs = t.elapsed().as_secs_f64();
    drop(db);
    Ok((secs, json!({"index": du(&path)})))
}

/// One query of the committed set, for each engine (None: the engine has no
/// such query).
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize)]
pub struct BenchQuery {
    pub name: String,
    pub dossier: Option<String>,
    pub tantivy: Option<String>,
    pub fts5: Option<String>,
    pub recoll: Option<String>,
    pub rg: Option<String>,
    /// `rg` is a fixed string (a word), run with `-F -w` rather than as a
    /// PCRE2 pattern.
    #[serde(default)]
    pub rg_fixed: bool,
    /// Dossier, raw tantivy and SQLite FTS5 mean the same by this query, so
    /// they must count the same matches (checked by the smoke run).
    #[serde(default)]
    pub comparable: bool,
}

pub fn load_queries(path: &Path) -> Res<Vec<BenchQuery>> {
    let v: Value = serde_json::from_str(
        &std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?,
    )
    .map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_value(v["queries"].clone()).map_err(|e| format!("{}: {e}", path.display()))
}

/// How long to measure each query.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub warmup: usize,
    pub min_iters: usize,
    pub max_iters: usize,
    pub budget: Duration,
}

/// Runs `f` as `timing` says; the samples in microseconds.
pub fn sample(
    timing: Timing,
    f: &mut dyn FnMut() -> Res<(usize, String)>,
) -> Res<(Vec<f64>, usize, String)> {
    sample_first(timing, f).map(|(s, n, snip, _)| (s, n, snip))
}

/// [`sample`], and the time of the very first call (before any warm-up:
/// for the first query after an index is opened, its cold time).
pub fn sample_first(
    timing: Timing,
    f: &mut dyn FnMut() -> Res<(usize, String)>,
) -> Res<(Vec<f64>, usize, String, f64)> {
    let t = Instant::now();
    let mut last = f()?;
    let first_us = t.elapsed().as_secs_f64() * 1e6;
    for _ in 1..timing.warmup {
        last = f()?;
    }
    let mut samples = Vec::new();
    let start = Instant::now();
    while samples.len() < timing.max_iters
        && (samples.len() < timing.min_iters || start.elapsed() < timing.budget)
    {
        let t = Instant::now();
        last = f()?;
        samples.push(t.elapsed().as_secs_f64() * 1e6);
    }
    Ok((samples, last.0, last.1, first_us))
}

/// Nearest-rank percentile of samples.
pub fn percentile(samples: &[f64], p: f64) -> f64 {
    if samples.is_empty() {
        return f64::NAN;
    }
    let mut s = samples.to_vec();
    s.sort_by(|a, b| a.total_cmp(b));
    let rank = ((p / 100.0) * s.len() as f64).ceil() as usize;
    s[rank.clamp(1, s.len()) - 1]
}

fn query_result(name: &str, samples: &[f64], total: usize, snippet: String) -> Value {
    json!({
        "name": name,
        "p50_us": percentile(samples, 50.0),
        "p99_us": percentile(samples, 99.0),
        "samples": samples.len(),
        "samples_us": samples,
        "total": total,
        "snippet": snippet.chars().take(200).collect::<String>(),
    })
}

/// Opens an engine's index in `out` (as `index` left it) and times the
/// query set: top 10 with snippets.
pub fn query(
    engine: &str,
    out: &Path,
    queries: &[BenchQuery],
    only: Option<&str>,
    timing: Timing,
) -> Res<Value> {
    let queries: Vec<&BenchQuery> = queries
        .iter()
        .filter(|q| only.is_none_or(|o| o == q.name))
        .collect();
    let t = Instant::now();
    let mut results = Vec::new();
    // The first query after the index is opened, its first call: the cold row.
    let mut cold: Option<Value> = None;
    let mut note_cold = |name: &str, open_ms: f64, first_us: f64| {
        if cold.is_none() {
            cold = Some(json!({
                "query": name,
                "open_ms": open_ms,
                "first_us": first_us,
                "open_and_first_ms": open_ms + first_us / 1e3,
            }));
        }
    };
    match engine {
        "dossier" => {
            let nb = Notebook::open(out.join("notebook")).map_err(err)?;
            let open_ms = t.elapsed().as_secs_f64() * 1e3;
            for q in queries {
                let Some(text) = q.dossier.as_deref() else {
                    continue;
                };
                let (s, total, snip, first) = sample_first(timing, &mut || {
                    let r = nb.search(text, 10).map_err(err)?;
                    Ok((
                        r.total,
                        r.hits
                            .first()
                            .map(|h| h.snippet.clone())
                            .unwrap_or_default(),
                    ))
                })?;
                note_cold(&q.name, open_ms, first);
                results.push(query_result(&q.name, &s, total, snip));
            }
            return Ok(
                json!({"engine": engine, "open_ms": open_ms, "cold": cold, "queries": results, "rss_kb": peak_rss_kb()}),
            );
        }
        "tantivy" => {
            let index = Index::open_in_dir(out.join("tantivy")).map_err(err)?;
            register(&index);
            let (_, f) = tantivy_schema();
            let reader = index.reader().map_err(err)?;
            let open_ms = t.elapsed().as_secs_f64() * 1e3;
            let mut parser = QueryParser::for_index(&index, vec![f.title, f.body]);
            parser.set_conjunction_by_default();
            for q in queries {
                let Some(text) = q.tantivy.as_deref() else {
                    continue;
                };
                let (s, total, snip, first) = sample_first(timing, &mut || {
                    let searcher = reader.searcher();
                    let query: Box<dyn Query> =
                        match (text.strip_prefix('~'), text.strip_suffix('*')) {
                            (Some(word), _) => Box::new(FuzzyTermQuery::new(
                                Term::from_field_text(f.body, word),
                                1,
                                true,
                            )),
                            // A prefix: the query parser has none for one word.
                            (None, Some(word)) if !word.contains([' ', '"']) => Box::new(
                                RegexQuery::from_pattern(
                                    &format!("{}.*", word.to_lowercase()),
                                    f.body,
                                )
                                .map_err(err)?,
                            ),
                            _ => parser.parse_query(text).map_err(err)?,
                        };
                    let (top, total) = searcher
                        .search(&query, &(TopDocs::with_limit(10).order_by_score(), Count))
                        .map_err(err)?;
                    let generator =
                        SnippetGenerator::create(&searcher, &*query, f.body).map_err(err)?;
                    let mut first = String::new();
                    for (_, addr) in top {
                        let doc: TantivyDocument = searcher.doc(addr).map_err(err)?;
                        let body = doc.get_first(f.body).and_then(|v| v.as_str()).unwrap_or("");
                        let html = generator.snippet(body).to_html();
                        if first.is_empty() {
                            first = html;
                        }
                    }
                    Ok((total, first))
                })?;
                note_cold(&q.name, open_ms, first);
                results.push(query_result(&q.name, &s, total, snip));
            }
        }
        "fts5" => {
            let db = rusqlite::Connection::open(out.join("fts5.db")).map_err(err)?;
            let open_ms = t.elapsed().as_secs_f64() * 1e3;
            for q in queries {
                let Some(text) = q.fts5.as_deref() else {
                    continue;
                };
                let (s, total, snip, first) = sample_first(timing, &mut || {
                    let mut stmt = db
                        .prepare_cached(
                            "SELECT snippet(p, 1, '<mark>', '</mark>', '…', 24) FROM p
                             WHERE p MATCH ?1 ORDER BY bm25(p) LIMIT 10",
                        )
                        .map_err(err)?;
                    let snippets: Vec<String> = stmt
                        .query_map([text], |r| r.get::<_, String>(0))
                        .map_err(err)?
                        .collect::<Result<_, _>>()
                        .map_err(err)?;
                    Ok((
                        snippets.len(),
                        snippets.into_iter().next().unwrap_or_default(),
                    ))
                })?;
                // The timed query returns the top 10; the total is counted
                // once, outside the timing, as the other engines count theirs.
                let all: i64 = db
                    .query_row("SELECT count(*) FROM p WHERE p MATCH ?1", [text], |r| {
                        r.get(0)
                    })
                    .map_err(err)?;
                let total = usize::try_from(all).unwrap_or(total);
                note_cold(&q.name, open_ms, first);
                results.push(query_result(&q.name, &s, total, snip));
            }
        }
        other => return Err(format!("unknown engine '{other}'")),
    }
    Ok(json!({"engine": engine, "cold": cold, "queries": results, "rss_kb": peak_rss_kb()}))
}

/// A note saved → searchable, two ways. As the app saves it:
/// `Notebook::save_note` (atomic write, store, index commit), then search
/// until the note's unique word is found. As another program saves it: the
/// file written (temp file + rename), `Notebook::sync`, then search.
pub fn note_latency(out: &Path, iters: usize) -> Res<Value> {
    let root = out.join("notebook");
    let t = Instant::now();
    let mut nb = Notebook::open(&root).map_err(err)?;
    let open_ms = t.elapsed().as_secs_f64() * 1e3;
    let searchable = |nb: &Notebook, word: &str, t: Instant| -> Res<f64> {
        loop {
            if nb.search(word, 10).map_err(err)?.total > 0 {
                return Ok(t.elapsed().as_secs_f64() * 1e3);
            }
            if t.elapsed() > Duration::from_secs(10) {
                return Err(format!("note with '{word}' not searchable after 10 s"));
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    };
    let mut samples = Vec::new();
    let mut saved: Vec<String> = Vec::new();
    for i in 0..iters.max(1) {
        let word = format!("zqsaved{i}x{}", std::process::id());
        let note = nb
            .new_note(&format!("Bench probe {i} {}", std::process::id()))
            .map_err(err)?;
        saved.push(note.path.clone());
        let t = Instant::now();
        nb.save_note(
            &note.path,
            &format!("# Probe {i}\n\nThe word {word} is here.\n"),
            None,
        )
        .map_err(err)?;
        samples.push(searchable(&nb, &word, t)?);
    }
    for p in &saved {
        nb.delete_note(p).map_err(err)?;
    }
    let dir = root.join("bench-notes");
    std::fs::create_dir_all(&dir).map_err(err)?;
    let mut sync_samples = Vec::new();
    let mut written: Vec<PathBuf> = Vec::new();
    for i in 0..iters.max(1) {
        let word = format!("zqprobe{i}x{}", std::process::id());
        let path = dir.join(format!("probe-{i}.md"));
        let tmp = dir.join(format!(".probe-{i}.tmp"));
        std::fs::write(&tmp, format!("# Probe {i}\n\nThe word {word} is here.\n")).map_err(err)?;
        std::fs::rename(&tmp, &path).map_err(err)?;
        written.push(path);
        let t = Instant::now();
        nb.sync().map_err(err)?;
        sync_samples.push(searchable(&nb, &word, t)?);
    }
    for p in &written {
        std::fs::remove_file(p).map_err(err)?;
    }
    std::fs::remove_dir(&dir).map_err(err)?;
    nb.sync().map_err(err)?;

    // As another program saves it, with the app's watcher: the file written
    // (temp file + rename) into an existing folder; the engine's watcher
    // hands the changed paths to `sync_paths` (as the shell does); timed
    // from the rename until a search finds the note's word.
    let watch_dir = root.join("bench-watch");
    std::fs::create_dir_all(&watch_dir).map_err(err)?;
    nb.sync().map_err(err)?;
    let shared = std::sync::Arc::new(std::sync::Mutex::new(nb));
    let forward = std::sync::Arc::clone(&shared);
    let watcher = shared
        .lock()
        .map_err(err)?
        .watch(move |changes| {
            if let Ok(mut nb) = forward.lock() {
                let _ = match changes {
                    dossier_core::Changes::Paths(paths) => nb.sync_paths(&paths),
                    dossier_core::Changes::Rescan => nb.sync(),
                };
            }
        })
        .map_err(err)?;
    let mut watch_samples = Vec::new();
    let mut written: Vec<PathBuf> = Vec::new();
    for i in 0..iters.max(20) {
        let word = format!("zqwatched{i}x{}", std::process::id());
        let path = watch_dir.join(format!("watched-{i}.md"));
        let tmp = watch_dir.join(format!(".watched-{i}.tmp"));
        std::fs::write(&tmp, format!("# Watched {i}\n\nThe word {word} is here.\n"))
            .map_err(err)?;
        let t = Instant::now();
        std::fs::rename(&tmp, &path).map_err(err)?;
        written.push(path);
        loop {
            if shared
                .lock()
                .map_err(err)?
                .search(&word, 10)
                .map_err(err)?
                .total
                > 0
            {
                watch_samples.push(t.elapsed().as_secs_f64() * 1e3);
                break;
            }
            if t.elapsed() > Duration::from_secs(10) {
                return Err(format!(
                    "watched note with '{word}' not searchable after 10 s"
                ));
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }
    drop(watcher);
    for p in &written {
        std::fs::remove_file(p).map_err(err)?;
    }
    std::fs::remove_dir(&watch_dir).map_err(err)?;
    shared.lock().map_err(err)?.sync().map_err(err)?;
    Ok(json!({
        "watch_samples_ms": watch_samples,
        "watch_p50_ms": percentile(&watch_samples, 50.0),
        "watch_max_ms": watch_samples.iter().cloned().fold(0.0, f64::max),
        "open_ms": open_ms,
        "samples_ms": samples,
        "sync_samples_ms": sync_samples,
        "p50_ms": percentile(&samples, 50.0),
        "max_ms": samples.iter().cloned().fold(0.0, f64::max),
        "sync_p50_ms": percentile(&sync_samples, 50.0),
        "rss_kb": peak_rss_kb(),
    }))
}
