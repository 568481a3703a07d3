//! Markdown as plain text: what a note says, without its markup, for every
//! place that shows a note's words as text rather than HTML (contexts on
//! entity pages, comments in lists and tooltips).
//!
//! `[[target|label]]` reads as its label, `[text](url)` as its text,
//! emphasis and code markers are dropped, headings lose their `#`, blocks
//! are separated by line breaks, and raw HTML is left out.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::anchor::CharText;
use crate::context::{in_context, InContext};

/// A Markdown text as plain text, with a map back to the Markdown's offsets.
#[derive(Debug, Clone)]
pub struct PlainText {
    /// The plain text.
    pub text: String,
    /// Runs of plain text: (plain char start, markdown char start, markdown
    /// char end, plain char length, whether the run is the markdown verbatim).
    runs: Vec<Run>,
}

#[derive(Debug, Clone, Copy)]
struct Run {
    plain: usize,
    len: usize,
    md_start: usize,
    md_end: usize,
    verbatim: bool,
}

fn options() -> Options {
    Options::ENABLE_WIKILINKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

/// `markdown` as plain text (see the module's documentation).
pub fn plain_text(markdown: &str) -> PlainText {
    let md = CharText::new(markdown);
    let mut text = String::with_capacity(markdown.len());
    let mut chars = 0usize;
    let mut runs: Vec<Run> = Vec::new();
    let mut in_metadata = false;
    let push_break = |text: &mut String, chars: &mut usize, n: usize| {
        let have = text.len() - text.trim_end_matches('\n').len();
        if text.is_empty() {
            return;
        }
        for _ in have..n {
            text.push('\n');
            *chars += 1;
        }
    };
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t)
                if !in_metadata =>
            {
                let n = t.chars().count();
                let source = markdown.get(range.clone()).unwrap_or("");
                runs.push(Run {
                    plain: chars,
                    len: n,
                    md_start: md.char_at_byte(range.start),
                    md_end: md.char_at_byte(range.end),
                    verbatim: source == &*t,
                });
                text.push_str(&t);
                chars += n;
            }
            Event::SoftBreak => {
                text.push(' ');
                chars += 1;
            }
            Event::HardBreak => {
                text.push('\n');
                chars += 1;
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_)
                | TagEnd::Table
                | TagEnd::FootnoteDefinition,
            ) => push_break(&mut text, &mut chars, 2),
            Event::End(TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead) => {
                push_break(&mut text, &mut chars, 1)
            }
            Event::End(TagEnd::TableCell) => {
                text.push(' ');
                chars += 1;
            }
            _ => {}
        }
    }
    let trimmed = text.trim_end().len();
    text.truncate(trimmed);
    PlainText { text, runs }
}

/// `markdown` as one line of plain text: for a comment shown in a list.
pub fn inline_text(markdown: &str) -> String {
    plain_text(markdown)
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl PlainText {
    /// The plain offset of a markdown char offset: inside a verbatim run
    /// exactly; inside markup, the start of the next run (`toward_end`
    /// false) or the end of the previous one (`toward_end` true).
    pub fn plain_offset(&self, md_offset: usize, toward_end: bool) -> usize {
        let total = self.text.chars().count();
        let i = self.runs.partition_point(|r| r.md_end <= md_offset);
        if let Some(r) = self.runs.get(i) {
            if r.md_start <= md_offset {
                let into = md_offset - r.md_start;
                let at = if r.verbatim {
                    into.min(r.len)
                } else if toward_end {
                    r.len
                } else {
                    0
                };
                return (r.plain + at).min(total);
            }
            if !toward_end {
                return r.plain.min(total);
            }
        }
        match i.checked_sub(1).and_then(|j| self.runs.get(j)) {
            Some(r) if toward_end || i >= self.runs.len() => (r.plain + r.len).min(total),
            _ => 0,
        }
    }

    /// The plain text around a span given in markdown char offsets, cut at
    /// word boundaries (see [`in_context`]).
    pub fn context(&self, md_start: usize, md_end: usize, width: usize) -> InContext {
        let start = self.plain_offset(md_start, false);
        let end = self.plain_offset(md_end, true).max(start);
        in_context(&CharText::new(&self.text), start, end, width)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_and_words_stay() {
        let md = "## Scenarios\n\nAs [[Alexei Makarkin|Makarkin]] says, the *talks* are **hard** (see [the report](https://example.org)).\n\n- one `item`\n- two\n";
        let p = plain_text(md);
        assert_eq!(
            p.text,
            "Scenarios\n\nAs Makarkin says, the talks are hard (see the report).\n\none item\ntwo"
        );
        assert_eq!(
            inline_text(md),
            "Scenarios As Makarkin says, the talks are hard (see the report). one item two"
        );
    }

    #[test]
    fn front_matter_is_not_text() {
        let p = plain_text("---\ntitle: A\n---\n# Heading\n\nBody.\n");
        assert_eq!(p.text, "Heading\n\nBody.");
    }

    #[test]
    fn a_span_of_the_markdown_maps_into_the_plain_text() {
        let md = "## Who\n\nWe quote [[Alexei Makarkin]] on *Geneva* here.";
        let p = plain_text(md);
        let at = md.find("Alexei").unwrap_or(0);
        let c = p.context(at, at + "Alexei Makarkin".len(), 40);
        assert_eq!(c.text, "Alexei Makarkin");
        assert!(c.before.ends_with("We quote "), "{c:?}");
        assert_eq!(c.after, " on Geneva here.");
        assert!(!c.before.contains('#') && !c.before.contains("[["), "{c:?}");
    }

    proptest::proptest! {
        #[test]
        fn any_markdown_gives_text_and_offsets_in_bounds(
            md in "[a-z #*_\\[\\]()|`>\n-]{0,80}", a in 0usize..90, b in 0usize..90
        ) {
            let p = plain_text(&md);
            let n = p.text.chars().count();
            let (s, e) = (a.min(b), a.max(b));
            proptest::prop_assert!(p.plain_offset(s, false) <= n);
            proptest::prop_assert!(p.plain_offset(e, true) <= n);
            let _ = p.context(s, e, 10);
        }
    }
}
