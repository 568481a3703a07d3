//! Who said what, for the callers: quotes as search hits (`speaker:` and
//! `kind:quote`), a source's quotes grouped by speaker, a quote turned into a
//! highlight linked to its speaker's entity, and the speakers that are not
//! entities yet offered as suggestions with their quotes as evidence.
//!
//! The quotes themselves are derived rows (`derived.rs`); nothing here
//! writes them.

use std::collections::{HashMap, HashSet};

use crate::annotations::{Annotation, NewAnnotation};
use crate::derived::QuoteHit;
use crate::error::{Error, Result};
use crate::gazetteer::normalise_name;
use crate::index::{Hit, HitKind, SearchResults};
use crate::notebook::Notebook;
use crate::suggest::Suggestion;
use crate::text::escape_html;

/// The tag a highlight made from a quote carries.
pub const QUOTE_TAG: &str = "quote";

/// The quotes of one speaker in a source ([`Notebook::quotes_by_speaker`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SpeakerQuotes {
    /// The entity's name when the speaker is one, else the speaker as first
    /// written; `None` for the quotes whose speaker was not found.
    pub speaker: Option<String>,
    /// "named" (a name, or a pronoun or title resolved to an entity),
    /// "description" ("a company spokeswoman"), "pronoun" (not resolved),
    /// or `None` with no speaker.
    pub speaker_kind: Option<String>,
    /// The entity the speaker is, when known.
    pub entity: Option<String>,
    /// The quotes, in reading order.
    pub quotes: Vec<QuoteHit>,
}

impl Notebook {
    /// A source's quotes grouped by speaker: by entity when the speaker is
    /// one (whatever name, title or pronoun the text uses), else by the
    /// speaker as written (case and diacritics aside). Groups with the most
    /// quotes first; the quotes without a speaker last.
    pub fn quotes_by_speaker(&self, source: &str) -> Result<Vec<SpeakerQuotes>> {
        let mut groups: Vec<SpeakerQuotes> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        for q in self.quotes(Some(source), None)? {
            let (key, speaker, kind) = match (&q.entity, &q.speaker) {
                (Some(e), _) => (format!("e:{e}"), Some(e.clone()), Some("named".to_string())),
                (None, Some(s)) if !normalise_name(s).is_empty() => (
                    format!("s:{}", normalise_name(s)),
                    Some(s.clone()),
                    q.speaker_kind.clone(),
                ),
                _ => ("-".to_string(), None, None),
            };
            let i = *at.entry(key).or_insert_with(|| {
                groups.push(SpeakerQuotes {
                    speaker,
                    speaker_kind: kind,
                    entity: q.entity.clone(),
                    quotes: Vec::new(),
                });
                groups.len() - 1
            });
            groups[i].quotes.push(q);
        }
        groups.sort_by(|a, b| {
            (
                a.speaker.is_none(),
                std::cmp::Reverse(a.quotes.len()),
                a.quotes[0].start,
            )
                .cmp(&(
                    b.speaker.is_none(),
                    std::cmp::Reverse(b.quotes.len()),
                    b.quotes[0].start,
                ))
        });
        Ok(groups)
    }

    /// Turns the quote found at `start..end` of a source into a highlight
    /// tagged `quote` and linked to its speaker's entity (when the speaker
    /// is one). A highlight of exactly that span already there is reused
    /// (the entity link and tag added), not doubled.
    pub fn highlight_quote(
        &mut self,
        source: &str,
        start: usize,
        end: usize,
    ) -> Result<Annotation> {
        let src = self.source(source)?;
        let quote = self
            .quotes(Some(&src.id), None)?
            .into_iter()
            .find(|q| q.start == start && q.end == end)
            .ok_or_else(|| Error::NotFound {
                what: "quote",
                id: format!("{}:{start}..{end}", src.id),
            })?;
        let entities: Vec<String> = quote.entity.iter().cloned().collect();
        if let Some(existing) = self
            .annotations(Some(&src.id))?
            .into_iter()
            .find(|a| a.start == start && a.end == end)
        {
            let mut linked = existing.entities.clone();
            for e in &entities {
                if !linked.contains(e) {
                    linked.push(e.clone());
                }
            }
            let mut tags = existing.tags.clone();
            if !tags.iter().any(|t| t == QUOTE_TAG) {
                tags.push(QUOTE_TAG.to_string());
            }
            if linked == existing.entities && tags == existing.tags {
                return Ok(existing);
            }
            return self.edit_annotation(
                &existing.id,
                crate::AnnotationEdit {
                    tags: Some(tags),
                    entities: Some(linked),
                    ..Default::default()
                },
            );
        }
        let comment = match (&quote.speaker, &quote.cue) {
            (Some(s), Some(c)) => format!("{} ({c})", quote.entity.as_deref().unwrap_or(s)),
            (Some(s), None) => quote.entity.clone().unwrap_or_else(|| s.clone()),
            _ => String::new(),
        };
        self.annotate(
            &src.id,
            NewAnnotation {
                start: Some(start),
                end: Some(end),
                comment,
                tags: vec![QUOTE_TAG.to_string()],
                entities,
                ..Default::default()
            },
        )
    }

    /// The quotes said by an entity (under any of its names), in source and
    /// reading order.
    pub fn entity_quotes(&self, name: &str) -> Result<Vec<QuoteHit>> {
        let e = self.find_entity(name)?;
        self.quotes(None, Some(&e.name))
    }

    /// The index documents (source passages, `p:<source>:<passage>`) that
    /// hold quotes, of one speaker or of anyone; behind `speaker:` and
    /// `kind:quote`.
    pub(crate) fn quote_doc_ids(&self, speaker: Option<&str>) -> Result<Vec<String>> {
        let mut ids: Vec<String> = self
            .quotes_with_passages(None, speaker)?
            .into_iter()
            .map(|(p, q)| format!("p:{}:{p}", q.source))
            .collect();
        ids.sort();
        ids.dedup();
        Ok(ids)
    }

    /// Hits of a query with quote filters (`asked`: the speakers of its
    /// `speaker:` filters, `None` for `kind:quote`): each source passage
    /// hit that holds quotes of the speakers asked becomes one hit per
    /// quote (its words as the snippet, its speaker, its span); other hits
    /// stay as they are. Best first, equal scores in reading order; `limit`
    /// bounds the hits, `total` counts them all.
    pub(crate) fn quote_hits(
        &self,
        results: SearchResults,
        asked: &[Option<String>],
        limit: usize,
    ) -> Result<SearchResults> {
        let mut wanted: HashMap<(String, usize), Vec<QuoteHit>> = HashMap::new();
        let mut seen: HashSet<(String, usize, usize)> = HashSet::new();
        for speaker in asked {
            for (p, q) in self.quotes_with_passages(None, speaker.as_deref())? {
                if seen.insert((q.source.clone(), q.start, q.end)) {
                    wanted.entry((q.source.clone(), p)).or_default().push(q);
                }
            }
        }
        let mut hits = Vec::new();
        let mut extra = 0;
        for hit in results.hits {
            let key = match (&hit.kind, &hit.source, hit.passage) {
                (HitKind::Source, Some(s), Some(p)) => Some((s.clone(), p)),
                _ => None,
            };
            let Some(mut quotes) = key.and_then(|k| wanted.remove(&k)) else {
                hits.push(hit);
                continue;
            };
            quotes.sort_by_key(|q| q.start);
            extra += quotes.len() - 1;
            for q in quotes {
                hits.push(Hit {
                    kind: HitKind::Quote,
                    title: hit.title.clone(),
                    snippet: escape_html(&q.quote),
                    score: hit.score,
                    source: Some(q.source),
                    passage: hit.passage,
                    start: Some(q.start),
                    end: Some(q.end),
                    path: hit.path.clone(),
                    annotation: None,
                    speaker: q.speaker,
                    entity: q.entity,
                });
            }
        }
        // Equal scores (a filter alone scores every passage alike) in
        // reading order, not in the index's order of documents.
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| (&a.source, a.start).cmp(&(&b.source, b.start)))
        });
        hits.truncate(limit);
        Ok(SearchResults {
            total: results.total + extra,
            hits,
        })
    }

    /// Named speakers of a source's quotes that are not entities (nor
    /// rejected) yet, added to its suggestions: a name the text's own
    /// suggestions already hold (the name, or a tail of its words) gets the
    /// quotes as evidence; another becomes a person suggestion of its own.
    pub(crate) fn add_speaker_suggestions(
        &self,
        source: &str,
        known: &HashSet<String>,
        out: &mut Vec<Suggestion>,
    ) -> Result<()> {
        for q in self.quotes(Some(source), None)? {
            let (Some(name), Some("named"), None) = (
                q.speaker.as_deref(),
                q.speaker_kind.as_deref(),
                q.entity.as_deref(),
            ) else {
                continue;
            };
            // The name and its shorter tails ("Later Dmitry Peskov" is
            // also "Dmitry Peskov" and "Peskov"): a tail that is known, or
            // that a suggestion already holds, is that one.
            let words: Vec<String> = normalise_name(name)
                .split_whitespace()
                .map(str::to_string)
                .collect();
            let tails: Vec<String> = (0..words.len()).map(|i| words[i..].join(" ")).collect();
            if tails.is_empty() || tails.iter().any(|t| known.contains(t)) {
                continue;
            }
            let holds = |s: &Suggestion, tail: &str| {
                normalise_name(&s.name) == tail
                    || s.variants.iter().any(|v| normalise_name(v) == tail)
            };
            let found = tails
                .iter()
                .find_map(|t| out.iter().position(|s| holds(s, t)));
            let i = match found {
                Some(i) => i,
                None => {
                    out.push(Suggestion {
                        name: name.to_string(),
                        kind: "person".into(),
                        variants: vec![name.to_string()],
                        count: 1,
                        quotes: Vec::new(),
                    });
                    out.len() - 1
                }
            };
            if !out[i].quotes.contains(&q.quote) {
                out[i].quotes.push(q.quote);
            }
        }
        Ok(())
    }
}
