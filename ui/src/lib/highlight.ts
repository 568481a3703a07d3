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

/** A mention's place in a passage, in UTF-16 units of the passage text. */
export type MentionRange = { start: number; end: number; entity: string; kind: string };

/** A code-point span of the source, as UTF-16 units of one passage (clipped to it), or null. */
function inPassage(passage: { start: number; end: number; text: string }, start: number, end: number): [number, number] | null {
  if (end <= passage.start || start >= passage.end || end <= start) return null;
  const from = codePointToUtf16(passage.text, Math.max(start, passage.start) - passage.start);
  const to = codePointToUtf16(passage.text, Math.min(end, passage.end) - passage.start);
  return to > from ? [from, to] : null;
}

/**
 * The annotations that fall in a passage (code-point offsets `start`..`end`
 * in the source), as ranges in the passage's own UTF-16 units: clipped to the
 * passage, orphans left out. Overlapping ranges are kept as they are (the
 * reader draws them nested), ordered by start, longer first.
 */
export function annotationRanges(
  passage: { start: number; end: number; text: string },
  annotations: Array<{ id: string; start: number; end: number; status: string }>,
): AnnotationRange[] {
  const out: AnnotationRange[] = [];
  for (const a of annotations) {
    if (a.status === "orphan") continue;
    const r = inPassage(passage, a.start, a.end);
    if (r) out.push({ start: r[0], end: r[1], id: a.id });
  }
  out.sort((x, y) => x.start - y.start || y.end - x.end || (x.id < y.id ? -1 : 1));
  return out;
}

/**
 * The entity mentions that fall in a passage, as UTF-16 ranges of the passage
 * text; a mention overlapping an earlier (or longer) one is left out.
 */
export function mentionRanges(
  passage: { start: number; end: number; text: string },
  mentions: Array<{ entity: string; kind: string; start: number; end: number }>,
): MentionRange[] {
  const out: MentionRange[] = [];
  for (const m of mentions) {
    const r = inPassage(passage, m.start, m.end);
    if (r) out.push({ start: r[0], end: r[1], entity: m.entity, kind: m.kind });
  }
  out.sort((x, y) => x.start - y.start || y.end - x.end);
  const kept: MentionRange[] = [];
  for (const m of out) {
    const last = kept[kept.length - 1];
    if (!last || m.start >= last.end) kept.push(m);
  }
  return kept;
}

/**
 * A run of text with one look: whether a search mark covers it, the
 * annotations covering it (outermost first) and the mention it is part of.
 */
export type Piece = {
  text: string;
  mark: boolean;
  annotations: string[];
  /** `at`: where the mention starts, telling apart two mentions side by side. */
  mention: { entity: string; kind: string; at: number } | null;
};

/** `text` cut at every boundary of the search marks, annotations and mentions. */
export function layered(
  text: string,
  marks: Array<[number, number]>,
  annotations: AnnotationRange[],
  mentions: MentionRange[] = [],
): Piece[] {
  const cuts = new Set<number>([0, text.length]);
  for (const [s, e] of marks) cuts.add(s).add(e);
  for (const a of annotations) cuts.add(a.start).add(a.end);
  for (const m of mentions) cuts.add(m.start).add(m.end);
  const points = [...cuts].filter((c) => c >= 0 && c <= text.length).sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i] as number;
    const e = points[i + 1] as number;
    if (e <= s) continue;
    const mark = marks.some(([ms, me]) => ms <= s && e <= me);
    const covering = annotations.filter((a) => a.start <= s && e <= a.end).map((a) => a.id);
    const m = mentions.find((x) => x.start <= s && e <= x.end);
    const mention = m ? { entity: m.entity, kind: m.kind, at: m.start } : null;
    const last = pieces[pieces.length - 1];
    if (
      last &&
      last.mark === mark &&
      sameList(last.annotations, covering) &&
      last.mention === null &&
      mention === null
    )
      last.text += text.slice(s, e);
    else pieces.push({ text: text.slice(s, e), mark, annotations: covering, mention });
  }
  if (pieces.length === 0) pieces.push({ text, mark: false, annotations: [], mention: null });
  return pieces;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** What the reader draws: highlights holding mentions holding text. */
export type TextNode =
  | { type: "annotation"; id: string; children: TextNode[] }
  | { type: "mention"; entity: string; kind: string; children: TextNode[] }
  | { type: "text"; text: string; mark: boolean };

/**
 * The pieces of `layered` as a tree: consecutive pieces under the same
 * highlight share one element, so a highlight is one element unless another
 * highlight crosses its edge (then the later one is cut there); a mention is
 * one element unless a highlight edge falls inside it.
 */
export function nest(pieces: Piece[], depth = 0): TextNode[] {
  const out: TextNode[] = [];
  let i = 0;
  while (i < pieces.length) {
    const p = pieces[i] as Piece;
    const id = p.annotations[depth];
    if (id !== undefined) {
      let j = i + 1;
      while (j < pieces.length && pieces[j]?.annotations[depth] === id) j++;
      out.push({ type: "annotation", id, children: nest(pieces.slice(i, j), depth + 1) });
      i = j;
    } else if (p.mention) {
      const at = p.mention.at;
      let j = i + 1;
      while (j < pieces.length && pieces[j]?.mention?.at === at && pieces[j]?.annotations[depth] === undefined) j++;
      out.push({
        type: "mention",
        entity: p.mention.entity,
        kind: p.mention.kind,
        children: pieces.slice(i, j).map((x) => ({ type: "text", text: x.text, mark: x.mark })),
      });
      i = j;
    } else {
      out.push({ type: "text", text: p.text, mark: p.mark });
      i++;
    }
  }
  return out;
}
