// The app's commands come from one list (src/command_list.rs): their
// permissions and the main window's capability are derived from it here, so
// that no window can call a command the list does not name, and the list
// is the only place a command is declared.
include!("src/command_list.rs");

const COMMANDS: &[&str] = for_each_command!(command_names);

fn main() {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dir = out.join("capabilities");
    std::fs::create_dir_all(&dir).expect("create the capabilities folder in OUT_DIR");
    let file = dir.join("main-window.json");
    let capability = main_window_capability(COMMANDS);
    if std::fs::read_to_string(&file).ok().as_deref() != Some(capability.as_str()) {
        std::fs::write(&file, capability).expect("write the main window's capability");
    }
    println!("cargo:rerun-if-changed=src/command_list.rs");
    let pattern: &'static str = Box::leak(format!("{}/*.json", dir.display()).into_boxed_str());
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(manifest)
            .capabilities_path_pattern(pattern),
    )
    .expect("tauri-build failed: check tauri.conf.json and src/command_list.rs");
}
