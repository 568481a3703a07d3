// The views that are not on the first screen (the note editor, the entity,
// quotes and suggestions panes, the dialogs): each a chunk of its own, with
// its CSS, loaded with `import()` when first shown, so that the launch's
// bundle holds the first screen only. `preloadViews` fetches them all once
// the first frame is painted, so that a later click does not wait.

/** A loader that imports once and hands every caller the same promise. */
export function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () => (loaded ??= load());
}

export const loadNoteEditor = once(() => import("../components/NoteEditor.svelte"));
export const loadEntityPane = once(() => import("../components/EntityPane.svelte"));
export const loadQuotesPanel = once(() => import("../components/QuotesPanel.svelte"));
export const loadSuggestionsPanel = once(() => import("../components/SuggestionsPanel.svelte"));
export const loadNameDialog = once(() => import("../components/NameDialog.svelte"));
export const loadExportDialog = once(() => import("../components/ExportDialog.svelte"));
export const loadUrlImportDialog = once(() => import("../components/UrlImportDialog.svelte"));

const ALL = [
  loadNoteEditor,
  loadEntityPane,
  loadQuotesPanel,
  loadSuggestionsPanel,
  loadNameDialog,
  loadExportDialog,
  loadUrlImportDialog,
];

/** Starts loading every view's chunk (a failure shows where the view is opened). */
export function preloadViews(): void {
  for (const load of ALL) load().catch(() => {});
}
