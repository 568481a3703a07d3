// Where a link in a note's preview goes. The engine writes in-app links as
// `dossier:` URLs (render.rs): dossier:note/PATH, dossier:source/ID,
// dossier:entity/NAME, dossier:annotation/SOURCE/ID, and dossier:new/NAME
// for a wiki link that points to nothing yet. Web links go to the system
// browser, never into the app's window.

export type Route =
  | { kind: "note"; path: string; fragment: string | null }
  | { kind: "source"; id: string }
  | { kind: "entity"; name: string }
  | { kind: "annotation"; source: string; id: string }
  | { kind: "new"; name: string }
  | { kind: "web"; url: string }
  | { kind: "fragment"; id: string }
  | { kind: "none" };

function decode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

export function routeLink(href: string | null | undefined): Route {
  const h = (href ?? "").trim();
  if (!h) return { kind: "none" };
  if (h.startsWith("#")) {
    const id = decode(h.slice(1));
    return id ? { kind: "fragment", id } : { kind: "none" };
  }
  const lower = h.toLowerCase();
  if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("mailto:")) {
    return { kind: "web", url: h };
  }
  if (!lower.startsWith("dossier:")) return { kind: "none" };
  const rest = h.slice("dossier:".length);
  const slash = rest.indexOf("/");
  if (slash < 0) return { kind: "none" };
  const what = rest.slice(0, slash);
  let target = rest.slice(slash + 1);
  let fragment: string | null = null;
  const hash = target.indexOf("#");
  if (hash >= 0) {
    fragment = decode(target.slice(hash + 1));
    target = target.slice(0, hash);
  }
  if (!target) return { kind: "none" };
  switch (what) {
    case "note": {
      const path = decode(target);
      return path ? { kind: "note", path, fragment } : { kind: "none" };
    }
    case "source": {
      const id = decode(target);
      return id ? { kind: "source", id } : { kind: "none" };
    }
    case "entity": {
      const name = decode(target);
      return name ? { kind: "entity", name } : { kind: "none" };
    }
    case "annotation": {
      const cut = target.lastIndexOf("/");
      const source = cut > 0 ? decode(target.slice(0, cut)) : null;
      const id = cut > 0 ? decode(target.slice(cut + 1)) : null;
      return source && id ? { kind: "annotation", source, id } : { kind: "none" };
    }
    case "new": {
      const name = decode(target);
      return name ? { kind: "new", name } : { kind: "none" };
    }
    default:
      return { kind: "none" };
  }
}

/** The passage reference a highlight is dropped into a note as. */
export function passageRef(source: string, annotation: string): string {
  return `![[${source}#^${annotation}]]`;
}

/** The drag data type that marks a highlight being dragged. */
export const PASSAGE_TYPE = "application/x-dossier-passage";

/** Fills a drag's data for a highlight: the reference as plain text (what the editor inserts). */
export function setPassageDrag(dt: DataTransfer, source: string, annotation: string): void {
  const ref = passageRef(source, annotation);
  dt.setData("text/plain", ref);
  dt.setData(PASSAGE_TYPE, ref);
  dt.effectAllowed = "copy";
}

/** A title for a new note about a source, not yet taken by another note. */
export function noteTitleFor(sourceTitle: string, taken: readonly string[]): string {
  const base = `Notes on ${sourceTitle.replace(/[[\]|#^]/g, " ").replace(/\s+/g, " ").trim()}`.slice(0, 100).trim();
  const lower = new Set(taken.map((t) => t.toLocaleLowerCase()));
  if (!lower.has(base.toLocaleLowerCase())) return base;
  for (let n = 2; ; n++) {
    const t = `${base} (${n})`;
    if (!lower.has(t.toLocaleLowerCase())) return t;
  }
}
