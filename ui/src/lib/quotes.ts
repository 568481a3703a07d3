// Words for quotes and their speakers, shared by the Quotes panel and the
// entity page.

/** The badge of a speaker group: how the engine knows who spoke. */
export function speakerLabel(kind: string | null, entity: string | null): string {
  if (entity) return "entity";
  switch (kind) {
    case "named":
      return "name";
    case "description":
      return "description";
    case "pronoun":
      return "unresolved";
    default:
      return "no speaker";
  }
}

/** The `start:end` keys of highlights, to tell which quotes are highlighted already. */
export function highlightedSpans(annotations: Array<{ start: number; end: number }>): Set<string> {
  return new Set(annotations.map((a) => `${a.start}:${a.end}`));
}
