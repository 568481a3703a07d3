// End-to-end test of importing a web page in the real Dossier window: a
// local HTTP server started here serves a news page and a missing one; the
// "Import from URL…" dialog shows the 404 in itself and changes nothing,
// then imports the page, and the reader's header shows its author, outlet
// and date. A web address pasted into the window opens the dialog with it.
// Nothing is stubbed: the app fetches over HTTP from 127.0.0.1.

import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { until } from "selenium-webdriver";
import { WAIT, appBin, byTest, startApp, step, workspace } from "./harness.mjs";

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Harbour talks resume in Tallinn | The Baltic Courier</title>
<meta property="og:site_name" content="The Baltic Courier">
<meta property="article:published_time" content="2024-03-18T09:30:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Harbour talks resume in Tallinn","datePublished":"2024-03-18T09:30:00Z",
"author":{"@type":"Person","name":"Maret Kask"},"publisher":{"@type":"Organization","name":"The Baltic Courier"}}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Sign in</a></nav>
<article><h1>Harbour talks resume in Tallinn</h1><p class="byline">By Maret Kask</p>
<p>Negotiators from the port authority and the dockworkers' union met again on Monday in Tallinn, three weeks after talks broke down over night-shift pay.</p>
<p>The union's chair said the new offer was a serious one and that members would vote on it before the end of the month.</p>
<p>Shipping lines have warned that a second strike would send cargo to Riga and Helsinki, where handling fees are lower.</p>
</article><footer>All rights reserved.</footer></body></html>`;

let work;
let notebook;
let env;
let app;
let driver;
let server;
let base;

const run = (name, body) => step(() => driver, name, body);
const textOf = (css) => driver.executeScript(`return document.querySelector(arguments[0])?.textContent ?? ""`, css);
const sourceFiles = () => readdirSync(path.join(notebook, "sources")).filter((f) => f.endsWith(".md")).sort();

describe("Import from URL in the Dossier window", () => {
  before(async () => {
    assert.ok(existsSync(appBin), `no app binary at ${appBin}: run \`make app-build\` first`);
    server = http.createServer((req, res) => {
      if (req.url === "/news/harbour-talks") {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        res.end(PAGE);
      } else {
        res.writeHead(404, { "Content-Type": "text/html" });
        res.end("<p>Not here</p>");
      }
    });
    await new Promise((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${server.address().port}`;
    ({ work, notebook, env } = workspace("dossier-e2e-url-"));
    app = await startApp(env);
    driver = app.driver;
    await driver.wait(until.elementLocated(byTest("reader-title")), WAIT);
  });

  after(async () => {
    try {
      await app?.stop();
      server?.close();
    } finally {
      if (work) rmSync(work, { recursive: true, force: true });
    }
  });

  it("shows a failing address in the dialog and changes nothing", () =>
    run("url-404", async () => {
      const before = sourceFiles();
      await driver.findElement(byTest("import-url-button")).click();
      const field = await driver.wait(until.elementLocated(byTest("url-field")), WAIT);
      await field.sendKeys(`${base}/gone`);
      await driver.findElement(byTest("url-import")).click();
      const error = await driver.wait(until.elementLocated(byTest("url-error")), WAIT);
      const message = await error.getText();
      assert.match(message, /answered 404 Not Found/, `the reason is shown in the dialog (${message})`);
      assert.ok(message.includes(`${base}/gone`), `it names the address (${message})`);
      assert.deepEqual(sourceFiles(), before, "no source file was written");
      assert.ok(await driver.findElement(byTest("url-dialog")).isDisplayed(), "the dialog stays open");
    }));

  it("imports the page and the reader's header shows author, outlet and date", () =>
    run("url-import", async () => {
      const field = await driver.findElement(byTest("url-field"));
      await field.clear();
      await field.sendKeys(`${base}/news/harbour-talks`);
      await driver.findElement(byTest("url-import")).click();
      await driver.wait(async () => (await driver.findElements(byTest("url-dialog"))).length === 0, WAIT, "the dialog closes");
      await driver.wait(async () => (await textOf("[data-testid=reader-title]")).trim() === "Harbour talks resume in Tallinn", WAIT, "the page opens in the reader");
      const byline = await textOf(".reader .byline");
      for (const part of ["The Baltic Courier", "Maret Kask", "2024-03-18"]) {
        assert.ok(byline.includes(part), `the header shows ${part} (${byline})`);
      }
      assert.ok(!byline.includes("T09:30"), `the date reads as a day (${byline})`);
      const url = await textOf(".reader .url");
      assert.equal(url.trim(), `${base}/news/harbour-talks`, "the page's address is shown");
      const body = await textOf("[data-testid=reader]");
      assert.ok(body.includes("night-shift pay"), "the article's text is there");
      assert.ok(!body.includes("Sign in") && !body.includes("All rights reserved"), "the page's furniture is not");
      assert.ok(sourceFiles().includes("harbour-talks-resume-in-tallinn.md"), `the source file is written (${sourceFiles()})`);
      if (process.env.DOSSIER_E2E_SHOT) writeFileSync(process.env.DOSSIER_E2E_SHOT, await driver.takeScreenshot(), "base64");
    }));

  it("offers to import a web address pasted into the window", () =>
    run("url-paste", async () => {
      await driver.executeScript(`
        const data = new DataTransfer();
        data.setData("text/plain", arguments[0]);
        document.querySelector("[data-testid=reader]").dispatchEvent(
          new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));`, `  ${base}/news/other  `);
      const field = await driver.wait(until.elementLocated(byTest("url-field")), WAIT);
      assert.equal(await field.getAttribute("value"), `${base}/news/other`, "the dialog opens with the pasted address");
      // Unchanged page again: said so, nothing new.
      await field.clear();
      await field.sendKeys(`${base}/news/harbour-talks`);
      const before = sourceFiles();
      await driver.findElement(byTest("url-import")).click();
      await driver.wait(async () => (await driver.findElements(byTest("url-dialog"))).length === 0, WAIT, "the dialog closes");
      await driver.wait(async () => (await textOf("[data-testid=import-outcome]")).includes("Already imported, unchanged"), WAIT, "the outcome says it was unchanged");
      assert.deepEqual(sourceFiles(), before, "no second source");
    }));
});
