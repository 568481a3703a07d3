import { describe, expect, it } from "vitest";
import type { AnnotationView, PassageView } from "./bindings";
import { annotationColor, passageOf, splitOrphans } from "./annotations";

const ann = (id: string, start: number, status = "exact"): AnnotationView => ({
  id, start, end: start + 3, exact: "x", comment: "", tags: [], entities: [], color: "pink", status,
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
