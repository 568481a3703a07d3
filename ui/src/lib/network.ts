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
 * How many rounds the layout gets: 300 for a small graph, fewer as it grows,
 * so that rounds × (pairs of nodes + edges) stays near a fixed amount of
 * work (about 2.5 million steps) and a large notebook's network is laid out
 * in a bounded time; never fewer than 30, which the start on a spiral by
 * degree makes enough for a readable picture.
 */
export function layoutRounds(nodes: number, edges: number): number {
  const perRound = (nodes * (nodes - 1)) / 2 + edges;
  return Math.max(30, Math.min(300, Math.floor(LAYOUT_WORK / Math.max(perRound, 1))));
}
export const LAYOUT_WORK = 2_500_000;

/**
 * A force-directed layout (Fruchterman–Reingold): linked nodes pull together,
 * every pair pushes apart, the moves cool down over `iterations` rounds.
 * Nodes start on a spiral, the most linked at the centre, where the pull
 * would take them, so a large graph needs few rounds (see [`layoutRounds`]).
 * With `sizes` (diameters in pixels), nodes drawn over each other are then
 * moved apart ([`separate`]).
 * Deterministic: the same graph is drawn the same way each time. Positions
 * fit in width × height.
 */
export function forceLayout(
  ids: string[],
  edges: { source: string; target: string; weight: number }[],
  width: number,
  height: number,
  iterations = 300,
  sizes?: number[],
): Map<string, Point> {
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const links = edges
    .map((e) => [index.get(e.source), index.get(e.target), 1 + Math.log(Math.max(e.weight, 1))] as const)
    .filter((l): l is readonly [number, number, number] => l[0] !== undefined && l[1] !== undefined && l[0] !== l[1]);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const degree = new Float64Array(n);
  for (const [a, b, w] of links) {
    degree[a] += w;
    degree[b] += w;
  }
  const order = ids.map((_, i) => i).sort((a, b) => degree[b] - degree[a] || a - b);
  for (let rank = 0; rank < n; rank++) {
    const i = order[rank];
    const a = rank * 2.39996; // golden angle
    const r = Math.sqrt(rank + 0.5) / Math.sqrt(n || 1);
    xs[i] = width / 2 + (r * width * Math.cos(a)) / 2;
    ys[i] = height / 2 + (r * height * Math.sin(a)) / 2;
  }
  const k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.75;
  const k2 = k * k;
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  let temp = Math.min(width, height) / 8;
  const cool = temp / (iterations + 1);
  for (let it = 0; it < iterations; it++) {
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      const xi = xs[i], yi = ys[i];
      let fx = 0, fy = 0;
      for (let j = i + 1; j < n; j++) {
        let ddx = xi - xs[j];
        let ddy = yi - ys[j];
        let d2 = ddx * ddx + ddy * ddy;
        if (d2 < 0.01) {
          ddx = 0.1 * ((i % 3) - 1 || 1);
          ddy = 0.1;
          d2 = 0.02;
        }
        const f = k2 / d2;
        fx += ddx * f;
        fy += ddy * f;
        dx[j] -= ddx * f;
        dy[j] -= ddy * f;
      }
      dx[i] += fx;
      dy[i] += fy;
    }
    for (const [a, b, w] of links) {
      const ddx = xs[a] - xs[b];
      const ddy = ys[a] - ys[b];
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01;
      const f = (d / k) * w;
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
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, xs[i]);
    maxX = Math.max(maxX, xs[i]);
    minY = Math.min(minY, ys[i]);
    maxY = Math.max(maxY, ys[i]);
  }
  const sx = (width - 2 * margin) / Math.max(maxX - minX, 1);
  const sy = (height - 2 * margin) / Math.max(maxY - minY, 1);
  const s = Math.min(sx, sy);
  const ox = (width - s * (maxX - minX)) / 2;
  const oy = (height - s * (maxY - minY)) / 2;
  for (let i = 0; i < n; i++) {
    xs[i] = ox + (xs[i] - minX) * s;
    ys[i] = oy + (ys[i] - minY) * s;
  }
  if (sizes) separate(xs, ys, sizes, width, height);
  const out = new Map<string, Point>();
  for (let i = 0; i < n; i++) out.set(ids[i], { x: xs[i], y: ys[i] });
  return out;
}

/**
 * Moves apart nodes drawn over each other (diameters `sizes`, a gap of 2
 * pixels between them), a few sweeps, each pair that overlaps pushed apart
 * by half the overlap each: the forces place the most linked entities
 * close, but a hub drawn 60 pixels wide would hide the entities around it.
 * Pairs are found through a grid of cells as wide as the largest node, so
 * a sweep costs about n. Positions stay in width × height.
 */
export function separate(xs: Float64Array, ys: Float64Array, sizes: number[], width: number, height: number, sweeps = 60): void {
  const n = xs.length;
  if (n < 2) return;
  const gap = 2;
  const cell = Math.max(...sizes) + gap;
  const cols = Math.ceil(width / cell) + 1;
  const rows = Math.ceil(height / cell) + 1;
  const start = new Int32Array(cols * rows + 1);
  const cellOf = new Int32Array(n);
  const inCell = new Int32Array(n);
  const clampX = (x: number) => Math.min(Math.max(x, 0), width);
  const clampY = (y: number) => Math.min(Math.max(y, 0), height);
  for (let sweep = 0; sweep < sweeps; sweep++) {
    start.fill(0);
    for (let i = 0; i < n; i++) {
      const cx = Math.min(cols - 1, Math.max(0, Math.floor(xs[i] / cell)));
      const cy = Math.min(rows - 1, Math.max(0, Math.floor(ys[i] / cell)));
      cellOf[i] = cx + cy * cols;
      start[cellOf[i] + 1]++;
    }
    for (let c = 0; c < cols * rows; c++) start[c + 1] += start[c];
    const fill = start.slice(0, cols * rows);
    for (let i = 0; i < n; i++) inCell[fill[cellOf[i]]++] = i;
    let moved = false;
    for (let i = 0; i < n; i++) {
      const cx = cellOf[i] % cols;
      const cy = (cellOf[i] - cx) / cols;
      for (let ny = Math.max(0, cy - 1); ny <= Math.min(rows - 1, cy + 1); ny++) {
        for (let nx = Math.max(0, cx - 1); nx <= Math.min(cols - 1, cx + 1); nx++) {
          const c = nx + ny * cols;
          for (let p = start[c]; p < start[c + 1]; p++) {
            const j = inCell[p];
            if (j <= i) continue;
            let dx = xs[j] - xs[i];
            let dy = ys[j] - ys[i];
            let d = Math.sqrt(dx * dx + dy * dy);
            const want = (sizes[i] + sizes[j]) / 2 + gap;
            if (d >= want) continue;
            if (d < 1e-6) {
              // On the same spot: apart along a direction fixed by the pair.
              const a = (i * 7 + j * 13) % 360;
              dx = Math.cos(a);
              dy = Math.sin(a);
              d = 1e-6;
            }
            const push = (want - d) / 2 / Math.max(d, 1e-6);
            xs[i] = clampX(xs[i] - dx * push);
            ys[i] = clampY(ys[i] - dy * push);
            xs[j] = clampX(xs[j] + dx * push);
            ys[j] = clampY(ys[j] + dy * push);
            moved = true;
          }
        }
      }
    }
    if (!moved) return;
  }
}

/** Where a node's label goes, relative to the node. */
export type LabelPlace = "below" | "above" | "right" | "left";

/**
 * Which labels to show, and where: the most mentioned first, each below its
 * node, else above, right or left, else not at all (its name stays in the
 * list beside the drawing). A label never covers another label, nor a node
 * as large as its own or larger: the large nodes of a crowded centre, the
 * most named entities, keep their names over the smaller nodes around
 * them, which would otherwise leave them no free place.
 */
export function visibleLabels(
  nodes: { id: string; name: string; mentions: number; size: number; at: Point }[],
  charWidth = 6.6,
  lineHeight = 14,
): Map<string, LabelPlace> {
  /** A node's box has its size; a label's box blocks every other label. */
  type Box = { l: number; r: number; t: number; b: number; size: number };
  const hit = (a: Box, b: Box) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
  // The boxes taken (nodes, then the labels placed), filed by the grid
  // cells they cover, so a label is checked against its neighbours only.
  const CELL = 64;
  const grid = new Map<number, Box[]>();
  const cells = (x: Box, visit: (key: number) => boolean | void): boolean => {
    for (let cy = Math.floor(x.t / CELL); cy <= Math.floor(x.b / CELL); cy++)
      for (let cx = Math.floor(x.l / CELL); cx <= Math.floor(x.r / CELL); cx++) if (visit(cx * 100003 + cy)) return true;
    return false;
  };
  const take = (x: Box) =>
    cells(x, (key) => {
      const list = grid.get(key);
      if (list) list.push(x);
      else grid.set(key, [x]);
    });
  const taken = (x: Box, own: number) => cells(x, (key) => grid.get(key)?.some((b) => b.size >= own && hit(b, x)) ?? false);
  for (const n of nodes) take({ l: n.at.x - n.size / 2, r: n.at.x + n.size / 2, t: n.at.y - n.size / 2, b: n.at.y + n.size / 2, size: n.size });
  const shown = new Map<string, LabelPlace>();
  const order = nodes.map((_, i) => i).sort((a, b) => nodes[b].mentions - nodes[a].mentions || nodes[a].name.localeCompare(nodes[b].name));
  for (const i of order) {
    const n = nodes[i];
    const w = n.name.length * charWidth;
    const half = n.size / 2 + 2;
    const places: [LabelPlace, Box][] = [
      ["below", { l: n.at.x - w / 2, r: n.at.x + w / 2, t: n.at.y + half, b: n.at.y + half + lineHeight, size: Infinity }],
      ["above", { l: n.at.x - w / 2, r: n.at.x + w / 2, t: n.at.y - half - lineHeight, b: n.at.y - half, size: Infinity }],
      ["right", { l: n.at.x + half, r: n.at.x + half + w, t: n.at.y - lineHeight / 2, b: n.at.y + lineHeight / 2, size: Infinity }],
      ["left", { l: n.at.x - half - w, r: n.at.x - half, t: n.at.y - lineHeight / 2, b: n.at.y + lineHeight / 2, size: Infinity }],
    ];
    const free = places.find(([, box]) => !taken(box, n.size));
    if (!free) continue;
    take(free[1]);
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
