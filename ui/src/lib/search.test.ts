import { describe, expect, it } from "vitest";
import type { SearchHit } from "./bindings";
import { flatten, groupHits, moveSelection, prefixRetry } from "./search";

const hit = (kind: SearchHit["kind"], title: string): SearchHit => ({
  kind,
  title,
  snippet: title,
  score: 1,
  source: null,
  passage: null,
  start: null,
  end: null,
  path: null,
  annotation: null,
  speaker: null,
  entity: null,
});

describe("groupHits", () => {
  it("puts quotes (speaker: and kind:quote) first, under their own label", () => {
    const groups = groupHits([hit("source", "s1"), hit("quote", "q1"), hit("quote", "q2")]);
    expect(groups.map((g) => [g.kind, g.label, g.items.length])).toEqual([
      ["quote", "Quotes", 2],
      ["source", "Sources", 1],
    ]);
  });

  it("groups by kind in a fixed order and numbers hits in keyboard order", () => {
    const groups = groupHits([hit("note", "n1"), hit("source", "s1"), hit("note", "n2"), hit("entity", "e1")]);
    expect(groups.map((g) => g.kind)).toEqual(["source", "note", "entity"]);
    expect(groups.map((g) => g.items.map((i) => [i.hit.title, i.index]))).toEqual([
      [["s1", 0]],
      [
        ["n1", 1],
        ["n2", 2],
      ],
      [["e1", 3]],
    ]);
    expect(flatten(groups).map((h) => h.title)).toEqual(["s1", "n1", "n2", "e1"]);
  });

  it("is empty for no hits", () => {
    expect(groupHits([])).toEqual([]);
  });
});

describe("moveSelection", () => {
  it("wraps both ways and starts at the ends", () => {
    expect(moveSelection(-1, 3, 1)).toBe(0);
    expect(moveSelection(-1, 3, -1)).toBe(2);
    expect(moveSelection(2, 3, 1)).toBe(0);
    expect(moveSelection(0, 3, -1)).toBe(2);
    expect(moveSelection(0, 0, 1)).toBe(-1);
  });
});

describe("prefixRetry", () => {
  it("makes the unfinished last word a prefix", () => {
    expect(prefixRetry("Maka")).toBe("Maka*");
    expect(prefixRetry("nato Stolt")).toBe("nato Stolt*");
    expect(prefixRetry("Київ")).toBe("Київ*");
  });
  it("leaves alone what is not a bare unfinished word", () => {
    for (const q of ["", "M", "nato ", '"Bucharest sum', "kind:note", "negotiat*", "Stoltenbreg~", "nato OR", "(a OR b)"]) {
      expect(prefixRetry(q), q).toBe(null);
    }
  });
});
