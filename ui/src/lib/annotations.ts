// Highlight colours: a fixed set of class names, so nothing from a file ever
// becomes a style. Unknown names and #rrggbb values fall back to yellow.
import type { AnnotationView, PassageView } from "./bindings";

export const COLORS = ["yellow", "green", "blue", "pink", "purple", "orange"] as const;
export type Color = (typeof COLORS)[number];

export function annotationColor(color: string | undefined): Color {
  return (COLORS as readonly string[]).includes(color ?? "") ? (color as Color) : "yellow";
}

/** The ordinal of the passage an annotation starts in, or null (orphans, or out of range). */
export function passageOf(a: Pick<AnnotationView, "start" | "status">, passages: PassageView[]): number | null {
  if (a.status === "orphan") return null;
  const p = passages.find((p) => p.start <= a.start && a.start < p.end);
  return p ? p.ordinal : null;
}

/** Placed annotations in reading order, then the orphans. */
export function splitOrphans(annotations: AnnotationView[]): { placed: AnnotationView[]; orphans: AnnotationView[] } {
  return {
    placed: annotations.filter((a) => a.status !== "orphan"),
    orphans: annotations.filter((a) => a.status === "orphan"),
  };
}

/** Tags typed in one field: separated by commas or spaces, a leading # dropped, no repeats. */
export function parseTagInput(input: string): string[] {
  const out: string[] = [];
  for (const raw of input.split(/[\s,]+/u)) {
    const t = raw.replace(/^#+/u, "");
    if (t && !out.some((o) => o.toLowerCase() === t.toLowerCase())) out.push(t);
  }
  return out;
}

/** Every tag used in these annotations, sorted, each once (case folded). */
export function tagsOf(annotations: Pick<AnnotationView, "tags">[]): string[] {
  const seen = new Map<string, string>();
  for (const a of annotations) for (const t of a.tags) if (!seen.has(t.toLowerCase())) seen.set(t.toLowerCase(), t);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

export type AnnotationFilter = { tag: string | null; color: Color | null };

/** The annotations with this tag (any case) and this colour; null matches all. */
export function filterAnnotations<T extends Pick<AnnotationView, "tags" | "color">>(list: T[], f: AnnotationFilter): T[] {
  return list.filter(
    (a) =>
      (f.tag === null || a.tags.some((t) => t.toLowerCase() === f.tag?.toLowerCase())) &&
      (f.color === null || annotationColor(a.color) === f.color),
  );
}

/** `list` with `a` in place of the annotation of the same id (or added), in reading order. */
export function upsertAnnotation(list: AnnotationView[], a: AnnotationView): AnnotationView[] {
  const out = list.filter((x) => x.id !== a.id);
  out.push(a);
  return out.sort((x, y) => x.start - y.start || x.end - y.end);
}

/** What the highlight editor edits. */
export type Draft = { color: string; comment: string; tags: string[]; entities: string[] };
/** The editor field to put the cursor in. */
export type Field = "comment" | "tags" | "entities";

/** The shortcut that highlights the selection, as the toolbar's tooltip shows it. */
export const HIGHLIGHT_KEYS = "H or Ctrl+Shift+H";

/** Whether a key press asks to highlight the selection: "h" alone, or Ctrl+Shift+H. */
export function isHighlightKey(e: Pick<KeyboardEvent, "key" | "ctrlKey" | "metaKey" | "altKey" | "shiftKey">): boolean {
  if (e.altKey || e.key.toLowerCase() !== "h") return false;
  if (e.ctrlKey || e.metaKey) return e.shiftKey;
  return !e.shiftKey;
}
