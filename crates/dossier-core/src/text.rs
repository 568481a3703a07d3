//! File and text helpers of the engine: hashes, slugs, YAML front matter,
//! HTML escaping and atomic file writes (passages live in `dossier-text`).
//!
//! Offsets: every `start`/`end` in the engine counts Unicode scalar values
//! (Rust `char`s) from the start of a text, as the W3C Web Annotation model
//! does. Conversion to UTF-16 (JavaScript) happens only at the desktop shell.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

pub(crate) use dossier_text::passages::{passages, Passage};

/// A short, stable content hash (hex).
pub fn hash(text: &str) -> String {
    blake3::hash(text.as_bytes()).to_hex()[..32].to_string()
}

/// A file-name-safe id for a title, readable in every script: see
/// [`dossier_text::article::slug`] (ASCII and Latin titles give the ids the
/// engine always gave; other scripts keep their letters). Never empty.
pub use dossier_text::article::slug;

/// Splits YAML front matter (between a first line `---` and the next `---`)
/// from a Markdown text. Returns the YAML (if any) and the body.
pub fn split_front_matter(text: &str) -> (Option<&str>, &str) {
    let rest = match text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    {
        Some(r) => r,
        None => return (None, text),
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return (Some(yaml), body);
        }
        offset += line.len();
    }
    (None, text)
}

/// Writes a file so that a crash leaves either the old or the new content,
/// never a mix: a temporary file beside it, fsync, rename, fsync the folder.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .ok_or_else(|| Error::BadInput(format!("{}: no parent folder", path.display())))?;
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(contents)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// From this many files on, [`write_new_files`] flushes the file system once
/// (`syncfs`) instead of each file.
const SYNCFS_FROM_FILES: usize = 64;

/// Writes new files into the folder `dir`, each complete or absent after a
/// crash (never half-written, never an existing file overwritten), with one
/// flush for all, and returns each file's metadata as written (its size and
/// modification time: the file's stamp without a `stat` of its own).
///
/// The files are first written (`O_EXCL`, on every core) into `staging`, a
/// fresh folder on the same file system that no one else writes (the
/// notebook's private `.dossier/`, under the index writer's lock); the file
/// system is then flushed once (`syncfs`, on Linux, for a batch of
/// [`SYNCFS_FROM_FILES`] or more; otherwise each file is synced). When
/// `dir` is missing or empty, the staging folder is renamed
/// onto it in one step (the kernel refuses the rename if a file appeared
/// in `dir` meanwhile, and the files are then moved one by one); otherwise
/// each file is renamed into `dir`. The folders are synced last.
///
/// On an error nothing of this call is left: the staging folder is removed,
/// and so are the files already moved into `dir`; the error names the file.
pub fn write_new_files(
    dir: &Path,
    staging: &Path,
    files: &[(String, Vec<u8>)],
) -> Result<Vec<std::fs::Metadata>> {
    let mut placed: Vec<PathBuf> = Vec::new();
    // `syncfs` waits for every dirty page of the file system, other
    // programs' too: worth it for a large batch only (and Linux only).
    let flush_all = cfg!(target_os = "linux") && files.len() >= SYNCFS_FROM_FILES;
    let result = (|| -> std::result::Result<Vec<std::fs::Metadata>, (PathBuf, std::io::Error)> {
        if staging.exists() {
            std::fs::remove_dir_all(staging).map_err(|e| (staging.to_path_buf(), e))?;
        }
        std::fs::create_dir_all(staging).map_err(|e| (staging.to_path_buf(), e))?;
        let written = par_map(
            files,
            || (),
            |_, (name, contents)| -> std::result::Result<std::fs::Metadata, (PathBuf, std::io::Error)> {
                let tmp = staging.join(name);
                let failed = |e| (dir.join(name), e);
                let mut f = std::fs::OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&tmp)
                    .map_err(failed)?;
                f.write_all(contents).map_err(failed)?;
                if !flush_all {
                    f.sync_all().map_err(failed)?;
                }
                f.metadata().map_err(failed)
            },
            |_, _| {},
        );
        let metadata = written.into_iter().collect::<std::result::Result<Vec<_>, _>>()?;
        #[cfg(target_os = "linux")]
        if flush_all {
            let d = std::fs::File::open(staging).map_err(|e| (staging.to_path_buf(), e))?;
            rustix::fs::syncfs(&d).map_err(|e| (staging.to_path_buf(), e.into()))?;
        }
        let empty = match std::fs::read_dir(dir) {
            Ok(mut entries) => entries.next().is_none(),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
            Err(e) => return Err((dir.to_path_buf(), e)),
        };
        let moved_whole = empty && std::fs::rename(staging, dir).is_ok();
        if !moved_whole {
            std::fs::create_dir_all(dir).map_err(|e| (dir.to_path_buf(), e))?;
            for (name, _) in files {
                let path = dir.join(name);
                // A rename would replace a file that appeared meanwhile.
                if path.exists() {
                    return Err((
                        path,
                        std::io::Error::new(
                            std::io::ErrorKind::AlreadyExists,
                            "a file is already there; nothing was overwritten",
                        ),
                    ));
                }
                std::fs::rename(staging.join(name), &path).map_err(|e| (path.clone(), e))?;
                placed.push(path);
            }
            let _ = std::fs::remove_dir(staging);
        }
        // The folder that holds the new names (and, for a folder renamed
        // in whole, the folder that holds its name).
        let parent = dir.parent().filter(|_| moved_whole);
        for d in std::iter::once(dir).chain(parent) {
            if let Ok(d) = std::fs::File::open(d) {
                let _ = d.sync_all();
            }
        }
        Ok(metadata)
    })();
    result.map_err(|(path, e)| {
        let _ = std::fs::remove_dir_all(staging);
        for p in &placed {
            let _ = std::fs::remove_file(p);
        }
        Error::io(path, e)
    })
}

/// Maps `f` over `items` on the machine's cores (at most 8 threads), the
/// answers in the order of `items`. Each thread gets its own `state` (from
/// `init`), and `each` is called on the calling thread as each item is done
/// (the number done so far, and the item): a progress report needs no lock.
/// A panic in `f` is a panic of the caller, as in a plain loop.
pub(crate) fn par_map<T: Sync, S, R: Send>(
    items: &[T],
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, &T) -> R + Sync,
    mut each: impl FnMut(usize, &T),
) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(items.len());
    if threads <= 1 {
        let mut state = init();
        return items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let r = f(&mut state, item);
                each(i + 1, item);
                r
            })
            .collect();
    }
    // Items are claimed in chunks and their answers sent a chunk at a
    // time: one message per item costs more than a small item's work.
    let chunk = (items.len() / (threads * 32)).clamp(1, 256);
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, Vec<R>)>();
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, init, f) = (&next, &init, &f);
            scope.spawn(move || {
                let mut state = init();
                loop {
                    let first = next.fetch_add(chunk, std::sync::atomic::Ordering::Relaxed);
                    let Some(part) = items.get(first..(first + chunk).min(items.len())) else {
                        break;
                    };
                    if part.is_empty() {
                        break;
                    }
                    let answers = part.iter().map(|item| f(&mut state, item)).collect();
                    if tx.send((first, answers)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut done = 0;
        // Ends when every thread has finished (or one panicked: the scope
        // then re-raises its panic).
        for (first, answers) in rx {
            for (i, r) in (first..).zip(answers) {
                done += 1;
                each(done, &items[i]);
                out[i] = Some(r);
            }
        }
    });
    out.into_iter()
        .map(|r| r.unwrap_or_else(|| unreachable!("every item is mapped once")))
        .collect()
}

/// Escapes text for HTML.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}



#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        n.sort();
        n
    }

    #[test]
    fn new_files_land_whole_in_a_missing_or_empty_folder_and_beside_others() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("sources");
        let staging = root.path().join(".state").join("staging-1");
        let files = vec![
            ("a.md".to_string(), b"alpha".to_vec()),
            ("b.md".to_string(), b"beta!".to_vec()),
        ];
        let meta = write_new_files(&dir, &staging, &files).unwrap();
        assert_eq!(names(&dir), ["a.md", "b.md"]);
        assert_eq!(std::fs::read(dir.join("b.md")).unwrap(), b"beta!");
        assert_eq!(meta.iter().map(|m| m.len()).collect::<Vec<_>>(), [5, 5]);
        // The metadata is the file's as it lies in its folder (its stamp).
        let on_disk = std::fs::metadata(dir.join("a.md")).unwrap();
        assert_eq!(meta[0].modified().unwrap(), on_disk.modified().unwrap());
        assert!(!staging.exists(), "the staging folder is gone");
        // A folder with files in it: the new ones are moved in one by one.
        let more = vec![("c.md".to_string(), b"gamma".to_vec())];
        write_new_files(&dir, &staging, &more).unwrap();
        assert_eq!(names(&dir), ["a.md", "b.md", "c.md"]);
        assert_eq!(std::fs::read(dir.join("a.md")).unwrap(), b"alpha");
        assert!(!staging.exists());
    }

    #[test]
    fn a_new_file_never_replaces_one_already_there_and_a_failure_leaves_nothing() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("sources");
        let staging = root.path().join("staging-1");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("b.md"), "written by hand").unwrap();
        // A leftover of a crashed import in the staging folder is cleared.
        std::fs::create_dir_all(&staging).unwrap();
        std::fs::write(staging.join("a.md"), "half").unwrap();
        let files = vec![
            ("a.md".to_string(), b"alpha".to_vec()),
            ("b.md".to_string(), b"beta".to_vec()),
        ];
        let err = write_new_files(&dir, &staging, &files).unwrap_err().to_string();
        assert!(err.contains("b.md") && err.contains("already there"), "{err}");
        assert_eq!(std::fs::read_to_string(dir.join("b.md")).unwrap(), "written by hand");
        assert_eq!(names(&dir), ["b.md"], "the file moved in before the failure is removed");
        assert!(!staging.exists());
    }

    #[test]
    fn slugs_are_safe() {
        assert_eq!(slug("Russia & NATO: talks"), "russia-nato-talks");
        assert_eq!(slug("Café Kyiv/../x"), "cafe-kyiv-x");
        assert_eq!(slug("///"), "untitled");
    }

    #[test]
    fn par_map_keeps_the_order_and_reports_each_item_once() {
        let items: Vec<usize> = (0..1000).collect();
        let mut seen = Vec::new();
        let mut last = 0;
        let out = par_map(
            &items,
            || 0usize,
            |calls, &x| {
                *calls += 1;
                // Some items take longer, so that they finish out of order
                // when there is more than one core.
                if x % 100 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(3));
                }
                x * 2
            },
            |done, &x| {
                assert_eq!(done, last + 1, "done counts up by one");
                last = done;
                seen.push(x);
            },
        );
        assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
        seen.sort_unstable();
        assert_eq!(seen, items);
        assert!(par_map(&[] as &[u8], || (), |_, _| 0, |_, _| {}).is_empty());
    }

    #[test]
    fn front_matter_is_split() {
        let (y, b) = split_front_matter("---\ntitle: A\n---\nbody\n");
        assert_eq!(y, Some("title: A\n"));
        assert_eq!(b, "body\n");
        assert_eq!(split_front_matter("no front matter").0, None);
    }
}
