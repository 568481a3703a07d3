//! Tokens and the words the recogniser knows.
//!
//! The text is cut once into words (runs of letters), numbers (runs of ASCII
//! digits) and single punctuation marks; each token records how it is
//! separated from the one before (glued, space, line break), its offsets in
//! chars and bytes, and what the word means to the date rules ([`Lex`]).
//! Everything after this pass looks at a bounded number of tokens around a
//! position, so the whole recogniser is linear in the length of the text.

use super::calendar::Season;
use time::Weekday;

/// How a token is separated from the token before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Gap {
    /// No whitespace in between ("1990" + "s").
    Glued,
    /// Spaces or tabs.
    Space,
    /// Whitespace containing a line break (a new paragraph or line).
    Break,
}

/// A calendar unit named by a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Function words and cues the rules look for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kw {
    Ago,
    Last,
    Next,
    This,
    Past,
    Earlier,
    Later,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    The,
    Of,
    /// Prepositions and nouns after which a bare number reads as a year:
    /// in, since, by, until, from, through, during, before, after, between,
    /// year, circa…
    YearCue,
    /// early, late, mid (also cues for a year or a month).
    Edge,
    /// "to", "and", "or": a year cue only right after another year.
    Joiner,
    Half,
    /// The letter Q of "Q3".
    Q,
    Night,
    /// morning, afternoon, evening.
    DayPart,
    /// Words that put a clause in the future: will, shall, 'll, scheduled…
    Future,
    /// Words that need "to" to mark the future: going, set, due, plans.
    FutureWithTo,
    To,
    /// Past-tense auxiliaries and reporting verbs: said, was, were, had…
    PastVerb,
    /// "de" (Spanish, French) between day, month and year.
    De,
    /// st, nd, rd, th, er (ordinal suffix glued to a number).
    Suffix,
    /// The "s" of "1990s".
    S,
    /// "x" or "by" between two numbers (a size, not a year).
    Times,
    Before,
    After,
    /// his, her, their, its, our, my, your: "his 2020 campaign".
    Determiner,
    Easter,
    Christmas,
    Eve,
    /// "New" of "New Year's".
    NewYear,
}

/// What a token means to the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Lex {
    /// A month name. `abbrev` for "Jan", "Sept"; `foreign` for French,
    /// Spanish or German names; `needs_cue` for names that are also common
    /// words (May, March, mars, mai).
    Month {
        month: u8,
        abbrev: bool,
        foreign: bool,
        needs_cue: bool,
    },
    Weekday(Weekday),
    /// A run of ASCII digits; `value` is `None` past nine digits.
    Num {
        value: Option<u32>,
        digits: usize,
    },
    Unit {
        unit: Unit,
        plural: bool,
    },
    Season(Season),
    /// first (1) … fourth (4), and the ordinals up to twenty-first for
    /// centuries.
    Ordinal(u8),
    /// one … twelve, twenty, thirty, …, a, an.
    Cardinal(u32),
    Kw(Kw),
    Punct(char),
    Other,
}

/// One token of the text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Token {
    pub(super) lex: Lex,
    pub(super) gap: Gap,
    /// Char offsets (start inclusive, end exclusive).
    pub(super) start: usize,
    pub(super) end: usize,
    /// Byte offsets of the same span.
    pub(super) byte_start: usize,
    pub(super) byte_end: usize,
    /// Starts with an upper-case letter.
    pub(super) capitalized: bool,
    /// A lower-case word of five letters or more ending in "ed" (a past
    /// participle or preterite, most of the time).
    pub(super) ed_form: bool,
}

/// Cuts `text` into tokens. The text is read byte by byte where it is
/// ASCII (a char of its own per byte), char by char elsewhere.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    // Room for one token in five bytes (running text has about one in
    // four): the list grows once at most for most texts, not from empty.
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let bytes = text.as_bytes();
    let mut gap = Gap::Break;
    let mut word = String::new();
    // The byte and char offsets of the next char.
    let (mut at, mut chars_read) = (0usize, 0usize);
    while let Some((c, len)) = char_at(text, at) {
        let (byte_index, char_index) = (at, chars_read);
        at += len;
        chars_read += 1;
        if c.is_whitespace() {
            if c == '\n' || c == '\r' || c == '\u{2029}' {
                gap = Gap::Break;
            } else if gap == Gap::Glued {
                gap = Gap::Space;
            }
            continue;
        }
        let lex;
        let mut capitalized = false;
        let mut ed_form = false;
        if c.is_ascii_digit() {
            let mut value: Option<u32> = c.to_digit(10);
            let mut digits = 1usize;
            while let Some(&d) = bytes.get(at) {
                if !d.is_ascii_digit() {
                    break;
                }
                at += 1;
                chars_read += 1;
                digits += 1;
                value = match value {
                    Some(v) if digits <= 9 => Some(v * 10 + u32::from(d - b'0')),
                    _ => None,
                };
            }
            lex = Lex::Num { value, digits };
        } else if c.is_alphabetic() {
            word.clear();
            capitalized = c.is_uppercase();
            let mut lowercase = c.is_lowercase();
            let mut length = 1usize;
            push_lowercase(&mut word, c);
            while let Some((d, len)) = char_at(text, at) {
                if !d.is_alphabetic() {
                    break;
                }
                at += len;
                chars_read += 1;
                length += 1;
                lowercase &= d.is_lowercase();
                // Words longer than any the rules know are not kept.
                if length <= 16 {
                    push_lowercase(&mut word, d);
                }
            }
            if length > 16 {
                lex = Lex::Other;
            } else {
                ed_form = lowercase && length >= 5 && word.ends_with("ed");
                lex = classify(&word);
            }
        } else {
            lex = Lex::Punct(c);
        }
        tokens.push(Token {
            lex,
            gap,
            start: char_index,
            end: chars_read,
            byte_start: byte_index,
            byte_end: at,
            capitalized,
            ed_form,
        });
        gap = Gap::Glued;
    }
    tokens
}

/// The char at byte `at` of `text` (a char boundary) and its length in
/// bytes; `None` at the end.
#[inline]
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let b = *text.as_bytes().get(at)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((c, c.len_utf8()))
}

/// Appends `c` lower-cased: an ASCII letter directly, any other through
/// its full lower-case mapping (the same letters either way).
fn push_lowercase(word: &mut String, c: char) {
    if c.is_ascii() {
        word.push(c.to_ascii_lowercase());
    } else {
        word.extend(c.to_lowercase());
    }
}

/// The meaning of a lower-case word.
fn classify(word: &str) -> Lex {
    if let Some(lex) = month(word) {
        return lex;
    }
    let weekday = match word {
        "monday" => Some(Weekday::Monday),
        "tuesday" => Some(Weekday::Tuesday),
        "wednesday" => Some(Weekday::Wednesday),
        "thursday" => Some(Weekday::Thursday),
        "friday" => Some(Weekday::Friday),
        "saturday" => Some(Weekday::Saturday),
        "sunday" => Some(Weekday::Sunday),
        _ => None,
    };
    if let Some(weekday) = weekday {
        return Lex::Weekday(weekday);
    }
    let unit = |unit, plural| Lex::Unit { unit, plural };
    match word {
        "day" => unit(Unit::Day, false),
        "days" => unit(Unit::Day, true),
        "week" => unit(Unit::Week, false),
        "weeks" => unit(Unit::Week, true),
        "weekend" => unit(Unit::Weekend, false),
        "weekends" => unit(Unit::Weekend, true),
        "month" => unit(Unit::Month, false),
        "months" => unit(Unit::Month, true),
        "quarter" => unit(Unit::Quarter, false),
        "quarters" => unit(Unit::Quarter, true),
        "year" => unit(Unit::Year, false),
        "years" => unit(Unit::Year, true),
        "decade" => unit(Unit::Decade, false),
        "decades" => unit(Unit::Decade, true),
        "century" => unit(Unit::Century, false),
        "centuries" => unit(Unit::Century, true),
        "spring" => Lex::Season(Season::Spring),
        "summer" => Lex::Season(Season::Summer),
        "fall" | "autumn" => Lex::Season(Season::Fall),
        "winter" => Lex::Season(Season::Winter),
        "first" => Lex::Ordinal(1),
        "second" => Lex::Ordinal(2),
        "third" => Lex::Ordinal(3),
        "fourth" => Lex::Ordinal(4),
        "fifth" => Lex::Ordinal(5),
        "sixth" => Lex::Ordinal(6),
        "seventh" => Lex::Ordinal(7),
        "eighth" => Lex::Ordinal(8),
        "ninth" => Lex::Ordinal(9),
        "tenth" => Lex::Ordinal(10),
        "eleventh" => Lex::Ordinal(11),
        "twelfth" => Lex::Ordinal(12),
        "thirteenth" => Lex::Ordinal(13),
        "fourteenth" => Lex::Ordinal(14),
        "fifteenth" => Lex::Ordinal(15),
        "sixteenth" => Lex::Ordinal(16),
        "seventeenth" => Lex::Ordinal(17),
        "eighteenth" => Lex::Ordinal(18),
        "nineteenth" => Lex::Ordinal(19),
        "twentieth" => Lex::Ordinal(20),
        "a" | "an" | "one" => Lex::Cardinal(1),
        "two" => Lex::Cardinal(2),
        "three" => Lex::Cardinal(3),
        "four" => Lex::Cardinal(4),
        "five" => Lex::Cardinal(5),
        "six" => Lex::Cardinal(6),
        "seven" => Lex::Cardinal(7),
        "eight" => Lex::Cardinal(8),
        "nine" => Lex::Cardinal(9),
        "ten" => Lex::Cardinal(10),
        "eleven" => Lex::Cardinal(11),
        "twelve" => Lex::Cardinal(12),
        "fifteen" => Lex::Cardinal(15),
        "twenty" => Lex::Cardinal(20),
        "thirty" => Lex::Cardinal(30),
        "forty" => Lex::Cardinal(40),
        "fifty" => Lex::Cardinal(50),
        "hundred" => Lex::Cardinal(100),
        _ => keyword(word).map_or(Lex::Other, Lex::Kw),
    }
}

fn is_year_cue(word: &str) -> bool {
    matches!(
        word,
        "in" | "since"
            | "by"
            | "until"
            | "till"
            | "from"
            | "through"
            | "throughout"
            | "during"
            | "circa"
            | "between"
            | "year"
            | "en"
            | "desde"
            | "seit"
            | "im"
            | "depuis"
    )
}

fn keyword(word: &str) -> Option<Kw> {
    Some(match word {
        "ago" => Kw::Ago,
        "last" => Kw::Last,
        "next" => Kw::Next,
        "this" => Kw::This,
        "past" => Kw::Past,
        "earlier" => Kw::Earlier,
        "later" => Kw::Later,
        "today" => Kw::Today,
        "yesterday" => Kw::Yesterday,
        "tomorrow" => Kw::Tomorrow,
        "tonight" => Kw::Tonight,
        "the" => Kw::The,
        "of" => Kw::Of,
        "early" | "late" | "mid" => Kw::Edge,
        "and" | "or" => Kw::Joiner,
        "to" => Kw::To,
        "half" => Kw::Half,
        "q" => Kw::Q,
        "night" => Kw::Night,
        "morning" | "afternoon" | "evening" => Kw::DayPart,
        "will" | "shall" | "ll" | "scheduled" | "upcoming" | "expected" => Kw::Future,
        "going" | "set" | "due" | "plans" | "plan" | "planning" | "aims" | "hopes" => {
            Kw::FutureWithTo
        }
        "said" | "was" | "were" | "had" | "did" | "told" | "took" | "came" | "went" | "met"
        | "saw" | "left" | "began" | "held" | "spoke" | "wrote" | "made" | "sent" | "gave"
        | "got" | "found" | "lost" | "built" | "paid" | "kept" | "fell" | "rose" | "struck"
        | "became" | "brought" | "bought" | "thought" | "knew" | "led" | "ran" | "sold"
        | "stood" | "broke" | "chose" | "drove" | "flew" | "grew" | "fought" | "caught"
        | "taught" | "heard" | "meant" | "felt" | "sought" | "won" => Kw::PastVerb,
        "de" | "del" => Kw::De,
        "st" | "nd" | "rd" | "th" | "er" => Kw::Suffix,
        "s" => Kw::S,
        "x" => Kw::Times,
        "before" => Kw::Before,
        "after" => Kw::After,
        "his" | "her" | "their" | "its" | "our" | "my" | "your" => Kw::Determiner,
        "easter" => Kw::Easter,
        "christmas" => Kw::Christmas,
        "eve" => Kw::Eve,
        "new" => Kw::NewYear,
        _ if is_year_cue(word) => Kw::YearCue,
        _ => return None,
    })
}

/// Month names: English (full and abbreviated), French, Spanish, German.
fn month(word: &str) -> Option<Lex> {
    let english = |month: u8| Lex::Month {
        month,
        abbrev: false,
        foreign: false,
        needs_cue: false,
    };
    let abbrev = |month: u8| Lex::Month {
        month,
        abbrev: true,
        foreign: false,
        needs_cue: false,
    };
    let foreign = |month: u8| Lex::Month {
        month,
        abbrev: false,
        foreign: true,
        needs_cue: false,
    };
    Some(match word {
        "january" => english(1),
        "february" => english(2),
        "march" => Lex::Month {
            month: 3,
            abbrev: false,
            foreign: false,
            needs_cue: true,
        },
        "april" => english(4),
        "may" => Lex::Month {
            month: 5,
            abbrev: false,
            foreign: false,
            needs_cue: true,
        },
        "june" => english(6),
        "july" => english(7),
        "august" => english(8),
        "september" => english(9),
        "october" => english(10),
        "november" => english(11),
        "december" => english(12),
        "jan" => abbrev(1),
        "feb" => abbrev(2),
        "mar" => abbrev(3),
        "apr" => abbrev(4),
        "jun" => abbrev(6),
        "jul" => abbrev(7),
        "aug" => abbrev(8),
        "sep" | "sept" => abbrev(9),
        "oct" => abbrev(10),
        "nov" => abbrev(11),
        "dec" => abbrev(12),
        // French
        "janvier" => foreign(1),
        "février" | "fevrier" => foreign(2),
        "mars" => Lex::Month {
            month: 3,
            abbrev: false,
            foreign: true,
            needs_cue: true,
        },
        "avril" => foreign(4),
        "mai" => Lex::Month {
            month: 5,
            abbrev: false,
            foreign: true,
            needs_cue: true,
        },
        "juin" => foreign(6),
        "juillet" => foreign(7),
        "août" | "aout" => foreign(8),
        "septembre" => foreign(9),
        "octobre" => foreign(10),
        "novembre" => foreign(11),
        "décembre" | "decembre" => foreign(12),
        // Spanish
        "enero" => foreign(1),
        "febrero" => foreign(2),
        "marzo" => foreign(3),
        "abril" => foreign(4),
        "mayo" => foreign(5),
        "junio" => foreign(6),
        "julio" => foreign(7),
        "agosto" => foreign(8),
        "septiembre" | "setiembre" => foreign(9),
        "octubre" => foreign(10),
        "noviembre" => foreign(11),
        "diciembre" => foreign(12),
        // German
        "januar" | "jänner" => foreign(1),
        "februar" => foreign(2),
        "märz" => foreign(3),
        "juni" => foreign(6),
        "juli" => foreign(7),
        "oktober" => foreign(10),
        "dezember" => foreign(12),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer as it was, a char at a time: the reference.
    fn tokenize_by_chars(text: &str) -> Vec<Token> {
        // Room for one token in five bytes (running text has about one in
        // four): the list grows once at most for most texts, not from empty.
        let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
        let mut chars = text.char_indices().enumerate().peekable();
        let mut gap = Gap::Break;
        let mut word = String::new();
        while let Some((char_index, (byte_index, c))) = chars.next() {
            if c.is_whitespace() {
                if c == '\n' || c == '\r' || c == '\u{2029}' {
                    gap = Gap::Break;
                } else if gap == Gap::Glued {
                    gap = Gap::Space;
                }
                continue;
            }
            let mut end = char_index + 1;
            let mut byte_end = byte_index + c.len_utf8();
            let lex;
            let mut capitalized = false;
            let mut ed_form = false;
            if c.is_ascii_digit() {
                let mut value: Option<u32> = c.to_digit(10);
                let mut digits = 1usize;
                while let Some(&(_, (b, d))) = chars.peek() {
                    if !d.is_ascii_digit() {
                        break;
                    }
                    chars.next();
                    digits += 1;
                    end += 1;
                    byte_end = b + 1;
                    value = match (value, d.to_digit(10)) {
                        (Some(v), Some(digit)) if digits <= 9 => Some(v * 10 + digit),
                        _ => None,
                    };
                }
                lex = Lex::Num { value, digits };
            } else if c.is_alphabetic() {
                word.clear();
                capitalized = c.is_uppercase();
                let mut lowercase = c.is_lowercase();
                let mut length = 1usize;
                push_lowercase(&mut word, c);
                while let Some(&(_, (b, d))) = chars.peek() {
                    if !d.is_alphabetic() {
                        break;
                    }
                    chars.next();
                    length += 1;
                    end += 1;
                    byte_end = b + d.len_utf8();
                    lowercase &= d.is_lowercase();
                    // Words longer than any the rules know are not kept.
                    if length <= 16 {
                        push_lowercase(&mut word, d);
                    }
                }
                if length > 16 {
                    lex = Lex::Other;
                } else {
                    ed_form = lowercase && length >= 5 && word.ends_with("ed");
                    lex = classify(&word);
                }
            } else {
                lex = Lex::Punct(c);
            }
            tokens.push(Token {
                lex,
                gap,
                start: char_index,
                end,
                byte_start: byte_index,
                byte_end,
                capitalized,
                ed_form,
            });
            gap = Gap::Glued;
        }
        tokens
    }

    /// Texts of every kind of token: ASCII and other letters, digits, long
    /// words, line breaks, marks, letters whose lower case is longer.
    #[test]
    fn tokens_are_those_of_the_char_by_char_tokenizer() {
        let texts = [
            "",
            "  \n",
            "On March 3, 2021, the talks (in Geneva) ended; since 1990s\r\nQ3 2019.",
            "Le 14 juillet 1789 — el 5 de mayo de 2020, am 3. Oktober; İstanbul ǅ Σ",
            "abcdefghijklmnopqrstuvwxyz 1234567890123 x\u{2029}y\u{a0}z Crème NAÏVE",
            "worked WORKED Worked looked-up 12th 1st 2nd\tnext\u{3000}week 東京 🙂2020",
        ];
        for text in texts {
            assert_eq!(tokenize(text), tokenize_by_chars(text), "{text}");
        }
        assert!(tokenize(texts[2]).len() > 20);
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_those_of_the_char_by_char_tokenizer_on_any_text(
            text in "([a-zA-Z0-9 .,\n\t-]{0,12}|[\\PC]{0,6}|[a-z]{15,18}|[0-9]{8,11}|(May|June|week|said|ended) )*"
        ) {
            proptest::prop_assert_eq!(tokenize(&text), tokenize_by_chars(&text));
        }
    }
}
