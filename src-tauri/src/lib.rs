//! Dossier's desktop shell: a thin Tauri v2 layer over `dossier-core`.
//!
//! - `transport`: the types that cross to the web view, converted from engine types.
//! - `session`: the shell's state and the work behind each command (no Tauri in it).
//! - `commands`: the Tauri commands, each running its work off the main thread.
//! - `bindings`: the generated TypeScript twin of `transport` and `commands`.
//! - `recent`: the recent-notebooks list in the app's config folder.

// The command list (macros) comes first: the modules below use it.
#[macro_use]
mod command_list {
    include!("command_list.rs");
}

/// `commands::NAME` for each command of the list, as Tauri's invoke handler.
macro_rules! invoke_handler {
    ($($name:ident ($($(#[$c:ident])? $arg:ident : $ty:ty),*) -> $ret:ty;)*) => {
        tauri::generate_handler![$(commands::$name),*]
    };
}

pub mod bindings;
pub mod commands;
mod recent;
pub mod session;
pub mod transport;

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::{Duration, Instant};

use dossier_core::Changes;

use tauri::{AppHandle, DragDropEvent, Emitter, Manager, WindowEvent};

use crate::session::{Session, TakenIn};
use crate::transport::DragHover;

/// The environment variable naming the notebook folder to open at launch.
pub const NOTEBOOK_ENV: &str = "DOSSIER_NOTEBOOK";

/// Set (to anything) to have the shell print its launch timeline to standard
/// error, one `dossier: launch MARK N ms` line per step up to the first
/// paint (`dossier-bench app` reads them to split the launch time).
pub const LAUNCH_TRACE_ENV: &str = "DOSSIER_LAUNCH_TRACE";

static LAUNCHED: std::sync::OnceLock<(Instant, bool)> = std::sync::OnceLock::new();

/// Prints a step of the launch timeline when [`LAUNCH_TRACE_ENV`] is set:
/// milliseconds since the start of [`run`].
pub fn launch_mark(what: &str) {
    if let Some((at, true)) = LAUNCHED.get() {
        launch_mark_at(what, at.elapsed().as_secs_f64() * 1000.0);
    }
}

/// Prints a step of the launch timeline that happened `ms` after the start
/// of [`run`], when [`LAUNCH_TRACE_ENV`] is set.
pub fn launch_mark_at(what: &str, ms: f64) {
    if let Some((_, true)) = LAUNCHED.get() {
        let what: String = what
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(40)
            .collect();
        eprintln!("dossier: launch {what} {ms:.1} ms");
    }
}

/// The notebook to open at launch: `DOSSIER_NOTEBOOK`, else the first
/// argument that isn't an option. Relative paths are taken from the current
/// directory.
pub fn launch_notebook(
    env: Option<OsString>,
    args: impl IntoIterator<Item = OsString>,
) -> Option<PathBuf> {
    let raw = env.filter(|v| !v.is_empty()).or_else(|| {
        args.into_iter()
            .find(|a| !a.to_string_lossy().starts_with('-'))
    })?;
    let path = PathBuf::from(raw);
    Some(std::path::absolute(&path).unwrap_or(path))
}

/// How often the whole notebook is synced anyway, as a safety net under the
/// watcher (the watcher reports each change within `WATCH_DEBOUNCE`; a
/// rescan it asks for, after the system dropped events, is done at once).
pub const FULL_SYNC_EVERY: Duration = Duration::from_secs(300);

/// How soon a batch is tried again when the notebook was busy.
pub const RETRY_BUSY: Duration = Duration::from_millis(100);

/// Takes in changes other programs make to the notebook's files, as the
/// engine's watcher reports them, and tells the window, so a source edited
/// elsewhere shows up (its highlights re-anchored) without a reload.
fn watch_files(session: &Session, app: &AppHandle) {
    let Some(changes) = session.take_changes() else {
        return;
    };
    let mut pending: Option<Changes> = None;
    let mut last_full = Instant::now();
    let mut last_error: Option<String> = None;
    loop {
        let wait = if pending.is_some() {
            RETRY_BUSY
        } else {
            FULL_SYNC_EVERY.saturating_sub(last_full.elapsed())
        };
        match changes.recv_timeout(wait) {
            Ok(c) => add(&mut pending, c),
            Err(RecvTimeoutError::Timeout) => {
                if pending.is_none() {
                    pending = Some(Changes::Rescan);
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
        while let Ok(c) = changes.try_recv() {
            add(&mut pending, c);
        }
        let Some(batch) = pending.take() else {
            continue;
        };
        if batch == Changes::Rescan {
            last_full = Instant::now();
        }
        match session.take_in(&batch) {
            Ok(TakenIn::Busy) => pending = Some(batch),
            Ok(TakenIn::Changed(changed)) => {
                last_error = None;
                if let Err(e) = app.emit(bindings::EVENT_NOTEBOOK_CHANGED, changed) {
                    eprintln!("dossier: could not tell the window about changed files: {e}");
                }
            }
            Ok(TakenIn::Unchanged) => last_error = None,
            Err(e) => {
                // Say it once, not on every batch; the next batch tries again.
                let message = e.to_string();
                if last_error.as_deref() != Some(message.as_str()) {
                    eprintln!("dossier: could not take in changed files: {message}");
                }
                last_error = Some(message);
            }
        }
    }
}

fn add(pending: &mut Option<Changes>, c: Changes) {
    match pending {
        Some(p) => p.merge(c),
        None => *pending = Some(c),
    }
}

/// Whether the window may load `url`: the app's own pages (the embedded UI
/// at `tauri://localhost`, or `http://tauri.localhost` where the platform
/// serves it so, and the Vite dev server on localhost in development).
pub fn navigation_allowed(url: &str) -> bool {
    // Without the UI embedded, the window loads the Vite dev server.
    const DEV_SERVER: bool = !cfg!(feature = "custom-protocol");
    let Some((scheme, rest)) = url.split_once("://") else {
        return false;
    };
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .rsplit('@')
        .next()
        .unwrap_or("");
    let hostname = host.split(':').next().unwrap_or("");
    match scheme {
        "tauri" => hostname == "localhost",
        "http" | "https" => {
            hostname == "tauri.localhost"
                || (DEV_SERVER && (hostname == "localhost" || hostname == "127.0.0.1"))
        }
        _ => false,
    }
}

pub fn run() {
    let launched = Instant::now();
    let _ = LAUNCHED.set((launched, std::env::var_os(LAUNCH_TRACE_ENV).is_some()));
    launch_mark("run");
    let notebook = launch_notebook(std::env::var_os(NOTEBOOK_ENV), std::env::args_os().skip(1));

    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        // The window never leaves the app: a link that slipped past the UI's
        // routing (web links go to the system browser through
        // `open_web_link`) is refused here rather than loaded in the window.
        .plugin(
            tauri::plugin::Builder::<tauri::Wry>::new("navigation-guard")
                .on_navigation(|_, url| navigation_allowed(url.as_str()))
                .build(),
        )
        .on_page_load(|_, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => launch_mark("page-load-started"),
            tauri::webview::PageLoadEvent::Finished => launch_mark("page-load-finished"),
        })
        .setup(move |app| {
            // Tauri builds the configured window before this runs.
            launch_mark("window-built");
            let recent_file = app
                .path()
                .app_config_dir()
                .ok()
                .map(|dir| dir.join(recent::FILE_NAME));
            let session: commands::Shared = Arc::new(Session::new(notebook, recent_file, launched));
            // Open the notebook while the web view starts; the window's
            // `startup` call then finds it open (or waits for it).
            let early = Arc::clone(&session);
            std::thread::spawn(move || {
                early.open_at_launch();
            });
            let watched = Arc::clone(&session);
            let handle = app.handle().clone();
            std::thread::spawn(move || watch_files(&watched, &handle));
            app.manage(session);
            Ok(())
        })
        .on_window_event(|window, event| {
            if let WindowEvent::CloseRequested { api, .. } = event {
                // Ask the window to write what is unsaved first; it calls
                // `close_window` when done. A window that does not answer
                // is closed by the next request, 3 s later or more.
                let session = window.state::<commands::Shared>();
                if session.close_requested() {
                    api.prevent_close();
                    if let Err(e) = window.emit(bindings::EVENT_CLOSE_REQUESTED, ()) {
                        eprintln!("dossier: could not ask the window to save before closing: {e}");
                    }
                }
                return;
            }
            let WindowEvent::DragDrop(drag) = event else {
                return;
            };
            let emitted = match drag {
                DragDropEvent::Enter { .. } | DragDropEvent::Over { .. } => {
                    window.emit(bindings::EVENT_DRAG_HOVER, DragHover { active: true })
                }
                DragDropEvent::Leave => {
                    window.emit(bindings::EVENT_DRAG_HOVER, DragHover { active: false })
                }
                DragDropEvent::Drop { paths, .. } => {
                    let session = window.state::<commands::Shared>();
                    let dropped = session::dropped(&session, paths);
                    window
                        .emit(bindings::EVENT_DRAG_HOVER, DragHover { active: false })
                        .and_then(|_| window.emit(bindings::EVENT_FILES_DROPPED, dropped))
                }
                _ => Ok(()),
            };
            if let Err(e) = emitted {
                eprintln!("dossier: could not tell the window about a drag and drop: {e}");
            }
        })
        .invoke_handler(for_each_command!(invoke_handler))
        .run(tauri::generate_context!());

    if let Err(e) = result {
        eprintln!("dossier: the app could not start: {e}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_only_loads_the_apps_own_pages() {
        assert!(navigation_allowed("tauri://localhost/index.html"));
        assert!(navigation_allowed("http://tauri.localhost/"));
        assert_eq!(
            navigation_allowed("http://localhost:1420/"),
            !cfg!(feature = "custom-protocol"),
            "the dev server only in a build without the UI embedded"
        );
        for url in [
            "https://example.org/",
            "http://localhost.evil.example/",
            "https://user@evil.example/",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "data:text/html,<script>1</script>",
            "dossier:note/x",
            "tauri://evil.example/",
        ] {
            assert!(!navigation_allowed(url), "{url} is refused");
        }
    }

    #[test]
    fn launch_notebook_prefers_the_environment() {
        let got = launch_notebook(Some("/nb/env".into()), vec![OsString::from("/nb/arg")]);
        assert_eq!(got, Some(PathBuf::from("/nb/env")));
    }

    #[test]
    fn launch_notebook_takes_the_first_non_option_argument() {
        let got = launch_notebook(
            None,
            vec![OsString::from("--verbose"), OsString::from("/nb/arg")],
        );
        assert_eq!(got, Some(PathBuf::from("/nb/arg")));
        assert_eq!(
            launch_notebook(Some("".into()), Vec::<OsString>::new()),
            None,
            "empty env is unset"
        );
    }

    #[test]
    fn relative_launch_paths_become_absolute() {
        let got = launch_notebook(Some("notes".into()), Vec::<OsString>::new()).expect("a path");
        assert!(got.is_absolute(), "{got:?} should be absolute");
    }
}
