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
