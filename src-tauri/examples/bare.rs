//! A bare window: the same tauri, wry and WebKitGTK as the app, the same
//! window size and security settings, and a static page that reports its
//! first frame as Dossier's UI does. `dossier-bench app --bare` times it
//! beside the app, so that Dossier's launch reads as this window's launch
//! plus the notebook's own cost on the machine at hand. Built by `make
//! bench-app` only (`--features custom-protocol,bare-window`), never by
//! `make test`.

use std::sync::OnceLock;
use std::time::Instant;

use serde::Deserialize;

static LAUNCHED: OnceLock<Instant> = OnceLock::new();

fn since_launch_ms() -> f64 {
    LAUNCHED
        .get()
        .map_or(0.0, |at| at.elapsed().as_secs_f64() * 1000.0)
}

/// The same lines as the app's (`dossier: launch MARK N ms`), always on.
fn mark_at(what: &str, ms: f64) {
    eprintln!("dossier: launch {what} {ms:.1} ms");
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Mark {
    name: String,
    ms: f64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FirstPaintRequest {
    marks: Vec<Mark>,
    now_ms: f64,
}

#[tauri::command]
fn report_first_paint(request: FirstPaintRequest) -> f64 {
    let now = since_launch_ms();
    for m in &request.marks {
        let name: String = m
            .name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(40)
            .collect();
        if m.ms.is_finite() && m.ms <= request.now_ms {
            mark_at(&format!("ui-{name}"), now - (request.now_ms - m.ms));
        }
    }
    eprintln!("dossier: first paint of the notebook {now:.0} ms after launch");
    now
}

fn main() {
    let _ = LAUNCHED.set(Instant::now());
    mark_at("run", 0.0);
    let result = tauri::Builder::default()
        .on_page_load(|_, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => {
                mark_at("page-load-started", since_launch_ms())
            }
            tauri::webview::PageLoadEvent::Finished => {
                mark_at("page-load-finished", since_launch_ms())
            }
        })
        .setup(|_| {
            mark_at("window-built", since_launch_ms());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![report_first_paint])
        .run(tauri::generate_context!("bare/tauri.conf.json"));
    if let Err(e) = result {
        eprintln!("bare: the window could not start: {e}");
        std::process::exit(1);
    }
}
