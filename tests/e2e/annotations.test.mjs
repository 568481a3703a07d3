// End-to-end tests of highlights and entities in the real Dossier window,
// driven through WebDriver (tauri-driver + WebKitWebDriver under Xvfb), on a
// temporary copy of the bundled notebook with its own config folders.
//
// Selections are made as a drag would leave them: a DOM Range over the words,
// then a mouse-up on the text. Everything after that — the toolbar, the
// editor, the commands, the engine, the store — is what a person uses. The app
// is quit and started again to check that highlights persist, and a source
// file is rewritten on disk (as another program would) while the app is open.
//
// A failing step saves a screenshot of the window in tests/e2e/screenshots/.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { By, Key, until } from "selenium-webdriver";
import { WAIT, appBin, byTest, screenshots, startApp, step as harnessStep, workspace } from "./harness.mjs";

// A step that hangs (a WebDriver call that never answers) fails instead of
// holding the whole run.
const STEP_TIMEOUT = 120_000;

const SENTENCE = "The experts told what to expect from these negotiations.";
const COMMENT_WORD = "Zephyrine";
const TAG = "expectations";
// A source where code points and UTF-16 units differ before the words we select:
// Cyrillic, an emoji (a surrogate pair), a family emoji (ZWJ sequence) and a
// combining accent.
const SCRIPTS_TITLE = "Field notes in three scripts";
const SCRIPTS_TEXT =
  `${SCRIPTS_TITLE}\n\nПереговоры в Женеве 😀 began on a cold morning.\n\n` +
  "The e\u0301lite negotiators met again 👩‍👩‍👧 after lunch; the pressroom was full.\n";

let work;
let notebook;
let env;
let app;
let driver;

/** Starts the app on the test's notebook and waits for the article. */
async function launch() {
  app = await startApp(env);
  driver = app.driver;
  await driver.wait(until.elementLocated(byTest("reader-title")), WAIT);
}

const step = (name, body) =>
  harnessStep(() => driver, name, body, { prefix: "annotations-", log: () => app?.log() ?? "" });

/** With DOSSIER_E2E_SHOTS set, saves a screenshot of the window for a person to look at. */
async function shot(name) {
  if (!process.env.DOSSIER_E2E_SHOTS) return;
  mkdirSync(screenshots, { recursive: true });
  writeFileSync(path.join(screenshots, `look-${name}.png`), await driver.takeScreenshot(), "base64");
}


/**
 * An element's text. WebKitWebDriver's getText() leaves out text clamped with
 * -webkit-line-clamp (titles and quotes in the lists), so read textContent.
 */
const textOf = (el) => el.getAttribute("textContent");

/**
 * Selects `needle` in the reader's passage that contains it, as a drag over
 * the words would, and lets go of the mouse there. Returns the passage ordinal.
 */
async function select(needle) {
  const ordinal = await driver.executeScript(
    `const needle = arguments[0];
     const p = [...document.querySelectorAll('[data-testid=passage]')].find((e) => e.textContent.includes(needle));
     if (!p) return null;
     const at = p.textContent.indexOf(needle);
     const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
     const range = document.createRange();
     let seen = 0, startSet = false;
     for (let n = walker.nextNode(); n; n = walker.nextNode()) {
       const len = n.data.length;
       if (!startSet && at < seen + len) { range.setStart(n, at - seen); startSet = true; }
       if (startSet && at + needle.length <= seen + len) { range.setEnd(n, at + needle.length - seen); break; }
       seen += len;
     }
     p.scrollIntoView({ block: "center" });
     const sel = window.getSelection();
     sel.removeAllRanges();
     sel.addRange(range);
     p.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
     return Number(p.dataset.ordinal);`,
    needle,
  );
  assert.notEqual(ordinal, null, `the reader shows the words "${needle}"`);
  await driver.wait(until.elementLocated(byTest("selection-toolbar")), WAIT, "the toolbar appears at the selection");
  return ordinal;
}

/** The highlights drawn in the text: each one's id, colour class and words. */
function highlightsInText() {
  return driver.executeScript(
    `const out = new Map();
     for (const el of document.querySelectorAll('[data-testid=passage] [data-annotation]')) {
       const id = el.dataset.annotation;
       const cur = out.get(id) ?? { id, text: "", color: [...el.classList].find((c) => c.startsWith("c-")), ordinal: Number(el.closest('[data-ordinal]').dataset.ordinal) };
       out.set(id, cur);
     }
     // The words of each highlight: the text of the spans that carry its id,
     // outermost only, in document order.
     for (const cur of out.values()) {
       const spans = [...document.querySelectorAll('[data-testid=passage] [data-annotation="' + CSS.escape(cur.id) + '"]')];
       cur.text = spans.map((s) => s.textContent).join("");
     }
     return [...out.values()];`,
  );
}

async function openSourceTitled(title) {
  const items = await driver.findElements(byTest("source-item"));
  for (const item of items) {
    if ((await textOf(item)).includes(title)) {
      await item.click();
      await driver.wait(until.elementTextContains(await driver.findElement(byTest("reader-title")), title), WAIT);
      return;
    }
  }
  assert.fail(`the sidebar lists the source "${title}"`);
}

describe("Highlights and entities in the window", () => {
  before(async () => {
    assert.ok(existsSync(appBin), `no app binary at ${appBin}: run \`make app-build\` first`);
    const ws = workspace("dossier-e2e-annot-");
    ({ work, notebook } = ws);
    const scripts = path.join(work, "incoming", "field-notes.txt");
    mkdirSync(path.dirname(scripts), { recursive: true });
    writeFileSync(scripts, SCRIPTS_TEXT);
    env = { ...ws.env, DOSSIER_E2E_IMPORT: scripts };
    await launch();
  });

  after(async () => {
    try {
      await app?.stop();
    } finally {
      if (work) rmSync(work, { recursive: true, force: true });
    }
  });

  it("highlights a selected sentence with a comment and a tag", { timeout: STEP_TIMEOUT }, () =>
    step("highlight-comment-tag", async () => {
      const ordinal = await select(SENTENCE);
      await shot("toolbar");
      const toolbar = await driver.findElement(byTest("selection-toolbar"));
      const swatchTip = await toolbar.findElement(By.css("button.last")).getAttribute("title");
      assert.match(swatchTip, /H or Ctrl\+Shift\+H/, "the toolbar's tooltip shows the shortcut");
      await driver.findElement(byTest("toolbar-comment")).click();
      const comment = await driver.wait(until.elementLocated(byTest("annotation-comment")), WAIT);
      await driver.wait(
        async () => (await driver.executeScript("return document.activeElement?.dataset?.testid")) === "annotation-comment",
        WAIT,
        "the comment box has the cursor",
      );
      await comment.sendKeys(`${COMMENT_WORD}: what *both* sides hope for`);
      await driver.findElement(byTest("annotation-tags")).sendKeys(`#${TAG}`);
      await driver.findElement(byTest("editor-color-green")).click();
      await shot("editor-new");
      await driver.findElement(byTest("annotation-save")).click();
      await driver.wait(async () => (await driver.findElements(byTest("annotation-editor"))).length === 0, WAIT, "the editor closes on save");

      const drawn = (await highlightsInText()).filter((h) => h.text === SENTENCE);
      assert.equal(drawn.length, 1, "the sentence is drawn as one highlight");
      assert.equal(drawn[0].color, "c-green");
      assert.equal(drawn[0].ordinal, ordinal);
      const item = await driver.findElement(By.css(`[data-testid="annotation-item"][data-id="${drawn[0].id}"]`));
      const text = await textOf(item);
      assert.match(text, new RegExp(COMMENT_WORD), "the list shows the comment");
      assert.match(text, new RegExp(`#${TAG}`), "and the tag");
    }));

  it("keeps the highlight when the app is started again", { timeout: STEP_TIMEOUT }, () =>
    step("restart", async () => {
      await app.stop();
      driver = null;
      await launch();
      const drawn = await driver.wait(async () => {
        const h = (await highlightsInText()).filter((x) => x.text === SENTENCE);
        return h.length === 1 ? h : null;
      }, WAIT);
      assert.equal(drawn[0].color, "c-green", "with its colour");
      const item = await driver.findElement(By.css(`[data-testid="annotation-item"][data-id="${drawn[0].id}"]`));
      assert.match(await textOf(item), new RegExp(COMMENT_WORD), "and its comment");
    }));

  it("follows its text when another program edits the source file", { timeout: STEP_TIMEOUT }, () =>
    step("external-edit", async () => {
      const file = path.join(notebook, "sources", "russia-nato-talks.md");
      const before = readFileSync(file, "utf8");
      const opening = "Russia and NATO : Russia has confirmed";
      assert.ok(before.includes(opening), "the seed article starts as expected");
      const edited = before.replace(
        opening,
        `Editor’s note — Київ 😀: this paragraph was added by another program.\n\nUpdated. ${opening}`,
      );
      const [old] = (await highlightsInText()).filter((h) => h.text === SENTENCE);
      // Written as editors do: a temporary file, then a rename over the old one.
      const tmp = `${file}.tmp-edit`;
      writeFileSync(tmp, edited);
      const changedAt = Date.now();
      renameSync(tmp, file);

      const moved = await driver.wait(
        async () => {
          const h = (await highlightsInText()).find((x) => x.id === old.id);
          return h && h.ordinal === old.ordinal + 1 ? h : null;
        },
        WAIT,
        "the window shows the edited text without a reload",
      );
      console.log(`the edit on disk showed up ${Date.now() - changedAt} ms after it was written`);
      assert.equal(moved.text, SENTENCE, "the highlight still covers the same words");
      const first = await driver.findElement(By.css('[data-testid="passage"][data-ordinal="0"]'));
      assert.match(await first.getText(), /added by another program/, "the new paragraph is shown");
      const status = await textOf(await driver.findElement(By.css(`[data-testid="annotation-item"][data-id="${old.id}"]`)));
      assert.match(status, /moved/, "the list says it was re-attached");
      await shot("after-external-edit");
    }));

  it("lists a highlight whose text is gone as an orphan, and re-attaches it by hand", { timeout: STEP_TIMEOUT }, () =>
    step("orphan", async () => {
      const file = path.join(notebook, "sources", "russia-nato-talks.md");
      const gone = "“Russia is trying to get guarantees that NATO will not expand, which, of course, the alliance will never guarantee,”";
      const text = readFileSync(file, "utf8");
      assert.ok(text.includes(gone), "the bundled highlight's sentence is in the file");
      const replacement = "Kislitsyn doubted that any written promise could ever be given,";
      writeFileSync(`${file}.tmp-edit`, text.replace(gone, replacement));
      renameSync(`${file}.tmp-edit`, file);

      const orphan = await driver.wait(until.elementLocated(byTest("orphan-item")), WAIT, "the highlight is listed apart");
      await driver.executeScript("arguments[0].scrollIntoView({ block: 'center' })", orphan);
      await shot("orphan");
      const listed = await textOf(orphan);
      assert.match(listed, /the alliance will never guarantee/, "with its quote, kept");
      assert.match(listed, /Kislitsyn \(IMEMO RAS\)/, "and its comment");
      await orphan.findElement(byTest("orphan-reattach")).click();
      await driver.wait(until.elementLocated(byTest("reattach-note")), WAIT);
      await select("any written promise could ever be given");
      await driver.findElement(byTest("reattach-here")).click();
      await driver.wait(async () => (await driver.findElements(byTest("orphan-item"))).length === 0, WAIT, "no orphan left");
      const drawn = (await highlightsInText()).filter((h) => h.text === "any written promise could ever be given");
      assert.equal(drawn.length, 1, "the highlight is drawn on the new words");
      assert.equal(drawn[0].color, "c-orange", "keeping its colour");
      const item = await driver.findElement(By.css(`[data-testid="annotation-item"][data-id="${drawn[0].id}"]`));
      assert.match(await textOf(item), /Kislitsyn \(IMEMO RAS\)/, "and its comment");
    }));

  it("opens the source at the highlight from a search hit of kind annotation", { timeout: STEP_TIMEOUT }, () =>
    step("annotation-hit", async () => {
      await driver.executeScript("document.querySelector('[data-testid=reader]').scrollTop = 0");
      const input = await driver.findElement(byTest("search-input"));
      await input.click();
      await input.sendKeys(COMMENT_WORD);
      const hit = await driver.wait(until.elementLocated(By.css('[data-testid="search-hit"][data-kind="annotation"]')), WAIT);
      await hit.click();
      const active = await driver.wait(until.elementLocated(By.css('[data-testid="passage"].focused .annotation.active')), WAIT);
      assert.equal(await active.getText(), SENTENCE, "the highlight is outlined in the focused passage");
      const visible = await driver.executeScript(
        `const r = document.querySelector('[data-testid=reader]').getBoundingClientRect();
         const b = document.querySelector('.annotation.active').getBoundingClientRect();
         return b.top >= r.top && b.bottom <= r.bottom;`,
      );
      assert.ok(visible, "and scrolled into view");
    }));

  it("highlights with H or Ctrl+Shift+H after an emoji, Cyrillic and combining marks without shifting", { timeout: STEP_TIMEOUT }, () =>
    step("non-ascii", async () => {
      await driver.findElement(byTest("import-button")).click();
      await driver.wait(until.elementTextContains(await driver.findElement(byTest("reader-title")), SCRIPTS_TITLE), WAIT);
      for (const [words, chord] of [["pressroom", false], ["Женеве", true], ["e\u0301lite", false]]) {
        await select(words);
        if (chord) await driver.actions().keyDown(Key.CONTROL).keyDown(Key.SHIFT).sendKeys("h").keyUp(Key.SHIFT).keyUp(Key.CONTROL).perform();
        else await driver.actions().sendKeys("h").perform();
        const drawn = await driver.wait(async () => {
          const h = (await highlightsInText()).filter((x) => x.text === words);
          return h.length === 1 ? h : null;
        }, WAIT, `${chord ? "Ctrl+Shift+H" : "H"} highlights exactly "${words}"`);
        assert.ok(drawn[0].color, "in the last colour used");
      }
      const quotes = await driver.executeScript(
        "return [...document.querySelectorAll('[data-testid=annotation-item] .quote')].map((q) => q.textContent)",
      );
      assert.deepEqual(quotes, ["“Женеве”", "“e\u0301lite”", "“pressroom”"], "the engine stored the same words, in reading order");
    }));

  it("edits a highlight by clicking it, and deletes it", { timeout: STEP_TIMEOUT }, () =>
    step("edit-delete", async () => {
      const target = await driver.findElement(By.xpath("//*[@data-annotation][normalize-space(.)='pressroom']"));
      const id = await target.getAttribute("data-annotation");
      await target.click();
      await driver.wait(until.elementLocated(byTest("annotation-editor")), WAIT);
      // A name that is another spelling of a known person can't become a new entity.
      const entityInput = await driver.findElement(byTest("entity-input"));
      await entityInput.sendKeys("Alexey Makarkin");
      await driver.findElement(byTest("entity-create")).click();
      const refused = await driver.wait(until.elementLocated(byTest("entity-error")), WAIT);
      assert.match(await refused.getText(), /already used by the entity "Alexei Makarkin"/, "the engine's reason is shown");
      assert.equal(await entityInput.getAttribute("value"), "Alexey Makarkin", "what was typed stays");
      await shot("editor-error");
      await entityInput.sendKeys(Key.chord(Key.CONTROL, "a"), Key.BACK_SPACE);
      await driver.findElement(byTest("editor-color-purple")).click();
      await driver.findElement(byTest("annotation-tags")).sendKeys("press");
      await driver.findElement(byTest("annotation-save")).click();
      await driver.wait(async () => {
        const h = (await highlightsInText()).find((x) => x.id === id);
        return h?.color === "c-purple";
      }, WAIT, "the new colour is drawn");

      await driver.findElement(By.css(`[data-annotation="${id}"]`)).click();
      await driver.findElement(byTest("annotation-delete")).click();
      await driver.findElement(byTest("annotation-delete-confirm")).click();
      await driver.wait(async () => !(await highlightsInText()).some((x) => x.id === id), WAIT, "the highlight is gone from the text");
      assert.equal((await driver.findElements(By.css(`[data-testid="annotation-item"][data-id="${id}"]`))).length, 0, "and from the list");
    }));

  it("accepts a suggested entity in the review panel and lists it in the sidebar", { timeout: STEP_TIMEOUT }, () =>
    step("accept-suggestion", async () => {
      await openSourceTitled("Russia and NATO");
      await driver.findElement(byTest("open-suggestions")).click();
      const panel = await driver.wait(until.elementLocated(byTest("suggestions-panel")), WAIT);
      const kartapolov = await driver.wait(until.elementLocated(By.css('[data-testid="suggestion"][data-name="Kartapolov"]')), WAIT);
      await kartapolov.findElement(byTest("suggestion-accept")).click();
      const kind = await kartapolov.findElement(byTest("suggestion-kind"));
      assert.equal(await kind.getAttribute("value"), "person", "the engine's guess of the kind is offered");
      const aliases = await kartapolov.findElement(byTest("suggestion-aliases"));
      // An alias that is another entity's name is refused, with the reason.
      await aliases.sendKeys("NATO");
      await kartapolov.findElement(byTest("suggestion-confirm")).click();
      const refused = await driver.wait(until.elementLocated(byTest("suggestion-error")), WAIT);
      assert.match(await refused.getText(), /already used by the entity "NATO"/);
      await aliases.sendKeys(Key.chord(Key.CONTROL, "a"), Key.BACK_SPACE, "Andrey Kartapolov");
      await kartapolov.findElement(byTest("suggestion-confirm")).click();
      await driver.wait(until.elementLocated(byTest("suggestion-outcome")), WAIT);
      await shot("suggestions");

      const listed = await driver.wait(async () => {
        for (const e of await driver.findElements(byTest("entity-item"))) {
          const t = await textOf(e);
          if (t.startsWith("Kartapolov")) return t;
        }
        return null;
      }, WAIT, "the new entity is in the sidebar");
      assert.match(listed, /Kartapolov\s*1/, `with its mention count (${listed})`);
      await driver.wait(until.elementLocated(By.css('[data-mention="Kartapolov"].k-person')), WAIT, "its mention is underlined in the text");

      const bosphorus = await panel.findElement(By.css('[data-testid="suggestion"][data-name="Bosphorus"]'));
      await bosphorus.findElement(byTest("suggestion-reject")).click();
      await driver.wait(async () => (await panel.findElements(By.css('[data-name="Bosphorus"]'))).length === 0, WAIT);
      await driver.findElement(By.css('[aria-label="Close the suggestions"]')).click();
      await driver.findElement(byTest("open-suggestions")).click();
      await driver.wait(until.elementLocated(byTest("suggestion")), WAIT);
      const names = await driver.executeScript(
        "return [...document.querySelectorAll('[data-testid=suggestion]')].map((e) => e.dataset.name)",
      );
      assert.ok(!names.includes("Bosphorus"), "a rejected name is not suggested again");
      assert.ok(!names.includes("Kartapolov"), "nor an accepted one");
      await driver.findElement(By.css('[aria-label="Close the suggestions"]')).click();
    }));

  it("links entities from the toolbar, creating one on the spot", { timeout: STEP_TIMEOUT }, () =>
    step("link-entity", async () => {
      await select("issues of missiles were actively discussed");
      await driver.findElement(byTest("toolbar-entity")).click();
      const input = await driver.wait(until.elementLocated(byTest("entity-input")), WAIT);
      await input.sendKeys("north atl");
      const option = await driver.wait(until.elementLocated(byTest("entity-option")), WAIT);
      assert.match(await option.getText(), /^NATO/, "an alias finds its entity");
      await option.click();
      await input.sendKeys("Missile talks");
      await driver.findElement(By.css('[data-testid="entity-kind"] option[value="event"]')).click();
      await driver.findElement(byTest("entity-create")).click();
      await driver.wait(async () => (await driver.findElements(byTest("linked-entity"))).length === 2, WAIT);
      await shot("entity-linked");
      await driver.findElement(byTest("annotation-save")).click();
      const item = await driver.wait(async () => {
        for (const e of await driver.findElements(byTest("annotation-item"))) {
          const t = await textOf(e);
          if (t.includes("issues of missiles were actively discussed")) return t;
        }
        return null;
      }, WAIT);
      assert.match(item, /NATO/, "the highlight is linked to NATO");
      assert.match(item, /Missile talks/, "and to the entity made on the spot");
      const sidebar = await textOf(await driver.findElement(byTest("sidebar")));
      assert.match(sidebar, /Missile talks/, "the new entity is listed");
    }));

  it("filters the highlights beside the reader by tag and colour", { timeout: STEP_TIMEOUT }, () =>
    step("filters", async () => {
      const items = () =>
        driver.executeScript(
          `return [...document.querySelectorAll('[data-testid=annotation-item]')].map((e) => ({
             tags: [...e.querySelectorAll('.tag-chip')].map((t) => t.textContent),
             color: [...e.classList].find((c) => c.startsWith('c-')) }))`,
        );
      const all = await items();
      const tagged = all.filter((a) => a.tags.includes("#red-line"));
      assert.ok(tagged.length >= 2 && tagged.length < all.length, `some highlights are tagged #red-line (${tagged.length} of ${all.length})`);
      for (const b of await driver.findElements(byTest("filter-tag"))) {
        if ((await b.getText()) === "#red-line") await b.click();
      }
      await driver.wait(async () => (await items()).length === tagged.length, WAIT, "only the tagged ones are listed");
      assert.ok((await items()).every((a) => a.tags.includes("#red-line")));
      const color = tagged[0].color.slice(2);
      await driver.findElement(byTest(`filter-color-${color}`)).click();
      const both = tagged.filter((a) => a.color === `c-${color}`).length;
      await driver.wait(async () => (await items()).length === both, WAIT, "tag and colour together");
      await driver.findElement(By.xpath("//button[normalize-space(.)='Show all']")).click();
      await driver.wait(async () => (await items()).length === all.length, WAIT, "and all again");
    }));

  it("draws overlapping highlights nested and offers each from the editor", { timeout: STEP_TIMEOUT }, () =>
    step("overlap", async () => {
      const pink = "Russia here has put forward a demand that the results of the 2008 Bucharest summit be canceled";
      const orange = "this is unacceptable for the North Atlantic Alliance, since here we are talking about legal fixation";
      const across = "Bucharest summit be canceled. In turn, this is unacceptable";
      const before = await highlightsInText();
      const pinkId = before.find((h) => h.text === pink)?.id;
      const orangeId = before.find((h) => h.text === orange)?.id;
      assert.ok(pinkId && orangeId, "the bundled highlights on both sentences are drawn");
      await select(across);
      await driver.actions().sendKeys("h").perform();
      const made = await driver.wait(async () => (await highlightsInText()).find((h) => h.text === across), WAIT, "the new highlight covers its words");
      const after = await highlightsInText();
      assert.equal(after.find((h) => h.id === pinkId)?.text, pink, "the one it overlaps keeps all its words");
      assert.equal(after.find((h) => h.id === orangeId)?.text, orange, "and so does the other");
      const nested = await driver.executeScript(
        `return [document.querySelector('[data-annotation="' + arguments[0] + '"] [data-annotation="' + arguments[1] + '"]')?.textContent ?? null,
                 document.querySelector('[data-annotation="' + arguments[1] + '"] [data-annotation="' + arguments[2] + '"]')?.textContent ?? null]`,
        pinkId,
        made.id,
        orangeId,
      );
      assert.deepEqual(nested, ["Bucharest summit be canceled", "this is unacceptable"], "the overlaps are drawn one inside the other");

      // A click where two highlights cover the words edits the inner one and offers the other.
      await driver.executeScript(`document.querySelector('[data-annotation="' + arguments[0] + '"] [data-annotation="' + arguments[1] + '"]').click()`, pinkId, made.id);
      const editor = await driver.wait(until.elementLocated(byTest("annotation-editor")), WAIT);
      assert.match(await textOf(editor), /Bucharest summit be canceled\. In turn/, "the editor is for the new highlight");
      await shot("overlap");
      const also = await editor.findElement(By.css(".also button"));
      assert.match(await textOf(also), /Russia here has put forward/, "the other highlight is offered");
      await also.click();
      await driver.wait(async () => /^“Russia here has put forward/.test(await textOf(await driver.findElement(By.css('[data-testid="annotation-editor"] .quote')))), WAIT, "and opens");
      await driver.findElement(By.css('[aria-label="Close the editor"]')).click();
    }));

  it("underlines mentions by kind and turns them off and on", { timeout: STEP_TIMEOUT }, () =>
    step("mentions-toggle", async () => {
      const count = () => driver.findElements(byTest("mention-in-text")).then((l) => l.length);
      const shown = await count();
      assert.ok(shown >= 10, `mentions are underlined (${shown})`);
      const kinds = await driver.executeScript(
        "return [...new Set([...document.querySelectorAll('[data-testid=mention-in-text]')].map((e) => [...e.classList].find((c) => c.startsWith('k-'))))]",
      );
      assert.ok(kinds.includes("k-person") && kinds.includes("k-organisation") && kinds.includes("k-place"), `coloured by kind: ${kinds}`);
      await driver.findElement(byTest("mentions-toggle")).click();
      await driver.wait(async () => (await count()) === 0, WAIT, "the toggle hides them");
      await driver.findElement(byTest("mentions-toggle")).click();
      await driver.wait(async () => (await count()) === shown, WAIT, "and shows them again");
      await driver.findElement(By.css('[data-mention="Alexei Makarkin"]')).click();
      const name = await driver.wait(until.elementLocated(byTest("entity-name")), WAIT);
      assert.equal(await name.getText(), "Alexei Makarkin", "a click on a mention opens its entity");
      await driver.findElement(By.css('[aria-label="Close the entity"]')).click();
    }));
});
