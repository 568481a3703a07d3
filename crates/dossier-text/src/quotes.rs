//! Who said what: direct quotes and reported speech, each with its speaker.
//!
//! [`find_quotes`] reads plain text (paragraphs separated by newlines) and
//! returns every quote it finds, in reading order:
//!
//! - **Direct quotes**: words between quote marks (straight `"…"`, curly
//!   `“…”`, guillemets `«…»` and `»…«`, low-high `„…“`, single `‘…’` and
//!   `'…'`; apostrophes such as "don't", "NATO's" and "the '90s" are told
//!   apart by the letters around them). A quote whose paragraph ends without
//!   a closing mark and whose next paragraph opens with a mark runs on: it is
//!   **one** quote spanning the paragraphs (the span then covers the
//!   paragraph break and the repeated opening mark). After an attribution
//!   such as `“…,” comments X. – …`, the words after the dash are X's
//!   quote too (direct, no marks), up to the paragraph's end, or on to a
//!   later paragraph that ends with a lone closing mark. Scare quotes and
//!   quoted titles (one or two words, or words In Title Case, with no speech
//!   verb next to them) are left out.
//! - **Reported speech**: the clause after "X said (that) …", "X told
//!   reporters …", "according to X, …", or before "…, X said." / "…, said
//!   X." with a general list of speech verbs (`quotes/lexicon.rs`).
//!
//! The speaker is read from the attribution: "X said", "said X", "X, a
//! spokesman for Y, said" (X, without the appositive), "said X, director of
//! Y" (X), a description ("a company spokeswoman said", "analysts said"), or
//! a pronoun or title ("he", "the minister") standing for the last person
//! named before it ("he" and "she": the last one whose gender, as the text's
//! own pronouns and the words before a name — "Mrs.", "his wife", "spokesman"
//! — show it, does not contradict; with no one named in full, the last lone
//! capitalised subject). A speaker must be able to speak: a description of
//! reported speech needs a person, body or document head ("the work added
//! eight beds" is no speech), and a day or month is never a speaker. A
//! subhead run into the text ("Sent home for rest Mr. Doe said", "Pay raise
//! sought The mayor spoke …, saying") is not part of the speaker. A quote with no attribution
//! of its own takes the speaker of the quote before it in its paragraph, the
//! person named in its sentence or the one before ("X put it this way: “…”"),
//! or, when it opens its paragraph, the speaker or person of the paragraph
//! before ("The Mayor said:" closing that paragraph is its attribution). A
//! quote with no speaker in sight has `speaker: None`.
//!
//! Also read: "X, president of Y, who attended, said" and "X, economist of
//! Y, Chicago, predicted" (X: a bare role between commas follows the name);
//! "…"?? he asked" (the question mark set after the closing mark); a title
//! ("the mayor", "the former secretary of labor") stands for the person last
//! named with it ("Mayor Jane Doe"), else the last person named; "he" never
//! stands for someone named inside its own quote, and stands for a speaker
//! given as a description ("a taxi driver remarks …") when no one has been
//! named since.
//!
//! Speakers are matched to `known` entities by name or alias, case and
//! diacritics aside, or by surname against known people.
//!
//! Everything is one pass over the text plus bounded look-arounds (a few
//! dozen words around each mark or speech verb), so the time is linear in
//! the text's length, whatever the input.

use serde::Serialize;
use std::collections::HashMap;

mod lexicon;
use lexicon::*;

/// What kind of thing a known name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum NameKind {
    Person,
    Organisation,
    Place,
    Other,
}

/// A known entity, by its canonical name, with every name it goes by
/// (canonical name and aliases), against which speakers are matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KnownName<'a> {
    pub entity: &'a str,
    pub names: Vec<&'a str>,
    pub kind: NameKind,
}

/// Direct (the speaker's own words) or indirect (reported) speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum QuoteKind {
    Direct,
    Indirect,
}

/// How the speaker is written where the quote is attributed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum SpeakerKind {
    /// A name: "Jane Doe", "the Food Standards Agency".
    Named,
    /// A description: "a company spokeswoman", "analysts", "the source".
    Description,
    /// A pronoun or a title standing for someone named before ("he", "the
    /// minister"); `refers_to` names that someone when it could be found.
    Pronoun,
}

/// Who said a quote, as written in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    /// Character offsets of the speaker's words in the text (for a quote
    /// that takes its speaker from an earlier quote, the earlier words).
    pub start: usize,
    pub end: usize,
    /// The speaker as written, without titles or appositives ("Jane Doe",
    /// "the representative of the Foo Council", "he").
    pub name: String,
    pub kind: SpeakerKind,
    /// For a pronoun or title: the name of the person or body it stands for.
    pub refers_to: Option<String>,
    /// The known entity (its canonical name) the speaker is, if any.
    pub entity: Option<String>,
}

/// One quote: its words, how it was introduced and by whom.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quote {
    /// Character offsets of the quoted words (without the quote marks).
    pub start: usize,
    pub end: usize,
    pub kind: QuoteKind,
    /// The speech verb or phrase as written ("said", "according to").
    pub cue: Option<String>,
    pub speaker: Option<Speaker>,
}

/// Finds direct quotes and reported speech in `text`, with their speakers,
/// matched against `known` entities. Offsets count `char`s. Never panics;
/// time is linear in the text's length.
pub fn find_quotes(text: &str, known: &[KnownName]) -> Vec<Quote> {
    QuoteFinder::new(known).find(text)
}

/// [`find_quotes`] for many texts against the same known entities: the
/// names are folded and indexed once, not once a text (with a thousand
/// entities that indexing costs more than reading a short article).
pub struct QuoteFinder {
    cues: CueTable,
    known: KnownIndex,
}

impl QuoteFinder {
    pub fn new(known: &[KnownName]) -> QuoteFinder {
        QuoteFinder {
            cues: CueTable::new(),
            known: KnownIndex::new(known),
        }
    }

    /// The quotes of `text`, as [`find_quotes`] gives them.
    pub fn find(&self, text: &str) -> Vec<Quote> {
        let doc = Doc::new(text);
        let mut finder = Finder {
            doc: &doc,
            cues: &self.cues,
            known: &self.known,
            quotes: Vec::new(),
        };
        finder.run();
        finder.quotes.sort_by_key(|q| (q.start, q.end));
        finder.quotes.into_iter().map(|q| q.quote).collect()
    }
}

// ---------------------------------------------------------------------------
// Text: characters, paragraphs, tokens, sentences.

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
    word: bool,
}

struct Doc {
    chars: Vec<char>,
    /// Paragraphs as character ranges, blank lines dropped, ends trimmed.
    paras: Vec<(usize, usize)>,
    toks: Vec<Tok>,
    /// Every token's text in lower case (soft hyphens dropped), end to end:
    /// token `i` is `lower_text[lower_ends[i - 1]..lower_ends[i]]`. Made
    /// once: the rules ask for a token's lower case many times.
    lower_text: String,
    lower_ends: Vec<usize>,
    /// Character positions where sentences start (paragraph starts included).
    sentence_starts: Vec<usize>,
}

fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '\'' | '‚' | '‟'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '–' | '—' | '-' | '―')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Characters allowed inside a word between two word characters.
fn is_word_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '\u{ad}' | '&')
}

impl Doc {
    fn new(text: &str) -> Doc {
        let chars: Vec<char> = text.chars().collect();
        let mut paras = Vec::new();
        let mut start = 0;
        for i in 0..=chars.len() {
            if i == chars.len() || chars[i] == '\n' || chars[i] == '\r' {
                let (mut s, mut e) = (start, i);
                while s < e && chars[s].is_whitespace() {
                    s += 1;
                }
                while e > s && chars[e - 1].is_whitespace() {
                    e -= 1;
                }
                if s < e {
                    paras.push((s, e));
                }
                start = i + 1;
            }
        }
        let mut toks = Vec::new();
        for &(s, e) in &paras {
            let mut i = s;
            while i < e {
                let c = chars[i];
                if c.is_whitespace() {
                    i += 1;
                } else if is_word_char(c) {
                    let st = i;
                    i += 1;
                    while i < e
                        && (is_word_char(chars[i])
                            || (is_word_joiner(chars[i])
                                && i + 1 < e
                                && is_word_char(chars[i + 1])))
                    {
                        i += 1;
                    }
                    toks.push(Tok {
                        start: st,
                        end: i,
                        word: true,
                    });
                } else {
                    toks.push(Tok {
                        start: i,
                        end: i + 1,
                        word: false,
                    });
                    i += 1;
                }
            }
        }
        let mut lower_text = String::with_capacity(text.len());
        let mut lower_ends = Vec::with_capacity(toks.len());
        for t in &toks {
            for &c in &chars[t.start..t.end] {
                if c.is_ascii() {
                    lower_text.push(c.to_ascii_lowercase());
                } else if c != '\u{ad}' {
                    lower_text.extend(c.to_lowercase());
                }
            }
            lower_ends.push(lower_text.len());
        }
        let mut doc = Doc {
            chars,
            paras,
            toks,
            lower_text,
            lower_ends,
            sentence_starts: Vec::new(),
        };
        doc.sentence_starts = doc.find_sentence_starts();
        doc
    }

    fn find_sentence_starts(&self) -> Vec<usize> {
        let mut starts = Vec::new();
        for &(ps, pe) in &self.paras {
            starts.push(ps);
            let first = self.tok_index(ps);
            let last = self.tok_index(pe);
            let mut i = first;
            while i < last {
                let t = self.toks[i];
                let c = self.chars[t.start];
                if !t.word
                    && matches!(c, '.' | '!' | '?' | '…')
                    && !self.is_abbreviation_stop(i, first)
                {
                    // Closing marks and brackets after the stop stay in the sentence.
                    let mut j = i + 1;
                    while j < last && !self.toks[j].word && {
                        let d = self.chars[self.toks[j].start];
                        matches!(
                            d,
                            '”' | '’' | '"' | '»' | ')' | ']' | '\'' | '.' | '!' | '?'
                        ) && self.toks[j].start == self.toks[j - 1].end
                    } {
                        j += 1;
                    }
                    if j < last && self.toks[j].start > self.toks[j - 1].end {
                        let d = self.chars[self.toks[j].start];
                        if d.is_uppercase()
                            || d.is_numeric()
                            || is_quote_mark(d)
                            || is_dash(d)
                            || d == '['
                            || d == '('
                        {
                            starts.push(self.toks[j].start);
                        }
                    }
                    i = j;
                } else {
                    i += 1;
                }
            }
        }
        starts
    }

    /// Whether the full stop at token `i` belongs to an abbreviation or an
    /// initial ("Mr.", "U.S.", "Robert M. Danin") rather than ending a sentence.
    fn is_abbreviation_stop(&self, i: usize, first: usize) -> bool {
        if self.chars[self.toks[i].start] != '.' || i == first {
            return false;
        }
        let w = self.toks[i - 1];
        if !w.word || w.end != self.toks[i].start {
            return false;
        }
        let lc = self.lower(i - 1);
        let len = w.end - w.start;
        ABBREVIATIONS.contains(&lc)
            || (len == 1 && self.chars[w.start].is_uppercase())
            || self.chars[w.start..w.end].contains(&'.')
    }

    /// The first token starting at or after `pos`.
    fn tok_index(&self, pos: usize) -> usize {
        self.toks.partition_point(|t| t.start < pos)
    }

    /// Token `i` in lower case (soft hyphens dropped); empty past the end.
    fn lower(&self, i: usize) -> &str {
        let Some(&end) = self.lower_ends.get(i) else {
            return "";
        };
        let start = i.checked_sub(1).map_or(0, |p| self.lower_ends[p]);
        &self.lower_text[start..end]
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.word)
    }

    fn punct(&self, i: usize) -> Option<char> {
        self.toks
            .get(i)
            .filter(|t| !t.word)
            .map(|t| self.chars[t.start])
    }

    fn capitalised(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.word && self.chars[t.start].is_uppercase())
    }

    fn text(&self, s: usize, e: usize) -> String {
        let e = e.min(self.chars.len());
        self.chars[s.min(e)..e]
            .iter()
            .filter(|&&c| c != '\u{ad}')
            .collect()
    }

    /// The text of tokens `a..b`, as written.
    fn tok_text(&self, a: usize, b: usize) -> String {
        if a >= b || b > self.toks.len() {
            return String::new();
        }
        self.text(self.toks[a].start, self.toks[b - 1].end)
    }

    fn para_of(&self, pos: usize) -> usize {
        self.paras
            .partition_point(|p| p.1 <= pos)
            .min(self.paras.len().saturating_sub(1))
    }

    /// The sentence around `pos`, as a character range inside its paragraph.
    fn sentence_of(&self, pos: usize) -> (usize, usize) {
        let k = self
            .sentence_starts
            .partition_point(|&s| s <= pos)
            .saturating_sub(1);
        let start = self.sentence_starts.get(k).copied().unwrap_or(0);
        let para_end = self
            .paras
            .get(self.para_of(pos))
            .map_or(self.chars.len(), |p| p.1);
        let end = self
            .sentence_starts
            .get(k + 1)
            .copied()
            .map_or(para_end, |n| n.min(para_end));
        (start, end.max(start))
    }

    fn word_count(&self, s: usize, e: usize) -> usize {
        let (a, b) = (self.tok_index(s), self.tok_index(e));
        (a..b).filter(|&i| self.is_word(i)).count()
    }
}

// ---------------------------------------------------------------------------
// Quote marks.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

/// What the mark at `i` (inside paragraph `(ps, pe)`) can do, from the
/// characters around it; `None` for an apostrophe or a stray mark.
fn mark_role(chars: &[char], i: usize, ps: usize, pe: usize) -> Option<(Family, Role)> {
    let c = chars[i];
    let prev = (i > ps).then(|| chars[i - 1]);
    let next = (i + 1 < pe).then(|| chars[i + 1]);
    let next2 = (i + 2 < pe).then(|| chars[i + 2]);
    let opener =
        |p: char| p.is_whitespace() || "([{/:".contains(p) || is_dash(p) || is_quote_mark(p);
    let space_before = prev.is_none_or(opener);
    let space_after = next.is_none_or(|n| {
        n.is_whitespace() || ".,;:!?)]}…".contains(n) || is_dash(n) || is_quote_mark(n)
    });
    let rest_blank = chars[i + 1..pe].iter().all(|c| c.is_whitespace());
    let alnum_before = prev.is_some_and(char::is_alphanumeric);
    let alnum_after = next.is_some_and(char::is_alphanumeric);
    match c {
        '"' | '‟' => Some((
            Family::Double,
            if rest_blank && !space_before {
                Role::Close
            } else if space_before && !space_after {
                Role::Open
            } else if !space_before && space_after {
                Role::Close
            } else {
                Role::Either
            },
        )),
        '“' => Some((
            Family::Double,
            if rest_blank || (!space_before && space_after) {
                Role::Close
            } else {
                Role::Open
            },
        )),
        '”' => Some((
            Family::Double,
            if space_before && !space_after {
                Role::Open
            } else {
                Role::Close
            },
        )),
        '„' => Some((Family::Double, Role::Open)),
        '«' => Some((
            Family::Double,
            if !space_before && space_after {
                Role::Close
            } else {
                Role::Open
            },
        )),
        '»' => Some((
            Family::Double,
            if space_before && !space_after {
                Role::Open
            } else {
                Role::Close
            },
        )),
        '‚' => Some((Family::Single, Role::Open)),
        '‘' | '’' | '\'' => {
            if alnum_before && alnum_after {
                return None; // don't, NATO's
            }
            let decade = next.is_some_and(|n| n.is_ascii_digit())
                && next2.is_some_and(|n| n.is_ascii_digit());
            if space_before && alnum_after && !decade && c != '’' {
                Some((Family::Single, Role::Open))
            } else if !space_before && space_after {
                Some((Family::Single, Role::Close))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// A pair of marks (or a run of paragraphs) holding quoted words.
#[derive(Debug, Clone, Copy)]
struct Marked {
    /// Position of the opening mark.
    open: usize,
    /// Position of the closing mark; `None` when the quote ran to a
    /// paragraph's end unclosed.
    close: Option<usize>,
    start: usize,
    end: usize,
}

/// Pairs the quote marks of the whole text. Returns the pairs and the
/// positions of closing double marks that close nothing (which end an
/// unmarked dash continuation).
fn pair_marks(doc: &Doc) -> (Vec<Marked>, Vec<usize>) {
    let chars = &doc.chars;
    let mut out = Vec::new();
    let mut dangling = Vec::new();
    let mut open_double: Option<usize> = None;
    let mut skip_at: Option<usize> = None;
    for (pi, &(ps, pe)) in doc.paras.iter().enumerate() {
        let mut open_single: Option<usize> = None;
        for i in ps..pe {
            if !is_quote_mark(chars[i]) || skip_at == Some(i) {
                continue;
            }
            let Some((family, role)) = mark_role(chars, i, ps, pe) else {
                continue;
            };
            match family {
                Family::Double => match open_double {
                    Some(o) if role != Role::Open => {
                        out.push(marked(chars, o, Some(i)));
                        open_double = None;
                        open_single = None;
                    }
                    Some(_) => open_double = Some(i),
                    None if role == Role::Close => dangling.push(i),
                    None => open_double = Some(i),
                },
                Family::Single if open_double.is_none() => match open_single {
                    Some(o) if role != Role::Open => {
                        out.push(marked(chars, o, Some(i)));
                        open_single = None;
                    }
                    Some(_) => open_single = Some(i),
                    None if role == Role::Close => {}
                    None => open_single = Some(i),
                },
                Family::Single => {}
            }
        }
        skip_at = None;
        if let Some(o) = open_double {
            // News convention: a quote running on into the next paragraph
            // leaves this one unclosed and opens the next with a mark.
            let runs_on = doc.paras.get(pi + 1).is_some_and(|&(ns, ne)| {
                is_quote_mark(chars[ns])
                    && matches!(
                        mark_role(chars, ns, ns, ne),
                        Some((Family::Double, Role::Open | Role::Either))
                    )
            });
            if runs_on {
                skip_at = doc.paras.get(pi + 1).map(|p| p.0);
            } else {
                let m = marked(chars, o, None);
                let m = Marked {
                    end: trim_end(chars, m.start, pe),
                    ..m
                };
                if doc.word_count(m.start, m.end) >= 3 {
                    out.push(m);
                }
                open_double = None;
            }
        }
    }
    (out, dangling)
}

fn trim_end(chars: &[char], s: usize, mut e: usize) -> usize {
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    e
}

fn marked(chars: &[char], open: usize, close: Option<usize>) -> Marked {
    let mut start = open + 1;
    let end = close.unwrap_or(start);
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    Marked {
        open,
        close,
        start,
        end: trim_end(chars, start, end),
    }
}

// ---------------------------------------------------------------------------
// Speech cues.

struct CueTable {
    /// Cue word sequences by their first word.
    by_first: HashMap<&'static str, Vec<Vec<&'static str>>>,
    /// The (first byte, last byte) pairs of the first words, a bit each: a
    /// word whose pair is not there is no cue's first word, known without
    /// hashing it (most words are not).
    ends: Vec<u64>,
}

/// The bit of a word's (first byte, last byte) pair in [`CueTable::ends`].
fn ends_bit(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    Some(usize::from(*b.first()?) << 8 | usize::from(*b.last()?))
}

impl CueTable {
    fn new() -> CueTable {
        let mut by_first: HashMap<&'static str, Vec<Vec<&'static str>>> = HashMap::new();
        for cue in SPEECH_CUES {
            let words: Vec<&'static str> = cue.split(' ').collect();
            if let Some(first) = words.first() {
                by_first.entry(first).or_default().push(words);
            }
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        let mut ends = vec![0u64; (1 << 16) / 64];
        for bit in by_first.keys().filter_map(|w| ends_bit(w)) {
            ends[bit / 64] |= 1 << (bit % 64);
        }
        CueTable { by_first, ends }
    }

    /// The number of tokens of the speech cue starting at token `i`, if any.
    fn at(&self, doc: &Doc, i: usize) -> Option<usize> {
        if !doc.is_word(i) {
            return None;
        }
        let first = doc.lower(i);
        let bit = ends_bit(first)?;
        if self.ends[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        let seqs = self.by_first.get(first)?;
        seqs.iter()
            .find(|seq| {
                seq.iter()
                    .enumerate()
                    .skip(1)
                    .all(|(k, w)| doc.is_word(i + k) && doc.lower(i + k) == *w)
            })
            .map(Vec::len)
    }
}

// ---------------------------------------------------------------------------
// Known names.

fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        let base = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ą' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ě' | 'ę' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ő' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'č' | 'ç' | 'ć' => 'c',
            'ř' => 'r',
            'š' | 'ś' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ñ' | 'ň' | 'ń' => 'n',
            'ť' => 't',
            'ď' => 'd',
            'ł' => 'l',
            '’' => '\'',
            c => c,
        };
        if base.is_alphanumeric() || base == '\'' {
            out.push(base);
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    out.trim_end().to_string()
}

struct KnownIndex {
    /// Folded name or alias → (canonical name, kind).
    names: HashMap<String, (String, NameKind)>,
    /// Folded surname (last word of a person's name) → canonical name.
    surnames: HashMap<String, String>,
}

impl KnownIndex {
    fn new(known: &[KnownName]) -> KnownIndex {
        let mut names = HashMap::new();
        let mut surnames = HashMap::new();
        for k in known {
            for n in k.names.iter().chain(std::iter::once(&k.entity)) {
                let f = fold(n);
                if f.is_empty() {
                    continue;
                }
                names
                    .entry(f.clone())
                    .or_insert_with(|| (k.entity.to_string(), k.kind));
                if k.kind == NameKind::Person {
                    if let Some(last) = f.split(' ').next_back() {
                        surnames
                            .entry(last.to_string())
                            .or_insert_with(|| k.entity.to_string());
                    }
                }
            }
        }
        KnownIndex { names, surnames }
    }

    /// The known entity a speaker's name stands for: the whole name, else its
    /// surname against known people.
    fn entity(&self, name: &str) -> Option<String> {
        let f = fold(name);
        if let Some((e, _)) = self.names.get(&f) {
            return Some(e.clone());
        }
        let last = f.split(' ').next_back()?;
        self.surnames.get(last).cloned()
    }

    fn is_person(&self, name: &str) -> bool {
        self.names
            .get(&fold(name))
            .is_some_and(|(_, k)| *k == NameKind::Person)
    }
}

// ---------------------------------------------------------------------------
// Finding quotes.

/// A speaker before pronouns are resolved.
#[derive(Debug, Clone)]
struct RawSpeaker {
    start: usize,
    end: usize,
    name: String,
    kind: SpeakerKind,
    /// "the minister": a title that may stand for the last person named.
    resolvable_title: bool,
}

/// A person or body named in the text (see [`Finder::mentions`]).
#[derive(Debug, Clone)]
struct Mention {
    start: usize,
    end: usize,
    name: String,
    /// A person (else a body: "it said").
    person: bool,
    /// The title or role written before the name ("mayor" in "Mayor Jane
    /// Doe"), lower case, abbreviations spelt out.
    title: Option<String>,
}

/// How a quote got its speaker, for the passes that fill the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// Attributed by a speech verb next to it.
    Attributed,
    /// To be taken from the quote before it, or from the paragraph before.
    Inherit,
}

struct Found {
    start: usize,
    end: usize,
    quote: Quote,
    raw: Option<RawSpeaker>,
    source: Source,
    /// Whether the quote opens its paragraph.
    opens_paragraph: bool,
}

struct Finder<'a> {
    doc: &'a Doc,
    cues: &'a CueTable,
    known: &'a KnownIndex,
    quotes: Vec<Found>,
}

/// At most this many words are read around a mark or a cue.
const WINDOW: usize = 40;

impl Finder<'_> {
    fn run(&mut self) {
        let (marked, dangling) = pair_marks(self.doc);
        self.direct_quotes(&marked, &dangling);
        self.reported_speech();
        self.resolve();
    }

    /// The speech cue at token `i` (its length in tokens), when it is used
    /// as one: lower case unless it opens a sentence, not "to say", not
    /// "continued to".
    fn cue_at(&self, i: usize) -> Option<usize> {
        let doc = self.doc;
        let n = self.cues.at(doc, i)?;
        if doc.capitalised(i) {
            let start = doc.toks[i].start;
            let opens = doc.sentence_starts.binary_search(&start).is_ok()
                || i.checked_sub(1)
                    .and_then(|p| doc.punct(p))
                    .is_some_and(|c| is_quote_mark(c) || is_dash(c));
            if !opens {
                return None;
            }
        }
        // "said to be": not speech; "said to Ritchie:", "said to him that":
        // the person spoken to follows.
        let to_addressee = doc.is_word(i + n + 1)
            && (doc.capitalised(i + n + 1)
                || self.lc_in(i + n + 1, DETERMINERS)
                || self.lc_in(
                    i + n + 1,
                    &["him", "her", "them", "me", "us", "reporters", "journalists"],
                ));
        if i > 0 && doc.lower(i - 1) == "to"
            || (n == 1 && doc.lower(i + n) == "to" && doc.is_word(i + n) && !to_addressee)
        {
            return None;
        }
        // "has been added", "with added costs", "the said company"
        if i > 0
            && (self.lc_in(i - 1, &["been", "be", "being"])
                || n == 1 && (self.lc_in(i - 1, PREPOSITIONS) || self.lc_in(i - 1, DETERMINERS)))
        {
            return None;
        }
        Some(n)
    }

    fn lc_in(&self, i: usize, list: &[&str]) -> bool {
        self.doc.is_word(i) && list.contains(&self.doc.lower(i))
    }

    // -- direct quotes ------------------------------------------------------

    fn direct_quotes(&mut self, marked: &[Marked], dangling: &[usize]) {
        let doc = self.doc;
        let mut continuations: Vec<(usize, usize)> = Vec::new();
        let mut found: Vec<Found> = Vec::new();
        for m in marked {
            if m.start >= m.end {
                continue;
            }
            let after = m.close.and_then(|c| self.attribution_after(c));
            let attributed_after = after.as_ref().is_some_and(|a| a.3);
            // An attribution after other words ("…” as prices fell, X reported")
            // yields to a speech verb before the quote in its own sentence.
            let after = match after {
                Some(a) if !a.3 && self.attribution_before(m.open).is_some() => None,
                a => a,
            };
            let (raw, cue, source, attr_end) = match after {
                Some((raw, cue, end, adjacent)) => (
                    Some(raw),
                    Some(cue),
                    Source::Attributed,
                    adjacent.then_some(end),
                ),
                None => match self.attribution_before(m.open) {
                    Some((raw, cue)) => (Some(raw), Some(cue), Source::Attributed, None),
                    None => (None, None, Source::Inherit, None),
                },
            };
            if !self.is_speech(m, attributed_after) {
                continue;
            }
            let para = doc.para_of(m.open);
            let opens_paragraph = doc.paras.get(para).is_some_and(|p| p.0 == m.open);
            found.push(Found {
                start: m.start,
                end: m.end,
                quote: Quote {
                    start: m.start,
                    end: m.end,
                    kind: QuoteKind::Direct,
                    cue: cue.clone(),
                    speaker: None,
                },
                raw: raw.clone(),
                source,
                opens_paragraph,
            });
            if let (Some(end), Some(raw)) = (attr_end, raw) {
                if let Some((cs, ce)) = self.dash_continuation(end, marked, dangling) {
                    continuations.push((cs, ce));
                    found.push(Found {
                        start: cs,
                        end: ce,
                        quote: Quote {
                            start: cs,
                            end: ce,
                            kind: QuoteKind::Direct,
                            cue,
                            speaker: None,
                        },
                        raw: Some(raw),
                        source: Source::Attributed,
                        opens_paragraph: false,
                    });
                }
            }
        }
        // Marked words inside a continuation (a scare quote in the speaker's
        // own words) are part of it, not quotes of their own.
        // Continuations come in reading order and do not overlap.
        found.retain(|f| {
            let k = continuations.partition_point(|&(s, _)| s <= f.start);
            !continuations[..k]
                .last()
                .is_some_and(|&(s, e)| (s, e) != (f.start, f.end) && f.end <= e)
        });
        self.quotes = found;
    }

    /// Whether marked words are speech rather than a scare quote or a title.
    fn is_speech(&self, m: &Marked, attributed_after: bool) -> bool {
        if attributed_after {
            return true;
        }
        let doc = self.doc;
        let words = doc.word_count(m.start, m.end);
        let mut e = m.end;
        while e > m.start
            && doc
                .chars
                .get(e - 1)
                .is_some_and(|&c| is_quote_mark(c) || matches!(c, ')' | ']'))
        {
            e -= 1;
        }
        let last = doc.chars.get(e.saturating_sub(1)).copied().unwrap_or(' ');

        // Words In Title Case are a title ("Super Mario Run", "Rush of Blood,").
        let (a, b) = (doc.tok_index(m.start), doc.tok_index(m.end));
        let title = (a..b).filter(|&i| doc.is_word(i)).all(|i| {
            let len = doc.toks[i].end - doc.toks[i].start;
            doc.capitalised(i) || len <= 3
        });
        // A full stop inside the marks makes it a sentence, whatever its case.
        let sentence_end = matches!(last, '.' | '!' | '?' | '…');
        // A sentence in title case is speech only with quoted words of its
        // own inside ("It’s ‘Showtime at the Apollo.’"); "The World of
        // Tomorrow." is a title.
        let inner_marks = doc.chars[m.start..e]
            .iter()
            .any(|&c| is_quote_mark(c) && c != '’' && c != '\'');

        (!title || sentence_end && inner_marks) && words >= 3
    }

    /// "…,” said X" / "…,” X said" after a closing mark: the speaker, the
    /// cue and where the attribution's sentence ends.
    /// The flag says whether the attribution follows the mark at once
    /// ("…,” she said") rather than after other words ("…” in that law, she
    /// said"): only then does it make one or two quoted words speech.
    fn attribution_after(&self, close: usize) -> Option<(RawSpeaker, String, usize, bool)> {
        let doc = self.doc;
        let next_tok = doc
            .toks
            .get(doc.tok_index(close + 1))
            .map_or(close + 1, |t| t.start);
        let (_, sent_end) = doc.sentence_of(next_tok);
        let para_end = doc.paras.get(doc.para_of(close)).map_or(close, |p| p.1);
        let limit_pos = sent_end.max(close + 1).min(para_end);
        let mut i = doc.tok_index(close + 1);
        let last = doc.tok_index(limit_pos).min(i + WINDOW);
        // Speech closes on a comma, a stop or a dash ("…,” she said); a
        // phrase in marks runs on into the sentence ("the “jobs machine” it
        // thinks it is").
        let closes_speech = close > 0
            && matches!(
                doc.chars[close - 1],
                ',' | '.' | '!' | '?' | '…' | '—' | '–' | '-'
            )
            || doc.punct(i).is_some_and(|c| matches!(c, ',' | '?' | '!'));
        while i < last
            && doc
                .punct(i)
                .is_some_and(|c| matches!(c, ',' | ':' | ';') || is_dash(c))
        {
            i += 1;
        }
        // "…”?? He asked." / "…”! said X": a question or exclamation mark
        // set after the closing mark ends the quote's sentence; the
        // attribution is the next one.
        let mut last = last;
        let mut limit_pos = limit_pos;
        if i == doc.tok_index(close + 1) && doc.punct(i).is_some_and(|c| matches!(c, '?' | '!')) {
            let mut k = i;
            while doc.punct(k).is_some_and(|c| matches!(c, '?' | '!')) {
                k += 1;
            }
            if let Some(t) = doc.toks.get(k).filter(|t| t.start < para_end) {
                let (_, e) = doc.sentence_of(t.start);
                limit_pos = e.min(para_end);
                last = doc.tok_index(limit_pos).min(k + WINDOW);
                i = k;
            }
        }
        if i >= last {
            return None;
        }
        // "said X" / "according to X"
        if let Some(n) = self.cue_at(i) {
            let cue = doc.tok_text(i, i + n);
            let (a, b) = self.phrase_after(i + n, last);
            if a < b && !self.lc_in(a, PREPOSITIONS) {
                let raw = self.speaker_from_phrase(a, b)?;
                let raw = self.name_after_role(raw, b, last);
                return Some((raw, cue, limit_pos, closes_speech));
            }
            return None;
        }
        // "X said", "X, a spokesman for Y, said"
        let mut j = i;
        while j < last && j < i + 25 {
            if let Some(c) = doc.punct(j) {
                if is_quote_mark(c)
                    || matches!(c, '.' | '!' | '?') && !doc.is_abbreviation_stop(j, i)
                {
                    return None;
                }
            }
            if let Some(n) = self.cue_at(j) {
                let cue = doc.tok_text(j, j + n);
                // The subject must follow the mark: "…,” she said", not
                // "…” in his entourage, a source said".
                let (raw, start) = self.subject_of(j, i)?;
                // After a quote that ended its sentence, only "…” she said"
                // attributes it; a later sentence is about something else.
                let new_sentence = doc
                    .sentence_starts
                    .binary_search(&doc.toks[i].start)
                    .is_ok();
                if new_sentence && start != i {
                    return None;
                }
                return Some((raw, cue, limit_pos, start == i && closes_speech));
            }
            j += 1;
        }
        None
    }

    /// "X said: “…”", "X said it was “…”", "according to X — “…”": a
    /// speech cue earlier in the quote's sentence.
    fn attribution_before(&self, open: usize) -> Option<(RawSpeaker, String)> {
        let doc = self.doc;
        let (sent_start, _) = doc.sentence_of(open);
        let end = doc.tok_index(open);
        if let Some(found) = self.attribution_between(sent_start, end) {
            return Some(found);
        }
        // "The Mayor said:" closing the paragraph before the quote's.
        let para = doc.para_of(open);
        if para > 0 && doc.paras[para].0 == open && end > 0 && doc.punct(end - 1) == Some(':') {
            let (colon_sentence, _) = doc.sentence_of(doc.toks[end - 1].start);
            return self.attribution_between(colon_sentence, end - 1);
        }
        None
    }

    /// A speech cue and its speaker in the sentence from `sent_start` up to
    /// token `end` (exclusive), read backwards.
    fn attribution_between(&self, sent_start: usize, end: usize) -> Option<(RawSpeaker, String)> {
        let doc = self.doc;
        let start = doc.tok_index(sent_start).max(end.saturating_sub(WINDOW));
        let mut k = end;
        while k > start {
            k -= 1;
            if doc.punct(k).is_some_and(is_quote_mark) {
                // An earlier quote in the sentence: its own attribution.
                return None;
            }
            // The cue must start here (not be the tail of a longer cue).
            let Some(n) = self.cue_at(k) else { continue };
            let cue = doc.tok_text(k, k + n);
            if self.lc_in(k, SOURCE_CUES) || SOURCE_CUES.contains(&cue.to_lowercase().as_str()) {
                let (a, b) = self.phrase_after(k + n, end);
                return Some((self.speaker_from_phrase(a, b)?, cue));
            }
            return self.subject_of(k, start).map(|(raw, _)| (raw, cue));
        }
        None
    }

    /// The noun phrase after a cue: up to a comma, a stop, a dash, a quote
    /// mark or `limit`, at most a dozen words.
    fn phrase_after(&self, from: usize, limit: usize) -> (usize, usize) {
        let doc = self.doc;
        let mut j = from;
        let mut words = 0;
        let limit = limit.min(from + 40);
        while j < limit && words < 12 {
            match doc.punct(j) {
                Some('.') if doc.is_abbreviation_stop(j, from) => {}
                Some('’' | '\'' | '&') => {}
                Some(_) => break,
                None => words += 1,
            }
            j += 1;
        }
        (from, j)
    }

    /// The subject of the speech verb at token `cue`, read backwards no
    /// further than token `limit`: "X said", "X, a spokesman for Y, said",
    /// "her mother, Jane, said", "the source, who …, told".
    /// Also returns the token where the subject's phrase starts (`usize::MAX`
    /// when it was guessed from the last name in the sentence).
    fn subject_of(&self, cue: usize, limit: usize) -> Option<(RawSpeaker, usize)> {
        let doc = self.doc;
        let mut j = cue;
        while j > limit && self.lc_in(j - 1, BETWEEN_SUBJECT_AND_VERB) {
            j -= 1;
        }
        let (a, b) = self.phrase_before(j, limit);
        // "Anyone who has been there will tell you": the word before "who".
        if a < b && a > limit && self.lc_in(a - 1, &["who", "which"]) && !self.lc_in(a, PRONOUNS) {
            let (c, d) = self.phrase_before(a - 1, limit);
            if c < d && !(c > limit && doc.punct(c - 1) == Some(',') && d == a - 1) {
                return self.speaker_from_phrase(c, d).map(|r| (r, c));
            }
        }
        // "Jane Doe retweeted it, saying, “…”": the sentence's subject.
        if a == b && j > limit && doc.punct(j - 1) == Some(',') && doc.lower(cue).ends_with("ing") {
            // "Pay raise sought The mayor spoke …, saying": a subhead ran
            // into the sentence, whose subject starts at the capitalised
            // determiner or pronoun inside it.
            let restart = (limit + 1..j).rev().find(|&k| {
                doc.capitalised(k)
                    && (self.lc_in(k, &["the", "a", "an", "this", "these", "those"])
                        || self.lc_in(k, &["he", "she", "they", "we"]))
                    && doc.is_word(k - 1)
            });
            if let Some(r) = restart {
                if self.lc_in(r, PRONOUNS) {
                    return self.speaker_from_phrase(r, r + 1).map(|s| (s, usize::MAX));
                }
                return (r + 1..(r + 4).min(j))
                    .find(|&k| self.lc_in(k, ROLE_NOUNS))
                    .and_then(|e| self.speaker_from_phrase(r, e + 1))
                    .map(|s| (s, usize::MAX));
            }
            let mut k = limit;
            while k < j && self.lc_in(k, DETERMINERS) {
                k += 1;
            }
            let first = k;
            while k < j && k < first + 3 && doc.capitalised(k) {
                k += 1;
            }
            if k > first && !self.lc_in(first, CLAUSE_STARTERS) {
                return self.speaker_from_phrase(first, k).map(|r| (r, usize::MAX));
            }
        }
        // "the source, who said": the phrase before the comma.
        if a == b
            && a > limit + 1
            && self.lc_in(a - 1, &["who", "which"])
            && doc.punct(a - 2) == Some(',')
        {
            let (c, d) = self.phrase_before(a - 2, limit);
            return self.speaker_from_phrase(c, d).map(|r| (r, c));
        }
        if a < b {
            if (a..b).any(|i| doc.lower(i) == "to") {
                // "Nothing to fear Peterson said" (a subhead run on): the name.
                if let Some((s, e)) = self.trailing_name(a, b) {
                    return self.speaker_from_phrase(s, e).map(|r| (r, s));
                }
                return None; // "she started to get comments": not a subject
            }
            let raw = self.speaker_from_phrase(a, b)?;
            // "Jane Doe, deputy head of the agency told …": a singular role
            // after a comma stands in apposition to the name before it.
            if raw.kind == SpeakerKind::Description
                && a > limit + 1
                && doc.punct(a - 1) == Some(',')
            {
                if let Some(named) = self.name_before_comma(a - 1, limit) {
                    let head_end = (a..b)
                        .find(|&i| i > a && self.lc_in(i, PREPOSITIONS))
                        .unwrap_or(b);
                    if !self.lc_in(a, DETERMINERS) && !doc.lower(head_end - 1).ends_with('s') {
                        return Some((named, a));
                    }
                }
            }
            return Some((raw, a));
        }
        if j > limit && doc.punct(j - 1) == Some(',') {
            // An appositive between subject and verb.
            let mut k = j - 1;
            let stop = limit.max(k.saturating_sub(30));
            while k > stop && doc.punct(k - 1) != Some(',') {
                if doc
                    .punct(k - 1)
                    .is_some_and(|c| matches!(c, '.' | ';' | ':') || is_quote_mark(c))
                    && !doc.is_abbreviation_stop(k - 1, limit)
                {
                    return None;
                }
                k -= 1;
            }
            if k <= stop {
                return None;
            }
            let appositive = (k, j - 1);
            let (c, d) = self.phrase_before(k - 1, limit);
            if c >= d {
                return None;
            }
            let head = self.speaker_from_phrase(c, d)?;
            // "Jane Doe, president of the Foo Co., who attended, said" and
            // "Jane Doe, economist of Foo Bank, Chicago, predicted": a bare
            // role (no determiner) between commas follows the name it
            // describes.
            let bare_role = head.kind == SpeakerKind::Description
                && doc.is_word(c)
                && !doc.capitalised(c)
                && !self.lc_in(c, DETERMINERS)
                && !self.lc_in(c, PRONOUNS);
            if bare_role && c > limit + 1 && doc.punct(c - 1) == Some(',') {
                if let Some(named) = self.name_before_comma(c - 1, limit) {
                    let start = doc.tok_index(named.start);
                    return Some((named, start));
                }
            }
            let app_words: Vec<usize> = (appositive.0..appositive.1)
                .filter(|&i| doc.is_word(i))
                .collect();
            let app_is_name = !app_words.is_empty()
                && app_words.len() <= 3
                && app_words.iter().all(|&i| doc.capitalised(i));
            if head.kind == SpeakerKind::Description && app_is_name {
                return self
                    .speaker_from_phrase(appositive.0, appositive.1)
                    .map(|r| (r, c));
            }
            return Some((head, c));
        }
        // "He cited X and added": a pronoun opening the sentence is its
        // subject, whatever names come between.
        if j > limit && self.lc_in(j - 1, &["and"]) {
            let (sent, _) = doc.sentence_of(doc.toks[j - 1].start);
            let first = doc.tok_index(sent).max(limit);
            if first < j
                && self.lc_in(first, &["he", "she", "they", "it"])
                && (first..j).all(|k| doc.punct(k).is_none_or(|c| !is_quote_mark(c)))
            {
                return self
                    .speaker_from_phrase(first, first + 1)
                    .map(|r| (r, usize::MAX));
            }
            // "The economist does not … and believes": a role opening the
            // sentence ("the" and at most three words, the last a role).
            if first + 1 < j
                && self.lc_in(first, &["the"])
                && (first..j).all(|k| doc.punct(k).is_none_or(|c| !is_quote_mark(c)))
            {
                if let Some(e) =
                    (first + 1..(first + 4).min(j)).find(|&k| self.lc_in(k, ROLE_NOUNS))
                {
                    return self
                        .speaker_from_phrase(first, e + 1)
                        .map(|r| (r, usize::MAX));
                }
            }
        }
        // "… and said": the subject is the last name in the sentence before.
        self.last_name_before(j, limit).map(|r| (r, usize::MAX))
    }

    /// The name ending just before the comma at token `comma`: two or more
    /// capitalised words (initials count), not opened by a preposition.
    fn name_before_comma(&self, comma: usize, limit: usize) -> Option<RawSpeaker> {
        let doc = self.doc;
        let (c, d) = self.phrase_before(comma, limit);
        if c >= d || self.lc_in(c, PREPOSITIONS) {
            return None;
        }
        let words: Vec<usize> = (c..d).filter(|&i| doc.is_word(i)).collect();
        if words.len() < 2 || !words.iter().all(|&i| doc.capitalised(i)) {
            return None;
        }
        self.speaker_from_phrase(c, d)
            .filter(|r| r.kind == SpeakerKind::Named)
    }

    /// "said the magistrate, Jane Doe": a role after the verb, then the
    /// name in apposition (tokens from `from`, a comma, up to `limit`).
    fn name_after_role(&self, raw: RawSpeaker, comma: usize, limit: usize) -> RawSpeaker {
        let doc = self.doc;
        if raw.kind != SpeakerKind::Description || doc.punct(comma) != Some(',') {
            return raw;
        }
        let (a, b) = self.phrase_after(comma + 1, limit);
        let words: Vec<usize> = (a..b).filter(|&i| doc.is_word(i)).collect();
        let closes = b >= limit
            || doc
                .punct(b)
                .is_some_and(|p| matches!(p, ',' | '.' | '!' | '?' | ';'));
        if closes && (1..=4).contains(&words.len()) && words.iter().all(|&i| doc.capitalised(i)) {
            if let Some(named) = self
                .speaker_from_phrase(a, b)
                .filter(|r| r.kind == SpeakerKind::Named)
            {
                return named;
            }
        }
        raw
    }

    /// The words before token `end` up to a clause boundary (at most ten).
    fn phrase_before(&self, end: usize, limit: usize) -> (usize, usize) {
        let doc = self.doc;
        let mut a = end;
        let mut words = 0;
        let limit = limit.max(end.saturating_sub(40));
        while a > limit && words < 10 {
            let t = a - 1;
            match doc.punct(t) {
                Some('.') if t > 0 && doc.is_abbreviation_stop(t, limit) => {}
                Some('’' | '\'' | '&') => {}
                Some(_) => break,
                None => {
                    if self.lc_in(t, CLAUSE_BOUNDARIES) || self.cues.at(doc, t).is_some() {
                        break;
                    }
                    words += 1;
                }
            }
            a -= 1;
        }
        // A sentence-opening word ("However") is not part of the subject.
        (a, end)
    }

    /// The last run of two or more capitalised words before token `end`
    /// (for "…, saying that" and "… and said").
    fn last_name_before(&self, end: usize, limit: usize) -> Option<RawSpeaker> {
        let doc = self.doc;
        let limit = limit.max(end.saturating_sub(WINDOW));
        let mut k = end;
        while k > limit {
            k -= 1;
            if doc.punct(k).is_some_and(is_quote_mark) {
                return None;
            }
            if doc.capitalised(k) {
                let e = k + 1;
                let mut s = k;
                while s > limit
                    && (doc.capitalised(s - 1)
                        || doc.punct(s - 1) == Some('.') && s >= 2 && doc.capitalised(s - 2))
                {
                    s -= 1;
                }
                let words = (s..e).filter(|&i| doc.is_word(i)).count();
                if words >= 2 {
                    return self.speaker_from_phrase(s, e);
                }
                k = s;
            }
        }
        None
    }

    /// A name (one to three capitalised words) ending the tokens `a..b`
    /// after a lower-case word that is neither a preposition nor a
    /// determiner: "range in bids Hemphill", "director of research Jane Doe".
    fn trailing_name(&self, a: usize, b: usize) -> Option<(usize, usize)> {
        let doc = self.doc;
        let mut s = b;
        while s > a
            && (doc.capitalised(s - 1)
                || doc.punct(s - 1) == Some('.') && s - 1 > a && doc.capitalised(s - 2))
        {
            s -= 1;
        }
        let words = (s..b).filter(|&i| doc.is_word(i)).count();
        let before = s.checked_sub(1).filter(|&k| k >= a)?;
        let fits = (1..=3).contains(&words)
            && doc.is_word(before)
            && !doc.capitalised(before)
            && !self.lc_in(before, PREPOSITIONS)
            && !self.lc_in(before, DETERMINERS)
            && !self.lc_in(before, &["and", "or", "&", "to"])
            && !(s..b).any(|i| {
                self.lc_in(i, ORGANISATION_WORDS)
                    || self.lc_in(i, PRONOUNS)
                    || self.lc_in(i, TITLES)
                    || self.lc_in(i, CALENDAR)
            });
        fits.then_some((s, b))
    }

    /// A speaker from the tokens `a..b` of a noun phrase.
    fn speaker_from_phrase(&self, a: usize, b: usize) -> Option<RawSpeaker> {
        let doc = self.doc;
        let all: Vec<usize> = (a..b).filter(|&i| doc.is_word(i)).collect();
        // "Danger cited He cautioned", "Heavy support The government said":
        // a capitalised pronoun or determiner inside the phrase opens a new
        // sentence (a subhead ran into it); the speaker starts there.
        if let Some(&k) = all.iter().skip(1).rev().find(|&&i| {
            doc.capitalised(i)
                && (self.lc_in(i, &["the", "a", "an", "this", "these", "those"])
                    || self.lc_in(i, PRONOUNS) && doc.lower(i) != "i")
        }) {
            return self.speaker_from_phrase(k, b);
        }
        // "Sunday he said", "Apparently he said", "X listed improvements he
        // said were needed": a pronoun just before the verb is the subject.
        if let [.., last] = all[..] {
            if all.len() >= 2
                && !doc.capitalised(last)
                && self.lc_in(last, &["he", "she", "they", "we"])
            {
                return self.speaker_from_phrase(last, b);
            }
        }
        // "deeds filed Monday": the day is when, not who.
        if let [.., before, last] = all[..] {
            if self.lc_in(last, CALENDAR) && !self.lc_in(before, CALENDAR) {
                return self.speaker_from_phrase(a, last);
            }
        }
        // "Sent home for rest Mr. Doe said" (a subhead run on): a title and
        // name ending the phrase after a lower-case word are the subject.
        if let Some(p) = all
            .iter()
            .rposition(|&i| self.lc_in(i, TITLES) && doc.capitalised(i))
        {
            let t = all[p];
            let name_follows =
                p + 1 < all.len() && all[p + 1..].iter().all(|&i| doc.capitalised(i));
            if p >= 2
                && name_follows
                && !doc.capitalised(all[p - 1])
                && !self.lc_in(all[p - 1], DETERMINERS)
                && !self.lc_in(all[p - 1], PREPOSITIONS)
            {
                return self.speaker_from_phrase(t, b);
            }
        }
        // "for about fifteen minutes at the meeting said": an adverbial, no
        // one's name.
        if let [f, second, ..] = all[..] {
            // Not "de Miranda": a particle before a name.
            if !doc.capitalised(f) && self.lc_in(f, PREPOSITIONS) && !doc.capitalised(second) {
                return None;
            }
        }
        // "Wide range in bids Hemphill said": a name after a preposition's
        // object is the subject, not part of the phrase before it.
        if all.len() >= 3 && (a..b).any(|i| self.lc_in(i, PREPOSITIONS)) {
            if let Some((s, e)) = self.trailing_name(a, b) {
                if s > a && (a..s).any(|i| self.lc_in(i, PREPOSITIONS)) {
                    return self.speaker_from_phrase(s, e);
                }
            }
        }
        let words = all;
        let (&first, &last) = (words.first()?, words.last()?);
        // "said today", "said here the other day": when and where, not who.
        if words
            .iter()
            .all(|&i| self.lc_in(i, NOT_A_SPEAKER) || self.lc_in(i, CALENDAR))
        {
            return None;
        }
        let span = |s: usize, e: usize| (doc.toks[s].start, doc.toks[e].end);
        // "…, it was testified": an impersonal passive names no one.
        if words.len() == 1
            && doc.lower(first) == "it"
            && self.lc_in(first + 1, &["was", "is", "has", "had"])
        {
            return None;
        }
        if words.len() == 1
            && (self.lc_in(first, PRONOUNS) || self.lc_in(first, &["these", "those"]))
        {
            let (s, e) = span(first, first);
            return Some(RawSpeaker {
                start: s,
                end: e,
                name: doc.tok_text(first, first + 1),
                kind: SpeakerKind::Pronoun,
                resolvable_title: false,
            });
        }
        // The head: the words before the first preposition.
        let head_end = words
            .iter()
            .position(|&i| i != first && self.lc_in(i, PREPOSITIONS) && !doc.capitalised(i));
        let head: &[usize] = match head_end {
            Some(p) => &words[..p],
            None => &words,
        };
        let head_last = *head.last()?;
        let starts_with_determiner = self.lc_in(first, DETERMINERS);
        // "The Mayor", "the President": a title, capitalised, is no name.
        let only_title = starts_with_determiner
            && head.len() >= 2
            && head[1..]
                .iter()
                .all(|&i| self.lc_in(i, TITLES) || self.lc_in(i, ROLE_NOUNS));
        if doc.capitalised(head_last) && !(starts_with_determiner && head.len() == 1) && !only_title
        {
            // A name: the capitalised run ending the head, without titles.
            let mut s = head.len() - 1;
            while s > 0 && doc.capitalised(head[s - 1]) {
                s -= 1;
            }
            let run = &head[s..];
            let after_title = run
                .iter()
                .rposition(|&i| {
                    self.lc_in(i, TITLES)
                        || self.lc_in(i, TITLE_MODIFIERS)
                        || self.lc_in(i, ROLE_NOUNS)
                })
                .map_or(0, |p| p + 1);
            let run = if after_title < run.len() {
                &run[after_title..]
            } else {
                run
            };
            let run = if run.len() > 1 && self.lc_in(run[0], DETERMINERS) {
                &run[1..]
            } else {
                run
            };
            let (&rs, &re) = (run.first()?, run.last()?);
            let (s, e) = span(rs, re);
            return Some(RawSpeaker {
                start: s,
                end: e,
                name: doc.tok_text(rs, re + 1),
                kind: SpeakerKind::Named,
                resolvable_title: false,
            });
        }
        let (s, e) = span(first, last);
        // "the minister", "the former secretary of labor"
        let resolvable_title = doc.lower(first) == "the"
            && head.len() <= 4
            && words.len() <= head.len() + 3
            && (head.len() == words.len() || doc.lower(words[head.len()]) == "of")
            && self.lc_in(head_last, RESOLVING_ROLES);
        Some(RawSpeaker {
            start: s,
            end: e,
            name: doc.tok_text(first, last + 1),
            kind: SpeakerKind::Description,
            resolvable_title,
        })
    }

    /// After an attribution ending at `attr_end`: "… comments X. – The main
    /// point …". The continuation runs to the paragraph's end, or on to the
    /// first later paragraph ending in a lone closing mark when no new quote
    /// opens before it.
    fn dash_continuation(
        &self,
        attr_end: usize,
        marked: &[Marked],
        dangling: &[usize],
    ) -> Option<(usize, usize)> {
        let doc = self.doc;
        let chars = &doc.chars;
        let pi = doc.para_of(attr_end.saturating_sub(1));
        let &(_, pe) = doc.paras.get(pi)?;
        let mut i = attr_end;
        while i < pe && chars[i].is_whitespace() {
            i += 1;
        }
        if i >= pe || !is_dash(chars[i]) || !chars.get(i + 1).is_some_and(|c| c.is_whitespace()) {
            return None;
        }
        let mut start = i + 1;
        while start < pe && chars[start].is_whitespace() {
            start += 1;
        }
        if start >= pe {
            return None;
        }
        let dangling_in = |s: usize, e: usize| {
            let k = dangling.partition_point(|&d| d < s);
            dangling.get(k).copied().filter(|&d| d < e)
        };
        let opens_quote_in = |s: usize, e: usize| {
            let k = marked.partition_point(|m| m.open < s);
            marked
                .get(k)
                .is_some_and(|m| m.open < e && doc.word_count(m.start, m.end) >= 4)
        };
        if let Some(d) = dangling_in(start, pe) {
            return Some((start, trim_end(chars, start, d)));
        }
        for pj in pi + 1..(pi + 12).min(doc.paras.len()) {
            let (s, e) = doc.paras[pj];
            if opens_quote_in(s, e) {
                break;
            }
            if let Some(d) = dangling_in(s, e) {
                return Some((start, trim_end(chars, s, d)));
            }
        }
        Some((start, pe))
    }

    // -- reported speech ----------------------------------------------------

    fn inside_direct(&self, pos: usize) -> bool {
        let k = self.quotes.partition_point(|f| f.start <= pos);
        // Quotes are few per paragraph and do not nest: look back a little.
        self.quotes[..k]
            .iter()
            .rev()
            .take(4)
            .any(|f| f.quote.kind == QuoteKind::Direct && f.start <= pos && pos < f.end)
    }

    fn reported_speech(&mut self) {
        let doc = self.doc;
        self.quotes.sort_by_key(|f| (f.start, f.end));
        let mut reported: Vec<Found> = Vec::new();
        for (si, &s_start) in doc.sentence_starts.iter().enumerate() {
            let para_end = doc.paras.get(doc.para_of(s_start)).map_or(s_start, |p| p.1);
            let s_end = doc
                .sentence_starts
                .get(si + 1)
                .map_or(para_end, |&n| n.min(para_end))
                .max(s_start);
            let (a, b) = (doc.tok_index(s_start), doc.tok_index(s_end));
            let mut cues: Vec<(usize, usize)> = Vec::new();
            let mut i = a;
            while i < b {
                match self.cue_at(i) {
                    Some(n) if !self.inside_direct(doc.toks[i].start) => {
                        cues.push((i, n));
                        i += n;
                    }
                    _ => i += 1,
                }
            }
            let mut consumed_until = a;
            let mut in_sentence: Vec<Found> = Vec::new();
            for (k, &(c, n)) in cues.iter().enumerate() {
                if c < consumed_until {
                    continue;
                }
                // What an earlier report took is not this one's: each cue
                // reads from the end of the last report on.
                let later = &cues[k + 1..(k + 9).min(cues.len())];
                if let Some(mut f) = self.reported_at(c, n, (a, consumed_until), b, later) {
                    // "X said …, but insisted …": the same subject.
                    if f.raw.is_none() {
                        f.raw = in_sentence.last().and_then(|p| p.raw.clone());
                    }
                    consumed_until = consumed_until.max(doc.tok_index(f.end));
                    in_sentence.push(f);
                }
            }
            // Reported speech inside other reported speech is the outer one's.
            in_sentence.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
            let mut reach = 0;
            for f in in_sentence {
                if f.end > reach {
                    reach = f.end;
                    reported.push(f);
                } else if f.raw.as_ref().is_some_and(|r| {
                    // "X said …, Y reported": both; not the same speaker twice.
                    reported
                        .last()
                        .and_then(|o| o.raw.as_ref())
                        .is_none_or(|o| !o.name.eq_ignore_ascii_case(&r.name))
                }) {
                    reported.push(f);
                }
            }
        }
        // A direct quote inside reported speech is the same speaker's.
        for f in &mut self.quotes {
            if f.raw.is_none() {
                let inner = reported
                    .iter()
                    .filter(|r| r.start <= f.start && f.end <= r.end + 1)
                    .min_by_key(|r| r.end - r.start);
                if let Some(r) = inner {
                    f.raw = r.raw.clone();
                    f.quote.cue = r.quote.cue.clone();
                    f.source = Source::Attributed;
                }
            }
        }
        self.quotes.extend(reported);
        self.quotes.sort_by_key(|f| (f.start, f.end));
    }

    /// Reported speech introduced by the cue at token `c` (`n` tokens) in
    /// the sentence of tokens `sentence_start..b`, whose words before `a`
    /// went to an earlier report; `later` are the sentence's next cues.
    fn reported_at(
        &self,
        c: usize,
        n: usize,
        (sentence_start, a): (usize, usize),
        b: usize,
        later: &[(usize, usize)],
    ) -> Option<Found> {
        let doc = self.doc;
        let cue = doc.tok_text(c, c + n);
        let cue_lc = cue.to_lowercase();
        // "“…,” she said": a direct quote's attribution, not reported speech.
        let mut p = c;
        while p > a
            && doc
                .punct(p - 1)
                .is_some_and(|ch| matches!(ch, ',' | '.' | '!' | '?'))
        {
            p -= 1;
        }
        let mut after_quote = p > a && doc.punct(p - 1).is_some_and(is_quote_mark);
        if !after_quote {
            if let Some((_, start)) = self.subject_of(c, a) {
                let mut q = start;
                while q != usize::MAX
                    && q > a
                    && doc
                        .punct(q - 1)
                        .is_some_and(|ch| matches!(ch, ',' | '.' | '!' | '?'))
                {
                    q -= 1;
                }
                after_quote = q != usize::MAX
                    && q < start
                    && q > a
                    && doc.punct(q - 1).is_some_and(is_quote_mark);
            }
        }
        if SOURCE_CUES.contains(&cue_lc.as_str()) {
            let (pa, pb) = self.phrase_after(c + n, b);
            let raw = self.speaker_from_phrase(pa, pb)?;
            let before_words = (a..c).filter(|&i| doc.is_word(i)).take(3).count();
            if c > a && doc.punct(c - 1) == Some(',') && before_words >= 3 {
                // "…, according to X."
                return self.reported(a, c - 1, Some(raw), cue);
            }
            // "According to X, …"
            if doc.punct(pb) == Some(',') {
                return self.reported(pb + 1, b, Some(raw), cue);
            }
            return None;
        }
        // "Within months, Jane Doe said, the firm …": what follows the second
        // comma is what was said.
        if let Some((raw, start)) = self.subject_of(c, a) {
            let mut j = c + n;
            while j < b && self.lc_in(j, AFTER_VERB_ADVERBIALS) {
                j += 1;
            }
            let opened_by_comma = start != usize::MAX
                && start > sentence_start
                && (doc.punct(start - 1) == Some(',')
                    || start - 1 == sentence_start && self.lc_in(start - 1, &["as"]));
            if opened_by_comma && doc.punct(j) == Some(',') {
                // "…, Jane Doe said, and …": the words before were said.
                if self.lc_in(j + 1, &["and", "but", "or"]) {
                    let from = sentence_start.max(start.saturating_sub(100));
                    return self.reported(from, start - 1, Some(raw), cue);
                }
                let w = j + 1;
                // "Insuring that …, he said, was the biggest …" and "…, he
                // explained, because …": the sentence around the
                // attribution is one statement.
                if self.lc_in(w, AUXILIARIES) || self.lc_in(w, SUBORDINATORS) {
                    let from = sentence_start.max(start.saturating_sub(100));
                    if (from..start).filter(|&i| doc.is_word(i)).take(3).count() == 3 {
                        return self.reported(from, b, Some(raw), cue);
                    }
                }
                // Not "…, he said, after …": a phrase, not what was said.
                if !self.lc_in(w, PREPOSITIONS) && !self.lc_in(w, CLAUSE_BOUNDARIES) {
                    return self.reported(w, b, Some(raw), cue);
                }
            }
        }
        let after_comma = c > a && doc.punct(c - 1) == Some(',');
        // "Jane Doe, who investigated, said the thieves …": a subject opens
        // the sentence, so what follows the verb is what was said.
        let subject_opens = after_comma
            && self.subject_of(c, a).is_some_and(|(r, st)| {
                st == a && r.kind == SpeakerKind::Named && a == sentence_start
            });
        if after_comma && !after_quote && !subject_opens {
            if let Some(f) = self.reported_before(c, n, sentence_start, b) {
                return Some(f);
            }
        }
        if !after_quote {
            if let Some(cs) = self.clause_after(c + n, b, &cue_lc) {
                let raw = self.subject_of(c, a).map(|(r, _)| r);
                // "The work added eight beds": a thing that cannot speak.
                if raw.as_ref().is_some_and(|r| !self.can_speak(r)) {
                    return None;
                }
                // Up to the sentence's end, or to the boundary before a later
                // speech verb with a subject of its own ("…, and he noted").
                let mut ce = b;
                'later: for &(m, _) in later {
                    let mut k = m;
                    while k > cs && m - k <= 6 {
                        k -= 1;
                        if doc
                            .punct(k)
                            .is_some_and(|p| matches!(p, ',' | ';') || is_dash(p))
                            || self.lc_in(k, &["and", "but"])
                        {
                            ce = k;
                            break 'later;
                        }
                    }
                }
                return self.reported(cs, ce, raw, cue);
            }
        }
        self.reported_before(c, n, sentence_start, b)
    }

    /// Whether a speaker may say things: a name or pronoun, or a description
    /// whose head is a person (a role, an agent noun, a plural), a body or
    /// a document ("the report"); not "the work" or "the move".
    fn can_speak(&self, r: &RawSpeaker) -> bool {
        let doc = self.doc;
        if r.kind != SpeakerKind::Description {
            return true;
        }
        let (a, b) = (doc.tok_index(r.start), doc.tok_index(r.end));
        let words: Vec<usize> = (a..b).filter(|&i| doc.is_word(i)).collect();
        let head_end = words
            .iter()
            .position(|&i| i != words[0] && self.lc_in(i, PREPOSITIONS) && !doc.capitalised(i))
            .unwrap_or(words.len());
        let Some(&last) = words[..head_end].last() else {
            return true;
        };
        let w = doc.lower(last);
        doc.capitalised(last)
            || w.ends_with('s')
            || [
                "man", "woman", "person", "er", "or", "ist", "ian", "ant", "ent", "ee",
            ]
            .iter()
            .any(|x| w.ends_with(x))
            || [
                ROLE_NOUNS,
                TITLES,
                RESOLVING_ROLES,
                ORGANISATION_WORDS,
                SPEAKING_THINGS,
                PRONOUNS,
            ]
            .iter()
            .any(|l| l.contains(&w))
    }

    /// "…, X said." / "…, said X.": the reported words come first; not
    /// when they are mostly a direct quote ("Subhead words “…”, the minister
    /// said": the quote is the statement, the words before it no speech).
    fn reported_before(&self, c: usize, n: usize, a: usize, b: usize) -> Option<Found> {
        let f = self.reported_words_before(c, n, a, b)?;
        let covered: usize = self
            .quotes
            .iter()
            .filter(|q| {
                q.quote.kind == QuoteKind::Direct && q.start >= f.start && q.end <= f.end + 1
            })
            .map(|q| q.end - q.start)
            .sum();
        (3 * covered < 2 * (f.end - f.start)).then_some(f)
    }

    fn reported_words_before(&self, c: usize, n: usize, a: usize, b: usize) -> Option<Found> {
        let doc = self.doc;
        let cue = doc.tok_text(c, c + n);
        let ends_with_colon = b.checked_sub(1).and_then(|i| doc.punct(i)) == Some(':');
        if ends_with_colon {
            return None;
        }
        // "…, said Jane Doe, a spokeswoman for …": the speaker after the verb,
        // up to a comma (an appositive or "who …" may follow) or the end.
        let addressee_follows = matches!(
            cue.to_lowercase().as_str(),
            "told" | "tells" | "tell" | "asked" | "asks"
        );
        if c > a && doc.punct(c - 1) == Some(',') && !addressee_follows {
            let (pa, pb) = self.phrase_after(c + n, b);
            let closes = pb >= b
                || doc
                    .punct(pb)
                    .is_some_and(|p| matches!(p, ',' | '.' | '!' | '?'));
            let words = (pa..pb).filter(|&i| doc.is_word(i)).count();
            if closes
                && words > 0
                && words <= 8
                && !(pa..pb).any(|i| {
                    // "X, who …, said the firm is …": a clause, not a speaker.
                    self.lc_in(i, PRONOUNS) || self.lc_in(i, AUXILIARIES) || doc.lower(i) == "that"
                })
            {
                if let Some(raw) = self.speaker_from_phrase(pa, pb) {
                    let raw = self.name_after_role(raw, pb, b);
                    let a = a.max(c.saturating_sub(100));
                    if (a..c - 1).filter(|&i| doc.is_word(i)).take(5).count() == 5 {
                        return self.reported(a, c - 1, Some(raw), cue);
                    }
                }
            }
        }
        let tail_end = b.min(c + n + 24);
        let tail_words = (c + n..tail_end).filter(|&i| doc.is_word(i)).count();
        if tail_end < b || tail_words > 10 || (c + n..tail_end).any(|i| doc.lower(i) == "that") {
            return None;
        }
        let before = self.subject_of(c, a).and_then(|(raw, start)| {
            let comma = start
                .checked_sub(1)
                .filter(|&k| start != usize::MAX && k >= a && doc.punct(k) == Some(','))?;
            Some((comma, raw))
        });
        let (boundary, raw) = match before {
            Some(found) => found,
            None if c > a && doc.punct(c - 1) == Some(',') => {
                let (pa, pb) = self.phrase_after(c + n, b);
                if (pa..pb).any(|i| self.lc_in(i, PRONOUNS) || self.lc_in(i, AUXILIARIES)) {
                    return None; // "…, told her they …": a clause, not a speaker
                }
                (c - 1, self.speaker_from_phrase(pa, pb)?)
            }
            None => return None,
        };
        // What was reported: the sentence up to the attribution (its last
        // hundred tokens at most, so that a long sentence costs no more).
        let a = a.max(boundary.saturating_sub(100));
        if (a..boundary).filter(|&i| doc.is_word(i)).take(5).count() < 5 {
            return None;
        }
        self.reported(a, boundary, Some(raw), cue)
    }

    /// Where the reported clause after a speech verb starts (the token after
    /// the verb is `from`): after "that", or at words that can open a clause.
    fn clause_after(&self, from: usize, b: usize, cue_lc: &str) -> Option<usize> {
        let doc = self.doc;
        // "that" a few words on: "said on Thursday that", "argued for years
        // that", "told the U.N. General Assembly 18 months ago that".
        let mut j = from;
        let mut words = 0;
        while j < b && words < 9 {
            match doc.punct(j) {
                Some('.') if doc.is_abbreviation_stop(j, from) => {}
                // "notes, however, that": a parenthetical between commas.
                Some(',') if self.lc_in(j + 1, PARENTHETICALS) && doc.punct(j + 2) == Some(',') => {
                    j += 2;
                }
                Some(_) => break,
                None => {
                    if doc.lower(j) == "that" {
                        return Some(j + 1);
                    }
                    const BEFORE_THAT: &[&str] = &[
                        "for",
                        "years",
                        "months",
                        "weeks",
                        "days",
                        "ago",
                        "reporters",
                        "journalists",
                        "him",
                        "her",
                        "them",
                        "us",
                        "me",
                        "you",
                        "repeatedly",
                        "publicly",
                        "privately",
                        "long",
                        "at",
                        "time",
                    ];
                    let fits = self.lc_in(j, AFTER_VERB_ADVERBIALS)
                        || self.lc_in(j, DETERMINERS)
                        || self.lc_in(j, BEFORE_THAT)
                        || doc.capitalised(j)
                        || doc.toks[j].word && doc.chars[doc.toks[j].start].is_numeric();
                    if !fits || self.cue_at(j).is_some() {
                        break;
                    }
                    words += 1;
                }
            }
            j += 1;
        }
        let object_first = matches!(cue_lc, "told" | "tells" | "tell" | "telling");
        let mut j = from;
        if ADDRESSEE_CUES.contains(&cue_lc) {
            // "told members of the council that …": "that" after the object.
            let mut t = from;
            while t < b
                && t < from + 12
                && doc.is_word(t)
                && self.cue_at(t).is_none()
                && !self.lc_in(t, PRONOUNS)
                && doc.lower(t) != "there"
            {
                if doc.lower(t) == "that" && t > from {
                    return Some(t + 1);
                }
                t += 1;
            }
        }
        if object_first {
            // "told her they", "told reporters the deal was off"
            let mut k = 0;
            while j < b && k < 4 && doc.is_word(j) && !self.lc_in(j, PRONOUNS) {
                j += 1;
                k += 1;
            }
            // "tell TMZ ... the dress was taken": an ellipsis, then the clause.
            let object_end = j;
            while j < b
                && doc
                    .punct(j)
                    .is_some_and(|p| matches!(p, '.' | '…' | '-' | '—' | '–'))
            {
                j += 1;
            }
            let after_pause =
                j > object_end && (self.lc_in(j, CLAUSE_STARTERS) || doc.capitalised(j));
            if k == 0 || !(self.lc_in(j, PRONOUNS) || after_pause) {
                return None;
            }
            return Some(j);
        }
        while j < b && self.lc_in(j, AFTER_VERB_ADVERBIALS) && !self.lc_in(j, CLAUSE_STARTERS) {
            j += 1;
        }
        if j >= b {
            return None;
        }
        let w = doc.lower(j);
        if self.lc_in(j, PRONOUNS) && w != "who"
            || w == "there"
            || doc.punct(j).is_some_and(is_quote_mark)
        {
            return Some(j);
        }
        if !doc.is_word(j) || self.cue_at(j).is_some() {
            return None;
        }
        if NEEDS_THAT.contains(&cue_lc) {
            // "pledged the land would be …": a short subject, then a verb
            // that only a clause has; not "added eight beds".
            let aux = (j + 1..(j + 5).min(b))
                .take_while(|&k| doc.is_word(k))
                .find(|&k| self.lc_in(k, AUXILIARIES));
            let subject_fits = aux.is_some_and(|k| {
                (j..k).all(|i| !self.lc_in(i, PREPOSITIONS) && self.cue_at(i).is_none())
            });
            if !(self.lc_in(j, DETERMINERS) || doc.capitalised(j)) || !subject_fits {
                return None;
            }
            return Some(j);
        }
        const NOT_A_CLAUSE: &[&str] = &[
            "so", "nothing", "goodbye", "yes", "no", "hello", "thanks", "sorry", "not", "as",
            "while", "after", "before", "during", "through", "were", "was", "is", "are", "had",
            "has", "have", "will", "would", "could", "should", "can", "may", "might", "must",
            "did", "does", "do", "been", "be", "about", "little",
        ];
        if self.lc_in(j, PREPOSITIONS) || NOT_A_CLAUSE.contains(&w) {
            return None;
        }
        Some(j)
    }

    /// Reported speech over tokens `a..b`, unless it is too short or is a
    /// direct quote already.
    fn reported(&self, a: usize, b: usize, raw: Option<RawSpeaker>, cue: String) -> Option<Found> {
        let doc = self.doc;
        // "I think …", "we believe …": a speaker's own words (unmarked), not
        // speech the text reports.
        if raw.as_ref().is_some_and(|r| {
            r.kind == SpeakerKind::Pronoun && matches!(r.name.to_lowercase().as_str(), "i" | "we")
        }) {
            return None;
        }
        let mut b = b;
        while b > a
            && doc
                .punct(b - 1)
                .is_some_and(|p| matches!(p, '.' | ',' | ';' | ':' | '!' | '?'))
        {
            b -= 1;
        }
        if (a..b).filter(|&i| doc.is_word(i)).take(3).count() < 3 {
            return None;
        }
        let (s, e) = (doc.toks.get(a)?.start, doc.toks.get(b - 1)?.end);
        // "“…,” she wrote …, he said": a direct quote and its attribution.
        if doc.punct(a).is_some_and(is_quote_mark) {
            let k = self.quotes.partition_point(|f| f.start <= s + 1);
            if let Some(q) = k
                .checked_sub(1)
                .and_then(|k| self.quotes.get(k))
                .filter(|q| q.start <= s + 1)
            {
                let closes = doc
                    .chars
                    .get(q.end.saturating_sub(1))
                    .is_some_and(|c| matches!(c, ',' | '.' | '!' | '?'));
                if closes && q.end < e {
                    return None;
                }
            }
        }
        // "He said “…”": the direct quote says it all.
        if doc.punct(a).is_some_and(is_quote_mark) {
            let k = self.quotes.partition_point(|f| f.start <= s + 1);
            if k > 0
                && self.quotes[k - 1].start <= s + 1
                && 2 * (self.quotes[k - 1].end - self.quotes[k - 1].start) >= e - s
            {
                return None;
            }
        }
        if self.inside_direct(s) {
            return None;
        }
        Some(Found {
            start: s,
            end: e,
            quote: Quote {
                start: s,
                end: e,
                kind: QuoteKind::Indirect,
                cue: Some(cue),
                speaker: None,
            },
            raw,
            source: Source::Attributed,
            opens_paragraph: false,
        })
    }

    // -- speakers -------------------------------------------------------------

    /// People and bodies named in the text, in order, that a pronoun or a
    /// title may stand for: names after a title or role ("Mr Doe",
    /// "spokesman John Doe"), names with an appositive ("Jane Doe, head of
    /// …"), known people, and runs of capitalised words naming a body.
    fn mentions(&self) -> Vec<Mention> {
        let doc = self.doc;
        let mut out = Vec::new();
        let mut surnames: HashMap<String, String> = HashMap::new();
        let mut i = 0;
        while i < doc.toks.len() {
            if !doc.capitalised(i) {
                i += 1;
                continue;
            }
            let s = i;
            let mut e = i + 1;
            // A run of capitalised words (and initials), within one paragraph.
            while e < doc.toks.len()
                && e - s < 8
                && (doc.capitalised(e)
                    || doc.punct(e) == Some('.')
                        && doc.toks[e - 1].end - doc.toks[e - 1].start == 1)
                && !doc.chars[doc.toks[e - 1].end..doc.toks[e].start].contains(&'\n')
            {
                e += 1;
            }
            i = e;
            if self.inside_direct(doc.toks[s].start) {
                continue; // names in someone's words are not who speaks next
            }
            let mut ws: Vec<usize> = (s..e).filter(|&k| doc.is_word(k)).collect();
            while ws.len() > 1
                && (self.lc_in(ws[0], CLAUSE_STARTERS)
                    || self.lc_in(ws[0], DETERMINERS)
                    || self.lc_in(ws[0], TITLES)
                    || self.lc_in(ws[0], TITLE_MODIFIERS)
                    || self.lc_in(ws[0], ROLE_NOUNS) && ws.len() > 2
                    || self.lc_in(ws[0], PREPOSITIONS)
                    || self.lc_in(ws[0], CLAUSE_BOUNDARIES))
            {
                ws.remove(0);
            }
            let (Some(&fw), Some(&lw)) = (ws.first(), ws.last()) else {
                continue;
            };
            let name = doc.tok_text(fw, lw + 1);
            let org = ws.iter().any(|&k| self.lc_in(k, ORGANISATION_WORDS));
            if org {
                if ws.len() >= 2 {
                    out.push(Mention {
                        start: doc.toks[fw].start,
                        end: doc.toks[lw].end,
                        name,
                        person: false,
                        title: None,
                    });
                }
                continue;
            }
            // "former Olympic Diving Champion Jane Ann Doe": the name is
            // what follows the last title or role in a long run.
            let mut role_in_run = false;
            if ws.len() > 3 {
                if let Some(p) = ws[..ws.len() - 1]
                    .iter()
                    .rposition(|&k| self.lc_in(k, TITLES) || self.lc_in(k, ROLE_NOUNS))
                {
                    ws.drain(..=p);
                    role_in_run = true;
                }
            }
            if ws.len() > 3 {
                continue;
            }
            let fw = ws[0];
            let lw = ws[ws.len() - 1];
            let name = doc.tok_text(fw, lw + 1);
            // "Mayor Jane Doe", "Sen. Jane Doe" (the title's stop read past).
            let title_before = s > 0
                && (self.lc_in(s - 1, TITLES) || self.lc_in(s - 1, ROLE_NOUNS))
                || s > 1
                    && doc.punct(s - 1) == Some('.')
                    && self.lc_in(s - 2, TITLES)
                    && doc.is_abbreviation_stop(s - 1, 0);
            let titled = title_before || role_in_run || (s..fw).any(|k| self.lc_in(k, TITLES));
            if !titled && s > 0 && self.lc_in(s - 1, PREPOSITIONS) {
                continue; // "the Center for Foo Studies, professor at …"
            }
            let appositive = doc.punct(e) == Some(',')
                && (self.lc_in(e + 1, DETERMINERS)
                    || self.lc_in(e + 1, ROLE_NOUNS)
                    || doc
                        .toks
                        .get(e + 1)
                        .is_some_and(|t| t.word && doc.chars[t.start].is_ascii_digit()));
            // "skipper Jane Doe": a two- or three-word name after a common noun.
            let role_before = s > 0 && {
                let w = doc.lower(s - 1);
                self.lc_in(s - 1, ROLE_NOUNS)
                    || ["er", "or", "ist", "ian", "ant", "ent"]
                        .iter()
                        .any(|x| w.ends_with(x))
            };
            let after_noun = role_before
                && !doc.capitalised(s - 1)
                && !self.lc_in(s - 1, PREPOSITIONS)
                && !self.lc_in(s - 1, DETERMINERS)
                && !self.lc_in(s - 1, CLAUSE_BOUNDARIES)
                && (2..=3).contains(&ws.len())
                && fw == s;
            let sentence_start = doc
                .sentence_starts
                .binary_search(&doc.toks[s].start)
                .is_ok();
            if ws.iter().any(|&k| self.lc_in(k, DAYS_AND_MONTHS)) {
                continue;
            }
            let known = self.known.is_person(&name);
            // "Jane Doe had married …": a name opening its sentence, then a verb.
            let possessive = {
                let w = doc.lower(lw);
                w.ends_with("’s") || w.ends_with("'s")
            };
            // … or after an opening phrase and its comma ("In 1980, Jane Doe sat …").
            let clause_start = sentence_start || s > 0 && doc.punct(s - 1) == Some(',');
            let subject = clause_start
                && fw == s
                && !possessive
                && (2..=3).contains(&ws.len())
                && doc.is_word(e)
                && !doc.capitalised(e)
                && !self.lc_in(e, PREPOSITIONS)
                && !self.lc_in(e, CLAUSE_BOUNDARIES);
            if known
                || titled
                || after_noun
                || subject
                || (appositive && (ws.len() >= 2 || !sentence_start || fw != s))
            {
                if ws.len() >= 2 {
                    surnames.insert(doc.lower(lw).to_string(), name.clone());
                }
                let from = if title_before && doc.punct(s - 1) == Some('.') {
                    s - 2
                } else {
                    s.saturating_sub(1)
                };
                let title = (from..fw)
                    .rev()
                    .find(|&k| self.lc_in(k, TITLES) || self.lc_in(k, ROLE_NOUNS))
                    .filter(|&k| doc.para_of(doc.toks[k].start) == doc.para_of(doc.toks[fw].start))
                    .map(|k| spelt_out(doc.lower(k)).to_string());
                out.push(Mention {
                    start: doc.toks[fw].start,
                    end: doc.toks[lw].end,
                    name,
                    person: true,
                    title,
                });
            } else if ws.len() == 1 {
                // "Doe" after "Jane Doe": the same person.
                if let Some(full) = surnames.get(doc.lower(lw)) {
                    out.push(Mention {
                        start: doc.toks[fw].start,
                        end: doc.toks[lw].end,
                        name: full.clone(),
                        person: true,
                        title: None,
                    });
                }
            }
        }
        out
    }

    /// The gender the text's own pronouns give each person: each "he" or
    /// "she" (outside quotes) is a vote for the person named last before it;
    /// the majority decides. Keyed by full name and by surname.
    fn genders(&self, mentions: &[Mention]) -> HashMap<String, Gender> {
        let doc = self.doc;
        let mut people: Vec<(usize, String)> = mentions
            .iter()
            .filter(|m| m.person)
            .map(|m| (m.start, m.name.clone()))
            .collect();
        for f in &self.quotes {
            if let Some(r) = f.raw.as_ref().filter(|r| r.kind == SpeakerKind::Named) {
                people.push((r.start, r.name.clone()));
            }
        }
        people.sort_by_key(|p| p.0);
        let mut votes: HashMap<String, i32> = HashMap::new();
        let mut next = 0;
        let mut pending: Option<&str> = None;
        for (i, t) in doc.toks.iter().enumerate() {
            while next < people.len() && people[next].0 <= t.start {
                pending = Some(people[next].1.as_str());
                next += 1;
            }
            let Some(name) = pending else { continue };
            let gender = match doc.lower(i) {
                "he" => Gender::Male,
                "she" => Gender::Female,
                _ => continue,
            };
            // Not inside quotes, and not the "she" of "…,” she said": that is
            // the pronoun being resolved.
            let after_mark =
                (i.saturating_sub(2)..i).any(|k| doc.punct(k).is_some_and(is_quote_mark));
            if after_mark || self.inside_direct(t.start) {
                continue;
            }
            let vote = if gender == Gender::Female { 1 } else { -1 };
            *votes.entry(name.to_lowercase()).or_default() += vote;
            if let Some(last) = name.rsplit(' ').next().filter(|l| *l != name) {
                *votes.entry(last.to_lowercase()).or_default() += vote;
            }
        }
        // "his wife, Jane Doe", "Mrs. Doe", "spokesman John Doe": a word
        // just before the name says more than a pronoun does.
        for m in mentions.iter().filter(|m| m.person) {
            let t = doc.tok_index(m.start);
            let para = doc.para_of(m.start);
            let vote = (t.saturating_sub(4)..t)
                .rev()
                .filter(|&k| doc.is_word(k) && doc.para_of(doc.toks[k].start) == para)
                .find_map(|k| {
                    if self.lc_in(k, FEMALE_WORDS) {
                        Some(2)
                    } else if self.lc_in(k, MALE_WORDS) {
                        Some(-2)
                    } else {
                        None
                    }
                });
            if let Some(vote) = vote {
                *votes.entry(m.name.to_lowercase()).or_default() += vote;
                if let Some(last) = m.name.rsplit(' ').next().filter(|l| *l != m.name) {
                    *votes.entry(last.to_lowercase()).or_default() += vote;
                }
            }
        }
        votes
            .into_iter()
            .filter(|(_, v)| *v != 0)
            .map(|(k, v)| (k, if v > 0 { Gender::Female } else { Gender::Male }))
            .collect()
    }

    /// When no person has been named in full: the last single capitalised
    /// word opening a clause before `pos` and followed by a lower-case word
    /// ("…, Arnold whipped into his second shot. … he said").
    fn lone_subject_before(&self, pos: usize) -> Option<String> {
        let doc = self.doc;
        let end = doc.tok_index(pos);
        let lists: [&[&str]; 11] = [
            DETERMINERS,
            PRONOUNS,
            CLAUSE_STARTERS,
            CLAUSE_BOUNDARIES,
            PREPOSITIONS,
            CALENDAR,
            NOT_A_SPEAKER,
            ORGANISATION_WORDS,
            TITLES,
            SUBORDINATORS,
            PARENTHETICALS,
        ];
        (end.saturating_sub(160)..end).rev().find_map(|k| {
            let clause_start = k == 0
                || doc
                    .punct(k - 1)
                    .is_some_and(|c| matches!(c, ',' | '.' | ';'))
                || doc
                    .sentence_starts
                    .binary_search(&doc.toks[k].start)
                    .is_ok();
            let fits = doc.capitalised(k)
                && clause_start
                && doc.is_word(k + 1)
                && !doc.capitalised(k + 1)
                && !self.lc_in(k + 1, PREPOSITIONS)
                && !lists.iter().any(|l| self.lc_in(k, l))
                && !self.inside_direct(doc.toks[k].start)
                && doc.toks[k].end - doc.toks[k].start > 2;
            fits.then(|| doc.tok_text(k, k + 1))
        })
    }

    fn resolve(&mut self) {
        // No quote, no speaker to resolve: the names of the text (the
        // costly part) are not looked for.
        if self.quotes.is_empty() {
            return;
        }
        let mentions = self.mentions();
        let genders = self.genders(&mentions);
        // People named so far, with where: (position, name).
        let mut recent: Vec<(usize, String)> = Vec::new();
        let mut mi = 0;
        let mut last_person: Option<String> = None;
        let mut last_body: Option<String> = None;
        let mut last_plural: Option<String> = None;
        // The last body that spoke ("the jury said …; it urged …"): what
        // "it" stands for before any body merely named since.
        let mut last_speaking_body: Option<String> = None;
        // The last speaker given as a description of one person ("a taxi
        // driver"), with where.
        let mut last_described: Option<(usize, String)> = None;
        // Title or role → the person last named with it.
        let mut titled: HashMap<String, String> = HashMap::new();
        // Resolve in the order the speakers are written.
        let mut order: Vec<usize> = (0..self.quotes.len())
            .filter(|&k| self.quotes[k].raw.is_some())
            .collect();
        order.sort_by_key(|&k| self.quotes[k].raw.as_ref().map_or(0, |r| r.start));
        let mut resolved: Vec<Option<Speaker>> = vec![None; self.quotes.len()];
        for k in order {
            let Some(raw) = self.quotes[k].raw.clone() else {
                continue;
            };
            while mi < mentions.len() && mentions[mi].start < raw.start {
                let Mention {
                    name,
                    person,
                    title,
                    ..
                } = &mentions[mi];
                if *person {
                    last_person = Some(name.clone());
                    recent.push((mentions[mi].start, name.clone()));
                    if let Some(t) = title {
                        titled.insert(t.clone(), name.clone());
                    }
                } else {
                    last_body = Some(name.clone());
                }
                mi += 1;
            }
            let lc = raw.name.to_lowercase();
            // "One of them is John Doe, he said": not someone named in the
            // quote itself.
            let (qs, qe) = (self.quotes[k].start, self.quotes[k].end);
            let candidates: Vec<String> = recent
                .iter()
                .rev()
                .filter(|(p, _)| !(qs <= *p && *p < qe))
                .take(30)
                .map(|(_, n)| n.clone())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let (kind, refers_to) = match raw.kind {
                SpeakerKind::Pronoun => {
                    let r = match lc.as_str() {
                        "it" => last_speaking_body.clone().or_else(|| last_body.clone()),
                        "they" | "these" | "those" => {
                            last_plural.clone().or_else(|| last_body.clone())
                        }
                        // "A taxi driver remarks that …. “…,” he says": the
                        // person described as the last speaker, when no one
                        // has been named since.
                        "he" | "she" | "il" | "er" | "elle" | "sie"
                            if last_described.as_ref().is_some_and(|(p, _)| {
                                recent
                                    .iter()
                                    .rev()
                                    .find(|(q, _)| !(qs <= *q && *q < qe))
                                    .is_none_or(|(q, _)| q < p)
                            }) =>
                        {
                            last_described.as_ref().map(|(_, n)| n.clone())
                        }
                        "he" | "il" | "er" => person_of_gender(&candidates, &genders, Gender::Male)
                            .or_else(|| {
                                candidates
                                    .is_empty()
                                    .then(|| self.lone_subject_before(raw.start))
                                    .flatten()
                            }),
                        "she" | "elle" | "sie" => {
                            person_of_gender(&candidates, &genders, Gender::Female).or_else(|| {
                                candidates
                                    .is_empty()
                                    .then(|| self.lone_subject_before(raw.start))
                                    .flatten()
                            })
                        }
                        _ => last_person.clone(),
                    };
                    (SpeakerKind::Pronoun, r)
                }
                SpeakerKind::Description if raw.resolvable_title && last_person.is_some() => {
                    // "the mayor": the person last given that title ("Mayor
                    // Jane Doe"), else the last person named.
                    let role = raw
                        .name
                        .split_whitespace()
                        .take_while(|w| !w.eq_ignore_ascii_case("of"))
                        .last()
                        .map(str::to_lowercase);
                    let bearer = role.and_then(|r| titled.get(&r).cloned());
                    (SpeakerKind::Pronoun, bearer.or_else(|| last_person.clone()))
                }
                kind => (kind, None),
            };
            match kind {
                SpeakerKind::Named => {
                    let org = raw
                        .name
                        .split_whitespace()
                        .any(|w| ORGANISATION_WORDS.contains(&w.to_lowercase().as_str()));
                    if org {
                        last_body = Some(raw.name.clone());
                        last_speaking_body = Some(raw.name.clone());
                    } else {
                        last_person = Some(raw.name.clone());
                        recent.push((raw.start, raw.name.clone()));
                    }
                }
                SpeakerKind::Description if lc.ends_with('s') => {
                    last_plural = Some(raw.name.clone())
                }
                SpeakerKind::Description
                    if ["a ", "an ", "the ", "one ", "another "]
                        .iter()
                        .any(|d| lc.starts_with(d))
                        && !lc
                            .split_whitespace()
                            .any(|w| ORGANISATION_WORDS.contains(&w)) =>
                {
                    last_described = Some((raw.start, raw.name.clone()));
                    if lc.starts_with("the ") {
                        last_speaking_body = Some(raw.name.clone());
                    }
                }
                SpeakerKind::Description if lc.starts_with("the ") => {
                    last_speaking_body = Some(raw.name.clone())
                }
                _ => {}
            }
            let entity = self.known.entity(refers_to.as_deref().unwrap_or(&raw.name));
            resolved[k] = Some(Speaker {
                start: raw.start,
                end: raw.end,
                name: raw.name,
                kind,
                refers_to,
                entity,
            });
        }
        // Quotes with no attribution of their own.
        let doc = self.doc;
        let people: Vec<&Mention> = mentions.iter().filter(|m| m.person).collect();
        let known = self.known;
        let mut last_in_para: Vec<Option<Speaker>> = vec![None; doc.paras.len()];
        let mut last_direct: Option<(usize, Speaker)> = None;
        for (k, f) in self.quotes.iter_mut().enumerate() {
            let para = doc.para_of(f.start);
            let speaker = match (f.source, resolved[k].take()) {
                (_, Some(s)) => Some(s),
                (Source::Inherit, None) if f.quote.kind == QuoteKind::Direct => {
                    let same_para = last_direct
                        .as_ref()
                        .filter(|(p, _)| *p == para)
                        .map(|(_, s)| s.clone());
                    // The person named earlier in the paragraph ("Jane Doe once put it
                    // this way. “…”"), or, for a quote opening its paragraph, the
                    // speaker or person named in the paragraph before.
                    // Named in the quote's sentence or the one before it, in its paragraph.
                    let para_start = doc.paras.get(para).map_or(0, |p| p.0);
                    let (own_sentence, _) =
                        doc.sentence_of(f.start.saturating_sub(1).max(para_start));
                    let (previous_sentence, _) =
                        doc.sentence_of(own_sentence.saturating_sub(1).max(para_start));
                    let named_here = person_in(&people, previous_sentence.max(para_start), f.start)
                        .map(|m| known_speaker(known, m));
                    // "Jane Doe summed it up: “…”": the sentence's subject.
                    let introduced = introducer_of(doc, f.start)
                        .filter(|(_, _, name)| {
                            // One word is a name only when someone was named so before.
                            name.contains(' ')
                                || people
                                    .iter()
                                    .any(|m| m.name.rsplit(' ').next() == Some(name.as_str()))
                        })
                        .map(|(s, e, name)| Speaker {
                            start: s,
                            end: e,
                            entity: known.entity(&name),
                            name,
                            kind: SpeakerKind::Named,
                            refers_to: None,
                        });
                    let before = if f.opens_paragraph {
                        para.checked_sub(1).and_then(|p| {
                            let (ps, pe) = doc.paras[p];
                            last_in_para[p].clone().or_else(|| {
                                person_in(&people, ps, pe).map(|m| known_speaker(known, m))
                            })
                        })
                    } else {
                        None
                    };
                    same_para.or(introduced).or(named_here).or(before)
                }
                _ => None,
            };
            if let Some(s) = &speaker {
                if let Some(slot) = last_in_para.get_mut(para) {
                    *slot = Some(s.clone());
                }
                if f.quote.kind == QuoteKind::Direct {
                    last_direct =
                        Some((doc.para_of(f.end.saturating_sub(1).max(f.start)), s.clone()));
                }
            }
            f.quote.speaker = speaker;
        }
    }
}

/// A title as a role noun: "gov" → "governor".
fn spelt_out(title: &str) -> &str {
    match title {
        "gov" => "governor",
        "sen" => "senator",
        "rep" => "representative",
        "gen" => "general",
        "prof" => "professor",
        "dr" => "doctor",
        "capt" => "captain",
        "col" => "colonel",
        t => t,
    }
}

/// The last person named in `start..end`, from mentions in text order.
fn person_in<'m>(people: &[&'m Mention], start: usize, end: usize) -> Option<&'m Mention> {
    let k = people.partition_point(|m| m.start < end);
    people[..k].last().copied().filter(|m| m.start >= start)
}

/// A speaker for a person named in the text.
fn known_speaker(known: &KnownIndex, m: &Mention) -> Speaker {
    Speaker {
        start: m.start,
        end: m.end,
        name: m.name.clone(),
        kind: SpeakerKind::Named,
        refers_to: None,
        entity: known.entity(&m.name),
    }
}

/// For a quote introduced by a colon ("Jane Doe summed it up: “…”"), the
/// capitalised words opening its sentence (at most four, function words
/// aside): start, end and name.
fn introducer_of(doc: &Doc, quote_start: usize) -> Option<(usize, usize, String)> {
    let open = doc.tok_index(quote_start).checked_sub(1)?;
    let colon = open.checked_sub(1).filter(|&k| doc.punct(k) == Some(':'))?;
    let (sentence_start, _) = doc.sentence_of(doc.toks[colon].start);
    let mut k = doc.tok_index(sentence_start);
    while k < colon && doc.is_word(k) && DETERMINERS.contains(&doc.lower(k)) {
        k += 1;
    }
    let first = k;
    while k < colon && k < first + 4 && doc.capitalised(k) {
        k += 1;
    }
    if k == first || CLAUSE_STARTERS.contains(&doc.lower(first)) {
        return None;
    }
    Some((
        doc.toks[first].start,
        doc.toks[k - 1].end,
        doc.tok_text(first, k),
    ))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// The last person named whose gender, as the text's pronouns show it, does
/// not contradict the pronoun (known to fit, or not known).
fn person_of_gender(
    recent: &[String],
    genders: &HashMap<String, Gender>,
    want: Gender,
) -> Option<String> {
    let gender_of = |name: &str| {
        genders
            .get(&name.to_lowercase())
            .or_else(|| {
                name.rsplit(' ')
                    .next()
                    .and_then(|l| genders.get(&l.to_lowercase()))
            })
            .copied()
    };
    recent
        .iter()
        .rev()
        .take(30)
        .find(|name| gender_of(name).is_none_or(|g| g == want))
        .cloned()
}
