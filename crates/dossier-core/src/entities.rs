//! Entities: people, organisations, places, events, dates and others, with
//! aliases, found in every source and note by the [`Gazetteer`], linked to
//! annotations, and searchable with `entity:"NAME"`.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::annotations::Annotation;
use crate::error::{Error, Result};
use crate::gazetteer::{normalise_name, Gazetteer, Name};
use crate::notebook::{now, NoteSummary, Notebook};
use crate::notes;
use crate::store::{EntityRow, MentionRow};
use crate::text;

/// The kinds of entity, in the order the app lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organisation,
    Place,
    Event,
    Date,
    Other,
}

impl EntityKind {
    /// Every kind, in the order the app lists them.
    pub const ALL: [EntityKind; 6] = [
        EntityKind::Person,
        EntityKind::Organisation,
        EntityKind::Place,
        EntityKind::Event,
        EntityKind::Date,
        EntityKind::Other,
    ];

    /// The kind's name as stored and shown (`person`, `organisation`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Place => "place",
            EntityKind::Event => "event",
            EntityKind::Date => "date",
            EntityKind::Other => "other",
        }
    }

    /// A kind from what a person typed: any case, and the American
    /// "organization" (or "org") for organisation. An unknown kind is a
    /// `BadInput` error that lists the kinds.
    pub fn parse(s: &str) -> Result<EntityKind> {
        let lower = s.trim().to_lowercase();
        let lower = match lower.as_str() {
            "organization" | "org" => "organisation",
            other => other,
        };
        EntityKind::ALL
            .into_iter()
            .find(|k| k.as_str() == lower)
            .ok_or_else(|| {
                Error::BadInput(format!(
                    "unknown kind {:?} (kinds: {})",
                    s.trim(),
                    EntityKind::ALL.map(EntityKind::as_str).join(", ")
                ))
            })
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An entity as callers see it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Entity {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// How many mentions of it the notebook has.
    pub mentions: usize,
}

/// A new entity.
#[derive(Debug, Clone, Default, serde::Deserialize)]
pub struct NewEntity {
    pub name: String,
    pub kind: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub external_id: Option<String>,
}

/// A change to an entity; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct EntityEdit {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub add_aliases: Vec<String>,
    pub remove_aliases: Vec<String>,
    pub description: Option<String>,
    pub external_id: Option<String>,
}

/// One mention, with its context (keyword in context).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Mention {
    /// "source" or "note".
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Title of the source or note.
    pub title: String,
    /// Passage (source) or section (note) ordinal.
    pub part: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub before: String,
    pub after: String,
}

/// Everything the notebook knows of one entity.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EntityPage {
    #[serde(flatten)]
    pub entity: Entity,
    pub mentions: Vec<Mention>,
    pub annotations: Vec<Annotation>,
    /// Notes that link to it with a wiki link under any of its names.
    pub notes: Vec<NoteSummary>,
    /// Entities named in the same passages, with the number of passages.
    pub cooccurring: Vec<(String, usize)>,
    /// What it said: the quotes whose speaker it is, in source and reading order.
    pub quotes: Vec<crate::QuoteHit>,
}

/// A mention in one source's text, for drawing it in a reader.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SourceMention {
    /// The entity's canonical name and kind.
    pub entity: String,
    pub kind: String,
    /// Where the words stand in the source's current text (characters).
    pub start: usize,
    pub end: usize,
    /// The words as written.
    pub text: String,
}

/// How many characters of context a mention shows on each side.
pub(crate) const CONTEXT_CHARS: usize = 60;

impl Notebook {
    /// Every entity, by name.
    pub fn entities(&self) -> Result<Vec<Entity>> {
        Ok(self.store.entities()?.into_iter().map(to_entity).collect())
    }

    /// The entity with this name or alias (spelling variants folded).
    pub fn entity(&self, name: &str) -> Result<Entity> {
        self.find_entity(name).map(to_entity)
    }

    pub(crate) fn find_entity(&self, name: &str) -> Result<EntityRow> {
        pick_entity(self.store.entities()?, name)
    }
}

/// The entity of `all` with this id, name or alias (spelling variants folded).
fn pick_entity(mut all: Vec<EntityRow>, name: &str) -> Result<EntityRow> {
    if let Ok(id) = name.parse::<i64>() {
        if let Some(e) = all.iter().find(|e| e.id == id) {
            return Ok(e.clone());
        }
    }
    // The name as written first: folding every name is the costly part.
    let exact = |e: &EntityRow| e.name == name || e.aliases.iter().any(|a| a == name);
    if let Some(i) = all.iter().position(exact) {
        return Ok(all.swap_remove(i));
    }
    let key = normalise_name(name);
    all.into_iter()
        .find(|e| {
            normalise_name(&e.name) == key || e.aliases.iter().any(|a| normalise_name(a) == key)
        })
        .ok_or_else(|| Error::NotFound {
            what: "entity",
            id: name.to_string(),
        })
}

impl Notebook {
    /// Adds an entity.
    pub fn add_entity(&mut self, new: NewEntity) -> Result<Entity> {
        // The index writer first: a busy notebook is reported before anything is written.
        self.index.lock_for_writing()?;
        let row = self.validated(
            None,
            new.name,
            new.kind,
            new.aliases,
            new.description,
            new.external_id,
        )?;
        let now = now();
        let id = self
            .store
            .transaction(|tx| tx.insert_entity(&row, &now, false))?
            .ok_or_else(|| {
                Error::BadInput(format!("an entity named {:?} exists already", row.name))
            })?;
        self.update_mentions()?;
        self.index_pending()?;
        self.entity(&id.to_string())
    }

    /// Renames an entity, changes its kind, aliases, description or external id.
    pub fn edit_entity(&mut self, name: &str, edit: EntityEdit) -> Result<Entity> {
        // The index writer first: a busy notebook is reported before anything is written.
        self.index.lock_for_writing()?;
        let cur = self.find_entity(name)?;
        let mut aliases: Vec<String> = cur
            .aliases
            .iter()
            .filter(|a| !edit.remove_aliases.iter().any(|r| r == *a))
            .cloned()
            .collect();
        aliases.extend(edit.add_aliases);
        let row = self.validated(
            Some(cur.id),
            edit.name.unwrap_or(cur.name),
            edit.kind.unwrap_or(cur.kind),
            aliases,
            edit.description.or(cur.description),
            edit.external_id.or(cur.external_id),
        )?;
        let now = now();
        self.store.transaction(|tx| tx.update_entity(&row, &now))?;
        self.update_mentions()?;
        self.index_pending()?;
        self.entity(&cur.id.to_string())
    }

    /// Deletes an entity; its mentions and links go with it.
    pub fn delete_entity(&mut self, name: &str) -> Result<()> {
        // The index writer first: a busy notebook is reported before anything is written.
        self.index.lock_for_writing()?;
        let cur = self.find_entity(name)?;
        self.store.transaction(|tx| tx.delete_entity(cur.id))?;
        self.update_mentions()?;
        self.index_pending()
    }

    /// Merges `other` into `keep`: names united, every link and mention moved.
    pub fn merge_entities(&mut self, keep: &str, other: &str) -> Result<Entity> {
        // The index writer first: a busy notebook is reported before anything is written.
        self.index.lock_for_writing()?;
        let k = self.find_entity(keep)?;
        let o = self.find_entity(other)?;
        if k.id == o.id {
            return Err(Error::BadInput(format!(
                "{keep:?} and {other:?} are the same entity"
            )));
        }
        let mut merged = k.clone();
        for a in std::iter::once(o.name.clone()).chain(o.aliases.iter().cloned()) {
            if a != merged.name && !merged.aliases.contains(&a) {
                merged.aliases.push(a);
            }
        }
        merged.description = merged.description.or(o.description.clone());
        merged.external_id = merged.external_id.or(o.external_id.clone());
        let now = now();
        self.store.transaction(|tx| {
            tx.move_entity_links(o.id, k.id)?;
            tx.delete_entity(o.id)?;
            tx.update_entity(&merged, &now)
        })?;
        self.update_mentions()?;
        self.index_pending()?;
        self.entity(&k.id.to_string())
    }

    /// The entity page: mentions in context, annotations, notes, co-occurring entities.
    pub fn entity_page(&self, name: &str) -> Result<EntityPage> {
        let row = self.find_entity(name)?;
        let mut titles: HashMap<(String, String), String> = HashMap::new();
        for s in self.store.sources()? {
            titles.insert(("source".into(), s.id.clone()), s.title);
        }
        for n in self.store.notes()? {
            titles.insert(("note".into(), n.path.clone()), n.title);
        }
        let mut texts: HashMap<(String, String), dossier_text::plain::PlainText> = HashMap::new();
        let mut mentions = Vec::new();
        for m in self.store.mentions(Some(row.id), None)? {
            let key = (m.target_kind.clone(), m.target.clone());
            if !texts.contains_key(&key) {
                let t = if m.target_kind == "source" {
                    self.store.source_text(&m.target)?.unwrap_or_default()
                } else {
                    self.store
                        .note(&m.target)?
                        .map(|n| n.body)
                        .unwrap_or_default()
                };
                texts.insert(key.clone(), dossier_text::plain::plain_text(&t));
            }
            let c = texts[&key].context(m.start, m.end, CONTEXT_CHARS);
            let (before, after) = (c.before, c.after);
            mentions.push(Mention {
                source: (m.target_kind == "source").then(|| m.target.clone()),
                path: (m.target_kind == "note").then(|| m.target.clone()),
                title: titles.get(&key).cloned().unwrap_or_default(),
                part: m.part,
                start: m.start,
                end: m.end,
                before,
                after,
                text: m.text,
                kind: m.target_kind,
            });
        }
        let mut annotations = Vec::new();
        for id in self.store.annotations_of_entity(row.id)? {
            annotations.push(self.annotation(&id)?);
        }
        annotations.sort_by(|a, b| (a.source.as_str(), a.start).cmp(&(b.source.as_str(), b.start)));
        let names: Vec<String> = std::iter::once(row.name.clone())
            .chain(row.aliases.iter().cloned())
            .map(|n| normalise_name(&n))
            .collect();
        let mut notes_linking = Vec::new();
        for n in self.store.notes()? {
            let links = self.store.note_links(&n.path)?;
            if links
                .iter()
                .any(|l| names.contains(&normalise_name(&l.target)))
            {
                notes_linking.push(NoteSummary {
                    path: n.path,
                    title: n.title,
                });
            }
        }
        Ok(EntityPage {
            quotes: self.quotes(None, Some(&row.name))?,
            cooccurring: self.store.cooccurring(row.id)?,
            entity: to_entity(row),
            mentions,
            annotations,
            notes: notes_linking,
        })
    }

    /// The mentions of known entities in one source, in reading order.
    pub fn source_mentions(&self, source: &str) -> Result<Vec<SourceMention>> {
        let id = self.source(source)?.id;
        let entities: HashMap<i64, EntityRow> = self
            .store
            .entities()?
            .into_iter()
            .map(|e| (e.id, e))
            .collect();
        Ok(self
            .store
            .mentions(None, Some(("source", &id)))?
            .into_iter()
            .filter_map(|m| {
                let e = entities.get(&m.entity_id)?;
                Some(SourceMention {
                    entity: e.name.clone(),
                    kind: e.kind.clone(),
                    start: m.start,
                    end: m.end,
                    text: m.text,
                })
            })
            .collect())
    }

    /// What `entity:NAME` looks for: the entity's id (the term its
    /// passages and sections carry in the index), the annotations linked to
    /// it or covering a mention of it, and its name and aliases. Nothing
    /// here grows with the number of its mentions: the spellings met in
    /// the texts are looked up for the hits shown only ([`Notebook::hit_spellings`]).
    pub(crate) fn entity_doc_ids(&self, name: &str) -> Result<crate::query::EntityMatch> {
        // By id, then by the name or an alias as written (one indexed
        // look-up each), and only then every name folded.
        let exact = match name.parse::<i64>() {
            Ok(id) => self.store.entity_row(id)?,
            Err(_) => None,
        };
        let exact = match exact {
            Some(row) => Some(row),
            None => match self.store.entity_id_named(name)? {
                Some(id) => self.store.entity_row(id)?,
                None => None,
            },
        };
        let row = match exact {
            Some(row) => row,
            None => pick_entity(self.store.entities_unnumbered()?, name)?,
        };
        let annotations = self
            .store
            .annotations_of_entity(row.id)?
            .into_iter()
            .map(|a| format!("a:{a}"))
            .collect();
        Ok(crate::query::EntityMatch {
            id: row.id,
            annotations,
            names: std::iter::once(row.name).chain(row.aliases).collect(),
        })
    }

    /// The names of `entities` as they are written in one hit's text (the
    /// spellings their mentions there were found under), to mark them.
    pub(crate) fn hit_spellings(
        &self,
        hit: &crate::index::Hit,
        entities: &[i64],
    ) -> Result<Vec<String>> {
        use crate::index::HitKind;
        if entities.is_empty() {
            return Ok(Vec::new());
        }
        let (kind, target) = match (hit.kind, &hit.source, &hit.path) {
            (HitKind::Source | HitKind::Annotation | HitKind::Quote, Some(s), _) => ("source", s),
            (HitKind::Note, _, Some(p)) => ("note", p),
            _ => return Ok(Vec::new()),
        };
        let mut out: Vec<String> = self
            .store
            .mentions_in(kind, target)?
            .into_iter()
            .filter(|m| {
                entities.contains(&m.entity_id)
                    && match hit.kind {
                        HitKind::Annotation => {
                            hit.start.is_some_and(|s| s <= m.start)
                                && hit.end.is_some_and(|e| m.end <= e)
                        }
                        _ => hit.passage == Some(m.part),
                    }
            })
            .map(|m| m.text)
            .collect();
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// Finds mentions again where a text or the set of names changed.
    pub(crate) fn update_mentions(&mut self) -> Result<()> {
        self.update_mentions_of(None)
    }

    /// [`Notebook::update_mentions`] for one text only (`kind` "source" or
    /// "note", and its id or path), when only that text changed: a save
    /// then costs one row, not a look at every text of the notebook.
    /// Quotes and dates of sources are recomputed after the mentions, in
    /// the same way (see `derived.rs`).
    /// The index is not updated here: a text whose mentions changed is
    /// marked not indexed, and the caller runs `index_pending` after.
    pub(crate) fn update_mentions_of(&mut self, only: Option<(&str, &str)>) -> Result<()> {
        self.update_mention_rows(only, &InMemory::default())?;
        match only {
            None => self.update_quotes_and_dates(None),
            Some(("source", id)) => self.update_quotes_and_dates(Some(id)),
            Some(_) => Ok(()),
        }
    }

    /// The notebook's entity names (each name and alias) and their hash.
    fn names(&self) -> Result<(Vec<Name>, String)> {
        let entities = self.store.entities()?;
        let mut names = Vec::new();
        for e in &entities {
            names.push(Name {
                entity: e.id,
                text: e.name.clone(),
            });
            for a in &e.aliases {
                names.push(Name {
                    entity: e.id,
                    text: a.clone(),
                });
            }
        }
        let names_hash = text::hash(
            &names
                .iter()
                .map(|n| format!("{}={}", n.entity, n.text))
                .collect::<Vec<_>>()
                .join("\n"),
        );
        Ok((names, names_hash))
    }

    /// The gazetteer of `names` (whose hash is `names_hash`): built once
    /// for a set of names, then shared.
    fn gazetteer_of(&mut self, names: &[Name], names_hash: &str) -> std::sync::Arc<Gazetteer> {
        match &self.gazetteer {
            Some((h, g)) if *h == names_hash => std::sync::Arc::clone(g),
            _ => {
                let g = std::sync::Arc::new(Gazetteer::new(names));
                self.gazetteer = Some((names_hash.to_string(), std::sync::Arc::clone(&g)));
                g
            }
        }
    }

    /// The mention rows of sources just imported (`(content hash, text,
    /// passage bounds)` each), found on their texts in memory on every
    /// core, each with the hash to record; nothing is written (the import
    /// stores them with the sources, in one transaction).
    pub(crate) fn new_sources_mentions(
        &mut self,
        new: &[(&str, &str, &[Bounds])],
    ) -> Result<Vec<(Vec<MentionRow>, String)>> {
        let (names, names_hash) = self.names()?;
        let gazetteer = self.gazetteer_of(&names, &names_hash);
        let texts: Vec<&str> = new
            .iter()
            .map(|(_, t, _)| if gazetteer.is_empty() { "" } else { *t })
            .collect();
        let found = gazetteer.find_many(&texts);
        Ok(new
            .iter()
            .zip(found)
            .map(|((hash, _, ends), found)| {
                let rows = found
                    .into_iter()
                    .filter_map(|f| {
                        let part = ends.partition_point(|p| p.1 <= f.start);
                        (part < ends.len()).then(|| mention_row(f, part))
                    })
                    .collect();
                (rows, text::hash(&format!("{hash}|{names_hash}")))
            })
            .collect())
    }

    /// The mention rows of every stale text (or of `only`); the texts of
    /// `texts` (sources just imported) are not read back from the store nor
    /// split into passages again. True when a text that was indexed was
    /// marked not indexed because the entities of a passage changed.
    pub(crate) fn update_mention_rows(
        &mut self,
        only: Option<(&str, &str)>,
        texts: &InMemory<'_>,
    ) -> Result<bool> {
        let (names, names_hash) = self.names()?;
        let states = match only {
            None => self.store.mention_states()?,
            Some((kind, target)) => self
                .store
                .mention_state(kind, target)?
                .into_iter()
                .collect(),
        };
        let stale: Vec<(String, String, String)> = states
            .into_iter()
            .filter_map(|(kind, target, hash, mentions_hash)| {
                let want = text::hash(&format!("{hash}|{names_hash}"));
                (mentions_hash.as_deref() != Some(want.as_str())).then_some((kind, target, want))
            })
            .collect();
        if stale.is_empty() {
            return Ok(false);
        }
        let gazetteer = self.gazetteer_of(&names, &names_hash);
        let mut updates: Vec<(String, String, Vec<MentionRow>, String)> = Vec::new();
        // Texts are read in batches, and each batch's mentions are found on
        // every core at once.
        let mut batch: Vec<(String, String, String, Cow<'_, str>)> = Vec::new();
        let mut batch_bytes = 0usize;
        let mut stale = stale.into_iter().peekable();
        while let Some((kind, target, want)) = stale.next() {
            let known = (kind == "source")
                .then(|| texts.0.get(target.as_str()))
                .flatten();
            let body: Cow<'_, str> = if gazetteer.is_empty() {
                Cow::Borrowed("")
            } else if let Some((text, _)) = known {
                Cow::Borrowed(text)
            } else if kind == "source" {
                Cow::Owned(self.store.source_text(&target)?.unwrap_or_default())
            } else {
                Cow::Owned(
                    self.store
                        .note(&target)?
                        .map(|n| n.body)
                        .unwrap_or_default(),
                )
            };
            batch_bytes += body.len();
            batch.push((kind, target, want, body));
            if batch_bytes < MENTION_BATCH_BYTES && stale.peek().is_some() {
                continue;
            }
            let found =
                gazetteer.find_many(&batch.iter().map(|b| b.3.as_ref()).collect::<Vec<_>>());
            for ((kind, target, want, body), found) in batch.drain(..).zip(found) {
                let rows = if kind == "source" {
                    let split;
                    let ends: &[(usize, usize)] = match texts.0.get(target.as_str()) {
                        Some((_, bounds)) => bounds,
                        None => {
                            split = text::passages(&body)
                                .iter()
                                .map(|p| (p.start, p.end))
                                .collect::<Vec<_>>();
                            &split
                        }
                    };
                    found
                        .into_iter()
                        .filter_map(|f| {
                            let part = ends.partition_point(|p| p.1 <= f.start);
                            (part < ends.len()).then(|| mention_row(f, part))
                        })
                        .collect()
                } else {
                    let stem = target
                        .rsplit('/')
                        .next()
                        .unwrap_or(&target)
                        .trim_end_matches(".md");
                    let sections = notes::parse(&body, stem).sections;
                    found
                        .into_iter()
                        .filter_map(|f| {
                            let part = sections
                                .iter()
                                .position(|s| s.start <= f.start && f.end <= s.end)?;
                            Some(mention_row(f, part))
                        })
                        .collect()
                };
                updates.push((kind, target, rows, want));
            }
            batch_bytes = 0;
        }
        if updates.is_empty() {
            return Ok(false);
        }
        self.store.transaction(|tx| {
            let mut unindexed = false;
            for (kind, target, rows, hash) in &updates {
                unindexed |= tx.set_mentions(kind, target, rows, hash)?;
            }
            Ok(unindexed)
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn validated(
        &self,
        id: Option<i64>,
        name: String,
        kind: String,
        aliases: Vec<String>,
        description: Option<String>,
        external_id: Option<String>,
    ) -> Result<EntityRow> {
        let name = name.trim().to_string();
        if name.is_empty() || normalise_name(&name).is_empty() {
            return Err(Error::BadInput(
                "an entity needs a name with letters or digits in it".into(),
            ));
        }
        let kind = EntityKind::parse(&kind)?.as_str().to_string();
        let mut clean: Vec<String> = Vec::new();
        for a in aliases {
            let a = a.trim().to_string();
            if a.is_empty() || a == name || clean.contains(&a) {
                continue;
            }
            if normalise_name(&a).is_empty() {
                return Err(Error::BadInput(format!(
                    "the alias {a:?} has no letters or digits"
                )));
            }
            clean.push(a);
        }
        // No name or alias may belong to another entity.
        let others = self.store.entities()?;
        for candidate in std::iter::once(&name).chain(clean.iter()) {
            let key = normalise_name(candidate);
            for o in others.iter().filter(|o| Some(o.id) != id) {
                let clash = std::iter::once(&o.name)
                    .chain(o.aliases.iter())
                    .any(|n| normalise_name(n) == key);
                if clash {
                    return Err(Error::BadInput(format!(
                        "the name {candidate:?} is already used by the entity {:?} ({}); merge the two or choose another name",
                        o.name, o.kind
                    )));
                }
            }
        }
        if let Some(x) = &external_id {
            if x.trim().is_empty() || x.contains(char::is_whitespace) {
                return Err(Error::BadInput(format!(
                    "the external id {x:?} must be one word, such as Q42"
                )));
            }
        }
        Ok(EntityRow {
            id: id.unwrap_or(0),
            kind,
            name,
            aliases: clean,
            description: description.filter(|d| !d.trim().is_empty()),
            external_id,
            mentions: 0,
        })
    }
}

/// Texts of sources at hand (just imported), by id: the text and its
/// passages' bounds (start, end in chars).
#[derive(Default)]
pub(crate) struct InMemory<'a>(pub HashMap<&'a str, (&'a str, &'a [Bounds])>);

/// A passage's start and end (chars).
pub(crate) type Bounds = (usize, usize);

/// How much text `update_mentions` reads before it finds the mentions of
/// the batch (on every core).
const MENTION_BATCH_BYTES: usize = 8 << 20;

fn mention_row(f: crate::gazetteer::Found, part: usize) -> MentionRow {
    MentionRow {
        entity_id: f.entity,
        target_kind: String::new(),
        target: String::new(),
        part,
        start: f.start,
        end: f.end,
        text: f.text,
    }
}

fn to_entity(r: EntityRow) -> Entity {
    Entity {
        id: r.id,
        name: r.name,
        kind: r.kind,
        aliases: r.aliases,
        description: r.description,
        external_id: r.external_id,
        mentions: r.mentions,
    }
}
