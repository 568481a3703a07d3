//! `dossier import https://…` as a user runs it, against a small HTTP
//! server on 127.0.0.1: web pages and files in one command, a failing
//! address refusing the batch with a clear message, a page fetched again.

#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};

/// Serves `pages` (path → HTML) on 127.0.0.1; other paths answer 404.
fn serve(pages: Arc<Mutex<Vec<(String, String)>>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut first = String::new();
            let _ = reader.read_line(&mut first);
            loop {
                let mut line = String::new();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) if line == "\r\n" => break,
                    Ok(_) => {}
                }
            }
            let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
            let page = pages
                .lock()
                .unwrap()
                .iter()
                .find(|(p, _)| *p == path)
                .map(|(_, b)| b.clone());
            let (status, body) = match page {
                Some(b) => ("200 OK", b),
                None => ("404 Not Found", "<p>not here</p>".to_string()),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    base
}

fn page(paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
    format!(
        r#"<html><head><title>Grain corridor reopens</title>
<meta property="og:site_name" content="The Danube Ledger">
<meta name="author" content="Ilona Varga">
<meta property="article:published_time" content="2025-06-02">
</head><body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Grain corridor reopens</h1>{body}</article>
<footer>Subscribe to our newsletter</footer></body></html>"#
    )
}

const A: &str = "Barges loaded with wheat left the port of Izmail on Monday after a two-week pause caused by low water on the lower Danube.";
const B: &str = "Insurers said premiums for the route would stay at their spring level while the river authority dredges the channel near Reni.";

fn dossier(notebook: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("--notebook")
        .arg(notebook)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn import_mixes_web_addresses_and_files_and_refuses_a_404_whole() {
    let pages = Arc::new(Mutex::new(vec![("/grain".to_string(), page(&[A, B]))]));
    let base = serve(pages.clone());
    let nb = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let note = files.path().join("river-log.txt");
    std::fs::write(
        &note,
        "River log\n\nWater at Reni rose by ten centimetres.\n",
    )
    .unwrap();
    let url = format!("{base}/grain");

    // A missing page in the batch: exit 1, the message names it, nothing imported.
    let missing = format!("{base}/nowhere");
    let (code, out, err) = dossier(
        nb.path(),
        &["import", &url, note.to_str().unwrap(), &missing],
    );
    assert_ne!(code, 0, "{out}");
    assert!(
        err.contains(&format!("{missing} answered 404 Not Found")),
        "{err}"
    );
    let (_, listed, _) = dossier(nb.path(), &["sources"]);
    assert!(
        !listed.contains("Grain corridor") && !listed.contains("River log"),
        "{listed}"
    );

    // Page and file together.
    let (code, out, err) = dossier(nb.path(), &["import", &url, note.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("imported grain-corridor-reopens"), "{out}");
    assert!(out.contains("imported river-log"), "{out}");
    let (code, shown, _) = dossier(nb.path(), &["show", "grain-corridor-reopens"]);
    assert_eq!(code, 0);
    assert!(
        shown.contains("The Danube Ledger") && shown.contains("Ilona Varga"),
        "{shown}"
    );
    assert!(shown.contains(&url), "{shown}");
    assert!(
        shown.contains("Izmail") && !shown.contains("Subscribe"),
        "{shown}"
    );

    // Fetched again unchanged, then changed.
    let (_, out, _) = dossier(nb.path(), &["import", &url]);
    assert!(
        out.contains("already imported as grain-corridor-reopens, unchanged"),
        "{out}"
    );
    pages.lock().unwrap()[0].1 = page(&[A, B, "A second convoy is due on Thursday."]);
    let (code, out, err) = dossier(nb.path(), &["import", &url]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("updated grain-corridor-reopens"), "{out}");
    let (_, shown, _) = dossier(nb.path(), &["show", "grain-corridor-reopens"]);
    assert!(shown.contains("second convoy"), "{shown}");
}
