//! The bytes of a web page to text, in the order browsers decide.

use encoding_rs::Encoding;
use std::fmt;

/// How far into a page `<meta charset>` is looked for. The HTML standard's
/// pre-scan reads 1024 bytes; real pages put long comments or scripts before
/// their `<meta>`, so a little more is read.
const META_PRESCAN_BYTES: usize = 4096;

/// Why a page's bytes could not be taken as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes hold NUL bytes outside UTF-16: a binary file, not a page.
    Binary,
    /// The best encoding found still leaves many byte sequences that are
    /// not text in it: `encoding` is its name, `errors` how many were
    /// replaced.
    Malformed {
        /// The name of the encoding tried last (e.g. `"windows-1251"`).
        encoding: &'static str,
        /// How many malformed sequences it met.
        errors: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary => write!(f, "the file holds binary data, not a web page"),
            DecodeError::Malformed { encoding, errors } => write!(
                f,
                "the page is not valid text: {errors} malformed byte sequences as {encoding}"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes the bytes of a web page to text.
///
/// The encoding is decided as a browser does: a byte-order mark (UTF-8,
/// UTF-16LE/BE) first; then `declared`, the charset of an HTTP
/// `Content-Type` (either the bare label or the whole header value); then
/// valid UTF-8 that is not pure ASCII (a stale `<meta>` in a page saved
/// again as UTF-8 is common, while legacy text is practically never valid
/// UTF-8); then a `<meta charset>` or `<meta http-equiv=Content-Type>` in
/// the first bytes of the page; then `chardetng`'s guess from the bytes
/// (windows-1251, Shift_JIS, GBK, EUC-KR, ISO-8859-x, …). A declared or
/// meta encoding under which the page is badly malformed is passed over.
///
/// Errors: [`DecodeError::Binary`] for bytes with NULs that are not UTF-16,
/// [`DecodeError::Malformed`] when even the best guess leaves more than a
/// few stray bytes (a handful are replaced by U+FFFD, as browsers do).
pub fn decode_html(bytes: &[u8], declared: Option<&str>) -> Result<String, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        return finish(encoding, rest, true);
    }
    let nuls = bytes.iter().filter(|&&b| b == 0).count();
    if let Some(encoding) = declared.and_then(label_of_content_type) {
        if is_utf16(encoding) || nuls == 0 {
            if let Ok(text) = finish(encoding, bytes, false) {
                return Ok(text);
            }
        }
    }
    if nuls > 0 {
        return Err(DecodeError::Binary);
    }
    // Valid UTF-8 with non-ASCII in it is UTF-8 whatever a <meta> says: text
    // in a legacy encoding is practically never valid UTF-8, while pages
    // saved again by browsers and editors often keep a stale <meta>.
    if let Ok(text) = std::str::from_utf8(bytes) {
        if !text.is_ascii() {
            return Ok(text.to_string());
        }
    }
    if let Some(encoding) = meta_charset(bytes) {
        if let Ok(text) = finish(encoding, bytes, false) {
            return Ok(text);
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    finish(guess, bytes, true)
}

fn is_utf16(encoding: &'static Encoding) -> bool {
    encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE
}

/// Decodes without BOM sniffing. Fails, naming the encoding, when the text
/// is malformed in it: more than 8 replaced sequences, or with `last` (the
/// final choice, after which nothing else would be tried) more than
/// `max(8, len / 200)`.
fn finish(encoding: &'static Encoding, bytes: &[u8], last: bool) -> Result<String, DecodeError> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if !had_errors {
        return Ok(text.into_owned());
    }
    let errors = text.chars().filter(|&c| c == '\u{FFFD}').count();
    let allowed = if last { (bytes.len() / 200).max(8) } else { 8 };
    if errors <= allowed {
        Ok(text.into_owned())
    } else {
        Err(DecodeError::Malformed {
            encoding: encoding.name(),
            errors,
        })
    }
}

/// The encoding named by an HTTP `Content-Type` value (`text/html;
/// charset=Shift_JIS`) or by a bare label (`windows-1251`).
fn label_of_content_type(value: &str) -> Option<&'static Encoding> {
    let lower = value.to_ascii_lowercase();
    let label = match lower.find("charset") {
        Some(at) => {
            let rest = lower.get(at + "charset".len()..)?.trim_start();
            let rest = rest.strip_prefix('=')?.trim_start();
            rest.trim_start_matches(['"', '\''])
                .split(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
                .next()?
                .to_string()
        }
        None if !lower.contains('/') => lower.trim().to_string(),
        None => return None,
    };
    Encoding::for_label(label.as_bytes())
}

/// The encoding a `<meta>` in the first [`META_PRESCAN_BYTES`] names, as
/// the HTML standard's pre-scan reads it: `charset=` in a `<meta>` tag,
/// either as the attribute or inside `content`. A UTF-16 label there means
/// UTF-8 (the page could not have been parsed that far otherwise).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..bytes.len().min(META_PRESCAN_BYTES))?;
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0usize;
    while let Some(at) = find(&lower, from, b"<meta") {
        let end = find(&lower, at, b">").unwrap_or(lower.len());
        let tag = String::from_utf8_lossy(lower.get(at..end)?);
        if let Some(encoding) = label_of_content_type(&tag) {
            if is_utf16(encoding) {
                return Some(encoding_rs::UTF_8);
            }
            if encoding == encoding_rs::X_USER_DEFINED {
                return Some(encoding_rs::WINDOWS_1252);
            }
            return Some(encoding);
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_labels() {
        assert_eq!(
            label_of_content_type("text/html; charset=Shift_JIS"),
            Some(encoding_rs::SHIFT_JIS)
        );
        assert_eq!(
            label_of_content_type("windows-1251"),
            Some(encoding_rs::WINDOWS_1251)
        );
        assert_eq!(label_of_content_type("text/html"), None);
        assert_eq!(
            label_of_content_type(
                "<meta http-equiv=\"content-type\" content=\"text/html; charset=gbk\""
            ),
            Some(encoding_rs::GBK)
        );
    }

    #[test]
    fn binary_is_refused() {
        assert_eq!(
            decode_html(b"\x00\x01\x02abc\x00", None),
            Err(DecodeError::Binary)
        );
    }

    #[test]
    fn a_stale_meta_does_not_spoil_utf8() {
        let page = "<meta charset=\"iso-8859-1\"><p>Gespräche in Brüssel</p>";
        assert_eq!(decode_html(page.as_bytes(), None).as_deref(), Ok(page));
        // ASCII bytes follow the meta (same text either way).
        assert_eq!(
            decode_html(b"<meta charset=\"iso-8859-1\"><p>x</p>", None).as_deref(),
            Ok("<meta charset=\"iso-8859-1\"><p>x</p>")
        );
    }

    #[test]
    fn meta_utf16_means_utf8() {
        let page = "<meta charset=utf-16><p>héllo</p>".as_bytes();
        assert_eq!(
            decode_html(page, None).as_deref(),
            Ok("<meta charset=utf-16><p>héllo</p>")
        );
    }
}
