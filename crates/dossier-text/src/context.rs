//! Keyword in context: the text around a span, cut at word boundaries, for
//! every place that shows a match with its surroundings (entity pages,
//! backlinks, exports).

use crate::anchor::CharText;

/// A span with the text around it, each part on one line.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InContext {
    /// Up to `width` chars before the span, starting at a word.
    pub before: String,
    /// The span itself.
    pub text: String,
    /// Up to `width` chars after the span, ending at a word.
    pub after: String,
}

/// The text around chars `start..end` of `text`: up to `width` chars on each
/// side, line breaks turned into spaces, and cut at a word boundary where it
/// is cut at all, so that no word is shown in part. Offsets past the end are
/// clamped.
pub fn in_context(text: &CharText<'_>, start: usize, end: usize, width: usize) -> InContext {
    let end = end.min(text.len());
    let start = start.min(end);
    let from = start.saturating_sub(width);
    let mut before = text.slice(from, start);
    if from > 0 && !text.slice(from - 1, from).chars().all(char::is_whitespace) {
        // The window starts inside a word: drop that word's tail.
        before = match before.split_once(char::is_whitespace) {
            Some((_, rest)) => rest,
            None => "",
        };
    }
    let to = end.saturating_add(width).min(text.len());
    let mut after = text.slice(end, to);
    if to < text.len() && !text.slice(to, to + 1).chars().all(char::is_whitespace) {
        // The window ends inside a word: drop that word's head.
        after = match after.rsplit_once(char::is_whitespace) {
            Some((kept, _)) => kept,
            None => "",
        };
    }
    let line = |s: &str| s.replace(['\n', '\r'], " ");
    InContext {
        before: line(before),
        text: line(text.slice(start, end)),
        after: line(after),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KWIC: usize = 60;

    #[test]
    fn mention_contexts_show_whole_words() {
        let text = format!(
            "{}Lead-in words here. NATO said more about it{}",
            "x".repeat(3),
            "y".repeat(3)
        );
        let ct = CharText::new(&text);
        let at = text.find("NATO").unwrap_or(0);
        let (before, after) = {
            let c = in_context(&ct, at, at + 4, KWIC);
            (c.before, c.after)
        };
        // The context reaches past both ends of this short text: nothing cut.
        assert_eq!(before, "xxxLead-in words here. ");
        assert_eq!(after, " said more about ityyy");
        // A long text: the context is cut, at word boundaries only.
        let long = format!(
            "{} Putin and NATO met {}",
            "alphabet soup ".repeat(20),
            "gamma delta ".repeat(20)
        );
        let ct = CharText::new(&long);
        let at = long.find("NATO").unwrap_or(0);
        let (before, after) = {
            let c = in_context(&ct, at, at + 4, KWIC);
            (c.before, c.after)
        };
        assert!(before.len() <= KWIC && after.len() <= KWIC);
        assert!(before.ends_with("Putin and "), "{before:?}");
        assert!(after.starts_with(" met gamma"), "{after:?}");
        for w in before.split_whitespace().chain(after.split_whitespace()) {
            assert!(
                ["alphabet", "soup", "Putin", "and", "met", "gamma", "delta"].contains(&w),
                "{w:?} is part of a word"
            );
        }
        // Non-ASCII text, cut in chars.
        let ru = format!(
            "{}Переговоры в Женеве и NATO {}",
            "слово ".repeat(30),
            "ещё ".repeat(40)
        );
        let ct = CharText::new(&ru);
        let at = ru.chars().position(|c| c == 'N').unwrap_or(0);
        let (before, after) = {
            let c = in_context(&ct, at, at + 4, KWIC);
            (c.before, c.after)
        };
        assert!(before.ends_with("Женеве и "), "{before:?}");
        assert!(before
            .split_whitespace()
            .all(|w| ["слово", "Переговоры", "в", "Женеве", "и"].contains(&w)));
        assert!(after.split_whitespace().all(|w| w == "ещё"), "{after:?}");
    }

    #[test]
    fn cuts_at_word_boundaries_on_both_sides() {
        let t = "xxxLead-in words here. NATO and Putin and others spoke.";
        let ct = CharText::new(t);
        let at = t.find("NATO").unwrap_or(0);
        let c = in_context(&ct, at, at + 4, 16);
        assert_eq!(c.text, "NATO");
        assert_eq!(
            c.before, "words here. ",
            "the cut word 'Lead-in' is dropped"
        );
        assert_eq!(
            c.after, " and Putin and",
            "the cut word 'others' is dropped"
        );
    }

    #[test]
    fn keeps_whole_text_when_it_fits_and_counts_chars() {
        let t = "В Женеве и Киеве\nговорили.";
        let ct = CharText::new(t);
        let start = t.chars().position(|c| c == 'К').unwrap_or(0);
        let c = in_context(&ct, start, start + 5, 40);
        assert_eq!(c.before, "В Женеве и ");
        assert_eq!(c.text, "Киеве");
        assert_eq!(c.after, " говорили.");
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_never_shows_part_of_a_word(
            text in "[a-zé \n.]{0,60}", a in 0usize..70, b in 0usize..70, width in 0usize..20
        ) {
            let ct = CharText::new(&text);
            let (start, end) = (a.min(b), a.max(b));
            let c = in_context(&ct, start, end, width);
            proptest::prop_assert!(c.before.chars().count() <= width);
            proptest::prop_assert!(c.after.chars().count() <= width);
        }
    }
}
