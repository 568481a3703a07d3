//! Quotes and reported speech: for any text and any known names, every quote
//! and speaker span lies within the text, start before end.
#![no_main]

use dossier_text::quotes::{find_quotes, KnownName, NameKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (String, Vec<String>)| {
    let (text, names) = input;
    let known: Vec<KnownName> = names
        .iter()
        .enumerate()
        .map(|(i, n)| KnownName {
            entity: n.as_str(),
            names: vec![n.as_str()],
            kind: if i % 2 == 0 {
                NameKind::Person
            } else {
                NameKind::Organisation
            },
        })
        .collect();
    let len = text.chars().count();
    for q in find_quotes(&text, &known) {
        assert!(
            q.start <= q.end && q.end <= len,
            "quote {}..{} in {len}",
            q.start,
            q.end
        );
        if let Some(s) = q.speaker {
            assert!(
                s.start <= s.end && s.end <= len,
                "speaker {}..{} in {len}",
                s.start,
                s.end
            );
        }
    }
});
