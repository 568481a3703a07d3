//! The TypeScript twin of the transport types and commands, committed as
//! `ui/src/lib/bindings.ts`. The test below fails when that file is stale;
//! `DOSSIER_BLESS=1 cargo test -p dossier-app --lib bindings` rewrites it.

use ts_rs::{Config, TS};

use crate::transport::*;

/// Path of the generated file, relative to this crate.
pub const BINDINGS_PATH: &str = "../ui/src/lib/bindings.ts";

/// Events the shell emits to the window.
pub const EVENT_FILES_DROPPED: &str = "dossier://files-dropped";
pub const EVENT_DRAG_HOVER: &str = "dossier://drag-hover";
pub const EVENT_NOTEBOOK_CHANGED: &str = "dossier://notebook-changed";
/// The window is about to close: write what is unsaved, then call `close_window`.
pub const EVENT_CLOSE_REQUESTED: &str = "dossier://close-requested";

/// One command as TypeScript sees it: argument names and types, result type.
pub struct Signature {
    pub name: &'static str,
    pub args: Vec<(&'static str, String)>,
    pub result: String,
}

/// An argument's TypeScript type: a progress channel, or a transport type.
macro_rules! arg_ts {
    ($cfg:ident, channel, $t:ty) => {
        format!("Channel<{}>", <$t as TS>::name($cfg))
    };
    ($cfg:ident, , $t:ty) => {
        <$t as TS>::name($cfg)
    };
}

/// `signatures()` and `COMMANDS` from the command list.
macro_rules! signatures {
    ($($name:ident ($($(#[$c:ident])? $arg:ident : $ty:ty),*) -> $ret:ty;)*) => {
        /// The TypeScript signature of every command, in the list's order.
        pub fn signatures(cfg: &Config) -> Vec<Signature> {
            vec![$(Signature {
                name: stringify!($name),
                args: vec![$((stringify!($arg), arg_ts!(cfg, $($c)?, $ty))),*],
                result: <$ret as TS>::name(cfg),
            }),*]
        }
    };
}

for_each_command!(signatures);

/// Every command's name, in the list's order.
pub const COMMANDS: &[&str] = for_each_command!(command_names);

macro_rules! declarations {
    ($cfg:expr; $($t:ty),* $(,)?) => {
        vec![$( (<$t as TS>::docs(), <$t as TS>::decl($cfg)) ),*]
    };
}

/// The whole of `bindings.ts`.
pub fn typescript() -> String {
    let cfg = Config::new();
    let decls = declarations!(&cfg;
        CommandError, NotebookView, SourceItem, NoteItem, SourceView, PassageView, AnnotationView, EntityItem, EntityView, MentionView, Cooccurrence, NameRequest, NoteView,
        HitKind, SearchHit, QuerySyntaxProblem, SearchResponse, SearchRequest, PathRequest,
        IdRequest, ImportRequest, ImportProgress, ImportIssue, ImportSummary, RecentNotebook,
        Startup, FilesDropped, DragHover, FirstPaint, FirstPaintRequest, LaunchMark, MentionSpan, AnnotateRequest, SpanRequest,
        AnnotationEditRequest, SuggestionView, AcceptSuggestionRequest, NewEntityRequest,
        EntitiesChanged, NotebookChanged, SaveNoteRequest, SavedNote, ReloadNoteRequest, RenderRequest,
        RenderedView, NewNoteRequest, RenameNoteRequest, NoteChange, BacklinksView, BacklinkView,
        LinkMentionRequest, UrlRequest, ExportScope, ExportFormat, ExportRequest,
        ExportProgress, KeptFile, ExportSummary, CloseRequest, QuoteView, SpeakerQuotesView,
        QuoteHighlightRequest, TimelineRequest, TimelineItemView,
        GraphRequest, GraphNodeView, GraphEdgeView, GraphView, EdgeRequest, SharedPassageView,
        PictureFormat, PictureRequest,
    );
    let mut out = String::new();
    out.push_str("// Generated from src-tauri (src/transport.rs, src/commands.rs): do not edit.\n");
    out.push_str(
        "// Regenerate with: DOSSIER_BLESS=1 cargo test -p dossier-app --lib bindings\n\n",
    );
    out.push_str("import type { Channel } from \"@tauri-apps/api/core\";\n\n");
    for (docs, decl) in decls {
        if let Some(docs) = docs {
            out.push_str(&docs);
        }
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.push_str("/** Every command: its arguments and what it resolves to. It rejects with a `CommandError`. */\n");
    out.push_str("export type Commands = {\n");
    for s in signatures(&cfg) {
        let args: Vec<String> = s.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        out.push_str(&format!(
            "  {}: {{ args: {{ {} }}; result: {} }};\n",
            s.name,
            args.join("; "),
            s.result
        ));
    }
    out.push_str("};\n\n");
    out.push_str("export const EVENTS = {\n");
    out.push_str(&format!("  filesDropped: \"{EVENT_FILES_DROPPED}\",\n"));
    out.push_str(&format!("  dragHover: \"{EVENT_DRAG_HOVER}\",\n"));
    out.push_str(&format!(
        "  notebookChanged: \"{EVENT_NOTEBOOK_CHANGED}\",\n"
    ));
    out.push_str(&format!("  closeRequested: \"{EVENT_CLOSE_REQUESTED}\",\n"));
    out.push_str("} as const;\n\n");
    out.push_str(
        "/** The kinds of entity, in the order the app lists them (from the engine). */\n",
    );
    out.push_str(&format!(
        "export const ENTITY_KINDS = [{}] as const;\n",
        dossier_core::EntityKind::ALL
            .iter()
            .map(|k| format!("\"{}\"", k.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out.push_str("export type EntityKind = (typeof ENTITY_KINDS)[number];\n\n");
    out.push_str(&format!(
        "export const COMMAND_NAMES = [{}] as const;\n",
        COMMANDS
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn crate_file(rel: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
    }

    #[test]
    fn bindings_ts_is_fresh() {
        let path = crate_file(BINDINGS_PATH);
        let fresh = typescript();
        if std::env::var_os("DOSSIER_BLESS").is_some() {
            std::fs::write(&path, &fresh).expect("write bindings.ts");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/lib/bindings.ts is stale: the Rust transport types or commands changed. \
             Regenerate it with `DOSSIER_BLESS=1 cargo test -p dossier-app --lib bindings` and commit it."
        );
    }

    #[test]
    fn the_window_may_call_each_listed_command_and_nothing_else() {
        let capability: serde_json::Value =
            serde_json::from_str(&crate::command_list::main_window_capability(COMMANDS))
                .expect("the generated capability is JSON");
        let granted: Vec<String> = capability["permissions"]
            .as_array()
            .expect("permissions array")
            .iter()
            .filter_map(|p| p.as_str().map(str::to_string))
            .collect();
        assert_eq!(capability["windows"], serde_json::json!(["main"]));
        for c in COMMANDS {
            let permission = format!("allow-{}", c.replace('_', "-"));
            assert!(
                granted.contains(&permission),
                "the main window must be granted `{permission}`, or the UI can't call `{c}`"
            );
        }
        assert_eq!(granted.len(), COMMANDS.len() + 2, "{granted:?}");
        for p in &granted {
            assert!(
                p.starts_with("allow-") || p.starts_with("core:event:allow-"),
                "the main window gets only explicit allow-* permissions, not `{p}`"
            );
        }
        let signed: Vec<&str> = signatures(&Config::new()).iter().map(|s| s.name).collect();
        assert_eq!(signed, COMMANDS, "one signature per listed command");
    }

    #[test]
    fn config_keeps_the_security_settings() {
        let conf =
            std::fs::read_to_string(crate_file("tauri.conf.json")).expect("read tauri.conf.json");
        let conf: serde_json::Value = serde_json::from_str(&conf).expect("tauri.conf.json is JSON");
        assert_eq!(
            conf["app"]["withGlobalTauri"], false,
            "no window.__TAURI__ global"
        );
        let csp = &conf["app"]["security"]["csp"];
        assert_eq!(
            csp["default-src"], "'self'",
            "CSP default-src must stay 'self'"
        );
        let all: String = csp
            .as_object()
            .expect("CSP as an object")
            .values()
            .filter_map(|v| v.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        for banned in ["unsafe-eval", "unsafe-inline", "http:", "https:", "*"] {
            let found = all
                .split_whitespace()
                .any(|token| token.contains(banned) && token != "http://ipc.localhost");
            assert!(!found, "the CSP must not allow {banned}: {all}");
        }
        assert_eq!(
            conf["app"]["security"]["assetProtocol"]["enable"], false,
            "no asset protocol, so no filesystem scope for the web view"
        );
    }
}
