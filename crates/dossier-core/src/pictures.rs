//! What the app's timeline and network views draw, computed here so that the
//! shell only forwards: the dated items with what their passage names
//! (entities, events, annotation tags), the timeline as a Markdown table,
//! one entity's neighbourhood of the graph, and the passages behind an edge.

use std::collections::{HashMap, HashSet};

use crate::derived::{DateHit, Graph};
use crate::error::{Error, Result};
use crate::notebook::Notebook;
use crate::notes;
use crate::text;

/// One dated item of the timeline, with what its passage names.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TimelineItem {
    #[serde(flatten)]
    pub date: DateHit,
    /// The source's title.
    pub title: String,
    /// The passage's text, for a tooltip or a list.
    pub passage_text: String,
    /// Entities of kind `event` named in the same passage (canonical names).
    pub events: Vec<String>,
    /// Every entity named in the same passage (canonical names).
    pub entities: Vec<String>,
    /// Tags of the annotations that overlap the passage.
    pub tags: Vec<String>,
}

/// A passage (of a source) or a section (of a note) that names two entities.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SharedPassage {
    /// "source" or "note".
    pub kind: String,
    /// The source's id or the note's path.
    pub target: String,
    pub title: String,
    /// The passage (or section) number.
    pub part: usize,
    /// Its text (plain for a note's section).
    pub text: String,
}

/// The network the app draws: the graph at a minimum weight (optionally one
/// entity's neighbourhood of it) and the highest edge count of the whole
/// graph, for the range of a minimum-weight slider.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Network {
    pub graph: Graph,
    pub max_weight: usize,
}

/// A picture to write to a file: the timeline as a Markdown table, or the
/// network as GEXF (Gephi) or GraphML.
#[derive(Debug, Clone, PartialEq)]
pub enum Picture {
    /// [`Notebook::timeline_markdown`]: all dates, one source's or one entity's.
    Timeline {
        source: Option<String>,
        entity: Option<String>,
    },
    /// [`Notebook::network`] at a minimum weight, optionally one entity's
    /// neighbourhood, as GEXF ([`Graph::to_gexf`]) or GraphML.
    Network {
        min_weight: usize,
        ego: Option<String>,
        graphml: bool,
    },
}

impl Notebook {
    /// Writes a picture to `out` atomically (a temporary file beside it,
    /// then a rename: a failure leaves the old file, never half a new one);
    /// returns the bytes written. The text is made before anything is
    /// written, so a bad source, entity or folder leaves `out` untouched.
    pub fn write_picture(&self, picture: &Picture, out: &std::path::Path) -> Result<usize> {
        let text = match picture {
            Picture::Timeline { source, entity } => {
                self.timeline_markdown(source.as_deref(), entity.as_deref())?
            }
            Picture::Network {
                min_weight,
                ego,
                graphml,
            } => {
                let g = self.network(*min_weight, ego.as_deref())?.graph;
                if *graphml {
                    g.to_graphml()
                } else {
                    g.to_gexf()
                }
            }
        };
        if out.is_dir() {
            return Err(Error::BadInput(format!(
                "{} is a folder: choose a file name to write the picture to",
                out.display()
            )));
        }
        text::write_atomic(out, text.as_bytes())?;
        Ok(text.len())
    }

    /// [`Notebook::graph`] with edges of at least `min_weight` passages; with
    /// `ego` (a name or alias), only that entity's neighbourhood
    /// ([`Graph::ego`]).
    pub fn network(&self, min_weight: usize, ego: Option<&str>) -> Result<Network> {
        let ego = match ego {
            Some(name) => Some(self.find_entity(name)?.id),
            None => None,
        };
        let all = self.graph(1)?;
        let max_weight = all.edges.iter().map(|e| e.count).max().unwrap_or(0);
        let min = min_weight.max(1);
        let graph = Graph {
            nodes: all.nodes,
            edges: all.edges.into_iter().filter(|e| e.count >= min).collect(),
        };
        Ok(Network {
            graph: match ego {
                Some(id) => graph.ego(id),
                None => graph,
            },
            max_weight,
        })
    }

    /// [`Notebook::timeline`] with, for each date, its source's title, its
    /// passage's text, and the entities, events and annotation tags of that
    /// passage: what the app's timeline shows on an item and filters by.
    pub fn timeline_items(
        &self,
        source: Option<&str>,
        entity: Option<&str>,
    ) -> Result<Vec<TimelineItem>> {
        let dates = self.timeline(source, entity)?;
        let entities: HashMap<i64, (String, String)> = self
            .store
            .entities()?
            .into_iter()
            .map(|e| (e.id, (e.name, e.kind)))
            .collect();
        let titles: HashMap<String, String> = self
            .store
            .sources()?
            .into_iter()
            .map(|s| (s.id, s.title))
            .collect();
        let wanted: HashSet<&str> = dates.iter().map(|d| d.source.as_str()).collect();
        let mut named: HashMap<(String, usize), Vec<i64>> = HashMap::new();
        let mut passages: HashMap<String, Vec<dossier_text::passages::Passage>> = HashMap::new();
        for id in &wanted {
            for m in self.store.mentions(None, Some(("source", id)))? {
                let ids = named.entry((m.target, m.part)).or_default();
                if !ids.contains(&m.entity_id) {
                    ids.push(m.entity_id);
                }
            }
            let body = self.store.source_text(id)?.unwrap_or_default();
            passages.insert((*id).to_string(), text::passages(&body));
        }
        let mut tags_at: HashMap<(String, usize), Vec<String>> = HashMap::new();
        for a in self.annotations(None)? {
            if a.tags.is_empty() || !wanted.contains(a.source.as_str()) {
                continue;
            }
            let Some(ps) = passages.get(&a.source) else {
                continue;
            };
            for (i, p) in ps.iter().enumerate() {
                if a.start < p.end && p.start < a.end.max(a.start + 1) {
                    let t = tags_at.entry((a.source.clone(), i)).or_default();
                    for tag in &a.tags {
                        if !t.contains(tag) {
                            t.push(tag.clone());
                        }
                    }
                }
            }
        }
        Ok(dates
            .into_iter()
            .map(|d| {
                let key = (d.source.clone(), d.passage);
                let ids = named.get(&key).map(Vec::as_slice).unwrap_or(&[]);
                let mut names: Vec<(String, String)> = ids
                    .iter()
                    .filter_map(|id| entities.get(id).cloned())
                    .collect();
                names.sort();
                let mut tags = tags_at.get(&key).cloned().unwrap_or_default();
                tags.sort();
                TimelineItem {
                    title: titles.get(&d.source).cloned().unwrap_or_default(),
                    passage_text: passages
                        .get(&d.source)
                        .and_then(|ps| ps.get(d.passage))
                        .map(|p| p.text.clone())
                        .unwrap_or_default(),
                    events: names
                        .iter()
                        .filter(|(_, k)| k == "event")
                        .map(|(n, _)| n.clone())
                        .collect(),
                    entities: names.into_iter().map(|(n, _)| n).collect(),
                    tags,
                    date: d,
                }
            })
            .collect())
    }

    /// The timeline ([`Notebook::timeline`]) as a Markdown table: date,
    /// granularity, the expression as written, the source's title and the
    /// passage number; unresolved dates last with `unresolved` as their date.
    /// Cells are escaped (`|`, line breaks), so any text keeps the table whole.
    pub fn timeline_markdown(&self, source: Option<&str>, entity: Option<&str>) -> Result<String> {
        let items = self.timeline_items(source, entity)?;
        let mut s = String::from(
            "| Date | Granularity | Expression | Source | Passage |\n|---|---|---|---|---|\n",
        );
        for it in &items {
            let d = &it.date;
            s.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                cell(d.value.as_deref().unwrap_or("unresolved")),
                cell(&d.granularity),
                cell(&d.text),
                cell(if it.title.is_empty() {
                    &d.source
                } else {
                    &it.title
                }),
                d.passage + 1
            ));
        }
        Ok(s)
    }

    /// The passages (of sources) and sections (of notes) that name both
    /// entities, in source order: what an edge of the graph stands for.
    pub fn shared_passages(&self, a: &str, b: &str) -> Result<Vec<SharedPassage>> {
        let ea = self.find_entity(a)?;
        let eb = self.find_entity(b)?;
        if ea.id == eb.id {
            return Err(Error::BadInput(format!(
                "{a:?} and {b:?} are the same entity; an edge joins two"
            )));
        }
        let parts = |id: i64| -> Result<HashSet<(String, String, usize)>> {
            Ok(self
                .store
                .mentions(Some(id), None)?
                .into_iter()
                .map(|m| (m.target_kind, m.target, m.part))
                .collect())
        };
        let pa = parts(ea.id)?;
        let mut both: Vec<(String, String, usize)> = parts(eb.id)?
            .into_iter()
            .filter(|k| pa.contains(k))
            .collect();
        both.sort();
        let mut titles: HashMap<(String, String), String> = HashMap::new();
        for s in self.store.sources()? {
            titles.insert(("source".into(), s.id), s.title);
        }
        let mut bodies: HashMap<(String, String), Vec<String>> = HashMap::new();
        let mut out = Vec::with_capacity(both.len());
        for (kind, target, part) in both {
            let key = (kind.clone(), target.clone());
            if !bodies.contains_key(&key) {
                let texts = if kind == "source" {
                    let body = self.store.source_text(&target)?.unwrap_or_default();
                    text::passages(&body).into_iter().map(|p| p.text).collect()
                } else {
                    let note = self.store.note(&target)?;
                    if let Some(n) = &note {
                        titles.insert(key.clone(), n.title.clone());
                    }
                    let body = note.map(|n| n.body).unwrap_or_default();
                    let stem = target
                        .rsplit('/')
                        .next()
                        .unwrap_or(&target)
                        .trim_end_matches(".md");
                    notes::parse(&body, stem)
                        .sections
                        .into_iter()
                        .map(|s| s.text)
                        .collect()
                };
                bodies.insert(key.clone(), texts);
            }
            out.push(SharedPassage {
                text: bodies[&key].get(part).cloned().unwrap_or_default(),
                title: titles.get(&key).cloned().unwrap_or_default(),
                kind,
                target,
                part,
            });
        }
        Ok(out)
    }
}

impl Graph {
    /// One entity's neighbourhood: the node with that id, the nodes it
    /// shares an edge with, and the edges among all of them. Empty when no
    /// node has that id.
    pub fn ego(&self, id: i64) -> Graph {
        if !self.nodes.iter().any(|n| n.id == id) {
            return Graph {
                nodes: Vec::new(),
                edges: Vec::new(),
            };
        }
        let mut keep: HashSet<i64> = HashSet::from([id]);
        for e in &self.edges {
            if e.source == id {
                keep.insert(e.target);
            } else if e.target == id {
                keep.insert(e.source);
            }
        }
        Graph {
            nodes: self
                .nodes
                .iter()
                .filter(|n| keep.contains(&n.id))
                .cloned()
                .collect(),
            edges: self
                .edges
                .iter()
                .filter(|e| keep.contains(&e.source) && keep.contains(&e.target))
                .cloned()
                .collect(),
        }
    }
}

/// A Markdown table cell: pipes and backslashes escaped, line breaks as spaces.
fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_keep_the_table_whole() {
        assert_eq!(cell("a|b\nc\\"), "a\\|b c\\\\");
    }
}
