//! Integration tests of the engine, on temporary copies of the bundled notebook.

#![allow(clippy::unwrap_used)]

mod anchoring;
mod annotations;
mod common;
mod concurrency;
mod crash;
mod derived;
mod entities;
mod export;
mod hostile;
mod import;
mod layout;
mod limits;
mod migration;
mod quoting;
mod recovery;
mod search;
mod watch;
mod web;
mod writing;
