//! A linear pre-pass that bounds how deeply HTML elements nest.

use std::borrow::Cow;

/// Elements that never have content, so never open a level.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Drops the start and end tags of elements nested deeper than `max`,
/// keeping everything between them (their text stays in the page). One pass
/// over the bytes with a rough tag scanner: comments are skipped, quotes in
/// attributes respected; what it lets through still goes through the real
/// HTML parser. Returns the input unchanged (borrowed) when nothing is deep.
pub(crate) fn limit_nesting(html: &str, max: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut kept_from = 0usize;
    let mut depth = 0usize;
    let mut i = 0usize;
    let mut changed = false;
    while let Some(lt) = find_byte(bytes, i, b'<') {
        let rest = html.get(lt..).unwrap_or_default();
        if rest.starts_with("<!--") {
            i = match rest.get(4..).and_then(|r| r.find("-->")) {
                Some(e) => lt + 4 + e + 3,
                None => bytes.len(),
            };
            continue;
        }
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = bytes
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            i = lt + 1;
            continue;
        }
        let Some(gt) = tag_end(bytes, name_start + name_len) else {
            break;
        };
        let name = html
            .get(name_start..name_start + name_len)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let self_closing = gt > 0 && bytes.get(gt - 1) == Some(&b'/');
        let drop = if closing {
            let deep = depth > max;
            depth = depth.saturating_sub(1);
            deep
        } else if VOID.contains(&name.as_str()) || self_closing {
            false
        } else {
            depth += 1;
            depth > max
        };
        if drop {
            out.push_str(html.get(kept_from..lt).unwrap_or_default());
            kept_from = gt + 1;
            changed = true;
        }
        i = gt + 1;
        // The text of raw-text elements may hold '<' that opens no tag.
        if !closing && matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            let close = format!("</{name}");
            let lower_rest = html.get(i..).unwrap_or_default();
            i = match find_ascii_ci(lower_rest, &close) {
                Some(off) => i + off,
                None => bytes.len(),
            };
        }
    }
    if !changed {
        return Cow::Borrowed(html);
    }
    out.push_str(html.get(kept_from..).unwrap_or_default());
    Cow::Owned(out)
}

fn find_byte(bytes: &[u8], from: usize, b: u8) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|&x| x == b)
        .map(|p| from + p)
}

/// The index of the `>` that ends a tag whose attributes start at `from`:
/// the first one outside quotes.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (j, &b) in bytes.get(from..)?.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(from + j),
            _ => {}
        }
    }
    None
}

/// The byte offset of the first ASCII-case-insensitive match of `needle`.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    let first = n.first()?.to_ascii_lowercase();
    (0..=h.len() - n.len()).find(|&s| {
        h.get(s).map(u8::to_ascii_lowercase) == Some(first)
            && h.get(s..s + n.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(n))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_html_is_untouched() {
        let html = "<div><p>a <b>b</b></p><br><img src=x></div>";
        assert!(matches!(limit_nesting(html, 3), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_tags_are_dropped_text_kept() {
        let html = "<div><div><div>x</div></div></div>";
        assert_eq!(limit_nesting(html, 1), "<div>x</div>");
    }

    #[test]
    fn scripts_and_comments_are_skipped() {
        let html = "<div><script>if (a<b) {}</script><!-- <div> --><p>x</p></div>";
        assert!(matches!(limit_nesting(html, 2), Cow::Borrowed(_)));
    }
}
