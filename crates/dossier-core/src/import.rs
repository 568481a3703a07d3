//! Reading files offered for import: checks that refuse what is not text,
//! and the extraction of text and metadata from plain text (wire copy
//! rebuilt into paragraphs), Markdown (with YAML front matter) and HTML
//! pages (in any encoding; the article's main text as Markdown, see
//! [`dossier_text::article`]).

use std::path::{Path, PathBuf};

use dossier_text::article;

use crate::text::split_front_matter;

/// The largest file Dossier imports.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// Descriptive metadata of a source.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SourceMeta {
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the article was last modified, as the page gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// The language tag the page declares (`en`, `ru-RU`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The page's own summary of the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The address the page was fetched from, after redirects (`url` is
    /// the page's canonical address when it names one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_from: Option<String>,
}

/// The formats Dossier imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
        }
    }

    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "text" => Some(Format::Text),
            "markdown" => Some(Format::Markdown),
            "html" => Some(Format::Html),
            _ => None,
        }
    }

    /// The format a file name implies, if Dossier imports it.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            _ => None,
        }
    }
}

/// The text and metadata taken from one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    pub path: PathBuf,
    pub format: Format,
    pub meta: SourceMeta,
    /// The text, paragraphs separated by blank lines.
    pub text: String,
}

/// Lists the importable files under `paths` (folders walked, hidden files
/// and files of other types inside folders passed over), in a stable order.
pub fn collect(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(p.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        out.push(dir.to_path_buf()); // reported as unreadable by `read`
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, out);
        } else if Format::from_path(&p).is_some() {
            out.push(p);
        }
    }
}

/// Reads one file for import, or says why it is refused.
pub fn read(path: &Path) -> Result<Extracted, String> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read it ({e})"),
    })?;
    if meta.is_dir() {
        return Err("is a folder with nothing to import in it".into());
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "too large ({:.1} MB; the limit is {} MB)",
            meta.len() as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        ));
    }
    if !meta.is_file() {
        return Err("not a regular file (a device, pipe or socket)".into());
    }
    let bytes = read_capped(path)?;
    let format = match Format::from_path(path) {
        Some(f) => f,
        None => match path.extension().and_then(|e| e.to_str()) {
            Some(ext) => {
                return Err(format!(
                    "unsupported file type '.{ext}' (Dossier imports .txt, .md and .html)"
                ))
            }
            None => sniff(&bytes),
        },
    };
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("untitled");
    let (meta, body) = extract(&bytes, format, stem)?;
    Ok(Extracted {
        path: path.to_path_buf(),
        format,
        meta,
        text: body,
    })
}

/// The metadata and text of a file's bytes in a known format, or why they
/// are refused (binary, not UTF-8 (text and Markdown; a web page is decoded
/// from the encoding it declares or that its bytes show), empty, no text
/// once markup is removed).
/// `stem` is the file name without its extension, the title of last resort.
/// This is all of an import that looks at the content (and what the fuzzer drives).
pub fn extract(bytes: &[u8], format: Format, stem: &str) -> Result<(SourceMeta, String), String> {
    let text = match format {
        Format::Html => decode_page(bytes)?,
        Format::Text | Format::Markdown => decode(bytes)?,
    };
    if text.trim().is_empty() {
        return Err("empty file".into());
    }
    let (meta, body) = match format {
        Format::Text => from_text(&text, stem),
        Format::Markdown => from_markdown(&text, stem)?,
        Format::Html => from_html(&text, stem, None),
    };
    if body.trim().is_empty() {
        return Err("no text in it once markup is removed".into());
    }
    Ok((meta, body))
}

/// The metadata and text of a fetched page's body: like [`extract`], with
/// the charset the server declared and the page's address (a relative
/// canonical link resolves against it; it is the address kept when the
/// page names none).
pub fn extract_fetched(
    bytes: &[u8],
    format: Format,
    charset: Option<&str>,
    url: &str,
    stem: &str,
) -> Result<(SourceMeta, String), String> {
    if format != Format::Html {
        return extract(bytes, format, stem);
    }
    refuse_binary_magic(bytes)?;
    let text = article::decode_html(bytes, charset)
        .map_err(|e| match e {
            article::DecodeError::Binary => {
                "binary data (NUL bytes and no UTF-16 byte-order mark), not a web page".to_string()
            }
            other => other.to_string(),
        })?
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    if text.trim().is_empty() {
        return Err("the page is empty".into());
    }
    let (meta, body) = from_html(&text, stem, Some(url));
    if body.trim().is_empty() {
        return Err("no text in it once markup is removed".into());
    }
    Ok((meta, body))
}

/// Reads a file, refusing it when it holds more than the limit: the size
/// checked before reading can be stale (a file still being written).
fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read it ({e})"))?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read it ({e})"))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!(
            "too large (more than the limit of {} MB)",
            MAX_FILE_BYTES / 1_048_576
        ));
    }
    Ok(bytes)
}

/// A source's address is kept only when it is a web address: a hostile
/// page's `javascript:` or `data:` URL never reaches a link in the app.
pub(crate) fn web_address(url: String) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let web = (lower.starts_with("http://") || lower.starts_with("https://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control());
    web.then(|| url.to_string())
}

fn sniff(bytes: &[u8]) -> Format {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let head = head.trim_start();
    if head.starts_with("<!doctype html") || head.starts_with("<html") {
        Format::Html
    } else {
        Format::Text
    }
}

/// Binary formats recognised by their first bytes, with what they are.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x7FELF", "a program"),
    (b"SQLite format 3", "an SQLite database"),
];

/// Refuses bytes that open like a known binary format.
fn refuse_binary_magic(bytes: &[u8]) -> Result<(), String> {
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(format!("binary file ({what}), not text"));
        }
    }
    Ok(())
}

/// A web page's bytes → text, in the encoding its byte-order mark, its
/// `<meta charset>` or its bytes show (windows-1251, Shift_JIS, GBK,
/// UTF-16, …); line endings made `\n`.
fn decode_page(bytes: &[u8]) -> Result<String, String> {
    refuse_binary_magic(bytes)?;
    let text = article::decode_html(bytes, None).map_err(|e| match e {
        article::DecodeError::Binary => {
            "binary file (NUL bytes and no UTF-16 byte-order mark), not a web page".to_string()
        }
        other => format!("{other}; save it as UTF-8 and import again"),
    })?;
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Bytes → text, refusing binary data and invalid UTF-8 with where it is.
fn decode(bytes: &[u8]) -> Result<String, String> {
    refuse_binary_magic(bytes)?;
    if let Some(at) = bytes.iter().take(64 * 1024).position(|&b| b == 0) {
        return Err(format!("binary file (a NUL byte at offset {at}), not text"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.replace("\r\n", "\n").replace('\r', "\n")),
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(format!(
                "not valid UTF-8 (invalid byte 0x{:02X} at offset {at}, line {line}); save it as UTF-8 and import again",
                bytes[at]
            ))
        }
    }
}

/// Plain text: paragraphs rebuilt by [`article::plain_paragraphs`]
/// (hard-wrapped wire copy joined back, indented lines and blank lines
/// starting paragraphs; other text one paragraph per line). The title is
/// the first line when it reads as a headline ([`article::headline`]),
/// else the first paragraph when it is short and stands alone, else the
/// file name.
fn from_text(text: &str, stem: &str) -> (SourceMeta, String) {
    let (body, headline) = article::plain_paragraphs_and_headline(text);
    let has_blank = text.trim().lines().any(|l| l.trim().is_empty());
    let title = headline.unwrap_or_else(|| match body.split("\n\n").next() {
        Some(first) if has_blank && first.chars().count() <= 120 && !first.contains('\n') => {
            first.trim().to_string()
        }
        _ => title_from_stem(stem),
    });
    (
        SourceMeta {
            title,
            ..SourceMeta::default()
        },
        body,
    )
}

fn title_from_stem(stem: &str) -> String {
    let t: String = stem.replace(['-', '_'], " ").trim().to_string();
    let mut chars = t.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().collect::<String>() + chars.as_str(),
        None => "Untitled".into(),
    }
}

/// Markdown: YAML front matter gives the metadata; the body is kept as written.
fn from_markdown(text: &str, stem: &str) -> Result<(SourceMeta, String), String> {
    let (yaml, body) = split_front_matter(text);
    let mut meta = SourceMeta::default();
    if let Some(yaml) = yaml {
        let value = crate::yaml::value(yaml)
            .map_err(|e| format!("its YAML front matter does not parse ({e})"))?;
        let get = |keys: &[&str]| -> Option<String> {
            keys.iter().find_map(|k| match value.get(*k)? {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                serde_json::Value::Array(items) => Some(
                    items
                        .iter()
                        .filter_map(|i| i.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                _ => None,
            })
        };
        meta.title = get(&["title"]).unwrap_or_default();
        meta.outlet = get(&["outlet", "publisher", "site", "publication"]);
        meta.author = get(&["author", "authors", "byline"]);
        meta.published = get(&["published", "date"]);
        meta.url = get(&["url", "source", "link"]).and_then(web_address);
    }
    if meta.title.trim().is_empty() {
        meta.title = body
            .lines()
            .find_map(|l| l.strip_prefix("# "))
            .map(|t| t.trim().to_string())
            .unwrap_or_else(|| title_from_stem(stem));
    }
    let body = body.trim_matches('\n').to_string() + "\n";
    Ok((meta, body))
}

/// HTML: the page's article found by [`article::extract_article`]
/// (Readability's rules; navigation, banners, related links, comments and
/// footers left out; nesting and size bounded there) and written as
/// Markdown, one blank line between blocks, so passages follow the
/// article's paragraphs. `url` is the page's own address when known; a page
/// saved by a browser names it in a `<!-- saved from url=… -->` comment.
pub(crate) fn from_html(text: &str, stem: &str, url: Option<&str>) -> (SourceMeta, String) {
    let saved_from = saved_from_url(text);
    let url = url.or(saved_from.as_deref());
    let found = article::extract_article(text, url);
    let nonempty = |s: Option<String>| {
        s.map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let title = Some(found.title)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| title_from_stem(stem));
    let author = if found.authors.is_empty() {
        nonempty(found.byline)
    } else {
        nonempty(Some(found.authors.join(", ")))
    };
    let meta = SourceMeta {
        title,
        outlet: nonempty(found.site_name),
        author,
        published: nonempty(found.published),
        url: found
            .canonical_url
            .and_then(web_address)
            .or_else(|| url.map(str::to_string).and_then(web_address)),
        modified: nonempty(found.modified),
        language: nonempty(found.language),
        description: nonempty(found.description),
        fetched_from: None,
    };
    let body = found.markdown.trim_matches('\n').to_string();
    (meta, body + "\n")
}

/// The address in the comment browsers write at the top of a saved page:
/// `<!-- saved from url=(0042)https://example.org/… -->`.
fn saved_from_url(text: &str) -> Option<String> {
    let mut cut = text.len().min(2048);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = text.get(..cut)?;
    let marker = "saved from url=(";
    let rest = head.get(head.find(marker)? + marker.len()..)?;
    let rest = rest.get(rest.find(')')? + 1..)?;
    let url = rest.split_whitespace().next()?;
    web_address(url.trim_end_matches("-->").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_article_keeps_text_drops_chrome() {
        let html = r#"<!doctype html><html><head><title>Talks | Outlet</title>
            <meta property="og:site_name" content="The Outlet">
            <meta name="author" content="A. Writer">
            <style>p{color:red}</style><script>alert(1)</script></head>
            <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <article><h1>Talks in Geneva</h1><p>First   paragraph about <b>NATO</b>.</p>
            <script>var tracking = 1;</script><p>Second paragraph.</p>
            <aside>Related: other story</aside></article>
            <footer>Copyright</footer></body></html>"#;
        let (meta, text) = from_html(html, "x", None);
        assert_eq!(meta.title, "Talks | Outlet");
        assert_eq!(meta.outlet.as_deref(), Some("The Outlet"));
        assert_eq!(meta.author.as_deref(), Some("A. Writer"));
        assert_eq!(
            text,
            "# Talks in Geneva\n\nFirst paragraph about **NATO**.\n\nSecond paragraph.\n"
        );
    }

    #[test]
    fn a_saved_page_names_its_address() {
        let html = "<!-- saved from url=(0031)https://example.org/a-b-c?x=1 -->\n<html><body><p>Text of it.</p></body></html>";
        assert_eq!(
            saved_from_url(html).as_deref(),
            Some("https://example.org/a-b-c?x=1")
        );
        let (meta, _) = from_html(html, "x", None);
        assert_eq!(meta.url.as_deref(), Some("https://example.org/a-b-c?x=1"));
        assert_eq!(saved_from_url("<!-- saved from url=(0010)javascript:x -->"), None);
    }

    #[test]
    fn invalid_utf8_says_where() {
        let err = decode(b"abc\ndef\xFFghi").unwrap_err();
        assert!(err.contains("offset 7") && err.contains("line 2"), "{err}");
        assert!(decode(b"ab\0cd").unwrap_err().contains("binary"));
        assert!(decode(b"%PDF-1.4 ...").unwrap_err().contains("PDF"));
    }

    #[test]
    fn text_without_blank_lines_is_one_paragraph_per_line() {
        let (_, body) = from_text("One.\nTwo.\n", "my-file");
        assert_eq!(body, "One.\n\nTwo.\n");
        let (meta, _) = from_text("A title\n\nBody one\ncontinues.\n", "f");
        assert_eq!(meta.title, "A title");
    }
}
