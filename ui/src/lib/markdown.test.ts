import { describe, expect, it } from "vitest";
import { inlineText, parseNote } from "./markdown";

const NOTE = `---
title: The Bucharest red line
tags: [nato, enlargement, "analysis"]
---
# The Bucharest red line

The article's central claim comes from **Alexei Makarkin** of the Center for
Political Technologies. See [[russia-nato-talks|the source]].

## Why it cannot be granted

- a written guarantee
- *legal* fixation

> Russia here has put forward a demand
> that the results be canceled.

\`\`\`
<script>alert(1)</script>
\`\`\`
`;

describe("parseNote", () => {
  const parsed = parseNote(NOTE);

  it("splits off the front matter and its tags", () => {
    expect(parsed.fields.title).toBe("The Bucharest red line");
    expect(parsed.tags).toEqual(["nato", "enlargement", "analysis"]);
  });

  it("joins soft-wrapped lines into one paragraph and reduces inline markup to text", () => {
    expect(parsed.blocks[1]).toEqual({
      kind: "paragraph",
      text: "The article's central claim comes from Alexei Makarkin of the Center for Political Technologies. See the source.",
    });
  });

  it("keeps headings, list items, quotes and code apart", () => {
    expect(parsed.blocks.map((b) => b.kind)).toEqual(["heading", "paragraph", "heading", "item", "item", "quote", "code"]);
    expect(parsed.blocks[2]).toEqual({ kind: "heading", level: 2, text: "Why it cannot be granted" });
    expect(parsed.blocks[4]).toEqual({ kind: "item", ordered: false, text: "legal fixation" });
    expect(parsed.blocks[5]).toEqual({ kind: "quote", text: "Russia here has put forward a demand that the results be canceled." });
  });

  it("leaves markup in code as text (it is never inserted as HTML)", () => {
    expect(parsed.blocks[6]).toEqual({ kind: "code", text: "<script>alert(1)</script>" });
  });

  it("handles a note without front matter or a closing fence", () => {
    const p = parseNote("plain line\n```\nunfinished");
    expect(p.fields).toEqual({});
    expect(p.blocks).toEqual([
      { kind: "paragraph", text: "plain line" },
      { kind: "code", text: "unfinished" },
    ]);
  });
});

describe("inlineText", () => {
  it("reduces links and emphasis", () => {
    expect(inlineText("[[a]] and [[b|B]] and [c](http://x) and __d__ and `e` and snake_case_word")).toBe(
      "a and B and c and d and e and snake_case_word",
    );
  });
});
