// Starting and stopping the real app under WebDriver, for every e2e test
// file: tauri-driver (its own process group, so the driver, WebKitWebDriver
// and the app end together) in front of Debian's WebKitWebDriver. An app can
// be started again on the same notebook (close and reopen). Each test file
// works on its own temporary copy of the bundled notebook, with its own
// config, data and cache folders, so nothing touches the user's files.

import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Builder, By } from "selenium-webdriver";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "../..");
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(repo, process.env.CARGO_TARGET_DIR) : path.join(repo, "target");
export const appBin = process.env.DOSSIER_APP_BIN ?? path.join(targetDir, "debug", "dossier-app");
export const screenshots = path.join(here, "screenshots");
export const WAIT = 30_000;
const PORT = Number(process.env.TAURI_DRIVER_PORT ?? 4444);
const NATIVE_PORT = Number(process.env.TAURI_DRIVER_NATIVE_PORT ?? PORT + 1);

export const byTest = (id) => By.css(`[data-testid="${id}"]`);

/**
 * A temporary folder with a copy of the bundled notebook (its derived
 * `.dossier/` left out) and empty config, data and cache folders; `env` points
 * the app at them.
 */
export function workspace(prefix) {
  const work = mkdtempSync(path.join(os.tmpdir(), prefix));
  const notebook = path.join(work, "notes");
  cpSync(path.join(repo, "notes"), notebook, {
    recursive: true,
    filter: (src) => path.basename(src) !== ".dossier",
  });
  for (const d of ["config", "data", "cache"]) mkdirSync(path.join(work, d));
  const env = {
    DOSSIER_NOTEBOOK: notebook,
    XDG_CONFIG_HOME: path.join(work, "config"),
    XDG_DATA_HOME: path.join(work, "data"),
    XDG_CACHE_HOME: path.join(work, "cache"),
  };
  return { work, notebook, env };
}

function waitForPort(port, timeoutMs, log) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.end();
        resolve();
      });
      socket.once("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`tauri-driver did not listen on ${port}:\n${log()}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

function portFree(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.end();
      resolve(false);
    });
    socket.once("error", () => {
      socket.destroy();
      resolve(true);
    });
  });
}

/** Starts the app with `env` added; returns { driver, stop }. */
export async function startApp(env) {
  // A driver just ended may still hold the port for a moment.
  for (let i = 0; i < 50 && !(await portFree(PORT)); i++) await new Promise((r) => setTimeout(r, 100));
  let log = "";
  const tauriDriver = spawn("tauri-driver", ["--port", String(PORT), "--native-port", String(NATIVE_PORT)], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NO_AT_BRIDGE: "1", ...env },
  });
  const keep = (chunk) => {
    log += chunk;
    if (log.length > 20_000) log = log.slice(-20_000);
  };
  tauriDriver.stdout.on("data", keep);
  tauriDriver.stderr.on("data", keep);
  const stop = async (driver) => {
    try {
      await Promise.race([driver?.quit(), new Promise((r) => setTimeout(r, 10_000))]);
    } catch {
      // the session may be gone already
    } finally {
      try {
        process.kill(-tauriDriver.pid, "SIGKILL");
      } catch {
        // the group has already ended
      }
      tauriDriver.stdout?.destroy();
      tauriDriver.stderr?.destroy();
      tauriDriver.unref();
    }
  };
  try {
    await waitForPort(PORT, 20_000, () => log);
    const driver = await new Builder()
      .usingServer(`http://127.0.0.1:${PORT}/`)
      .withCapabilities({ browserName: "wry", "tauri:options": { application: appBin } })
      .build();
    await driver.manage().setTimeouts({ script: WAIT });
    return { driver, stop: () => stop(driver), log: () => log };
  } catch (e) {
    await stop(null);
    throw e;
  }
}

/**
 * Runs a test body; on failure saves a screenshot named after the test (with
 * `prefix` before the name) and, with DOSSIER_E2E_VERBOSE set, prints what
 * the driver said.
 */
export async function step(getDriver, name, body, { prefix = "", log = null } = {}) {
  try {
    await body();
  } catch (e) {
    const driver = getDriver();
    if (driver) {
      try {
        mkdirSync(screenshots, { recursive: true });
        const file = path.join(screenshots, `${prefix}${name.replace(/[^\w-]+/g, "_")}.png`);
        writeFileSync(file, await driver.takeScreenshot(), "base64");
        console.error(`screenshot of the failure: ${path.relative(repo, file)}`);
      } catch (shotError) {
        console.error(`could not take a screenshot: ${shotError}`);
      }
    }
    if (process.env.DOSSIER_E2E_VERBOSE && log) console.error(log());
    throw e;
  }
}
