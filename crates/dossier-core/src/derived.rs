//! Quotes and dates found in every source, stored as derived rows like the
//! mentions of entities, and the entity graph drawn from the mentions.
//!
//! Quotes ([`dossier_text::quotes`]) depend on a source's text and on the
//! entity names (speakers are matched to entities); dates
//! ([`dossier_text::timex`]) on the text and on the source's `published`
//! date, against which relative dates are resolved. Each source records the
//! hash its quotes and its dates were found under (`quotes_hash`,
//! `dates_hash`), so a sync recomputes only the sources where one of these
//! inputs changed.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use dossier_text::quotes::{KnownName, NameKind, QuoteFinder, QuoteKind, SpeakerKind};
use dossier_text::timex::{find_dates_within, Granularity};

use crate::entities::InMemory;
use crate::error::{Error, Result};
use crate::gazetteer::normalise_name;
use crate::notebook::Notebook;
use crate::store::{DateRow, QuoteRow};
use crate::text;

/// One quote as callers see it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct QuoteHit {
    /// The source's id.
    pub source: String,
    /// The quoted (or reported) words.
    pub quote: String,
    /// "direct" or "indirect".
    pub kind: String,
    /// The speech verb or phrase as written ("said", "according to").
    pub cue: Option<String>,
    /// The speaker as written ("Jane Doe", "the source", "he").
    pub speaker: Option<String>,
    /// "named", "description" or "pronoun".
    pub speaker_kind: Option<String>,
    /// The entity (canonical name) the speaker is, when known.
    pub entity: Option<String>,
    /// Where the words stand in the source's text (characters).
    pub start: usize,
    pub end: usize,
    /// Where the speaker's words stand (characters).
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
}

/// One date of a source, for a timeline.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DateHit {
    /// The source's id.
    pub source: String,
    /// The expression as written.
    pub text: String,
    /// TIMEX3-like value (`2022-01-10`, `2022-W02`, `2008`); `None` when the
    /// expression is relative and the source has no publication date.
    pub value: Option<String>,
    /// "day", "week", "month", "season", "quarter", "half", "year", "decade", "century".
    pub granularity: String,
    /// Where the expression stands in the source's text (characters).
    pub start: usize,
    pub end: usize,
    /// The passage it is in.
    pub passage: usize,
}

/// An entity in the graph.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GraphNode {
    pub id: i64,
    pub name: String,
    pub kind: String,
    /// How many mentions of it the notebook has.
    pub mentions: usize,
}

/// Two entities named in the same passages (or note sections).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct GraphEdge {
    /// Node ids, the smaller first.
    pub source: i64,
    pub target: i64,
    /// How many passages name both.
    pub count: usize,
    /// Dice coefficient: 2 × count / (passages of one + passages of the other).
    pub dice: f64,
    /// Pointwise mutual information, log2(count × N / (passages of one ×
    /// passages of the other)), N the passages and sections that name at
    /// least one entity: above 0 when the two are named together more often
    /// than chance would have it.
    pub pmi: f64,
}

/// The entities and how often they are named together.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

impl Notebook {
    /// The quotes of one source (id or title prefix as for [`Notebook::source`])
    /// or of every source, in source and reading order; with `speaker`, only
    /// the quotes of that speaker: an entity under any of its names (the
    /// quotes matched to it, and those whose speaker is written as one of
    /// its names), or else the speaker as written (case and diacritics aside).
    pub fn quotes(&self, source: Option<&str>, speaker: Option<&str>) -> Result<Vec<QuoteHit>> {
        Ok(self
            .quotes_with_passages(source, speaker)?
            .into_iter()
            .map(|(_, q)| q)
            .collect())
    }

    /// [`Notebook::quotes`], each with the passage it starts in.
    pub(crate) fn quotes_with_passages(
        &self,
        source: Option<&str>,
        speaker: Option<&str>,
    ) -> Result<Vec<(usize, QuoteHit)>> {
        let source_id = match source {
            Some(s) => Some(self.source(s)?.id),
            None => None,
        };
        let entities: HashMap<i64, String> = self
            .store
            .entities()?
            .into_iter()
            .map(|e| (e.id, e.name))
            .collect();
        let filter = match speaker {
            Some(name) => {
                let name = name.trim();
                if normalise_name(name).is_empty() {
                    return Err(Error::BadInput(format!(
                        "the speaker {name:?} has no letters or digits"
                    )));
                }
                Some(match self.find_entity(name) {
                    Ok(e) => {
                        let names: HashSet<String> = std::iter::once(&e.name)
                            .chain(e.aliases.iter())
                            .map(|n| normalise_name(n))
                            .collect();
                        (Some(e.id), names)
                    }
                    Err(Error::NotFound { .. }) => (None, HashSet::from([normalise_name(name)])),
                    Err(e) => return Err(e),
                })
            }
            None => None,
        };
        let mut texts: HashMap<String, Vec<char>> = HashMap::new();
        let mut out = Vec::new();
        for q in self.store.quotes(source_id.as_deref())? {
            if let Some((id, names)) = &filter {
                let by_entity = id.is_some() && q.entity_id == *id;
                let by_text = q
                    .speaker
                    .as_deref()
                    .is_some_and(|s| names.contains(&normalise_name(s)));
                if !by_entity && !by_text {
                    continue;
                }
            }
            if !texts.contains_key(&q.source) {
                let t = self.store.source_text(&q.source)?.unwrap_or_default();
                texts.insert(q.source.clone(), t.chars().collect());
            }
            let chars = texts.get(&q.source).map(Vec::as_slice).unwrap_or(&[]);
            let quote: String = chars
                .get(q.start.min(chars.len())..q.end.min(chars.len()))
                .unwrap_or(&[])
                .iter()
                .collect();
            out.push((
                q.passage,
                QuoteHit {
                    entity: q.entity_id.and_then(|id| entities.get(&id).cloned()),
                    source: q.source,
                    quote,
                    kind: q.kind,
                    cue: q.cue,
                    speaker: q.speaker,
                    speaker_kind: q.speaker_kind,
                    start: q.start,
                    end: q.end,
                    speaker_start: q.speaker_start,
                    speaker_end: q.speaker_end,
                },
            ));
        }
        Ok(out)
    }

    /// The dates of one source or of every source, in date order (by value;
    /// unresolved ones last, in source and reading order); with `entity`,
    /// only the dates in passages that mention that entity.
    pub fn timeline(&self, source: Option<&str>, entity: Option<&str>) -> Result<Vec<DateHit>> {
        let source_id = match source {
            Some(s) => Some(self.source(s)?.id),
            None => None,
        };
        let passages: Option<HashSet<(String, usize)>> = match entity {
            Some(name) => {
                let e = self.find_entity(name)?;
                Some(
                    self.store
                        .mentions(Some(e.id), None)?
                        .into_iter()
                        .filter(|m| m.target_kind == "source")
                        .map(|m| (m.target, m.part))
                        .collect(),
                )
            }
            None => None,
        };
        let mut out: Vec<DateHit> = self
            .store
            .dates(source_id.as_deref())?
            .into_iter()
            .filter(|d| {
                passages
                    .as_ref()
                    .is_none_or(|p| p.contains(&(d.source.clone(), d.passage)))
            })
            .map(|d| DateHit {
                source: d.source,
                text: d.text,
                value: d.value,
                granularity: d.granularity,
                start: d.start,
                end: d.end,
                passage: d.passage,
            })
            .collect();
        out.sort_by(|a, b| {
            (a.value.is_none(), &a.value, &a.source, a.start).cmp(&(
                b.value.is_none(),
                &b.value,
                &b.source,
                b.start,
            ))
        });
        Ok(out)
    }

    /// The entity graph: every entity with its mention count, and an edge
    /// between two entities named in the same passage (or note section) in
    /// at least `min_weight` passages (at least one), weighted by that count
    /// and by the Dice coefficient of their passages.
    pub fn graph(&self, min_weight: usize) -> Result<Graph> {
        let entities = self.store.entities()?;
        let mut parts_of: HashMap<i64, HashSet<(String, String, usize)>> = HashMap::new();
        let mut in_part: BTreeMap<(String, String, usize), Vec<i64>> = BTreeMap::new();
        for m in self.store.mentions(None, None)? {
            let key = (m.target_kind, m.target, m.part);
            if parts_of.entry(m.entity_id).or_default().insert(key.clone()) {
                in_part.entry(key).or_default().push(m.entity_id);
            }
        }
        let mut counts: BTreeMap<(i64, i64), usize> = BTreeMap::new();
        for ids in in_part.values_mut() {
            ids.sort_unstable();
            for (i, a) in ids.iter().enumerate() {
                for b in &ids[i + 1..] {
                    *counts.entry((*a, *b)).or_default() += 1;
                }
            }
        }
        let min = min_weight.max(1);
        let total = in_part.len().max(1) as f64;
        let n = |id: i64| parts_of.get(&id).map_or(0, HashSet::len);
        let edges = counts
            .into_iter()
            .filter(|(_, c)| *c >= min)
            .map(|((a, b), count)| GraphEdge {
                source: a,
                target: b,
                count,
                dice: 2.0 * count as f64 / (n(a) + n(b)).max(1) as f64,
                pmi: (count as f64 * total / (n(a).max(1) * n(b).max(1)) as f64).log2(),
            })
            .collect();
        let nodes = entities
            .into_iter()
            .map(|e| GraphNode {
                id: e.id,
                name: e.name,
                kind: e.kind,
                mentions: e.mentions,
            })
            .collect();
        Ok(Graph { nodes, edges })
    }

    /// Finds quotes and dates again in the sources (all, or `only` one)
    /// whose text, the entity names or the publication date changed since
    /// they were last found. One transaction for all.
    pub(crate) fn update_quotes_and_dates(&mut self, only: Option<&str>) -> Result<()> {
        self.update_quotes_and_dates_with(only, &InMemory::default())
    }

    /// [`Notebook::update_quotes_and_dates`], with some sources' texts (and
    /// their passages) at hand; the others are read from the store. The
    /// texts are shared out among the machine's cores.
    pub(crate) fn update_quotes_and_dates_with(
        &mut self,
        only: Option<&str>,
        texts: &InMemory<'_>,
    ) -> Result<()> {
        let states = self.store.derived_states(only)?;
        if states.is_empty() {
            return Ok(());
        }
        let entities = self.store.entities()?;
        let (names_hash, known, ids) = quote_names(&entities);
        // Built on the first source whose quotes are stale, then shared.
        let mut finder: Option<QuoteFinder> = None;
        let mut quote_updates: Vec<(String, Vec<QuoteRow>, String)> = Vec::new();
        let mut date_updates: Vec<(String, Vec<DateRow>, String)> = Vec::new();
        let mut batch: Vec<Stale<'_>> = Vec::new();
        let mut batch_bytes = 0usize;
        let mut states = states.into_iter().peekable();
        while let Some((id, hash, published, quotes_hash, dates_hash)) = states.next() {
            let (want_q, reference, want_d) = wanted(&hash, &names_hash, published.as_deref());
            let stale_q = quotes_hash.as_deref() != Some(want_q.as_str());
            let stale_d = dates_hash.as_deref() != Some(want_d.as_str());
            if stale_q || stale_d {
                let (body, bounds) = match texts.0.get(id.as_str()) {
                    Some((t, b)) => (Cow::Borrowed(*t), Some(*b)),
                    None => (
                        Cow::Owned(self.store.source_text(&id)?.unwrap_or_default()),
                        None,
                    ),
                };
                if stale_q && finder.is_none() {
                    finder = Some(QuoteFinder::new(&known));
                }
                batch_bytes += body.len();
                batch.push(Stale {
                    id,
                    body,
                    bounds,
                    reference,
                    quotes: stale_q.then_some(want_q),
                    dates: stale_d.then_some(want_d),
                });
            }
            if batch.is_empty() || (batch_bytes < BATCH_BYTES && states.peek().is_some()) {
                continue;
            }
            let found = text::par_map(
                &batch,
                || (),
                |_, st| derive(st, finder.as_ref(), &ids),
                |_, _| {},
            );
            for (st, (quotes, dates)) in batch.drain(..).zip(found) {
                if let (Some(hash), Some(rows)) = (st.quotes, quotes) {
                    quote_updates.push((st.id.clone(), rows, hash));
                }
                if let (Some(hash), Some(rows)) = (st.dates, dates) {
                    date_updates.push((st.id, rows, hash));
                }
            }
            batch_bytes = 0;
        }
        if quote_updates.is_empty() && date_updates.is_empty() {
            return Ok(());
        }
        self.derived_writes += quote_updates.len() + date_updates.len();
        self.store.transaction(|tx| {
            for (source, rows, hash) in &quote_updates {
                tx.set_quotes(source, rows, hash)?;
            }
            for (source, rows, hash) in &date_updates {
                tx.set_dates(source, rows, hash)?;
            }
            Ok(())
        })
    }

    /// How many sources' quotes or dates this notebook handle has
    /// recomputed since it was opened (each source's quotes and its dates
    /// count once each): a sync with nothing changed adds nothing.
    pub fn derived_recomputed(&self) -> usize {
        self.derived_writes
    }
}

impl Graph {
    /// The graph as GEXF 1.3 (Gephi), names XML-escaped.
    pub fn to_gexf(&self) -> String {
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <gexf xmlns=\"http://gexf.net/1.3\" version=\"1.3\">\n\
             \x20 <graph defaultedgetype=\"undirected\">\n\
             \x20   <attributes class=\"node\">\n\
             \x20     <attribute id=\"kind\" title=\"kind\" type=\"string\"/>\n\
             \x20     <attribute id=\"mentions\" title=\"mentions\" type=\"integer\"/>\n\
             \x20   </attributes>\n\
             \x20   <attributes class=\"edge\">\n\
             \x20     <attribute id=\"dice\" title=\"dice\" type=\"double\"/>\n\
             \x20     <attribute id=\"pmi\" title=\"pmi\" type=\"double\"/>\n\
             \x20   </attributes>\n\
             \x20   <nodes>\n",
        );
        for n in &self.nodes {
            s.push_str(&format!(
                "      <node id=\"{}\" label=\"{}\"><attvalues><attvalue for=\"kind\" value=\"{}\"/><attvalue for=\"mentions\" value=\"{}\"/></attvalues></node>\n",
                n.id,
                xml_escape(&n.name),
                xml_escape(&n.kind),
                n.mentions
            ));
        }
        s.push_str("    </nodes>\n    <edges>\n");
        for (i, e) in self.edges.iter().enumerate() {
            s.push_str(&format!(
                "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" weight=\"{}\"><attvalues><attvalue for=\"dice\" value=\"{}\"/><attvalue for=\"pmi\" value=\"{}\"/></attvalues></edge>\n",
                e.source, e.target, e.count, e.dice, e.pmi
            ));
        }
        s.push_str("    </edges>\n  </graph>\n</gexf>\n");
        s
    }

    /// The graph as GraphML, names XML-escaped.
    pub fn to_graphml(&self) -> String {
        let mut s = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n\
             \x20 <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n\
             \x20 <key id=\"kind\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n\
             \x20 <key id=\"mentions\" for=\"node\" attr.name=\"mentions\" attr.type=\"int\"/>\n\
             \x20 <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"int\"/>\n\
             \x20 <key id=\"dice\" for=\"edge\" attr.name=\"dice\" attr.type=\"double\"/>\n\
             \x20 <key id=\"pmi\" for=\"edge\" attr.name=\"pmi\" attr.type=\"double\"/>\n\
             \x20 <graph id=\"entities\" edgedefault=\"undirected\">\n",
        );
        for n in &self.nodes {
            s.push_str(&format!(
                "    <node id=\"n{}\"><data key=\"name\">{}</data><data key=\"kind\">{}</data><data key=\"mentions\">{}</data></node>\n",
                n.id,
                xml_escape(&n.name),
                xml_escape(&n.kind),
                n.mentions
            ));
        }
        for e in &self.edges {
            s.push_str(&format!(
                "    <edge source=\"n{}\" target=\"n{}\"><data key=\"count\">{}</data><data key=\"dice\">{}</data><data key=\"pmi\">{}</data></edge>\n",
                e.source, e.target, e.count, e.dice, e.pmi
            ));
        }
        s.push_str("  </graph>\n</graphml>\n");
        s
    }
}

/// Escapes text for XML content and attribute values; characters XML 1.0
/// does not allow are dropped.
/// How much source text is read before its quotes and dates are found (on
/// every core).
const BATCH_BYTES: usize = 8 << 20;

/// The hash of the entity names quotes depend on, the names as the quote
/// finder takes them, and each name's entity id.
#[allow(clippy::type_complexity)]
fn quote_names(
    entities: &[crate::store::EntityRow],
) -> (String, Vec<KnownName<'_>>, HashMap<&str, i64>) {
    let names_hash = text::hash(
        &entities
            .iter()
            .flat_map(|e| {
                std::iter::once(&e.name)
                    .chain(e.aliases.iter())
                    .map(move |n| format!("{}={}={}", e.id, e.kind, n))
            })
            .collect::<Vec<_>>()
            .join("\n"),
    );
    let known: Vec<KnownName<'_>> = entities
        .iter()
        .map(|e| KnownName {
            entity: &e.name,
            names: std::iter::once(e.name.as_str())
                .chain(e.aliases.iter().map(String::as_str))
                .collect(),
            kind: match e.kind.as_str() {
                "person" => NameKind::Person,
                "organisation" => NameKind::Organisation,
                "place" => NameKind::Place,
                _ => NameKind::Other,
            },
        })
        .collect();
    let ids: HashMap<&str, i64> = entities.iter().map(|e| (e.name.as_str(), e.id)).collect();
    (names_hash, known, ids)
}

/// For a source of content `hash` published on `published`: the hash its
/// quotes are recorded under, the reference days of its relative dates and
/// the hash its dates are recorded under.
fn wanted(
    hash: &str,
    names_hash: &str,
    published: Option<&str>,
) -> (String, Option<(time::Date, time::Date)>, String) {
    let want_q = text::hash(&format!("{hash}|{names_hash}"));
    let reference = published.and_then(reference_days);
    let want_d = text::hash(&format!(
        "{hash}|{}",
        reference
            .map(|(a, b)| format!("{a}/{b}"))
            .unwrap_or_default()
    ));
    (want_q, reference, want_d)
}

/// A source just imported, its text and passages in memory.
pub(crate) struct NewText<'a> {
    pub id: &'a str,
    /// Its content hash.
    pub hash: &'a str,
    pub text: &'a str,
    pub bounds: &'a [(usize, usize)],
    pub published: Option<&'a str>,
}

/// Quotes of `new` sources (with the hash to record) and their dates (with
/// theirs).
pub(crate) type NewDerived = (Vec<QuoteRow>, String, Vec<DateRow>, String);

impl Notebook {
    /// The quotes and dates of sources just imported, found on their texts
    /// in memory on every core; nothing is read back from the store but the
    /// entity names, nothing is written (the import stores them with the
    /// sources, in one transaction).
    pub(crate) fn new_sources_derived(&self, new: &[NewText<'_>]) -> Result<Vec<NewDerived>> {
        let entities = self.store.entities()?;
        let (names_hash, known, ids) = quote_names(&entities);
        let finder = QuoteFinder::new(&known);
        Ok(text::par_map(
            new,
            || (),
            |_, n| {
                let (want_q, reference, want_d) = wanted(n.hash, &names_hash, n.published);
                let st = Stale {
                    id: n.id.to_string(),
                    body: Cow::Borrowed(n.text),
                    bounds: Some(n.bounds),
                    reference,
                    quotes: Some(want_q),
                    dates: Some(want_d),
                };
                let (quotes, dates) = derive(&st, Some(&finder), &ids);
                (
                    quotes.unwrap_or_default(),
                    st.quotes.unwrap_or_default(),
                    dates.unwrap_or_default(),
                    st.dates.unwrap_or_default(),
                )
            },
            |_, _| {},
        ))
    }
}

/// A source whose quotes (`quotes`: the hash to record) or dates are stale.
struct Stale<'a> {
    id: String,
    body: Cow<'a, str>,
    /// Its passages' bounds, when at hand.
    bounds: Option<&'a [(usize, usize)]>,
    reference: Option<(time::Date, time::Date)>,
    quotes: Option<String>,
    dates: Option<String>,
}

/// The quotes and the dates of a stale source (each when stale).
#[allow(clippy::type_complexity)]
fn derive(
    st: &Stale<'_>,
    finder: Option<&QuoteFinder>,
    ids: &HashMap<&str, i64>,
) -> (Option<Vec<QuoteRow>>, Option<Vec<DateRow>>) {
    let body = st.body.as_ref();
    let split;
    let bounds: &[(usize, usize)] = match st.bounds {
        Some(b) => b,
        None => {
            split = text::passages(body)
                .iter()
                .map(|p| (p.start, p.end))
                .collect::<Vec<_>>();
            &split
        }
    };
    let passage_of = |start: usize| {
        bounds
            .partition_point(|p| p.1 <= start)
            .min(bounds.len().saturating_sub(1))
    };
    let id = &st.id;
    let quotes = st.quotes.as_ref().and(finder).map(|finder| {
        finder
            .find(body)
            .into_iter()
            .map(|q| {
                let sp = q.speaker.as_ref();
                QuoteRow {
                    source: id.clone(),
                    start: q.start,
                    end: q.end,
                    kind: match q.kind {
                        QuoteKind::Direct => "direct",
                        QuoteKind::Indirect => "indirect",
                    }
                    .to_string(),
                    cue: q.cue.clone(),
                    speaker: sp.map(|s| s.name.clone()),
                    speaker_start: sp.map(|s| s.start),
                    speaker_end: sp.map(|s| s.end),
                    speaker_kind: sp.map(|s| {
                        match s.kind {
                            SpeakerKind::Named => "named",
                            SpeakerKind::Description => "description",
                            SpeakerKind::Pronoun => "pronoun",
                        }
                        .to_string()
                    }),
                    entity_id: sp
                        .and_then(|s| s.entity.as_deref())
                        .and_then(|n| ids.get(n).copied()),
                    passage: passage_of(q.start),
                }
            })
            .collect()
    });
    let dates = st.dates.as_ref().map(|_| {
        find_dates_within(body, st.reference)
            .into_iter()
            .map(|d| DateRow {
                source: id.clone(),
                passage: passage_of(d.start),
                start: d.start,
                end: d.end,
                text: d.text,
                value: d.value,
                granularity: granularity_name(d.granularity).to_string(),
                relative: d.relative,
            })
            .collect()
    });
    (quotes, dates)
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn granularity_name(g: Granularity) -> &'static str {
    match g {
        Granularity::Day => "day",
        Granularity::Week => "week",
        Granularity::Month => "month",
        Granularity::Season => "season",
        Granularity::Quarter => "quarter",
        Granularity::Half => "half",
        Granularity::Year => "year",
        Granularity::Decade => "decade",
        Granularity::Century => "century",
    }
}

/// The days a source's `published` metadata allows: one day (an ISO date,
/// with or without a time), every day of a month (`2022-01`) or of a year
/// (`2022`).
pub(crate) fn reference_days(published: &str) -> Option<(time::Date, time::Date)> {
    if let Some(day) = reference_date(published) {
        return Some((day, day));
    }
    let p = published.trim();
    let number = |s: &str| -> Option<i32> {
        (!s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (year, month) = match p.split_once('-') {
        Some((y, m)) if y.len() == 4 && m.len() == 2 => (
            number(y)?,
            Some(time::Month::try_from(u8::try_from(number(m)?).ok()?).ok()?),
        ),
        None if p.len() == 4 => (number(p)?, None),
        _ => return None,
    };
    let (first, last) = match month {
        Some(m) => (m, m),
        None => (time::Month::January, time::Month::December),
    };
    let start = time::Date::from_calendar_date(year, first, 1).ok()?;
    let end = time::Date::from_calendar_date(year, last, last.length(year)).ok()?;
    Some((start, end))
}

/// The reference date of a source: its `published` metadata when it is an
/// ISO date (`2021-12-29`) or starts with one followed by a time
/// (`2021-12-29T08:00:00Z`, `2021-12-29 08:00`). A month or a year alone
/// is not a day to count from: relative dates then stay unresolved.
pub(crate) fn reference_date(published: &str) -> Option<time::Date> {
    let p = published.trim();
    let b = p.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    if b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<i32> {
        let s = p.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let year = digits(0..4)?;
    let month = time::Month::try_from(u8::try_from(digits(5..7)?).ok()?).ok()?;
    let day = u8::try_from(digits(8..10)?).ok()?;
    time::Date::from_calendar_date(year, month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_dates_are_iso_days_only() {
        assert_eq!(
            reference_date("2021-12-29").map(|d| d.to_string()),
            Some("2021-12-29".into())
        );
        assert_eq!(
            reference_date("2021-12-29T08:00:00Z").map(|d| d.to_string()),
            Some("2021-12-29".into())
        );
        assert_eq!(reference_date("2022-01"), None);
        assert_eq!(reference_date("2022"), None);
        assert_eq!(reference_date("2021-02-30"), None);
        assert_eq!(reference_date("2021-12-29x"), None);
        assert_eq!(reference_date("２０21-12-29"), None);
    }

    #[test]
    fn a_month_or_a_year_is_a_period_of_days() {
        let days = |p: &str| reference_days(p).map(|(a, b)| format!("{a}/{b}"));
        assert_eq!(days("2021-12-29").as_deref(), Some("2021-12-29/2021-12-29"));
        assert_eq!(days("2022-01").as_deref(), Some("2022-01-01/2022-01-31"));
        assert_eq!(days("2024-02").as_deref(), Some("2024-02-01/2024-02-29"));
        assert_eq!(days("2022").as_deref(), Some("2022-01-01/2022-12-31"));
        assert_eq!(days("2022-13"), None);
        assert_eq!(days("22-01"), None);
        assert_eq!(days("January 2022"), None);
        assert_eq!(days(""), None);
    }

    #[test]
    fn xml_is_escaped() {
        assert_eq!(xml_escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }
}
