// The export dialog's choices and the message that says what was written.
import type { ExportFormat, ExportScope, ExportSummary, PictureFormat, PictureRequest } from "./bindings";

export type ScopeChoice = { scope: ExportScope; label: string };

/** What can be exported from where the user is: the open note, source and entity, and always everything. */
export function scopeChoices(
  note: { path: string; title: string } | null,
  source: { id: string; title: string } | null,
  entity: { name: string } | null,
): ScopeChoice[] {
  const out: ScopeChoice[] = [];
  if (note) out.push({ scope: { kind: "note", name: note.path }, label: `This note: ${note.title}` });
  if (source) out.push({ scope: { kind: "source", name: source.id }, label: `This source's annotations: ${source.title}` });
  if (entity) out.push({ scope: { kind: "entity", name: entity.name }, label: `This entity's dossier: ${entity.name}` });
  out.push({ scope: { kind: "all" }, label: "The whole notebook" });
  return out;
}

/** JSON-LD carries annotations: a source's, or the whole notebook's. */
export function formatAllowed(scope: ExportScope, format: ExportFormat): boolean {
  return format === "markdown" || scope.kind === "source" || scope.kind === "all";
}

function files(n: number): string {
  return n === 1 ? "1 file" : `${n} files`;
}

/** One line for the status bar, and details (the kept files, by name). */
export function exportOutcome(s: ExportSummary): { text: string; details: string[] } {
  const parts: string[] = [];
  if (s.written.length) parts.push(`wrote ${files(s.written.length)}`);
  if (s.unchanged.length) parts.push(`${files(s.unchanged.length)} already up to date`);
  if (s.kept.length) parts.push(`kept ${files(s.kept.length)} you had edited`);
  const what = parts.length ? parts.join(", ") : "nothing to write";
  const text = `Exported to ${s.folder}: ${what}.`;
  const details = s.kept.map((k) => `${k.kept} was edited since the last export and kept; the new version is ${k.beside}`);
  if (s.written.length && s.written.length <= 3) details.unshift(...s.written.map((w) => `wrote ${w}`));
  return { text, details };
}

/** The pictures a file can hold: the timeline as a Markdown table, the network as GEXF or GraphML. */
export const PICTURES: { format: PictureFormat; label: string }[] = [
  { format: "timeline", label: "Timeline as a Markdown table…" },
  { format: "gexf", label: "Network as GEXF (Gephi)…" },
  { format: "graphml", label: "Network as GraphML…" },
];

/**
 * What to save for the chosen scope: the timeline of the source or of the
 * entity chosen (all dates for a note or the whole notebook); the network
 * is always the whole notebook's, every edge.
 */
export function pictureRequest(scope: ExportScope, format: PictureFormat): PictureRequest {
  const timeline = format === "timeline";
  return {
    format,
    source: timeline && scope.kind === "source" ? scope.name : null,
    entity: timeline && scope.kind === "entity" ? scope.name : null,
    minWeight: timeline ? null : 1,
    ego: null,
  };
}

/** The status line once a picture is saved. */
export function pictureOutcome(format: PictureFormat, scope: ExportScope, path: string): string {
  const what =
    format === "timeline"
      ? scope.kind === "source" || scope.kind === "entity"
        ? `The timeline of ${scope.name}`
        : "The timeline"
      : `The network (${format === "gexf" ? "GEXF" : "GraphML"})`;
  return `${what} was saved to ${path}.`;
}
