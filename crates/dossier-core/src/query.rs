//! The query language of the search box and `dossier search`.
//!
//! ```text
//! query    := or
//! or       := and ("OR" and)*
//! and      := unary (["AND"] unary)*          -- words side by side must all match
//! unary    := ("NOT" | "-") unary | primary
//! primary  := "(" or ")" | FIELD ":" value | value
//! value    := "\"" words "\"" | WORD | WORD "*" | WORD "~" [1|2]
//! FIELD    := kind | source | tag | title | entity | speaker
//! ```
//! Words are analysed as they are indexed (lowercase, diacritics folded,
//! English stems); a prefix (`negotiat*`) and a fuzzy word (`Stoltenbreg~`)
//! match the unstemmed words. Errors name the character where the query went
//! wrong (counted in Unicode scalar values, from 0).
//!
//! `kind:quote` and `speaker:NAME` match the source passages that hold
//! quotes (of that speaker: an entity under any of its names, or the name
//! as written); the notebook shows such hits as their quotes.

use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, BoostQuery, EmptyQuery, Occur, PhraseQuery, Query,
    RegexQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use crate::error::{Error, QueryProblemKind, Result};
use crate::index::{plain_analyzer, tokens, words_analyzer, Fields, HitKind, SearchIndex};
use crate::snippet::Pattern;

/// The fields a query may filter on.
pub const FIELDS: [&str; 6] = ["kind", "source", "tag", "title", "entity", "speaker"];

/// A parsed query, before it meets an index.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Word(String),
    Phrase(Vec<String>),
    Prefix(String),
    Fuzzy(String, u8),
    Field(String, Box<Node>),
    And(Vec<Node>),
    Or(Vec<Node>),
    Not(Box<Node>),
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Phrase(String),
    LParen,
    RParen,
    Minus,
    And,
    Or,
    Not,
    Colon,
    Star,
    Tilde(Option<u8>),
}

fn lex(q: &str) -> Result<Vec<(Tok, usize)>> {
    let chars: Vec<char> = q.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push((Tok::LParen, i));
                i += 1;
            }
            ')' => {
                out.push((Tok::RParen, i));
                i += 1;
            }
            ':' => {
                out.push((Tok::Colon, i));
                i += 1;
            }
            '*' => {
                out.push((Tok::Star, i));
                i += 1;
            }
            '~' => {
                let start = i;
                i += 1;
                let mut digits = String::new();
                while i < chars.len() && chars[i].is_ascii_digit() {
                    digits.push(chars[i]);
                    i += 1;
                }
                let d = if digits.is_empty() {
                    None
                } else {
                    match digits.parse::<u8>() {
                        Ok(d) if d <= 2 => Some(d),
                        _ => {
                            return Err(syntax(
                                QueryProblemKind::BadTerm,
                                "a fuzzy word allows at most 2 edits (write ~1 or ~2)",
                                start,
                            ))
                        }
                    }
                };
                out.push((Tok::Tilde(d), start));
            }
            '-' => {
                // '-' starting a word negates it; inside a word ("Russia-NATO")
                // the word branch below takes it; a lone '-' means nothing.
                if i + 1 < chars.len() && !chars[i + 1].is_whitespace() {
                    out.push((Tok::Minus, i));
                }
                i += 1;
            }
            '"' => {
                let start = i;
                i += 1;
                let mut s = String::new();
                while i < chars.len() && chars[i] != '"' {
                    s.push(chars[i]);
                    i += 1;
                }
                if i >= chars.len() {
                    return Err(syntax(QueryProblemKind::UnclosedQuote, "this quote is never closed", start));
                }
                i += 1;
                out.push((Tok::Phrase(s), start));
            }
            _ => {
                let start = i;
                let mut s = String::new();
                while i < chars.len()
                    && !chars[i].is_whitespace()
                    && !matches!(chars[i], '(' | ')' | '"' | ':' | '*' | '~')
                {
                    s.push(chars[i]);
                    i += 1;
                }
                let tok = match s.as_str() {
                    "AND" | "&&" => Tok::And,
                    "OR" | "||" => Tok::Or,
                    "NOT" => Tok::Not,
                    _ => Tok::Word(s),
                };
                out.push((tok, start));
            }
        }
    }
    Ok(out)
}

fn syntax(kind: QueryProblemKind, message: impl Into<String>, position: usize) -> Error {
    Error::QuerySyntax {
        kind,
        message: message.into(),
        position,
    }
}

/// How deeply parentheses and NOTs may nest. Deeper queries are refused
/// (the parser recurses, and no one types this by hand).
pub const MAX_DEPTH: usize = 32;

struct Parser {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    len: usize,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|(t, _)| t)
    }
    fn at(&self) -> usize {
        self.toks.get(self.pos).map(|(_, p)| *p).unwrap_or(self.len)
    }
    fn next(&mut self) -> Option<(Tok, usize)> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    /// Enters one level of nesting (a parenthesis or a NOT), refusing too many.
    fn deeper(&mut self, at: usize) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(syntax(
                QueryProblemKind::TooDeep,
                format!("the query nests parentheses or NOTs more than {MAX_DEPTH} deep"),
                at,
            ));
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Node> {
        let mut items = vec![self.and()?];
        while self.peek() == Some(&Tok::Or) {
            let at = self.at();
            self.pos += 1;
            if self.starts_operand() {
                items.push(self.and()?);
            } else {
                return Err(syntax(QueryProblemKind::MissingOperand, "OR needs something on its right", at));
            }
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Node::Or(items)
        })
    }

    fn starts_operand(&self) -> bool {
        matches!(
            self.peek(),
            Some(Tok::Word(_) | Tok::Phrase(_) | Tok::LParen | Tok::Minus | Tok::Not)
        )
    }

    fn and(&mut self) -> Result<Node> {
        let mut items = vec![self.unary()?];
        loop {
            match self.peek() {
                Some(Tok::And) => {
                    let at = self.at();
                    self.pos += 1;
                    if !self.starts_operand() {
                        return Err(syntax(QueryProblemKind::MissingOperand, "AND needs something on its right", at));
                    }
                    items.push(self.unary()?);
                }
                _ if self.starts_operand() => items.push(self.unary()?),
                _ => break,
            }
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Node::And(items)
        })
    }

    fn unary(&mut self) -> Result<Node> {
        match self.peek() {
            Some(Tok::Not | Tok::Minus) => {
                let at = self.at();
                self.pos += 1;
                if !self.starts_operand() {
                    return Err(syntax(QueryProblemKind::MissingOperand, "NOT needs something to exclude", at));
                }
                self.deeper(at)?;
                let inner = self.unary()?;
                self.depth -= 1;
                Ok(Node::Not(Box::new(inner)))
            }
            _ => self.primary(),
        }
    }

    fn primary(&mut self) -> Result<Node> {
        let at = self.at();
        match self.next() {
            Some((Tok::LParen, _)) => {
                if self.peek() == Some(&Tok::RParen) {
                    return Err(syntax(QueryProblemKind::Parenthesis, "empty parentheses", at));
                }
                self.deeper(at)?;
                let inner = self.or()?;
                self.depth -= 1;
                match self.next() {
                    Some((Tok::RParen, _)) => Ok(inner),
                    Some((_, p)) => Err(syntax(QueryProblemKind::Parenthesis, "expected ')' here", p)),
                    None => Err(syntax(QueryProblemKind::Parenthesis, "this parenthesis is never closed", at)),
                }
            }
            Some((Tok::Phrase(s), _)) => Ok(Node::Phrase(vec![s])),
            Some((Tok::Word(w), _)) => {
                if self.peek() == Some(&Tok::Colon) {
                    self.pos += 1;
                    return self.field(w, at);
                }
                self.word_suffix(w)
            }
            Some((Tok::RParen, p)) => Err(syntax(QueryProblemKind::Parenthesis, "')' without a matching '('", p)),
            Some((Tok::Colon, p)) => Err(syntax(QueryProblemKind::FieldValue, "':' must follow a field name", p)),
            Some((Tok::Star, p)) => Err(syntax(QueryProblemKind::BadTerm, "'*' must end a word", p)),
            Some((Tok::Tilde(_), p)) => Err(syntax(QueryProblemKind::BadTerm, "'~' must end a word", p)),
            Some((Tok::Or | Tok::And, p)) => {
                Err(syntax(QueryProblemKind::MissingOperand, "OR and AND need something on their left", p))
            }
            Some((Tok::Not | Tok::Minus, p)) => Err(syntax(QueryProblemKind::MissingOperand, "unexpected NOT", p)),
            None => Err(syntax(QueryProblemKind::MissingOperand, "the query ends too early", at)),
        }
    }

    fn word_suffix(&mut self, w: String) -> Result<Node> {
        match self.peek() {
            Some(Tok::Star) if self.adjacent() => {
                self.pos += 1;
                Ok(Node::Prefix(w))
            }
            Some(Tok::Tilde(d)) if self.adjacent() => {
                let d = d.unwrap_or(1);
                self.pos += 1;
                Ok(Node::Fuzzy(w, d))
            }
            _ => Ok(Node::Word(w)),
        }
    }

    /// Whether the current token touches the previous word (`abc*`, not `abc *`).
    fn adjacent(&self) -> bool {
        let Some((Tok::Word(w), p)) = self.toks.get(self.pos.wrapping_sub(1)) else {
            return false;
        };
        p + w.chars().count() == self.at()
    }

    fn field(&mut self, name: String, at: usize) -> Result<Node> {
        let lower = name.to_lowercase();
        if !FIELDS.contains(&lower.as_str()) {
            return Err(syntax(
                QueryProblemKind::UnknownField,
                format!("unknown field '{name}' (fields: {})", FIELDS.join(", ")),
                at,
            ));
        }
        let vat = self.at();
        let value = match self.next() {
            Some((Tok::Word(w), _)) => self.word_suffix(w)?,
            Some((Tok::Phrase(s), _)) => Node::Phrase(vec![s]),
            _ => return Err(syntax(QueryProblemKind::FieldValue, format!("'{name}:' needs a value"), vat)),
        };
        if lower == "kind" {
            let Node::Word(k) = &value else {
                return Err(syntax(QueryProblemKind::FieldValue, "kind: takes one word", vat));
            };
            if HitKind::parse(&k.to_lowercase()).is_none() {
                return Err(syntax(
                    QueryProblemKind::FieldValue,
                    format!("unknown kind '{k}' (kinds: source, note, annotation, entity, quote)"),
                    vat,
                ));
            }
        }
        Ok(Node::Field(lower, Box::new(value)))
    }
}

/// Parses a query strictly: a syntax error says where.
pub fn parse(q: &str) -> Result<Option<Node>> {
    let toks = lex(q)?;
    if toks.is_empty() {
        return Ok(None);
    }
    let mut p = Parser {
        toks,
        pos: 0,
        len: q.chars().count(),
        depth: 0,
    };
    let node = p.or()?;
    if let Some((t, at)) = p.toks.get(p.pos) {
        let (kind, msg) = match t {
            Tok::RParen => (QueryProblemKind::Parenthesis, "')' without a matching '('"),
            _ => (QueryProblemKind::Other, "unexpected text here"),
        };
        return Err(syntax(kind, msg, *at));
    }
    Ok(Some(node))
}

/// Parses any text as a query: the words of it, all required. Never fails.
pub fn parse_lenient(q: &str) -> Option<Node> {
    if let Ok(node) = parse(q) {
        return node;
    }
    let words: Vec<Node> = q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !matches!(*w, "AND" | "OR" | "NOT"))
        .map(|w| Node::Word(w.to_string()))
        .collect();
    match words.len() {
        0 => None,
        1 => words.into_iter().next(),
        _ => Some(Node::And(words)),
    }
}

/// A query ready to run, with what its snippets mark: the words, phrases
/// and names it looks for, except those it excludes.
pub(crate) struct Compiled {
    pub query: Box<dyn Query>,
    pub highlight: Vec<Pattern>,
    /// The quote filters the query holds: `Some(name)` for each
    /// `speaker:name`, `None` for `kind:quote`. Empty: no quote filter.
    pub quotes: Vec<Option<String>>,
    /// The entities of its `entity:` terms (not excluded ones): each hit
    /// also marks their names as written in it (a spelling variant the
    /// gazetteer matched), looked up for the hits shown only.
    pub entities: Vec<i64>,
}

const EXPANSIONS: usize = 50;

/// What `entity:NAME` finds: the entity's id (the term of the index's
/// `entity` field, which every passage and note section mentioning it
/// carries), the ids of the annotation documents linked to it or covering
/// a mention of it, and its name and aliases (to mark).
pub(crate) struct EntityMatch {
    pub id: i64,
    pub annotations: Vec<String>,
    pub names: Vec<String>,
}

/// Finds an entity by name for `entity:` (an unknown name is an error).
pub(crate) type EntityDocs<'a> = &'a dyn Fn(&str) -> Result<EntityMatch>;

/// Finds the index documents (source passages) that hold quotes, of one
/// speaker or (`None`) of anyone (for `speaker:` and `kind:quote`).
pub(crate) type QuoteDocs<'a> = &'a dyn Fn(Option<&str>) -> Result<Vec<String>>;

pub(crate) fn compile(
    node: &Node,
    index: &SearchIndex,
    entities: EntityDocs<'_>,
    quotes: QuoteDocs<'_>,
) -> Result<Compiled> {
    let mut highlight = Vec::new();
    let mut asked = Vec::new();
    let mut marked = Vec::new();
    let mut cx = Cx {
        index,
        f: index.fields(),
        hl: &mut highlight,
        entities,
        quotes,
        asked: &mut asked,
        marked: &mut marked,
        negated: false,
    };
    let query = build(node, &mut cx)?;
    highlight.sort();
    highlight.dedup();
    marked.sort_unstable();
    marked.dedup();
    Ok(Compiled {
        query,
        highlight,
        quotes: asked,
        entities: marked,
    })
}

struct Cx<'a> {
    index: &'a SearchIndex,
    f: Fields,
    hl: &'a mut Vec<Pattern>,
    entities: EntityDocs<'a>,
    quotes: QuoteDocs<'a>,
    asked: &'a mut Vec<Option<String>>,
    /// Entities whose spellings in each hit are marked.
    marked: &'a mut Vec<i64>,
    /// Inside a NOT: what is found here is not marked.
    negated: bool,
}

impl Cx<'_> {
    fn mark(&mut self, patterns: impl IntoIterator<Item = Pattern>) {
        if !self.negated {
            self.hl.extend(patterns);
        }
    }

    /// Builds an excluded clause: its words are not marked.
    fn excluded(&mut self, inner: &Node) -> Result<Box<dyn Query>> {
        let was = std::mem::replace(&mut self.negated, true);
        let q = build(inner, self);
        self.negated = was;
        Ok(Box::new(Excluded(q?)))
    }
}

fn build(node: &Node, cx: &mut Cx<'_>) -> Result<Box<dyn Query>> {
    let f = cx.f;
    Ok(match node {
        Node::Word(w) => {
            cx.mark(Pattern::of_text(w));
            text_query(w, &[f.title, f.body], f)
        }
        Node::Phrase(p) => {
            let text = p.join(" ");
            cx.mark(Pattern::of_text(&text));
            text_query(&text, &[f.title, f.body], f)
        }
        Node::Prefix(w) => {
            let word = plain_word(w)?;
            let words = cx.index.expand_prefix(&word, EXPANSIONS)?;
            cx.mark(words.into_iter().map(Pattern::analysed_word));
            let pattern = format!("{}.*", regex_escape(&word));
            Box::new(RegexQuery::from_pattern(&pattern, f.plain)?)
        }
        Node::Fuzzy(w, d) => {
            let word = plain_word(w)?;
            let (terms, words) = cx.index.expand_fuzzy(&word, *d, EXPANSIONS)?;
            cx.mark(words.into_iter().map(Pattern::analysed_word));
            // Constant score, as an edit-distance match always had.
            Box::new(ConstScoreQuery::new(Box::new(TermSetQuery::new(terms)), 1.0))
        }
        Node::Field(name, value) => field_query(name, value, cx)?,
        Node::And(items) => {
            let mut clauses = Vec::new();
            let mut positive = false;
            for item in items {
                match item {
                    Node::Not(inner) => clauses.push((Occur::MustNot, cx.excluded(inner)?)),
                    other => {
                        positive = true;
                        clauses.push((Occur::Must, build(other, cx)?))
                    }
                }
            }
            if !positive {
                clauses.push((Occur::Must, Box::new(AllQuery)));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        Node::Or(items) => {
            let mut clauses = Vec::new();
            for item in items {
                clauses.push((Occur::Should, build(item, cx)?));
            }
            Box::new(BooleanQuery::new(clauses))
        }
        Node::Not(inner) => Box::new(BooleanQuery::new(vec![
            (Occur::Must, Box::new(AllQuery)),
            (Occur::MustNot, cx.excluded(inner)?),
        ])),
    })
}

/// A clause to exclude (`NOT x`, `-x`). tantivy's exclusion asks the
/// excluded scorer to "seek" targets that can lie before where it stands,
/// which its phrase scorer does not allow (a debug assertion fails on
/// `-"nato nato"`; found by the query fuzz target). This wrapper answers
/// those seeks with the plain, always-safe `seek`.
#[derive(Debug)]
struct Excluded(Box<dyn Query>);

impl Clone for Excluded {
    fn clone(&self) -> Self {
        Excluded(self.0.box_clone())
    }
}

impl Query for Excluded {
    fn weight(
        &self,
        scoring: tantivy::query::EnableScoring<'_>,
    ) -> tantivy::Result<Box<dyn tantivy::query::Weight>> {
        Ok(Box::new(ExcludedWeight(self.0.weight(scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor)
    }
}

struct ExcludedWeight(Box<dyn tantivy::query::Weight>);

impl tantivy::query::Weight for ExcludedWeight {
    fn scorer(
        &self,
        reader: &tantivy::SegmentReader,
        boost: tantivy::Score,
    ) -> tantivy::Result<Box<dyn tantivy::query::Scorer>> {
        Ok(Box::new(ExcludedScorer(self.0.scorer(reader, boost)?)))
    }

    fn explain(
        &self,
        reader: &tantivy::SegmentReader,
        doc: tantivy::DocId,
    ) -> tantivy::Result<tantivy::query::Explanation> {
        self.0.explain(reader, doc)
    }
}

/// Delegates everything but `seek_danger`, which keeps the trait's default.
struct ExcludedScorer(Box<dyn tantivy::query::Scorer>);

impl tantivy::DocSet for ExcludedScorer {
    fn advance(&mut self) -> tantivy::DocId {
        self.0.advance()
    }
    fn seek(&mut self, target: tantivy::DocId) -> tantivy::DocId {
        self.0.seek(target)
    }
    fn doc(&self) -> tantivy::DocId {
        self.0.doc()
    }
    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }
}

impl tantivy::query::Scorer for ExcludedScorer {
    fn score(&mut self) -> tantivy::Score {
        self.0.score()
    }
}

fn field_query(name: &str, value: &Node, cx: &mut Cx<'_>) -> Result<Box<dyn Query>> {
    let f = cx.f;
    let raw = match value {
        Node::Word(w) => w.clone(),
        Node::Phrase(p) => p.join(" "),
        Node::Prefix(w) | Node::Fuzzy(w, _) => w.clone(),
        _ => String::new(),
    };
    Ok(match name {
        "kind" if raw.eq_ignore_ascii_case(HitKind::Quote.as_str()) => {
            cx.asked.push(None);
            any_of(f.id, &(cx.quotes)(None)?)
        }
        "speaker" => {
            cx.asked.push(Some(raw.clone()));
            any_of(f.id, &(cx.quotes)(Some(&raw))?)
        }
        "kind" => term(f.kind, &raw.to_lowercase()),
        "source" => term(f.source, &raw),
        "tag" => term(f.tag, &raw.to_lowercase()),
        "title" => match value {
            Node::Word(_) | Node::Phrase(_) => {
                cx.mark(Pattern::of_text(&raw));
                text_query(&raw, &[f.title], f)
            }
            other => build(other, cx)?,
        },
        "entity" => {
            let found = (cx.entities)(&raw)?;
            let marks: Vec<Pattern> = found
                .names
                .iter()
                .filter_map(|n| Pattern::of_name(n))
                .collect();
            cx.mark(marks);
            if !cx.negated {
                cx.marked.push(found.id);
            }
            // One term for every passage and section that mentions it (its
            // documents carry the entity's id), and the annotations by id.
            let mentioned = term(f.entity, &crate::index::entity_term(found.id));
            let q = if found.annotations.is_empty() {
                mentioned
            } else {
                let mut clauses = vec![(Occur::Should, mentioned)];
                clauses.extend(
                    found
                        .annotations
                        .iter()
                        .map(|id| (Occur::Should, term(f.id, id))),
                );
                Box::new(BooleanQuery::new(clauses))
            };
            // Every document found scores alike, as much as a word found in
            // one document only (BM25's idf for a document frequency of 1),
            // as when each was asked for by its own id.
            let n = cx.index.num_docs() as f32;
            Box::new(ConstScoreQuery::new(q, (1.0 + (n - 0.5) / 1.5).ln().max(0.0)))
        }
        _ => Box::new(EmptyQuery),
    })
}

/// Documents whose `field` is one of `values` (none: nothing).
fn any_of(field: tantivy::schema::Field, values: &[String]) -> Box<dyn Query> {
    if values.is_empty() {
        return Box::new(EmptyQuery);
    }
    Box::new(BooleanQuery::new(
        values.iter().map(|v| (Occur::Should, term(field, v))).collect(),
    ))
}

fn term(field: tantivy::schema::Field, value: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    ))
}

/// Words or a phrase, in each of `fields` (a title match counts double).
fn text_query(text: &str, fields: &[tantivy::schema::Field], f: Fields) -> Box<dyn Query> {
    let words = tokens(&mut words_analyzer(), text);
    if words.is_empty() {
        return Box::new(EmptyQuery);
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for &field in fields {
        let q: Box<dyn Query> = if words.len() == 1 {
            Box::new(TermQuery::new(
                Term::from_field_text(field, &words[0]),
                IndexRecordOption::WithFreqs,
            ))
        } else {
            Box::new(PhraseQuery::new(
                words
                    .iter()
                    .map(|w| Term::from_field_text(field, w))
                    .collect(),
            ))
        };
        let q: Box<dyn Query> = if field == f.title {
            Box::new(BoostQuery::new(q, 2.0))
        } else {
            q
        };
        clauses.push((Occur::Should, q));
    }
    if clauses.len() == 1 {
        clauses.remove(0).1
    } else {
        Box::new(BooleanQuery::new(clauses))
    }
}

/// The one plain (unstemmed, folded) word of a prefix or fuzzy term.
fn plain_word(w: &str) -> Result<String> {
    let mut words = tokens(&mut plain_analyzer(), w);
    match words.len() {
        1 => Ok(words.remove(0)),
        0 => Err(syntax(QueryProblemKind::BadTerm, format!("'{w}' has no letters to match"), 0)),
        _ => Err(syntax(
            QueryProblemKind::BadTerm,
            format!("'{w}' is several words; a prefix or fuzzy term must be one word"),
            0,
        )),
    }
}

fn regex_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if "\\.+*?()|[]{}^$#&-~\"@<>".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err_at(q: &str) -> usize {
        match parse(q) {
            Err(Error::QuerySyntax { position, .. }) => position,
            other => panic!("expected a syntax error for {q:?}, got {other:?}"),
        }
    }

    #[test]
    fn parses_the_language() {
        assert_eq!(
            parse("nato OR russia").unwrap(),
            Some(Node::Or(vec![
                Node::Word("nato".into()),
                Node::Word("russia".into())
            ]))
        );
        assert_eq!(
            parse("a -b").unwrap(),
            Some(Node::And(vec![
                Node::Word("a".into()),
                Node::Not(Box::new(Node::Word("b".into())))
            ]))
        );
        assert_eq!(parse("nego*").unwrap(), Some(Node::Prefix("nego".into())));
        assert_eq!(
            parse("stoltenbreg~2").unwrap(),
            Some(Node::Fuzzy("stoltenbreg".into(), 2))
        );
        assert_eq!(
            parse("kind:note").unwrap(),
            Some(Node::Field(
                "kind".into(),
                Box::new(Node::Word("note".into()))
            ))
        );
        assert_eq!(
            parse("Russia-NATO").unwrap(),
            Some(Node::Word("Russia-NATO".into())),
            "a hyphen inside a word is not a minus"
        );
        assert_eq!(parse("   ").unwrap(), None);
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(err_at("\"unclosed phrase"), 0);
        assert_eq!(err_at("nato (russia"), 5);
        assert_eq!(err_at("nato OR"), 5);
        assert_eq!(err_at("russia)"), 6);
        assert_eq!(err_at("colour:red"), 0);
        assert_eq!(err_at("kind:bogus"), 5);
        assert_eq!(err_at("a~7"), 1);
        assert_eq!(err_at("()"), 0);
    }

    #[test]
    fn lenient_parse_keeps_the_words() {
        assert_eq!(
            parse_lenient("\"nato (russia"),
            Some(Node::And(vec![
                Node::Word("nato".into()),
                Node::Word("russia".into())
            ]))
        );
        assert_eq!(parse_lenient("((("), None);
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let ok = format!("{}nato{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert!(parse(&ok).unwrap().is_some());
        for q in [
            format!("{}nato{}", "(".repeat(100_000), ")".repeat(100_000)),
            format!("{}nato", "NOT ".repeat(100_000)),
            format!("{}nato", "-(".repeat(50_000)),
        ] {
            match parse(&q) {
                Err(Error::QuerySyntax { message, .. }) => {
                    assert!(message.contains("deep"), "{message}")
                }
                other => panic!("expected a depth error, got {other:?}"),
            }
            assert_eq!(
                parse_lenient(&q),
                Some(Node::Word("nato".into())),
                "the lenient parse keeps the words"
            );
        }
    }
}
