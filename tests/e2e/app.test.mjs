// End-to-end tests of the Dossier window, driven through WebDriver as Tauri
// documents it: tauri-driver (from crates.io) in front of Debian's
// WebKitWebDriver, under Xvfb (`make test-app` runs this in xvfb-run).
//
// The app runs on a temporary copy of the bundled notebook, with its own
// config and cache folders, so nothing here touches the user's files.
// DOSSIER_E2E_IMPORT stands in for the file dialog's answer only; the import
// itself goes through the same command, engine and index as a real one.
//
// A failing step saves a screenshot of the window in tests/e2e/screenshots/.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { By, Key, until } from "selenium-webdriver";
import { WAIT, appBin, byTest, startApp, step as harnessStep, workspace } from "./harness.mjs";

// A word that is in no bundled file, so only the imported one can match it.
const IMPORT_WORD = "Quillfeather";

let work;
let app;
let driver;

const step = (name, body) => harnessStep(() => driver, name, body, { log: () => app?.log() ?? "" });

/**
 * The text of the first element at `locator` once it matches `pattern`. The
 * results are drawn again as each character of a query arrives, so an element
 * found a moment ago may be gone: it is looked up afresh until the wait ends.
 */
async function textMatching(locator, pattern, what) {
  let seen = "";
  try {
    return await driver.wait(
      async () => {
        try {
          seen = await (await driver.findElement(locator)).getText();
          return pattern.test(seen) ? seen : null;
        } catch (e) {
          if (e.name === "StaleElementReferenceError" || e.name === "NoSuchElementError") return null;
          throw e;
        }
      },
      WAIT,
      what,
    );
  } catch (e) {
    throw new Error(`${e.message} (last seen: ${JSON.stringify(seen)})`);
  }
}

async function searchFor(text) {
  const input = await driver.wait(until.elementLocated(byTest("search-input")), WAIT);
  await driver.wait(until.elementIsEnabled(input), WAIT);
  await input.click();
  // Select-all and delete, as a person would (clear() may not fire `input`).
  await input.sendKeys(Key.chord(Key.CONTROL, "a"), Key.BACK_SPACE);
  await input.sendKeys(text);
  return input;
}

describe("Dossier window", () => {
  before(async () => {
    assert.ok(existsSync(appBin), `no app binary at ${appBin}: run \`make app-build\` first`);
    const ws = workspace("dossier-e2e-");
    work = ws.work;
    const importFile = path.join(work, "incoming", "field-report.txt");
    mkdirSync(path.dirname(importFile), { recursive: true });
    writeFileSync(
      importFile,
      `Field report from Geneva\n\nThe delegation code-named ${IMPORT_WORD} met on the shore of Lake Geneva before the talks.\n` +
        `Observers said the meeting lasted two hours and ended without a statement.\n`,
    );
    app = await startApp({ ...ws.env, DOSSIER_E2E_IMPORT: importFile });
    driver = app.driver;
  });

  after(async () => {
    try {
      await app?.stop();
    } finally {
      if (work) rmSync(work, { recursive: true, force: true });
    }
  });

  it("opens on the bundled notebook and shows the article", () =>
    step("opens-article", async () => {
      const title = await driver.wait(until.elementLocated(byTest("reader-title")), WAIT);
      assert.match(await title.getText(), /Russia|NATO/i, "the reader shows the bundled article");
      const passages = await driver.findElements(byTest("passage"));
      assert.ok(passages.length >= 5, `the article is shown by paragraph (saw ${passages.length})`);
      const sources = await driver.findElements(byTest("source-item"));
      assert.ok(sources.length >= 1, "the sidebar lists the notebook's sources");
      const highlights = await driver.findElements(By.css('[data-testid="passage"] [data-annotation]'));
      const listed = await driver.findElements(byTest("annotation-item"));
      assert.ok(highlights.length >= 1, "the bundled highlights are shown in the text");
      assert.equal(listed.length, highlights.length, "and listed in the right pane, one entry each");
      const paint = await driver.wait(
        async () => driver.executeScript("return document.body.getAttribute('data-first-paint-ms')"),
        WAIT,
      );
      console.log(`first paint of the notebook: ${paint} ms after launch`);
    }));

  it("shows a highlighted hit for Bucharest as you type, after Ctrl+K", () =>
    step("bucharest-hit", async () => {
      await driver.findElement(By.css("body")).click();
      await driver.actions().keyDown(Key.CONTROL).sendKeys("k").keyUp(Key.CONTROL).perform();
      const focused = await driver.executeScript("return document.activeElement?.dataset?.testid ?? null");
      assert.equal(focused, "search-input", "Ctrl+K focuses the search box");
      await searchFor("Bucharest");
      const marked = await textMatching(
        By.css('[data-testid="search-hit"][data-kind="source"] [data-testid="search-snippet"] mark'),
        /^bucharest$/i,
        "the matched word is marked in the snippet",
      );
      assert.match(marked, /^bucharest$/i, "the matched word is marked in the snippet");
      const html = await driver.executeScript(
        "return document.querySelector('[data-testid=search-snippet]').innerHTML",
      );
      assert.doesNotMatch(html, /<(?!\/?mark\b)[a-z]/i, "only <mark> is markup in a snippet");

      const selected = () =>
        driver.executeScript(
          "return [...document.querySelectorAll('[data-testid=search-hit]')].findIndex(e => e.getAttribute('aria-selected') === 'true')",
        );
      const hits = (await driver.findElements(byTest("search-hit"))).length;
      assert.equal(await selected(), 0, "the best hit is selected as results arrive");
      const input = await driver.findElement(byTest("search-input"));
      // The bundled notebook has Bucharest in the article, in two notes and in
      // a highlight, so there is always a next hit to move to.
      assert.ok(hits > 1, `Bucharest finds more than one hit (saw ${hits})`);
      await input.sendKeys(Key.ARROW_DOWN);
      assert.equal(await selected(), 1, "ArrowDown selects the next hit");
      await input.sendKeys(Key.ARROW_UP);
      assert.equal(await selected(), 0, "ArrowUp goes back");
      const groups = await driver.executeScript(
        "return [...document.querySelectorAll('#search-results h3')].map(h => h.textContent.trim().split(/\\s/)[0])",
      );
      assert.equal(groups[0], "Sources", `hits are grouped by kind, sources first (${groups})`);
    }));

  it("opens the chosen hit: the reader scrolls to the passage and marks the words", () =>
    step("bucharest-scroll", async () => {
      // Scroll the reader to the end of the article: the Bucharest paragraph
      // (the fifth of a long article) is then above the view, so choosing the
      // hit has to scroll back up to it.
      const where = () =>
        driver.executeScript(`
          const reader = document.querySelector('[data-testid=reader]');
          const p = [...document.querySelectorAll('[data-testid=passage]')].find(e => /Bucharest/.test(e.textContent));
          if (!p) return null;
          const r = reader.getBoundingClientRect(), b = p.getBoundingClientRect();
          return { scrollTop: reader.scrollTop, visible: b.top >= r.top - 1 && b.top < r.bottom && b.bottom > r.top };`);
      await driver.executeScript(
        "const r = document.querySelector('[data-testid=reader]'); r.scrollTop = r.scrollHeight",
      );
      const before = await where();
      assert.ok(before, "the article has a paragraph naming Bucharest");
      assert.equal(before.visible, false, "scrolled to the end, the Bucharest paragraph is out of view");
      assert.ok(before.scrollTop > 0, "the article is longer than the reader");
      const input = await driver.findElement(byTest("search-input"));
      await input.sendKeys(Key.ENTER);
      const passage = await driver.wait(until.elementLocated(By.css('[data-testid="passage"].focused')), WAIT);
      await driver.wait(until.elementLocated(By.css('[data-testid="passage"].focused mark')), WAIT);
      assert.match(await passage.getText(), /Bucharest/, "the focused passage is the one that matched");
      const geometry = await driver.wait(async () => {
        const g = await driver.executeScript(`
          const reader = document.querySelector('[data-testid=reader]');
          const p = document.querySelector('[data-testid=passage].focused');
          const r = reader.getBoundingClientRect(), b = p.getBoundingClientRect();
          return { scrollTop: reader.scrollTop,
                   visible: b.top >= r.top - 1 && b.top < r.bottom && b.bottom > r.top };`);
        return g.visible ? g : null;
      }, WAIT, "the chosen passage comes into view");
      assert.ok(
        geometry.scrollTop < before.scrollTop,
        `the reader scrolled back up to the passage (${before.scrollTop} → ${geometry.scrollTop})`,
      );
      const results = await driver.findElements(byTest("search-results"));
      assert.equal(results.length, 0, "choosing a hit closes the results");
    }));

  for (const bad of ['"unclosed', "(a OR"]) {
    it(`explains bad query syntax instead of showing nothing: ${bad}`, () =>
      step(`bad-syntax-${bad}`, async () => {
        await searchFor(bad);
        // Results update as each character arrives, so the message may be
        // drawn again between finding it and reading it: look it up afresh
        // until it says what went wrong.
        let seen = "";
        const text = await driver.wait(
          async () => {
            try {
              const note = await driver.findElement(byTest("search-syntax"));
              if (!(await note.isDisplayed())) return null;
              seen = await note.getText();
              return /not closed|couldn't be read|need a word/.test(seen) ? seen : null;
            } catch (e) {
              if (e.name === "StaleElementReferenceError" || e.name === "NoSuchElementError") return null;
              throw e;
            }
          },
          WAIT,
          "a friendly message about the syntax",
        ).catch((e) => {
          throw new Error(`${e.message} (last seen: ${JSON.stringify(seen)})`);
        });
        assert.match(text, /not closed|couldn't be read|need a word/, `a friendly message (got: ${text})`);
        const shown = (await driver.findElements(byTest("search-hit"))).length;
        const empty = (await driver.findElements(byTest("search-empty"))).length;
        assert.ok(shown > 0 || empty > 0, "the lenient results (or a clear 'no matches') are shown, not a blank list");
        await driver.findElement(byTest("search-input")).sendKeys(Key.ESCAPE);
        await driver.wait(
          async () => (await driver.findElements(byTest("search-results"))).length === 0,
          WAIT,
          "Esc closes the results",
        );
      }));
  }

  it("finds an unfinished word as a prefix while typing", () =>
    step("prefix", async () => {
      await searchFor("Makark");
      await driver.wait(until.elementLocated(byTest("search-widened")), WAIT);
      const marked = await textMatching(By.css('[data-testid="search-hit"] mark'), /^makark/i, "the words starting with it are marked");
      assert.match(marked, /^makark/i, "the words starting with it are marked");
      await driver.findElement(byTest("search-input")).sendKeys(Key.ESCAPE);
    }));

  it("lists the notebook's entities and opens one with its mentions", () =>
    step("entity", async () => {
      const entities = await driver.findElements(byTest("entity-item"));
      assert.ok(entities.length >= 1, "the sidebar lists entities");
      await entities[0].click();
      const name = await driver.wait(until.elementLocated(byTest("entity-name")), WAIT);
      assert.ok((await name.getText()).length > 0, "the entity's page opens in the right pane");
      const mentions = await driver.findElements(By.css('[data-testid="mention"] mark'));
      assert.ok(mentions.length >= 1, "with its mentions in context");
      await driver.findElement(By.css('[aria-label="Close the entity"]')).click();
    }));

  it("imports a file through the import command and finds it by search", () =>
    step("import", async () => {
      const before = (await driver.findElements(byTest("source-item"))).length;
      await driver.findElement(byTest("import-button")).click();
      const outcome = await driver.wait(until.elementLocated(byTest("import-outcome")), WAIT);
      await driver.wait(until.elementTextMatches(outcome, /Imported 1 file/), WAIT);
      await driver.wait(async () => (await driver.findElements(byTest("source-item"))).length === before + 1, WAIT);
      await searchFor(IMPORT_WORD);
      const marked = await textMatching(By.css('[data-testid="search-hit"] mark'), new RegExp(IMPORT_WORD, "i"), "the imported text is searchable");
      assert.match(marked, new RegExp(IMPORT_WORD, "i"), "the imported text is searchable");
    }));

  it("never leaves the app for a web page, even for a link the UI does not route", () =>
    step("navigation-guard", async () => {
      await driver.findElement(byTest("search-input")).sendKeys(Key.ESCAPE);
      const home = await driver.executeScript("return window.location.href");
      // A plain link, as hostile HTML that got past the sanitiser would be,
      // clicked without the UI's link routing.
      await driver.executeScript(
        `const a = document.createElement("a");
         a.href = "https://example.org/";
         a.textContent = "away";
         a.setAttribute("data-testid", "hostile-link");
         document.body.append(a);
         a.click();`,
      );
      await driver.sleep(1500);
      assert.equal(await driver.executeScript("return window.location.href"), home, "the window is still on the app");
      assert.ok((await driver.findElements(byTest("reader-title"))).length === 1, "and still shows the reader");
      await driver.executeScript(`document.querySelector('[data-testid="hostile-link"]')?.remove()`);
    }));
});
