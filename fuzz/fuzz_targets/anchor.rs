//! Re-anchoring: for any old text, span and new text, every placed anchor
//! (exact, moved, fuzzy) lies inside the new text, and an exact or moved
//! anchor selects exactly the quote. Also for selectors that were never
//! made from the text (any quote, any position).
#![no_main]

use dossier_text::anchor::{anchor, reanchor_all, selector_at, AnchorStatus, CharText, Selector};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (String, String, u16, u8, String, u16, u16)| {
    let (old, new, start, len, quote, qs, qe) = input;
    let old_text = CharText::new(&old);
    let new_text = CharText::new(&new);
    let n = old_text.len();
    let s = (start as usize).min(n);
    let e = (s + len as usize).min(n);
    let made = selector_at(&old_text, s, e);
    let any = Selector {
        exact: quote.clone(),
        prefix: String::new(),
        suffix: String::new(),
        start: qs as usize,
        end: qe as usize,
    };
    let sels = [made, any];
    for (sel, got) in sels.iter().zip(reanchor_all(Some(&old), &new, &sels)) {
        check(&new_text, sel, got);
    }
    for sel in &sels {
        check(&new_text, sel, anchor(&new_text, sel, None));
    }
});

fn check(text: &CharText<'_>, sel: &Selector, got: dossier_text::anchor::Anchored) {
    if got.status == AnchorStatus::Orphan {
        return;
    }
    assert!(
        got.start <= got.end && got.end <= text.len(),
        "{:?} at {}..{} outside a text of {} chars",
        got.status,
        got.start,
        got.end,
        text.len()
    );
    if matches!(got.status, AnchorStatus::Exact | AnchorStatus::Moved) {
        assert_eq!(
            text.slice(got.start, got.end),
            sel.exact,
            "{:?}",
            got.status
        );
    }
}
