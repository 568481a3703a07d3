//! Dossier's text algorithms: pure functions of text.
//!
//! Nothing here reads or writes files, opens SQLite or touches the search
//! index: each function takes text (and, where it needs them, known names or
//! a reference date) and returns what it found, so that every algorithm can
//! be built and tested alone, fast. The engine (`dossier-core`) stores and
//! indexes the results; its `Notebook` is the façade callers use.
//!
//! Offsets (`start`, `end`) count Unicode scalar values (Rust `char`s), as
//! everywhere in Dossier.
//!
//! - [`passages`]: a text cut into paragraphs, the unit of search and citation.
//! - [`anchor`]: W3C selectors and re-anchoring highlights after an edit.
//! - [`gazetteer`]: every known name found in a text in one pass.
//! - [`fold`]: case and diacritics folded for matching.
//! - [`context`]: a span with the words around it.
//! - [`plain`]: Markdown as plain text, with offsets mapped back.

pub mod anchor;
pub mod article;
pub mod context;
pub mod fold;
pub mod gazetteer;
pub mod names;
pub mod passages;
pub mod plain;
pub mod quotes;
pub mod suggest;
pub mod tagger;
pub mod timex;
pub mod variants;
