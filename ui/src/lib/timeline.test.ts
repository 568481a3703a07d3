import { describe, expect, it } from "vitest";
import type { TimelineItemView } from "./bindings";
import { filterItems, fitView, packRows, placeItems, spanOf, ticks, zoom } from "./timeline";

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const span = (v: string) => {
  const s = spanOf(v);
  return s ? [iso(s.start), iso(s.end)] : null;
};

function item(over: Partial<TimelineItemView>): TimelineItemView {
  return {
    source: "s1",
    title: "T",
    text: "x",
    value: "2022-01-10",
    granularity: "day",
    start: 0,
    end: 1,
    passage: 0,
    passageText: "",
    events: [],
    entities: [],
    tags: [],
    ...over,
  };
}

describe("spanOf", () => {
  it("covers each granularity the engine writes", () => {
    expect(span("2022-01-12")).toEqual(["2022-01-12", "2022-01-13"]);
    expect(span("2022-01")).toEqual(["2022-01-01", "2022-02-01"]);
    expect(span("2021-12")).toEqual(["2021-12-01", "2022-01-01"]);
    // ISO week 1 of 2021 starts on Monday 4 January; week 53 of 2020 on 28 December.
    expect(span("2021-W01")).toEqual(["2021-01-04", "2021-01-11"]);
    expect(span("2020-W53")).toEqual(["2020-12-28", "2021-01-04"]);
    expect(span("2022-W02-WE")).toEqual(["2022-01-15", "2022-01-17"]);
    expect(span("2022-Q4")).toEqual(["2022-10-01", "2023-01-01"]);
    expect(span("2022-H1")).toEqual(["2022-01-01", "2022-07-01"]);
    expect(span("2022-WI")).toEqual(["2022-12-01", "2023-03-01"]);
    expect(span("2008")).toEqual(["2008-01-01", "2009-01-01"]);
    expect(span("199")).toEqual(["1990-01-01", "2000-01-01"]);
    expect(span("19")).toEqual(["1900-01-01", "2000-01-01"]);
    expect(span("0050")).toEqual(["0050-01-01", "0051-01-01"]);
  });
  it("refuses what is not a value", () => {
    expect(spanOf("")).toBeNull();
    expect(spanOf("2022-13-40x")).toBeNull();
    expect(spanOf("PRESENT_REF")).toBeNull();
  });
});

describe("items", () => {
  const items = [
    item({ source: "a", entities: ["NATO"], tags: ["key"] }),
    item({ source: "b", entities: ["Russia"], value: null }),
    item({ source: "a", entities: ["Russia", "NATO"], value: "2008" }),
  ];
  it("filter by source, entity and tag together", () => {
    expect(filterItems(items, { source: null, entity: null, tag: null })).toHaveLength(3);
    expect(filterItems(items, { source: "a", entity: null, tag: null })).toHaveLength(2);
    expect(filterItems(items, { source: null, entity: "Russia", tag: null })).toEqual([items[1], items[2]]);
    expect(filterItems(items, { source: "a", entity: "NATO", tag: "key" })).toEqual([items[0]]);
  });
  it("unresolved dates are listed apart, not placed", () => {
    const { placed, unplaced } = placeItems(items);
    expect(placed.map((p) => p.item)).toEqual([items[0], items[2]]);
    expect(unplaced).toEqual([items[1]]);
  });
});

describe("layout", () => {
  it("packs overlapping boxes into separate rows and reuses free ones", () => {
    const rows = packRows([
      { x: 0, width: 100 },
      { x: 50, width: 100 },
      { x: 120, width: 10 },
      { x: 300, width: 10 },
    ]);
    expect(rows).toEqual([0, 1, 0, 0]);
    // No two boxes of one row overlap, whatever the input order.
    const boxes = Array.from({ length: 40 }, (_, i) => ({ x: (i * 37) % 400, width: 30 + (i % 7) * 10 }));
    const r = packRows(boxes);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++)
        if (r[i] === r[j]) {
          const [a, b] = boxes[i].x < boxes[j].x ? [boxes[i], boxes[j]] : [boxes[j], boxes[i]];
          expect(a.x + a.width + 8).toBeLessThanOrEqual(b.x);
        }
  });
  it("zooms around the pointer and ticks follow the scale", () => {
    const v = fitView([spanOf("2022-01-10")!, spanOf("2022-03-01")!]);
    const at = spanOf("2022-02-01")!.start;
    const z = zoom(v, 0.5, at);
    expect(z.end - z.start).toBeCloseTo((v.end - v.start) / 2);
    expect((at - z.start) / (z.end - z.start)).toBeCloseTo((at - v.start) / (v.end - v.start));
    const years = ticks(spanOf("1990")!.start, spanOf("2020")!.start);
    expect(years.every((t) => /^\d{4}$/.test(t.label))).toBe(true);
    expect(years.length).toBeGreaterThan(2);
    expect(years.length).toBeLessThanOrEqual(8);
    const days = ticks(spanOf("2022-01-01")!.start, spanOf("2022-01-08")!.start);
    expect(days.length).toBe(7);
    expect(days[0].label).toBe("Jan 2022");
  });
});
