// The window's launch steps, in the page's clock (milliseconds since its
// navigation started), sent to the shell with the first paint
// (`report_first_paint`), which prints them beside its own when asked to
// (`DOSSIER_LAUNCH_TRACE`, what `dossier-bench app` reads).

import type { LaunchMark } from "./bindings";

// main.ts imports this module first: its evaluation is the script's start.
const marks: LaunchMark[] = [{ name: "script-start", ms: performance.now() }];

/** Records a launch step once, at the time it is called. */
export function mark(name: string) {
  if (!marks.some((m) => m.name === name)) marks.push({ name, ms: performance.now() });
}

/** The steps so far, with the page's own loading steps first. */
export function launchMarks(): LaunchMark[] {
  const nav = performance.getEntriesByType?.("navigation")[0] as PerformanceNavigationTiming | undefined;
  const page: LaunchMark[] = nav
    ? [
        { name: "page-response-end", ms: nav.responseEnd },
        { name: "page-dom-interactive", ms: nav.domInteractive },
      ]
    : [];
  return [...page, ...marks];
}

/**
 * The passages the window's first frame builds: from the start, until their
 * text reaches `budget` characters (at least one passage); the rest are
 * built a frame later.
 */
export function firstScreen<T extends { text: string }>(passages: T[], budget: number): T[] {
  let chars = 0;
  let n = 0;
  while (n < passages.length && (n === 0 || chars < budget)) {
    chars += passages[n]!.text.length;
    n++;
  }
  return passages.slice(0, n);
}
