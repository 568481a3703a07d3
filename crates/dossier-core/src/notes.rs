//! Reading notes: Markdown files with optional YAML front matter. A note's
//! title, its sections (split at headings, for the index) and its wiki links.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::store::NoteLink;
use crate::text::split_front_matter;

/// A note as the index and the store see it.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedNote {
    pub title: String,
    pub sections: Vec<Section>,
    pub links: Vec<NoteLink>,
}

/// A part of a note under one heading (or before the first).
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub heading: Option<String>,
    /// Character offsets of the section in the note's file.
    pub start: usize,
    pub end: usize,
    /// The section as plain text (markup removed).
    pub text: String,
}

/// Reads a note's title, sections and links. `stem` is the file name
/// without `.md`, the title of last resort.
pub fn parse(text: &str, stem: &str) -> ParsedNote {
    let (yaml, body) = split_front_matter(text);
    let body_offset = text[..text.len() - body.len()].chars().count();
    let fm_title = yaml
        .and_then(|y| crate::yaml::value(y).ok())
        .and_then(|v| v.get("title").and_then(|t| t.as_str()).map(str::to_string));

    // Split at ATX headings outside code fences.
    let mut sections = Vec::new();
    let mut cur_start = 0usize; // byte in body
    let mut cur_cstart = body_offset; // char in text
    let mut cpos = body_offset; // char in text at `pos`
    let mut cur_heading: Option<String> = None;
    let mut in_fence = false;
    let mut pos = 0usize;
    let mut first_h1: Option<String> = None;
    for line in body.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
        }
        if !in_fence && is_heading(t) {
            let heading = t.trim_start_matches('#').trim().to_string();
            if first_h1.is_none() && t.starts_with("# ") {
                first_h1 = Some(heading.clone());
            }
            push_section(
                &body[cur_start..pos],
                cur_cstart,
                cur_heading.take(),
                &mut sections,
            );
            cur_start = pos;
            cur_cstart = cpos;
            cur_heading = Some(heading);
        }
        pos += line.len();
        cpos += line.chars().count();
    }
    push_section(&body[cur_start..], cur_cstart, cur_heading, &mut sections);

    let title = fm_title.or(first_h1).unwrap_or_else(|| stem.to_string());
    ParsedNote {
        title,
        sections,
        links: wiki_links(text),
    }
}

fn is_heading(t: &str) -> bool {
    let hashes = t.chars().take_while(|&c| c == '#').count();
    (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t'])
}

/// Adds the section `raw`, which starts at char `cstart` of the note's file
/// (counted as the lines go by: counting from the start for each section
/// would take quadratic time on a note of many headings).
fn push_section(raw: &str, cstart: usize, heading: Option<String>, out: &mut Vec<Section>) {
    let text = plain_text(raw);
    if text.trim().is_empty() {
        return;
    }
    out.push(Section {
        heading,
        start: cstart,
        end: cstart + raw.chars().count(),
        text,
    });
}

/// Markdown → plain text: paragraphs separated by blank lines.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            // The text inside raw HTML is searchable too; the tags are not.
            Event::Html(h) | Event::InlineHtml(h) => push_without_tags(&h, &mut out),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock,
            ) => out.push_str("\n\n"),
            Event::Start(Tag::Item) => {}
            _ => {}
        }
    }
    out.trim().to_string()
}

fn push_without_tags(html: &str, out: &mut String) {
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
}

/// `[[target]]`, `[[target|label]]` and embeds `![[target]]`, with char offsets.
///
/// Linear in the text: a run of `[[` jumps to the innermost one before the
/// next `]]`, and char offsets are counted forward from the last link (a note
/// of `[[[[…` or of many links must not take quadratic time).
pub fn wiki_links(text: &str) -> Vec<NoteLink> {
    let mut out = Vec::new();
    let mut from = 0usize;
    // A cursor (byte, char) that only moves forward.
    let (mut cur_b, mut cur_c) = (0usize, 0usize);
    let mut chars_at = |b: usize| {
        if b < cur_b {
            (cur_b, cur_c) = (0, 0);
        }
        cur_c += text[cur_b..b].chars().count();
        cur_b = b;
        cur_c
    };
    while let Some(open_rel) = text[from..].find("[[") {
        let open = from + open_rel;
        let after = open + 2;
        let Some(close_rel) = text[after..].find("]]") else {
            break;
        };
        let inner = &text[after..after + close_rel];
        if let Some(nearer) = inner.rfind("[[") {
            from = after + nearer;
            continue;
        }
        if !inner.contains('\n') && !inner.trim().is_empty() {
            let (target, label) = match inner.split_once('|') {
                Some((t, l)) => (t.trim(), Some(l.trim().to_string())),
                None => (inner.trim(), None),
            };
            let start = chars_at(open);
            let end = chars_at(after + close_rel + 2);
            out.push(NoteLink {
                target: target.to_string(),
                label,
                start,
                end,
            });
        }
        from = after;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_titles_and_links() {
        let text = "---\ntitle: Red lines\n---\nIntro with [[Jens Stoltenberg]].\n\n# Bucharest\n\nThe *2008* summit, see [[russia-nato-talks|the article]].\n\n```\n# not a heading\n```\n";
        let n = parse(text, "file");
        assert_eq!(n.title, "Red lines");
        assert_eq!(n.sections.len(), 2);
        assert_eq!(n.sections[1].heading.as_deref(), Some("Bucharest"));
        assert!(n.sections[1].text.contains("The 2008 summit"));
        assert!(
            n.sections[1].text.contains("# not a heading"),
            "fenced code is not a heading"
        );
        assert_eq!(n.links.len(), 2);
        assert_eq!(n.links[1].target, "russia-nato-talks");
        assert_eq!(n.links[1].label.as_deref(), Some("the article"));
        let l = &n.links[0];
        let got: String = text.chars().skip(l.start).take(l.end - l.start).collect();
        assert_eq!(got, "[[Jens Stoltenberg]]");
        let s = &n.sections[1];
        let got: String = text.chars().skip(s.start).take(s.end - s.start).collect();
        assert!(got.starts_with("# Bucharest"));
    }

    #[test]
    fn nested_brackets_take_the_innermost_link() {
        let text = "é [[a [[b]] c]] [[[x]] ü [[y|Y]]";
        let links = wiki_links(text);
        let got: Vec<_> = links.iter().map(|l| l.target.as_str()).collect();
        assert_eq!(got, ["b", "[x", "y"]);
        for l in &links {
            let span: String = text.chars().skip(l.start).take(l.end - l.start).collect();
            assert!(span.starts_with("[[") && span.ends_with("]]"), "{span}");
        }
    }

    #[test]
    fn title_falls_back_to_heading_then_stem() {
        assert_eq!(parse("# Heading\n\ntext", "stem").title, "Heading");
        assert_eq!(parse("just text", "stem").title, "stem");
    }
}
