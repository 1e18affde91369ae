// The loss landscape: the mean NLL over two chosen parameters with both methods' paths, planned and drawn
// by Rust on the page (`LandscapeRun`) and computed in the teaching worker (`TeachingRun.landscape`).

import { fmt } from "../lib/format.js";

/** The lattice is GRID x GRID cells. */
const GRID = 60;

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
   * Plans the landscape, has the worker compute it, then draws it. A new request, or a new demo (rebuilt
   * data), replaces a run that has not finished.
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
      run = view.landscapeRun(x, y, GRID);
    } catch (error) {
      out.textContent = `The landscape cannot be drawn: ${error.message}.`;
      return;
    }
    running = run;
    drawnAt = step;
    const names = [el("landscapeX").selectedOptions[0].textContent, el("landscapeY").selectedOptions[0].textContent];
    out.textContent = `Computing the landscape at step ${step}…`;
    // The grid's values come from the teaching worker (the same job, on the same data and ranges): at
    // N = 1,000,000 it is over a second of work, which the page does not wait for.
    const ask = { kind: "landscape", params: run.params, x, y, ranges: run.ranges, grid: GRID };
    ctx.numbers.ask("landscape", ask, (values, error) => {
      if (running !== run) return; // replaced (and freed) by a newer request
      running = null;
      try {
        if (error) throw new Error(error);
        if (ctx.view() !== view) return;
        run.setValues(values);
        const canvas = el("landscapeCanvas");
        const r = run.draw(canvas);
        const sub = r.pointsUsed < r.dataPoints
          ? ` on every ${Math.ceil(r.dataPoints / r.pointsUsed)}th point (${r.pointsUsed.toLocaleString("en")} of ${r.dataPoints.toLocaleString("en")})`
          : "";
        out.textContent = `Drawn at step ${step}${sub}: loss from ${fmt(r.lowest, 3)} to ${fmt(r.highest, 3)} `
          + "on this slice. Press Draw again after more steps.";
        canvas.setAttribute("aria-label", `Loss landscape over ${names[0]} and ${names[1]}: `
          + `from ${fmt(r.lowest, 3)} to ${fmt(r.highest, 3)}.`);
      } catch (e) {
        out.textContent = `The landscape cannot be drawn: ${e.message}.`;
      } finally {
        run.free();
      }
    });
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
