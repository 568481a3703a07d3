//! Anchoring: how a highlight finds its text again after the source changed.
//!
//! An annotation keeps the W3C Web Annotation selectors it was made with: a
//! TextQuoteSelector (`exact`, `prefix`, `suffix`) and a TextPositionSelector
//! (`start`, `end`). Offsets count Unicode scalar values (Rust `char`s) —
//! the same unit everywhere in the engine; the desktop shell converts to
//! JavaScript's UTF-16 units at its boundary.
//!
//! Re-attaching, as Hypothesis does: (1) the position, mapped through a diff
//! of the old and new text, verified against the quote; (2) the exact quote
//! nearest the expected position, its context breaking ties; (3) an
//! approximate match (edit distance) near the expected position, scored on
//! quote, prefix, suffix and distance. What none of these places is an orphan.

use serde::{Deserialize, Serialize};

/// How many characters of context are kept before and after a quote.
pub const CONTEXT_CHARS: usize = 32;
/// The least score an approximate match needs; below it the annotation is an orphan.
pub const FUZZY_THRESHOLD: f32 = 0.75;
/// Approximate matching looks this many characters around the expected place
/// (and through the whole text when it is no longer than this).
const FUZZY_WINDOW: usize = 20_000;
/// How far from the expected place the first, cheap searches look (chars).
const NEAR_WINDOW: usize = 2_000;
/// Quotes longer than this are matched approximately by their two ends.
const FUZZY_MAX_QUOTE: usize = 1_000;

/// The selectors of an annotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Selector {
    pub exact: String,
    #[serde(default)]
    pub prefix: String,
    #[serde(default)]
    pub suffix: String,
    pub start: usize,
    pub end: usize,
}

/// Where an annotation stands against the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnchorStatus {
    /// The quote is where it was.
    Exact,
    /// The quote is intact, at another position.
    Moved,
    /// Only an approximate match was found (see the score).
    Fuzzy,
    /// Not found: kept, listed, re-attachable by hand.
    Orphan,
}

impl AnchorStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AnchorStatus::Exact => "exact",
            AnchorStatus::Moved => "moved",
            AnchorStatus::Fuzzy => "fuzzy",
            AnchorStatus::Orphan => "orphan",
        }
    }

    pub fn parse(s: &str) -> AnchorStatus {
        match s {
            "exact" => AnchorStatus::Exact,
            "moved" => AnchorStatus::Moved,
            "fuzzy" => AnchorStatus::Fuzzy,
            _ => AnchorStatus::Orphan,
        }
    }
}

/// The outcome of anchoring one annotation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Anchored {
    pub status: AnchorStatus,
    pub start: usize,
    pub end: usize,
    /// 1.0 for exact and moved; the match's score for fuzzy; 0 for orphans.
    pub score: f32,
}

/// A text with O(1) conversion from char offsets to byte offsets.
pub struct CharText<'a> {
    text: &'a str,
    /// Byte offset of each char, plus the text's length at the end.
    bytes: Vec<u32>,
}

impl<'a> CharText<'a> {
    pub fn new(text: &'a str) -> CharText<'a> {
        let mut bytes: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        bytes.push(text.len() as u32);
        CharText { text, bytes }
    }

    /// Length in chars.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn as_str(&self) -> &'a str {
        self.text
    }

    /// The text between two char offsets (clamped).
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let n = self.len();
        let (s, e) = (start.min(n), end.min(n).max(start.min(n)));
        &self.text[self.bytes[s] as usize..self.bytes[e] as usize]
    }

    /// Char offset of a byte offset (which must be a char boundary).
    pub fn char_at_byte(&self, byte: usize) -> usize {
        self.bytes.partition_point(|&b| (b as usize) < byte)
    }

    /// Every char offset at which `needle` occurs.
    pub fn find_all(&self, needle: &str) -> Vec<usize> {
        if needle.is_empty() {
            return Vec::new();
        }
        self.text
            .match_indices(needle)
            .map(|(b, _)| self.char_at_byte(b))
            .collect()
    }
}

/// Builds the selectors for the span `start..end` of `text`.
pub fn selector_at(text: &CharText<'_>, start: usize, end: usize) -> Selector {
    Selector {
        exact: text.slice(start, end).to_string(),
        prefix: text
            .slice(start.saturating_sub(CONTEXT_CHARS), start)
            .to_string(),
        suffix: text.slice(end, end + CONTEXT_CHARS).to_string(),
        start,
        end,
    }
}

/// Maps char positions of an old text to a new one, through a line diff.
pub struct PositionMap {
    /// (old start, new start, length) of the runs the two texts share, by old start.
    runs: Vec<(usize, usize, usize)>,
}

impl PositionMap {
    pub fn new(old: &str, new: &str) -> PositionMap {
        let diff = similar::TextDiff::configure()
            .algorithm(similar::Algorithm::Myers)
            .timeout(std::time::Duration::from_millis(500))
            .diff_lines(old, new);
        // Line starts from the diff's own lines: it also ends a line at a
        // lone '\r', so counting '\n's here would disagree with it.
        let old_lines = line_starts(diff.old_slices());
        let new_lines = line_starts(diff.new_slices());
        let mut runs = Vec::new();
        for op in diff.ops() {
            if let similar::DiffOp::Equal {
                old_index,
                new_index,
                len,
            } = *op
            {
                let o = old_lines[old_index];
                let n = new_lines[new_index];
                let l = old_lines[old_index + len] - o;
                runs.push((o, n, l));
            }
        }
        PositionMap { runs }
    }

    /// The new position of the old span `start..end`, when the whole span
    /// lies in one stretch the two texts share.
    pub fn map(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        let i = self.runs.partition_point(|r| r.0 <= start).checked_sub(1)?;
        let (o, n, l) = self.runs[i];
        if start <= end && end <= o + l {
            Some((n + (start - o), n + (end - o)))
        } else {
            None
        }
    }

    /// Where the text of the old span `start..end` can be in the new text
    /// when the span lies in a stretch that changed: between the end of the
    /// shared stretch before it and the start of the one after it.
    pub fn window(&self, start: usize, end: usize) -> (usize, usize) {
        let lo = match self.runs.partition_point(|r| r.0 <= start).checked_sub(1) {
            Some(i) => {
                let (o, n, l) = self.runs[i];
                n + (start - o).min(l)
            }
            None => 0,
        };
        let hi = match self.runs.get(self.runs.partition_point(|r| r.0 < end)) {
            Some(&(_, n, _)) => n,
            None => usize::MAX,
        };
        (lo, hi.max(lo))
    }

    /// The new position of an old point, approximately (for hints).
    pub fn map_point(&self, p: usize) -> usize {
        match self.runs.partition_point(|r| r.0 <= p).checked_sub(1) {
            Some(i) => {
                let (o, n, l) = self.runs[i];
                n + (p - o).min(l)
            }
            None => p,
        }
    }
}

/// The char offset where each line starts, and the end of the last.
fn line_starts(lines: &[&str]) -> Vec<usize> {
    let mut out = vec![0];
    let mut c = 0;
    for line in lines {
        c += line.chars().count();
        out.push(c);
    }
    out
}

/// Anchors one annotation in `text`. `expected` is where the old position
/// maps to in the new text (the old position itself when there is no diff).
pub fn anchor(text: &CharText<'_>, sel: &Selector, expected: Option<(usize, usize)>) -> Anchored {
    anchor_with(text, sel, expected, None, None)
}

/// [`anchor`], with what [`reanchor_all`] knows for many annotations at once:
/// `occurrences`, every place the exact quote occurs (found for all quotes
/// in one pass), and `window`, the stretch of the new text that replaced the
/// annotation's (from the diff), searched first for an approximate match.
fn anchor_with(
    text: &CharText<'_>,
    sel: &Selector,
    expected: Option<(usize, usize)>,
    occurrences: Option<&[usize]>,
    window: Option<(usize, usize)>,
) -> Anchored {
    let len = sel.exact.chars().count();
    let (exp_start, exp_end) = expected.unwrap_or((sel.start, sel.end));
    // 1. The position, verified against the quote (the span must fit the
    // text and the quote's length: `slice` clamps, so a span running past
    // the end could otherwise "verify").
    if verified(text, sel, exp_start, exp_end, len) {
        let status = if exp_start == sel.start {
            AnchorStatus::Exact
        } else {
            AnchorStatus::Moved
        };
        return Anchored {
            status,
            start: exp_start,
            end: exp_end,
            score: 1.0,
        };
    }
    // 2. The exact quote, nearest the expected place; context breaks ties.
    // Near the expected place first: an occurrence there whose context is
    // intact scores above any farther one, so the whole text is searched
    // only when there is none.
    if let Some(best) = near_exact(text, sel, exp_start, exp_end, len) {
        return exact_at(sel, best, len);
    }
    let found = match occurrences {
        Some(o) => o.to_vec(),
        None => text.find_all(&sel.exact),
    };
    if !found.is_empty() {
        // Each occurrence scored once (not once per comparison).
        let best = found
            .iter()
            .map(|&at| (exact_score(text, sel, at, len, exp_start), at))
            .max_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal))
            .map_or(found[0], |(_, at)| at);
        return exact_at(sel, best, len);
    }
    // 3. An approximate match near the expected place: close by first
    // (the diff puts it within the paragraph that changed), then wider.
    let in_window = window.and_then(|(lo, hi)| {
        let lo = lo.saturating_sub(len + CONTEXT_CHARS);
        let hi = hi.saturating_add(len + CONTEXT_CHARS).min(text.len());
        (hi > lo && hi - lo < 2 * NEAR_WINDOW).then(|| fuzzy_in(text, sel, exp_start, lo, hi))?
    });
    if let Some(m) = in_window
        .or_else(|| fuzzy(text, sel, exp_start, NEAR_WINDOW))
        .or_else(|| fuzzy(text, sel, exp_start, FUZZY_WINDOW))
    {
        return m;
    }
    // Kept where it was made; a selector from a file can have its end
    // before its start, which no span in the store may.
    Anchored {
        status: AnchorStatus::Orphan,
        start: sel.start,
        end: sel.end.max(sel.start),
        score: 0.0,
    }
}

/// The quote found whole at `best`: exact if that is where it was, else moved.
fn exact_at(sel: &Selector, best: usize, len: usize) -> Anchored {
    Anchored {
        status: if best == sel.start {
            AnchorStatus::Exact
        } else {
            AnchorStatus::Moved
        },
        start: best,
        end: best + len,
        score: 1.0,
    }
}

fn exact_score(text: &CharText<'_>, sel: &Selector, at: usize, len: usize, expected: usize) -> f32 {
    let before = text.slice(at.saturating_sub(sel.prefix.chars().count()), at);
    let after = text.slice(at + len, at + len + sel.suffix.chars().count());
    let context = similarity(before, &sel.prefix) + similarity(after, &sel.suffix);
    let distance = at.abs_diff(expected) as f32 / (text.len().max(1) as f32);
    context - distance
}

/// 1 − edit distance / length (1.0 = equal).
fn similarity(a: &str, b: &str) -> f32 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let n = a.len().max(b.len());
    if n == 0 {
        return 1.0;
    }
    1.0 - levenshtein(&a, &b) as f32 / n as f32
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Best approximate occurrence of `pattern` in `hay`: (start, end, edits),
/// the first end with the fewest edits. A pattern of up to 128 chars is
/// scanned by Myers' bit-parallel algorithm (one 128-bit column a char of
/// `hay`, instead of one cell a char of the pattern), which gives the end
/// and the cost; the start is then found by [`approx_find_dp`] over the
/// short stretch an alignment of that cost can span, so the answer is the
/// one `approx_find_dp` gives over the whole of `hay`.
fn approx_find(pattern: &[char], hay: &[char]) -> Option<(usize, usize, usize)> {
    let m = pattern.len();
    if m == 0 || hay.is_empty() {
        return None;
    }
    if m > 128 {
        return approx_find_dp(pattern, hay);
    }
    let (end, cost) = bit_parallel_best_end(pattern, hay);
    // An alignment ending at `end` with `cost` edits spans at most m + cost
    // chars of `hay`; no earlier end in that stretch costs as little (the
    // stretch only takes starting places away), so the DP over it ends at
    // `end` too, with the same start.
    let from = end.saturating_sub(m + cost);
    approx_find_dp(pattern, &hay[from..end]).map(|(s, e, c)| (s + from, e + from, c))
}

/// The first end in `hay` (exclusive, ≥ 1) of an alignment with the fewest
/// edits of `pattern` (1 to 128 chars), and that number (Myers 1999, in
/// Hyyrö's formulation for search: the top row is free, so no carry in).
fn bit_parallel_best_end(pattern: &[char], hay: &[char]) -> (usize, usize) {
    let m = pattern.len();
    let mut ascii = [0u128; 128];
    let mut other: Vec<(char, u128)> = Vec::new();
    for (i, &c) in pattern.iter().enumerate() {
        if c.is_ascii() {
            ascii[c as usize] |= 1 << i;
        } else {
            match other.iter_mut().find(|(o, _)| *o == c) {
                Some((_, mask)) => *mask |= 1 << i,
                None => other.push((c, 1 << i)),
            }
        }
    }
    let top: u128 = 1 << (m - 1);
    let full: u128 = if m == 128 { u128::MAX } else { (1 << m) - 1 };
    let (mut pv, mut mv) = (full, 0u128);
    let mut score = m;
    let mut best = (0usize, usize::MAX);
    for (j, &c) in hay.iter().enumerate() {
        let eq = if c.is_ascii() {
            ascii[c as usize]
        } else {
            other
                .iter()
                .find(|(o, _)| *o == c)
                .map_or(0, |(_, mask)| *mask)
        };
        let xv = eq | mv;
        let xh = ((eq & pv).wrapping_add(pv) ^ pv) | eq;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        if ph & top != 0 {
            score += 1;
        } else if mh & top != 0 {
            score -= 1;
        }
        ph <<= 1;
        mh <<= 1;
        pv = (mh | !(xv | ph)) & full;
        mv = ph & xv & full;
        if score < best.1 {
            best = (j + 1, score);
            if score == 0 {
                break;
            }
        }
    }
    best
}

/// [`approx_find`] by Sellers' algorithm (edit distance, free start and end
/// in `hay`), one cell at a time; it also knows where each alignment starts.
fn approx_find_dp(pattern: &[char], hay: &[char]) -> Option<(usize, usize, usize)> {
    let m = pattern.len();
    if m == 0 || hay.is_empty() {
        return None;
    }
    // Two columns over the pattern: each cell's cost, and where in `hay` the
    // alignment that reaches it started. Ties go to the diagonal, then up,
    // then left.
    let mut cost_prev: Vec<u32> = (0..=m as u32).collect();
    let mut start_prev: Vec<u32> = vec![0; m + 1];
    let mut cost_cur: Vec<u32> = vec![0; m + 1];
    let mut start_cur: Vec<u32> = vec![0; m + 1];
    let mut best: Option<(usize, usize, usize)> = None;
    for (j, &h) in hay.iter().enumerate() {
        // The cell above this column's first: cost 0, starting here.
        let (mut up_cost, mut up_start) = (0u32, (j + 1) as u32);
        cost_cur[0] = up_cost;
        start_cur[0] = up_start;
        // Cell i from cells i-1 and i of the last column and i-1 of this
        // one, zipped (no bounds checks) and chosen by selects, not
        // branches (which cost, here, is data).
        let prev = cost_prev.windows(2).zip(start_prev.windows(2));
        let cur = cost_cur[1..].iter_mut().zip(&mut start_cur[1..]);
        for (((cp, sp), &p), (cc, sc)) in prev.zip(pattern).zip(cur) {
            let mut c = cp[0] + u32::from(p != h);
            let mut st = sp[0];
            let up = up_cost + 1;
            st = std::hint::select_unpredictable(up < c, up_start, st);
            c = c.min(up);
            let left = cp[1] + 1;
            st = std::hint::select_unpredictable(left < c, sp[1], st);
            c = c.min(left);
            *cc = c;
            *sc = st;
            (up_cost, up_start) = (c, st);
        }
        let (cost, start) = (cost_cur[m] as usize, start_cur[m] as usize);
        if best.is_none_or(|b| cost < b.2) {
            best = Some((start, j + 1, cost));
            if cost == 0 {
                break;
            }
        }
        std::mem::swap(&mut cost_prev, &mut cost_cur);
        std::mem::swap(&mut start_prev, &mut start_cur);
        // restart the diagonal origin for the next column
        cost_prev[0] = 0;
        start_prev[0] = (j + 1) as u32;
    }
    best
}

fn fuzzy(text: &CharText<'_>, sel: &Selector, expected: usize, window: usize) -> Option<Anchored> {
    let len = sel.exact.chars().count();
    let (lo, hi) = if text.len() <= window * 2 {
        (0, text.len())
    } else {
        (
            expected.saturating_sub(window),
            (expected + len + window).min(text.len()),
        )
    };
    fuzzy_in(text, sel, expected, lo, hi)
}

/// The best approximate match of the quote between `lo` and `hi`.
fn fuzzy_in(
    text: &CharText<'_>,
    sel: &Selector,
    expected: usize,
    lo: usize,
    hi: usize,
) -> Option<Anchored> {
    let quote: Vec<char> = sel.exact.chars().collect();
    if quote.is_empty() || text.is_empty() || lo >= hi {
        return None;
    }
    let hay: Vec<char> = text.slice(lo, hi).chars().collect();
    let (start, end, edits) = if quote.len() <= FUZZY_MAX_QUOTE {
        approx_find(&quote, &hay)?
    } else {
        // A long quote: place its two ends, then take what lies between.
        let head = &quote[..200];
        let tail = &quote[quote.len() - 200..];
        let (hs, _, he) = approx_find(head, &hay)?;
        let (_, te, tt) =
            approx_find(tail, &hay[hs.min(hay.len())..]).map(|(s, e, c)| (s + hs, e + hs, c))?;
        let span = te.saturating_sub(hs);
        let len_diff = span.abs_diff(quote.len());
        (hs, te, he + tt + len_diff)
    };
    let quote_sim = 1.0 - edits as f32 / quote.len() as f32;
    let (start, end) = (lo + start, lo + end);
    let before = text.slice(start.saturating_sub(sel.prefix.chars().count()), start);
    let after = text.slice(end, end + sel.suffix.chars().count());
    let context = (similarity(before, &sel.prefix) + similarity(after, &sel.suffix)) / 2.0;
    let distance = (start.abs_diff(expected) as f32 / FUZZY_WINDOW as f32).min(1.0);
    let score = 0.8 * quote_sim + 0.2 * context - 0.05 * distance;
    if quote_sim < 0.6 || score < FUZZY_THRESHOLD {
        return None;
    }
    Some(Anchored {
        status: AnchorStatus::Fuzzy,
        start,
        end,
        score: (score * 1000.0).round() / 1000.0,
    })
}

/// Re-anchors many annotations from an old text to a new one.
///
/// First each annotation's old span is mapped through the line diff and
/// checked against its quote, then the quote is looked for near that place
/// with its context; that settles almost every annotation. The quotes of the
/// rest are found in the new text in one Aho–Corasick pass (rather than one
/// scan of the text each), and an approximate match is looked for first in
/// the stretch of new text that replaced the annotation's.
pub fn reanchor_all(old: Option<&str>, new: &str, selectors: &[Selector]) -> Vec<Anchored> {
    let text = CharText::new(new);
    let map = old.map(|o| PositionMap::new(o, new));
    let expected: Vec<Option<(usize, usize)>> = selectors
        .iter()
        .map(|sel| {
            map.as_ref().map(|m| {
                m.map(sel.start, sel.end).unwrap_or_else(|| {
                    let s = m.map_point(sel.start);
                    (s, s + sel.end.saturating_sub(sel.start))
                })
            })
        })
        .collect();
    let mut out: Vec<Option<Anchored>> = selectors
        .iter()
        .zip(&expected)
        .map(|(sel, exp)| quick(&text, sel, *exp))
        .collect();
    let rest: Vec<usize> = (0..selectors.len())
        .filter(|&i| out[i].is_none() && !selectors[i].exact.is_empty())
        .collect();
    if !rest.is_empty() {
        let mut quotes: Vec<&str> = rest.iter().map(|&i| selectors[i].exact.as_str()).collect();
        quotes.sort_unstable();
        quotes.dedup();
        let mut occurrences: std::collections::HashMap<&str, Vec<usize>> =
            std::collections::HashMap::new();
        if let Ok(ac) = aho_corasick::AhoCorasick::new(&quotes) {
            for m in ac.find_overlapping_iter(new) {
                occurrences
                    .entry(quotes[m.pattern().as_usize()])
                    .or_default()
                    .push(text.char_at_byte(m.start()));
            }
        }
        for i in rest {
            let sel = &selectors[i];
            let found = occurrences
                .get(sel.exact.as_str())
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let window = map.as_ref().map(|m| m.window(sel.start, sel.end));
            out[i] = Some(anchor_with(&text, sel, expected[i], Some(found), window));
        }
    }
    out.into_iter()
        .zip(selectors)
        .map(|(a, sel)| a.unwrap_or_else(|| anchor(&text, sel, None)))
        .collect()
}

/// Whether `start..end` of the text holds the quote: the span must fit the
/// text and the quote's length (`slice` clamps, so a span running past the
/// end could otherwise "verify").
fn verified(text: &CharText<'_>, sel: &Selector, start: usize, end: usize, len: usize) -> bool {
    !sel.exact.is_empty()
        && end <= text.len()
        && end.checked_sub(start) == Some(len)
        && text.slice(start, end) == sel.exact
}

/// The cheap part of [`anchor`]: the expected place verified against the
/// quote, or the quote with its context intact near it; `None` otherwise.
fn quick(
    text: &CharText<'_>,
    sel: &Selector,
    expected: Option<(usize, usize)>,
) -> Option<Anchored> {
    let len = sel.exact.chars().count();
    let (exp_start, exp_end) = expected.unwrap_or((sel.start, sel.end));
    if sel.exact.is_empty() {
        return None;
    }
    let status = |at: usize| {
        if at == sel.start {
            AnchorStatus::Exact
        } else {
            AnchorStatus::Moved
        }
    };
    if verified(text, sel, exp_start, exp_end, len) {
        return Some(Anchored {
            status: status(exp_start),
            start: exp_start,
            end: exp_end,
            score: 1.0,
        });
    }
    near_exact(text, sel, exp_start, exp_end, len).map(|at| Anchored {
        status: status(at),
        start: at,
        end: at + len,
        score: 1.0,
    })
}

/// The occurrence of the quote nearest the expected place within
/// `NEAR_WINDOW` whose prefix and suffix are intact.
fn near_exact(
    text: &CharText<'_>,
    sel: &Selector,
    exp_start: usize,
    exp_end: usize,
    len: usize,
) -> Option<usize> {
    let lo = exp_start.saturating_sub(NEAR_WINDOW);
    let hi = (exp_end + NEAR_WINDOW).min(text.len());
    if lo >= hi {
        return None;
    }
    let near = text.slice(lo, hi);
    let base = text.slice(0, lo).len();
    near.match_indices(sel.exact.as_str())
        .map(|(b, _)| text.char_at_byte(base + b))
        .filter(|&at| {
            text.slice(at.saturating_sub(sel.prefix.chars().count()), at) == sel.prefix
                && text.slice(at + len, at + len + sel.suffix.chars().count()) == sel.suffix
        })
        .min_by_key(|&at| at.abs_diff(exp_start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(text: &str, quote: &str) -> Selector {
        let t = CharText::new(text);
        let at = t.find_all(quote)[0];
        selector_at(&t, at, at + quote.chars().count())
    }

    #[test]
    fn a_span_past_the_end_is_not_verified_in_bulk_either() {
        // Found by the `anchor` fuzz target: the quick pass of reanchor_all
        // took a clamped slice as the quote.
        let sel = Selector {
            exact: "\0".into(),
            prefix: String::new(),
            suffix: String::new(),
            start: 0,
            end: 11,
        };
        for a in reanchor_all(Some(""), "\0", std::slice::from_ref(&sel)) {
            assert!(a.start <= a.end && a.end <= 1, "{a:?}");
        }
    }

    #[test]
    fn exact_moved_fuzzy_orphan() {
        let old = "Сергей Кислицын said: NATO will never guarantee it. Then he left.";
        let s = sel(old, "NATO will never guarantee it");
        let same = reanchor_all(Some(old), old, std::slice::from_ref(&s))[0];
        assert_eq!(same.status, AnchorStatus::Exact);

        let moved_text = format!("Ёлка 🎄 и снег. {old}");
        let moved = reanchor_all(Some(old), &moved_text, std::slice::from_ref(&s))[0];
        assert_eq!(moved.status, AnchorStatus::Moved);
        let t = CharText::new(&moved_text);
        assert_eq!(t.slice(moved.start, moved.end), s.exact);

        let typo = old.replace("guarantee", "guarante");
        let fz = reanchor_all(Some(old), &typo, std::slice::from_ref(&s))[0];
        assert_eq!(fz.status, AnchorStatus::Fuzzy);
        assert!(fz.score > 0.8 && fz.score < 1.0, "{}", fz.score);
        let t = CharText::new(&typo);
        assert_eq!(t.slice(fz.start, fz.end), "NATO will never guarante it");

        let gone = "Something else entirely, about weather in Geneva.";
        let o = reanchor_all(Some(old), gone, std::slice::from_ref(&s))[0];
        assert_eq!(o.status, AnchorStatus::Orphan);
    }

    #[test]
    fn context_chooses_between_repeated_quotes() {
        let text = "first: the talks failed. second: the talks failed. third.";
        let t = CharText::new(text);
        let second = text.find("second").unwrap() + "second: ".len();
        let s = selector_at(&t, second, second + "the talks failed".len());
        // Move everything: the position no longer verifies, context decides.
        let new = format!("Intro. {text}");
        let a = reanchor_all(None, &new, std::slice::from_ref(&s))[0];
        let nt = CharText::new(&new);
        assert_eq!(a.status, AnchorStatus::Moved);
        assert!(nt
            .slice(a.start.saturating_sub(8), a.start)
            .contains("second"));
    }

    #[test]
    fn a_selector_that_ends_before_it_starts_is_an_orphan_not_a_panic() {
        // Found by the `anchor` fuzz target: `end - start` underflowed.
        let bad = Selector {
            exact: String::new(),
            prefix: String::new(),
            suffix: String::new(),
            start: 14,
            end: 0,
        };
        let a = reanchor_all(Some(""), "", std::slice::from_ref(&bad))[0];
        assert_eq!(a.status, AnchorStatus::Orphan);
        assert!(a.start <= a.end);
        // And through a position map (the second input the fuzzer found).
        let far = Selector {
            start: 22_528,
            ..bad.clone()
        };
        let a = reanchor_all(Some("\n\0"), "\0", std::slice::from_ref(&far))[0];
        assert!(a.start <= a.end);
        assert_eq!(PositionMap::new("a\nb\n", "a\nb\n").map(3, 1), None);
        // A span longer than its quote, running past the end of the text
        // (a third input the fuzzer found): not "exact" at 0..11.
        let long = Selector {
            exact: "\0".into(),
            start: 0,
            end: 11,
            ..bad.clone()
        };
        let a = anchor(&CharText::new("\0"), &long, None);
        assert_eq!((a.start, a.end), (0, 1), "the quote, found where it was");
        let b = anchor(&CharText::new("some text"), &bad, None);
        assert!(b.start <= b.end);
    }

    #[test]
    fn carriage_returns_do_not_confuse_the_line_diff() {
        // Found by the `anchor` fuzz target: the diff ends lines at a lone
        // '\r', the position map counted only '\n': an index out of bounds.
        let old = "\0\u{e}\r\r\u{e}";
        let new = "\r\r";
        let s = selector_at(&CharText::new(old), 0, 3);
        let _ = reanchor_all(Some(old), new, std::slice::from_ref(&s));
        let old = "Old Mac text.\rNATO will never guarantee it.\rEnd.";
        let new = "Intro.\rOld Mac text.\rNATO will never guarantee it.\rEnd.";
        let s = sel(old, "NATO will never guarantee it");
        let a = reanchor_all(Some(old), new, std::slice::from_ref(&s))[0];
        assert_eq!(a.status, AnchorStatus::Moved);
        assert_eq!(CharText::new(new).slice(a.start, a.end), s.exact);
    }

    #[test]
    fn combining_marks_and_emoji_do_not_shift() {
        let text = "Cafe\u{301} 👩‍👩‍👧 — Kyiv talks.";
        let s = sel(text, "Kyiv");
        assert_eq!(CharText::new(text).slice(s.start, s.end), "Kyiv");
        let new = format!("é́ {text}");
        let a = reanchor_all(Some(text), &new, std::slice::from_ref(&s))[0];
        assert_eq!(CharText::new(&new).slice(a.start, a.end), "Kyiv");
    }

    /// The alignment as first written: one cell at a time, with branches.
    /// The oracle for [`approx_find`]'s branch-free loop.
    fn approx_find_reference(pattern: &[char], hay: &[char]) -> Option<(usize, usize, usize)> {
        let m = pattern.len();
        if m == 0 || hay.is_empty() {
            return None;
        }
        let mut cost_prev: Vec<u32> = (0..=m as u32).collect();
        let mut start_prev: Vec<u32> = vec![0; m + 1];
        let mut cost_cur: Vec<u32> = vec![0; m + 1];
        let mut start_cur: Vec<u32> = vec![0; m + 1];
        let mut best: Option<(usize, usize, usize)> = None;
        for (j, &h) in hay.iter().enumerate() {
            cost_cur[0] = 0;
            start_cur[0] = (j + 1) as u32;
            for i in 1..=m {
                let mut c = cost_prev[i - 1] + u32::from(pattern[i - 1] != h);
                let mut st = start_prev[i - 1];
                let up = cost_cur[i - 1] + 1;
                if up < c {
                    c = up;
                    st = start_cur[i - 1];
                }
                let left = cost_prev[i] + 1;
                if left < c {
                    c = left;
                    st = start_prev[i];
                }
                cost_cur[i] = c;
                start_cur[i] = st;
            }
            let (cost, start) = (cost_cur[m] as usize, start_cur[m] as usize);
            if best.is_none_or(|b| cost < b.2) {
                best = Some((start, j + 1, cost));
                if cost == 0 {
                    break;
                }
            }
            std::mem::swap(&mut cost_prev, &mut cost_cur);
            std::mem::swap(&mut start_prev, &mut start_cur);
            cost_prev[0] = 0;
            start_prev[0] = (j + 1) as u32;
        }
        best
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Same match, same cost, same start as the branching loop, on
        /// texts of a small alphabet (so that near matches and ties abound).
        #[test]
        fn approx_find_matches_the_reference(
            pattern in proptest::collection::vec(proptest::sample::select(vec!['a', 'b', 'c', ' ', 'é']), 0..24),
            hay in proptest::collection::vec(proptest::sample::select(vec!['a', 'b', 'c', ' ', 'é']), 0..120),
        ) {
            proptest::prop_assert_eq!(
                approx_find(&pattern, &hay),
                approx_find_reference(&pattern, &hay)
            );
        }

        /// The bit-parallel scan on patterns around its 128-char word and
        /// past it (where the cell-by-cell loop takes over).
        #[test]
        fn long_patterns_match_the_reference(
            pattern in proptest::collection::vec(proptest::sample::select(vec!['a', 'b', ' ', 'é']), 100..150),
            hay in proptest::collection::vec(proptest::sample::select(vec!['a', 'b', ' ', 'é']), 0..300),
        ) {
            proptest::prop_assert_eq!(
                approx_find(&pattern, &hay),
                approx_find_reference(&pattern, &hay)
            );
        }
    }
}
