//! The benchmark corpus: real texts normalised to documents of paragraphs,
//! and datasets of a given number of passages made from them by replication
//! with fresh ids.
//!
//! A dataset folder holds the same text three ways, so that every engine
//! indexes exactly the same passages:
//! - `docs/NNNNNN.txt`: what Dossier imports (first paragraph = title);
//! - `recoll/NNNNNN.html`: the same text for Recoll, with the title in `<title>`;
//! - `passages.txt`: one passage per line, for ripgrep.
//!
//! Raw tantivy and SQLite FTS5 read `docs/` and split it exactly as Dossier
//! does ([`load_passages`]).

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use dossier_text::passages::passages;

/// One normalised document: a title and paragraphs of plain text, one line each.
#[derive(Debug, Clone)]
pub struct Doc {
    pub title: String,
    pub paragraphs: Vec<String>,
}

/// What a dataset holds.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DatasetInfo {
    pub name: String,
    pub documents: usize,
    pub files: usize,
    pub passages: usize,
    /// Bytes of passage text (UTF-8), the same for every engine.
    pub text_bytes: u64,
    /// How many times the corpus was used (1 = no replication).
    pub copies: usize,
    /// Documents per file.
    pub bundle: usize,
    /// Names in `entities.json`, the gazetteer Dossier finds mentions of.
    #[serde(default)]
    pub entities: usize,
    /// The passage count asked for (None: every document once).
    #[serde(default)]
    pub target: Option<usize>,
}

/// One passage as every engine indexes it.
pub struct Row {
    /// The file's title, on the file's first passage only (as Dossier does).
    pub title: Option<String>,
    pub body: String,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn short_title(s: &str) -> String {
    let s = collapse(s);
    let mut out: String = s.chars().take(100).collect();
    if out.len() < s.len() {
        if let Some(cut) = out.rfind(' ') {
            out.truncate(cut);
        }
    }
    if out.is_empty() {
        "untitled".into()
    } else {
        out
    }
}

/// Reads the three real texts from the folder `bench/fetch.sh` unpacked them to.
pub fn load_real(dir: &Path) -> Result<Vec<Doc>, String> {
    let brown = brown(&dir.join("brown"))?;
    let mail = mail(&dir.join("spam").join("data"))?;
    let foldoc = foldoc(&dir.join("foldoc"))?;
    if brown.is_empty() || mail.is_empty() || foldoc.is_empty() {
        return Err(format!(
            "{}: a collection is empty (brown {}, mail {}, foldoc {})",
            dir.display(),
            brown.len(),
            mail.len(),
            foldoc.len()
        ));
    }
    // Dossier refuses a second copy of a text it has: keep the first of each.
    let mut seen = HashSet::new();
    Ok(interleave(vec![brown, mail, foldoc])
        .into_iter()
        .filter(|d| seen.insert(format!("{}\n\n{}", d.title, d.paragraphs.join("\n\n"))))
        .collect())
}

/// Round robin over the collections, so that any prefix mixes them.
fn interleave(cols: Vec<Vec<Doc>>) -> Vec<Doc> {
    let mut iters: Vec<_> = cols.into_iter().map(|c| c.into_iter()).collect();
    let mut out = Vec::new();
    loop {
        let mut any = false;
        for it in &mut iters {
            if let Some(d) = it.next() {
                out.push(d);
                any = true;
            }
        }
        if !any {
            return out;
        }
    }
}

fn read_lossy(path: &Path) -> Result<String, String> {
    std::fs::read(path)
        .map(|b| String::from_utf8_lossy(&b).replace("\r\n", "\n"))
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn sorted_dir(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    v.sort();
    Ok(v)
}

/// Brown corpus: `word/TAG` tokens, paragraphs separated by blank lines.
/// Each paragraph becomes one document (15,667 of them), as the corpus
/// README counts them; its title names the sample and category.
fn brown(dir: &Path) -> Result<Vec<Doc>, String> {
    let cats: BTreeMap<String, String> = read_lossy(&dir.join("cats.txt"))?
        .lines()
        .filter_map(|l| {
            let (a, b) = l.split_once(' ')?;
            Some((a.to_string(), b.trim().to_string()))
        })
        .collect();
    let mut out = Vec::new();
    for path in sorted_dir(dir)? {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(cat) = cats.get(name) else { continue };
        let text = read_lossy(&path)?;
        for (i, block) in text.split("\n\n").enumerate() {
            let para = detokenise(block);
            if para.is_empty() {
                continue;
            }
            let lead: Vec<&str> = para.split_whitespace().take(8).collect();
            out.push(Doc {
                title: short_title(&format!("Brown {name}.{i} ({cat}): {}", lead.join(" "))),
                paragraphs: vec![para],
            });
        }
    }
    Ok(out)
}

fn detokenise(block: &str) -> String {
    let mut out = String::new();
    let mut glue_next = true;
    for tok in block.split_whitespace() {
        let word = match tok.rsplit_once('/') {
            Some((w, _)) if !w.is_empty() => w,
            _ => tok,
        };
        let word = match word {
            "``" => "\"",
            "''" => "\"",
            w => w,
        };
        let closing = matches!(word, "." | "," | ";" | ":" | "!" | "?" | ")")
            || (word == "\"" && tok.starts_with("''"));
        if !glue_next && !closing {
            out.push(' ');
        }
        out.push_str(word);
        glue_next = word == "(" || tok.starts_with("``");
    }
    out
}

/// SpamAssassin non-spam mail: subject as title, body paragraphs (HTML tags dropped).
fn mail(dir: &Path) -> Result<Vec<Doc>, String> {
    let mut out = Vec::new();
    for group in ["easy-ham-1", "easy-ham-2", "hard-ham-1"] {
        for path in sorted_dir(&dir.join(group))? {
            if path.extension().and_then(|e| e.to_str()) != Some("txt") {
                continue;
            }
            let text = read_lossy(&path)?;
            let (head, body) = text.split_once("\n\n").unwrap_or((&text, ""));
            let subject = head
                .lines()
                .find_map(|l| {
                    l.get(..8)
                        .filter(|p| p.eq_ignore_ascii_case("subject:"))
                        .map(|_| l[8..].trim().to_string())
                })
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| "(no subject)".into());
            let body = if body.contains("<html") || body.contains("<HTML") {
                strip_tags(body)
            } else {
                body.to_string()
            };
            let paragraphs: Vec<String> = body
                .split("\n\n")
                .map(collapse)
                .filter(|p| !p.is_empty())
                .collect();
            if paragraphs.is_empty() {
                continue;
            }
            out.push(Doc {
                title: short_title(&format!("Mail: {subject}")),
                paragraphs,
            });
        }
    }
    Ok(out)
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// FOLDOC (dictd): entries located through `foldoc.index` (base64 offsets).
fn foldoc(dir: &Path) -> Result<Vec<Doc>, String> {
    let index = read_lossy(&dir.join("foldoc.index"))?;
    let dict = std::fs::read(dir.join("foldoc.dict"))
        .map_err(|e| format!("{}: {e}", dir.join("foldoc.dict").display()))?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for line in index.lines() {
        let mut parts = line.split('\t');
        let (Some(head), Some(off), Some(len)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        if head.starts_with("00-database") || head.starts_with("00database") {
            continue;
        }
        let (Some(off), Some(len)) = (b64(off), b64(len)) else {
            continue;
        };
        if !seen.insert(off) || off + len > dict.len() {
            continue;
        }
        let entry = String::from_utf8_lossy(&dict[off..off + len]).replace(['{', '}'], "");
        let mut lines = entry.lines();
        let headword = lines.next().unwrap_or(head).trim().to_string();
        let rest: Vec<&str> = lines.collect();
        let paragraphs: Vec<String> = rest
            .join("\n")
            .split("\n\n")
            .map(collapse)
            .filter(|p| !p.is_empty())
            .collect();
        if paragraphs.is_empty() {
            continue;
        }
        out.push(Doc {
            title: short_title(&format!("FOLDOC: {headword}")),
            paragraphs,
        });
    }
    Ok(out)
}

fn b64(s: &str) -> Option<usize> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut v: usize = 0;
    for c in s.bytes() {
        let d = ALPHABET.iter().position(|&a| a == c)?;
        v = v.checked_mul(64)?.checked_add(d)?;
    }
    Some(v)
}

/// A small generated corpus for the smoke run: no network, deterministic,
/// and every word of the committed query set occurs in it.
pub fn synthetic(documents: usize) -> Vec<Doc> {
    const WORDS: &[&str] = &[
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "it",
        "as",
        "was",
        "with",
        "be",
        "by",
        "on",
        "not",
        "he",
        "this",
        "are",
        "or",
        "his",
        "from",
        "at",
        "which",
        "but",
        "have",
        "an",
        "had",
        "they",
        "you",
        "were",
        "their",
        "one",
        "all",
        "we",
        "can",
        "her",
        "has",
        "there",
        "been",
        "if",
        "more",
        "when",
        "will",
        "would",
        "who",
        "so",
        "no",
        "government",
        "system",
        "operating",
        "computer",
        "language",
        "network",
        "internet",
        "program",
        "data",
        "file",
        "server",
        "protocol",
        "mail",
        "list",
        "time",
        "people",
        "state",
        "jury",
        "county",
        "election",
        "church",
        "music",
        "unix",
        "linux",
        "memory",
        "kernel",
        "university",
        "market",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut out = Vec::with_capacity(documents);
    for d in 0..documents {
        let mut paragraphs = Vec::new();
        for _ in 0..(1 + next() % 4) {
            let n = 20 + (next() % 60) as usize;
            let mut p: Vec<String> = Vec::with_capacity(n);
            for _ in 0..n {
                // Skewed towards the first words, as real text is.
                let r = (next() % 1000) as f64 / 1000.0;
                let i = ((r * r * r) * WORDS.len() as f64) as usize;
                p.push(WORDS[i.min(WORDS.len() - 1)].to_string());
            }
            if d % 97 == 0 {
                p.push("tuberculosis".into());
            }
            if d % 5 == 0 {
                p.push("operating system".into());
            }
            paragraphs.push(p.join(" ") + ".");
        }
        let topic = ["unix", "network", "linux", "music"][d % 4];
        out.push(Doc {
            title: format!("Generated {d}: {topic}"),
            paragraphs,
        });
    }
    out
}

/// Writes a dataset of at least `target` passages (all documents once when
/// `None`), replicating the corpus with fresh ids ("(copy N)" in the title)
/// when it has fewer, `bundle` documents to a file.
pub fn build(
    docs: &[Doc],
    name: &str,
    target: Option<usize>,
    bundle: usize,
    out: &Path,
) -> Result<DatasetInfo, String> {
    // A dataset made before with the same settings is used again.
    if let Ok(text) = std::fs::read_to_string(out.join("dataset.json")) {
        if let Ok(info) = serde_json::from_str::<DatasetInfo>(&text) {
            if info.name == name
                && info.target == target
                && info.bundle == bundle.max(1)
                && info.entities > 0
            {
                return Ok(info);
            }
        }
    }
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    let docs_dir = out.join("docs");
    let recoll_dir = out.join("recoll");
    for d in [&docs_dir, &recoll_dir] {
        std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    let io = |e: std::io::Error| format!("{}: {e}", out.display());
    let mut lines =
        std::io::BufWriter::new(std::fs::File::create(out.join("passages.txt")).map_err(io)?);
    let bundle = bundle.max(1);
    let mut info = DatasetInfo {
        name: name.to_string(),
        documents: 0,
        files: 0,
        passages: 0,
        text_bytes: 0,
        copies: 1,
        bundle,
        entities: 0,
        target,
    };
    let mut pending: Vec<(String, &Doc)> = Vec::new();
    let mut copy = 0usize;
    'outer: loop {
        for doc in docs {
            if target.is_some_and(|t| info.passages >= t) {
                break 'outer;
            }
            let title = if copy == 0 {
                doc.title.clone()
            } else {
                format!("{} (copy {copy})", doc.title)
            };
            pending.push((title, doc));
            info.copies = copy + 1;
            info.documents += 1;
            // Count passages as Dossier will see them.
            info.passages += 1 + doc
                .paragraphs
                .iter()
                .map(|p| passages(p).len())
                .sum::<usize>();
            if pending.len() >= bundle {
                write_file(&pending, &mut info, &docs_dir, &recoll_dir, &mut lines)?;
                pending.clear();
            }
        }
        if target.is_none() {
            break;
        }
        copy += 1;
    }
    if !pending.is_empty() {
        write_file(&pending, &mut info, &docs_dir, &recoll_dir, &mut lines)?;
    }
    lines.flush().map_err(io)?;
    // Recount exactly as the engines will split the files.
    let rows = load_passages(out)?;
    info.passages = rows.len();
    info.text_bytes = rows.iter().map(|r| r.body.len() as u64).sum();
    let names = entity_names(docs);
    info.entities = names.len();
    let entities: Vec<serde_json::Value> = names
        .iter()
        .map(|n| serde_json::json!({"name": n, "kind": "other"}))
        .collect();
    std::fs::write(
        out.join("entities.json"),
        serde_json::to_string_pretty(&entities).map_err(|e| e.to_string())?,
    )
    .map_err(io)?;
    let manifest = serde_json::to_string_pretty(&info).map_err(|e| e.to_string())?;
    std::fs::write(out.join("dataset.json"), manifest).map_err(io)?;
    Ok(info)
}

fn write_file(
    docs: &[(String, &Doc)],
    info: &mut DatasetInfo,
    docs_dir: &Path,
    recoll_dir: &Path,
    lines: &mut impl Write,
) -> Result<(), String> {
    let mut paras: Vec<&str> = Vec::new();
    for (title, doc) in docs {
        paras.push(title);
        paras.extend(doc.paragraphs.iter().map(String::as_str));
    }
    let text = paras.join("\n\n") + "\n";
    let stem = format!("{:07}", info.files);
    let path = docs_dir.join(format!("{stem}.txt"));
    std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut html = String::with_capacity(text.len() + 200);
    html.push_str("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>");
    html.push_str(&escape(paras[0]));
    html.push_str("</title></head><body>\n");
    for p in &paras {
        html.push_str("<p>");
        html.push_str(&escape(p));
        html.push_str("</p>\n");
    }
    html.push_str("</body></html>\n");
    let path = recoll_dir.join(format!("{stem}.html"));
    std::fs::write(&path, html).map_err(|e| format!("{}: {e}", path.display()))?;
    for p in passages(&text) {
        let line = p.text.replace('\n', " ");
        writeln!(lines, "{line}").map_err(|e| e.to_string())?;
    }
    info.files += 1;
    Ok(())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Up to 1,000 entity names for the mention pass: FOLDOC headwords that look
/// like names (a capital letter, letters and spaces only, 5 to 40 characters),
/// or, for generated text, a few of its words.
fn entity_names(docs: &[Doc]) -> Vec<String> {
    let mut seen = HashSet::new();
    // The entity of the query set's `entity:` query, in every set.
    let mut out: Vec<String> = vec!["Linux".to_string()];
    seen.insert("Linux".to_string());
    out.extend(
        docs.iter()
            .filter_map(|d| d.title.strip_prefix("FOLDOC: "))
            .filter(|h| {
                (5..=40).contains(&h.len())
                    && h.chars().any(|c| c.is_ascii_uppercase())
                    && h.chars().all(|c| c.is_ascii_alphabetic() || c == ' ')
            })
            .filter(|h| seen.insert(h.to_string()))
            .take(999)
            .map(str::to_string),
    );
    if out.len() == 1 {
        out = ["Linux", "Unix", "Internet Protocol", "County Jury"]
            .map(String::from)
            .to_vec();
    }
    out
}

/// The dataset's files in order.
pub fn doc_files(data: &Path) -> Result<Vec<PathBuf>, String> {
    Ok(sorted_dir(&data.join("docs"))?
        .into_iter()
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("txt"))
        .collect())
}

/// The passages of a dataset, split exactly as Dossier's import splits a
/// plain-text file: paragraphs at blank lines, the first (if short) is the
/// title, then `text::passages` of the whole.
pub fn load_passages(data: &Path) -> Result<Vec<Row>, String> {
    let mut rows = Vec::new();
    for path in doc_files(data)? {
        let text = read_lossy(&path)?;
        let paragraphs: Vec<&str> = text
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let title = paragraphs
            .first()
            .filter(|t| t.chars().count() <= 120 && !t.contains('\n'))
            .map(|t| t.to_string());
        let body = paragraphs.join("\n\n") + "\n";
        for (i, p) in passages(&body).into_iter().enumerate() {
            rows.push(Row {
                title: if i == 0 { title.clone() } else { None },
                body: p.text,
            });
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brown_tokens_become_plain_text() {
        let s = detokenise(
            "\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' ,/, in/in Atlanta's/np$ ./.",
        );
        assert_eq!(s, "The jury said \"no evidence\", in Atlanta's.");
    }

    #[test]
    fn dictd_base64() {
        assert_eq!(b64("A"), Some(0));
        assert_eq!(b64("BA"), Some(64));
        assert_eq!(b64("*"), None);
    }

    #[test]
    fn datasets_replicate_with_fresh_titles() {
        let dir = std::env::temp_dir().join(format!("dossier-bench-test-{}", std::process::id()));
        let docs = synthetic(10);
        let info = build(&docs, "t", Some(60), 3, &dir).unwrap();
        assert!(info.passages >= 60, "the target is reached");
        assert!(info.copies >= 2, "the corpus was replicated");
        let rows = load_passages(&dir).unwrap();
        assert_eq!(rows.len(), info.passages);
        let text = std::fs::read_to_string(dir.join("passages.txt")).unwrap();
        assert_eq!(
            text.lines().count(),
            info.passages,
            "one passage per line for ripgrep"
        );
        assert!(text.contains("(copy 1)"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
