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
