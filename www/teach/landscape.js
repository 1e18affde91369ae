// The loss landscape: the mean NLL over two chosen parameters, computed by Rust a few rows per animation
// frame (`LandscapeRun`), with both methods' paths.

import { fmt } from "../lib/format.js";

/** Milliseconds of landscape computing per animation frame: the page keeps drawing while it runs. */
const LANDSCAPE_MS_PER_FRAME = 8;

function fillChoices(ctx) {
  const names = Array.from(ctx.view().landscapeParameters());
  const k = names.length / 3;
  for (const [id, fallback] of [["landscapeX", k], ["landscapeY", Math.min(k + 1, 3 * k - 1)]]) {
    const select = ctx.el(id);
    const keep = select.value;
    select.replaceChildren(...names.map((name, i) => {
      const option = document.createElement("option");
      option.value = String(i);
      option.textContent = name;
      return option;
    }));
    select.value = keep !== "" && Number(keep) < names.length ? keep : String(fallback);
  }
}

/** The section: `ctx` as in teaching.js. */
export function createLandscapeSection(ctx) {
  const { el } = ctx;
  let running = null; // the LandscapeRun being computed
  let drawnAt = null; // the step it was last drawn at

  /**
   * Computes the landscape a few rows per frame, showing the progress, then draws it. A new request, or a
   * new demo (rebuilt data), replaces a run that has not finished.
   */
  function draw() {
    fillChoices(ctx);
    const [x, y] = [Number(el("landscapeX").value), Number(el("landscapeY").value)];
    const out = el("landscapeStatus");
    running?.free();
    running = null;
    if (x === y) {
      out.textContent = "Choose two different parameters.";
      return;
    }
    const view = ctx.view();
    const step = view.step;
    let run;
    try {
      run = view.landscapeRun(x, y, 60);
    } catch (error) {
      out.textContent = `The landscape cannot be drawn: ${error.message}.`;
      return;
    }
    running = run;
    drawnAt = step;
    const names = [el("landscapeX").selectedOptions[0].textContent, el("landscapeY").selectedOptions[0].textContent];
    const tick = () => {
      if (running !== run) return; // replaced (and freed) by a newer request
      if (ctx.view() !== view) {
        run.free();
        running = null;
        return;
      }
      const start = performance.now();
      let done = false;
      // Cell by cell: at N = 1,000,000 one row is already longer than a frame.
      while (!done && performance.now() - start < LANDSCAPE_MS_PER_FRAME) done = run.advanceCells(1);
      if (!done) {
        out.textContent = `Computing the landscape at step ${step}: ${Math.round(100 * run.progress)} %`;
        requestAnimationFrame(tick);
        return;
      }
      running = null;
      try {
        const canvas = el("landscapeCanvas");
        const r = run.draw(canvas);
        const sub = r.pointsUsed < r.dataPoints
          ? ` on every ${Math.ceil(r.dataPoints / r.pointsUsed)}th point (${r.pointsUsed.toLocaleString("en")} of ${r.dataPoints.toLocaleString("en")})`
          : "";
        out.textContent = `Drawn at step ${step}${sub}: loss from ${fmt(r.lowest, 3)} to ${fmt(r.highest, 3)} `
          + "on this slice. Press Draw again after more steps.";
        canvas.setAttribute("aria-label", `Loss landscape over ${names[0]} and ${names[1]}: `
          + `from ${fmt(r.lowest, 3)} to ${fmt(r.highest, 3)}.`);
      } catch (error) {
        out.textContent = `The landscape cannot be drawn: ${error.message}.`;
      } finally {
        run.free();
      }
    };
    tick();
  }

  const open = () => ctx.panel("landscape").open;
  ctx.panel("landscape").addEventListener("toggle", () => {
    if (open() && drawnAt !== ctx.view().step) draw();
  });
  el("landscapeDraw").addEventListener("click", draw);
  return {
    render() {},
    retheme() {
      if (open()) draw();
    },
    destroy() {
      running?.free();
      running = null;
    },
  };
}
