// End-to-end test of who said what in the real Dossier window, driven
// through WebDriver (tauri-driver + WebKitWebDriver under Xvfb), on a
// temporary copy of the bundled notebook: the open source's Quotes view
// groups the quotes by speaker, a quote opens its passage in the reader, one
// click makes it a highlight linked to the speaker's entity, the entity page
// lists the quotes, and `speaker:` in the search box finds them.
//
// A failing step saves a screenshot of the window in tests/e2e/screenshots/.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { By, Key, until } from "selenium-webdriver";
import { WAIT, appBin, byTest, screenshots, startApp, step as harnessStep, workspace } from "./harness.mjs";

const STEP_TIMEOUT = 120_000;

let work;
let app;
let driver;

const step = (name, body) => harnessStep(() => driver, name, body, { prefix: "quotes-", log: () => app?.log() ?? "" });

/** With DOSSIER_E2E_SHOTS set, saves a screenshot of the window for a person to look at. */
async function shot(name) {
  if (!process.env.DOSSIER_E2E_SHOTS) return;
  mkdirSync(screenshots, { recursive: true });
  writeFileSync(path.join(screenshots, `look-${name}.png`), await driver.takeScreenshot(), "base64");
}

/** WebKitWebDriver's getText() leaves out line-clamped text: read textContent. */
const textOf = (el) => el.getAttribute("textContent");

/** The speaker groups of the Quotes view: [{speaker, entity, kind, count}]. */
const groups = () =>
  driver.executeScript(
    `return [...document.querySelectorAll('[data-testid=quote-group]')].map((g) => ({
       speaker: g.dataset.speaker,
       entity: g.dataset.entity,
       kind: g.querySelector('[data-testid=quote-speaker-kind]')?.textContent.trim(),
       count: g.querySelectorAll('[data-testid=quote]').length,
     }))`,
  );

describe("Who said what in the window", () => {
  before(async () => {
    assert.ok(existsSync(appBin), `no app binary at ${appBin}: run \`make app-build\` first`);
    const ws = workspace("dossier-e2e-quotes-");
    work = ws.work;
    app = await startApp(ws.env);
    driver = app.driver;
    await driver.wait(until.elementLocated(byTest("reader-title")), WAIT);
  });

  after(async () => {
    try {
      await app?.stop();
    } finally {
      if (work) rmSync(work, { recursive: true, force: true });
    }
  });

  it("groups the source's quotes by speaker", { timeout: STEP_TIMEOUT }, () =>
    step("groups", async () => {
      await (await driver.wait(until.elementLocated(byTest("open-quotes")), WAIT)).click();
      await driver.wait(until.elementLocated(byTest("quote-group")), WAIT);
      const g = await groups();
      const makarkin = g.filter((x) => x.entity === "Alexei Makarkin");
      assert.equal(makarkin.length, 1, `both spellings are one group: ${JSON.stringify(g)}`);
      assert.equal(makarkin[0].speaker, "Alexei Makarkin");
      assert.equal(makarkin[0].kind, "entity");
      assert.ok(makarkin[0].count >= 2, `his quotes are together: ${JSON.stringify(g)}`);
      assert.ok(
        g.some((x) => x.entity === "Sergei Kislitsyn" && x.count >= 1),
        `the other named expert has his group: ${JSON.stringify(g)}`,
      );
      const described = g.find((x) => x.speaker === "the source");
      assert.ok(described, `a description speaker is a group: ${JSON.stringify(g)}`);
      assert.equal(described.kind, "description");
      assert.equal(described.entity, "");
      await shot("quotes-panel");
    }));

  it("opens a quote at its passage", { timeout: STEP_TIMEOUT }, () =>
    step("open-quote", async () => {
      const group = await driver.findElement(By.css('[data-testid="quote-group"][data-entity="Alexei Makarkin"]'));
      const quotes = await group.findElements(byTest("quote"));
      const last = quotes[quotes.length - 1];
      const words = (await textOf(await last.findElement(byTest("quote-open")))).replace(/[“”]/g, "").trim().slice(0, 40);
      await (await last.findElement(byTest("quote-open"))).click();
      const passage = await driver.wait(until.elementLocated(By.css('[data-testid="passage"].focused')), WAIT);
      const text = await textOf(passage);
      assert.ok(text.includes(words), `the focused passage holds the quote: ${words} in ${text.slice(0, 200)}`);
      const visible = await driver.executeScript(
        `const r = arguments[0].getBoundingClientRect();
         return r.bottom > 0 && r.top < window.innerHeight;`,
        passage,
      );
      assert.ok(visible, "the passage is scrolled into view");
    }));

  it("turns a quote into a highlight linked to its speaker", { timeout: STEP_TIMEOUT }, () =>
    step("highlight-quote", async () => {
      const group = await driver.findElement(By.css('[data-testid="quote-group"][data-entity="Alexei Makarkin"]'));
      const first = (await group.findElements(byTest("quote")))[0];
      const start = await first.getAttribute("data-start");
      const end = await first.getAttribute("data-end");
      await (await first.findElement(byTest("quote-highlight"))).click();
      await driver.wait(
        until.elementLocated(By.css(`[data-testid="quote"][data-start="${start}"] [data-testid="quote-highlighted"]`)),
        WAIT,
      );
      // The highlight is in the reader, and the notes pane lists it with its entity.
      await driver.wait(until.elementLocated(By.css("[data-testid=passage] [data-annotation]")), WAIT);
      await (await driver.findElement(By.css('[aria-label="Close the quotes"]'))).click();
      // The entity chip, not the comment (which names the speaker too).
      const chip = await driver.wait(async () => {
        for (const el of await driver.findElements(By.css('[data-testid="annotation-item"] .entity-chip'))) {
          if ((await textOf(el)).trim() === "Alexei Makarkin") return el;
        }
        return null;
      }, WAIT);
      assert.ok(chip, "the highlight is listed, linked to the entity");
      assert.ok(Number(end) > Number(start));
      await shot("quote-highlighted");
    }));

  it("lists the entity's quotes on its page", { timeout: STEP_TIMEOUT }, () =>
    step("entity-quotes", async () => {
      await (await driver.findElement(byTest("open-quotes"))).click();
      const speaker = await driver.wait(
        until.elementLocated(By.css('[data-testid="quote-group"][data-entity="Alexei Makarkin"] [data-testid="quote-speaker"]')),
        WAIT,
      );
      await speaker.click();
      await driver.wait(until.elementLocated(byTest("entity-pane")), WAIT);
      const name = await driver.findElement(byTest("entity-name"));
      assert.equal(await name.getText(), "Alexei Makarkin");
      const quotes = await driver.wait(until.elementsLocated(byTest("entity-quote")), WAIT);
      assert.ok(quotes.length >= 2, "his quotes are on his page");
      await quotes[quotes.length - 1].click();
      await driver.wait(until.elementLocated(By.css('[data-testid="passage"].focused')), WAIT);
      await shot("entity-quotes");
    }));

  it("finds quotes by speaker in the search box", { timeout: STEP_TIMEOUT }, () =>
    step("search-speaker", async () => {
      const input = await driver.findElement(byTest("search-input"));
      await input.clear();
      await input.sendKeys('speaker:"Alexey Makarkin"');
      const hit = await driver.wait(until.elementLocated(By.css('[data-testid="search-hit"][data-kind="quote"]')), WAIT);
      const others = await driver.findElements(By.css('[data-testid="search-hit"]:not([data-kind="quote"])'));
      assert.equal(others.length, 0, "only quotes");
      assert.match(await textOf(hit), /Alexei Makarkin/, "the hit shows its speaker");
      await shot("search-speaker");
      await input.sendKeys(Key.ENTER);
      await driver.wait(until.elementLocated(By.css('[data-testid="passage"].focused')), WAIT);
    }));
});
