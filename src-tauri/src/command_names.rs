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
    "save_note",
    "reload_note",
    "render_markdown",
    "new_note",
    "rename_note",
    "delete_note",
    "backlinks",
    "link_mention",
    "create_entity",
    "open_web_link",
    "choose_export_folder",
    "export",
    "close_window",
];
