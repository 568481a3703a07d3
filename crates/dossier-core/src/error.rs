//! The engine's error type. Every variant says what was wrong in words a
//! person can act on; `code()` gives a stable name for callers that must
//! branch on the kind of failure (the desktop shell sends `{code, message}`).

use std::path::PathBuf;

/// Result alias used throughout the engine.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that the engine refuses: a file that is binary, empty, not UTF-8,
    /// too large, of an unknown format, a path outside the notebook, and so on.
    #[error("{0}")]
    BadInput(String),

    /// A file given to an import that was refused, with the reason.
    #[error("{}: {reason}", path.display())]
    BadFile { path: PathBuf, reason: String },

    /// Several files of one import were refused; nothing was imported.
    #[error("nothing was imported; {} file(s) refused:\n{}", .0.len(), list_refusals(.0))]
    ImportRefused(Vec<(PathBuf, String)>),

    /// A search query that does not parse. `position` counts characters
    /// (Unicode scalar values) from the start of the query.
    #[error("bad query at character {position}: {message}")]
    QuerySyntax { message: String, position: usize },

    /// A source, note or other object that does not exist.
    #[error("{what} not found: {id}")]
    NotFound { what: &'static str, id: String },

    /// Another process holds the notebook's index writer.
    #[error("the notebook is busy: another Dossier process (the app or the command line) is writing to it; try again when it has finished")]
    Busy,

    /// The store is not a Dossier database, or is damaged. It is never overwritten.
    #[error("{}: {reason}", path.display())]
    Corrupt { path: PathBuf, reason: String },

    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("database error: {0}")]
    Database(rusqlite::Error),

    #[error("search index error: {0}")]
    Index(#[from] tantivy::TantivyError),
}

fn list_refusals(items: &[(PathBuf, String)]) -> String {
    items
        .iter()
        .map(|(p, r)| format!("  {}: {r}", p.display()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// SQLite errors; a damaged store (SQLite finds its pages malformed) is
/// [`Error::Corrupt`], with what to do about it.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode::{DatabaseCorrupt, NotADatabase};
        if let rusqlite::Error::SqliteFailure(f, _) = &e {
            if matches!(f.code, DatabaseCorrupt | NotADatabase) {
                return Error::Corrupt {
                    path: PathBuf::from(".dossier").join("dossier.db"),
                    reason: format!(
                        "the notebook's store is damaged ({e}); nothing was written to it. \
                         Restore it from a backup, or move it away to start a new store \
                         (sources and notes are files and are kept; annotations and entities live in the store)"
                    ),
                };
            }
        }
        Error::Database(e)
    }
}

impl Error {
    /// A stable, machine-readable name for the kind of error.
    pub fn code(&self) -> &'static str {
        match self {
            Error::BadInput(_) | Error::BadFile { .. } | Error::ImportRefused(_) => "bad_input",
            Error::QuerySyntax { .. } => "query_syntax",
            Error::NotFound { .. } => "not_found",
            Error::Busy => "busy",
            Error::Corrupt { .. } => "corrupt",
            Error::Io { .. } => "io",
            Error::Database(_) => "database",
            Error::Index(_) => "index",
        }
    }

    /// True when the error is the user's input rather than the machine's fault.
    pub fn is_user_error(&self) -> bool {
        matches!(
            self,
            Error::BadInput(_)
                | Error::BadFile { .. }
                | Error::ImportRefused(_)
                | Error::QuerySyntax { .. }
                | Error::NotFound { .. }
        )
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
