//! Snippets of search hits: the fragment of a text around its best matches,
//! HTML-escaped, with each match wrapped in one `<mark>`.
//!
//! A query gives [`Pattern`]s: a word, a phrase or a name, each a run of
//! analysed words (the index's own analysis, so stems and folded accents
//! match as they do in the query). A phrase is found only where its words
//! stand side by side and is marked as one run; its words are not patterns
//! of their own, so they are not marked where they stand alone. Overlapping
//! matches are merged into one run.
//!
//! The fragment: of every stretch of at most `max_chars` characters that
//! starts and ends with a match, the one with the most weight (each pattern
//! counts once, by its number of words; repeats add a little) wins, the
//! earliest on ties; the context left over is shared before and after it,
//! and the cut moves to a space so that no word is cut. Cuts are shown as `…`.

use std::collections::HashMap;

use tantivy::tokenizer::TokenStream;

use crate::index::{tokens, words_analyzer};
use crate::text::escape_html;

/// Something to mark in a snippet: a run of analysed words.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Pattern {
    /// The words, analysed as the index analyses the body.
    pub words: Vec<String>,
    /// Matches only text written in capitals (a name written as an acronym,
    /// `US`, matches "US" and not "us"; as the gazetteer finds names).
    pub capitals: bool,
}

impl Pattern {
    /// The pattern of a word or phrase as the user typed it (any case).
    pub fn of_text(text: &str) -> Option<Pattern> {
        let words = tokens(&mut words_analyzer(), text);
        (!words.is_empty()).then_some(Pattern {
            words,
            capitals: false,
        })
    }

    /// The pattern of an entity's name: written in capitals only, it
    /// matches only capitals.
    pub fn of_name(name: &str) -> Option<Pattern> {
        let mut p = Pattern::of_text(name)?;
        p.capitals = name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase);
        Some(p)
    }

    /// A single analysed word (a prefix's or fuzzy word's expansion).
    pub fn analysed_word(word: String) -> Pattern {
        Pattern {
            words: vec![word],
            capitals: false,
        }
    }
}

/// One word of the text: byte span, char offset of its start and end, position.
struct Token {
    from: usize,
    to: usize,
    position: usize,
    text: String,
}

/// A span of the text to mark, in bytes, and the patterns found there.
#[derive(Debug, Clone)]
struct Match {
    from: usize,
    to: usize,
    patterns: Vec<usize>,
}

/// The snippet of `body` for `patterns`: `None` when none of them occurs.
pub fn snippet(body: &str, patterns: &[Pattern], max_chars: usize) -> Option<String> {
    let matches = find(body, patterns);
    if matches.is_empty() {
        return None;
    }
    let (first, last) = best_window(body, &matches, patterns, max_chars);
    let (start, end) = frame(body, matches[first].from, matches[last].to, max_chars);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = start;
    for m in matches.iter().filter(|m| m.from >= start && m.to <= end) {
        out.push_str(&escape_html(&body[at..m.from]));
        out.push_str("<mark>");
        out.push_str(&escape_html(&body[m.from..m.to]));
        out.push_str("</mark>");
        at = m.to;
    }
    out.push_str(&escape_html(&body[at..end]));
    if end < body.len() {
        out.push('…');
    }
    Some(out)
}

/// Every match of every pattern, in text order, overlapping ones merged.
fn find(body: &str, patterns: &[Pattern]) -> Vec<Match> {
    let mut by_first: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, p) in patterns.iter().enumerate() {
        if let Some(w) = p.words.first() {
            by_first.entry(w.as_str()).or_default().push(i);
        }
    }
    if by_first.is_empty() {
        return Vec::new();
    }
    let mut analyzer = words_analyzer();
    let mut stream = analyzer.token_stream(body);
    let mut toks = Vec::new();
    while stream.advance() {
        let t = stream.token();
        toks.push(Token {
            from: t.offset_from,
            to: t.offset_to,
            position: t.position,
            text: t.text.clone(),
        });
    }
    let mut found: Vec<Match> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let Some(candidates) = by_first.get(t.text.as_str()) else {
            continue;
        };
        for &p in candidates {
            let words = &patterns[p].words;
            let Some(run) = toks.get(i..i + words.len()) else {
                continue;
            };
            let side_by_side = run
                .iter()
                .zip(words)
                .enumerate()
                .all(|(k, (tok, w))| tok.text == *w && tok.position == t.position + k);
            if !side_by_side {
                continue;
            }
            let (from, to) = (t.from, run[run.len() - 1].to);
            if patterns[p].capitals && body[from..to].chars().any(char::is_lowercase) {
                continue;
            }
            found.push(Match {
                from,
                to,
                patterns: vec![p],
            });
        }
    }
    found.sort_by_key(|m| (m.from, std::cmp::Reverse(m.to)));
    let mut merged: Vec<Match> = Vec::with_capacity(found.len());
    for m in found {
        match merged.last_mut() {
            Some(last) if m.from < last.to => {
                last.to = last.to.max(m.to);
                last.patterns.extend(m.patterns);
            }
            _ => merged.push(m),
        }
    }
    merged
}

/// The first and last match of the best stretch of at most `max_chars`
/// characters (a single match longer than that stands alone).
fn best_window(
    body: &str,
    matches: &[Match],
    patterns: &[Pattern],
    max_chars: usize,
) -> (usize, usize) {
    let chars = |from: usize, to: usize| body[from..to].chars().count();
    let mut best = (0, 0);
    let mut best_score = f64::MIN;
    let mut seen = vec![0usize; patterns.len()];
    for first in 0..matches.len() {
        seen.iter_mut().for_each(|s| *s = 0);
        let mut score = 0.0;
        for (last, m) in matches.iter().enumerate().skip(first) {
            if last > first && chars(matches[first].from, m.to) > max_chars {
                break;
            }
            for &p in &m.patterns {
                seen[p] += 1;
                score += if seen[p] == 1 {
                    patterns[p].words.len() as f64
                } else {
                    0.1
                };
            }
            if score > best_score {
                best_score = score;
                best = (first, last);
            }
        }
    }
    best
}

/// The byte span of the fragment around `from..to`: the context left over
/// shared before and after, ends moved to spaces so no word is cut.
fn frame(body: &str, from: usize, to: usize, max_chars: usize) -> (usize, usize) {
    let inner = body[from..to].chars().count();
    let slack = max_chars.saturating_sub(inner);
    let after_room = body[to..].chars().count();
    let before_room = body[..from].chars().count();
    // Half the slack before, more when the text ends sooner after.
    let before = (slack / 2).max(slack.saturating_sub(after_room)).min(before_room);
    let after = (slack - before).min(after_room);
    let mut start = match before {
        0 => from,
        n => body[..from]
            .char_indices()
            .rev()
            .nth(n - 1)
            .map_or(0, |(i, _)| i),
    };
    let mut end = body[to..]
        .char_indices()
        .nth(after)
        .map_or(body.len(), |(i, _)| to + i);
    let space_before = |i: usize| body[..i].chars().next_back().is_some_and(char::is_whitespace);
    if start > 0 && !space_before(start) {
        // Start after a space, unless the word before the match is all there is.
        if let Some(sp) = body[start..from].find(char::is_whitespace) {
            start += sp;
            start += body[start..]
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(0);
        } else {
            start = from;
        }
    }
    if end < body.len() && !body[end..].starts_with(char::is_whitespace) {
        match body[to..end].rfind(char::is_whitespace) {
            Some(sp) => end = to + sp,
            None => end = to,
        }
        end = to + body[to..end].trim_end().len();
    }
    (start.min(from), end.max(to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pats(qs: &[&str]) -> Vec<Pattern> {
        qs.iter().filter_map(|q| Pattern::of_text(q)).collect()
    }

    #[test]
    fn a_phrase_is_one_run_and_its_words_are_not_marked_alone() {
        let body = "In the morning in the rain, traffic moved on the Highway in both directions. Meanwhile in town nothing moved.";
        let s = snippet(body, &pats(&["Highway in both directions Meanwhile"]), 180).unwrap();
        assert_eq!(s.matches("<mark>").count(), 1, "{s}");
        assert!(
            s.contains("<mark>Highway in both directions. Meanwhile</mark>"),
            "{s}"
        );
    }

    #[test]
    fn the_fragment_is_around_the_best_cluster() {
        let filler = "word ".repeat(60);
        let body = format!("alpha {filler} alpha beta {filler} end");
        let s = snippet(&body, &pats(&["alpha", "beta"]), 80).unwrap();
        assert!(s.contains("<mark>alpha</mark> <mark>beta</mark>"), "{s}");
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        let plain = s.replace("<mark>", "").replace("</mark>", "");
        assert!(plain.chars().count() <= 82, "{plain}");
        assert!(!plain.contains("wor…") && !plain.contains("…ord"), "no cut word: {plain}");
    }

    #[test]
    fn capitals_only_names_match_capitals_only() {
        let p = vec![Pattern::of_name("US").unwrap()];
        let s = snippet("Follow us: the US said so.", &p, 180).unwrap();
        assert_eq!(s, "Follow us: the <mark>US</mark> said so.");
    }

    #[test]
    fn escapes_and_handles_multibyte_text() {
        let body = "«Ça» <b>é</b> — Kyiv & Kiev ".repeat(20);
        let s = snippet(&body, &pats(&["kiev"]), 40).unwrap();
        assert!(!s.contains("<b>"), "{s}");
        assert!(s.contains("<mark>Kiev</mark>"), "{s}");
        assert!(snippet(&body, &pats(&["absent"]), 40).is_none());
    }
}
