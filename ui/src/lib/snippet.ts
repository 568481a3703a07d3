// Search snippets arrive as HTML-escaped text in which the only markup is
// <mark>. We never insert them as HTML: they are parsed here, with <mark> as
// the one allowed tag, into plain-text segments that the components render
// as text nodes. Any other tag is dropped (its text stays, as text), and
// entities are decoded once.

export type Segment = { text: string; mark: boolean };

const TOKEN = /<\/?\s*([a-zA-Z][\w-]*)[^>]*>|&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);|[^<&]+|[<&]/g;

const NAMED: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

function decodeEntity(body: string): string | null {
  if (body[0] === "#") {
    const code = body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
    return String.fromCodePoint(code);
  }
  return NAMED[body.toLowerCase()] ?? null;
}

export function parseSnippet(html: string): Segment[] {
  const out: Segment[] = [];
  let depth = 0;
  const push = (text: string) => {
    if (!text) return;
    const mark = depth > 0;
    const last = out[out.length - 1];
    if (last && last.mark === mark) last.text += text;
    else out.push({ text, mark });
  };
  for (const m of html.matchAll(TOKEN)) {
    const [token, tag, entity] = m;
    if (tag !== undefined) {
      if (tag.toLowerCase() === "mark") {
        if (token.startsWith("</")) depth = Math.max(0, depth - 1);
        else if (!token.endsWith("/>")) depth += 1;
      }
      // Any other tag is not allowed: dropped.
      continue;
    }
    if (entity !== undefined) {
      push(decodeEntity(entity) ?? token);
      continue;
    }
    push(token);
  }
  return out;
}

/** The words the engine marked, lower-cased, longest first, without repeats. */
export function markedTerms(segments: Segment[]): string[] {
  const seen = new Set<string>();
  for (const s of segments) {
    if (!s.mark) continue;
    const t = s.text.trim().toLocaleLowerCase();
    if (t) seen.add(t);
  }
  return [...seen].sort((a, b) => b.length - a.length);
}

export function plainText(segments: Segment[]): string {
  return segments.map((s) => s.text).join("");
}
