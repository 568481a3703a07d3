// Entities in the sidebar: grouped by kind in a fixed order.
import { ENTITY_KINDS, type EntityItem, type EntityKind } from "./bindings";

// The kinds come from the engine (generated into bindings.ts); the labels
// below must name each of them, which TypeScript checks.
export { ENTITY_KINDS };

export const ENTITY_KIND_LABEL: Record<EntityKind, string> = {
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
    if (of.length) groups.push({ kind, label: ENTITY_KIND_LABEL[kind], entities: of });
  }
  return groups;
}

const LETTERS: Record<string, string> = { ø: "o", æ: "ae", œ: "oe", ß: "ss", ł: "l", đ: "d", ı: "i", þ: "th" };

/** A name folded for matching as you type: lower case, accents dropped. */
export function fold(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase()
    .replace(/[øæœßłđıþ]/gu, (c) => LETTERS[c] ?? c)
    .trim();
}

export type EntityMatch = { entity: EntityItem; via: string | null };

/**
 * Entities whose name or an alias matches what was typed: names starting with
 * it first, then words starting with it, then containing it; at most `limit`.
 * `via` is the alias that matched, when it was not the name.
 */
export function matchEntities(entities: EntityItem[], typed: string, limit = 8): EntityMatch[] {
  const q = fold(typed);
  if (!q) return [];
  const scored: Array<{ m: EntityMatch; score: number }> = [];
  for (const e of entities) {
    let best: { score: number; via: string | null } | null = null;
    for (const [name, via] of [[e.name, null] as const, ...e.aliases.map((a) => [a, a] as const)]) {
      const f = fold(name);
      const score = f.startsWith(q) ? 0 : f.split(/[\s\-–]+/u).some((w) => w.startsWith(q)) ? 1 : f.includes(q) ? 2 : -1;
      if (score >= 0 && (!best || score < best.score)) best = { score, via };
    }
    if (best) scored.push({ m: { entity: e, via: best.via }, score: best.score });
  }
  scored.sort((a, b) => a.score - b.score || b.m.entity.mentions - a.m.entity.mentions || a.m.entity.name.localeCompare(b.m.entity.name));
  return scored.slice(0, limit).map((s) => s.m);
}

/** Whether `typed` is already the name or an alias of one of `entities`. */
export function exactEntity(entities: EntityItem[], typed: string): EntityItem | null {
  const q = fold(typed);
  return entities.find((e) => fold(e.name) === q || e.aliases.some((a) => fold(a) === q)) ?? null;
}

/** One entity's kind, as a word. */
export const ENTITY_KIND_NAME: Record<EntityKind, string> = {
  person: "person",
  organisation: "organisation",
  place: "place",
  event: "event",
  date: "date",
  other: "other",
};

/** A kind's name for people; a kind the app does not know is shown as it is. */
export function kindName(kind: string): string {
  return (ENTITY_KIND_NAME as Record<string, string>)[kind] ?? kind;
}

/** A kind's plural label for people (sidebar groups). */
export function kindLabel(kind: string): string {
  return (ENTITY_KIND_LABEL as Record<string, string>)[kind] ?? kind;
}

/** Aliases typed in one field, separated by commas (names may have spaces); blanks and repeats dropped. */
export function parseAliasInput(input: string): string[] {
  const out: string[] = [];
  for (const raw of input.split(/[,;\n]/u)) {
    const a = raw.trim();
    if (a && !out.some((o) => o.toLowerCase() === a.toLowerCase())) out.push(a);
  }
  return out;
}
