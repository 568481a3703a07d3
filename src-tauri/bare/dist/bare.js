// The bare window's first frame, reported as Dossier's UI reports its own
// (a frame after the content is in the page, then `report_first_paint`).
const start = performance.now();
requestAnimationFrame(() => {
  const frame = performance.now();
  setTimeout(() => {
    window.__TAURI_INTERNALS__
      .invoke("report_first_paint", {
        request: {
          marks: [
            { name: "script-start", ms: start },
            { name: "frame", ms: frame },
          ],
          nowMs: performance.now(),
        },
      })
      .catch(() => {});
  }, 0);
});
