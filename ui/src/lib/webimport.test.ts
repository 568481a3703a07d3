import { describe, expect, it } from "vitest";
import { urlOutcome, webAddress } from "./webimport";

describe("webAddress", () => {
  it("takes one http or https address", () => {
    expect(webAddress("  https://example.org/news/a?b=1#c \n")).toBe("https://example.org/news/a?b=1#c");
    expect(webAddress("<http://127.0.0.1:8080/x>")).toBe("http://127.0.0.1:8080/x");
  });
  it("refuses text that is not one web address", () => {
    expect(webAddress("see https://example.org/a")).toBeNull();
    expect(webAddress("https://example.org/a https://example.org/b")).toBeNull();
    expect(webAddress("ftp://example.org/a")).toBeNull();
    expect(webAddress("javascript:alert(1)")).toBeNull();
    expect(webAddress("https://")).toBeNull();
    expect(webAddress("")).toBeNull();
  });
});

describe("urlOutcome", () => {
  const src = { id: "talks", title: "Talks resume", passages: 3, outlet: null, published: null, path: "sources/talks.md" };
  const none = { imported: [], updated: [], unchanged: [], duplicates: [] };
  it("names what happened and what to open", () => {
    expect(urlOutcome({ ...none, imported: [src] })).toEqual({ text: "Imported “Talks resume”.", open: "talks" });
    expect(urlOutcome({ ...none, updated: [src] }).text).toContain("latest version");
    expect(urlOutcome({ ...none, unchanged: [{ path: "https://x.org/a", detail: "talks" }] })).toEqual({
      text: "Already imported, unchanged.",
      open: "talks",
    });
    expect(urlOutcome(none)).toEqual({ text: "Nothing was imported.", open: null });
  });
});
