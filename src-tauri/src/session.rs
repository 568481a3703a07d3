//! The shell's state and the work behind each command, free of Tauri so that
//! it can be tested without a window. Every method here may block (it calls
//! the engine): the commands in `commands.rs` run them off the main thread.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Mutex, MutexGuard, TryLockError};
use std::time::Instant;

use dossier_core::{
    AnnotationEdit, Changes, ExportOptions, ImportOptions, NewAnnotation, NewEntity, Notebook,
    Picture, Scope, Watcher,
};

use crate::recent;
use crate::transport::{
    AcceptSuggestionRequest, AnnotateRequest, AnnotationEditRequest, AnnotationView, BacklinksView,
    CommandError, EntitiesChanged, EntityItem, EntityView, ExportFormat, ExportProgress,
    ExportRequest, ExportScope, ExportSummary, FilesDropped, ImportIssue, ImportProgress,
    ImportSummary, LinkMentionRequest, MentionSpan, NewEntityRequest, NoteChange, NoteItem,
    NoteView, NotebookChanged, NotebookView, QuerySyntaxProblem, QuoteHighlightRequest, QuoteView,
    RecentNotebook, RenderedView, SavedNote, SearchHit, SearchResponse, SourceItem, SourceView,
    SpeakerQuotesView, Startup, SuggestionView,
};
use crate::transport::{
    EdgeRequest, GraphRequest, GraphView, PictureFormat, PictureRequest, SharedPassageView,
    TimelineItemView, TimelineRequest,
};

/// Default and largest number of hits one search returns.
pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 200;

/// How long a close request waits for the UI to save before a second
/// request closes the window anyway.
pub const CLOSE_GRACE: std::time::Duration = std::time::Duration::from_secs(3);

pub type Result<T> = std::result::Result<T, CommandError>;

pub struct Session {
    /// The open notebook. `Notebook` is `Send` but not `Sync`, hence the mutex.
    notebook: Mutex<Option<Notebook>>,
    /// Set while an import holds the notebook, so searches answer `busy` at
    /// once instead of queueing behind it.
    importing: AtomicBool,
    /// Paths the user handed to the app through the system dialog or by
    /// dropping them on the window. The web view can only ask the shell to
    /// open or import these (plus the launch notebook and recent notebooks):
    /// a script in the page cannot name an arbitrary file.
    grants: Mutex<HashSet<PathBuf>>,
    /// Folders the user chose in the export dialog: exports may write there
    /// (and only there); they are not granted for opening or importing.
    export_folders: Mutex<HashSet<PathBuf>>,
    launch_notebook: Option<PathBuf>,
    /// Where the recent-notebooks list lives; `None` keeps no list.
    recent_file: Option<PathBuf>,
    launched: Instant,
    first_paint_ms: Mutex<Option<f64>>,
    /// When the window last asked to close and was held back so the UI could
    /// save; `close_confirmed` once the UI has.
    close_asked: Mutex<Option<Instant>>,
    close_confirmed: AtomicBool,
    /// Held while `startup` runs, so the early open started with the app and
    /// the window's own `startup` call never open the notebook twice.
    starting: Mutex<()>,
    /// The engine's watch of the open notebook's folder; replaced when
    /// another notebook opens. Its batches go to `changes_tx`.
    watcher: Mutex<Option<Watcher>>,
    changes_tx: Sender<Changes>,
    /// The other end, taken once by the thread that forwards batches.
    changes_rx: Mutex<Option<Receiver<Changes>>>,
}

/// What taking in a batch of outside changes came to.
#[derive(Debug)]
pub enum TakenIn {
    /// The notebook is busy (an import, or a command holding it): keep the
    /// batch and try again shortly.
    Busy,
    Unchanged,
    Changed(NotebookChanged),
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while a lock was held must not make the app unusable; the
    // engine keeps its own data consistent with transactions.
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}

/// Like `canonical`, for a folder that may not exist yet (an export's):
/// its nearest existing ancestor is made canonical and the rest kept.
fn canonical_or_parent(path: &Path) -> PathBuf {
    if path.exists() {
        return canonical(path);
    }
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => canonical_or_parent(parent).join(name),
        _ => path.to_path_buf(),
    }
}

/// Resets the `importing` flag however the import ends.
struct ImportingFlag<'a>(&'a AtomicBool);

impl Drop for ImportingFlag<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

impl Session {
    pub fn new(
        launch_notebook: Option<PathBuf>,
        recent_file: Option<PathBuf>,
        launched: Instant,
    ) -> Self {
        let (changes_tx, changes_rx) = mpsc::channel();
        Session {
            notebook: Mutex::new(None),
            importing: AtomicBool::new(false),
            grants: Mutex::new(HashSet::new()),
            export_folders: Mutex::new(HashSet::new()),
            launch_notebook,
            recent_file,
            launched,
            first_paint_ms: Mutex::new(None),
            starting: Mutex::new(()),
            close_asked: Mutex::new(None),
            close_confirmed: AtomicBool::new(false),
            watcher: Mutex::new(None),
            changes_tx,
            changes_rx: Mutex::new(Some(changes_rx)),
        }
    }

    /// The batches of changes the watcher of the open notebook reports
    /// (once: for the thread that forwards them to [`Session::take_in`]).
    pub fn take_changes(&self) -> Option<Receiver<Changes>> {
        lock(&self.changes_rx).take()
    }

    /// Records paths the user chose or dropped.
    pub fn grant<'a>(&self, paths: impl IntoIterator<Item = &'a Path>) {
        let mut grants = lock(&self.grants);
        for p in paths {
            grants.insert(canonical(p));
        }
    }

    fn is_granted(&self, path: &Path) -> bool {
        let path = canonical(path);
        if lock(&self.grants).contains(&path) {
            return true;
        }
        if self.launch_notebook.as_deref().map(canonical).as_ref() == Some(&path) {
            return true;
        }
        self.recent()
            .iter()
            .any(|r| canonical(Path::new(&r.path)) == path)
    }

    pub fn recent(&self) -> Vec<RecentNotebook> {
        self.recent_file
            .as_deref()
            .map(recent::load)
            .unwrap_or_default()
    }

    /// Opens the launch notebook, or else the most recent one that still
    /// exists. Called again (a reload of the page), it describes the notebook
    /// already open.
    pub fn startup(&self) -> Startup {
        let (notebook, error) = self.open_at_launch();
        Startup {
            first_source: self.first_source(notebook.as_ref()),
            notebook,
            error,
            recent: self.recent(),
        }
    }

    /// The notebook of [`Session::startup`], opened if it is not open yet:
    /// the shell calls this on a thread at launch, while the window starts.
    pub fn open_at_launch(&self) -> (Option<NotebookView>, Option<CommandError>) {
        let _once = lock(&self.starting);
        let opened = lock(&self.notebook).as_ref().map(view);
        if let Some(notebook) = opened {
            return (notebook.ok(), None);
        }
        let target = self.launch_notebook.clone().or_else(|| {
            self.recent()
                .into_iter()
                .map(|r| PathBuf::from(r.path))
                .find(|p| p.is_dir())
        });
        match target {
            None => (None, None),
            Some(path) => match self.open(&path) {
                Ok(v) => (Some(v), None),
                Err(e) => (None, Some(e)),
            },
        }
    }

    /// The first source of `notebook` (the one the window opens first), if
    /// it can be read.
    fn first_source(&self, notebook: Option<&NotebookView>) -> Option<SourceView> {
        let id = &notebook?.sources.first()?.id;
        self.source(id).ok()
    }

    /// Opens a folder the user chose, dropped, or opened before.
    pub fn open_allowed(&self, path: &str) -> Result<NotebookView> {
        let path = PathBuf::from(path);
        if !self.is_granted(&path) {
            return Err(not_allowed(&path));
        }
        self.open(&path)
    }

    /// Opens `path` as the current notebook (no permission check: for the
    /// launch notebook and folders just chosen in the dialog).
    pub fn open(&self, path: &Path) -> Result<NotebookView> {
        if !path.is_dir() {
            return Err(CommandError::new(
                "not_found",
                format!(
                    "The notebook folder {} does not exist or is not a folder.",
                    path.display()
                ),
            ));
        }
        if self.importing.load(Ordering::SeqCst) {
            return Err(busy());
        }
        let started = Instant::now();
        let nb = Notebook::open(path)?;
        let v = view(&nb)?;
        // Other programs' changes to its files: the engine watches, the
        // batches come back through `changes_tx` to `take_in`.
        let tx = self.changes_tx.clone();
        let watcher = nb
            .watch(move |changes| {
                // The receiver lives as long as the app.
                let _ = tx.send(changes);
            })
            .map_err(|e| {
                eprintln!("dossier: cannot watch the notebook's folder ({e}); a full sync every few minutes takes in outside changes");
            })
            .ok();
        eprintln!(
            "dossier: opened {} in {:.0} ms ({:.0} ms after launch)",
            nb.root().display(),
            started.elapsed().as_secs_f64() * 1000.0,
            self.launched.elapsed().as_secs_f64() * 1000.0
        );
        if let Some(file) = &self.recent_file {
            if let Err(e) = recent::remember(file, nb.root(), &nb.name()) {
                eprintln!("dossier: could not update the recent-notebooks list: {e}");
            }
        }
        *lock(&self.notebook) = Some(nb);
        *lock(&self.watcher) = watcher;
        Ok(v)
    }

    fn with_notebook<T>(&self, f: impl FnOnce(&Notebook) -> Result<T>) -> Result<T> {
        if self.importing.load(Ordering::SeqCst) {
            return Err(busy());
        }
        let guard = lock(&self.notebook);
        let nb = guard.as_ref().ok_or_else(no_notebook)?;
        f(nb)
    }

    fn with_notebook_mut<T>(&self, f: impl FnOnce(&mut Notebook) -> Result<T>) -> Result<T> {
        if self.importing.load(Ordering::SeqCst) {
            return Err(busy());
        }
        let mut guard = lock(&self.notebook);
        let nb = guard.as_mut().ok_or_else(no_notebook)?;
        let out = f(nb);
        // The app keeps its notebook open between a person's actions: it
        // holds the index writer only while one runs, so that the command
        // line (or another window) can write in between.
        nb.release_index_writer();
        out
    }

    pub fn notebook_view(&self) -> Result<NotebookView> {
        self.with_notebook(view)
    }

    pub fn source(&self, id: &str) -> Result<SourceView> {
        self.with_notebook(|nb| {
            let mut view = SourceView::from(nb.source(id)?);
            let mut annotations = nb.annotations(Some(id))?;
            annotations.sort_by_key(|a| (a.start, a.end));
            view.annotations = annotations.iter().map(AnnotationView::from).collect();
            view.mentions = nb
                .source_mentions(id)?
                .iter()
                .map(MentionSpan::from)
                .collect();
            Ok(view)
        })
    }

    /// Highlights a span of a source (code points), with its comment, tags,
    /// colour and entities, in one write.
    pub fn annotate(&self, r: AnnotateRequest) -> Result<AnnotationView> {
        self.with_notebook_mut(|nb| {
            let a = nb.annotate(
                &r.source,
                NewAnnotation {
                    quote: r.quote.filter(|q| !q.is_empty()),
                    prefix: None,
                    suffix: None,
                    start: Some(r.start as usize),
                    end: Some(r.end as usize),
                    comment: r.comment,
                    tags: r.tags,
                    color: r.color,
                    entities: r.entities,
                },
            )?;
            Ok(AnnotationView::from(&a))
        })
    }

    /// Changes a highlight; a re-attach is checked against the selected text.
    pub fn edit_annotation(&self, r: AnnotationEditRequest) -> Result<AnnotationView> {
        self.with_notebook_mut(|nb| {
            let reattach = match &r.reattach {
                None => None,
                Some(span) => {
                    let (start, end) = (span.start as usize, span.end as usize);
                    if let Some(q) = span.quote.as_deref().filter(|q| !q.is_empty()) {
                        let source = nb.annotation(&r.id)?.source;
                        nb.check_quote_at(&source, start, end, q)?;
                    }
                    Some((start, end))
                }
            };
            let a = nb.edit_annotation(
                &r.id,
                AnnotationEdit {
                    comment: r.comment,
                    tags: r.tags,
                    color: r.color,
                    reattach,
                    entities: r.entities,
                },
            )?;
            Ok(AnnotationView::from(&a))
        })
    }

    pub fn delete_annotation(&self, id: &str) -> Result<()> {
        self.with_notebook_mut(|nb| Ok(nb.delete_annotation(id)?))
    }

    /// Names in a source that could become entities (rejected ones left out).
    pub fn suggestions(&self, source: &str) -> Result<Vec<SuggestionView>> {
        self.with_notebook(|nb| {
            Ok(nb
                .suggest(source)?
                .into_iter()
                .map(SuggestionView::from)
                .collect())
        })
    }

    pub fn accept_suggestion(&self, r: AcceptSuggestionRequest) -> Result<EntitiesChanged> {
        self.with_notebook_mut(|nb| {
            let e = nb.accept_suggestion_as(&r.source, &r.name, Some(&r.kind), Some(r.aliases))?;
            entities_changed(nb, &e)
        })
    }

    /// Rejects a suggested name; the engine remembers it.
    pub fn reject_suggestion(&self, name: &str) -> Result<()> {
        self.with_notebook_mut(|nb| Ok(nb.reject_suggestion(name)?))
    }

    pub fn add_entity(&self, r: NewEntityRequest) -> Result<EntitiesChanged> {
        self.with_notebook_mut(|nb| {
            let e = nb.add_entity(NewEntity {
                name: r.name,
                kind: r.kind,
                aliases: r.aliases,
                description: None,
                external_id: None,
            })?;
            entities_changed(nb, &e)
        })
    }

    /// Takes in what other programs changed in the notebook's files. Returns
    /// `None` when nothing changed, and also when the notebook is busy (an
    /// import, or a command holding it): the next call catches up.
    pub fn sync_files(&self) -> Result<Option<NotebookChanged>> {
        match self.take_in(&Changes::Rescan)? {
            TakenIn::Changed(c) => Ok(Some(c)),
            TakenIn::Busy | TakenIn::Unchanged => Ok(None),
        }
    }

    /// Takes in a batch of outside changes: the engine re-reads the paths
    /// (`sync_paths`), or every file on a rescan (`sync`).
    pub fn take_in(&self, changes: &Changes) -> Result<TakenIn> {
        if self.importing.load(Ordering::SeqCst) {
            return Ok(TakenIn::Busy);
        }
        let mut guard = match self.notebook.try_lock() {
            Ok(g) => g,
            Err(TryLockError::WouldBlock) => return Ok(TakenIn::Busy),
            Err(TryLockError::Poisoned(p)) => p.into_inner(),
        };
        let Some(nb) = guard.as_mut() else {
            return Ok(TakenIn::Unchanged);
        };
        let report = match changes {
            Changes::Paths(paths) => nb.sync_paths(paths),
            Changes::Rescan => nb.sync(),
        };
        nb.release_index_writer();
        let report = match report {
            Err(dossier_core::Error::Busy) => return Ok(TakenIn::Busy),
            other => other?,
        };
        if report.sources_changed + report.notes_changed + report.removed == 0 {
            return Ok(TakenIn::Unchanged);
        }
        Ok(TakenIn::Changed(NotebookChanged::new(view(nb)?, &report)))
    }

    pub fn entity(&self, name: &str) -> Result<EntityView> {
        self.with_notebook(|nb| {
            let page = nb.entity_page(name)?;
            let quotes = page.quotes.clone();
            let mut view = EntityView::from(page);
            let mut titles = std::collections::HashMap::new();
            for q in quotes {
                if !titles.contains_key(&q.source) {
                    titles.insert(q.source.clone(), nb.source(&q.source)?.meta.title);
                }
                let title = titles[&q.source].clone();
                view.quotes.push(QuoteView::new(q, title));
            }
            Ok(view)
        })
    }

    /// A source's quotes grouped by speaker.
    pub fn source_quotes(&self, source: &str) -> Result<Vec<SpeakerQuotesView>> {
        self.with_notebook(|nb| {
            let title = nb.source(source)?.meta.title;
            Ok(nb
                .quotes_by_speaker(source)?
                .into_iter()
                .map(|g| SpeakerQuotesView {
                    speaker: g.speaker,
                    speaker_kind: g.speaker_kind,
                    entity: g.entity,
                    quotes: g
                        .quotes
                        .into_iter()
                        .map(|q| QuoteView::new(q, title.clone()))
                        .collect(),
                })
                .collect())
        })
    }

    /// Turns a found quote into a highlight linked to its speaker's entity.
    pub fn highlight_quote(&self, r: QuoteHighlightRequest) -> Result<AnnotationView> {
        self.with_notebook_mut(|nb| {
            let a = nb.highlight_quote(&r.source, r.start as usize, r.end as usize)?;
            Ok(AnnotationView::from(&a))
        })
    }

    /// The timeline's items (all, one source's, or one entity's passages').
    pub fn timeline(&self, r: &TimelineRequest) -> Result<Vec<TimelineItemView>> {
        self.with_notebook(|nb| {
            Ok(nb
                .timeline_items(r.source.as_deref(), r.entity.as_deref())?
                .into_iter()
                .map(TimelineItemView::from)
                .collect())
        })
    }

    /// The network at a minimum weight, optionally one entity's neighbourhood.
    pub fn graph(&self, r: &GraphRequest) -> Result<GraphView> {
        self.with_notebook(|nb| {
            Ok(GraphView::new(
                nb.network(r.min_weight as usize, r.ego.as_deref())?,
            ))
        })
    }

    /// Writes the timeline or the network to `path` (chosen in the save
    /// dialog), atomically.
    pub fn save_picture(&self, r: &PictureRequest, path: &Path) -> Result<()> {
        let picture = match r.format {
            PictureFormat::Timeline => Picture::Timeline {
                source: r.source.clone(),
                entity: r.entity.clone(),
            },
            PictureFormat::Gexf | PictureFormat::Graphml => Picture::Network {
                min_weight: r.min_weight.unwrap_or(1).max(1) as usize,
                ego: r.ego.clone(),
                graphml: r.format == PictureFormat::Graphml,
            },
        };
        self.with_notebook(|nb| {
            nb.write_picture(&picture, path)?;
            Ok(())
        })
    }

    /// The passages behind an edge of the network.
    pub fn shared_passages(&self, r: &EdgeRequest) -> Result<Vec<SharedPassageView>> {
        self.with_notebook(|nb| {
            Ok(nb
                .shared_passages(&r.a, &r.b)?
                .into_iter()
                .map(SharedPassageView::from)
                .collect())
        })
    }

    pub fn note(&self, path: &str) -> Result<NoteView> {
        self.with_notebook(|nb| Ok(nb.note(path)?.into()))
    }

    /// Saves a note's text (atomically). When the file changed on disk since
    /// `expected_hash`, the file keeps the other text and this one goes to a
    /// conflict copy, named in the answer.
    pub fn save_note(
        &self,
        path: &str,
        body: &str,
        expected_hash: Option<&str>,
    ) -> Result<SavedNote> {
        self.with_notebook_mut(|nb| {
            let saved = nb.save_note(path, body, expected_hash)?;
            saved_note(nb, saved)
        })
    }

    /// The note as it is now, when that is not the text an editor has
    /// (`hash`): its file was changed by another program (taken into store
    /// and index here), or the app rewrote it (a link made or renamed).
    /// `None` when the editor is up to date.
    pub fn reload_note(&self, path: &str, hash: &str) -> Result<Option<NoteView>> {
        self.with_notebook_mut(|nb| {
            let note = match nb.reload_note(path)? {
                Some(n) => n,
                None => nb.note(path)?,
            };
            let view = NoteView::from(note);
            Ok((view.hash != hash).then_some(view))
        })
    }

    /// Markdown rendered and sanitised by the engine, wiki links resolved
    /// against the notebook.
    pub fn render(&self, markdown: &str) -> Result<RenderedView> {
        self.with_notebook(|nb| {
            let r = nb.render_markdown(markdown);
            let mut unresolved: Vec<String> = r
                .links
                .into_iter()
                .filter(|l| l.resolved.is_none())
                .map(|l| l.target)
                .collect();
            unresolved.dedup();
            Ok(RenderedView {
                html: r.html,
                unresolved,
            })
        })
    }

    /// Creates a note named after its title; about a source, it starts with
    /// a link to that source.
    pub fn new_note(&self, title: &str, source: Option<&str>) -> Result<NoteChange> {
        self.with_notebook_mut(|nb| {
            let note = match source {
                None => nb.new_note(title)?,
                Some(id) => nb.new_note_about(title, id)?,
            };
            Ok(NoteChange {
                note: Some(note.into()),
                detail: Vec::new(),
                notebook: view(nb)?,
            })
        })
    }

    /// Renames a note; the notes whose links were rewritten are in `detail`.
    pub fn rename_note(&self, path: &str, new_path: &str) -> Result<NoteChange> {
        self.with_notebook_mut(|nb| {
            let updated = nb.rename_note(path, new_path)?;
            let new_path = dossier_core::note_path(new_path)?;
            Ok(NoteChange {
                note: Some(nb.note(&new_path)?.into()),
                detail: updated,
                notebook: view(nb)?,
            })
        })
    }

    /// Deletes a note (its file goes to the notebook's trash, named in `detail`).
    pub fn delete_note(&self, path: &str) -> Result<NoteChange> {
        self.with_notebook_mut(|nb| {
            let kept = nb.delete_note(path)?;
            Ok(NoteChange {
                note: None,
                detail: vec![kept],
                notebook: view(nb)?,
            })
        })
    }

    /// Notes that link to `target` (a note path, source id or entity name),
    /// and notes that name it without a link.
    pub fn backlinks(&self, target: &str) -> Result<BacklinksView> {
        self.with_notebook(|nb| Ok(nb.backlinks(target)?.into()))
    }

    /// Turns an unlinked mention into a wiki link, saving the note.
    pub fn link_mention(&self, request: &LinkMentionRequest) -> Result<SavedNote> {
        self.with_notebook_mut(|nb| {
            let saved = nb.link_mention(
                &request.path,
                request.start as usize,
                request.end as usize,
                &request.target,
            )?;
            saved_note(nb, saved)
        })
    }

    /// Records a folder the user chose in the export dialog.
    pub fn grant_export_folder(&self, folder: &Path) {
        lock(&self.export_folders).insert(canonical_or_parent(folder));
    }

    /// Exports into a folder chosen in the export dialog, reporting progress.
    pub fn export(
        &self,
        request: &ExportRequest,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<ExportSummary> {
        let folder = PathBuf::from(&request.folder);
        let wanted = canonical_or_parent(&folder);
        let granted = lock(&self.export_folders)
            .iter()
            .any(|g| canonical_or_parent(g) == wanted);
        if !granted {
            return Err(CommandError::new(
                "not_allowed",
                format!(
                    "{} was not chosen in the export dialog, so Dossier will not write there.",
                    folder.display()
                ),
            ));
        }
        self.with_notebook(|nb| {
            let scope = match &request.scope {
                ExportScope::Note(n) => Scope::Note(n.clone()),
                ExportScope::Source(s) => Scope::Source(s.clone()),
                ExportScope::Entity(e) => Scope::Entity(e.clone()),
                ExportScope::All => Scope::All,
            };
            let options = ExportOptions {
                out: wanted.clone(),
                scope,
                format: match request.format {
                    ExportFormat::Markdown => dossier_core::ExportFormat::Markdown,
                    ExportFormat::Jsonld => dossier_core::ExportFormat::JsonLd,
                },
                template: None,
                vault: request.vault,
            };
            let report = nb.export(&options, &mut |done, total| {
                progress(ExportProgress {
                    done: u32::try_from(done).unwrap_or(u32::MAX),
                    total: u32::try_from(total).unwrap_or(u32::MAX),
                })
            })?;
            let mut summary = ExportSummary::from(report);
            summary.folder = wanted.display().to_string();
            Ok(summary)
        })
    }

    /// Strict search first; if the query is not valid syntax, its words,
    /// with the engine's description of the problem for the UI to show.
    pub fn search(&self, query: &str, limit: Option<u32>) -> Result<SearchResponse> {
        let started = Instant::now();
        let limit = limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT) as usize;
        self.with_notebook(|nb| {
            let searched = nb.search_forgiving(query, limit)?;
            Ok(SearchResponse {
                query: query.to_string(),
                total: u32::try_from(searched.results.total).unwrap_or(u32::MAX),
                hits: searched
                    .results
                    .hits
                    .into_iter()
                    .map(SearchHit::from)
                    .collect(),
                syntax_error: searched.problem.map(QuerySyntaxProblem::from),
                elapsed_ms: started.elapsed().as_secs_f64() * 1000.0,
            })
        })
    }

    /// Imports files the user chose or dropped. Good files are imported and
    /// bad ones reported, each with its reason.
    pub fn import(
        &self,
        paths: &[String],
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportSummary> {
        if paths.is_empty() {
            return Err(CommandError::new(
                "bad_input",
                "No files were given to import.",
            ));
        }
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        if let Some(p) = paths.iter().find(|p| !self.is_granted(p)) {
            return Err(not_allowed(p));
        }
        if self.importing.swap(true, Ordering::SeqCst) {
            return Err(busy());
        }
        let _flag = ImportingFlag(&self.importing);
        let mut guard = lock(&self.notebook);
        let nb = guard.as_mut().ok_or_else(no_notebook)?;
        let options = ImportOptions { skip_bad: true };
        let report = nb.import(&paths, &options, &mut |p| progress(ImportProgress::from(p)));
        nb.release_index_writer();
        import_summary(nb, report?)
    }

    /// Fetches a web page and imports it (a new source, or a new version of
    /// the source imported from the same address). The page is fetched
    /// before the notebook is taken, so reading goes on meanwhile; a page
    /// that cannot be fetched is an error naming the address and the reason.
    pub fn import_url(
        &self,
        url: &str,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportSummary> {
        if lock(&self.notebook).is_none() {
            return Err(no_notebook());
        }
        if self.importing.swap(true, Ordering::SeqCst) {
            return Err(busy());
        }
        let _flag = ImportingFlag(&self.importing);
        progress(ImportProgress {
            done: 0,
            total: 1,
            path: url.to_string(),
        });
        let page = dossier_core::fetch_page(url, &dossier_core::FetchLimits::default())
            .map_err(|reason| CommandError::new("bad_input", reason))?;
        let mut guard = lock(&self.notebook);
        let nb = guard.as_mut().ok_or_else(no_notebook)?;
        let report = nb.import_fetched(vec![page], &mut |p| progress(ImportProgress::from(p)));
        nb.release_index_writer();
        import_summary(nb, report?)
    }

    /// The window asks to close: `true` to hold it back and let the UI save
    /// first, `false` to let it close (the UI confirmed, or did not answer a
    /// request made at least `CLOSE_GRACE` ago: a UI that can't answer must
    /// not make the window impossible to close).
    pub fn close_requested(&self) -> bool {
        if self.close_confirmed.load(Ordering::SeqCst) {
            return false;
        }
        let mut asked = lock(&self.close_asked);
        match *asked {
            Some(at) if at.elapsed() >= CLOSE_GRACE => false,
            Some(_) => true,
            None => {
                *asked = Some(Instant::now());
                true
            }
        }
    }

    /// The UI could not save: the window stays open, and the next close
    /// request asks the UI again instead of closing after the grace time.
    pub fn keep_open(&self) {
        *lock(&self.close_asked) = None;
    }

    /// The UI has saved: the window may close.
    pub fn confirm_close(&self) {
        self.close_confirmed.store(true, Ordering::SeqCst);
    }

    /// Milliseconds since the start of the shell's `run`.
    pub fn since_launch_ms(&self) -> f64 {
        self.launched.elapsed().as_secs_f64() * 1000.0
    }

    /// Records the first paint of a notebook (later calls return the first
    /// figure) and logs it once.
    pub fn first_paint(&self) -> f64 {
        let mut slot = lock(&self.first_paint_ms);
        if let Some(ms) = *slot {
            return ms;
        }
        let ms = self.launched.elapsed().as_secs_f64() * 1000.0;
        eprintln!("dossier: first paint of the notebook {ms:.0} ms after launch");
        *slot = Some(ms);
        ms
    }
}

fn saved_note(nb: &Notebook, saved: dossier_core::Saved) -> Result<SavedNote> {
    Ok(SavedNote {
        title: nb.note(&saved.path)?.title,
        notes: nb.notes()?.iter().map(NoteItem::from).collect(),
        path: saved.path,
        hash: saved.hash,
        conflict: saved.conflict,
    })
}

/// A link from a note's preview that should open in the system browser:
/// `http`, `https` or `mailto` only, nothing that a shell could misread.
pub fn web_link(url: &str) -> Result<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let scheme_ok = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s) && url.len() > s.len());
    if !scheme_ok || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(CommandError::new(
            "bad_input",
            format!("{url:?} is not a web address Dossier opens (http, https or mailto)."),
        ));
    }
    Ok(url.to_string())
}

/// Splits dropped paths into folders and files, granting them all.
pub fn dropped(session: &Session, paths: &[PathBuf]) -> FilesDropped {
    session.grant(paths.iter().map(PathBuf::as_path));
    let (folders, files): (Vec<&PathBuf>, Vec<&PathBuf>) = paths.iter().partition(|p| p.is_dir());
    let show = |v: Vec<&PathBuf>| v.iter().map(|p| p.display().to_string()).collect();
    FilesDropped {
        files: show(files),
        folders: show(folders),
    }
}

pub fn view(nb: &Notebook) -> Result<NotebookView> {
    Ok(NotebookView {
        name: nb.name(),
        root: nb.root().display().to_string(),
        sources: nb.sources()?.iter().map(SourceItem::from).collect(),
        notes: nb.notes()?.iter().map(NoteItem::from).collect(),
        entities: nb.entities()?.iter().map(EntityItem::from).collect(),
    })
}

fn entities_changed(nb: &Notebook, e: &dossier_core::Entity) -> Result<EntitiesChanged> {
    Ok(EntitiesChanged {
        entity: EntityItem::from(e),
        entities: nb.entities()?.iter().map(EntityItem::from).collect(),
    })
}

fn no_notebook() -> CommandError {
    CommandError::new(
        "no_notebook",
        "No notebook is open. Open a notebook folder first.",
    )
}

fn busy() -> CommandError {
    CommandError::new(
        "busy",
        "The notebook is busy importing files; try again when the import has finished.",
    )
}

fn not_allowed(path: &Path) -> CommandError {
    CommandError::new(
        "not_allowed",
        format!(
            "{} was not chosen in the file dialog or dropped on the window, so Dossier will not open it.",
            path.display()
        ),
    )
}

/// What an import did, with the notebook as it is now.
fn import_summary(nb: &Notebook, report: dossier_core::ImportReport) -> Result<ImportSummary> {
    let issue = |(path, detail): (PathBuf, String)| ImportIssue {
        path: path.display().to_string(),
        detail,
    };
    Ok(ImportSummary {
        imported: report.imported.iter().map(SourceItem::from).collect(),
        duplicates: report.duplicates.into_iter().map(issue).collect(),
        refused: report.refused.into_iter().map(issue).collect(),
        updated: report.updated.iter().map(SourceItem::from).collect(),
        unchanged: report.unchanged.into_iter().map(issue).collect(),
        notebook: view(nb)?,
    })
}
