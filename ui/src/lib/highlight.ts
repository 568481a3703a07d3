// Marking the matched words in a passage of the reader, and converting the
// engine's offsets (Unicode code points) to JavaScript's (UTF-16 units).
import type { Segment } from "./snippet";

/** UTF-16 index in `text` of the code point at `codePoint` (clamped to the end). */
export function codePointToUtf16(text: string, codePoint: number): number {
  let cp = 0;
  let i = 0;
  while (i < text.length && cp < codePoint) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    cp += 1;
  }
  return i;
}

/** Code-point index of the UTF-16 index `index` in `text`. */
export function utf16ToCodePoint(text: string, index: number): number {
  return Array.from(text.slice(0, index)).length;
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);
}

/**
 * Ranges [start, end) in UTF-16 units where any of `terms` occurs in `text`
 * as whole words, case-insensitively; sorted, never overlapping.
 */
export function findTerms(text: string, terms: string[]): Array<[number, number]> {
  const lower = text.toLocaleLowerCase();
  // Lower-casing can change lengths for a few characters; fall back to exact case then.
  const hay = lower.length === text.length ? lower : text;
  const ranges: Array<[number, number]> = [];
  for (const raw of terms) {
    const term = hay === lower ? raw.toLocaleLowerCase() : raw;
    if (!term) continue;
    let from = 0;
    for (;;) {
      const at = hay.indexOf(term, from);
      if (at < 0) break;
      const end = at + term.length;
      if (!isWordChar(hay[at - 1]) && !isWordChar(hay[end])) ranges.push([at, end]);
      from = at + 1;
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] < last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** `text` cut into plain and marked segments along `ranges` (from `findTerms`). */
export function segmentsFor(text: string, ranges: Array<[number, number]>): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s > at) out.push({ text: text.slice(at, s), mark: false });
    out.push({ text: text.slice(s, e), mark: true });
    at = e;
  }
  if (at < text.length || out.length === 0) out.push({ text: text.slice(at), mark: false });
  return out;
}

/** An annotation's place in a passage, in UTF-16 units of the passage text. */
export type AnnotationRange = { start: number; end: number; id: string };

/**
 * The annotations that fall in a passage (code-point offsets `start`..`end`
 * in the source), as ranges in the passage's own UTF-16 units: clipped to the
 * passage, orphans left out, overlaps cut so that ranges never nest.
 */
export function annotationRanges(
  passage: { start: number; end: number; text: string },
  annotations: Array<{ id: string; start: number; end: number; status: string }>,
): AnnotationRange[] {
  const out: AnnotationRange[] = [];
  for (const a of annotations) {
    if (a.status === "orphan" || a.end <= passage.start || a.start >= passage.end || a.end <= a.start) continue;
    const from = codePointToUtf16(passage.text, Math.max(a.start, passage.start) - passage.start);
    const to = codePointToUtf16(passage.text, Math.min(a.end, passage.end) - passage.start);
    if (to > from) out.push({ start: from, end: to, id: a.id });
  }
  out.sort((x, y) => x.start - y.start || y.end - x.end);
  let reached = 0;
  const clipped: AnnotationRange[] = [];
  for (const r of out) {
    const start = Math.max(r.start, reached);
    if (r.end > start) {
      clipped.push({ ...r, start });
      reached = r.end;
    }
  }
  return clipped;
}

export type Piece = { text: string; mark: boolean; annotation: string | null };

/** `text` cut at every boundary of the search marks and the annotation ranges. */
export function layered(text: string, marks: Array<[number, number]>, annotations: AnnotationRange[]): Piece[] {
  const cuts = new Set<number>([0, text.length]);
  for (const [s, e] of marks) cuts.add(s).add(e);
  for (const a of annotations) cuts.add(a.start).add(a.end);
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i] as number;
    const e = points[i + 1] as number;
    if (e <= s) continue;
    const mark = marks.some(([ms, me]) => ms <= s && e <= me);
    const annotation = annotations.find((a) => a.start <= s && e <= a.end)?.id ?? null;
    const last = pieces[pieces.length - 1];
    if (last && last.mark === mark && last.annotation === annotation) last.text += text.slice(s, e);
    else pieces.push({ text: text.slice(s, e), mark, annotation });
  }
  if (pieces.length === 0) pieces.push({ text, mark: false, annotation: null });
  return pieces;
}
