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
    QuerySyntax {
        kind: QueryProblemKind,
        message: String,
        position: usize,
    },

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

/// What is wrong with a query that does not parse, for a caller that words
/// it for people ([`QueryProblemKind::explanation`]) or branches on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QueryProblemKind {
    /// A `"` with no closing one.
    UnclosedQuote,
    /// A bracket not closed, closed without being opened, or empty.
    Parenthesis,
    /// AND, OR or NOT without a word on one side.
    MissingOperand,
    /// A field (`kind:`, `tag:` …) without a value, or with a wrong one.
    FieldValue,
    /// A field name the query language does not have.
    UnknownField,
    /// A prefix or fuzzy term that cannot be matched as written.
    BadTerm,
    /// Brackets or NOTs nested deeper than the engine reads.
    TooDeep,
    /// Anything else.
    Other,
}

impl QueryProblemKind {
    /// The kind's stable name (`unclosed_quote`, `parenthesis`, …), as serialised.
    pub fn as_str(self) -> &'static str {
        match self {
            QueryProblemKind::UnclosedQuote => "unclosed_quote",
            QueryProblemKind::Parenthesis => "parenthesis",
            QueryProblemKind::MissingOperand => "missing_operand",
            QueryProblemKind::FieldValue => "field_value",
            QueryProblemKind::UnknownField => "unknown_field",
            QueryProblemKind::BadTerm => "bad_term",
            QueryProblemKind::TooDeep => "too_deep",
            QueryProblemKind::Other => "other",
        }
    }

    /// A sentence for people: what is wrong, and that the words are
    /// searched instead.
    pub fn explanation(self) -> &'static str {
        match self {
            QueryProblemKind::UnclosedQuote => "A quotation mark is not closed, so this isn't read as a phrase. Showing results for the words instead.",
            QueryProblemKind::Parenthesis => "A bracket is not closed, or closes nothing. Showing results for the words instead.",
            QueryProblemKind::MissingOperand => "AND, OR and NOT need a word on each side. Showing results for the words instead.",
            QueryProblemKind::FieldValue => "A field name needs a value after the colon (kind: takes source, note, annotation or entity). Showing results for the words instead.",
            QueryProblemKind::UnknownField => "That field name is not one Dossier knows. Showing results for the words instead.",
            QueryProblemKind::BadTerm => "A prefix (word*) or fuzzy (word~) term must be one word with letters, and ~ allows at most 2 edits. Showing results for the words instead.",
            QueryProblemKind::TooDeep => "The brackets or NOTs nest too deep. Showing results for the words instead.",
            QueryProblemKind::Other => "This search couldn't be read as a query. Showing results for the words instead.",
        }
    }
}
