// The teaching sections' behaviour: live numbers beside the formulas, the component inspector, EM one
// half-step at a time, restarts (in their own worker), trajectories and the loss landscape.
// Numbers and charts come from Rust (src/wasm_teach.rs); this file wires buttons and fills tables.

import { RestartsRun } from "../pkg/gmm_two_ways.js";
import { fmt } from "./readouts.js";
import { RestartsLoop } from "./restarts-loop.js";

const NAMES = { initial: "the shared start", direct: "gradient descent now", em: "EM now" };
/** While running, the open sections are refreshed at most this often (they cost a pass over the data). */
const REFRESH_MS = 400;

function row(cells, header = true) {
  const tr = document.createElement("tr");
  cells.forEach((text, i) => {
    const cell = document.createElement(i === 0 && header ? "th" : "td");
    if (i === 0 && header) cell.scope = "row";
    cell.textContent = text;
    tr.append(cell);
  });
  return tr;
}

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

/** Called after each draw of the main charts: refreshes the open sections (throttled while running). */
export function renderTeaching(demo, force = false) {
  const now = performance.now();
  if (!force && demo.playing && now - (demo.lastTeachRefresh ?? 0) < REFRESH_MS) return;
  demo.lastTeachRefresh = now;
  if (demo.panel("math").open) renderMath(demo);
  if (demo.panel("trajectories").open) renderTrajectories(demo);
  if (demo.panel("em-steps").open && demo.stepThroughView !== demo.view) startStepThrough(demo, "start");
}

function renderTrajectories(demo) {
  const canvas = demo.el("trajectoriesCanvas");
  if (canvas.clientWidth) demo.view.drawTrajectories(canvas);
  const state = demo.view.state();
  canvas.setAttribute("aria-label", `Parameter trajectories up to step ${state.step}. Now, gradient descent: `
    + `means ${Array.from(state.direct.means, (v) => fmt(v, 2)).join(", ")}; EM: means `
    + `${Array.from(state.em.means, (v) => fmt(v, 2)).join(", ")}.`);
}

// ---- EM one half-step at a time

const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
const M_STEP_ANIMATION_MS = 700;

function startStepThrough(demo, from) {
  demo.stepThrough?.free();
  demo.stepThrough = demo.view.emStepThrough(from);
  demo.stepThrough.setTheme(demo.theme());
  demo.stepThroughView = demo.view;
  demo.el("emStepText").textContent = from === "start"
    ? "The run's shared initial parameters. Click to see which component explains each bar."
    : "EM's current parameters in the run. Click to see which component explains each bar.";
  showStepThrough(demo, 1);
}

function showStepThrough(demo, t) {
  const st = demo.stepThrough;
  const canvas = demo.el("emStepCanvas");
  if (canvas.clientWidth) st.draw(canvas, t);
  demo.el("emStepNext").textContent = st.phase === "e" ? "Show the M-step" : "Show the E-step";
  const lls = Array.from(st.logLikelihoods());
  demo.el("emStepBody").replaceChildren(...lls.map((ll, i) => row([
    String(i), fmt(ll, 3), i === 0 ? "start" : `${ll - lls[i - 1] >= 0 ? "+" : ""}${fmt(ll - lls[i - 1], 4)}`
      + (ll < lls[i - 1] - 1e-9 * Math.abs(ll) ? " (a decrease: please report)" : ""),
  ])));
  canvas.setAttribute("aria-label", `EM step-through, iteration ${st.iteration}, showing the `
    + `${{ start: "parameters", e: "E-step", m: "M-step" }[st.phase]}.`);
}

function nextHalfStep(demo) {
  const st = demo.stepThrough;
  try {
    st.next();
  } catch (error) {
    demo.el("emStepText").textContent = `This step cannot be shown: ${error.message}.`;
    return;
  }
  const text = demo.el("emStepText");
  if (st.phase === "e") {
    const e = st.eStatistics();
    text.textContent = `E-step of iteration ${st.iteration + 1}: each bar is split by the share of its points each `
      + `component explains. Points explained, Nₖ: ${Array.from(e.nK, (v) => fmt(v, 1)).join(", ")}. Next, each `
      + `component moves to the weighted mean (${Array.from(e.weightedMeans, (v) => fmt(v, 2)).join(", ")}) and `
      + "spread of its share.";
    showStepThrough(demo, 1);
    return;
  }
  const lls = st.logLikelihoods();
  const [before, after] = [lls[lls.length - 2], lls[lls.length - 1]];
  text.textContent = `M-step of iteration ${st.iteration}: Σ log p(xᵢ) went from ${fmt(before, 3)} to `
    + `${fmt(after, 3)} (${after >= before ? "up" : "down"} by ${fmt(Math.abs(after - before), 4)}). `
    + "An EM iteration never lowers the log-likelihood: the M-step maximises a lower bound that touches it at "
    + "the old parameters.";
  if (reducedMotion.matches) {
    showStepThrough(demo, 1);
    return;
  }
  const start = performance.now();
  const animate = () => {
    if (demo.stepThrough !== st) return;
    const t = Math.min(1, (performance.now() - start) / M_STEP_ANIMATION_MS);
    showStepThrough(demo, t);
    if (t < 1) requestAnimationFrame(animate);
  };
  requestAnimationFrame(animate);
}

// ---- the loss landscape

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

function drawLandscape(demo) {
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
function restartsEngine(demo, onMessage) {
  const inPage = () => {
    const loop = new RestartsLoop(RestartsRun, (msg) => setTimeout(() => onMessage(msg), 0));
    return { send: (msg) => loop.handle(msg), close: () => loop.stop() };
  };
  if (typeof Worker !== "function") return inPage();
  try {
    const worker = new Worker(new URL("./restarts-worker.js", import.meta.url), { type: "module" });
    let last = null;
    const engine = {
      send(msg) {
        if (msg.type === "start") last = msg;
        worker.postMessage(msg);
      },
      close: () => worker.terminate(),
    };
    worker.onmessage = (event) => onMessage(event.data);
    worker.onerror = (event) => {
      // A worker that cannot load (e.g. a page opened from a file) falls back to this thread.
      event.preventDefault();
      worker.terminate();
      Object.assign(engine, inPage());
      if (last) engine.send(last);
    };
    worker.postMessage({ type: "init", module: demo.wasmModule });
    return engine;
  } catch {
    return inPage();
  }
}

const STATUS_WORDS = ["running", "converged", "step limit", "diverged"];

function restartCell(loss, status) {
  return `${fmt(loss, 4)} (${STATUS_WORDS[status] ?? "?"})`;
}

/** Shows the restarts' outcomes: the chart, and a table with a Replay button per restart. */
function renderRestarts(demo) {
  const state = demo.restartsState;
  if (!state) return;
  const { outcomes, highlight } = state;
  const canvas = demo.el("restartsCanvas");
  if (canvas.clientWidth) demo.view.drawRestarts(canvas, outcomes, highlight ?? -1);
  const rows = [];
  for (let i = 0; i < outcomes.length; i += 8) {
    const [index, seed, dLoss, dStatus, , eLoss, eStatus] = outcomes.slice(i, i + 8);
    const tr = row([String(index + 1), String(seed), restartCell(dLoss, dStatus), restartCell(eLoss, eStatus)]);
    const td = document.createElement("td");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Replay";
    button.setAttribute("aria-label", `Replay restart ${index + 1} (init seed ${seed})`);
    button.addEventListener("click", () => replayRestart(demo, index, seed));
    td.append(button);
    tr.append(td);
    rows.push(tr);
  }
  demo.el("restartsBody").replaceChildren(...rows);
  const direct = [];
  const em = [];
  for (let i = 0; i < outcomes.length; i += 8) {
    direct.push(outcomes[i + 2]);
    em.push(outcomes[i + 5]);
  }
  canvas.setAttribute("aria-label", `Final losses of ${direct.length} restarts. Gradient descent: `
    + `${direct.map((v) => fmt(v, 3)).join(", ")}. EM: ${em.map((v) => fmt(v, 3)).join(", ")}.`);
}

/** Rebuilds the main run from restart `index`'s start, so it can be watched step by step. */
function replayRestart(demo, index, seed) {
  const state = demo.restartsState;
  demo.el("init").value = state.init;
  demo.el("initSeed").value = String(seed);
  state.highlight = index;
  if (demo.rebuild()) {
    demo.el("restartsStatus").textContent = `Restart ${index + 1} is loaded above (init seed ${seed}): press Play.`;
  }
  renderRestarts(demo);
}

function runRestarts(demo) {
  const el = demo.el;
  const count = Number(el("restartsCount").value);
  const out = el("restartsStatus");
  if (!Number.isInteger(count) || count < 1 || count > 50) {
    el("restartsCount").setAttribute("aria-invalid", "true");
    out.textContent = `Restarts R = ${el("restartsCount").value || "(empty)"} is not allowed: R must be a whole number from 1 to 50.`;
    return;
  }
  el("restartsCount").removeAttribute("aria-invalid");
  let options;
  try {
    options = demo.formOptions();
  } catch (error) {
    out.textContent = `The settings above are not valid: ${error.message}.`;
    return;
  }
  demo.restarts ??= restartsEngine(demo, (msg) => onRestartsMessage(demo, msg));
  demo.restartsGeneration = (demo.restartsGeneration ?? 0) + 1;
  const init = el("restartsInit").value;
  demo.restartsState = { outcomes: new Float64Array(0), highlight: null, init };
  demo.restarts.send({ type: "start", generation: demo.restartsGeneration, options, init,
    baseSeed: options.initSeed, restarts: count });
  el("restartsRun").disabled = true;
  el("restartsCancel").disabled = false;
  el("restartsProgress").value = 0;
  out.textContent = `Running ${count} restarts…`;
  renderRestarts(demo);
}

function onRestartsMessage(demo, msg) {
  if (msg.generation !== demo.restartsGeneration) return;
  const el = demo.el;
  const done = () => {
    el("restartsRun").disabled = false;
    el("restartsCancel").disabled = true;
  };
  if (msg.type === "error") {
    done();
    el("restartsStatus").textContent = `The restarts stopped: ${msg.message}.`;
    return;
  }
  const p = msg.progress;
  demo.restartsState.outcomes = msg.outcomes;
  el("restartsProgress").value = p.fraction;
  el("restartsStatus").textContent = p.finished
    ? `All ${p.restarts} restarts done.`
    : `${p.done} of ${p.restarts} restarts done (restart ${p.done + 1}: step ${p.currentStep} of at most ${p.maxSteps}).`;
  if (p.finished) done();
  renderRestarts(demo);
}

function cancelRestarts(demo) {
  demo.restarts?.send({ type: "cancel" });
  demo.restartsGeneration += 1;
  demo.el("restartsRun").disabled = false;
  demo.el("restartsCancel").disabled = true;
  const n = demo.restartsState.outcomes.length / 8;
  demo.el("restartsStatus").textContent = `Stopped after ${n} restart${n === 1 ? "" : "s"}.`;
}

/** After a change of colour theme: the sections drawn outside the main loop. */
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
