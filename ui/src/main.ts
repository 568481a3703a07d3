// First: its evaluation marks the script's start.
import { mark } from "./lib/launch";
import { mount } from "svelte";
import "./app.css";
import App from "./App.svelte";

mark("modules-ready");

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");

const app = mount(App, { target });
mark("mounted");
export default app;
