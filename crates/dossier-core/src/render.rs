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

use crate::text::{escape_html, slug};

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

/// Renders Markdown to sanitised HTML, resolving wiki links with `resolver`.
pub fn render(markdown: &str, resolver: &dyn Resolver) -> Rendered {
    let mut links = Vec::new();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut heading: Option<(HeadingLevel, Vec<Event<'_>>)> = None;
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut skip_image = false;
    let mut in_metadata = false;
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
        let out: Vec<Event<'_>> = match ev {
            Event::Start(Tag::MetadataBlock(_)) => {
                in_metadata = true;
                continue;
            }
            Event::Start(Tag::Link {
                link_type: LinkType::WikiLink { has_pothole },
                dest_url,
                ..
            }) => {
                let target = dest_url.to_string();
                let resolved = resolver.resolve(&target);
                links.push(RenderedLink {
                    target: target.clone(),
                    resolved: resolved.clone(),
                });
                let _ = has_pothole;
                let fragment = match target.split_once('#') {
                    Some((_, f)) if !f.starts_with('^') && !f.is_empty() => format!("#{}", slug(f)),
                    _ => String::new(),
                };
                let html = match &resolved {
                    Some(t) => format!(
                        "<a class=\"wikilink\" href=\"{}{fragment}\">",
                        escape_html(&t.href())
                    ),
                    None => format!(
                        "<a class=\"wikilink unresolved\" href=\"{}\" title=\"Not in the notebook yet: click to create it\">",
                        escape_html(&format!("dossier:new/{}", url_escape(&target)))
                    ),
                };
                vec![Event::InlineHtml(CowStr::from(html))]
            }
            Event::End(TagEnd::Link) => vec![Event::InlineHtml(CowStr::from("</a>"))],
            Event::Start(Tag::Image {
                link_type: LinkType::WikiLink { .. },
                dest_url,
                ..
            }) => {
                let target = dest_url.to_string();
                skip_image = true;
                vec![Event::InlineHtml(CowStr::from(embed_html(
                    &target, resolver, &mut links,
                )))]
            }
            Event::TaskListMarker(done) => vec![Event::InlineHtml(CowStr::from(if done {
                "<span class=\"task done\">☑</span> "
            } else {
                "<span class=\"task\">☐</span> "
            }))],
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((level, Vec::new()));
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, inner)) = heading.take() {
                    let text: String = inner
                        .iter()
                        .filter_map(|e| match e {
                            Event::Text(t) | Event::Code(t) => Some(t.to_string()),
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
                    let mut v = vec![Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id)),
                        classes: Vec::new(),
                        attrs: Vec::new(),
                    })];
                    v.extend(inner);
                    v.push(Event::End(TagEnd::Heading(level)));
                    v
                } else {
                    continue;
                }
            }
            other => vec![other],
        };
        match heading.as_mut() {
            Some((_, inner)) => inner.extend(out),
            None => events.extend(out),
        }
    }
    let mut raw = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut raw, events.into_iter());
    Rendered {
        html: sanitize(&raw),
        links,
    }
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
fn embed_html(target: &str, resolver: &dyn Resolver, links: &mut Vec<RenderedLink>) -> String {
    if let Some((source, anchor)) = target.split_once("#^") {
        if let Some(e) = resolver.embed(source.trim(), anchor.trim()) {
            let t = LinkTarget::Annotation {
                source: e.source.clone(),
                id: e.annotation.clone(),
            };
            let html = format!(
                "<blockquote class=\"passage\"><p>{}</p><footer>— <cite><a class=\"wikilink\" href=\"{}\">{}</a></cite></footer></blockquote>",
                escape_html(&e.quote),
                escape_html(&t.href()),
                escape_html(&e.citation)
            );
            links.push(RenderedLink {
                target: target.to_string(),
                resolved: Some(t),
            });
            return html;
        }
        links.push(RenderedLink {
            target: target.to_string(),
            resolved: None,
        });
        return format!(
            "<span class=\"wikilink unresolved\" title=\"No such passage in the notebook\">![[{}]]</span>",
            escape_html(target)
        );
    }
    let resolved = resolver.resolve(target);
    links.push(RenderedLink {
        target: target.to_string(),
        resolved: resolved.clone(),
    });
    match resolved {
        Some(t) => format!(
            "<a class=\"wikilink embed\" href=\"{}\">{}</a>",
            escape_html(&t.href()),
            escape_html(target)
        ),
        None => format!(
            "<a class=\"wikilink unresolved\" href=\"{}\">{}</a>",
            escape_html(&format!("dossier:new/{}", url_escape(target))),
            escape_html(target)
        ),
    }
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

    #[test]
    fn images_are_not_loaded() {
        let r = render("![x](https://tracker.example/p.gif)", &NoLinks);
        assert!(!r.html.contains("<img"), "{}", r.html);
    }
}
