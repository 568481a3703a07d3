//! Markdown → sanitised HTML: never a panic, and nothing active survives
//! (no script, style, frame, form or embedded element, no `on*` attribute,
//! no `javascript:`/`data:`/`vbscript:` URL, no `style` attribute), whether
//! the input goes through the renderer or straight to the sanitiser.
#![no_main]

use dossier_core::render::{render, sanitize, NoLinks};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    let rendered = render(input, &NoLinks);
    assert_inert(&rendered.html, input);
    assert_inert(&sanitize(input), input);
});

/// Attributes that hold a URL in HTML, current or legacy (the HTML
/// standard's index of attributes, and the elements it obsoletes), by
/// local name as the parser gives them (`xlink:href` is `href`).
const URL_ATTRIBUTES: &[&str] = &[
    "action",
    "archive",
    "background",
    "cite",
    "classid",
    "codebase",
    "data",
    "dynsrc",
    "formaction",
    "href",
    "icon",
    "itemid",
    "itemtype",
    "longdesc",
    "lowsrc",
    "manifest",
    "ping",
    "poster",
    "profile",
    "src",
    "srcset",
    "usemap",
    "xmlns",
];

fn assert_inert(html: &str, input: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(
        !lower.contains("<script"),
        "<script in output of {input:?}: {html}"
    );
    let doc = scraper::Html::parse_fragment(html);
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        assert!(
            !matches!(
                el.name(),
                "script"
                    | "style"
                    | "iframe"
                    | "frame"
                    | "object"
                    | "embed"
                    | "form"
                    | "input"
                    | "button"
                    | "textarea"
                    | "select"
                    | "img"
                    | "svg"
                    | "math"
                    | "meta"
                    | "base"
                    | "link"
            ),
            "<{}> in output of {input:?}: {html}",
            el.name()
        );
        for (name, value) in el.attrs() {
            let name = name.to_ascii_lowercase();
            assert!(
                !name.starts_with("on"),
                "{name}= in output of {input:?}: {html}"
            );
            assert!(name != "style", "style= in output of {input:?}: {html}");
            // Only an attribute a browser reads as a URL can run a scheme;
            // text attributes (`title`, `lang`, …) may say "javascript:".
            if !URL_ATTRIBUTES.contains(&name.as_str()) {
                continue;
            }
            // As a browser reads a URL (WHATWG URL standard): leading and
            // trailing C0 controls and spaces stripped, tabs and newlines
            // removed anywhere; other characters (a vertical tab inside
            // "javascript") make the scheme invalid, so the URL relative.
            let v: String = value
                .trim_matches(|c: char| c <= ' ')
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect::<String>()
                .to_ascii_lowercase();
            assert!(
                !(v.starts_with("javascript:")
                    || v.starts_with("data:")
                    || v.starts_with("vbscript:")),
                "{name}={value:?} in output of {input:?}: {html}"
            );
        }
    }
}
