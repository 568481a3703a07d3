//! Integration tests of the engine, on temporary copies of the bundled notebook.

#![allow(clippy::unwrap_used)]

mod anchoring;
mod annotations;
mod common;
mod entities;
mod export;
mod import;
mod recovery;
mod search;
mod writing;
