import { describe, expect, it } from "vitest";
import { spanOf, type PassageText } from "./selection";

/** The code points `start..end` of the source, to check a span against. */
function slice(source: string, start: number, end: number): string {
  return Array.from(source).slice(start, end).join("");
}

// A source of three passages separated by blank lines, with Cyrillic, an
// emoji (two UTF-16 units) and combining marks (one code point each, no
// precomposed form), so that UTF-16 units and code points differ.
const texts = [
  "Переговоры в Женеве 😀 began.",
  "The e\u0301lite of NATO met in Київ; the 👩‍👩‍👧 family watched.",
  "Plain ASCII at the end.",
];
const source = texts.join("\n\n");
const passages: PassageText[] = [];
{
  let at = 0;
  texts.forEach((text, ordinal) => {
    const len = Array.from(text).length;
    passages.push({ ordinal, start: at, end: at + len, text });
    at += len + 2;
  });
}

describe("spanOf", () => {
  it("turns a UTF-16 selection in one passage into code points of the source", () => {
    const p = passages[1] as PassageText;
    const at = p.text.indexOf("Київ");
    const span = spanOf(passages, { ordinal: 1, offset: at }, { ordinal: 1, offset: at + 4 });
    expect(span?.quote).toBe("Київ");
    expect(slice(source, span!.start, span!.end)).toBe("Київ");
  });

  it("keeps highlights after an emoji and combining marks in place", () => {
    for (const ordinal of [0, 1]) {
      const p = passages[ordinal] as PassageText;
      // every word of the passage, selected as the DOM would give it
      const words = p.text.split(" ");
      let at = 0;
      for (const w of words) {
        const span = spanOf(passages, { ordinal, offset: at }, { ordinal, offset: at + w.length });
        expect(span?.quote).toBe(w);
        expect(slice(source, span!.start, span!.end), `word ${w}`).toBe(w);
        at += w.length + 1;
      }
    }
  });

  it("takes the points in either order and trims white space", () => {
    const p = passages[0] as PassageText;
    const at = p.text.indexOf(" в ");
    const span = spanOf(passages, { ordinal: 0, offset: at + 3 }, { ordinal: 0, offset: at });
    expect(span?.quote).toBe("в");
    expect(spanOf(passages, { ordinal: 0, offset: at }, { ordinal: 0, offset: at + 1 })).toBeNull();
  });

  it("never cuts an emoji in half", () => {
    const p = passages[0] as PassageText;
    const at = p.text.indexOf("😀");
    const span = spanOf(passages, { ordinal: 0, offset: at + 1 }, { ordinal: 0, offset: at + 1 + 0 + 1 });
    expect(span?.quote).toBe("😀");
    expect(slice(source, span!.start, span!.end)).toBe("😀");
  });

  it("spans paragraphs without a quote", () => {
    const first = passages[0] as PassageText;
    const at = first.text.indexOf("began");
    const span = spanOf(passages, { ordinal: 0, offset: at }, { ordinal: 1, offset: 3 });
    expect(span?.quote).toBeNull();
    expect(slice(source, span!.start, span!.end)).toBe("began.\n\nThe");
  });

  it("ends a selection dragged to the start of the next paragraph at the end of the first", () => {
    const first = passages[0] as PassageText;
    const at = first.text.indexOf("began");
    const span = spanOf(passages, { ordinal: 0, offset: at }, { ordinal: 1, offset: 0 });
    expect(span?.quote).toBe("began.");
    expect(slice(source, span!.start, span!.end)).toBe("began.");
  });

  it("is null for an unknown passage", () => {
    expect(spanOf(passages, { ordinal: 7, offset: 0 }, { ordinal: 7, offset: 3 })).toBeNull();
  });
});
