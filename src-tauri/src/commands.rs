//! The commands the web view may call. Each one is a thin wrapper: it moves
//! the work onto a blocking thread (never the main thread, which runs the
//! window) and hands it to `Session`. Errors reach the UI as
//! `{code, message}` (`CommandError`).
//!
//! Adding a command: write it here, add it to `generate_handler!` in
//! `lib.rs`, to `COMMANDS` in `command_names.rs`, to `signatures()` below, and
//! its `allow-*` permission to `capabilities/main-window.json`; the tests in
//! `bindings.rs` fail until all of these agree.

use std::path::PathBuf;
use std::sync::Arc;

use tauri::ipc::Channel;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::{Config, TS};

use crate::session::{Result, Session};
use crate::transport::{
    AcceptSuggestionRequest, AnnotateRequest, AnnotationEditRequest, AnnotationView, CommandError,
    EntitiesChanged, EntityView, FirstPaint, IdRequest, ImportProgress, ImportRequest,
    ImportSummary, NameRequest, NewEntityRequest, NoteView, NotebookView, PathRequest,
    RecentNotebook, SearchRequest, SearchResponse, SourceView, Startup, SuggestionView,
};

/// For end-to-end tests only: when set, "Import files…" takes these paths
/// (separated like `PATH`) instead of showing the file dialog. What follows —
/// granting, importing, indexing — is the same as for a real dialog.
pub const E2E_IMPORT_ENV: &str = "DOSSIER_E2E_IMPORT";

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
    let s = Arc::clone(&session);
    blocking(move || Ok(s.startup())).await
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
    let s = Arc::clone(&session);
    blocking(move || s.source(&request.id)).await
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
        let paths: Vec<PathBuf> = match std::env::var_os(E2E_IMPORT_ENV) {
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

/// Called by the UI once the notebook is on screen; returns (and logs) the
/// time since launch.
#[tauri::command]
pub fn report_first_paint(session: State<'_, Shared>) -> FirstPaint {
    FirstPaint {
        since_launch_ms: session.first_paint(),
    }
}

/// One command as TypeScript sees it: argument names and types, result type.
pub struct Signature {
    pub name: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub result: String,
}

fn ts<T: TS>(cfg: &Config) -> String {
    T::name(cfg)
}

/// The TypeScript signature of every command above, for `bindings.ts`.
/// Argument names are as the UI passes them (Tauri turns `on_progress` into
/// `onProgress`).
pub fn signatures(cfg: &Config) -> Vec<Signature> {
    let sig = |name, args: Vec<(&'static str, String)>, result| Signature { name, args, result };
    vec![
        sig("startup", vec![], ts::<Startup>(cfg)),
        sig(
            "open_notebook",
            vec![("request", ts::<PathRequest>(cfg))],
            ts::<NotebookView>(cfg),
        ),
        sig("choose_notebook", vec![], ts::<Option<NotebookView>>(cfg)),
        sig("recent_notebooks", vec![], ts::<Vec<RecentNotebook>>(cfg)),
        sig(
            "get_source",
            vec![("request", ts::<IdRequest>(cfg))],
            ts::<SourceView>(cfg),
        ),
        sig(
            "get_note",
            vec![("request", ts::<PathRequest>(cfg))],
            ts::<NoteView>(cfg),
        ),
        sig(
            "get_entity",
            vec![("request", ts::<NameRequest>(cfg))],
            ts::<EntityView>(cfg),
        ),
        sig(
            "search",
            vec![("request", ts::<SearchRequest>(cfg))],
            ts::<SearchResponse>(cfg),
        ),
        sig("choose_import_files", vec![], ts::<Vec<String>>(cfg)),
        sig(
            "import_files",
            vec![
                ("request", ts::<ImportRequest>(cfg)),
                (
                    "onProgress",
                    format!("Channel<{}>", ts::<ImportProgress>(cfg)),
                ),
            ],
            ts::<ImportSummary>(cfg),
        ),
        sig("report_first_paint", vec![], ts::<FirstPaint>(cfg)),
        sig(
            "annotate",
            vec![("request", ts::<AnnotateRequest>(cfg))],
            ts::<AnnotationView>(cfg),
        ),
        sig(
            "edit_annotation",
            vec![("request", ts::<AnnotationEditRequest>(cfg))],
            ts::<AnnotationView>(cfg),
        ),
        sig(
            "delete_annotation",
            vec![("request", ts::<IdRequest>(cfg))],
            ts::<()>(cfg),
        ),
        sig(
            "suggestions",
            vec![("request", ts::<IdRequest>(cfg))],
            ts::<Vec<SuggestionView>>(cfg),
        ),
        sig(
            "accept_suggestion",
            vec![("request", ts::<AcceptSuggestionRequest>(cfg))],
            ts::<EntitiesChanged>(cfg),
        ),
        sig(
            "reject_suggestion",
            vec![("request", ts::<NameRequest>(cfg))],
            ts::<()>(cfg),
        ),
        sig(
            "add_entity",
            vec![("request", ts::<NewEntityRequest>(cfg))],
            ts::<EntitiesChanged>(cfg),
        ),
    ]
}
