//! The Dossier engine: a local-first research notebook.
//!
//! A [`Notebook`] is a folder of plain files (sources and Markdown notes)
//! plus derived state in `.dossier/`: the store (SQLite, the truth for what
//! is not a file) and the search index (tantivy, a cache that can always be
//! rebuilt). This crate knows nothing of Tauri, JSON transport or any user
//! interface. The text algorithms it stores and indexes the results of
//! (passages, anchoring, the gazetteer, …) live in `dossier-text`.
//!
//! The public API is [`Notebook`] and the types its methods take and return,
//! re-exported below. The implementation modules are private to the crate;
//! the `internals` feature opens some of them to the benchmark harness, the
//! fuzz targets and this crate's own integration tests, never to the command
//! line or the desktop shell.
//!
//! Offsets (`start`, `end`) count Unicode scalar values everywhere in this crate.

/// Modules private to the engine, opened by the `internals` feature.
macro_rules! internal_modules {
    ($($(#[$attr:meta])* $name:ident),* $(,)?) => {$(
        $(#[$attr])*
        #[cfg(feature = "internals")]
        pub mod $name;
        $(#[$attr])*
        #[cfg(not(feature = "internals"))]
        pub(crate) mod $name;
    )*};
}

internal_modules!(fetch, import, index, query, render, snippet, store, text);

mod annotations;
mod derived;
mod entities;
mod error;
mod export;
mod notebook;
mod notes;
mod pictures;
mod quoting;
mod search;
mod suggest;
mod watch;
mod web_import;
mod writing;
mod yaml;

pub(crate) use dossier_text::{anchor, gazetteer};

pub use annotations::{Annotation, AnnotationEdit, NewAnnotation};
pub use derived::{DateHit, Graph, GraphEdge, GraphNode, QuoteHit};
pub use dossier_text::anchor::AnchorStatus;
pub use dossier_text::context::InContext;
pub use dossier_text::passages::Passage;
pub use entities::{Entity, EntityEdit, EntityKind, EntityPage, Mention, NewEntity, SourceMention};
pub use error::{Error, Result};
pub use export::{AnnotationImport, ExportFormat, ExportOptions, ExportReport, Scope};
pub use fetch::FetchLimits;
pub use import::{Format, SourceMeta};
pub use index::{Hit, HitKind, SearchResults};
pub use notebook::{
    CheckReport, ImportOptions, ImportProgress, ImportReport, ImportTimings, Note, NoteSummary,
    Notebook, Source, SourceSummary, SyncReport,
};
pub use pictures::{Network, Picture, SharedPassage, TimelineItem};
pub use quoting::{SpeakerQuotes, QUOTE_TAG};
pub use render::{LinkTarget, Rendered};
pub use search::{QueryProblem, QueryProblemKind, Searched};
pub use suggest::{NotebookSuggestion, Suggestion};
pub use watch::{Changes, Watcher, DEBOUNCE as WATCH_DEBOUNCE, SETTLE as WATCH_SETTLE};
pub use web_import::{fetch_page, FetchedPage};
pub use writing::{checked_note_path as note_path, BacklinkHit, Backlinks, Saved};

/// Whether an import argument is a web address (`http://`, `https://`)
/// rather than a file.
pub fn is_web_address(arg: &str) -> bool {
    fetch::is_web_address(arg)
}

/// A short, stable hash of a text (hex): what the engine compares to tell
/// whether a note or source changed.
pub fn content_hash(text: &str) -> String {
    text::hash(text)
}

/// Markdown as one line of plain text: `[[target|label]]` reads as its
/// label, links as their text, emphasis and code markers dropped.
pub fn inline_text(markdown: &str) -> String {
    dossier_text::plain::inline_text(markdown)
}
