import { describe, expect, it } from "vitest";
import type { GraphView } from "./bindings";
import { drawnGraph, edgeWidth, nodeSize } from "./network";

const g: GraphView = {
  nodes: [
    { id: "1", name: "A", kind: "person", mentions: 10 },
    { id: "2", name: "B", kind: "place", mentions: 1 },
    { id: "3", name: "C", kind: "event", mentions: 4 },
  ],
  edges: [{ source: "1", target: "2", count: 3, dice: 0.5, pmi: 1.2 }],
  maxWeight: 3,
};

describe("network", () => {
  it("sizes nodes by mentions, the most named largest", () => {
    expect(nodeSize(10, 10)).toBe(60);
    expect(nodeSize(0, 10)).toBe(14);
    expect(nodeSize(1, 10)).toBeLessThan(nodeSize(4, 10));
  });
  it("widths follow the chosen measure and stay bounded", () => {
    const e = g.edges[0];
    expect(edgeWidth({ ...e, count: 1 }, "count")).toBe(1);
    expect(edgeWidth(e, "count")).toBeGreaterThan(1);
    expect(edgeWidth({ ...e, count: 1000 }, "count")).toBe(10);
    expect(edgeWidth(e, "dice")).toBeCloseTo(5.5);
    expect(edgeWidth({ ...e, pmi: -3 }, "pmi")).toBe(1);
    expect(edgeWidth({ ...e, pmi: Number.NaN }, "pmi")).toBe(1);
  });
  it("draws linked nodes and the ego, not the isolated", () => {
    expect(drawnGraph(g, null).nodes.map((n) => n.name)).toEqual(["A", "B"]);
    expect(drawnGraph(g, "C").nodes.map((n) => n.name)).toEqual(["A", "B", "C"]);
  });
});

import { forceLayout, visibleLabels } from "./network";

describe("layout", () => {
  const ids = Array.from({ length: 30 }, (_, i) => `n${i}`);
  // Two groups of 15, densely linked inside, one link between them.
  const edges: { source: string; target: string; weight: number }[] = [];
  for (let g = 0; g < 2; g++)
    for (let i = 0; i < 15; i++) for (let j = i + 1; j < 15; j += 3) edges.push({ source: `n${g * 15 + i}`, target: `n${g * 15 + j}`, weight: 1 });
  edges.push({ source: "n0", target: "n15", weight: 1 });
  const at = forceLayout(ids, edges, 800, 600);
  it("keeps every node in the box, apart from the others", () => {
    for (const p of at.values()) {
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(800);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(600);
    }
    const ps = [...at.values()];
    let closest = Infinity;
    for (let i = 0; i < ps.length; i++) for (let j = i + 1; j < ps.length; j++) closest = Math.min(closest, Math.hypot(ps[i].x - ps[j].x, ps[i].y - ps[j].y));
    expect(closest).toBeGreaterThan(10);
  });
  it("draws linked groups together and apart from each other", () => {
    const centre = (g: number) => {
      const ps = ids.slice(g * 15, g * 15 + 15).map((id) => at.get(id)!);
      return { x: ps.reduce((s, p) => s + p.x, 0) / 15, y: ps.reduce((s, p) => s + p.y, 0) / 15 };
    };
    const spread = (g: number) => {
      const c = centre(g);
      return ids.slice(g * 15, g * 15 + 15).reduce((s, id) => s + Math.hypot(at.get(id)!.x - c.x, at.get(id)!.y - c.y), 0) / 15;
    };
    const a = centre(0), b = centre(1);
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(Math.max(spread(0), spread(1)));
  });
  it("is the same each time", () => {
    expect(forceLayout(ids, edges, 800, 600)).toEqual(at);
  });
  it("shows a label only where it overlaps nothing, the most mentioned first", () => {
    const nodes = [
      { id: "a", name: "Alpha", mentions: 9, size: 20, at: { x: 100, y: 100 } },
      // Just above Alpha: a label below it would cover Alpha, so it goes above.
      { id: "b", name: "Beta", mentions: 2, size: 10, at: { x: 100, y: 80 } },
      { id: "c", name: "Gamma", mentions: 1, size: 10, at: { x: 300, y: 100 } },
      // A small node inside a large one: no place around it is free.
      { id: "d", name: "Delta", mentions: 3, size: 10, at: { x: 600, y: 600 } },
      { id: "e", name: "Epsilon", mentions: 0, size: 200, at: { x: 600, y: 600 } },
    ];
    const shown = visibleLabels(nodes);
    expect(shown.get("a")).toBe("below");
    expect(shown.get("c")).toBe("below");
    expect(shown.has("d")).toBe(false);
    expect(shown.get("e")).toBe("below");
    expect(shown.get("b")).toBe("above");
  });
});

import { nearestEdge } from "./network";

describe("edge picking", () => {
  const edges = [
    { id: "h", a: { x: 0, y: 0 }, b: { x: 100, y: 0 } },
    { id: "v", a: { x: 50, y: -50 }, b: { x: 50, y: 50 } },
  ];
  it("finds the nearest segment within the tolerance, else none", () => {
    expect(nearestEdge(edges, { x: 20, y: 3 }, 8)?.id).toBe("h");
    expect(nearestEdge(edges, { x: 52, y: 30 }, 8)?.id).toBe("v");
    // Beyond a segment's end counts from the end, not the infinite line.
    expect(nearestEdge(edges, { x: 130, y: 0 }, 8)).toBeNull();
    expect(nearestEdge(edges, { x: 20, y: 30 }, 8)).toBeNull();
  });
});
