//! Markdown → safe HTML for the web view: pulldown-cmark (CommonMark, tables,
//! footnotes, task lists, strikethrough, heading anchors, `[[wiki links]]`)
//! then ammonia with an allow-list configured for this app.
//!
//! Wiki links are resolved against the notebook: a note (by path or title),
//! a source (by id or title), an entity (by name or alias), or a passage
//! (`![[source#^annotation-id]]`, embedded as a block quote with its
//! citation). In-app links use the `dossier:` scheme (`dossier:note/PATH`,
//! `dossier:source/ID`, `dossier:entity/NAME`, `dossier:annotation/SOURCE/ID`,
//! and `dossier:new/NAME` for an unresolved link); the shell routes them.
//! Web links keep `http(s)`, get `rel="noopener noreferrer nofollow"`, and
//! the shell opens them in the system browser.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use crate::text::slug;

mod raw;
mod safe;

/// What a wiki link points to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum LinkTarget {
    Note { path: String },
    Source { id: String },
    Entity { name: String },
    Annotation { source: String, id: String },
}

impl LinkTarget {
    fn href(&self) -> String {
        match self {
            LinkTarget::Note { path } => format!("dossier:note/{}", url_escape(path)),
            LinkTarget::Source { id } => format!("dossier:source/{}", url_escape(id)),
            LinkTarget::Entity { name } => format!("dossier:entity/{}", url_escape(name)),
            LinkTarget::Annotation { source, id } => {
                format!(
                    "dossier:annotation/{}/{}",
                    url_escape(source),
                    url_escape(id)
                )
            }
        }
    }
}

/// A passage to embed: the quote and its citation.
#[derive(Debug, Clone, PartialEq)]
pub struct Embed {
    pub source: String,
    pub annotation: String,
    pub quote: String,
    pub citation: String,
}

/// Resolves wiki links while rendering.
pub trait Resolver {
    fn resolve(&self, target: &str) -> Option<LinkTarget>;
    fn embed(&self, source: &str, annotation: &str) -> Option<Embed>;
}

#[cfg(any(test, feature = "internals"))]
/// A resolver that knows nothing: every link is unresolved.
pub struct NoLinks;

#[cfg(any(test, feature = "internals"))]
impl Resolver for NoLinks {
    fn resolve(&self, _: &str) -> Option<LinkTarget> {
        None
    }
    fn embed(&self, _: &str, _: &str) -> Option<Embed> {
        None
    }
}

/// A rendered note.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Rendered {
    /// Sanitised HTML.
    pub html: String,
    /// Every wiki link, resolved or not, in order.
    pub links: Vec<RenderedLink>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RenderedLink {
    pub target: String,
    pub resolved: Option<LinkTarget>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_WIKILINKS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// What the rendering hands to the HTML writer: the parser's events, and
/// the elements this module makes itself (built from escaped parts only).
#[derive(Debug)]
enum Piece<'a> {
    Md(Event<'a>),
    /// The `<a …>` of a wiki link; its end is [`Piece::WikiClose`].
    WikiOpen(String),
    WikiClose,
    /// A complete inline element: a task marker, an unresolved embed, or
    /// (when `link`) an embed of something other than a passage.
    Inline { html: String, link: bool },
    /// A passage embed: a block quote.
    Block(String),
}

impl<'a> Piece<'a> {
    /// The piece as an event for pulldown-cmark's writer.
    fn into_event(self) -> Event<'a> {
        match self {
            Piece::Md(e) => e,
            Piece::WikiOpen(h) | Piece::Inline { html: h, .. } | Piece::Block(h) => {
                Event::InlineHtml(CowStr::from(h))
            }
            Piece::WikiClose => Event::InlineHtml(CowStr::from("</a>")),
        }
    }
}

/// Renders Markdown to sanitised HTML, resolving wiki links with `resolver`.
///
/// A note is written by [`safe::write`], which emits only allow-listed
/// elements and attributes with every text and attribute escaped, without
/// parsing the HTML again: for a note without raw HTML (most notes) byte for
/// byte what the sanitiser would make of pulldown-cmark's HTML (a property
/// test holds the two together); raw HTML in a note is sanitised fragment
/// by fragment ([`raw`]). A note with a structure that writer leaves to the
/// HTML parser (a passage embedded inside emphasis or a link) goes through
/// pulldown-cmark's writer and then [`sanitize`].
pub fn render(markdown: &str, resolver: &dyn Resolver) -> Rendered {
    let (pieces, links, _) = pieces(markdown, resolver);
    if let Some(html) = safe::write(&pieces) {
        return Rendered { html, links };
    }
    Rendered {
        html: render_sanitized(markdown, pieces),
        links,
    }
}

/// pulldown-cmark's HTML of the pieces, then the sanitiser.
fn render_sanitized(markdown: &str, pieces: Vec<Piece<'_>>) -> String {
    let mut raw = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut raw, pieces.into_iter().map(Piece::into_event));
    sanitize(&raw)
}

/// The pieces to write, the wiki links, and whether the note holds raw HTML.
fn pieces<'a>(
    markdown: &'a str,
    resolver: &dyn Resolver,
) -> (Vec<Piece<'a>>, Vec<RenderedLink>, bool) {
    let mut links = Vec::new();
    let mut pieces: Vec<Piece<'a>> = Vec::new();
    let mut heading: Option<(HeadingLevel, Vec<Piece<'a>>)> = None;
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut skip_image = false;
    let mut in_metadata = false;
    let mut raw_html = false;
    // For each open link: whether it is a wiki link.
    let mut open_links: Vec<bool> = Vec::new();
    for ev in limit_nesting(Parser::new_ext(markdown, options())) {
        if skip_image {
            // An embed's alt text is replaced by the embed.
            if matches!(ev, Event::End(TagEnd::Image)) {
                skip_image = false;
            }
            continue;
        }
        if in_metadata {
            if matches!(ev, Event::End(TagEnd::MetadataBlock(_))) {
                in_metadata = false;
            }
            continue;
        }
        let out: Vec<Piece<'a>> = match ev {
            Event::Start(Tag::MetadataBlock(_)) => {
                in_metadata = true;
                continue;
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                raw_html = true;
                vec![Piece::Md(ev)]
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => {
                let target = dest_url.to_string();
                let resolved = resolver.resolve(&target);
                links.push(RenderedLink {
                    target: target.clone(),
                    resolved: resolved.clone(),
                });
                let fragment = match target.split_once('#') {
                    Some((_, f)) if !f.starts_with('^') && !f.is_empty() => format!("#{}", slug(f)),
                    _ => String::new(),
                };
                open_links.push(true);
                let html = match &resolved {
                    Some(t) => format!(
                        "<a class=\"wikilink\" href=\"{}\"{REL}>",
                        attr_text(&format!("{}{fragment}", t.href()))
                    ),
                    None => format!(
                        "<a class=\"wikilink unresolved\" href=\"{}\" title=\"Not in the notebook yet: click to create it\"{REL}>",
                        attr_text(&format!("dossier:new/{}", url_escape(&target)))
                    ),
                };
                vec![Piece::WikiOpen(html)]
            }
            Event::Start(Tag::Link { .. }) => {
                open_links.push(false);
                vec![Piece::Md(ev)]
            }
            Event::End(TagEnd::Link) => match open_links.pop() {
                Some(true) => vec![Piece::WikiClose],
                _ => vec![Piece::Md(ev)],
            },
            Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => {
                let target = dest_url.to_string();
                skip_image = true;
                vec![embed_html(&target, resolver, &mut links)]
            }
            Event::TaskListMarker(done) => vec![Piece::Inline {
                html: if done {
                    "<span class=\"task done\">☑</span> "
                } else {
                    "<span class=\"task\">☐</span> "
                }
                .to_string(),
                link: false,
            }],
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, Vec::new()));
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, inner)) = heading.take() {
                    let text: String = inner
                        .iter()
                        .filter_map(|e| match e {
                            Piece::Md(Event::Text(t) | Event::Code(t)) => Some(t.as_ref()),
                            _ => None,
                        })
                        .collect();
                    let mut id = slug(&text);
                    let base = id.clone();
                    let mut n = 2;
                    while !used_ids.insert(id.clone()) {
                        id = format!("{base}-{n}");
                        n += 1;
                    }
                    let mut v = vec![Piece::Md(Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id)),
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    }))];
                    v.extend(inner);
                    v.push(Piece::Md(Event::End(TagEnd::Heading(level))));
                    v
                } else {
                    continue;
                }
            }
            other => vec![Piece::Md(other)],
        };
        match heading.as_mut() {
            Some((_, inner)) => inner.extend(out),
            None => pieces.extend(out),
        }
    }
    (pieces, links, raw_html)
}

/// The `rel` every link gets (the sanitiser adds it to every `<a>`).
const REL: &str = " rel=\"noopener noreferrer nofollow\"";

/// Escapes an attribute value as the HTML serialiser behind the sanitiser
/// does (`&`, `"`, `<`, `>`, no-break space), so that our own elements
/// come out of the sanitiser unchanged.
fn attr_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    safe::escape(&mut out, s, true);
    out
}

/// Escapes text as the HTML serialiser behind the sanitiser does.
fn body_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    safe::escape(&mut out, s, false);
    out
}

/// How deeply rendered elements may nest. Markdown nested deeper (block
/// quotes, lists, emphasis: `>>>>…` a hundred thousand deep) keeps its text,
/// but the elements below this depth are left out, so that neither the
/// sanitiser nor the web view meets a tree they take quadratic time over.
pub const MAX_NESTING: usize = 32;

/// Drops the start and end of every element nested deeper than [`MAX_NESTING`].
fn limit_nesting<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    // For each open element: whether its start was kept.
    let mut open: Vec<bool> = Vec::new();
    let mut kept = 0usize;
    events.filter(move |ev| match ev {
        Event::Start(_) => {
            let keep = kept < MAX_NESTING;
            kept += usize::from(keep);
            open.push(keep);
            keep
        }
        Event::End(_) => {
            let keep = open.pop().unwrap_or(true);
            kept -= usize::from(keep && kept > 0);
            keep
        }
        _ => true,
    })
}

/// `![[source#^annotation]]` → the quoted passage with its citation;
/// `![[target]]` of anything else → a link to it.
fn embed_html<'a>(
    target: &str,
    resolver: &dyn Resolver,
    links: &mut Vec<RenderedLink>,
) -> Piece<'a> {
    if let Some((source, anchor)) = target.split_once("#^") {
        if let Some(e) = resolver.embed(source.trim(), anchor.trim()) {
            let t = LinkTarget::Annotation {
                source: e.source.clone(),
                id: e.annotation.clone(),
            };
            let html = format!(
                "<blockquote class=\"passage\"><p>{}</p><footer>— <cite><a class=\"wikilink\" href=\"{}\"{REL}>{}</a></cite></footer></blockquote>",
                body_text(&e.quote),
                attr_text(&t.href()),
                body_text(&e.citation)
            );
            links.push(RenderedLink {
                target: target.to_string(),
                resolved: Some(t),
            });
            return Piece::Block(html);
        }
        links.push(RenderedLink {
            target: target.to_string(),
            resolved: None,
        });
        return Piece::Inline {
            html: format!(
                "<span class=\"wikilink unresolved\" title=\"No such passage in the notebook\">![[{}]]</span>",
                body_text(target)
            ),
            link: false,
        };
    }
    let resolved = resolver.resolve(target);
    links.push(RenderedLink {
        target: target.to_string(),
        resolved: resolved.clone(),
    });
    let html = match resolved {
        Some(t) => format!(
            "<a class=\"wikilink embed\" href=\"{}\"{REL}>{}</a>",
            attr_text(&t.href()),
            body_text(target)
        ),
        None => format!(
            "<a class=\"wikilink unresolved\" href=\"{}\"{REL}>{}</a>",
            attr_text(&format!("dossier:new/{}", url_escape(target))),
            body_text(target)
        ),
    };
    Piece::Inline { html, link: true }
}

/// Percent-escapes what a URL path segment may not hold.
fn url_escape(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// How deeply raw HTML may nest when it reaches the sanitiser.
pub const MAX_HTML_NESTING: usize = 64;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Drops the tags of elements nested deeper than `max` (their text stays),
/// in one pass over the HTML. The HTML parser behind the sanitiser (and
/// behind the article importer) takes time quadratic in the depth of the
/// tree: `<div>` nested a hundred thousand deep takes it most of a minute.
/// A rough tokenizer is enough here: whatever it lets through still goes
/// through the parser and the sanitiser's allow-list.
pub fn limit_html_nesting(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut kept_from = 0usize;
    let mut depth = 0usize;
    let mut i = 0usize;
    let mut dropped = false;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        let lt = i + off;
        if html[lt..].starts_with("<!--") {
            i = match html[lt + 4..].find("-->") {
                Some(e) => lt + 4 + e + 3,
                None => bytes.len(),
            };
            continue;
        }
        let close = bytes.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(close);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 {
            i = lt + 1;
            continue;
        }
        // The end of the tag: the first '>' outside quotes.
        let mut quote = None;
        let mut gt = None;
        for (j, &b) in bytes[name_start + name_len..].iter().enumerate() {
            match (quote, b) {
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), _) if b == q => quote = None,
                (None, b'>') => {
                    gt = Some(name_start + name_len + j);
                    break;
                }
                _ => {}
            }
        }
        let Some(gt) = gt else { break };
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let void = VOID.contains(&name.as_str()) || bytes[gt - 1] == b'/';
        let drop = if close {
            let deep = depth > max;
            depth = depth.saturating_sub(1);
            deep
        } else if void {
            false
        } else {
            depth += 1;
            depth > max
        };
        if drop {
            out.push_str(&html[kept_from..lt]);
            kept_from = gt + 1;
            dropped = true;
        }
        i = gt + 1;
    }
    if !dropped {
        return std::borrow::Cow::Borrowed(html);
    }
    out.push_str(&html[kept_from..]);
    std::borrow::Cow::Owned(out)
}

/// What every element id in rendered HTML starts with, as on GitHub: an id in a
/// note can then never clobber a name the app's own page or script uses
/// (`window.x`, `document.x`, `form.x`).
pub const ID_PREFIX: &str = "user-content-";

/// An in-page link `#x` points at the prefixed id `#user-content-x`, so that
/// heading anchors and footnote references keep working.
fn prefix_fragment<'v>(element: &str, attribute: &str, value: &'v str) -> Option<std::borrow::Cow<'v, str>> {
    match value.strip_prefix('#') {
        Some(id) if element == "a" && attribute == "href" && !id.starts_with(ID_PREFIX) => {
            Some(std::borrow::Cow::Owned(format!("#{ID_PREFIX}{id}")))
        }
        _ => Some(std::borrow::Cow::Borrowed(value)),
    }
}

/// The allow-list sanitiser every piece of HTML passes before the web view.
/// Every id is prefixed with [`ID_PREFIX`], and every `href="#x"` with it too.
pub fn sanitize(html: &str) -> String {
    let html = limit_html_nesting(html, MAX_HTML_NESTING);
    use std::sync::OnceLock;
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER
        .get_or_init(|| {
            let mut b = ammonia::Builder::default();
            b.url_schemes(["http", "https", "mailto", "dossier"].into_iter().collect())
                .link_rel(Some("noopener noreferrer nofollow"))
                .add_generic_attributes(["id"])
                .id_prefix(Some(ID_PREFIX))
                .attribute_filter(prefix_fragment)
                .add_tags(["footer", "cite", "section"])
                .rm_tags(["img"])
                .add_allowed_classes("a", ["wikilink", "unresolved", "embed"])
                .add_allowed_classes("span", ["task", "done", "wikilink", "unresolved"])
                .add_allowed_classes("blockquote", ["passage"])
                .add_allowed_classes("sup", ["footnote-reference", "footnote-definition-label"])
                .add_allowed_classes("div", ["footnote-definition"])
                .add_allowed_classes("code", ["language-rust", "language-text"]);
            b
        })
        .clean(&html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Resolves targets that start with "ok", and embeds annotations that do.
    struct SomeLinks;

    impl Resolver for SomeLinks {
        fn resolve(&self, target: &str) -> Option<LinkTarget> {
            target.starts_with("ok").then(|| LinkTarget::Note {
                path: format!("{target}.md"),
            })
        }
        fn embed(&self, source: &str, annotation: &str) -> Option<Embed> {
            annotation.starts_with("ok").then(|| Embed {
                source: source.to_string(),
                annotation: annotation.to_string(),
                quote: "a <quoted> & \"passage\"\u{a0}here".into(),
                citation: "Cite & Co, ¶2".into(),
            })
        }
    }

    /// The HTML written without the sanitiser (`None` when the note takes
    /// the sanitiser's road), and the sanitiser's HTML of the same note.
    fn both_roads(md: &str) -> (Option<String>, String) {
        let (pieces, _, raw_html) = pieces(md, &SomeLinks);
        let safe = if raw_html { None } else { safe::write(&pieces) };
        (safe, render_sanitized(md, pieces))
    }

    const FRAGMENTS: &[&str] = &[
        "# Heading",
        "## Heading & <x> \"q\"",
        "# user-content-kept",
        "- item",
        "1. one",
        "3. three",
        "- [x] done",
        "- [ ] to do",
        "> quoted",
        "```rust\nlet a = 1 < 2 && b;\n```",
        "```python extra\ncode\n```",
        "```text\tx\nplain\n```",
        "```\nplain\n```",
        "    indented code <b>",
        "| a | b | c |\n|:--|--:|:-:|\n| 1 | *2* | [[ok]] |",
        "| a |\n|---|",
        "*em*",
        "**strong**",
        "~~struck~~",
        "_em **strong** em_",
        "`code & <b>`",
        "[link](https://example.org/a?b=1&c='2' \"ti\"tle\")",
        "[js](javascript:alert(1))",
        "[js](JaVaScRiPt:alert(1))",
        "[data](data:text/html,<script>alert(1)</script>)",
        "[rel](../x%20y)",
        "[frag](#heading)",
        "[kept](#user-content-x)",
        "[mail](mailto:a@example.org)",
        "[odd](http://[::1)",
        "[space](<a b>)",
        "<https://auto.example/x?y=1&z=2>",
        "<someone@example.org>",
        "![img](https://x.example/p.gif \"t\")",
        "![alt *em* [l](x) [[ok]]](y)",
        "[[ok note]]",
        "[[missing note]]",
        "[[ok#Some Part]]",
        "[[ok|a label]]",
        "[[x\" onmouseover=\"alert(1)]]",
        "![[src#^ok-a]]",
        "![[src#^nope]]",
        "![[ok other]]",
        "![[nothing]]",
        "a footnote[^1]",
        "[^1]: the note",
        "again[^n&m]",
        "[^n&m]: named",
        "\u{a0}nbsp\u{a0}",
        "a & b < c > d \" ' e",
        "&amp; &copy; &#39; &nbsp;",
        "---",
        "***",
        "line  \nbreak",
        "text\\\nhard",
        "*a ![[src#^ok-b]] b*",
        "[a ![[src#^ok-c]]](http://x)",
        "[a [[ok]]](http://x)",
        "[a ![[ok]]](http://x)",
        "[x[^1]](http://x)",
        "before ![[src#^ok-d]] after ![[src#^ok-e]] end",
        "- ![[src#^ok-f]] in a list",
        "# ![[src#^ok-g]] in a heading",
        "> ![[src#^ok-h]] in a quote",
        "---\ntitle: x\n---",
    ];
    const SEPARATORS: &[&str] = &[" ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\n  ", "\n> ", "\n- "];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]

        /// The HTML written without the sanitiser is byte for byte the
        /// sanitiser's HTML of the same note: the sanitiser would change
        /// nothing, so the road without it lets nothing through that the
        /// sanitiser removes.
        #[test]
        fn writing_without_the_sanitiser_is_what_the_sanitiser_makes(
            parts in prop::collection::vec(
                (prop::sample::select(FRAGMENTS), prop::sample::select(SEPARATORS)),
                1..14,
            )
        ) {
            let md: String = parts.iter().flat_map(|(f, s)| [*f, *s]).collect();
            if let (Some(safe), sanitized) = both_roads(&md) {
                prop_assert_eq!(safe, sanitized, "markdown: {:?}", md);
            }
        }
    }

    #[test]
    fn every_fragment_alone_agrees_and_most_skip_the_sanitiser() {
        let mut safe_count = 0;
        for f in FRAGMENTS {
            let (safe, sanitized) = both_roads(f);
            if let Some(safe) = safe {
                assert_eq!(safe, sanitized, "markdown: {f:?}");
                safe_count += 1;
            }
        }
        // Only the embeds inside emphasis or a link, and links in links,
        // take the sanitiser's road.
        assert!(safe_count + 6 >= FRAGMENTS.len(), "{safe_count} of {}", FRAGMENTS.len());
    }

    #[test]
    fn markdown_links_and_images_are_made_safe_without_the_sanitiser() {
        for md in [
            "[x](javascript:alert(1))",
            "[x](JaVaScRiPt:alert(1))",
            "[x](java\tscript:alert(1))",
            "[x](vbscript:msgbox(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "![x](https://tracker.example/p.gif)",
        ] {
            let (safe, _) = both_roads(md);
            let html = safe.unwrap_or_else(|| panic!("{md:?} took the sanitiser's road"));
            let lower = html.to_lowercase();
            for bad in ["javascript:", "vbscript:", "data:", "<img", "href=\"java"] {
                assert!(!lower.contains(bad), "{md:?} gave {html}");
            }
        }
        // A quote in a title or a link text cannot end the attribute.
        let md = "[x\"> <b](https://ok.example/?a=\"b \"\\\" onmouseover=alert(1)\")";
        let html = both_roads(md).0.expect("no raw HTML here");
        assert_eq!(
            html,
            "<p><a href=\"https://ok.example/?a=%22b\" title=\"&quot; onmouseover=alert(1)\" rel=\"noopener noreferrer nofollow\">x\"&gt; &lt;b</a></p>\n"
        );
    }

    /// Raw HTML in notes, hostile and ordinary, for the tests below.
    const RAW: &[&str] = &[
        "<script>alert(1)</script>",
        "<script>\nlet x = '</p>';\n</script>",
        "text <img src=x onerror=alert(1)> text",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\" onclick=\"alert(1)\">x</a>",
        "<a href=\"#part\" target=\"_self\" rel=\"opener\">in page</a>",
        "<a href=\"https://ok.example/?a=1&amp;b=\\\"2\\\"\" title='t \"q\"'>web</a>",
        "<style>body { display: none }</style>",
        "<style>\np { color: red }\n</style>",
        "<p style=\"color:red\" class=\"x passage\" id=\"clobber\">styled</p>",
        "<!-- a comment <script>alert(1)</script> -->",
        "<!--\nmany lines\n-->",
        "<div>",
        "</div>",
        "<details><summary>More</summary>",
        "</details>",
        "<span class=\"task done other\">",
        "</span>",
        "<b>bold <i>both</b> italic</i>",
        "<em>unclosed",
        "</em> stray end",
        "<table><tr><td colspan=\"2\" onclick=\"x\">cell</td></tr></table>",
        "<svg onload=alert(1)><circle r=\"1\"/></svg>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<form action=\"https://evil.example\"><input name=p><button>go</button></form>",
        "<textarea><b>not bold</b></textarea>",
        "<blockquote cite=\"javascript:alert(1)\">q</blockquote>",
        "<q cite=\"https://ok.example\">quoted</q>",
        "<br/><hr size=\"2\" onmouseover=\"x\">",
        "a &amp; b &lt; c &nbsp; &#x3C;script&#x3E;",
        "<kbd>Ctrl</kbd>+<kbd>C</kbd>",
        "<ol start=\"3\" type=\"a\"><li>x</li></ol>",
        "<DIV ID=\"Upper\">shouting</DIV>",
        "<a href=\"x\"><a href=\"y\">nested</a></a>",
        "<a href=\"x\" title=\"unterminated",
    ];

    /// Parses HTML as the sanitiser does and writes its tree back with
    /// each element's attributes in order of name, sanitising nothing.
    fn reparsed(html: &str) -> String {
        fn walk(node: scraper::ElementRef<'_>, out: &mut String) {
            for child in node.children() {
                if let Some(el) = scraper::ElementRef::wrap(child) {
                    let mut attrs: Vec<(&str, &str)> = el.value().attrs().collect();
                    attrs.sort();
                    out.push_str(&format!("<{}{attrs:?}>", el.value().name()));
                    walk(el, out);
                    out.push_str(&format!("</{}>", el.value().name()));
                } else if let Some(t) = child.value().as_text() {
                    out.push_str(&format!("{:?}", &**t));
                }
            }
        }
        let mut out = String::new();
        walk(scraper::Html::parse_fragment(html).root_element(), &mut out);
        out
    }

    /// What the note renders to by the road without the sanitiser; it must
    /// take that road.
    fn written(md: &str) -> String {
        let (pieces, _, _) = pieces(md, &SomeLinks);
        safe::write(&pieces).unwrap_or_else(|| panic!("{md:?} took the sanitiser's road"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]

        /// Raw HTML is sanitised fragment by fragment: the sanitiser, run on
        /// what that writes, takes nothing away (its output is the same
        /// HTML parsed and written back).
        #[test]
        fn raw_html_written_without_the_sanitiser_is_left_as_it_is_by_it(
            parts in prop::collection::vec(
                (
                    prop::sample::select(RAW),
                    prop::sample::select(FRAGMENTS),
                    prop::sample::select(SEPARATORS),
                ),
                1..10,
            )
        ) {
            let md: String = parts.iter().flat_map(|(r, f, s)| [*r, *s, *f, *s]).collect();
            let (pieces, _, _) = pieces(&md, &SomeLinks);
            if let Some(html) = safe::write(&pieces) {
                prop_assert_eq!(reparsed(&sanitize(&html)), reparsed(&html), "markdown: {:?}", md);
            }
        }
    }

    #[test]
    fn every_raw_fragment_alone_is_left_as_it_is_by_the_sanitiser() {
        for md in RAW {
            let html = written(md);
            assert_eq!(reparsed(&sanitize(&html)), reparsed(&html), "markdown: {md:?}");
        }
    }

    #[test]
    fn raw_html_is_made_safe_without_the_sanitiser() {
        for md in RAW {
            let lower = written(md).to_lowercase();
            for bad in [
                "javascript:", "<script", "alert", "<style", "display", "onerror", "onclick",
                "onload", "<img", "<svg", "<math", "<iframe", "<form", "<input", "<textarea",
                "style=", "target=", "<!--", "comment",
            ] {
                assert!(!lower.contains(bad), "{md:?} gave {lower}");
            }
        }
    }

    #[test]
    fn raw_html_is_written_as_expected() {
        let mut bad = Vec::new();
        for (md, want) in [
            ("<script>alert(1)</script>", ""),
            ("a <img src=x onerror=alert(1)> b", "<p>a  b</p>\n"),
            ("<a href=\"javascript:alert(1)\">x</a>", "<p><a rel=\"noopener noreferrer nofollow\">x</a></p>\n"),
            (
                "<a href=\"#part\" target=\"_self\">in</a>",
                "<p><a href=\"#user-content-part\" rel=\"noopener noreferrer nofollow\">in</a></p>\n",
            ),
            ("<style>p { color: red }</style>\n\ntext", "\n<p>text</p>\n"),
            ("a <!-- hidden --> b", "<p>a  b</p>\n"),
            ("<!--\nhidden\n-->\n\ntext", "\n<p>text</p>\n"),
            // An element opened in one HTML block holds the Markdown up to
            // its end in another.
            (
                "<details><summary>More</summary>\n\n*inside*\n\n</details>",
                "<details><summary>More</summary>\n<p><em>inside</em></p>\n</details>",
            ),
            // Left open: closed at the end of the note.
            ("<div>\n\ntext", "<div>\n<p>text</p>\n</div>"),
            // Opened inside a paragraph: closed with it; a later stray end
            // tag goes.
            ("a <b>bold\n\nnext</b> c", "<p>a <b>bold</b></p>\n<p>next c</p>\n"),
            // Misnested: the end tag closes what is open inside it.
            ("<b>1 <i>2</b> 3</i>", "<p><b>1 <i>2</i></b> 3</p>\n"),
            ("<p class=\"passage x\" id=\"a\" style=\"x\">p</p>", "<p id=\"user-content-a\">p</p>"),
            ("<textarea><b>x</b></textarea>", "&lt;b&gt;x&lt;/b&gt;"),
            // Inline, a script's Markdown text goes with it, up to its end
            // tag or the end of the paragraph.
            (
                "[a <script>alert(**1**)</script>](https://ok.example)",
                "<p><a href=\"https://ok.example\" rel=\"noopener noreferrer nofollow\">a <strong></strong></a></p>\n",
            ),
            ("a <style>x `y`\n\nb", "<p>a </p>\n<p>b</p>\n"),
            ("<div><script>\nx\n\nb", "<div>\n<p>b</p>\n</div>"),
        ] {
            let got = written(md);
            if got != want {
                bad.push(format!("{md:?}\n  gave {got:?}\n  want {want:?}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn raw_html_nests_no_deeper_than_the_limit() {
        let md = format!("{}deep{}", "<span>".repeat(200), "</span>".repeat(200));
        let html = written(&md);
        assert_eq!(html.matches("<span>").count(), MAX_HTML_NESTING);
        assert_eq!(html.matches("</span>").count(), MAX_HTML_NESTING);
        assert!(html.contains("deep"));
    }

    #[test]
    fn images_are_not_loaded() {
        let r = render("![x](https://tracker.example/p.gif)", &NoLinks);
        assert!(!r.html.contains("<img"), "{}", r.html);
    }
}
