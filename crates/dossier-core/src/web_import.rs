//! Importing web pages by address: each page fetched ([`crate::fetch`]),
//! its article extracted, and then either a new source, or, when the
//! notebook already has a source with the same address (the page's
//! canonical address, else the address it was fetched from), a new version
//! of that source if the text changed, or nothing if it did not.
//!
//! A new version is written the way a person's edit of the source file
//! would be: the file is replaced atomically and [`Notebook::sync`] stores
//! the text as the source's next version (the earlier ones stay in the
//! store) and re-anchors its annotations in the same transaction. If that
//! sync fails, the file is put back as it was.

use std::path::PathBuf;

use crate::error::{Error, Result};
use crate::fetch::{self, FetchLimits};
use crate::import::{self, Extracted};
use crate::notebook::{
    now, read_source_file, source_file_contents, ImportOptions, ImportProgress, ImportReport,
    Notebook, SourceFile,
};
use crate::store::SourceRow;
use crate::text;

/// A web page fetched and read, ready to import with
/// [`Notebook::import_fetched`]. Fetching needs no notebook, so a caller
/// that keeps a notebook open (the app) fetches without holding it.
#[derive(Debug, Clone)]
pub struct FetchedPage(Extracted);

impl FetchedPage {
    /// The address the page was fetched from, after redirects.
    pub fn address(&self) -> &str {
        self.0.meta.fetched_from.as_deref().unwrap_or("")
    }

    pub fn title(&self) -> &str {
        &self.0.meta.title
    }
}

/// Fetches a web page and reads its article, or says why not (the message
/// names the address: "could not reach …", "… answered 404 Not Found", …).
pub fn fetch_page(url: &str, limits: &FetchLimits) -> std::result::Result<FetchedPage, String> {
    let (format, meta, text) =
        fetch::get(url, limits).and_then(|r| fetch::page(&r, limits.max_bytes))?;
    Ok(FetchedPage(Extracted {
        path: PathBuf::from(url.trim()),
        format,
        meta,
        text,
    }))
}

impl Notebook {
    /// Fetches web pages and imports them as sources (see the module's
    /// documentation for pages imported before). Without `skip_bad`, one
    /// page that cannot be fetched or read refuses the whole batch and
    /// nothing changes; the error names the address and what went wrong
    /// ("could not reach …", "… answered 404 Not Found", "… is 55 MB, more
    /// than the 20 MB limit", …).
    pub fn import_urls(
        &mut self,
        urls: &[String],
        options: &ImportOptions,
        limits: &FetchLimits,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Result<ImportReport> {
        self.import_files_and_urls(&[], urls, options, limits, progress)
    }

    /// Imports files and folders (as [`Notebook::import`]) and web pages
    /// (as [`Notebook::import_urls`]) as one batch: everything is read and
    /// fetched first, and without `skip_bad` one refusal refuses it all.
    pub fn import_files_and_urls(
        &mut self,
        paths: &[PathBuf],
        urls: &[String],
        options: &ImportOptions,
        limits: &FetchLimits,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Result<ImportReport> {
        if urls.is_empty() {
            return self.import(paths, options, progress);
        }
        let files = import::collect(paths);
        if !paths.is_empty() && files.is_empty() {
            return Err(Error::BadInput(format!(
                "no importable files (.txt, .md, .html) in {}",
                paths
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let total = files.len() + urls.len();
        let mut report = ImportReport::default();
        let read = self.read_for_import(&files, total, &mut report, progress);
        let mut fetched: Vec<Extracted> = Vec::new();
        for (i, url) in urls.iter().enumerate() {
            progress(&ImportProgress {
                done: files.len() + i,
                total,
                path: PathBuf::from(url),
            });
            match fetch_page(url, limits) {
                Ok(page) => fetched.push(page.0),
                Err(reason) => report.refused.push((PathBuf::from(url), reason)),
            }
        }
        if !report.refused.is_empty() && !options.skip_bad {
            if report.refused.len() == 1 && total == 1 {
                let (_, reason) = report.refused.remove(0);
                return Err(Error::BadInput(reason));
            }
            return Err(Error::ImportRefused(report.refused));
        }
        self.import_read(read, fetched, report, total, progress)
    }

    /// Imports pages fetched with [`fetch_page`]: new sources, or new
    /// versions of the sources imported from the same address before.
    pub fn import_fetched(
        &mut self,
        pages: Vec<FetchedPage>,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Result<ImportReport> {
        let total = pages.len();
        let pages = pages.into_iter().map(|p| p.0).collect();
        self.import_read(Vec::new(), pages, ImportReport::default(), total, progress)
    }

    fn import_read(
        &mut self,
        read: Vec<Extracted>,
        fetched: Vec<Extracted>,
        mut report: ImportReport,
        total: usize,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Result<ImportReport> {
        self.index.lock_for_writing()?;

        let rows = self.store.sources()?;
        let mut new = read;
        let mut changed: Vec<(SourceRow, Extracted)> = Vec::new();
        for x in fetched {
            let addresses = [x.meta.url.as_deref(), x.meta.fetched_from.as_deref()];
            let known = rows.iter().find(|r| {
                r.url
                    .as_deref()
                    .is_some_and(|u| addresses.contains(&Some(u)))
            });
            match known {
                Some(row) if row.hash == text::hash(&x.text) => {
                    report.unchanged.push((x.path, row.id.clone()))
                }
                Some(row) => {
                    // The same page twice in one batch: the first one counts.
                    if !changed.iter().any(|(r, _)| r.id == row.id) {
                        changed.push((row.clone(), x));
                    } else {
                        report.unchanged.push((x.path, row.id.clone()));
                    }
                }
                None => new.push(x),
            }
        }
        report = self.write_new_sources(new, report, total, progress)?;
        for (row, x) in changed {
            self.write_new_version(&row, x)?;
            let now = self.sources()?.into_iter().find(|s| s.id == row.id);
            report.updated.extend(now);
        }
        Ok(report)
    }

    /// Replaces a source's file with a page's new text and metadata, and
    /// syncs (new version, annotations re-anchored); on failure the file is
    /// put back.
    fn write_new_version(&mut self, row: &SourceRow, x: Extracted) -> Result<()> {
        let abs = self.root().join(&row.path);
        let before = std::fs::read(&abs).map_err(|e| Error::io(&abs, e))?;
        let format = read_source_file(&abs)
            .map(|(f, _)| f.format)
            .unwrap_or_else(|_| x.format.as_str().to_string());
        let file = SourceFile {
            meta: x.meta,
            format,
            imported: Some(now()),
            original: None,
        };
        let contents = source_file_contents(&file, &x.text)?;
        text::write_atomic(&abs, contents.as_bytes())?;
        if let Err(e) = self.sync() {
            let _ = text::write_atomic(&abs, &before);
            let _ = self.sync();
            return Err(e);
        }
        Ok(())
    }
}
