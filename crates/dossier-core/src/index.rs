//! The search index: tantivy, on disk in `.dossier/index/`.
//!
//! The index is a cache derived from the notebook's files and store: it can
//! be deleted at any time and is rebuilt on open. One `SearchIndex` owns the
//! one `IndexWriter` of a notebook (taken lazily, on the first write, so that
//! readers never contend for it) and one long-lived `IndexReader`; every query
//! gets a fresh `Searcher`. Updates replace all documents of one *owner* (a
//! source's passages, a note's sections) by delete-by-term, then add.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use tantivy::collector::{Count, TopDocs};
use tantivy::directory::error::LockError;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, FAST, INDEXED, STORED,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, Stemmer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, TantivyError, Term};

use crate::error::{Error, Result};
use crate::snippet::{snippet, Pattern};
use crate::text::escape_html;

/// Bump when the schema or analysis changes: an index of another version is rebuilt.
pub const INDEX_VERSION: u32 = 7;
const VERSION_FILE: &str = "dossier-index-version";
/// Words longer than this are not indexed (base64 blobs, URLs glued together).
const MAX_TOKEN_BYTES: usize = 60;
const WRITER_MEMORY: usize = 100_000_000;
const SNIPPET_CHARS: usize = 180;
/// How long a write waits for another process's index writer by default.
pub const DEFAULT_WRITER_WAIT: Duration = Duration::from_secs(5);

/// The analyzer for words: lowercased, diacritics folded, English stems.
pub const WORDS: &str = "dossier_words";
/// The analyzer for prefix and fuzzy matching: lowercased and folded, not stemmed.
pub const PLAIN: &str = "dossier_plain";
/// The analyzer for tags: the whole tag, lowercased.
pub const TAG: &str = "dossier_tag";

/// What a document in the index stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    Source,
    Note,
    Annotation,
    Entity,
    /// A quote in a source (not an index document: a source passage that
    /// holds quotes, shown as its quotes; see `quoting.rs`).
    Quote,
}

impl HitKind {
    pub const ALL: [HitKind; 5] = [
        HitKind::Source,
        HitKind::Note,
        HitKind::Annotation,
        HitKind::Entity,
        HitKind::Quote,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            HitKind::Source => "source",
            HitKind::Note => "note",
            HitKind::Annotation => "annotation",
            HitKind::Entity => "entity",
            HitKind::Quote => "quote",
        }
    }

    pub fn parse(s: &str) -> Option<HitKind> {
        HitKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One document to index.
#[derive(Debug, Clone)]
pub struct IndexDoc {
    pub id: String,
    pub kind: HitKind,
    /// What the document belongs to; all documents of an owner are replaced together.
    pub owner: String,
    /// Shown with the hit.
    pub title: String,
    /// Whether the title is searchable in this document (a source's title
    /// only in its first passage, so that a word of the title does not match
    /// every passage).
    pub title_indexed: bool,
    pub body: String,
    pub source: Option<String>,
    pub path: Option<String>,
    pub passage: Option<usize>,
    pub start: Option<usize>,
    pub end: Option<usize>,
    pub tags: Vec<String>,
    /// The annotation a document stands for.
    pub annotation: Option<String>,
    /// The entities mentioned in it (ids), for `entity:`.
    pub entities: Vec<i64>,
}

/// A source passage's title and text: source id, start and end in characters.
pub(crate) type PassageText<'a> =
    dyn Fn(&str, usize, usize) -> Result<Option<(String, String)>> + 'a;

/// Names to mark in one hit besides the query's patterns (an entity's
/// spellings met in that hit's text), as written.
pub(crate) type HitNames<'a> = dyn Fn(&Hit) -> Result<Vec<String>> + 'a;

/// One ranked search hit.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    pub kind: HitKind,
    pub title: String,
    /// HTML: the text is escaped, and the matched words are wrapped in `<mark>`.
    pub snippet: String,
    pub score: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub passage: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// For annotation hits: the annotation's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annotation: Option<String>,
    /// For quote hits: the speaker as written, when the quote has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// For quote hits: the entity (canonical name) the speaker is, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

/// The answer to a query.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchResults {
    /// How many documents match in all.
    pub total: usize,
    /// The best of them, best first.
    pub hits: Vec<Hit>,
}

/// The fields of the schema.
#[derive(Clone, Copy)]
pub(crate) struct Fields {
    pub id: Field,
    pub kind: Field,
    pub owner: Field,
    pub title: Field,
    pub label: Field,
    pub body: Field,
    /// The stored text of a document that is not a source passage.
    pub shown: Field,
    pub plain: Field,
    pub source: Field,
    pub path: Field,
    pub tag: Field,
    pub passage: Field,
    pub start: Field,
    pub end: Field,
    pub annotation: Field,
    /// The ids of the entities a passage or section mentions (`entity:`).
    pub entity: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    // Nothing of the body is stored in the index: a source passage's text is
    // read from the store (its source's text at the passage's bounds), and
    // the short texts of the other kinds are kept in `shown`.
    let words = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(WORDS)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let plain = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(PLAIN)
            .set_index_option(IndexRecordOption::Basic),
    );
    let tag = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TAG)
            .set_index_option(IndexRecordOption::Basic),
    );
    // Entity ids: whole terms, no frequencies and no norms, so that every
    // document mentioning an entity scores alike however many it mentions.
    let entity = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_fieldnorms(false)
            .set_index_option(IndexRecordOption::Basic),
    );
    // Whole-value terms that filter (ids, kinds, owners, sources): like
    // `STRING`, without norms (a byte per document and field; each
    // document has one such term, so its norm would tell nothing).
    let filter = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_fieldnorms(false)
            .set_index_option(IndexRecordOption::Basic),
    );
    let fields = Fields {
        // Searched only (a quote's passage, an entity's annotations), never
        // read back from a hit: not stored.
        id: b.add_text_field("id", filter.clone()),
        kind: b.add_text_field("kind", filter.clone() | STORED),
        owner: b.add_text_field("owner", filter.clone()),
        title: b.add_text_field("title", words.clone()),
        label: b.add_text_field("label", STORED),
        body: b.add_text_field("body", words),
        shown: b.add_text_field("shown", STORED),
        plain: b.add_text_field("plain", plain),
        source: b.add_text_field("source", filter.clone() | STORED),
        // Shown only (never searched by): no terms.
        path: b.add_text_field("path", STORED),
        tag: b.add_text_field("tag", tag),
        passage: b.add_u64_field("passage", STORED),
        start: b.add_u64_field("start", STORED | FAST),
        end: b.add_u64_field("end", STORED),
        annotation: b.add_text_field("annotation", filter | STORED),
        entity: b.add_text_field("entity", entity),
    };
    let _ = INDEXED;
    (b.build(), fields)
}

/// The path import gives a source, `sources/<id>.md` (a source passage's
/// document stores its path only when it is another).
fn usual_source_path(source: &str) -> String {
    format!("sources/{source}.md")
}

/// The term of the `entity` field for an entity id.
pub(crate) fn entity_term(id: i64) -> String {
    id.to_string()
}

/// The word analyzer (also used by the query parser).
pub fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(FoldedWords::new(Share::Record))
        .filter(CachedStemmer)
        .build()
}

/// The words of a text as tantivy's `SimpleTokenizer` cuts them, less
/// those of [`MAX_TOKEN_BYTES`] or more (`RemoveLongFilter`), lowercased
/// ([`LowerCaser`]) and folded to ASCII ([`AsciiFoldingFilter`]): the same
/// tokens (texts, positions and offsets) as that chain, in one pass over
/// the text. A word of ASCII only (most of them) is cut and lowercased
/// byte by byte; a word with other characters goes through tantivy's own
/// filters.
///
/// The word analyzer and the plain analyzer share their words: a source
/// passage's body is indexed in the `body` field (stemmed) and then in the
/// `plain` field, on the same indexing thread, so the word analyzer keeps
/// the words of the last text it went through to the end ([`LAST_WORDS`]),
/// and the plain analyzer, given that very text next, replays them rather
/// than cutting the text again. Any other text is cut as usual.
#[derive(Clone)]
struct FoldedWords {
    token: Token,
    /// Tantivy's lowercasing and folding, for a word beyond ASCII.
    fold: TextAnalyzer,
    share: Share,
    /// The words being recorded, or replayed.
    words: Words,
}

/// What a [`FoldedWords`] does with [`LAST_WORDS`].
#[derive(Clone, Copy, PartialEq, Eq)]
enum Share {
    /// Leaves there the words of each text it cuts to the end.
    Record,
    /// Takes the words from there when its text is the one recorded.
    Replay,
}

/// The words [`FoldedWords`] gives for one text, in order.
#[derive(Clone, Default)]
struct Words {
    /// The text they were cut from.
    text: String,
    /// Their texts, one after another.
    letters: String,
    /// Each word: its end in `letters`, its offsets in the text, its position.
    words: Vec<(usize, usize, usize, usize)>,
    /// Whether these are all the words of `text`.
    complete: bool,
}

impl Words {
    fn start(&mut self, text: &str) {
        self.text.clear();
        self.text.push_str(text);
        self.letters.clear();
        self.words.clear();
        self.complete = false;
    }
}

thread_local! {
    /// The words of the last text a word analyzer of this thread cut to
    /// the end (see [`FoldedWords`]).
    static LAST_WORDS: std::cell::RefCell<Words> = std::cell::RefCell::new(Words::default());
}

impl FoldedWords {
    fn new(share: Share) -> FoldedWords {
        FoldedWords {
            token: Token::default(),
            fold: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
            share,
            words: Words::default(),
        }
    }
}

impl Tokenizer for FoldedWords {
    type TokenStream<'a> = FoldedWordsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FoldedWordsStream<'a> {
        self.token.reset();
        let replay = match self.share {
            Share::Record => {
                self.words.start(text);
                None
            }
            Share::Replay => {
                let words = &mut self.words;
                let taken = LAST_WORDS
                    .try_with(|last| match last.try_borrow_mut() {
                        Ok(mut last) if last.complete && last.text == text => {
                            std::mem::swap(&mut *last, words);
                            last.complete = false;
                            true
                        }
                        _ => false,
                    })
                    .unwrap_or(false);
                taken.then_some(0)
            }
        };
        FoldedWordsStream {
            text,
            at: 0,
            token: &mut self.token,
            fold: &mut self.fold,
            recording: self.share == Share::Record,
            words: &mut self.words,
            replay,
        }
    }
}

struct FoldedWordsStream<'a> {
    text: &'a str,
    /// Where the next word is looked for (a char boundary).
    at: usize,
    token: &'a mut Token,
    fold: &'a mut TextAnalyzer,
    /// Whether the words are being recorded (a word analyzer's stream,
    /// until its end).
    recording: bool,
    words: &'a mut Words,
    /// When replaying recorded words: the next one's index.
    replay: Option<usize>,
}

impl FoldedWordsStream<'_> {
    /// The next recorded word, or `false` at the end.
    fn replay(&mut self, i: usize) -> bool {
        self.token.text.clear();
        let Some(&(end, from, to, position)) = self.words.words.get(i) else {
            return false;
        };
        let start = match i.checked_sub(1) {
            Some(j) => self.words.words.get(j).map_or(0, |w| w.0),
            None => 0,
        };
        self.token
            .text
            .push_str(self.words.letters.get(start..end).unwrap_or_default());
        self.token.offset_from = from;
        self.token.offset_to = to;
        self.token.position = position;
        self.replay = Some(i + 1);
        true
    }

    /// Leaves the words recorded for the plain analyzer to take.
    fn publish(&mut self) {
        if !self.recording {
            return;
        }
        self.recording = false;
        self.words.complete = true;
        let words = &mut *self.words;
        let _ = LAST_WORDS.try_with(|last| {
            if let Ok(mut last) = last.try_borrow_mut() {
                std::mem::swap(&mut *last, words);
            }
        });
        self.words.complete = false;
    }
}

/// The next word of `text` at or after byte `from` (a char boundary): its
/// start and end in bytes, and whether it is all ASCII. A word is a run of
/// alphanumeric chars, as tantivy's `SimpleTokenizer` has it.
fn next_word(text: &str, from: usize) -> Option<(usize, usize, bool)> {
    let bytes = text.as_bytes();
    let mut i = from;
    loop {
        let b = *bytes.get(i)?;
        if b < 0x80 {
            if b.is_ascii_alphanumeric() {
                break;
            }
            i += 1;
        } else {
            let c = text.get(i..)?.chars().next()?;
            if c.is_alphanumeric() {
                break;
            }
            i += c.len_utf8();
        }
    }
    let start = i;
    let mut ascii = true;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                break;
            }
            i += 1;
        } else {
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                break;
            };
            if !c.is_alphanumeric() {
                break;
            }
            ascii = false;
            i += c.len_utf8();
        }
    }
    Some((start, i, ascii))
}

impl TokenStream for FoldedWordsStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(i) = self.replay {
            return self.replay(i);
        }
        // One round per word the simple tokenizer gives (each takes a
        // position), until one is short enough to keep.
        loop {
            self.token.text.clear();
            self.token.position = self.token.position.wrapping_add(1);
            let Some((start, end, ascii)) = next_word(self.text, self.at) else {
                self.at = self.text.len();
                self.publish();
                return false;
            };
            self.at = end;
            self.token.offset_from = start;
            self.token.offset_to = end;
            if end - start >= MAX_TOKEN_BYTES {
                continue;
            }
            let word = self.text.get(start..end).unwrap_or_default();
            if ascii {
                self.token.text.push_str(word);
                self.token.text.make_ascii_lowercase();
            } else {
                let mut one = self.fold.token_stream(word);
                if one.advance() {
                    self.token.text.push_str(&one.token().text);
                }
            }
            if self.recording {
                let words = &mut *self.words;
                words.letters.push_str(&self.token.text);
                words
                    .words
                    .push((words.letters.len(), start, end, self.token.position));
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// How many words' stems a thread remembers (all forgotten when full): a
/// corpus's frequent words stay, its long tail costs a bounded memory.
const CACHED_STEMS: usize = 1 << 16;

thread_local! {
    /// Word → its stem, for every word analyzer of the thread: an indexing
    /// thread's title and body analyzers, and those of each segment it
    /// writes (tantivy clones the analyzers for every segment), remember
    /// the same words. hashbrown's foldhash, seeded per process: the words
    /// are short, and SipHash was most of a lookup.
    static STEMS: std::cell::RefCell<hashbrown::HashMap<String, String>> =
        std::cell::RefCell::new(hashbrown::HashMap::new());
}

/// English stems (tantivy's [`Stemmer`]), each word's stem remembered by
/// the thread ([`STEMS`]): the stemmer runs once per distinct word, not
/// once per word of the text. The stems are the stemmer's.
#[derive(Clone, Copy)]
struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            inner: tokenizer,
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(Language::English))
                .build(),
        }
    }
}

#[derive(Clone)]
struct CachedStemmerFilter<T> {
    inner: T,
    /// The stemmer, on one word at a time.
    stemmer: TextAnalyzer,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: &mut self.stemmer,
        }
    }
}

struct CachedStemmerStream<'a, S> {
    tail: S,
    stemmer: &'a mut TextAnalyzer,
}

/// The stemmer's stem of one word.
fn stem_of(stemmer: &mut TextAnalyzer, word: &str) -> String {
    let mut one = stemmer.token_stream(word);
    if one.advance() {
        one.token().text.clone()
    } else {
        word.to_string()
    }
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let stemmer = &mut *self.stemmer;
        let cached = STEMS
            .try_with(|stems| {
                let Ok(mut stems) = stems.try_borrow_mut() else {
                    return false;
                };
                if let Some(stem) = stems.get(token.text.as_str()) {
                    token.text.clear();
                    token.text.push_str(stem);
                    return true;
                }
                let stem = stem_of(stemmer, &token.text);
                if stems.len() >= CACHED_STEMS {
                    stems.clear();
                }
                let word = std::mem::replace(&mut token.text, stem.clone());
                stems.insert(word, stem);
                true
            })
            .unwrap_or(false);
        if !cached {
            token.text = stem_of(stemmer, &token.text);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The plain analyzer (prefix and fuzzy matching).
pub fn plain_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(FoldedWords::new(Share::Replay))
}

fn tag_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build()
}

/// The tokens an analyzer makes of a text.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// The notebook's search index.
pub struct SearchIndex {
    dir: PathBuf,
    index: Index,
    reader: IndexReader,
    writer: Option<IndexWriter>,
    writer_wait: Duration,
    fields: Fields,
    dirty: bool,
}

impl SearchIndex {
    /// Opens the index in `dir`, or creates an empty one. Returns the index
    /// and whether it had to be created afresh (missing, damaged, or of
    /// another version), in which case the caller must fill it again.
    pub fn open(dir: &Path) -> Result<(SearchIndex, bool)> {
        if let Some(index) = Self::open_usable(dir) {
            return Ok((index, false));
        }
        // Nothing usable: create or remove it only under a lock that every
        // process doing so takes, and look again once it is ours, since
        // another process may have just put a fresh index in place (and
        // must not find it removed under it).
        let _making = MakingLock::take(dir)?;
        if let Some(index) = Self::open_usable(dir) {
            return Ok((index, false));
        }
        if dir.exists() {
            // Another process may be writing this index (and a reader can
            // trip over its half-done commit): never delete an index whose
            // writer lock someone holds.
            if writer_lock_held(dir) {
                return Err(Error::Busy);
            }
            std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        Ok((Self::create(dir)?, true))
    }

    /// The index in `dir` if it is there, of this version and undamaged. A
    /// damaged file can make tantivy panic rather than return an error;
    /// either way the index is only a cache, so the caller rebuilds it.
    fn open_usable(dir: &Path) -> Option<SearchIndex> {
        let opened =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| Self::open_existing(dir)));
        match opened {
            Ok(Ok(found)) => found,
            _ => None,
        }
    }

    /// Opens an existing index to search it only: no writer is taken and
    /// nothing is rebuilt; the reader loads the last commit once (no reload
    /// thread). `None` when the index is missing, damaged or of another
    /// version: the caller then opens it with [`SearchIndex::open`].
    pub fn open_reader(dir: &Path) -> Option<SearchIndex> {
        let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            Self::open_existing_with(dir, ReloadPolicy::Manual)
        }));
        match opened {
            Ok(Ok(found)) => found,
            _ => None,
        }
    }

    fn open_existing(dir: &Path) -> Result<Option<SearchIndex>> {
        Self::open_existing_with(dir, ReloadPolicy::OnCommitWithDelay)
    }

    /// [`SearchIndex::open_existing_once`], again when a file of the commit
    /// it read vanished as it opened it: another process's writer had just
    /// committed and removed the segments its new commit no longer uses.
    /// Reading the commit afresh finds the new segments; without this, an
    /// index in use would be taken for a damaged one.
    fn open_existing_with(dir: &Path, reload: ReloadPolicy) -> Result<Option<SearchIndex>> {
        let mut attempt = 0u64;
        loop {
            match Self::open_existing_once(dir, reload) {
                Err(Error::Index(TantivyError::OpenReadError(
                    tantivy::directory::error::OpenReadError::FileDoesNotExist(_),
                ))) if attempt < 8 => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(5 * attempt));
                }
                other => return other,
            }
        }
    }

    fn open_existing_once(dir: &Path, reload: ReloadPolicy) -> Result<Option<SearchIndex>> {
        let version = std::fs::read_to_string(dir.join(VERSION_FILE)).ok();
        if version.as_deref().map(str::trim) != Some(&INDEX_VERSION.to_string()) {
            return Ok(None);
        }
        let index = Index::open_in_dir(dir)?;
        let (expected, fields) = schema();
        if index.schema() != expected {
            return Ok(None);
        }
        let index = Self::with_index(dir, index, fields, reload)?;
        // Touch every segment once so that a damaged one shows now, not mid-search.
        let searcher = index.reader.searcher();
        for segment in searcher.segment_readers() {
            segment.inverted_index(fields.body)?;
            segment.get_store_reader(1).map_err(|e| Error::io(dir, e))?;
        }
        Ok(Some(index))
    }

    /// Creates an empty index: built complete (version file included) in a
    /// folder of its own, then renamed into place, so that no process ever
    /// sees a half-made index and takes it for a damaged one.
    fn create(dir: &Path) -> Result<SearchIndex> {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.with_file_name(format!(".{name}-new-{}", std::process::id()));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        }
        std::fs::create_dir_all(&tmp).map_err(|e| Error::io(&tmp, e))?;
        let (schema, fields) = schema();
        drop(Index::create_in_dir(&tmp, schema)?);
        std::fs::write(tmp.join(VERSION_FILE), INDEX_VERSION.to_string())
            .map_err(|e| Error::io(tmp.join(VERSION_FILE), e))?;
        if let Err(e) = std::fs::rename(&tmp, dir) {
            let _ = std::fs::remove_dir_all(&tmp);
            // Another process put its fresh index in place first: use that one.
            if !dir.join(VERSION_FILE).exists() {
                return Err(Error::io(dir, e));
            }
        }
        let index = Index::open_in_dir(dir)?;
        Self::with_index(dir, index, fields, ReloadPolicy::OnCommitWithDelay)
    }

    fn with_index(
        dir: &Path,
        index: Index,
        fields: Fields,
        reload: ReloadPolicy,
    ) -> Result<SearchIndex> {
        index.tokenizers().register(WORDS, words_analyzer());
        index.tokenizers().register(PLAIN, plain_analyzer());
        index.tokenizers().register(TAG, tag_analyzer());
        let reader = index
            .reader_builder()
            .reload_policy(reload)
            .try_into()?;
        Ok(SearchIndex {
            dir: dir.to_path_buf(),
            index,
            reader,
            writer: None,
            writer_wait: DEFAULT_WRITER_WAIT,
            fields,
            dirty: false,
        })
    }

    #[cfg(any(test, feature = "internals"))]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(crate) fn fields(&self) -> Fields {
        self.fields
    }

    /// How long a write waits for another process to release the index
    /// writer before it fails with [`Error::Busy`].
    pub fn set_writer_wait(&mut self, wait: Duration) {
        self.writer_wait = wait;
    }

    fn writer(&mut self) -> Result<&mut IndexWriter> {
        if self.writer.is_none() {
            let deadline = Instant::now() + self.writer_wait;
            let mut pause = Duration::from_millis(5);
            let writer = loop {
                match self.index.writer(WRITER_MEMORY) {
                    Ok(w) => break w,
                    Err(TantivyError::LockFailure(LockError::LockBusy, _)) => {
                        let now = Instant::now();
                        if now >= deadline {
                            return Err(Error::Busy);
                        }
                        std::thread::sleep(pause.min(deadline - now));
                        pause = (pause * 2).min(Duration::from_millis(100));
                    }
                    Err(other) => return Err(Error::Index(other)),
                }
            };
            // A process killed mid-commit leaves files that no commit
            // refers to (a `.del` file of the next opstamp, say); the next
            // commit would need the same name and fail with "file already
            // exists" — on every open, for good. Found by the crash test.
            writer.garbage_collect_files().wait()?;
            self.writer = Some(writer);
        }
        self.writer
            .as_mut()
            .ok_or_else(|| Error::BadInput("index writer unavailable".into()))
    }

    /// Lets go of the index writer, if this process holds one, dropping what
    /// was not committed.
    pub fn release_writer(&mut self) {
        if let Some(mut w) = self.writer.take() {
            let _ = w.rollback();
        }
    }

    /// Whether this process holds the index writer now.
    pub fn holds_writer(&self) -> bool {
        self.writer.is_some()
    }

    /// Takes the index writer now, so that a busy notebook is reported before any work.
    pub fn lock_for_writing(&mut self) -> Result<()> {
        self.writer().map(|_| ())
    }

    /// Replaces every document of `owner` with `docs` (uncommitted until [`commit`]).
    pub fn replace(&mut self, owner: &str, docs: &[IndexDoc]) -> Result<()> {
        let f = self.fields;
        let writer = self.writer()?;
        writer.delete_term(Term::from_field_text(f.owner, owner));
        for d in docs {
            let mut doc = TantivyDocument::default();
            doc.add_text(f.id, &d.id);
            doc.add_text(f.kind, d.kind.as_str());
            doc.add_text(f.owner, &d.owner);
            // A source passage's title and usual path are the store's
            // (read with its text when it is a hit): not kept per passage.
            if d.kind != HitKind::Source {
                doc.add_text(f.label, &d.title);
            }
            if d.title_indexed {
                doc.add_text(f.title, &d.title);
                doc.add_text(f.plain, &d.title);
            }
            doc.add_text(f.body, &d.body);
            doc.add_text(f.plain, &d.body);
            if d.kind != HitKind::Source {
                doc.add_text(f.shown, &d.body);
            }
            if let Some(s) = &d.source {
                doc.add_text(f.source, s);
            }
            if let Some(p) = &d.path {
                let usual = d.kind == HitKind::Source
                    && d.source.as_deref().map(usual_source_path).as_deref() == Some(p.as_str());
                if !usual {
                    doc.add_text(f.path, p);
                }
            }
            if let Some(a) = &d.annotation {
                doc.add_text(f.annotation, a);
            }
            for t in &d.tags {
                doc.add_text(f.tag, t);
            }
            for e in &d.entities {
                doc.add_text(f.entity, entity_term(*e));
            }
            if let Some(v) = d.passage {
                doc.add_u64(f.passage, v as u64);
            }
            if let Some(v) = d.start {
                doc.add_u64(f.start, v as u64);
            }
            if let Some(v) = d.end {
                doc.add_u64(f.end, v as u64);
            }
            writer.add_document(doc)?;
        }
        self.dirty = true;
        Ok(())
    }

    /// Removes every document of `owner` (uncommitted until [`commit`]).
    pub fn remove(&mut self, owner: &str) -> Result<()> {
        let f = self.fields;
        self.writer()?
            .delete_term(Term::from_field_text(f.owner, owner));
        self.dirty = true;
        Ok(())
    }

    /// Empties the index (uncommitted until [`commit`]).
    pub fn clear(&mut self) -> Result<()> {
        self.writer()?.delete_all_documents()?;
        self.dirty = true;
        Ok(())
    }

    /// Commits pending changes and makes them visible to the next search.
    pub fn commit(&mut self) -> Result<()> {
        if !self.dirty {
            return Ok(());
        }
        if let Some(w) = self.writer.as_mut() {
            w.commit()?;
        }
        self.reader.reload()?;
        self.dirty = false;
        Ok(())
    }

    /// Drops pending changes.
    pub fn rollback(&mut self) -> Result<()> {
        if let Some(w) = self.writer.as_mut() {
            w.rollback()?;
        }
        self.dirty = false;
        Ok(())
    }

    /// Number of live documents belonging to `owner`.
    pub fn count_owner(&self, owner: &str) -> Result<usize> {
        let q = TermQuery::new(
            Term::from_field_text(self.fields.owner, owner),
            IndexRecordOption::Basic,
        );
        Ok(self.reader.searcher().search(&q, &Count)?)
    }

    /// Number of live documents.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Files of the index whose checksum is wrong.
    pub fn damaged_files(&self) -> Result<Vec<PathBuf>> {
        Ok(self.index.validate_checksum()?.into_iter().collect())
    }

    /// Runs a compiled query: the top `limit` hits with snippets, and the
    /// total. `passage_text` gives a source passage's text (source id, start
    /// and end in characters): the index does not store it.
    pub(crate) fn search(
        &self,
        query: &dyn Query,
        highlight: &[Pattern],
        limit: usize,
        passage_text: &PassageText<'_>,
        hit_names: &HitNames<'_>,
    ) -> Result<SearchResults> {
        let searcher = self.reader.searcher();
        let (top, total) = searcher.search(
            query,
            &(TopDocs::with_limit(limit.max(1)).order_by_score(), Count),
        )?;
        let f = self.fields;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top.into_iter().take(limit) {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .map(str::to_string)
            };
            let num = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_u64())
                    .map(|v| v as usize)
            };
            let kind = text(f.kind)
                .as_deref()
                .and_then(HitKind::parse)
                .unwrap_or(HitKind::Source);
            let (title, body) = match (kind, text(f.source), num(f.start), num(f.end)) {
                (HitKind::Source, Some(source), Some(start), Some(end)) => {
                    passage_text(&source, start, end)?.unwrap_or_default()
                }
                _ => (
                    text(f.label).unwrap_or_default(),
                    text(f.shown).unwrap_or_default(),
                ),
            };
            let path = match (kind, text(f.path), text(f.source)) {
                (HitKind::Source, None, Some(source)) => Some(usual_source_path(&source)),
                (_, path, _) => path,
            };
            let mut hit = Hit {
                kind,
                title,
                snippet: String::new(),
                score,
                source: text(f.source),
                passage: num(f.passage),
                start: num(f.start),
                end: num(f.end),
                path,
                annotation: text(f.annotation),
                speaker: None,
                entity: None,
            };
            let names = hit_names(&hit)?;
            let html = if names.is_empty() {
                snippet(&body, highlight, SNIPPET_CHARS)
            } else {
                let mut patterns = highlight.to_vec();
                patterns.extend(names.iter().filter_map(|n| Pattern::of_name(n)));
                patterns.sort();
                patterns.dedup();
                snippet(&body, &patterns, SNIPPET_CHARS)
            };
            hit.snippet = html.unwrap_or_else(|| lead(&body));
            hits.push(hit);
        }
        Ok(SearchResults { total, hits })
    }

    /// Expands a prefix on the plain field into the stemmed words it matches
    /// (for highlighting), at most `max` of them.
    pub(crate) fn expand_prefix(&self, prefix: &str, max: usize) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let mut out = Vec::new();
        let mut stem = words_analyzer();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.plain)?;
            let mut stream = inverted
                .terms()
                .range()
                .ge(prefix.as_bytes())
                .into_stream()
                .map_err(|e| Error::io(&self.dir, e))?;
            while stream.advance() {
                let key = stream.key();
                if !key.starts_with(prefix.as_bytes()) || out.len() >= max {
                    break;
                }
                if let Ok(word) = std::str::from_utf8(key) {
                    out.extend(tokens(&mut stem, word));
                }
            }
        }
        Ok(out)
    }

    /// The words of the `plain` field within `distance` edits of `word`
    /// (transpositions count one), every one of every segment, and the
    /// stemmed forms of the first of them (up to `max`) for the snippets
    /// to mark. The query then matches the words found (a set of terms)
    /// rather than walking the term dictionaries with the edit automaton a
    /// second time: the walk is most of a fuzzy query's time.
    pub(crate) fn expand_fuzzy(
        &self,
        word: &str,
        distance: u8,
        max: usize,
    ) -> Result<(Vec<Term>, Vec<String>)> {
        let searcher = self.reader.searcher();
        let (mut terms, mut marks) = (Vec::new(), Vec::new());
        let mut stem = words_analyzer();
        let query = tantivy::query::FuzzyTermQuery::new(
            Term::from_field_text(self.fields.plain, word),
            distance,
            true,
        );
        // One automaton for every segment: building it is the costly part.
        let automaton = query.automaton()?;
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(self.fields.plain)?;
            let mut stream = inverted
                .terms()
                .search(&automaton)
                .into_stream()
                .map_err(|e| Error::io(&self.dir, e))?;
            while stream.advance() {
                let Ok(w) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                if marks.len() < max {
                    marks.extend(tokens(&mut stem, w));
                }
                terms.push(Term::from_field_text(self.fields.plain, w));
            }
        }
        Ok((terms, marks))
    }
}

/// The lock taken to create or remove the index in `dir`: a file beside
/// the index folder (never deleted, so that every process locks the same
/// file), held exclusively until dropped.
struct MakingLock {
    _held: std::fs::File,
}

impl MakingLock {
    fn take(dir: &Path) -> Result<MakingLock> {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = dir.with_file_name(format!(".{name}.lock"));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        file.lock().map_err(|e| Error::io(&path, e))?;
        Ok(MakingLock { _held: file })
    }
}

/// Whether another process holds the writer lock of the index in `dir`.
fn writer_lock_held(dir: &Path) -> bool {
    use tantivy::directory::{Directory, MmapDirectory, INDEX_WRITER_LOCK};
    let Ok(d) = MmapDirectory::open(dir) else {
        return false;
    };
    matches!(d.acquire_lock(&INDEX_WRITER_LOCK), Err(LockError::LockBusy))
}

/// The start of a text, escaped, for hits with no matched words to show.
fn lead(body: &str) -> String {
    let mut s: String = body.chars().take(SNIPPET_CHARS).collect();
    if s.len() < body.len() {
        if let Some(cut) = s.rfind(' ') {
            s.truncate(cut);
        }
        s.push('…');
    }
    escape_html(&s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Barrier};
    use tantivy::tokenizer::{RemoveLongFilter, SimpleTokenizer};

    /// Every token (text, position and offsets) of `text` by `analyzer`.
    fn all_tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            out.push(stream.token().clone());
        }
        out
    }

    /// The cached stemmer gives the stemmer's own tokens: on words seen
    /// again (its cache), on new ones, and once its cache was emptied for
    /// being full, through one analyzer used text after text.
    #[test]
    fn cached_stems_are_the_stemmers() {
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut cached = words_analyzer();
        let mut texts: Vec<String> = vec![
            "Running runners ran; the runner runs. RUNNING again, and running.".into(),
            "Crème brûlée, naïve café owners: generalizations generalised généralement.".into(),
            "Ministers' ministries administered administrations in 1999–2004, 3.5% of GDP.".into(),
            format!("{} short {}", "x".repeat(70), "y".repeat(59)),
            "Москва говорила; 東京 said; the Geneva talks (talking, talked) continued.".into(),
            String::new(),
        ];
        // More distinct words than the cache keeps, each seen twice.
        let syllables = ["ka", "lo", "mi", "ter", "sion", "ing", "ed", "ly", "ness", "al"];
        let mut words = Vec::new();
        for a in syllables {
            for b in syllables {
                for c in syllables {
                    for d in syllables {
                        for e in syllables {
                            words.push(format!("{a}{b}{c}{d}{e}"));
                        }
                    }
                }
            }
        }
        assert!(words.len() > CACHED_STEMS);
        for chunk in words.chunks(500) {
            texts.push(chunk.join(" "));
        }
        for chunk in words.chunks(500) {
            texts.push(chunk.join(", "));
        }
        texts.extend(texts.clone().into_iter().take(6));
        let mut stemmed = 0;
        for text in &texts {
            let want = all_tokens(&mut plain, text);
            assert_eq!(all_tokens(&mut cached, text), want, "{text}");
            stemmed += want
                .iter()
                .filter(|t| !text.to_lowercase().contains(&t.text))
                .count();
        }
        // The texts do have words the stemmer shortens.
        assert!(stemmed > 1000, "{stemmed}");
        // A clone (the index's per-field analyzers) stems alike.
        let mut clone = cached.clone();
        assert_eq!(
            all_tokens(&mut clone, &texts[0]),
            all_tokens(&mut plain, &texts[0])
        );
    }

    /// Tantivy's chain that [`FoldedWords`] does in one pass.
    fn tantivys_chain() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build()
    }

    /// The plain analyzer's tokens are tantivy's chain's (texts, positions
    /// and offsets): ASCII and other words, words at and about the length
    /// limit (skipped ones still take a position), digits, marks and
    /// letters that lowercase or fold to several.
    #[test]
    fn folded_words_are_tantivys_chain() {
        let long = "w".repeat(MAX_TOKEN_BYTES);
        let just = "v".repeat(MAX_TOKEN_BYTES - 1);
        let texts = [
            String::new(),
            " ,;".into(),
            "The Fulton County Grand Jury said Friday an investigation of Atlanta's".into(),
            "Crème brûlée, NAÏVE café; Œuvre STRASSE straße İstanbul ǅemal ﬁnance".into(),
            "Москва ГОВОРИЛА; 東京 said; x²+y₂ = ½ — 3.5% of ⅓ GDP in 1999–2004".into(),
            format!("{long} kept {just} {long}é é{long} ü{just} end"),
            format!("a{long}b ok"),
            "e\u{301}cole co\u{308}operate a\u{200d}b 🙂smile🙂 x\u{0}y".into(),
            "trailing word".into(),
            "ÀÉÎÕÜ àéîõü ÆæØøÅå ÞþÐð ß Ŀŀ Ĳĳ".into(),
        ];
        let (mut want, mut got) = (tantivys_chain(), plain_analyzer());
        let mut words = words_analyzer();
        for text in &texts {
            let chain = all_tokens(&mut want, text);
            // Cut afresh.
            assert_eq!(all_tokens(&mut got, text), chain, "{text}");
            // Replayed from the word analyzer's words (as the index does):
            // they are there, and taken.
            all_tokens(&mut words, text);
            let left = || LAST_WORDS.with(|l| l.borrow().complete.then(|| l.borrow().text.clone()));
            assert_eq!(left().as_deref(), Some(text.as_str()));
            assert_eq!(all_tokens(&mut got, text), chain, "{text}");
            assert_eq!(left(), None);
            // Once taken, the words are not there for the next text.
            assert_eq!(all_tokens(&mut got, text), chain, "{text}");
            // A word analyzer stopped before the end leaves nothing.
            let mut stream = words.token_stream(text);
            stream.advance();
            drop(stream);
            assert_eq!(all_tokens(&mut got, text), chain, "{text}");
            // Another text's words are not taken.
            all_tokens(&mut words, &format!("{text} more"));
            assert_eq!(all_tokens(&mut got, text), chain, "{text}");
        }
        // The texts do have tokens of each kind.
        let all: Vec<Token> = texts
            .iter()
            .flat_map(|t| all_tokens(&mut want, t))
            .collect();
        assert!(all.iter().any(|t| t.text == "oeuvre"));
        assert!(all.iter().any(|t| t.text == "moskva" || t.text == "москва"));
        assert!(all.windows(2).any(|w| w[1].position > w[0].position + 1));
    }

    proptest::proptest! {
        /// Any text, of ASCII and other chars mixed.
        #[test]
        fn folded_words_are_tantivys_chain_on_any_text(
            text in "([a-zA-Z0-9 .,'\\-]{0,12}|[\\PC]{0,6}|[a-z]{55,65}|[éÉßœŒøØ])*",
            recorded in 0..3usize,
        ) {
            let (mut want, mut got) = (tantivys_chain(), plain_analyzer());
            let chain = all_tokens(&mut want, &text);
            // The plain analyzer after a word analyzer cut this text, a
            // part of it, or nothing.
            let mut words = words_analyzer();
            match recorded {
                0 => drop(all_tokens(&mut words, &text)),
                1 => drop(all_tokens(&mut words, text.get(..text.len() / 2).unwrap_or(""))),
                _ => {}
            }
            proptest::prop_assert_eq!(all_tokens(&mut got, &text), chain);
        }
    }

    /// Several openers of an index nobody has made yet (six importers and a
    /// searcher started together on a new notebook): one creates it, the
    /// others open that one; none removes the index another just put in
    /// place, so every one of them can search and commit afterwards.
    #[test]
    fn openers_of_a_new_index_at_once_all_get_the_same_index() {
        for round in 0..40 {
            let tmp = tempfile::tempdir().unwrap();
            let dir = Arc::new(tmp.path().join("index"));
            let openers = 6;
            let start = Arc::new(Barrier::new(openers));
            let handles: Vec<_> = (0..openers)
                .map(|_| {
                    let (dir, start) = (Arc::clone(&dir), Arc::clone(&start));
                    std::thread::spawn(move || {
                        start.wait();
                        let (index, created) = SearchIndex::open(&dir)?;
                        // What a caller does next: read the last commit.
                        Index::open_in_dir(&*dir)?;
                        index.reader.reload()?;
                        Ok::<bool, Error>(created)
                    })
                })
                .collect();
            let mut created = 0;
            for h in handles {
                match h.join().unwrap() {
                    Ok(c) => created += usize::from(c),
                    Err(e) => panic!("round {round}: an opener failed: {e}"),
                }
            }
            assert_eq!(created, 1, "round {round}: the index was made {created} times");
        }
    }
}
