//! Writing notes: create, save (atomically, noticing edits made on disk by
//! another program), rename (updating the links that point to the note),
//! delete (to the notebook's trash, never lost), render, and backlinks.

use std::path::Path;

use crate::error::{Error, Result};
use crate::gazetteer::normalise_name;
use crate::notebook::{now, relative_path, Note, Notebook, SOURCES_DIR, STATE_DIR};
use crate::notes;
use crate::render::{self, Embed, LinkTarget, Rendered, Resolver};
use crate::store::NoteRow;
use crate::text;

/// What saving a note did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Saved {
    pub path: String,
    /// The hash of the text now on disk: give it back with the next save.
    pub hash: String,
    /// When the file had changed on disk since it was loaded: where this
    /// save's text was kept instead (the other program's text stays in place).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conflict: Option<String>,
}

/// Notes that point to a target, and notes that name it without a link.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Backlinks {
    pub target: String,
    pub linked: Vec<BacklinkHit>,
    pub unlinked: Vec<BacklinkHit>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BacklinkHit {
    pub path: String,
    pub title: String,
    /// Character offsets in the note's file.
    pub start: usize,
    pub end: usize,
    /// The words before the mention, as plain text (Markdown taken off).
    pub before: String,
    /// The mention as plain text.
    pub text: String,
    /// The words after it.
    pub after: String,
}

const TRASH: &str = "trash";

impl Notebook {
    /// Creates a note named after its title; refuses a name that exists.
    pub fn new_note(&mut self, title: &str) -> Result<Note> {
        let title = title.trim();
        if title.is_empty() {
            return Err(Error::BadInput("a note needs a title".into()));
        }
        let path = note_path_for(title)?;
        let body = format!("# {title}\n\n");
        self.write_new_note(&path, &body)
    }

    /// Creates a note about a source, named after its title: it starts with
    /// the title as a heading and a link to the source.
    pub fn new_note_about(&mut self, title: &str, source: &str) -> Result<Note> {
        let title = title.trim();
        if title.is_empty() {
            return Err(Error::BadInput("a note needs a title".into()));
        }
        let src = self.source(source)?;
        let label: String = src
            .meta
            .title
            .chars()
            .map(|c| if matches!(c, '[' | ']' | '|') { ' ' } else { c })
            .collect();
        let body = format!("# {title}\n\nOn [[{}|{}]].\n\n", src.id, label.trim());
        let path = note_path_for(title)?;
        self.write_new_note(&path, &body)
    }

    /// Creates a note at a path (relative to the notebook, `.md` added).
    pub fn create_note_at(&mut self, path: &str, body: &str) -> Result<Note> {
        let path = checked_note_path(path)?;
        self.write_new_note(&path, body)
    }

    fn write_new_note(&mut self, path: &str, body: &str) -> Result<Note> {
        // The index writer first: a busy notebook is reported before anything is written.
        self.index.lock_for_writing()?;
        let abs = self.root().join(path);
        if abs.exists() || self.store.note(path)?.is_some() {
            return Err(Error::BadInput(format!(
                "a note named {path:?} exists already; choose another title"
            )));
        }
        text::write_atomic(&abs, body.as_bytes())?;
        self.note_written(path, body)?;
        self.note(path)
    }

    /// Saves a note's text. `expected` is the hash of the text the editor
    /// loaded: if the file changed on disk since, neither text is lost — the
    /// file keeps the other program's text and this one goes to a conflict
    /// copy beside it.
    pub fn save_note(&mut self, path: &str, body: &str, expected: Option<&str>) -> Result<Saved> {
        // The index writer first: a busy notebook is reported before anything is written.
        self.index.lock_for_writing()?;
        let path = checked_note_path(path)?;
        let abs = self.root().join(&path);
        if let (Some(expected), Ok(current)) = (expected, std::fs::read_to_string(&abs)) {
            let current = current.replace("\r\n", "\n");
            let on_disk = text::hash(&current);
            if on_disk != expected && current != body {
                let stem = path.trim_end_matches(".md");
                let stamp = now().replace([':', '.'], "-");
                let copy = format!("{stem} (conflict {stamp}).md");
                text::write_atomic(&self.root().join(&copy), body.as_bytes())?;
                self.note_written(&copy, body)?;
                self.note_written(&path, &current)?;
                return Ok(Saved {
                    path,
                    hash: on_disk,
                    conflict: Some(copy),
                });
            }
        }
        text::write_atomic(&abs, body.as_bytes())?;
        self.note_written(&path, body)?;
        Ok(Saved {
            path,
            hash: text::hash(body),
            conflict: None,
        })
    }

    /// Takes in a note's file as it is on disk now, for an editor that has
    /// it open: `None` when the store already has that text, else the note as
    /// the file now has it (store and index updated, so search finds it).
    /// A file that can no longer be read as a note is an error naming why.
    pub fn reload_note(&mut self, path: &str) -> Result<Option<Note>> {
        let path = self.note(path)?.path;
        let abs = self.root().join(&path);
        if !abs.is_file() {
            return Err(Error::NotFound {
                what: "note file",
                id: path,
            });
        }
        let body = crate::notebook::read_text_file(&abs)
            .map_err(|why| Error::BadInput(format!("{path}: {why}")))?;
        if text::hash(&body) == self.note_hash(&path)? {
            return Ok(None);
        }
        self.note_written(&path, &body)?;
        self.note(&path).map(Some)
    }

    /// The hash of a note's text as the store has it (for `save_note`).
    pub fn note_hash(&self, path: &str) -> Result<String> {
        let rel = relative_path(path)?;
        self.store
            .note(&rel)?
            .map(|n| n.hash)
            .ok_or_else(|| Error::NotFound {
                what: "note",
                id: path.to_string(),
            })
    }

    /// Records a note written by the app in the store and the index (one commit).
    fn note_written(&mut self, path: &str, body: &str) -> Result<()> {
        let stem = path
            .rsplit('/')
            .next()
            .unwrap_or(path)
            .trim_end_matches(".md")
            .to_string();
        let parsed = notes::parse(body, &stem);
        let row = NoteRow {
            path: path.to_string(),
            title: parsed.title,
            hash: text::hash(body),
            body: body.to_string(),
            file_stamp: Some(crate::notebook::file_stamp(&self.root().join(path))),
            indexed_hash: None,
        };
        let now = now();
        self.store
            .transaction(|tx| tx.upsert_note(&row, &parsed.links, &now))?;
        // Mentions first: the note's index documents carry its entities.
        self.update_mentions_of(Some(("note", path)))?;
        self.index_pending()
    }

    /// Renames (moves) a note and rewrites the wiki links that point to it.
    /// Returns the notes whose links were updated.
    pub fn rename_note(&mut self, old: &str, new: &str) -> Result<Vec<String>> {
        // The index writer first: a busy notebook is reported before anything is written.
        self.index.lock_for_writing()?;
        let old = checked_note_path(old)?;
        let new = checked_note_path(new)?;
        let note = self.note(&old)?;
        let (old_abs, new_abs) = (self.root().join(&old), self.root().join(&new));
        if new_abs.exists() || self.store.note(&new)?.is_some() {
            return Err(Error::BadInput(format!(
                "a note named {new:?} exists already; nothing was renamed"
            )));
        }
        if let Some(dir) = new_abs.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::rename(&old_abs, &new_abs).map_err(|e| Error::io(&old_abs, e))?;
        let old_names = [
            stem_of(&old),
            old.trim_end_matches(".md").to_string(),
            note.title.clone(),
        ];
        let new_name = new.trim_end_matches(".md").to_string();
        let mut updated = Vec::new();
        for other in self.store.notes()? {
            if other.path == old {
                continue;
            }
            let links = self.store.note_links(&other.path)?;
            let hits: Vec<_> = links
                .iter()
                .filter(|l| {
                    let base = l.target.split('#').next().unwrap_or(&l.target);
                    old_names
                        .iter()
                        .any(|n| n.eq_ignore_ascii_case(base.trim()))
                })
                .collect();
            if hits.is_empty() {
                continue;
            }
            let mut chars: Vec<char> = other.body.chars().collect();
            for l in hits.iter().rev() {
                let rest = l.target.find('#').map(|i| &l.target[i..]).unwrap_or("");
                let label = match &l.label {
                    Some(lb) => format!("|{lb}"),
                    None => String::new(),
                };
                // The span is the `[[…]]`; an embed's `!` stays before it.
                let replacement = format!("[[{new_name}{rest}{label}]]");
                chars.splice(l.start..l.end, replacement.chars());
            }
            let body: String = chars.into_iter().collect();
            text::write_atomic(&self.root().join(&other.path), body.as_bytes())?;
            self.note_written(&other.path, &body)?;
            updated.push(other.path);
        }
        self.store.transaction(|tx| tx.delete_note(&old))?;
        self.index.remove(&format!("note:{old}"))?;
        self.index.commit()?;
        let body = std::fs::read_to_string(&new_abs).map_err(|e| Error::io(&new_abs, e))?;
        self.note_written(&new, &body)?;
        Ok(updated)
    }

    /// Deletes a note: the file moves to `.dossier/trash/`, where it can be recovered.
    pub fn delete_note(&mut self, path: &str) -> Result<String> {
        // The index writer first: a busy notebook is reported before anything is written.
        self.index.lock_for_writing()?;
        let path = checked_note_path(path)?;
        self.note(&path)?;
        let abs = self.root().join(&path);
        let trash = self.root().join(STATE_DIR).join(TRASH);
        std::fs::create_dir_all(&trash).map_err(|e| Error::io(&trash, e))?;
        let kept = trash.join(format!(
            "{}-{}",
            now().replace([':', '.'], "-"),
            path.replace('/', "__")
        ));
        std::fs::rename(&abs, &kept).map_err(|e| Error::io(&abs, e))?;
        self.store.transaction(|tx| tx.delete_note(&path))?;
        self.index.remove(&format!("note:{path}"))?;
        self.index.commit()?;
        Ok(kept
            .strip_prefix(self.root())
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default())
    }

    /// Renders a note to sanitised HTML with its wiki links resolved.
    pub fn render_note(&self, path: &str) -> Result<Rendered> {
        let note = self.note(path)?;
        Ok(self.render_markdown(&note.body))
    }

    /// Renders any Markdown of this notebook (a note being edited, a comment).
    pub fn render_markdown(&self, markdown: &str) -> Rendered {
        render::render(markdown, &Links::new(self))
    }

    /// Notes that link to `target` (a note, a source or an entity), and
    /// notes that name it without a link.
    pub fn backlinks(&self, target: &str) -> Result<Backlinks> {
        let (names, own_path) = self.names_of(target)?;
        let keys: Vec<String> = names.iter().map(|n| normalise_name(n)).collect();
        let mut linked = Vec::new();
        let mut unlinked = Vec::new();
        for n in self.store.notes()? {
            if Some(&n.path) == own_path.as_ref() {
                continue;
            }
            let links = self.store.note_links(&n.path)?;
            let plain = std::cell::OnceCell::new();
            let hit = |start: usize, end: usize| {
                let plain = plain.get_or_init(|| dossier_text::plain::plain_text(&n.body));
                hit(&n, plain, start, end)
            };
            for l in &links {
                let base = l.target.split('#').next().unwrap_or(&l.target);
                if keys.contains(&normalise_name(base)) {
                    linked.push(hit(l.start, l.end));
                }
            }
            // Unlinked: a name in the text, outside any link and the front matter.
            let (yaml, _) = text::split_front_matter(&n.body);
            let body_from = yaml.map(|y| y.chars().count() + 8).unwrap_or(0);
            let lower = n.body.to_lowercase();
            for name in &names {
                if name.chars().count() < 3 {
                    continue;
                }
                let needle = name.to_lowercase();
                let lct = crate::anchor::CharText::new(&lower);
                for at in lct.find_all(&needle) {
                    let end = at + needle.chars().count();
                    let inside_link = links.iter().any(|l| l.start <= at && end <= l.end);
                    let word_edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
                    let before = at.checked_sub(1).and_then(|i| lower.chars().nth(i));
                    let after = lower.chars().nth(end);
                    if !inside_link && at >= body_from && word_edge(before) && word_edge(after) {
                        unlinked.push(hit(at, end));
                    }
                }
            }
        }
        // Longest first at each place; a hit inside a longer one goes.
        unlinked.sort_by(|a, b| {
            (a.path.as_str(), a.start, std::cmp::Reverse(a.end)).cmp(&(
                b.path.as_str(),
                b.start,
                std::cmp::Reverse(b.end),
            ))
        });
        let mut kept: Vec<BacklinkHit> = Vec::new();
        for h in unlinked {
            if !kept
                .iter()
                .any(|k| k.path == h.path && k.start <= h.start && h.end <= k.end)
            {
                kept.push(h);
            }
        }
        let unlinked = kept;
        Ok(Backlinks {
            target: target.to_string(),
            linked,
            unlinked,
        })
    }

    /// Turns an unlinked mention into a wiki link (one click in the app).
    pub fn link_mention(
        &mut self,
        path: &str,
        start: usize,
        end: usize,
        target: &str,
    ) -> Result<Saved> {
        // The index writer first: a busy notebook is reported before anything is written.
        self.index.lock_for_writing()?;
        let note = self.note(path)?;
        let chars: Vec<char> = note.body.chars().collect();
        if start >= end || end > chars.len() {
            return Err(Error::BadInput(format!(
                "{start}..{end} is not inside the note"
            )));
        }
        let shown: String = chars[start..end].iter().collect();
        let link = if normalise_name(&shown) == normalise_name(target) {
            format!("[[{shown}]]")
        } else {
            format!("[[{target}|{shown}]]")
        };
        let body: String = chars[..start].iter().collect::<String>()
            + &link
            + &chars[end..].iter().collect::<String>();
        let hash = self.note_hash(path)?;
        self.save_note(path, &body, Some(&hash))
    }

    /// The names a target goes by, and its note path if it is a note.
    fn names_of(&self, target: &str) -> Result<(Vec<String>, Option<String>)> {
        if let Some(t) = self.resolve(target) {
            return Ok(match t {
                LinkTarget::Note { path } => {
                    let title = self.store.note(&path)?.map(|n| n.title).unwrap_or_default();
                    (
                        vec![
                            stem_of(&path),
                            path.trim_end_matches(".md").to_string(),
                            title,
                        ],
                        Some(path),
                    )
                }
                LinkTarget::Source { id } => {
                    let title = self.store.source(&id)?.map(|s| s.title).unwrap_or_default();
                    (vec![id, title], None)
                }
                LinkTarget::Entity { name } => {
                    let e = self.find_entity(&name)?;
                    (std::iter::once(e.name).chain(e.aliases).collect(), None)
                }
                LinkTarget::Annotation { id, .. } => (vec![id], None),
            });
        }
        Err(Error::NotFound {
            what: "note, source or entity",
            id: target.to_string(),
        })
    }
}

impl Resolver for Notebook {
    fn resolve(&self, target: &str) -> Option<LinkTarget> {
        Links::new(self).resolve(target)
    }

    fn embed(&self, source: &str, annotation: &str) -> Option<Embed> {
        Links::new(self).embed(source, annotation)
    }
}

/// The links of one rendering: the names of notes, sources and entities
/// are read from the store once, and each target, source and embed is
/// looked up once however often the text names it. (Resolving each link
/// on its own read every note's body for every link.)
pub(crate) struct Links<'a> {
    nb: &'a Notebook,
    names: std::cell::OnceCell<Names>,
    resolved: std::cell::RefCell<std::collections::HashMap<String, Option<LinkTarget>>>,
    sources:
        std::cell::RefCell<std::collections::HashMap<String, Option<std::rc::Rc<LoadedSource>>>>,
}

#[derive(Default)]
struct Names {
    /// (path, title) of every note.
    notes: Vec<(String, String)>,
    /// (id, title) of every source.
    sources: Vec<(String, String)>,
    /// Every entity name and alias, as given and normalised → the canonical name.
    entities: std::collections::HashMap<String, String>,
    entities_normalised: std::collections::HashMap<String, String>,
}

struct LoadedSource {
    source: crate::notebook::Source,
    /// Byte offset of each char, and the length at the end.
    bytes: Vec<u32>,
}

impl<'a> Links<'a> {
    pub(crate) fn new(nb: &'a Notebook) -> Links<'a> {
        Links {
            nb,
            names: std::cell::OnceCell::new(),
            resolved: Default::default(),
            sources: Default::default(),
        }
    }

    fn names(&self) -> &Names {
        self.names.get_or_init(|| {
            let mut n = Names {
                notes: self.nb.store.note_names().unwrap_or_default(),
                sources: self
                    .nb
                    .store
                    .sources()
                    .map(|rows| rows.into_iter().map(|r| (r.id, r.title)).collect())
                    .unwrap_or_default(),
                ..Names::default()
            };
            for e in self.nb.store.entities().unwrap_or_default() {
                for name in std::iter::once(&e.name).chain(&e.aliases) {
                    n.entities
                        .entry(name.clone())
                        .or_insert_with(|| e.name.clone());
                    n.entities_normalised
                        .entry(normalise_name(name))
                        .or_insert_with(|| e.name.clone());
                }
            }
            n
        })
    }

    fn source(&self, id: &str) -> Option<std::rc::Rc<LoadedSource>> {
        if let Some(s) = self.sources.borrow().get(id) {
            return s.clone();
        }
        let loaded = self.nb.source(id).ok().map(|source| {
            let mut bytes: Vec<u32> = source.text.char_indices().map(|(b, _)| b as u32).collect();
            bytes.push(source.text.len() as u32);
            std::rc::Rc::new(LoadedSource { source, bytes })
        });
        self.sources
            .borrow_mut()
            .insert(id.to_string(), loaded.clone());
        loaded
    }

    fn find(&self, target: &str) -> Option<LinkTarget> {
        let base = target.split('#').next().unwrap_or(target).trim();
        if base.is_empty() {
            return None;
        }
        let names = self.names();
        let want = base.trim_end_matches(".md");
        if let Some((path, _)) = names.notes.iter().find(|(path, title)| {
            path.trim_end_matches(".md").eq_ignore_ascii_case(want)
                || stem_of(path).eq_ignore_ascii_case(want)
                || title.eq_ignore_ascii_case(want)
        }) {
            return Some(LinkTarget::Note { path: path.clone() });
        }
        let sid = base
            .strip_prefix(&format!("{SOURCES_DIR}/"))
            .unwrap_or(base)
            .trim_end_matches(".md");
        if let Some((id, _)) = names
            .sources
            .iter()
            .find(|(id, title)| id == sid || title.eq_ignore_ascii_case(base))
        {
            return Some(LinkTarget::Source { id: id.clone() });
        }
        if let Some(name) = names
            .entities
            .get(base)
            .or_else(|| names.entities_normalised.get(&normalise_name(base)))
        {
            return Some(LinkTarget::Entity { name: name.clone() });
        }
        // An entity may also be named by its id.
        base.parse::<i64>()
            .ok()
            .and_then(|_| self.nb.find_entity(base).ok())
            .map(|e| LinkTarget::Entity { name: e.name })
    }
}

impl Resolver for Links<'_> {
    fn resolve(&self, target: &str) -> Option<LinkTarget> {
        if let Some(r) = self.resolved.borrow().get(target) {
            return r.clone();
        }
        let r = self.find(target);
        self.resolved
            .borrow_mut()
            .insert(target.to_string(), r.clone());
        r
    }

    fn embed(&self, source: &str, annotation: &str) -> Option<Embed> {
        let a = self.nb.annotation(annotation).ok()?;
        let loaded = self.source(&a.source)?;
        let src = &loaded.source;
        let wanted = match self.resolve(source) {
            Some(LinkTarget::Source { id }) => id,
            _ => source.to_string(),
        };
        if src.id != wanted {
            return None;
        }
        let mut citation = src.meta.title.clone();
        for part in [&src.meta.outlet, &src.meta.published]
            .into_iter()
            .flatten()
        {
            citation.push_str(", ");
            citation.push_str(part);
        }
        let para = src
            .passages
            .iter()
            .position(|p| p.start <= a.start && a.start < p.end);
        if let Some(p) = para {
            citation.push_str(&format!(", ¶{}", p + 1));
        }
        let quote = if a.status == crate::AnchorStatus::Orphan {
            a.exact.clone()
        } else {
            let n = loaded.bytes.len() - 1;
            let (s, e) = (a.start.min(n), a.end.min(n).max(a.start.min(n)));
            src.text[loaded.bytes[s] as usize..loaded.bytes[e] as usize].to_string()
        };
        Some(Embed {
            source: src.id.clone(),
            annotation: a.id,
            quote,
            citation,
        })
    }
}

fn hit(
    n: &NoteRow,
    plain: &dossier_text::plain::PlainText,
    start: usize,
    end: usize,
) -> BacklinkHit {
    let c = plain.context(start, end, crate::entities::CONTEXT_CHARS);
    BacklinkHit {
        path: n.path.clone(),
        title: n.title.clone(),
        start,
        end,
        before: c.before,
        text: c.text,
        after: c.after,
    }
}

fn stem_of(path: &str) -> String {
    path.rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".md")
        .to_string()
}

/// A note file name from a title: readable, safe on every file system.
pub fn note_path_for(title: &str) -> Result<String> {
    let mut name: String = title
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '#' | '^' | '[' | ']' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    name = name.trim().trim_start_matches('.').trim().to_string();
    if name.chars().count() > 120 {
        name = name
            .chars()
            .take(120)
            .collect::<String>()
            .trim()
            .to_string();
    }
    if name.is_empty() {
        return Err(Error::BadInput(format!(
            "the title {title:?} leaves no usable file name"
        )));
    }
    checked_note_path(&format!("{name}.md"))
}

/// A note path from the user: relative, inside the notebook, not in
/// `sources/` or `.dossier/`, ending in `.md`.
pub fn checked_note_path(path: &str) -> Result<String> {
    let p = path.trim();
    if p.is_empty() {
        return Err(Error::BadInput("a note needs a name".into()));
    }
    if Path::new(p).is_absolute() {
        return Err(Error::BadInput(format!(
            "{p:?} is an absolute path; a note's name is relative to the notebook folder"
        )));
    }
    let rel = relative_path(p)?;
    let rel = if rel.ends_with(".md") {
        rel
    } else {
        format!("{rel}.md")
    };
    let first = rel.split('/').next().unwrap_or("");
    if first == SOURCES_DIR || first.starts_with('.') || rel.split('/').any(|s| s.starts_with('.'))
    {
        return Err(Error::BadInput(format!(
            "{rel:?}: notes may not live in sources/ or in hidden folders"
        )));
    }
    Ok(rel)
}
