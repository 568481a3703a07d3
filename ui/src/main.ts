// First: its evaluation marks the script's start.
import { mark } from "./lib/launch";
import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";
import { call } from "./lib/api";
import type { Startup } from "./lib/bindings";

mark("modules-ready");

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

// The notebook is asked for before the window is built, and the window is
// built once it is there (the shell opened it while the page loaded), so
// that the first frame already shows it: one render, one layout. A notebook
// slow to open does not hold the window back: after a short wait the window
// is built as it is ("Opening the notebook…") and shows it when it comes.
const startup: Promise<Startup> = call("startup");
const FIRST_FRAME_WAIT_MS = 150;
let ready: Startup | null = null;
startup.then(
  (s) => (ready = s),
  () => {},
);

function build() {
  mark(ready ? "startup-before-mount" : "mount-without-startup");
  mount(App, { target: target!, props: { startup, ready } });
  mark("mounted");
}

void Promise.race([
  startup.catch(() => null),
  new Promise((resolve) => setTimeout(resolve, FIRST_FRAME_WAIT_MS)),
]).then(build);
