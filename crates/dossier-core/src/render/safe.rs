//! The HTML of a note without raw HTML, safe by construction: the elements
//! and attributes pulldown-cmark would write, minus what the sanitiser's
//! allow-list removes (images, `style`, classes it does not know, URLs of
//! schemes it does not allow), plus what it adds (`rel` on links, the id
//! prefix), every text and attribute escaped as its HTML serialiser does.
//! The output is byte for byte what [`super::sanitize`] makes of
//! pulldown-cmark's HTML of the same events (see the property test in
//! `render.rs`), without parsing HTML again, which was most of the time of
//! a preview.
//!
//! Where the HTML parser behind the sanitiser would rearrange the tree (a
//! block quote inside emphasis or a link, a link inside a link), [`write`]
//! gives up and returns `None`: the caller then takes the sanitiser's road.

use std::collections::HashMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::raw::RawHtml;
use super::{prefix_fragment, Piece, ID_PREFIX, REL};

/// The classes the sanitiser keeps on `<code>`.
const CODE_CLASSES: &[&str] = &["language-rust", "language-text"];

/// The URL schemes the sanitiser keeps.
const SCHEMES: &[&str] = &["http", "https", "mailto", "dossier"];

/// Escapes `s` into `out` as html5ever's serialiser does: `&`, `<`, `>` and
/// the no-break space always, `"` in attributes. Carriage returns become
/// line feeds, as the HTML tokenizer makes them.
pub(super) fn escape(out: &mut String, s: &str, attribute: bool) {
    let mut from = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rep = match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if attribute => "&quot;",
            0xC2 if bytes.get(i + 1) == Some(&0xA0) => "&nbsp;",
            b'\r' => "\n",
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(&s[from..i]);
        out.push_str(rep);
        let crlf = bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n');
        let len = if bytes[i] == 0xC2 || crlf { 2 } else { 1 };
        i += len;
        from = i;
    }
    out.push_str(&s[from..]);
}

/// An `href` as the sanitiser leaves it: pulldown-cmark's escaping of the
/// destination (as the HTML parser reads it back), `None` when its scheme
/// is not allowed, an in-page `#x` pointing at the prefixed id.
fn href(prefix: &str, dest: &str) -> Option<String> {
    let mut escaped = String::with_capacity(prefix.len() + dest.len());
    escaped.push_str(prefix);
    pulldown_cmark_escape::escape_href(&mut escaped, dest).ok()?;
    // The two entities escape_href writes, as the parser decodes them.
    checked_href(escaped.replace("&amp;", "&").replace("&#x27;", "'"))
}

/// The sanitiser's check of an `href` value as the parser read it.
fn checked_href(value: String) -> Option<String> {
    checked_url("a", "href", &value)
}

/// The sanitiser's check of a URL attribute's value as the parser read it:
/// `None` when its scheme is not allowed, an in-page `#x` of a link pointing
/// at the prefixed id.
pub(super) fn checked_url(element: &str, attribute: &str, value: &str) -> Option<String> {
    let keep = match url::Url::parse(value) {
        Ok(u) => SCHEMES.contains(&u.scheme()),
        Err(url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    };
    if !keep {
        return None;
    }
    prefix_fragment(element, attribute, value).map(|v| v.into_owned())
}

/// An id as the sanitiser leaves it: with [`ID_PREFIX`].
pub(super) fn id(out: &mut String, id: &str) {
    out.push_str(" id=\"");
    if !id.starts_with(ID_PREFIX) {
        out.push_str(ID_PREFIX);
    }
    escape(out, id, true);
    out.push('"');
}

#[derive(Clone, Copy, PartialEq)]
enum Open {
    Paragraph,
    /// `<em>`, `<strong>`, `<del>`: formatting the parser reconstructs.
    Formatting,
    Link,
    Other,
}

struct Writer<'a> {
    out: String,
    /// Whether the output ends with a line feed (pulldown-cmark's rule for
    /// where it puts line feeds between blocks).
    end_newline: bool,
    in_table_head: bool,
    numbers: HashMap<CowStr<'a>, usize>,
    open: Vec<Open>,
    /// A passage embed closed the paragraph it stood in (as the parser
    /// closes a `<p>` before a `<blockquote>`).
    paragraph_broken: bool,
    /// Depth inside an image, whose content is dropped with it.
    image: usize,
    /// The elements raw HTML opened.
    raw: RawHtml,
    /// The lines of the HTML block being read, written at its end.
    html_block: Option<String>,
}

impl<'a> Writer<'a> {
    fn write(&mut self, s: &str) {
        self.out.push_str(s);
        if !s.is_empty() {
            self.end_newline = s.ends_with('\n');
        }
    }

    fn text(&mut self, s: &str) {
        if self.raw.skipping() {
            return;
        }
        escape(&mut self.out, s, false);
        if !s.is_empty() {
            self.end_newline = s.ends_with('\n');
        }
    }

    /// A line feed first unless the output ends with one.
    fn block(&mut self, s: &str) {
        if !self.end_newline {
            self.out.push('\n');
        }
        self.write(s);
    }

    fn links_open(&self) -> bool {
        self.open.contains(&Open::Link)
    }

    fn start(&mut self, tag: Tag<'a>) -> Option<()> {
        let open = match tag {
            Tag::Paragraph => {
                self.block("<p>");
                self.paragraph_broken = false;
                Open::Paragraph
            }
            Tag::Heading { level, id: hid, .. } => {
                self.block(&format!("<{level}"));
                if let Some(i) = hid {
                    id(&mut self.out, &i);
                }
                self.write(">");
                Open::Other
            }
            Tag::BlockQuote(None) => {
                self.block("<blockquote>\n");
                Open::Other
            }
            Tag::CodeBlock(kind) => {
                if !self.end_newline {
                    self.write("\n");
                }
                match kind {
                    CodeBlockKind::Fenced(info) => {
                        let lang = info.split(' ').next().unwrap_or("");
                        if lang.is_empty() {
                            self.write("<pre><code>");
                        } else {
                            let class = format!("language-{lang}");
                            let kept: Vec<&str> = class
                                .split_ascii_whitespace()
                                .filter(|c| CODE_CLASSES.contains(c))
                                .collect();
                            self.write("<pre><code class=\"");
                            escape(&mut self.out, &kept.join(" "), true);
                            self.write("\">");
                        }
                    }
                    CodeBlockKind::Indented => self.write("<pre><code>"),
                }
                Open::Other
            }
            Tag::List(Some(1)) => {
                self.block("<ol>\n");
                Open::Other
            }
            Tag::List(Some(start)) => {
                self.block(&format!("<ol start=\"{start}\">\n"));
                Open::Other
            }
            Tag::List(None) => {
                self.block("<ul>\n");
                Open::Other
            }
            Tag::Item => {
                self.block("<li>");
                Open::Other
            }
            Tag::FootnoteDefinition(name) => {
                self.block("<div class=\"footnote-definition\"");
                id(&mut self.out, &name);
                self.write("><sup class=\"footnote-definition-label\">");
                let len = self.numbers.len() + 1;
                let number = *self.numbers.entry(name).or_insert(len);
                self.write(&format!("{number}</sup>"));
                Open::Other
            }
            Tag::Table(alignments) => {
                // Alignment goes out in `style`, which the allow-list drops.
                let _ = alignments;
                self.write("<table>");
                Open::Other
            }
            Tag::TableHead => {
                self.in_table_head = true;
                self.write("<thead><tr>");
                Open::Other
            }
            Tag::TableRow => {
                self.write("<tr>");
                Open::Other
            }
            Tag::TableCell => {
                self.write(if self.in_table_head { "<th>" } else { "<td>" });
                Open::Other
            }
            Tag::Emphasis => {
                self.write("<em>");
                Open::Formatting
            }
            Tag::Strong => {
                self.write("<strong>");
                Open::Formatting
            }
            Tag::Strikethrough => {
                self.write("<del>");
                Open::Formatting
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                if self.links_open() {
                    return None;
                }
                let prefix = if link_type == pulldown_cmark::LinkType::Email {
                    "mailto:"
                } else {
                    ""
                };
                self.write("<a");
                if let Some(h) = href(prefix, &dest_url) {
                    self.write(" href=\"");
                    escape(&mut self.out, &h, true);
                    self.write("\"");
                }
                if !title.is_empty() {
                    self.write(" title=\"");
                    escape(&mut self.out, &title, true);
                    self.write("\"");
                }
                self.write(REL);
                self.write(">");
                Open::Link
            }
            Tag::Image { .. } => {
                // The allow-list drops images, alt text and all. pulldown-cmark
                // would have written `<img …/>`, which ends without a line
                // feed, and decides the next block's line feed on that.
                self.image = 1;
                self.end_newline = false;
                return Some(());
            }
            Tag::HtmlBlock => {
                // Not an element: what its HTML opens may hold the Markdown
                // after it (`<details>`, blank line, Markdown, `</details>`).
                self.html_block = Some(String::new());
                return Some(());
            }
            // Not enabled by `options()`, or held back by the renderer: the
            // sanitiser's road.
            Tag::BlockQuote(Some(_))
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript => return None,
        };
        self.open.push(open);
        Some(())
    }

    /// Raw HTML, sanitised, inside the open Markdown elements.
    fn raw_html(&mut self, html: &str) {
        if html.is_empty() {
            return;
        }
        self.raw.write(&mut self.out, html, self.open.len());
        self.end_newline = self.out.ends_with('\n');
    }

    fn end(&mut self, tag: TagEnd) -> Option<()> {
        if tag == TagEnd::HtmlBlock {
            let html = self.html_block.take().unwrap_or_default();
            self.raw_html(&html);
            self.raw.end_block();
            return Some(());
        }
        // What raw HTML opened inside this element ends with it.
        self.raw.close(&mut self.out, self.open.len());
        self.open.pop();
        match tag {
            TagEnd::Paragraph => {
                if std::mem::take(&mut self.paragraph_broken) {
                    self.write("<p></p>\n")
                } else {
                    self.write("</p>\n")
                }
            }
            TagEnd::Heading(level) => self.write(&format!("</{level}>\n")),
            TagEnd::Table => self.write("</tbody></table>\n"),
            TagEnd::TableHead => {
                self.write("</tr></thead><tbody>\n");
                self.in_table_head = false;
            }
            TagEnd::TableRow => self.write("</tr>\n"),
            TagEnd::TableCell => self.write(if self.in_table_head { "</th>" } else { "</td>" }),
            TagEnd::BlockQuote(_) => self.write("</blockquote>\n"),
            TagEnd::CodeBlock => self.write("</code></pre>\n"),
            TagEnd::List(true) => self.write("</ol>\n"),
            TagEnd::List(false) => self.write("</ul>\n"),
            TagEnd::Item => self.write("</li>\n"),
            TagEnd::Emphasis => self.write("</em>"),
            TagEnd::Strong => self.write("</strong>"),
            TagEnd::Strikethrough => self.write("</del>"),
            TagEnd::Link => self.write("</a>"),
            TagEnd::FootnoteDefinition => self.write("</div>\n"),
            _ => return None,
        }
        Some(())
    }

    fn piece(&mut self, piece: &Piece<'a>) -> Option<()> {
        if self.image > 0 {
            match piece {
                Piece::Md(Event::Start(_)) => self.image += 1,
                Piece::Md(Event::End(_)) => self.image -= 1,
                _ => {}
            }
            return Some(());
        }
        match piece {
            Piece::Md(ev) => self.event(ev.clone()),
            Piece::WikiOpen(html) => {
                if self.links_open() {
                    return None;
                }
                self.write(html);
                self.open.push(Open::Link);
                Some(())
            }
            Piece::WikiClose => {
                self.open.pop();
                self.write("</a>");
                Some(())
            }
            Piece::Inline { html, link } => {
                if *link && self.links_open() {
                    return None;
                }
                self.write(html);
                Some(())
            }
            Piece::Block(html) => {
                // The parser closes an open paragraph before a block quote
                // and reconstructs open formatting inside it: only the first
                // is done here.
                if self
                    .open
                    .iter()
                    .any(|o| matches!(o, Open::Formatting | Open::Link))
                {
                    return None;
                }
                if self.open.last() == Some(&Open::Paragraph) && !self.paragraph_broken {
                    self.out.push_str("</p>");
                    self.paragraph_broken = true;
                }
                self.write(html);
                Some(())
            }
        }
    }

    fn event(&mut self, ev: Event<'a>) -> Option<()> {
        match ev {
            Event::Start(tag) => return self.start(tag),
            Event::End(tag) => return self.end(tag),
            Event::Text(t) => self.text(&t),
            Event::Code(_) if self.raw.skipping() => {}
            Event::Code(t) => {
                self.write("<code>");
                self.text(&t);
                self.write("</code>");
            }
            Event::SoftBreak => self.write("\n"),
            Event::HardBreak => self.write("<br>\n"),
            Event::Rule => self.block("<hr>\n"),
            Event::FootnoteReference(name) => {
                if self.links_open() {
                    return None;
                }
                let len = self.numbers.len() + 1;
                self.write("<sup class=\"footnote-reference\"><a");
                if let Some(h) = checked_href(format!("#{name}")) {
                    self.write(" href=\"");
                    escape(&mut self.out, &h, true);
                    self.write("\"");
                }
                self.write(REL);
                self.write(">");
                let number = *self.numbers.entry(name).or_insert(len);
                self.write(&format!("{number}</a></sup>"));
            }
            Event::Html(html) | Event::InlineHtml(html) => match self.html_block.as_mut() {
                Some(block) => block.push_str(&html),
                None => self.raw_html(&html),
            },
            // The task marker (the renderer replaces it), math (not enabled).
            Event::TaskListMarker(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_) => return None,
        }
        Some(())
    }
}

/// The HTML of `pieces`, or `None` when the sanitiser's road must be taken.
pub(super) fn write(pieces: &[Piece<'_>]) -> Option<String> {
    let mut w = Writer {
        out: String::with_capacity(pieces.len() * 16),
        end_newline: true,
        in_table_head: false,
        numbers: HashMap::new(),
        open: Vec::new(),
        paragraph_broken: false,
        image: 0,
        raw: RawHtml::default(),
        html_block: None,
    };
    for p in pieces {
        w.piece(p)?;
    }
    if let Some(html) = w.html_block.take() {
        w.raw_html(&html);
    }
    w.raw.close(&mut w.out, 0);
    Some(w.out)
}
