//! Searching as people type: the strict query language first, and when the
//! query does not parse, its words, with the problem described in a typed
//! form that every caller shows as it is.

use serde::Serialize;

pub use crate::error::QueryProblemKind;
use crate::error::{Error, Result};
use crate::index::SearchResults;
use crate::notebook::Notebook;

/// Why a query was not read as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueryProblem {
    pub kind: QueryProblemKind,
    /// The parser's own words ("this quote is never closed").
    pub message: String,
    /// Where it went wrong, in characters from the start of the query.
    pub position: usize,
    /// A sentence for people ([`QueryProblemKind::explanation`]).
    pub explanation: String,
}

/// The answer to a search: the hits, and the problem when the query was
/// read as plain words because its syntax was bad.
#[derive(Debug, Clone, Serialize)]
pub struct Searched {
    #[serde(flatten)]
    pub results: SearchResults,
    pub problem: Option<QueryProblem>,
}

impl Notebook {
    /// Searches with the full query language; a query with bad syntax is
    /// searched as its words instead, and the problem comes with the hits.
    /// An empty query finds nothing. Errors other than syntax (a damaged
    /// index, an unknown `entity:`) are returned as they are.
    pub fn search_forgiving(&self, q: &str, limit: usize) -> Result<Searched> {
        if q.trim().is_empty() {
            return Ok(Searched {
                results: SearchResults {
                    total: 0,
                    hits: Vec::new(),
                },
                problem: None,
            });
        }
        match self.search(q, limit) {
            Ok(results) => Ok(Searched {
                results,
                problem: None,
            }),
            Err(Error::QuerySyntax {
                kind,
                message,
                position,
            }) => Ok(Searched {
                results: self.search_lenient(q, limit)?,
                problem: Some(QueryProblem {
                    kind,
                    message,
                    position,
                    explanation: kind.explanation().to_string(),
                }),
            }),
            Err(e) => Err(e),
        }
    }
}
