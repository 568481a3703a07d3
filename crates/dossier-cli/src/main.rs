//! `dossier`: the command line of the Dossier notebook engine.
//!
//! Exit status: 0 on success, 2 for bad input or usage, 1 for anything else.
//! Errors go to stderr.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use dossier_core::{
    AnchorStatus, AnnotationEdit, EntityEdit, Error, ExportOptions, ImportOptions, NewAnnotation,
    NewEntity, Notebook, Scope,
};
use serde_json::json;

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
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import files or folders (plain text, Markdown, HTML) as sources.
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Import the good files even when some are refused.
        #[arg(long)]
        skip_bad: bool,
        #[arg(long)]
        json: bool,
    },
    /// Search sources, notes, annotations and entities.
    Search {
        query: String,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// List the sources.
    Sources {
        #[arg(long)]
        json: bool,
    },
    /// Show a source: its metadata, then its text.
    Show {
        source: String,
        #[arg(long)]
        json: bool,
    },
    /// List the notes.
    Notes {
        #[arg(long)]
        json: bool,
    },
    /// Create, rename or delete a note.
    Note {
        #[command(subcommand)]
        action: NoteAction,
    },
    /// Print a note as sanitised HTML (wiki links resolved).
    Render { note: String },
    /// Notes that link to a note, source or entity, and notes that name it without a link.
    Backlinks {
        target: String,
        #[arg(long)]
        json: bool,
    },
    /// Highlight a passage of a source (give the quote; add --prefix/--suffix when it occurs more than once).
    Annotate {
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
    },
    /// List annotations, of one source or of all, in reading order.
    Annotations {
        source: Option<String>,
        /// Only the annotations that could not be placed.
        #[arg(long)]
        orphans: bool,
        #[arg(long)]
        json: bool,
    },
    /// Edit or delete an annotation.
    Annotation {
        #[command(subcommand)]
        action: AnnotationAction,
    },
    /// List the entities with their mention counts.
    Entities {
        #[arg(long)]
        json: bool,
    },
    /// Add, show, edit, merge or delete an entity.
    Entity {
        #[command(subcommand)]
        action: EntityAction,
    },
    /// Names a source mentions that the notebook does not know yet; accept or reject them.
    Suggest {
        #[command(subcommand)]
        action: Option<SuggestAction>,
        /// The source to look in.
        source: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Export Markdown (a note, a source's annotations, an entity's dossier, or everything) or JSON-LD.
    Export {
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
        /// markdown or jsonld (W3C Web Annotation).
        #[arg(long, default_value = "markdown")]
        format: String,
        /// Keep [[wiki links]], for opening the export as an Obsidian vault.
        #[arg(long)]
        vault: bool,
    },
    /// Import W3C Web Annotation JSON-LD (or a Hypothesis export), re-anchored against the local text.
    ImportAnnotations {
        file: PathBuf,
        /// The source to attach annotations whose target this notebook does not know.
        #[arg(long)]
        source: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Build the search index again from the store.
    Reindex,
    /// Check the store's integrity and that the index agrees with it.
    Check {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum AnnotationAction {
    /// Change an annotation's comment, tags or colour, or re-attach it by hand.
    Edit {
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
    },
    /// Delete an annotation.
    Rm { id: String },
}

#[derive(Subcommand)]
enum EntityAction {
    /// Add an entity.
    Add {
        name: String,
        /// person, organisation, place, event, date or other.
        #[arg(long)]
        kind: String,
        #[arg(long = "alias")]
        aliases: Vec<String>,
        #[arg(long)]
        description: Option<String>,
        /// An authority id, e.g. a Wikidata QID.
        #[arg(long)]
        external_id: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Show an entity: its names, every mention in context, annotations, notes, co-occurring entities.
    Show {
        name: String,
        #[arg(long)]
        json: bool,
    },
    /// Rename an entity or change its kind, aliases, description or external id.
    Edit {
        name: String,
        #[arg(long)]
        rename: Option<String>,
        #[arg(long)]
        kind: Option<String>,
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
    },
    /// Merge OTHER into KEEP: names united, every link and mention moved.
    Merge { keep: String, other: String },
    /// Delete an entity.
    Rm { name: String },
}

#[derive(Subcommand)]
enum NoteAction {
    /// Create a note named after its title.
    New { title: String },
    /// Rename a note; the links that point to it follow.
    Mv { old: String, new: String },
    /// Delete a note (it is moved to the notebook's .dossier/trash/).
    Rm { note: String },
}

#[derive(Subcommand)]
enum SuggestAction {
    /// Create the entity a suggestion proposes.
    Accept {
        name: String,
        /// The source it was suggested for (defaults to every source).
        #[arg(long)]
        source: Option<String>,
        #[arg(long)]
        kind: Option<String>,
    },
    /// Never suggest this name again.
    Reject { name: String },
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

fn run(cli: Cli) -> Result<ExitCode, Error> {
    let mut nb = Notebook::open_waiting(&cli.notebook, std::time::Duration::from_secs(cli.wait))?;
    for w in &nb.last_sync().warnings {
        eprintln!("dossier: warning: {w}");
    }
    let mut out = std::io::stdout().lock();
    let print = |out: &mut std::io::StdoutLock<'_>, s: &str| {
        let _ = writeln!(out, "{s}");
    };
    match cli.command {
        Command::Import {
            paths,
            skip_bad,
            json,
        } => {
            let bar = progress_bar();
            let report = nb.import(&paths, &ImportOptions { skip_bad }, &mut |p| {
                if let Some(bar) = &bar {
                    bar.set_length(p.total as u64);
                    bar.set_position(p.done as u64);
                    bar.set_message(
                        p.path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                    );
                }
            });
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
            let report = report?;
            if json {
                print(&mut out, &to_json(&report));
            } else {
                for s in &report.imported {
                    print(
                        &mut out,
                        &format!("imported {}  {} ({} passages)", s.id, s.title, s.passages),
                    );
                }
                for (p, id) in &report.duplicates {
                    print(
                        &mut out,
                        &format!("already in the notebook as {id}: {}", p.display()),
                    );
                }
                for (p, why) in &report.refused {
                    eprintln!("dossier: refused {}: {why}", p.display());
                }
            }
            if !report.refused.is_empty() {
                return Ok(ExitCode::from(2));
            }
        }
        Command::Search { query, limit, json } => {
            let results = nb.search(&query, limit)?;
            if json {
                print(&mut out, &to_json(&results));
            } else if results.hits.is_empty() {
                print(&mut out, "no matches");
            } else {
                print(&mut out, &format!("{} match(es)", results.total));
                for h in &results.hits {
                    let place = match (&h.source, h.passage, &h.path) {
                        (Some(s), Some(p), _) => format!("{s} ¶{p}"),
                        (_, _, Some(path)) => path.clone(),
                        _ => String::new(),
                    };
                    print(
                        &mut out,
                        &format!(
                            "\n[{}] {}  ({place}, score {:.2})",
                            h.kind.as_str(),
                            h.title,
                            h.score
                        ),
                    );
                    print(&mut out, &format!("  {}", terminal_snippet(&h.snippet)));
                }
            }
        }
        Command::Sources { json } => {
            let sources = nb.sources()?;
            if json {
                print(&mut out, &to_json(&sources));
            } else if sources.is_empty() {
                print(&mut out, "no sources yet: dossier import FILE...");
            } else {
                for s in sources {
                    print(
                        &mut out,
                        &format!("{}  {}  ({} passages)", s.id, s.title, s.passages),
                    );
                }
            }
        }
        Command::Show { source, json } => {
            let s = nb.source(&source)?;
            if json {
                print(&mut out, &to_json(&s));
            } else {
                print(&mut out, &format!("title:     {}", s.meta.title));
                for (k, v) in [
                    ("outlet:   ", &s.meta.outlet),
                    ("author:   ", &s.meta.author),
                    ("published:", &s.meta.published),
                    ("url:      ", &s.meta.url),
                ] {
                    if let Some(v) = v {
                        print(&mut out, &format!("{k} {v}"));
                    }
                }
                print(
                    &mut out,
                    &format!(
                        "id:        {}\nfile:      {}\npassages:  {}\n",
                        s.id,
                        s.path,
                        s.passages.len()
                    ),
                );
                let _ = write!(out, "{}", s.text);
            }
        }
        Command::Notes { json } => {
            let notes = nb.notes()?;
            if json {
                print(&mut out, &to_json(&notes));
            } else {
                for n in notes {
                    print(&mut out, &format!("{}  {}", n.path, n.title));
                }
            }
        }
        Command::Annotate {
            source,
            quote,
            prefix,
            suffix,
            comment,
            tags,
            color,
            entities,
            json,
        } => {
            let a = nb.annotate(
                &source,
                NewAnnotation {
                    quote: Some(quote),
                    prefix,
                    suffix,
                    comment,
                    tags,
                    color,
                    entities,
                    ..NewAnnotation::default()
                },
            )?;
            if json {
                print(&mut out, &to_json(&a));
            } else {
                print(
                    &mut out,
                    &format!(
                        "annotated {} ({}..{}) in {}",
                        a.id, a.start, a.end, a.source
                    ),
                );
            }
        }
        Command::Annotations {
            source,
            orphans,
            json,
        } => {
            let list: Vec<_> = nb
                .annotations(source.as_deref())?
                .into_iter()
                .filter(|a| !orphans || a.status == AnchorStatus::Orphan)
                .collect();
            if json {
                print(&mut out, &to_json(&list));
            } else if list.is_empty() {
                print(&mut out, "no annotations");
            } else {
                for a in &list {
                    let tags = if a.tags.is_empty() {
                        String::new()
                    } else {
                        format!("  #{}", a.tags.join(" #"))
                    };
                    print(
                        &mut out,
                        &format!(
                            "{}  {} {}..{} [{}]{tags}",
                            a.id,
                            a.source,
                            a.start,
                            a.end,
                            a.status.as_str()
                        ),
                    );
                    print(&mut out, &format!("  “{}”", a.exact));
                    if !a.comment.is_empty() {
                        print(&mut out, &format!("  {}", a.comment));
                    }
                }
            }
        }
        Command::Annotation { action } => match action {
            AnnotationAction::Edit {
                id,
                comment,
                tags,
                clear_tags,
                color,
                quote,
                prefix,
                suffix,
                entities,
                clear_entities,
                json,
            } => {
                let reattach = match quote {
                    Some(q) => {
                        let current = nb.annotation(&id)?;
                        Some(nb.locate(
                            &current.source,
                            &q,
                            prefix.as_deref(),
                            suffix.as_deref(),
                        )?)
                    }
                    None => None,
                };
                let a = nb.edit_annotation(
                    &id,
                    AnnotationEdit {
                        comment,
                        tags: if clear_tags {
                            Some(Vec::new())
                        } else if tags.is_empty() {
                            None
                        } else {
                            Some(tags)
                        },
                        color,
                        reattach,
                        entities: if clear_entities {
                            Some(Vec::new())
                        } else if entities.is_empty() {
                            None
                        } else {
                            Some(entities)
                        },
                    },
                )?;
                if json {
                    print(&mut out, &to_json(&a));
                } else {
                    print(&mut out, &format!("edited {}", a.id));
                }
            }
            AnnotationAction::Rm { id } => {
                nb.delete_annotation(&id)?;
                print(&mut out, &format!("deleted {id}"));
            }
        },
        Command::Entities { json } => {
            let list = nb.entities()?;
            if json {
                print(&mut out, &to_json(&list));
            } else if list.is_empty() {
                print(&mut out, "no entities yet: dossier entity add NAME --kind KIND, or dossier suggest SOURCE");
            } else {
                for e in &list {
                    let aliases = if e.aliases.is_empty() {
                        String::new()
                    } else {
                        format!(" (also {})", e.aliases.join(", "))
                    };
                    print(
                        &mut out,
                        &format!(
                            "{:<13} {}{aliases}: {} mention(s)",
                            e.kind, e.name, e.mentions
                        ),
                    );
                }
            }
        }
        Command::Entity { action } => match action {
            EntityAction::Add {
                name,
                kind,
                aliases,
                description,
                external_id,
                json,
            } => {
                let e = nb.add_entity(NewEntity {
                    name,
                    kind,
                    aliases,
                    description,
                    external_id,
                })?;
                if json {
                    print(&mut out, &to_json(&e));
                } else {
                    print(
                        &mut out,
                        &format!("added {} ({}): {} mention(s)", e.name, e.kind, e.mentions),
                    );
                }
            }
            EntityAction::Show { name, json } => {
                let page = nb.entity_page(&name)?;
                if json {
                    print(&mut out, &to_json(&page));
                } else {
                    let e = &page.entity;
                    print(&mut out, &format!("{} ({})", e.name, e.kind));
                    if !e.aliases.is_empty() {
                        print(&mut out, &format!("also: {}", e.aliases.join(", ")));
                    }
                    if let Some(d) = &e.description {
                        print(&mut out, d);
                    }
                    if let Some(x) = &e.external_id {
                        print(&mut out, &format!("external id: {x}"));
                    }
                    print(&mut out, &format!("\n{} mention(s)", page.mentions.len()));
                    for m in &page.mentions {
                        let place = m.source.clone().or(m.path.clone()).unwrap_or_default();
                        print(
                            &mut out,
                            &format!(
                                "  {place} ¶{}: …{}[{}]{}…",
                                m.part, m.before, m.text, m.after
                            ),
                        );
                    }
                    if !page.annotations.is_empty() {
                        print(&mut out, "\nannotations:");
                        for a in &page.annotations {
                            print(&mut out, &format!("  {} “{}”", a.id, a.exact));
                        }
                    }
                    if !page.notes.is_empty() {
                        print(&mut out, "\nnotes linking to it:");
                        for n in &page.notes {
                            print(&mut out, &format!("  {}", n.path));
                        }
                    }
                    if !page.cooccurring.is_empty() {
                        print(&mut out, "\nnamed in the same passages:");
                        for (name, n) in &page.cooccurring {
                            print(&mut out, &format!("  {name} ({n})"));
                        }
                    }
                }
            }
            EntityAction::Edit {
                name,
                rename,
                kind,
                add_aliases,
                remove_aliases,
                description,
                external_id,
                json,
            } => {
                let e = nb.edit_entity(
                    &name,
                    EntityEdit {
                        name: rename,
                        kind,
                        add_aliases,
                        remove_aliases,
                        description,
                        external_id,
                    },
                )?;
                if json {
                    print(&mut out, &to_json(&e));
                } else {
                    print(&mut out, &format!("edited {} ({})", e.name, e.kind));
                }
            }
            EntityAction::Merge { keep, other } => {
                let e = nb.merge_entities(&keep, &other)?;
                print(
                    &mut out,
                    &format!(
                        "merged into {}: {} mention(s), also {}",
                        e.name,
                        e.mentions,
                        e.aliases.join(", ")
                    ),
                );
            }
            EntityAction::Rm { name } => {
                nb.delete_entity(&name)?;
                print(&mut out, &format!("deleted {name}"));
            }
        },
        Command::Suggest {
            action,
            source,
            json,
        } => match action {
            Some(SuggestAction::Accept {
                name,
                source: from,
                kind,
            }) => {
                let sources: Vec<String> = match from.or(source) {
                    Some(s) => vec![s],
                    None => nb.sources()?.into_iter().map(|s| s.id).collect(),
                };
                let mut done = None;
                for s in &sources {
                    match nb.accept_suggestion(s, &name, kind.as_deref()) {
                        Ok(e) => {
                            done = Some(e);
                            break;
                        }
                        Err(Error::NotFound { .. }) => continue,
                        Err(e) => return Err(e),
                    }
                }
                let e = done.ok_or_else(|| Error::NotFound {
                    what: "suggestion",
                    id: name.clone(),
                })?;
                print(
                    &mut out,
                    &format!(
                        "added {} ({}){}",
                        e.name,
                        e.kind,
                        if e.aliases.is_empty() {
                            String::new()
                        } else {
                            format!(", also {}", e.aliases.join(", "))
                        }
                    ),
                );
            }
            Some(SuggestAction::Reject { name }) => {
                nb.reject_suggestion(&name)?;
                print(
                    &mut out,
                    &format!("rejected {name}: it will not be suggested again"),
                );
            }
            None => {
                let source = source.ok_or_else(|| {
                    Error::BadInput("give a source: dossier suggest SOURCE".into())
                })?;
                let list = nb.suggest(&source)?;
                if json {
                    print(&mut out, &to_json(&list));
                } else if list.is_empty() {
                    print(
                        &mut out,
                        "no suggestions: every name this source mentions is known or rejected",
                    );
                } else {
                    for s in &list {
                        let vars = if s.variants.len() > 1 {
                            format!(" (as {})", s.variants.join(", "))
                        } else {
                            String::new()
                        };
                        print(
                            &mut out,
                            &format!("{:<13} {}{vars} ×{}", s.kind, s.name, s.count),
                        );
                    }
                }
            }
        },
        Command::Note { action } => match action {
            NoteAction::New { title } => {
                let n = nb.new_note(&title)?;
                print(&mut out, &format!("created {}", n.path));
            }
            NoteAction::Mv { old, new } => {
                let updated = nb.rename_note(&old, &new)?;
                print(&mut out, &format!("renamed {old} to {new}"));
                for p in updated {
                    print(&mut out, &format!("updated links in {p}"));
                }
            }
            NoteAction::Rm { note } => {
                let kept = nb.delete_note(&note)?;
                print(&mut out, &format!("deleted {note} (kept in {kept})"));
            }
        },
        Command::Render { note } => {
            let r = nb.render_note(&note)?;
            let _ = write!(out, "{}", r.html);
        }
        Command::Backlinks { target, json } => {
            let b = nb.backlinks(&target)?;
            if json {
                print(&mut out, &to_json(&b));
            } else {
                print(&mut out, &format!("{} linked mention(s)", b.linked.len()));
                for h in &b.linked {
                    print(&mut out, &format!("  {}: …{}…", h.path, h.context));
                }
                print(
                    &mut out,
                    &format!("{} unlinked mention(s)", b.unlinked.len()),
                );
                for h in &b.unlinked {
                    print(
                        &mut out,
                        &format!("  {} {}..{}: …{}…", h.path, h.start, h.end, h.context),
                    );
                }
            }
        }
        Command::Export {
            out: dir,
            note,
            source,
            entity,
            all,
            template,
            format,
            vault,
        } => {
            let scope = match (note, source, entity, all) {
                (Some(n), _, _, _) => Scope::Note(n),
                (_, Some(s), _, _) => Scope::Source(s),
                (_, _, Some(e), _) => Scope::Entity(e),
                (_, _, _, true) => Scope::All,
                _ => {
                    return Err(Error::BadInput(
                        "say what to export: --note N, --source S, --entity E or --all".into(),
                    ))
                }
            };
            match format.as_str() {
                "markdown" | "md" => {
                    let report = nb.export_markdown(&ExportOptions {
                        out: dir.clone(),
                        scope,
                        template,
                        vault,
                    })?;
                    print(
                        &mut out,
                        &format!(
                            "wrote {} file(s) to {}",
                            report.written.len(),
                            dir.display()
                        ),
                    );
                    if !report.unchanged.is_empty() {
                        print(
                            &mut out,
                            &format!("{} file(s) unchanged", report.unchanged.len()),
                        );
                    }
                    for (kept, beside) in &report.kept {
                        print(&mut out, &format!("kept {kept}: you changed it since the last export; the new version is {beside}"));
                    }
                }
                "jsonld" | "json-ld" => {
                    let source = match scope {
                        Scope::Source(s) => Some(s),
                        Scope::All => None,
                        _ => {
                            return Err(Error::BadInput(
                                "JSON-LD exports annotations: use --source S or --all".into(),
                            ))
                        }
                    };
                    let doc = nb.export_jsonld(source.as_deref())?;
                    let file = dir.join(format!(
                        "{}.jsonld",
                        source.as_deref().unwrap_or("annotations")
                    ));
                    std::fs::create_dir_all(&dir)
                        .map_err(|e| Error::BadInput(format!("{}: {e}", dir.display())))?;
                    dossier_core::text::write_atomic(&file, to_json(&doc).as_bytes())?;
                    print(
                        &mut out,
                        &format!("wrote {} annotation(s) to {}", doc["total"], file.display()),
                    );
                }
                other => {
                    return Err(Error::BadInput(format!(
                        "unknown format {other:?} (markdown or jsonld)"
                    )))
                }
            }
        }
        Command::ImportAnnotations { file, source, json } => {
            let report = nb.import_annotations(&file, source.as_deref())?;
            if json {
                print(&mut out, &to_json(&report));
            } else {
                print(
                    &mut out,
                    &format!(
                        "imported {} annotation(s); {} already here; {} orphan(s)",
                        report.imported.len(),
                        report.existing.len(),
                        report.orphans.len()
                    ),
                );
                for o in &report.orphans {
                    print(&mut out, &format!("  orphan: {o} (kept; re-attach it with: dossier annotation edit {o} --quote TEXT)"));
                }
                for (id, why) in &report.skipped {
                    print(&mut out, &format!("  skipped {id}: {why}"));
                }
            }
        }
        Command::Reindex => {
            nb.reindex()?;
            let report = nb.check()?;
            print(
                &mut out,
                &format!(
                    "reindexed: {} sources, {} notes, {} index documents",
                    report.sources, report.notes, report.index_documents
                ),
            );
        }
        Command::Check { json } => {
            let report = nb.check()?;
            if json {
                print(&mut out, &to_json(&report));
            } else {
                print(
                    &mut out,
                    &format!(
                        "{} sources, {} notes, {} annotations, {} index documents",
                        report.sources, report.notes, report.annotations, report.index_documents
                    ),
                );
                for p in &report.problems {
                    print(&mut out, &format!("problem: {p}"));
                }
                if report.problems.is_empty() {
                    print(
                        &mut out,
                        "ok: the store passes its integrity check and the index agrees with it",
                    );
                }
            }
            if !report.problems.is_empty() {
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value)
        .unwrap_or_else(|e| json!({"error": e.to_string()}).to_string())
}

/// `<mark>` → bold on a terminal, brackets elsewhere; entities unescaped.
fn terminal_snippet(html: &str) -> String {
    let (on, off) = if std::io::stdout().is_terminal() {
        ("\x1b[1;33m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    html.replace('\n', " ")
        .replace("<mark>", on)
        .replace("</mark>", off)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(0);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    Some(bar)
}
