//! Articles from web pages: for any bytes (and any declared charset), the
//! decoder either decodes or says why not; the extractor and the plain-text
//! paragraph joiner never panic on any string, and what the extractor keeps
//! has a one-line title.
#![no_main]

use dossier_text::article::{decode_html, extract_article, plain_paragraphs};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (Vec<u8>, Option<String>, String)| {
    let (bytes, declared, text) = input;
    if let Ok(html) = decode_html(&bytes, declared.as_deref()) {
        let a = extract_article(&html, Some("https://example.org/a"));
        assert!(
            !a.title.contains('\n'),
            "a title is one line: {:?}",
            a.title
        );
        let _ = plain_paragraphs(&html);
    }
    let a = extract_article(&text, None);
    assert!(
        !a.title.contains('\n'),
        "a title is one line: {:?}",
        a.title
    );
    let _ = plain_paragraphs(&text);
});
