// The network of a 1,000-source notebook in the real window: how long from
// the click on "Network" (the request to the shell) to the drawn graph (the
// layout done and two frames painted), as the page measures it. The
// notebook is synthetic and entity-rich (names made of syllables; a few
// entities named often, most rarely), written here the way
// `dossier-bench network` writes its own. Run by hand (not in `npm test`:
// it opens a 1,000-source notebook in the debug app, about a minute):
// the figure and its parts are printed for BENCHMARKS.md, and the budget
// of issue 18 (under a second) is reported as met or missed there; the test
// asserts the drawing completes with the entities on it. With
// DOSSIER_E2E_SHOTS set, the drawing is saved as
// tests/e2e/screenshots/look-network-scale.png.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { until } from "selenium-webdriver";
import { appBin, byTest, screenshots, startApp, step as harnessStep, workspace } from "./harness.mjs";

const SOURCES = Number(process.env.DOSSIER_E2E_NETWORK_SOURCES ?? 1000);
const ENTITIES = 400;
const OPEN_WAIT = 600_000;

let work;
let app;
let driver;

const step = (name, body) =>
  harnessStep(() => driver, name, body, { prefix: "network-scale-", log: () => app?.log() ?? "" });

/** xorshift, so every run draws the same notebook. */
function rng(seed) {
  let s = BigInt(seed);
  const mask = (1n << 64n) - 1n;
  return () => {
    s ^= (s << 13n) & mask;
    s ^= s >> 7n;
    s ^= (s << 17n) & mask;
    return Number(s % 1_000_000n) / 1_000_000;
  };
}

function makeNotebook(dir) {
  const r = rng(0x5eed1e55);
  const syl = ["ka", "lo", "mi", "ren", "tas", "vor", "el", "dun", "sa", "bri", "om", "zel", "ta", "quin", "ar", "fel", "no", "gra", "pe", "lis", "ud", "yan", "ko", "ber"];
  const word = (n) => {
    let w = "";
    for (let i = 0; i < n; i++) w += syl[Math.floor(r() * syl.length)];
    return w[0].toUpperCase() + w.slice(1);
  };
  const names = [];
  const seen = new Set();
  while (names.length < ENTITIES) {
    const i = names.length;
    const [name, kind] =
      i % 10 < 5 ? [`${word(2)} ${word(3)}`, "person"]
      : i % 10 < 7 ? [`${word(3)} ${["Institute", "Group", "Council", "Bank"][i % 4]}`, "organisation"]
      : i % 10 < 9 ? [word(3), "place"]
      : [`${word(3)} ${["Summit", "Accord", "Crisis"][i % 3]}`, "event"];
    if (seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    names.push({ name, kind });
  }
  for (const f of readdirSync(path.join(dir, "sources"))) rmSync(path.join(dir, "sources", f));
  for (const f of readdirSync(dir)) if (f.endsWith(".md")) rmSync(path.join(dir, f));
  writeFileSync(path.join(dir, "entities.json"), JSON.stringify(names, null, 1));
  for (let s = 0; s < SOURCES; s++) {
    const paras = [];
    for (let p = 0; p < 6; p++) {
      const who = [];
      for (let k = 0, n = 1 + Math.floor(r() * 4); k < n; k++) {
        const e = names[Math.floor(r() ** 3 * names.length)];
        who.push(`${e.name} ${["met delegates", "spoke to reporters", "was named in the report", "arrived"][Math.floor(r() * 4)]}`);
      }
      let line = `${who.join(", and ")}.`;
      if (p % 2 === 0) line += ` The next round is set for ${["March", "June", "October"][p % 3]} ${1 + Math.floor(r() * 28)}, ${2015 + Math.floor(r() * 10)}.`;
      paras.push(`${line} Officials declined to say what had been agreed.`);
    }
    const doc = `---\ntitle: 'Report ${s}'\npublished: ${2015 + (s % 10)}-${String(1 + (s % 12)).padStart(2, "0")}-${String(1 + (s % 28)).padStart(2, "0")}\nformat: text\n---\n${paras.join("\n\n")}\n`;
    writeFileSync(path.join(dir, "sources", `report-${String(s).padStart(4, "0")}.md`), doc);
  }
}

describe(`The network of a ${SOURCES}-source notebook`, () => {
  before(async () => {
    assert.ok(existsSync(appBin), `no app binary at ${appBin}: run \`make app-build\` first`);
    const w = workspace("dossier-network-scale-");
    work = w.work;
    mkdirSync(path.join(w.notebook, "sources"), { recursive: true });
    makeNotebook(w.notebook);
    app = await startApp(w.env);
    driver = app.driver;
    await driver.manage().setTimeouts({ script: OPEN_WAIT });
    await driver.wait(until.elementLocated(byTest("reader-title")), OPEN_WAIT, "the notebook opens");
  });

  after(async () => {
    await app?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("draws, and says how long it took", { timeout: OPEN_WAIT }, () =>
    step("draw", async () => {
      await driver.findElement(byTest("network-button")).click();
      // The view is its own chunk, loaded on first show.
      const stat = await driver.wait(
        async () => (await driver.findElements(byTest("network-stat")))[0] ?? false,
        60_000,
        "the network view is shown",
      );
      await driver.wait(async () => (await stat.getAttribute("data-draw-ms")) !== "", 60_000, "the network is drawn");
      const ms = Number(await stat.getAttribute("data-draw-ms"));
      const counts = await driver.executeScript(
        "return [document.querySelectorAll('[data-testid=network-dot]').length, Number(document.querySelector('[data-testid=network-canvas]').dataset.edges)]",
      );
      const requestMs = Number(await stat.getAttribute("data-request-ms"));
      const layoutMs = Number(await stat.getAttribute("data-layout-ms"));
      const domMs = Number(await stat.getAttribute("data-dom-ms"));
      console.log(
        `network of ${SOURCES} sources: ${counts[0]} nodes, ${counts[1]} edges drawn in ${Math.round(ms)} ms ` +
          `(request to painted layout: shell ${Math.round(requestMs)} ms, layout ${Math.round(layoutMs)} ms, ` +
          `the page's elements ${Math.round(domMs)} ms, painting the rest); load ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`,
      );
      assert.ok(counts[0] >= ENTITIES / 2, `most entities are drawn (${counts[0]})`);
      assert.ok(ms > 0 && counts[1] > counts[0], `the edges are drawn (${counts[1]})`);
      if (process.env.DOSSIER_E2E_SHOTS) {
        // The X display's picture, to judge the drawing by eye.
        mkdirSync(screenshots, { recursive: true });
        execFileSync("import", ["-window", "root", path.join(screenshots, "look-network-scale.png")]);
      }
      console.log(ms < 1000 ? "budget (under a second): met" : `budget (under a second): MISSED by ${Math.round(ms - 1000)} ms`);
    }));
});
