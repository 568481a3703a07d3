//! Evaluation of `dossier_text::timex::find_dates` against hand-made gold
//! (`tests/fixtures/timex/*.tsv`, see the README there): news pages from
//! Mozilla Readability's test suite (Apache-2.0) and Dossier's sample
//! article. Prints detection precision, recall and F1 (a found expression
//! and a gold one match when their spans overlap) and the share of matched
//! expressions whose value is right, for the dev and the held-out articles
//! separately, and holds floors a little below the figures reached.

use dossier_text::timex::{find_dates, Timex};
use std::path::{Path, PathBuf};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Block elements: each starts and ends a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "br",
    "tr",
    "td",
    "th",
    "figcaption",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "table",
    "hr",
    "dd",
    "dt",
];

/// Plain text of an HTML fragment: tags stripped, one paragraph per block
/// element (paragraphs joined by a blank line), entities decoded, runs of
/// whitespace collapsed.
fn html_to_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        rest = &rest[open..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |end| &rest[end + 3..]);
            continue;
        }
        let Some(close) = rest.find('>') else {
            rest = "";
            break;
        };
        let tag = rest[1..close].trim_start_matches('/').to_ascii_lowercase();
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        rest = &rest[close + 1..];
        if name == "script" || name == "style" {
            let end_tag = format!("</{name}");
            rest = rest
                .to_ascii_lowercase()
                .find(&end_tag)
                .and_then(|end| rest.get(end..))
                .and_then(|r| r.find('>').map(|gt| &r[gt + 1..]))
                .unwrap_or("");
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            out.push_str("\n\n");
        }
    }
    out.push_str(rest);
    let decoded = decode_entities(&out);
    decoded
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name.strip_prefix('#').and_then(|n| {
                    let code = match n.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => n.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

struct GoldItem {
    text: String,
    occurrence: usize,
    value: String,
    granularity: String,
}

struct Article {
    name: String,
    heldout: bool,
    reference: time::Date,
    text: String,
    gold: Vec<GoldItem>,
}

fn load_articles() -> Vec<Article> {
    let dir = manifest().join("tests/fixtures/timex");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
        .collect();
    paths.sort();
    paths.iter().map(|p| load_article(p)).collect()
}

fn load_article(path: &Path) -> Article {
    let content = std::fs::read_to_string(path).expect("gold file");
    let shared = manifest().join("../../../shared");
    let mut text = None;
    let mut reference = None;
    let mut heldout = None;
    let mut gold = Vec::new();
    for line in content.lines() {
        if let Some(header) = line.strip_prefix("# ") {
            if let Some(page) = header.strip_prefix("page: ") {
                let html = std::fs::read_to_string(
                    shared
                        .join("corpus/readability-test-pages")
                        .join(page.trim())
                        .join("expected.html"),
                )
                .expect("corpus page");
                text = Some(html_to_text(&html));
            } else if let Some(seed) = header.strip_prefix("seed: ") {
                text = Some(
                    std::fs::read_to_string(
                        shared.join("seed").join(format!("{}.txt", seed.trim())),
                    )
                    .expect("seed article"),
                );
            } else if let Some(date) = header.strip_prefix("reference: ") {
                let parts: Vec<i32> = date
                    .trim()
                    .split('-')
                    .map(|p| p.parse().expect("date part"))
                    .collect();
                let month = time::Month::try_from(parts[1] as u8).expect("month");
                reference = Some(
                    time::Date::from_calendar_date(parts[0], month, parts[2] as u8).expect("date"),
                );
            } else if let Some(split) = header.strip_prefix("split: ") {
                heldout = Some(split.trim() == "heldout");
            }
            continue;
        }
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            fields.len(),
            4,
            "{}: bad gold line {line:?}",
            path.display()
        );
        gold.push(GoldItem {
            text: fields[0].to_string(),
            occurrence: fields[1].parse().expect("occurrence"),
            value: fields[2].to_string(),
            granularity: fields[3].to_string(),
        });
    }
    Article {
        name: path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned(),
        heldout: heldout.expect("split header"),
        reference: reference.expect("reference header"),
        text: text.expect("page or seed header"),
        gold,
    }
}

/// Char span of the `occurrence`-th (1-based) whole-word, case-sensitive
/// occurrence of `needle` in `text`.
fn locate(text: &str, needle: &str, occurrence: usize) -> Option<(usize, usize)> {
    let mut seen = 0;
    let mut from = 0;
    while let Some(pos) = text[from..].find(needle) {
        let start = from + pos;
        let end = start + needle.len();
        let before_ok = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after_ok = text[end..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
        if before_ok && after_ok {
            seen += 1;
            if seen == occurrence {
                let cs = text[..start].chars().count();
                return Some((cs, cs + needle.chars().count()));
            }
        }
        from = start + needle.len().max(1);
    }
    None
}

#[derive(Default)]
struct Tally {
    gold: usize,
    found: usize,
    matched: usize,
    values_right: usize,
    granularity_right: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.gold += other.gold;
        self.found += other.found;
        self.matched += other.matched;
        self.values_right += other.values_right;
        self.granularity_right += other.granularity_right;
    }
    fn precision(&self) -> f64 {
        ratio(self.matched, self.found)
    }
    fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn value_accuracy(&self) -> f64 {
        ratio(self.values_right, self.matched)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores one article; prints its misses when `verbose`.
fn score(article: &Article, verbose: bool) -> Tally {
    let found: Vec<Timex> = find_dates(&article.text, Some(article.reference));
    let mut used = vec![false; found.len()];
    let mut tally = Tally {
        gold: article.gold.len(),
        found: found.len(),
        ..Tally::default()
    };
    for item in &article.gold {
        let (start, end) =
            locate(&article.text, &item.text, item.occurrence).unwrap_or_else(|| {
                panic!(
                    "{}: gold {:?} #{} not in the text",
                    article.name, item.text, item.occurrence
                )
            });
        let hit = found
            .iter()
            .enumerate()
            .find(|(k, t)| !used[*k] && t.start < end && start < t.end);
        match hit {
            Some((k, t)) => {
                used[k] = true;
                tally.matched += 1;
                if format!("{:?}", t.granularity).to_lowercase() == item.granularity {
                    tally.granularity_right += 1;
                }
                if t.value.as_deref() == Some(item.value.as_str()) {
                    tally.values_right += 1;
                } else if verbose {
                    println!(
                        "  {} wrong value: {:?} gold {} found {:?}",
                        article.name, item.text, item.value, t.value
                    );
                }
            }
            None if verbose => println!(
                "  {} missed: {:?} ({})",
                article.name, item.text, item.value
            ),
            None => {}
        }
    }
    if verbose {
        for (k, t) in found.iter().enumerate() {
            if !used[k] {
                println!("  {} spurious: {:?} {:?}", article.name, t.text, t.value);
            }
        }
    }
    tally
}

fn report(label: &str, tally: &Tally) {
    println!(
        "{label}: gold {} found {} matched {} | precision {:.3} recall {:.3} F1 {:.3} | values right {:.3} ({} of {}) | granularity right {:.3}",
        tally.gold,
        tally.found,
        tally.matched,
        tally.precision(),
        tally.recall(),
        tally.f1(),
        tally.value_accuracy(),
        tally.values_right,
        tally.matched,
        ratio(tally.granularity_right, tally.matched),
    );
}

#[test]
fn timex_on_hand_made_gold() {
    let articles = load_articles();
    assert!(
        articles.len() >= 11,
        "gold for at least 10 articles and the sample"
    );
    // Held-out details are printed only on request, so that tuning on the
    // dev articles does not peek at them.
    let show_heldout = std::env::var_os("TIMEX_SHOW_HELDOUT").is_some();
    let mut dev = Tally::default();
    let mut heldout = Tally::default();
    for article in &articles {
        let tally = score(article, !article.heldout || show_heldout);
        if article.heldout {
            heldout.add(&tally);
        } else {
            dev.add(&tally);
        }
    }
    report("timex dev", &dev);
    report("timex held-out", &heldout);
    // Floors a little below the figures reached (dev 1.000 / 1.000,
    // held-out 0.975 / 0.974 when they were set); the product's bar on
    // unseen news is F1 >= 0.90 and values >= 0.85.
    assert!(dev.f1() >= 0.97, "dev detection F1 {:.3}", dev.f1());
    assert!(
        dev.value_accuracy() >= 0.97,
        "dev values {:.3}",
        dev.value_accuracy()
    );
    assert!(
        heldout.f1() >= 0.95,
        "held-out detection F1 {:.3}",
        heldout.f1()
    );
    assert!(
        heldout.value_accuracy() >= 0.95,
        "held-out values {:.3}",
        heldout.value_accuracy()
    );
}

#[test]
fn html_to_text_makes_paragraphs_and_decodes_entities() {
    let text = html_to_text("<div><p>One &amp; two</p><p>Three&#160;four<br>five</p></div>");
    assert_eq!(text, "One & two\n\nThree four\n\nfive");
}

/// Prints what `find_dates` finds in every page of the corpus, with a little
/// context, for eyeballing false positives on pages without gold:
/// `cargo test -p dossier-text --test timex_eval -- --ignored --nocapture`.
#[test]
#[ignore = "a listing for people, not a check"]
fn list_dates_in_the_corpus() {
    let pages = manifest().join("../../../shared/corpus/readability-test-pages");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&pages)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    dirs.sort();
    for dir in dirs {
        let Ok(html) = std::fs::read_to_string(dir.join("expected.html")) else {
            continue;
        };
        let text = html_to_text(&html);
        let chars: Vec<char> = text.chars().collect();
        for t in find_dates(&text, Some(time::macros::date!(2020 - 06 - 15))) {
            let from = t.start.saturating_sub(30);
            let to = (t.end + 30).min(chars.len());
            let context: String = chars[from..to]
                .iter()
                .collect::<String>()
                .replace('\n', " ");
            println!(
                "{}\t{}\t{:?}\t{:?}\t…{}…",
                dir.file_name().unwrap_or_default().to_string_lossy(),
                t.text,
                t.value,
                t.granularity,
                context
            );
        }
    }
}
