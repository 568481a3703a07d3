// Import from a URL: what counts as a web address (typed in the dialog or
// pasted into the window) and the line that says how the import went.
import type { ImportSummary } from "./bindings";

/**
 * The web address in pasted or typed text: one `http(s)://` address with
 * a host and nothing else around it (surrounding spaces and angle brackets
 * dropped), else null.
 */
export function webAddress(text: string): string | null {
  const t = text.trim().replace(/^<(.*)>$/s, "$1").trim();
  if (!/^https?:\/\/[^\s/?#]+/i.test(t) || /\s/.test(t)) return null;
  try {
    const u = new URL(t);
    return u.protocol === "http:" || u.protocol === "https:" ? t : null;
  } catch {
    return null;
  }
}

/** One line on how importing a page went, and the source to open. */
export function urlOutcome(s: Pick<ImportSummary, "imported" | "updated" | "unchanged" | "duplicates">): {
  text: string;
  open: string | null;
} {
  const added = s.imported[0];
  if (added) return { text: `Imported “${added.title}”.`, open: added.id };
  const updated = s.updated[0];
  if (updated) {
    return { text: `“${updated.title}” changed since it was imported: its new text is now the latest version.`, open: updated.id };
  }
  const same = s.unchanged[0];
  if (same) return { text: "Already imported, unchanged.", open: same.detail };
  const dup = s.duplicates[0];
  if (dup) return { text: "The notebook already has this text.", open: dup.detail };
  return { text: "Nothing was imported.", open: null };
}
