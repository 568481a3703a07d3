// Small wording helpers for the UI.
import type { ImportSummary, SourceView } from "./bindings";

export function byline(s: Pick<SourceView, "outlet" | "author" | "published">): string {
  return [s.outlet, s.author, day(s.published)].filter((x): x is string => !!x && x.trim() !== "").join(" · ");
}

/** A page's timestamp (`2024-03-18T09:30:00Z`) as its day; other dates as given. */
export function day(published: string | null | undefined): string | null {
  return published?.replace(/^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, "$1") ?? null;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? path;
}

/** One line on how an import went. */
export function importOutcome(r: Pick<ImportSummary, "imported" | "duplicates" | "refused">): string {
  const parts: string[] = [];
  parts.push(r.imported.length ? `Imported ${plural(r.imported.length, "file")}` : "Nothing new was imported");
  if (r.duplicates.length) parts.push(`${plural(r.duplicates.length, "file")} already in the notebook`);
  if (r.refused.length) parts.push(`${plural(r.refused.length, "file")} refused`);
  return parts.join("; ") + ".";
}
