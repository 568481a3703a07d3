// Search results as the search box shows them: grouped by kind in a fixed
// order, one keyboard selection across the groups, and a prefix retry while
// typing. The words for a query the engine can't read come from the engine.
import type { HitKind, SearchHit } from "./bindings";

export const KIND_ORDER: HitKind[] = ["quote", "source", "note", "annotation", "entity"];

export const KIND_LABEL: Record<HitKind, string> = {
  quote: "Quotes",
  source: "Sources",
  note: "Notes",
  annotation: "Annotations",
  entity: "Entities",
};

export type Group = { kind: HitKind; label: string; items: Array<{ hit: SearchHit; index: number }> };

/** Hits grouped by kind (engine rank kept inside a group); `index` is the position in keyboard order. */
export function groupHits(hits: SearchHit[]): Group[] {
  const groups: Group[] = [];
  let index = 0;
  for (const kind of KIND_ORDER) {
    const of = hits.filter((h) => h.kind === kind);
    if (of.length === 0) continue;
    groups.push({ kind, label: KIND_LABEL[kind], items: of.map((hit) => ({ hit, index: index++ })) });
  }
  return groups;
}

/** The hits in keyboard order (the order `groupHits` numbers them). */
export function flatten(groups: Group[]): SearchHit[] {
  return groups.flatMap((g) => g.items.map((i) => i.hit));
}

/** Next selection after pressing an arrow key; wraps around; -1 when there is nothing. */
export function moveSelection(current: number, count: number, delta: number): number {
  if (count <= 0) return -1;
  if (current < 0) return delta > 0 ? 0 : count - 1;
  return (((current + delta) % count) + count) % count;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/**
 * While typing, a last word that is not finished yet matches nothing
 * ("Maka"). When a query found nothing, this is the query to try instead:
 * the same with the last bare word as a prefix ("Maka*"); null when that
 * makes no sense (quotes open, operators, fields, a trailing space).
 */
export function prefixRetry(query: string): string | null {
  if (!query || /\s$/.test(query)) return null;
  if (count(query, '"') % 2 === 1) return null;
  const last = query.split(/\s+/).pop() ?? "";
  if (last.length < 2 || !/^[\p{L}\p{N}][\p{L}\p{N}'’-]*$/u.test(last)) return null;
  if (/^(AND|OR|NOT)$/.test(last)) return null;
  return `${query}*`;
}
