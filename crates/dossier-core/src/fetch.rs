//! Fetching a web page for import: a blocking HTTP client (`ureq` over
//! rustls, certificates checked by the system's verifier), redirects
//! followed up to a limit, connect and read timeouts, the body streamed and
//! cut at a size cap, the content type checked before the body is read.
//!
//! [`get`] does the network part; [`page`] turns what came back (status,
//! headers, body bytes) into the source's metadata and text or a reason,
//! and is a pure function (the property tests drive it with any bytes).
//! Every error is a whole sentence naming the address.

use std::io::Read;
use std::time::Duration;

use crate::import::{self, Format, SourceMeta};

/// The largest page Dossier fetches.
pub const MAX_PAGE_BYTES: u64 = 20 * 1024 * 1024;

/// How far a fetch may go before it gives up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchLimits {
    /// To open the connection (DNS, TCP and TLS).
    pub connect_timeout: Duration,
    /// Of silence while waiting for the answer or reading its body.
    pub read_timeout: Duration,
    /// For the whole fetch, redirects and body included: a server that
    /// sends a byte now and then never keeps an import waiting longer.
    pub total_timeout: Duration,
    /// The largest body read; a longer one is refused.
    pub max_bytes: u64,
    /// How many redirects are followed.
    pub max_redirects: u32,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            connect_timeout: Duration::from_secs(15),
            read_timeout: Duration::from_secs(30),
            total_timeout: Duration::from_secs(120),
            max_bytes: MAX_PAGE_BYTES,
            max_redirects: 10,
        }
    }
}

/// What a server answered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Response {
    /// The address asked for.
    pub requested: String,
    /// The address that answered, after redirects.
    pub final_url: String,
    pub status: u16,
    /// `(name, value)`, names in any case.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Whether an argument names a web address rather than a file.
pub fn is_web_address(s: &str) -> bool {
    let lower = s.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// Checks an address before anything is sent: `http` or `https`, a host,
/// no spaces or control characters.
pub fn check_address(url: &str) -> Result<String, String> {
    let url = url.trim();
    if !is_web_address(url) {
        return Err(format!(
            "{url}: not a web address (Dossier fetches http:// and https:// pages)"
        ));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("{url}: a web address has no spaces in it"));
    }
    if host_of(url).is_empty() {
        return Err(format!("{url}: no host name in the address"));
    }
    Ok(url.to_string())
}

/// The host (and port) of an address, for messages.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..end];
    host.rsplit_once('@').map(|(_, h)| h).unwrap_or(host)
}

fn megabytes(n: u64) -> String {
    let mb = n as f64 / 1_048_576.0;
    if mb >= 10.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

/// What the status and headers allow, before the body is read: a success
/// status, a size within the limit when the server declares one, and a
/// content type Dossier imports. Gives the format to read the body as and
/// the charset the header declares.
pub fn check_head(
    url: &str,
    status: u16,
    headers: &[(String, String)],
    max_bytes: u64,
) -> Result<(Format, Option<String>), String> {
    if !(200..300).contains(&status) {
        let reason = ureq::http::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        return Err(format!("{url} answered {status} {reason}").trim_end().to_string());
    }
    if let Some(len) = header(headers, "content-length").and_then(|v| v.trim().parse::<u64>().ok()) {
        if len > max_bytes {
            return Err(format!(
                "{url} is {}, more than the {} limit",
                megabytes(len),
                megabytes(max_bytes)
            ));
        }
    }
    let content_type = header(headers, "content-type").unwrap_or("");
    let mut parts = content_type.split(';');
    let mime = parts.next().unwrap_or("").trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches('"').to_string())
    });
    let format = match mime.as_str() {
        // No type: the bytes decide, as for a file without an extension.
        "" | "text/html" | "application/xhtml+xml" | "application/xml" | "text/xml" => Format::Html,
        "text/plain" => Format::Text,
        "text/markdown" | "text/x-markdown" => Format::Markdown,
        other => {
            let what = match other {
                "application/pdf" => "a PDF document".to_string(),
                m if m.starts_with("image/") => "an image".to_string(),
                m if m.starts_with("video/") => "a video".to_string(),
                m if m.starts_with("audio/") => "a sound file".to_string(),
                "application/zip" | "application/octet-stream" => "a binary file".to_string(),
                "application/json" => "JSON data".to_string(),
                _ => "not a web page".to_string(),
            };
            return Err(format!(
                "{url} is {what} ({other}); Dossier imports web pages (HTML) and plain text"
            ));
        }
    };
    Ok((format, charset))
}

/// A page's answer → its metadata and text (as Markdown), or why it is
/// refused. Never panics, whatever the bytes.
pub fn page(response: &Response, max_bytes: u64) -> Result<(Format, SourceMeta, String), String> {
    let url = response.final_url.as_str();
    let (format, charset) = check_head(url, response.status, &response.headers, max_bytes)?;
    if response.body.len() as u64 > max_bytes {
        return Err(format!(
            "{url} sent more than the {} limit; stopped reading",
            megabytes(max_bytes)
        ));
    }
    let stem = title_stem(url);
    let (mut meta, text) = import::extract_fetched(&response.body, format, charset.as_deref(), url, &stem)
        .map_err(|reason| format!("{url}: {reason}"))?;
    meta.fetched_from = import::web_address(url.to_string());
    if meta.url.is_none() {
        meta.url = meta.fetched_from.clone();
    }
    Ok((format, meta, text))
}

/// The last part of the address's path, else its host: the title of last resort.
fn title_stem(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let last = rest
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("")
        .to_string();
    let last = last
        .rsplit_once('.')
        .filter(|(_, ext)| matches!(*ext, "html" | "htm" | "php" | "aspx" | "shtml"))
        .map(|(s, _)| s.to_string())
        .unwrap_or(last);
    if last.is_empty() {
        host_of(url).to_string()
    } else {
        last
    }
}

/// Fetches `url` within `limits`. The content type and declared size are
/// checked before the body is read; the body is read up to the limit and
/// no further.
pub fn get(url: &str, limits: &FetchLimits) -> Result<Response, String> {
    let url = check_address(url)?;
    let tls = ureq::tls::TlsConfig::builder()
        .root_certs(ureq::tls::RootCerts::PlatformVerifier)
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(limits.max_redirects)
        .max_redirects_will_error(true)
        .timeout_connect(Some(limits.connect_timeout))
        .timeout_recv_response(Some(limits.read_timeout))
        .timeout_per_read(Some(limits.read_timeout))
        .timeout_global(Some(limits.total_timeout))
        .user_agent(concat!("Dossier/", env!("CARGO_PKG_VERSION")))
        .tls_config(tls)
        .build()
        .into();
    let answer = agent
        .get(&url)
        .header("Accept", "text/html, application/xhtml+xml, text/plain;q=0.8, */*;q=0.1")
        .call()
        .map_err(|e| network_error(&url, e, limits))?;
    use ureq::ResponseExt;
    let final_url = answer.get_uri().to_string();
    let status = answer.status().as_u16();
    let headers: Vec<(String, String)> = answer
        .headers()
        .iter()
        .filter_map(|(n, v)| Some((n.as_str().to_string(), v.to_str().ok()?.to_string())))
        .collect();
    check_head(&final_url, status, &headers, limits.max_bytes)?;
    let mut body = Vec::new();
    answer
        .into_body()
        .into_reader()
        .take(limits.max_bytes + 1)
        .read_to_end(&mut body)
        .map_err(|e| read_error(&final_url, e, limits))?;
    if body.len() as u64 > limits.max_bytes {
        return Err(format!(
            "{final_url} sent more than the {} limit; stopped reading",
            megabytes(limits.max_bytes)
        ));
    }
    Ok(Response {
        requested: url,
        final_url,
        status,
        headers,
        body,
    })
}

fn seconds(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 1.0 && s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{s:.1} s")
    }
}

fn network_error(url: &str, e: ureq::Error, limits: &FetchLimits) -> String {
    let host = host_of(url);
    match e {
        ureq::Error::TooManyRedirects => format!(
            "{url} redirects more than {} times (a redirect loop?); nothing was imported",
            limits.max_redirects
        ),
        ureq::Error::Timeout(t) => {
            let (what, limit) = match t {
                ureq::Timeout::Connect | ureq::Timeout::Resolve => {
                    ("connect", limits.connect_timeout)
                }
                ureq::Timeout::Global => ("finish", limits.total_timeout),
                _ => ("answer", limits.read_timeout),
            };
            format!(
                "could not reach {host}: it did not {what} within {}",
                seconds(limit)
            )
        }
        ureq::Error::HostNotFound => format!("could not reach {host}: no such host"),
        ureq::Error::Io(io) => format!("could not reach {host}: {io}"),
        ureq::Error::ConnectionFailed => format!("could not reach {host}: the connection failed"),
        ureq::Error::BodyExceedsLimit(_) => format!(
            "{url} sent more than the {} limit; stopped reading",
            megabytes(limits.max_bytes)
        ),
        other => format!("could not reach {host}: {other}"),
    }
}

fn read_error(url: &str, e: std::io::Error, limits: &FetchLimits) -> String {
    let host = host_of(url);
    let timed_out = matches!(e.kind(), std::io::ErrorKind::TimedOut)
        || e.to_string().to_ascii_lowercase().contains("timeout");
    if timed_out {
        format!(
            "could not read the page from {host}: it stopped sending (no data within {}, or more than {} in all)",
            seconds(limits.read_timeout),
            seconds(limits.total_timeout)
        )
    } else {
        format!("could not read the page from {host}: {e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(host_of("https://user@example.org:8080/a?b"), "example.org:8080");
        assert!(check_address("ftp://x").is_err());
        assert!(check_address("https:///path").is_err());
        assert!(check_address("https://a b.org").is_err());
        assert_eq!(title_stem("https://x.org/news/talks-resume.html?x=1"), "talks-resume");
        assert_eq!(title_stem("https://x.org/"), "x.org");
    }

    #[test]
    fn head_checks() {
        let h = |v: &str| vec![("Content-Type".to_string(), v.to_string())];
        assert_eq!(
            check_head("u", 200, &h("text/html; charset=\"windows-1251\""), 10).unwrap(),
            (Format::Html, Some("windows-1251".into()))
        );
        let e = check_head("u", 200, &h("application/pdf"), 10).unwrap_err();
        assert!(e.contains("a PDF document"), "{e}");
        let e = check_head("u", 404, &h("text/html"), 10).unwrap_err();
        assert_eq!(e, "u answered 404 Not Found");
        let big = vec![("content-length".to_string(), (55 * 1_048_576u64).to_string())];
        assert_eq!(
            check_head("u", 200, &big, MAX_PAGE_BYTES).unwrap_err(),
            "u is 55 MB, more than the 20 MB limit"
        );
    }
}
