import { describe, expect, it } from "vitest";
import { noteTitleFor, passageRef, routeLink, setPassageDrag, PASSAGE_TYPE } from "./links";

describe("routeLink", () => {
  it("routes the engine's dossier: links inside the app", () => {
    expect(routeLink("dossier:note/Bucharest%20red%20line.md")).toEqual({
      kind: "note",
      path: "Bucharest red line.md",
      fragment: null,
    });
    expect(routeLink("dossier:note/sub/Two%20scenarios.md#why-it-cannot-be-granted")).toEqual({
      kind: "note",
      path: "sub/Two scenarios.md",
      fragment: "why-it-cannot-be-granted",
    });
    expect(routeLink("dossier:source/russia-nato-talks")).toEqual({ kind: "source", id: "russia-nato-talks" });
    expect(routeLink("dossier:entity/Alexei%20Makarkin")).toEqual({ kind: "entity", name: "Alexei Makarkin" });
    expect(routeLink("dossier:entity/%D0%9A%D0%B8%D1%97%D0%B2")).toEqual({ kind: "entity", name: "Київ" });
    expect(routeLink("dossier:annotation/russia-nato-talks/a-legal-fixation")).toEqual({
      kind: "annotation",
      source: "russia-nato-talks",
      id: "a-legal-fixation",
    });
    expect(routeLink("dossier:new/Nobody%20Yet")).toEqual({ kind: "new", name: "Nobody Yet" });
  });

  it("sends web links out, and only web links", () => {
    expect(routeLink("https://example.org/x?y=1")).toEqual({ kind: "web", url: "https://example.org/x?y=1" });
    expect(routeLink("HTTP://example.org")).toEqual({ kind: "web", url: "HTTP://example.org" });
    expect(routeLink("mailto:desk@example.org")).toEqual({ kind: "web", url: "mailto:desk@example.org" });
    for (const bad of ["javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "", null, "dossier:", "dossier:note/", "dossier:bogus/x", "dossier:note/%E0%A4%A"]) {
      expect(routeLink(bad as string | null).kind, String(bad)).toBe("none");
    }
    expect(routeLink("#why-it-cannot-be-granted")).toEqual({ kind: "fragment", id: "why-it-cannot-be-granted" });
    // Rendered notes prefix every id and in-page href (the sanitiser), and the
    // fragment route keeps the prefix: it names the element's id as drawn.
    expect(routeLink("#user-content-why-it-cannot-be-granted")).toEqual({ kind: "fragment", id: "user-content-why-it-cannot-be-granted" });
  });
});

describe("passage references", () => {
  it("are the engine's embed syntax", () => {
    expect(passageRef("russia-nato-talks", "a-legal-fixation")).toBe("![[russia-nato-talks#^a-legal-fixation]]");
  });

  it("travel as plain text in a drag, which the editor inserts", () => {
    const data = new Map<string, string>();
    const dt = { setData: (t: string, v: string) => data.set(t, v), effectAllowed: "all" } as unknown as DataTransfer;
    setPassageDrag(dt, "src", "a1");
    expect(data.get("text/plain")).toBe("![[src#^a1]]");
    expect(data.get(PASSAGE_TYPE)).toBe("![[src#^a1]]");
    expect(dt.effectAllowed).toBe("copy");
  });
});

describe("noteTitleFor", () => {
  it("names a note after its source, avoiding titles taken and link syntax", () => {
    expect(noteTitleFor("Talks [in] Geneva | 2022", [])).toBe("Notes on Talks in Geneva 2022");
    expect(noteTitleFor("X", ["notes on x"])).toBe("Notes on X (2)");
    expect(noteTitleFor("X", ["Notes on X", "Notes on X (2)"])).toBe("Notes on X (3)");
  });
});
