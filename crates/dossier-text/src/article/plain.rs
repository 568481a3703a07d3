//! Wire copy and other plain text: hard-wrapped lines back into paragraphs,
//! and the headline on the first line.

/// Lines at most this long (in characters, at the 80th percentile) mark a
/// text as hard-wrapped; wire services wrap at 64 to 80 columns.
const MAX_WRAP_WIDTH: usize = 100;

/// In hard-wrapped text, a line shorter than this share of the wrap width
/// ends its paragraph: the wrapper fills every line but a paragraph's last.
const SHORT_LINE_SHARE: f64 = 0.6;

/// The longest first line taken as a headline, in characters and words.
const MAX_HEADLINE_CHARS: usize = 150;
const MAX_HEADLINE_WORDS: usize = 25;

/// Rebuilds the paragraphs of plain text, one per block, separated by one
/// blank line, so that a blank-line passage splitter follows them.
///
/// Windows and old Mac line endings are read as newlines and a form feed as
/// a paragraph break. Whether the text is hard-wrapped is judged from its
/// line lengths (most lines at most 100 characters and of similar length):
///
/// - Hard-wrapped text (wire copy, e-mail, Reuters-21578 style): the lines
///   of a paragraph are joined with a space (a line ending in a letter and
///   `-` is joined without one, keeping "Russia-Ukraine" whole). A new
///   paragraph starts after a blank line, at a line indented more than the
///   line before (first-line indentation), after a line much shorter than
///   the wrap width (a paragraph's last line), after a sentence's end when
///   the next line's first word would have fitted on the line (a greedy
///   wrapper would have put it there), at a list item (`-`, `*`,
///   `•`, `1.`), and after the headline (see [`headline`]).
/// - Other text: every non-blank line is its own paragraph.
///
/// Sign-offs (`(Reporting by …; Editing by …)`, `Reuters`, `-- END --`) are
/// kept, as paragraphs of their own: a line that opens with `(` or `--`
/// after a sentence's end starts a new paragraph. Each paragraph's text is
/// trimmed; nothing else in it changes. Linear in the length of the text.
pub fn plain_paragraphs(text: &str) -> String {
    let lines = split_lines(text);
    let headline_line = headline_index(&lines);
    paragraphs_of(&lines, headline_line)
}

/// [`plain_paragraphs`] and [`headline`] of one text, its lines split and
/// its headline looked for once (an import wants both of every file).
pub fn plain_paragraphs_and_headline(text: &str) -> (String, Option<String>) {
    let lines = split_lines(text);
    let headline_line = headline_index(&lines);
    let headline = headline_line
        .and_then(|i| lines.get(i))
        .map(|l| l.text.to_string());
    (paragraphs_of(&lines, headline_line), headline)
}

/// The paragraphs of a text's lines (see [`plain_paragraphs`]).
fn paragraphs_of(lines: &[Line<'_>], headline_line: Option<usize>) -> String {
    let width = wrap_width(lines);
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut prev: Option<&Line<'_>> = None;
    for (index, line) in lines.iter().enumerate() {
        if line.blank() {
            flush(&mut current, &mut paragraphs);
            prev = None;
            continue;
        }
        let starts_new = match (prev, width) {
            (None, _) => true,
            (Some(_), None) => true,
            (Some(p), Some(w)) => {
                line.indent > p.indent
                    || is_short(p, w)
                    || (ends_sentence(p.text) && next_word_would_fit(p, line, w))
                    || is_list_item(line.text)
                    || (ends_sentence(p.text) && is_sign_off(line.text))
                    || Some(index) == headline_line.map(|h| h + 1)
            }
        };
        if starts_new {
            flush(&mut current, &mut paragraphs);
        } else if !joins_without_space(&current) {
            current.push(' ');
        }
        current.push_str(line.text);
        prev = Some(line);
    }
    flush(&mut current, &mut paragraphs);
    let mut out = paragraphs.join("\n\n");
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// The first line of `text` when it looks like a headline: at most 150
/// characters and 25 words, with letters, not ending in `.`, `,`, `;` or
/// `:` (a question or exclamation mark is fine), not opening with `(`, `-`
/// or a list marker, and followed by more text that is not its
/// continuation (the next line does not start in lowercase, and in
/// hard-wrapped text the next line's first word would have fitted on it). Leading and
/// trailing whitespace is trimmed. `None` for a one-line text.
pub fn headline(text: &str) -> Option<String> {
    let lines = split_lines(text);
    headline_index(&lines)
        .and_then(|i| lines.get(i))
        .map(|l| l.text.to_string())
}

struct Line<'a> {
    /// The line without its leading and trailing whitespace.
    text: &'a str,
    /// Leading whitespace in columns (a tab counts as 4).
    indent: usize,
    /// Characters in `text`.
    chars: usize,
}

impl Line<'_> {
    fn blank(&self) -> bool {
        self.text.is_empty()
    }
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    // "\r\n", "\n" and a lone "\r" end lines; a form feed is a line of its own,
    // which is blank, so it breaks the paragraph.
    text.split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .flat_map(|line| line.split(['\r', '\u{c}']))
        .map(|raw| {
            let trimmed = raw.trim_start();
            let indent = raw
                .get(..raw.len() - trimmed.len())
                .unwrap_or_default()
                .chars()
                .map(|c| if c == '\t' { 4 } else { 1 })
                .sum();
            let text = trimmed.trim_end();
            Line {
                text,
                indent,
                chars: text.chars().count(),
            }
        })
        .collect()
}

/// The wrap width of hard-wrapped text (the 80th percentile of non-blank
/// line lengths), or `None` when the text does not look hard-wrapped: fewer
/// than three non-blank lines, long lines, or lines of very mixed lengths.
fn wrap_width(lines: &[Line<'_>]) -> Option<usize> {
    let mut lens: Vec<usize> = lines
        .iter()
        .filter(|l| !l.blank())
        .map(|l| l.chars + l.indent)
        .collect();
    if lens.len() < 3 {
        return None;
    }
    lens.sort_unstable();
    let width = *lens.get(lens.len() * 8 / 10)?;
    if !(20..=MAX_WRAP_WIDTH).contains(&width) {
        return None;
    }
    // Most lines fill the width in wrapped text.
    let full = lens
        .iter()
        .filter(|&&n| n as f64 >= width as f64 * SHORT_LINE_SHARE)
        .count();
    (full * 2 >= lens.len()).then_some(width)
}

fn is_short(line: &Line<'_>, width: usize) -> bool {
    ((line.chars + line.indent) as f64) < width as f64 * SHORT_LINE_SHARE
}

/// Whether the first word of `line` would have fitted at the end of
/// `prev` within the wrap width: a wrapper fills lines greedily, so then the
/// break after `prev` was the writer's, not the wrapper's.
fn next_word_would_fit(prev: &Line<'_>, line: &Line<'_>, width: usize) -> bool {
    let word = line
        .text
        .split_whitespace()
        .next()
        .map_or(0, |w| w.chars().count());
    prev.indent + prev.chars + 1 + word <= width
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '’', ')', '»'])
        .ends_with(['.', '!', '?', '…'])
}

fn is_sign_off(text: &str) -> bool {
    text.starts_with('(') || text.starts_with("--") || text.starts_with('—')
}

fn is_list_item(text: &str) -> bool {
    if text.starts_with("- ") || text.starts_with("* ") || text.starts_with("• ") {
        return true;
    }
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && digits <= 3 && {
        let rest = text.get(digits..).unwrap_or_default();
        rest.starts_with(". ") || rest.starts_with(") ")
    }
}

/// A paragraph so far that ends in a letter and a hyphen continues a word
/// or compound on the next line.
fn joins_without_space(current: &str) -> bool {
    let mut rev = current.chars().rev();
    rev.next() == Some('-') && rev.next().is_some_and(char::is_alphabetic)
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    let p = current.trim();
    if !p.is_empty() {
        out.push(p.to_string());
    }
    current.clear();
}

fn headline_index(lines: &[Line<'_>]) -> Option<usize> {
    let first = lines.iter().position(|l| !l.blank())?;
    let line = lines.get(first)?;
    let next = lines.iter().skip(first + 1).find(|l| !l.blank())?;
    let t = line.text;
    let ok = line.chars <= MAX_HEADLINE_CHARS
        && t.split_whitespace().count() <= MAX_HEADLINE_WORDS
        && t.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !t.ends_with(['.', ',', ';', ':', '-'])
        && !is_sign_off(t)
        && !is_list_item(t)
        && !next.text.chars().next().is_some_and(char::is_lowercase)
        // In hard-wrapped text, a first line the wrapper filled (the next
        // word would not have fitted) continues into the next line.
        && wrap_width(lines).is_none_or(|w| next_word_would_fit(line, next, w));
    ok.then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_and_crlf() {
        assert_eq!(plain_paragraphs("a\r\nb\r\n\r\nc"), "a\n\nb\n\nc\n");
        assert_eq!(plain_paragraphs(""), "");
        assert_eq!(plain_paragraphs("  \n\n "), "");
        assert_eq!(plain_paragraphs("one\u{c}two"), "one\n\ntwo\n");
    }

    #[test]
    fn hyphenated_compounds_stay_whole() {
        let text = "The talks between the two governments on the Russia-\n\
                    Ukraine border question resumed in Geneva on Monday and\n\
                    are expected to last for at least three more days.\n";
        assert_eq!(
            plain_paragraphs(text),
            "The talks between the two governments on the Russia-Ukraine border question \
             resumed in Geneva on Monday and are expected to last for at least three more days.\n"
        );
    }

    #[test]
    fn sign_offs_are_paragraphs_of_their_own() {
        let text = "The ministry said the talks would resume in the second week of\n\
                    February, after both delegations had reported to their capitals.\n\
                    -- END --\n";
        assert_eq!(
            plain_paragraphs(text),
            "The ministry said the talks would resume in the second week of February, \
             after both delegations had reported to their capitals.\n\n-- END --\n"
        );
    }

    #[test]
    fn headlines() {
        assert_eq!(
            headline("Talks end without deal\nGENEVA (AP) — Talks ended.").as_deref(),
            Some("Talks end without deal")
        );
        assert_eq!(headline("Talks ended today.\nMore text."), None);
        assert_eq!(headline("only one line"), None);
        assert_eq!(
            headline("The talks between the two\ngovernments resumed."),
            None
        );
    }
}
