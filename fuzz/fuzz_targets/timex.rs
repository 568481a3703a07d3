//! Dates and times in text: for any text and any reference date (taken from
//! the input, or none), every expression found lies within the text, start
//! before end, and its text is the text between its offsets.
#![no_main]

use dossier_text::timex::find_dates;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (String, Option<(i16, u16)>)| {
    let (text, reference) = input;
    let reference = reference
        .and_then(|(year, day)| time::Date::from_ordinal_date(i32::from(year), day % 367).ok());
    let chars: Vec<char> = text.chars().collect();
    for t in find_dates(&text, reference) {
        assert!(
            t.start <= t.end && t.end <= chars.len(),
            "{}..{} in {}",
            t.start,
            t.end,
            chars.len()
        );
        let written: String = chars[t.start..t.end].iter().collect();
        assert_eq!(
            written, t.text,
            "the expression as written is the text at its offsets"
        );
    }
});
