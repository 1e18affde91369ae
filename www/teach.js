// The teaching sections: the math beside live numbers and the component inspector here; EM step by step
// (teach-steps.js), restarts (teach-restarts.js), trajectories and the landscape (teach-landscape.js).
// Numbers and charts come from Rust (src/wasm_teach.rs); these files wire buttons and fill tables.

import { drawLandscape, renderTrajectories } from "./teach-landscape.js";
import { cancelRestarts, renderRestarts, runRestarts } from "./teach-restarts.js";
import { nextHalfStep, showStepThrough, startStepThrough } from "./teach-steps.js";
import { fmt, row } from "./teach-common.js";

const NAMES = { initial: "the shared start", direct: "gradient descent now", em: "EM now" };
/** While running, the open sections are refreshed at most this often (they cost a pass over the data). */
const REFRESH_MS = 400;

/** A log-likelihood as a student should read it: −∞ and NaN spelled out, never "NaN" unexplained. */
function logLik(value) {
  if (Number.isNaN(value)) return "NaN (0 × ∞)";
  if (value === -Infinity) return "−∞";
  if (value === Infinity) return "+∞";
  return fmt(value, 2);
}

function renderMath(demo) {
  const el = demo.el;
  const rows = demo.view.underflow();
  el("underflowBody").replaceChildren(...rows.map((r) => row([
    NAMES[r.name],
    `${r.naiveZero.toLocaleString("en")} of ${r.points.toLocaleString("en")}`
      + (r.naiveNotFinite ? ` (+${r.naiveNotFinite} overflow or NaN)` : ""),
    logLik(r.naiveLogLikelihood),
    logLik(r.lseLogLikelihood),
  ])));
  const start = rows[0];
  const worst = start.worst;
  el("underflowNote").textContent = worst
    ? `At the shared start, the hardest point is x = ${fmt(worst.x, 3)}: its density computed naively is `
      + `${worst.naiveDensity === 0 ? "exactly 0" : worst.naiveDensity.toExponential(3)}, while log-sum-exp gives `
      + `log p(x) = ${fmt(worst.lseLogDensity, 2)}.`
    : "";
  renderInspector(demo);
}

function fillComponentChoices(demo) {
  const select = demo.el("inspectComponent");
  const k = demo.view.state().k;
  if (select.options.length === k) return;
  const keep = Math.min(Number(select.value) || 0, k - 1);
  select.replaceChildren(...Array.from({ length: k }, (_, i) => {
    const option = document.createElement("option");
    option.value = String(i);
    option.textContent = `component ${i + 1}`;
    return option;
  }));
  select.value = String(keep);
}

function renderInspector(demo) {
  const el = demo.el;
  fillComponentChoices(demo);
  const method = el("inspectMethod").value;
  const c = demo.view.inspectComponent(method, Number(el("inspectComponent").value));
  const wm = c.weightedMean;
  const wv = c.weightedVariance;
  el("inspectBody").replaceChildren(
    row(["weight w", fmt(c.weight, 4), "softmax of the logits"]),
    row(["mean μ", fmt(c.mean, 4), "where its bump sits"]),
    row(["σ", fmt(c.sigma, 4), "e^s"]),
    row(["∂L/∂a", fmt(c.gradLogit, 6), c.gradLogit > 0 ? "gradient descent lowers this weight" : "gradient descent raises this weight"]),
    row(["∂L/∂μ", fmt(c.gradMean, 6), c.gradMean > 0 ? "the mean is pushed left" : "the mean is pushed right"]),
    row(["∂L/∂s", fmt(c.gradLogSigma, 6), c.gradLogSigma > 0 ? "σ is pushed smaller" : "σ is pushed larger"]),
    row(["Nₖ = Σᵢ rᵢₖ", fmt(c.nK, 2), `points it explains; EM's next weight would be Nₖ/N = ${fmt(c.nK / demo.view.state().n, 4)}`]),
    row(["weighted mean", wm === null ? "–" : fmt(wm, 4), "EM's next mean"]),
    row(["weighted variance", wv === null ? "–" : fmt(wv, 5), `EM's next σ² (before the floor); σ would be ${wv === null ? "–" : fmt(Math.sqrt(wv), 4)}`]),
  );
}

/** Called after each draw of the main charts: refreshes the open sections (throttled while running). */export function renderTeaching(demo, force = false) {
  const now = performance.now();
  if (!force && demo.playing && now - (demo.lastTeachRefresh ?? 0) < REFRESH_MS) return;
  demo.lastTeachRefresh = now;
  if (demo.panel("math").open) renderMath(demo);
  if (demo.panel("trajectories").open) renderTrajectories(demo);
  if (demo.panel("em-steps").open && demo.stepThroughView !== demo.view) startStepThrough(demo, "start");
}

export function retheme(demo) {
  demo.stepThrough?.setTheme(demo.theme());
  if (demo.panel("em-steps").open && demo.stepThrough) showStepThrough(demo, 1);
  if (demo.panel("restarts").open) renderRestarts(demo);
  if (demo.panel("landscape").open) drawLandscape(demo);
  renderTeaching(demo, true);
}

export function wireTeaching(demo) {
  const el = demo.el;
  demo.panel("trajectories").addEventListener("toggle", () => renderTeaching(demo, true));
  demo.panel("em-steps").addEventListener("toggle", () => {
    if (demo.panel("em-steps").open) {
      if (demo.stepThroughView !== demo.view) startStepThrough(demo, "start");
      else showStepThrough(demo, 1);
    }
  });
  el("emStepNext").addEventListener("click", () => nextHalfStep(demo));
  el("emStepFromRun").addEventListener("click", () => startStepThrough(demo, "run"));
  el("emStepFromStart").addEventListener("click", () => startStepThrough(demo, "start"));
  demo.panel("landscape").addEventListener("toggle", () => {
    if (demo.panel("landscape").open && demo.landscapeAt !== demo.view.step) drawLandscape(demo);
  });
  el("landscapeDraw").addEventListener("click", () => drawLandscape(demo));
  el("restartsRun").addEventListener("click", () => runRestarts(demo));
  el("restartsCancel").addEventListener("click", () => cancelRestarts(demo));
  demo.panel("restarts").addEventListener("toggle", () => renderRestarts(demo));
  demo.panel("math").addEventListener("toggle", () => renderTeaching(demo, true));
  el("inspectMethod").addEventListener("change", () => renderInspector(demo));
  el("inspectComponent").addEventListener("change", () => renderInspector(demo));
}
