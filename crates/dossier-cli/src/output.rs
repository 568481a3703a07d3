//! The one printer of the command line: every command answers with a value
//! that is printed as JSON (`--json`, the engine's serialised types as they
//! are) or as lines for people, with a line of its own when there is nothing
//! to show.

use std::io::{IsTerminal, Write};

use serde::Serialize;

/// Where a command's answer goes, and in which form.
pub struct Output {
    json: bool,
    out: std::io::StdoutLock<'static>,
}

impl Output {
    pub fn new(json: bool) -> Output {
        Output {
            json,
            out: std::io::stdout().lock(),
        }
    }

    /// Prints `value`: as JSON with `--json`; otherwise `human` writes the
    /// lines people read, or `empty` is said when `is_empty` is true.
    pub fn show<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
        is_empty: bool,
        empty: &str,
        human: impl FnOnce(&mut Lines<'_>),
    ) {
        if self.json {
            let text = serde_json::to_string_pretty(value)
                .unwrap_or_else(|e| serde_json::json!({ "error": e.to_string() }).to_string());
            let _ = writeln!(self.out, "{text}");
        } else if is_empty {
            let _ = writeln!(self.out, "{empty}");
        } else {
            human(&mut Lines { out: &mut self.out });
        }
    }

    /// A line for people (commands without `--json` answer this way).
    pub fn say(&mut self, line: &str) {
        let _ = writeln!(self.out, "{line}");
    }

    /// Text written as it is (a source's text, rendered HTML).
    pub fn raw(&mut self, text: &str) {
        let _ = write!(self.out, "{text}");
    }
}

/// Lines for people.
pub struct Lines<'a> {
    out: &'a mut std::io::StdoutLock<'static>,
}

impl Lines<'_> {
    pub fn line(&mut self, s: impl AsRef<str>) {
        let _ = writeln!(self.out, "{}", s.as_ref());
    }

    pub fn raw(&mut self, s: &str) {
        let _ = write!(self.out, "{s}");
    }
}

/// A search snippet for a terminal: `<mark>` in bold yellow on a terminal,
/// in brackets elsewhere; every HTML character reference decoded, so people
/// read text ("The article's", not "The article&#x27;s").
pub fn terminal_snippet(html: &str) -> String {
    let (on, off) = if std::io::stdout().is_terminal() {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let marked = html
        .replace('\n', " ")
        .replace("<mark>", "\u{E000}")
        .replace("</mark>", "\u{E001}");
    decode_entities(&marked)
        .replace('\u{E000}', on)
        .replace('\u{E001}', off)
}

/// Decodes HTML character references: the named ones an escaper writes
/// (`&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;`) and every numeric
/// one (`&#39;`, `&#x27;`). Anything else is left as it is.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let decoded = tail.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &tail[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse::<u32>().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_decode_to_text() {
        assert_eq!(decode_entities("The article&#x27;s"), "The article's");
        assert_eq!(
            decode_entities("a &amp; b &lt;c&gt; &#39;d&#39; &quot;e&quot;"),
            "a & b <c> 'd' \"e\""
        );
        assert_eq!(
            decode_entities("AT&T &unknown; &#xZZ; &"),
            "AT&T &unknown; &#xZZ; &"
        );
    }
}
