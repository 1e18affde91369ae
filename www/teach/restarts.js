// The restarts experiment: R runs to the end in their own engine (a worker, or slices on this thread), a
// strip plot of the final losses, and a table from which any restart is replayed in the main plots.

import { createEngine } from "../engine/engine.js";
import { row } from "../lib/dom.js";
import { fmt } from "../lib/format.js";

const STATUS_WORDS = { running: "running", converged: "converged", "step-limit": "step limit", diverged: "diverged" };

function restartCell(method) {
  return `${fmt(method.loss, 4)} (${STATUS_WORDS[method.status] ?? "?"})`;
}

/** The section: `ctx` as in teaching.js. */
export function createRestartsSection(ctx) {
  const { el } = ctx;
  let engine = null;
  let seq = 0; // restart runs started: reports of an older one are dropped
  let state = null; // { outcomes, highlight, init } of the latest run

  /** Shows the restarts' outcomes: the chart, and a table with a Replay button per restart. */
  function render() {
    if (!state) return;
    const { outcomes, highlight } = state;
    const canvas = el("restartsCanvas");
    if (canvas.clientWidth) ctx.view().drawRestarts(canvas, outcomes, highlight ?? -1);
    el("restartsBody").replaceChildren(...outcomes.map(({ index, initSeed, direct, em }) => {
      const tr = row([String(index + 1), String(initSeed), restartCell(direct), restartCell(em)]);
      const td = document.createElement("td");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = "Replay";
      button.setAttribute("aria-label", `Replay restart ${index + 1} (init seed ${initSeed})`);
      button.addEventListener("click", () => replay(index, initSeed));
      td.append(button);
      tr.append(td);
      return tr;
    }));
    const names = ctx.view().state();
    canvas.setAttribute("aria-label", `Final losses of ${outcomes.length} restarts. ${names.direct.method}: `
      + `${outcomes.map((o) => fmt(o.direct.loss, 3)).join(", ")}. ${names.em.method}: `
      + `${outcomes.map((o) => fmt(o.em.loss, 3)).join(", ")}.`);
  }

  /** Rebuilds the main run from restart `index`'s start, so it can be watched step by step. */
  function replay(index, initSeed) {
    state.highlight = index;
    if (ctx.loadStart({ init: state.init, initSeed })) {
      el("restartsStatus").textContent = `Restart ${index + 1} is loaded above (init seed ${initSeed}): press Play.`;
    }
    render();
  }

  /** How long the experiment may take, from this run's measured cost per step (in Rust). */
  function estimate() {
    const count = Number(el("restartsCount").value);
    if (!Number.isInteger(count) || count < 1 || count > 50) return null;
    const e = ctx.view().restartsEstimate(count);
    el("restartsEstimate").textContent = e.sentence;
    return e;
  }

  const done = () => {
    el("restartsRun").disabled = false;
    el("restartsCancel").disabled = true;
  };

  function onMessage(msg) {
    // Reports of an older run are dropped; a worker that failed to start reports seq -1.
    if (msg.seq !== -1 && msg.seq !== seq) return;
    if (msg.type === "error") {
      done();
      el("restartsStatus").textContent = `The restarts stopped: ${msg.message}.`;
      return;
    }
    const p = msg.progress;
    state.outcomes = msg.outcomes;
    el("restartsProgress").value = p.fraction;
    el("restartsStatus").textContent = p.finished
      ? `All ${p.restarts} restarts done.`
      : `${p.done} of ${p.restarts} restarts done (restart ${p.done + 1}: step ${p.currentStep} of at most ${p.maxSteps}).`;
    if (p.finished) done();
    render();
  }

  function run() {
    const count = Number(el("restartsCount").value);
    const out = el("restartsStatus");
    if (!Number.isInteger(count) || count < 1 || count > 50) {
      el("restartsCount").setAttribute("aria-invalid", "true");
      out.textContent = `Restarts R = ${el("restartsCount").value || "(empty)"} is not allowed: R must be a whole number from 1 to 50.`;
      return;
    }
    el("restartsCount").removeAttribute("aria-invalid");
    const e = estimate();
    if (e.refused) {
      out.textContent = "Not started: it would take too long (see below).";
      return;
    }
    let options;
    try {
      options = ctx.formOptions();
    } catch (error) {
      out.textContent = `The settings above are not valid: ${error.message}.`;
      return;
    }
    engine ??= createEngine("restarts", onMessage, { worker: ctx.worker, wasmModule: ctx.wasmModule });
    seq += 1;
    const init = el("restartsInit").value;
    state = { outcomes: [], highlight: null, init };
    engine.send({ type: "start", seq, options, init, baseSeed: options.initSeed, restarts: count });
    el("restartsRun").disabled = true;
    el("restartsCancel").disabled = false;
    el("restartsProgress").value = 0;
    out.textContent = `Running ${count} restarts…`;
    render();
  }

  function cancel() {
    engine?.send({ type: "cancel" });
    seq += 1;
    done();
    const n = state.outcomes.length;
    el("restartsStatus").textContent = `Stopped after ${n} restart${n === 1 ? "" : "s"}.`;
  }

  el("restartsRun").addEventListener("click", run);
  el("restartsCount").addEventListener("input", estimate);
  ctx.panel("restarts").addEventListener("toggle", () => {
    if (ctx.panel("restarts").open) estimate();
  });
  el("restartsCancel").addEventListener("click", cancel);
  ctx.panel("restarts").addEventListener("toggle", render);
  return {
    /** While open, the estimate follows the run's measured costs. */
    render() {
      if (ctx.panel("restarts").open) estimate();
    },
    retheme() {
      if (ctx.panel("restarts").open) render();
    },
    destroy() {
      engine?.close();
      engine = null;
    },
  };
}
