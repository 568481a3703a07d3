import type { TimelineItemView } from "./bindings";

/** A time span in milliseconds since the epoch (UTC), end excluded. */
export type Span = { start: number; end: number };

const DAY = 86_400_000;

function utc(y: number, m = 0, d = 1): number {
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const t = new Date(Date.UTC(2000, m, d));
  t.setUTCFullYear(y, m, d);
  return t.getTime();
}

/** Monday of ISO week 1 of `year`. */
function isoWeekOne(year: number): number {
  const jan4 = utc(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday 0
  return jan4 - dow * DAY;
}

const SEASONS: Record<string, [number, number]> = {
  // Northern meteorological seasons: start month, length in months.
  SP: [2, 3],
  SU: [5, 3],
  FA: [8, 3],
  WI: [11, 3],
};

/**
 * The span a TIMEX3-like value covers (`2022-01-12`, `2022-W02`, `2022-W02-WE`,
 * `2022-01`, `2022-SU`, `2022-Q1`, `2022-H1`, `2022`, `199` for a decade, `19`
 * for a century); `null` for a value that is none of these.
 */
export function spanOf(value: string): Span | null {
  let m: RegExpMatchArray | null;
  if ((m = value.match(/^(\d{4})-(\d{2})-(\d{2})$/))) {
    const s = utc(+m[1], +m[2] - 1, +m[3]);
    return { start: s, end: s + DAY };
  }
  if ((m = value.match(/^(\d{4})-W(\d{2})(-WE)?$/))) {
    const monday = isoWeekOne(+m[1]) + (+m[2] - 1) * 7 * DAY;
    return m[3] ? { start: monday + 5 * DAY, end: monday + 7 * DAY } : { start: monday, end: monday + 7 * DAY };
  }
  if ((m = value.match(/^(\d{4})-(\d{2})$/))) {
    return { start: utc(+m[1], +m[2] - 1), end: utc(+m[1], +m[2]) };
  }
  if ((m = value.match(/^(\d{4})-(SP|SU|FA|WI)$/))) {
    const [month, len] = SEASONS[m[2]];
    return { start: utc(+m[1], month), end: utc(+m[1], month + len) };
  }
  if ((m = value.match(/^(\d{4})-Q([1-4])$/))) {
    const q = +m[2] - 1;
    return { start: utc(+m[1], q * 3), end: utc(+m[1], q * 3 + 3) };
  }
  if ((m = value.match(/^(\d{4})-H([12])$/))) {
    const h = +m[2] - 1;
    return { start: utc(+m[1], h * 6), end: utc(+m[1], h * 6 + 6) };
  }
  if ((m = value.match(/^(\d{4})$/))) return { start: utc(+m[1]), end: utc(+m[1] + 1) };
  if ((m = value.match(/^(\d{3})$/))) return { start: utc(+m[1] * 10), end: utc(+m[1] * 10 + 10) };
  if ((m = value.match(/^(\d{2})$/))) return { start: utc(+m[1] * 100), end: utc(+m[1] * 100 + 100) };
  return null;
}

export type Filter = { source: string | null; entity: string | null; tag: string | null };

/** The items the filter keeps: of that source, naming that entity, under that tag. */
export function filterItems(items: TimelineItemView[], f: Filter): TimelineItemView[] {
  return items.filter(
    (i) =>
      (f.source === null || i.source === f.source) &&
      (f.entity === null || i.entities.includes(f.entity)) &&
      (f.tag === null || i.tags.includes(f.tag)),
  );
}

/** Placed items (with their span) and the ones with no value to place. */
export function placeItems(items: TimelineItemView[]): {
  placed: { item: TimelineItemView; span: Span }[];
  unplaced: TimelineItemView[];
} {
  const placed: { item: TimelineItemView; span: Span }[] = [];
  const unplaced: TimelineItemView[] = [];
  for (const item of items) {
    const span = item.value ? spanOf(item.value) : null;
    if (span) placed.push({ item, span });
    else unplaced.push(item);
  }
  return { placed, unplaced };
}

/**
 * Rows for boxes on one axis so that none overlaps another: each box
 * (`x`, `width` in pixels, sorted or not) goes to the first row whose last
 * box ends `gap` pixels before it starts. Returns each box's row, in input order.
 */
export function packRows(boxes: { x: number; width: number }[], gap = 8): number[] {
  const order = boxes.map((_, i) => i).sort((a, b) => boxes[a].x - boxes[b].x);
  const ends: number[] = [];
  const rows = new Array<number>(boxes.length);
  for (const i of order) {
    const b = boxes[i];
    let r = ends.findIndex((e) => e + gap <= b.x);
    if (r === -1) {
      r = ends.length;
      ends.push(0);
    }
    ends[r] = b.x + b.width;
    rows[i] = r;
  }
  return rows;
}

export type Tick = { t: number; label: string; major: boolean };

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Axis ticks for a view of [from, to): years, months or days, about `want` of them. */
export function ticks(from: number, to: number, want = 8): Tick[] {
  const span = Math.max(to - from, 1);
  const out: Tick[] = [];
  const start = new Date(from);
  const y0 = start.getUTCFullYear();
  if (span > 3 * 365 * DAY) {
    const years = span / (365.25 * DAY);
    const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
    const step = steps.find((s) => years / s <= want) ?? 1000;
    for (let y = Math.ceil(y0 / step) * step; utc(y) < to; y += step) {
      const t = utc(y);
      if (t >= from) out.push({ t, label: String(y), major: true });
    }
    return out;
  }
  if (span > 60 * DAY) {
    const months = span / (30.44 * DAY);
    const step = [1, 2, 3, 6, 12].find((s) => months / s <= want) ?? 12;
    for (let i = 0; ; i++) {
      const m = start.getUTCMonth() + i;
      const t = utc(y0, m);
      if (t >= to) break;
      const d = new Date(t);
      if (t < from || d.getUTCMonth() % step !== 0) continue;
      const jan = d.getUTCMonth() === 0;
      out.push({ t, label: jan ? `${MONTHS[0]} ${d.getUTCFullYear()}` : MONTHS[d.getUTCMonth()], major: jan });
    }
    return out;
  }
  const days = span / DAY;
  const step = [1, 2, 7, 14].find((s) => days / s <= want) ?? 14;
  const first = Math.ceil(from / DAY) * DAY;
  for (let t = first; t < to; t += DAY) {
    const d = new Date(t);
    const dayNo = Math.round(t / DAY);
    if (dayNo % step !== 0 && d.getUTCDate() !== 1) continue;
    const major = d.getUTCDate() === 1;
    out.push({ t, label: major ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}` : `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`, major });
  }
  return out;
}

/** The view [from, to) zoomed by `factor` (< 1 zooms in) around time `at`. */
export function zoom(view: Span, factor: number, at: number): Span {
  const minSpan = DAY;
  const maxSpan = 5000 * 365 * DAY;
  const span = Math.min(Math.max((view.end - view.start) * factor, minSpan), maxSpan);
  const ratio = (at - view.start) / (view.end - view.start || 1);
  const start = at - ratio * span;
  return { start, end: start + span };
}

/** A view that shows every span, with a margin on either side. */
export function fitView(spans: Span[]): Span {
  if (!spans.length) {
    const now = Date.now();
    return { start: now - 365 * DAY, end: now + 30 * DAY };
  }
  const start = Math.min(...spans.map((s) => s.start));
  const end = Math.max(...spans.map((s) => s.end));
  const margin = Math.max((end - start) * 0.05, 15 * DAY);
  return { start: start - margin, end: end + margin };
}
