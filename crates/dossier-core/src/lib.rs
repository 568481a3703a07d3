//! The Dossier engine: a local-first research notebook.
//!
//! A [`Notebook`] is a folder of plain files (sources and Markdown notes)
//! plus derived state in `.dossier/`: the [`store::Store`] (SQLite, the truth
//! for what is not a file) and the [`index::SearchIndex`] (tantivy, a cache
//! that can always be rebuilt). This crate knows nothing of Tauri, JSON
//! transport or any user interface.
//!
//! Offsets (`start`, `end`) count Unicode scalar values everywhere in this crate.

pub mod anchor;
pub mod annotations;
pub mod entities;
pub mod error;
pub mod export;
pub mod gazetteer;
pub mod import;
pub mod index;
pub mod notebook;
pub mod notes;
pub mod query;
pub mod render;
pub mod store;
pub mod suggest;
pub mod text;
pub mod writing;

pub use anchor::AnchorStatus;
pub use annotations::{Annotation, AnnotationEdit, NewAnnotation};
pub use entities::{Entity, EntityEdit, EntityPage, Mention, NewEntity, SourceMention};
pub use error::{Error, Result};
pub use export::{AnnotationImport, ExportOptions, ExportReport, Scope};
pub use import::{Format, SourceMeta};
pub use index::{Hit, HitKind, SearchResults};
pub use notebook::{
    CheckReport, ImportOptions, ImportProgress, ImportReport, Note, NoteSummary, Notebook, Source,
    SourceSummary, SyncReport,
};
pub use render::{LinkTarget, Rendered};
pub use suggest::Suggestion;
pub use text::Passage;
pub use writing::{BacklinkHit, Backlinks, Saved};
