// Entities in the sidebar: grouped by kind in a fixed order.
import type { EntityItem } from "./bindings";

export const ENTITY_KINDS = ["person", "organisation", "place", "event", "date", "other"] as const;

export const ENTITY_KIND_LABEL: Record<string, string> = {
  person: "People",
  organisation: "Organisations",
  place: "Places",
  event: "Events",
  date: "Dates",
  other: "Other",
};

export type EntityGroup = { kind: string; label: string; entities: EntityItem[] };

/** Groups by kind (unknown kinds go to "other"); most-mentioned first, then by name. */
export function groupEntities(entities: EntityItem[]): EntityGroup[] {
  const known = new Set<string>(ENTITY_KINDS);
  const groups: EntityGroup[] = [];
  for (const kind of ENTITY_KINDS) {
    const of = entities
      .filter((e) => (known.has(e.kind) ? e.kind : "other") === kind)
      .sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
    if (of.length) groups.push({ kind, label: ENTITY_KIND_LABEL[kind] ?? kind, entities: of });
  }
  return groups;
}
