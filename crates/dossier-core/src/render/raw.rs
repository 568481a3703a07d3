//! Raw HTML in a note, sanitised fragment by fragment as the safe writer
//! ([`super::safe`]) meets it, instead of a second parse of the whole
//! output: html5ever's tokenizer (the one behind the sanitiser) reads each
//! fragment, and only the sanitiser's allow-list of elements and
//! attributes is written back, every text and attribute escaped.
//!
//! - `<script>` and `<style>` go with their content; comments, doctypes and
//!   elements off the list go, their text stays (as the sanitiser does).
//! - URLs (`href`, `src`, `cite`) keep only the allowed schemes; every `<a>`
//!   gets `rel`; ids get [`super::ID_PREFIX`]; classes only those the
//!   sanitiser keeps.
//! - The output is balanced: an end tag closes only an element the raw HTML
//!   opened inside the same Markdown element; what is still open when that
//!   Markdown element (or the note) ends is closed there. Raw elements nest
//!   at most [`super::MAX_HTML_NESTING`] deep.
//!
//! A test holds the lists to the sanitiser's: what this writes, the
//! sanitiser leaves as it is.

use std::cell::{Cell, RefCell};

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tendril::StrTendril;

use super::safe::{checked_url, escape, id};
use super::{MAX_HTML_NESTING, REL};

/// The elements the sanitiser keeps: ammonia's defaults, with `footer`,
/// `cite`, `section` added and `img` removed (see [`super::sanitize`]).
const TAGS: &[&str] = &[
    "a", "abbr", "acronym", "area", "article", "aside", "b", "bdi", "bdo", "blockquote", "br",
    "caption", "center", "cite", "code", "col", "colgroup", "data", "dd", "del", "details", "dfn",
    "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "i", "ins", "kbd", "li", "map", "mark", "nav", "ol", "p", "pre",
    "q", "rp", "rt", "rtc", "ruby", "s", "samp", "section", "small", "span", "strike", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "th", "thead", "time", "tr", "tt", "u", "ul",
    "var", "wbr",
];

/// Elements without content or end tag.
const VOID: &[&str] = &["area", "br", "col", "hr", "wbr"];

/// Attributes the sanitiser keeps on every element.
const GENERIC: &[&str] = &["lang", "title", "id"];

/// Attributes the sanitiser keeps on one element.
fn tag_attribute(tag: &str, attr: &str) -> bool {
    const ALIGN: &[&str] = &["align", "char", "charoff"];
    match tag {
        "a" => matches!(attr, "href" | "hreflang"),
        "bdo" => attr == "dir",
        "blockquote" | "q" => attr == "cite",
        "col" | "colgroup" => ALIGN.contains(&attr) || attr == "span",
        "del" | "ins" => matches!(attr, "cite" | "datetime"),
        "hr" => matches!(attr, "align" | "size" | "width"),
        "ol" => attr == "start",
        "table" => ALIGN.contains(&attr) || attr == "summary",
        "tbody" | "tfoot" | "thead" | "tr" => ALIGN.contains(&attr),
        "td" => ALIGN.contains(&attr) || matches!(attr, "colspan" | "headers" | "rowspan"),
        "th" => {
            ALIGN.contains(&attr) || matches!(attr, "colspan" | "headers" | "rowspan" | "scope")
        }
        _ => false,
    }
}

/// The classes the sanitiser keeps, by element.
fn classes(tag: &str) -> &'static [&'static str] {
    match tag {
        "a" => &["wikilink", "unresolved", "embed"],
        "span" => &["task", "done", "wikilink", "unresolved"],
        "blockquote" => &["passage"],
        "sup" => &["footnote-reference", "footnote-definition-label"],
        "div" => &["footnote-definition"],
        "code" => &["language-rust", "language-text"],
        _ => &[],
    }
}

/// An element the raw HTML opened and has not closed yet.
#[derive(Debug)]
struct Open {
    name: &'static str,
    /// How many Markdown elements were open around it.
    depth: usize,
}

/// The raw HTML state of one note.
#[derive(Debug, Default)]
pub(super) struct RawHtml {
    open: Vec<Open>,
    /// Inside `<script>` or `<style>` opened inside this many Markdown
    /// elements: what follows goes, up to its end tag or the end of that
    /// Markdown element (or of the HTML block it stands in).
    skip: Option<(&'static str, usize)>,
}

impl RawHtml {
    /// Writes the sanitised `html` (one or more raw fragments read as one)
    /// to `out`, inside `depth` open Markdown elements.
    pub(super) fn write(&mut self, out: &mut String, html: &str, depth: usize) {
        let sink = Sink {
            out: RefCell::new(std::mem::take(out)),
            open: RefCell::new(std::mem::take(&mut self.open)),
            skip: Cell::new(self.skip.map(|(name, _)| name)),
            depth,
        };
        let tok = Tokenizer::new(sink, TokenizerOpts::default());
        let input = BufferQueue::default();
        input.push_back(StrTendril::from_slice(html));
        let _ = tok.feed(&input);
        tok.end();
        let sink = tok.sink;
        *out = sink.out.into_inner();
        self.open = sink.open.into_inner();
        self.skip = match (sink.skip.get(), self.skip) {
            (None, _) => None,
            (Some(_), Some(was)) => Some(was),
            (Some(name), None) => Some((name, depth)),
        };
    }

    /// Whether Markdown text here goes, inside a raw `<script>` or `<style>`.
    pub(super) fn skipping(&self) -> bool {
        self.skip.is_some()
    }

    /// An HTML block ends: a `<script>` or `<style>` in it ends with it.
    pub(super) fn end_block(&mut self) {
        self.skip = None;
    }

    /// Closes what the raw HTML opened inside the Markdown element that ends
    /// now, `depth` being the number of Markdown elements open with it.
    pub(super) fn close(&mut self, out: &mut String, depth: usize) {
        if self.skip.is_some_and(|(_, d)| d >= depth) {
            self.skip = None;
        }
        while self.open.last().is_some_and(|o| o.depth >= depth) {
            let o = self.open.pop().expect("just seen");
            close_tag(out, o.name);
        }
    }
}

fn close_tag(out: &mut String, name: &str) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

struct Sink {
    out: RefCell<String>,
    open: RefCell<Vec<Open>>,
    /// Inside `<script>` or `<style>`, whose content goes.
    skip: Cell<Option<&'static str>>,
    depth: usize,
}

impl Sink {
    fn start(&self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        match name {
            "script" => {
                self.skip.set(Some("script"));
                return TokenSinkResult::RawData(RawKind::ScriptData);
            }
            "style" => {
                self.skip.set(Some("style"));
                return TokenSinkResult::RawData(RawKind::Rawtext);
            }
            // Their content is text to a browser; it stays, as text.
            "textarea" | "title" => return TokenSinkResult::RawData(RawKind::Rcdata),
            _ => {}
        }
        let Some(&name) = TAGS.iter().find(|t| **t == name) else {
            return TokenSinkResult::Continue;
        };
        let void = VOID.contains(&name);
        let mut open = self.open.borrow_mut();
        if !void && open.len() >= MAX_HTML_NESTING {
            return TokenSinkResult::Continue;
        }
        let mut out = self.out.borrow_mut();
        out.push('<');
        out.push_str(name);
        for a in &tag.attrs {
            if a.name.prefix.is_some() {
                continue;
            }
            let attr: &str = &a.name.local;
            let value: &str = &a.value;
            if attr == "id" {
                id(&mut out, value);
            } else if attr == "class" {
                let kept: Vec<&str> = value
                    .split_ascii_whitespace()
                    .filter(|c| classes(name).contains(c))
                    .collect();
                if !kept.is_empty() {
                    out.push_str(" class=\"");
                    escape(&mut out, &kept.join(" "), true);
                    out.push('"');
                }
            } else if GENERIC.contains(&attr) || tag_attribute(name, attr) {
                let value = if matches!(attr, "href" | "cite") {
                    match checked_url(name, attr, value) {
                        Some(v) => std::borrow::Cow::Owned(v),
                        None => continue,
                    }
                } else {
                    std::borrow::Cow::Borrowed(value)
                };
                out.push(' ');
                out.push_str(attr);
                out.push_str("=\"");
                escape(&mut out, &value, true);
                out.push('"');
            }
        }
        if name == "a" {
            out.push_str(REL);
        }
        out.push('>');
        if !void {
            open.push(Open {
                name,
                depth: self.depth,
            });
        }
        TokenSinkResult::Continue
    }

    fn end(&self, tag: &Tag) {
        let name: &str = &tag.name;
        if self.skip.get() == Some(name) {
            self.skip.set(None);
            return;
        }
        let mut open = self.open.borrow_mut();
        // Only an element opened inside the same Markdown element.
        let Some(at) = open
            .iter()
            .rposition(|o| o.depth < self.depth || o.name == name)
            .filter(|&i| open[i].depth == self.depth && open[i].name == name)
        else {
            return;
        };
        let mut out = self.out.borrow_mut();
        for o in open.drain(at..).rev() {
            close_tag(&mut out, o.name);
        }
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) if self.skip.get().is_some() => {
                // The tokenizer hands out nothing but the end tag inside a
                // script or style; anything else is skipped with it.
                if tag.kind == TagKind::EndTag {
                    self.end(&tag);
                }
            }
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return self.start(&tag),
                TagKind::EndTag => self.end(&tag),
            },
            Token::CharacterTokens(text) => {
                if self.skip.get().is_none() {
                    escape(&mut self.out.borrow_mut(), &text, false);
                }
            }
            Token::CommentToken(_)
            | Token::DoctypeToken(_)
            | Token::NullCharacterToken
            | Token::EOFToken
            | Token::ParseError(_) => {}
        }
        TokenSinkResult::Continue
    }
}
