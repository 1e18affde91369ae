// The math beside live numbers: the log-likelihood summed naively and with log-sum-exp for the current
// data, and the component inspector (one component's parameters, gradient and EM statistics, and its EM
// step beside P times the gradient).

import { row } from "../lib/dom.js";
import { fmt } from "../lib/format.js";
import { inspectorRows } from "./em-gradient.js";


/** A log-likelihood as a student should read it: −∞ and NaN spelled out, never "NaN" unexplained. */
function logLik(value) {
  if (Number.isNaN(value)) return "NaN (0 × ∞)";
  if (value === -Infinity) return "−∞";
  if (value === Infinity) return "+∞";
  return fmt(value, 2);
}

/** A refused computation: said in the table's place. */
function refused(body, error, columns) {
  const cell = document.createElement("td");
  cell.colSpan = columns;
  cell.textContent = error;
  const tr = document.createElement("tr");
  tr.append(cell);
  body.replaceChildren(tr);
}

function renderMath(ctx) {
  const view = ctx.view();
  ctx.numbers.ask("underflow", { kind: "underflow", direct: view.shownParams("direct"), em: view.shownParams("em") },
    (rows, error) => {
      if (error) refused(ctx.el("underflowBody"), error, 4);
      else fillUnderflow(ctx, rows);
    });
  renderInspector(ctx);
}

function fillUnderflow(ctx, rows) {
  const el = ctx.el;
  const state = ctx.view().state();
  const NAMES = { initial: "the shared start", direct: `${state.direct.method} now`, em: `${state.em.method} now` };
  el("underflowBody").replaceChildren(...rows.map((r) => row([
    NAMES[r.name],
    `${r.naiveZero.toLocaleString("en")} of ${r.points.toLocaleString("en")}`,
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
}

function fillComponentChoices(ctx) {
  const select = ctx.el("inspectComponent");
  const k = ctx.view().state().k;
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

function renderInspector(ctx) {
  const el = ctx.el;
  fillComponentChoices(ctx);
  const method = el("inspectMethod").value;
  const k = Number(el("inspectComponent").value);
  const params = ctx.view().shownParams(method);
  const state = ctx.view().state();
  const n = state.n;
  // What each table shows once the worker has answered (`method:k@step`): a test waits for it.
  const shown = `${method}:${k}@${state.shownStep ?? state.step}`;
  ctx.numbers.ask("inspect", { kind: "inspect", params, k }, (c, error) => {
    if (error) refused(el("inspectBody"), error, 3);
    else fillInspector(ctx, c, n);
    el("inspectBody").dataset.shown = shown;
  });
  ctx.numbers.ask("inspectIdentity", { kind: "emGradient", params }, (report, error) => {
    if (error) refused(el("inspectIdentityBody"), error, 7);
    else el("inspectIdentityBody").replaceChildren(...inspectorRows(report, k));
    el("inspectIdentityBody").dataset.shown = shown;
  });
}

function fillInspector(ctx, c, n) {
  const el = ctx.el;
  const wm = c.weightedMean;
  const wv = c.weightedVariance;
  el("inspectBody").replaceChildren(
    row(["weight w", fmt(c.weight, 4), "softmax of the logits"]),
    row(["mean μ", fmt(c.mean, 4), "where its bump sits"]),
    row(["σ", fmt(c.sigma, 4), "e^s"]),
    row(["∂L/∂a", fmt(c.gradLogit, 6), c.gradLogit > 0 ? "gradient descent lowers this weight" : "gradient descent raises this weight"]),
    row(["∂L/∂μ", fmt(c.gradMean, 6), c.gradMean > 0 ? "the mean is pushed left" : "the mean is pushed right"]),
    row(["∂L/∂s", fmt(c.gradLogSigma, 6), c.gradLogSigma > 0 ? "σ is pushed smaller" : "σ is pushed larger"]),
    row(["Nₖ = Σᵢ rᵢₖ", fmt(c.nK, 2), `points it explains; EM's next weight would be Nₖ/N = ${fmt(c.nK / n, 4)}`]),
    row(["weighted mean", wm === null ? "–" : fmt(wm, 4), "EM's next mean"]),
    row(["weighted variance", wv === null ? "–" : fmt(wv, 5), `EM's next σ² (before the floor); σ would be ${wv === null ? "–" : fmt(Math.sqrt(wv), 4)}`]),
  );
}

/** The section: `ctx` as in teaching.js. */
export function createMathSection(ctx) {
  const refresh = () => renderInspector(ctx);
  ctx.el("inspectMethod").addEventListener("change", refresh);
  ctx.el("inspectComponent").addEventListener("change", refresh);
  return {
    render() {
      if (ctx.panel("math").open) renderMath(ctx);
    },
    retheme() {},
    destroy() {},
  };
}
