//! One function per subcommand: call the engine, print its answer.

use std::io::IsTerminal;
use std::process::ExitCode;

use dossier_core::{
    AnchorStatus, AnnotationEdit, EntityEdit, Error, ExportFormat, ExportOptions, HitKind,
    ImportOptions, NewAnnotation, NewEntity, Notebook, Scope,
};

use crate::output::{terminal_snippet, Output};
use crate::{
    AnnotateArgs, AnnotationAction, AnnotationsArgs, BacklinksArgs, EntityAction, ExportArgs,
    GraphArgs, GraphFormatArg, ImportAnnotationsArgs, ImportArgs, NoteAction, QuotesArgs,
    SearchArgs, ShowArgs, SuggestAction, SuggestArgs, TimelineArgs, TimelineFormatArg,
};

type Done = Result<ExitCode, Error>;

const OK: Done = Ok(ExitCode::SUCCESS);

pub fn import(nb: &mut Notebook, a: ImportArgs) -> Done {
    let bar = progress_bar();
    let (urls, files): (Vec<&std::path::PathBuf>, Vec<&std::path::PathBuf>) = a
        .paths
        .iter()
        .partition(|p| p.to_str().is_some_and(dossier_core::is_web_address));
    let urls: Vec<String> = urls
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let files: Vec<std::path::PathBuf> = files.into_iter().cloned().collect();
    let report = nb.import_files_and_urls(
        &files,
        &urls,
        &ImportOptions {
            skip_bad: a.skip_bad,
        },
        &dossier_core::FetchLimits::default(),
        &mut |p| {
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
        },
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let report = report?;
    Output::new(a.json).show(&report, false, "", |o| {
        for s in &report.imported {
            o.line(format!(
                "imported {}  {} ({} passages)",
                s.id, s.title, s.passages
            ));
        }
        for s in &report.updated {
            o.line(format!(
                "updated {}  {} (the page changed; its new text is the source's latest version)",
                s.id, s.title
            ));
        }
        for (p, id) in &report.duplicates {
            o.line(format!("already in the notebook as {id}: {}", p.display()));
        }
        for (p, id) in &report.unchanged {
            o.line(format!(
                "already imported as {id}, unchanged: {}",
                p.display()
            ));
        }
    });
    for (p, why) in &report.refused {
        eprintln!("dossier: refused {}: {why}", p.display());
    }
    if report.refused.is_empty() {
        OK
    } else {
        Ok(ExitCode::from(2))
    }
}

pub fn search(nb: &Notebook, a: SearchArgs) -> Done {
    let results = nb.search(&a.query, a.limit)?;
    Output::new(a.json).show(&results, results.hits.is_empty(), "no matches", |o| {
        o.line(format!("{} match(es)", results.total));
        for h in &results.hits {
            let place = match (&h.source, h.passage, &h.path) {
                (Some(s), Some(p), _) => format!("{s} ¶{p}"),
                (_, _, Some(path)) => path.clone(),
                _ => String::new(),
            };
            o.line(format!(
                "\n[{}] {}  ({place}, score {:.2})",
                h.kind.as_str(),
                h.title,
                h.score
            ));
            o.line(format!("  {}", terminal_snippet(&h.snippet)));
            match (&h.speaker, &h.entity) {
                (Some(s), Some(e)) if s != e => o.line(format!("  — {s} ({e})")),
                (_, Some(e)) => o.line(format!("  — {e}")),
                (Some(s), None) => o.line(format!("  — {s}")),
                (None, None) if h.kind == HitKind::Quote => o.line("  — speaker not found"),
                _ => {}
            }
        }
    });
    OK
}

pub fn sources(nb: &Notebook, json: bool) -> Done {
    let sources = nb.sources()?;
    let empty = "no sources yet: dossier import FILE...";
    Output::new(json).show(&sources, sources.is_empty(), empty, |o| {
        for s in &sources {
            o.line(format!("{}  {}  ({} passages)", s.id, s.title, s.passages));
        }
    });
    OK
}

pub fn show(nb: &Notebook, a: ShowArgs) -> Done {
    let s = nb.source(&a.source)?;
    Output::new(a.json).show(&s, false, "", |o| {
        o.line(format!("title:     {}", s.meta.title));
        for (k, v) in [
            ("outlet:   ", &s.meta.outlet),
            ("author:   ", &s.meta.author),
            ("published:", &s.meta.published),
            ("modified: ", &s.meta.modified),
            ("language: ", &s.meta.language),
            ("url:      ", &s.meta.url),
        ] {
            if let Some(v) = v {
                o.line(format!("{k} {v}"));
            }
        }
        o.line(format!(
            "id:        {}\nfile:      {}\npassages:  {}\n",
            s.id,
            s.path,
            s.passages.len()
        ));
        o.raw(&s.text);
    });
    OK
}

pub fn notes(nb: &Notebook, json: bool) -> Done {
    let notes = nb.notes()?;
    let empty = "no notes yet: dossier note new TITLE";
    Output::new(json).show(&notes, notes.is_empty(), empty, |o| {
        for n in &notes {
            o.line(format!("{}  {}", n.path, n.title));
        }
    });
    OK
}

pub fn note(nb: &mut Notebook, action: NoteAction) -> Done {
    let mut out = Output::new(false);
    match action {
        NoteAction::New { title, source } => {
            let n = match source {
                Some(s) => nb.new_note_about(&title, &s)?,
                None => nb.new_note(&title)?,
            };
            out.say(&format!("created {}", n.path));
        }
        NoteAction::Mv { old, new } => {
            let updated = nb.rename_note(&old, &new)?;
            out.say(&format!("renamed {old} to {new}"));
            for p in updated {
                out.say(&format!("updated links in {p}"));
            }
        }
        NoteAction::Rm { note } => {
            let kept = nb.delete_note(&note)?;
            out.say(&format!("deleted {note} (kept in {kept})"));
        }
    }
    OK
}

pub fn render(nb: &Notebook, note: &str) -> Done {
    Output::new(false).raw(&nb.render_note(note)?.html);
    OK
}

pub fn backlinks(nb: &Notebook, a: BacklinksArgs) -> Done {
    let b = nb.backlinks(&a.target)?;
    Output::new(a.json).show(&b, false, "", |o| {
        o.line(format!("{} linked mention(s)", b.linked.len()));
        for h in &b.linked {
            o.line(format!("  {}: …{}{}{}…", h.path, h.before, h.text, h.after));
        }
        o.line(format!("{} unlinked mention(s)", b.unlinked.len()));
        for h in &b.unlinked {
            o.line(format!(
                "  {} {}..{}: …{}[{}]{}…",
                h.path, h.start, h.end, h.before, h.text, h.after
            ));
        }
    });
    OK
}

pub fn annotate(nb: &mut Notebook, a: AnnotateArgs) -> Done {
    let made = nb.annotate(
        &a.source,
        NewAnnotation {
            quote: Some(a.quote),
            prefix: a.prefix,
            suffix: a.suffix,
            comment: a.comment,
            tags: a.tags,
            color: a.color,
            entities: a.entities,
            ..NewAnnotation::default()
        },
    )?;
    Output::new(a.json).show(&made, false, "", |o| {
        o.line(format!(
            "annotated {} ({}..{}) in {}",
            made.id, made.start, made.end, made.source
        ))
    });
    OK
}

pub fn annotations(nb: &Notebook, a: AnnotationsArgs) -> Done {
    let list: Vec<_> = nb
        .annotations(a.source.as_deref())?
        .into_iter()
        .filter(|x| !a.orphans || x.status == AnchorStatus::Orphan)
        .collect();
    Output::new(a.json).show(&list, list.is_empty(), "no annotations", |o| {
        for x in &list {
            let tags = if x.tags.is_empty() {
                String::new()
            } else {
                format!("  #{}", x.tags.join(" #"))
            };
            o.line(format!(
                "{}  {} {}..{} [{}]{tags}",
                x.id,
                x.source,
                x.start,
                x.end,
                x.status.as_str()
            ));
            o.line(format!("  “{}”", x.exact));
            if !x.comment.is_empty() {
                o.line(format!("  {}", x.comment));
            }
        }
    });
    OK
}

/// `Some(list)` replaces, `Some([])` clears, `None` keeps.
fn replacement(clear: bool, list: Vec<String>) -> Option<Vec<String>> {
    if clear {
        Some(Vec::new())
    } else if list.is_empty() {
        None
    } else {
        Some(list)
    }
}

pub fn annotation(nb: &mut Notebook, action: AnnotationAction) -> Done {
    match action {
        AnnotationAction::Edit(a) => {
            let reattach = match a.quote {
                Some(q) => {
                    let current = nb.annotation(&a.id)?;
                    Some(nb.locate(
                        &current.source,
                        &q,
                        a.prefix.as_deref(),
                        a.suffix.as_deref(),
                    )?)
                }
                None => None,
            };
            let edited = nb.edit_annotation(
                &a.id,
                AnnotationEdit {
                    comment: a.comment,
                    tags: replacement(a.clear_tags, a.tags),
                    color: a.color,
                    reattach,
                    entities: replacement(a.clear_entities, a.entities),
                },
            )?;
            Output::new(a.json).show(&edited, false, "", |o| {
                o.line(format!("edited {}", edited.id))
            });
        }
        AnnotationAction::Rm { id } => {
            nb.delete_annotation(&id)?;
            Output::new(false).say(&format!("deleted {id}"));
        }
    }
    OK
}

pub fn entities(nb: &Notebook, json: bool) -> Done {
    let list = nb.entities()?;
    let empty = "no entities yet: dossier entity add NAME --kind KIND, or dossier suggest SOURCE";
    Output::new(json).show(&list, list.is_empty(), empty, |o| {
        for e in &list {
            let aliases = if e.aliases.is_empty() {
                String::new()
            } else {
                format!(" (also {})", e.aliases.join(", "))
            };
            o.line(format!(
                "{:<13} {}{aliases}: {} mention(s)",
                e.kind, e.name, e.mentions
            ));
        }
    });
    OK
}

pub fn entity(nb: &mut Notebook, action: EntityAction) -> Done {
    match action {
        EntityAction::Add(a) => {
            let e = nb.add_entity(NewEntity {
                name: a.name,
                kind: a.kind.as_str().to_string(),
                aliases: a.aliases,
                description: a.description,
                external_id: a.external_id,
            })?;
            Output::new(a.json).show(&e, false, "", |o| {
                o.line(format!(
                    "added {} ({}): {} mention(s)",
                    e.name, e.kind, e.mentions
                ))
            });
        }
        EntityAction::Show { name, json } => {
            let page = nb.entity_page(&name)?;
            Output::new(json).show(&page, false, "", |o| entity_page_lines(o, &page));
        }
        EntityAction::Edit(a) => {
            let e = nb.edit_entity(
                &a.name,
                EntityEdit {
                    name: a.rename,
                    kind: a.kind.map(|k| k.as_str().to_string()),
                    add_aliases: a.add_aliases,
                    remove_aliases: a.remove_aliases,
                    description: a.description,
                    external_id: a.external_id,
                },
            )?;
            Output::new(a.json).show(&e, false, "", |o| {
                o.line(format!("edited {} ({})", e.name, e.kind))
            });
        }
        EntityAction::Merge { keep, other } => {
            let e = nb.merge_entities(&keep, &other)?;
            Output::new(false).say(&format!(
                "merged into {}: {} mention(s), also {}",
                e.name,
                e.mentions,
                e.aliases.join(", ")
            ));
        }
        EntityAction::Rm { name } => {
            nb.delete_entity(&name)?;
            Output::new(false).say(&format!("deleted {name}"));
        }
    }
    OK
}

fn entity_page_lines(o: &mut crate::output::Lines<'_>, page: &dossier_core::EntityPage) {
    let e = &page.entity;
    o.line(format!("{} ({})", e.name, e.kind));
    if !e.aliases.is_empty() {
        o.line(format!("also: {}", e.aliases.join(", ")));
    }
    if let Some(d) = &e.description {
        o.line(d);
    }
    if let Some(x) = &e.external_id {
        o.line(format!("external id: {x}"));
    }
    o.line(format!("\n{} mention(s)", page.mentions.len()));
    for m in &page.mentions {
        let place = m.source.clone().or(m.path.clone()).unwrap_or_default();
        o.line(format!(
            "  {place} ¶{}: …{}[{}]{}…",
            m.part, m.before, m.text, m.after
        ));
    }
    if !page.annotations.is_empty() {
        o.line("\nannotations:");
        for a in &page.annotations {
            o.line(format!("  {} “{}”", a.id, a.exact));
        }
    }
    if !page.notes.is_empty() {
        o.line("\nnotes linking to it:");
        for n in &page.notes {
            o.line(format!("  {}", n.path));
        }
    }
    if !page.cooccurring.is_empty() {
        o.line("\nnamed in the same passages:");
        for (name, n) in &page.cooccurring {
            o.line(format!("  {name} ({n})"));
        }
    }
}

pub fn suggest(nb: &mut Notebook, a: SuggestArgs) -> Done {
    match a.action {
        Some(SuggestAction::Accept { name, source, kind }) => {
            let kind = kind.map(|k| k.as_str());
            let e = match source.or(a.source) {
                Some(s) => nb.accept_suggestion(&s, &name, kind)?,
                None => nb.accept_suggestion_anywhere(&name, kind)?,
            };
            let also = if e.aliases.is_empty() {
                String::new()
            } else {
                format!(", also {}", e.aliases.join(", "))
            };
            Output::new(false).say(&format!("added {} ({}){also}", e.name, e.kind));
        }
        Some(SuggestAction::Reject { name }) => {
            nb.reject_suggestion(&name)?;
            Output::new(false).say(&format!("rejected {name}: it will not be suggested again"));
        }
        None if a.all => {
            let list = nb.suggest_all()?;
            let empty = "no suggestions: every name the sources mention is known or rejected";
            Output::new(a.json).show(&list, list.is_empty(), empty, |o| {
                for s in &list {
                    o.line(format!(
                        "{:<13} {} ×{} in {}",
                        s.kind,
                        s.name,
                        s.count,
                        s.sources.join(", ")
                    ));
                }
            });
        }
        None => {
            let source = a
                .source
                .ok_or_else(|| Error::BadInput("give a source: dossier suggest SOURCE".into()))?;
            let list = nb.suggest(&source)?;
            let empty = "no suggestions: every name this source mentions is known or rejected";
            Output::new(a.json).show(&list, list.is_empty(), empty, |o| {
                for s in &list {
                    let vars = if s.variants.len() > 1 {
                        format!(" (as {})", s.variants.join(", "))
                    } else {
                        String::new()
                    };
                    o.line(format!("{:<13} {}{vars} ×{}", s.kind, s.name, s.count));
                }
            });
        }
    }
    OK
}

pub fn quotes(nb: &Notebook, a: QuotesArgs) -> Done {
    let list = nb.quotes(a.source.as_deref(), a.speaker.as_deref())?;
    Output::new(a.json).show(&list, list.is_empty(), "no quotes found", |o| {
        for q in &list {
            let who = match (&q.speaker, &q.entity) {
                (Some(s), Some(e)) if s != e => format!("{s} ({e})"),
                (Some(s), _) => s.clone(),
                (None, _) => "(no speaker)".to_string(),
            };
            let cue = q
                .cue
                .as_deref()
                .map(|c| format!(", {c}"))
                .unwrap_or_default();
            o.line(format!(
                "{}:{}-{} {who}{cue} [{}]",
                q.source, q.start, q.end, q.kind
            ));
            o.line(format!("  {}", q.quote.replace('\n', " ")));
        }
    });
    OK
}

pub fn timeline(nb: &Notebook, a: TimelineArgs) -> Done {
    if a.format == TimelineFormatArg::Markdown {
        if a.json {
            return Err(Error::BadInput(
                "--json and --format markdown ask for two different outputs; give one".into(),
            ));
        }
        Output::new(false).raw(&nb.timeline_markdown(a.source.as_deref(), a.entity.as_deref())?);
        return OK;
    }
    let json = a.json || a.format == TimelineFormatArg::Json;
    let list = nb.timeline(a.source.as_deref(), a.entity.as_deref())?;
    Output::new(json).show(&list, list.is_empty(), "no dates found", |o| {
        for d in &list {
            o.line(format!(
                "{:<12} {:<8} {}  ({}, passage {})",
                d.value.as_deref().unwrap_or("?"),
                d.granularity,
                d.text,
                d.source,
                d.passage
            ));
        }
    });
    OK
}

pub fn graph(nb: &Notebook, a: GraphArgs) -> Done {
    let g = nb.graph(a.min_weight)?;
    match a.format {
        GraphFormatArg::Json => Output::new(true).show(&g, false, "", |_| {}),
        GraphFormatArg::Gexf => Output::new(false).raw(&g.to_gexf()),
        GraphFormatArg::Graphml => Output::new(false).raw(&g.to_graphml()),
    }
    OK
}

pub fn export(nb: &Notebook, a: ExportArgs) -> Done {
    let scope = match (a.note, a.source, a.entity, a.all) {
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
    let format = ExportFormat::from(a.format);
    let report = nb.export(
        &ExportOptions {
            out: a.out.clone(),
            scope,
            format,
            template: a.template,
            vault: a.vault,
        },
        &mut |_, _| {},
    )?;
    let mut out = Output::new(false);
    match report.annotations {
        Some(n) => out.say(&format!(
            "wrote {n} annotation(s) to {}",
            a.out
                .join(report.written.first().map_or("", String::as_str))
                .display()
        )),
        None => out.say(&format!(
            "wrote {} file(s) to {}",
            report.written.len(),
            a.out.display()
        )),
    }
    if !report.unchanged.is_empty() {
        out.say(&format!("{} file(s) unchanged", report.unchanged.len()));
    }
    for (kept, beside) in &report.kept {
        out.say(&format!(
            "kept {kept}: you changed it since the last export; the new version is {beside}"
        ));
    }
    OK
}

pub fn import_annotations(nb: &mut Notebook, a: ImportAnnotationsArgs) -> Done {
    let report = nb.import_annotations(&a.file, a.source.as_deref())?;
    Output::new(a.json).show(&report, false, "", |o| {
        o.line(format!(
            "imported {} annotation(s); {} already here; {} orphan(s)",
            report.imported.len(),
            report.existing.len(),
            report.orphans.len()
        ));
        for x in &report.orphans {
            o.line(format!(
                "  orphan: {x} (kept; re-attach it with: dossier annotation edit {x} --quote TEXT)"
            ));
        }
        for (id, why) in &report.skipped {
            o.line(format!("  skipped {id}: {why}"));
        }
    });
    OK
}

pub fn reindex(nb: &mut Notebook) -> Done {
    nb.reindex()?;
    let report = nb.check()?;
    Output::new(false).say(&format!(
        "reindexed: {} sources, {} notes, {} index documents",
        report.sources, report.notes, report.index_documents
    ));
    OK
}

pub fn check(nb: &Notebook, json: bool) -> Done {
    let report = nb.check()?;
    Output::new(json).show(&report, false, "", |o| {
        o.line(format!(
            "{} sources, {} notes, {} annotations, {} index documents",
            report.sources, report.notes, report.annotations, report.index_documents
        ));
        for p in &report.problems {
            o.line(format!("problem: {p}"));
        }
        if report.problems.is_empty() {
            o.line("ok: the store passes its integrity check and the index agrees with it");
        }
    });
    if report.problems.is_empty() {
        OK
    } else {
        Ok(ExitCode::FAILURE)
    }
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
