// A reading view of a Markdown note, built as plain-text blocks (never HTML):
// front matter split off, headings, paragraphs with soft line breaks joined,
// list items, quotes and code kept apart. Inline markup is reduced to its
// text: [[target|label]] → label, [text](url) → text, emphasis markers dropped.

export type Block =
  | { kind: "heading"; level: number; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "item"; text: string; ordered: boolean }
  | { kind: "quote"; text: string }
  | { kind: "code"; text: string };

export type Parsed = { fields: Record<string, string>; tags: string[]; blocks: Block[] };

/** Splits YAML front matter (simple `key: value` lines) from the body. */
export function frontMatter(md: string): { fields: Record<string, string>; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(md);
  if (!m) return { fields: {}, body: md };
  const fields: Record<string, string> = {};
  for (const line of (m[1] ?? "").split(/\r?\n/)) {
    const kv = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (kv && kv[1]) fields[kv[1]] = (kv[2] ?? "").trim();
  }
  return { fields, body: md.slice(m[0].length) };
}

export function parseTags(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .replace(/^\[|\]$/g, "")
    .split(",")
    .map((t) => t.trim().replace(/^["']|["']$/g, ""))
    .filter(Boolean);
}

export function inlineText(s: string): string {
  return s
    .replace(/\[\[([^\]|]+)\|([^\]]+)\]\]/g, "$2")
    .replace(/\[\[([^\]]+)\]\]/g, "$1")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2")
    .replace(/(^|[^\w*])[*_](?=\S)([^*_]*?\S)[*_](?!\w)/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1");
}

export function parseNote(md: string): Parsed {
  const { fields, body } = frontMatter(md);
  const blocks: Block[] = [];
  let para: string[] = [];
  let quote: string[] = [];
  let code: string[] | null = null;
  const flush = () => {
    if (para.length) blocks.push({ kind: "paragraph", text: inlineText(para.join(" ")) });
    if (quote.length) blocks.push({ kind: "quote", text: inlineText(quote.join(" ")) });
    para = [];
    quote = [];
  };
  for (const raw of body.split(/\r?\n/)) {
    if (code) {
      if (/^\s*(```|~~~)/.test(raw)) {
        blocks.push({ kind: "code", text: code.join("\n") });
        code = null;
      } else code.push(raw);
      continue;
    }
    const line = raw.trimEnd();
    let m: RegExpExecArray | null;
    if (/^\s*(```|~~~)/.test(line)) {
      flush();
      code = [];
    } else if (line.trim() === "") {
      flush();
    } else if ((m = /^(#{1,6})\s+(.*)$/.exec(line))) {
      flush();
      blocks.push({ kind: "heading", level: m[1]?.length ?? 1, text: inlineText((m[2] ?? "").replace(/\s+#+$/, "")) });
    } else if ((m = /^\s*([-*+]|\d+[.)])\s+(.*)$/.exec(line))) {
      flush();
      blocks.push({ kind: "item", ordered: /\d/.test(m[1] ?? ""), text: inlineText(m[2] ?? "") });
    } else if ((m = /^>\s?(.*)$/.exec(line))) {
      if (para.length) flush();
      quote.push(m[1] ?? "");
    } else if (quote.length) {
      quote.push(line.trim());
    } else {
      para.push(line.trim());
    }
  }
  if (code) blocks.push({ kind: "code", text: (code as string[]).join("\n") });
  flush();
  return { fields, tags: parseTags(fields.tags), blocks };
}
