import type { GraphEdgeView, GraphView } from "./bindings";

/** What an edge's width shows: passages together, the Dice coefficient or PMI. */
export type Measure = "count" | "dice" | "pmi";

/** Node diameter in pixels: area grows with mentions, between 14 and 60. */
export function nodeSize(mentions: number, maxMentions: number): number {
  const r = Math.sqrt(Math.max(mentions, 0) / Math.max(maxMentions, 1));
  return Math.round(14 + r * 46);
}

/** Edge width in pixels for the chosen measure, between 1 and 10. */
export function edgeWidth(e: GraphEdgeView, m: Measure): number {
  const w = m === "count" ? 1 + 1.6 * Math.sqrt(e.count - 1) : m === "dice" ? 1 + 9 * e.dice : 1 + 1.5 * Math.max(e.pmi, 0);
  return Math.min(10, Math.max(1, Number.isFinite(w) ? w : 1));
}

/**
 * The nodes worth drawing: those with at least one edge at this weight, and
 * the ego (the entity the view is centred on) even without one.
 */
export function drawnGraph(g: GraphView, ego: string | null): GraphView {
  const linked = new Set<string>();
  for (const e of g.edges) {
    linked.add(e.source);
    linked.add(e.target);
  }
  return { ...g, nodes: g.nodes.filter((n) => linked.has(n.id) || n.name === ego) };
}

export type Point = { x: number; y: number };

/**
 * A force-directed layout (Fruchterman–Reingold): linked nodes pull together,
 * every pair pushes apart, the moves cool down over `iterations` rounds.
 * Deterministic (nodes start on a spiral in the given order), so the same
 * graph is drawn the same way each time. Positions fit in width × height.
 */
export function forceLayout(
  ids: string[],
  edges: { source: string; target: string; weight: number }[],
  width: number,
  height: number,
  iterations = 300,
): Map<string, Point> {
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = i * 2.39996; // golden angle
    const r = Math.sqrt(i + 0.5) / Math.sqrt(n || 1);
    xs[i] = width / 2 + (r * width * Math.cos(a)) / 2;
    ys[i] = height / 2 + (r * height * Math.sin(a)) / 2;
  }
  const links = edges
    .map((e) => [index.get(e.source), index.get(e.target), e.weight] as const)
    .filter((l): l is readonly [number, number, number] => l[0] !== undefined && l[1] !== undefined && l[0] !== l[1]);
  const k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.75;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  let temp = Math.min(width, height) / 8;
  const cool = temp / (iterations + 1);
  for (let it = 0; it < iterations; it++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ddx = xs[i] - xs[j];
        let ddy = ys[i] - ys[j];
        let d2 = ddx * ddx + ddy * ddy;
        if (d2 < 0.01) {
          ddx = 0.1 * ((i % 3) - 1 || 1);
          ddy = 0.1;
          d2 = 0.02;
        }
        const f = (k * k) / d2;
        dx[i] += ddx * f;
        dy[i] += ddy * f;
        dx[j] -= ddx * f;
        dy[j] -= ddy * f;
      }
    }
    for (const [a, b, w] of links) {
      const ddx = xs[a] - xs[b];
      const ddy = ys[a] - ys[b];
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01;
      const f = (d / k) * (1 + Math.log(w));
      dx[a] -= ddx * f;
      dy[a] -= ddy * f;
      dx[b] += ddx * f;
      dy[b] += ddy * f;
    }
    for (let i = 0; i < n; i++) {
      // A pull to the centre keeps unlinked parts from drifting away.
      dx[i] += (width / 2 - xs[i]) * 0.05 * (k / 10);
      dy[i] += (height / 2 - ys[i]) * 0.05 * (k / 10);
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const step = Math.min(d, temp);
      xs[i] += (dx[i] / d) * step;
      ys[i] += (dy[i] / d) * step;
    }
    temp = Math.max(temp - cool, 0.5);
  }
  // Fit the result into the box with a margin.
  const margin = 40;
  const minX = Math.min(...xs), maxX = Math.max(...xs);
  const minY = Math.min(...ys), maxY = Math.max(...ys);
  const sx = (width - 2 * margin) / Math.max(maxX - minX, 1);
  const sy = (height - 2 * margin) / Math.max(maxY - minY, 1);
  const s = Math.min(sx, sy);
  const ox = (width - s * (maxX - minX)) / 2;
  const oy = (height - s * (maxY - minY)) / 2;
  const out = new Map<string, Point>();
  for (let i = 0; i < n; i++) out.set(ids[i], { x: ox + (xs[i] - minX) * s, y: oy + (ys[i] - minY) * s });
  return out;
}

/** Where a node's label goes, relative to the node. */
export type LabelPlace = "below" | "above" | "right" | "left";

/**
 * Which labels to show, and where, so that none overlaps another or a node:
 * the most mentioned first, each below its node, else above, right or left,
 * else not at all (its name stays in the list beside the drawing).
 */
export function visibleLabels(
  nodes: { id: string; name: string; mentions: number; size: number; at: Point }[],
  charWidth = 6.6,
  lineHeight = 14,
): Map<string, LabelPlace> {
  type Box = { l: number; r: number; t: number; b: number };
  const boxes: Box[] = nodes.map((n) => ({ l: n.at.x - n.size / 2, r: n.at.x + n.size / 2, t: n.at.y - n.size / 2, b: n.at.y + n.size / 2 }));
  const hit = (a: Box, b: Box) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
  const shown = new Map<string, LabelPlace>();
  const order = nodes.map((_, i) => i).sort((a, b) => nodes[b].mentions - nodes[a].mentions || nodes[a].name.localeCompare(nodes[b].name));
  for (const i of order) {
    const n = nodes[i];
    const w = n.name.length * charWidth;
    const half = n.size / 2 + 2;
    const places: [LabelPlace, Box][] = [
      ["below", { l: n.at.x - w / 2, r: n.at.x + w / 2, t: n.at.y + half, b: n.at.y + half + lineHeight }],
      ["above", { l: n.at.x - w / 2, r: n.at.x + w / 2, t: n.at.y - half - lineHeight, b: n.at.y - half }],
      ["right", { l: n.at.x + half, r: n.at.x + half + w, t: n.at.y - lineHeight / 2, b: n.at.y + lineHeight / 2 }],
      ["left", { l: n.at.x - half - w, r: n.at.x - half, t: n.at.y - lineHeight / 2, b: n.at.y + lineHeight / 2 }],
    ];
    const free = places.find(([, box]) => !boxes.some((b) => hit(b, box)));
    if (!free) continue;
    boxes.push(free[1]);
    shown.set(n.id, free[0]);
  }
  return shown;
}

/** The edge nearest to point `p` within `tolerance` (distance to the segment), if any. */
export function nearestEdge<E extends { a: Point; b: Point }>(edges: E[], p: Point, tolerance: number): E | null {
  let best: E | null = null;
  let bestD = tolerance;
  for (const e of edges) {
    const dx = e.b.x - e.a.x;
    const dy = e.b.y - e.a.y;
    const len2 = dx * dx + dy * dy;
    const t = len2 ? Math.max(0, Math.min(1, ((p.x - e.a.x) * dx + (p.y - e.a.y) * dy) / len2)) : 0;
    const d = Math.hypot(p.x - (e.a.x + t * dx), p.y - (e.a.y + t * dy));
    if (d <= bestD) {
      bestD = d;
      best = e;
    }
  }
  return best;
}
