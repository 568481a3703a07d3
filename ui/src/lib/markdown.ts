// Inline Markdown reduced to its text, for places that show a line of a
// comment or a quote as plain text (never HTML): [[target|label]] → label,
// [text](url) → text, emphasis and code markers dropped.

export function inlineText(s: string): string {
  return s
    .replace(/\[\[([^\]|]+)\|([^\]]+)\]\]/g, "$2")
    .replace(/\[\[([^\]]+)\]\]/g, "$1")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2")
    .replace(/(^|[^\w*])[*_](?=\S)([^*_]*?\S)[*_](?!\w)/g, "$1$2")
    .replace(/`([^`]+)`/g, "$1");
}
