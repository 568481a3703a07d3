//! Export: the notebook as plain Markdown files (one note, one source's
//! annotations, one entity's dossier, or everything with an index page), and
//! annotations as W3C Web Annotation JSON-LD (with import, Hypothesis's
//! export included).
//!
//! Markdown comes from templates (minijinja). The defaults are in
//! `crates/dossier-core/templates/`; a notebook overrides one by putting a
//! file of the same name in its `templates/` folder, and `--template FILE`
//! overrides the one of the exported scope. Variables:
//! - `note.md.j2`: `note` {path, title}, `body` (links made relative, passage
//!   references turned into quotes with citations).
//! - `source.md.j2`: `source` {id, title, outlet, author, published, url},
//!   `annotations` [{id, quote, comment, tags, entities, status, score,
//!   paragraph}], `said` (who said what: [{speaker, speaker_kind, entity,
//!   quotes [{quote, kind, cue, paragraph}]}], by speaker), `text`, `vault`.
//! - `entity.md.j2`: `entity` {name, kind, aliases, description,
//!   external_id}, `mentions` [{link, before, text, after}], `annotations`
//!   [{quote, comment, link}], `quotes` (what it said: [{quote, kind, cue,
//!   link}], the link citing source and paragraph), `notes` [{link}],
//!   `cooccurring` [{link, count}].
//! - `index.md.j2`: `notebook`, `date`, `sources` [{link, outlet, published,
//!   annotations}], `notes` [{link}], `entities` [{link, kind, mentions}].
//!
//! Exporting again never destroys what the user changed in the output
//! folder: `.dossier-export.json` there remembers the hash of every file as
//! written; a file changed since is kept and the new one is written beside it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::anchor::{self, AnchorStatus, CharText, Selector};
use crate::annotations::Annotation;
use crate::error::{Error, Result};
use crate::notebook::{now, Notebook};
use crate::notes;
use crate::render::{LinkTarget, Resolver};
use crate::store::AnnotationRow;
use crate::text::{self, slug};

const MANIFEST: &str = ".dossier-export.json";

/// `path` made absolute and canonical as far as it exists: a folder that is
/// still to be created is its nearest existing parent's canonical path with
/// the rest joined on.
fn nearest_canonical(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut rest = Vec::new();
    let mut at = absolute.as_path();
    loop {
        if let Ok(c) = at.canonicalize() {
            let mut out = c;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                at = parent;
            }
            _ => return absolute,
        }
    }
}

/// What to export.
#[derive(Debug, Clone, PartialEq)]
pub enum Scope {
    Note(String),
    Source(String),
    Entity(String),
    All,
}

/// What to export as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ExportFormat {
    /// Markdown files from templates.
    #[default]
    Markdown,
    /// The annotations as W3C Web Annotation JSON-LD (one file).
    JsonLd,
}

/// How to export.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The folder to write into: never inside the notebook, nor one that holds it.
    pub out: PathBuf,
    pub scope: Scope,
    pub format: ExportFormat,
    /// A template for the exported scope, instead of the default.
    pub template: Option<PathBuf>,
    /// Keep `[[wiki links]]` (an Obsidian vault) instead of relative Markdown links.
    pub vault: bool,
}

/// What an export did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ExportReport {
    /// Files written (relative to the output folder).
    pub written: Vec<String>,
    /// Files already as they would be written.
    pub unchanged: Vec<String>,
    /// Files the user had changed since the last export: (kept file, new file written beside it).
    pub kept: Vec<(String, String)>,
    /// For JSON-LD, how many annotations the file holds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annotations: Option<usize>,
}

/// What an import of annotations did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct AnnotationImport {
    pub imported: Vec<String>,
    /// Annotations already in the notebook (same id).
    pub existing: Vec<String>,
    /// Imported but not placed in the local text.
    pub orphans: Vec<String>,
    /// Skipped, with the reason (no matching source, no quote).
    pub skipped: Vec<(String, String)>,
}

const DEFAULTS: [(&str, &str); 4] = [
    ("note", include_str!("../templates/note.md.j2")),
    ("source", include_str!("../templates/source.md.j2")),
    ("entity", include_str!("../templates/entity.md.j2")),
    ("index", include_str!("../templates/index.md.j2")),
];

/// Where each thing of the notebook goes in an export.
struct Layout {
    sources: BTreeMap<String, String>,
    notes: BTreeMap<String, String>,
    entities: BTreeMap<String, String>,
}

impl Notebook {
    /// Exports into `options.out` in `options.format`, calling
    /// `progress(done, total)` as each file is made (the files are written
    /// together at the end). A folder inside the notebook, or one that holds
    /// it, is refused before anything is written.
    pub fn export(
        &self,
        options: &ExportOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ExportReport> {
        self.refuse_export_inside(&options.out)?;
        match options.format {
            ExportFormat::Markdown => self.export_markdown_files(options, progress),
            ExportFormat::JsonLd => {
                let source =
                    match &options.scope {
                        Scope::Source(s) => Some(self.source(s)?.id),
                        Scope::All => None,
                        _ => return Err(Error::BadInput(
                            "JSON-LD exports annotations: export a source or the whole notebook"
                                .into(),
                        )),
                    };
                let doc = self.export_jsonld(source.as_deref())?;
                let name = format!("{}.jsonld", source.as_deref().unwrap_or("annotations"));
                let json = serde_json::to_string_pretty(&doc)
                    .map_err(|e| Error::BadInput(format!("JSON-LD: {e}")))?;
                std::fs::create_dir_all(&options.out).map_err(|e| Error::io(&options.out, e))?;
                text::write_atomic(&options.out.join(&name), json.as_bytes())?;
                progress(1, 1);
                Ok(ExportReport {
                    written: vec![name],
                    annotations: doc["total"].as_u64().map(|n| n as usize),
                    ..ExportReport::default()
                })
            }
        }
    }

    /// Exports Markdown into `options.out` (whatever `options.format` says).
    pub fn export_markdown(&self, options: &ExportOptions) -> Result<ExportReport> {
        self.refuse_export_inside(&options.out)?;
        self.export_markdown_files(options, &mut |_, _| {})
    }

    /// Refuses an export folder inside the notebook, or one that holds it:
    /// exported files there would mix with the notes (and be read as notes).
    fn refuse_export_inside(&self, out: &Path) -> Result<()> {
        let root = nearest_canonical(self.root());
        let target = nearest_canonical(out);
        if target.starts_with(&root) || root.starts_with(&target) {
            return Err(Error::BadInput(format!(
                "will not export into {}: it is inside the notebook {} (or holds it), where exported files would mix with your notes; choose a folder outside it",
                out.display(),
                self.root().display()
            )));
        }
        Ok(())
    }

    fn export_markdown_files(
        &self,
        options: &ExportOptions,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ExportReport> {
        let layout = self.layout()?;
        let mut files: Vec<(String, String)> = Vec::new();
        let templates = self.templates(options)?;
        match &options.scope {
            Scope::Note(n) => {
                let note = self.note(n)?;
                files.push((
                    layout.notes[&note.path].clone(),
                    self.note_file(&note.path, &layout, &templates, options.vault)?,
                ));
            }
            Scope::Source(s) => {
                let id = self.source(s)?.id;
                files.push((
                    layout.sources[&id].clone(),
                    self.source_file(&id, &templates, options.vault)?,
                ));
            }
            Scope::Entity(e) => {
                let name = self.entity(e)?.name;
                files.push((
                    layout.entities[&name].clone(),
                    self.entity_file(&name, &layout, &templates, options.vault)?,
                ));
            }
            Scope::All => {
                let total = layout.sources.len() + layout.notes.len() + layout.entities.len() + 1;
                for id in layout.sources.keys() {
                    files.push((
                        layout.sources[id].clone(),
                        self.source_file(id, &templates, options.vault)?,
                    ));
                    progress(files.len(), total);
                }
                for path in layout.notes.keys() {
                    files.push((
                        layout.notes[path].clone(),
                        self.note_file(path, &layout, &templates, options.vault)?,
                    ));
                    progress(files.len(), total);
                }
                for name in layout.entities.keys() {
                    files.push((
                        layout.entities[name].clone(),
                        self.entity_file(name, &layout, &templates, options.vault)?,
                    ));
                    progress(files.len(), total);
                }
                files.push((
                    "index.md".into(),
                    self.index_file(&layout, &templates, options.vault)?,
                ));
            }
        }
        progress(files.len(), files.len());
        write_export(&options.out, &files)
    }

    fn layout(&self) -> Result<Layout> {
        let sources = self
            .sources()?
            .into_iter()
            .map(|s| (s.id.clone(), format!("sources/{}.md", s.id)))
            .collect();
        let notes = self
            .notes()?
            .into_iter()
            .map(|n| (n.path.clone(), format!("notes/{}", n.path)))
            .collect();
        let mut entities = BTreeMap::new();
        let mut used: HashMap<String, usize> = HashMap::new();
        for e in self.entities()? {
            let base = slug(&e.name);
            let n = used.entry(base.clone()).or_insert(0);
            *n += 1;
            let file = if *n == 1 { base } else { format!("{base}-{n}") };
            entities.insert(e.name, format!("entities/{file}.md"));
        }
        Ok(Layout {
            sources,
            notes,
            entities,
        })
    }

    fn templates(&self, options: &ExportOptions) -> Result<HashMap<&'static str, String>> {
        let mut out = HashMap::new();
        for (name, default) in DEFAULTS {
            let custom = self.root().join("templates").join(format!("{name}.md.j2"));
            let text = if custom.is_file() {
                std::fs::read_to_string(&custom).map_err(|e| Error::io(&custom, e))?
            } else {
                default.to_string()
            };
            out.insert(name, text);
        }
        if let Some(t) = &options.template {
            let text = std::fs::read_to_string(t).map_err(|e| Error::io(t, e))?;
            let name = match options.scope {
                Scope::Note(_) => "note",
                Scope::Source(_) => "source",
                Scope::Entity(_) => "entity",
                Scope::All => "index",
            };
            out.insert(name, text);
        }
        Ok(out)
    }

    fn note_file(
        &self,
        path: &str,
        layout: &Layout,
        t: &HashMap<&str, String>,
        vault: bool,
    ) -> Result<String> {
        let note = self.note(path)?;
        let from = &layout.notes[path];
        let body = self.convert_links(&note.body, from, layout, vault);
        render_template(
            &t["note"],
            "note",
            json!({"note": {"path": note.path, "title": note.title}, "body": body}),
        )
    }

    fn source_file(&self, id: &str, t: &HashMap<&str, String>, vault: bool) -> Result<String> {
        let s = self.source(id)?;
        let annotations: Vec<Value> = self
            .annotations(Some(id))?
            .into_iter()
            .map(|a| {
                let paragraph = s
                    .passages
                    .iter()
                    .position(|p| p.start <= a.start && a.start < p.end)
                    .map(|p| p + 1)
                    .unwrap_or(0);
                json!({
                    "id": a.id, "quote": one_line(&a.exact), "comment": a.comment, "tags": a.tags,
                    "entities": a.entities, "status": a.status.as_str(), "score": a.score,
                    "paragraph": paragraph,
                })
            })
            .collect();
        let paragraph_of = |start: usize| {
            s.passages
                .iter()
                .position(|p| p.start <= start && start < p.end)
                .map(|p| p + 1)
                .unwrap_or(0)
        };
        let said: Vec<Value> = self
            .quotes_by_speaker(id)?
            .into_iter()
            .map(|g| {
                let quotes: Vec<Value> = g
                    .quotes
                    .iter()
                    .map(|q| json!({"quote": one_line(&q.quote), "kind": q.kind, "cue": q.cue, "paragraph": paragraph_of(q.start)}))
                    .collect();
                json!({"speaker": g.speaker, "speaker_kind": g.speaker_kind, "entity": g.entity, "quotes": quotes})
            })
            .collect();
        let m = &s.meta;
        render_template(
            &t["source"],
            "source",
            json!({
                "source": {"id": s.id, "title": m.title, "outlet": m.outlet, "author": m.author,
                           "published": m.published, "url": m.url},
                "annotations": annotations, "said": said, "text": s.text, "vault": vault,
            }),
        )
    }

    fn entity_file(
        &self,
        name: &str,
        layout: &Layout,
        t: &HashMap<&str, String>,
        vault: bool,
    ) -> Result<String> {
        let page = self.entity_page(name)?;
        let from = &layout.entities[name];
        let mentions: Vec<Value> = page
            .mentions
            .iter()
            .map(|m| {
                let (target, label) = match (&m.source, &m.path) {
                    (Some(s), _) => (layout.sources.get(s), format!("{} ¶{}", m.title, m.part + 1)),
                    (_, Some(p)) => (layout.notes.get(p), m.title.clone()),
                    _ => (None, m.title.clone()),
                };
                json!({"link": link(from, target.map(String::as_str), &label, vault), "before": m.before, "text": m.text, "after": m.after})
            })
            .collect();
        let annotations: Vec<Value> = page
            .annotations
            .iter()
            .map(|a| {
                let target = layout.sources.get(&a.source).map(|p| format!("{p}#{}", a.id));
                json!({"quote": one_line(&a.exact), "comment": one_line(&a.comment), "link": link(from, target.as_deref(), &a.source, vault)})
            })
            .collect();
        let mut titles: HashMap<String, String> = HashMap::new();
        let mut quotes: Vec<Value> = Vec::new();
        for (passage, q) in self.quotes_with_passages(None, Some(&page.entity.name))? {
            if !titles.contains_key(&q.source) {
                titles.insert(q.source.clone(), self.source(&q.source)?.meta.title);
            }
            let label = format!("{} ¶{}", titles[&q.source], passage + 1);
            let target = layout.sources.get(&q.source).map(String::as_str);
            quotes.push(json!({"quote": one_line(&q.quote), "kind": q.kind, "cue": q.cue, "link": link(from, target, &label, vault)}));
        }
        let notes: Vec<Value> = page
            .notes
            .iter()
            .map(|n| json!({"link": link(from, layout.notes.get(&n.path).map(String::as_str), &n.title, vault)}))
            .collect();
        let co: Vec<Value> = page
            .cooccurring
            .iter()
            .map(|(n, c)| json!({"link": link(from, layout.entities.get(n).map(String::as_str), n, vault), "count": c}))
            .collect();
        let e = &page.entity;
        render_template(
            &t["entity"],
            "entity",
            json!({
                "entity": {"name": e.name, "kind": e.kind, "aliases": e.aliases, "description": e.description, "external_id": e.external_id},
                "mentions": mentions, "annotations": annotations, "quotes": quotes, "notes": notes, "cooccurring": co,
            }),
        )
    }

    fn index_file(
        &self,
        layout: &Layout,
        t: &HashMap<&str, String>,
        vault: bool,
    ) -> Result<String> {
        let from = "index.md";
        let counts: HashMap<String, usize> =
            self.annotations(None)?
                .into_iter()
                .fold(HashMap::new(), |mut m, a| {
                    *m.entry(a.source).or_insert(0) += 1;
                    m
                });
        let sources: Vec<Value> = self
            .sources()?
            .into_iter()
            .map(|s| json!({"link": link(from, layout.sources.get(&s.id).map(String::as_str), &s.title, vault),
                            "outlet": s.outlet, "published": s.published, "annotations": counts.get(&s.id).copied().unwrap_or(0)}))
            .collect();
        let notes: Vec<Value> = self
            .notes()?
            .into_iter()
            .map(|n| json!({"link": link(from, layout.notes.get(&n.path).map(String::as_str), &n.title, vault)}))
            .collect();
        let entities: Vec<Value> = self
            .entities()?
            .into_iter()
            .map(|e| json!({"link": link(from, layout.entities.get(&e.name).map(String::as_str), &e.name, vault), "kind": e.kind, "mentions": e.mentions}))
            .collect();
        render_template(
            &t["index"],
            "index",
            json!({"notebook": self.name(), "date": &now()[..10], "sources": sources, "notes": notes, "entities": entities}),
        )
    }

    /// Rewrites a note's wiki links for export.
    fn convert_links(&self, body: &str, from: &str, layout: &Layout, vault: bool) -> String {
        let chars: Vec<char> = body.chars().collect();
        let mut out = String::new();
        let mut at = 0;
        let links = crate::writing::Links::new(self);
        for l in notes::wiki_links(body) {
            let embed = l.start > 0 && chars[l.start - 1] == '!';
            let start = if embed { l.start - 1 } else { l.start };
            if start < at {
                continue;
            }
            out.extend(&chars[at..start]);
            at = l.end;
            let original: String = chars[start..l.end].iter().collect();
            if embed {
                if let Some((src, ann)) = l.target.split_once("#^") {
                    if let Some(e) = links.embed(src, ann) {
                        let target = layout.sources.get(&e.source).map(String::as_str);
                        if vault {
                            out.push_str(&format!(
                                "![[{}#^{}]]",
                                target.unwrap_or("").trim_end_matches(".md"),
                                e.annotation
                            ));
                        } else {
                            let back = link(
                                from,
                                target.map(|t| format!("{t}#{}", e.annotation)).as_deref(),
                                "source",
                                false,
                            );
                            out.push_str(&format!(
                                "> {}\n>\n> — {} ({back})",
                                one_line(&e.quote),
                                e.citation
                            ));
                        }
                        continue;
                    }
                }
                out.push_str(&original);
                continue;
            }
            let label = l.label.clone().unwrap_or_else(|| l.target.clone());
            let fragment = l
                .target
                .split_once('#')
                .filter(|(_, f)| !f.starts_with('^'))
                .map(|(_, f)| format!("#{}", slug(f)))
                .unwrap_or_default();
            let target = match links.resolve(&l.target) {
                Some(LinkTarget::Note { path }) => layout.notes.get(&path).cloned(),
                Some(LinkTarget::Source { id }) => layout.sources.get(&id).cloned(),
                Some(LinkTarget::Entity { name }) => layout.entities.get(&name).cloned(),
                Some(LinkTarget::Annotation { source, id }) => {
                    layout.sources.get(&source).map(|p| format!("{p}#{id}"))
                }
                None => None,
            };
            match target {
                Some(t) => {
                    out.push_str(&link(from, Some(&format!("{t}{fragment}")), &label, vault))
                }
                None if vault => out.push_str(&original),
                None => out.push_str(&label),
            }
        }
        out.extend(&chars[at.min(chars.len())..]);
        out
    }

    /// The annotations of one source, or of all, as W3C Web Annotation JSON-LD.
    pub fn export_jsonld(&self, source: Option<&str>) -> Result<Value> {
        let id = source.map(|s| self.source(s).map(|x| x.id)).transpose()?;
        let mut items = Vec::new();
        for a in self.annotations(id.as_deref())? {
            let src = self.source(&a.source)?;
            items.push(to_w3c(
                &a,
                &src.id,
                src.meta.url.as_deref(),
                &self.entities()?,
            ));
        }
        Ok(json!({
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "type": "AnnotationCollection",
            "label": format!("Annotations from the Dossier notebook {}", self.name()),
            "total": items.len(),
            "first": {"type": "AnnotationPage", "items": items},
        }))
    }

    /// Imports W3C Web Annotation JSON-LD (a collection, a page, a list or
    /// one annotation) or Hypothesis's JSON export, re-anchoring each against
    /// the local text. `default_source` is used when a target names no
    /// source the notebook knows.
    pub fn import_annotations(
        &mut self,
        file: &Path,
        default_source: Option<&str>,
    ) -> Result<AnnotationImport> {
        // The index writer first: a busy notebook is reported before anything is written.
        self.index.lock_for_writing()?;
        let raw = std::fs::read_to_string(file).map_err(|e| Error::io(file, e))?;
        let doc: Value = serde_json::from_str(&raw).map_err(|e| Error::BadFile {
            path: file.to_path_buf(),
            reason: format!("not JSON ({e})"),
        })?;
        let items = annotation_items(&doc);
        if items.is_empty() {
            return Err(Error::BadFile {
                path: file.to_path_buf(),
                reason:
                    "no annotations in it (expected W3C Web Annotations or a Hypothesis export)"
                        .into(),
            });
        }
        let sources = self.sources()?;
        let mut urls: HashMap<String, String> = HashMap::new();
        for s in &sources {
            if let Some(u) = self.source(&s.id)?.meta.url {
                urls.insert(u, s.id.clone());
            }
        }
        let default = default_source
            .map(|s| self.source(s).map(|x| x.id))
            .transpose()?;
        let mut report = AnnotationImport::default();
        let mut rows = Vec::new();
        let now = now();
        for item in items {
            let parsed = parse_item(item);
            let Some(p) = parsed else {
                report
                    .skipped
                    .push(("?".into(), "no TextQuoteSelector".into()));
                continue;
            };
            let source = p
                .source
                .as_deref()
                .and_then(|s| {
                    s.strip_prefix("urn:dossier:source:")
                        .map(str::to_string)
                        .or_else(|| urls.get(s).cloned())
                })
                .filter(|id| sources.iter().any(|s| &s.id == id))
                .or_else(|| default.clone());
            let Some(source) = source else {
                report.skipped.push((
                    p.id.clone(),
                    format!(
                        "no source in this notebook for {:?}",
                        p.source.unwrap_or_default()
                    ),
                ));
                continue;
            };
            if self.store.annotation(&p.id)?.is_some() {
                report.existing.push(p.id);
                continue;
            }
            let text = self.source(&source)?.text;
            let placed = anchor::anchor(&CharText::new(&text), &p.selector, None);
            if placed.status == AnchorStatus::Orphan {
                report.orphans.push(p.id.clone());
            }
            let entities = p
                .entities
                .iter()
                .filter_map(|n| self.find_entity(n).ok().map(|e| e.id))
                .collect();
            report.imported.push(p.id.clone());
            rows.push(AnnotationRow {
                id: p.id,
                source_id: source.clone(),
                version_id: self.store.current_version(&source)?,
                exact: p.selector.exact,
                prefix: p.selector.prefix,
                suffix: p.selector.suffix,
                start: placed.start,
                end: placed.end,
                status: placed.status.as_str().into(),
                score: Some((f64::from(placed.score) * 1000.0).round() / 1000.0),
                color: "yellow".into(),
                comment: p.comment,
                tags: p.tags,
                entities,
                created_at: p.created.unwrap_or_else(|| now.clone()),
                updated_at: now.clone(),
                indexed_hash: None,
            });
        }
        self.store.transaction(|tx| {
            for r in &rows {
                tx.insert_annotation(r, false)?;
            }
            Ok(())
        })?;
        self.index_pending()?;
        Ok(report)
    }
}

fn to_w3c(a: &Annotation, source: &str, url: Option<&str>, entities: &[crate::Entity]) -> Value {
    let mut body = Vec::new();
    if !a.comment.is_empty() {
        body.push(json!({"type": "TextualBody", "value": a.comment, "format": "text/markdown", "purpose": "commenting"}));
    }
    for t in &a.tags {
        body.push(json!({"type": "TextualBody", "value": t, "purpose": "tagging"}));
    }
    for name in &a.entities {
        let e = entities.iter().find(|e| &e.name == name);
        let id = match e.and_then(|e| e.external_id.as_deref()) {
            Some(q) => format!("http://www.wikidata.org/entity/{q}"),
            None => format!("urn:dossier:entity:{}", slug(name)),
        };
        body.push(json!({"type": "SpecificResource", "purpose": "identifying", "source": id, "value": name}));
    }
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": format!("urn:dossier:annotation:{}", a.id),
        "type": "Annotation",
        "created": a.created,
        "modified": a.updated,
        "body": body,
        "target": {
            "source": url.map(str::to_string).unwrap_or_else(|| format!("urn:dossier:source:{source}")),
            "selector": [
                {"type": "TextQuoteSelector", "exact": a.exact, "prefix": a.prefix, "suffix": a.suffix},
                {"type": "TextPositionSelector", "start": a.start, "end": a.end},
            ],
        },
    })
}

struct Parsed {
    id: String,
    source: Option<String>,
    selector: Selector,
    comment: String,
    tags: Vec<String>,
    entities: Vec<String>,
    created: Option<String>,
}

fn annotation_items(doc: &Value) -> Vec<&Value> {
    if let Some(items) = doc
        .get("first")
        .and_then(|f| f.get("items"))
        .and_then(Value::as_array)
    {
        return items.iter().collect();
    }
    for key in ["items", "rows"] {
        if let Some(items) = doc.get(key).and_then(Value::as_array) {
            return items.iter().collect();
        }
    }
    match doc {
        Value::Array(items) => items.iter().collect(),
        Value::Object(_) if doc.get("target").is_some() => vec![doc],
        _ => Vec::new(),
    }
}

/// One annotation in W3C or Hypothesis form.
fn parse_item(v: &Value) -> Option<Parsed> {
    let target = match v.get("target")? {
        Value::Array(t) => t.first()?,
        t => t,
    };
    let selectors: Vec<&Value> = match target.get("selector")? {
        Value::Array(s) => s.iter().collect(),
        s => vec![s],
    };
    let quote = selectors
        .iter()
        .find(|s| s.get("type").and_then(Value::as_str) == Some("TextQuoteSelector"))?;
    let position = selectors
        .iter()
        .find(|s| s.get("type").and_then(Value::as_str) == Some("TextPositionSelector"));
    let s = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let exact = s(quote, "exact");
    if exact.is_empty() {
        return None;
    }
    let start = position
        .and_then(|p| p.get("start"))
        .and_then(Value::as_u64)
        .unwrap_or(0) as usize;
    let end = position
        .and_then(|p| p.get("end"))
        .and_then(Value::as_u64)
        .map(|e| e as usize)
        .unwrap_or(start + exact.chars().count());
    let raw_id = s(v, "id");
    let id = raw_id
        .strip_prefix("urn:dossier:annotation:")
        .map(str::to_string)
        .unwrap_or_else(|| {
            if raw_id.is_empty() {
                format!("a-{}", &text::hash(&format!("{exact}{start}"))[..12])
            } else {
                format!("a-{}", &text::hash(&raw_id)[..12])
            }
        });
    let mut comment = s(v, "text"); // Hypothesis
    let mut tags: Vec<String> = v
        .get("tags")
        .and_then(Value::as_array)
        .map(|t| {
            t.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    let mut entities = Vec::new();
    let bodies: Vec<&Value> = match v.get("body") {
        Some(Value::Array(b)) => b.iter().collect(),
        Some(b @ Value::Object(_)) => vec![b],
        _ => Vec::new(),
    };
    for b in bodies {
        match b.get("purpose").and_then(Value::as_str) {
            Some("tagging") => tags.push(s(b, "value")),
            Some("identifying" | "classifying") => entities.push(s(b, "value")),
            _ if b.get("type").and_then(Value::as_str) == Some("TextualBody") => {
                comment = s(b, "value")
            }
            _ => {}
        }
    }
    let source = target
        .get("source")
        .and_then(Value::as_str)
        .or_else(|| v.get("uri").and_then(Value::as_str))
        .map(str::to_string);
    Some(Parsed {
        id,
        source,
        selector: Selector {
            exact,
            prefix: s(quote, "prefix"),
            suffix: s(quote, "suffix"),
            start,
            end,
        },
        comment,
        tags: tags
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .map(|t| t.trim().replace(' ', "-"))
            .collect(),
        entities,
        created: v.get("created").and_then(Value::as_str).map(str::to_string),
    })
}

fn render_template(source: &str, name: &str, ctx: Value) -> Result<String> {
    let env = minijinja::Environment::new();
    let t = env
        .template_from_str(source)
        .map_err(|e| Error::BadInput(format!("the {name} template does not parse: {e}")))?;
    t.render(ctx)
        .map_err(|e| Error::BadInput(format!("the {name} template failed: {e}")))
}

/// A link from the file `from` to the file `to` (both relative to the export root).
fn link(from: &str, to: Option<&str>, label: &str, vault: bool) -> String {
    let Some(to) = to else {
        return label.to_string();
    };
    if vault {
        let (path, frag) = to
            .split_once('#')
            .map(|(p, f)| (p, format!("#^{f}")))
            .unwrap_or((to, String::new()));
        let frag = if frag.starts_with("#^") && !to.starts_with("sources/") {
            frag.replacen("#^", "#", 1)
        } else {
            frag
        };
        return format!("[[{}{frag}|{label}]]", path.trim_end_matches(".md"));
    }
    let depth = from.matches('/').count();
    let rel = format!("{}{to}", "../".repeat(depth));
    format!("[{}](<{rel}>)", label.replace(['[', ']'], ""))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Writes the files, never over a file the user changed since the last export.
fn write_export(out: &Path, files: &[(String, String)]) -> Result<ExportReport> {
    std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
    let manifest_path = out.join(MANIFEST);
    let mut manifest: BTreeMap<String, String> = std::fs::read_to_string(&manifest_path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default();
    let mut report = ExportReport::default();
    for (rel, contents) in files {
        let path = out.join(rel);
        let new_hash = text::hash(contents);
        let mut target = rel.clone();
        if let Ok(current) = std::fs::read_to_string(&path) {
            let cur_hash = text::hash(&current);
            if cur_hash == new_hash {
                manifest.insert(rel.clone(), new_hash);
                report.unchanged.push(rel.clone());
                continue;
            }
            if manifest.get(rel) != Some(&cur_hash) {
                // Changed by the user (or not ours): keep it, write beside it.
                let beside = format!("{} (exported).md", rel.trim_end_matches(".md"));
                report.kept.push((rel.clone(), beside.clone()));
                target = beside;
            }
        }
        text::write_atomic(&out.join(&target), contents.as_bytes())?;
        if target == *rel {
            manifest.insert(rel.clone(), new_hash);
        }
        report.written.push(target);
    }
    let json =
        serde_json::to_string_pretty(&manifest).map_err(|e| Error::BadInput(e.to_string()))?;
    text::write_atomic(&manifest_path, json.as_bytes())?;
    Ok(report)
}
