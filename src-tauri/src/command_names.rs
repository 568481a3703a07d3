// The app's own commands, in one list shared by `build.rs` (which puts them
// under Tauri's permission system) and the bindings generator. A command left
// out of this list cannot be called by any window.
pub const COMMANDS: &[&str] = &[
    "startup",
    "open_notebook",
    "choose_notebook",
    "recent_notebooks",
    "get_source",
    "get_note",
    "get_entity",
    "search",
    "choose_import_files",
    "import_files",
    "report_first_paint",
    "annotate",
    "edit_annotation",
    "delete_annotation",
    "suggestions",
    "accept_suggestion",
    "reject_suggestion",
    "add_entity",
];
