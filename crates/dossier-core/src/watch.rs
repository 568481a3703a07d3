//! Watching a notebook's folder for changes made by other programs.
//!
//! [`Watcher`] asks the operating system for notifications (inotify on
//! Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows, through the
//! `notify` crate) on the whole notebook folder, gathers the paths that
//! changed for a short moment ([`DEBOUNCE`]) so that a save's several events
//! (temp file written, renamed over the old one) arrive as one batch, ending
//! the batch [`SETTLE`] after the event that completes a save, and
//! hands each batch to a callback: the caller passes it to
//! [`Notebook::sync_paths`](crate::Notebook::sync_paths). Paths inside
//! `.dossier/` (the store and index Dossier writes itself) and hidden files
//! (editors' and Dossier's own temporary files) are left out; reads (file
//! opened or accessed) are not changes. When the system dropped events (its
//! queue overflowed) or reports an error, the batch is [`Changes::Rescan`]:
//! the caller then runs a full sync.
//!
//! Nothing here knows about Tauri: the desktop shell forwards batches to the
//! engine and tells its window; tests use it as it is.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, ModifyKind, RenameMode};
use notify::{EventKind, RecursiveMode, Watcher as _};

use crate::error::{Error, Result};

/// How long changes are gathered after the first one before they are handed on.
pub const DEBOUNCE: Duration = Duration::from_millis(50);

/// How long a batch waits for more after an event that ends a save (a file
/// renamed into place, closed after writing, deleted): a save's events come
/// within microseconds of each other, so the batch need not wait out
/// [`DEBOUNCE`] (which still bounds a batch of events that end no save, a
/// file still being written).
pub const SETTLE: Duration = Duration::from_millis(5);

/// What changed in the notebook's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changes {
    /// These paths (absolute) were created, modified, deleted or renamed
    /// (a rename gives both its paths).
    Paths(Vec<PathBuf>),
    /// Events were lost (the system's queue overflowed) or the watch
    /// failed: only a full sync is sure to see everything.
    Rescan,
}

impl Changes {
    /// Adds `other` to this batch (for a caller that could not take this
    /// one in yet): paths are united, and a rescan covers everything.
    pub fn merge(&mut self, other: Changes) {
        match (&mut *self, other) {
            (Changes::Rescan, _) => {}
            (_, Changes::Rescan) => *self = Changes::Rescan,
            (Changes::Paths(mine), Changes::Paths(more)) => {
                for p in more {
                    if !mine.contains(&p) {
                        mine.push(p);
                    }
                }
            }
        }
    }
}

/// A running watch of a notebook's folder; dropping it stops the watch.
pub struct Watcher {
    _watcher: notify::RecommendedWatcher,
}

impl Watcher {
    /// Watches `root` (recursively) and calls `on_change` from a thread of
    /// its own with each batch of changes, gathered for `debounce` after the
    /// first change of the batch.
    pub fn start(
        root: &Path,
        debounce: Duration,
        mut on_change: impl FnMut(Changes) + Send + 'static,
    ) -> Result<Watcher> {
        let root = root.canonicalize().map_err(|e| Error::io(root, e))?;
        let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
        let mut watcher = notify::recommended_watcher(move |event| {
            // The receiver is gone only when the watch is being dropped.
            let _ = tx.send(event);
        })
        .map_err(|e| watch_error(&root, e))?;
        watcher
            .watch(&root, RecursiveMode::Recursive)
            .map_err(|e| watch_error(&root, e))?;
        let base = root.clone();
        std::thread::Builder::new()
            .name("dossier-watch".into())
            .spawn(move || {
                // Ends when the watcher is dropped (its sender with it).
                while let Ok(first) = rx.recv() {
                    let mut batch = Batch::default();
                    let mut deadline = Instant::now() + debounce;
                    let settle = debounce.min(SETTLE);
                    if batch.add(&base, first) {
                        deadline = Instant::now() + settle;
                    }
                    loop {
                        let left = deadline.saturating_duration_since(Instant::now());
                        if left.is_zero() {
                            break;
                        }
                        match rx.recv_timeout(left) {
                            Ok(event) => {
                                if batch.add(&base, event) {
                                    deadline = deadline.min(Instant::now() + settle);
                                }
                            }
                            Err(mpsc::RecvTimeoutError::Timeout) => break,
                            Err(mpsc::RecvTimeoutError::Disconnected) => return,
                        }
                    }
                    if let Some(changes) = batch.finish() {
                        on_change(changes);
                    }
                }
            })
            .map_err(|e| Error::io(&root, e))?;
        Ok(Watcher { _watcher: watcher })
    }
}

fn watch_error(root: &Path, e: notify::Error) -> Error {
    Error::io(
        root,
        std::io::Error::other(format!("cannot watch the folder for changes ({e})")),
    )
}

#[derive(Default)]
struct Batch {
    paths: Vec<PathBuf>,
    rescan: bool,
}

impl Batch {
    /// Adds an event; true when it ends a save of a path that matters (a
    /// rename into place, a close after writing, a deletion).
    fn add(&mut self, root: &Path, event: notify::Result<notify::Event>) -> bool {
        let event = match event {
            Ok(e) => e,
            Err(_) => {
                self.rescan = true;
                return false;
            }
        };
        if event.need_rescan() {
            self.rescan = true;
            return false;
        }
        let ends_save = matches!(
            event.kind,
            EventKind::Access(AccessKind::Close(AccessMode::Write))
                | EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both))
                | EventKind::Remove(_)
        );
        // Reads are no changes; a close after writing is (the writes before
        // it may have gone out in an earlier batch, before the file was whole).
        if matches!(event.kind, EventKind::Access(_)) && !ends_save {
            return false;
        }
        let mut matters = false;
        for p in event.paths {
            if relevant(root, &p) {
                matters = true;
                if !self.paths.contains(&p) {
                    self.paths.push(p);
                }
            }
        }
        ends_save && matters
    }

    fn finish(self) -> Option<Changes> {
        if self.rescan {
            Some(Changes::Rescan)
        } else if self.paths.is_empty() {
            None
        } else {
            Some(Changes::Paths(self.paths))
        }
    }
}

/// Whether a changed path may matter to the notebook: inside it, and
/// neither in a hidden folder (`.dossier/` among them) nor a hidden file.
pub(crate) fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(inside) = path.strip_prefix(root) else {
        return false;
    };
    inside.components().all(|c| match c {
        Component::Normal(s) => {
            let s = s.to_string_lossy();
            !s.starts_with('.') && !s.ends_with('~') && s != "node_modules"
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, DataChange, RemoveKind};

    fn event(kind: EventKind, path: &Path) -> notify::Result<notify::Event> {
        Ok(notify::Event::new(kind).add_path(path.to_path_buf()))
    }

    #[test]
    fn a_batch_settles_on_the_event_that_ends_a_save_of_a_file_that_matters() {
        let root = Path::new("/notebook");
        let note = root.join("Note.md");
        let temp = root.join(".Note.md.tmp");
        let mut batch = Batch::default();
        // An editor's temporary file: written and closed, but it does not matter.
        assert!(!batch.add(root, event(EventKind::Create(CreateKind::File), &temp)));
        assert!(!batch.add(
            root,
            event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                &temp
            )
        ));
        // Written in place: not the end yet.
        assert!(!batch.add(
            root,
            event(EventKind::Modify(ModifyKind::Data(DataChange::Any)), &note)
        ));
        // Renamed into place, closed after writing, deleted: the end of a save.
        for kind in [
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            EventKind::Remove(RemoveKind::File),
        ] {
            assert!(batch.add(root, event(kind, &note)), "{kind:?}");
        }
        // A read is no change.
        assert!(!batch.add(
            root,
            event(EventKind::Access(AccessKind::Read), &root.join("Other.md"))
        ));
        assert_eq!(batch.finish(), Some(Changes::Paths(vec![note.clone()])));
        // A close after writing alone (its writes went out in an earlier
        // batch) hands the file on again, now whole.
        let mut batch = Batch::default();
        assert!(batch.add(
            root,
            event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                &note
            )
        ));
        assert_eq!(batch.finish(), Some(Changes::Paths(vec![note])));
    }
}
