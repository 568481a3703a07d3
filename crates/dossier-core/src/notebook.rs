//! A notebook: a folder of plain files a person owns, plus `.dossier/`, the
//! derived and private state (the store and the search index).
//!
//! ```text
//! notebook/
//!   sources/<id>.md     imported sources: YAML front matter (metadata) + text
//!   **/*.md             notes (anywhere else, hidden folders excepted)
//!   .dossier/dossier.db the store (SQLite)
//!   .dossier/index/     the search index (tantivy), rebuilt when missing or damaged
//! ```
//! Opening a notebook brings store and index in line with the files: new and
//! changed files are read (and earlier versions of sources kept), and what
//! the index lacks is indexed. The store is written first; rows are marked
//! indexed only after the index commit succeeds, so a crash in between is
//! repaired on the next open. A reader ([`Notebook::open_for_reading`])
//! skips all that when the files have not changed since the last full sync
//! (the store's generation and the folders' modification times say so), and
//! a watcher's batch of changed paths is taken in by [`Notebook::sync_paths`].

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

use crate::anchor::{self, CharText, Selector};
use crate::annotations::{
    annotation_doc, annotation_hash, annotation_owner, AnnotationFileEntry, ANNOTATION_FILE_SUFFIX,
};
use crate::error::{Error, Result};
use crate::import::{self, Extracted, Format, SourceMeta};
use crate::index::{HitKind, IndexDoc, SearchIndex, SearchResults};
use crate::notes;
use crate::query;
use crate::store::{AnnotationRow, NoteRow, SourceRow, Store};
use crate::text::{self, Passage};

/// The folder of the derived state inside a notebook.
pub const STATE_DIR: &str = ".dossier";
/// The folder of imported sources inside a notebook.
pub const SOURCES_DIR: &str = "sources";
/// The readable file of entities a notebook may ship (taken in once per change).
pub const ENTITIES_FILE: &str = "entities.json";

/// A source as listed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourceSummary {
    pub id: String,
    pub title: String,
    /// Its file, relative to the notebook, with `/` separators.
    pub path: String,
    /// How many passages it has.
    pub passages: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
}

/// A source with its text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Source {
    pub id: String,
    pub path: String,
    pub format: String,
    pub meta: SourceMeta,
    pub text: String,
    pub passages: Vec<Passage>,
    /// How many versions of its text the store keeps.
    pub versions: usize,
}

/// A note as listed.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NoteSummary {
    pub path: String,
    pub title: String,
}

/// A note with its text.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Note {
    pub path: String,
    pub title: String,
    pub body: String,
}

/// How an import behaves.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Import the good files and report the refused ones, instead of refusing the whole batch.
    pub skip_bad: bool,
}

/// Where an import has got to.
#[derive(Debug, Clone)]
pub struct ImportProgress {
    pub done: usize,
    pub total: usize,
    pub path: PathBuf,
}

/// What an import did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ImportReport {
    pub imported: Vec<SourceSummary>,
    /// Files whose text the notebook already has, with the id of that source.
    pub duplicates: Vec<(PathBuf, String)>,
    /// Files refused (only with `skip_bad`), with the reason.
    pub refused: Vec<(PathBuf, String)>,
    /// Web pages fetched again whose text changed: the source they were
    /// imported as now has the new text as its latest version.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updated: Vec<SourceSummary>,
    /// Web pages fetched again whose text had not changed, with the id of
    /// their source (already imported, unchanged).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unchanged: Vec<(PathBuf, String)>,
    /// Where the import's time went, phase by phase (for the benchmark).
    #[serde(skip)]
    pub timings: ImportTimings,
}

/// Seconds of wall time each phase of an import took.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ImportTimings {
    /// Listing, reading, checking and extracting the files.
    pub read: f64,
    /// Hashes, duplicates, ids and passage counts.
    pub prepare: f64,
    /// Writing the source files (each whole before it is in place, one
    /// flush for the batch), on a thread of their own: the mentions, the
    /// index documents and the quotes are found meanwhile.
    pub files: f64,
    /// The store's rows (sources, mentions, quotes, dates), in one
    /// transaction, once the files are durable.
    pub store: f64,
    /// The search index's documents (each passage with the entities it
    /// mentions) and their commit after the store's.
    pub index: f64,
    /// Mentions of known entities in the new texts, found in memory.
    pub mentions: f64,
    /// The new texts' quotes and dates, found in memory; then the stale
    /// mentions, quotes and dates of texts imported earlier, if any.
    pub quotes: f64,
}

impl ImportTimings {
    /// The phases by name, in order.
    pub fn phases(&self) -> [(&'static str, f64); 7] {
        [
            ("read", self.read),
            ("prepare", self.prepare),
            ("files", self.files),
            ("store", self.store),
            ("index", self.index),
            ("mentions", self.mentions),
            ("quotes", self.quotes),
        ]
    }
}

/// What `check` found.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct CheckReport {
    pub sources: usize,
    pub notes: usize,
    pub annotations: usize,
    pub index_documents: u64,
    /// Empty when all is well.
    pub problems: Vec<String>,
}

/// What opening or syncing found in the files.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct SyncReport {
    pub sources_changed: usize,
    pub notes_changed: usize,
    pub removed: usize,
    /// Annotations re-anchored because their source's text changed.
    pub reanchored: usize,
    /// Whether the index had to be built afresh.
    pub index_rebuilt: bool,
    /// Files that could not be read, with the reason; they are left alone.
    pub warnings: Vec<String>,
}

/// An open notebook.
pub struct Notebook {
    root: PathBuf,
    pub(crate) store: Store,
    pub(crate) index: SearchIndex,
    last_sync: SyncReport,
    /// The automaton over every entity name, kept while the names don't
    /// change (keyed by their hash): building it for 10,000 names costs
    /// more than finding them in a note.
    pub(crate) gazetteer: Option<(String, std::sync::Arc<crate::gazetteer::Gazetteer>)>,
    /// Sources whose quotes or dates were recomputed since opening.
    pub(crate) derived_writes: usize,
}

/// Front matter of a source file in `sources/`.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct SourceFile {
    #[serde(flatten)]
    pub(crate) meta: SourceMeta,
    #[serde(default = "default_format")]
    pub(crate) format: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) imported: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) original: Option<String>,
}

fn default_format() -> String {
    "text".into()
}

impl Notebook {
    /// Opens the notebook in `root`, creating its `.dossier/` on first use,
    /// and brings store and index in line with its files.
    pub fn open(root: impl AsRef<Path>) -> Result<Notebook> {
        Self::open_waiting(root, crate::index::DEFAULT_WRITER_WAIT)
    }

    /// Opens the notebook like [`Notebook::open`]; a write (the open's own
    /// sync included) waits up to `wait` for another process that is writing
    /// the index before it fails with [`Error::Busy`].
    pub fn open_waiting(root: impl AsRef<Path>, wait: std::time::Duration) -> Result<Notebook> {
        Self::open_with(root.as_ref(), wait, false)
    }

    /// Opens the notebook to read it (search, list, show) without a sync
    /// when the files have not changed since the last one: the store opens
    /// read-only and the index with a reader only (no writer is taken, so
    /// another process writing the notebook does not slow it down). The
    /// check is cheap: the store's generation (moved on by every write)
    /// against the one the last full sync recorded, and the modification
    /// time of each of the notebook's folders against the times recorded
    /// then (creating, deleting or renaming a file changes its folder's
    /// time; Dossier's own saves are renames). A file edited in place by
    /// another program changes no folder's time: it is seen by the next
    /// sync ([`Notebook::open_for_reading_synced`], the app's watcher).
    ///
    /// When a sync is due (or the store or index needs creating, migrating
    /// or rebuilding), this is [`Notebook::open_for_reading_synced`]. A
    /// notebook opened without a sync is for reading: a write on it fails.
    pub fn open_for_reading(root: impl AsRef<Path>, wait: std::time::Duration) -> Result<Notebook> {
        let root = root.as_ref();
        // Anything odd (a store SQLite cannot open read-only, a damaged
        // index) is for the full open to repair or report.
        if let Ok(Some(nb)) = Self::open_unchanged(root) {
            return Ok(nb);
        }
        Self::open_with(root, wait, true)
    }

    /// Opens the notebook to read it after a full sync: like
    /// [`Notebook::open_waiting`], but when another process is writing and
    /// still holds the index after `wait`, the notebook opens as it was last
    /// indexed instead of failing, and `last_sync().warnings` says so. A
    /// reader never fails because another process is writing.
    pub fn open_for_reading_synced(
        root: impl AsRef<Path>,
        wait: std::time::Duration,
    ) -> Result<Notebook> {
        Self::open_with(root.as_ref(), wait, true)
    }

    /// The notebook opened read-only, if nothing changed since its last
    /// full sync; `None` when a sync (or creating, migrating, rebuilding) is due.
    fn open_unchanged(root: &Path) -> Result<Option<Notebook>> {
        let state = root.join(STATE_DIR);
        let Some(store) = Store::open_read_only(&state.join("dossier.db"))? else {
            return Ok(None);
        };
        let (generation, synced, folders) = store.sync_state()?;
        let unchanged =
            synced == Some(generation) && folders.is_some_and(|f| folders_unchanged(root, &f));
        if !unchanged {
            return Ok(None);
        }
        let Some(index) = SearchIndex::open_reader(&state.join("index")) else {
            return Ok(None);
        };
        let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
        Ok(Some(Notebook {
            root,
            store,
            index,
            last_sync: SyncReport::default(),
            gazetteer: None,
            derived_writes: 0,
        }))
    }

    fn open_with(root: &Path, wait: std::time::Duration, reading: bool) -> Result<Notebook> {
        let meta = std::fs::metadata(root).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => {
                Error::BadInput(format!("{}: no such notebook folder", root.display()))
            }
            _ => Error::io(root, e),
        })?;
        if !meta.is_dir() {
            return Err(Error::BadInput(format!(
                "{}: not a folder; a notebook is a folder",
                root.display()
            )));
        }
        let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
        let state = root.join(STATE_DIR);
        std::fs::create_dir_all(&state).map_err(|e| Error::io(&state, e))?;
        let ignore = state.join(".gitignore");
        if !ignore.exists() {
            text::write_atomic(
                &ignore,
                b"# Derived and private state of Dossier; never committed.\n*\n",
            )?;
        }
        let mut store = Store::open_waiting(&state.join("dossier.db"), wait)?;
        let (mut index, rebuilt) = SearchIndex::open(&state.join("index"))?;
        index.set_writer_wait(wait);
        if rebuilt {
            store.clear_indexed()?;
        }
        let mut nb = Notebook {
            root,
            store,
            index,
            last_sync: SyncReport::default(),
            gazetteer: None,
            derived_writes: 0,
        };
        let mut report = match nb.sync() {
            Err(Error::Busy) if reading && !rebuilt => {
                nb.index.release_writer();
                SyncReport {
                    warnings: vec![
                        "another Dossier process is writing this notebook: showing it as it was last indexed (changes made since show up when it has finished)".into(),
                    ],
                    ..SyncReport::default()
                }
            }
            other => other?,
        };
        report.index_rebuilt = rebuilt;
        nb.last_sync = report;
        Ok(nb)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The notebook's name: its folder's.
    pub fn name(&self) -> String {
        self.root
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "notebook".into())
    }

    /// What the last sync with the files found.
    pub fn last_sync(&self) -> &SyncReport {
        &self.last_sync
    }

    /// Lets go of the index writer, so that another process (the command
    /// line, the app) can write next. A `Notebook` takes the writer on its
    /// first write and keeps it, which makes a run of writes fast; a program
    /// that keeps a notebook open between a person's actions (the app) calls
    /// this after each one. Anything not committed is dropped (every write
    /// of the engine commits before it returns).
    pub fn release_index_writer(&mut self) {
        self.index.release_writer();
    }

    /// Takes the index writer and keeps it, as a long write would: for tests
    /// of what another process sees meanwhile.
    #[cfg(feature = "internals")]
    pub fn hold_index_writer(&mut self) -> Result<()> {
        self.index.lock_for_writing()
    }

    #[cfg(feature = "internals")]
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// How long a write waits for another process (the app, another
    /// command) to finish writing this notebook's index before it fails
    /// with [`Error::Busy`] (5 seconds unless set).
    pub fn set_writer_wait(&mut self, wait: std::time::Duration) {
        self.index.set_writer_wait(wait);
    }

    /// Reads the files again and brings store and index in line with them.
    ///
    /// What to write is decided from the files and the store; when there is
    /// anything, the index writer is taken (waiting for another process that
    /// holds it) and the decision made again under it, since the other
    /// process may have written the same files' rows meanwhile. So two
    /// processes never insert the same source or note.
    pub fn sync(&mut self) -> Result<SyncReport> {
        self.sync_scoped(None)
    }

    /// Brings store and index in line with the files at `paths` only (as a
    /// file-system watcher reports them: absolute, or relative to the
    /// notebook): each is read again if it is a source, a note, an
    /// annotation file or `entities.json`, and its rows and index documents
    /// are dropped if it is gone. A rename is its two paths. Paths inside
    /// `.dossier/`, hidden files (editors' and Dossier's own temporary
    /// files) and other kinds of file are ignored. A folder among them
    /// (created, renamed or deleted) makes this a full [`Notebook::sync`].
    pub fn sync_paths(&mut self, paths: &[PathBuf]) -> Result<SyncReport> {
        let mut scope = Scope::default();
        for p in paths {
            match self.classify(p)? {
                Some(Changed::Source(rel)) => scope.sources.push(rel),
                Some(Changed::Note(rel)) => scope.notes.push(rel),
                Some(Changed::AnnotationFile(rel)) => scope.annotation_files.push(rel),
                Some(Changed::Entities) => scope.entities = true,
                Some(Changed::Folder) => return self.sync(),
                None => {}
            }
        }
        for list in [
            &mut scope.sources,
            &mut scope.notes,
            &mut scope.annotation_files,
        ] {
            list.sort();
            list.dedup();
        }
        if scope.sources.is_empty()
            && scope.notes.is_empty()
            && scope.annotation_files.is_empty()
            && !scope.entities
        {
            return Ok(SyncReport::default());
        }
        self.sync_scoped(Some(&scope))
    }

    /// Watches the notebook's folder for changes made by other programs and
    /// calls `on_change` (from a thread of its own) with each batch, to be
    /// handed to [`Notebook::sync_paths`] (or, for [`crate::Changes::Rescan`],
    /// [`Notebook::sync`]). Dropping the [`crate::Watcher`] stops it.
    pub fn watch(
        &self,
        on_change: impl FnMut(crate::Changes) + Send + 'static,
    ) -> Result<crate::Watcher> {
        crate::Watcher::start(&self.root, crate::watch::DEBOUNCE, on_change)
    }

    /// What a changed path is to the notebook; `None` for what it ignores.
    fn classify(&self, path: &Path) -> Result<Option<Changed>> {
        let abs = if path.is_absolute() {
            path.to_path_buf()
        } else {
            self.root.join(path)
        };
        let Ok(inside) = abs.strip_prefix(&self.root) else {
            return Ok(None);
        };
        let mut parts = Vec::new();
        for c in inside.components() {
            match c {
                Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
                _ => return Ok(None),
            }
        }
        if parts.is_empty() {
            return Ok(Some(Changed::Folder));
        }
        if parts
            .iter()
            .any(|p| p.starts_with('.') || p == "node_modules")
        {
            return Ok(None);
        }
        let rel = parts.join("/");
        let name = parts.last().map(String::as_str).unwrap_or_default();
        let in_sources = parts.len() == 2 && parts[0] == SOURCES_DIR;
        let meta = std::fs::symlink_metadata(&abs).ok();
        if meta.as_ref().is_some_and(|m| m.is_dir()) {
            return Ok(Some(Changed::Folder));
        }
        if meta.as_ref().is_some_and(|m| !m.is_file()) {
            return Ok(None);
        }
        if parts.len() == 1 && name == ENTITIES_FILE {
            return Ok(Some(Changed::Entities));
        }
        if in_sources && name.ends_with(ANNOTATION_FILE_SUFFIX) {
            return Ok(Some(Changed::AnnotationFile(rel)));
        }
        if name.ends_with(".md") {
            return Ok(Some(if in_sources {
                Changed::Source(rel)
            } else {
                Changed::Note(rel)
            }));
        }
        // Gone, and not a file the notebook reads: a folder if the store
        // has files under it.
        if meta.is_none() && self.store.has_files_under(&rel)? {
            return Ok(Some(Changed::Folder));
        }
        Ok(None)
    }

    fn sync_scoped(&mut self, scope: Option<&Scope>) -> Result<SyncReport> {
        let mut locked = self.index.holds_writer();
        loop {
            let mut report = SyncReport::default();
            let now = now();
            let scan_started = std::time::SystemTime::now();
            let files = match scope {
                None => self.scan()?,
                Some(scope) => scope.existing(&self.root),
            };

            // Sources.
            let known: HashMap<String, SourceRow> = match scope {
                None => self.store.sources()?,
                Some(scope) => {
                    let mut rows = Vec::new();
                    for rel in &scope.sources {
                        if let Some(r) = self.store.source(&source_stem(rel))? {
                            rows.push(r);
                        }
                    }
                    rows
                }
            }
            .into_iter()
            .map(|r| (r.id.clone(), r))
            .collect();
            let mut changed_sources: Vec<(SourceRow, String)> = Vec::new();
            let mut stamps: Vec<(String, String)> = Vec::new();
            let mut seen = HashSet::new();
            for rel in &files.sources {
                let id = Path::new(rel)
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                seen.insert(id.clone());
                let abs = self.root.join(rel);
                let stamp = file_stamp(&abs);
                let prev = known.get(&id);
                // A path handed over as changed is read whatever its stamp: a
                // rewrite of the same size within one tick of the clock keeps it.
                if scope.is_none()
                    && prev.is_some_and(|p| p.file_stamp.as_deref() == Some(stamp.as_str()))
                {
                    continue;
                }
                match read_source_file(&abs) {
                    Ok((file, body)) => {
                        let hash = text::hash(&body);
                        // Unchanged text and metadata: only the stamp is new. (A
                        // changed date changes the source's resolved dates.)
                        if prev.is_some_and(|p| {
                            p.hash == hash
                                && p.title == file.meta.title
                                && p.published == file.meta.published
                                && p.outlet == file.meta.outlet
                                && p.author == file.meta.author
                                && p.url == file.meta.url
                        }) {
                            stamps.push((id, stamp));
                            continue;
                        }
                        let row = SourceRow {
                            id,
                            title: file.meta.title.clone(),
                            outlet: file.meta.outlet.clone(),
                            author: file.meta.author.clone(),
                            published: file.meta.published.clone(),
                            url: file.meta.url.clone(),
                            path: rel.clone(),
                            format: file.format.clone(),
                            hash,
                            passages: text::passages(&body).len(),
                            file_stamp: Some(stamp),
                            indexed_hash: None,
                        };
                        changed_sources.push((row, body));
                    }
                    Err(reason) => report
                        .warnings
                        .push(format!("{rel}: {reason}; left as it is")),
                }
            }
            let gone_sources: Vec<String> = known
                .keys()
                .filter(|id| !seen.contains(*id))
                .cloned()
                .collect();

            // Notes.
            let known_notes: HashMap<String, NoteRow> = match scope {
                None => self.store.notes()?,
                Some(scope) => {
                    let mut rows = Vec::new();
                    for rel in &scope.notes {
                        if let Some(r) = self.store.note(rel)? {
                            rows.push(r);
                        }
                    }
                    rows
                }
            }
            .into_iter()
            .map(|n| (n.path.clone(), n))
            .collect();
            let mut changed_notes: Vec<(NoteRow, Vec<crate::store::NoteLink>)> = Vec::new();
            let mut note_stamps: Vec<(String, String)> = Vec::new();
            for rel in &files.notes {
                let abs = self.root.join(rel);
                let stamp = file_stamp(&abs);
                let prev = known_notes.get(rel);
                // A path handed over as changed is read whatever its stamp: a
                // rewrite of the same size within one tick of the clock keeps it.
                if scope.is_none()
                    && prev.is_some_and(|p| p.file_stamp.as_deref() == Some(stamp.as_str()))
                {
                    continue;
                }
                match read_text_file(&abs) {
                    Ok(body) => {
                        let hash = text::hash(&body);
                        if prev.is_some_and(|p| p.hash == hash) {
                            note_stamps.push((rel.clone(), stamp));
                            continue;
                        }
                        let parsed = notes::parse(&body, &note_stem(rel));
                        changed_notes.push((
                            NoteRow {
                                path: rel.clone(),
                                title: parsed.title,
                                hash,
                                body,
                                file_stamp: Some(stamp),
                                indexed_hash: None,
                            },
                            parsed.links,
                        ));
                    }
                    Err(reason) => report
                        .warnings
                        .push(format!("{rel}: {reason}; left as it is")),
                }
            }
            let note_set: HashSet<&String> = files.notes.iter().collect();
            let gone_notes: Vec<String> = known_notes
                .keys()
                .filter(|p| !note_set.contains(p))
                .cloned()
                .collect();

            let mut old_texts: HashMap<String, String> = HashMap::new();
            for (row, _) in &changed_sources {
                if known.contains_key(&row.id) {
                    if let Some(t) = self.store.source_text(&row.id)? {
                        old_texts.insert(row.id.clone(), t);
                    }
                }
            }
            let annotation_files = self.read_annotation_files(&files, &mut report)?;
            let mut annotation_texts: HashMap<String, String> = HashMap::new();
            for (_, _, id, _) in &annotation_files {
                let text = match changed_sources.iter().find(|(r, _)| &r.id == id) {
                    Some((_, body)) => Some(body.clone()),
                    None => self.store.source_text(id)?,
                };
                if let Some(t) = text {
                    annotation_texts.insert(id.clone(), t);
                }
            }

            let has_work = !changed_sources.is_empty()
                || !stamps.is_empty()
                || !gone_sources.is_empty()
                || !changed_notes.is_empty()
                || !note_stamps.is_empty()
                || !gone_notes.is_empty()
                || !annotation_files.is_empty();
            if has_work && !locked {
                self.index.lock_for_writing()?;
                locked = true;
                continue;
            }

            let mut removed_sources = Vec::new();
            let mut reanchored = 0usize;
            self.store.transaction(|tx| {
            for (row, body) in &changed_sources {
                if known.contains_key(&row.id) {
                    tx.update_source(row, body)?;
                    let annotations = tx.annotations_of(&row.id)?;
                    if !annotations.is_empty() {
                        let version = tx.current_version(&row.id)?;
                        reanchored += reanchor(tx, &annotations, old_texts.get(&row.id).map(String::as_str), body, version)?;
                    }
                } else {
                    tx.insert_source(row, body)?;
                }
            }
            for (rel, stamp, source_id, entries) in &annotation_files {
                let Some(text) = annotation_texts.get(source_id) else {
                    report.warnings.push(format!(
                        "{rel}: there is no source '{source_id}' for these annotations; left as it is"
                    ));
                    continue;
                };
                let version = tx.current_version(source_id)?;
                take_annotations(tx, source_id, text, version, entries, &now)?;
                tx.set_taken(rel, stamp)?;
            }
            for (id, stamp) in &stamps {
                tx.set_source_stamp(id, stamp)?;
            }
            for id in &gone_sources {
                if tx.delete_source(id)? {
                    removed_sources.push(id.clone());
                } else {
                    report.warnings.push(format!(
                        "source '{id}': its file is gone but it has annotations, so it is kept in the store"
                    ));
                }
            }
            for (row, links) in &changed_notes {
                tx.upsert_note(row, links, &now)?;
            }
            for (path, stamp) in &note_stamps {
                tx.set_note_stamp(path, stamp)?;
            }
            for path in &gone_notes {
                tx.delete_note(path)?;
            }
            Ok(())
        })?;
            report.sources_changed = changed_sources.len();
            report.reanchored = reanchored;
            report.notes_changed = changed_notes.len();
            report.removed = removed_sources.len() + gone_notes.len();

            for id in &removed_sources {
                self.index.remove(&source_owner(id))?;
            }
            for path in &gone_notes {
                self.index.remove(&note_owner(path))?;
            }
            // Mentions before the index: each passage's document carries
            // the entities it mentions, so a changed text is indexed once.
            let full = scope.is_none();
            match scope {
                None => {
                    self.take_entities_file(&mut report)?;
                    self.update_mentions()?;
                }
                Some(scope) => {
                    if scope.entities {
                        self.take_entities_file(&mut report)?;
                        self.update_mentions()?;
                    } else {
                        for (row, _) in &changed_sources {
                            self.update_mentions_of(Some(("source", &row.id)))?;
                        }
                        for (row, _) in &changed_notes {
                            self.update_mentions_of(Some(("note", &row.path)))?;
                        }
                    }
                }
            }
            self.index_pending()?;
            if full {
                self.record_synced(&files, scan_started)?;
            }
            return Ok(report);
        }
    }

    /// Records, after a full sync, the store's generation and the state of
    /// the folders as the scan found them (each folder's modification time
    /// was read before it was listed, so a file added meanwhile shows as a
    /// change). A folder changed within the clock's granularity of the scan
    /// could change again with the same time: the state is then recorded as
    /// not synced, and the next reader syncs.
    fn record_synced(&self, files: &Files, scan_started: std::time::SystemTime) -> Result<()> {
        let racy = files
            .dirs
            .iter()
            .any(|(_, mtime)| mtime.is_none_or(|m| m + RACY_WINDOW > scan_started));
        let generation = if racy {
            None
        } else {
            Some(self.store.sync_state()?.0)
        };
        self.store
            .set_synced(generation, &folder_state(&files.dirs))
    }

    /// Takes `entities.json` (a readable list of entities with their kind,
    /// aliases, description and external id) into the store once per change
    /// of the file; entities whose name exists already are left alone.
    fn take_entities_file(&mut self, report: &mut SyncReport) -> Result<()> {
        let rel = ENTITIES_FILE;
        let abs = self.root.join(rel);
        if !abs.is_file() {
            return Ok(());
        }
        let stamp = file_stamp(&abs);
        if self.store.taken_stamp(rel)?.as_deref() == Some(stamp.as_str()) {
            return Ok(());
        }
        // Under the writer, and asked again: another process may have taken it.
        self.index.lock_for_writing()?;
        if self.store.taken_stamp(rel)?.as_deref() == Some(stamp.as_str()) {
            return Ok(());
        }
        let parsed = read_text_file(&abs).and_then(|t| {
            serde_json::from_str::<Vec<crate::entities::NewEntity>>(&t)
                .map_err(|e| format!("not a list of entities ({e})"))
        });
        let entries = match parsed {
            Ok(e) => e,
            Err(reason) => {
                report
                    .warnings
                    .push(format!("{rel}: {reason}; left as it is"));
                return Ok(());
            }
        };
        let now = now();
        self.store.transaction(|tx| {
            for e in &entries {
                let row = crate::store::EntityRow {
                    id: 0,
                    kind: e.kind.clone(),
                    name: e.name.clone(),
                    aliases: e.aliases.clone(),
                    description: e.description.clone(),
                    external_id: e.external_id.clone(),
                    mentions: 0,
                };
                let mut row = row;
                match crate::entities::EntityKind::parse(&row.kind) {
                    Ok(kind) => row.kind = kind.as_str().to_string(),
                    Err(_) => continue,
                }
                tx.insert_entity(&row, &now, true)?;
            }
            tx.set_taken(rel, &stamp)
        })
    }

    /// Indexes what the store has and the index lacks, in one commit.
    pub(crate) fn index_pending(&mut self) -> Result<()> {
        let mut done_sources = Vec::new();
        for row in self.store.sources_to_index()? {
            let text = self.store.source_text(&row.id)?.unwrap_or_default();
            let mentions = self.store.mention_parts("source", &row.id)?;
            self.index.replace(
                &source_owner(&row.id),
                &source_docs(&row, text::passages(&text), &mentions),
            )?;
            done_sources.push((row.id, row.hash));
        }
        let mut done_notes = Vec::new();
        for row in self.store.notes_to_index()? {
            let mentions = self.store.mention_parts("note", &row.path)?;
            self.index
                .replace(&note_owner(&row.path), &note_docs(&row, &mentions))?;
            done_notes.push((row.path, row.hash));
        }
        let mut done_annotations = Vec::new();
        // Titles of the annotated sources only, looked up as needed: reading
        // every source's row on each save grows with the notebook.
        let mut titles: HashMap<String, (String, String)> = HashMap::new();
        for row in self.store.annotations(None)? {
            if !titles.contains_key(&row.source_id) {
                let t = self
                    .store
                    .source(&row.source_id)?
                    .map(|r| (r.title, r.path))
                    .unwrap_or_default();
                titles.insert(row.source_id.clone(), t);
            }
            let (title, path) = titles.get(&row.source_id).cloned().unwrap_or_default();
            let hash = annotation_hash(&row, &title);
            if row.indexed_hash.as_deref() == Some(hash.as_str()) {
                continue;
            }
            self.index.replace(
                &annotation_owner(&row.id),
                &[annotation_doc(&row, &title, &path)],
            )?;
            done_annotations.push((row.id, hash));
        }
        self.index.commit()?;
        if !done_sources.is_empty() || !done_notes.is_empty() {
            self.store.mark_indexed(&done_sources, &done_notes)?;
        }
        if !done_annotations.is_empty() {
            self.store.mark_annotations_indexed(&done_annotations)?;
        }
        Ok(())
    }

    /// A source id from an id or the source's file path.
    pub(crate) fn source_id(&self, id: &str) -> String {
        id.strip_prefix(&format!("{SOURCES_DIR}/"))
            .and_then(|s| s.strip_suffix(".md"))
            .unwrap_or(id)
            .to_string()
    }

    /// Lists the notebook's source files and notes (relative, `/`-separated).
    fn scan(&self) -> Result<Files> {
        let mut files = Files::default();
        scan_dir(&self.root, "", &mut files)?;
        files.sources.sort();
        files.notes.sort();
        Ok(files)
    }

    /// Imports files and folders as sources. Without `skip_bad`, one refused
    /// file refuses the whole batch and nothing changes; a failure while
    /// writing undoes everything the import had written.
    pub fn import(
        &mut self,
        paths: &[PathBuf],
        options: &ImportOptions,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Result<ImportReport> {
        if paths.is_empty() {
            return Err(Error::BadInput(
                "nothing to import: give one or more files or folders".into(),
            ));
        }
        let lap = |since: &mut std::time::Instant| {
            let secs = since.elapsed().as_secs_f64();
            *since = std::time::Instant::now();
            secs
        };
        let mut since = std::time::Instant::now();
        let files = import::collect(paths);
        if files.is_empty() {
            return Err(Error::BadInput(format!(
                "no importable files (.txt, .md, .html) in {}",
                paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let total = files.len();
        let mut report = ImportReport::default();
        let extracted = self.read_for_import(&files, total, &mut report, progress);
        if !report.refused.is_empty() && !options.skip_bad {
            if report.refused.len() == 1 && total == 1 {
                let (path, reason) = report.refused.remove(0);
                return Err(Error::BadFile { path, reason });
            }
            return Err(Error::ImportRefused(report.refused));
        }
        self.index.lock_for_writing()?;
        report.timings.read = lap(&mut since);
        self.write_new_sources(extracted, report, total, progress)
    }

    /// Writes extracted sources as new sources: ids decided, text the
    /// notebook already has reported as a duplicate; files, store and index
    /// written, and all undone on a failure.
    ///
    /// Each text is hashed and split into passages once (on every core);
    /// the passages feed the index, the passage count and the mentions,
    /// quotes and dates, which are found on the texts in memory.
    pub(crate) fn write_new_sources(
        &mut self,
        extracted: Vec<Extracted>,
        mut report: ImportReport,
        total: usize,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Result<ImportReport> {
        let lap = |since: &mut std::time::Instant| {
            let secs = since.elapsed().as_secs_f64();
            *since = std::time::Instant::now();
            secs
        };
        let mut since = std::time::Instant::now();
        // The texts are packed for the store here too, on every core: the
        // store's transaction then only writes them.
        let split: Vec<(String, Vec<Passage>, crate::store::PackedText)> = text::par_map(
            &extracted,
            || (),
            |_, x| {
                (
                    text::hash(&x.text),
                    text::passages(&x.text),
                    crate::store::pack_text(&x.text),
                )
            },
            |_, _| {},
        );
        // Decide ids; recognise content the notebook already has. The files
        // of `sources/` are listed once (a name taken by a file is not free).
        let mut taken: HashSet<String> = self.store.source_ids()?.into_iter().collect();
        let on_disk = source_file_stems(&self.root.join(SOURCES_DIR));
        let mut batch_hashes: HashMap<String, String> = HashMap::new();
        let mut new_sources: Vec<NewSource> = Vec::new();
        let now = now();
        for (x, (hash, passages, packed)) in extracted.into_iter().zip(split) {
            if let Some(id) = self
                .store
                .source_by_hash(&hash)?
                .or_else(|| batch_hashes.get(&hash).cloned())
            {
                report.duplicates.push((x.path, id));
                continue;
            }
            let id = unique_id(&text::slug(&x.meta.title), &taken, &on_disk);
            taken.insert(id.clone());
            batch_hashes.insert(hash.clone(), id.clone());
            let rel = format!("{SOURCES_DIR}/{id}.md");
            let row = SourceRow {
                id: id.clone(),
                title: x.meta.title.clone(),
                outlet: x.meta.outlet.clone(),
                author: x.meta.author.clone(),
                published: x.meta.published.clone(),
                url: x.meta.url.clone(),
                path: rel,
                format: x.format.as_str().into(),
                hash,
                passages: passages.len(),
                file_stamp: None,
                indexed_hash: None,
            };
            let file = SourceFile {
                meta: x.meta.clone(),
                format: x.format.as_str().into(),
                imported: Some(now.clone()),
                // A fetched page's address is in its metadata.
                original: if x.meta.fetched_from.is_some() {
                    None
                } else {
                    x.path.file_name().map(|n| n.to_string_lossy().into_owned())
                },
            };
            new_sources.push(NewSource {
                row,
                text: x.text,
                packed,
                file,
                passages,
            });
        }
        progress(&ImportProgress {
            done: total,
            total,
            path: PathBuf::new(),
        });
        report.timings.prepare = lap(&mut since);
        if new_sources.is_empty() {
            return Ok(report);
        }

        // The files are written (each whole in a staging folder, one flush,
        // then put in place) on a thread of their own while this one finds
        // the mentions, quotes and dates on the texts in memory and adds
        // the index documents (uncommitted). Then, once the files are
        // durable: the store, in one transaction (sources, mentions, quotes,
        // dates), and the index's commit. Any failure undoes all.
        let sources_dir = self.root.join(SOURCES_DIR);
        let state_dir = self.root.join(STATE_DIR);
        // Under the index writer's lock no other import runs: a staging
        // folder left there is a crashed import's.
        remove_stale_staging(&state_dir);
        let staging = state_dir.join(format!("{STAGING_PREFIX}{}", std::process::id()));
        // No name is one of the files listed in `sources/` (`on_disk`), and
        // `write_new_files` refuses a file that appeared there since: no
        // `stat` per new source here.
        let passages: Vec<Vec<Passage>> = new_sources
            .iter_mut()
            .map(|s| std::mem::take(&mut s.passages))
            .collect();
        let bounds: Vec<Vec<(usize, usize)>> = passages
            .iter()
            .map(|ps| ps.iter().map(|p| (p.start, p.end)).collect())
            .collect();
        let names: Vec<String> = new_sources
            .iter()
            .map(|s| format!("{}.md", s.row.id))
            .collect();
        let (written, found) = std::thread::scope(|scope| {
            let files = scope.spawn(|| -> (Result<Vec<std::fs::Metadata>>, f64) {
                let started = std::time::Instant::now();
                let contents = text::par_map(
                    &new_sources,
                    || (),
                    |_, s| source_file_contents(&s.file, &s.text),
                    |_, _| {},
                );
                let written = (|| {
                    let mut files = Vec::with_capacity(new_sources.len());
                    for (name, contents) in names.iter().zip(contents) {
                        files.push((name.clone(), contents?.into_bytes()));
                    }
                    text::write_new_files(&sources_dir, &staging, &files)
                })();
                (written, started.elapsed().as_secs_f64())
            });
            let found = self.find_and_index_new(&new_sources, passages, &bounds, &mut report);
            let (written, files_secs) = files
                .join()
                .unwrap_or_else(|p| std::panic::resume_unwind(p));
            report.timings.files = files_secs;
            (written, found)
        });
        let undo_files = || {
            for name in &names {
                let _ = std::fs::remove_file(sources_dir.join(name));
            }
        };
        let (mentions, derived) = match (written, found) {
            (Ok(metadata), Ok(found)) => {
                for (s, m) in new_sources.iter_mut().zip(&metadata) {
                    s.row.file_stamp = Some(stamp_of(m));
                }
                found
            }
            (written, found) => {
                let _ = self.index.rollback();
                if written.is_ok() {
                    undo_files();
                }
                return Err(written
                    .and(found)
                    .err()
                    .unwrap_or_else(|| Error::BadInput("the import failed".into())));
            }
        };
        // The files' time is their thread's; what this one waited for them
        // is not counted again.
        lap(&mut since);
        // Each source is new: its rows go in with what was found on it, none
        // looked for to be replaced.
        let stored = self.store.transaction(|tx| {
            for ((s, (mentions, mentions_hash)), (quotes, quotes_hash, dates, dates_hash)) in
                new_sources.iter().zip(&mentions).zip(&derived)
            {
                tx.insert_new_source(&crate::store::NewSourceRows {
                    row: &s.row,
                    text: &s.text,
                    packed: &s.packed,
                    mentions,
                    mentions_hash,
                    quotes,
                    quotes_hash,
                    dates,
                    dates_hash,
                })?;
            }
            Ok(())
        });
        if let Err(e) = stored {
            let _ = self.index.rollback();
            undo_files();
            return Err(e);
        }
        self.derived_writes += 2 * new_sources.len();
        report.timings.store = lap(&mut since);
        if let Err(e) = self.index.commit() {
            let _ = self.index.rollback();
            let _ = self.store.transaction(|tx| {
                for s in &new_sources {
                    tx.set_mentions("source", &s.row.id, &[], "")?;
                    tx.delete_source(&s.row.id)?;
                }
                Ok(())
            });
            undo_files();
            return Err(e);
        }
        let marks: Vec<(String, String)> = new_sources
            .iter()
            .map(|s| (s.row.id.clone(), s.row.hash.clone()))
            .collect();
        self.store.mark_indexed(&marks, &[])?;
        report.timings.index += lap(&mut since);
        // Texts imported earlier whose mentions, quotes or dates are stale
        // (none, unless the names changed since): the new ones are not.
        let texts = in_memory(&new_sources, &bounds);
        if self.update_mention_rows(None, &texts)? {
            self.index_pending()?;
        }
        self.update_quotes_and_dates_with(None, &texts)?;
        report.timings.quotes += lap(&mut since);
        // An import that at least doubled the store leaves its pages part
        // empty: it is rewritten compactly (about 5% of a large import's
        // time). The import's transactions grew the write-ahead log (and
        // the rewrite goes through it); cut it back.
        if new_sources.len() * 2 >= self.store.source_count()? {
            self.store.compact()?;
        }
        self.store.shrink_wal()?;
        report.imported = new_sources.iter().map(|s| summary(&s.row)).collect();
        Ok(report)
    }

    /// For sources just imported (their passages taken apart): finds their
    /// mentions, quotes and dates on the texts in memory (every core) and
    /// adds their index documents, each passage with the entities it
    /// mentions (uncommitted). Nothing is written to the store. The
    /// phases' times go to `report`.
    #[allow(clippy::type_complexity)]
    fn find_and_index_new(
        &mut self,
        new: &[NewSource],
        passages: Vec<Vec<Passage>>,
        bounds: &[Vec<(usize, usize)>],
        report: &mut ImportReport,
    ) -> Result<(
        Vec<(Vec<crate::store::MentionRow>, String)>,
        Vec<crate::derived::NewDerived>,
    )> {
        let mut since = std::time::Instant::now();
        let mut lap = || {
            let secs = since.elapsed().as_secs_f64();
            since = std::time::Instant::now();
            secs
        };
        let texts: Vec<(&str, &str, &[(usize, usize)])> = new
            .iter()
            .zip(bounds)
            .map(|(s, b)| (s.row.hash.as_str(), s.text.as_str(), b.as_slice()))
            .collect();
        let mentions = self.new_sources_mentions(&texts)?;
        report.timings.mentions = lap();
        for ((s, ps), (rows, _)) in new.iter().zip(passages).zip(&mentions) {
            let parts: Vec<(usize, i64)> = rows.iter().map(|r| (r.part, r.entity_id)).collect();
            self.index
                .replace(&source_owner(&s.row.id), &source_docs(&s.row, ps, &parts))?;
        }
        report.timings.index = lap();
        let texts: Vec<crate::derived::NewText<'_>> = new
            .iter()
            .zip(bounds)
            .map(|(s, b)| crate::derived::NewText {
                id: &s.row.id,
                hash: &s.row.hash,
                text: &s.text,
                bounds: b,
                published: s.row.published.as_deref(),
            })
            .collect();
        let derived = self.new_sources_derived(&texts)?;
        report.timings.quotes = lap();
        Ok((mentions, derived))
    }

    /// Reads and extracts `files` for an import of `total` items (progress
    /// counted from the first), on every core; a file that cannot be
    /// imported goes to `report.refused` with its reason.
    pub(crate) fn read_for_import(
        &self,
        files: &[PathBuf],
        total: usize,
        report: &mut ImportReport,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Vec<Extracted> {
        let state = self.root.join(STATE_DIR);
        let state = state.canonicalize().unwrap_or(state);
        let results = text::par_map(
            files,
            HashMap::new,
            |parents, path| {
                if inside(&state, path, parents) {
                    return Err("is inside the notebook's private .dossier folder".to_string());
                }
                import::read(path)
            },
            |done, path| {
                progress(&ImportProgress {
                    done: done - 1,
                    total,
                    path: path.clone(),
                })
            },
        );
        let mut read = Vec::new();
        for (path, r) in files.iter().zip(results) {
            match r {
                Ok(x) => read.push(x),
                Err(reason) => report.refused.push((path.clone(), reason)),
            }
        }
        read
    }

    /// The notebook's sources, by title.
    pub fn sources(&self) -> Result<Vec<SourceSummary>> {
        Ok(self.store.sources()?.iter().map(summary).collect())
    }

    /// One source with its text and passages. `id` may also be the source's
    /// file path relative to the notebook.
    pub fn source(&self, id: &str) -> Result<Source> {
        let id = &self.source_id(id);
        let row = self.store.source(id)?.ok_or_else(|| Error::NotFound {
            what: "source",
            id: id.to_string(),
        })?;
        let text = self.store.source_text(id)?.unwrap_or_default();
        // What the store has no columns for (modified, language,
        // description) is read from the source file's front matter.
        let extra = read_source_file(&self.root.join(&row.path))
            .map(|(f, _)| f.meta)
            .unwrap_or_default();
        Ok(Source {
            passages: text::passages(&text),
            versions: self.store.source_version_count(id)?,
            id: row.id,
            path: row.path,
            format: row.format,
            meta: SourceMeta {
                title: row.title,
                outlet: row.outlet,
                author: row.author,
                published: row.published,
                url: row.url,
                modified: extra.modified,
                language: extra.language,
                description: extra.description,
                fetched_from: extra.fetched_from,
            },
            text,
        })
    }

    /// The notebook's notes, by path.
    pub fn notes(&self) -> Result<Vec<NoteSummary>> {
        Ok(self
            .store
            .notes()?
            .into_iter()
            .map(|n| NoteSummary {
                path: n.path,
                title: n.title,
            })
            .collect())
    }

    /// One note with its Markdown text.
    pub fn note(&self, path: &str) -> Result<Note> {
        let rel = relative_path(path)?;
        let row = match self.store.note(&rel)? {
            Some(r) => Some(r),
            None => self.store.note(&format!("{rel}.md"))?,
        };
        let row = match row {
            Some(r) => r,
            None => self
                .store
                .notes()?
                .into_iter()
                .find(|n| n.title.eq_ignore_ascii_case(path.trim()))
                .ok_or_else(|| Error::NotFound {
                    what: "note",
                    id: path.to_string(),
                })?,
        };
        Ok(Note {
            path: row.path,
            title: row.title,
            body: row.body,
        })
    }

    /// Searches with the full query language; bad syntax is an error that says where.
    pub fn search(&self, q: &str, limit: usize) -> Result<SearchResults> {
        match query::parse(q)? {
            Some(node) => self.run(&node, limit),
            None => Ok(SearchResults {
                total: 0,
                hits: Vec::new(),
            }),
        }
    }

    /// Searches, reading a query with bad syntax as plain words. Never a
    /// syntax error, and an `entity:` the notebook does not know (yet: the
    /// name is still being typed) finds nothing rather than failing.
    pub fn search_lenient(&self, q: &str, limit: usize) -> Result<SearchResults> {
        match query::parse_lenient(q) {
            Some(node) => match self.run(&node, limit) {
                Err(Error::QuerySyntax { .. } | Error::NotFound { .. }) => Ok(SearchResults {
                    total: 0,
                    hits: Vec::new(),
                }),
                other => other,
            },
            None => Ok(SearchResults {
                total: 0,
                hits: Vec::new(),
            }),
        }
    }

    fn run(&self, node: &query::Node, limit: usize) -> Result<SearchResults> {
        let entities = |name: &str| self.entity_doc_ids(name);
        let quotes = |speaker: Option<&str>| self.quote_doc_ids(speaker);
        let compiled = query::compile(node, &self.index, &entities, &quotes)?;
        let passage = |id: &str, start: usize, end: usize| self.store.passage(id, start, end);
        let spellings = |hit: &crate::index::Hit| self.hit_spellings(hit, &compiled.entities);
        if compiled.quotes.is_empty() {
            return self.index.search(
                compiled.query.as_ref(),
                &compiled.highlight,
                limit,
                &passage,
                &spellings,
            );
        }
        // Every passage with quotes asked for, so that `total` counts quotes.
        let passages = self.quote_doc_ids(None)?.len().max(limit);
        let results = self.index.search(
            compiled.query.as_ref(),
            &compiled.highlight,
            passages,
            &passage,
            &spellings,
        )?;
        self.quote_hits(results, &compiled.quotes, limit)
    }

    /// Builds the search index again from the store.
    pub fn reindex(&mut self) -> Result<()> {
        self.index.clear()?;
        self.index.commit()?;
        self.store.clear_indexed()?;
        self.index_pending()
    }

    /// Checks the store (SQLite's integrity check) and that the index agrees with it.
    pub fn check(&self) -> Result<CheckReport> {
        let mut report = CheckReport {
            problems: self.store.integrity_check()?,
            index_documents: self.index.num_docs(),
            ..CheckReport::default()
        };
        let sources = self.store.sources()?;
        report.sources = sources.len();
        for s in &sources {
            if s.indexed_hash.as_deref() != Some(s.hash.as_str()) {
                report
                    .problems
                    .push(format!("source '{}' is not indexed", s.id));
                continue;
            }
            let n = self.index.count_owner(&source_owner(&s.id))?;
            if n != s.passages {
                report.problems.push(format!(
                    "source '{}' has {} passages but the index holds {n}",
                    s.id, s.passages
                ));
            }
            if !self.root.join(&s.path).exists() {
                report
                    .problems
                    .push(format!("source '{}': its file {} is missing", s.id, s.path));
            }
        }
        let notes = self.store.notes()?;
        report.notes = notes.len();
        for n in &notes {
            let expected = notes::parse(&n.body, &note_stem(&n.path)).sections.len();
            let got = self.index.count_owner(&note_owner(&n.path))?;
            if n.indexed_hash.as_deref() != Some(n.hash.as_str()) || got != expected {
                report.problems.push(format!(
                    "note '{}' has {expected} sections but the index holds {got}",
                    n.path
                ));
            }
        }
        let titles: HashMap<String, String> = sources
            .iter()
            .map(|s| (s.id.clone(), s.title.clone()))
            .collect();
        let annotations = self.store.annotations(None)?;
        report.annotations = annotations.len();
        for a in &annotations {
            let title = titles.get(&a.source_id).cloned().unwrap_or_default();
            let got = self.index.count_owner(&annotation_owner(&a.id))?;
            if a.indexed_hash.as_deref() != Some(annotation_hash(a, &title).as_str()) || got != 1 {
                report
                    .problems
                    .push(format!("annotation '{}' is not indexed as it stands", a.id));
            }
        }
        for f in self.index.damaged_files()? {
            report
                .problems
                .push(format!("index file {} is damaged", f.display()));
        }
        Ok(report)
    }
}

#[derive(Default)]
struct Files {
    sources: Vec<String>,
    notes: Vec<String>,
    annotation_files: Vec<String>,
    /// Every folder scanned (relative; "" is the notebook) with its
    /// modification time, read before it was listed.
    dirs: Vec<(String, Option<std::time::SystemTime>)>,
}

/// A folder modified this close to a scan may be modified again without
/// its time changing (file times come from a clock that ticks every few
/// milliseconds).
const RACY_WINDOW: std::time::Duration = std::time::Duration::from_millis(50);

/// The files a [`Notebook::sync_paths`] looks at (relative, `/`-separated).
#[derive(Default)]
struct Scope {
    sources: Vec<String>,
    notes: Vec<String>,
    annotation_files: Vec<String>,
    entities: bool,
}

impl Scope {
    /// Those of the scope's files that exist now.
    fn existing(&self, root: &Path) -> Files {
        let keep = |list: &[String]| -> Vec<String> {
            list.iter()
                .filter(|rel| root.join(rel).is_file())
                .cloned()
                .collect()
        };
        Files {
            sources: keep(&self.sources),
            notes: keep(&self.notes),
            annotation_files: keep(&self.annotation_files),
            dirs: Vec::new(),
        }
    }
}

/// What a changed path is to the notebook.
enum Changed {
    Source(String),
    Note(String),
    AnnotationFile(String),
    Entities,
    /// A folder (or the notebook itself): its files are found by a full sync.
    Folder,
}

fn dir_mtime(dir: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(dir).and_then(|m| m.modified()).ok()
}

fn nanos(t: Option<std::time::SystemTime>) -> u128 {
    t.and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// The folders' state as recorded: one line per folder, its time and path.
fn folder_state(dirs: &[(String, Option<std::time::SystemTime>)]) -> String {
    let mut out = String::new();
    for (rel, mtime) in dirs {
        out.push_str(&format!("{}\t{rel}\n", nanos(*mtime)));
    }
    out
}

/// Whether every folder recorded in `state` still has its recorded time (a
/// file created, deleted or renamed in a folder changes the folder's time;
/// so do Dossier's own saves, which are renames). A file edited in place
/// changes no folder: `--sync` and the app's watcher are for that.
fn folders_unchanged(root: &Path, state: &str) -> bool {
    state.lines().all(|line| {
        let Some((time, rel)) = line.split_once('\t') else {
            return false;
        };
        let dir = if rel.is_empty() {
            root.to_path_buf()
        } else {
            root.join(rel)
        };
        let now = dir_mtime(&dir);
        now.is_some() && nanos(now).to_string() == time
    })
}

fn source_stem(rel: &str) -> String {
    Path::new(rel)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn scan_dir(dir: &Path, rel: &str, files: &mut Files) -> Result<()> {
    // The folder's time before its listing: a file created after it shows
    // as a newer time next time.
    files.dirs.push((rel.to_string(), dir_mtime(dir)));
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || name == "node_modules" {
            continue;
        }
        let path = entry.path();
        let child = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        let ft = entry.file_type().map_err(|e| Error::io(&path, e))?;
        if ft.is_dir() {
            scan_dir(&path, &child, files)?;
        } else if ft.is_file() && rel == SOURCES_DIR && name.ends_with(ANNOTATION_FILE_SUFFIX) {
            files.annotation_files.push(child);
        } else if ft.is_file() && name.ends_with(".md") {
            if rel == SOURCES_DIR {
                files.sources.push(child);
            } else {
                files.notes.push(child);
            }
        }
    }
    Ok(())
}

/// Size and modification time: when they are unchanged the file is not read again.
pub(crate) fn file_stamp(path: &Path) -> String {
    match std::fs::metadata(path) {
        Ok(m) => stamp_of(&m),
        Err(_) => String::new(),
    }
}

/// The stamp of a file's metadata: its size and modification time.
pub(crate) fn stamp_of(m: &std::fs::Metadata) -> String {
    let mtime = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("{}:{mtime}", m.len())
}

/// The folder in `.dossier/` where an import writes its new source files
/// before they move into `sources/` is named this and the process id.
const STAGING_PREFIX: &str = "staging-";

/// Removes the staging folders of imports that did not finish (a crash).
/// Called under the index writer's lock, when no import of any process runs.
fn remove_stale_staging(state_dir: &Path) {
    let Ok(entries) = std::fs::read_dir(state_dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        if name.to_str().is_some_and(|n| n.starts_with(STAGING_PREFIX)) {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

pub(crate) fn read_text_file(path: &Path) -> std::result::Result<String, String> {
    // The size first: a huge file in the notebook is refused unread.
    let too_large = || {
        format!(
            "too large (the limit is {} MB)",
            import::MAX_FILE_BYTES / 1_048_576
        )
    };
    let size = std::fs::metadata(path)
        .map_err(|e| format!("cannot read it ({e})"))?
        .len();
    if size > import::MAX_FILE_BYTES {
        return Err(too_large());
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read it ({e})"))?;
    if bytes.len() as u64 > import::MAX_FILE_BYTES {
        return Err(too_large());
    }
    if bytes.contains(&0) {
        return Err("binary content (NUL bytes)".into());
    }
    String::from_utf8(bytes)
        .map(|s| s.replace("\r\n", "\n"))
        .map_err(|e| format!("not valid UTF-8 at byte {}", e.utf8_error().valid_up_to()))
}

pub(crate) fn read_source_file(path: &Path) -> std::result::Result<(SourceFile, String), String> {
    let text = read_text_file(path)?;
    let (yaml, body) = text::split_front_matter(&text);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut file = match yaml {
        Some(y) => crate::yaml::from_str::<SourceFile>(y)
            .map_err(|e| format!("its front matter does not parse ({e})"))?,
        None => SourceFile {
            meta: SourceMeta::default(),
            format: default_format(),
            imported: None,
            original: None,
        },
    };
    if file.meta.title.trim().is_empty() {
        file.meta.title = stem;
    }
    file.meta.url = file.meta.url.take().and_then(import::web_address);
    if Format::parse(&file.format).is_none() {
        file.format = default_format();
    }
    Ok((file, body.to_string()))
}

pub(crate) fn source_file_contents(file: &SourceFile, body: &str) -> Result<String> {
    let yaml = crate::yaml::to_string(file)
        .map_err(|e| Error::BadInput(format!("cannot write metadata: {e}")))?;
    Ok(format!("---\n{yaml}---\n{body}"))
}

fn unique_id(base: &str, taken: &HashSet<String>, on_disk: &HashSet<String>) -> String {
    let free = |id: &str| !taken.contains(id) && !on_disk.contains(id);
    if free(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| free(id))
        .unwrap_or_else(|| base.to_string())
}

/// The stems of the `.md` files in `sources/` (listed once per import, not
/// one `stat` per new id).
fn source_file_stems(dir: &Path) -> HashSet<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| {
                    e.file_name()
                        .to_str()
                        .and_then(|n| n.strip_suffix(".md"))
                        .map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Whether `path` lies inside the folder `state` (canonical), symbolic links
/// followed. The folder a file is in is resolved once per thread (`parents`);
/// the file itself only when it is a link.
fn inside(state: &Path, path: &Path, parents: &mut HashMap<PathBuf, Option<PathBuf>>) -> bool {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) if !is_link && !parent.as_os_str().is_empty() => parents
            .entry(parent.to_path_buf())
            .or_insert_with(|| parent.canonicalize().ok())
            .as_ref()
            .is_some_and(|p| p.join(name).starts_with(state)),
        _ => path.canonicalize().is_ok_and(|p| p.starts_with(state)),
    }
}

/// A source on its way into the notebook.
/// The texts of sources just imported, with their passages' bounds.
fn in_memory<'a>(
    sources: &'a [NewSource],
    bounds: &'a [Vec<(usize, usize)>],
) -> crate::entities::InMemory<'a> {
    crate::entities::InMemory(
        sources
            .iter()
            .zip(bounds)
            .map(|(s, b)| (s.row.id.as_str(), (s.text.as_str(), b.as_slice())))
            .collect(),
    )
}

struct NewSource {
    row: SourceRow,
    text: String,
    /// The text as the store keeps it.
    packed: crate::store::PackedText,
    file: SourceFile,
    passages: Vec<Passage>,
}

pub(crate) fn summary(r: &SourceRow) -> SourceSummary {
    SourceSummary {
        id: r.id.clone(),
        title: r.title.clone(),
        path: r.path.clone(),
        passages: r.passages,
        outlet: r.outlet.clone(),
        published: r.published.clone(),
    }
}

fn source_owner(id: &str) -> String {
    format!("source:{id}")
}

fn note_owner(path: &str) -> String {
    format!("note:{path}")
}

fn note_stem(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.strip_suffix(".md").unwrap_or(name).to_string()
}

/// The entity ids of each part (passage or section) of a text, from its
/// mention rows `(part, entity id)`.
fn entities_by_part(parts: &[(usize, i64)]) -> HashMap<usize, Vec<i64>> {
    let mut by_part: HashMap<usize, Vec<i64>> = HashMap::new();
    for &(part, entity) in parts {
        let ids = by_part.entry(part).or_default();
        if !ids.contains(&entity) {
            ids.push(entity);
        }
    }
    by_part
}

/// A source's index documents, one per passage, each with the entities its
/// mention rows `(part, entity id)` find in it.
fn source_docs(
    row: &SourceRow,
    passages: Vec<Passage>,
    mentions: &[(usize, i64)],
) -> Vec<IndexDoc> {
    let mut entities = entities_by_part(mentions);
    passages
        .into_iter()
        .map(|p| IndexDoc {
            entities: entities.remove(&p.ordinal).unwrap_or_default(),
            id: format!("p:{}:{}", row.id, p.ordinal),
            kind: HitKind::Source,
            owner: source_owner(&row.id),
            title: row.title.clone(),
            title_indexed: p.ordinal == 0,
            body: p.text,
            source: Some(row.id.clone()),
            path: Some(row.path.clone()),
            passage: Some(p.ordinal),
            start: Some(p.start),
            end: Some(p.end),
            tags: Vec::new(),
            annotation: None,
        })
        .collect()
}

fn note_docs(row: &NoteRow, mentions: &[(usize, i64)]) -> Vec<IndexDoc> {
    let mut entities = entities_by_part(mentions);
    notes::parse(&row.body, &note_stem(&row.path))
        .sections
        .into_iter()
        .enumerate()
        .map(|(i, s)| IndexDoc {
            entities: entities.remove(&i).unwrap_or_default(),
            id: format!("n:{}#{i}", row.path),
            kind: HitKind::Note,
            owner: note_owner(&row.path),
            title: match &s.heading {
                Some(h) if *h != row.title => format!("{} › {h}", row.title),
                _ => row.title.clone(),
            },
            title_indexed: true,
            body: s.text,
            source: None,
            path: Some(row.path.clone()),
            passage: Some(i),
            start: Some(s.start),
            end: Some(s.end),
            tags: Vec::new(),
            annotation: None,
        })
        .collect()
}

/// A note path from the user, made relative and checked not to leave the notebook.
pub fn relative_path(path: &str) -> Result<String> {
    let p = Path::new(path);
    let mut parts = Vec::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => {
                return Err(Error::BadInput(format!(
                    "{path}: a path inside the notebook must be relative and must not use '..'"
                )))
            }
        }
    }
    if parts.is_empty() {
        return Err(Error::BadInput("an empty path".into()));
    }
    Ok(parts.join("/"))
}

pub(crate) fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// Re-anchors the annotations of a source whose text changed; returns how many.
fn reanchor(
    tx: &crate::store::Tx<'_>,
    annotations: &[AnnotationRow],
    old: Option<&str>,
    new: &str,
    version: Option<i64>,
) -> Result<usize> {
    let selectors: Vec<Selector> = annotations
        .iter()
        .map(|a| Selector {
            exact: a.exact.clone(),
            prefix: a.prefix.clone(),
            suffix: a.suffix.clone(),
            start: a.start,
            end: a.end,
        })
        .collect();
    let placed = anchor::reanchor_all(old, new, &selectors);
    for (a, p) in annotations.iter().zip(placed) {
        // An annotation keeps the position it was made at as its selector;
        // only where it stands now changes.
        tx.set_anchor(
            &a.id,
            p.start,
            p.end,
            p.status.as_str(),
            Some(round3(p.score)),
            version,
        )?;
    }
    Ok(annotations.len())
}

/// Takes the entries of an annotation file into the store; entries whose id
/// the store has already are left alone.
fn take_annotations(
    tx: &crate::store::Tx<'_>,
    source_id: &str,
    text: &str,
    version: Option<i64>,
    entries: &[AnnotationFileEntry],
    now: &str,
) -> Result<()> {
    let ct = CharText::new(text);
    for e in entries {
        let placed = anchor::anchor(&ct, &e.selector, None);
        let row = AnnotationRow {
            id: e.id.clone(),
            source_id: source_id.to_string(),
            version_id: version,
            exact: e.selector.exact.clone(),
            prefix: e.selector.prefix.clone(),
            suffix: e.selector.suffix.clone(),
            start: placed.start,
            end: placed.end,
            status: placed.status.as_str().into(),
            score: Some(round3(placed.score)),
            color: e.color.clone(),
            comment: e.comment.clone(),
            tags: e.tags.clone(),
            entities: Vec::new(),
            created_at: now.to_string(),
            updated_at: now.to_string(),
            indexed_hash: None,
        };
        tx.insert_annotation(&row, true)?;
    }
    Ok(())
}

impl Notebook {
    /// Annotation files in `sources/` that changed since they were last taken in.
    #[allow(clippy::type_complexity)]
    fn read_annotation_files(
        &self,
        files: &Files,
        report: &mut SyncReport,
    ) -> Result<Vec<(String, String, String, Vec<AnnotationFileEntry>)>> {
        let mut out = Vec::new();
        for rel in &files.annotation_files {
            let abs = self.root.join(rel);
            let stamp = file_stamp(&abs);
            if self.store.taken_stamp(rel)?.as_deref() == Some(stamp.as_str()) {
                continue;
            }
            let name = rel.rsplit('/').next().unwrap_or(rel);
            let source_id = name.trim_end_matches(ANNOTATION_FILE_SUFFIX).to_string();
            let parsed = read_text_file(&abs).and_then(|t| {
                serde_json::from_str::<Vec<AnnotationFileEntry>>(&t)
                    .map_err(|e| format!("not a list of annotations ({e})"))
            });
            match parsed {
                Ok(entries) => out.push((rel.clone(), stamp, source_id, entries)),
                Err(reason) => report
                    .warnings
                    .push(format!("{rel}: {reason}; left as it is")),
            }
        }
        Ok(out)
    }
}

/// A score for the store: three decimals are enough to read and compare.
fn round3(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 1000.0
}
