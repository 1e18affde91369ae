// The loss landscape and the parameter trajectories: both drawn by Rust from the steps recorded so far.

import { fmt } from "./teach-common.js";

export function renderTrajectories(demo) {
  const canvas = demo.el("trajectoriesCanvas");
  if (canvas.clientWidth) demo.view.drawTrajectories(canvas);
  const state = demo.view.state();
  canvas.setAttribute("aria-label", `Parameter trajectories up to step ${state.step}. Now, gradient descent: `
    + `means ${Array.from(state.direct.means, (v) => fmt(v, 2)).join(", ")}; EM: means `
    + `${Array.from(state.em.means, (v) => fmt(v, 2)).join(", ")}.`);
}

function fillLandscapeChoices(demo) {
  const names = Array.from(demo.view.landscapeParameters());
  const k = names.length / 3;
  for (const [id, fallback] of [["landscapeX", k], ["landscapeY", Math.min(k + 1, 3 * k - 1)]]) {
    const select = demo.el(id);
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

/** Milliseconds of landscape computing per animation frame: the page keeps drawing while it runs. */
const LANDSCAPE_MS_PER_FRAME = 8;

/**
 * Computes the landscape a few rows per frame (`LandscapeRun`), showing the progress, then draws it. A new
 * request, or a new demo (rebuilt data), replaces a run that has not finished.
 */
export function drawLandscape(demo) {
  const el = demo.el;
  fillLandscapeChoices(demo);
  const [x, y] = [Number(el("landscapeX").value), Number(el("landscapeY").value)];
  const out = el("landscapeStatus");
  demo.landscapeRun?.free();
  demo.landscapeRun = null;
  if (x === y) {
    out.textContent = "Choose two different parameters.";
    return;
  }
  const view = demo.view;
  const step = view.step;
  let run;
  try {
    run = view.landscapeRun(x, y, 60);
  } catch (error) {
    out.textContent = `The landscape cannot be drawn: ${error.message}.`;
    return;
  }
  demo.landscapeRun = run;
  demo.landscapeAt = step;
  const names = [el("landscapeX").selectedOptions[0].textContent, el("landscapeY").selectedOptions[0].textContent];
  const tick = () => {
    if (demo.landscapeRun !== run) return; // replaced (and freed) by a newer request
    if (demo.view !== view) {
      run.free();
      demo.landscapeRun = null;
      return;
    }
    const start = performance.now();
    let done = false;
    while (!done && performance.now() - start < LANDSCAPE_MS_PER_FRAME) done = run.advance(1);
    if (!done) {
      out.textContent = `Computing the landscape at step ${step}: ${Math.round(100 * run.progress)} %`;
      requestAnimationFrame(tick);
      return;
    }
    demo.landscapeRun = null;
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
