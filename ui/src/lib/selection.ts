// A selection in the reader as the engine needs it: code-point offsets into
// the source text. The DOM gives UTF-16 offsets within a passage's element;
// `spanOf` turns them into the source's code points (through `highlight.ts`,
// the one place offsets are converted) and takes the quote from the passage
// text itself, so the engine can check that both agree.
import { utf16ToCodePoint } from "./highlight";

/** A point in the reader: a passage and a UTF-16 offset within its text. */
export type TextPoint = { ordinal: number; offset: number };

export type PassageText = { ordinal: number; start: number; end: number; text: string };

/** A selection of the source: code points, and the quote when it lies within one passage. */
export type Span = { start: number; end: number; quote: string | null };

const SPACE = /\s/u;

/**
 * The code-point span of the source between two points of the reader (in any
 * order), with white space at either end left out; null when nothing but
 * white space is selected.
 */
export function spanOf(passages: PassageText[], a: TextPoint, b: TextPoint): Span | null {
  const [from, to] = a.ordinal < b.ordinal || (a.ordinal === b.ordinal && a.offset <= b.offset) ? [a, b] : [b, a];
  const first = passages.find((p) => p.ordinal === from.ordinal);
  const last = passages.find((p) => p.ordinal === to.ordinal);
  if (!first || !last) return null;
  let s = clamp(from.offset, first.text.length);
  let e = clamp(to.offset, last.text.length);
  if (first === last) {
    while (s < e && SPACE.test(first.text[s] as string)) s++;
    while (e > s && SPACE.test(first.text[e - 1] as string)) e--;
    if (e <= s) return null;
    // Never cut a surrogate pair in two.
    s = wholeStart(first.text, s);
    e = wholeEnd(first.text, e);
    return {
      start: first.start + utf16ToCodePoint(first.text, s),
      end: first.start + utf16ToCodePoint(first.text, e),
      quote: first.text.slice(s, e),
    };
  }
  while (s < first.text.length && SPACE.test(first.text[s] as string)) s++;
  while (e > 0 && SPACE.test(last.text[e - 1] as string)) e--;
  const start = s < first.text.length ? first.start + utf16ToCodePoint(first.text, wholeStart(first.text, s)) : first.end;
  const end = e > 0 ? last.start + utf16ToCodePoint(last.text, wholeEnd(last.text, e)) : last.start;
  if (end <= start) return null;
  // Selecting to the very start of the next paragraph ends the previous one.
  if (e === 0) {
    const before = passages.filter((p) => p.ordinal < to.ordinal && p.ordinal >= from.ordinal).pop();
    if (before && before.ordinal === from.ordinal) {
      return spanOf(passages, from, { ordinal: from.ordinal, offset: first.text.length });
    }
    return before ? { start, end: before.end, quote: null } : null;
  }
  return { start, end, quote: null };
}

function clamp(n: number, max: number): number {
  return Math.max(0, Math.min(n, max));
}

function isLow(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}

function wholeStart(text: string, i: number): number {
  return i > 0 && isLow(text, i) ? i - 1 : i;
}

function wholeEnd(text: string, i: number): number {
  return i > 0 && i < text.length && isLow(text, i) ? i + 1 : i;
}
