//! Folding a word for matching: lowercase, with the diacritics of Latin
//! letters taken off (`Tromsø` → `tromso`, `Łódź` → `lodz`, `Straße` →
//! `strasse`). Letters of other scripts are lowercased and decomposed, never
//! transliterated (`Сергей` stays Cyrillic).

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Letters that compatibility decomposition leaves whole but a reader folds.
fn special(c: char) -> Option<&'static str> {
    Some(match c {
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ł' => "l",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        'ı' => "i",
        'ħ' => "h",
        'ŧ' => "t",
        'ŋ' => "n",
        _ => return None,
    })
}

/// Appends `word` folded to `out` (see the module's documentation).
pub fn fold_word_into(word: &str, out: &mut String) {
    let before = out.len();
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for l in c.to_lowercase() {
            if let Some(s) = special(l) {
                out.push_str(s);
                continue;
            }
            decompose_compatible(l, |d| {
                // "ﷺ" decomposes to a phrase of four words, "¨" to a space
                // and a mark: a word folds to one word, without spaces.
                if is_combining_mark(d) || d.is_whitespace() {
                    return;
                }
                for dl in d.to_lowercase() {
                    match special(dl) {
                        Some(s) => out.push_str(s),
                        None => out.push(dl),
                    }
                }
            });
        }
    }
    if out.len() == before {
        // A word of marks alone (letters by Unicode's count) folds to
        // nothing: keep it lowercased instead, so that a word stays a word.
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// `word` folded (see [`fold_word_into`]).
pub fn fold_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_word_into(word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_diacritics_fold_and_other_scripts_stay() {
        for (word, folded) in [
            ("Tromsø", "tromso"),
            ("Łódź", "lodz"),
            ("Straße", "strasse"),
            ("Zürich", "zurich"),
            ("Ærø", "aero"),
            ("ÉCOLE", "ecole"),
            ("ﬁnance", "finance"),
            ("ﷺa", "صلىاللهعليهوسلمa"),
            ("Сергей", "сергеи"),
            ("Київ", "киів"),
            ("\u{345}", "\u{345}"),
            ("NATO", "nato"),
        ] {
            assert_eq!(fold_word(word), folded, "{word}");
        }
    }
}
