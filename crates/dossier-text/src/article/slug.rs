//! Readable ids from titles in any script.

/// The longest slug, in characters.
const MAX_SLUG_CHARS: usize = 60;

/// A file-name-safe id for a title: lowercase letters and digits joined by
/// dashes, at most 60 characters, `"untitled"` when the title has no letter
/// or digit.
///
/// Latin letters with diacritics are folded to ASCII (`Café` → `cafe`), so
/// ASCII and Latin titles give the same slugs as the engine always has.
/// Letters of other scripts are kept as they are, lowercased where the
/// script has case (`Переговоры` → `переговоры`, `北约会谈` → `北约会谈`),
/// so that a Chinese, Arabic or Burmese title gives a readable id rather
/// than a transliteration nobody reads. Combining marks stay with their
/// letter (Burmese, Devanagari and Arabic vowel signs are marks). Dashes,
/// slashes, dots and all other characters become one dash, so the result
/// never holds a path separator or `..`.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut chars = 0usize;
    'title: for c in title.chars() {
        for c in fold(c).chars() {
            let keep =
                c.is_alphanumeric() || (is_mark(c) && !out.is_empty() && !out.ends_with('-'));
            if keep {
                for l in c.to_lowercase() {
                    out.push(l);
                    chars += 1;
                }
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
                chars += 1;
            }
            if chars >= MAX_SLUG_CHARS {
                break 'title;
            }
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "untitled".to_string()
    } else {
        out.to_string()
    }
}

/// Latin letters (with diacritics, ligatures and the like) to their ASCII
/// letters via `deunicode`; every other character as it is.
fn fold(c: char) -> std::borrow::Cow<'static, str> {
    if c.is_ascii() || !is_latin(c) {
        return std::borrow::Cow::Owned(c.to_string());
    }
    match deunicode::deunicode_char(c) {
        Some(s) if s.chars().all(|c| c.is_ascii_alphanumeric()) && !s.is_empty() => {
            std::borrow::Cow::Borrowed(s)
        }
        _ => std::borrow::Cow::Owned(c.to_string()),
    }
}

/// Letters of the Latin script outside ASCII: Latin-1 Supplement, Latin
/// Extended-A/B, IPA, Latin Extended Additional and the Latin ligatures.
fn is_latin(c: char) -> bool {
    matches!(c as u32,
        0x00C0..=0x024F | 0x0250..=0x02AF | 0x1E00..=0x1EFF | 0xFB00..=0xFB06)
        && c.is_alphabetic()
}

/// Combining marks (Unicode general category M), approximated by the
/// blocks that hold them: the vowel signs of Brahmic scripts, Arabic and
/// Hebrew points, combining diacritics.
fn is_mark(c: char) -> bool {
    // `char::is_alphanumeric` is false for most marks; a non-alphanumeric,
    // non-whitespace, non-punctuation character inside a script block that
    // uses marks is taken as one.
    !c.is_alphanumeric()
        && !c.is_whitespace()
        && !c.is_ascii()
        && matches!(c as u32,
            0x0300..=0x036F   // combining diacritical marks
            | 0x0483..=0x0489 // Cyrillic
            | 0x0591..=0x05C7 // Hebrew points
            | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED // Arabic
            | 0x0900..=0x0DFF // Indic scripts
            | 0x0E31..=0x0E4E | 0x0EB1..=0x0ECD // Thai, Lao
            | 0x0F18..=0x0FBC // Tibetan
            | 0x102B..=0x103E | 0x1056..=0x1059 | 0x105E..=0x1060 | 0x1062..=0x108D // Myanmar
            | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF // combining extensions
            | 0x3099..=0x309A // kana voicing marks
            | 0xFE20..=0xFE2F)
        && !matches!(c as u32, 0x0964..=0x0965 | 0x0E4F | 0x0F04..=0x0F12 | 0x104A..=0x104F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_titles_keep_the_engines_slugs() {
        assert_eq!(slug("Russia & NATO: talks"), "russia-nato-talks");
        assert_eq!(slug("Café Kyiv/../x"), "cafe-kyiv-x");
        assert_eq!(slug("///"), "untitled");
        assert_eq!(slug(""), "untitled");
        assert_eq!(slug("  Hello, World!  "), "hello-world");
    }

    #[test]
    fn every_script_gives_a_readable_id() {
        assert_eq!(slug("北约与俄罗斯举行会谈"), "北约与俄罗斯举行会谈");
        assert_eq!(slug("ロシアとNATOの協議"), "ロシアとnatoの協議");
        assert_eq!(slug("محادثات روسيا والناتو"), "محادثات-روسيا-والناتو");
        assert_eq!(slug("Переговоры России и НАТО"), "переговоры-россии-и-нато");
        assert_eq!(slug("Ελλάδα: Νέα"), "ελλάδα-νέα");
        // Burmese vowel signs and the virama are combining marks: kept.
        assert_eq!(slug("မြန်မာ သတင်း"), "မြန်မာ-သတင်း");
        assert_eq!(slug("हिन्दी समाचार"), "हिन्दी-समाचार");
    }

    #[test]
    fn slugs_are_bounded_and_safe() {
        let s = slug(&"word ".repeat(1000));
        assert!(s.chars().count() <= MAX_SLUG_CHARS + 4, "{s}");
        assert!(!s.ends_with('-'));
        for t in ["../../etc/passwd", "a\\b", "a\0b", "..", "x/y"] {
            let s = slug(t);
            assert!(
                !s.contains('/') && !s.contains('\\') && !s.contains(".."),
                "{s}"
            );
        }
        assert_eq!(slug("Straße Œuvre"), "strasse-oeuvre");
    }
}
