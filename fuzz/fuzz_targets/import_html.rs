//! The HTML article importer (and the checks before it: binary, UTF-8,
//! empty): never a panic; what it accepts has text, and a one-line title.
#![no_main]

use dossier_core::import::{extract, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for format in [Format::Html, Format::Markdown, Format::Text] {
        if let Ok((meta, text)) = extract(data, format, "fuzz") {
            assert!(!text.trim().is_empty(), "accepted with no text");
            if format == Format::Html {
                assert!(
                    !meta.title.contains('\n'),
                    "a title of several lines: {:?}",
                    meta.title
                );
            }
        }
    }
});
