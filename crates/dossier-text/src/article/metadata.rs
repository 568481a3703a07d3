//! What a page says about its article: JSON-LD, Open Graph and `article:*`
//! meta tags, `<meta name=author>`, `<time datetime>`, `rel=author`,
//! `<link rel=canonical>` and `<html lang>`.

use super::normalize_space;
use dom_query::Document;
use serde_json::Value;

/// Metadata found in a page; [`super::extract_article`] merges it with
/// Readability's.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub title: String,
    /// The headline as the page's JSON-LD or `og:title` states it, when it
    /// does (not the `<title>` or `<h1>` guess).
    pub headline: Option<String>,
    pub byline: Option<String>,
    pub authors: Vec<String>,
    pub site_name: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub canonical_url: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
}

/// At most this many JSON-LD blocks are read, and each only when under
/// [`MAX_JSON_LD_BYTES`]: a page could hold thousands.
const MAX_JSON_LD_BLOCKS: usize = 32;
const MAX_JSON_LD_BYTES: usize = 512 * 1024;

/// Reads the page's metadata; JSON-LD first (publishers write it for search
/// engines and keep it right), then meta tags, then the document itself.
pub(crate) fn from_document(doc: &Document) -> Found {
    let mut found = Found::default();
    if let Some(ld) = json_ld_article(doc) {
        apply_json_ld(&ld, &mut found);
    }
    let meta = |keys: &[&str]| -> Option<String> {
        keys.iter().find_map(|k| {
            let sel = format!("meta[property=\"{k}\"], meta[name=\"{k}\"], meta[itemprop=\"{k}\"]");
            doc.select(&sel)
                .iter()
                .filter_map(|m| m.attr("content").map(|c| normalize_space(&c)))
                .find(|c| !c.is_empty())
        })
    };
    if found.title.is_empty() {
        found.title = meta(&["og:title", "twitter:title"]).unwrap_or_default();
    }
    if !found.title.is_empty() {
        found.headline = Some(found.title.clone());
    }
    if found.title.is_empty() {
        found.title = meta(&["dc.title", "DC.title"])
            .or_else(|| first_text(doc, "title"))
            .or_else(|| first_text(doc, "h1"))
            .unwrap_or_default();
    }
    if found.authors.is_empty() {
        let names: Vec<String> = doc
            .select(
                "meta[name=author], meta[property=\"article:author\"], meta[name=\"dc.creator\"]",
            )
            .iter()
            .filter_map(|m| m.attr("content").map(|c| normalize_space(&c)))
            .filter(|c| !c.is_empty() && !looks_like_url(c))
            .flat_map(|c| split_byline(&c))
            .collect();
        found.authors = dedup(names);
    }
    if found.byline.is_none() {
        found.byline = first_text(
            doc,
            "[rel=author], [itemprop=author] [itemprop=name], [itemprop=author], .byline, .author",
        )
        .filter(|b| b.chars().count() <= 100 && !looks_like_date(b));
    }
    fill(
        &mut found.site_name,
        meta(&["og:site_name", "application-name"]),
    );
    fill(
        &mut found.published,
        meta(&[
            "article:published_time",
            "datePublished",
            "og:published_time",
            "pubdate",
            "dc.date",
            "DC.date.issued",
            "date",
        ]),
    );
    if found.published.is_none() {
        found.published = doc
            .select("time[datetime]")
            .iter()
            .filter_map(|t| t.attr("datetime").map(|d| normalize_space(&d)))
            .find(|d| !d.is_empty());
    }
    fill(
        &mut found.modified,
        meta(&["article:modified_time", "dateModified", "og:updated_time"]),
    );
    fill(
        &mut found.canonical_url,
        doc.select("link[rel=canonical]")
            .iter()
            .filter_map(|l| l.attr("href").map(|h| h.trim().to_string()))
            .find(|h| looks_like_url(h)),
    );
    fill(
        &mut found.canonical_url,
        meta(&["og:url"]).filter(|u| looks_like_url(u)),
    );
    fill(
        &mut found.language,
        doc.select("html[lang]")
            .iter()
            .filter_map(|h| h.attr("lang").map(|l| l.trim().to_string()))
            .find(|l| !l.is_empty()),
    );
    fill(
        &mut found.language,
        meta(&["og:locale", "content-language", "language"]),
    );
    fill(
        &mut found.description,
        meta(&["description", "og:description", "twitter:description"]),
    );
    found
}

fn fill(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value.filter(|v| !v.is_empty());
    }
}

fn first_text(doc: &Document, sel: &str) -> Option<String> {
    doc.select(sel)
        .iter()
        .map(|e| normalize_space(&e.text()))
        .find(|t| !t.is_empty())
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("//")
}

/// The first JSON-LD object typed as an article (`NewsArticle`, `Article`,
/// `BlogPosting`, `ReportageNewsArticle`, …), looked for in top-level
/// objects, arrays and `@graph`s.
fn json_ld_article(doc: &Document) -> Option<Value> {
    for script in doc
        .select("script[type=\"application/ld+json\"]")
        .iter()
        .take(MAX_JSON_LD_BLOCKS)
    {
        let text = script.text();
        if text.len() > MAX_JSON_LD_BYTES {
            continue;
        }
        let text = text.trim();
        let text = text
            .strip_prefix("<![CDATA[")
            .and_then(|t| t.strip_suffix("]]>"))
            .unwrap_or(text);
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        if let Some(found) = find_article(&value, 0) {
            return Some(found.clone());
        }
    }
    None
}

fn find_article(value: &Value, depth: usize) -> Option<&Value> {
    if depth > 4 {
        return None;
    }
    match value {
        Value::Array(items) => items.iter().find_map(|v| find_article(v, depth + 1)),
        Value::Object(map) => {
            if map.get("@type").is_some_and(is_article_type) {
                return Some(value);
            }
            map.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

fn is_article_type(t: &Value) -> bool {
    match t {
        Value::String(s) => {
            let s = s.rsplit(['/', ':']).next().unwrap_or(s);
            s.ends_with("Article") || s == "BlogPosting" || s == "Report" || s == "LiveBlogPosting"
        }
        Value::Array(items) => items.iter().any(is_article_type),
        _ => false,
    }
}

fn apply_json_ld(ld: &Value, found: &mut Found) {
    let text = |key: &str| -> Option<String> {
        match ld.get(key)? {
            Value::String(s) => Some(normalize_space(s)).filter(|s| !s.is_empty()),
            _ => None,
        }
    };
    if let Some(title) = text("headline").or_else(|| text("name")) {
        found.title = title;
    }
    found.authors = dedup(names(ld.get("author"), 0));
    found.published = text("datePublished");
    found.modified = text("dateModified");
    found.site_name = ld
        .get("publisher")
        .and_then(|p| names(Some(p), 0).into_iter().next());
    found.description = text("description");
    found.language = text("inLanguage");
    found.canonical_url = text("url").filter(|u| looks_like_url(u)).or_else(|| {
        match ld.get("mainEntityOfPage")? {
            Value::String(s) => Some(s.clone()),
            Value::Object(m) => m.get("@id").and_then(Value::as_str).map(str::to_string),
            _ => None,
        }
        .filter(|u| looks_like_url(u))
    });
}

/// The names in a JSON-LD `author`/`publisher` value: a string, an object
/// with `name`, or an array of either.
fn names(value: Option<&Value>, depth: usize) -> Vec<String> {
    match value {
        _ if depth > 3 => Vec::new(),
        Some(Value::String(s)) if !looks_like_url(s) => split_byline(s),
        Some(Value::Object(map)) => match map.get("name") {
            Some(Value::String(s)) => vec![normalize_space(s)],
            other => names(other, depth + 1),
        },
        Some(Value::Array(items)) => items
            .iter()
            .flat_map(|v| names(Some(v), depth + 1))
            .collect(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|n| !n.is_empty())
    .collect()
}

/// Whether a would-be byline is rather a date line ("April 28, 2019 at
/// 6:01 am", "04.05.2015 à 13h36", "2019-01-03"): it holds a year or a
/// time and no more than a third of its words start with a capital letter
/// that is not a month name; or it has as many digits as letters.
pub(crate) fn looks_like_date(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    if digits == 0 {
        return false;
    }
    if digits >= letters {
        return true;
    }
    let has_year_or_time = s
        .split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 4)
        || s.contains(':');
    let words: Vec<&str> = s.split_whitespace().collect();
    let names = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter(|w| !is_month(w))
        .count();
    has_year_or_time && names * 3 <= words.len()
}

fn is_month(word: &str) -> bool {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let w = word.to_lowercase();
    MONTHS.iter().any(|m| w.starts_with(m))
}

fn dedup(names: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&n)) {
            out.push(n);
        }
    }
    out
}

/// The names in a byline: a leading "By"/"by" dropped, split at commas,
/// semicolons, "&" and " and ". ("By Jane Doe and John Roe" → ["Jane Doe",
/// "John Roe"].) Parts without a letter are dropped.
pub(crate) fn split_byline(byline: &str) -> Vec<String> {
    let b = normalize_space(byline);
    let b = ["By ", "by ", "BY "]
        .iter()
        .find_map(|p| b.strip_prefix(p))
        .unwrap_or(&b);
    b.split([',', ';', '&', '|'])
        .flat_map(|part| part.split(" and "))
        .map(normalize_space)
        .filter(|p| p.chars().any(char::is_alphabetic))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines_are_not_bylines() {
        assert!(looks_like_date(
            "April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm"
        ));
        assert!(looks_like_date("2019-01-03T07:00:00Z"));
        assert!(looks_like_date("04.05.2015 à 13h36"));
        assert!(!looks_like_date("By Jane Doe"));
        assert!(!looks_like_date("Jane Doe, 2019 Pulitzer Prize winner"));
    }

    #[test]
    fn bylines_split_into_names() {
        assert_eq!(
            split_byline("By Jane Doe and John Roe"),
            ["Jane Doe", "John Roe"]
        );
        assert_eq!(
            split_byline("A. One, B. Two & C. Three"),
            ["A. One", "B. Two", "C. Three"]
        );
        assert_eq!(split_byline("  "), Vec::<String>::new());
    }

    #[test]
    fn json_ld_in_a_graph() {
        let html = r#"<html lang="de"><head><script type="application/ld+json">
        {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
         {"@type":["NewsArticle"],"headline":"Gipfel in Genf","datePublished":"2022-01-10T08:00:00+01:00",
          "author":[{"@type":"Person","name":"Anna Muster"},{"@type":"Person","name":"Ben Beispiel"}],
          "publisher":{"@type":"Organization","name":"Zeitung"},
          "mainEntityOfPage":{"@id":"https://example.org/genf"}}]}
        </script><title>Gipfel | Zeitung</title></head><body></body></html>"#;
        let f = from_document(&Document::from(html));
        assert_eq!(f.title, "Gipfel in Genf");
        assert_eq!(f.authors, ["Anna Muster", "Ben Beispiel"]);
        assert_eq!(f.site_name.as_deref(), Some("Zeitung"));
        assert_eq!(f.published.as_deref(), Some("2022-01-10T08:00:00+01:00"));
        assert_eq!(f.canonical_url.as_deref(), Some("https://example.org/genf"));
        assert_eq!(f.language.as_deref(), Some("de"));
    }

    #[test]
    fn meta_tags_when_no_json_ld() {
        let html = r#"<html lang="en"><head><meta property="og:title" content="Talks end">
        <meta property="og:site_name" content="Daily"><meta name="author" content="Jo Writer">
        <meta property="article:published_time" content="2022-01-10">
        <link rel="canonical" href="https://daily.example/talks"></head><body></body></html>"#;
        let f = from_document(&Document::from(html));
        assert_eq!(f.title, "Talks end");
        assert_eq!(f.authors, ["Jo Writer"]);
        assert_eq!(f.published.as_deref(), Some("2022-01-10"));
        assert_eq!(
            f.canonical_url.as_deref(),
            Some("https://daily.example/talks")
        );
    }
}
