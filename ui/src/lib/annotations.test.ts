import { describe, expect, it } from "vitest";
import type { AnnotationView, PassageView } from "./bindings";
import { annotationColor, passageOf, splitOrphans } from "./annotations";

const ann = (id: string, start: number, status = "exact"): AnnotationView => ({
  id, start, end: start + 3, exact: "x", comment: "", commentText: "", tags: [], entities: [], color: "pink", status,
});
const passages: PassageView[] = [
  { ordinal: 0, start: 0, end: 10, text: "" },
  { ordinal: 1, start: 12, end: 30, text: "" },
];

describe("annotations", () => {
  it("maps colours to a fixed set of classes", () => {
    expect(annotationColor("green")).toBe("green");
    expect(annotationColor("#ff0000")).toBe("yellow");
    expect(annotationColor('red" onmouseover="x')).toBe("yellow");
    expect(annotationColor(undefined)).toBe("yellow");
  });
  it("finds the passage an annotation starts in", () => {
    expect(passageOf(ann("a", 14), passages)).toBe(1);
    expect(passageOf(ann("b", 11), passages)).toBe(null);
    expect(passageOf(ann("c", 2, "orphan"), passages)).toBe(null);
  });
  it("keeps orphans apart", () => {
    const { placed, orphans } = splitOrphans([ann("a", 1), ann("b", 2, "orphan"), ann("c", 3, "fuzzy")]);
    expect(placed.map((a) => a.id)).toEqual(["a", "c"]);
    expect(orphans.map((a) => a.id)).toEqual(["b"]);
  });
});

import { filterAnnotations, parseTagInput, tagsOf, upsertAnnotation } from "./annotations";

describe("tags and filters", () => {
  it("reads tags typed with commas, spaces and hashes", () => {
    expect(parseTagInput(" #red-line, nato  NATO,,demands ")).toEqual(["red-line", "nato", "demands"]);
    expect(parseTagInput("   ")).toEqual([]);
  });

  it("lists each tag once and filters by tag and colour", () => {
    const list = [
      { ...ann("a", 1), tags: ["NATO", "demands"], color: "green" },
      { ...ann("b", 5), tags: ["nato"], color: "pink" },
      { ...ann("c", 9), tags: [], color: "#123456" },
    ];
    expect(tagsOf(list)).toEqual(["demands", "NATO"]);
    expect(filterAnnotations(list, { tag: "nato", color: null }).map((a) => a.id)).toEqual(["a", "b"]);
    expect(filterAnnotations(list, { tag: "nato", color: "pink" }).map((a) => a.id)).toEqual(["b"]);
    expect(filterAnnotations(list, { tag: null, color: "yellow" }).map((a) => a.id)).toEqual(["c"]);
    expect(filterAnnotations(list, { tag: null, color: null })).toHaveLength(3);
  });

  it("replaces or adds an annotation and keeps reading order", () => {
    const list = [ann("a", 1), ann("b", 10)];
    expect(upsertAnnotation(list, ann("c", 5)).map((a) => a.id)).toEqual(["a", "c", "b"]);
    expect(upsertAnnotation(list, { ...ann("a", 20), comment: "moved" }).map((a) => a.id)).toEqual(["b", "a"]);
  });
});

import { isHighlightKey } from "./annotations";

describe("isHighlightKey", () => {
  const key = (key: string, mods: Partial<Record<"ctrlKey" | "metaKey" | "altKey" | "shiftKey", boolean>> = {}) => ({
    key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods,
  });
  it("takes h alone and Ctrl+Shift+H", () => {
    expect(isHighlightKey(key("h"))).toBe(true);
    expect(isHighlightKey(key("H", { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isHighlightKey(key("H", { metaKey: true, shiftKey: true }))).toBe(true);
  });
  it("leaves other keys and chords alone", () => {
    expect(isHighlightKey(key("H", { shiftKey: true }))).toBe(false);
    expect(isHighlightKey(key("h", { ctrlKey: true }))).toBe(false);
    expect(isHighlightKey(key("h", { altKey: true }))).toBe(false);
    expect(isHighlightKey(key("j"))).toBe(false);
  });
});
