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
      // A large node among small ones: its label may cover them.
      { id: "f", name: "Zeta", mentions: 8, size: 40, at: { x: 300, y: 400 } },
      { id: "g", name: "g1", mentions: 0, size: 10, at: { x: 300, y: 428 } },
      { id: "h", name: "h1", mentions: 0, size: 10, at: { x: 300, y: 372 } },
      { id: "i", name: "i1", mentions: 0, size: 10, at: { x: 330, y: 400 } },
      { id: "j", name: "j1", mentions: 0, size: 10, at: { x: 270, y: 400 } },
    ];
    const shown = visibleLabels(nodes);
    expect(shown.get("a")).toBe("below");
    expect(shown.get("c")).toBe("below");
    expect(shown.has("d")).toBe(false);
    expect(shown.get("e")).toBe("below");
    expect(shown.get("b")).toBe("above");
    expect(shown.get("f")).toBe("below");
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

import { LAYOUT_WORK, layoutRounds, type Point } from "./network";

describe("a large network's layout", () => {
  // Shaped like a 1,000-source notebook's: 400 entities, a few named often
  // (picked with a skew), linked when named in one passage.
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  // Listed rarest first, so the start cannot owe its order to the list.
  const ids = Array.from({ length: 400 }, (_, i) => `e${399 - i}`);
  const weights = new Map<string, number>();
  for (let p = 0; p < 3000; p++) {
    const who = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => Math.floor(rand() ** 3 * 400));
    for (let a = 0; a < who.length; a++)
      for (let b = a + 1; b < who.length; b++)
        if (who[a] !== who[b]) {
          const key = `e${Math.min(who[a], who[b])} e${Math.max(who[a], who[b])}`;
          weights.set(key, (weights.get(key) ?? 0) + 1);
        }
  }
  const edges = [...weights].map(([k, weight]) => ({ source: k.split(" ")[0], target: k.split(" ")[1], weight }));
  const rounds = layoutRounds(ids.length, edges.length);
  // Mentions follow the links, sizes the mentions, as in the view.
  const mentions = new Map<string, number>();
  for (const e of edges) for (const id of [e.source, e.target]) mentions.set(id, (mentions.get(id) ?? 0) + e.weight);
  const most = Math.max(...mentions.values());
  const sizes = ids.map((id) => nodeSize(mentions.get(id) ?? 0, most));
  const at = forceLayout(ids, edges, 1000, 700, rounds, sizes);

  it("gets a bounded number of rounds: all of them for a small graph, fewer for a large one", () => {
    expect(layoutRounds(30, 40)).toBe(300);
    expect(rounds).toBeLessThan(300);
    expect(rounds).toBeGreaterThanOrEqual(30);
    // The work stays within the budget (or the floor of 30 rounds).
    const perRound = (400 * 399) / 2 + edges.length;
    expect(rounds * perRound).toBeLessThanOrEqual(Math.max(LAYOUT_WORK, 30 * perRound));
    expect(layoutRounds(5000, 100000)).toBe(30);
  });
  it("keeps every node in the box, and few on top of another", () => {
    for (const p of at.values()) {
      expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
      expect(p.x).toBeGreaterThanOrEqual(0);
      expect(p.x).toBeLessThanOrEqual(1000);
      expect(p.y).toBeGreaterThanOrEqual(0);
      expect(p.y).toBeLessThanOrEqual(700);
    }
    const ps = [...at.values()];
    let close = 0;
    for (let i = 0; i < ps.length; i++) for (let j = i + 1; j < ps.length; j++) if (Math.hypot(ps[i].x - ps[j].x, ps[i].y - ps[j].y) < 4) close++;
    expect(close).toBeLessThan(ps.length / 20);
  });
  it("starts the most linked entities at the centre, where the pull takes them", () => {
    const start = forceLayout(ids, edges, 1000, 700, 0);
    const degree = new Map<string, number>();
    for (const e of edges) for (const id of [e.source, e.target]) degree.set(id, (degree.get(id) ?? 0) + e.weight);
    const linked = ids.filter((id) => degree.has(id)).sort((a, b) => degree.get(b)! - degree.get(a)!);
    const meanDistance = (layout: Map<string, Point>, list: string[]) => {
      const cx = [...layout.values()].reduce((s, p) => s + p.x, 0) / layout.size;
      const cy = [...layout.values()].reduce((s, p) => s + p.y, 0) / layout.size;
      return list.reduce((s, id) => s + Math.hypot(layout.get(id)!.x - cx, layout.get(id)!.y - cy), 0) / list.length;
    };
    expect(meanDistance(start, linked.slice(0, 20))).toBeLessThan(meanDistance(start, linked.slice(-100)) / 3);
    // And the forces keep them there.
    expect(meanDistance(at, linked.slice(0, 20))).toBeLessThan(meanDistance(at, linked.slice(-100)) / 2);
  });
  it("is the same each time", () => {
    expect(forceLayout(ids, edges, 1000, 700, rounds, sizes)).toEqual(at);
  });
  it("draws no node over another: the hubs at the centre leave room for the entities around them", () => {
    let overlapping = 0;
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const a = at.get(ids[i])!, b = at.get(ids[j])!;
        // Touching rims are packed, not hidden: a quarter of the smaller one under the other is.
        if (Math.hypot(a.x - b.x, a.y - b.y) < (sizes[i] + sizes[j]) / 2 - Math.min(sizes[i], sizes[j]) / 4) overlapping++;
      }
    expect(overlapping).toBe(0);
    // Without the sizes, the forces alone pile the most linked on each other.
    const bare = forceLayout(ids, edges, 1000, 700, rounds);
    expect(Math.hypot(bare.get("e0")!.x - bare.get("e1")!.x, bare.get("e0")!.y - bare.get("e1")!.y)).toBeLessThan((sizes[399] + sizes[398]) / 2);
  });
  it("places labels that overlap no other label and no node as large as their own", () => {
    const nodes = ids.map((id, i) => ({ id, name: `Entity number ${i}`, mentions: mentions.get(id) ?? 0, size: nodeSize(mentions.get(id) ?? 0, most), at: at.get(id)! }));
    const shown = visibleLabels(nodes);
    expect(shown.size).toBeGreaterThan(10);
    // The most mentioned (the largest, at the crowded centre) are named.
    for (const n of nodes.slice().sort((a, b) => b.mentions - a.mentions).slice(0, 5)) expect(shown.has(n.id), n.id).toBe(true);
    type Box = { l: number; r: number; t: number; b: number };
    const boxes: Box[] = [];
    const owners: number[] = [];
    const labelled: string[] = [];
    for (const n of nodes) {
      const place = shown.get(n.id);
      if (!place) continue;
      const w = n.name.length * 6.6, half = n.size / 2 + 2, x = n.at.x, y = n.at.y;
      owners.push(n.size);
      labelled.push(n.id);
      boxes.push(
        place === "below" ? { l: x - w / 2, r: x + w / 2, t: y + half, b: y + half + 14 }
        : place === "above" ? { l: x - w / 2, r: x + w / 2, t: y - half - 14, b: y - half }
        : place === "right" ? { l: x + half, r: x + half + w, t: y - 7, b: y + 7 }
        : { l: x - half - w, r: x - half, t: y - 7, b: y + 7 },
      );
    }
    const hit = (a: Box, b: Box) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) expect(hit(boxes[i], boxes[j])).toBe(false);
      for (const n of nodes)
        if (n.size >= owners[i] && n.id !== labelled[i]) expect(hit(boxes[i], { l: n.at.x - n.size / 2, r: n.at.x + n.size / 2, t: n.at.y - n.size / 2, b: n.at.y + n.size / 2 })).toBe(false);
    }
  });
});
