// The restarts experiment: R runs to the end in their own worker (or in slices on this thread), a strip
// plot of the final losses, and a table from which any restart is replayed in the main plots.

import { RestartsRun } from "../pkg/gmm_two_ways.js";
import { RestartsLoop } from "./restarts-loop.js";
import { fmt, row } from "./teach-common.js";

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
export function renderRestarts(demo) {
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

export function runRestarts(demo) {
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
  // Reports of an older run are dropped; a worker that failed to start reports without a generation.
  if (msg.generation !== undefined && msg.generation !== demo.restartsGeneration) return;
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

export function cancelRestarts(demo) {
  demo.restarts?.send({ type: "cancel" });
  demo.restartsGeneration += 1;
  demo.el("restartsRun").disabled = false;
  demo.el("restartsCancel").disabled = true;
  const n = demo.restartsState.outcomes.length / 8;
  demo.el("restartsStatus").textContent = `Stopped after ${n} restart${n === 1 ? "" : "s"}.`;
}

/** After a change of colour theme: the sections drawn outside the main loop. */
