//! Anchors survive edits: property tests over random texts and edits,
//! with Cyrillic, accents, emoji and combining marks in the mix.

use dossier_text::anchor::{reanchor_all, selector_at, AnchorStatus, CharText};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "NATO",
    "Россия",
    "Kyiv",
    "Zürich",
    "café",
    "Cafe\u{301}",
    "🎄",
    "👩‍👩‍👧",
    "talks",
    "the",
    "security",
    "guarantees",
    "Сергей",
    "Alexey",
    "Brüssel",
    "ṩ",
    "missiles",
    "and",
    "of",
    "—",
];

fn words(n: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), n).prop_map(|w| w.join(" "))
}

/// An edit: (where, as a fraction of the text outside the quote; how many
/// chars to delete; what to insert).
fn edits() -> impl Strategy<Value = Vec<(f64, usize, String)>> {
    prop::collection::vec((0.0f64..1.0, 0usize..6, words(0..4)), 1..5)
}

fn apply_outside(
    text: &str,
    start: usize,
    end: usize,
    edits: &[(f64, usize, String)],
) -> (String, usize, usize) {
    let mut chars: Vec<char> = text.chars().collect();
    let (mut s, mut e) = (start, end);
    for (frac, del, ins) in edits {
        // Choose a place before or after the quote, leaving one char of margin.
        let before = s.saturating_sub(1);
        let after = chars.len().saturating_sub(e + 1);
        let total = before + after;
        if total == 0 {
            continue;
        }
        let k = ((frac * total as f64) as usize).min(total - 1);
        let ins: Vec<char> = format!(" {ins} ").chars().collect();
        if k < before {
            let del = (*del).min(before - k);
            chars.splice(k..k + del, ins.iter().copied());
            let shift = ins.len() as isize - del as isize;
            s = (s as isize + shift) as usize;
            e = (e as isize + shift) as usize;
        } else {
            let at = e + 1 + (k - before);
            let del = (*del).min(chars.len() - at);
            chars.splice(at..at + del, ins.iter().copied());
        }
    }
    (chars.into_iter().collect(), s, e)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn edits_elsewhere_leave_anchors_exact_or_moved(
        before in words(0..30),
        after in words(0..30),
        edits in edits(),
    ) {
        let quote = "QUOTE: the security guarantees of Россия";
        let text = format!("{before} {quote} {after}");
        let t = CharText::new(&text);
        let start = t.find_all(quote)[0];
        let sel = selector_at(&t, start, start + quote.chars().count());
        let (new, ns, ne) = apply_outside(&text, sel.start, sel.end, &edits);
        let a = reanchor_all(Some(&text), &new, std::slice::from_ref(&sel))[0];
        prop_assert!(matches!(a.status, AnchorStatus::Exact | AnchorStatus::Moved), "{:?}", a);
        prop_assert_eq!(CharText::new(&new).slice(a.start, a.end), quote);
        prop_assert_eq!((a.start, a.end), (ns, ne));
        prop_assert_eq!(a.status == AnchorStatus::Exact, ns == sel.start);
    }

    #[test]
    fn a_typo_inside_the_quote_gives_fuzzy(
        before in words(0..20),
        after in words(0..20),
        at in 0usize..30,
    ) {
        let quote = "the security guarantees of Россия and Kyiv";
        let text = format!("{before} {quote} {after}");
        let t = CharText::new(&text);
        let start = t.find_all(quote)[0];
        let sel = selector_at(&t, start, start + quote.chars().count());
        let mut q: Vec<char> = quote.chars().collect();
        q[at + 4] = if q[at + 4] == 'x' { 'y' } else { 'x' };
        let typo: String = q.into_iter().collect();
        let new = text.replacen(quote, &typo, 1);
        let a = reanchor_all(Some(&text), &new, std::slice::from_ref(&sel))[0];
        prop_assert_eq!(a.status, AnchorStatus::Fuzzy);
        prop_assert!(a.score >= 0.75 && a.score < 1.0, "{}", a.score);
        prop_assert_eq!(CharText::new(&new).slice(a.start, a.end), typo.as_str());
    }

    #[test]
    fn a_deleted_passage_gives_orphan(before in words(1..20), after in words(1..20)) {
        let quote = "QUOTE: a passage that will be deleted entirely";
        let text = format!("{before}\n\n{quote}\n\n{after}");
        let t = CharText::new(&text);
        let start = t.find_all(quote)[0];
        let sel = selector_at(&t, start, start + quote.chars().count());
        let new = format!("{before}\n\n{after}");
        let a = reanchor_all(Some(&text), &new, std::slice::from_ref(&sel))[0];
        prop_assert_eq!(a.status, AnchorStatus::Orphan);
    }
}

#[test]
fn ten_thousand_annotations_reanchor_after_an_edit() {
    // Correctness at scale (speed is measured by the benchmark, not here).
    let para = "Сергей Кислицын: the alliance will never guarantee it — café 🎄.";
    let text: String = (0..10_000).map(|i| format!("¶{i} {para}\n\n")).collect();
    let t = CharText::new(&text);
    let sels: Vec<_> = t
        .find_all("never guarantee")
        .into_iter()
        .map(|s| selector_at(&t, s, s + 15))
        .collect();
    assert_eq!(sels.len(), 10_000);
    let new = format!(
        "A new first paragraph.\n\n{}",
        text.replacen("¶5000 ", "¶5000 (edited) ", 1)
    );
    let placed = reanchor_all(Some(&text), &new, &sels);
    let nt = CharText::new(&new);
    assert!(placed.iter().all(|a| a.status == AnchorStatus::Moved));
    assert!(placed
        .iter()
        .all(|a| nt.slice(a.start, a.end) == "never guarantee"));
}
