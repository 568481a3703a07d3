//! Types that cross to the web view. They are the shell's, not the engine's:
//! each is built from a `dossier_core` type here, serialised as camelCase JSON,
//! and has a generated TypeScript twin in `ui/src/lib/bindings.ts`.
//!
//! Counts and offsets are `u32` so that TypeScript sees a plain `number`.
//! Offsets keep the engine's unit: Unicode code points into the source text.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error as the UI sees it: a stable `code` to branch on and a message for
/// people. Engine codes are passed through (`not_found`, `bad_input`,
/// `query_syntax`, `busy`, `io`, `database`, `index`, `corrupt`); the shell adds
/// `no_notebook`, `not_allowed` and `internal`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CommandError {
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NotebookView {
    /// Folder name.
    pub name: String,
    /// Absolute path of the notebook folder, for display and the recent list.
    pub root: String,
    pub sources: Vec<SourceItem>,
    pub notes: Vec<NoteItem>,
    /// Known entities, by name.
    pub entities: Vec<EntityItem>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntityItem {
    pub name: String,
    /// `person`, `organisation`, `place`, `event`, `date` or `other`.
    pub kind: String,
    pub aliases: Vec<String>,
    pub mentions: u32,
}

/// One entity's page: its names, its mentions in context, the notes that
/// link to it and the entities named in the same passages.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntityView {
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    /// An authority id such as a Wikidata QID.
    pub external_id: Option<String>,
    pub mentions: Vec<MentionView>,
    pub notes: Vec<NoteItem>,
    pub cooccurring: Vec<Cooccurrence>,
    /// What it said, in source and reading order.
    pub quotes: Vec<QuoteView>,
}

/// A quote with its speaker.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuoteView {
    /// Source id.
    pub source: String,
    /// The source's title.
    pub title: String,
    pub quote: String,
    /// `direct` or `indirect`.
    pub kind: String,
    /// The speech verb as written ("said", "according to").
    pub cue: Option<String>,
    /// The speaker as written.
    pub speaker: Option<String>,
    /// `named`, `description` or `pronoun`.
    pub speaker_kind: Option<String>,
    /// The entity the speaker is, when known.
    pub entity: Option<String>,
    /// Code-point offsets of the quoted words in the source text.
    pub start: u32,
    pub end: u32,
}

/// The quotes of one speaker in a source.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpeakerQuotesView {
    /// The entity's name, else the speaker as written; `null`: not found.
    pub speaker: Option<String>,
    /// `named`, `description`, `pronoun`, or `null` with no speaker.
    pub speaker_kind: Option<String>,
    pub entity: Option<String>,
    pub quotes: Vec<QuoteView>,
}

/// Turning a found quote (its span in the source) into a highlight.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuoteHighlightRequest {
    /// Source id.
    pub source: String,
    /// Code-point offsets of the quote, as in `QuoteView`.
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MentionView {
    /// `source` or `note`.
    pub kind: String,
    pub source: Option<String>,
    pub path: Option<String>,
    pub title: String,
    /// Passage ordinal (source) or section ordinal (note).
    pub part: u32,
    /// The words as written, and the text around them.
    pub text: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Cooccurrence {
    pub name: String,
    /// In how many passages both are named.
    pub passages: u32,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NameRequest {
    pub name: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceItem {
    pub id: String,
    pub title: String,
    pub path: String,
    pub passages: u32,
    pub outlet: Option<String>,
    pub published: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteItem {
    /// Relative to the notebook, '/'-separated.
    pub path: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SourceView {
    pub id: String,
    pub path: String,
    pub title: String,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub url: Option<String>,
    pub passages: Vec<PassageView>,
    /// The source's annotations in reading order; orphans (status `orphan`)
    /// are kept in the list so the UI can show them apart.
    pub annotations: Vec<AnnotationView>,
    /// Mentions of known entities in the text, in reading order.
    pub mentions: Vec<MentionSpan>,
}

/// A mention of a known entity in a source's text.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MentionSpan {
    /// The entity's canonical name.
    pub entity: String,
    /// `person`, `organisation`, `place`, `event`, `date` or `other`.
    pub kind: String,
    /// Code-point offsets in the source text.
    pub start: u32,
    pub end: u32,
}

/// A new highlight: a selection in the reader, with what the user wrote.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnnotateRequest {
    /// Source id.
    pub source: String,
    /// Code-point offsets in the source text.
    pub start: u32,
    pub end: u32,
    /// The selected text; when given, the engine refuses the highlight if
    /// the text at `start..end` is not this (a check on the offsets).
    pub quote: Option<String>,
    /// Markdown.
    pub comment: String,
    pub tags: Vec<String>,
    /// A colour name, `#rrggbb`, or `null` for yellow.
    pub color: Option<String>,
    /// Names (or aliases) of entities to link.
    pub entities: Vec<String>,
}

/// A span of the current text, to re-attach a highlight to by hand.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SpanRequest {
    /// Code-point offsets in the source text.
    pub start: u32,
    pub end: u32,
    /// The selected text, checked against the text at `start..end`.
    pub quote: Option<String>,
}

/// A change to a highlight; `null` leaves a field as it is.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnnotationEditRequest {
    pub id: String,
    pub comment: Option<String>,
    pub tags: Option<Vec<String>>,
    pub color: Option<String>,
    /// Replaces the linked entities (names or aliases).
    pub entities: Option<Vec<String>>,
    /// Re-attach to a new span of the current text.
    pub reattach: Option<SpanRequest>,
}

/// A name the engine proposes as a new entity.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SuggestionView {
    pub name: String,
    /// The engine's guess of the kind.
    pub kind: String,
    /// Every spelling seen, the name included.
    pub variants: Vec<String>,
    /// How often it occurs, all spellings together.
    pub count: u32,
    /// Quotes the source attributes to this name, as evidence.
    pub quotes: Vec<String>,
}

/// Accepting a suggestion, with the kind and aliases the user chose.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AcceptSuggestionRequest {
    /// The source it was suggested for.
    pub source: String,
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewEntityRequest {
    pub name: String,
    pub kind: String,
    pub aliases: Vec<String>,
}

/// An entity just created, and the notebook's entities after it (mention
/// counts changed).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntitiesChanged {
    pub entity: EntityItem,
    pub entities: Vec<EntityItem>,
}

/// The files changed on disk (another program wrote them) and the notebook
/// took the change in (event `dossier://notebook-changed`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NotebookChanged {
    pub notebook: NotebookView,
    pub sources_changed: u32,
    pub notes_changed: u32,
    pub removed: u32,
    /// Highlights re-anchored because their source's text changed.
    pub reanchored: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AnnotationView {
    pub id: String,
    /// Code-point offsets in the source text, where the highlight stands now.
    pub start: u32,
    pub end: u32,
    /// The quote as it was highlighted.
    pub exact: String,
    /// Markdown, as written (what the editor shows).
    pub comment: String,
    /// The comment as one line of plain text (the engine takes the Markdown
    /// off), for lists and tooltips.
    pub comment_text: String,
    pub tags: Vec<String>,
    pub entities: Vec<String>,
    /// A colour name (`yellow`, `green`, `blue`, `pink`, `purple`, `orange`) or `#rrggbb`.
    pub color: String,
    /// `exact`, `moved`, `fuzzy` or `orphan`.
    pub status: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PassageView {
    pub ordinal: u32,
    /// Code-point offsets of the passage in the source text.
    pub start: u32,
    pub end: u32,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteView {
    pub path: String,
    pub title: String,
    /// Markdown as written; the UI shows it as text, never as HTML.
    pub body: String,
    /// The hash of `body`: give it back with the next save, so that a file
    /// changed on disk meanwhile is noticed (and both versions kept).
    pub hash: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveNoteRequest {
    pub path: String,
    pub body: String,
    /// The `hash` of the text the editor loaded (or last saved).
    pub expected_hash: Option<String>,
}

/// What a save did.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedNote {
    pub path: String,
    /// The hash of the text now in the file.
    pub hash: String,
    /// Set when the file had changed on disk since it was loaded: the other
    /// program's text stayed in the file and this save went to this note.
    pub conflict: Option<String>,
    /// The note's title now, and the notebook's notes (titles may change).
    pub title: String,
    pub notes: Vec<NoteItem>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReloadNoteRequest {
    pub path: String,
    /// The `hash` of the text the editor has.
    pub hash: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RenderRequest {
    /// Markdown of this notebook (a note as it is being typed).
    pub markdown: String,
}

/// Markdown rendered by the engine: sanitised HTML (allow-listed tags,
/// `http(s)`, `mailto` and `dossier:` links only), safe to insert.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RenderedView {
    pub html: String,
    /// Wiki links that point to nothing in the notebook yet.
    pub unresolved: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewNoteRequest {
    pub title: String,
    /// A source the note is about: the note starts with a link to it.
    pub source: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RenameNoteRequest {
    pub path: String,
    /// The new name, relative to the notebook (`.md` is added if missing).
    pub new_path: String,
}

/// A note created, renamed or deleted, with the notebook as it is now.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteChange {
    /// The note created or renamed; `null` after a delete.
    pub note: Option<NoteView>,
    /// Notes whose links were rewritten (rename), or where the deleted
    /// note's file was kept (delete: under `.dossier/trash/`).
    pub detail: Vec<String>,
    pub notebook: NotebookView,
}

/// Notes that link to a note, source or entity, and notes that name it
/// without a link.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BacklinksView {
    pub target: String,
    pub linked: Vec<BacklinkView>,
    pub unlinked: Vec<BacklinkView>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BacklinkView {
    pub path: String,
    pub title: String,
    /// Code-point offsets in the note's file (give them back to `link_mention`).
    pub start: u32,
    pub end: u32,
    /// The words as plain text, and up to 60 characters either side, cut
    /// at word boundaries by the engine (Markdown taken off).
    pub text: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LinkMentionRequest {
    pub path: String,
    pub start: u32,
    pub end: u32,
    /// What the new link points to (a note, source or entity name).
    pub target: String,
}

/// The window's answer to `dossier://close-requested`.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CloseRequest {
    /// Everything typed is written: close. `false`: a save failed, so the
    /// window stays open (and the next close request asks again).
    pub saved: bool,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UrlRequest {
    pub url: String,
}

/// What to export.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase", tag = "kind", content = "name")]
pub enum ExportScope {
    Note(String),
    Source(String),
    Entity(String),
    All,
}

#[derive(Debug, Clone, Copy, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Markdown,
    Jsonld,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    pub scope: ExportScope,
    pub format: ExportFormat,
    /// Keep `[[wiki links]]`, to open the folder as an Obsidian vault.
    pub vault: bool,
    /// A folder chosen with `choose_export_folder`.
    pub folder: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportProgress {
    pub done: u32,
    pub total: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeptFile {
    /// A file in the folder that was changed since the last export: left as it is.
    pub kept: String,
    /// Where the new version was written instead.
    pub beside: String,
}

/// What an export wrote, relative to `folder`.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExportSummary {
    pub folder: String,
    pub written: Vec<String>,
    pub unchanged: Vec<String>,
    pub kept: Vec<KeptFile>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    Source,
    Note,
    Annotation,
    Entity,
    Quote,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub kind: HitKind,
    pub title: String,
    /// HTML-escaped text where the only markup is `<mark>`; the UI still
    /// parses it with an allow-list and never inserts it as HTML.
    pub snippet: String,
    pub score: f32,
    /// Source id, for hits in a source.
    pub source: Option<String>,
    /// Passage ordinal within the source.
    pub passage: Option<u32>,
    pub start: Option<u32>,
    pub end: Option<u32>,
    /// Note path, for hits in a note.
    pub path: Option<String>,
    /// For annotation hits: the annotation's id.
    pub annotation: Option<String>,
    /// For quote hits: the speaker as written.
    pub speaker: Option<String>,
    /// For quote hits: the entity the speaker is, when known.
    pub entity: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuerySyntaxProblem {
    /// What kind of problem (`unclosed_quote`, `parenthesis`, `missing_operand`, …).
    pub kind: String,
    /// The engine's sentence for people: shown as it is.
    pub explanation: String,
    /// The parser's own words.
    pub message: String,
    /// Code-point offset in the query where the problem was found.
    pub position: u32,
}

impl From<dossier_core::QueryProblem> for QuerySyntaxProblem {
    fn from(p: dossier_core::QueryProblem) -> Self {
        QuerySyntaxProblem {
            kind: p.kind.as_str().to_string(),
            explanation: p.explanation,
            message: p.message,
            position: count(p.position),
        }
    }
}

/// Answer to one search. When the query is not valid strict syntax,
/// `syntaxError` says why and `hits` are the lenient reading of the query.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchResponse {
    pub query: String,
    pub total: u32,
    pub hits: Vec<SearchHit>,
    pub syntax_error: Option<QuerySyntaxProblem>,
    pub elapsed_ms: f64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchRequest {
    pub query: String,
    /// At most this many hits; the shell caps it at 200.
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PathRequest {
    pub path: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct IdRequest {
    pub id: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRequest {
    /// Paths the user chose in the dialog or dropped on the window.
    pub paths: Vec<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProgress {
    pub done: u32,
    pub total: u32,
    pub path: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportIssue {
    pub path: String,
    /// Why it was refused, or the id of the source it duplicates.
    pub detail: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportSummary {
    pub imported: Vec<SourceItem>,
    pub duplicates: Vec<ImportIssue>,
    pub refused: Vec<ImportIssue>,
    /// Web pages imported before whose text changed: now the latest
    /// version of their source.
    pub updated: Vec<SourceItem>,
    /// Web pages imported before whose text had not changed (`detail`: the
    /// source's id).
    pub unchanged: Vec<ImportIssue>,
    /// The notebook after the import, so the sidebar can refresh at once.
    pub notebook: NotebookView,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecentNotebook {
    pub path: String,
    pub name: String,
    /// Milliseconds since the Unix epoch.
    pub opened_at: f64,
}

/// What the window needs on its first render.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Startup {
    /// The notebook opened at launch: `DOSSIER_NOTEBOOK`, else the first
    /// command-line argument, else the most recent notebook.
    pub notebook: Option<NotebookView>,
    /// Why that notebook could not be opened, if it could not.
    pub error: Option<CommandError>,
    pub recent: Vec<RecentNotebook>,
    /// The notebook's first source, which the window shows first: sent
    /// with the answer so that the first paint needs no second call.
    pub first_source: Option<SourceView>,
}

/// Paths dropped on the window (event `dossier://files-dropped`), split into
/// files (to import) and folders (to open as a notebook).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FilesDropped {
    pub files: Vec<String>,
    pub folders: Vec<String>,
}

/// Whether files are being dragged over the window (event `dossier://drag-hover`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DragHover {
    pub active: bool,
}

/// The window's own launch steps, sent with its first paint: each in the
/// page's clock (milliseconds since its navigation started), with that
/// clock's reading when the call was made.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FirstPaintRequest {
    pub marks: Vec<LaunchMark>,
    pub now_ms: f64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LaunchMark {
    pub name: String,
    pub ms: f64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FirstPaint {
    /// Milliseconds from the start of `run()` to the UI's first paint of the notebook.
    pub since_launch_ms: f64,
}

// ---- conversions from the engine -------------------------------------------

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<&dossier_core::SourceSummary> for SourceItem {
    fn from(s: &dossier_core::SourceSummary) -> Self {
        SourceItem {
            id: s.id.clone(),
            title: s.title.clone(),
            path: s.path.clone(),
            passages: count(s.passages),
            outlet: s.outlet.clone(),
            published: s.published.clone(),
        }
    }
}

impl From<&dossier_core::NoteSummary> for NoteItem {
    fn from(n: &dossier_core::NoteSummary) -> Self {
        NoteItem {
            path: n.path.clone(),
            title: n.title.clone(),
        }
    }
}

impl From<dossier_core::Source> for SourceView {
    fn from(s: dossier_core::Source) -> Self {
        SourceView {
            id: s.id,
            path: s.path,
            title: s.meta.title,
            outlet: s.meta.outlet,
            author: s.meta.author,
            published: s.meta.published,
            url: s.meta.url,
            passages: s
                .passages
                .into_iter()
                .map(|p| PassageView {
                    ordinal: count(p.ordinal),
                    start: count(p.start),
                    end: count(p.end),
                    text: p.text,
                })
                .collect(),
            annotations: Vec::new(),
            mentions: Vec::new(),
        }
    }
}

impl From<&dossier_core::Annotation> for AnnotationView {
    fn from(a: &dossier_core::Annotation) -> Self {
        AnnotationView {
            id: a.id.clone(),
            start: count(a.start),
            end: count(a.end),
            exact: a.exact.clone(),
            comment: a.comment.clone(),
            comment_text: dossier_core::inline_text(&a.comment),
            tags: a.tags.clone(),
            entities: a.entities.clone(),
            color: a.color.clone(),
            status: a.status.as_str().to_string(),
        }
    }
}

impl From<&dossier_core::SourceMention> for MentionSpan {
    fn from(m: &dossier_core::SourceMention) -> Self {
        MentionSpan {
            entity: m.entity.clone(),
            kind: m.kind.clone(),
            start: count(m.start),
            end: count(m.end),
        }
    }
}

impl From<dossier_core::Suggestion> for SuggestionView {
    fn from(s: dossier_core::Suggestion) -> Self {
        SuggestionView {
            name: s.name,
            kind: s.kind,
            variants: s.variants,
            count: count(s.count),
            quotes: s.quotes,
        }
    }
}

impl NotebookChanged {
    pub fn new(notebook: NotebookView, report: &dossier_core::SyncReport) -> Self {
        NotebookChanged {
            notebook,
            sources_changed: count(report.sources_changed),
            notes_changed: count(report.notes_changed),
            removed: count(report.removed),
            reanchored: count(report.reanchored),
        }
    }
}

impl From<&dossier_core::Entity> for EntityItem {
    fn from(e: &dossier_core::Entity) -> Self {
        EntityItem {
            name: e.name.clone(),
            kind: e.kind.clone(),
            aliases: e.aliases.clone(),
            mentions: count(e.mentions),
        }
    }
}

impl From<dossier_core::EntityPage> for EntityView {
    fn from(p: dossier_core::EntityPage) -> Self {
        EntityView {
            name: p.entity.name,
            kind: p.entity.kind,
            aliases: p.entity.aliases,
            description: p.entity.description,
            external_id: p.entity.external_id,
            mentions: p
                .mentions
                .into_iter()
                .map(|m| MentionView {
                    kind: m.kind,
                    source: m.source,
                    path: m.path,
                    title: m.title,
                    part: count(m.part),
                    text: m.text,
                    before: m.before,
                    after: m.after,
                })
                .collect(),
            notes: p.notes.iter().map(NoteItem::from).collect(),
            cooccurring: p
                .cooccurring
                .into_iter()
                .map(|(name, n)| Cooccurrence {
                    name,
                    passages: count(n),
                })
                .collect(),
            quotes: Vec::new(),
        }
    }
}

impl QuoteView {
    /// A quote, with its source's title.
    pub fn new(q: dossier_core::QuoteHit, title: String) -> Self {
        QuoteView {
            source: q.source,
            title,
            quote: q.quote,
            kind: q.kind,
            cue: q.cue,
            speaker: q.speaker,
            speaker_kind: q.speaker_kind,
            entity: q.entity,
            start: count(q.start),
            end: count(q.end),
        }
    }
}

impl From<dossier_core::Note> for NoteView {
    fn from(n: dossier_core::Note) -> Self {
        NoteView {
            hash: dossier_core::content_hash(&n.body),
            path: n.path,
            title: n.title,
            body: n.body,
        }
    }
}

impl From<dossier_core::Backlinks> for BacklinksView {
    fn from(b: dossier_core::Backlinks) -> Self {
        let one = |h: dossier_core::BacklinkHit| BacklinkView {
            before: h.before,
            text: h.text,
            after: h.after,
            path: h.path,
            title: h.title,
            start: count(h.start),
            end: count(h.end),
        };
        BacklinksView {
            target: b.target,
            linked: b.linked.into_iter().map(one).collect(),
            unlinked: b.unlinked.into_iter().map(one).collect(),
        }
    }
}

impl From<dossier_core::ExportReport> for ExportSummary {
    fn from(r: dossier_core::ExportReport) -> Self {
        ExportSummary {
            folder: String::new(),
            written: r.written,
            unchanged: r.unchanged,
            kept: r
                .kept
                .into_iter()
                .map(|(kept, beside)| KeptFile { kept, beside })
                .collect(),
        }
    }
}

impl From<&dossier_core::HitKind> for HitKind {
    fn from(k: &dossier_core::HitKind) -> Self {
        match k {
            dossier_core::HitKind::Source => HitKind::Source,
            dossier_core::HitKind::Note => HitKind::Note,
            dossier_core::HitKind::Annotation => HitKind::Annotation,
            dossier_core::HitKind::Entity => HitKind::Entity,
            dossier_core::HitKind::Quote => HitKind::Quote,
        }
    }
}

impl From<dossier_core::Hit> for SearchHit {
    fn from(h: dossier_core::Hit) -> Self {
        SearchHit {
            kind: HitKind::from(&h.kind),
            title: h.title,
            snippet: h.snippet,
            score: h.score,
            source: h.source,
            passage: h.passage.map(count),
            start: h.start.map(count),
            end: h.end.map(count),
            path: h.path,
            annotation: h.annotation,
            speaker: h.speaker,
            entity: h.entity,
        }
    }
}

impl From<&dossier_core::ImportProgress> for ImportProgress {
    fn from(p: &dossier_core::ImportProgress) -> Self {
        ImportProgress {
            done: count(p.done),
            total: count(p.total),
            path: p.path.display().to_string(),
        }
    }
}

impl From<dossier_core::Error> for CommandError {
    fn from(e: dossier_core::Error) -> Self {
        CommandError {
            code: e.code().to_string(),
            message: e.to_string(),
        }
    }
}

impl CommandError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        CommandError {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}

impl std::error::Error for CommandError {}

/// Which dates the timeline shows: all, one source's, or those in passages
/// that name one entity.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimelineRequest {
    pub source: Option<String>,
    pub entity: Option<String>,
}

/// One dated item of the timeline, with what its passage names.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TimelineItemView {
    pub source: String,
    /// The source's title.
    pub title: String,
    /// The expression as written.
    pub text: String,
    /// TIMEX3-like value (`2022-01-10`, `2022-W02`, `2022-Q1`, `2008`);
    /// `null` for a relative date the source's missing date left unresolved.
    pub value: Option<String>,
    pub granularity: String,
    /// Code points into the source's text.
    pub start: u32,
    pub end: u32,
    pub passage: u32,
    pub passage_text: String,
    /// Entities of kind `event` named in the same passage.
    pub events: Vec<String>,
    /// Every entity named in the same passage.
    pub entities: Vec<String>,
    /// Tags of the highlights over the passage.
    pub tags: Vec<String>,
}

impl From<dossier_core::TimelineItem> for TimelineItemView {
    fn from(i: dossier_core::TimelineItem) -> Self {
        TimelineItemView {
            source: i.date.source,
            title: i.title,
            text: i.date.text,
            value: i.date.value,
            granularity: i.date.granularity,
            start: count(i.date.start),
            end: count(i.date.end),
            passage: count(i.date.passage),
            passage_text: i.passage_text,
            events: i.events,
            entities: i.entities,
            tags: i.tags,
        }
    }
}

/// The network: edges named together in at least `minWeight` passages;
/// with `ego`, only that entity, its neighbours and the edges among them.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GraphRequest {
    pub min_weight: u32,
    pub ego: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GraphNodeView {
    /// The entity's id in the store (stable while the notebook is open).
    pub id: String,
    pub name: String,
    pub kind: String,
    pub mentions: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GraphEdgeView {
    pub source: String,
    pub target: String,
    /// Passages that name both.
    pub count: u32,
    pub dice: f64,
    pub pmi: f64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GraphView {
    pub nodes: Vec<GraphNodeView>,
    pub edges: Vec<GraphEdgeView>,
    /// The highest edge count of the whole graph (for the slider's range).
    pub max_weight: u32,
}

impl GraphView {
    pub fn new(n: dossier_core::Network) -> Self {
        let (g, max_weight) = (n.graph, n.max_weight);
        GraphView {
            nodes: g
                .nodes
                .into_iter()
                .map(|n| GraphNodeView {
                    id: n.id.to_string(),
                    name: n.name,
                    kind: n.kind,
                    mentions: count(n.mentions),
                })
                .collect(),
            edges: g
                .edges
                .into_iter()
                .map(|e| GraphEdgeView {
                    source: e.source.to_string(),
                    target: e.target.to_string(),
                    count: count(e.count),
                    dice: e.dice,
                    pmi: e.pmi,
                })
                .collect(),
            max_weight: count(max_weight),
        }
    }
}

/// What a saved picture holds: the timeline as a Markdown table, or the
/// network as GEXF (Gephi) or GraphML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum PictureFormat {
    Timeline,
    Gexf,
    Graphml,
}

/// A picture to save to a file the user picks in the save dialog: the
/// timeline (all, one source's or one entity's dates), or the network at a
/// minimum weight, optionally around one entity.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PictureRequest {
    pub format: PictureFormat,
    pub source: Option<String>,
    pub entity: Option<String>,
    pub min_weight: Option<u32>,
    pub ego: Option<String>,
}

/// Two entities: the ends of an edge of the network.
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EdgeRequest {
    pub a: String,
    pub b: String,
}

/// A passage (of a source) or section (of a note) that names both ends of an edge.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SharedPassageView {
    /// `source` or `note`.
    pub kind: String,
    /// The source's id or the note's path.
    pub target: String,
    pub title: String,
    pub part: u32,
    pub text: String,
}

impl From<dossier_core::SharedPassage> for SharedPassageView {
    fn from(p: dossier_core::SharedPassage) -> Self {
        SharedPassageView {
            kind: p.kind,
            target: p.target,
            title: p.title,
            part: count(p.part),
            text: p.text,
        }
    }
}
