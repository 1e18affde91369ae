// "K chosen by the data": fits of K = 1 to 10 in their own engine (a worker, or slices on this thread), BIC
// and AIC against K with the held-out log-likelihood beside them, the choices in words, and a table (or a
// click on the chart) from which any K's fit is loaded into the main plots.

import { createEngine } from "../engine/engine.js";
import { row } from "../lib/dom.js";

/** The options that define the data: fits made on other data are not loaded. */
const DATA_OPTIONS = ["preset", "n", "dataSeed", "truth", "data"];
const dataKey = (options) => JSON.stringify(DATA_OPTIONS.map((name) => options[name] ?? null));

/** The section: `ctx` as in teaching.js. */
export function createKSelectionSection(ctx) {
  const { el } = ctx;
  let engine = null;
  let seq = 0; // runs started: reports of an older one are dropped
  let state = null; // { outcomes, choice, finished, selected } of the latest run

  const fitted = (k) => state?.outcomes.find((o) => o.k === k && o.skipped === null);

  /** Which scores chose `k`, for the status line ("BIC's and the held-out choice"). */
  function chosenBy(k) {
    const c = state.choice;
    const names = [["BIC", c.bic], ["AIC", c.aic], ["the held-out log-likelihood", c.heldOut]]
      .filter(([, chosen]) => chosen === k).map(([name]) => name);
    return names.length ? ` (chosen by ${names.join(", ")})` : "";
  }

  /** Loads K's fit into the main plots: K, and that fit as the shared start of both methods. */
  function load(k) {
    const outcome = fitted(k);
    if (!outcome) return;
    let now = null;
    try {
      now = dataKey(ctx.formOptions());
    } catch {
      // an invalid form: loading below refuses it and says why
    }
    if (now !== null && now !== state.dataKey) {
      el("kSelectStatus").textContent = `K = ${k} is not loaded: these fits were made on other data (the preset, N, `
        + "the data seed, the truth or the imported data changed since). Fit K = 1 to 10 again.";
      return;
    }
    state.selected = k;
    if (ctx.loadStart({ k, start: outcome.startText })) {
      el("kSelectStatus").textContent = `K = ${k} is loaded above${chosenBy(k)}: both methods start at its fit `
        + `(l = ${outcome.texts.logLikelihood}). Press Play to see whether either moves from it.`;
    }
    render();
  }

  function render() {
    if (!state) return;
    const { outcomes, choice } = state;
    const canvas = el("kSelectCanvas");
    if (canvas.clientWidth) ctx.view().drawKSelection(canvas, outcomes, choice.truth ?? 0, state.selected ?? 0);
    el("kSelectBody").replaceChildren(...outcomes.map((o) => {
      if (o.skipped !== null) {
        const tr = row([String(o.k), "–", "–", "–", "–", "–"]);
        const td = document.createElement("td");
        td.textContent = `skipped: ${o.skipped}`;
        tr.append(td);
        return tr;
      }
      const tr = row([String(o.k), String(o.parameters), o.texts.logLikelihood, o.texts.bic, o.texts.aic,
        o.texts.heldOut]);
      if (o.k === state.selected) tr.setAttribute("aria-current", "true");
      const td = document.createElement("td");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = `Load K = ${o.k}`;
      button.setAttribute("aria-label", `Load the fit with K = ${o.k} into the plots above`);
      button.addEventListener("click", () => load(o.k));
      td.append(button);
      tr.append(td);
      return tr;
    }));
    el("kSelectClaim").textContent = state.finished ? choice.sentence : "";
    canvas.setAttribute("aria-label", `BIC, AIC and held-out log-likelihood for K = 1 to ${outcomes.length}. `
      + (state.finished ? choice.sentence : "Still running."));
  }

  /** How long it may take, from this run's measured cost per EM step (in Rust). */
  function estimate() {
    const e = ctx.view().kSelectionEstimate();
    el("kSelectEstimate").textContent = e.sentence;
    return e;
  }

  const done = () => {
    el("kSelectRun").disabled = false;
    el("kSelectCancel").disabled = true;
  };

  function onMessage(msg) {
    if (msg.seq !== -1 && msg.seq !== seq) return;
    if (msg.type === "error") {
      done();
      el("kSelectStatus").textContent = `The fits stopped: ${msg.message}.`;
      return;
    }
    const p = msg.progress;
    state.outcomes = msg.outcomes;
    state.choice = msg.choice;
    state.finished = p.finished;
    el("kSelectProgress").value = p.fraction;
    el("kSelectStatus").textContent = p.finished
      ? `All ${p.ks} Ks fitted. Load one below, or click the chart at a K.`
      : `${p.done} of ${p.ks} Ks done (fitting K = ${p.currentK}).`;
    if (p.finished) {
      done();
      el("kSelect").dataset.shown = "finished";
    }
    render();
  }

  function run() {
    const out = el("kSelectStatus");
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
    engine ??= createEngine("kSelection", onMessage, { worker: ctx.worker, wasmModule: ctx.wasmModule });
    seq += 1;
    state = { outcomes: [], choice: {}, finished: false, selected: null, dataKey: dataKey(options) };
    delete el("kSelect").dataset.shown;
    engine.send({ type: "start", seq, options });
    el("kSelectRun").disabled = true;
    el("kSelectCancel").disabled = false;
    el("kSelectProgress").value = 0;
    out.textContent = "Fitting K = 1 to 10…";
    render();
  }

  function cancel() {
    engine?.send({ type: "cancel" });
    seq += 1;
    done();
    const n = state?.outcomes.length ?? 0;
    el("kSelectStatus").textContent = `Stopped after ${n} K${n === 1 ? "" : "s"}.`;
  }

  /** A click on the chart loads the K under it. */
  function onChartClick(event) {
    if (!state) return;
    const box = event.currentTarget.getBoundingClientRect();
    const k = ctx.view().kSelectionAt(event.clientX - box.left, event.clientY - box.top);
    if (k > 0) load(k);
  }

  el("kSelectRun").addEventListener("click", run);
  el("kSelectCancel").addEventListener("click", cancel);
  el("kSelectCanvas").addEventListener("click", onChartClick);
  ctx.panel("k-select").addEventListener("toggle", () => {
    if (ctx.panel("k-select").open) {
      estimate();
      render();
    }
  });
  return {
    /** While open, the estimate follows the run's measured costs. */
    render() {
      if (ctx.panel("k-select").open) estimate();
    },
    retheme() {
      if (ctx.panel("k-select").open) render();
    },
    destroy() {
      engine?.close();
      engine = null;
    },
  };
}
