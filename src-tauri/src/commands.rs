//! The commands the web view may call. Each one is a thin wrapper: it moves
//! the work onto a blocking thread (never the main thread, which runs the
//! window) and hands it to `Session`. Errors reach the UI as
//! `{code, message}` (`CommandError`).
//!
//! Adding a command: write it here and add its line to `command_list.rs`;
//! the invoke handler, the permission, the window's capability and the
//! TypeScript signature are derived from that list.

use std::path::PathBuf;
use std::sync::Arc;

use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::session::{Result, Session};
use crate::transport::{
    AcceptSuggestionRequest, AnnotateRequest, AnnotationEditRequest, AnnotationView, BacklinksView,
    CloseRequest, CommandError, EntitiesChanged, EntityView, ExportProgress, ExportRequest,
    ExportSummary, FirstPaint, FirstPaintRequest, IdRequest, ImportProgress, ImportRequest,
    ImportSummary, LinkMentionRequest, NameRequest, NewEntityRequest, NewNoteRequest, NoteChange,
    NoteView, NotebookView, PathRequest, QuoteHighlightRequest, RecentNotebook, ReloadNoteRequest,
    RenameNoteRequest, RenderRequest, RenderedView, SaveNoteRequest, SavedNote, SearchRequest,
    SearchResponse, SourceView, SpeakerQuotesView, Startup, SuggestionView, UrlRequest,
};
use crate::transport::{
    EdgeRequest, GraphRequest, GraphView, PictureFormat, PictureRequest, SharedPassageView,
    TimelineItemView, TimelineRequest,
};

/// A system dialog that an end-to-end test may answer instead of a person.
#[derive(Debug, Clone, Copy)]
pub enum Dialog {
    /// "Import files…": with the `e2e` feature, `DOSSIER_E2E_IMPORT` gives
    /// the paths (separated like `PATH`). What follows — granting,
    /// importing, indexing — is the same as for a real dialog.
    Import,
    /// "Export…": with the `e2e` feature, `DOSSIER_E2E_EXPORT` gives the
    /// folder. Granting and exporting are as for a real one.
    Export,
    /// "Save the timeline / network as…": with the `e2e` feature,
    /// `DOSSIER_E2E_SAVE` gives the file. Writing is as for a real one.
    Save,
}

/// The dialog's answer given by a test, in the `e2e` build only.
#[cfg(feature = "e2e")]
pub fn dialog_answer_for_tests(dialog: Dialog) -> Option<std::ffi::OsString> {
    std::env::var_os(match dialog {
        Dialog::Import => "DOSSIER_E2E_IMPORT",
        Dialog::Export => "DOSSIER_E2E_EXPORT",
        Dialog::Save => "DOSSIER_E2E_SAVE",
    })
}

/// The dialog's answer given by a test: never, in every build but the
/// end-to-end tests' (the shipped app always asks the person, and its
/// binary does not even hold the variables' names).
#[cfg(not(feature = "e2e"))]
pub fn dialog_answer_for_tests(_dialog: Dialog) -> Option<std::ffi::OsString> {
    None
}

pub type Shared = Arc<Session>;

async fn blocking<T, F>(f: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T> + Send + 'static,
{
    tauri::async_runtime::spawn_blocking(f)
        .await
        .map_err(|e| CommandError::new("internal", format!("A background task failed: {e}")))?
}

#[tauri::command]
pub async fn startup(session: State<'_, Shared>) -> Result<Startup> {
    crate::launch_mark("startup-called");
    let s = Arc::clone(&session);
    let answer = blocking(move || Ok(s.startup())).await;
    crate::launch_mark("startup-answered");
    answer
}

#[tauri::command]
pub async fn open_notebook(
    session: State<'_, Shared>,
    request: PathRequest,
) -> Result<NotebookView> {
    let s = Arc::clone(&session);
    blocking(move || s.open_allowed(&request.path)).await
}

/// Shows the folder dialog and opens the chosen folder; `null` if cancelled.
#[tauri::command]
pub async fn choose_notebook(
    app: AppHandle,
    session: State<'_, Shared>,
) -> Result<Option<NotebookView>> {
    let s = Arc::clone(&session);
    blocking(move || {
        let Some(picked) = app
            .dialog()
            .file()
            .set_title("Open a notebook folder")
            .blocking_pick_folder()
        else {
            return Ok(None);
        };
        let path = picked.into_path().map_err(|e| {
            CommandError::new("bad_input", format!("That folder can't be opened: {e}"))
        })?;
        s.grant([path.as_path()]);
        s.open(&path).map(Some)
    })
    .await
}

#[tauri::command]
pub async fn recent_notebooks(session: State<'_, Shared>) -> Result<Vec<RecentNotebook>> {
    let s = Arc::clone(&session);
    blocking(move || Ok(s.recent())).await
}

#[tauri::command]
pub async fn get_source(session: State<'_, Shared>, request: IdRequest) -> Result<SourceView> {
    crate::launch_mark("get-source-called");
    let s = Arc::clone(&session);
    let answer = blocking(move || s.source(&request.id)).await;
    crate::launch_mark("get-source-answered");
    answer
}

#[tauri::command]
pub async fn get_note(session: State<'_, Shared>, request: PathRequest) -> Result<NoteView> {
    let s = Arc::clone(&session);
    blocking(move || s.note(&request.path)).await
}

#[tauri::command]
pub async fn get_entity(session: State<'_, Shared>, request: NameRequest) -> Result<EntityView> {
    let s = Arc::clone(&session);
    blocking(move || s.entity(&request.name)).await
}

#[tauri::command]
pub async fn search(session: State<'_, Shared>, request: SearchRequest) -> Result<SearchResponse> {
    let s = Arc::clone(&session);
    blocking(move || s.search(&request.query, request.limit)).await
}

/// Shows the file dialog for importing; returns the chosen paths (empty if
/// cancelled), which from then on may be imported.
#[tauri::command]
pub async fn choose_import_files(
    app: AppHandle,
    session: State<'_, Shared>,
) -> Result<Vec<String>> {
    let s = Arc::clone(&session);
    blocking(move || {
        let paths: Vec<PathBuf> = match dialog_answer_for_tests(Dialog::Import) {
            Some(list) => std::env::split_paths(&list).collect(),
            None => app
                .dialog()
                .file()
                .set_title("Import files into the notebook")
                .add_filter(
                    "Articles and notes",
                    &["txt", "md", "markdown", "html", "htm"],
                )
                .add_filter("All files", &["*"])
                .blocking_pick_files()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| p.into_path().ok())
                .collect(),
        };
        s.grant(paths.iter().map(PathBuf::as_path));
        Ok(paths.iter().map(|p| p.display().to_string()).collect())
    })
    .await
}

/// Imports files, sending progress on `on_progress` as each one is done.
#[tauri::command]
pub async fn import_files(
    session: State<'_, Shared>,
    request: ImportRequest,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportSummary> {
    let s = Arc::clone(&session);
    blocking(move || {
        s.import(&request.paths, &mut |p| {
            // A closed window can't take progress any more; the import goes on.
            let _ = on_progress.send(p);
        })
    })
    .await
}

/// Fetches a web page and imports it, sending progress on `on_progress`.
#[tauri::command]
pub async fn import_url(
    session: State<'_, Shared>,
    request: UrlRequest,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportSummary> {
    let s = Arc::clone(&session);
    blocking(move || {
        s.import_url(&request.url, &mut |p| {
            let _ = on_progress.send(p);
        })
    })
    .await
}

/// Highlights a selection of the reader (code-point offsets).
#[tauri::command]
pub async fn annotate(
    session: State<'_, Shared>,
    request: AnnotateRequest,
) -> Result<AnnotationView> {
    let s = Arc::clone(&session);
    blocking(move || s.annotate(request)).await
}

#[tauri::command]
pub async fn edit_annotation(
    session: State<'_, Shared>,
    request: AnnotationEditRequest,
) -> Result<AnnotationView> {
    let s = Arc::clone(&session);
    blocking(move || s.edit_annotation(request)).await
}

#[tauri::command]
pub async fn delete_annotation(session: State<'_, Shared>, request: IdRequest) -> Result<()> {
    let s = Arc::clone(&session);
    blocking(move || s.delete_annotation(&request.id)).await
}

/// The quotes of the source `request.id`, grouped by speaker.
#[tauri::command]
pub async fn source_quotes(
    session: State<'_, Shared>,
    request: IdRequest,
) -> Result<Vec<SpeakerQuotesView>> {
    let s = Arc::clone(&session);
    blocking(move || s.source_quotes(&request.id)).await
}

/// Turns a found quote into a highlight linked to its speaker's entity.
#[tauri::command]
pub async fn highlight_quote(
    session: State<'_, Shared>,
    request: QuoteHighlightRequest,
) -> Result<AnnotationView> {
    let s = Arc::clone(&session);
    blocking(move || s.highlight_quote(request)).await
}

/// Suggested entities for the source `request.id`.
#[tauri::command]
pub async fn suggestions(
    session: State<'_, Shared>,
    request: IdRequest,
) -> Result<Vec<SuggestionView>> {
    let s = Arc::clone(&session);
    blocking(move || s.suggestions(&request.id)).await
}

#[tauri::command]
pub async fn accept_suggestion(
    session: State<'_, Shared>,
    request: AcceptSuggestionRequest,
) -> Result<EntitiesChanged> {
    let s = Arc::clone(&session);
    blocking(move || s.accept_suggestion(request)).await
}

#[tauri::command]
pub async fn reject_suggestion(session: State<'_, Shared>, request: NameRequest) -> Result<()> {
    let s = Arc::clone(&session);
    blocking(move || s.reject_suggestion(&request.name)).await
}

#[tauri::command]
pub async fn add_entity(
    session: State<'_, Shared>,
    request: NewEntityRequest,
) -> Result<EntitiesChanged> {
    let s = Arc::clone(&session);
    blocking(move || s.add_entity(request)).await
}

#[tauri::command]
pub async fn save_note(session: State<'_, Shared>, request: SaveNoteRequest) -> Result<SavedNote> {
    let s = Arc::clone(&session);
    blocking(move || {
        s.save_note(
            &request.path,
            &request.body,
            request.expected_hash.as_deref(),
        )
    })
    .await
}

/// The note as it is now, when that is not the editor's text (`hash`):
/// changed on disk by another program, or rewritten by the app; `null` otherwise.
#[tauri::command]
pub async fn reload_note(
    session: State<'_, Shared>,
    request: ReloadNoteRequest,
) -> Result<Option<NoteView>> {
    let s = Arc::clone(&session);
    blocking(move || s.reload_note(&request.path, &request.hash)).await
}

#[tauri::command]
pub async fn render_markdown(
    session: State<'_, Shared>,
    request: RenderRequest,
) -> Result<RenderedView> {
    let s = Arc::clone(&session);
    blocking(move || s.render(&request.markdown)).await
}

#[tauri::command]
pub async fn new_note(session: State<'_, Shared>, request: NewNoteRequest) -> Result<NoteChange> {
    let s = Arc::clone(&session);
    blocking(move || s.new_note(&request.title, request.source.as_deref())).await
}

#[tauri::command]
pub async fn rename_note(
    session: State<'_, Shared>,
    request: RenameNoteRequest,
) -> Result<NoteChange> {
    let s = Arc::clone(&session);
    blocking(move || s.rename_note(&request.path, &request.new_path)).await
}

#[tauri::command]
pub async fn delete_note(session: State<'_, Shared>, request: PathRequest) -> Result<NoteChange> {
    let s = Arc::clone(&session);
    blocking(move || s.delete_note(&request.path)).await
}

#[tauri::command]
pub async fn backlinks(session: State<'_, Shared>, request: NameRequest) -> Result<BacklinksView> {
    let s = Arc::clone(&session);
    blocking(move || s.backlinks(&request.name)).await
}

#[tauri::command]
pub async fn link_mention(
    session: State<'_, Shared>,
    request: LinkMentionRequest,
) -> Result<SavedNote> {
    let s = Arc::clone(&session);
    blocking(move || s.link_mention(&request)).await
}

/// Opens an `http(s)` or `mailto` link in the system's browser or mail
/// program, never inside the app's window.
#[tauri::command]
pub async fn open_web_link(request: UrlRequest) -> Result<()> {
    let url = crate::session::web_link(&request.url)?;
    blocking(move || {
        #[cfg(target_os = "macos")]
        let mut cmd = std::process::Command::new("open");
        #[cfg(target_os = "windows")]
        let mut cmd = {
            let mut c = std::process::Command::new("rundll32");
            c.arg("url.dll,FileProtocolHandler");
            c
        };
        #[cfg(not(any(target_os = "macos", target_os = "windows")))]
        let mut cmd = std::process::Command::new("xdg-open");
        cmd.arg(&url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        let mut child = cmd.spawn().map_err(|e| {
            CommandError::new(
                "io",
                format!("The system browser could not be started for {url}: {e}"),
            )
        })?;
        // Reap it in the background; the browser outlives it.
        std::thread::spawn(move || {
            let _ = child.wait();
        });
        Ok(())
    })
    .await
}

/// Shows the folder dialog for an export; returns the chosen folder (`null`
/// if cancelled), which from then on may be exported into.
#[tauri::command]
pub async fn choose_export_folder(
    app: AppHandle,
    session: State<'_, Shared>,
) -> Result<Option<String>> {
    let s = Arc::clone(&session);
    blocking(move || {
        let folder: Option<PathBuf> = match dialog_answer_for_tests(Dialog::Export) {
            Some(dir) => Some(PathBuf::from(dir)),
            None => app
                .dialog()
                .file()
                .set_title("Export into which folder?")
                .blocking_pick_folder()
                .and_then(|p| p.into_path().ok()),
        };
        Ok(folder.map(|f| {
            s.grant_export_folder(&f);
            f.display().to_string()
        }))
    })
    .await
}

/// Exports a note, a source, an entity or the whole notebook into a folder
/// chosen with `choose_export_folder`, with progress on `on_progress`.
#[tauri::command]
pub async fn export(
    session: State<'_, Shared>,
    request: ExportRequest,
    on_progress: Channel<ExportProgress>,
) -> Result<ExportSummary> {
    let s = Arc::clone(&session);
    blocking(move || {
        s.export(&request, &mut |p| {
            let _ = on_progress.send(p);
        })
    })
    .await
}

/// The window's answer to `dossier://close-requested`: close once it has
/// written what was unsaved, or stay open when it could not.
#[tauri::command]
pub fn close_window(
    window: tauri::Window,
    session: State<'_, Shared>,
    request: CloseRequest,
) -> Result<()> {
    if !request.saved {
        session.keep_open();
        return Ok(());
    }
    session.confirm_close();
    window
        .destroy()
        .map_err(|e| CommandError::new("internal", format!("The window could not close: {e}")))
}

/// Called by the UI once the notebook is on screen; returns (and logs) the
/// time since launch.
#[tauri::command]
pub fn report_first_paint(session: State<'_, Shared>, request: FirstPaintRequest) -> FirstPaint {
    // The page's marks in the shell's clock: the call arrived now, made
    // `now_ms` into the page's clock (the call's own latency is ignored, so
    // they read a little late). Printed before the paint line, which ends
    // what `dossier-bench app` reads.
    let now = session.since_launch_ms();
    for m in &request.marks {
        if m.ms.is_finite() && m.ms <= request.now_ms {
            crate::launch_mark_at(&format!("ui-{}", m.name), now - (request.now_ms - m.ms));
        }
    }
    FirstPaint {
        since_launch_ms: session.first_paint(),
    }
}

#[cfg(all(test, not(feature = "e2e")))]
mod tests {
    use super::*;

    #[test]
    fn without_the_e2e_feature_the_dialogs_ignore_the_test_variables() {
        // The build that ships (`make package`) has no `e2e` feature.
        std::env::set_var("DOSSIER_E2E_IMPORT", "/tmp/whatever.html");
        std::env::set_var("DOSSIER_E2E_EXPORT", "/tmp");
        std::env::set_var("DOSSIER_E2E_SAVE", "/tmp/network.gexf");
        assert_eq!(dialog_answer_for_tests(Dialog::Import), None);
        assert_eq!(dialog_answer_for_tests(Dialog::Export), None);
        assert_eq!(dialog_answer_for_tests(Dialog::Save), None);
    }
}

/// The timeline's dated items.
#[tauri::command]
pub async fn timeline(
    session: State<'_, Shared>,
    request: TimelineRequest,
) -> Result<Vec<TimelineItemView>> {
    let s = Arc::clone(&session);
    blocking(move || s.timeline(&request)).await
}

/// The entity network.
#[tauri::command]
pub async fn graph(session: State<'_, Shared>, request: GraphRequest) -> Result<GraphView> {
    let s = Arc::clone(&session);
    blocking(move || s.graph(&request)).await
}

/// The passages behind an edge of the network.
#[tauri::command]
pub async fn shared_passages(
    session: State<'_, Shared>,
    request: EdgeRequest,
) -> Result<Vec<SharedPassageView>> {
    let s = Arc::clone(&session);
    blocking(move || s.shared_passages(&request)).await
}

/// Saves the timeline (a Markdown table) or the network (GEXF or GraphML)
/// to a file chosen in the save dialog, written atomically; returns the
/// file's path, or `null` if the dialog was cancelled. The path comes from
/// the dialog, never from the page.
#[tauri::command]
pub async fn save_picture(
    app: AppHandle,
    session: State<'_, Shared>,
    request: PictureRequest,
) -> Result<Option<String>> {
    let s = Arc::clone(&session);
    blocking(move || {
        let (title, name, filter, ext) = match request.format {
            PictureFormat::Timeline => (
                "Save the timeline as a Markdown table",
                "timeline.md",
                "Markdown",
                "md",
            ),
            PictureFormat::Gexf => (
                "Save the network as GEXF",
                "network.gexf",
                "GEXF (Gephi)",
                "gexf",
            ),
            PictureFormat::Graphml => (
                "Save the network as GraphML",
                "network.graphml",
                "GraphML",
                "graphml",
            ),
        };
        let path: Option<PathBuf> = match dialog_answer_for_tests(Dialog::Save) {
            Some(p) => Some(PathBuf::from(p)),
            None => app
                .dialog()
                .file()
                .set_title(title)
                .set_file_name(name)
                .add_filter(filter, &[ext])
                .blocking_save_file()
                .and_then(|p| p.into_path().ok()),
        };
        let Some(path) = path else {
            return Ok(None);
        };
        s.save_picture(&request, &path)?;
        Ok(Some(path.display().to_string()))
    })
    .await
}
