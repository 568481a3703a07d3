//! The response handling of an import from a URL (`fetch::page`: status,
//! headers and body bytes → metadata and text, or a reason): never a panic;
//! what it accepts is a success within the size limit, with text and a
//! title; every refusal names the address.
//!
//! Input: the first two bytes pick the status (100–599), then header lines
//! up to an empty line (`Name: value`), then the body.
#![no_main]

use dossier_core::fetch::{page, Response};
use libfuzzer_sys::fuzz_target;

const URL: &str = "https://example.org/news/story.html";

fuzz_target!(|data: &[u8]| {
    let Some((code, rest)) = data.split_first_chunk::<2>() else {
        return;
    };
    let status = 100 + u16::from_le_bytes(*code) % 500;
    let split = rest
        .windows(2)
        .position(|w| w == b"\n\n")
        .unwrap_or(rest.len());
    let head = String::from_utf8_lossy(&rest[..split]);
    let body = rest.get(split + 2..).unwrap_or_default().to_vec();
    let headers = head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let response = Response {
        requested: URL.into(),
        final_url: URL.into(),
        status,
        headers,
        body,
    };
    let max = 64 * 1024;
    match page(&response, max) {
        Ok((_, meta, text)) => {
            assert!((200..300).contains(&status), "accepted status {status}");
            assert!(response.body.len() as u64 <= max, "accepted over the limit");
            assert!(!text.trim().is_empty(), "accepted with no text");
            assert!(!meta.title.trim().is_empty(), "accepted with no title");
        }
        Err(reason) => assert!(reason.contains("example.org"), "{reason}"),
    }
});
