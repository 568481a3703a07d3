//! The recent-notebooks list: a small JSON file in the app's config folder
//! (`recent-notebooks.json`), newest first, written atomically.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::transport::RecentNotebook;

/// How many notebooks the list keeps.
pub const KEEP: usize = 10;

pub const FILE_NAME: &str = "recent-notebooks.json";

#[derive(Debug, Default, Serialize, Deserialize)]
struct RecentFile {
    notebooks: Vec<RecentNotebook>,
}

/// The list as stored; a missing or unreadable file is an empty list (the list
/// is a convenience, never a reason not to start).
pub fn load(file: &Path) -> Vec<RecentNotebook> {
    fs::read(file)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<RecentFile>(&bytes).ok())
        .map(|f| f.notebooks)
        .unwrap_or_default()
}

/// Puts `root` first in the list (dropping an older entry for it) and saves.
pub fn remember(file: &Path, root: &Path, name: &str) -> std::io::Result<Vec<RecentNotebook>> {
    let mut list = load(file);
    let path = root.display().to_string();
    list.retain(|r| r.path != path);
    list.insert(
        0,
        RecentNotebook {
            path,
            name: name.to_string(),
            opened_at: now_ms(),
        },
    );
    list.truncate(KEEP);
    save(file, &list)?;
    Ok(list)
}

fn save(file: &Path, list: &[RecentNotebook]) -> std::io::Result<()> {
    let dir = file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    fs::create_dir_all(&dir)?;
    let json = serde_json::to_vec_pretty(&RecentFile {
        notebooks: list.to_vec(),
    })
    .map_err(std::io::Error::other)?;
    let tmp = dir.join(format!(".{FILE_NAME}.tmp"));
    {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(&json)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, file)
}

fn now_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as f64)
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_or_garbled_file_is_an_empty_list() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join(FILE_NAME);
        assert!(
            load(&file).is_empty(),
            "no file yet means no recent notebooks"
        );
        fs::write(&file, b"{ not json").expect("write");
        assert!(
            load(&file).is_empty(),
            "a garbled file must not stop the app"
        );
    }

    #[test]
    fn newest_first_without_duplicates_and_bounded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("sub").join(FILE_NAME);
        for i in 0..(KEEP + 3) {
            remember(
                &file,
                Path::new(&format!("/books/nb{i}")),
                &format!("nb{i}"),
            )
            .expect("save");
        }
        remember(&file, Path::new("/books/nb5"), "nb5").expect("save");
        let list = load(&file);
        assert_eq!(list.len(), KEEP, "the list keeps at most {KEEP} notebooks");
        assert_eq!(
            list[0].path, "/books/nb5",
            "reopening moves a notebook to the top"
        );
        assert_eq!(
            list.iter().filter(|r| r.path == "/books/nb5").count(),
            1,
            "a notebook appears once"
        );
        assert!(
            !dir.path()
                .join("sub")
                .join(format!(".{FILE_NAME}.tmp"))
                .exists(),
            "the temp file is renamed into place"
        );
    }
}
