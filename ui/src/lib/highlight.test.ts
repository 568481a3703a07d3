import { describe, expect, it } from "vitest";
import { codePointToUtf16, findTerms, segmentsFor, utf16ToCodePoint } from "./highlight";

describe("offsets", () => {
  it("converts code points to UTF-16 and back with astral characters", () => {
    const text = "a😀b Київ";
    expect(codePointToUtf16(text, 0)).toBe(0);
    expect(codePointToUtf16(text, 1)).toBe(1);
    expect(codePointToUtf16(text, 2)).toBe(3); // after the emoji (2 units)
    expect(text.slice(codePointToUtf16(text, 4), codePointToUtf16(text, 8))).toBe("Київ");
    expect(utf16ToCodePoint(text, 3)).toBe(2);
    expect(codePointToUtf16(text, 100)).toBe(text.length);
  });
});

describe("findTerms", () => {
  it("finds whole words, any case", () => {
    const text = "Bucharest summit; bucharests; the BUCHAREST talks";
    expect(findTerms(text, ["bucharest"])).toEqual([
      [0, 9],
      [34, 43],
    ]);
  });

  it("merges overlapping terms", () => {
    expect(findTerms("Cold War era", ["cold war", "war"])).toEqual([[0, 8]]);
  });

  it("marks words in Cyrillic too", () => {
    const text = "Переговоры в Женеве";
    expect(findTerms(text, ["женеве"])).toEqual([[13, 19]]);
  });
});

describe("segmentsFor", () => {
  it("cuts text along the ranges", () => {
    expect(segmentsFor("one two three", [[4, 7]])).toEqual([
      { text: "one ", mark: false },
      { text: "two", mark: true },
      { text: " three", mark: false },
    ]);
    expect(segmentsFor("", [])).toEqual([{ text: "", mark: false }]);
  });
});

import { annotationRanges, layered } from "./highlight";

describe("annotationRanges", () => {
  // The passage starts at code point 100 of the source; it holds an astral
  // character, so code points and UTF-16 units differ after it.
  const passage = { start: 100, end: 112, text: "a😀 Київ talks" };

  it("converts code-point offsets in the source to UTF-16 in the passage", () => {
    const r = annotationRanges(passage, [{ id: "k", start: 103, end: 107, status: "exact" }]);
    expect(r).toEqual([{ id: "k", start: 4, end: 8 }]);
    expect(passage.text.slice(4, 8)).toBe("Київ");
  });

  it("clips to the passage and leaves orphans out", () => {
    const r = annotationRanges(passage, [
      { id: "before", start: 90, end: 102, status: "moved" },
      { id: "lost", start: 100, end: 105, status: "orphan" },
      { id: "after", start: 120, end: 130, status: "exact" },
    ]);
    expect(r).toEqual([{ id: "before", start: 0, end: 3 }]);
  });

  it("cuts overlaps so ranges never nest", () => {
    const r = annotationRanges({ start: 0, end: 20, text: "0123456789abcdefghij" }, [
      { id: "a", start: 2, end: 8, status: "exact" },
      { id: "b", start: 5, end: 12, status: "fuzzy" },
      { id: "c", start: 6, end: 7, status: "exact" },
    ]);
    expect(r).toEqual([
      { id: "a", start: 2, end: 8 },
      { id: "b", start: 8, end: 12 },
    ]);
  });
});

describe("layered", () => {
  it("combines search marks and annotations", () => {
    expect(layered("one two three", [[4, 7]], [{ id: "x", start: 0, end: 5 }])).toEqual([
      { text: "one ", mark: false, annotation: "x" },
      { text: "t", mark: true, annotation: "x" },
      { text: "wo", mark: true, annotation: null },
      { text: " three", mark: false, annotation: null },
    ]);
  });

  it("is the plain text when nothing is marked", () => {
    expect(layered("abc", [], [])).toEqual([{ text: "abc", mark: false, annotation: null }]);
    expect(layered("", [], [])).toEqual([{ text: "", mark: false, annotation: null }]);
  });
});
