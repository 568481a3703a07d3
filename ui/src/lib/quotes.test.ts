import { describe, expect, it } from "vitest";
import { highlightedSpans, speakerLabel } from "./quotes";

describe("speakerLabel", () => {
  it("names how the speaker is known, an entity first", () => {
    expect(speakerLabel("named", "Jane Roe")).toBe("entity");
    expect(speakerLabel("pronoun", "Jane Roe")).toBe("entity");
    expect(speakerLabel("named", null)).toBe("name");
    expect(speakerLabel("description", null)).toBe("description");
    expect(speakerLabel("pronoun", null)).toBe("unresolved");
    expect(speakerLabel(null, null)).toBe("no speaker");
  });
});

describe("highlightedSpans", () => {
  it("keys highlights by their span", () => {
    const s = highlightedSpans([
      { start: 3, end: 9 },
      { start: 10, end: 12 },
    ]);
    expect(s.has("3:9")).toBe(true);
    expect(s.has("3:10")).toBe(false);
  });
});
