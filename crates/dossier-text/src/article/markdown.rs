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
    // Links keep their words, not their targets: an article's passages are
    // read and searched as text.
    node.strip_elements(&["a"]);
    tidy(&node.md(Some(SKIP)))
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
