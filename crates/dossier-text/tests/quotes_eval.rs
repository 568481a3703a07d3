//! Quote and speaker extraction judged against gold made by hand.
//!
//! The articles are Mozilla Readability's test pages (Apache-2.0), read from
//! `../shared/corpus/readability-test-pages/<page>/expected.html` beside the
//! repository (CI has that folder too), turned into plain text paragraphs by
//! [`page_text`]; the sample article is the bundled notebook's source. The
//! gold files are `tests/fixtures/quotes/<page>.txt`, one quote a line:
//!
//! ```text
//! D | first words of the quote | last words of the quote | speaker | named
//! ```
//!
//! kind `D` (direct) or `I` (indirect, the reported clause), the quote's
//! first and last words exactly as in the text (`…` for the last words when
//! the first already reach the end), the speaker as a reader would name the
//! person or body (`-` for none; a pronoun's or title's speaker is the person
//! it refers to) and the speaker's kind as written (`named`, `description`,
//! `pronoun`, `-`).
//!
//! A found quote counts when it overlaps a gold quote of the same kind by at
//! least half of the longer of the two spans (one to one). Its speaker is
//! right when the names agree (case and diacritics aside, or one is the other's
//! surname / contained in it); `None` is right only against `-`.

use dossier_text::quotes::{find_quotes, KnownName, NameKind, Quote, QuoteKind, SpeakerKind};
use std::path::PathBuf;

/// Pages whose gold was written before the code ever ran on them and whose
/// output was not looked at while the rules were tuned.
const HELD_OUT: &[&str] = &[
    "wapo-2",
    "herald-sun-1",
    "buzzfeed-1",
    "aktualne",
    "msn",
    "nytimes-4",
    "guardian-1",
];
/// Pages used while developing the rules (gold also written first).
const DEV: &[&str] = &[
    "sample",
    "bbc-1",
    "nytimes-1",
    "telegraph",
    "yahoo-3",
    "wapo-1",
    "liberation-1",
    "nytimes-3",
    "seattletimes-1",
    "yahoo-1",
    "breitbart",
    "cnet",
    "citylab-1",
    "cnn",
    "quanta-1",
    "webmd-2",
    "tmz-1",
    "ars-1",
    "theverge",
];

/// Ten real news excerpts (`tests/fixtures/unseen`, see its README) whose
/// gold was written and committed before the extractor ever ran on them.
const UNSEEN: &[&str] = &[
    "unseen/brown-ca01",
    "unseen/brown-ca05",
    "unseen/brown-ca10",
    "unseen/brown-ca15",
    "unseen/brown-ca20",
    "unseen/brown-ca25",
    "unseen/brown-ca40",
    "unseen/nytimes-2-part3",
    "unseen/salon-1-part2",
    "unseen/engadget-part2",
];

/// Four more (Brown press stories), gold committed before any run, scored
/// once after the rules were frozen; never printed in detail.
const UNSEEN_2: &[&str] = &[
    "unseen/brown-ca02",
    "unseen/brown-ca03",
    "unseen/brown-ca22",
    "unseen/brown-ca28",
];

/// Ten more Brown press excerpts chosen for their speech (124 gold quotes),
/// gold committed before any run, scored once before and once after the
/// rules changed; never printed in detail.
const UNSEEN_3: &[&str] = &[
    "unseen/brown-ca04",
    "unseen/brown-ca06",
    "unseen/brown-ca07",
    "unseen/brown-ca09",
    "unseen/brown-ca11",
    "unseen/brown-ca12",
    "unseen/brown-ca13",
    "unseen/brown-ca14",
    "unseen/brown-ca18",
    "unseen/brown-ca19",
];

/// The paragraphs after ten earlier excerpts (Brown press stories, 110 gold
/// quotes), gold committed before any run, scored once before and once after
/// the rules changed; never printed in detail.
const UNSEEN_4: &[&str] = &[
    "unseen/brown-ca01-part2",
    "unseen/brown-ca03-part2",
    "unseen/brown-ca05-part2",
    "unseen/brown-ca06-part2",
    "unseen/brown-ca10-part2",
    "unseen/brown-ca20-part2",
    "unseen/brown-ca22-part2",
    "unseen/brown-ca25-part2",
    "unseen/brown-ca33-part2",
    "unseen/brown-ca42-part2",
];

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pages_dir() -> PathBuf {
    crate_dir().join("../../../shared/corpus/readability-test-pages")
}

/// The plain text of a Readability `expected.html`: one paragraph per block
/// element (`p`, `li`, headings, `blockquote`, `div`, `br`…), tags dropped,
/// entities decoded, white space collapsed, paragraphs joined by `\n`.
fn page_text(html: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "div",
        "br",
        "tr",
        "ul",
        "ol",
        "section",
        "article",
        "figure",
        "figcaption",
        "table",
        "pre",
        "dd",
        "dt",
        "header",
        "footer",
    ];
    let mut raw = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        raw.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        let tag = &after[..gt];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if BLOCKS.contains(&name.as_str()) {
            raw.push('\n');
        }
        rest = &after[gt + 1..];
    }
    raw.push_str(rest);
    let decoded = decode_entities(&raw);
    let mut out = Vec::new();
    for line in decoded.split('\n') {
        let para = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !para.is_empty() {
            out.push(para);
        }
    }
    out.join("\n")
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| {
            let name = &after[..i];
            let c = if let Some(num) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(num, 16).ok().and_then(char::from_u32)
            } else if let Some(num) = name.strip_prefix('#') {
                num.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "nbsp" => Some(' '),
                    "rsquo" => Some('’'),
                    "lsquo" => Some('‘'),
                    "rdquo" => Some('”'),
                    "ldquo" => Some('“'),
                    "mdash" => Some('—'),
                    "ndash" => Some('–'),
                    "hellip" => Some('…'),
                    "laquo" => Some('«'),
                    "raquo" => Some('»'),
                    "bdquo" => Some('„'),
                    _ => None,
                }
            };
            c.map(|c| (c, i))
        });
        match decoded {
            Some((c, i)) => {
                out.push(if c == '\u{a0}' { ' ' } else { c });
                rest = &after[i + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out.replace('\u{a0}', " ")
}

/// Known entities as owned strings: canonical name, all names, kind.
type Known = Vec<(String, Vec<String>, NameKind)>;

/// The article's text and the known names given to `find_quotes`.
fn article(page: &str) -> Option<(String, Known)> {
    if page == "sample" {
        let text =
            std::fs::read_to_string(crate_dir().join("../../notes/sources/russia-nato-talks.md"))
                .ok()?;
        // The body after the front matter.
        let body = text
            .splitn(3, "---\n")
            .nth(2)
            .unwrap_or(&text)
            .trim_start()
            .to_string();
        let entities =
            std::fs::read_to_string(crate_dir().join("../../notes/entities.json")).ok()?;
        let known = parse_entities(&entities);
        return Some((body, known));
    }
    if let Some(name) = page.strip_prefix("unseen/") {
        let path = crate_dir().join(format!("tests/fixtures/unseen/{name}.txt"));
        return Some((std::fs::read_to_string(path).ok()?, Vec::new()));
    }
    let html = std::fs::read_to_string(pages_dir().join(page).join("expected.html")).ok()?;
    Some((page_text(&html), Vec::new()))
}

/// The few fields of the notebook's `entities.json` the test needs, read
/// without a JSON library (the crate has none as a dependency).
fn parse_entities(json: &str) -> Known {
    let mut out = Vec::new();
    for line in json.lines() {
        let Some(name) = field(line, "\"name\": \"") else {
            continue;
        };
        let kind = match field(line, "\"kind\": \"").as_deref() {
            Some("person") => NameKind::Person,
            Some("organisation") => NameKind::Organisation,
            Some("place") => NameKind::Place,
            _ => NameKind::Other,
        };
        let mut names = vec![name.clone()];
        if let Some(start) = line.find("\"aliases\": [") {
            let list = &line[start + 12..];
            let list = &list[..list.find(']').unwrap_or(list.len())];
            names.extend(
                list.split(',')
                    .map(|a| a.trim().trim_matches('"').to_string())
                    .filter(|a| !a.is_empty()),
            );
        }
        out.push((name, names, kind));
    }
    out
}

fn field(line: &str, key: &str) -> Option<String> {
    let start = line.find(key)? + key.len();
    let rest = &line[start..];
    Some(rest[..rest.find('"')?].to_string())
}

struct Gold {
    kind: QuoteKind,
    start: usize,
    end: usize,
    speaker: Option<String>,
    line: String,
}

fn char_index(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn read_gold(page: &str, text: &str) -> Vec<Gold> {
    let path = match page.strip_prefix("unseen/") {
        Some(name) => crate_dir().join(format!("tests/fixtures/unseen/{name}.quotes")),
        None => crate_dir()
            .join("tests/fixtures/quotes")
            .join(format!("{page}.txt")),
    };
    let gold = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut out = Vec::new();
    let mut cursor = 0usize; // byte offset: gold lines are in reading order
    for line in gold.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split(" | ").map(str::trim).collect();
        assert_eq!(cols.len(), 5, "{page}: a gold line has 5 columns: {line}");
        let kind = match cols[0] {
            "D" => QuoteKind::Direct,
            "I" => QuoteKind::Indirect,
            other => panic!("{page}: unknown kind {other}"),
        };
        let begin = text[cursor..]
            .find(cols[1])
            .map(|i| i + cursor)
            .or_else(|| text.find(cols[1]))
            .unwrap_or_else(|| panic!("{page}: gold quote start not in the text: {line}"));
        let end = if cols[2] == "…" {
            begin + cols[1].len()
        } else {
            text[begin..]
                .find(cols[2])
                .map(|i| i + begin + cols[2].len())
                .unwrap_or_else(|| panic!("{page}: gold quote end not in the text: {line}"))
        };
        cursor = begin;
        out.push(Gold {
            kind,
            start: char_index(text, begin),
            end: char_index(text, end),
            speaker: (cols[3] != "-").then(|| cols[3].to_string()),
            line: line.to_string(),
        });
    }
    out
}

fn fold(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            let c = c.to_lowercase().next().unwrap_or(c);
            let base = match c {
                'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
                'é' | 'è' | 'ê' | 'ë' | 'ě' => 'e',
                'í' | 'ì' | 'î' | 'ï' => 'i',
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
                'ú' | 'ù' | 'û' | 'ü' | 'ů' => 'u',
                'ý' => 'y',
                'č' | 'ç' => 'c',
                'ř' => 'r',
                'š' => 's',
                'ž' => 'z',
                'ñ' | 'ň' => 'n',
                'ť' => 't',
                'ď' => 'd',
                c => c,
            };
            (base.is_alphanumeric() || base == ' ').then_some(base)
        })
        .collect()
}

/// The name a found quote's speaker stands for: the person a pronoun or title
/// refers to, else the name as written.
fn speaker_name(q: &Quote) -> Option<String> {
    let s = q.speaker.as_ref()?;
    Some(match (&s.kind, &s.refers_to) {
        (SpeakerKind::Pronoun, Some(r)) => r.clone(),
        _ => s.name.clone(),
    })
}

fn same_speaker(gold: &Option<String>, found: &Option<String>) -> bool {
    match (gold, found) {
        (None, None) => true,
        (Some(g), Some(f)) => {
            let (g, f) = (fold(g), fold(f));
            if g.is_empty() || f.is_empty() {
                return false;
            }
            let g_last = g.split_whitespace().last().unwrap_or("");
            let f_last = f.split_whitespace().last().unwrap_or("");
            g == f || g.contains(&f) || f.contains(&g) || g_last == f_last
        }
        _ => false,
    }
}

#[derive(Default)]
struct Tally {
    gold: [usize; 2],
    found: [usize; 2],
    matched: [usize; 2],
    speaker_right: [usize; 2],
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

fn evaluate(pages: &[&str], verbose: bool) -> Option<Tally> {
    let mut t = Tally::default();
    for page in pages {
        let (text, known_owned) = article(page)?;
        let known: Vec<KnownName> = known_owned
            .iter()
            .map(|(e, names, kind)| KnownName {
                entity: e,
                names: names.iter().map(String::as_str).collect(),
                kind: *kind,
            })
            .collect();
        let gold = read_gold(page, &text);
        let found = find_quotes(&text, &known);
        let chars: Vec<char> = text.chars().collect();
        let snippet = |s: usize, e: usize| -> String {
            let e = e.min(chars.len());
            let s = s.min(e);
            let t: String = chars[s..e].iter().collect();
            if t.chars().count() > 90 {
                let head: String = t.chars().take(40).collect();
                let tail: String = t
                    .chars()
                    .rev()
                    .take(40)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                format!("{head} … {tail}")
            } else {
                t
            }
        };
        let mut used = vec![false; found.len()];
        for g in &gold {
            let k = usize::from(g.kind == QuoteKind::Indirect);
            t.gold[k] += 1;
            let hit = found.iter().enumerate().find(|(i, q)| {
                !used[*i] && q.kind == g.kind && {
                    let o = overlap((q.start, q.end), (g.start, g.end));
                    2 * o >= (q.end - q.start).max(g.end - g.start) && o > 0
                }
            });
            match hit {
                Some((i, q)) => {
                    used[i] = true;
                    t.matched[k] += 1;
                    let name = speaker_name(q);
                    if same_speaker(&g.speaker, &name) {
                        t.speaker_right[k] += 1;
                    } else if verbose {
                        println!(
                            "  {page} SPEAKER gold {:?} found {:?}: {}",
                            g.speaker, name, g.line
                        );
                    }
                }
                None if verbose => println!("  {page} MISSED {}", g.line),
                None => {}
            }
        }
        for (i, q) in found.iter().enumerate() {
            let k = usize::from(q.kind == QuoteKind::Indirect);
            t.found[k] += 1;
            if !used[i] && verbose {
                println!(
                    "  {page} EXTRA {:?} [{}] speaker {:?}",
                    q.kind,
                    snippet(q.start, q.end),
                    speaker_name(q)
                );
            }
        }
    }
    Some(t)
}

fn prf(matched: usize, found: usize, gold: usize) -> (f64, f64, f64) {
    let p = if found == 0 {
        1.0
    } else {
        matched as f64 / found as f64
    };
    let r = if gold == 0 {
        1.0
    } else {
        matched as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

struct Scores {
    direct_f1: f64,
    speakers: f64,
    indirect_f1: f64,
}

fn report(name: &str, t: &Tally) -> Scores {
    let (dp, dr, df) = prf(t.matched[0], t.found[0], t.gold[0]);
    let (ip, ir, if1) = prf(t.matched[1], t.found[1], t.gold[1]);
    let matched = t.matched[0] + t.matched[1];
    let right = t.speaker_right[0] + t.speaker_right[1];
    let speakers = if matched == 0 {
        1.0
    } else {
        right as f64 / matched as f64
    };
    println!(
        "{name}: direct P {dp:.3} R {dr:.3} F1 {df:.3} ({} gold, {} found, {} matched); \
         indirect P {ip:.3} R {ir:.3} F1 {if1:.3} ({} gold, {} found, {} matched); \
         speakers right {speakers:.3} ({right} of {matched} found quotes; direct {}/{}, indirect {}/{})",
        t.gold[0], t.found[0], t.matched[0], t.gold[1], t.found[1], t.matched[1],
        t.speaker_right[0], t.matched[0], t.speaker_right[1], t.matched[1],
    );
    Scores {
        direct_f1: df,
        speakers,
        indirect_f1: if1,
    }
}

fn corpus_present() -> bool {
    if pages_dir().is_dir() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must have shared/corpus/readability-test-pages beside the repository"
    );
    eprintln!("skipped: {} is missing", pages_dir().display());
    false
}

#[test]
fn quotes_dev_set() {
    if !corpus_present() {
        return;
    }
    let verbose = std::env::var_os("QUOTES_VERBOSE").is_some();
    let t = evaluate(DEV, verbose).expect("dev pages readable");
    let s = report("dev", &t);
    // Floors a little below what the rules reach (0.992, 0.980, 0.966).
    assert!(s.direct_f1 >= 0.97, "direct quotes F1 on the dev set");
    assert!(s.speakers >= 0.95, "speakers right on the dev set");
    assert!(s.indirect_f1 >= 0.95, "indirect speech F1 on the dev set");
}

#[test]
fn quotes_held_out_set() {
    if !corpus_present() {
        return;
    }
    // Scores only: the per-quote listing stays off so tuning never looks at it.
    let t = evaluate(HELD_OUT, false).expect("held-out pages readable");
    let s = report("held-out", &t);
    // Floors a little below what the rules reach (0.992, 0.859, 0.760; the
    // indirect F1 was 0.745 before the unseen-4 round).
    assert!(s.direct_f1 >= 0.98, "direct quotes F1 on the held-out set");
    assert!(s.speakers >= 0.84, "speakers right on the held-out set");
    assert!(
        s.indirect_f1 >= 0.74,
        "indirect speech F1 on the held-out set"
    );
}

#[test]
fn quotes_unseen_set() {
    // Self-contained (the excerpts are fixtures), so it never skips. Scores
    // only unless QUOTES_UNSEEN_VERBOSE is set.
    let verbose = std::env::var_os("QUOTES_UNSEEN_VERBOSE").is_some();
    let t = evaluate(UNSEEN, verbose).expect("unseen excerpts readable");
    let s = report("unseen", &t);
    // First run, rules untouched: 0.933, 0.661, 0.729. Then its errors were
    // read while the rules changed: 0.933, 0.923, 0.860; after the unseen-4
    // round: 0.933, 0.925, 0.886.
    assert!(s.direct_f1 >= 0.92, "direct quotes F1 on the unseen set");
    assert!(s.speakers >= 0.90, "speakers right on the unseen set");
    assert!(
        s.indirect_f1 >= 0.87,
        "indirect speech F1 on the unseen set"
    );
}

#[test]
fn quotes_unseen_2_set() {
    let t = evaluate(UNSEEN_2, false).expect("unseen-2 excerpts readable");
    let s = report("unseen-2", &t);
    // Scored once with the rules frozen: 0.960, 0.700, 0.696 (20 quotes);
    // after the rules of the unseen-3 round (its details never read):
    // 0.960, 0.800, 0.696; after the unseen-4 round (details never read):
    // 0.960, 0.810, 0.750.
    assert!(s.direct_f1 >= 0.94, "direct quotes F1 on the unseen-2 set");
    assert!(s.speakers >= 0.78, "speakers right on the unseen-2 set");
    assert!(
        s.indirect_f1 >= 0.72,
        "indirect speech F1 on the unseen-2 set"
    );
}

#[test]
fn quotes_unseen_3_set() {
    // Its details may be read now (it became dev material after its second
    // scoring): QUOTES_UNSEEN_VERBOSE lists them.
    let verbose = std::env::var_os("QUOTES_UNSEEN_VERBOSE").is_some();
    let t = evaluate(UNSEEN_3, verbose).expect("unseen-3 excerpts readable");
    let s = report("unseen-3", &t);
    // Scored once with the rules as they were (the "before"): direct F1
    // 0.993, speakers right 0.602 (62 of 103), indirect F1 0.690. Once more
    // with the rules frozen after the work of issue 17: 1.000, 0.748 (83 of
    // 111), 0.791. Then its errors were read while the rules changed (no
    // longer unseen): 1.000, 0.839 (94 of 112), 0.804.
    assert!(s.direct_f1 >= 0.98, "direct quotes F1 on the unseen-3 set");
    assert!(s.speakers >= 0.82, "speakers right on the unseen-3 set");
    assert!(
        s.indirect_f1 >= 0.78,
        "indirect speech F1 on the unseen-3 set"
    );
}

#[test]
fn quotes_unseen_4_set() {
    let t = evaluate(UNSEEN_4, false).expect("unseen-4 excerpts readable");
    let s = report("unseen-4", &t);
    // Scored once with the rules as they were (the "before"): direct F1
    // 0.983, speakers right 0.931 (94 of 101), indirect F1 0.854. Once more
    // with the rules frozen after the next round: 0.983, 0.949 (94 of 99),
    // 0.840.
    assert!(s.direct_f1 >= 0.97, "direct quotes F1 on the unseen-4 set");
    assert!(s.speakers >= 0.93, "speakers right on the unseen-4 set");
    assert!(
        s.indirect_f1 >= 0.82,
        "indirect speech F1 on the unseen-4 set"
    );
}

/// `QUOTES_DUMP=dir cargo test -p dossier-text --test quotes_eval dump -- --ignored`
/// writes each page's plain text, one numbered paragraph a line, for reading
/// while writing gold.
#[test]
#[ignore]
fn dump_pages() {
    let Some(dir) = std::env::var_os("QUOTES_DUMP") else {
        return;
    };
    for page in DEV.iter().chain(HELD_OUT) {
        if let Some((text, _)) = article(page) {
            std::fs::write(PathBuf::from(&dir).join(format!("{page}.txt")), text)
                .expect("write dump");
        }
    }
}

/// `QUOTES_SHOW=file.txt cargo test -p dossier-text --test quotes_eval show -- --ignored --nocapture`
/// prints the quotes found in a text file, for reading new material.
#[test]
#[ignore]
fn show_quotes() {
    let Some(path) = std::env::var_os("QUOTES_SHOW") else {
        return;
    };
    let text = std::fs::read_to_string(&path).expect("read QUOTES_SHOW");
    let chars: Vec<char> = text.chars().collect();
    for q in find_quotes(&text, &[]) {
        let words: String = chars[q.start..q.end].iter().collect();
        let head: String = words.chars().take(70).collect();
        println!(
            "{:?} [{head}] cue {:?} speaker {:?} ({:?})",
            q.kind,
            q.cue,
            speaker_name(&q),
            q.speaker.as_ref().map(|s| (s.kind, s.name.clone()))
        );
    }
}
