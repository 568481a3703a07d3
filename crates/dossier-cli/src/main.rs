//! `dossier`: the command line of the Dossier notebook engine.
//!
//! Each subcommand is one function in [`commands`] that parses nothing and
//! decides nothing the engine could: it calls the engine and hands the
//! answer to the one printer ([`output::Output`]). With `--json` the
//! engine's serialised types are printed as they are: they are the contract
//! (see ARCHITECTURE.md), pinned by the snapshot tests in `tests/cli.rs`.
//!
//! Exit status: 0 on success, 2 for bad input or usage, 1 for anything else.
//! Errors go to stderr.

mod commands;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use dossier_core::{EntityKind, Error, ExportFormat, Notebook};

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "A local-first research notebook: import, search, read."
)]
struct Cli {
    /// The notebook folder (created on first use).
    #[arg(long, short = 'n', env = "DOSSIER_NOTEBOOK", default_value = ".")]
    notebook: PathBuf,
    /// Seconds a write waits while another Dossier process (the app, another
    /// command) is writing the same notebook, before giving up as busy.
    #[arg(long, env = "DOSSIER_WAIT", default_value_t = 5, global = true)]
    wait: u64,
    /// Read the notebook's files again before a command that only reads.
    /// Without it, a read syncs only when a file was added, deleted or
    /// renamed (or Dossier wrote) since the last sync, which a look at the
    /// folders' modification times tells; a file edited in place by another
    /// program is seen after `--sync` (or by the app, which watches the folder).
    #[arg(long, global = true)]
    sync: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import files, folders or web pages (plain text, Markdown, HTML; http:// and https:// addresses are fetched) as sources.
    Import(ImportArgs),
    /// Search sources, notes, annotations and entities.
    Search(SearchArgs),
    /// List the sources.
    Sources(JsonArg),
    /// Show a source: its metadata, then its text.
    Show(ShowArgs),
    /// List the notes.
    Notes(JsonArg),
    /// Create, rename or delete a note.
    Note {
        #[command(subcommand)]
        action: NoteAction,
    },
    /// Print a note as sanitised HTML (wiki links resolved).
    Render { note: String },
    /// Notes that link to a note, source or entity, and notes that name it without a link.
    Backlinks(BacklinksArgs),
    /// Highlight a passage of a source (give the quote; add --prefix/--suffix when it occurs more than once).
    Annotate(AnnotateArgs),
    /// List annotations, of one source or of all, in reading order.
    Annotations(AnnotationsArgs),
    /// Edit or delete an annotation.
    Annotation {
        #[command(subcommand)]
        action: AnnotationAction,
    },
    /// List the entities with their mention counts.
    Entities(JsonArg),
    /// Add, show, edit, merge or delete an entity.
    Entity {
        #[command(subcommand)]
        action: EntityAction,
    },
    /// Names a source mentions that the notebook does not know yet; accept or reject them.
    Suggest(SuggestArgs),
    /// Quotes (direct and reported) with their speakers, of one source or of all.
    Quotes(QuotesArgs),
    /// Dates found in the sources, in date order.
    Timeline(TimelineArgs),
    /// The entity graph: entities and how often they are named in the same passage.
    Graph(GraphArgs),
    /// Export Markdown (a note, a source's annotations, an entity's dossier, or everything) or JSON-LD.
    Export(ExportArgs),
    /// Import W3C Web Annotation JSON-LD (or a Hypothesis export), re-anchored against the local text.
    ImportAnnotations(ImportAnnotationsArgs),
    /// Build the search index again from the store.
    Reindex,
    /// Check the store's integrity and that the index agrees with it.
    Check(JsonArg),
}

#[derive(Args)]
struct JsonArg {
    /// Print the engine's answer as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct ImportArgs {
    /// Files, folders and web addresses, in any mix.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Import the good files even when some are refused.
    #[arg(long)]
    skip_bad: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct SearchArgs {
    query: String,
    #[arg(long, default_value_t = 10)]
    limit: usize,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct ShowArgs {
    source: String,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct BacklinksArgs {
    target: String,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct AnnotateArgs {
    source: String,
    #[arg(long)]
    quote: String,
    #[arg(long)]
    prefix: Option<String>,
    #[arg(long)]
    suffix: Option<String>,
    /// A comment in Markdown.
    #[arg(long, default_value = "")]
    comment: String,
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// yellow, green, blue, pink, purple, orange, or #rrggbb.
    #[arg(long)]
    color: Option<String>,
    /// Link an entity (name or alias; repeat for several).
    #[arg(long = "entity")]
    entities: Vec<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct AnnotationsArgs {
    source: Option<String>,
    /// Only the annotations that could not be placed.
    #[arg(long)]
    orphans: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum AnnotationAction {
    /// Change an annotation's comment, tags or colour, or re-attach it by hand.
    Edit(AnnotationEditArgs),
    /// Delete an annotation.
    Rm { id: String },
}

#[derive(Args)]
struct AnnotationEditArgs {
    id: String,
    #[arg(long)]
    comment: Option<String>,
    /// Replaces the tags (repeat for several).
    #[arg(long = "tag")]
    tags: Vec<String>,
    /// Removes every tag.
    #[arg(long, conflicts_with = "tags")]
    clear_tags: bool,
    #[arg(long)]
    color: Option<String>,
    /// Re-attach to this quote of the current text (with --prefix/--suffix if needed).
    #[arg(long)]
    quote: Option<String>,
    #[arg(long, requires = "quote")]
    prefix: Option<String>,
    #[arg(long, requires = "quote")]
    suffix: Option<String>,
    /// Replaces the linked entities (repeat for several).
    #[arg(long = "entity")]
    entities: Vec<String>,
    /// Unlinks every entity.
    #[arg(long, conflicts_with = "entities")]
    clear_entities: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum EntityAction {
    /// Add an entity.
    Add(EntityAddArgs),
    /// Show an entity: its names, every mention in context, annotations, notes, co-occurring entities.
    Show {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Rename an entity or change its kind, aliases, description or external id.
    Edit(EntityEditArgs),
    /// Merge OTHER into KEEP: names united, every link and mention moved.
    Merge { keep: String, other: String },
    /// Delete an entity.
    Rm { name: String },
}

/// An entity kind as typed: any case, "organization" too.
fn entity_kind(s: &str) -> Result<EntityKind, String> {
    EntityKind::parse(s).map_err(|e| e.to_string())
}

#[derive(Args)]
struct EntityAddArgs {
    name: String,
    /// person, organisation, place, event, date or other.
    #[arg(long, value_parser = entity_kind)]
    kind: EntityKind,
    #[arg(long = "alias")]
    aliases: Vec<String>,
    #[arg(long)]
    description: Option<String>,
    /// An authority id, e.g. a Wikidata QID.
    #[arg(long)]
    external_id: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct EntityEditArgs {
    name: String,
    #[arg(long)]
    rename: Option<String>,
    /// person, organisation, place, event, date or other.
    #[arg(long, value_parser = entity_kind)]
    kind: Option<EntityKind>,
    #[arg(long = "alias")]
    add_aliases: Vec<String>,
    #[arg(long = "remove-alias")]
    remove_aliases: Vec<String>,
    #[arg(long)]
    description: Option<String>,
    #[arg(long)]
    external_id: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum NoteAction {
    /// Create a note named after its title (about a source with --source).
    New {
        title: String,
        /// The source the note is about: it starts with a link to it.
        #[arg(long)]
        source: Option<String>,
    },
    /// Rename a note; the links that point to it follow.
    Mv { old: String, new: String },
    /// Delete a note (it is moved to the notebook's .dossier/trash/).
    Rm { note: String },
}

#[derive(Args)]
struct SuggestArgs {
    #[command(subcommand)]
    action: Option<SuggestAction>,
    /// The source to look in.
    source: Option<String>,
    /// Names several sources mention, for the whole notebook.
    #[arg(long, conflicts_with = "source")]
    all: bool,
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum SuggestAction {
    /// Create the entity a suggestion proposes.
    Accept {
        name: String,
        /// The source it was suggested for (defaults to every source).
        #[arg(long)]
        source: Option<String>,
        /// person, organisation, place, event, date or other.
        #[arg(long, value_parser = entity_kind)]
        kind: Option<EntityKind>,
    },
    /// Never suggest this name again.
    Reject { name: String },
}

/// The formats of `dossier export`.
#[derive(Args)]
struct QuotesArgs {
    /// A source (id or title); all sources when left out.
    source: Option<String>,
    /// Only the quotes of this speaker (an entity under any of its names, or the speaker as written).
    #[arg(long)]
    speaker: Option<String>,
    #[arg(long)]
    json: bool,
}

#[derive(Args)]
struct TimelineArgs {
    /// Only the dates of this source.
    #[arg(long)]
    source: Option<String>,
    /// Only the dates in passages that mention this entity.
    #[arg(long)]
    entity: Option<String>,
    /// Same as `--format json`.
    #[arg(long)]
    json: bool,
    #[arg(long, value_enum, default_value_t = TimelineFormatArg::Text)]
    format: TimelineFormatArg,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum TimelineFormatArg {
    /// One line per date, for people.
    Text,
    /// The engine's dates as JSON.
    Json,
    /// A Markdown table (date, granularity, expression, source, passage).
    #[value(alias = "md")]
    Markdown,
}

#[derive(Args)]
struct GraphArgs {
    /// Keep only edges between entities named together in at least N passages.
    #[arg(long, default_value_t = 1)]
    min_weight: usize,
    #[arg(long, value_enum, default_value_t = GraphFormatArg::Json)]
    format: GraphFormatArg,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GraphFormatArg {
    /// The engine's graph as JSON.
    Json,
    /// GEXF 1.3 (Gephi).
    Gexf,
    /// GraphML.
    Graphml,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Markdown files from templates.
    #[value(alias = "md")]
    Markdown,
    /// W3C Web Annotation JSON-LD (annotations only).
    #[value(alias = "json-ld")]
    Jsonld,
}

impl From<FormatArg> for ExportFormat {
    fn from(f: FormatArg) -> ExportFormat {
        match f {
            FormatArg::Markdown => ExportFormat::Markdown,
            FormatArg::Jsonld => ExportFormat::JsonLd,
        }
    }
}

#[derive(Args)]
struct ExportArgs {
    /// The folder to write into (outside the notebook).
    #[arg(long)]
    out: PathBuf,
    #[arg(long, group = "scope")]
    note: Option<String>,
    #[arg(long, group = "scope")]
    source: Option<String>,
    #[arg(long, group = "scope")]
    entity: Option<String>,
    #[arg(long, group = "scope")]
    all: bool,
    /// A minijinja template for the exported scope.
    #[arg(long)]
    template: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "markdown")]
    format: FormatArg,
    /// Keep [[wiki links]], for opening the export as an Obsidian vault.
    #[arg(long)]
    vault: bool,
}

#[derive(Args)]
struct ImportAnnotationsArgs {
    file: PathBuf,
    /// The source to attach annotations whose target this notebook does not know.
    #[arg(long)]
    source: Option<String>,
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("dossier: {e}");
            if e.is_user_error() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

impl Command {
    /// Whether the command only reads: it then never fails because another
    /// process is writing (it answers from the notebook as last indexed).
    fn only_reads(&self) -> bool {
        match self {
            Command::Search(_)
            | Command::Sources(_)
            | Command::Show(_)
            | Command::Notes(_)
            | Command::Render { .. }
            | Command::Backlinks(_)
            | Command::Annotations(_)
            | Command::Entities(_)
            | Command::Quotes(_)
            | Command::Timeline(_)
            | Command::Graph(_) => true,
            Command::Entity { action } => matches!(action, EntityAction::Show { .. }),
            _ => false,
        }
    }
}

/// Opens the notebook and runs one subcommand.
fn run(cli: Cli) -> Result<ExitCode, Error> {
    let wait = std::time::Duration::from_secs(cli.wait);
    let mut nb = if cli.command.only_reads() && cli.sync {
        Notebook::open_for_reading_synced(&cli.notebook, wait)?
    } else if cli.command.only_reads() {
        Notebook::open_for_reading(&cli.notebook, wait)?
    } else {
        Notebook::open_waiting(&cli.notebook, wait)?
    };
    for w in &nb.last_sync().warnings {
        eprintln!("dossier: warning: {w}");
    }
    use commands as c;
    match cli.command {
        Command::Import(a) => c::import(&mut nb, a),
        Command::Search(a) => c::search(&nb, a),
        Command::Sources(a) => c::sources(&nb, a.json),
        Command::Show(a) => c::show(&nb, a),
        Command::Notes(a) => c::notes(&nb, a.json),
        Command::Note { action } => c::note(&mut nb, action),
        Command::Render { note } => c::render(&nb, &note),
        Command::Backlinks(a) => c::backlinks(&nb, a),
        Command::Annotate(a) => c::annotate(&mut nb, a),
        Command::Annotations(a) => c::annotations(&nb, a),
        Command::Annotation { action } => c::annotation(&mut nb, action),
        Command::Entities(a) => c::entities(&nb, a.json),
        Command::Entity { action } => c::entity(&mut nb, action),
        Command::Suggest(a) => c::suggest(&mut nb, a),
        Command::Quotes(a) => c::quotes(&nb, a),
        Command::Timeline(a) => c::timeline(&nb, a),
        Command::Graph(a) => c::graph(&nb, a),
        Command::Export(a) => c::export(&nb, a),
        Command::ImportAnnotations(a) => c::import_annotations(&mut nb, a),
        Command::Reindex => c::reindex(&mut nb),
        Command::Check(a) => c::check(&nb, a.json),
    }
}
