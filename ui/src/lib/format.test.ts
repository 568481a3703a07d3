import { describe, expect, it } from "vitest";
import { baseName, byline, importOutcome } from "./format";

describe("format", () => {
  it("joins the byline parts that exist", () => {
    expect(byline({ outlet: "Asia Times", author: null, published: "2022-01-05" })).toBe("Asia Times · 2022-01-05");
    expect(byline({ outlet: null, author: " ", published: null })).toBe("");
    expect(byline({ outlet: "The Courier", author: "M. Kask", published: "2024-03-18T09:30:00Z" })).toBe("The Courier · M. Kask · 2024-03-18");
    expect(byline({ outlet: null, author: null, published: "2024-03-18T09:30:00+02:00" })).toBe("2024-03-18");
    expect(byline({ outlet: null, author: null, published: "March 18, 2024" })).toBe("March 18, 2024");
  });
  it("takes the last path part on any platform", () => {
    expect(baseName("/a/b/c.txt")).toBe("c.txt");
    expect(baseName("C:\\x\\y.md")).toBe("y.md");
  });
  it("sums up an import", () => {
    const src = { id: "s", title: "t", path: "p", passages: 1, outlet: null, published: null };
    expect(importOutcome({ imported: [src], duplicates: [], refused: [] })).toBe("Imported 1 file.");
    expect(
      importOutcome({ imported: [], duplicates: [{ path: "a", detail: "s1" }], refused: [{ path: "b", detail: "binary" }, { path: "c", detail: "x" }] }),
    ).toBe("Nothing new was imported; 1 file already in the notebook; 2 files refused.");
  });
});
