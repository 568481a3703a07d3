//! HTML to Markdown for extracted articles, over `dom_query`'s Markdown
//! serializer, plus the fallback used when Readability finds no article.

use dom_query::Document;

/// Elements whose whole content is left out of an article's Markdown:
/// media and their captions (a caption alone is not article text), and
/// whatever is interactive or invisible.
const SKIP: &[&str] = &[
    "script",
    "style",
    "meta",
    "head",
    "noscript",
    "template",
    "img",
    "picture",
    "figcaption",
    "svg",
    "video",
    "audio",
    "iframe",
    "object",
    "embed",
    "canvas",
    "button",
    "form",
    "input",
    "select",
    "textarea",
    "dialog",
];

/// Page furniture the fallback removes before taking the text of
/// `<article>`, `<main>` or `<body>`.
const FURNITURE: &str = "nav, header, footer, aside, form, dialog, \
    [role=navigation], [role=banner], [role=contentinfo], [role=complementary], \
    [role=dialog], [aria-hidden=true], [hidden]";

/// Converts the HTML of an article (Readability's `content`) to Markdown:
/// links become their text, media and captions are dropped, and blocks are
/// separated by exactly one blank line.
pub(crate) fn html_to_markdown(html: &str) -> String {
    let doc = Document::from(html);
    to_markdown(&doc, "body")
}

/// The Markdown of the first of `<article>`, `<main>`, `[role=main]` or
/// `<body>`, with navigation, headers, footers, asides and dialogs
/// removed: what is left of a page when Readability finds no article.
pub(crate) fn fallback_markdown(html: &str) -> String {
    let doc = Document::from(html);
    doc.select(FURNITURE).remove();
    for root in ["article", "main", "[role=main]", "body"] {
        if doc.select(root).exists() {
            let md = to_markdown(&doc, root);
            if !md.trim().is_empty() || root == "body" {
                return md;
            }
        }
    }
    String::new()
}

fn to_markdown(doc: &Document, root: &str) -> String {
    let sel = doc.select(root);
    let Some(node) = sel.nodes().first() else {
        return String::new();
    };
    drop_link_lists(doc);
    // Links keep their words, not their targets: an article's passages are
    // read and searched as text.
    node.strip_elements(&["a"]);
    tidy(&node.md(Some(SKIP)))
}

/// A block whose text is at least this share link text is a share bar, a
/// "related stories" list or a menu, not article text.
const MAX_LINK_DENSITY: f64 = 0.8;

/// Removes short blocks made of links (share bars, related-story lists,
/// menus, tag lists): `p`, `div`, `ul`, `ol` and `section` elements whose
/// text is mostly link text and not long (at most 600 characters, so that
/// a long list of references stays), and headings left with nothing after
/// them but the end of their section.
fn drop_link_lists(doc: &Document) {
    let blocks = doc.select("p, div, ul, ol, section, span");
    let mut dropped = Vec::new();
    for node in blocks.nodes() {
        let text_chars = node.text().chars().filter(|c| !c.is_whitespace()).count();
        if text_chars == 0 || text_chars > 600 {
            continue;
        }
        let link_chars: usize = node
            .find(&["a"])
            .iter()
            .map(|a| a.text().chars().filter(|c| !c.is_whitespace()).count())
            .sum();
        if link_chars as f64 >= text_chars as f64 * MAX_LINK_DENSITY {
            dropped.push(*node);
        }
    }
    for node in &dropped {
        node.remove_from_parent();
    }
    if dropped.is_empty() {
        return;
    }
    // A heading that now ends its container introduced what was dropped.
    for heading in doc.select("h2, h3, h4, h5, h6").nodes() {
        let mut next = heading.next_element_sibling();
        while let Some(n) = next {
            if n.text().trim().is_empty() {
                next = n.next_element_sibling();
            } else {
                break;
            }
        }
        if next.is_none() && heading.parent().is_some_and(|p| !p.has_name("body")) {
            heading.remove_from_parent();
        }
    }
}

/// Trims trailing spaces, turns whitespace-only lines into blank ones and
/// collapses runs of blank lines, so that blocks are separated by exactly
/// one blank line; hard line breaks inside a block stay single newlines.
pub(crate) fn tidy(md: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in md.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push('\n');
            blank = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_separated_by_one_blank_line() {
        let md = html_to_markdown(
            "<h2>Sub</h2><p>One <a href='/x'>link</a>.</p><p>Two<img src=a.png></p>\
             <ul><li>a</li><li>b</li></ul><blockquote><p>q</p></blockquote>\
             <figure><img src=b.png><figcaption>Photo: X</figcaption></figure>",
        );
        assert_eq!(md, "## Sub\n\nOne link.\n\nTwo\n\n- a\n- b\n\n> q\n");
    }

    #[test]
    fn tables_become_markdown_tables() {
        let md = html_to_markdown(
            "<table><tr><th>Party</th><th>Seats</th></tr><tr><td>A</td><td>12</td></tr></table>",
        );
        assert!(md.contains("| Party | Seats |"), "{md}");
        assert!(md.contains("| A"), "{md}");
    }

    #[test]
    fn fallback_drops_furniture() {
        let md = fallback_markdown(
            "<body><header>Logo</header><nav>Home</nav><main><p>Text here.</p></main>\
             <footer>(c)</footer></body>",
        );
        assert_eq!(md, "Text here.\n");
    }
}
