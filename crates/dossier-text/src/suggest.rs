//! Suggestions: the names of people, organisations, places and events that
//! a text mentions, for the notebook to propose as new entities.
//!
//! Rules find the names, and a small trained filter ([`crate::tagger`])
//! then drops the final candidates it scores as no name. A name is a run of capitalised words (joined across
//! name particles such as "bin" or "von", and across "of", "for", "on",
//! "and", "the" only inside an organisation's, place's or event's name,
//! "Department of Health and Human Services"). Capitals prove nothing where
//! every word has them: the first word of a sentence, and every word of a
//! headline-cased or all-capital line, count only when the name lists know
//! them or the text capitalises them mid-sentence elsewhere. A line break
//! inside a paragraph is a space, so a name that wire copy wraps stays one.
//! The kind comes from the words and the context: titles before a name
//! ("President", "Mr") and given names make a person; designators ("Inc",
//! "Ministry", "University") an organisation, as does a following "group"
//! or "company"; place words ("River", "Airport"), the place lists, "in X"
//! and "X-based" a place; "War", "Summit", "Olympics" an event; initials
//! before a surname ("Joseph R. Doe") a person. A dateline ("LONDON —",
//! "Asilomar, March 26") names a place by its position; a US state's
//! abbreviation after a town ("Salem, Mass.") is part of the place; feasts
//! and a title with no name after it ("District Attorney") name nothing.
//! Short forms
//! join the full name the same text uses: a surname its person ("Mr Nazer"
//! → "Hisham Nazer"), an acronym the name of its initials ("OPEC"), a name
//! without "Group" or "Inc" the name with it, "City of X" X; a surname
//! behind a generational suffix ("Jr."), an epithet or a pet form before
//! it ("Jack" for "John") and its plural ("the Does") join the one full
//! name that bears it, and a lone surname two persons bear is dropped;
//! spellings that [`crate::variants::name_key`] folds together are one
//! suggestion. Firms ("A, B & C"), clubs ("Garden of the Gods Club",
//! "Officers' Club"), nicknames in brackets or quotes and a number after a
//! name ("Task Force 116") stay in the name; an acronym spelling a
//! lowercase phrase just before it ("general assistance", "GA") is none.
//! "St." before a capitalised word is "Saint" and opens a name ("St.
//! Mary's Church"); a team named by a plural takes its singular and a
//! clipped plural ("Oriole", "Yanks"); a line that opens with a comma or
//! "and" goes on with a sentence, no headline; a capitalised conjunction
//! after a name ("Because") opens a clause; a pet form by suffix
//! ("Frankie") joins the one full name with its given name. A designator
//! in lower case ends the name before it ("the Racquet club"), not after a
//! known place, an acronym or a named body ("a St. Louis club"); a run of
//! capitals whose last word was written earlier in it holds two names
//! ("R. E. Roe Raymond E. Roe": the written-out one).
//!
//! Work is linear in the text's length (hash maps, no pairwise scans).

use std::collections::{HashMap, HashSet};

use crate::names;
use crate::variants::name_key;

/// What a name names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Organisation,
    Place,
    Event,
    Date,
    Other,
}

impl Kind {
    /// The kind's name as the notebook stores it ("person", "organisation", …).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organisation => "organisation",
            Kind::Place => "place",
            Kind::Event => "event",
            Kind::Date => "date",
            Kind::Other => "other",
        }
    }

    /// The kind of a name [`Kind::as_str`] gives; None for another word.
    pub fn parse(s: &str) -> Option<Kind> {
        [
            Kind::Person,
            Kind::Organisation,
            Kind::Place,
            Kind::Event,
            Kind::Date,
            Kind::Other,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A proposed entity.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Candidate {
    /// The fullest spelling the text uses.
    pub name: String,
    pub kind: Kind,
    /// Where the text mentions it, all spellings together: character spans
    /// (start inclusive, end exclusive), in text order.
    pub mentions: Vec<(usize, usize)>,
    /// Every spelling seen, the name included, in order of first use.
    pub variants: Vec<String>,
}

/// One word of the text.
#[derive(Debug, Clone)]
struct Tok {
    /// The word as written, less a possessive "'s" and affixes such as
    /// "-based" or "post-".
    text: String,
    /// Character span of `text`.
    start: usize,
    end: usize,
    /// The first letter is a capital.
    cap: bool,
    /// Letters all capitals (two or more letters).
    caps: bool,
    /// First word of a sentence (or after an opening quote or a colon).
    initial: bool,
    /// In a headline-cased or all-capital paragraph.
    headline: bool,
    /// Punctuation (not only spaces and line breaks) before it.
    broken_before: bool,
    /// A sentence or paragraph ends before it.
    sentence_before: bool,
    /// Possessive ("NATO's"): a name ends here.
    possessive: bool,
    /// Written "X-based": X is a place.
    based: bool,
    /// Comma right after it.
    comma_after: bool,
    /// First word of a paragraph.
    para_start: bool,
    /// An opening quote mark right before it.
    quote_open: bool,
    /// A closing quote mark right after it (after a stop or comma, if any).
    quote_close: bool,
    /// The paragraph's index.
    para: usize,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether the word at `i` is a day of the week: not "Sun" of "Sun
/// Microsystems", an abbreviation with no stop or comma right before a
/// capitalised word that is no month.
fn weekday_at(toks: &[Tok], chars: &[char], i: usize) -> bool {
    let Some(t) = toks.get(i) else {
        return false;
    };
    if !names::is_weekday(&t.text) {
        return false;
    }
    let abbreviation = t.text.chars().count() <= 5 && !t.text.ends_with("day");
    let name_follows = toks.get(i + 1).is_some_and(|n| {
        n.cap
            && !n.broken_before
            && !n.sentence_before
            && !names::is_month(&n.text)
            && chars[t.end..n.start].iter().all(|c| *c == ' ')
    });
    !(abbreviation && name_follows)
}

/// Web domains' suffixes that make a word a site's name ("News.com");
/// ".co.uk" before ".com"-like ones so that the longer is found first.
const DOMAIN_SUFFIXES: &[&str] = &[".co.uk", ".com", ".net", ".org", ".gov", ".edu", ".io"];

/// Where a web domain's suffix (".com", ".net", ".org", ".co.uk") that
/// starts at `j` ends, when a word stands before it and no letter follows.
fn domain_suffix_end(chars: &[char], j: usize) -> Option<usize> {
    if chars.get(j) != Some(&'.') || j == 0 || !chars[j - 1].is_alphanumeric() {
        return None;
    }
    DOMAIN_SUFFIXES.iter().find_map(|suffix| {
        let len = suffix.chars().count();
        let end = j + len;
        (end <= chars.len()
            && chars[j..end].iter().copied().eq(suffix.chars())
            && chars.get(end).is_none_or(|c| !c.is_alphanumeric()))
        .then_some(end)
    })
}

/// "internetnews.com": a site's name in lower case.
fn is_domain(w: &str) -> bool {
    let Some((head, _)) = w.split_once('.') else {
        return false;
    };
    head.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && DOMAIN_SUFFIXES.iter().any(|s| w.ends_with(s))
}

fn is_inner_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '\u{ad}' | '‐' | '&')
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '«' | '„' | '(' | '[')
}

/// Suffixes after a hyphen that make the word before it a modifier
/// ("Kuwait-based", "U.S.-led"); the name is the part before.
const MODIFIER_SUFFIXES: &[&str] = &[
    "based",
    "led",
    "owned",
    "backed",
    "born",
    "like",
    "style",
    "era",
    "made",
    "run",
    "funded",
    "controlled",
    "held",
    "occupied",
    "bound",
    "wide",
    "linked",
    "allied",
    "friendly",
    "type",
];
/// Prefixes before a hyphen that are not part of the name ("post-Mugabe").
const MODIFIER_PREFIXES: &[&str] = &[
    "post", "pre", "anti", "pro", "ex", "non", "mid", "neo", "pan", "un", "trans", "inter",
];

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
        || camel_brand(w)
        || is_domain(w)
        || arabic_article(w)
}

/// "al-Chaab", "el-Sisi", "ash-Shuyukh": Arabic's article written in
/// lower case before a capital, part of a name.
fn arabic_article(w: &str) -> bool {
    w.split_once('-').is_some_and(|(article, rest)| {
        matches!(
            article,
            "al" | "el" | "ad" | "ar" | "as" | "ash" | "at" | "az" | "an" | "ul"
        ) && rest.chars().next().is_some_and(char::is_uppercase)
            && rest.chars().count() >= 2
    })
}

/// "iTunes", "eBay", "iPhone": a brand written with a small letter, then a
/// capital and small letters again (not "mRNA", "kWh", "pH").
fn camel_brand(w: &str) -> bool {
    let mut c = w.chars();
    let (Some(a), Some(b)) = (c.next(), c.next()) else {
        return false;
    };
    if !a.is_ascii_lowercase() || !b.is_ascii_uppercase() {
        return false;
    }
    let rest = c.as_str();
    rest.chars().count() >= 2
        && rest.chars().all(|c| c.is_ascii_alphabetic())
        && rest.chars().filter(|c| c.is_ascii_lowercase()).count() >= 2
}

fn all_caps(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// Splits a text into words with the facts the suggester needs.
fn tokenize(chars: &[char]) -> Vec<Tok> {
    let n = chars.len();
    let lines_are_paragraphs = lines_are_paragraphs(chars);
    let short_breaks = if lines_are_paragraphs {
        Vec::new()
    } else {
        short_line_breaks(chars)
    };
    let mut toks: Vec<Tok> = Vec::new();
    let mut i = 0;
    let mut gap_start = 0;
    let mut para = 0usize;
    let mut first = true;
    // Words of the paragraph so far, and whether all were in capitals.
    let mut para_words = 0usize;
    let mut para_caps_only = true;
    // The sentence's words so far, all capitalised ("Washington", "Fort
    // Worth"): a dateline, when a double dash follows.
    let mut sentence_words = 0usize;
    let mut sentence_capitalised = true;
    while i < n {
        if !is_word_char(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        loop {
            if j < n && is_word_char(chars[j]) {
                j += 1;
            } else if j + 1 < n && is_inner_joiner(chars[j]) && is_word_char(chars[j + 1]) {
                j += 2;
            } else if let Some(k) = domain_suffix_end(chars, j) {
                // "News.com", "internetnews.com": a site's name.
                j = k;
                break;
            } else if j + 1 < n
                && chars[j] == '.'
                && chars[j + 1].is_uppercase()
                && j >= 1
                && (j - start <= 2 || chars.get(j.wrapping_sub(2)) == Some(&'.'))
                && chars.get(j + 2).is_none_or(|c| !c.is_alphanumeric())
            {
                // "U.S", "H.W", "Ph.D": capitals with stops.
                j += 2;
            } else {
                break;
            }
        }
        let mut end = j;
        let raw: String = chars[start..end].iter().collect();
        // An abbreviation keeps its stop: "Mr.", "Co.", "U.S.", "E.".
        let single_capital = end - start == 1 && chars[start].is_uppercase();
        if end < n
            && chars[end] == '.'
            && (names::is_abbreviation(&raw) || single_capital || raw.contains('.'))
        {
            end += 1;
        }
        let gap: String = chars[gap_start..start].iter().collect();
        let para_break = first
            || gap_is_paragraph_break(&gap)
            || (lines_are_paragraphs && gap.contains('\n'))
            || short_breaks
                .binary_search_by(|&p| {
                    if p < gap_start {
                        std::cmp::Ordering::Less
                    } else if p >= start {
                        std::cmp::Ordering::Greater
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .is_ok();
        if para_break && !first {
            para += 1;
        }
        let prev_abbrev = toks.last().is_some_and(|t: &Tok| t.text.ends_with('.'));
        let terminal = gap.contains(['.', '!', '?', ':', '•', '|', '…'])
            || (prev_abbrev
                && gap.trim().is_empty()
                && chars[start].is_uppercase()
                && prev_ends_sentence(&toks));
        let opens_quote = gap.chars().any(is_opening_quote)
            && gap.chars().filter(|c| !c.is_whitespace()).count() <= 2;
        // "CAIRO — Gunmen opened fire": a dateline's dash starts the sentence.
        if para_break {
            para_words = 0;
            para_caps_only = true;
        }
        // "April 17, 2015 -- Imagine being sick": so does a dash after a date.
        let after_date = gap.contains(['—', '–', '-'])
            && toks
                .last()
                .is_some_and(|t| t.para == para && t.text.chars().all(|c| c.is_ascii_digit()));
        let after_dateline = (gap.contains(['—', '–', '-']) && para_words > 0 && para_caps_only) || after_date
            // "Washington -- Thousands marched": a place of up to three
            // capitalised words and a double dash open a story.
            || ((gap.contains("--") || gap.contains(['—', '–']))
                && (1..=3).contains(&sentence_words)
                && sentence_capitalised);
        let sentence_before = para_break || terminal || opens_quote || after_dateline;
        // "Procter & Gamble": an ampersand between words joins them.
        // "Officers' Club": a plural's possessive apostrophe, then a
        // capitalised word, like "Children's Hospital".
        let plural_possessive = gap.starts_with(['\'', '’'])
            && matches!(gap.trim(), "'" | "’")
            && chars[start].is_uppercase()
            && toks
                .last()
                .is_some_and(|t: &Tok| t.cap && t.text.ends_with('s') && t.end == gap_start);
        if plural_possessive {
            if let Some(last) = toks.last_mut() {
                last.possessive = true;
            }
        }
        let broken_before =
            first || (!plural_possessive && gap.chars().any(|c| !c.is_whitespace() && c != '&'));
        if let Some(last) = toks.last_mut() {
            last.comma_after = gap.trim_start().starts_with(',');
        }
        let mut tok = make_token(chars, start, end);
        para_words += 1;
        para_caps_only &= tok.caps;
        if sentence_before {
            sentence_words = 0;
            sentence_capitalised = true;
        }
        sentence_words += 1;
        sentence_capitalised &= tok.cap;
        tok.initial = sentence_before;
        tok.sentence_before = sentence_before;
        tok.broken_before = broken_before;
        tok.para_start = para_break;
        tok.para = para;
        tok.quote_open = gap.trim_end().ends_with(['“', '"', '‘']);
        let after: String = chars.iter().skip(end).take(3).collect();
        tok.quote_close = after
            .trim_start_matches(['.', ',', '!', '?'])
            .starts_with(['”', '"', '’']);
        // "‘s" after a word split by the quote: "Yahoo’s" is handled in
        // make_token; a lone "s" after an apostrophe is no word.
        if !(tok.text.is_empty() || (tok.text == "s" && gap.ends_with(['\'', '’']))) {
            toks.push(tok);
        }
        first = false;
        gap_start = end;
        i = end;
    }
    mark_headlines(chars, &mut toks);
    for i in 0..toks.len() {
        if let Some(day) = dated_dateline(&toks, i) {
            // "Asilomar, March 26 Vast spraying programs": the word after
            // the date opens the sentence.
            let para = toks[i].para;
            if let Some(n) = toks.get_mut(day + 1).filter(|n| n.para == para) {
                n.initial = true;
                n.sentence_before = true;
            }
        }
    }
    toks
}

/// "Asilomar, March 26", "LONDON, Feb. 9 --": up to three capitalised words
/// opening a paragraph, a comma, a month and a day. Returns the day's index.
fn dated_dateline(toks: &[Tok], i: usize) -> Option<usize> {
    let t = toks.get(i)?;
    // "Tuesday, August 27, 2002": a date line, no place.
    if !t.para_start || !t.cap || names::is_weekday(&t.text) {
        return None;
    }
    let mut j = i;
    while j < i + 2 && toks.get(j + 1).is_some_and(|n| n.cap && !n.broken_before) {
        j += 1;
    }
    let month = toks.get(j + 1)?;
    let day = toks.get(j + 2)?;
    (toks[j].comma_after
        && names::is_month(&month.text)
        && month.para == t.para
        && day.para == t.para
        && !day.text.is_empty()
        && day.text.chars().count() <= 2
        && day.text.chars().all(|c| c.is_ascii_digit()))
    .then_some(j + 2)
}

/// Whether the token before ends a sentence even though it ends in an
/// abbreviation's stop ("... in the U.S. The report").
fn prev_ends_sentence(toks: &[Tok]) -> bool {
    toks.last().is_some_and(|t| {
        let w = t.text.trim_end_matches('.');
        // "from St. Louis", "Mt. Hood", "Ft. Worth": "Saint", "Mount" and
        // "Fort" open a name; "Main St. The" (a street: a capitalised word
        // before it, no direction) ends a sentence.
        if matches!(w, "Mt" | "Ft") {
            return false;
        }
        if w == "St" {
            let before = toks.len().checked_sub(2).and_then(|b| toks.get(b));
            let street = before
                .is_some_and(|b| b.cap && !t.sentence_before && !names::is_direction_word(&b.text));
            return street;
        }
        // Titles and initials go on to a name; other stopped words end here.
        !(names::is_title(w)
            || w.chars().count() == 1
            || names::is_month(w)
            || t.text.matches('.').count() > 1)
    })
}

/// Whether the text writes one paragraph a line (most lines long), so that
/// every line break ends a paragraph; otherwise it is hard-wrapped and a
/// single line break is a space.
fn lines_are_paragraphs(chars: &[char]) -> bool {
    let (mut long, mut lines, mut len) = (0usize, 0usize, 0usize);
    for &c in chars.iter().chain(std::iter::once(&'\n')) {
        if c == '\n' {
            if len > 0 {
                lines += 1;
                if len > 100 {
                    long += 1;
                }
            }
            len = 0;
        } else if !c.is_whitespace() || len > 0 {
            len += 1;
        }
    }
    lines > 0 && long * 2 >= lines
}

/// In hard-wrapped text, the line breaks (their positions, in order) that
/// end a line much shorter than the wrap: a headline, a byline, a dateline
/// or a paragraph's last line, each a paragraph of its own ("By Jane Roe"
/// above the story's first line).
fn short_line_breaks(chars: &[char]) -> Vec<usize> {
    // Each line's trimmed length and the position of its line break.
    let mut lines: Vec<(usize, usize)> = Vec::new();
    let mut len = 0usize;
    let mut trailing = 0usize;
    for (p, &c) in chars.iter().enumerate() {
        if c == '\n' {
            lines.push((len.saturating_sub(trailing), p));
            len = 0;
            trailing = 0;
        } else if c.is_whitespace() {
            if len > 0 {
                len += 1;
                trailing += 1;
            }
        } else {
            len += 1;
            trailing = 0;
        }
    }
    lines.push((len.saturating_sub(trailing), chars.len()));
    // The wrap: the longest line of the ordinary ones.
    let wrap = lines
        .iter()
        .map(|&(l, _)| l)
        .filter(|&l| l <= 100)
        .max()
        .unwrap_or(0);
    if wrap < 30 {
        return Vec::new();
    }
    let short = |l: usize| l > 0 && l * 5 < wrap * 3;
    // "By Jane Roe" under a long headline: a short line that opens with
    // "By" and a capital is a byline, with a break before it as well.
    let byline = |end: usize, len: usize| {
        let start = chars[..end]
            .iter()
            .rposition(|&c| c == '\n')
            .map_or(0, |p| p + 1);
        let line: String = chars[start..end].iter().collect();
        let line = line.trim_start();
        len > 0
            && len * 5 < wrap * 4
            && (line.starts_with("By ") || line.starts_with("by "))
            && line[3..].chars().next().is_some_and(char::is_uppercase)
    };
    lines
        .windows(2)
        .filter(|w| {
            w[0].0 > 0
                && w[1].0 > 0
                && (short(w[0].0) || byline(w[0].1, w[0].0) || byline(w[1].1, w[1].0))
        })
        .map(|w| w[0].1)
        .collect()
}

fn gap_is_paragraph_break(gap: &str) -> bool {
    let mut newlines = 0;
    let mut after_newline_spaces = 0;
    for c in gap.chars() {
        if c == '\n' {
            newlines += 1;
            after_newline_spaces = 0;
        } else if c == ' ' || c == '\t' {
            if newlines > 0 {
                after_newline_spaces += 1;
            }
        } else if c != '\r' {
            after_newline_spaces = 0;
        }
    }
    // A blank line, or a line break and an indent (wire copy's paragraphs).
    newlines >= 2 || (newlines == 1 && after_newline_spaces >= 2)
}

fn make_token(chars: &[char], start: usize, end: usize) -> Tok {
    let mut s = start;
    let mut e = end;
    let mut possessive = false;
    let mut based = false;
    let mut stance_adjective = false;
    let text_of = |a: usize, b: usize| -> String { chars[a..b].iter().collect() };
    // Possessive: "NATO's", "Sudan’s", "Reuters'".
    if e >= s + 3 && matches!(chars[e - 2], '\'' | '’') && matches!(chars[e - 1], 's' | 'S') {
        e -= 2;
        possessive = true;
    }
    // Affixes: "Kuwait-based", "post-Mugabe".
    let word = text_of(s, e);
    if let Some(pos) = word.rfind('-') {
        let suffix = &word[pos + 1..];
        if MODIFIER_SUFFIXES.contains(&suffix) {
            let cut = word[..pos].chars().count();
            e = s + cut;
            based = suffix == "based";
        }
    }
    let word = text_of(s, e);
    if let Some(pos) = word.find('-') {
        let prefix = &word[..pos];
        // "Inter-American", "Pan-Arab", "Trans-Canada" capitalised name
        // bodies and roads; "anti-Russian" does not.
        let name_prefix = capitalised(prefix)
            && matches!(prefix.to_lowercase().as_str(), "inter" | "pan" | "trans");
        if MODIFIER_PREFIXES.contains(&prefix.to_lowercase().as_str())
            && capitalised(&word[pos + 1..])
            && !name_prefix
        {
            s += prefix.chars().count() + 1;
            // "anti-Semitic acts", "pro-Islamist groups": an adjective
            // after a stance's prefix names nothing.
            stance_adjective = matches!(prefix, "anti" | "pro" | "non" | "neo")
                && ["ic", "ist", "ism", "ists"]
                    .iter()
                    .any(|x| word.ends_with(x));
        }
    }
    let text = text_of(s, e);
    // "I've", "Don't": contractions; "Life-threatening": a compound of
    // common words. Neither is a name; "Jae-myung", "Dong-hoon" (a
    // romanised given name's syllables) are.
    let contraction = text
        .rsplit_once(['\'', '’'])
        .is_some_and(|(_, tail)| matches!(tail, "ve" | "m" | "d" | "ll" | "re" | "t"));
    let lowercase_part = !names::is_title(&text)
        && text.split('-').skip(1).any(|p| {
            p.chars().count() >= 3
                && p.chars().all(char::is_lowercase)
                && names::is_common_english(p)
        });
    Tok {
        cap: capitalised(&text) && !contraction && !lowercase_part && !stance_adjective,
        caps: all_caps(&text),
        text,
        start: s,
        end: e,
        initial: false,
        headline: false,
        broken_before: false,
        sentence_before: false,
        possessive,
        based,
        comma_after: false,
        para_start: false,
        quote_open: false,
        quote_close: false,
        para: 0,
    }
}

/// Marks the words of headline-cased and all-capital paragraphs, whose
/// capitals say nothing.
fn mark_headlines(chars: &[char], toks: &mut [Tok]) {
    let mut from = 0;
    while from < toks.len() {
        let para = toks[from].para;
        let mut to = from;
        while to < toks.len() && toks[to].para == para {
            to += 1;
        }
        let words = &toks[from..to];
        let alphabetic: Vec<&Tok> = words
            .iter()
            .filter(|t| t.text.chars().next().is_some_and(char::is_alphabetic))
            .collect();
        // Title case leaves short function words in lowercase ("Neon Is
        // the Ultimate Symbol of the Century"): they do not count.
        let content: Vec<&&Tok> = alphabetic
            .iter()
            .filter(|t| {
                t.cap
                    || !matches!(
                        t.text.as_str(),
                        "a" | "an"
                            | "the"
                            | "of"
                            | "and"
                            | "or"
                            | "nor"
                            | "but"
                            | "in"
                            | "on"
                            | "at"
                            | "to"
                            | "for"
                            | "by"
                            | "with"
                            | "from"
                            | "as"
                            | "into"
                            | "vs"
                            | "via"
                            | "per"
                            | "up"
                            | "off"
                            | "out"
                            | "over"
                    )
            })
            .collect();
        let caps = content.iter().filter(|t| t.cap).count();
        let all_capitals = alphabetic.iter().filter(|t| t.caps).count();
        let last_end = words.last().map_or(0, |t| t.end);
        let tail: String = chars
            .iter()
            .skip(last_end)
            .take_while(|c| **c != '\n')
            .collect();
        // Headlines may end in "!" or "?", not in a full stop.
        let terminated = tail.contains(['.', '"', '”']);
        // ", Dick Roe, Don Doe" or "and Bob Poe" on a line of its own: the
        // rest of a sentence a break cut (a list of names), no headline.
        let opening: String = from
            .checked_sub(1)
            .map_or(&chars[..0], |p| &chars[toks[p].end..toks[from].start])
            .iter()
            .collect();
        let opening = opening.rsplit('\n').next().unwrap_or("").trim();
        let continued = opening.starts_with([',', ';'])
            || matches!(words[0].text.as_str(), "and" | "or" | "but" | "nor");
        let headline_cased = !alphabetic.is_empty()
            && !terminated
            && !continued
            && caps * 4 >= content.len() * 3
            && alphabetic.len() <= 20;
        let shouting = alphabetic.len() >= 3 && all_capitals * 4 >= alphabetic.len() * 3;
        // "By JANE ROE": a byline is no headline; its capitals are names.
        let byline = words[0].text.eq_ignore_ascii_case("by") && words.len() <= 12;
        if (headline_cased || shouting) && !byline {
            for t in &mut toks[from..to] {
                t.headline = true;
            }
        }
        from = to;
    }
}

/// A stretch of words that may be a name, with what the context says.
#[derive(Debug, Clone)]
struct Piece {
    /// Token indices.
    words: Vec<usize>,
    titled: bool,
    /// A title of a work in quotes ("Deterministic Nonperiodic Flow").
    work: bool,
}

/// Evidence for a kind, by strength.
#[derive(Debug, Clone, Copy, Default)]
struct Votes {
    person: u32,
    organisation: u32,
    place: u32,
    event: u32,
    other: u32,
}

impl Votes {
    /// Evidence of one mention adds up; mentions of one name take the
    /// strongest evidence for each kind ([`Votes::merge`]), so that a weak
    /// cue repeated does not outweigh a strong one seen once.
    fn add(&mut self, kind: Kind, weight: u32) {
        match kind {
            Kind::Person => self.person += weight,
            Kind::Organisation => self.organisation += weight,
            Kind::Place => self.place += weight,
            Kind::Event => self.event += weight,
            Kind::Other => self.other += weight,
            Kind::Date => {}
        }
    }
    fn total(&self) -> u32 {
        self.person + self.organisation + self.place + self.event + self.other
    }
    fn merge(&mut self, o: Votes) {
        self.person = self.person.max(o.person);
        self.organisation = self.organisation.max(o.organisation);
        self.place = self.place.max(o.place);
        self.event = self.event.max(o.event);
        self.other = self.other.max(o.other);
    }
    fn best(&self) -> Kind {
        let mut best = (Kind::Other, 0);
        for (k, v) in [
            (Kind::Person, self.person),
            (Kind::Organisation, self.organisation),
            (Kind::Place, self.place),
            (Kind::Event, self.event),
            (Kind::Other, self.other),
        ] {
            if v > best.1 {
                best = (k, v);
            }
        }
        best.0
    }
}

/// One mention found, before grouping.
#[derive(Debug, Clone)]
struct Mention {
    surface: String,
    key: String,
    words: Vec<String>,
    span: (usize, usize),
    votes: Votes,
    /// All words capitals: an acronym.
    acronym: bool,
    /// A lone given name with no other evidence.
    bare_given: bool,
    /// A lone common English word with no other evidence.
    weak_word: bool,
    /// Found by a rule that the trained filter does not overrule (a
    /// byline, a masthead).
    sure: bool,
}

struct Ctx<'a> {
    toks: &'a [Tok],
    chars: &'a [char],
    /// Keys of words capitalised mid-sentence (reliable capitals).
    mid_sentence: HashSet<String>,
    /// The same, of words that stand alone there (no capital next to them).
    mid_sentence_alone: HashSet<String>,
    /// Lowercase words of the text.
    lowercase: HashSet<String>,
}

impl Ctx<'_> {
    fn reliable(&self, t: &Tok) -> bool {
        t.cap && !t.initial && !t.headline
    }

    /// Whether a capitalised word that cannot prove itself by its position
    /// (sentence start, headline) is a name all the same.
    fn vouched(&self, idx: usize) -> bool {
        let Some(t) = self.toks.get(idx) else {
            return false;
        };
        if !t.cap {
            return false;
        }
        let next_cap = self
            .toks
            .get(idx + 1)
            .is_some_and(|n| n.cap && !n.broken_before && !n.sentence_before);
        // "the New York Yankees": a common word opening a known place's
        // name of two or three words.
        if names::is_common_word(&t.text) {
            return next_cap && !t.headline && self.opens_known_place(idx);
        }
        let key = crate::variants::variant_key(&t.text).into_owned();
        // Capitalised mid-sentence elsewhere: alone, or (for a common
        // English word, "Tax" of "Tax Policy Center") in a name like this one.
        if self.mid_sentence_alone.contains(&key)
            || (self.mid_sentence.contains(&key)
                && (next_cap || !names::is_common_english(&t.text)))
        {
            return true;
        }
        // "Osama bin Laden should": a given name, a particle and a capital.
        let particle_then_cap = self
            .toks
            .get(idx + 1)
            .is_some_and(|p| !p.cap && !p.broken_before && names::is_name_particle(&p.text))
            && self
                .toks
                .get(idx + 2)
                .is_some_and(|n| n.cap && !n.broken_before && !n.sentence_before);
        if particle_then_cap && !t.headline && names::is_given_name(&t.text) {
            return true;
        }
        if t.headline {
            // A headline's capitals count for places the lists know.
            return !names::is_common_english(&t.text)
                && (names::is_place(&t.text)
                    || (next_cap && names::is_place(&self.span_of(idx, idx + 1))));
        }
        if next_cap {
            // "Saudi Arabia's", "New Zealand is": a known place of two or
            // three words.
            if self.opens_known_place(idx) {
                return true;
            }
            if names::is_given_name(&t.text) || names::is_title(&t.text) {
                return true;
            }
            // "Heise Online adds": no English word, before a capitalised one.
            if !names::is_common_english(&t.text) && !names::is_common_word(&t.text) {
                return true;
            }
            // "Associated Press reporters heard", "Financial Times
            // reported": a paper's or agency's last word, then lowercase.
            if self
                .toks
                .get(idx + 1)
                .is_some_and(|n| names::is_publication_word(&n.text) && !n.caps && !n.headline)
                && self
                    .toks
                    .get(idx + 2)
                    .is_some_and(|a| !a.cap && !a.broken_before && !a.sentence_before)
                && !t.headline
                && t.text.chars().count() > 3
            {
                return true;
            }
        }
        if self.lowercase.contains(&t.text.to_lowercase()) {
            return false;
        }
        if t.caps {
            return true;
        }
        // "China's toxic harvest", "Turkey's president": a known place in
        // the possessive, though its word is also a common noun's.
        if t.possessive && names::is_place(&t.text) && !names::is_common_word(&t.text) {
            return true;
        }
        if names::is_common_english(&t.text) {
            return false;
        }
        // "Sony said", "Tesla shares": a known place or company.
        if names::is_place(&t.text) || names::is_company(&t.text) {
            return true;
        }
        // A sentence that opens with a multi-word name whose later words are
        // themselves reliable: "Whole Foods is", "Bardo National Museum".
        next_cap
            && self.toks.get(idx + 1).is_some_and(|n| {
                names::is_organisation_designator(&n.text) || names::is_place_word(&n.text)
            })
    }

    /// Whether a word is capitalised on its own in the middle of a
    /// sentence somewhere in the text (no capital beside it).
    fn named_alone(&self, word: &str) -> bool {
        self.mid_sentence_alone
            .contains(crate::variants::variant_key(word).as_ref())
    }

    fn opens_known_place(&self, idx: usize) -> bool {
        let two = self.span_of(idx, idx + 1);
        let three = self
            .toks
            .get(idx + 2)
            .filter(|n| n.cap && !n.broken_before && !n.sentence_before)
            .map(|_| self.span_of(idx, idx + 2));
        names::is_place(&two) || three.is_some_and(|s| names::is_place(&s))
    }

    fn span_of(&self, a: usize, b: usize) -> String {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) if x.start <= y.end && y.end <= self.chars.len() => {
                self.chars[x.start..y.end].iter().collect()
            }
            _ => String::new(),
        }
    }

    /// Whether some word of the text is written exactly so.
    fn mentions_word(&self, w: &str) -> bool {
        self.toks.iter().any(|t| t.text == w)
    }

    fn usable(&self, idx: usize) -> bool {
        self.toks.get(idx).is_some_and(|t| {
            t.cap
                && !names::is_month(&t.text)
                && !weekday_at(self.toks, self.chars, idx)
                && (self.reliable(t) || self.vouched(idx))
        })
    }

    fn lower(&self, idx: usize) -> Option<String> {
        self.toks.get(idx).map(|t| t.text.to_lowercase())
    }
}

/// Proposes the names a text mentions that `known` does not know. `known`
/// is asked with each candidate's name and each of its spellings as
/// written; the caller normalises them as it likes (the notebook keeps the
/// [`name_key`]s of its entities, their aliases and the suggestions the
/// user rejected).
///
/// The rules find and group the names; the trained filter of
/// [`crate::tagger`] then drops the candidates its keep score rejects and
/// may change a kind it is sure of.
pub fn suggest_names(text: &str, known: &dyn Fn(&str) -> bool) -> Vec<Candidate> {
    let model = crate::tagger::shipped();
    suggest_with_features(text, known)
        .into_iter()
        .filter_map(|(mut c, features)| {
            let verdict = model.judge(&features, c.kind);
            verdict.keep.then(|| {
                c.kind = verdict.kind;
                c
            })
        })
        .collect()
}

/// The rules' candidates alone (their kinds, nothing dropped by the
/// model), each with the features [`crate::tagger`] judges it by. For the
/// training command and tests.
#[doc(hidden)]
pub fn suggest_with_features(
    text: &str,
    known: &dyn Fn(&str) -> bool,
) -> Vec<(Candidate, Vec<String>)> {
    let chars: Vec<char> = text.chars().collect();
    let toks = tokenize(&chars);
    let mut mid_sentence = HashSet::new();
    let mut mid_sentence_alone = HashSet::new();
    let mut lowercase = HashSet::new();
    for (i, t) in toks.iter().enumerate() {
        if t.cap && !t.initial && !t.headline {
            let key = crate::variants::variant_key(&t.text).into_owned();
            let prev_cap = i
                .checked_sub(1)
                .and_then(|p| toks.get(p))
                .is_some_and(|p| p.cap && !t.broken_before);
            let next_cap = toks
                .get(i + 1)
                .is_some_and(|n| n.cap && !n.broken_before && !n.sentence_before);
            if !prev_cap && !next_cap {
                mid_sentence_alone.insert(key.clone());
            }
            mid_sentence.insert(key);
        } else if !t.cap && t.text.chars().next().is_some_and(char::is_alphabetic) {
            lowercase.insert(t.text.to_lowercase());
        }
    }
    let ctx = Ctx {
        toks: &toks,
        chars: &chars,
        mid_sentence,
        mid_sentence_alone,
        lowercase,
    };
    // The initials of lowercase phrases ("general assistance"), with where
    // each was last seen: an acronym soon after that spells one ("GA")
    // abbreviates a common noun, no name.
    let mut lower_initials: HashMap<String, usize> = HashMap::new();
    for i in 0..toks.len() {
        let mut initials = String::new();
        for (k, t) in toks.iter().enumerate().skip(i).take(4) {
            if t.cap
                || (k > i && t.broken_before)
                || !t.text.chars().all(char::is_alphabetic)
                || names::is_common_word(&t.text)
            {
                break;
            }
            initials.extend(t.text.chars().next());
            if k > i {
                lower_initials.insert(initials.clone(), i);
            }
        }
    }
    let mut mentions: Vec<Mention> = Vec::new();
    let mut consumed = datelines(&ctx, &mut mentions);
    bylines(&ctx, &mut mentions, &mut consumed);
    mastheads(&ctx, &mut mentions, &mut consumed);
    credit_lines(&ctx, &mut mentions, &mut consumed);
    name_lines(&ctx, &mut mentions, &mut consumed);
    credit_paragraphs(&ctx, &mut mentions, &mut consumed);
    slash_credits(&ctx, &mut mentions, &mut consumed);
    // "Salem, Mass.", "Andover, N. J.": a state's abbreviation after a town
    // is part of the place, no name of its own.
    for i in 1..toks.len() {
        if toks[i - 1].comma_after && toks[i - 1].cap {
            if let Some(end) = state_abbreviation_at(&ctx, i) {
                for c in consumed.iter_mut().take(end + 1).skip(i) {
                    *c = true;
                }
            }
        }
    }
    let mut i = 0;
    while i < toks.len() {
        if let Some(end) = quoted_work(&ctx, i) {
            let piece = Piece {
                words: (i..=end).collect(),
                titled: false,
                work: true,
            };
            if let Some(m) = to_mention(&ctx, &piece) {
                mentions.push(m);
            }
            i = end + 1;
            continue;
        }
        // "\"Flip\" Roe": a nickname in quotes before a surname opens a
        // person's name.
        if let Some(s) = toks.get(i + 1).filter(|s| {
            let t = &toks[i];
            let between: String = chars[t.end..s.start].iter().collect();
            t.cap
                && t.quote_open
                && !t.caps
                && !names::is_title(&t.text)
                && toks.get(i + 2).is_none_or(|a| !a.cap || a.broken_before)
                && matches!(between.trim(), "\"" | "”")
                && s.cap
                && !s.caps
                && s.para == t.para
                && !names::is_common_english(&s.text)
                && !names::is_place(&s.text)
                && !names::is_title(&s.text)
                && !names::is_organisation_designator(&s.text)
                && !consumed.get(i).copied().unwrap_or(false)
        }) {
            let piece = Piece {
                words: vec![i, i + 1],
                titled: true,
                work: false,
            };
            if let Some(mut m) = to_mention(&ctx, &piece) {
                m.surface = format!("{} {}", toks[i].text, s.text);
                m.key = name_key(&m.surface);
                mentions.push(m);
            }
            i += 2;
            continue;
        }
        if consumed.get(i).copied().unwrap_or(false) || !ctx.usable(i) {
            // "Killer Instinct and …" opening a sentence: the unproven first
            // word is part of a title whose other words, plain English
            // ("Instinct"), name nothing without it.
            let t = &toks[i];
            let tail = toks.get(i + 1).filter(|n| {
                t.cap
                    && t.initial
                    && !names::is_common_word(&t.text)
                    && !names::is_given_name(&t.text)
                    && !names::is_place(&t.text)
                    && n.cap
                    && !n.broken_before
                    && !n.sentence_before
                    && ctx.usable(i + 1)
            });
            // "Smart Widgets SRL" opening a sentence or a quote: a legal
            // suffix vouches for the unproven first word.
            if tail.is_some() && !consumed.get(i).copied().unwrap_or(false) {
                let run = grow_run(&ctx, i + 1);
                if run.len() >= 2
                    && run
                        .last()
                        .is_some_and(|&l| names::is_legal_suffix(&toks[l].text))
                {
                    let mut whole = vec![i];
                    whole.extend(&run);
                    for piece in split_run(&ctx, &whole) {
                        if let Some(m) = mention_of(&ctx, &piece) {
                            mentions.push(m);
                        }
                    }
                    i = run.last().map_or(i + 1, |&l| l + 1);
                    continue;
                }
            }
            if tail.is_some() {
                let run = grow_run(&ctx, i + 1);
                if run.len() <= 2
                    && run
                        .iter()
                        .all(|&w| names::is_common_english(&toks[w].text) && !toks[w].caps)
                {
                    i = run.last().map_or(i + 1, |&l| l + 1);
                    continue;
                }
            }
            i += 1;
            continue;
        }
        // "Pakistan PM Imran Khan": "PM" after no number, before a given
        // name, is the prime minister's title, no part of the name.
        if toks[i].text == "PM"
            && (i == 0 || !toks[i - 1].text.chars().any(|c| c.is_ascii_digit()))
            && toks.get(i + 1).is_some_and(|n| {
                n.cap && !n.broken_before && !n.sentence_before && names::is_given_name(&n.text)
            })
        {
            i += 1;
            continue;
        }
        let run = grow_run(&ctx, i);
        let next = run.last().map_or(i + 1, |&l| l + 1);
        // "the Texas-Mexico border", "US-China trade": two places the lists
        // know, joined by a hyphen, are two names.
        if let [only] = run[..] {
            let t = &toks[only];
            let parts: Vec<&str> = t.text.split('-').collect();
            let place = |p: &str| {
                capitalised(p) && (names::is_place(p) || names::is_country_abbreviation(p))
            };
            if parts.len() == 2 && parts.iter().all(|p| place(p)) {
                let cut = t.start + parts[0].chars().count();
                for (surface, span) in [(parts[0], (t.start, cut)), (parts[1], (cut + 1, t.end))] {
                    mentions.push(Mention {
                        sure: false,
                        ..sure_mention(surface.to_string(), span, Kind::Place, 3)
                    });
                }
                i = next;
                continue;
            }
        }
        if let [only] = run[..] {
            let letters: String = toks[only]
                .text
                .chars()
                .filter(|c| c.is_alphabetic())
                .flat_map(char::to_lowercase)
                .collect();
            let spelled = lower_initials
                .get(&letters)
                .is_some_and(|&at| at < only && only - at <= 60);
            if toks[only].caps && spelled && !names::is_country_abbreviation(&toks[only].text) {
                i = next;
                continue;
            }
        }
        for piece in split_run(&ctx, &run) {
            if let Some(m) = mention_of(&ctx, &piece) {
                mentions.push(m);
            }
        }
        i = next.max(i + 1);
    }
    group(&ctx, mentions, known)
}

/// “Deterministic Nonperiodic Flow”, “God Save the Queen”: capitalised
/// words (and small lowercase ones) from an opening quote to a closing one,
/// in a body paragraph, are the title of a work. Returns the last word's
/// index. Not when a designator, a place word or a known place says the
/// quoted name is a body's or a place's.
fn quoted_work(ctx: &Ctx<'_>, i: usize) -> Option<usize> {
    let toks = ctx.toks;
    let first = toks.get(i)?;
    if !first.quote_open || !first.cap || first.headline {
        return None;
    }
    let mut j = i;
    loop {
        let t = toks.get(j)?;
        if (j > i && (t.broken_before || t.sentence_before)) || j > i + 10 {
            return None;
        }
        let small = matches!(
            t.text.as_str(),
            "a" | "an" | "the" | "of" | "and" | "in" | "on" | "to" | "for" | "at" | "by" | "with"
        );
        if !t.cap && !small {
            return None;
        }
        if t.quote_close {
            break;
        }
        j += 1;
    }
    let last = toks.get(j)?;
    if j == i || !last.cap {
        return None;
    }
    let words = toks.get(i..=j)?;
    let surface: String = ctx.chars.get(first.start..last.end)?.iter().collect();
    let named_body = words.iter().any(|t| {
        names::is_organisation_designator(&t.text)
            || names::is_legal_suffix(&t.text)
            || names::is_place_word(&t.text)
    });
    if named_body || names::is_place(&surface) {
        return None;
    }
    Some(j)
}

/// The words `i..=j` of a dateline, as a place.
fn dateline_place(ctx: &Ctx<'_>, i: usize, j: usize) -> Mention {
    let toks = ctx.toks;
    let surface: String = ctx.chars[toks[i].start..toks[j].end].iter().collect();
    let mut votes = Votes::default();
    votes.add(Kind::Place, 3);
    Mention {
        key: name_key(&surface),
        words: (i..=j).map(|k| toks[k].text.clone()).collect(),
        surface,
        span: (toks[i].start, toks[j].end),
        votes,
        acronym: false,
        bare_given: false,
        weak_word: false,
        sure: false,
    }
}

/// "NEW YORK, March 3 -", "LONDON —", "MOSCOW (AP) —": an all-capital place
/// at a paragraph's start, before a comma, a dash or a parenthesis.
fn datelines(ctx: &Ctx<'_>, out: &mut Vec<Mention>) -> Vec<bool> {
    let toks = ctx.toks;
    let mut consumed = vec![false; toks.len()];
    for (i, t) in toks.iter().enumerate() {
        if let Some(day) = dated_dateline(toks, i) {
            // A dateline's place, in any case, known or not: its position
            // says what it is.
            let j = day - 2;
            for c in consumed.iter_mut().take(j + 1).skip(i) {
                *c = true;
            }
            out.push(dateline_place(ctx, i, j));
            continue;
        }
        if !t.para_start || !t.caps {
            continue;
        }
        let mut j = i;
        // "ST. JOSEPH, Mich.": a saint's, fort's or mount's abbreviation
        // and its stop open the place's name.
        let abbreviation = |k: usize| {
            matches!(toks[k].text.trim_end_matches('.'), "ST" | "FT" | "MT")
                && ctx.chars[toks[k].end..toks[k + 1].start]
                    .iter()
                    .all(|&c| c == '.' || c == ' ')
        };
        while j + 1 < toks.len()
            && j < i + 3
            && toks[j + 1].caps
            && (!toks[j + 1].broken_before || abbreviation(j))
        {
            j += 1;
        }
        let after: String = ctx.chars.iter().skip(toks[j].end).take(3).collect();
        let after = after.trim_start();
        if !after.starts_with([',', '—', '–', '-', '(']) {
            continue;
        }
        for c in consumed.iter_mut().take(j + 1).skip(i) {
            *c = true;
        }
        let surface: String = ctx.chars[t.start..toks[j].end].iter().collect();
        let saint = (j > i && abbreviation(i)).then(|| {
            let rest: String = ctx.chars[toks[i + 1].start..toks[j].end].iter().collect();
            format!("Saint {rest}")
        });
        if names::is_place(&surface) || saint.is_some_and(|s| names::is_place(&s)) {
            out.push(dateline_place(ctx, i, j));
        }
    }
    consumed
}

/// "The New York Times" on a line of its own above a story: a masthead, a
/// paragraph of "The" and capitalised words that a designator ends, names
/// the paper (its words are in no headline's case for nothing).
fn mastheads(ctx: &Ctx<'_>, out: &mut Vec<Mention>, consumed: &mut [bool]) {
    let toks = ctx.toks;
    for (i, t) in toks.iter().enumerate() {
        if !t.para_start || t.text != "The" {
            continue;
        }
        let end = para_end(toks, i);
        let words = &toks[i + 1..end];
        if !(1..=5).contains(&words.len())
            || words.iter().any(|w| !w.cap || w.broken_before || w.caps)
            || !words
                .last()
                .is_some_and(|w| names::is_organisation_designator(&w.text))
            // The line ends there: no stop, no sentence after it.
            || ctx.chars[toks[end - 1].end..]
                .iter()
                .take_while(|&&c| c != '\n')
                .any(|c| !c.is_whitespace())
        {
            continue;
        }
        let span: Vec<usize> = (i..end).collect();
        let surface = span_text(ctx, &span);
        for c in consumed.iter_mut().take(end).skip(i) {
            *c = true;
        }
        out.push(sure_mention(
            surface,
            (t.start, toks[end - 1].end),
            Kind::Organisation,
            5,
        ));
    }
}

/// A mention that the layout of news copy makes sure of (a byline's
/// person, a masthead's or a credit's paper): its kind voted with `weight`,
/// kept whatever the trained filter scores.
fn sure_mention(surface: String, span: (usize, usize), kind: Kind, weight: u32) -> Mention {
    let mut votes = Votes::default();
    votes.add(kind, weight);
    Mention {
        key: name_key(&surface),
        words: surface.split(' ').map(str::to_string).collect(),
        surface,
        span,
        votes,
        acronym: false,
        bare_given: false,
        weak_word: false,
        sure: true,
    }
}

/// Where the paragraph of the token at `i` ends (the next paragraph's
/// first token, or the end).
fn para_end(toks: &[Tok], i: usize) -> usize {
    let para = toks[i].para;
    (i + 1..toks.len())
        .find(|&k| toks[k].para != para)
        .unwrap_or(toks.len())
}

/// Words of a news writer's credit ("Staff Writer", "Columnist").
fn is_credit_role(w: &str) -> bool {
    matches!(
        w.trim_end_matches(['.', ',']).to_lowercase().as_str(),
        "writer" | "writers" | "correspondent" | "reporter" | "columnist" | "editor" | "critic"
    )
}

/// "Washington Post Staff Writer", "Associated Press Writer", "Staff
/// Writer, CNET News.com": the credit under a byline names the writer's
/// paper; `words` are the credit's tokens (a short paragraph of its own, or
/// the part of a byline after its comma). The paper is the capitalised
/// words up to its last designator before the role, or all the words after
/// the comma that follows the role.
fn credit_paper(ctx: &Ctx<'_>, words: &[usize], out: &mut Vec<Mention>) -> bool {
    let toks = ctx.toks;
    if words.is_empty() || words.len() > 8 || words.iter().any(|&w| !toks[w].cap) {
        return false;
    }
    let Some(role) = words.iter().position(|&w| is_credit_role(&toks[w].text)) else {
        return false;
    };
    let paper: Vec<usize> = if role + 1 == words.len() {
        // "<Paper> [Staff|Technology] Writer".
        let Some(last) = words[..role].iter().rposition(|&w| {
            let t = &toks[w].text;
            names::is_organisation_designator(t) || is_domain(t)
        }) else {
            return false;
        };
        words[..=last].to_vec()
    } else if toks[words[role]].comma_after {
        // "Staff Writer, <Paper>".
        words[role + 1..].to_vec()
    } else {
        return false;
    };
    if paper.is_empty() || paper.windows(2).any(|p| p[1] != p[0] + 1) {
        return false;
    }
    let surface = span_text(ctx, &paper);
    let span = (toks[paper[0]].start, toks[paper[paper.len() - 1]].end);
    out.push(sure_mention(surface, span, Kind::Organisation, 5));
    true
}

/// "Rod Liddle" on a line of its own above a date, "Stephen Bates,
/// religious affairs correspondent": a writer's name as a paragraph, a given
/// name first, alone or before a comma and a credit's role in lower case.
fn name_lines(ctx: &Ctx<'_>, out: &mut Vec<Mention>, consumed: &mut [bool]) {
    let toks = ctx.toks;
    let mut i = 0;
    while i < toks.len() {
        let end = para_end(toks, i);
        let mut name_end = i;
        while name_end < end
            && name_end < i + 3
            && toks[name_end].cap
            && (name_end == i || !toks[name_end].broken_before)
        {
            name_end += 1;
            if toks[name_end - 1].comma_after {
                break;
            }
        }
        let n = name_end - i;
        if n == 0 {
            i = end.max(i + 1);
            continue;
        }
        // "religious affairs correspondent", "Africa correspondent": a
        // role in lower case, after at most a few words of its beat.
        let rest_is_credit = name_end < end
            && toks[name_end - 1].comma_after
            && (toks[name_end..end].iter().all(|t| !t.cap)
                || (end - name_end <= 4 && !toks[end - 1].cap))
            && toks[end - 1..end].iter().any(|t| is_credit_role(&t.text));
        let alone = name_end == end
            && ctx.chars[toks[end - 1].end..]
                .iter()
                .take_while(|&&c| c != '\n')
                .all(|c| c.is_whitespace());
        let words: Vec<&str> = toks[i..name_end].iter().map(|t| t.text.as_str()).collect();
        let is_name = (2..=3).contains(&n)
            && toks[i].para_start
            && !consumed[i]
            && names::is_given_name(words[0])
            && !names::is_place(words[0])
            && !names::is_title(words[0])
            && words.iter().all(|w| {
                !names::is_common_word(w)
                    && !names::is_organisation_designator(w)
                    && !names::is_place_word(w)
                    && !names::is_month(w)
                    && !names::is_weekday(w)
            })
            // "Garth Brooks" heading its paragraphs: a surname that is a
            // plain word too, capitalised again in the middle of a sentence.
            && (!names::is_common_english(words[n - 1])
                || (names::is_surname(words[n - 1]) && ctx.named_alone(words[n - 1])))
            && !names::is_place(&words.join(" "));
        if is_name && (alone || rest_is_credit) {
            let span: Vec<usize> = (i..name_end).collect();
            let surface = span_text(ctx, &span);
            let at = (toks[i].start, toks[name_end - 1].end);
            out.push(sure_mention(surface, at, Kind::Person, 6));
            for c in consumed.iter_mut().take(end).skip(i) {
                *c = true;
            }
        }
        i = end.max(i + 1);
    }
}

/// "The cabaret in Paris Benoit Tessier/Reuters", "(Photo: Jane Roe/AP)":
/// a photographer's credit, a given name and a surname written against an
/// agency's capitalised name with a slash, names both.
fn slash_credits(ctx: &Ctx<'_>, out: &mut Vec<Mention>, consumed: &mut [bool]) {
    let toks = ctx.toks;
    for k in 2..toks.len() {
        let gap = &ctx.chars[toks[k - 1].end..toks[k].start];
        if gap.iter().filter(|c| !c.is_whitespace()).ne(['/'].iter())
            || gap.contains(&'\n')
            || consumed[k - 1]
            || consumed[k]
        {
            continue;
        }
        let mut end = k;
        while end < toks.len()
            && end < k + 5
            && toks[end].cap
            && toks[end].para == toks[k].para
            && (end == k || !toks[end].broken_before)
            // "Cliff Roe/Icon SMI Maurkice Doe denies ...": a caption glued
            // to the credit; the agency ends before a person's name.
            && !(end > k
                && names::is_given_name(&toks[end].text)
                && !names::is_common_english(&toks[end].text)
                && toks.get(end + 1).is_some_and(|n| n.cap && !n.broken_before))
        {
            end += 1;
        }
        if end == k {
            continue;
        }
        // The person: a given name and a surname, or a given name, an
        // initial or a second given name, and a surname; no stop or comma
        // between them.
        let word_ok = |w: usize| {
            w < k && toks[w].cap && !toks[w].caps && toks[w].para == toks[k].para && !consumed[w]
        };
        let given = |w: usize| {
            word_ok(w)
                && names::is_given_name(&toks[w].text)
                && !names::is_place(&toks[w].text)
                && !names::is_title(&toks[w].text)
        };
        let first = k - 2;
        if !given(first) || !word_ok(k - 1) || toks[k - 1].broken_before {
            continue;
        }
        let initial = |t: &Tok| t.text.chars().count() == 2 && t.text.ends_with('.');
        let first = if first >= 1
            && given(first - 1)
            && !toks[first].broken_before
            && (initial(&toks[first]) || names::is_given_name(&toks[first].text))
        {
            first - 1
        } else {
            first
        };
        let surname = &toks[k - 1].text;
        if names::is_common_word(surname)
            || names::is_organisation_designator(surname)
            || names::is_place(surname)
        {
            continue;
        }
        let person: Vec<usize> = (first..k).collect();
        let agency: Vec<usize> = (k..end).collect();
        out.push(sure_mention(
            span_text(ctx, &person),
            (toks[first].start, toks[k - 1].end),
            Kind::Person,
            6,
        ));
        out.push(sure_mention(
            span_text(ctx, &agency),
            (toks[k].start, toks[end - 1].end),
            Kind::Organisation,
            5,
        ));
        for c in consumed.iter_mut().take(end).skip(first) {
            *c = true;
        }
    }
}

/// "US Navy / Getty Images", "Jane Roe / AFP / Getty Images": a short
/// paragraph of capitalised words parted by slashes is a picture's credit;
/// a given name and a surname first name the photographer, every other
/// part a body.
fn credit_paragraphs(ctx: &Ctx<'_>, out: &mut Vec<Mention>, consumed: &mut [bool]) {
    let toks = ctx.toks;
    let mut i = 0;
    while i < toks.len() {
        let end = para_end(toks, i);
        let words = &toks[i..end];
        let slash_before = |k: usize| {
            k > i && {
                let gap = &ctx.chars[toks[k - 1].end..toks[k].start];
                gap.contains(&'/') && gap.iter().all(|c| c.is_whitespace() || *c == '/')
            }
        };
        let ok = toks[i].para_start
            && (2..=10).contains(&words.len())
            && words.iter().all(|t| t.cap)
            && (i + 1..end).any(slash_before)
            && (i..end).all(|k| !consumed[k])
            && (i + 1..end).all(|k| {
                slash_before(k)
                    || ctx.chars[toks[k - 1].end..toks[k].start]
                        .iter()
                        .all(|c| *c == ' ')
            })
            && ctx.chars[toks[end - 1].end..]
                .iter()
                .take_while(|&&c| c != '\n')
                .all(|c| c.is_whitespace());
        if ok {
            let mut parts: Vec<Vec<usize>> = vec![Vec::new()];
            for k in i..end {
                if slash_before(k) {
                    parts.push(Vec::new());
                }
                if let Some(p) = parts.last_mut() {
                    p.push(k);
                }
            }
            for (n, part) in parts.iter().enumerate() {
                if part.is_empty() || part.len() > 4 {
                    continue;
                }
                let surface = span_text(ctx, part);
                let last = &toks[part[part.len() - 1]].text;
                let person = n == 0
                    && (2..=3).contains(&part.len())
                    && !part.iter().any(|&w| {
                        let x = &toks[w].text;
                        toks[w].caps
                            || names::is_organisation_designator(x)
                            || names::is_place_word(x)
                            || names::is_single_word_body(x)
                    })
                    && (names::is_given_name(&toks[part[0]].text)
                        || names::is_surname(last)
                        || names::has_surname_shape(last));
                let kind = if person {
                    Kind::Person
                } else {
                    Kind::Organisation
                };
                let span = (toks[part[0]].start, toks[part[part.len() - 1]].end);
                out.push(sure_mention(surface, span, kind, 5));
            }
            for c in consumed.iter_mut().take(end).skip(i) {
                *c = true;
            }
        }
        i = end.max(i + 1);
    }
}

/// Short paragraphs that are a writer's credit (see [`credit_paper`]).
fn credit_lines(ctx: &Ctx<'_>, out: &mut Vec<Mention>, consumed: &mut [bool]) {
    let toks = ctx.toks;
    let mut i = 0;
    while i < toks.len() {
        let end = para_end(toks, i);
        if toks[i].para_start && !consumed[i] {
            let words: Vec<usize> = (i..end).collect();
            if credit_paper(ctx, &words, out) {
                for c in consumed.iter_mut().take(end).skip(i) {
                    *c = true;
                }
            }
        }
        i = end.max(i + 1);
    }
}

/// Words that open a byline before its "by" ("Posted by", "Photo by",
/// "Words and pictures by").
fn is_byline_lead(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "posted"
            | "reviewed"
            | "written"
            | "reported"
            | "photo"
            | "photos"
            | "photograph"
            | "photographs"
            | "photography"
            | "pictures"
            | "illustration"
            | "illustrations"
            | "words"
            | "interview"
            | "story"
            | "text"
            | "edited"
            | "compiled"
            | "video"
            | "graphic"
            | "graphics"
            | "image"
            | "images"
            | "published"
            | "updated"
            | "produced"
            | "translated"
            | "and"
    )
}

/// Where a byline paragraph from `start` to `para` has its "by" (the
/// index of "by", and the paragraph's end): "By Jane Roe"; "Posted by",
/// "Photo by" or a date before it ("Tuesday 15 October 2019 by Jane
/// Roe"); or "From Jane Roe in Rome", a correspondent's line, where the
/// names end before "in".
fn byline_names_at(ctx: &Ctx<'_>, start: usize, para: usize) -> Option<(usize, usize)> {
    let toks = ctx.toks;
    let first = &toks[start];
    if first.text.eq_ignore_ascii_case("by") {
        return Some((start, para));
    }
    if first.text == "From" {
        // "From" + two or three capitalised words + "in" + one to three
        // capitalised words, and nothing else.
        let at = (start + 3..=start + 4).find(|&k| k < para && toks[k].text == "in")?;
        let place = &toks[at + 1..para];
        let ok = toks[start + 1..at]
            .iter()
            .all(|w| w.cap && !w.broken_before)
            && (1..=3).contains(&place.len())
            && place.iter().all(|w| w.cap)
            && names::is_given_name(&toks[start + 1].text);
        return ok.then_some((start, at));
    }
    let by = (start + 1..para.min(start + 7)).find(|&k| toks[k].text.eq_ignore_ascii_case("by"))?;
    toks[start..by]
        .iter()
        .all(|w| {
            is_byline_lead(&w.text)
                || names::is_weekday(&w.text)
                || names::is_month(&w.text)
                || w.text.chars().all(|c| c.is_ascii_digit())
        })
        .then_some((by, para))
}

/// "By RIVA D. ATLAS and EDWARD WONG", "By Jane Roe": a byline, a short
/// paragraph of its own that opens with "By", names its writers, whatever
/// their case. Marks the byline's words consumed and adds a person's
/// mention for each name (capitals made title case).
fn bylines(ctx: &Ctx<'_>, out: &mut Vec<Mention>, consumed: &mut [bool]) {
    let toks = ctx.toks;
    for (start, t) in toks.iter().enumerate() {
        if !t.para_start {
            continue;
        }
        let para = para_end(toks, start);
        let Some((i, end)) = byline_names_at(ctx, start, para) else {
            continue;
        };
        if end - i < 3 || end - i > 12 {
            continue;
        }
        // "By H. JOSEF HEBERT, Associated Press Writer": a credit after the
        // comma names the paper, and the byline ends before it.
        let mut credit = Vec::new();
        let end = match (i + 1..end)
            .find(|&k| toks[k].comma_after && (k + 1..end).any(|c| is_credit_role(&toks[c].text)))
        {
            Some(comma) => {
                let rest: Vec<usize> = (comma + 1..end).collect();
                if credit_paper(ctx, &rest, &mut credit) {
                    comma + 1
                } else {
                    end
                }
            }
            None => end,
        };
        // The names, split at "and" and commas; "James Roe/Reuters": a
        // photographer's agency after a slash; "By Jane Roe Follow
        // @janeroe": the byline ends before a social-media handle.
        let mut names: Vec<Vec<usize>> = vec![Vec::new()];
        let mut ok = true;
        let mut end = (i + 1..end)
            .find(|&k| {
                matches!(
                    toks[k].text.to_lowercase().as_str(),
                    "follow" | "email" | "e-mail" | "twitter"
                ) || ctx.chars[toks[k - 1].end..toks[k].start].contains(&'@')
            })
            .unwrap_or(end);
        for k in i + 1..end {
            if k > i + 1
                && ctx.chars[toks[k - 1].end..toks[k].start].contains(&'/')
                && toks[k].cap
                && (k..end).all(|x| toks[x].cap && (x == k || !toks[x].broken_before))
            {
                let agency: Vec<usize> = (k..end).collect();
                let surface = span_text(ctx, &agency);
                let span = (toks[k].start, toks[end - 1].end);
                credit.push(sure_mention(surface, span, Kind::Organisation, 5));
                end = k;
                break;
            }
        }
        for (k, w) in toks.iter().enumerate().take(end).skip(i + 1) {
            if w.text.eq_ignore_ascii_case("and") {
                names.push(Vec::new());
                continue;
            }
            let is_initial = w.text.chars().count() == 2 && w.text.ends_with('.');
            if !w.cap || (names::is_common_word(&w.text) && !is_initial) {
                ok = false;
                break;
            }
            if let Some(cur) = names.last_mut() {
                cur.push(k);
            }
            if w.comma_after {
                names.push(Vec::new());
            }
        }
        names.retain(|n| !n.is_empty());
        if !ok
            || names.is_empty()
            || names.iter().any(|n| {
                !(2..=4).contains(&n.len())
                    || names::is_place(&span_text(ctx, n))
                    || n.iter().any(|&k| {
                        names::is_organisation_designator(&toks[k].text)
                            || names::is_title(&toks[k].text)
                    })
            })
        {
            continue;
        }
        for c in consumed.iter_mut().take(para).skip(start) {
            *c = true;
        }
        out.append(&mut credit);
        // "From Jane Roe in Rome": the correspondent's post, when known.
        if toks[start].text == "From" && end + 1 < para {
            let place: Vec<usize> = (end + 1..para).collect();
            let surface = span_text(ctx, &place);
            if names::is_place(&surface) {
                let span = (toks[end + 1].start, toks[para - 1].end);
                out.push(sure_mention(surface, span, Kind::Place, 5));
            }
        }
        for n in names {
            let written = span_text(ctx, &n);
            let surface = if n
                .iter()
                .all(|&k| toks[k].caps || toks[k].text.chars().count() <= 2)
            {
                written
                    .split(' ')
                    .map(|w| {
                        let mut cs = w.chars();
                        cs.next().map_or(String::new(), |f| {
                            f.to_uppercase()
                                .chain(cs.flat_map(char::to_lowercase))
                                .collect()
                        })
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                written
            };
            let span = (toks[n[0]].start, toks[n[n.len() - 1]].end);
            out.push(sure_mention(surface, span, Kind::Person, 6));
        }
    }
}

/// The last token of a US state's abbreviation starting at `i` ("Mass.",
/// "N. J.", "D.C."), its stops written.
fn state_abbreviation_at(ctx: &Ctx<'_>, i: usize) -> Option<usize> {
    let toks = ctx.toks;
    let stopped = |k: usize| {
        toks.get(k)
            .is_some_and(|t| t.cap && (t.text.ends_with('.') || ctx.chars.get(t.end) == Some(&'.')))
    };
    if !stopped(i) {
        return None;
    }
    let first = &toks[i];
    if stopped(i + 1) && !toks[i + 1].broken_before && !toks[i + 1].para_start {
        let two: String = ctx.chars[first.start..toks[i + 1].end].iter().collect();
        if names::is_state_abbreviation(&format!("{two}.")) && first.text.chars().count() <= 2 {
            return Some(i + 1);
        }
    }
    names::is_state_abbreviation(&format!("{}.", first.text)).then_some(i)
}

/// The run of capitalised words from `i`: adjacent capitals, name particles
/// between them, and "of", "for", "on", "and", "the" inside names of
/// organisations, places and events.
fn grow_run(ctx: &Ctx<'_>, i: usize) -> Vec<usize> {
    let toks = ctx.toks;
    let mut run = vec![i];
    let mut j = i;
    let mut has_of = false;
    while j + 1 < toks.len()
        && (!toks[j].possessive || possessive_inside_name(ctx, j))
        && !toks[j].based
        // "the Democratic Party-controlled House": a word that lost an
        // affix ends the name.
        && ctx.chars.get(toks[j].end) != Some(&'-')
        && run.len() < 16
    {
        let n = &toks[j + 1];
        // "Draper, Gaither & Anderson": surnames listed before an ampersand
        // name one firm.
        if run.len() == 1
            && toks[j].comma_after
            && n.cap
            && !n.sentence_before
            && toks.get(j + 2).is_some_and(|t| t.cap && !t.broken_before)
            && ctx.chars[n.end..toks[j + 2].start].contains(&'&')
            && !names::is_state_abbreviation(&n.text)
        {
            run.extend([j + 1, j + 2]);
            j += 2;
            continue;
        }
        // "George Herman (Babe) Ruth", "Bob \"Bevo\" Smith": a nickname in
        // brackets or quotes between a given name and a surname.
        let gap = |a: usize, b: usize| -> String { ctx.chars[a..b].iter().collect() };
        if n.cap
            && toks[j].cap
            && !toks[j].possessive
            && names::is_given_name(&toks[j].text)
            && toks.get(j + 2).is_some_and(|s| {
                s.cap
                    && s.para == n.para
                    && matches!(gap(toks[j].end, n.start).trim(), "(" | "\"" | "“")
                    && matches!(gap(n.end, s.start).trim(), ")" | "\"" | "”")
            })
        {
            run.extend([j + 1, j + 2]);
            j += 2;
            continue;
        }
        if n.broken_before || n.sentence_before {
            break;
        }
        // "Task Force 116", "Forza Motorsport 7": a number ends a name of
        // two words or more, when no score or list goes on after it.
        if run.len() >= 2
            && !n.cap
            && (1..=3).contains(&n.text.chars().count())
            && n.text.chars().all(|c| c.is_ascii_digit())
            && !run
                .iter()
                .any(|&r| names::is_month(&toks[r].text) || toks[r].caps)
            && toks
                .get(j + 2)
                .is_none_or(|a| !a.cap && !a.text.chars().all(|c| c.is_ascii_digit()))
            && !matches!(ctx.chars.get(n.end), Some('-' | ':' | '/' | '.'))
        {
            run.push(j + 1);
            break;
        }
        if names::is_month(&n.text)
            || weekday_at(toks, ctx.chars, j + 1)
            || names::is_unit_acronym(&n.text)
            || is_instrument_code(ctx, j + 1)
            || is_money_amount(ctx, j + 1)
        {
            break;
        }
        // "to Moscow A shadowy couple": the article "A" opens a phrase; and
        // a common word after an abbreviation's stop ("U.N. Meanwhile")
        // opens a sentence.
        let stop_before = ctx.chars.get(toks[j].end) == Some(&'.') || toks[j].text.ends_with('.');
        // "loss to Texas A & M Because of", "the House As the": a
        // capitalised conjunction or sentence adverb after a name opens a
        // clause (a subhead glued to the text, a missing stop).
        let clause_word = matches!(
            n.text.to_lowercase().as_str(),
            "because"
                | "however"
                | "although"
                | "though"
                | "while"
                | "whereas"
                | "unless"
                | "as"
                | "when"
                | "if"
                | "since"
                | "meanwhile"
                | "moreover"
                | "nevertheless"
                | "therefore"
                | "thus"
                | "hence"
                | "furthermore"
        ) && !n.caps;
        // "Mrs. William A Boyd": an initial written without its stop
        // between a given name and a surname is no article.
        let bare_initial = n.text == "A"
            && names::is_given_name(&toks[j].text)
            && toks.get(j + 2).is_some_and(|s| {
                s.cap
                    && !s.broken_before
                    && !names::is_common_english(&s.text)
                    && !names::is_common_word(&s.text)
            });
        if clause_word
            || (n.text == "A" && ctx.chars.get(n.end) != Some(&'.') && !bare_initial)
            || (n.text == "The" && !run.is_empty() && !toks[i].quote_open)
            || stop_before
                && names::is_common_word(&n.text)
                // "J. A. W. Doe": an initial's stop before another initial.
                && !(n.text.chars().count() == 2 && n.text.ends_with('.'))
        {
            break;
        }
        if n.cap {
            if ctx.usable(j + 1) || (n.headline == toks[j].headline && ctx.reliable(n)) {
                run.push(j + 1);
                j += 1;
                continue;
            }
            break;
        }
        // "the Racquet club", "Marin county": newspaper style writes the
        // designator of a body or a place in lower case after its name.
        if lower_designator_ends(ctx, &run, j + 1) {
            run.push(j + 1);
            break;
        }
        // "Dar es Salaam", "Bosnia and Herzegovina": a place the lists
        // know with lowercase words inside it is one name.
        if let Some(end) = known_place_across(ctx, &run, j + 1) {
            run.extend(j + 1..=end);
            j = end;
            continue;
        }
        // Lowercase words that may sit inside a name.
        let org_like = run.iter().any(|&r| {
            let w = &toks[r].text;
            names::is_organisation_designator(w)
                || names::is_place_word(w)
                || names::is_event_word(w)
                || names::is_title(w)
        });
        // "Sen. Jane Roe of Ohio": a title made the run body-like, but a
        // name follows the title, and "of" gives her state, not a title's
        // portfolio ("Secretary of State").
        let titled_name = run.iter().any(|&r| names::is_title(&toks[r].text))
            && !run.iter().any(|&r| {
                let w = &toks[r].text;
                names::is_organisation_designator(w)
                    || names::is_place_word(w)
                    || names::is_event_word(w)
            })
            && toks[j].cap
            && !names::is_title(&toks[j].text);
        // "Doctors for Camp Closure", "Chartered Professional Accountants
        // of Canada", "Teamsters for a Democratic Union": people in the
        // plural, capitalised in mid-sentence, head a body's name.
        let people = people_plural(&toks[j]) && ctx.reliable(&toks[run[0]]);
        let org_like = org_like && !titled_name;
        let mut k = j + 1;
        let mut joined = Vec::new();
        while k < toks.len() && k <= j + 3 {
            let t = &toks[k];
            if t.cap || (k > j + 1 && (t.broken_before || t.sentence_before)) {
                break;
            }
            joined.push(t.text.as_str());
            k += 1;
        }
        let Some(next_cap) = toks.get(k) else {
            break;
        };
        if joined.is_empty() || next_cap.broken_before || next_cap.sentence_before || !ctx.usable(k)
        {
            break;
        }
        let particles = joined.iter().all(|w| names::is_name_particle(w));
        let fits = match joined.as_slice() {
            // "University of Sheffield of the UK": a second "of the" before
            // a country ends a body's name that has its "of" already.
            ["of", "the"] | ["of"]
                if has_of
                    && (names::is_country_abbreviation(&next_cap.text)
                        || names::is_place(&next_cap.text)) =>
            {
                false
            }
            ["for"] | ["for", "a"] | ["for", "an"] | ["for", "the"] | ["of"] | ["against"]
                if people && !titled_name =>
            {
                true
            }
            // "Freedom of Information Act": a law's word ends the name;
            // "Access to Information Act": so after "to".
            ["of"] | ["to"] if run.len() == 1 && law_within(toks, k, 3) => true,
            // "Call of Duty", "Color of Change": two plain words capitalised
            // in mid-sentence about "of" are one name (a work's, a body's).
            ["of"]
                if run.len() == 1
                    && ctx.reliable(&toks[j])
                    && plain_capital(&toks[j].text)
                    && plain_capital(&next_cap.text)
                    && !names::is_title(&toks[j].text)
                    && !names::is_organisation_designator(&toks[j].text)
                    && !names::is_place_word(&toks[j].text)
                    && !names::is_event_word(&toks[j].text)
                    && !names::is_organisation_designator(&next_cap.text)
                    && !capital_goes_on(toks, k + 1) =>
            {
                true
            }
            // "Chicago Century of Progress Exposition": two words or more
            // that open no person's name, "of", and a name that an event's
            // word or a designator ends.
            ["of"] if !org_like => {
                run.len() >= 2
                    && !names::is_given_name(&toks[run[0]].text)
                    && !run.iter().any(|&r| names::is_title(&toks[r].text))
                    && !names::is_place(&span_text(ctx, &run))
                    && (k..k + 3).any(|x| {
                        toks.get(x).is_some_and(|t| {
                            t.cap
                                && (names::is_event_word(&t.text)
                                    || names::is_organisation_designator(&t.text))
                                && (k..x).all(|y| toks[y].cap && !toks[y + 1].broken_before)
                        })
                    })
            }
            ["of"] | ["for"] | ["for", "the"] => org_like,
            // "Center for a New American Security", "National Committee for
            // an Effective Congress": after a designator.
            ["for", "a"] | ["for", "an"] => {
                org_like && names::is_organisation_designator(&toks[j].text)
            }
            // "Garden of the Gods Club": one word, then a designator just
            // after (not "Grand Ballroom of the Sheraton Hotel", a room of
            // a building).
            // "Return of the Jedi", "Friends of the Earth": a plain English
            // word capitalised in mid-sentence, then "of the" and a
            // capital, is the head of a title or a body's name.
            ["of", "the"] => {
                org_like
                    || (run.len() == 1
                        // "Sui-Lee Wee of the Times": a surname's "of the"
                        // gives the paper.
                        && !(names::is_surname(&toks[j].text)
                            && j > 0
                            && toks[j - 1].cap
                            && !toks[j].broken_before)
                        && (designator_within(toks, k, 2)
                            || (names::is_common_english(&toks[j].text)
                                && !toks[j].initial
                                && !toks[j].headline
                                && !toks[j].caps
                                && !names::is_group_adjective(&toks[j].text)
                                && !names::is_demonym(&toks[j].text))))
            }
            // "Committee on Foreign Relations"; not "Committee on U.S.
            // affairs", where a country stands as an adjective.
            // "Centre for Research on Energy and Clean Air": so after a
            // body's "for" or "of".
            ["on"] | ["on", "the"] => {
                org_like
                    && (names::is_organisation_designator(&toks[j].text) || has_of)
                    && !names::is_place(&next_cap.text)
                    && !names::is_country_abbreviation(&next_cap.text)
            }
            // "Palermo and the Orchestra of ...": a place alone before
            // "and" is a name of its own.
            ["and"] | ["and", "the"] | ["&"]
                if run.len() == 1
                    && (names::is_place(&toks[j].text)
                        || names::is_country_abbreviation(&toks[j].text)) =>
            {
                false
            }
            // "Department of Health and Human Services"; not "the Museum
            // of Modern Art and the Bank of England": "the" after "and"
            // opens a name of its own.
            ["and", "the"] if has_of => false,
            // "Attack of the Clones and Revenge of the Sith": after "and",
            // a name with an "of" of its own is a second name.
            ["and"]
                if has_of
                    && (k + 1..=k + 2).any(|x| toks.get(x).is_some_and(|t| t.text == "of")) =>
            {
                false
            }
            // "Braun and The Carlyle Group": a capital "The" after "and"
            // opens a second name; "the Department of Homeland Security
            // and Alex Roe": so does a person's given name and surname.
            ["and"]
                if next_cap.text == "The"
                    || (names::is_given_name(&next_cap.text)
                        && !names::is_common_english(&next_cap.text)
                        && !names::is_place(&next_cap.text)
                        && toks.get(k + 1).is_some_and(|n| {
                            n.cap
                                && !n.broken_before
                                && !names::is_organisation_designator(&n.text)
                                && !names::is_place_word(&n.text)
                        })) =>
            {
                false
            }
            // "Harvard and the University of North Carolina", "Meyer and
            // Ohio State": after "and", a designator with an "of" of its
            // own, or a known place, opens a second name.
            ["and"] | ["and", "the"]
                if toks.get(k + 1).is_some_and(|n| n.text == "of")
                    && names::is_organisation_designator(&next_cap.text)
                    || ((names::is_place(&next_cap.text)
                        || (has_of && ctx.opens_known_place(k)))
                        && !names::is_organisation_designator(&next_cap.text)
                        && !names::is_place(&toks[j].text)) =>
            {
                false
            }
            // "Doctors for Peace and Teamsters for a Democratic Union": people
            // in the plural after "and" head a second body's name.
            ["and"] if has_of && people_plural(next_cap) => false,
            // "Public Services and Procurement Canada": plain words, "and",
            // a plain word and a country's name: a government department.
            ["and"]
                if run
                    .iter()
                    .all(|&r| plain_capital(&toks[r].text) && !toks[r].caps)
                    && plain_capital(&next_cap.text)
                    && toks.get(k + 1).is_some_and(|c| {
                        c.cap
                            && !c.broken_before
                            && !c.sentence_before
                            && names::is_place(&c.text)
                            && !names::is_direction_word(&c.text)
                    })
                    && !capital_goes_on(toks, k + 2) =>
            {
                true
            }
            // "Customs and Border Protection", "Fish and Wildlife Service":
            // a plain word capitalised in mid-sentence, "and", then two
            // plain words or more, capitalised: one body's name.
            ["and"]
                if run.len() == 1
                    && ctx.reliable(&toks[j])
                    && !toks[j].caps
                    && plain_capital(&toks[j].text)
                    && plain_capital(&next_cap.text)
                    && toks.get(k + 1).is_some_and(|n| {
                        n.cap && !n.broken_before && !n.sentence_before && plain_capital(&n.text)
                    })
                    && !matches!(toks[j].text.as_str(), "House" | "Assembly") =>
            {
                true
            }
            // "House and Senate": two chambers, two names; "LU and British
            // Transport Police": a body's acronym is a name of its own.
            ["and"]
                if run.len() == 1
                    && (names::is_single_word_body(&toks[j].text)
                        || toks[j].caps
                        || matches!(toks[j].text.as_str(), "House" | "Assembly")) =>
            {
                false
            }
            ["and"] | ["and", "the"] | ["&"] => {
                (org_like && has_of)
                    || ((designator_within(toks, k, 3) || law_within(toks, k, 3))
                        && !names::is_organisation_designator(&toks[j].text)
                        // "Red Square and the Bolshoi Ballet": a place's
                        // name ends before "and".
                        && !names::is_place_word(&toks[j].text)
                        // "Kleiner Perkins and Sequoia Capital": two words
                        // or more that a proper name ends are a name of
                        // their own ("US Patent and Trademark Office"
                        // joins: "Patent" is a plain word).
                        && !(run.len() >= 2
                            && !toks[j].caps
                            && !names::is_common_english(&toks[j].text)))
            }
            // "Ortega y Gasset", "Asociación Bienestar y Desarrollo": the
            // conjunction of another language joins one name.
            ["y"] | ["et"] | ["und"] => true,
            // "University of Illinois at Urbana-Champaign": a campus.
            ["at"] => has_of && matches!(toks[i].text.as_str(), "University" | "College"),
            // "Antoine Court de Gébelin": a particle after a given name and
            // a surname that is also a designator's word.
            _ if particles && org_like => {
                run.len() == 2
                    && names::is_given_name(&toks[run[0]].text)
                    && !names::is_place(&toks[run[0]].text)
                    && !names::is_title(&toks[run[0]].text)
            }
            _ => particles,
        };
        if !fits || names::is_month(&next_cap.text) || names::is_weekday(&next_cap.text) {
            break;
        }
        if joined.iter().any(|w| matches!(*w, "of" | "for" | "on")) {
            has_of = true;
        }
        run.extend(j + 1..=k);
        j = k;
    }
    // "American Academy of Allergy, Asthma and Immunology", "Bureau of
    // Alcohol, Tobacco, Firearms and Explosives": after "of" and a plain
    // word, a list of plain words, capitalised, with commas and a last
    // "and", goes on with the name.
    if has_of {
        if let Some(end) = run.last().and_then(|&l| plain_list_after(ctx, l)) {
            let from = run[run.len() - 1] + 1;
            run.extend(from..=end);
        }
    }
    // "Housing, Infrastructure and Communities Canada": a list of plain
    // words before a country's name is a government department's name.
    if let [only] = run[..] {
        if let Some(end) = plain_list(ctx, only) {
            let country = end + 1;
            let ends = toks.get(country).is_some_and(|c| {
                c.cap && !c.broken_before && !c.sentence_before && names::is_place(&c.text)
            }) && !capital_goes_on(toks, country + 1);
            if ends {
                run.extend(only + 1..=country);
            }
        }
    }
    run
}

/// The last word of a place the lists know that runs from one of the run's
/// last words across lowercase words starting at `k` ("Dar es Salaam",
/// "Trinidad and Tobago"): one or two lowercase words, then capitals.
fn known_place_across(ctx: &Ctx<'_>, run: &[usize], k: usize) -> Option<usize> {
    let toks = ctx.toks;
    let lower = |t: &Tok| {
        !t.cap && !t.broken_before && !t.sentence_before && t.text.chars().all(char::is_alphabetic)
    };
    let mut m = k;
    while toks.get(m).is_some_and(lower) && m < k + 2 {
        m += 1;
    }
    if m == k {
        return None;
    }
    let starts = &run[run.len().saturating_sub(3)..];
    let mut found = None;
    for end in m..(m + 2).min(toks.len()) {
        if !capital_goes_on(toks, end) || (end > m && toks[end - 1].comma_after) {
            break;
        }
        if starts
            .iter()
            .any(|&s| names::is_place(&ctx.span_of(s, end)))
        {
            found = Some(end);
        }
    }
    found
}

/// Whether a capital at `k` goes on with the words before it (no stop,
/// comma or sentence between).
fn capital_goes_on(toks: &[Tok], k: usize) -> bool {
    toks.get(k)
        .is_some_and(|n| n.cap && !n.broken_before && !n.sentence_before)
}

/// "Doctors", "Accountants", "Teamsters": people in the plural, a
/// capitalised plain noun that can head a body's name before "for" or "of".
fn people_plural(t: &Tok) -> bool {
    let w = t.text.as_str();
    t.cap
        && !t.caps
        && w.len() > 4
        && plain_plural(w)
        && !names::is_common_word(w)
        && !names::is_demonym(w)
        && !names::is_group_adjective(w)
        && !names::is_place(w)
}

/// "Contractors", "Statistics": a plain English noun in the plural (the
/// word less its "s" is English; not "-ss").
fn plain_plural(w: &str) -> bool {
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && names::is_common_english(&w[..w.len() - 1])
}

/// A capitalised plain English word that is no name of its own: no place,
/// people's adjective or single-word body (a given name that is also an
/// English word, "Call", "Will", counts as plain).
fn plain_capital(word: &str) -> bool {
    names::is_common_english(word)
        && !names::is_place(word)
        && !names::is_demonym(word)
        && !names::is_group_adjective(word)
        && !names::is_single_word_body(word)
        && !names::is_common_word(word)
}

/// Where a list of plain English words, each capitalised, that goes on
/// from the word at `j` with commas and ends with "and" and one more such
/// word, ends (two items at least after `j`'s word); nothing when the
/// words after `j` are no such list.
fn plain_list(ctx: &Ctx<'_>, j: usize) -> Option<usize> {
    let toks = ctx.toks;
    // An item: a capitalised word that is no known place, given name or
    // surname ("Immunology" is in no short dictionary).
    let plain = |k: usize| {
        toks.get(k).is_some_and(|t| {
            t.cap
                && !t.caps
                && !t.sentence_before
                && t.para == toks[j].para
                && !names::is_common_word(&t.text)
                && !names::is_place(&t.text)
                && !names::is_given_name(&t.text)
                && !names::is_surname(&t.text)
        })
    };
    if !plain(j) || !names::is_common_english(&toks[j].text) || !toks[j].comma_after {
        return None;
    }
    let mut k = j;
    let mut items = 0;
    while toks[k].comma_after {
        let mut n = k + 1;
        if toks.get(n).is_some_and(|t| t.text == "and") {
            n += 1;
            if !plain(n) || toks[n].broken_before {
                return None;
            }
            k = n;
            items += 1;
            break;
        }
        if !plain(n) {
            return None;
        }
        k = n;
        items += 1;
    }
    if !toks[k].comma_after && toks.get(k + 1).is_some_and(|t| t.text == "and") {
        let n = k + 2;
        if !plain(n) || toks[n].broken_before {
            return None;
        }
        k = n;
        items += 1;
    }
    (items >= 2 && !toks[k].comma_after).then_some(k)
}

/// Where a list of plain words from `j` ends ([`plain_list`]) when no
/// capital goes on from its last word.
fn plain_list_after(ctx: &Ctx<'_>, j: usize) -> Option<usize> {
    let toks = ctx.toks;
    plain_list(ctx, j).filter(|&k| !capital_goes_on(toks, k + 1))
}

/// "<CLc1>", "(.SPX)", ".DJI", "US10YT", "CMAL3": a market's instrument
/// code as wire copy prints it after a name, no name of its own.
fn is_instrument_code(ctx: &Ctx<'_>, i: usize) -> bool {
    let Some(t) = ctx.toks.get(i) else {
        return false;
    };
    let w = t.text.as_str();
    let upper = w.chars().filter(|c| c.is_ascii_uppercase()).count();
    let digits = w.chars().filter(|c| c.is_ascii_digit()).count();
    let before = |k: usize| {
        t.start
            .checked_sub(k)
            .and_then(|x| ctx.chars.get(x))
            .copied()
    };
    (digits >= 1
        && w.chars().any(|c| c.is_ascii_lowercase())
        && w.chars().take(2).all(|c| c.is_ascii_uppercase()))
        || (digits >= 1 && upper >= 3 && w.chars().all(|c| c.is_ascii_alphanumeric()))
        || (before(1) == Some('.') && before(2).is_none_or(|c| c.is_whitespace() || c == '('))
        || before(1) == Some('<')
}

/// "R50bn", "RM900", "N500m", "Rs 40", "KSh2": an amount written with the
/// letters of its currency (rand, ringgit, naira, rupees, shillings), no
/// name. A one-letter currency needs a scale ("bn", "m") or a scale word
/// after it ("R7 billion").
fn is_money_amount(ctx: &Ctx<'_>, i: usize) -> bool {
    let Some(t) = ctx.toks.get(i) else {
        return false;
    };
    let w = t.text.as_str();
    let Some(at) = w.find(|c: char| c.is_ascii_digit()) else {
        return false;
    };
    let (unit, rest) = w.split_at(at);
    let number = rest.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let scale = &rest[number.len()..];
    if number.is_empty()
        || !number
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return false;
    }
    let scaled = matches!(scale, "bn" | "m" | "mn" | "k" | "tn" | "trn" | "b" | "cr")
        || (scale.is_empty()
            && ctx.toks.get(i + 1).is_some_and(|n| {
                !n.broken_before
                    && matches!(
                        n.text.as_str(),
                        "million" | "billion" | "trillion" | "crore"
                    )
            }));
    match unit {
        "R" | "N" | "P" | "K" | "E" => scaled,
        "RM" | "Rs" | "Rp" | "Sh" | "KSh" | "Ksh" | "TSh" | "USh" | "Tk" | "Rf" | "GHS" | "ZAR"
        | "NGN" | "KES" | "INR" | "MYR" => scale.is_empty() || scaled,
        _ => false,
    }
}

/// Designators that newspaper style writes in lower case after a name
/// ("the Arts club", "Marin county", "the Lawn Tennis association").
const LOWER_DESIGNATORS: &[&str] = &[
    "party",
    "club",
    "association",
    "society",
    "league",
    "council",
    "committee",
    "company",
    "church",
    "school",
    "college",
    "hospital",
    "hotel",
    "fair",
    "pier",
    "district",
    "county",
];

/// Whether the lowercase word at `k` is a designator that ends the
/// capitalised `run` before it: not after a known place, a group's
/// adjective or a named body ("a Dallas company", "the Baptist church",
/// "a National League club": the lower-case word is a common noun).
fn lower_designator_ends(ctx: &Ctx<'_>, run: &[usize], k: usize) -> bool {
    let toks = ctx.toks;
    let Some(t) = toks.get(k) else {
        return false;
    };
    if t.cap
        || t.broken_before
        || t.sentence_before
        || !LOWER_DESIGNATORS.contains(&t.text.as_str())
        // "a Braun-owned company": the name's word lost an affix.
        || run
            .last()
            .is_some_and(|&l| ctx.chars.get(toks[l].end) == Some(&'-'))
    {
        return false;
    }
    if !run.iter().all(|&r| toks[r].cap) {
        return false;
    }
    if let [only] = run {
        let w = &toks[*only].text;
        // "the AID committee": a body's acronym as a modifier; but "the
        // Communist party", "the Labour party": a party's adjective.
        if (names::is_demonym(w) || names::is_group_adjective(w) || toks[*only].caps)
            && t.text != "party"
        {
            return false;
        }
    }
    // "a St. Louis club", "Somerset county": a known place keeps its own
    // name; "a National League club", "a Senate committee": a body named
    // already.
    let last = &toks[run[run.len() - 1]].text;
    !(names::is_place(&span_text(ctx, run))
        || names::is_body_designator(last)
        || names::is_single_word_body(last))
}

/// Whether the capitalised words from `k` (within `n` words, no stop or
/// punctuation between them) reach one at which `hit` holds.
fn capitals_reach(toks: &[Tok], k: usize, n: usize, hit: impl Fn(usize) -> bool) -> bool {
    let mut i = k;
    while let Some(t) = toks.get(i) {
        if !t.cap || i >= k + n || (i > k && (t.broken_before || t.sentence_before)) {
            return false;
        }
        if hit(i) {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether a law's word ("Act") ends the capitals from `k`, within `n`
/// words.
fn law_within(toks: &[Tok], k: usize, n: usize) -> bool {
    capitals_reach(toks, k, n, |i| {
        names::is_law_word(&toks[i].text) && toks.get(i + 1).is_none_or(|n| !n.cap)
    })
}

/// Whether capitalised words from `k` reach a designator within `n` words
/// ("US Patent and Trademark Office": "and" joins).
fn designator_within(toks: &[Tok], k: usize, n: usize) -> bool {
    capitals_reach(toks, k, n, |i| {
        names::is_organisation_designator(&toks[i].text)
    })
}

/// "Murdoch Children's Research Institute", "Fisherman's Terminal": a
/// possessive of a common noun inside a name that a designator ends.
fn possessive_inside_name(ctx: &Ctx<'_>, j: usize) -> bool {
    let toks = ctx.toks;
    let Some(t) = toks.get(j) else {
        return false;
    };
    // "St. Mary's Hospital", "St. Crispin's Day": a saint's name before a
    // designator, a place word or a feast's "Day".
    let saint = j > 0
        && toks
            .get(j - 1)
            .is_some_and(|s| matches!(s.text.as_str(), "St." | "St" | "Saint") && !t.broken_before);
    // "Macy's Thanksgiving Day Parade", "Harper's Ferry Festival": a
    // proper name's possessive before the name of its event.
    if t.possessive && !names::is_common_english(&t.text) && !names::is_place(&t.text) && t.cap {
        let reaches_event = (j + 1..j + 5).any(|e| {
            toks.get(e)
                .is_some_and(|n| n.cap && names::is_event_word(&n.text))
                && (j + 1..=e).all(|x| {
                    toks.get(x)
                        .is_some_and(|n| n.cap && !n.broken_before && !n.sentence_before)
                })
        });
        if reaches_event {
            return true;
        }
    }
    // "Trump's Securities and Exchange Commission", "A.T. & T.'s Bell
    // Labs": a possessor that names on its own elsewhere in the text, or an
    // initial, is a name of its own.
    let own_name =
        t.text.chars().filter(|c| c.is_alphabetic()).count() < 3 || ctx.named_alone(&t.text);
    if !t.possessive
        || !(saint || names::is_common_english(&t.text))
        || names::is_organisation_designator(&t.text)
        || (own_name && !saint)
    {
        return false;
    }
    let mut k = j + 1;
    while let Some(n) = toks.get(k) {
        if !n.cap || n.broken_before || n.sentence_before || k > j + 3 {
            return false;
        }
        if names::is_organisation_designator(&n.text)
            || names::is_place_word(&n.text)
            || names::is_event_word(&n.text)
            || (saint && n.text == "Day")
        {
            return true;
        }
        k += 1;
    }
    false
}

/// "St.", "Mt.", "Fort", "Mount": place words that open a name ("St.
/// Louis", "Fort Knox") rather than end one.
fn opens_place_name(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "St" | "Saint" | "Mt" | "Mount" | "Ft" | "Fort"
    )
}

/// Cuts a run into names: leading common words and titles off, a person's
/// name after a title apart from what stands before it, a person's name
/// apart from an organisation's before it.
fn split_run(ctx: &Ctx<'_>, run: &[usize]) -> Vec<Piece> {
    let mut out = Vec::new();
    for piece in split_run_once(ctx, run) {
        split_inner_title(ctx, piece, &mut out);
    }
    out
}

/// The words before a title less those that are the title's own ("White
/// House Press Secretary", "Senate Majority Leader": "Press", "Majority").
fn body_before_title(toks: &[Tok], words: &[usize]) -> Vec<usize> {
    let mut before = words.to_vec();
    while before
        .last()
        .is_some_and(|&b| names::is_title_modifier(&toks[b].text))
    {
        before.pop();
    }
    before
}

/// "Minneapolis Fed President Kocherlakota", "Verizon CIO Jane Roe": a
/// title inside a piece, between a body's name and a person's, parts the
/// two; the body's part stays a name when a place or several words make
/// it one.
fn split_inner_title(ctx: &Ctx<'_>, piece: Piece, out: &mut Vec<Piece>) {
    let toks = ctx.toks;
    let w = &piece.words;
    let at = (1..w.len().saturating_sub(1)).find(|&t| {
        names::is_title(&toks[w[t]].text)
            && w[..t]
                .iter()
                .all(|&b| toks[b].cap && !names::is_title(&toks[b].text))
            && w[t + 1..].iter().all(|&a| {
                let x = &toks[a].text;
                toks[a].cap
                    && !names::is_title(x)
                    && !names::is_organisation_designator(x)
                    && !names::is_place_word(x)
                    && !names::is_event_word(x)
            })
    });
    let Some(t) = at.filter(|_| !piece.work) else {
        out.push(piece);
        return;
    };
    // "said Press Secretary Jane Roe": nothing before the title's words.
    let before = body_before_title(toks, &w[..t]);
    let surface = span_text(ctx, &before);
    if !before.is_empty()
        && (before.len() >= 2
            || names::is_place(&surface)
            || toks[before[0]].caps
            || !names::is_common_english(&surface)
            // "Twitter CEO Jack Roe": a capital in mid-sentence.
            || ctx.reliable(&toks[before[0]]))
    {
        out.push(Piece {
            words: before,
            titled: false,
            work: false,
        });
    }
    out.push(Piece {
        words: w[t + 1..].to_vec(),
        titled: true,
        work: false,
    });
}

fn split_run_once(ctx: &Ctx<'_>, run: &[usize]) -> Vec<Piece> {
    let toks = ctx.toks;
    // “Deterministic Nonperiodic Flow”: capitals from quote to quote are a
    // title of a work, whole, unless a designator or a known place says
    // they name a body or a place.
    if let (Some(&a), Some(&b)) = (run.first(), run.last()) {
        let words: Vec<&str> = run.iter().map(|&w| toks[w].text.as_str()).collect();
        if run.len() >= 2
            && toks[a].quote_open
            && toks[b].quote_close
            && !words.iter().any(|w| {
                names::is_organisation_designator(w)
                    || names::is_legal_suffix(w)
                    || names::is_place_word(w)
            })
            && !names::is_place(&span_text(ctx, run))
        {
            return vec![Piece {
                words: run.to_vec(),
                titled: false,
                work: true,
            }];
        }
    }
    // "R. E. Roe Raymond E. Roe, 72, died": an obituary's headword and the
    // name written out, or a subhead's word before the same word, meet in
    // one run of capitals; the run's last word written earlier ends the
    // first name (not a known place, "Walla Walla").
    if run.len() >= 2 && run.iter().all(|&r| toks[r].cap) {
        let last = &toks[run[run.len() - 1]].text;
        let earlier = run[..run.len() - 1].iter().position(|&r| {
            toks[r].text == *last
                && !toks[r].possessive
                && ctx.chars[toks[r].end..toks[r + 1].start]
                    .iter()
                    .all(|c| c.is_whitespace())
        });
        if let Some(k) = earlier.filter(|_| {
            last.chars().count() >= 3
                && !names::is_organisation_designator(last)
                && !names::is_place_word(last)
                && !names::is_place(&span_text(ctx, run))
        }) {
            let (head, full) = (&run[..=k], &run[k + 1..]);
            // "R. E. Roe" before "Raymond E. Roe": the initials of the same
            // words; the name written out stands for both.
            let initials_of = head.len() == full.len()
                && head.iter().zip(full).all(|(&a, &b)| {
                    let (a, b) = (&toks[a].text, &toks[b].text);
                    a == b
                        || (a.chars().count() == 2
                            && a.ends_with('.')
                            && b.chars().count() > 2
                            && b.starts_with(&a[..a.len() - 1]))
                });
            let mut pieces = if initials_of {
                Vec::new()
            } else {
                split_run(ctx, head)
            };
            pieces.extend(split_run(ctx, full));
            return pieces;
        }
    }
    let mut words: Vec<usize> = run.to_vec();
    // Leading words that are not names: common words, and a sentence's
    // unproven first word.
    while let Some(&f) = words.first() {
        let t = &toks[f];
        let ordinal = matches!(
            t.text.as_str(),
            "First" | "Second" | "Third" | "Fourth" | "Fifth" | "Sixth" | "Seventh" | "Eighth"
            // "the Four O'Clock Club": number words mid-sentence.
                | "One" | "Two" | "Three" | "Four" | "Five" | "Six" | "Seven" | "Eight" | "Nine"
                | "Ten" | "Eleven" | "Twelve" | "Hundred" | "Thousand"
        );
        // "A. B. Doe": an initial with its stop is no article.
        let initial = t.text.chars().count() == 2 && t.text.ends_with('.');
        // "F Hamidou Diallo", "G Jane Roe": a player's position, a lone
        // capital letter with no stop, before a given name.
        let position = t.text.chars().count() == 1
            && t.text.chars().all(|c| c.is_ascii_uppercase())
            && !matches!(t.text.as_str(), "A" | "I")
            && ctx.chars.get(t.end) != Some(&'.')
            && words.len() >= 3
            && toks[words[1]].cap
            && !names::is_common_english(&toks[words[1]].text);
        if position {
            words.remove(0);
            continue;
        }
        // "the All Things Digital Conference": after a lowercase "the", a
        // common word capitalised in mid-sentence opens a name of three
        // words or more.
        let after_the = words.len() >= 3
            && f > 0
            && !t.broken_before
            && toks[f - 1].text == "the"
            && words[1..3].iter().all(|&w| toks[w].cap);
        // "met Will Moy": a given name that is also a common word,
        // capitalised in mid-sentence before another capital.
        let given = words.len() >= 2 && names::is_given_name(&t.text) && !names::is_month(&t.text);
        let common = names::is_common_word(&t.text)
            && !((ordinal || after_the || given) && ctx.reliable(t))
            && !initial;
        // "Heise Online adds": an unproven first word that is no English
        // word, followed by a capitalised one, opens the name.
        let opens_name = words.len() >= 2
            && t.cap
            && !common
            && (!names::is_common_english(&t.text)
                // "Smart Projects SRL": a company's legal suffix vouches
                // for the words before it.
                || words
                    .last()
                    .is_some_and(|&l| names::is_legal_suffix(&toks[l].text)))
            && words.get(1).is_some_and(|&n| toks[n].cap);
        // "New York Yankees" opening a sentence: a common word that opens a
        // known place's name is part of it.
        let opens_place = t.cap
            && (2..=3.min(words.len())).any(|k| {
                words[..k].iter().all(|&w| toks[w].cap)
                    && names::is_place(&span_text(ctx, &words[..k]))
            });
        if !opens_place
            && (common || !t.cap || (!ctx.reliable(t) && !ctx.vouched(f) && !opens_name))
        {
            words.remove(0);
        } else {
            break;
        }
    }

    let mut pieces = Vec::new();
    // "Actor-Crooner Jane Roe", "Cinemactor John Doe": capitalised role
    // nouns before a given name and a surname are no part of the name.
    if words.len() >= 3 {
        let plain = |w: usize| {
            let t = &toks[w].text;
            // "Young Peter Wendell": a sentence's first word, common in
            // English, before a given name is no given name of its own.
            (!names::is_given_name(t) || (toks[w].initial && names::is_common_english(t)))
                && !names::is_organisation_designator(t)
                && !names::is_place_word(t)
                && !names::is_event_word(t)
                && !names::is_title(t)
                && t.chars().count() > 1
                && !toks[w].possessive
                // A role's shape: "Actor-Crooner", "Cinemactor", "Statesman";
                // a party, people or place ("Oregon Democrat Jane Roe",
                // "Democratic Elder Statesman John Doe").
                && (t.contains('-')
                    || ["er", "or", "ist", "ian", "man", "ant", "ent", "ier", "crat"]
                        .iter()
                        .any(|x| t.ends_with(x))
                    || names::is_group_adjective(t)
                    || names::is_demonym(t)
                    || names::is_place(t)
                    || (names::is_common_english(t) && !toks[w].caps))
        };
        let given = (1..words.len() - 1).find(|&g| {
            names::is_given_name(&toks[words[g]].text)
                // "Front Line Defenders": a given name that is also a
                // plain English word is a word of the name here.
                && !names::is_common_english(&toks[words[g]].text)
                // "First Lady Jane Roe": a title is no given name here.
                && !names::is_title(&toks[words[g]].text)
                && words[..g].iter().all(|&w| plain(w))
                // "New York Yankees": no role before a given name when the
                // words make a known place.
                && !names::is_place(&span_text(ctx, &words[..=g]))
                && words[g + 1..].iter().all(|&w| {
                    toks[w].cap
                        && !names::is_organisation_designator(&toks[w].text)
                        && !names::is_place_word(&toks[w].text)
                        // "Nuremberg Toy Fair": an event's word ends it.
                        && !names::is_event_word(&toks[w].text)
                })
        });
        if let Some(g) = given {
            // A known place among the words before stays a name of its own.
            for &w in &words[..g] {
                if names::is_place(&toks[w].text)
                    && !names::is_demonym(&toks[w].text)
                    && !(toks[w].initial && names::is_common_english(&toks[w].text))
                {
                    pieces.push(Piece {
                        words: vec![w],
                        titled: false,
                        work: false,
                    });
                }
            }
            pieces.extend(split_designators(ctx, words[g..].to_vec(), true));
            return pieces;
        }
    }
    // Titles (and capitalised role nouns before a given name, "Writer Jane
    // Roe") followed by a name: the name is a person's.
    let title_at = |k: usize| {
        let w = &toks[words[k]].text;
        // "Associated General Contractors", "General Motors": a title's
        // word before a plain plural heads a body's name.
        let before_plural = words
            .get(k + 1)
            .is_some_and(|&n| plain_plural(&toks[n].text));
        (names::is_title(w) && !before_plural)
            || (names::is_role_noun(&w.to_lowercase())
                && words.get(k + 1).is_some_and(|&n| {
                    let nw = &toks[n].text;
                    names::is_given_name(nw)
                        // "Manager Hemus": a role before a lone surname.
                        || (k == 0
                            && words.len() == 2
                            && !names::is_common_english(nw)
                            && !names::is_organisation_designator(nw)
                            && !names::is_place_word(nw)
                            && !names::is_place(nw))
                }))
    };
    let mut k = 0;
    while k < words.len() {
        if title_at(k) {
            let mut e = k;
            while e < words.len() && title_at(e) {
                e += 1;
            }
            // What follows the titles, up to a connector.
            let rest: Vec<usize> = words[e..].to_vec();
            // A place's word marks a place where it ends the name or opens
            // one ("Lake Ontario"); inside a person's name it is a word of
            // it ("President Park Min-jun").
            let last_rest = rest.last().copied();
            // "Chief James Hall": a given name and a surname that is also
            // a place's word.
            let given_and_surname = rest.len() == 2
                && names::is_given_name(&toks[rest[0]].text)
                && !names::is_place(&toks[rest[0]].text)
                && names::is_surname(&toks[rest[1]].text);
            // "Chief Strategy Officer": a role's word ends no one's name.
            let rest_is_role = rest.last().is_some_and(|&r| {
                names::is_title(&toks[r].text) || names::is_role_noun(&toks[r].text.to_lowercase())
            });
            if rest_is_role
                && rest.len() <= 3
                && rest
                    .iter()
                    .all(|&r| toks[r].cap && !names::is_given_name(&toks[r].text))
            {
                return pieces;
            }
            let rest_is_name = !rest.is_empty()
                && !rest_is_role
                && toks[rest[0]].cap
                && !rest.iter().any(|&r| {
                    let w = &toks[r].text;
                    names::is_organisation_designator(w)
                        || (names::is_place_word(w)
                            && !given_and_surname
                            && (Some(r) == last_rest || opens_place_name(w)))
                        || names::is_event_word(w)
                        || !toks[r].cap
                });
            if rest_is_name || rest.first().is_some_and(|&r| !toks[r].cap) {
                // Before the titles: a place or body of its own ("Zimbabwe
                // President", "Australian Federal Police Commissioner"),
                // else a portfolio ("Communications Minister").
                let before = body_before_title(toks, &words[..k]);
                if !before.is_empty() {
                    let surface = span_text(ctx, &before);
                    let keep = names::is_place(&surface)
                        || before
                            .iter()
                            .any(|&b| names::is_organisation_designator(&toks[b].text))
                        || (before.len() == 1 && toks[before[0]].caps);
                    if keep {
                        pieces.extend(split_designators(ctx, before, false));
                    } else if names::is_place(&toks[before[0]].text)
                        && !names::is_demonym(&toks[before[0]].text)
                    {
                        // "Kentucky GOP Gov. Jane Roe": the state, then its
                        // party's acronym.
                        pieces.push(Piece {
                            words: vec![before[0]],
                            titled: false,
                            work: false,
                        });
                    }
                }
                if rest_is_name {
                    pieces.extend(split_designators(ctx, rest, true));
                    return pieces;
                }
                // "Vice President of the Center for ...": the rest after the connector.
                let after: Vec<usize> =
                    rest.iter().copied().skip_while(|&r| !toks[r].cap).collect();
                let after = trim_titles(ctx, after);
                // "Secretary of State Condoleezza Rice": the portfolio after
                // "of", then a person's given name and surname.
                let plain = |i: usize| names::is_common_english(&toks[after[i]].text);
                let person_from = (1..after.len().saturating_sub(1)).find(|&p| {
                    (0..p).all(plain)
                        && (2..=3).contains(&(after.len() - p))
                        && (p..after.len()).all(|i| {
                            let x = &toks[after[i]].text;
                            !toks[after[i]].caps
                                && !names::is_organisation_designator(x)
                                && !names::is_place_word(x)
                        })
                        && (names::is_given_name(&toks[after[p]].text) || !plain(p))
                });
                let after = match person_from {
                    Some(p) => after[p..].to_vec(),
                    None => after,
                };
                pieces.extend(split_designators(ctx, after, false));
                return pieces;
            }
            k = e;
            continue;
        }
        k += 1;
    }
    pieces.extend(split_designators(ctx, words, false));
    pieces
}

fn trim_titles(ctx: &Ctx<'_>, mut words: Vec<usize>) -> Vec<usize> {
    while words
        .first()
        .is_some_and(|&w| names::is_title(&ctx.toks[w].text))
    {
        words.remove(0);
    }
    words
}

/// Splits where an organisation's name ends and another name begins:
/// after a designator, before a given name or a capital that no connector
/// joins ("Research Council | Jane Doe").
fn split_designators(ctx: &Ctx<'_>, words: Vec<usize>, titled: bool) -> Vec<Piece> {
    let toks = ctx.toks;
    let mut out: Vec<Piece> = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    for (pos, &w) in words.iter().enumerate() {
        let prev = pos.checked_sub(1).and_then(|p| words.get(p)).copied();
        let split = prev.is_some_and(|p| {
            let pw = &toks[p].text;
            let tw = &toks[w].text;
            (names::is_organisation_designator(pw) || names::is_place_word(pw))
                && !opens_place_name(pw)
                && toks[w].cap
                && toks[p].cap
                && w == p + 1
                && names::is_given_name(tw)
                // "Front Line Defenders": a given name that is also a
                // plain English word goes on with the name.
                && !names::is_common_english(tw)
                && !names::is_organisation_designator(tw)
                && !names::is_place_word(tw)
                && words
                    .get(pos + 1)
                    .is_some_and(|&n| toks[n].cap && n == w + 1)
        });
        // "Secretary of the Treasury Jane Roe": a capitalised common word
        // (no given name, no designator) before a given name and a surname
        // ends what stands before.
        let common_before_given = prev.is_some_and(|p| {
            let pw = &toks[p].text;
            let tw = &toks[w].text;
            names::is_common_english(pw)
                && !names::is_given_name(pw)
                && !names::is_title(pw)
                && !toks[p].caps
                && toks[p].cap
                && w == p + 1
                // "Court de Gébelin": a particle is no given name.
                && toks[w].cap
                && names::is_given_name(tw)
                && !names::is_common_english(tw)
                && !names::is_place(&span_text(ctx, &[p, w]))
                && words.len() == pos + 2
                && words.get(pos + 1).is_some_and(|&n| {
                    toks[n].cap
                        && n == w + 1
                        && !names::is_organisation_designator(&toks[n].text)
                        && !names::is_place_word(&toks[n].text)
                        && !names::is_event_word(&toks[n].text)
                })
        });
        // "Democratic Elder Statesman Jane Roe": common words before the
        // given name name no one either.
        if common_before_given
            && (cur.len() == 1
                || cur.iter().all(|&c| {
                    names::is_common_english(&toks[c].text)
                        && !names::is_organisation_designator(&toks[c].text)
                        && !names::is_place_word(&toks[c].text)
                }))
        {
            // "Treasury" alone before the person's name names no one here.
            cur.clear();
        }
        let split = split || common_before_given;
        // "Business Insider Inc Nintendo": a legal suffix ends a name.
        let after_suffix = prev.is_some_and(|p| {
            names::is_legal_suffix(&toks[p].text)
                && toks[w].cap
                && !names::is_legal_suffix(&toks[w].text)
        });
        if (split || after_suffix) && !cur.is_empty() {
            out.push(Piece {
                words: std::mem::take(&mut cur),
                titled: false,
                work: false,
            });
        }
        cur.push(w);
    }
    if !cur.is_empty() {
        out.push(Piece {
            words: cur,
            titled,
            work: false,
        });
    }
    // "U. S. Presidents", "U.S. Flag": a country's abbreviation before
    // plain English words is an adjective; the country is the name.
    let mut split_out: Vec<Piece> = Vec::new();
    for p in out {
        let initials = p
            .words
            .iter()
            .take_while(|&&w| {
                let t = &toks[w].text;
                t.chars().count() == 2 && t.ends_with('.')
            })
            .count();
        let head = if initials >= 2 {
            initials
        } else if toks[p.words[0]].caps && toks[p.words[0]].text.contains('.') {
            1
        } else {
            0
        };
        let rest = &p.words[head.min(p.words.len())..];
        if head > 0
            && !rest.is_empty()
            && names::is_country_abbreviation(&span_text(ctx, &p.words[..head]))
            && rest.iter().all(|&w| {
                let t = &toks[w].text;
                names::is_common_english(t.trim_end_matches('s'))
                    && !names::is_organisation_designator(t)
                    && !names::is_place_word(t)
                    && !names::is_title(t)
            })
        {
            split_out.push(Piece {
                words: p.words[..head].to_vec(),
                titled: false,
                work: false,
            });
        } else {
            split_out.push(p);
        }
    }
    let mut out = split_out;
    // Connectors never end or start a name.
    for p in &mut out {
        while p.words.first().is_some_and(|&w| !toks[w].cap) {
            p.words.remove(0);
        }
        // A number after two capitalised words stays ("Task Force 116").
        let number_end = p.words.len() >= 3
            && p.words
                .last()
                .is_some_and(|&w| toks[w].text.chars().all(|c| c.is_ascii_digit()))
            && p.words[p.words.len() - 3..p.words.len() - 1]
                .iter()
                .all(|&w| toks[w].cap);
        // A designator in lower case ends a name ("the Arts club").
        let lower_designator = p.words.len() >= 2
            && p.words.last().is_some_and(|&w| {
                !toks[w].cap && LOWER_DESIGNATORS.contains(&toks[w].text.as_str())
            })
            && p.words[p.words.len() - 2] + 1 == p.words[p.words.len() - 1]
            && toks[p.words[p.words.len() - 2]].cap;
        while !number_end && !lower_designator && p.words.last().is_some_and(|&w| !toks[w].cap) {
            p.words.pop();
        }
    }
    out.retain(|p| !p.words.is_empty());
    out
}

fn span_text(ctx: &Ctx<'_>, words: &[usize]) -> String {
    match (words.first(), words.last()) {
        (Some(&a), Some(&b)) => ctx.chars[ctx.toks[a].start..ctx.toks[b].end]
            .iter()
            .map(|&c| if c.is_whitespace() { ' ' } else { c })
            .collect::<String>()
            .split(' ')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
        _ => String::new(),
    }
}

/// Turns a piece into a mention with its kind votes, or nothing when it
/// names nothing (a month, a lone designator, a demonym).
/// [`to_mention`], and "The Atlantic", "The Big Sick": a capital "The" in
/// the middle of a sentence, right before the name, is part of it (the
/// title of a work, a paper or a band), unless the name is a known place
/// or a person's.
fn mention_of(ctx: &Ctx<'_>, piece: &Piece) -> Option<Mention> {
    let mut m = to_mention(ctx, piece)?;
    let toks = ctx.toks;
    let first = *piece.words.first()?;
    let Some(the) = first.checked_sub(1).map(|b| &toks[b]) else {
        return Some(m);
    };
    let f = &toks[first];
    let adjacent = ctx.chars[the.end..f.start].iter().all(|&c| c == ' ');
    // "A New Hope", "An American Tail": the other articles too, after a
    // word in lower case (no initial of a name, "John A Smith").
    let article = the.text == "The"
        || (matches!(the.text.as_str(), "A" | "An")
            && first >= 2
            && toks[first - 2]
                .text
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
            && ctx.chars[toks[first - 2].end..the.start]
                .iter()
                .all(|&c| c == ' '));
    // "The Straits Times reported": a paper's name keeps its "The" at a
    // sentence's start too.
    let paper_name = piece
        .words
        .last()
        .is_some_and(|&l| names::is_publication_word(&toks[l].text));
    let paper = the.text == "The" && piece.words.len() >= 2 && paper_name;
    let joins = article
        && adjacent
        && !piece.titled
        && (paper || (!the.initial && !the.sentence_before && !the.para_start))
        && !the.headline
        && !the.quote_open
        && !f.broken_before
        && (the.text != "The" || !names::is_place(&m.surface))
        // "The Florida Project": a person's vote from a given name that is
        // also a place's ("Florida") does not make it a person's name.
        && (m.votes.person == 0
            || (piece.words.len() >= 2 && names::is_place(&toks[first].text)))
        // "The Senate", "The University of Georgia", "The Redbirds", "The
        // COAHR": a body's name that a designator, an acronym or a plural
        // marks stands without its article (older copy capitalises it).
        // "said The New York Times", "told The Associated Press": a
        // paper's or an agency's name keeps its capital "The".
        && (paper_name
            || !piece.words.iter().any(|&w| {
                let t = &toks[w].text;
                names::is_organisation_designator(t)
                    || names::is_place_word(t)
                    || names::is_event_word(t)
                    || toks[w].caps
                    || t.ends_with('.')
            }))
        && !(piece.words.len() == 1 && f.text.ends_with('s') && !f.text.ends_with("ss"));
    if joins {
        m.surface = format!("{} {}", the.text, m.surface);
        m.key = name_key(&m.surface);
        m.words.insert(0, the.text.clone());
        m.span.0 = the.start;
        if the.text == "The" {
            m.votes.add(Kind::Organisation, 3);
        } else {
            // No place or body takes "A": the title of a work.
            m.votes = Votes {
                other: 4,
                ..Votes::default()
            };
        }
    }
    Some(m)
}

fn to_mention(ctx: &Ctx<'_>, piece: &Piece) -> Option<Mention> {
    let toks = ctx.toks;
    let first = *piece.words.first()?;
    let last = *piece.words.last()?;
    let texts: Vec<&str> = piece.words.iter().map(|&w| toks[w].text.as_str()).collect();
    let surface = span_text(ctx, &piece.words);
    let single = piece.words.len() == 1;
    if piece.work {
        return Some(Mention {
            key: name_key(&surface),
            words: texts.iter().map(|s| s.to_string()).collect(),
            surface,
            span: (toks[first].start, toks[last].end),
            votes: Votes {
                other: 9,
                ..Votes::default()
            },
            acronym: false,
            bare_given: false,
            weak_word: false,
            sure: false,
        });
    }
    let w0 = texts.first().copied().unwrap_or("");
    let wl = texts.last().copied().unwrap_or("");
    // "the House voted", "the Legislature adjourned": a chamber's word,
    // capitalised after "the" in mid-sentence, names the chamber.
    if single
        && matches!(w0, "House" | "Legislature" | "Assembly" | "Cabinet")
        && ctx.reliable(&toks[first])
        && !toks[first].broken_before
        && first.checked_sub(1).is_some_and(|b| toks[b].text == "the")
    {
        return Some(Mention {
            key: name_key(&surface),
            words: vec![w0.to_string()],
            surface,
            span: (toks[first].start, toks[last].end),
            votes: Votes {
                organisation: 4,
                ..Votes::default()
            },
            acronym: false,
            bare_given: false,
            weak_word: false,
            sure: false,
        });
    }
    if single {
        // "the Prisoner's Dilemma", "Assassin's Creed": a plain English
        // word in the possessive before a capitalised word (no person's
        // given name) heads a title, no name of its own.
        let title_head = toks[last].possessive
            && names::is_common_english(w0)
            && !toks[first].caps
            && !names::is_place(w0)
            && toks.get(last + 1).is_some_and(|n| {
                n.cap && !n.caps && !n.broken_before && !names::is_given_name(&n.text)
            });
        // "ROUND up the sheep": a paragraph's first word in capitals, a
        // plain English word before lower case, is a lead-in's style.
        let lead_in = toks[first].caps
            && toks[first].para_start
            && names::is_common_english(w0)
            && !names::is_place(w0)
            && toks
                .get(last + 1)
                .is_some_and(|n| !n.cap && !n.broken_before && n.para == toks[first].para);
        // "<CLc1>", ".SPX", "US10YT", "MIWD00000PUS": a market's
        // instrument code, no name.
        let code = is_instrument_code(ctx, first)
            || is_money_amount(ctx, first)
            // "(R-TX)", "(D-N.Y.)": a lawmaker's party and state.
            || w0.split_once('-').is_some_and(|(party, state)| {
                matches!(party, "D" | "R" | "I")
                    && (1..=4).contains(&state.len())
                    && state.chars().all(|c| c.is_ascii_uppercase() || c == '.')
            });
        // "Yersinia pestis", "Escherichia coli": a genus before its
        // species' Latin word names a living thing's kind, no entity.
        let genus = toks.get(last + 1).is_some_and(|n| {
            let x = n.text.as_str();
            !n.cap
                && !n.broken_before
                && x.len() >= 4
                && !names::is_common_english(x)
                && ["us", "is", "um", "ae", "ii", "coli", "ans", "ens", "ica"]
                    .iter()
                    .any(|e| x.ends_with(e))
        }) && !names::is_place(w0)
            && !names::is_given_name(w0);
        let bad = title_head
            || lead_in
            || code
            || genus
            || names::is_common_word(w0)
            || names::is_unit_acronym(w0)
            || names::is_month(w0)
            || names::is_weekday(w0)
            || names::is_title(w0)
            || names::is_direction_word(w0)
            || names::is_group_adjective(w0)
            || (names::is_organisation_designator(w0) && !names::is_single_word_body(w0))
            || names::is_place_word(w0)
            || names::is_event_word(w0)
            || w0.chars().filter(|c| c.is_alphanumeric()).count() < 2
            || !w0.chars().any(char::is_alphabetic)
            // "those TVs": the plural of a common noun's acronym.
            || w0.strip_suffix('s').is_some_and(|stem| {
                stem.chars().count() >= 2
                    && stem.chars().all(|c| c.is_ascii_uppercase())
                    && (names::is_organisation_designator(stem)
                        || names::is_unit_acronym(stem)
                        || names::is_title(stem)
                        // "PDAs", "DVDs": a plural acronym is a common
                        // noun's.
                        || stem.chars().count() <= 5)
                    && !names::is_single_word_body(stem)
            })
            // "a DVD player" where the text also writes "DVDs": the
            // acronym of a common noun.
            || (w0.chars().count() >= 2
                && w0.chars().count() <= 5
                && w0.chars().all(|c| c.is_ascii_uppercase())
                && ctx.mentions_word(&format!("{w0}s")))
            // "PlayStation 4 Pro": a plain word after a model's number is
            // part of the model's name, no name of its own.
            || (names::is_common_english(w0)
                && !toks[first].broken_before
                && first.checked_sub(1).and_then(|b| toks.get(b)).is_some_and(|b| {
                    b.text.chars().any(|c| c.is_ascii_digit())
                        && first.checked_sub(2).and_then(|c| toks.get(c)).is_some_and(|c| c.cap)
                }));
        if bad {
            return None;
        }
    }
    if texts
        .iter()
        .all(|w| names::is_common_word(w) || names::is_direction_word(w))
    {
        return None;
    }
    // "Christmas", "New Year": dates. "September-October": months.
    if names::is_holiday(&surface)
        || (single && w0.contains('-') && w0.split('-').all(names::is_month))
    {
        return None;
    }
    // "District Attorney", "Attorney General", "U.S. Ambassador-designate":
    // a title with no name after it names no one.
    // "Stephen Bishop": after a given name the word is a surname.
    let surname_title = texts.len() == 2
        && names::is_given_name(w0)
        && !names::is_title(w0)
        && !names::is_common_english(w0)
        && w0.chars().all(char::is_alphabetic)
        && wl.chars().all(char::is_alphabetic);
    let body_of = texts.contains(&"of")
        && texts[..texts.len() - 1]
            .iter()
            .any(|w| names::is_organisation_designator(w));
    if !single
        && names::is_title(wl)
        // "Amazon Prime": words that open a title never end one.
        && !matches!(wl.trim_end_matches('.'), "Jr" | "Sr" | "Prime" | "Vice" | "Foreign")
        && !piece.titled
        && !surname_title
        // "Department of Justice", "International Court of Justice": a
        // body's name that "of" and a designator make ends in the word.
        && !body_of
    {
        return None;
    }
    // "Libyan officials", "Orwellian", "Salafists": adjectives and
    // followers, not names.
    if single {
        let adjectival = toks
            .get(last + 1)
            .is_some_and(|n| !n.broken_before && !n.cap && n.text.chars().all(char::is_lowercase));
        let lower = w0.to_lowercase();
        let ideology = ["ian", "ean", "ist", "ists", "ism", "esque", "ians", "eans"]
            .iter()
            .any(|s| lower.ends_with(s))
            && !names::is_given_name(w0)
            && !names::is_place(w0);
        if (adjectival && names::is_demonym(w0)) || ideology {
            return None;
        }
    }
    // "a Virginia Democrat", "North African": a people or party at the end
    // is no part of a name.
    let given_first = names::is_given_name(w0) && !names::is_place(w0);
    // "Kumail Nanjiani": an unknown first word before a word that only
    // looks like a people's name (a county "Nanjian") is a given name.
    let unknown_first = texts.len() == 2
        && !names::is_group_adjective(wl)
        && capitalised(w0)
        && !toks[first].caps
        && !names::is_common_english(w0)
        && !names::is_place(w0)
        && !names::is_title(w0)
        && !names::is_direction_word(w0)
        && !names::is_demonym(w0)
        && !names::is_organisation_designator(w0)
        && !names::is_place_word(w0);
    // "T. H. White", "V. John White": initials open a person's name.
    let initial_first =
        w0.chars().count() == 2 && w0.ends_with('.') && w0.starts_with(char::is_uppercase);
    if !single
        && !initial_first
        && ((names::is_group_adjective(wl) && !given_first)
            || (names::is_demonym(wl) && !names::is_given_name(w0) && !unknown_first))
        && !names::is_place(&surface)
        && !texts.iter().any(|w| names::is_organisation_designator(w))
    {
        let rest = Piece {
            words: piece.words[..piece.words.len() - 1].to_vec(),
            titled: piece.titled,
            work: false,
        };
        return to_mention(ctx, &rest);
    }
    // "African-American", "New Zealanders": peoples, not names here.
    if (single && w0.contains('-') && w0.split('-').all(names::is_demonym))
        || (!single && !names::is_place(&surface) && names::is_demonym(&surface))
    {
        return None;
    }
    // "the remote Russian Tuva region": a people's adjective before a name
    // that no designator ends is no part of it.
    if !single
        && names::is_demonym(w0)
        && !names::is_place(w0)
        && !names::is_given_name(w0)
        && !names::is_place(&surface)
        // "the British Red Cross": after "the", a people's adjective
        // opens a body's name of three words or more.
        && !(piece.words.len() >= 3
            && first > 0
            && !toks[first].broken_before
            && toks[first - 1].text == "the"
            && ctx.reliable(&toks[first]))
        // "Southern California", "Eastern Michigan": a direction
        // capitalised before a known place names a region of it.
        && !(names::is_direction_word(w0)
            && ctx.reliable(&toks[first])
            && names::is_place(&span_text(ctx, &piece.words[1..])))
        // "American Institute of Decorators": a designator anywhere.
        && !texts.iter().any(|w| names::is_organisation_designator(w))
        && !names::is_place_word(wl)
        && !names::is_event_word(wl)
    {
        let rest = Piece {
            words: piece.words[1..].to_vec(),
            titled: piece.titled,
            work: false,
        };
        return to_mention(ctx, &rest);
    }
    let acronym =
        single && toks[first].caps && w0.chars().filter(|c| c.is_alphabetic()).count() <= 6;
    let mut votes = Votes::default();
    // Words of the name.
    let has_designator = texts.iter().any(|w| names::is_organisation_designator(w));
    if piece.titled {
        votes.add(Kind::Person, 4);
    }
    if names::is_law_word(wl) && !single {
        votes.add(Kind::Other, 0);
        return Some(Mention {
            key: name_key(&surface),
            words: texts.iter().map(|s| s.to_string()).collect(),
            surface,
            span: (toks[first].start, toks[last].end),
            votes: Votes {
                other: 9,
                ..Votes::default()
            },
            acronym: false,
            bare_given: false,
            weak_word: false,
            sure: false,
        });
    }
    // "Sun Microsystems", "Medtronic": a company's coined word.
    if texts.iter().any(|w| names::has_company_shape(w)) {
        votes.add(Kind::Organisation, 3);
    }
    // "World War II", "Super Bowl 36": a number after an event's word.
    let numbered_event = texts.len() >= 2
        && names::is_event_word(texts[texts.len() - 2])
        && (wl.chars().all(|c| c.is_ascii_digit())
            || wl.chars().all(|c| matches!(c, 'I' | 'V' | 'X')));
    // "Storm Prediction Center": a designator at the end outweighs an
    // event's word at the start.
    let event_prefix = names::is_event_prefix(w0) && !names::is_organisation_designator(wl);
    // "Inauguration Day", "Waitangi Day", "Fashion Week": a day or week
    // after no given name ("Doris Day") is an occasion.
    let occasion = texts.len() >= 2
        && matches!(wl, "Day" | "Week")
        && !names::is_given_name(texts[texts.len() - 2])
        && !piece.titled;
    if (names::is_event_word(wl) || event_prefix || numbered_event || occasion) && !single {
        votes.add(Kind::Event, 4);
    } else if names::is_place_word(wl) && !single {
        // "Fiona Hill", "Ellie Hall": a given name before a place's word
        // that is also a surname weighs as much as a person's name (a
        // place's cue, "in", "at", tips it).
        let person_like = texts.len() == 2
            && names::is_given_name(w0)
            && !names::is_common_english(w0)
            && !names::is_place(w0)
            && names::is_surname(wl)
            // "Slater Street": a thoroughfare's word is no surname here.
            && !matches!(wl, "Street" | "Avenue" | "Road" | "Boulevard" | "Square");
        votes.add(Kind::Place, if person_like { 3 } else { 4 });
    } else if names::is_organisation_designator(wl) {
        votes.add(Kind::Organisation, 4);
    } else if has_designator {
        votes.add(Kind::Organisation, 3);
    } else if !single && texts.first().is_some_and(|w| names::is_place_word(w)) {
        // "Lake Ontario", "Mount Kenya"
        votes.add(Kind::Place, 3);
    }
    // An acronym names a place only as a country's abbreviation: "U.N."
    // folds to the key of a town somewhere, and names no place.
    // "U. S.": spaced initials of a country's abbreviation.
    let country_initials = !single
        && texts
            .iter()
            .all(|w| w.chars().count() == 2 && w.ends_with('.'))
        && names::is_country_abbreviation(&surface);
    let known_place = country_initials
        || (names::is_place(&surface) && (!acronym || names::is_country_abbreviation(w0)));
    if known_place {
        // A place of several words the lists know outweighs a designator
        // inside it ("Soviet Union").
        votes.add(Kind::Place, if single { 3 } else { 5 });
    }
    // "Mars", "Jupiter": a planet is a place, as a spacecraft's goal.
    if single
        && matches!(
            w0,
            "Earth" | "Mars" | "Jupiter" | "Saturn" | "Uranus" | "Neptune" | "Pluto"
        )
    {
        votes.add(Kind::Place, 3);
    }
    // "Sony", "Lockheed Martin", "Ford Motor": a company of the main
    // stock indices; a given name or surname alone weighs less, so that a
    // person's cues ("Mr.", a role) outweigh it.
    if !known_place && names::is_company(&surface) {
        let person_word = names::is_given_name(w0) || names::is_surname(w0);
        votes.add(
            Kind::Organisation,
            match (single, person_word) {
                (false, _) => 4,
                (true, false) => 3,
                (true, true) => 2,
            },
        );
    }
    // "Guerin & Turner", "Standard & Poor": an ampersand joins a firm.
    if !single && ctx.chars[toks[first].start..toks[last].end].contains(&'&') {
        votes.add(Kind::Organisation, 5);
    }
    if acronym {
        // "D.C.", "N.Y.": a state's abbreviation with its stops.
        if names::is_country_abbreviation(w0)
            || (w0.contains('.') && names::is_state_abbreviation(w0))
        {
            votes.add(Kind::Place, 4);
        } else {
            votes.add(Kind::Organisation, 2);
        }
    }
    if !single
        && !names::is_given_name(w0)
        && piece
            .words
            .iter()
            .any(|&w| toks[w].caps && !toks[w].text.contains('.'))
        && !piece.words.iter().all(|&w| toks[w].caps)
    {
        // "Oculus VR", "BBC News": an acronym in a name of a body.
        votes.add(Kind::Organisation, 2);
    }
    if !single && piece.words.iter().all(|&w| toks[w].caps) {
        // Acronyms together ("SIPRI EU", "BBC WS") name a body.
        votes.add(Kind::Organisation, 2);
    }
    let particles = piece.words.windows(2).any(|p| p[1] != p[0] + 1);
    // "Cambridge Analytica", "Chicago Tribune", "Los Angeles Lakers": a
    // place's name (of one word or more) opening a name that is no place.
    let place_opens = (1..texts.len())
        .any(|k| names::is_place(&texts[..k].join(" ")) && (k > 1 || !names::is_given_name(w0)));
    if !single
        && !has_designator
        && place_opens
        && !known_place
        && !names::is_place(wl)
        && !names::is_place_word(wl)
        && !names::is_event_word(wl)
    {
        votes.add(Kind::Organisation, 2);
    }
    // "Joseph R. Bolker", "A. B. Cox": initials before a surname make a
    // person's name.
    let initial = |w: &str| {
        let mut c = w.chars();
        matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
    };
    if !single
        && !has_designator
        && !initial(wl)
        && !names::is_place_word(wl)
        && !names::is_event_word(wl)
        && !known_place
        && texts[..texts.len() - 1].iter().any(|w| initial(w))
    {
        votes.add(Kind::Person, 3);
    }
    let after_the = first > 0
        && !toks[first].broken_before
        && toks[first - 1].text.eq_ignore_ascii_case("the")
        && !piece.titled;
    // "the Byron Harveys": after "the", a given name and a plural surname
    // are a family.
    let family = after_the
        && texts.len() == 2
        && !names::is_place(w0)
        && wl.len() > 3
        && wl.ends_with('s')
        && !wl.ends_with("ss")
        && !names::is_common_english(wl)
        && !names::is_place(wl);
    // "the James Agee novel": a given name and a surname before a common
    // noun in lower case are an author's, used as an adjective.
    let attributive = after_the
        && texts.len() == 2
        && !names::is_place(w0)
        && !names::is_direction_word(w0)
        && !names::is_common_english(wl)
        && !names::is_place(wl)
        && !names::is_demonym(wl)
        && !wl.ends_with('s')
        && toks.get(last + 1).is_some_and(|n| {
            !n.broken_before
                && !n.cap
                && n.text.chars().all(char::is_lowercase)
                && names::is_common_english(&n.text)
                && !names::is_common_word(&n.text)
        });
    if !single
        && !has_designator
        && names::is_given_name(w0)
        // "Lake Pontchartrain": a place's word first, not a given name.
        && !names::is_place_word(w0)
        && !texts.iter().any(|w| names::has_company_shape(w))
        // "Fidel Castro": a surname that is also a town's name, after a
        // given name that is no place's.
        && (!names::is_place(wl)
            || (names::is_surname(wl)
                && !names::is_place(w0)
                && !names::is_common_english(w0)
                && !names::is_place(&surface)))
        && (!after_the || family || attributive)
    {
        votes.add(Kind::Person, 3);
    } else if !single && particles && !has_designator {
        votes.add(Kind::Person, 2);
    } else if texts.len() >= 3
        && names::is_given_name(w0)
        && !names::is_place(w0)
        && !names::is_organisation_designator(wl)
        && texts[1..texts.len() - 1]
            .iter()
            .any(|w| names::is_name_particle(w))
        && texts
            .iter()
            .all(|w| names::is_name_particle(w) || capitalised(w))
    {
        // "Antoine Court de Gébelin": a given name, and a particle before
        // the surname, outweigh a designator's word inside.
        votes.add(Kind::Person, 4);
    }
    // "Imperial Russia", "Soviet Armenia": plain English words before a
    // known place.
    if !single
        && !has_designator
        && !known_place
        && names::is_place(wl)
        && !names::is_given_name(wl)
        && texts[..texts.len() - 1]
            .iter()
            .all(|w| names::is_common_english(w) && !names::is_given_name(w))
    {
        // "Statistics Canada", "Public Services and Procurement Canada": a
        // plural noun or a list before a country's name makes a
        // government department.
        let department = texts[..texts.len() - 1].iter().any(|w| {
            *w == "and"
                // "Environment Canada", "Health Canada": a portfolio.
                || names::is_title_modifier(w)
                || plain_plural(w)
        });
        if department {
            votes.add(Kind::Organisation, 5);
        } else {
            votes.add(Kind::Place, 3);
        }
    }
    if !single
        && !has_designator
        && names::is_direction_word(w0)
        && texts.iter().skip(1).any(|w| names::is_place(w))
    {
        votes.add(Kind::Place, 2);
    }
    // Context.
    let before = first.checked_sub(1).and_then(|b| toks.get(b));
    let before2 = first.checked_sub(2).and_then(|b| toks.get(b));
    let after = toks.get(last + 1);
    let prev_word = before
        .filter(|_| !toks[first].broken_before)
        .map(|t| t.text.to_lowercase());
    // "Mrs. Nell Kennedy Wall", "Mr. Hall": right after a form of address
    // the name is a person's, a place's word in it a surname.
    if before.is_some_and(|b| {
        !toks[first].sentence_before && b.cap && names::is_form_of_address(&b.text)
    }) && !has_designator
    {
        votes.add(Kind::Person, 5);
    }
    // "her mother, Fiona, said": kin before a comma.
    if let Some(b) = before.filter(|b| b.comma_after) {
        if names::is_kin_word(&b.text.to_lowercase()) {
            votes.add(Kind::Person, 3);
        }
    }
    // "the Jolly Roger", "the Beverly Hilton": English puts no article
    // before a person's name; a name of several words after "the" is a
    // body's or a building's.
    if after_the && !single && !known_place && votes.place == 0 && votes.event == 0 {
        votes.add(Kind::Organisation, 2);
    }
    if let Some(p) = &prev_word {
        // "disarmament adviser McCloy", "architect Welton Becket": a role
        // noun in lowercase right before a name makes it a person's.
        if names::is_role_noun(p)
            && !piece.titled
            && !has_designator
            && !known_place
            && !acronym
            && before.is_some_and(|b| !b.cap && !b.comma_after && !b.possessive)
        {
            votes.add(Kind::Person, 3);
        }
        // "in Teams", "for Business": a plain English word that is no known
        // place gets no place's vote from a preposition.
        if names::is_place_preposition(p)
            && !(single && !known_place && names::is_common_english(w0))
        {
            votes.add(Kind::Place, 1);
        }
        // "Mr. and Mrs. Guy Roe of Smalltown": a lone unknown word after a
        // person's surname and "of" is where they live.
        if p == "of"
            && single
            && before2.is_some_and(|b| {
                b.cap
                    && !b.broken_before
                    && !b.caps
                    && !b.possessive
                    && b.start > 0
                    && toks
                        .get(first - 3)
                        .is_some_and(|c| c.cap && !toks[first - 2].broken_before)
                    && !names::is_common_english(&b.text)
                    && !names::is_organisation_designator(&b.text)
                    && !names::is_place_word(&b.text)
                    && !names::is_title(&b.text)
                    && !names::is_place(&b.text)
            })
        {
            votes.add(Kind::Place, 2);
        }
        if names::is_kin_word(p) {
            votes.add(Kind::Person, 3);
        }
        if names::is_place_modifier(p) {
            votes.add(Kind::Place, 2);
        }
        // "the journal Current Biology", "the company Verizon".
        if matches!(
            p.as_str(),
            "journal"
                | "newspaper"
                | "magazine"
                | "company"
                | "firm"
                | "band"
                | "broadcaster"
                | "agency"
                | "group"
                | "network"
                | "publisher"
                | "retailer"
                | "airline"
                | "bank"
        ) {
            votes.add(Kind::Organisation, 3);
        }
        if matches!(p.as_str(), "said" | "says" | "told" | "by") && !single {
            votes.add(Kind::Person, 1);
        }
        if matches!(p.as_str(), "of" | "for" | "at") || p == "the" {
            let role = if p == "the" {
                before2.map(|t| t.text.to_lowercase())
            } else {
                before2.map(|t| t.text.to_lowercase())
            };
            if role.is_some_and(|r| names::is_role_noun(&r)) && !piece.titled {
                votes.add(Kind::Organisation, 2);
            }
        }
    }
    if toks[last].based {
        votes.add(Kind::Place, 4);
    }
    // "New Zealand's Northland": after a place's possessive.
    if let Some(b) = before.filter(|b| b.possessive && !toks[first].broken_before) {
        let mut k = first - 1;
        let mut start = b.start;
        while k > 0 && toks[k - 1].cap && !toks[k].broken_before && k + 3 > first {
            k -= 1;
            start = toks[k].start;
        }
        let owner: String = ctx.chars[start..b.end].iter().collect();
        if names::is_place(&owner) {
            votes.add(Kind::Place, 2);
        }
    }
    // "Adam Roe, Facebook data scientist", "Jane Doe, Google spokeswoman":
    // between a person's name and a lower-case role, the employer.
    if before.is_some_and(|b| b.cap && b.comma_after && !b.caps)
        && !known_place
        && (1..=3).any(|d| {
            ctx.lower(last + d).is_some_and(|w| names::is_role_noun(&w))
                && (last + 1..=last + d)
                    .all(|x| toks.get(x).is_some_and(|t| !t.cap && !t.broken_before))
        })
    {
        votes.add(Kind::Organisation, 3);
    }
    // "House of Representatives", "House of Commons": a chamber.
    if texts.len() >= 3 && matches!(w0, "House" | "Chamber") && texts[1] == "of" {
        votes.add(Kind::Organisation, 6);
    }
    // "DC traffic", "went to LA": a US postal code names a state or city.
    if single && names::is_postal_code(w0) {
        votes.add(Kind::Place, 3);
    }
    // "USS Peleliu", "HMS Victory": a ship's prefix names a ship.
    if !single && matches!(w0, "USS" | "HMS" | "RMS" | "HMAS" | "HMCS" | "USNS") {
        votes.add(Kind::Other, 8);
    }
    // "Intel's Andy Grove", "CNN's Jake Tapper": a name in the possessive
    // right before a person's given name and surname is the body the
    // person works for.
    if toks[last].possessive
        && !known_place
        && !names::is_given_name(w0)
        && !names::is_surname(wl)
        && !names::has_surname_shape(wl)
        && after.is_some_and(|a| {
            a.cap
                && !a.broken_before
                && names::is_given_name(&a.text)
                && !names::is_common_english(&a.text)
        })
        && toks
            .get(last + 2)
            .is_some_and(|s| s.cap && !s.broken_before && !s.sentence_before)
    {
        votes.add(Kind::Organisation, 3);
    }
    if let Some(a) = after.filter(|a| !a.broken_before && !a.cap) {
        let w = a.text.to_lowercase();
        // "the Interfax news agency" says what the name is; "Donald
        // Trump's team", "Biden's campaign" say what it has.
        // "the Pakistan army", "a Dallas company": a place the lists know
        // qualifies the noun.
        if names::is_organisation_noun(&w) && !toks[last].possessive && !known_place {
            votes.add(Kind::Organisation, 4);
        }
        if names::is_place_noun(&w) && !toks[last].possessive {
            votes.add(Kind::Place, 2);
        }
        if matches!(w.as_str(), "said" | "says" | "told" | "added" | "declared") && !single {
            votes.add(Kind::Person, 1);
        }
    }
    if toks[last].comma_after && state_abbreviation_at(ctx, last + 1).is_some() {
        votes.add(Kind::Place, 5);
    }
    if toks[last].comma_after {
        // "Cambridge, Massachusetts": a place before its state or country.
        if let Some(a) = after {
            let place_ends = toks
                .get(last + 2)
                .is_none_or(|n| n.broken_before || n.sentence_before);
            if a.cap && names::is_place(&a.text) && !known_place && place_ends {
                votes.add(Kind::Place, 2);
            }
            let w = a.text.to_lowercase();
            let w2 = ctx.lower(last + 2).unwrap_or_default();
            if w == "who" {
                votes.add(Kind::Person, 2);
            } else if w == "which" {
                votes.add(Kind::Organisation, 1);
            } else if (names::is_role_noun(&w)
                || (matches!(w.as_str(), "a" | "an" | "the" | "its" | "his" | "her")
                    && (names::is_role_noun(&w2)
                        || ctx
                            .lower(last + 3)
                            .is_some_and(|w3| names::is_role_noun(&w3)))))
                && !has_designator
                && !acronym
            {
                votes.add(Kind::Person, 2);
            }
        }
    }
    // Defaults.
    let mut bare_given = false;
    let mut weak_word = false;
    if votes.total() == 0 {
        if single {
            // A lone unknown name: most often a company or body in news
            // copy; a surname joins its person when grouping.
            if names::is_demonym(w0) {
                return None;
            }
            let after_article = prev_word.as_deref() == Some("the");
            if names::is_given_name(w0) && !after_article {
                // A lone given name: kept only if it joins a person's full
                // name ("Lupita" for "Lupita Nyong'o"), see `group`.
                bare_given = true;
                // Kept alone only when written again and again with no
                // other name: a surname then ("Maris", "Stein"), or a
                // brand's name ("Apple", "Sony").
                if names::is_surname(w0) {
                    votes.add(Kind::Person, 1);
                } else {
                    votes.add(Kind::Organisation, 1);
                }
            } else {
                // A common noun of a common kind ("Processing", "Immunology").
                let lower = w0.to_lowercase();
                // A common noun of a common kind ("Processing"); or any
                // plain English word capitalised with no cue ("Century",
                // "Fall foliage"), unless plural ("Giants", "Teamsters") or
                // after "the" or a preposition ("the Pentagon", "on Twitter").
                let abstract_noun = [
                    "ing", "ion", "ions", "ity", "ogy", "ness", "ment", "ments", "ics", "ism",
                    "ance", "ence", "ure", "ive", "ma",
                ]
                .iter()
                .any(|suffix| lower.ends_with(suffix));
                let plural = lower.ends_with('s')
                    && !lower.ends_with("ss")
                    && names::is_common_english(&lower[..lower.len() - 1]);
                let cue_before = prev_word.as_deref().is_some_and(|p| {
                    p == "the"
                        || names::is_place_preposition(p)
                        || matches!(p, "on" | "from" | "to" | "by" | "with" | "via" | "of")
                });
                weak_word =
                    names::is_common_english(w0) && (abstract_noun || !(plural || cue_before));
                // "Murtaugh said": a lone unknown word that speaks is a
                // person's surname more often than a body; "at Bimini": a
                // lone unknown word where someone is, a place.
                let speaks = after.is_some_and(|a| {
                    !a.broken_before && matches!(a.text.as_str(), "said" | "says")
                });
                let surname = names::is_surname(w0) && !names::is_place(w0);
                if (names::has_surname_shape(w0) || speaks || surname) && !weak_word && !acronym {
                    votes.add(Kind::Person, 1);
                } else if prev_word.as_deref() == Some("at")
                    && !weak_word
                    && !acronym
                    // "at Neiman-Marcus": partners' names joined, a firm.
                    && !w0.contains('-')
                {
                    votes.add(Kind::Place, 1);
                } else {
                    votes.add(Kind::Organisation, 1);
                }
            }
        } else if texts.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
        }) && texts.len() <= 4
        {
            if names::is_demonym(wl) && !unknown_first {
                // "North African" and the like: an adjective.
                return None;
            }
            // "Sports Illustrated", "Getty Images": a plain English word
            // last and no given name first name a body, not a person.
            if names::is_common_english(wl)
                && !names::is_given_name(w0)
                && !names::is_given_name(wl)
                && !names::is_place_word(wl)
            {
                votes.add(Kind::Organisation, 1);
            } else {
                votes.add(Kind::Person, 1);
            }
        } else {
            votes.add(Kind::Organisation, 1);
        }
    } else if single && votes.place == 0 && votes.person == 0 && names::is_demonym(w0) {
        return None;
    }
    Some(Mention {
        key: name_key(&surface),
        words: texts.iter().map(|s| s.to_string()).collect(),
        surface,
        span: (toks[first].start, toks[last].end),
        votes,
        acronym,
        bare_given,
        weak_word,
        sure: false,
    })
}

#[derive(Debug)]
struct Group {
    variants: Vec<String>,
    mentions: Vec<(usize, usize)>,
    votes: Votes,
    words: Vec<String>,
    acronym: bool,
    /// Every mention a lone given name with no other evidence.
    bare_given: bool,
    /// Every mention a lone common English word with no other evidence.
    weak_word: bool,
    /// Some mention found by a rule the trained filter does not overrule.
    sure: bool,
    /// Merged into another group.
    gone: bool,
}

fn group(
    ctx: &Ctx<'_>,
    mentions: Vec<Mention>,
    known: &dyn Fn(&str) -> bool,
) -> Vec<(Candidate, Vec<String>)> {
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for m in mentions {
        if m.key.is_empty() {
            continue;
        }
        let idx = *by_key.entry(m.key.clone()).or_insert_with(|| {
            groups.push(Group {
                variants: Vec::new(),
                mentions: Vec::new(),
                votes: Votes::default(),
                words: m.words.clone(),
                acronym: m.acronym,
                bare_given: true,
                weak_word: true,
                sure: false,
                gone: false,
            });
            groups.len() - 1
        });
        let Some(g) = groups.get_mut(idx) else {
            continue;
        };
        if !g.variants.contains(&m.surface) {
            g.variants.push(m.surface.clone());
        }
        if m.words.len() > g.words.len() {
            g.words = m.words.clone();
        }
        g.mentions.push(m.span);
        g.votes.merge(m.votes);
        g.bare_given &= m.bare_given;
        g.weak_word &= m.weak_word;
        g.sure |= m.sure;
    }
    // Short forms join their full names.
    let key_of = |words: &[String]| name_key(&words.join(" "));
    // Persons: every proper suffix of their words ("Bin Laden", "Parata").
    let mut suffix_owner: HashMap<String, Option<usize>> = HashMap::new();
    let mut initials_owner: HashMap<String, Option<usize>> = HashMap::new();
    let mut base_owner: HashMap<String, Option<usize>> = HashMap::new();
    let mut first_name_owner: HashMap<String, Option<usize>> = HashMap::new();
    // A person's words without a generational suffix ("Jr.", "III").
    let core = |words: &[String]| -> usize {
        let mut n = words.len();
        while n > 2
            && words
                .get(n - 1)
                .is_some_and(|w| names::is_generational_suffix(w))
        {
            n -= 1;
        }
        n
    };
    let is_initial = |w: &str| {
        let t = w.trim_end_matches('.');
        !t.is_empty() && t.chars().all(|c| c.is_uppercase() || c == '.') && t.chars().count() <= 3
    };
    // Persons named in full (a given name or an initial first), by surname.
    let mut full_by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        let c = core(&g.words);
        if c >= 2
            && g.votes.best() == Kind::Person
            && (names::is_given_name(&g.words[0]) || is_initial(&g.words[0]))
        {
            full_by_surname
                .entry(key_of(&g.words[c - 1..c]))
                .or_default()
                .push(i);
        }
    }
    // Other forms of one full name: an epithet before its surname
    // ("Leatherneck Shoup"), a pet form of its given name ("Jack" for
    // "John F. Kennedy"), the surname in the plural ("the Krogers").
    let mut alias_of: HashMap<usize, usize> = HashMap::new();
    // Pet forms first, so that an epithet finds one full name left.
    let epithet_last = |i: usize| {
        let g = &groups[i];
        g.words.len() == 2 && !names::is_given_name(&g.words[0]) && !is_initial(&g.words[0])
    };
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&i| epithet_last(i));
    for i in order {
        let g = &groups[i];
        let n = g.words.len();
        let target = if n == 2 && g.votes.best() == Kind::Person {
            let first = &g.words[0];
            let owners: Vec<usize> = full_by_surname
                .get(&key_of(&g.words[1..]))
                .map(|v| {
                    v.iter()
                        .copied()
                        .filter(|&o| o != i && !alias_of.contains_key(&o))
                        .collect()
                })
                .unwrap_or_default();
            if epithet_last(i) {
                owners
            } else {
                owners
                    .into_iter()
                    .filter(|&o| {
                        groups[o].words.len() > 2
                            && names::same_given_name(first, &groups[o].words[0])
                    })
                    .collect()
            }
        } else if n == 1 && !g.acronym {
            g.words[0]
                .strip_suffix('s')
                .filter(|stem| stem.chars().count() >= 3)
                .and_then(|stem| full_by_surname.get(&key_of(&[stem.to_string()])))
                .cloned()
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        // "Acme Foods of Texas" for "Acme Foods".
        let target = match g.words.iter().position(|w| w == "of") {
            Some(p)
                if target.is_empty()
                    && p >= 1
                    && p + 1 < n
                    && names::is_place(&g.words[p + 1..].join(" ")) =>
            {
                by_key
                    .get(&key_of(&g.words[..p]))
                    .copied()
                    .filter(|&o| o != i && groups[o].votes.best() == Kind::Organisation)
                    .into_iter()
                    .collect()
            }
            _ => target,
        };
        // "City of Atlanta" for "Atlanta".
        let target = if target.is_empty()
            && n >= 3
            && g.words[1] == "of"
            && names::is_place_word(&g.words[0])
            && g.words[2..].iter().all(|w| capitalised(w))
        {
            by_key
                .get(&key_of(&g.words[2..]))
                .copied()
                .filter(|&o| o != i)
                .into_iter()
                .collect()
        } else {
            target
        };
        if let [o] = target[..] {
            alias_of.insert(i, o);
        }
    }
    // A short form belongs to the one name that ends in it; where two
    // names claim it and one ends in the other ("Order of the Golden Dawn"
    // and "Hermetic Order of the Golden Dawn"), to the longer, which the
    // shorter joins as well.
    let claim_suffix = |owners: &mut HashMap<String, Option<usize>>, key: String, i: usize| {
        let e = owners.entry(key).or_insert(Some(i));
        if let Some(o) = *e {
            if o != i {
                let (a, b) = (&groups[o].words, &groups[i].words);
                // "Luis de Miranda" ends in "De Miranda" whatever the case.
                let ends = |a: &[String], b: &[String]| {
                    a.len() >= b.len() && key_of(&a[a.len() - b.len()..]) == key_of(b)
                };
                *e = if ends(a, b) {
                    Some(o)
                } else if ends(b, a) {
                    Some(i)
                } else {
                    None
                };
            }
        }
    };
    for (i, g) in groups.iter().enumerate() {
        if alias_of.contains_key(&i) {
            continue;
        }
        let n = g.words.len();
        let best = g.votes.best();
        if (2..=8).contains(&n) && best == Kind::Organisation {
            // "National Security Council" in "White House National Security
            // Council"; "Congress" in "US Congress".
            // "Yankees" in "New York Yankees": after a place's name, the
            // last word alone is a short form too.
            let place_prefix = names::is_place(&g.words[0])
                || names::is_country_abbreviation(&g.words[0])
                || (2..n).any(|k| names::is_place(&g.words[..k].join(" ")));
            let last_suffix = if place_prefix { n } else { n - 1 };
            for s in 1..last_suffix {
                // "Bank of Canada" is no short form of "Royal Bank of
                // Canada": a designator and its "of" make a whole name,
                // unless a place stands before it ("U.S. Department of
                // Justice").
                let whole = names::is_organisation_designator(&g.words[s])
                    && g.words.get(s + 1).is_some_and(|w| w == "of")
                    && !names::is_place(&g.words[..s].join(" "))
                    && !names::is_country_abbreviation(&g.words[..s].join(" "));
                if whole {
                    continue;
                }
                claim_suffix(&mut suffix_owner, key_of(&g.words[s..]), i);
            }
        }
        if (2..=6).contains(&n) && best == Kind::Person {
            // "Yoon" for "Yoon Suk Yeol": where the family name comes first,
            // the lone first word is the short form as well.
            // The given names of that order in romanisation: one hyphened
            // word ("Lee Jae-myung") or two short syllables ("Yoon Suk
            // Yeol", "Kim Jong Un").
            let syllables = |w: &String| w.chars().count() <= 5 && !names::is_given_name(w);
            let east_asian = match &g.words[..] {
                [family, given] => {
                    given.split_once('-').is_some_and(|(a, b)| {
                        capitalised(a) && b.chars().next().is_some_and(char::is_lowercase)
                    })
                    // "Xi Jinping", "Geng Shuang": a first word that is no
                    // given name the lists know, before one that is no
                    // surname.
                    || (!names::is_given_name(family)
                        && !names::is_common_english(family)
                        && !names::is_surname(given))
                }
                [_, a, b] => syllables(a) && syllables(b),
                _ => false,
            };
            let family_first = |w: &str| {
                !is_initial(w) && !names::is_title(w) && !names::is_place(w) && capitalised(w)
            };
            if let Some(first) = g
                .words
                .first()
                .filter(|w| names::is_given_name(w) || (east_asian && family_first(w)))
            {
                // "Eloise" for "Eloise Parry".
                let e = first_name_owner
                    .entry(key_of(std::slice::from_ref(first)))
                    .or_insert(Some(i));
                if *e != Some(i) {
                    *e = None;
                }
            }
            for s in 1..n {
                claim_suffix(&mut suffix_owner, key_of(&g.words[s..]), i);
            }
            // "Pfaff" for "William S. Pfaff Jr.".
            let c = core(&g.words);
            for s in 1..c.min(n - 1) {
                claim_suffix(&mut suffix_owner, key_of(&g.words[s..c]), i);
            }
        }
        if (2..=8).contains(&n) {
            // "Organization of Petroleum Exporting Countries" → "opec";
            // "US Patent and Trademark Office" → "uspto".
            let initials: String = g
                .words
                .iter()
                .filter(|w| capitalised(w))
                .map(|w| {
                    if all_caps(w) {
                        w.chars().filter(|c| c.is_alphabetic()).collect::<String>()
                    } else {
                        w.chars().take(1).collect()
                    }
                })
                .collect::<String>();
            // Letters as written: the variant folding would make "PPP" of
            // "People Power Party" one "p".
            let initials = initials.to_lowercase();
            if initials.chars().count() >= 2 {
                let e = initials_owner.entry(initials).or_insert(Some(i));
                if *e != Some(i) {
                    *e = None;
                }
            }
            // "Beverly Hilton" for "Beverly Hilton Hotel": a building's or
            // a body's name without its last word, unless that names a
            // place of its own ("Los Angeles" of "Los Angeles County").
            let base_is_name = n >= 3
                && matches!(best, Kind::Organisation | Kind::Place)
                && g.words.last().is_some_and(|w| {
                    names::is_place_word(w) || names::is_organisation_designator(w)
                })
                && !names::is_place(&g.words[..n - 1].join(" "));
            if base_is_name
                || g.words
                    .last()
                    .is_some_and(|w| names::is_droppable_designator(w))
            {
                let k = key_of(&g.words[..n - 1]);
                let e = base_owner.entry(k).or_insert(Some(i));
                if *e != Some(i) {
                    *e = None;
                }
            }
        }
    }
    // Teams named by a plural ("Orioles", "New York Yankees"), by the
    // singular of that word: the singular ("an Oriole pitcher") and a
    // clipped plural ("Yanks", "Cards") are short forms of the team. The
    // longest name that ends in the word owns it; two teams that share it
    // leave it to neither.
    let mut team_owner: HashMap<String, Option<usize>> = HashMap::new();
    let mut team_clips: HashMap<String, Option<usize>> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        let Some(last) = g.words.last() else {
            continue;
        };
        if g.acronym
            || g.votes.best() != Kind::Organisation
            || !capitalised(last)
            || names::is_organisation_designator(last)
            || names::is_place_word(last)
            || names::is_group_adjective(last)
        {
            continue;
        }
        let Some(singular) = last.strip_suffix('s').filter(|w| {
            w.chars().count() >= 3 && !w.ends_with('s') && w.chars().all(char::is_alphabetic)
        }) else {
            continue;
        };
        let claim = |map: &mut HashMap<String, Option<usize>>, key: String| {
            let e = map.entry(key).or_insert(Some(i));
            if let Some(o) = *e {
                let (a, b) = (&groups[o].words, &g.words);
                if !a.ends_with(b) {
                    *e = b.ends_with(a).then_some(i);
                }
            }
        };
        claim(&mut team_owner, key_of(&[singular.to_string()]));
        // "Yank" of "Yankee", "Card" of "Cardinal": clipped stems of four
        // letters or more.
        let letters: Vec<char> = singular.chars().collect();
        for cut in 4..letters.len() {
            let stem: String = letters[..cut].iter().collect();
            claim(&mut team_clips, key_of(&[stem]));
        }
    }
    let team_form = |g: &Group| -> Option<usize> {
        let [w] = &g.words[..] else {
            return None;
        };
        if g.acronym || !capitalised(w) {
            return None;
        }
        team_owner
            .get(&key_of(std::slice::from_ref(w)))
            .copied()
            .flatten()
            .or_else(|| {
                w.strip_suffix('s')
                    .and_then(|stem| team_clips.get(&key_of(&[stem.to_string()])))
                    .copied()
                    .flatten()
            })
    };
    for i in 0..groups.len() {
        let (key, acronym, single) = {
            let g = &groups[i];
            (key_of(&g.words), g.acronym, g.words.len())
        };
        let owner = alias_of
            .get(&i)
            .copied()
            .or_else(|| suffix_owner.get(&key).copied().flatten())
            .filter(|_| single < 6)
            .or_else(|| {
                if acronym {
                    let letters: String = groups[i]
                        .words
                        .concat()
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .flat_map(char::to_lowercase)
                        .collect();
                    initials_owner.get(&letters).copied().flatten()
                } else {
                    None
                }
            })
            .or_else(|| base_owner.get(&key).copied().flatten())
            .or_else(|| {
                if single != 1 {
                    return None;
                }
                first_name_owner.get(&key).copied().flatten().or_else(|| {
                    // "Frankie", "Billy", "Johnny": a pet form by suffix of
                    // the one full name's given name.
                    let w = groups[i].words.first()?;
                    let stem = w.strip_suffix("ie").or_else(|| w.strip_suffix('y'))?;
                    let mut cs: Vec<char> = stem.chars().collect();
                    let found = |cs: &[char]| {
                        let s: String = cs.iter().collect();
                        (cs.len() >= 3)
                            .then(|| first_name_owner.get(&key_of(&[s])).copied().flatten())
                            .flatten()
                    };
                    found(&cs).or_else(|| {
                        // "Johnny": the doubled consonant goes too.
                        let n = cs.len();
                        (n >= 2 && cs[n - 1] == cs[n - 2]).then(|| {
                            cs.pop();
                            found(&cs)
                        })?
                    })
                })
            })
            .or_else(|| team_form(&groups[i]));
        if let Some(o) = owner.filter(|&o| o != i && !groups[o].gone) {
            let moved = std::mem::take(&mut groups[i]);
            groups[i].gone = true;
            if let Some(target) = groups.get_mut(o) {
                for v in moved.variants {
                    if !target.variants.contains(&v) {
                        target.variants.push(v);
                    }
                }
                target.mentions.extend(moved.mentions);
                // A short form's own votes count less than the full name's;
                // a surname that is also a town's name ("Palmer" of "Arnold
                // Palmer") brings its person's votes only.
                if !moved.acronym && target.votes.best() == Kind::Person && single == 1 {
                    target.votes.person += moved.votes.person;
                } else if !moved.acronym {
                    let mut v = moved.votes;
                    v.organisation /= 2;
                    v.place /= 2;
                    v.event /= 2;
                    target.votes.merge(v);
                }
            }
        }
    }
    // A surname that more than one person of the text bears stays apart,
    // but is a person all the same.
    let surnames: HashSet<String> = groups
        .iter()
        .filter(|g| !g.gone && g.words.len() >= 2 && g.votes.best() == Kind::Person)
        .filter_map(|g| g.words.last().map(|w| key_of(std::slice::from_ref(w))))
        .collect();
    // A lone surname two persons of the text bear ("Monroe" beside "J.
    // Hampton Monroe" and "Walter D. Monroe Jr.") names neither for sure.
    let mut bearers: HashMap<String, usize> = HashMap::new();
    for g in groups
        .iter()
        .filter(|g| !g.gone && g.votes.best() == Kind::Person)
    {
        let c = core(&g.words);
        if c >= 2 {
            *bearers.entry(key_of(&g.words[c - 1..c])).or_default() += 1;
        }
    }
    for g in groups.iter_mut().filter(|g| !g.gone && g.words.len() == 1) {
        if bearers.get(&key_of(&g.words)).is_some_and(|&b| b >= 2) {
            g.gone = true;
        } else if surnames.contains(&key_of(&g.words)) {
            g.votes.person = g.votes.person.max(g.votes.organisation + g.votes.place + 1);
        }
    }
    coordinated_kinds(ctx, &mut groups);
    let mut out: Vec<(Candidate, Vec<String>)> = Vec::new();
    for g in groups
        .into_iter()
        .filter(|g| !g.gone && !g.variants.is_empty())
        // A given name alone, never with a surname: once, a first name
        // whose person the text named otherwise; again and again ("Apple",
        // "Sony", "Harvard"), a name of its own.
        .filter(|g| !(g.bare_given && g.mentions.len() < 2))
        // A common word capitalised once ("Asthma", "Processing") is too
        // weak; capitalised again and again ("Yahoo", "Apple") it names.
        .filter(|g| !(g.weak_word && g.mentions.len() < 2))
    {
        if g.variants.iter().any(|v| known(v)) {
            continue;
        }
        let name = best_name(&g.variants);
        if known(&name) {
            continue;
        }
        let mut mentions = g.mentions.clone();
        mentions.sort_unstable();
        mentions.dedup();
        let features = features(ctx, &g, &mentions);
        let v = g.votes;
        // "the Dallas investment community": a place the lists know keeps
        // its kind when a cue for a body only ties with it.
        let kind = if v.place > 0
            && v.place >= v.organisation.max(v.person).max(v.event).max(v.other)
            && g.variants.iter().any(|n| names::is_place(n))
        {
            Kind::Place
        } else {
            v.best()
        };
        out.push((
            Candidate {
                name,
                kind,
                mentions,
                variants: g.variants,
            },
            features,
        ));
    }
    out.sort_by(|(a, _), (b, _)| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then_with(|| a.mentions.first().cmp(&b.mentions.first()))
    });
    out
}

/// "Muskoka and Haliburton", "Gogol, Petipa and Fokine": a lone name with
/// no evidence of its own (the default kind) listed beside names whose kind
/// has evidence takes their kind when they agree. Two rounds, so that a
/// name between two defaults and a known one is reached too.
fn coordinated_kinds(ctx: &Ctx<'_>, groups: &mut [Group]) {
    let is_default = |g: &Group| g.votes.total() <= 1;
    // Each mention's span, with its group, in text order.
    let mut spans: Vec<(usize, usize, usize)> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| !g.gone)
        .flat_map(|(i, g)| g.mentions.iter().map(move |&(a, b)| (a, b, i)))
        .collect();
    spans.sort_unstable();
    spans.dedup();
    // Only a comma, "and", "or" or ", and" between two names lists them.
    let listed = |end: usize, start: usize| -> bool {
        if end >= start || start - end > 8 {
            return false;
        }
        let gap: String = ctx.chars[end..start].iter().collect();
        let words: Vec<&str> = gap
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        let comma = gap.trim() == ",";
        comma || (words.len() == 1 && matches!(words[0], "and" | "or") && !gap.contains(';'))
    };
    // A neighbour's kind counts when it has evidence, or when its one word
    // is in a list (a known surname or place).
    let listed_evidence = |n: &Group| {
        !is_default(n)
            || (n.words.len() == 1
                && !n.bare_given
                && (names::is_surname(&n.words[0]) || names::is_place(&n.words[0])))
    };
    for _ in 0..2 {
        let mut assign: Vec<(usize, Kind)> = Vec::new();
        for (i, g) in groups.iter().enumerate() {
            if g.gone || g.words.len() != 1 || g.acronym || !is_default(g) {
                continue;
            }
            let mut kinds: Vec<Kind> = Vec::new();
            for &(a, b) in &g.mentions {
                let Ok(at) = spans.binary_search_by(|s| (s.0, s.1).cmp(&(a, b))) else {
                    continue;
                };
                let before = at.checked_sub(1).and_then(|p| spans.get(p));
                let after = spans.get(at + 1);
                for (n, near) in [(before, true), (after, false)] {
                    let Some(&(na, nb, ni)) = n else { continue };
                    let joined = if near { listed(nb, a) } else { listed(b, na) };
                    if joined && ni != i && listed_evidence(&groups[ni]) {
                        kinds.push(groups[ni].votes.best());
                    }
                }
            }
            if let Some(&k) = kinds.first() {
                if kinds.iter().all(|&o| o == k)
                    && matches!(k, Kind::Person | Kind::Place | Kind::Organisation)
                {
                    assign.push((i, k));
                }
            }
        }
        if assign.is_empty() {
            break;
        }
        for (i, k) in assign {
            groups[i].votes.add(k, 2);
        }
    }
}

/// A word's shape: capitals `X`, small letters `x`, digits `d`, other
/// characters as written, runs collapsed ("McNair" → "XxXx", "J." → "X.").
fn shape(w: &str) -> String {
    let mut out = String::new();
    for c in w.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if !out.ends_with(s) {
            out.push(s);
        }
    }
    out
}

/// The features the trained filter ([`crate::tagger`]) judges a candidate
/// by: the rules' evidence, the name's size and shape, the lists its words
/// are in, where and between which words it is written, and whether the
/// text writes its words in lower case. Never the candidate's own words.
fn features(ctx: &Ctx<'_>, g: &Group, mentions: &[(usize, usize)]) -> Vec<String> {
    let mut f: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let rk = g.votes.best().as_str();
    f.insert("bias".into());
    f.insert(format!("rk:{rk}"));
    let v = g.votes;
    let mut strengths = [v.person, v.organisation, v.place, v.event, v.other];
    for (name, x) in ["person", "organisation", "place", "event", "other"]
        .iter()
        .zip(strengths)
    {
        if x > 0 {
            f.insert(format!("v:{name}:{}", x.min(6)));
        }
    }
    strengths.sort_unstable();
    let (top, second) = (strengths[4], strengths[3]);
    f.insert(format!("vt:{}", top.min(6)));
    f.insert(format!("vm:{}", (top - second).min(4)));
    f.insert(format!("rk:{rk}&vt:{}", top.min(6)));
    if g.acronym {
        f.insert("acronym".into());
    }
    if g.weak_word {
        f.insert("weak_word".into());
    }
    if g.sure {
        f.insert(crate::tagger::SURE.into());
    }
    let nw = g.words.len().min(5);
    let nm = mentions.len().min(4);
    f.insert(format!("nw:{nw}"));
    f.insert(format!("nm:{nm}"));
    f.insert(format!("nv:{}", g.variants.len().min(3)));
    f.insert(format!("rk:{rk}&nw:{nw}"));
    f.insert(format!("rk:{rk}&nm:{nm}"));
    // Where the mentions are written, and between which words.
    let toks = ctx.toks;
    let mut mid = 0;
    let mut headline = 0;
    for &(s, e) in mentions {
        let a = toks.partition_point(|t| t.start < s);
        let b = toks.partition_point(|t| t.start < e);
        let (Some(first), Some(last)) = (toks.get(a), b.checked_sub(1).and_then(|b| toks.get(b)))
        else {
            continue;
        };
        if first.headline {
            headline += 1;
        } else if first.initial {
            f.insert("pos:initial".into());
            if first.quote_open {
                f.insert("pos:quote".into());
            }
            if first.para_start {
                f.insert("pos:para_start".into());
            }
        } else {
            mid += 1;
        }
        if first.sentence_before || a == 0 {
            f.insert("prev:<s>".into());
        } else if let Some(p) = toks.get(a - 1) {
            if first.broken_before {
                f.insert("prev:punct".into());
            } else if p.cap {
                if names::is_title(&p.text) {
                    f.insert("prev:title".into());
                } else {
                    f.insert("prev:Cap".into());
                }
            } else if p.text.chars().count() <= 12 && p.text.chars().all(char::is_alphabetic) {
                f.insert(format!("prev:{}", p.text.to_lowercase()));
            } else {
                f.insert("prev:other".into());
            }
        }
        if last.possessive {
            f.insert("next:'s".into());
        }
        if last.comma_after {
            f.insert("next:,".into());
        } else if last.quote_close {
            f.insert("next:quote".into());
        } else if let Some(n) = toks.get(b) {
            if n.sentence_before {
                f.insert("next:</s>".into());
            } else if n.broken_before {
                f.insert("next:punct".into());
            } else if n.cap {
                f.insert("next:Cap".into());
            } else if n.text.chars().count() <= 12 && n.text.chars().all(char::is_alphabetic) {
                f.insert(format!("next:{}", n.text.to_lowercase()));
            } else {
                f.insert("next:other".into());
            }
        } else {
            f.insert("next:</s>".into());
        }
    }
    f.insert(format!("mid:{}", mid.min(3)));
    if mid == 0 {
        f.insert(format!("rk:{rk}&mid:0"));
    }
    if headline > 0 {
        f.insert("pos:headline".into());
        if mid == 0 {
            f.insert("pos:headline_only".into());
        }
    }
    // The lists the words are in.
    let words = &g.words;
    if let (Some(w0), Some(wl)) = (words.first(), words.last()) {
        type Check = (&'static str, fn(&str) -> bool);
        let checks: [Check; 14] = [
            ("given", names::is_given_name),
            ("lastname", names::is_surname),
            ("title", names::is_title),
            ("place", names::is_place),
            ("common", names::is_common_english),
            ("commonword", names::is_common_word),
            ("desig", names::is_organisation_designator),
            ("legal", names::is_legal_suffix),
            ("placeword", names::is_place_word),
            ("eventword", names::is_event_word),
            ("surname", names::has_surname_shape),
            ("demonym", names::is_demonym),
            ("direction", names::is_direction_word),
            ("generational", names::is_generational_suffix),
        ];
        for (label, check) in checks {
            if check(w0) {
                f.insert(format!("w0:{label}"));
            }
            if words.len() > 1 && check(wl) {
                f.insert(format!("wl:{label}"));
            }
            if words.len() > 2 && words[1..words.len() - 1].iter().any(|w| check(w)) {
                f.insert(format!("wmid:{label}"));
            }
        }
        let whole = words.join(" ");
        if words.len() > 1 && names::is_place(&whole) {
            f.insert("all:place".into());
        }
        if names::is_holiday(&whole) {
            f.insert("all:holiday".into());
        }
        let caps: Vec<&String> = words.iter().filter(|w| capitalised(w)).collect();
        if !caps.is_empty() && caps.iter().all(|w| names::is_common_english(w)) {
            f.insert("all:common".into());
        }
        let lower = caps
            .iter()
            .filter(|w| ctx.lowercase.contains(&w.to_lowercase()))
            .count();
        if lower > 0 {
            f.insert(
                if lower == caps.len() {
                    "lc:all"
                } else {
                    "lc:some"
                }
                .into(),
            );
        }
        let proven = caps
            .iter()
            .filter(|w| {
                ctx.mid_sentence
                    .contains(crate::variants::variant_key(w).as_ref())
            })
            .count();
        f.insert(
            match proven {
                0 => "ms:none",
                p if p == caps.len() => "ms:all",
                _ => "ms:some",
            }
            .into(),
        );
        // Shapes and endings (no word itself).
        let shapes: Vec<String> = words.iter().take(4).map(|w| shape(w)).collect();
        f.insert(format!("shape:{}", shapes.join(" ")));
        for s in &shapes {
            f.insert(format!("wshape:{s}"));
        }
        let last: Vec<char> = wl.to_lowercase().chars().collect();
        if last.len() >= 5 {
            f.insert(format!(
                "suf3:{}",
                last[last.len() - 3..].iter().collect::<String>()
            ));
            f.insert(format!(
                "suf2:{}",
                last[last.len() - 2..].iter().collect::<String>()
            ));
        }
    }
    f.into_iter().collect()
}

impl Default for Group {
    fn default() -> Self {
        Group {
            variants: Vec::new(),
            mentions: Vec::new(),
            votes: Votes::default(),
            words: Vec::new(),
            acronym: false,
            bare_given: false,
            weak_word: false,
            sure: false,
            gone: true,
        }
    }
}

/// The fullest spelling: most words, then not all capitals (a dateline's
/// "LONDON" is "London"), then the first seen.
fn best_name(variants: &[String]) -> String {
    variants
        .iter()
        .enumerate()
        .max_by_key(|(i, v)| {
            let words = v.split(' ').count();
            let shouting = all_caps(v);
            (words.min(8), !shouting, usize::MAX - i)
        })
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_reads_back_from_its_name() {
        for k in [
            Kind::Person,
            Kind::Organisation,
            Kind::Place,
            Kind::Event,
            Kind::Date,
            Kind::Other,
        ] {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        assert_eq!(Kind::parse("Person"), None);
    }

    fn rule_names_of(text: &str) -> Vec<(String, Kind)> {
        suggest_with_features(text, &|_| false)
            .into_iter()
            .map(|(c, _)| (c.name, c.kind))
            .collect()
    }

    fn names_of(text: &str) -> Vec<(String, Kind)> {
        suggest_names(text, &|_| false)
            .into_iter()
            .map(|c| (c.name, c.kind))
            .collect()
    }

    #[test]
    fn and_the_after_a_name_with_of_opens_another_name() {
        let got = names_of(
            "He toured the Museum of Glass Art and the Bank of Quorland, then the Department of Health and Human Services.",
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"Museum of Glass Art"), "{got:?}");
        assert!(names.contains(&"Bank of Quorland"), "{got:?}");
        assert!(
            names.contains(&"Department of Health and Human Services"),
            "{got:?}"
        );
    }

    #[test]
    fn an_acronym_of_repeated_initials_joins_its_name() {
        let got = suggest_names(
            "Members of the Farmers Food Forum walked out on Monday. The FFF said it would return, and FFF delegates met in Lyon.",
            &|_| false,
        );
        let forum = got
            .iter()
            .find(|c| c.name == "Farmers Food Forum")
            .unwrap_or_else(|| panic!("{got:?}"));
        assert!(forum.variants.iter().any(|v| v == "FFF"), "{got:?}");
        assert_eq!(forum.mentions.len(), 3, "{got:?}");
        assert!(!got.iter().any(|c| c.name == "FFF"), "{got:?}");
    }

    #[test]
    fn a_family_name_first_is_the_short_form_of_its_person() {
        let got = suggest_names(
            "On Monday, Prime Minister Jeon Min-jun met Choi Seo Yeon in Busan. The talks went well, Jeon said, and Choi agreed.",
            &|_| false,
        );
        for (full, short) in [("Jeon Min-jun", "Jeon"), ("Choi Seo Yeon", "Choi")] {
            let c = got
                .iter()
                .find(|c| c.name == full)
                .unwrap_or_else(|| panic!("{full}: {got:?}"));
            assert_eq!(c.kind, Kind::Person, "{got:?}");
            assert!(c.variants.iter().any(|v| v == short), "{got:?}");
            assert!(!got.iter().any(|c| c.name == short), "{got:?}");
        }
    }

    /// Constructions read from news the rules had not seen; the sentences
    /// are made up for the test.
    #[test]
    fn an_article_or_a_sentence_start_ends_a_name() {
        let got = names_of(
            "The parcels went to Tallinn A courier took them. Delegates met at the U.N. Meanwhile the talks in Vienna stalled.",
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"Tallinn"), "{got:?}");
        assert!(!names.iter().any(|n| n.contains("Tallinn A")), "{got:?}");
        assert!(!names.iter().any(|n| n.contains("Meanwhile")), "{got:?}");
    }

    /// A run whose last word was written earlier in it holds two names
    /// (made-up people): an obituary's headword in initials before the
    /// name written out gives the written-out name alone; a word doubled
    /// by a subhead gives the word; a known place ("Walla Walla") stays.
    #[test]
    fn a_run_that_repeats_its_last_word_holds_two_names() {
        let got = names_of(
            "R. T. Quorm Rasmus T. Quorm, 81, died Monday at his home.              He leaves a brother, Ivo Quorm.

             First, Tessaly Tessaly will be her first stop on the tour.              She spoke later in Walla Walla to friends.",
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"Rasmus T. Quorm"), "{got:?}");
        assert!(!names.contains(&"R. T. Quorm"), "{got:?}");
        assert!(names.contains(&"Walla Walla"), "{got:?}");
        // The rules cut "Tessaly Tessaly" into one name; a made-up town with
        // no other evidence is the trained filter's to keep or drop.
        let rules = suggest_with_features(
            "First, Tessaly Tessaly will be her first stop on the tour.",
            &|_| false,
        );
        assert!(rules.iter().any(|(c, _)| c.name == "Tessaly"), "{rules:?}");
    }

    /// A designator in lower case after a name ends it (made-up bodies):
    /// "the Quorlan Fencing club"; not after a known place ("a Paris
    /// company"), an acronym ("the QFA committee") or a named body ("a
    /// Varnish League club").
    #[test]
    fn a_lower_case_designator_ends_a_name() {
        // The rules' candidates: made-up names, whatever the trained
        // filter scores them.
        let got = rule_names_of(
            "Dr. Ilse Varrow spoke at the Quorlan Fencing club on Friday.              She joined a Paris company later. The QFA committee met.              Tobbin went to a Varnish League club. The Oskel Water district voted.",
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"Quorlan Fencing club"), "{got:?}");
        assert!(names.contains(&"Oskel Water district"), "{got:?}");
        assert!(names.contains(&"Paris"), "{got:?}");
        assert!(names.contains(&"QFA"), "{got:?}");
        assert!(names.contains(&"Varnish League"), "{got:?}");
        assert!(
            !names
                .iter()
                .any(|n| n.ends_with("company") || n.ends_with("committee")),
            "{got:?}"
        );
        assert!(!names.contains(&"Varnish League club"), "{got:?}");
    }

    /// "St." before a capitalised word is "Saint" (made-up places): it
    /// opens the name and ends no sentence; a saint's possessive stays
    /// inside the name of a church or a feast; "Main St." stays a street.
    #[test]
    fn saint_opens_a_name() {
        let got = names_of(
            "The squad flew home from St. Varnaby on Friday. \
             Players of St. Orlan University met at St. Ebbo's Church. \
             A colt won the St. Quillan's Day Purse. Shops on Tarrow St. Opened late.",
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        for want in [
            "St. Varnaby",
            "St. Orlan University",
            "St. Ebbo's Church",
            "St. Quillan's Day Purse",
        ] {
            assert!(names.contains(&want), "{want} not in {got:?}");
        }
        for bad in [
            "Varnaby",
            "Orlan University",
            "St. Ebbo",
            "Ebbo",
            "Day Purse",
        ] {
            assert!(!names.contains(&bad), "{bad} in {got:?}");
        }
        assert!(!names.iter().any(|n| n.contains("Opened")), "{got:?}");
    }

    /// A team named by a plural (made-up teams): its singular and a
    /// clipped plural join it, also through a short form of the team's
    /// full name; two teams that share the word keep it apart.
    #[test]
    fn a_team_s_singular_and_clipped_forms_join_it() {
        let got = suggest_names(
            "The Marlow Quorlans beat the Ostend Comets 3-1 on Sunday. \
             Fans said the Quorlans led early, and a Quorlan pitcher, Tom Vasko, \
             struck out nine. The Quors travel next. A Comet fan booed.",
            &|_| false,
        );
        let team = got.iter().find(|c| c.name == "Marlow Quorlans");
        let team = team.unwrap_or_else(|| panic!("{got:?}"));
        assert_eq!(team.kind, Kind::Organisation, "{got:?}");
        for v in ["Quorlans", "Quorlan", "Quors"] {
            assert!(team.variants.iter().any(|x| x == v), "{v}: {got:?}");
        }
        let names: Vec<&str> = got.iter().map(|c| c.name.as_str()).collect();
        assert!(!names.contains(&"Quorlan"), "{got:?}");
        assert!(!names.contains(&"Comet"), "{got:?}");
        let shared = suggest_names(
            "The Lowell Brontals and the Bexley Brontals met. A Brontal pitcher won.",
            &|_| false,
        );
        assert!(
            shared
                .iter()
                .filter(|c| c.name.ends_with("Brontals"))
                .count()
                == 2
                && !shared
                    .iter()
                    .any(|c| c.name.ends_with("Brontals") && c.variants.len() > 1),
            "{shared:?}"
        );
    }

    /// A list of names that a paragraph break cut (made-up names): a line
    /// that opens with a comma or with "and" goes on with the sentence, and
    /// its capitals are no headline's.
    #[test]
    fn a_line_that_goes_on_with_a_sentence_is_no_headline() {
        let got = names_of(
            "The club fielded these hitters\n\n, Ned Tolver, Dov Reekard\n\nand Gus Pellimore\n\nAll of them played.",
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        for want in ["Ned Tolver", "Dov Reekard", "Gus Pellimore"] {
            assert!(names.contains(&want), "{want} not in {got:?}");
        }
    }

    /// The plural of a body's designator names a federation (made-up
    /// bodies); a plain plural ("Projects") does not make "and" join.
    #[test]
    fn a_plural_body_designator_ends_a_name() {
        let got = names_of(
            "She chairs the Vantor Lung and Heart Associations and backs the \
             Girls Clubs of Noravia. Then Pell and Quint Projects left.",
        );
        let has = |n: &str| got.iter().any(|(x, k)| x == n && *k == Kind::Organisation);
        assert!(has("Vantor Lung and Heart Associations"), "{got:?}");
        assert!(has("Girls Clubs of Noravia"), "{got:?}");
        assert!(!got.iter().any(|(x, _)| x.contains("Pell and")), "{got:?}");
    }

    /// A capitalised conjunction after a name opens a clause (a glued
    /// subhead); a plural title stands before two names (made-up names).
    #[test]
    fn a_clause_word_ends_a_name_and_plural_titles_fall_off() {
        let got = names_of(
            "They lost to Varnell Tech Because of rain the game moved. \
             Speakers include Reps. Edna Vorlick and Al Quennard of Ohio.",
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"Varnell Tech"), "{got:?}");
        assert!(!names.iter().any(|n| n.contains("Because")), "{got:?}");
        assert!(names.contains(&"Edna Vorlick"), "{got:?}");
        assert!(!names.iter().any(|n| n.contains("Reps")), "{got:?}");
    }

    /// A pet form by suffix ("-ie", "-y", a doubled consonant) joins the
    /// one full name with that given name (made-up people).
    #[test]
    fn a_pet_form_by_suffix_joins_the_full_name() {
        let got = suggest_names(
            "Singer Frank Volzetti flew in. Later Frankie sang, and Johnny \
             clapped beside John Quarrender.",
            &|_| false,
        );
        let has = |name: &str, v: &str| {
            got.iter()
                .any(|c| c.name == name && c.variants.iter().any(|x| x == v))
        };
        assert!(has("Frank Volzetti", "Frankie"), "{got:?}");
        assert!(has("John Quarrender", "Johnny"), "{got:?}");
    }

    /// Inns, lounges, taverns and airlines are bodies (made-up names).
    #[test]
    fn inns_and_airlines_are_organisations() {
        let got = names_of("Guests left the Sunnel Inn and flew Marrick Airline home.");
        let org = |n: &str| got.contains(&(n.to_string(), Kind::Organisation));
        assert!(org("Sunnel Inn") && org("Marrick Airline"), "{got:?}");
    }

    /// Initials that spell a common word ("A.", "I.") stay in a name
    /// (made-up name).
    #[test]
    fn initials_that_spell_a_word_stay_in_the_name() {
        let got = names_of(
            "They came with Lee Vantor; J. A. W. Quimbly, the chairman, spoke. \
             Guests were Mrs. William A Trevelick and Mr. Pell.",
        );
        assert!(
            got.iter().any(|(n, _)| n == "William A Trevelick"),
            "{got:?}"
        );
        assert!(
            got.contains(&("J. A. W. Quimbly".to_string(), Kind::Person)),
            "{got:?}"
        );
    }

    #[test]
    fn capitalised_roles_before_a_name_fall_off() {
        let got = names_of(
            "The gala was staged by Singer-Songwriter Nina Varga and her friend, Cinemactor Paul Osei, in the old armory.",
        );
        assert!(
            got.contains(&("Nina Varga".to_string(), Kind::Person)),
            "{got:?}"
        );
        assert!(
            got.contains(&("Paul Osei".to_string(), Kind::Person)),
            "{got:?}"
        );
    }

    #[test]
    fn a_title_opening_a_sentence_leaves_no_plain_word() {
        let got = names_of(
            "Hollow Instinct and Paper Tale run at a smooth 60 frames. Critics praised both in Berlin.",
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(!names.contains(&"Instinct"), "{got:?}");
        assert!(names.contains(&"Berlin"), "{got:?}");
    }

    /// Cues from context and shape (made-up people and teams): a team after
    /// its town, no person after "the", a role noun or a surname's shape
    /// alone, acronyms that are no towns, a country's short form, titled
    /// names that "and" does not join, spaced initials, short forms.
    #[test]
    fn context_and_shape_set_names_and_kinds() {
        // The rules' candidates: made-up names, whatever the trained
        // filter scores them.
        let got = rule_names_of(
            "Fans of the Toledo Comets cheered when the Comets won. \
             Guests dined at the Crandall Harbor Hotel; the Crandall Harbor served fish. \
             A letter from Zabolotnov reached disarmament adviser McTavish on Monday. \
             Delegates at the U.N. spoke of the Congo and of Imperial Russia. \
             Sen. Harlan Pettibone of Ohio and Rep. Dora Quill of Iowa agreed. \
             They said Fall colours were late. Few U. S. Presidents came. \
             Dale Palmer won the cup, and Palmer smiled. It was so, said Manager Quorst. \
             First Lady Mirela Dovan wrote to the Inter-Andean Trade Council. \
             Gov. Ada Brisk met staff of the Bank of Ohio and Sen. Omar Tull.",
        );
        let has = |n: &str, k: Kind| got.contains(&(n.to_string(), k));
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(has("Toledo Comets", Kind::Organisation), "{got:?}");
        assert!(!names.contains(&"Comets"), "{got:?}");
        assert!(!names.contains(&"Crandall Harbor"), "{got:?}");
        assert!(has("Zabolotnov", Kind::Person), "{got:?}");
        assert!(has("McTavish", Kind::Person), "{got:?}");
        assert!(has("U.N.", Kind::Organisation), "{got:?}");
        assert!(has("Congo", Kind::Place), "{got:?}");
        assert!(has("Imperial Russia", Kind::Place), "{got:?}");
        assert!(has("Harlan Pettibone", Kind::Person), "{got:?}");
        assert!(has("Dora Quill", Kind::Person), "{got:?}");
        assert!(has("Iowa", Kind::Place), "{got:?}");
        assert!(
            !names
                .iter()
                .any(|n| n.contains("Pettibone of") || n.contains("Ohio and")),
            "{got:?}"
        );
        assert!(!names.contains(&"Fall"), "{got:?}");
        assert!(has("U. S.", Kind::Place), "{got:?}");
        assert!(has("Dale Palmer", Kind::Person), "{got:?}");
        assert!(!names.contains(&"Palmer"), "{got:?}");
        assert!(has("Quorst", Kind::Person), "{got:?}");
        assert!(!names.iter().any(|n| n.contains("Manager")), "{got:?}");
        assert!(has("Mirela Dovan", Kind::Person), "{got:?}");
        assert!(has("Ada Brisk", Kind::Person), "{got:?}");
        assert!(has("Omar Tull", Kind::Person), "{got:?}");
        assert!(has("Bank of Ohio", Kind::Organisation), "{got:?}");
        assert!(
            has("Inter-Andean Trade Council", Kind::Organisation),
            "{got:?}"
        );
    }

    #[test]
    fn a_known_place_outweighs_a_designator_in_it() {
        let got = names_of("Grain from the Soviet Union reached the port in March.");
        assert!(
            got.contains(&("Soviet Union".to_string(), Kind::Place)),
            "{got:?}"
        );
    }

    /// Newspaper conventions (made-up towns and people): a state's
    /// abbreviation after a town, a dateline in mixed case, initials, a
    /// party and a state before a name, feasts, bare titles, hotels.
    #[test]
    fn newspaper_conventions_set_names_and_kinds() {
        let got = names_of(
            "Fernvale, March 26 Heavy rains closed the mill of Brackton, Ill., on Tuesday. \
             Officials in Quillby, N. J., agreed. Loxley R. Brandwell and A. B. Corrigan \
             spoke at the Crandall Hotel before Christmas. Ohio Republican Harlan Pettibone \
             said the District Attorney had not called. Secrets of Britain's navy were sold.",
        );
        let has = |n: &str, k: Kind| got.contains(&(n.to_string(), k));
        for (n, k) in [
            ("Fernvale", Kind::Place),
            ("Brackton", Kind::Place),
            ("Quillby", Kind::Place),
            ("Loxley R. Brandwell", Kind::Person),
            ("A. B. Corrigan", Kind::Person),
            ("Crandall Hotel", Kind::Organisation),
            ("Harlan Pettibone", Kind::Person),
            ("Ohio", Kind::Place),
            ("Britain", Kind::Place),
        ] {
            assert!(has(n, k), "{n} as {k:?} not in {got:?}");
        }
        for bad in ["Heavy", "Ill.", "N. J.", "Christmas", "District Attorney"] {
            assert!(
                !got.iter().any(|(n, _)| n.contains(bad)),
                "{bad} in {got:?}"
            );
        }
    }

    /// Short forms of one person join the full name: a generational
    /// suffix is no surname, an epithet or a pet form before the surname
    /// and the plural name the same person; a surname two persons bear
    /// names neither. Names made up for the test.
    #[test]
    fn short_forms_join_their_full_name() {
        let got = suggest_names(
            "Appointment of William S. Trelawny Jr. was announced. Trelawny served in the \
             navy. Said Leatherneck Quarrington: \"We hold.\" John F. Quarrington spoke \
             later, and Jack Quarrington smiled. The Trelawnys left early. Mrs. Joan \
             Pellingham and Walter D. Pellingham came; Pellingham stayed.",
            &|_| false,
        );
        let of = |n: &str| {
            got.iter()
                .find(|c| c.name == n || c.variants.iter().any(|v| v == n))
        };
        let trelawny = of("William S. Trelawny Jr.").expect("full name");
        assert_eq!(trelawny.kind, Kind::Person, "{got:?}");
        for short in ["Trelawny", "Trelawnys"] {
            assert!(
                trelawny.variants.iter().any(|v| v == short),
                "{short}: {got:?}"
            );
        }
        let quarrington = of("John F. Quarrington").expect("full name");
        for short in ["Leatherneck Quarrington", "Jack Quarrington"] {
            assert!(
                quarrington.variants.iter().any(|v| v == short),
                "{short}: {got:?}"
            );
        }
        assert!(!got.iter().any(|c| c.name == "Pellingham"), "{got:?}");
        assert!(
            of("Joan Pellingham").is_some() && of("Walter D. Pellingham").is_some(),
            "{got:?}"
        );
    }

    /// Organisation shapes from newspaper text; names made up for the test.
    #[test]
    fn firms_clubs_and_acronyms_of_phrases() {
        let got = names_of(
            "He joined the firm of Brisby, Holcombe & Tarrant last year and left \
             Pellow & Dunning soon after. Dinner was at the Thicket of the Elms Club and \
             later at the Five Lanterns Club. Ushers met in the Stewards' Club. \
             \"Brisk Widgets SRL\" made the parts. The American Institute of Gilders \
             met. The county may run short of general relief money this year, the \
             only county reporting a shortfall in GR funds. \
             Mr. and Mrs. Guy Mullery of Quenby came. \
             Lanford -- Hundreds gathered at the mill.",
        );
        let has = |n: &str, k: Kind| got.contains(&(n.to_string(), k));
        for (n, k) in [
            ("Brisby, Holcombe & Tarrant", Kind::Organisation),
            ("Pellow & Dunning", Kind::Organisation),
            ("Thicket of the Elms Club", Kind::Organisation),
            ("Five Lanterns Club", Kind::Organisation),
            ("Stewards' Club", Kind::Organisation),
            ("Brisk Widgets SRL", Kind::Organisation),
            ("American Institute of Gilders", Kind::Organisation),
            ("Quenby", Kind::Place),
        ] {
            assert!(has(n, k), "{n} as {k:?} not in {got:?}");
        }
        for bad in [
            "GR",
            "Hundreds",
            "Holcombe & Tarrant",
            "Lanterns Club",
            "Widgets SRL",
        ] {
            assert!(!got.iter().any(|(n, _)| n == bad), "{bad} in {got:?}");
        }
    }

    /// Numbers in names of products and units; names made up for the test.
    #[test]
    fn numbers_end_names_and_model_words_are_none() {
        let got = names_of(
            "It plays more games than the Gamestation 4 Pro does. Old TVs lack it. \
             On the island, Strike Group 214, made up of Navy ships, sailed. \
             Titles like Turbo Rally 7 and others run well. The Larks 5, Owls 3.",
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        for good in ["Strike Group 214", "Turbo Rally 7"] {
            assert!(names.contains(&good), "{good} not in {got:?}");
        }
        for bad in ["Pro", "TVs", "Strike Group", "Larks 5"] {
            assert!(!names.contains(&bad), "{bad} in {got:?}");
        }
    }

    #[test]
    fn a_nickname_in_quotes_opens_a_name_and_a_title_word_can_be_a_surname() {
        let got = names_of(
            "The combo opens Tuesday. \"Skeet\" Valloway is back in town. \
             Pianists Leon Farrow and Stephen Bishop played.",
        );
        let has = |n: &str| got.iter().any(|(g, k)| g == n && *k == Kind::Person);
        assert!(
            has("\"Skeet\" Valloway") || has("Skeet Valloway"),
            "{got:?}"
        );
        assert!(has("Stephen Bishop"), "{got:?}");
    }

    #[test]
    fn a_nickname_in_brackets_stays_in_the_name() {
        let got = names_of("The record fell to George Herman (Bumpy) Gallimore of the Larks.");
        assert!(
            got.iter()
                .any(|(n, k)| n == "George Herman (Bumpy) Gallimore" && *k == Kind::Person),
            "{got:?}"
        );
        assert!(!got.iter().any(|(n, _)| n == "George Herman"), "{got:?}");
    }

    #[test]
    fn wrapped_organisation_is_one_name() {
        let text = "\"Prices will fall,\" said Daniel Yergin, director of Cambridge Energy\nResearch Associates, a consulting firm.";
        let got = names_of(text);
        assert!(
            got.contains(&(
                "Cambridge Energy Research Associates".to_string(),
                Kind::Organisation
            )),
            "{got:?}"
        );
        assert!(
            got.contains(&("Daniel Yergin".to_string(), Kind::Person)),
            "{got:?}"
        );
        assert!(
            !got.iter().any(|(n, _)| n == "Research Associates"),
            "{got:?}"
        );
    }

    #[test]
    fn headline_cased_title_suggests_nothing() {
        assert_eq!(names_of("Opec May Have To Meet To Firm Prices"), vec![]);
        assert_eq!(
            names_of("Analysts Expect Prices To Rise Again\n\nOil rose on Monday."),
            vec![]
        );
    }

    #[test]
    fn sentence_initial_common_words_are_not_names() {
        let got = names_of("Analysts said the talks failed. Traders sold. Officials in Harare declined to comment.");
        assert_eq!(got, vec![("Harare".to_string(), Kind::Place)]);
    }

    #[test]
    fn titles_designators_and_context_set_kinds() {
        let got = names_of(
            "The deal was signed by Mr Howard Keel in Lusaka. Shares of Zambezi Copper Corp rose, \
             said Anna Petrova, an analyst at Lusaka Securities. Mr Keel declined to comment.",
        );
        assert!(
            got.contains(&("Howard Keel".to_string(), Kind::Person)),
            "{got:?}"
        );
        assert!(
            got.contains(&("Lusaka".to_string(), Kind::Place)),
            "{got:?}"
        );
        assert!(
            got.contains(&("Zambezi Copper Corp".to_string(), Kind::Organisation)),
            "{got:?}"
        );
        assert!(
            got.contains(&("Anna Petrova".to_string(), Kind::Person)),
            "{got:?}"
        );
        assert!(
            !got.iter().any(|(n, _)| n == "Keel"),
            "a surname joins its person: {got:?}"
        );
    }

    #[test]
    fn possessives_fold_and_acronyms_join_their_names() {
        let text = "The Organization of Petroleum Exporting Countries met in Vienna. \
                    OPEC's ceiling held, and OPEC said so.";
        let c = suggest_names(text, &|_| false);
        let opec = c.iter().find(|c| c.variants.iter().any(|v| v == "OPEC"));
        let opec = opec.map(|c| (c.name.as_str(), c.kind, c.mentions.len()));
        assert_eq!(
            opec,
            Some((
                "Organization of Petroleum Exporting Countries",
                Kind::Organisation,
                3
            ))
        );
    }

    #[test]
    fn based_marks_a_place_and_known_names_are_left_out() {
        let text = "The Kuwait-based Gulf Investment Fund bought shares in Tallinn.";
        let got = names_of(text);
        assert!(
            got.contains(&("Kuwait".to_string(), Kind::Place)),
            "{got:?}"
        );
        let known = |n: &str| name_key(n) == "talin";
        let c = suggest_names(text, &known);
        assert!(!c.iter().any(|c| c.name == "Tallinn"), "{c:?}");
    }

    #[test]
    fn spans_are_character_offsets() {
        let text = "Über alles: Zoë Ångström met Kauri Bönisch in Zürich.";
        let chars: Vec<char> = text.chars().collect();
        for c in suggest_names(text, &|_| false) {
            for (s, e) in c.mentions {
                let got: String = chars[s..e].iter().collect();
                assert!(c.variants.contains(&got), "{got} not in {:?}", c.variants);
            }
        }
    }

    #[test]
    fn hostile_inputs_finish() {
        let long = "Aa ".repeat(50_000);
        let _ = suggest_names(&long, &|_| false);
        let digits = "9".repeat(10_000);
        assert!(suggest_names(&digits, &|_| false).is_empty());
        let quotes = "“".repeat(10_000) + "Zed Alpha";
        let _ = suggest_names(&quotes, &|_| false);
        let caps = "Abc Def ".repeat(10_000);
        let _ = suggest_names(&caps, &|_| false);
        // A paragraph of capitals and dashes (datelines) and one of
        // connectors between capitals: both linear.
        let shouting = "AB - ".repeat(40_000);
        let _ = suggest_names(&shouting, &|_| false);
        let connectors = "Bank of the ".repeat(10_000);
        let _ = suggest_names(&connectors, &|_| false);
        let one_line = "Zed Quorn said. ".repeat(10_000);
        let _ = suggest_names(&one_line, &|_| false);
    }

    /// The trained filter drops what the rules alone keep: a phrase of
    /// common words capitalised once mid-sentence whose words the text
    /// also writes in lower case ("Juvenile Delinquency", made up here like
    /// the rest) is no name, though the rules call it a person.
    #[test]
    fn trained_filter_drops_a_capitalised_common_phrase() {
        let text = "The council met on Monday. Harold Quimbly, the mayor, spoke first.\n\n\
            Quimbly said the town would study delinquency and the arts. He praised \
            Juvenile Delinquency over Fine Arts in his talk; juvenile delinquency and \
            the fine arts budget rose.\n\n\
            Quimbly thanked the staff for the work.";
        let rules: Vec<String> = suggest_with_features(text, &|_| false)
            .into_iter()
            .map(|(c, _)| c.name)
            .collect();
        let kept: Vec<String> = suggest_names(text, &|_| false)
            .into_iter()
            .map(|c| c.name)
            .collect();
        let phrase = "Juvenile Delinquency";
        assert!(rules.iter().any(|n| n == phrase), "rules: {rules:?}");
        assert!(!kept.iter().any(|n| n == phrase), "kept: {kept:?}");
        assert!(kept.iter().any(|n| n == "Harold Quimbly"), "kept: {kept:?}");
    }

    proptest::proptest! {
        #[test]
        fn any_text_no_panic_and_spans_in_bounds(text in "\\PC{0,300}") {
            let n = text.chars().count();
            for c in suggest_names(&text, &|_| false) {
                for (s, e) in c.mentions {
                    proptest::prop_assert!(s < e && e <= n);
                }
            }
        }

        #[test]
        fn name_like_text_no_panic(text in "([A-Z][a-z]{0,6}|of|the|Mr\\.|U\\.S\\.|[,.’'\\-\\n ]){0,60}") {
            let n = text.chars().count();
            for c in suggest_names(&text, &|_| false) {
                for (s, e) in c.mentions {
                    proptest::prop_assert!(s < e && e <= n);
                }
            }
        }
    }

    #[test]
    fn connectors_inside_names_and_the_article_of_titles() {
        // The rules' candidates: what joins is theirs to decide, whatever
        // the trained filter scores a made-up title.
        let got = rule_names_of(
            "Critics at The Velvet Ledger praised the film. \
             Tomas Merle joined the Silent Order of the Brass Lantern in 1890, \
             and early members of the Brass Lantern met in Leeds. \
             The archive of Henri Court de Vermaunt was sold. \
             Volunteers of Fundación Arroyo y Campos built a school. \
             Fans saw Return of the Iron Wizards and Dawn of the Pale Riders.",
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        // A capital "The" in mid-sentence opens the title.
        assert!(names.contains(&"The Velvet Ledger"), "{got:?}");
        assert!(!names.contains(&"Velvet Ledger"), "{got:?}");
        // "of the" inside an order's name; its tail is a short form.
        assert!(
            names.contains(&"Silent Order of the Brass Lantern"),
            "{got:?}"
        );
        assert!(!names.contains(&"Brass Lantern"), "{got:?}");
        // A particle after a given name and a designator's word.
        assert!(
            got.contains(&("Henri Court de Vermaunt".to_string(), Kind::Person)),
            "{got:?}"
        );
        // The conjunction of another language.
        assert!(names.contains(&"Fundación Arroyo y Campos"), "{got:?}");
        // A plain word before "of the" heads a title; "and" before a
        // second such name splits the two.
        assert!(names.contains(&"Return of the Iron Wizards"), "{got:?}");
        assert!(names.contains(&"Dawn of the Pale Riders"), "{got:?}");
        assert!(!names.iter().any(|n| n.contains(" and ")), "{got:?}");
    }

    #[test]
    fn brands_titles_and_surnames_that_look_like_peoples() {
        let got = rule_names_of(
            "The film is on Amazon Prime and iTunes, and sellers on eBay list mRNA kits. \
             It stars Kumail Nanjiani, who read the Oren Halvick novel twice. \
             Fans have waited for a new cut of A Quiet Lantern since 1977. \
             Crowds saw the Dunmore Century of Progress Exposition.",
        );
        let has = |n: &str, k: Kind| got.contains(&(n.to_string(), k));
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"Amazon Prime"), "{got:?}");
        assert!(names.contains(&"iTunes"), "{got:?}");
        assert!(names.contains(&"eBay"), "{got:?}");
        assert!(!names.contains(&"mRNA"), "{got:?}");
        // "Nanjiani" looks like a people's adjective (a county "Nanjian").
        assert!(has("Kumail Nanjiani", Kind::Person), "{got:?}");
        assert!(has("Oren Halvick", Kind::Person), "{got:?}");
        assert!(has("A Quiet Lantern", Kind::Other), "{got:?}");
        assert!(
            has("Dunmore Century of Progress Exposition", Kind::Event),
            "{got:?}"
        );
    }

    #[test]
    fn chambers_after_the_and_compass_points() {
        let got = names_of(
            "The bill passed the House on Tuesday, and the Legislature adjourned. \
             House prices rose. The office is at 1200 NW Flanders in Portland.",
        );
        let has = |n: &str, k: Kind| got.contains(&(n.to_string(), k));
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(has("House", Kind::Organisation), "{got:?}");
        assert!(has("Legislature", Kind::Organisation), "{got:?}");
        assert!(!names.contains(&"NW"), "{got:?}");
        assert!(has("Portland", Kind::Place), "{got:?}");
    }

    #[test]
    fn wire_copy_mastheads_bylines_and_sites() {
        let got = rule_names_of(
            "The Harbor Daily Tribune\n\
             March 3, 2002\n\
             Ferry Operators Brace for a Long Winter on the Sound\n\
             By MARTA V. KELLERMAN and OSKAR LINDQVIST\n\
             \n\
             Ferry operators on the Sound said on Monday that revenue in Q1 and\n\
             Q2 fell. The Freedom of Information Act was cited by the House and\n\
             Senate, and the figures were posted on harborferries.com for all.\n",
        );
        let has = |n: &str, k: Kind| got.contains(&(n.to_string(), k));
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(
            has("The Harbor Daily Tribune", Kind::Organisation),
            "{got:?}"
        );
        assert!(has("Marta V. Kellerman", Kind::Person), "{got:?}");
        assert!(has("Oskar Lindqvist", Kind::Person), "{got:?}");
        assert!(names.contains(&"harborferries.com"), "{got:?}");
        assert!(names.contains(&"Freedom of Information Act"), "{got:?}");
        assert!(names.contains(&"House"), "{got:?}");
        assert!(!names.iter().any(|n| n.contains("House and")), "{got:?}");
        assert!(!names.contains(&"Q1") && !names.contains(&"Q2"), "{got:?}");
        // The rules' candidate: a weekday's rule, whatever the filter scores.
        let sun = rule_names_of("Sun Microsystems Thursday said it would buy a startup.");
        assert!(
            sun.contains(&("Sun Microsystems".to_string(), Kind::Organisation)),
            "{sun:?}"
        );
        // The headline suggests nothing of its own.
        assert!(
            !names.iter().any(|n| n.contains("Ferry Operators")),
            "{got:?}"
        );
    }

    #[test]
    fn credits_initials_particles_and_numbered_events() {
        let got = names_of(
            "Harbor Lights\n\
             \n\
             By Ellen Vasquez\n\
             Harbor Gazette Staff Writer\n\
             \n\
             Yusuf bin Taleem was not there. The book was by T. H. White, and the\n\
             fair in Leipzig, the Leipzig Toy Fair, is open on Mondays. After World\n\
             War II she studied at the University of Illinois at Urbana-Champaign and\n\
             marched with friends in D.C. on the day the city was busy with them all.\n",
        );
        let has = |n: &str, k: Kind| got.contains(&(n.to_string(), k));
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(has("Ellen Vasquez", Kind::Person), "{got:?}");
        assert!(has("Harbor Gazette", Kind::Organisation), "{got:?}");
        assert!(has("Yusuf bin Taleem", Kind::Person), "{got:?}");
        assert!(has("T. H. White", Kind::Person), "{got:?}");
        assert!(names.contains(&"Leipzig Toy Fair"), "{got:?}");
        assert!(!names.contains(&"Mondays"), "{got:?}");
        assert!(has("World War II", Kind::Event), "{got:?}");
        assert!(
            names.contains(&"University of Illinois at Urbana-Champaign"),
            "{got:?}"
        );
        assert!(has("D.C.", Kind::Place), "{got:?}");
    }

    #[test]
    fn writers_named_on_lines_of_their_own() {
        let got = names_of(
            "Harbor Lights Go Dark\n\
             \n\
             Marta Kellerman, maritime affairs correspondent\n\
             Tuesday October 8, 2002\n\
             The Guardian\n\
             \n\
             Ferry operators near Red Square and the Bolshoi Ballet said on Monday that\n\
             the winter would be long, and the harbour board agreed with all of them.\n\
             \n\
             Oskar Lindqvist\n\
             Wednesday August 28, 2002\n",
        );
        let has = |n: &str, k: Kind| got.contains(&(n.to_string(), k));
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(has("Marta Kellerman", Kind::Person), "{got:?}");
        assert!(has("Oskar Lindqvist", Kind::Person), "{got:?}");
        assert!(has("The Guardian", Kind::Organisation), "{got:?}");
        assert!(names.contains(&"Red Square"), "{got:?}");
        assert!(!names.iter().any(|n| n.contains(" and ")), "{got:?}");
    }

    /// Credits of modern pages (made-up people and bodies): "Posted by",
    /// "Reviewed by", a date before "by", a correspondent's "From X in Y"
    /// line, and a photographer against an agency with a slash.
    #[test]
    fn modern_bylines_and_photo_credits() {
        let got = names_of(
            "Posted by Dana Quellmore\n\n\
             Reviewed by Tobias Wrenfield\n\n\
             Tuesday 15 October 2019 by Hector M. Vallory\n\n\
             From Lorna Pettigrew in Rome\n\n\
             The harbour board met on Monday and said little.\n\n\
             Photo by Walter Brimsby/Quorland Press\n\n\
             Crowds on the quay at dawn Marco Ellund/Veltrix Images\n",
        );
        let has = |n: &str, k: Kind| got.contains(&(n.to_string(), k));
        for person in [
            "Dana Quellmore",
            "Tobias Wrenfield",
            "Hector M. Vallory",
            "Lorna Pettigrew",
            "Walter Brimsby",
            "Marco Ellund",
        ] {
            assert!(has(person, Kind::Person), "{person} in {got:?}");
        }
        assert!(has("Quorland Press", Kind::Organisation), "{got:?}");
        assert!(has("Veltrix Images", Kind::Organisation), "{got:?}");
        assert!(has("Rome", Kind::Place), "{got:?}");
    }

    /// Joins and splits of modern copy (made-up bodies and people): a body
    /// in the possessive before a person's full name; "and" after an
    /// acronym or after a name that a proper word ends; a list of plain
    /// words after "of"; plural acronyms; a plain word's possessive heading
    /// a title; a lead-in's capitals.
    #[test]
    fn possessive_bodies_lists_and_acronyms() {
        let got = names_of(
            "ROUND the harbour went the boats. Analysts at Quorvex’s Dana \
             Pellworth agreed. The case went to both QTB and Veltrix Harbour \
             Police. Brimble Tolliver and Sequora Capital invested, as did the \
             Vantor Association of Allergy, Asthma and Immunology. Sales of \
             DVDs rose and one DVD player sold out. They played the \
             Prisoner’s Dilemma at the Quell Lounge.",
        );
        let has = |n: &str, k: Kind| got.contains(&(n.to_string(), k));
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(has("Quorvex", Kind::Organisation), "{got:?}");
        assert!(has("Dana Pellworth", Kind::Person), "{got:?}");
        assert!(names.contains(&"QTB"), "{got:?}");
        assert!(names.contains(&"Veltrix Harbour Police"), "{got:?}");
        assert!(names.contains(&"Sequora Capital"), "{got:?}");
        assert!(
            names.contains(&"Vantor Association of Allergy, Asthma and Immunology"),
            "{got:?}"
        );
        assert!(
            !names
                .iter()
                .any(|n| n.contains(" and ") && !n.contains("Asthma")),
            "{got:?}"
        );
        for not in ["DVD", "DVDs", "Prisoner", "ROUND"] {
            assert!(!names.contains(&not), "{not} in {got:?}");
        }
    }

    /// Wire copy's instrument codes and lawmakers' party tags name nothing
    /// (made-up bodies and people); the name before a code keeps its words.
    #[test]
    fn instrument_codes_and_party_tags_name_nothing() {
        let got = names_of(
            "Crude on the Quorland Metal Exchange QMX3 rose, the Vantor index \
             .VTI fell and futures <QLc1> slipped. Sen. Dana Pellworth (R-TX) \
             and Rep. Omar Tullis (D-N.Y.) spoke to Sui-Lee Wee of the Times.",
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        for not in ["QMX3", "VTI", "QLc1", "R-TX", "D-N"] {
            assert!(!names.iter().any(|n| n.contains(not)), "{not} in {got:?}");
        }
        assert!(names.contains(&"Quorland Metal Exchange"), "{got:?}");
        assert!(names.contains(&"Dana Pellworth"), "{got:?}");
        assert!(!names.iter().any(|n| n.contains("Wee of")), "{got:?}");
    }

    /// Words before a title that are the title's, regions, peoples' and
    /// plain words opening bodies, and known companies (made-up people;
    /// real companies and places, which the lists hold).
    #[test]
    fn title_words_regions_plain_openers_and_companies() {
        let got = rule_names_of(
            "\u{201c}We pray for them,\u{201d} said White House Press Secretary Dana \
             Pellworth. Later, Senate Majority Leader Omar Tullis spoke. Fires \
             burned in Southern California. She gave money to the British Red \
             Cross and to Front Line Gardeners, and met Will Brimble at the All \
             Things Quorvex Conference. Officers of Customs and Border \
             Protection came. Sony said sales rose, and Lockheed Martin agreed.",
        );
        let has = |n: &str, k: Kind| got.contains(&(n.to_string(), k));
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"White House"), "{got:?}");
        assert!(has("Dana Pellworth", Kind::Person), "{got:?}");
        assert!(has("Senate", Kind::Organisation), "{got:?}");
        for not in [
            "White House Press",
            "Senate Majority",
            "Press",
            "California",
        ] {
            assert!(!names.contains(&not), "{not} in {got:?}");
        }
        assert!(has("Southern California", Kind::Place), "{got:?}");
        assert!(names.contains(&"British Red Cross"), "{got:?}");
        assert!(names.contains(&"Front Line Gardeners"), "{got:?}");
        assert!(has("Will Brimble", Kind::Person), "{got:?}");
        assert!(names.contains(&"All Things Quorvex Conference"), "{got:?}");
        assert!(names.contains(&"Customs and Border Protection"), "{got:?}");
        assert!(has("Sony", Kind::Organisation), "{got:?}");
        assert!(has("Lockheed Martin", Kind::Organisation), "{got:?}");
    }

    /// Papers' capital "The", amounts in a currency's letters, honours,
    /// plain words about "of", "to" before a law, departments named after a
    /// country, people in the plural heading a body, Arabic's article, and
    /// a designator's "of" that makes a whole name (made-up names).
    #[test]
    fn papers_amounts_honours_and_departments() {
        let got = rule_names_of(
            "The budget gives Quorvex R4bn, RM900 and R7 billion, said The \
             Vantor Times. Datuk Seri Dana Pellworth met Adv Omar Tullis, LLB. \
             Fans of Call of Duty and the Access to Information Act agreed. \
             Officials of Housing, Infrastructure and Communities Canada and \
             Statistics Canada came, with Doctors for Brimble Closure. Near \
             the village of Alma al-Quorvex, the Royal Bank of Vantoria and \
             the Bank of Vantoria met.",
        );
        let has = |n: &str, k: Kind| got.contains(&(n.to_string(), k));
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        for not in ["R4bn", "RM900", "R7", "Datuk", "LLB"] {
            assert!(!names.iter().any(|n| n.contains(not)), "{not} in {got:?}");
        }
        for not in ["Call", "Duty", "Information Act"] {
            assert!(!names.contains(&not), "{not} in {got:?}");
        }
        assert!(names.contains(&"Call of Duty"), "{got:?}");
        assert!(has("The Vantor Times", Kind::Organisation), "{got:?}");
        assert!(has("Dana Pellworth", Kind::Person), "{got:?}");
        assert!(has("Omar Tullis", Kind::Person), "{got:?}");
        assert!(names.contains(&"Access to Information Act"), "{got:?}");
        assert!(
            has(
                "Housing, Infrastructure and Communities Canada",
                Kind::Organisation
            ),
            "{got:?}"
        );
        assert!(has("Statistics Canada", Kind::Organisation), "{got:?}");
        assert!(names.contains(&"Doctors for Brimble Closure"), "{got:?}");
        assert!(names.contains(&"Alma al-Quorvex"), "{got:?}");
        assert!(names.contains(&"Royal Bank of Vantoria"), "{got:?}");
        assert!(names.contains(&"Bank of Vantoria"), "{got:?}");
    }

    /// A second "of the" before a country, "on" after a body's "for", a
    /// Portuguese "do", a paper's "The" at a sentence's start, a portfolio
    /// before a country, and an acronym of a country before "and the"
    /// (made-up bodies; real countries).
    #[test]
    fn bodies_of_a_country_and_papers_at_a_sentence_start() {
        let got = rule_names_of(
            "The Vantor Times reported it. Scientists at the University of \
             Quorvex of the UK and the Centre for Research on Brimble and \
             Clean Air agreed, as did Environment Canada and the \
             Observatório do Quorvex.",
        );
        let has = |n: &str, k: Kind| got.contains(&(n.to_string(), k));
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(has("The Vantor Times", Kind::Organisation), "{got:?}");
        assert!(names.contains(&"University of Quorvex"), "{got:?}");
        assert!(names.contains(&"UK"), "{got:?}");
        assert!(
            names.contains(&"Centre for Research on Brimble and Clean Air"),
            "{got:?}"
        );
        assert!(has("Environment Canada", Kind::Organisation), "{got:?}");
        assert!(names.contains(&"Observatório do Quorvex"), "{got:?}");
    }

    #[test]
    fn known_places_across_lowercase_words_and_streets() {
        let got = rule_names_of(
            "Flights from Dar es Salaam to Trinidad and Tobago resumed. The \
             office of Quorvex Brimble on Slater Street closed, and Vantor \
             and Brimble left.",
        );
        let has = |n: &str, k: Kind| got.contains(&(n.to_string(), k));
        assert!(has("Dar es Salaam", Kind::Place), "{got:?}");
        assert!(has("Trinidad and Tobago", Kind::Place), "{got:?}");
        assert!(has("Slater Street", Kind::Place), "{got:?}");
        // Two unknown names with "and" between stay two.
        assert!(
            !got.iter().any(|(n, _)| n == "Vantor and Brimble"),
            "{got:?}"
        );
    }

    #[test]
    fn titles_occasions_possessions_and_family_names_first() {
        let got = rule_names_of(
            "As Quorvex Remembrance Day approaches, Donald Brimble's team \
             met the visiting Pakistan PM Imran Vantor and the Pakistan army \
             chief. Spokesman Zhoa Quanli said the Corps of Brimblers and \
             North Dakota agreed; Zhoa declined to say more. The \
             anti-Quorvexic acts went on.\n\nGarth Brooks\n\nLater, Brooks \
             said nothing.",
        );
        let has = |n: &str, k: Kind| got.contains(&(n.to_string(), k));
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(has("Quorvex Remembrance Day", Kind::Event), "{got:?}");
        assert!(has("Donald Brimble", Kind::Person), "{got:?}");
        assert!(has("Imran Vantor", Kind::Person), "{got:?}");
        assert!(has("Pakistan", Kind::Place), "{got:?}");
        assert!(names.contains(&"Zhoa Quanli"), "{got:?}");
        assert!(!names.contains(&"Zhoa"), "{got:?}");
        assert!(names.contains(&"Corps of Brimblers"), "{got:?}");
        assert!(has("North Dakota", Kind::Place), "{got:?}");
        assert!(!names.iter().any(|n| n.contains("Quorvexic")), "{got:?}");
        assert!(has("Garth Brooks", Kind::Person), "{got:?}");
    }

    #[test]
    fn eras_positions_possessors_place_pairs_planets_and_agencies() {
        let got = rule_names_of(
            "The Quorvex temple stood by 400 BC. The Brimbles rely on QB \
             Vantor Quell, who said so. Later, Brimble said Brimble's \
             Securities and Exchange Commission would act. Storms hit the \
             Texas-Mexico border, and a probe flew past Jupiter.\n\n\
             Associated Press reporters heard it.",
        );
        let has = |n: &str, k: Kind| got.contains(&(n.to_string(), k));
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert!(!names.contains(&"BC"), "{got:?}");
        assert!(has("Vantor Quell", Kind::Person), "{got:?}");
        assert!(
            names.contains(&"Securities and Exchange Commission"),
            "{got:?}"
        );
        assert!(has("Texas", Kind::Place), "{got:?}");
        assert!(has("Mexico", Kind::Place), "{got:?}");
        assert!(has("Jupiter", Kind::Place), "{got:?}");
        assert!(names.contains(&"Associated Press"), "{got:?}");
    }
}
