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

export function drawLandscape(demo) {
  const el = demo.el;
  fillLandscapeChoices(demo);
  const [x, y] = [Number(el("landscapeX").value), Number(el("landscapeY").value)];
  const out = el("landscapeStatus");
  if (x === y) {
    out.textContent = "Choose two different parameters.";
    return;
  }
  const canvas = el("landscapeCanvas");
  try {
    const r = demo.view.drawLandscape(canvas, x, y, 60);
    demo.landscapeAt = demo.view.step;
    const sub = r.pointsUsed < r.dataPoints
      ? ` on every ${Math.ceil(r.dataPoints / r.pointsUsed)}th point (${r.pointsUsed.toLocaleString("en")} of ${r.dataPoints.toLocaleString("en")})`
      : "";
    out.textContent = `Drawn at step ${demo.view.step}${sub}: loss from ${fmt(r.lowest, 3)} to ${fmt(r.highest, 3)} `
      + "on this slice. Press Draw again after more steps.";
    canvas.setAttribute("aria-label", `Loss landscape over ${el("landscapeX").selectedOptions[0].textContent} and `
      + `${el("landscapeY").selectedOptions[0].textContent}: from ${fmt(r.lowest, 3)} to ${fmt(r.highest, 3)}.`);
  } catch (error) {
    out.textContent = `The landscape cannot be drawn: ${error.message}.`;
  }
}

/** A restarts runner: a worker when possible, else slices on this thread. */
