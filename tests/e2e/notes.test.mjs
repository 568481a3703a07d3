// End-to-end tests of writing notes in the real Dossier window: a note beside
// the article with a passage reference dragged in from a highlight, the
// preview the engine renders, autosave that survives closing and reopening
// the app, a file changed on disk reloaded in the editor, and an export of
// the whole notebook.
//
// The app runs on a temporary copy of the bundled notebook, with its own
// config and cache folders. DOSSIER_E2E_EXPORT stands in for the export
// folder dialog's answer only; granting, exporting and writing are real.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { By, Key, until } from "selenium-webdriver";
import { WAIT, appBin, byTest, startApp, step, workspace } from "./harness.mjs";

// Words in no bundled file, so only what this test writes can match them.
const TYPED = "Quillwort";
const ON_DISK = "Marmoset";
const ANNOTATION = "a-legal-fixation";
const REF = `![[russia-nato-talks#^${ANNOTATION}]]`;

let work;
let notebook;
let env;
let exportDir;
let app;
let driver;
let notePath; // relative to the notebook
let noteTitle;

const run = (name, body) => step(() => driver, name, body);

async function launch() {
  app = await startApp({ ...env, DOSSIER_E2E_EXPORT: exportDir });
  driver = app.driver;
  await driver.wait(until.elementLocated(byTest("reader-title")), WAIT);
}

// Text through textContent: WebKitWebDriver's own getText can stall on the
// note pane's elements (a CSS container), so these tests read the DOM.
const textOf = (css) => driver.executeScript(`return document.querySelector(arguments[0])?.textContent ?? ""`, css);

async function waitText(css, test, message) {
  await driver.wait(async () => test(await textOf(css)), WAIT, message);
}

const editorText = () =>
  driver.executeScript("return document.querySelector('[data-testid=note-editor] .cm-content')?.innerText ?? ''");

async function waitSaved() {
  await driver.wait(
    async () => (await driver.findElement(byTest("save-state")).getAttribute("data-state")) === "saved",
    WAIT,
    "the note is saved",
  );
}

describe("Writing notes in the Dossier window", () => {
  before(async () => {
    assert.ok(existsSync(appBin), `no app binary at ${appBin}: run \`make app-build\` first`);
    ({ work, notebook, env } = workspace("dossier-e2e-notes-"));
    exportDir = path.join(work, "export");
    await launch();
  });

  after(async () => {
    try {
      await app?.stop();
    } finally {
      if (work) rmSync(work, { recursive: true, force: true });
    }
  });

  it("writes a note beside the article, drags a highlight in, and previews the quote", () =>
    run("note-write", async () => {
      await driver.findElement(byTest("new-note-from-source")).click();
      const input = await driver.wait(until.elementLocated(byTest("name-input")), WAIT);
      const title = await input.getAttribute("value");
      assert.match(title, /^Notes on /, `the title is offered from the source (${title})`);
      await driver.findElement(byTest("name-confirm")).click();
      await driver.wait(until.elementLocated(byTest("note-editor")), WAIT);
      await waitText("[data-testid=note-editor] [data-testid=note-title]", (t) => t.trim() === title, "the new note opens in the editor");
      noteTitle = title;
      notePath = await driver.executeScript("return document.querySelector('[data-testid=note-editor] .path').textContent.trim()");
      assert.match(notePath, /\.md$/, `the note's file (${notePath})`);
      assert.match(await editorText(), /\[\[russia-nato-talks\|/, "the note starts with a link to its source");

      // CodeMirror styled itself through the CSP nonce (its <style> elements would be refused otherwise).
      const styled = await driver.executeScript(`
        const ed = document.querySelector('[data-testid=note-editor] .cm-editor');
        const sc = ed.querySelector('.cm-scroller');
        return { display: getComputedStyle(ed).display, lineHeight: getComputedStyle(sc).lineHeight,
                 height: ed.getBoundingClientRect().height };`);
      assert.equal(styled.display, "flex", "CodeMirror's own styles apply");
      assert.ok(styled.height > 200, `the editor fills its column (${styled.height}px)`);

      // Type at the end of the note.
      const content = await driver.findElement(By.css("[data-testid=note-editor] .cm-content"));
      await content.click();
      await content.sendKeys(Key.chord(Key.CONTROL, Key.END));
      await content.sendKeys(`${TYPED} is the word for this analysis.`, Key.ENTER, Key.ENTER);

      // Drag the highlight from the reader into the editor: the reader's
      // dragstart fills the drag data, CodeMirror's drop inserts it.
      const dropped = await driver.executeScript(
        `const hl = document.querySelector('[data-testid=passage] [data-annotation="${ANNOTATION}"]');
         if (!hl) return 'no highlight';
         const dt = new DataTransfer();
         hl.dispatchEvent(new DragEvent('dragstart', { bubbles: true, cancelable: true, dataTransfer: dt }));
         const content = document.querySelector('[data-testid=note-editor] .cm-content');
         const lines = content.querySelectorAll('.cm-line');
         const r = lines[lines.length - 1].getBoundingClientRect();
         const at = { bubbles: true, cancelable: true, dataTransfer: dt, clientX: r.left + 2, clientY: r.top + r.height / 2 };
         content.dispatchEvent(new DragEvent('dragover', at));
         content.dispatchEvent(new DragEvent('drop', at));
         return dt.getData('text/plain');`,
      );
      assert.equal(dropped, REF, "a dragged highlight carries its passage reference");
      await driver.wait(async () => (await editorText()).includes(REF), WAIT, "the reference is in the note");

      await waitText("[data-testid=note-preview] blockquote.passage", (t) => t.includes("legal fixation"), "the preview embeds the passage");
      await waitText("[data-testid=note-preview]", (t) => t.includes(TYPED), "the preview follows typing");

      await waitSaved();
      const onDisk = readFileSync(path.join(notebook, notePath), "utf8");
      assert.ok(onDisk.includes(TYPED) && onDisk.includes(REF), `autosaved to the file:\n${onDisk}`);

      // Saved means searchable.
      const search = await driver.findElement(byTest("search-input"));
      await search.click();
      await search.sendKeys(TYPED);
      await waitText('[data-testid="search-hit"][data-kind="note"]', (t) => new RegExp(TYPED, "i").test(t), "the saved note is found by search");
      await search.sendKeys(Key.ESCAPE);
    }));

  it("opens the passage from the preview's citation in the reader", () =>
    run("note-cite", async () => {
      await driver.findElement(By.css("[data-testid=note-preview] blockquote.passage cite a")).click();
      await driver.wait(
        until.elementLocated(By.css(`[data-testid=passage] [data-annotation="${ANNOTATION}"].active`)),
        WAIT,
        "the cited highlight is marked in the reader",
      );
      const stillOpen = await driver.findElements(byTest("note-editor"));
      assert.equal(stillOpen.length, 1, "the note stays open beside the source");
    }));

  it("offers to create what an unresolved link names", () =>
    run("note-unresolved", async () => {
      const content = await driver.findElement(By.css("[data-testid=note-editor] .cm-content"));
      await content.click();
      await content.sendKeys(Key.chord(Key.CONTROL, Key.END));
      await content.sendKeys(Key.ENTER, "See [[Zebra Council]].");
      const link = await driver.wait(
        until.elementLocated(By.css("[data-testid=note-preview] a.unresolved")),
        WAIT,
        "an unresolved link looks different",
      );
      await link.click();
      await driver.wait(until.elementLocated(byTest("create-offer")), WAIT);
      await driver.findElement(byTest("create-note")).click();
      await driver.wait(
        async () => {
          const names = await driver.executeScript(
            "return [...document.querySelectorAll('[data-testid=note-item]')].map(e => e.textContent.trim())",
          );
          return names.includes("Zebra Council");
        },
        WAIT,
        "the new note is listed",
      );
      await driver.wait(
        async () => (await driver.findElements(By.css("[data-testid=note-preview] a.unresolved"))).length === 0,
        WAIT,
        "and the link now resolves",
      );
      await waitSaved();
    }));

  it("keeps the note across closing and reopening the app", () =>
    run("note-reopen", async () => {
      await app.stop();
      driver = null;
      await launch();
      // The list fills after the window paints; on a loaded machine that
      // can be later than the first look, so wait for the note to appear.
      let found = null;
      await driver
        .wait(
          async () => {
            for (const i of await driver.findElements(byTest("note-item"))) {
              if ((await i.getAttribute("textContent")).trim() === noteTitle) found = i;
            }
            return found !== null;
          },
          WAIT,
        )
        .catch(() => {});
      assert.ok(found, `the note is listed after a restart (${noteTitle})`);
      await found.click();
      await driver.wait(async () => (await editorText()).includes(TYPED), WAIT, "with its text");
      assert.ok((await editorText()).includes(REF), "and its passage reference");
      await driver.wait(until.elementLocated(By.css("[data-testid=note-preview] blockquote.passage")), WAIT);
    }));

  it("reloads the note in the editor when another program changes the file", () =>
    run("note-reload", async () => {
      const file = path.join(notebook, notePath);
      const changed = readFileSync(file, "utf8") + `\nAdded by another program: ${ON_DISK}.\n`;
      const started = Date.now();
      writeFileSync(file, changed);
      await driver.wait(async () => (await editorText()).includes(ON_DISK), 10_000, "the editor shows the file's new text");
      const took = Date.now() - started;
      console.log(`an outside change reached the editor in ${took} ms`);
      await waitText("[data-testid=note-notice]", (t) => /changed outside Dossier/.test(t), "the user is told");
      await waitText("[data-testid=note-preview]", (t) => t.includes(ON_DISK), "and the preview too");
      assert.equal(readFileSync(file, "utf8"), changed, "reloading never writes the file");
    }));

  it("exports the whole notebook into the chosen folder and says what it wrote", () =>
    run("note-export", async () => {
      await driver.findElement(byTest("export-button")).click();
      await driver.wait(until.elementLocated(byTest("export-dialog")), WAIT);
      await driver.findElement(byTest("export-scope-all")).click();
      await driver.findElement(byTest("export-run")).click();
      await waitText("[data-testid=import-outcome]", (t) => /Exported to .*wrote \d+ files/.test(t), "the status says what was written");
      for (const f of ["index.md", "sources/russia-nato-talks.md", `notes/${notePath}`, "notes/Bucharest red line.md"]) {
        assert.ok(existsSync(path.join(exportDir, f)), `${f} was exported`);
      }
      const exported = readFileSync(path.join(exportDir, "notes", notePath), "utf8");
      assert.ok(exported.includes(TYPED), "the note's text is exported");
      assert.match(exported, /> .*legal fixation/, "its passage reference became the quoted passage");
      assert.ok(!exported.includes("![["), "no wiki embed is left in a plain Markdown export");
    }));
  it("shows backlinks under sources and entities, and links an unlinked mention in one click", () =>
    run("note-backlinks", async () => {
      await waitText(
        "[data-testid=reader] [data-testid=backlinks]",
        (t) => t.includes("The Bucharest red line"),
        "the note that links to the source is listed under it",
      );
      const entities = await driver.findElements(byTest("entity-item"));
      let makarkin = null;
      for (const e of entities) if ((await e.getAttribute("textContent")).includes("Alexei Makarkin")) makarkin = e;
      assert.ok(makarkin, "the bundled entity is listed");
      await makarkin.click();
      const pane = "[data-testid=entity-pane] [data-testid=backlinks]";
      await driver.wait(until.elementLocated(By.css(`${pane} [data-testid=unlinked-mention]`)), WAIT, "his unlinked mentions are listed");
      const count = async (what) => (await driver.findElements(By.css(`${pane} [data-testid=${what}]`))).length;
      const [linked, unlinked] = [await count("backlink"), await count("unlinked-mention")];
      await driver.findElement(By.css(`${pane} [data-testid=link-mention]`)).click();
      await driver.wait(async () => (await count("backlink")) === linked + 1, WAIT, "one more linked mention");
      assert.ok((await count("unlinked-mention")) < unlinked, "and one fewer unlinked");
      await driver.findElement(By.css('[aria-label="Close the entity"]')).click();
      await driver.wait(until.elementLocated(byTest("note-editor")), WAIT, "the note comes back beside the source");
    }));

  it("renames and deletes a note, showing the engine's refusal when a name is taken", () =>
    run("note-rename", async () => {
      await driver.findElement(byTest("note-rename")).click();
      const input = await driver.wait(until.elementLocated(byTest("name-input")), WAIT);
      await input.sendKeys(Key.chord(Key.CONTROL, "a"), Key.BACK_SPACE);
      await input.sendKeys("Bucharest red line");
      await driver.findElement(byTest("name-confirm")).click();
      await waitText("[data-testid=name-error]", (t) => /exists already/.test(t), "the refusal is shown");
      await input.sendKeys(Key.chord(Key.CONTROL, "a"), Key.BACK_SPACE);
      await input.sendKeys("Renamed by the test");
      await driver.findElement(byTest("name-confirm")).click();
      await waitText("[data-testid=note-editor] .path", (t) => t.trim() === "Renamed by the test.md", "the editor follows the rename");
      assert.ok(existsSync(path.join(notebook, "Renamed by the test.md")) && !existsSync(path.join(notebook, notePath)));

      await driver.findElement(byTest("note-delete")).click();
      await driver.wait(until.elementLocated(byTest("name-confirm")), WAIT);
      await driver.findElement(byTest("name-confirm")).click();
      await driver.wait(async () => (await driver.findElements(byTest("note-editor"))).length === 0, WAIT, "the note closes");
      await waitText("[data-testid=import-outcome]", (t) => /Deleted .*kept in/.test(t), "and the user is told where it went");
      assert.ok(!existsSync(path.join(notebook, "Renamed by the test.md")), "the file left the notebook (for its trash)");
    }));
});
