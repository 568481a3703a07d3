//! Import from a URL against a real HTTP server on 127.0.0.1 (a small
//! `std::net` server in a thread per test): pages extracted with their
//! address kept, redirects, and every failure (404, redirect loop, no
//! answer, oversize, a page that never ends, a PDF) leaving the notebook as
//! it was. A page fetched again with changed text becomes version 2 of its
//! source, its annotation kept.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use dossier_core::{AnchorStatus, FetchLimits, ImportOptions, NewAnnotation, Notebook};

use crate::common::{copy_of_bundled, snapshot};

/// What a handler gets: the request path and the connection to answer on.
type Handler = dyn Fn(&str, &mut TcpStream) + Send + Sync;

/// Serves on a free port of 127.0.0.1; each connection is read up to the
/// end of its request head and handed to `handler` on a thread of its own.
/// Returns `http://127.0.0.1:PORT`.
fn serve(handler: Arc<Handler>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let handler = handler.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut first = String::new();
                if reader.read_line(&mut first).is_err() {
                    return;
                }
                loop {
                    let mut line = String::new();
                    match reader.read_line(&mut line) {
                        Ok(0) | Err(_) => return,
                        Ok(_) if line == "\r\n" || line == "\n" => break,
                        Ok(_) => {}
                    }
                }
                let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
                handler(&path, &mut stream);
            });
        }
    });
    base
}

fn respond(stream: &mut TcpStream, status: &str, headers: &[(&str, &str)], body: &[u8]) {
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

fn html() -> &'static [(&'static str, &'static str)] {
    &[("Content-Type", "text/html; charset=utf-8")]
}

/// A news page in the shape real sites have: navigation, metadata in Open
/// Graph and JSON-LD, a byline, the article, related links, a footer.
fn news_page(canonical: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour talks resume in Tallinn | The Baltic Courier</title>
<link rel="canonical" href="{canonical}">
<meta property="og:site_name" content="The Baltic Courier">
<meta property="og:title" content="Harbour talks resume in Tallinn">
<meta property="article:published_time" content="2024-03-18T09:30:00Z">
<script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Harbour talks resume in Tallinn","datePublished":"2024-03-18T09:30:00Z",
"author":{{"@type":"Person","name":"Maret Kask"}},"publisher":{{"@type":"Organization","name":"The Baltic Courier"}}}}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/login">Sign in</a></nav>
<main><article><h1>Harbour talks resume in Tallinn</h1>
<p class="byline">By Maret Kask</p>
{body}</article>
<aside><h3>Related</h3><ul><li><a href="/a">Ferry fares rise</a></li><li><a href="/b">Port strike ends</a></li></ul></aside></main>
<footer>© The Baltic Courier. All rights reserved. Cookie settings.</footer>
</body></html>"#
    )
}

const P1: &str = "Negotiators from the port authority and the dockworkers' union met again on Monday in Tallinn, three weeks after talks broke down over night-shift pay.";
const P2: &str = "The union's chair, Jaan Tamm, said the new offer was a serious one and that members would vote on it before the end of the month.";
const P3: &str = "Shipping lines have warned that a second strike would send cargo to Riga and Helsinki, where handling fees are lower.";
const P3_NEW: &str = "Shipping lines have warned that a second strike would send cargo to Riga, Helsinki and Gdansk, where handling fees are lower.";

fn quick() -> FetchLimits {
    FetchLimits {
        connect_timeout: Duration::from_secs(2),
        read_timeout: Duration::from_millis(800),
        total_timeout: Duration::from_secs(10),
        max_bytes: 20 * 1024 * 1024,
        max_redirects: 10,
    }
}

fn import_url(nb: &mut Notebook, url: &str) -> dossier_core::Result<dossier_core::ImportReport> {
    nb.import_urls(
        &[url.to_string()],
        &ImportOptions::default(),
        &quick(),
        &mut |_| {},
    )
}

/// Imports `url`, expects it refused with a message containing `expected`,
/// and checks that nothing in store, index or files changed.
fn refused(url: &str, expected: &str) -> String {
    let dir = copy_of_bundled();
    let mut nb = Notebook::open(dir.path()).unwrap();
    let before = snapshot(&nb);
    let started = std::time::Instant::now();
    let err = import_url(&mut nb, url).unwrap_err().to_string();
    assert!(
        err.contains(expected),
        "expected '{expected}' in the error, got: {err}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "gave up only after {:?}",
        started.elapsed()
    );
    assert_eq!(snapshot(&nb), before, "a failed fetch changed the notebook");
    drop(nb);
    let nb = Notebook::open(dir.path()).unwrap();
    assert_eq!(snapshot(&nb), before, "a failed fetch changed the files");
    err
}

#[test]
fn a_page_is_fetched_extracted_and_keeps_its_addresses() {
    let served: Arc<Handler> = Arc::new(|path, s| match path {
        "/old-link" => respond(
            s,
            "301 Moved Permanently",
            &[("Location", "/news/harbour-talks")],
            b"",
        ),
        "/news/harbour-talks" => respond(
            s,
            "200 OK",
            html(),
            news_page("https://courier.example/news/harbour-talks", &[P1, P2, P3]).as_bytes(),
        ),
        _ => respond(s, "404 Not Found", html(), b"<p>no</p>"),
    });
    let base = serve(served);
    let dir = copy_of_bundled();
    let mut nb = Notebook::open(dir.path()).unwrap();
    let before = nb.sources().unwrap().len();
    let report = import_url(&mut nb, &format!("{base}/old-link")).unwrap();
    assert_eq!(report.imported.len(), 1, "{report:?}");
    assert_eq!(nb.sources().unwrap().len(), before + 1);
    let src = nb.source(&report.imported[0].id).unwrap();
    assert_eq!(src.meta.title, "Harbour talks resume in Tallinn");
    assert_eq!(src.meta.author.as_deref(), Some("Maret Kask"));
    assert_eq!(src.meta.outlet.as_deref(), Some("The Baltic Courier"));
    assert!(
        src.meta
            .published
            .as_deref()
            .unwrap_or("")
            .starts_with("2024-03-18"),
        "{:?}",
        src.meta.published
    );
    // The canonical address, and where it was fetched from after the redirect.
    assert_eq!(
        src.meta.url.as_deref(),
        Some("https://courier.example/news/harbour-talks")
    );
    assert_eq!(
        src.meta.fetched_from.as_deref(),
        Some(format!("{base}/news/harbour-talks").as_str())
    );
    assert!(
        src.text.contains(P1) && src.text.contains(P3),
        "{}",
        src.text
    );
    for furniture in ["Sign in", "Ferry fares rise", "All rights reserved"] {
        assert!(
            !src.text.contains(furniture),
            "kept page furniture '{furniture}': {}",
            src.text
        );
    }
    // Passages follow the article's paragraphs; it is searchable at once.
    assert!(src.passages.iter().any(|p| p.text.contains("Jaan Tamm")));
    assert!(nb.search("dockworkers", 10).unwrap().total >= 1);
    // The file names the addresses in its front matter.
    let file = std::fs::read_to_string(dir.path().join(&src.path)).unwrap();
    assert!(
        file.contains("fetched_from:") && file.contains("courier.example"),
        "{file}"
    );

    // The same page again: already imported, unchanged; nothing written.
    let again = import_url(&mut nb, &format!("{base}/news/harbour-talks")).unwrap();
    assert!(
        again.imported.is_empty() && again.updated.is_empty(),
        "{again:?}"
    );
    assert_eq!(again.unchanged.len(), 1);
    assert_eq!(again.unchanged[0].1, src.id);
    assert_eq!(nb.source(&src.id).unwrap().versions, 1);
}

#[test]
fn a_changed_page_becomes_version_2_with_its_annotation_kept() {
    let text = Arc::new(Mutex::new(vec![P1, P2, P3]));
    let t = text.clone();
    let served: Arc<Handler> = Arc::new(move |_, s| {
        let paragraphs = t.lock().unwrap().clone();
        // No canonical link: the address it is fetched from identifies it.
        let page = news_page("", &paragraphs).replace("<link rel=\"canonical\" href=\"\">", "");
        respond(s, "200 OK", html(), page.as_bytes());
    });
    let base = serve(served);
    let url = format!("{base}/story");
    let dir = copy_of_bundled();
    let mut nb = Notebook::open(dir.path()).unwrap();
    let id = import_url(&mut nb, &url).unwrap().imported[0].id.clone();
    let count = nb.sources().unwrap().len();
    let quote = "members would vote on it before the end of the month";
    let note = nb
        .annotate(
            &id,
            NewAnnotation {
                quote: Some(quote.into()),
                comment: "the vote decides it".into(),
                ..NewAnnotation::default()
            },
        )
        .unwrap();

    // The page is edited: a paragraph added before the quote, another changed.
    *text.lock().unwrap() = vec![
        "Updated at 14:00 with the union's statement.",
        P1,
        P2,
        P3_NEW,
    ];
    let report = import_url(&mut nb, &url).unwrap();
    assert!(report.imported.is_empty(), "{report:?}");
    assert_eq!(report.updated.len(), 1, "{report:?}");
    assert_eq!(report.updated[0].id, id);
    assert_eq!(
        nb.sources().unwrap().len(),
        count,
        "a second source was made"
    );
    let src = nb.source(&id).unwrap();
    assert_eq!(src.versions, 2);
    assert!(src.text.contains("Gdansk") && src.text.contains("Updated at 14:00"));
    let kept = nb.annotations(Some(&id)).unwrap();
    assert_eq!(kept.len(), 1);
    let a = &kept[0];
    assert_eq!(a.id, note.id);
    assert_eq!(a.comment, "the vote decides it");
    assert_eq!(
        a.status,
        AnchorStatus::Moved,
        "found where it moved to, exactly"
    );
    let chars: Vec<char> = src.text.chars().collect();
    let now_there: String = chars[a.start..a.end].iter().collect();
    assert_eq!(now_there, quote);
    assert!(
        a.start > note.start,
        "the anchor did not move with the text"
    );
    // And it survives reopening (the new version is in the files and store).
    drop(nb);
    let nb = Notebook::open(dir.path()).unwrap();
    assert_eq!(nb.source(&id).unwrap().versions, 2);
    assert_eq!(nb.annotations(Some(&id)).unwrap().len(), 1);
}

#[test]
fn a_404_is_refused_and_changes_nothing() {
    let base = serve(Arc::new(|_, s| {
        respond(s, "404 Not Found", html(), b"<p>gone</p>")
    }));
    let url = format!("{base}/missing");
    let err = refused(&url, "answered 404 Not Found");
    assert!(err.starts_with(&url), "{err}");
}

#[test]
fn a_redirect_loop_is_refused_and_changes_nothing() {
    let base = serve(Arc::new(|path, s| {
        let next = if path == "/a" { "/b" } else { "/a" };
        respond(s, "302 Found", &[("Location", next)], b"");
    }));
    refused(&format!("{base}/a"), "redirects more than 10 times");
}

#[test]
fn a_server_that_never_answers_times_out_and_changes_nothing() {
    let base = serve(Arc::new(|_, _s| {
        std::thread::sleep(Duration::from_secs(30))
    }));
    let err = refused(&format!("{base}/slow"), "could not reach 127.0.0.1");
    assert!(err.contains("within 0.8 s"), "{err}");
}

#[test]
fn an_unreachable_host_says_so_and_changes_nothing() {
    // A port nobody listens on: bind, note it, close.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    refused(
        &format!("http://127.0.0.1:{port}/x"),
        &format!("could not reach 127.0.0.1:{port}"),
    );
}

#[test]
fn a_50_mb_page_is_refused_by_its_declared_size() {
    let base = serve(Arc::new(|_, s| {
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n",
            50 * 1024 * 1024
        );
        let _ = s.write_all(head.as_bytes());
        let chunk = vec![b'a'; 64 * 1024];
        for _ in 0..800 {
            if s.write_all(&chunk).is_err() {
                return;
            }
        }
    }));
    refused(
        &format!("{base}/big"),
        "is 50 MB, more than the 20 MB limit",
    );
}

#[test]
fn a_50_mb_page_of_undeclared_size_is_cut_at_the_limit() {
    let sent = Arc::new(Mutex::new(0usize));
    let counter = sent.clone();
    let base = serve(Arc::new(move |_, s| {
        // No length: the body runs until the connection closes.
        let _ = s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n<html><body><p>");
        let chunk = vec![b'a'; 64 * 1024];
        for _ in 0..800 {
            if s.write_all(&chunk).is_err() {
                return;
            }
            *counter.lock().unwrap() += chunk.len();
        }
    }));
    refused(
        &format!("{base}/big"),
        "sent more than the 20 MB limit; stopped reading",
    );
    let sent = *sent.lock().unwrap();
    assert!(sent < 40 * 1024 * 1024, "read on to {sent} bytes");
}

#[test]
fn a_page_that_never_ends_is_cut_at_the_limit() {
    let base = serve(Arc::new(|_, s| {
        let _ = s.write_all(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n",
        );
        let data = vec![b'x'; 32 * 1024];
        let mut chunk = format!("{:x}\r\n", data.len()).into_bytes();
        chunk.extend_from_slice(&data);
        chunk.extend_from_slice(b"\r\n");
        // Forever, until the client hangs up.
        while s.write_all(&chunk).is_ok() {}
    }));
    let mut limits = quick();
    limits.max_bytes = 2 * 1024 * 1024;
    let dir = copy_of_bundled();
    let mut nb = Notebook::open(dir.path()).unwrap();
    let before = snapshot(&nb);
    let err = nb
        .import_urls(
            &[format!("{base}/endless")],
            &ImportOptions::default(),
            &limits,
            &mut |_| {},
        )
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("sent more than the 2.0 MB limit; stopped reading"),
        "{err}"
    );
    assert_eq!(snapshot(&nb), before);
}

#[test]
fn a_pdf_or_an_image_is_refused_by_its_content_type() {
    let base = serve(Arc::new(|path, s| {
        let kind = if path.ends_with(".png") {
            "image/png"
        } else {
            "application/pdf"
        };
        respond(
            s,
            "200 OK",
            &[("Content-Type", kind)],
            b"%PDF-1.7 not a page",
        );
    }));
    refused(
        &format!("{base}/report.pdf"),
        "is a PDF document (application/pdf)",
    );
    refused(&format!("{base}/chart.png"), "is an image (image/png)");
}

#[test]
fn one_bad_address_in_a_batch_refuses_the_batch() {
    let base = serve(Arc::new(|path, s| match path {
        "/good" => respond(s, "200 OK", html(), news_page("", &[P1, P2]).as_bytes()),
        _ => respond(s, "500 Internal Server Error", html(), b""),
    }));
    let dir = copy_of_bundled();
    let mut nb = Notebook::open(dir.path()).unwrap();
    let before = snapshot(&nb);
    let urls = [format!("{base}/good"), format!("{base}/broken")];
    let err = nb
        .import_urls(&urls, &ImportOptions::default(), &quick(), &mut |_| {})
        .unwrap_err()
        .to_string();
    assert!(err.contains("answered 500 Internal Server Error"), "{err}");
    assert_eq!(snapshot(&nb), before);
    // With skip_bad the good page goes in and the bad one is reported.
    let report = nb
        .import_urls(
            &urls,
            &ImportOptions { skip_bad: true },
            &quick(),
            &mut |_| {},
        )
        .unwrap();
    assert_eq!(report.imported.len(), 1);
    assert_eq!(report.refused.len(), 1);
}

mod response_handling {
    //! The pure part of a fetch (status, headers and body bytes → metadata
    //! and text, or a reason) over arbitrary answers: it never panics, and
    //! what it accepts is a success with a body within the limit.
    use dossier_core::fetch::{page, Response};
    use proptest::prelude::*;

    fn content_type() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("text/html".to_string()),
            Just("text/html; charset=windows-1251".to_string()),
            Just("text/html; charset=\"shift_jis\"".to_string()),
            Just("text/plain; charset=utf-8".to_string()),
            Just("text/markdown".to_string()),
            Just("application/pdf".to_string()),
            Just("image/png".to_string()),
            Just(String::new()),
            "[ -~]{0,40}",
        ]
    }

    fn body() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..600),
            "(<[a-z]{1,6}( [a-z]{1,5}=\"[^\"]{0,10}\")?>|</[a-z]{1,6}>|[^<]{0,30}){0,40}"
                .prop_map(String::into_bytes),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn any_answer_gives_a_page_or_a_reason(
            status in prop_oneof![Just(200u16), Just(203u16), Just(301u16), Just(404u16), Just(500u16), 100u16..600],
            ctype in content_type(),
            length in proptest::option::of(0u64..100_000),
            extra in proptest::collection::vec(("[A-Za-z-]{1,12}", "[ -~]{0,20}"), 0..3),
            body in body(),
        ) {
            let mut headers = vec![("Content-Type".to_string(), ctype)];
            if let Some(n) = length {
                headers.push(("content-length".to_string(), n.to_string()));
            }
            headers.extend(extra);
            let max = 400u64;
            let response = Response {
                requested: "https://example.org/a".into(),
                final_url: "https://example.org/b/story.html".into(),
                status,
                headers: headers.clone(),
                body: body.clone(),
            };
            match page(&response, max) {
                Ok((_, meta, text)) => {
                    prop_assert!((200..300).contains(&status));
                    prop_assert!(body.len() as u64 <= max);
                    prop_assert!(!text.trim().is_empty());
                    prop_assert!(!meta.title.trim().is_empty());
                    prop_assert_eq!(meta.fetched_from.as_deref(), Some("https://example.org/b/story.html"));
                }
                Err(reason) => {
                    prop_assert!(!reason.is_empty());
                    prop_assert!(reason.contains("example.org"), "{}", reason);
                }
            }
        }
    }
}
