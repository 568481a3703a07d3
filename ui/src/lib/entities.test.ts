import { describe, expect, it } from "vitest";
import type { EntityItem } from "./bindings";
import { groupEntities } from "./entities";

const e = (name: string, kind: string, mentions: number): EntityItem => ({ name, kind, aliases: [], mentions });

describe("groupEntities", () => {
  it("groups by kind in a fixed order, most mentioned first", () => {
    const groups = groupEntities([
      e("NATO", "organisation", 12),
      e("Makarkin", "person", 3),
      e("Kislitsyn", "person", 3),
      e("Bucharest", "place", 2),
      e("Stoltenberg", "person", 4),
      e("Thing", "weird-kind", 1),
    ]);
    expect(groups.map((g) => g.kind)).toEqual(["person", "organisation", "place", "other"]);
    expect(groups[0]?.entities.map((x) => x.name)).toEqual(["Stoltenberg", "Kislitsyn", "Makarkin"]);
    expect(groups[3]?.entities.map((x) => x.name)).toEqual(["Thing"]);
  });
});

import { exactEntity, matchEntities } from "./entities";

describe("matchEntities", () => {
  const all: EntityItem[] = [
    { name: "NATO", kind: "organisation", aliases: ["North Atlantic Alliance"], mentions: 12 },
    { name: "NATO-Russia Council", kind: "organisation", aliases: [], mentions: 2 },
    { name: "Alexei Makarkin", kind: "person", aliases: ["Alexey Makarkin"], mentions: 3 },
    { name: "Kyiv", kind: "place", aliases: ["Київ"], mentions: 5 },
    { name: "Tromsø", kind: "place", aliases: [], mentions: 1 },
  ];

  it("puts names starting with the text first, then words, then aliases", () => {
    expect(matchEntities(all, "nat").map((m) => m.entity.name)).toEqual(["NATO", "NATO-Russia Council"]);
    expect(matchEntities(all, "makar").map((m) => m.entity.name)).toEqual(["Alexei Makarkin"]);
    const viaAlias = matchEntities(all, "north");
    expect(viaAlias[0]?.entity.name).toBe("NATO");
    expect(viaAlias[0]?.via).toBe("North Atlantic Alliance");
  });

  it("folds case and accents, and matches Cyrillic aliases", () => {
    expect(matchEntities(all, "tromso").map((m) => m.entity.name)).toEqual(["Tromsø"]);
    expect(matchEntities(all, "TROMS").map((m) => m.entity.name)).toEqual(["Tromsø"]);
    expect(matchEntities(all, "киї").map((m) => m.entity.name)).toEqual(["Kyiv"]);
    expect(matchEntities(all, "  ")).toEqual([]);
  });

  it("knows when a typed name exists already", () => {
    expect(exactEntity(all, "alexey makarkin")?.name).toBe("Alexei Makarkin");
    expect(exactEntity(all, "Geneva")).toBeNull();
  });
});

import { parseAliasInput } from "./entities";

describe("parseAliasInput", () => {
  it("splits on commas only, so names keep their spaces", () => {
    expect(parseAliasInput(" Andrey Kartapolov, Kartapolov ,, kartapolov; Картаполов")).toEqual([
      "Andrey Kartapolov",
      "Kartapolov",
      "Картаполов",
    ]);
    expect(parseAliasInput("  ")).toEqual([]);
  });
});
