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
        .and_then(|y| serde_yaml::from_str::<serde_yaml::Value>(y).ok())
        .and_then(|v| v.get("title").and_then(|t| t.as_str()).map(str::to_string));

    // Split at ATX headings outside code fences.
    let mut sections = Vec::new();
    let mut cur_start = 0usize; // byte in body
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
                body,
                body_offset,
                cur_start,
                pos,
                cur_heading.take(),
                &mut sections,
            );
            cur_start = pos;
            cur_heading = Some(heading);
        }
        pos += line.len();
    }
    push_section(
        body,
        body_offset,
        cur_start,
        body.len(),
        cur_heading,
        &mut sections,
    );

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

fn push_section(
    body: &str,
    body_offset: usize,
    start: usize,
    end: usize,
    heading: Option<String>,
    out: &mut Vec<Section>,
) {
    let raw = &body[start..end];
    let text = plain_text(raw);
    if text.trim().is_empty() {
        return;
    }
    let cstart = body_offset + body[..start].chars().count();
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

/// `[[target]]`, `[[target|label]]` and embeds `![[target]]`, with char offsets.
pub fn wiki_links(text: &str) -> Vec<NoteLink> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut consumed_bytes = 0usize;
    while let Some(open) = rest.find("[[") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("]]") else { break };
        let inner = &after[..close];
        if !inner.contains('\n') && !inner.trim().is_empty() && !inner.contains("[[") {
            let (target, label) = match inner.split_once('|') {
                Some((t, l)) => (t.trim(), Some(l.trim().to_string())),
                None => (inner.trim(), None),
            };
            let start_b = consumed_bytes + open;
            let end_b = start_b + 2 + close + 2;
            out.push(NoteLink {
                target: target.to_string(),
                label,
                start: text[..start_b].chars().count(),
                end: text[..end_b].chars().count(),
            });
        }
        let step = open + 2;
        consumed_bytes += step;
        rest = &rest[step..];
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
    fn title_falls_back_to_heading_then_stem() {
        assert_eq!(parse("# Heading\n\ntext", "stem").title, "Heading");
        assert_eq!(parse("just text", "stem").title, "stem");
    }
}
