//! Annotations: highlights on a source's text with a colour, a Markdown
//! comment, tags and linked entities, anchored by W3C selectors (see
//! [`crate::anchor`]). Every write goes to the store in one transaction,
//! then to the index.

use std::collections::HashSet;

use crate::anchor::{self, AnchorStatus, CharText, Selector};
use crate::error::{Error, Result};
use crate::index::{HitKind, IndexDoc};
use crate::notebook::{now, Notebook};
use crate::store::AnnotationRow;
use crate::text;

/// The colours a highlight may have (or any `#rrggbb`).
pub const COLORS: [&str; 6] = ["yellow", "green", "blue", "pink", "purple", "orange"];

/// An annotation as callers see it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Annotation {
    pub id: String,
    pub source: String,
    /// The quote as it was highlighted.
    pub exact: String,
    pub prefix: String,
    pub suffix: String,
    /// Where it stands in the current text (characters).
    pub start: usize,
    pub end: usize,
    pub status: AnchorStatus,
    /// The score of a fuzzy match (1.0 for exact and moved, 0 for orphans).
    pub score: Option<f64>,
    pub color: String,
    /// Markdown.
    pub comment: String,
    pub tags: Vec<String>,
    /// Names of the linked entities.
    pub entities: Vec<String>,
    pub created: String,
    pub updated: String,
}

/// What a new annotation says. Give either `start`/`end` (a selection in the
/// reader) or `quote` (with `prefix`/`suffix` when the quote is not unique).
#[derive(Debug, Clone, Default)]
pub struct NewAnnotation {
    pub quote: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub comment: String,
    pub tags: Vec<String>,
    pub color: Option<String>,
    /// Names (or aliases) of entities to link.
    pub entities: Vec<String>,
}

/// A change to an annotation; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct AnnotationEdit {
    pub comment: Option<String>,
    pub tags: Option<Vec<String>>,
    pub color: Option<String>,
    /// Re-attach by hand: a new span of the current text.
    pub reattach: Option<(usize, usize)>,
    /// Replaces the linked entities (names or aliases).
    pub entities: Option<Vec<String>>,
}

/// A committed, readable file of annotations (`sources/<id>.annotations.json`)
/// that the store takes in: the bundled notebook ships its annotations so.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct AnnotationFileEntry {
    pub id: String,
    #[serde(flatten)]
    pub selector: Selector,
    #[serde(default = "default_color")]
    pub color: String,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub tags: Vec<String>,
}

fn default_color() -> String {
    "yellow".into()
}

/// Suffix of the annotation files in `sources/`.
pub const ANNOTATION_FILE_SUFFIX: &str = ".annotations.json";

impl Notebook {
    /// Highlights a passage of a source.
    pub fn annotate(&mut self, source: &str, new: NewAnnotation) -> Result<Annotation> {
        // The index writer first: a busy notebook is reported before anything is written.
        self.index.lock_for_writing()?;
        let src = self.source(source)?;
        let text = CharText::new(&src.text);
        let (start, end) = match (new.start, new.end) {
            (Some(s), Some(e)) => {
                if s >= e || e > text.len() {
                    return Err(Error::BadInput(format!(
                        "the span {s}..{e} is not inside the source's text (0..{})",
                        text.len()
                    )));
                }
                if let Some(q) = &new.quote {
                    quote_at(&text, s, e, q)?;
                }
                (s, e)
            }
            (None, None) => {
                let quote = new
                    .quote
                    .as_deref()
                    .filter(|q| !q.trim().is_empty())
                    .ok_or_else(|| {
                        Error::BadInput("give the quote to highlight (or its start and end)".into())
                    })?;
                find_quote(
                    &text,
                    quote,
                    new.prefix.as_deref(),
                    new.suffix.as_deref(),
                    &src.id,
                )?
            }
            _ => {
                return Err(Error::BadInput(
                    "give both start and end of the span, or neither".into(),
                ))
            }
        };
        let sel = anchor::selector_at(&text, start, end);
        let now = now();
        let row = AnnotationRow {
            id: new_id(&src.id, start, &now),
            source_id: src.id.clone(),
            version_id: self.store.current_version(&src.id)?,
            exact: sel.exact,
            prefix: sel.prefix,
            suffix: sel.suffix,
            start,
            end,
            status: AnchorStatus::Exact.as_str().into(),
            score: Some(1.0),
            color: check_color(new.color.as_deref())?,
            comment: new.comment,
            tags: clean_tags(&new.tags)?,
            entities: self.entity_ids(&new.entities)?,
            created_at: now.clone(),
            updated_at: now,
            indexed_hash: None,
        };
        self.store
            .transaction(|tx| tx.insert_annotation(&row, false).map(|_| ()))?;
        self.index_pending()?;
        self.annotation(&row.id)
    }

    /// One annotation.
    pub fn annotation(&self, id: &str) -> Result<Annotation> {
        let row = self.store.annotation(id)?.ok_or_else(|| Error::NotFound {
            what: "annotation",
            id: id.to_string(),
        })?;
        self.to_annotation(row)
    }

    /// Annotations of one source (or all), in reading order.
    pub fn annotations(&self, source: Option<&str>) -> Result<Vec<Annotation>> {
        if let Some(s) = source {
            self.source(s)?; // a clear "source not found"
        }
        let id = source.map(|s| self.source_id(s));
        self.store
            .annotations(id.as_deref())?
            .into_iter()
            .map(|r| self.to_annotation(r))
            .collect()
    }

    /// Changes an annotation's comment, tags, colour, or re-attaches it by hand.
    pub fn edit_annotation(&mut self, id: &str, edit: AnnotationEdit) -> Result<Annotation> {
        // The index writer first: a busy notebook is reported before anything is written.
        self.index.lock_for_writing()?;
        let mut row = self.store.annotation(id)?.ok_or_else(|| Error::NotFound {
            what: "annotation",
            id: id.to_string(),
        })?;
        if let Some(c) = edit.comment {
            row.comment = c;
        }
        if let Some(t) = edit.tags {
            row.tags = clean_tags(&t)?;
        }
        if let Some(c) = edit.color {
            row.color = check_color(Some(&c))?;
        }
        if let Some(names) = edit.entities {
            row.entities = self.entity_ids(&names)?;
        }
        if let Some((s, e)) = edit.reattach {
            let src = self.source(&row.source_id)?;
            let text = CharText::new(&src.text);
            if s >= e || e > text.len() {
                return Err(Error::BadInput(format!(
                    "the span {s}..{e} is not inside the source's text (0..{})",
                    text.len()
                )));
            }
            let sel = anchor::selector_at(&text, s, e);
            row.exact = sel.exact;
            row.prefix = sel.prefix;
            row.suffix = sel.suffix;
            row.start = s;
            row.end = e;
            row.status = AnchorStatus::Exact.as_str().into();
            row.score = Some(1.0);
            row.version_id = self.store.current_version(&src.id)?;
        }
        row.updated_at = now();
        self.store.transaction(|tx| tx.update_annotation(&row))?;
        self.index_pending()?;
        self.annotation(id)
    }

    /// Deletes an annotation.
    pub fn delete_annotation(&mut self, id: &str) -> Result<()> {
        // The index writer first: a busy notebook is reported before anything is written.
        self.index.lock_for_writing()?;
        let deleted = self.store.transaction(|tx| tx.delete_annotation(id))?;
        if !deleted {
            return Err(Error::NotFound {
                what: "annotation",
                id: id.to_string(),
            });
        }
        self.index.remove(&annotation_owner(id))?;
        self.index.commit()
    }

    /// The span of a quote in a source's current text (prefix/suffix choose
    /// among several occurrences).
    pub fn locate(
        &self,
        source: &str,
        quote: &str,
        prefix: Option<&str>,
        suffix: Option<&str>,
    ) -> Result<(usize, usize)> {
        let src = self.source(source)?;
        find_quote(&CharText::new(&src.text), quote, prefix, suffix, &src.id)
    }

    /// Checks that `quote` is the text at `start..end` of a source (for a
    /// selection made in a reader before it re-attaches a highlight there).
    pub fn check_quote_at(
        &self,
        source: &str,
        start: usize,
        end: usize,
        quote: &str,
    ) -> Result<()> {
        let src = self.source(source)?;
        let text = CharText::new(&src.text);
        if start >= end || end > text.len() {
            return Err(Error::BadInput(format!(
                "the span {start}..{end} is not inside the source's text (0..{})",
                text.len()
            )));
        }
        quote_at(&text, start, end, quote)
    }

    fn to_annotation(&self, r: AnnotationRow) -> Result<Annotation> {
        let names = self.entity_names(&r.entities)?;
        Ok(Annotation {
            status: AnchorStatus::parse(&r.status),
            id: r.id,
            source: r.source_id,
            exact: r.exact,
            prefix: r.prefix,
            suffix: r.suffix,
            start: r.start,
            end: r.end,
            score: r.score,
            color: r.color,
            comment: r.comment,
            tags: r.tags,
            entities: names,
            created: r.created_at,
            updated: r.updated_at,
        })
    }

    fn entity_ids(&self, names: &[String]) -> Result<Vec<i64>> {
        let mut ids = Vec::new();
        for n in names {
            let id = self.find_entity(n)?.id;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    }

    fn entity_names(&self, ids: &[i64]) -> Result<Vec<String>> {
        let mut out = Vec::new();
        for id in ids {
            if let Some(name) = self.store.entity_name(*id)? {
                out.push(name);
            }
        }
        Ok(out)
    }
}

/// The owner of an annotation's index document.
pub(crate) fn annotation_owner(id: &str) -> String {
    format!("annotation:{id}")
}

/// The hash of what the index shows of an annotation.
pub(crate) fn annotation_hash(r: &AnnotationRow, source_title: &str) -> String {
    text::hash(&format!(
        "{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{}\u{0}{source_title}",
        r.exact,
        r.comment,
        r.tags.join("\u{1}"),
        r.start,
        r.end,
        r.status
    ))
}

pub(crate) fn annotation_doc(r: &AnnotationRow, source_title: &str, source_path: &str) -> IndexDoc {
    IndexDoc {
        id: format!("a:{}", r.id),
        kind: HitKind::Annotation,
        owner: annotation_owner(&r.id),
        title: source_title.to_string(),
        title_indexed: false,
        body: if r.comment.trim().is_empty() {
            r.exact.clone()
        } else {
            format!("{}\n\n{}", r.exact, crate::notes::plain_text(&r.comment))
        },
        source: Some(r.source_id.clone()),
        path: Some(source_path.to_string()),
        passage: None,
        start: Some(r.start),
        end: Some(r.end),
        tags: r.tags.iter().map(|t| t.to_lowercase()).collect(),
        annotation: Some(r.id.clone()),
        // An annotation's entities are looked up when searched (its links
        // and the mentions it covers; see `Notebook::entity_doc_ids`).
        entities: Vec::new(),
    }
}

fn quote_at(text: &CharText<'_>, s: usize, e: usize, quote: &str) -> Result<()> {
    if text.slice(s, e) == quote {
        Ok(())
    } else {
        Err(Error::BadInput(format!(
            "the text at {s}..{e} is {:?}, not the quote {quote:?}",
            text.slice(s, e)
        )))
    }
}

/// Finds a quote in a text; with prefix/suffix, only the occurrences they fit.
fn find_quote(
    text: &CharText<'_>,
    quote: &str,
    prefix: Option<&str>,
    suffix: Option<&str>,
    source: &str,
) -> Result<(usize, usize)> {
    let len = quote.chars().count();
    let all = text.find_all(quote);
    if all.is_empty() {
        return Err(Error::BadInput(format!(
            "the quote {quote:?} is not in source '{source}'"
        )));
    }
    let fits: Vec<usize> = all
        .iter()
        .copied()
        .filter(|&at| {
            prefix.is_none_or(|p| text.slice(at.saturating_sub(p.chars().count()), at) == p)
                && suffix.is_none_or(|s| text.slice(at + len, at + len + s.chars().count()) == s)
        })
        .collect();
    match fits.len() {
        1 => Ok((fits[0], fits[0] + len)),
        0 => Err(Error::BadInput(format!(
            "the quote {quote:?} occurs {} time(s) in source '{source}', but none with that prefix/suffix",
            all.len()
        ))),
        n => Err(Error::BadInput(format!(
            "the quote {quote:?} is ambiguous: it occurs {n} times in source '{source}'; add --prefix or --suffix (text just before or after it) to choose one"
        ))),
    }
}

fn check_color(c: Option<&str>) -> Result<String> {
    let c = c.unwrap_or("yellow").trim().to_lowercase();
    let hex = c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|x| x.is_ascii_hexdigit());
    if COLORS.contains(&c.as_str()) || hex {
        Ok(c)
    } else {
        Err(Error::BadInput(format!(
            "unknown colour '{c}' (use {} or #rrggbb)",
            COLORS.join(", ")
        )))
    }
}

fn clean_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for t in tags {
        let t = t.trim().trim_start_matches('#').to_string();
        if t.is_empty() {
            continue;
        }
        if t.chars().any(|c| c.is_whitespace() || c == ',') {
            return Err(Error::BadInput(format!(
                "the tag {t:?} has a space or comma; a tag is one word (use - or _)"
            )));
        }
        if seen.insert(t.to_lowercase()) {
            out.push(t);
        }
    }
    Ok(out)
}

fn new_id(source: &str, start: usize, now: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let h = text::hash(&format!(
        "{source}|{start}|{now}|{nanos}|{n}|{}",
        std::process::id()
    ));
    format!("a-{}", &h[..12])
}
