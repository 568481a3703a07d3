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

/// Writes many new files with the guarantees of [`write_atomic`] for each,
/// but one flush for all: every temporary file is written, the file system
/// is flushed once (`syncfs` on Linux; elsewhere each file is synced), then
/// each is renamed into place and each folder synced once. An import of
/// thousands of files would otherwise wait for two flushes per file.
///
/// On an error, the temporary files are removed, and so are the files this
/// call had already renamed into place; the error names the file.
pub fn write_atomic_many(files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    let mut temps: Vec<(PathBuf, &Path)> = Vec::with_capacity(files.len());
    let mut placed: Vec<&Path> = Vec::new();
    let result = (|| -> std::result::Result<(), (PathBuf, std::io::Error)> {
        let mut dirs: Vec<&Path> = Vec::new();
        for (path, _) in files {
            let dir = path.parent().ok_or_else(|| {
                (
                    path.clone(),
                    std::io::Error::new(std::io::ErrorKind::InvalidInput, "no parent folder"),
                )
            })?;
            if !dirs.contains(&dir) {
                std::fs::create_dir_all(dir).map_err(|e| (dir.to_path_buf(), e))?;
                dirs.push(dir);
            }
        }
        // The temporary files are written on every core; a file that
        // failed removes its own temporary file.
        let written = par_map(
            files,
            || (),
            |_, (path, contents)| -> std::result::Result<PathBuf, (PathBuf, std::io::Error)> {
                let dir = path.parent().unwrap_or(Path::new("."));
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
                let mut f = std::fs::File::create(&tmp).map_err(|e| (path.clone(), e))?;
                let wrote = f.write_all(contents);
                #[cfg(not(target_os = "linux"))]
                let wrote = wrote.and_then(|()| f.sync_all());
                match wrote {
                    Ok(()) => Ok(tmp),
                    Err(e) => {
                        let _ = std::fs::remove_file(&tmp);
                        Err((path.clone(), e))
                    }
                }
            },
            |_, _| {},
        );
        let mut failed = None;
        for (w, (path, _)) in written.into_iter().zip(files) {
            match w {
                Ok(tmp) => temps.push((tmp, path)),
                Err(e) => failed = failed.or(Some(e)),
            }
        }
        if let Some(e) = failed {
            return Err(e);
        }
        #[cfg(target_os = "linux")]
        if let Some(dir) = dirs.first() {
            let d = std::fs::File::open(dir).map_err(|e| (dir.to_path_buf(), e))?;
            rustix::fs::syncfs(&d).map_err(|e| (dir.to_path_buf(), e.into()))?;
        }
        for (tmp, path) in &temps {
            std::fs::rename(tmp, path).map_err(|e| (path.to_path_buf(), e))?;
            placed.push(path);
        }
        for dir in dirs {
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    })();
    if let Err((path, e)) = result {
        for (tmp, _) in &temps {
            let _ = std::fs::remove_file(tmp);
        }
        for p in placed {
            let _ = std::fs::remove_file(p);
        }
        return Err(Error::io(path, e));
    }
    Ok(())
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
