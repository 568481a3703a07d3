//! The gazetteer: every known entity name and alias, found in a text in one
//! pass (Aho–Corasick over a normalised form of the text).
//!
//! Normalising: the text is cut into words (tantivy's simple tokenizer),
//! each word lowercased, its diacritics folded (ASCII folding) and mapped
//! through the spelling-variant table ([`VARIANTS`]: Alexey → alexei,
//! Kyiv → kiev, …); words are joined by one space, or by " | " where
//! punctuation stood between them, so that a name never matches across a
//! sentence or a comma. Names are normalised the same way. A name written
//! in capitals only (an acronym such as `US`, `NATO`) matches only where the
//! text has it in capitals, so that "us" is not the United States.

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer, TokenStream,
};

use crate::anchor::CharText;

/// Spelling variants folded together: (variant, canonical form), lowercase,
/// diacritics already folded. One table; it can grow.
pub const VARIANTS: &[(&str, &str)] = &[
    ("alexey", "alexei"),
    ("aleksei", "alexei"),
    ("aleksey", "alexei"),
    ("alexej", "alexei"),
    ("sergey", "sergei"),
    ("sergej", "sergei"),
    ("sergiy", "sergei"),
    ("dmitriy", "dmitry"),
    ("dmitri", "dmitry"),
    ("yuriy", "yuri"),
    ("yury", "yuri"),
    ("yevgeny", "evgeny"),
    ("evgeniy", "evgeny"),
    ("andrey", "andrei"),
    ("nikolay", "nikolai"),
    ("mikhail", "mikhail"),
    ("maksim", "maxim"),
    ("valeriy", "valery"),
    ("anatoliy", "anatoly"),
    ("vasiliy", "vasily"),
    ("kyiv", "kiev"),
    ("kharkiv", "kharkov"),
    ("odesa", "odessa"),
    ("lviv", "lvov"),
    ("zelenskyy", "zelensky"),
    ("zelenskiy", "zelensky"),
    ("zelenskii", "zelensky"),
    ("lavrov", "lavrov"),
    ("tchaikovsky", "chaikovsky"),
];

/// One name to look for.
#[derive(Debug, Clone)]
pub struct Name {
    pub entity: i64,
    pub text: String,
}

/// A mention of an entity in a text; offsets in chars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub entity: i64,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// A word of a normalised text.
struct Word {
    /// Byte span in the original text.
    from: usize,
    to: usize,
    /// Byte offset of the word in the normalised text.
    at: usize,
}

/// A text in normalised form, with the map back to the original.
pub struct Normalised {
    pub text: String,
    words: Vec<Word>,
}

fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// For each first byte of a variant, the lengths (bit `len`) of the
/// variants that start with it: most words are ruled out by one lookup.
fn variant_filter() -> &'static [u64; 256] {
    static FILTER: std::sync::OnceLock<[u64; 256]> = std::sync::OnceLock::new();
    FILTER.get_or_init(|| {
        let mut f = [0u64; 256];
        for (v, _) in VARIANTS {
            if let Some(&b) = v.as_bytes().first() {
                f[b as usize] |= 1u64 << v.len().min(63);
            }
        }
        f
    })
}

fn variant(word: &str) -> &str {
    let Some(&first) = word.as_bytes().first() else {
        return word;
    };
    if variant_filter()[first as usize] & (1u64 << word.len().min(63)) == 0 {
        return word;
    }
    VARIANTS
        .iter()
        .find(|(v, _)| *v == word)
        .map(|(_, c)| *c)
        .unwrap_or(word)
}

/// Normalises a text (see the module's documentation).
///
/// Words are what tantivy's simple tokenizer cuts (maximal runs of
/// alphanumeric chars). An ASCII word is lowercased here directly; a word
/// with other letters goes through tantivy's lowercaser and ASCII folding,
/// so the result is the same as running the analyzer on the whole text
/// (`normalise_matches_the_analyzer` checks it), only faster.
pub fn normalise(text: &str) -> Normalised {
    let mut out = String::with_capacity(text.len() + 16);
    let mut words = Vec::with_capacity(text.len() / 6);
    let mut an: Option<TextAnalyzer> = None;
    let mut word = String::new();
    let bytes = text.as_bytes();
    let mut last_to: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        // The next word's start.
        let b = bytes[i];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
        }
        let from = i;
        let mut ascii = true;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                if !c.is_alphanumeric() {
                    break;
                }
                ascii = false;
                i += c.len_utf8();
            }
        }
        let to = i;
        if let Some(prev) = last_to {
            let gap = &bytes[prev..from];
            let joined = if gap.is_ascii() {
                gap.iter()
                    .all(|&b| b.is_ascii_whitespace() || b == b'-' || b == 0x0b)
            } else {
                text[prev..from]
                    .chars()
                    .all(|c| c.is_whitespace() || c == '-' || c == '\u{2010}')
            };
            out.push_str(if joined { " " } else { " | " });
        }
        words.push(Word {
            from,
            to,
            at: out.len(),
        });
        word.clear();
        if ascii {
            word.extend(
                bytes[from..to]
                    .iter()
                    .map(|b| b.to_ascii_lowercase() as char),
            );
        } else {
            let an = an.get_or_insert_with(analyzer);
            let mut stream = an.token_stream(&text[from..to]);
            while stream.advance() {
                word.push_str(&stream.token().text);
            }
        }
        out.push_str(variant(&word));
        last_to = Some(to);
    }
    Normalised { text: out, words }
}

/// Normalises a name: its words, as they would appear in a normalised text.
pub fn normalise_name(name: &str) -> String {
    normalise(name).text
}

/// Whether a name is an acronym, matched case-sensitively: 2–6 letters, all capitals.
pub fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=6).contains(&letters.len())
        && letters.iter().all(|c| c.is_uppercase())
        && !name.contains(' ')
}

/// The automaton over every known name.
pub struct Gazetteer {
    ac: Option<AhoCorasick>,
    /// For each distinct normalised name (the automaton's patterns): every
    /// (entity, acronym to check case against) that has it.
    patterns: Vec<Vec<(i64, Option<String>)>>,
}

impl Gazetteer {
    pub fn new(names: &[Name]) -> Gazetteer {
        let mut texts: Vec<String> = Vec::new();
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut patterns: Vec<Vec<(i64, Option<String>)>> = Vec::new();
        for n in names {
            let norm = normalise_name(&n.text);
            if norm.is_empty() {
                continue;
            }
            let acronym = is_acronym(&n.text).then(|| n.text.clone());
            // A name ends where a word ends: each pattern carries the space
            // that follows a word in the normalised text.
            let key = format!("{norm} ");
            let at = *index.entry(key.clone()).or_insert_with(|| {
                texts.push(key);
                patterns.push(Vec::new());
                patterns.len() - 1
            });
            patterns[at].push((n.entity, acronym));
        }
        let ac = if texts.is_empty() {
            None
        } else {
            // Searched anchored at each word start, longest name first. A DFA
            // is several times faster to run than an NFA on thousands of
            // names, and built once per set of names (the notebook keeps it);
            // an NFA if the DFA would be too large.
            let build = |kind| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .start_kind(StartKind::Anchored)
                    .kind(kind)
                    .build(&texts)
            };
            build(Some(AhoCorasickKind::DFA))
                .or_else(|_| build(None))
                .ok()
        };
        Gazetteer { ac, patterns }
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Every mention in `text`: at word boundaries, longest first, not
    /// overlapping. (When the longest name at a word is an acronym the text
    /// does not write in capitals, that word starts no mention.)
    pub fn find(&self, text: &str) -> Vec<Found> {
        let Some(ac) = &self.ac else {
            return Vec::new();
        };
        let mut norm = normalise(text);
        norm.text.push(' ');
        let chars = CharText::new(text);
        let mut out = Vec::new();
        let mut taken_to = 0usize;
        for (k, w) in norm.words.iter().enumerate() {
            if w.at < taken_to {
                continue;
            }
            let input = Input::new(&norm.text)
                .span(w.at..norm.text.len())
                .anchored(Anchored::Yes);
            let Some(m) = ac.find(input) else {
                continue;
            };
            // The match ends with the space after its last word.
            let e = m.end() - 1;
            let last = k + norm.words[k..].partition_point(|x| x.at < e) - 1;
            let wl = &norm.words[last];
            let original = &text[w.from..wl.to];
            let Some((entity, _)) = self.patterns[m.pattern().as_usize()]
                .iter()
                .find(|(_, acronym)| acronym.as_deref().is_none_or(|a| a == original))
            else {
                continue;
            };
            taken_to = e;
            out.push(Found {
                entity: *entity,
                start: chars.char_at_byte(w.from),
                end: chars.char_at_byte(wl.to),
                text: original.to_string(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The analyzer over the whole text: what `normalise` must equal.
    fn normalise_reference(text: &str) -> (String, Vec<(usize, usize, usize)>) {
        let mut out = String::new();
        let mut words = Vec::new();
        let mut an = analyzer();
        let mut stream = an.token_stream(text);
        let mut last_to: Option<usize> = None;
        while stream.advance() {
            let t = stream.token();
            if let Some(prev) = last_to {
                let gap = &text[prev..t.offset_from];
                if gap
                    .chars()
                    .all(|c| c.is_whitespace() || c == '-' || c == '\u{2010}')
                {
                    out.push(' ');
                } else {
                    out.push_str(" | ");
                }
            }
            words.push((t.offset_from, t.offset_to, out.len()));
            let w = t.text.clone();
            out.push_str(
                VARIANTS
                    .iter()
                    .find(|(v, _)| *v == w)
                    .map(|(_, c)| *c)
                    .unwrap_or(&w),
            );
            last_to = Some(t.offset_to);
        }
        (out, words)
    }

    proptest::proptest! {
        #[test]
        fn normalise_matches_the_analyzer(
            text in "[a-zA-Z0-9 ,.\\-\n\t\u{b}\u{2010}éÉüßøŁłЁёСергейКиївἈ🎄\u{301}’']{0,80}"
        ) {
            let fast = normalise(&text);
            let (text_ref, words_ref) = normalise_reference(&text);
            proptest::prop_assert_eq!(&fast.text, &text_ref);
            let words: Vec<(usize, usize, usize)> =
                fast.words.iter().map(|w| (w.from, w.to, w.at)).collect();
            proptest::prop_assert_eq!(words, words_ref);
        }
    }

    #[test]
    fn normalise_folds_and_maps_variants() {
        assert_eq!(
            normalise("Alexey, in KYIV—Zürich").text,
            "alexei | in kiev | zurich"
        );
        assert_eq!(normalise("Sergei Lavrov").text, "sergei lavrov");
    }

    fn g(names: &[(i64, &str)]) -> Gazetteer {
        Gazetteer::new(
            &names
                .iter()
                .map(|(e, t)| Name {
                    entity: *e,
                    text: t.to_string(),
                })
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn variants_case_and_boundaries() {
        let gz = g(&[
            (1, "Alexei Makarkin"),
            (2, "US"),
            (3, "Kyiv"),
            (4, "NATO"),
            (5, "North Atlantic Alliance"),
        ]);
        let text = "Alexey Makarkin told us: the US and NATO’s allies, in Kiev. North Atlantic, Alliance. Makarkins";
        let found = gz.find(text);
        let ents: Vec<i64> = found.iter().map(|f| f.entity).collect();
        assert_eq!(ents, vec![1, 2, 4, 3], "{found:?}");
        assert_eq!(found[0].text, "Alexey Makarkin");
        let f = &found[3];
        assert_eq!(
            text.chars()
                .skip(f.start)
                .take(f.end - f.start)
                .collect::<String>(),
            "Kiev"
        );
    }

    #[test]
    fn diacritics_and_longest_match() {
        let gz = g(&[(1, "Zurich"), (2, "Bucharest"), (3, "Bucharest summit")]);
        let found = gz.find("In Zürich and at the Bucharest summit.");
        assert_eq!(
            found.iter().map(|f| f.entity).collect::<Vec<_>>(),
            vec![1, 3]
        );
    }
}
