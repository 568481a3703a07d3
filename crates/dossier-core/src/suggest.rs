//! Suggestions: names a source mentions that the notebook does not know yet.
//!
//! The names come from [`dossier_text::suggest::suggest_names`] (rules over
//! capitals, titles, designators and the open-data name lists; spellings
//! that [`dossier_text::variants`] folds together are one suggestion). Known
//! names (entities and their aliases) and rejected suggestions are left out
//! by their normalised keys ([`normalise_name`], the gazetteer's
//! normalisation, which folds spellings by the same rules); a rejection is
//! remembered in the store.

use std::collections::{BTreeMap, HashSet};

use dossier_text::suggest::suggest_names;

use crate::error::{Error, Result};
use crate::gazetteer::normalise_name;
use crate::notebook::Notebook;

/// A proposed entity.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Suggestion {
    pub name: String,
    pub kind: String,
    /// Every spelling seen, the name included.
    pub variants: Vec<String>,
    /// How often it occurs in the text, all spellings together.
    pub count: usize,
    /// Quotes the source attributes to this name (a speaker that is not an
    /// entity yet), as evidence.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<String>,
}

/// A name several sources mention ([`Notebook::suggest_all`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct NotebookSuggestion {
    pub name: String,
    pub kind: String,
    /// Every spelling seen in any source, the name included.
    pub variants: Vec<String>,
    /// How often it occurs, all sources and spellings together.
    pub count: usize,
    /// The sources that mention it (ids), in the order they are listed.
    pub sources: Vec<String>,
}

/// Proposes entities for a text, given the normalised names already known
/// or rejected.
pub fn suggest_in(text: &str, known: &HashSet<String>) -> Vec<Suggestion> {
    let is_known = |name: &str| known.contains(&normalise_name(name));
    let mut out: Vec<Suggestion> = suggest_names(text, &is_known)
        .into_iter()
        .filter(|c| !is_known(&c.name) && !c.variants.iter().any(|v| is_known(v)))
        .filter(|c| !normalise_name(&c.name).is_empty())
        .map(|c| Suggestion {
            count: c.mentions.len().max(1),
            kind: c.kind.as_str().to_string(),
            name: c.name,
            variants: c.variants,
            quotes: Vec::new(),
        })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    out
}

impl Notebook {
    /// Entities a source names (or quotes as speakers) that the notebook
    /// does not know yet; a speaker's suggestion carries the quotes.
    pub fn suggest(&self, source: &str) -> Result<Vec<Suggestion>> {
        let src = self.source(source)?;
        let known = self.known_names()?;
        let mut out = suggest_in(&src.text, &known);
        self.add_speaker_suggestions(&src.id, &known, &mut out)?;
        Ok(out)
    }

    /// Names the notebook's sources mention (or quote as speakers) that it
    /// does not know yet, each
    /// once for the whole notebook (spellings folded as in one source), with
    /// the sources that mention it: first the names most sources mention,
    /// then the most frequent.
    pub fn suggest_all(&self) -> Result<Vec<NotebookSuggestion>> {
        let known = self.known_names()?;
        let mut by_key: BTreeMap<String, NotebookSuggestion> = BTreeMap::new();
        for src in self.sources()? {
            let text = self.source(&src.id)?.text;
            let mut found = suggest_in(&text, &known);
            self.add_speaker_suggestions(&src.id, &known, &mut found)?;
            for s in found {
                let key = normalise_name(&s.name);
                let entry = by_key.entry(key).or_insert_with(|| NotebookSuggestion {
                    name: s.name.clone(),
                    kind: s.kind.clone(),
                    variants: Vec::new(),
                    count: 0,
                    sources: Vec::new(),
                });
                // The fullest name any source uses.
                if s.name.split_whitespace().count() > entry.name.split_whitespace().count() {
                    entry.name = s.name.clone();
                }
                for v in s.variants {
                    if !entry.variants.contains(&v) {
                        entry.variants.push(v);
                    }
                }
                entry.count += s.count;
                if !entry.sources.contains(&src.id) {
                    entry.sources.push(src.id.clone());
                }
            }
        }
        let mut out: Vec<NotebookSuggestion> = by_key.into_values().collect();
        out.sort_by(|a, b| {
            b.sources
                .len()
                .cmp(&a.sources.len())
                .then(b.count.cmp(&a.count))
                .then(a.name.cmp(&b.name))
        });
        Ok(out)
    }

    fn known_names(&self) -> Result<HashSet<String>> {
        let mut known: HashSet<String> = self.store.rejected()?.into_iter().collect();
        for e in self.store.entities()? {
            known.insert(normalise_name(&e.name));
            for a in e.aliases {
                known.insert(normalise_name(&a));
            }
        }
        Ok(known)
    }

    /// Accepts a suggestion of a source: creates the entity with its variants
    /// as aliases (`kind` overrides the guess).
    pub fn accept_suggestion(
        &mut self,
        source: &str,
        name: &str,
        kind: Option<&str>,
    ) -> Result<crate::Entity> {
        self.accept_suggestion_as(source, name, kind, None)
    }

    /// Accepts a suggestion of whichever source makes it (the first, in the
    /// order the sources are listed).
    pub fn accept_suggestion_anywhere(
        &mut self,
        name: &str,
        kind: Option<&str>,
    ) -> Result<crate::Entity> {
        let sources: Vec<String> = self.sources()?.into_iter().map(|s| s.id).collect();
        for s in &sources {
            match self.accept_suggestion(s, name, kind) {
                Err(Error::NotFound { .. }) => continue,
                other => return other,
            }
        }
        Err(Error::NotFound {
            what: "suggestion",
            id: name.to_string(),
        })
    }

    /// Accepts a suggestion as the user edited it: `kind` overrides the
    /// guess, `aliases` (when given) replace the spellings seen. The
    /// suggestion must still stand (not known, not rejected).
    pub fn accept_suggestion_as(
        &mut self,
        source: &str,
        name: &str,
        kind: Option<&str>,
        aliases: Option<Vec<String>>,
    ) -> Result<crate::Entity> {
        // The index writer first: a busy notebook is reported before anything is written.
        self.index.lock_for_writing()?;
        let key = normalise_name(name);
        let s = self
            .suggest(source)?
            .into_iter()
            .find(|s| {
                normalise_name(&s.name) == key
                    || s.variants.iter().any(|v| normalise_name(v) == key)
            })
            .ok_or_else(|| Error::NotFound {
                what: "suggestion",
                id: name.to_string(),
            })?;
        let aliases = aliases.unwrap_or_else(|| {
            s.variants
                .iter()
                .filter(|v| **v != s.name)
                .cloned()
                .collect()
        });
        self.add_entity(crate::NewEntity {
            name: s.name,
            kind: kind.map(str::to_string).unwrap_or(s.kind),
            aliases,
            description: None,
            external_id: None,
        })
    }

    /// Rejects a suggested name: it is not suggested again.
    pub fn reject_suggestion(&mut self, name: &str) -> Result<()> {
        let key = normalise_name(name);
        if key.is_empty() {
            return Err(Error::BadInput("give the name to reject".into()));
        }
        self.store.transaction(|tx| tx.reject(&key))
    }
}
