//! The figures other issues ask for, each measured on the benchmark's real
//! text and beside the plainest thing that does the same job:
//!
//! - **mention finding**: `Gazetteer::find` (what `update_mentions` runs on
//!   every source and note) with 10,000 names, in MB/s, beside a bare
//!   Aho–Corasick automaton over the same names and `rg -F -i -f`;
//! - **re-anchoring**: `anchor::reanchor_all` of 10,000 annotations on one
//!   long source after an edit (a paragraph inserted, one deleted, words
//!   changed), with the statuses it gave;
//! - **Markdown preview**: `Notebook::render_markdown` (pulldown-cmark, wiki
//!   links resolved against the store, the allow-list) of a 100 KB note, beside
//!   bare pulldown-cmark;
//! - **quote finding**: `dossier_text::quotes::find_quotes` (what every
//!   source's quotes are found with, speakers matched against 1,000 names)
//!   in MB/s, beside a bare scan that only pairs quotation marks.
//!
//! Runs in its own child process (`dossier-bench features`), so its RSS is its own.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use aho_corasick::{AhoCorasickBuilder, MatchKind};
use dossier_core::{ImportOptions, NewAnnotation, Notebook};
use dossier_text::anchor::{reanchor_all, selector_at, AnchorStatus, CharText};
use dossier_text::gazetteer::{Gazetteer, Name};
use serde_json::{json, Value};

use crate::corpus::doc_files;
use crate::engines::{peak_rss_kb, percentile, Res};

// The budgets of PRODUCT.md.
pub const MENTIONS_BUDGET_MBS: f64 = 200.0;
pub const REANCHOR_BUDGET_MS: f64 = 50.0;
pub const PREVIEW_BUDGET_MS: f64 = 5.0;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// A small deterministic generator, so every run measures the same spans.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

fn median(v: &[f64]) -> f64 {
    percentile(v, 50.0)
}

pub struct FeatureArgs<'a> {
    pub data: &'a Path,
    pub scratch: &'a Path,
    pub smoke: bool,
    /// Only this measure (mentions, reanchor, preview), for profiling.
    pub only: Option<&'a str>,
}

pub fn measure(args: &FeatureArgs<'_>) -> Res<Value> {
    let mut texts = Vec::new();
    for p in doc_files(args.data)? {
        let bytes = std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
        texts.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    if texts.is_empty() {
        return Err(format!(
            "{}: the dataset has no documents",
            args.data.display()
        ));
    }
    std::fs::create_dir_all(args.scratch).map_err(err)?;
    let runs = if args.smoke { 1 } else { 5 };
    let want = |m: &str| args.only.is_none_or(|o| o == m);
    let mentions = if want("mentions") {
        mentions(&texts, args, runs)?
    } else {
        Value::Null
    };
    let reanchor = if want("reanchor") {
        reanchor(&texts, if args.smoke { 1_000 } else { 10_000 }, runs)?
    } else {
        Value::Null
    };
    let preview = if want("preview") {
        preview(&texts, args, if args.smoke { 3 } else { 50 })?
    } else {
        Value::Null
    };
    let quotes = if want("quotes") {
        quotes(&texts, runs)?
    } else {
        Value::Null
    };
    Ok(json!({
        "mentions": mentions,
        "reanchor": reanchor,
        "preview": preview,
        "quotes": quotes,
        "rss_kb": peak_rss_kb(),
    }))
}

/// Names as a user's gazetteer would hold them: runs of capitalised words
/// found in the text itself (people, places, organisations, titles), the
/// most frequent first.
pub fn names_from(texts: &[String], want: usize) -> Vec<String> {
    let mut counts: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for t in texts {
        let mut run: Vec<&str> = Vec::new();
        let mut sentence_start = true;
        for raw in t.split_whitespace() {
            let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
            let capital = word.chars().count() >= 2
                && word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().all(char::is_alphabetic);
            if capital && !(sentence_start && run.is_empty()) {
                run.push(word);
            } else if !run.is_empty() {
                *counts.entry(run.join(" ")).or_default() += 1;
                run.clear();
            }
            let ends = raw.ends_with(['.', '!', '?', ':']);
            if !run.is_empty() && (ends || raw.ends_with(',') || run.len() == 4) {
                *counts.entry(run.join(" ")).or_default() += 1;
                run.clear();
            }
            sentence_start = ends;
        }
        if !run.is_empty() {
            *counts.entry(run.join(" ")).or_default() += 1;
        }
    }
    // A single word the text also writes in lower case ("The", "He") is a
    // sentence start, not a name: the suggester drops those too.
    let mut lower: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for t in texts {
        for w in t.split(|c: char| !c.is_alphabetic()) {
            if w.chars().next().is_some_and(char::is_lowercase) {
                lower.insert(w);
            }
        }
    }
    counts.retain(|name, _| name.contains(' ') || !lower.contains(name.to_lowercase().as_str()));
    let mut all: Vec<(String, usize)> = counts.into_iter().collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut names: Vec<String> = all.into_iter().take(want).map(|(n, _)| n).collect();
    // A small corpus (the smoke run) has fewer: its frequent words,
    // capitalised, then made-up names fill the automaton.
    if names.len() < want {
        let mut words: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for t in texts {
            for w in t.split(|c: char| !c.is_alphabetic()) {
                if w.len() >= 4 && w.chars().all(|c| c.is_ascii_lowercase()) {
                    *words.entry(w).or_default() += 1;
                }
            }
        }
        let mut words: Vec<(&str, usize)> = words.into_iter().collect();
        words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let have: std::collections::HashSet<String> =
            names.iter().map(|n| n.to_lowercase()).collect();
        for (w, _) in words {
            if names.len() >= want {
                break;
            }
            if !have.contains(w) {
                let mut c = w.chars();
                let first = c.next().map(|f| f.to_ascii_uppercase()).unwrap_or('X');
                names.push(format!("{first}{}", c.as_str()));
            }
        }
    }
    let mut i = 0;
    while names.len() < want {
        names.push(format!("Zarnov{i} Quellbrand"));
        i += 1;
    }
    names
}

fn mentions(texts: &[String], args: &FeatureArgs<'_>, runs: usize) -> Res<Value> {
    let names = names_from(texts, 10_000);
    let bytes: usize = texts.iter().map(String::len).sum();
    let t = Instant::now();
    let gz = Gazetteer::new(
        &names
            .iter()
            .enumerate()
            .map(|(i, n)| Name {
                entity: i as i64,
                text: n.clone(),
            })
            .collect::<Vec<_>>(),
    );
    let build_ms = ms(t);
    // Each way of finding, `runs` times: (seconds of each run, matches).
    let timed = |find: &dyn Fn() -> usize| {
        let mut secs = Vec::with_capacity(runs);
        let mut found = 0;
        for _ in 0..runs {
            let t = Instant::now();
            found = find();
            secs.push(t.elapsed().as_secs_f64());
        }
        (secs, found)
    };
    // What `update_mentions` runs: the texts shared among the cores; and
    // one thread, text after text. The two take turns, run after run, so
    // that other programs' load falls on both alike; a run is short, so
    // there are three times as many of them as of the other measures.
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let (mut dossier, mut one) = (Vec::new(), Vec::new());
    let (mut found, mut one_found) = (0, 0);
    let once = |find: &dyn Fn() -> usize| {
        let t = Instant::now();
        let n = find();
        (t.elapsed().as_secs_f64(), n)
    };
    for _ in 0..runs * 3 {
        let (s, n) = once(&|| gz.find_many(&refs).iter().map(Vec::len).sum());
        dossier.push(s);
        found = n;
        let (s, n) = once(&|| texts.iter().map(|x| gz.find(x).len()).sum());
        one.push(s);
        one_found = n;
    }
    if one_found != found {
        return Err(format!(
            "find_many found {found} mentions, find one by one {one_found}"
        ));
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    // The same names in one bare automaton, ASCII case folded, on the raw text.
    let ac = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .ascii_case_insensitive(true)
        .build(&names)
        .map_err(err)?;
    let (bare, bare_found) = timed(&|| texts.iter().map(|x| ac.find_iter(x).count()).sum());
    // The same automaton on as many threads as `find_many` uses, the texts
    // shared out in interleaved turns (as even in bytes as it gets cheaply).
    let (bare_threads, bare_threads_found) = timed(&|| {
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|k| {
                    let ac = &ac;
                    scope.spawn(move || {
                        texts
                            .iter()
                            .skip(k)
                            .step_by(threads)
                            .map(|x| ac.find_iter(x).count())
                            .sum::<usize>()
                    })
                })
                .collect();
            workers.into_iter().map(|w| w.join().unwrap_or(0)).sum()
        })
    });
    if bare_threads_found != bare_found {
        return Err(format!(
            "aho-corasick found {bare_found} on one thread, {bare_threads_found} on {threads}"
        ));
    }
    let mbs = |secs: &[f64]| bytes as f64 / 1e6 / median(secs);
    // ripgrep over the same documents, the names as fixed strings.
    let names_file = args.scratch.join("names.txt");
    std::fs::write(&names_file, names.join("\n") + "\n").map_err(err)?;
    let docs = args.data.join("docs");
    let mut rg = Vec::new();
    let mut rg_note = None;
    // One run: with thousands of case-folded names ripgrep takes minutes.
    for _ in 0..1 {
        let t = Instant::now();
        match Command::new("rg")
            .args(["-F", "-i", "-c", "--no-messages", "-f"])
            .arg(&names_file)
            .arg(&docs)
            .output()
        {
            Ok(o) if o.status.code().is_some_and(|c| c <= 1) => rg.push(t.elapsed().as_secs_f64()),
            Ok(o) => {
                rg_note = Some(format!("rg exited with {}", o.status));
                break;
            }
            Err(e) => {
                rg_note = Some(format!("rg: {e}"));
                break;
            }
        }
    }
    Ok(json!({
        "names": names.len(),
        "documents": texts.len(),
        "bytes": bytes,
        "build_ms": build_ms,
        "found": found,
        "dossier_mbs": mbs(&dossier),
        "dossier_s": dossier,
        "threads": threads,
        "one_thread_mbs": mbs(&one),
        "one_thread_s": one,
        "bare_found": bare_found,
        "bare_mbs": mbs(&bare),
        "bare_threads_mbs": mbs(&bare_threads),
        "rg_mbs": (!rg.is_empty()).then(|| mbs(&rg)),
        "rg_note": rg_note,
        "budget_mbs": MENTIONS_BUDGET_MBS,
        "command": format!("rg -F -i -c -f names.txt {}", docs.display()),
    }))
}

/// Quote finding over every document, with 1,000 of the corpus's names as
/// known entities (speakers are matched against them), beside a scan that
/// only pairs opening and closing quotation marks.
fn quotes(texts: &[String], runs: usize) -> Res<Value> {
    use dossier_text::quotes::{find_quotes, KnownName, NameKind, QuoteFinder, QuoteKind};
    let names = names_from(texts, 1_000);
    let known: Vec<KnownName<'_>> = names
        .iter()
        .map(|n| KnownName {
            entity: n,
            names: vec![n.as_str()],
            kind: NameKind::Other,
        })
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let (mut secs, mut bare, mut alone) = (Vec::new(), Vec::new(), Vec::new());
    let (mut found, mut direct, mut with_speaker, mut pairs) = (0, 0, 0, 0);
    let mut alone_found = 0;
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let (mut n, mut d, mut s) = (0, 0, 0);
        // As the engine does: the names indexed once for all sources.
        let finder = QuoteFinder::new(&known);
        for x in texts {
            for q in finder.find(x) {
                n += 1;
                d += usize::from(q.kind == QuoteKind::Direct);
                s += usize::from(q.speaker.is_some());
            }
        }
        secs.push(t.elapsed().as_secs_f64());
        (found, direct, with_speaker) = (n, d, s);
        // The same with no known names: what the text alone costs.
        let t = Instant::now();
        alone_found = texts.iter().map(|x| find_quotes(x, &[]).len()).sum();
        alone.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        pairs = texts.iter().map(|x| mark_pairs(x)).sum();
        bare.push(t.elapsed().as_secs_f64());
    }
    let mbs = |s: &[f64]| bytes as f64 / 1e6 / median(s);
    Ok(json!({
        "documents": texts.len(),
        "bytes": bytes,
        "names": names.len(),
        "found": found,
        "direct": direct,
        "with_speaker": with_speaker,
        "dossier_mbs": mbs(&secs),
        "dossier_s": secs,
        "no_names_mbs": mbs(&alone),
        "no_names_found": alone_found,
        "bare_pairs": pairs,
        "bare_mbs": mbs(&bare),
    }))
}

/// Pairs of quotation marks ("…", “…”, «…», „…“) in a text, each opening
/// mark closed by the next closing one: the plainest quote finder.
fn mark_pairs(text: &str) -> usize {
    let (mut open, mut n) = (false, 0);
    for c in text.chars() {
        match c {
            '"' => {
                n += usize::from(open);
                open = !open;
            }
            '\u{201c}' | '\u{ab}' | '\u{201e}' if !open => open = true,
            '\u{201d}' | '\u{bb}' | '\u{201c}' if open => {
                n += 1;
                open = false;
            }
            _ => {}
        }
    }
    n
}

/// One long source made of the corpus's paragraphs, 10,000 highlights on
/// it, and an edit: a paragraph inserted near the start, one deleted in the
/// middle, and one word changed in every 25th paragraph.
fn reanchor(texts: &[String], count: usize, runs: usize) -> Res<Value> {
    let want_chars = count * 100;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut chars = 0;
    'outer: for t in texts {
        for p in t.split("\n\n").map(str::trim).filter(|p| p.len() > 40) {
            chars += p.chars().count() + 2;
            paragraphs.push(p.replace('\n', " "));
            if chars >= want_chars {
                break 'outer;
            }
        }
    }
    let old = paragraphs.join("\n\n");
    let text = CharText::new(&old);
    let n = text.len();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut selectors = Vec::with_capacity(count);
    while selectors.len() < count {
        let start = rng.below(n.saturating_sub(130));
        let len = 20 + rng.below(100);
        let s = text.slice(start, start + len);
        if s.trim().len() < 15 {
            continue;
        }
        selectors.push(selector_at(&text, start, start + len));
    }
    let mut edited = paragraphs.clone();
    let mid = edited.len() / 2;
    edited.remove(mid);
    for (i, p) in edited.iter_mut().enumerate() {
        if i % 25 == 7 {
            if let Some(w) = p.split_whitespace().nth(3).map(str::to_string) {
                *p = p.replacen(&w, &format!("{w}x"), 1);
            }
        }
    }
    edited.insert(
        edited.len() / 10,
        "An editor's note added after publication, which moves everything after it.".into(),
    );
    let new = edited.join("\n\n");
    let mut samples = Vec::new();
    let mut statuses = std::collections::BTreeMap::<&str, usize>::new();
    for _ in 0..runs {
        let t = Instant::now();
        let out = reanchor_all(Some(&old), &new, &selectors);
        samples.push(ms(t));
        statuses.clear();
        for a in &out {
            *statuses.entry(a.status.as_str()).or_default() += 1;
        }
        // Every exact or moved anchor must hold its quote.
        let nt = CharText::new(&new);
        for (a, s) in out.iter().zip(&selectors) {
            if matches!(a.status, AnchorStatus::Exact | AnchorStatus::Moved)
                && nt.slice(a.start, a.end) != s.exact
            {
                return Err(format!(
                    "re-anchoring: an anchor marked {} does not hold its quote",
                    a.status.as_str()
                ));
            }
        }
    }
    Ok(json!({
        "annotations": count,
        "source_chars": n,
        "paragraphs": paragraphs.len(),
        "median_ms": median(&samples),
        "max_ms": samples.iter().cloned().fold(0.0, f64::max),
        "samples_ms": samples,
        "statuses": statuses,
        "budget_ms": REANCHOR_BUDGET_MS,
    }))
}

/// A 100 KB analysis note (headings, paragraphs of the corpus, lists,
/// emphasis, web links, wiki links to notes and entities, passage embeds,
/// a table and footnotes) rendered in a real notebook.
fn preview(texts: &[String], args: &FeatureArgs<'_>, runs: usize) -> Res<Value> {
    let root = args.scratch.join("preview-notebook");
    if root.exists() {
        std::fs::remove_dir_all(&root).map_err(err)?;
    }
    std::fs::create_dir_all(root.join("incoming")).map_err(err)?;
    let src_text: String = texts
        .iter()
        .find(|t| t.len() > 2000)
        .cloned()
        .unwrap_or_else(|| texts.join("\n\n"));
    let src_file = root.join("incoming").join("source.txt");
    std::fs::write(&src_file, &src_text).map_err(err)?;
    let mut nb = Notebook::open(&root).map_err(err)?;
    let report = nb
        .import(&[src_file], &ImportOptions::default(), &mut |_| {})
        .map_err(err)?;
    let source = report
        .imported
        .first()
        .map(|s| s.id.clone())
        .ok_or("preview: the source was not imported")?;
    let body_len = nb.source(&source).map_err(err)?.text.chars().count();
    let mut annotations = Vec::new();
    for k in 0..5 {
        let start = body_len * k / 6;
        let a = nb
            .annotate(
                &source,
                NewAnnotation {
                    start: Some(start),
                    end: Some((start + 40).min(body_len)),
                    comment: format!("Comment {k}"),
                    ..Default::default()
                },
            )
            .map_err(err)?;
        annotations.push(a.id);
    }
    nb.new_note("Background").map_err(err)?;
    let mut md =
        String::from("---\ntitle: Long analysis\ntags: [bench]\n---\n\n# Long analysis\n\n");
    let paragraphs: Vec<&str> = texts
        .iter()
        .flat_map(|t| t.split("\n\n"))
        .map(str::trim)
        .filter(|p| p.len() > 80)
        .collect();
    let mut i = 0usize;
    while md.len() < 100_000 {
        let p = paragraphs[i % paragraphs.len()].replace('\n', " ");
        if i.is_multiple_of(6) {
            md.push_str(&format!("## Part {i}\n\n"));
        }
        match i % 5 {
            0 => md.push_str(&format!(
                "{p} See [[Background]] and [[{source}|the source]].[^n{i}]\n\n[^n{i}]: A footnote on part {i}.\n\n"
            )),
            1 => md.push_str(&format!(
                "- **{}** point\n- [ ] a task with [a web link](https://example.org/{i})\n- [[Missing note {i}]]\n\n{p}\n\n",
                i
            )),
            2 => md.push_str(&format!(
                "![[{source}#^{}]]\n\n> {p}\n\n",
                annotations[i % annotations.len()]
            )),
            3 => md.push_str(&format!(
                "| who | said |\n|---|---|\n| A{i} | *{}* |\n| B{i} | ~~struck~~ |\n\n{p}\n\n",
                p.chars().take(40).collect::<String>().replace('|', "/")
            )),
            _ => md.push_str(&format!("{p} `code {i}` and _emphasis_.\n\n")),
        }
        i += 1;
    }
    let mut samples = Vec::new();
    let mut html_len = 0;
    let mut embeds = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let r = nb.render_markdown(&md);
        samples.push(ms(t));
        html_len = r.html.len();
        embeds = r.html.matches("<blockquote").count();
    }
    if embeds == 0 {
        return Err("preview: no passage embed or quote was rendered".into());
    }
    // The same note with no raw HTML: every `<` of the set's paragraphs
    // written as `&lt;` (the note's own Markdown holds none).
    let plain_md = md.replace('<', "&lt;");
    let mut plain = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let r = nb.render_markdown(&plain_md);
        plain.push(ms(t));
        std::hint::black_box(&r);
    }
    let mut bare = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let mut html = String::new();
        let parser = pulldown_cmark::Parser::new_ext(&md, pulldown_cmark::Options::all());
        pulldown_cmark::html::push_html(&mut html, parser);
        bare.push(ms(t));
        std::hint::black_box(&html);
    }
    drop(nb);
    std::fs::remove_dir_all(&root).map_err(err)?;
    Ok(json!({
        "note_bytes": md.len(),
        "html_bytes": html_len,
        "median_ms": median(&samples),
        "p99_ms": percentile(&samples, 99.0),
        "max_ms": samples.iter().cloned().fold(0.0, f64::max),
        "bare_median_ms": median(&bare),
        "plain_median_ms": median(&plain),
        "plain_p99_ms": percentile(&plain, 99.0),
        "runs": runs,
        "budget_ms": PREVIEW_BUDGET_MS,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_capitalised_runs_not_sentence_starts() {
        let texts = vec![
            "The talks in Geneva ended. Wendy Sherman said the United States would answer. \
             Later Wendy Sherman left Geneva."
                .to_string(),
        ];
        let names = names_from(&texts, 10);
        assert_eq!(names[0], "Geneva", "{names:?}");
        assert!(names.contains(&"Wendy Sherman".to_string()), "{names:?}");
        assert!(!names.iter().any(|n| n.starts_with("The")), "{names:?}");
    }
}
