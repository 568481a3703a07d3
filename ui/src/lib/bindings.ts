// Generated from src-tauri (src/transport.rs, src/commands.rs): do not edit.
// Regenerate with: DOSSIER_BLESS=1 cargo test -p dossier-app --lib bindings

import type { Channel } from "@tauri-apps/api/core";

/**
 * An error as the UI sees it: a stable `code` to branch on and a message for
 * people. Engine codes are passed through (`not_found`, `bad_input`,
 * `query_syntax`, `busy`, `io`, `database`, `index`, `corrupt`); the shell adds
 * `no_notebook`, `not_allowed` and `internal`.
 */
export type CommandError = { code: string, message: string, };

export type NotebookView = { 
/**
 * Folder name.
 */
name: string, 
/**
 * Absolute path of the notebook folder, for display and the recent list.
 */
root: string, sources: Array<SourceItem>, notes: Array<NoteItem>, 
/**
 * Known entities, by name.
 */
entities: Array<EntityItem>, };

export type SourceItem = { id: string, title: string, path: string, passages: number, outlet: string | null, published: string | null, };

export type NoteItem = { 
/**
 * Relative to the notebook, '/'-separated.
 */
path: string, title: string, };

export type SourceView = { id: string, path: string, title: string, outlet: string | null, author: string | null, published: string | null, url: string | null, passages: Array<PassageView>, 
/**
 * The source's annotations in reading order; orphans (status `orphan`)
 * are kept in the list so the UI can show them apart.
 */
annotations: Array<AnnotationView>, 
/**
 * Mentions of known entities in the text, in reading order.
 */
mentions: Array<MentionSpan>, };

export type PassageView = { ordinal: number, 
/**
 * Code-point offsets of the passage in the source text.
 */
start: number, end: number, text: string, };

export type AnnotationView = { id: string, 
/**
 * Code-point offsets in the source text, where the highlight stands now.
 */
start: number, end: number, 
/**
 * The quote as it was highlighted.
 */
exact: string, 
/**
 * Markdown, as written (what the editor shows).
 */
comment: string, 
/**
 * The comment as one line of plain text (the engine takes the Markdown
 * off), for lists and tooltips.
 */
commentText: string, tags: Array<string>, entities: Array<string>, 
/**
 * A colour name (`yellow`, `green`, `blue`, `pink`, `purple`, `orange`) or `#rrggbb`.
 */
color: string, 
/**
 * `exact`, `moved`, `fuzzy` or `orphan`.
 */
status: string, };

export type EntityItem = { name: string, 
/**
 * `person`, `organisation`, `place`, `event`, `date` or `other`.
 */
kind: string, aliases: Array<string>, mentions: number, };

/**
 * One entity's page: its names, its mentions in context, the notes that
 * link to it and the entities named in the same passages.
 */
export type EntityView = { name: string, kind: string, aliases: Array<string>, description: string | null, 
/**
 * An authority id such as a Wikidata QID.
 */
externalId: string | null, mentions: Array<MentionView>, notes: Array<NoteItem>, cooccurring: Array<Cooccurrence>, 
/**
 * What it said, in source and reading order.
 */
quotes: Array<QuoteView>, };

export type MentionView = { 
/**
 * `source` or `note`.
 */
kind: string, source: string | null, path: string | null, title: string, 
/**
 * Passage ordinal (source) or section ordinal (note).
 */
part: number, 
/**
 * The words as written, and the text around them.
 */
text: string, before: string, after: string, };

export type Cooccurrence = { name: string, 
/**
 * In how many passages both are named.
 */
passages: number, };

export type NameRequest = { name: string, };

export type NoteView = { path: string, title: string, 
/**
 * Markdown as written; the UI shows it as text, never as HTML.
 */
body: string, 
/**
 * The hash of `body`: give it back with the next save, so that a file
 * changed on disk meanwhile is noticed (and both versions kept).
 */
hash: string, };

export type HitKind = "source" | "note" | "annotation" | "entity" | "quote";

export type SearchHit = { kind: HitKind, title: string, 
/**
 * HTML-escaped text where the only markup is `<mark>`; the UI still
 * parses it with an allow-list and never inserts it as HTML.
 */
snippet: string, score: number, 
/**
 * Source id, for hits in a source.
 */
source: string | null, 
/**
 * Passage ordinal within the source.
 */
passage: number | null, start: number | null, end: number | null, 
/**
 * Note path, for hits in a note.
 */
path: string | null, 
/**
 * For annotation hits: the annotation's id.
 */
annotation: string | null, 
/**
 * For quote hits: the speaker as written.
 */
speaker: string | null, 
/**
 * For quote hits: the entity the speaker is, when known.
 */
entity: string | null, };

export type QuerySyntaxProblem = { 
/**
 * What kind of problem (`unclosed_quote`, `parenthesis`, `missing_operand`, …).
 */
kind: string, 
/**
 * The engine's sentence for people: shown as it is.
 */
explanation: string, 
/**
 * The parser's own words.
 */
message: string, 
/**
 * Code-point offset in the query where the problem was found.
 */
position: number, };

/**
 * Answer to one search. When the query is not valid strict syntax,
 * `syntaxError` says why and `hits` are the lenient reading of the query.
 */
export type SearchResponse = { query: string, total: number, hits: Array<SearchHit>, syntaxError: QuerySyntaxProblem | null, elapsedMs: number, };

export type SearchRequest = { query: string, 
/**
 * At most this many hits; the shell caps it at 200.
 */
limit: number | null, };

export type PathRequest = { path: string, };

export type IdRequest = { id: string, };

export type ImportRequest = { 
/**
 * Paths the user chose in the dialog or dropped on the window.
 */
paths: Array<string>, };

export type ImportProgress = { done: number, total: number, path: string, };

export type ImportIssue = { path: string, 
/**
 * Why it was refused, or the id of the source it duplicates.
 */
detail: string, };

export type ImportSummary = { imported: Array<SourceItem>, duplicates: Array<ImportIssue>, refused: Array<ImportIssue>, 
/**
 * Web pages imported before whose text changed: now the latest
 * version of their source.
 */
updated: Array<SourceItem>, 
/**
 * Web pages imported before whose text had not changed (`detail`: the
 * source's id).
 */
unchanged: Array<ImportIssue>, 
/**
 * The notebook after the import, so the sidebar can refresh at once.
 */
notebook: NotebookView, };

export type RecentNotebook = { path: string, name: string, 
/**
 * Milliseconds since the Unix epoch.
 */
openedAt: number, };

/**
 * What the window needs on its first render.
 */
export type Startup = { 
/**
 * The notebook opened at launch: `DOSSIER_NOTEBOOK`, else the first
 * command-line argument, else the most recent notebook.
 */
notebook: NotebookView | null, 
/**
 * Why that notebook could not be opened, if it could not.
 */
error: CommandError | null, recent: Array<RecentNotebook>, 
/**
 * The notebook's first source, which the window shows first: sent
 * with the answer so that the first paint needs no second call.
 */
firstSource: SourceView | null, };

/**
 * Paths dropped on the window (event `dossier://files-dropped`), split into
 * files (to import) and folders (to open as a notebook).
 */
export type FilesDropped = { files: Array<string>, folders: Array<string>, };

/**
 * Whether files are being dragged over the window (event `dossier://drag-hover`).
 */
export type DragHover = { active: boolean, };

export type FirstPaint = { 
/**
 * Milliseconds from the start of `run()` to the UI's first paint of the notebook.
 */
sinceLaunchMs: number, };

/**
 * The window's own launch steps, sent with its first paint: each in the
 * page's clock (milliseconds since its navigation started), with that
 * clock's reading when the call was made.
 */
export type FirstPaintRequest = { marks: Array<LaunchMark>, nowMs: number, };

export type LaunchMark = { name: string, ms: number, };

/**
 * A mention of a known entity in a source's text.
 */
export type MentionSpan = { 
/**
 * The entity's canonical name.
 */
entity: string, 
/**
 * `person`, `organisation`, `place`, `event`, `date` or `other`.
 */
kind: string, 
/**
 * Code-point offsets in the source text.
 */
start: number, end: number, };

/**
 * A new highlight: a selection in the reader, with what the user wrote.
 */
export type AnnotateRequest = { 
/**
 * Source id.
 */
source: string, 
/**
 * Code-point offsets in the source text.
 */
start: number, end: number, 
/**
 * The selected text; when given, the engine refuses the highlight if
 * the text at `start..end` is not this (a check on the offsets).
 */
quote: string | null, 
/**
 * Markdown.
 */
comment: string, tags: Array<string>, 
/**
 * A colour name, `#rrggbb`, or `null` for yellow.
 */
color: string | null, 
/**
 * Names (or aliases) of entities to link.
 */
entities: Array<string>, };

/**
 * A span of the current text, to re-attach a highlight to by hand.
 */
export type SpanRequest = { 
/**
 * Code-point offsets in the source text.
 */
start: number, end: number, 
/**
 * The selected text, checked against the text at `start..end`.
 */
quote: string | null, };

/**
 * A change to a highlight; `null` leaves a field as it is.
 */
export type AnnotationEditRequest = { id: string, comment: string | null, tags: Array<string> | null, color: string | null, 
/**
 * Replaces the linked entities (names or aliases).
 */
entities: Array<string> | null, 
/**
 * Re-attach to a new span of the current text.
 */
reattach: SpanRequest | null, };

/**
 * A name the engine proposes as a new entity.
 */
export type SuggestionView = { name: string, 
/**
 * The engine's guess of the kind.
 */
kind: string, 
/**
 * Every spelling seen, the name included.
 */
variants: Array<string>, 
/**
 * How often it occurs, all spellings together.
 */
count: number, 
/**
 * Quotes the source attributes to this name, as evidence.
 */
quotes: Array<string>, };

/**
 * Accepting a suggestion, with the kind and aliases the user chose.
 */
export type AcceptSuggestionRequest = { 
/**
 * The source it was suggested for.
 */
source: string, name: string, kind: string, aliases: Array<string>, };

export type NewEntityRequest = { name: string, kind: string, aliases: Array<string>, };

/**
 * An entity just created, and the notebook's entities after it (mention
 * counts changed).
 */
export type EntitiesChanged = { entity: EntityItem, entities: Array<EntityItem>, };

/**
 * The files changed on disk (another program wrote them) and the notebook
 * took the change in (event `dossier://notebook-changed`).
 */
export type NotebookChanged = { notebook: NotebookView, sourcesChanged: number, notesChanged: number, removed: number, 
/**
 * Highlights re-anchored because their source's text changed.
 */
reanchored: number, };

export type SaveNoteRequest = { path: string, body: string, 
/**
 * The `hash` of the text the editor loaded (or last saved).
 */
expectedHash: string | null, };

/**
 * What a save did.
 */
export type SavedNote = { path: string, 
/**
 * The hash of the text now in the file.
 */
hash: string, 
/**
 * Set when the file had changed on disk since it was loaded: the other
 * program's text stayed in the file and this save went to this note.
 */
conflict: string | null, 
/**
 * The note's title now, and the notebook's notes (titles may change).
 */
title: string, notes: Array<NoteItem>, };

export type ReloadNoteRequest = { path: string, 
/**
 * The `hash` of the text the editor has.
 */
hash: string, };

export type RenderRequest = { 
/**
 * Markdown of this notebook (a note as it is being typed).
 */
markdown: string, };

/**
 * Markdown rendered by the engine: sanitised HTML (allow-listed tags,
 * `http(s)`, `mailto` and `dossier:` links only), safe to insert.
 */
export type RenderedView = { html: string, 
/**
 * Wiki links that point to nothing in the notebook yet.
 */
unresolved: Array<string>, };

export type NewNoteRequest = { title: string, 
/**
 * A source the note is about: the note starts with a link to it.
 */
source: string | null, };

export type RenameNoteRequest = { path: string, 
/**
 * The new name, relative to the notebook (`.md` is added if missing).
 */
newPath: string, };

/**
 * A note created, renamed or deleted, with the notebook as it is now.
 */
export type NoteChange = { 
/**
 * The note created or renamed; `null` after a delete.
 */
note: NoteView | null, 
/**
 * Notes whose links were rewritten (rename), or where the deleted
 * note's file was kept (delete: under `.dossier/trash/`).
 */
detail: Array<string>, notebook: NotebookView, };

/**
 * Notes that link to a note, source or entity, and notes that name it
 * without a link.
 */
export type BacklinksView = { target: string, linked: Array<BacklinkView>, unlinked: Array<BacklinkView>, };

export type BacklinkView = { path: string, title: string, 
/**
 * Code-point offsets in the note's file (give them back to `link_mention`).
 */
start: number, end: number, 
/**
 * The words as plain text, and up to 60 characters either side, cut
 * at word boundaries by the engine (Markdown taken off).
 */
text: string, before: string, after: string, };

export type LinkMentionRequest = { path: string, start: number, end: number, 
/**
 * What the new link points to (a note, source or entity name).
 */
target: string, };

export type UrlRequest = { url: string, };

/**
 * What to export.
 */
export type ExportScope = { "kind": "note", "name": string } | { "kind": "source", "name": string } | { "kind": "entity", "name": string } | { "kind": "all" };

export type ExportFormat = "markdown" | "jsonld";

export type ExportRequest = { scope: ExportScope, format: ExportFormat, 
/**
 * Keep `[[wiki links]]`, to open the folder as an Obsidian vault.
 */
vault: boolean, 
/**
 * A folder chosen with `choose_export_folder`.
 */
folder: string, };

export type ExportProgress = { done: number, total: number, };

export type KeptFile = { 
/**
 * A file in the folder that was changed since the last export: left as it is.
 */
kept: string, 
/**
 * Where the new version was written instead.
 */
beside: string, };

/**
 * What an export wrote, relative to `folder`.
 */
export type ExportSummary = { folder: string, written: Array<string>, unchanged: Array<string>, kept: Array<KeptFile>, };

/**
 * The window's answer to `dossier://close-requested`.
 */
export type CloseRequest = { 
/**
 * Everything typed is written: close. `false`: a save failed, so the
 * window stays open (and the next close request asks again).
 */
saved: boolean, };

/**
 * A quote with its speaker.
 */
export type QuoteView = { 
/**
 * Source id.
 */
source: string, 
/**
 * The source's title.
 */
title: string, quote: string, 
/**
 * `direct` or `indirect`.
 */
kind: string, 
/**
 * The speech verb as written ("said", "according to").
 */
cue: string | null, 
/**
 * The speaker as written.
 */
speaker: string | null, 
/**
 * `named`, `description` or `pronoun`.
 */
speakerKind: string | null, 
/**
 * The entity the speaker is, when known.
 */
entity: string | null, 
/**
 * Code-point offsets of the quoted words in the source text.
 */
start: number, end: number, };

/**
 * The quotes of one speaker in a source.
 */
export type SpeakerQuotesView = { 
/**
 * The entity's name, else the speaker as written; `null`: not found.
 */
speaker: string | null, 
/**
 * `named`, `description`, `pronoun`, or `null` with no speaker.
 */
speakerKind: string | null, entity: string | null, quotes: Array<QuoteView>, };

/**
 * Turning a found quote (its span in the source) into a highlight.
 */
export type QuoteHighlightRequest = { 
/**
 * Source id.
 */
source: string, 
/**
 * Code-point offsets of the quote, as in `QuoteView`.
 */
start: number, end: number, };

/**
 * Which dates the timeline shows: all, one source's, or those in passages
 * that name one entity.
 */
export type TimelineRequest = { source: string | null, entity: string | null, };

/**
 * One dated item of the timeline, with what its passage names.
 */
export type TimelineItemView = { source: string, 
/**
 * The source's title.
 */
title: string, 
/**
 * The expression as written.
 */
text: string, 
/**
 * TIMEX3-like value (`2022-01-10`, `2022-W02`, `2022-Q1`, `2008`);
 * `null` for a relative date the source's missing date left unresolved.
 */
value: string | null, granularity: string, 
/**
 * Code points into the source's text.
 */
start: number, end: number, passage: number, passageText: string, 
/**
 * Entities of kind `event` named in the same passage.
 */
events: Array<string>, 
/**
 * Every entity named in the same passage.
 */
entities: Array<string>, 
/**
 * Tags of the highlights over the passage.
 */
tags: Array<string>, };

/**
 * The network: edges named together in at least `minWeight` passages;
 * with `ego`, only that entity, its neighbours and the edges among them.
 */
export type GraphRequest = { minWeight: number, ego: string | null, };

export type GraphNodeView = { 
/**
 * The entity's id in the store (stable while the notebook is open).
 */
id: string, name: string, kind: string, mentions: number, };

export type GraphEdgeView = { source: string, target: string, 
/**
 * Passages that name both.
 */
count: number, dice: number, pmi: number, };

export type GraphView = { nodes: Array<GraphNodeView>, edges: Array<GraphEdgeView>, 
/**
 * The highest edge count of the whole graph (for the slider's range).
 */
maxWeight: number, };

/**
 * Two entities: the ends of an edge of the network.
 */
export type EdgeRequest = { a: string, b: string, };

/**
 * A passage (of a source) or section (of a note) that names both ends of an edge.
 */
export type SharedPassageView = { 
/**
 * `source` or `note`.
 */
kind: string, 
/**
 * The source's id or the note's path.
 */
target: string, title: string, part: number, text: string, };

/**
 * What a saved picture holds: the timeline as a Markdown table, or the
 * network as GEXF (Gephi) or GraphML.
 */
export type PictureFormat = "timeline" | "gexf" | "graphml";

/**
 * A picture to save to a file the user picks in the save dialog: the
 * timeline (all, one source's or one entity's dates), or the network at a
 * minimum weight, optionally around one entity.
 */
export type PictureRequest = { format: PictureFormat, source: string | null, entity: string | null, minWeight: number | null, ego: string | null, };

/** Every command: its arguments and what it resolves to. It rejects with a `CommandError`. */
export type Commands = {
  startup: { args: {  }; result: Startup };
  open_notebook: { args: { request: PathRequest }; result: NotebookView };
  choose_notebook: { args: {  }; result: NotebookView | null };
  recent_notebooks: { args: {  }; result: Array<RecentNotebook> };
  get_source: { args: { request: IdRequest }; result: SourceView };
  get_note: { args: { request: PathRequest }; result: NoteView };
  get_entity: { args: { request: NameRequest }; result: EntityView };
  search: { args: { request: SearchRequest }; result: SearchResponse };
  choose_import_files: { args: {  }; result: Array<string> };
  import_files: { args: { request: ImportRequest; onProgress: Channel<ImportProgress> }; result: ImportSummary };
  import_url: { args: { request: UrlRequest; onProgress: Channel<ImportProgress> }; result: ImportSummary };
  report_first_paint: { args: { request: FirstPaintRequest }; result: FirstPaint };
  annotate: { args: { request: AnnotateRequest }; result: AnnotationView };
  edit_annotation: { args: { request: AnnotationEditRequest }; result: AnnotationView };
  delete_annotation: { args: { request: IdRequest }; result: null };
  source_quotes: { args: { request: IdRequest }; result: Array<SpeakerQuotesView> };
  highlight_quote: { args: { request: QuoteHighlightRequest }; result: AnnotationView };
  suggestions: { args: { request: IdRequest }; result: Array<SuggestionView> };
  accept_suggestion: { args: { request: AcceptSuggestionRequest }; result: EntitiesChanged };
  reject_suggestion: { args: { request: NameRequest }; result: null };
  add_entity: { args: { request: NewEntityRequest }; result: EntitiesChanged };
  save_note: { args: { request: SaveNoteRequest }; result: SavedNote };
  reload_note: { args: { request: ReloadNoteRequest }; result: NoteView | null };
  render_markdown: { args: { request: RenderRequest }; result: RenderedView };
  new_note: { args: { request: NewNoteRequest }; result: NoteChange };
  rename_note: { args: { request: RenameNoteRequest }; result: NoteChange };
  delete_note: { args: { request: PathRequest }; result: NoteChange };
  backlinks: { args: { request: NameRequest }; result: BacklinksView };
  link_mention: { args: { request: LinkMentionRequest }; result: SavedNote };
  open_web_link: { args: { request: UrlRequest }; result: null };
  choose_export_folder: { args: {  }; result: string | null };
  export: { args: { request: ExportRequest; onProgress: Channel<ExportProgress> }; result: ExportSummary };
  close_window: { args: { request: CloseRequest }; result: null };
  timeline: { args: { request: TimelineRequest }; result: Array<TimelineItemView> };
  graph: { args: { request: GraphRequest }; result: GraphView };
  shared_passages: { args: { request: EdgeRequest }; result: Array<SharedPassageView> };
  save_picture: { args: { request: PictureRequest }; result: string | null };
};

export const EVENTS = {
  filesDropped: "dossier://files-dropped",
  dragHover: "dossier://drag-hover",
  notebookChanged: "dossier://notebook-changed",
  closeRequested: "dossier://close-requested",
} as const;

/** The kinds of entity, in the order the app lists them (from the engine). */
export const ENTITY_KINDS = ["person", "organisation", "place", "event", "date", "other"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export const COMMAND_NAMES = ["startup", "open_notebook", "choose_notebook", "recent_notebooks", "get_source", "get_note", "get_entity", "search", "choose_import_files", "import_files", "import_url", "report_first_paint", "annotate", "edit_annotation", "delete_annotation", "source_quotes", "highlight_quote", "suggestions", "accept_suggestion", "reject_suggestion", "add_entity", "save_note", "reload_note", "render_markdown", "new_note", "rename_note", "delete_note", "backlinks", "link_mention", "open_web_link", "choose_export_folder", "export", "close_window", "timeline", "graph", "shared_passages", "save_picture"] as const;
