//! Real articles in: the main text and metadata of a web page, HTML in any
//! encoding, wire copy in plain text, and readable ids for titles in every
//! script.
//!
//! - [`extract_article`] finds a page's article with `dom_smoothie` (a Rust
//!   port of Mozilla Readability), falls back to `<article>`/`<main>`/body
//!   text when it finds nothing, and writes the result as Markdown whose
//!   blocks are separated by one blank line, so that a blank-line passage
//!   splitter follows the article's paragraphs.
//! - [`decode_html`] turns the bytes of a page into text: BOM, declared
//!   charset, `<meta charset>`, then `chardetng`'s guess.
//! - [`plain_paragraphs`] and [`headline`] (both at once:
//!   [`plain_paragraphs_and_headline`]) rebuild the paragraphs and the
//!   title of hard-wrapped wire copy.
//! - [`slug`] makes a readable id from a title in any script.
//!
//! All functions are pure (no I/O) and bounded on hostile input: pages are
//! capped in size ([`MAX_HTML_BYTES`]) and in element nesting
//! ([`MAX_NESTING`]) before any HTML parser sees them.

mod encoding;
mod markdown;
mod metadata;
mod nesting;
mod plain;
mod slug;

pub use encoding::{decode_html, DecodeError};
pub use plain::{headline, plain_paragraphs, plain_paragraphs_and_headline};
pub use slug::slug;

use dom_query::Document;
use serde::Serialize;

/// The largest HTML input [`extract_article`] reads, in bytes; the rest of a
/// bigger page is cut off (at a character boundary) before parsing. Real
/// article pages, scripts and inline images included, stay well below this;
/// what is bigger is generated or hostile, and parsing it whole would take
/// seconds to minutes.
pub const MAX_HTML_BYTES: usize = 8 * 1024 * 1024;

/// How deeply elements may nest before [`extract_article`] drops the tags of
/// deeper ones (their text stays). The HTML tree builder and the Readability
/// scoring walk ancestors, which costs time quadratic in the depth.
pub const MAX_NESTING: usize = 256;

/// Pages with more elements than this skip Readability's scoring (which
/// walks every candidate's ancestors) and go to the fallback. Real pages
/// stay far below: the largest of Mozilla's 130 test pages has about
/// 10,000 elements.
pub const MAX_READABILITY_ELEMENTS: usize = 100_000;

/// A web page's article: its text as Markdown and what the page says about
/// it. Fields the page does not state are `None` or empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Article {
    /// The article's headline (without the site name that `<title>` often
    /// appends), or the empty string when the page has none.
    pub title: String,
    /// The byline as the page writes it (e.g. "By Jane Doe and John Roe").
    pub byline: Option<String>,
    /// The authors' names, one per entry, in page order, without "By".
    pub authors: Vec<String>,
    /// The publication's name (Open Graph `og:site_name`, JSON-LD publisher).
    pub site_name: Option<String>,
    /// When the article was first published, ISO 8601 as the page gives it.
    pub published: Option<String>,
    /// When it was last modified, ISO 8601 as the page gives it.
    pub modified: Option<String>,
    /// The page's canonical address (`<link rel=canonical>`, `og:url`, or
    /// the `url` given to [`extract_article`]).
    pub canonical_url: Option<String>,
    /// The language tag of the page (`<html lang>`, `og:locale`, JSON-LD).
    pub language: Option<String>,
    /// The page's own summary (`description`, `og:description`).
    pub description: Option<String>,
    /// The article's body as Markdown: lead, paragraphs, `##` subheadings,
    /// lists, `>` quotes and tables, one blank line between blocks. The
    /// title is not repeated here (see [`Article::to_markdown`]); link
    /// targets, images and captions are left out.
    pub markdown: String,
}

impl Article {
    /// The whole article as one Markdown document: `# title`, the byline in
    /// italics when there is one, then the body.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        if !self.title.trim().is_empty() {
            out.push_str("# ");
            out.push_str(self.title.trim());
            out.push_str("\n\n");
        }
        if let Some(byline) = &self.byline {
            out.push('*');
            out.push_str(byline.trim());
            out.push_str("*\n\n");
        }
        out.push_str(&self.markdown);
        out
    }
}

/// Extracts the article of a web page: its main text as Markdown (see
/// [`Article::markdown`]) and its metadata, with the page's navigation,
/// share bars, related links, comments, cookie banners, ads and footers
/// left out.
///
/// `url` is the page's address, when known; it is used as the canonical
/// address when the page names none. Never panics; a page with no text
/// gives an article with an empty body.
pub fn extract_article(html: &str, url: Option<&str>) -> Article {
    let html = cap_at_char_boundary(html, MAX_HTML_BYTES);
    let html = nesting::limit_nesting(html, MAX_NESTING);
    let doc = Document::from(html.as_ref());
    let mut found = metadata::from_document(&doc);
    let readable = readability(doc);

    let mut markdown = String::new();
    if let Some(article) = &readable {
        markdown = markdown::html_to_markdown(&article.content);
        // Readability's own metadata follows its well-tested rules (JSON-LD,
        // then meta tags, then the document); ours fills what it lacks.
        let title = normalize_space(&article.title);
        if !title.is_empty() && !is_headline_with_suffix(&title, &found.headline) {
            found.title = title;
        }
        if let Some(byline) = article.byline.as_deref().map(normalize_space) {
            if !byline.is_empty() && !metadata::looks_like_date(&byline) {
                found.byline = Some(byline);
            }
        }
        fill(&mut found.site_name, article.site_name.as_deref());
        fill(&mut found.published, article.published_time.as_deref());
        fill(&mut found.modified, article.modified_time.as_deref());
        fill(&mut found.language, article.lang.as_deref());
        fill(&mut found.description, article.excerpt.as_deref());
    }
    if word_count(&markdown) < MIN_ARTICLE_WORDS {
        // On a short page Readability may keep the menu with the text; the
        // fallback has the page's furniture (nav, header, footer) removed.
        let fallback = markdown::fallback_markdown(html.as_ref());
        if word_count(&fallback) > 0 {
            markdown = fallback;
        }
    }
    markdown = drop_repeated_header(
        &markdown,
        &found.title,
        found.byline.as_deref(),
        &found.authors,
    );
    markdown = drop_ad_labels(&markdown);
    if found.canonical_url.is_none() {
        found.canonical_url = url.map(str::to_string);
    }
    if found.authors.is_empty() {
        if let Some(byline) = &found.byline {
            found.authors = metadata::split_byline(byline);
        }
    }
    if found.byline.is_none() && !found.authors.is_empty() {
        found.byline = Some(found.authors.join(", "));
    }
    Article {
        title: found.title,
        byline: found.byline,
        authors: found.authors,
        site_name: found.site_name,
        published: found.published,
        modified: found.modified,
        canonical_url: found.canonical_url,
        language: found.language,
        description: found.description,
        markdown,
    }
}

/// Whether `title` is the page's own headline (JSON-LD `headline` or
/// `og:title`, found by [`metadata::from_document`]) with a site or author
/// name appended after a separator (`Headline | Author | Site`), as
/// `<title>` often has it; the headline alone is then the better title.
fn is_headline_with_suffix(title: &str, headline: &Option<String>) -> bool {
    let Some(headline) = headline.as_deref().filter(|h| !h.is_empty()) else {
        return false;
    };
    title.len() > headline.len()
        && title.starts_with(headline)
        && [" | ", " - ", " – ", " — ", " :: ", " · ", " » "]
            .iter()
            .any(|sep| {
                title
                    .get(headline.len()..)
                    .is_some_and(|rest| rest.starts_with(sep))
            })
}

/// How many of the body's first blocks may repeat the title or byline.
const HEADER_BLOCKS: usize = 4;

/// Drops, among the body's first blocks, a heading that repeats the title
/// and a short line that is the byline (it holds an author's name and
/// little else): [`Article::to_markdown`] writes both from the metadata.
fn drop_repeated_header(md: &str, title: &str, byline: Option<&str>, authors: &[String]) -> String {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let title = squash(title);
    let mut names: Vec<String> = authors.iter().map(|a| squash(a)).collect();
    if let Some(b) = byline {
        names.extend(metadata::split_byline(b).iter().map(|a| squash(a)));
    }
    names.retain(|n| n.chars().count() >= 3);
    let mut out = Vec::new();
    for (i, block) in md.split("\n\n").enumerate() {
        if i < HEADER_BLOCKS && !block.contains('\n') {
            let text = squash(block.trim_start_matches('#'));
            let is_title = block.starts_with('#') && !title.is_empty() && text == title;
            let is_byline = text.chars().count() <= 60
                && names.iter().any(|n| {
                    text.contains(n.as_str()) && text.chars().count() <= n.chars().count() * 2 + 6
                });
            if is_title || is_byline {
                continue;
            }
        }
        out.push(block);
    }
    out.join("\n\n")
}

/// Labels that ad slots print and that are not article text, in the
/// languages news sites most often use ("Advertisement", "Publicidad",
/// "Anzeige", "Реклама", "広告", …).
const AD_LABELS: &[&str] = &[
    "advertisement",
    "advertising",
    "ad",
    "sponsored",
    "sponsored content",
    "publicidad",
    "anuncio",
    "publicité",
    "anzeige",
    "werbung",
    "pubblicità",
    "reclame",
    "advertentie",
    "reklama",
    "reklame",
    "mainos",
    "реклама",
    "διαφήμιση",
    "reklam",
    "إعلان",
    "פרסומת",
    "广告",
    "廣告",
    "広告",
    "광고",
    "विज्ञापन",
    "quảng cáo",
    "iklan",
    "โฆษณา",
];

/// Drops blocks whose whole text is an ad slot's label.
fn drop_ad_labels(md: &str) -> String {
    md.split("\n\n")
        .filter(|block| {
            let label = block
                .trim()
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            !AD_LABELS.contains(&label.as_str())
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Below this many words, Readability's pick is taken to have missed the
/// article and the fallback (article/main/body text) is tried.
const MIN_ARTICLE_WORDS: usize = 25;

/// Runs Readability over the parsed page; `None` when it finds no article.
/// The page's address is not passed on: Readability uses it only to make
/// link and image addresses absolute, and the Markdown keeps neither.
fn readability(doc: Document) -> Option<dom_smoothie::Article> {
    let config = dom_smoothie::Config {
        max_elements_to_parse: MAX_READABILITY_ELEMENTS,
        ..dom_smoothie::Config::default()
    };
    let mut reader = dom_smoothie::Readability::with_document(doc, None, Some(config)).ok()?;
    reader.parse().ok()
}

fn fill(slot: &mut Option<String>, value: Option<&str>) {
    if slot.is_none() {
        if let Some(v) = value.map(normalize_space).filter(|v| !v.is_empty()) {
            *slot = Some(v);
        }
    }
}

/// Collapses runs of whitespace to one space and trims the ends.
pub(crate) fn normalize_space(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn word_count(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The longest prefix of `s` of at most `max` bytes that ends at a
/// character boundary.
fn cap_at_char_boundary(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_title_byline_and_ad_labels_are_dropped() {
        let md = "# Talks end\n\nJane Doe reporter\n\nFirst paragraph.\n\nAdvertisement\n\nLast.\n";
        let md = drop_repeated_header(md, "Talks end", None, &["Jane Doe".to_string()]);
        assert_eq!(drop_ad_labels(&md), "First paragraph.\n\nLast.\n");
        // A paragraph that merely names the author stays.
        let md = "Jane Doe, who covered the talks for a decade, said they had never been harder.\n";
        assert_eq!(
            drop_repeated_header(md, "Talks", Some("By Jane Doe"), &[]),
            md
        );
    }

    #[test]
    fn caps_at_char_boundaries() {
        assert_eq!(cap_at_char_boundary("héllo", 2), "h");
        assert_eq!(cap_at_char_boundary("héllo", 3), "hé");
        assert_eq!(cap_at_char_boundary("abc", 10), "abc");
    }

    #[test]
    fn to_markdown_puts_title_and_byline_first() {
        let a = Article {
            title: "Talks".into(),
            byline: Some("By A. Writer".into()),
            markdown: "Body.\n".into(),
            ..Article::default()
        };
        assert_eq!(a.to_markdown(), "# Talks\n\n*By A. Writer*\n\nBody.\n");
    }
}
