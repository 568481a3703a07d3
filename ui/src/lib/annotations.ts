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
