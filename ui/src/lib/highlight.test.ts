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

import { annotationRanges, layered, mentionRanges, nest, type TextNode } from "./highlight";

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

  it("keeps overlapping ranges whole, outer first", () => {
    const r = annotationRanges({ start: 0, end: 20, text: "0123456789abcdefghij" }, [
      { id: "b", start: 5, end: 12, status: "fuzzy" },
      { id: "a", start: 2, end: 8, status: "exact" },
      { id: "c", start: 5, end: 7, status: "exact" },
    ]);
    expect(r).toEqual([
      { id: "a", start: 2, end: 8 },
      { id: "b", start: 5, end: 12 },
      { id: "c", start: 5, end: 7 },
    ]);
  });
});

describe("mentionRanges", () => {
  it("converts and drops mentions that overlap an earlier one", () => {
    const passage = { start: 10, end: 48, text: "😀 NATO and the North Atlantic Alliance" };
    const r = mentionRanges(passage, [
      { entity: "NATO", kind: "organisation", start: 12, end: 16 },
      { entity: "NATO", kind: "organisation", start: 25, end: 48 },
      { entity: "Atlantic", kind: "place", start: 31, end: 39 },
    ]);
    expect(r.map((m) => passage.text.slice(m.start, m.end))).toEqual(["NATO", "North Atlantic Alliance"]);
  });
});

describe("layered", () => {
  it("combines search marks and annotations", () => {
    expect(layered("one two three", [[4, 7]], [{ id: "x", start: 0, end: 5 }])).toEqual([
      { text: "one ", mark: false, annotations: ["x"], mention: null },
      { text: "t", mark: true, annotations: ["x"], mention: null },
      { text: "wo", mark: true, annotations: [], mention: null },
      { text: " three", mark: false, annotations: [], mention: null },
    ]);
  });

  it("lists every annotation covering an overlap, outermost first", () => {
    const pieces = layered("0123456789", [], [
      { id: "a", start: 1, end: 6 },
      { id: "b", start: 4, end: 9 },
    ]);
    expect(pieces.map((p) => [p.text, p.annotations])).toEqual([
      ["0", []],
      ["123", ["a"]],
      ["45", ["a", "b"]],
      ["678", ["b"]],
      ["9", []],
    ]);
    expect(pieces.map((p) => p.text).join("")).toBe("0123456789");
  });

  it("carries mentions as pieces of their own", () => {
    const pieces = layered("NATO met Russia", [], [], [
      { start: 0, end: 4, entity: "NATO", kind: "organisation" },
      { start: 9, end: 15, entity: "Russia", kind: "place" },
    ]);
    expect(pieces).toEqual([
      { text: "NATO", mark: false, annotations: [], mention: { entity: "NATO", kind: "organisation", at: 0 } },
      { text: " met ", mark: false, annotations: [], mention: null },
      { text: "Russia", mark: false, annotations: [], mention: { entity: "Russia", kind: "place", at: 9 } },
    ]);
  });

  it("is the plain text when nothing is marked", () => {
    expect(layered("abc", [], [])).toEqual([{ text: "abc", mark: false, annotations: [], mention: null }]);
    expect(layered("", [], [])).toEqual([{ text: "", mark: false, annotations: [], mention: null }]);
  });
});

describe("nest", () => {
  /** The tree as a compact string: [id …] for highlights, {entity …} for mentions, *…* for marks. */
  const show = (nodes: TextNode[]): string =>
    nodes
      .map((n) =>
        n.type === "annotation" ? `[${n.id} ${show(n.children)}]` : n.type === "mention" ? `{${n.entity} ${show(n.children)}}` : n.mark ? `*${n.text}*` : n.text,
      )
      .join("");

  it("draws a highlight as one element around the mentions and marks inside it", () => {
    const text = "the North Atlantic Alliance said no";
    const nodes = nest(
      layered(text, [[10, 18]], [{ id: "a", start: 0, end: 27 }], [{ start: 4, end: 27, entity: "NATO", kind: "organisation" }]),
    );
    expect(show(nodes)).toBe("[a the {NATO North *Atlantic* Alliance}] said no");
  });

  it("nests a highlight inside another and cuts one that crosses an edge", () => {
    const text = "0123456789";
    expect(show(nest(layered(text, [], annotationRanges({ start: 0, end: 10, text }, [
      { id: "a", start: 1, end: 9, status: "exact" },
      { id: "c", start: 3, end: 5, status: "exact" },
    ]))))).toBe("0[a 12[c 34]5678]9");
    expect(show(nest(layered(text, [], annotationRanges({ start: 0, end: 10, text }, [
      { id: "a", start: 1, end: 6, status: "exact" },
      { id: "b", start: 4, end: 9, status: "fuzzy" },
    ]))))).toBe("0[a 123[b 45]][b 678]9");
  });

  it("cuts a mention at a highlight's edge, and keeps two mentions side by side apart", () => {
    const text = "NATO NATO";
    const mentions = [
      { start: 0, end: 4, entity: "NATO", kind: "organisation" },
      { start: 5, end: 9, entity: "NATO", kind: "organisation" },
    ];
    expect(show(nest(layered(text, [], [{ id: "a", start: 2, end: 7 }], mentions)))).toBe("{NATO NA}[a {NATO TO} {NATO NA}]{NATO TO}");
    expect(show(nest(layered("NATONATO", [], [], [
      { start: 0, end: 4, entity: "NATO", kind: "organisation" },
      { start: 4, end: 8, entity: "NATO", kind: "organisation" },
    ])))).toBe("{NATO NATO}{NATO NATO}");
  });
});
