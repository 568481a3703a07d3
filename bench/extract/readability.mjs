// Runs Mozilla Readability (with jsdom) over every PAGES/*/source.html and
// writes OUT/<page>.txt (the article's text) and OUT/times.tsv (page, ms).
// Usage: node readability.mjs PAGES OUT
import { readFileSync, readdirSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";

const [pages, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const quiet = new VirtualConsole();
const times = [];
for (const name of readdirSync(pages).sort()) {
  const file = join(pages, name, "source.html");
  if (!existsSync(file)) continue;
  const html = readFileSync(file, "utf8");
  const start = performance.now();
  let text = "";
  try {
    const dom = new JSDOM(html, { url: "http://fakehost/test/page.html", virtualConsole: quiet });
    const article = new Readability(dom.window.document).parse();
    text = article ? article.textContent : "";
  } catch (e) {
    text = "";
  }
  const ms = performance.now() - start;
  writeFileSync(join(out, name + ".txt"), text);
  times.push(`${name}\t${ms.toFixed(2)}`);
}
writeFileSync(join(out, "times.tsv"), times.join("\n") + "\n");
