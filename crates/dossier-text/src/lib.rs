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

pub mod names;
pub mod suggest;
pub mod variants;
