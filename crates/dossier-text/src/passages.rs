//! Passages: a text cut into the blocks that search, mentions and citations
//! count by (paragraphs separated by blank lines; very long ones cut at
//! white space).

/// Longest passage, in characters; a longer paragraph is cut at a space.
pub const MAX_PASSAGE_CHARS: usize = 2_000;

/// A span of a text: one paragraph, or a piece of a very long one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Passage {
    pub ordinal: usize,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset one past the last character.
    pub end: usize,
    pub text: String,
}

/// Splits a text into passages: blocks separated by blank lines, trimmed,
/// with blocks longer than [`MAX_PASSAGE_CHARS`] cut at white space.
pub fn passages(text: &str) -> Vec<Passage> {
    let mut out = Vec::new();
    let mut block_start: Option<(usize, usize)> = None; // (byte, char)
    let mut last_end = (0usize, 0usize); // end of last non-blank line (byte, char)
    let mut char_pos = 0usize;
    let mut byte_pos = 0usize;
    for line in text.split_inclusive('\n') {
        let line_chars = line.chars().count();
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(start) = block_start.take() {
                push_block(text, start, last_end, &mut out);
            }
        } else {
            if block_start.is_none() {
                block_start = Some((byte_pos, char_pos));
            }
            last_end = (byte_pos + content.len(), char_pos + content.chars().count());
        }
        char_pos += line_chars;
        byte_pos += line.len();
    }
    if let Some(start) = block_start {
        push_block(text, start, last_end, &mut out);
    }
    out
}

fn push_block(text: &str, start: (usize, usize), end: (usize, usize), out: &mut Vec<Passage>) {
    let block = &text[start.0..end.0];
    // Trim leading white space while keeping the char offset right.
    let lead: usize = block.len() - block.trim_start().len();
    let lead_chars = block[..lead].chars().count();
    let block = &block[lead..];
    let mut cstart = start.1 + lead_chars;
    let mut rest = block.trim_end();
    while !rest.is_empty() {
        let piece = take_piece(rest);
        let piece_chars = piece.chars().count();
        out.push(Passage {
            ordinal: out.len(),
            start: cstart,
            end: cstart + piece_chars,
            text: piece.to_string(),
        });
        let after = &rest[piece.len()..];
        let trimmed = after.trim_start();
        cstart += piece_chars + after[..after.len() - trimmed.len()].chars().count();
        rest = trimmed;
    }
}

/// The first piece of `s` of at most MAX_PASSAGE_CHARS, cut at white space if possible.
fn take_piece(s: &str) -> &str {
    let Some((limit, _)) = s.char_indices().nth(MAX_PASSAGE_CHARS) else {
        return s;
    };
    let head = &s[..limit];
    match head.rfind(char::is_whitespace) {
        Some(cut) if cut > limit / 2 => &s[..cut],
        _ => head,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_count_chars_not_bytes() {
        let text = "Привет мир.\n\n  Second — para.  \n\n\nThird\nline";
        let ps = passages(text);
        assert_eq!(ps.len(), 3);
        for p in &ps {
            let got: String = text.chars().skip(p.start).take(p.end - p.start).collect();
            assert_eq!(got, p.text, "offsets must select the passage text");
        }
        assert_eq!(ps[1].text, "Second — para.");
        assert_eq!(ps[2].text, "Third\nline");
    }

    #[test]
    fn long_paragraphs_are_cut() {
        let text = "word ".repeat(1000);
        let ps = passages(&text);
        assert!(ps.len() >= 3, "a 5000-char paragraph is cut into pieces");
        assert!(ps
            .iter()
            .all(|p| p.text.chars().count() <= MAX_PASSAGE_CHARS));
        for p in &ps {
            let got: String = text.chars().skip(p.start).take(p.end - p.start).collect();
            assert_eq!(got, p.text);
        }
    }
}
