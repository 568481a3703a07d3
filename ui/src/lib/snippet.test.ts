import { describe, expect, it } from "vitest";
import { markedTerms, parseSnippet, plainText } from "./snippet";

describe("parseSnippet", () => {
  it("keeps <mark> as the only markup", () => {
    expect(parseSnippet("the 2008 <mark>Bucharest</mark> summit")).toEqual([
      { text: "the 2008 ", mark: false },
      { text: "Bucharest", mark: true },
      { text: " summit", mark: false },
    ]);
  });

  it("drops any other tag and keeps hostile text as text", () => {
    const segs = parseSnippet('<img src=x onerror="alert(1)"><script>alert(2)</script><mark>x</mark>');
    expect(segs).toEqual([
      { text: "alert(2)", mark: false },
      { text: "x", mark: true },
    ]);
    expect(segs.some((s) => s.text.includes("<"))).toBe(false);
  });

  it("decodes entities once, so escaped markup stays visible text", () => {
    expect(plainText(parseSnippet("a &lt;b&gt; &amp;amp; &quot;q&quot; &#39;s &#x41;"))).toBe("a <b> &amp; \"q\" 's A");
  });

  it("leaves unknown or broken entities and stray brackets as they were", () => {
    expect(plainText(parseSnippet("AT&T < 3 &bogus; &#xZZ;"))).toBe("AT&T < 3 &bogus; &#xZZ;");
  });

  it("treats marks case-insensitively and survives unbalanced ones", () => {
    expect(parseSnippet("<MARK>a</Mark> b </mark>c<mark>d")).toEqual([
      { text: "a", mark: true },
      { text: " b c", mark: false },
      { text: "d", mark: true },
    ]);
  });

  it("handles non-ASCII text", () => {
    expect(parseSnippet("Kyiv — <mark>Київ</mark> 🇺🇦")).toEqual([
      { text: "Kyiv — ", mark: false },
      { text: "Київ", mark: true },
      { text: " 🇺🇦", mark: false },
    ]);
  });
});

describe("markedTerms", () => {
  it("collects the marked words, lower-cased, longest first, once each", () => {
    const segs = parseSnippet("<mark>NATO</mark> and <mark>Bucharest</mark>, <mark>nato</mark>");
    expect(markedTerms(segs)).toEqual(["bucharest", "nato"]);
  });
});
