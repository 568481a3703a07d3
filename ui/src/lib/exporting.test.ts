import { describe, expect, it } from "vitest";
import { exportOutcome, formatAllowed, scopeChoices } from "./exporting";

describe("export choices", () => {
  it("offers the open note, source and entity, and always the whole notebook", () => {
    const all = scopeChoices({ path: "a.md", title: "A" }, { id: "s", title: "S" }, { name: "NATO" });
    expect(all.map((c) => c.scope)).toEqual([
      { kind: "note", name: "a.md" },
      { kind: "source", name: "s" },
      { kind: "entity", name: "NATO" },
      { kind: "all" },
    ]);
    expect(scopeChoices(null, null, null).map((c) => c.scope)).toEqual([{ kind: "all" }]);
  });

  it("allows JSON-LD only where there are annotations to carry", () => {
    expect(formatAllowed({ kind: "source", name: "s" }, "jsonld")).toBe(true);
    expect(formatAllowed({ kind: "all" }, "jsonld")).toBe(true);
    expect(formatAllowed({ kind: "note", name: "a.md" }, "jsonld")).toBe(false);
    expect(formatAllowed({ kind: "entity", name: "x" }, "jsonld")).toBe(false);
    expect(formatAllowed({ kind: "note", name: "a.md" }, "markdown")).toBe(true);
  });
});

describe("exportOutcome", () => {
  it("says what was written and what was kept because the user edited it", () => {
    const o = exportOutcome({
      folder: "/out",
      written: ["index.md", "index (exported).md", "notes/a.md", "notes/b.md"],
      unchanged: ["sources/s.md"],
      kept: [{ kept: "index.md", beside: "index (exported).md" }],
    });
    expect(o.text).toBe("Exported to /out: wrote 4 files, 1 file already up to date, kept 1 file you had edited.");
    expect(o.details).toEqual(["index.md was edited since the last export and kept; the new version is index (exported).md"]);
  });

  it("names the files of a small export", () => {
    const o = exportOutcome({ folder: "/out", written: ["russia-nato-talks.jsonld"], unchanged: [], kept: [] });
    expect(o.text).toBe("Exported to /out: wrote 1 file.");
    expect(o.details).toEqual(["wrote russia-nato-talks.jsonld"]);
  });
});

import { pictureOutcome, pictureRequest, PICTURES } from "./exporting";

describe("saving a picture", () => {
  it("offers the timeline and the network's two graph formats", () => {
    expect(PICTURES.map((p) => p.format)).toEqual(["timeline", "gexf", "graphml"]);
  });
  it("saves the timeline of the chosen source or entity, else all of it", () => {
    expect(pictureRequest({ kind: "source", name: "s1" }, "timeline")).toEqual({ format: "timeline", source: "s1", entity: null, minWeight: null, ego: null });
    expect(pictureRequest({ kind: "entity", name: "NATO" }, "timeline")).toEqual({ format: "timeline", source: null, entity: "NATO", minWeight: null, ego: null });
    expect(pictureRequest({ kind: "note", name: "a.md" }, "timeline")).toEqual({ format: "timeline", source: null, entity: null, minWeight: null, ego: null });
    expect(pictureRequest({ kind: "all" }, "timeline").source).toBeNull();
  });
  it("saves the whole network, every edge, whatever the scope", () => {
    for (const format of ["gexf", "graphml"] as const) {
      expect(pictureRequest({ kind: "entity", name: "NATO" }, format)).toEqual({ format, source: null, entity: null, minWeight: 1, ego: null });
    }
  });
  it("says what was saved where", () => {
    expect(pictureOutcome("timeline", { kind: "entity", name: "NATO" }, "/x/t.md")).toBe("The timeline of NATO was saved to /x/t.md.");
    expect(pictureOutcome("timeline", { kind: "all" }, "/x/t.md")).toBe("The timeline was saved to /x/t.md.");
    expect(pictureOutcome("graphml", { kind: "all" }, "/x/n.graphml")).toBe("The network (GraphML) was saved to /x/n.graphml.");
  });
});
