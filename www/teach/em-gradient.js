// "EM is a gradient step": EM's step beside P times the gradient, per component, for the parameters the
// student chooses, refreshed while the run goes (only while the section is open). The numbers come from
// Rust (`Demo.emGradient`, src/wasm_em_gradient.rs); this file fills the tables, and gives the component
// inspector (math.js) its three rows.

import { fmt } from "../lib/format.js";

const DASH = "–";
/** Significant digits shown: enough to see P × gradient and EM's step agree. */
const SIGNIFICANT = 4;

/** A number with `SIGNIFICANT` significant digits at any magnitude (fmt's plain form where it fits). */
function sig(value) {
  if (!Number.isFinite(value) || value === 0) return fmt(value, 0);
  const size = Math.abs(value);
  if (size < 1e-3 || size >= 1e4) return value.toExponential(SIGNIFICANT - 1);
  return fmt(value, Math.max(0, SIGNIFICANT - 1 - Math.floor(Math.log10(size))));
}

/** A table row: a row header, then cells, each `[quantity, text]` (the quantity names the cell for tests). */
function identityRow(header, cells) {
  const tr = document.createElement("tr");
  const th = document.createElement("th");
  th.scope = "row";
  th.textContent = header;
  tr.append(th);
  for (const [quantity, text] of cells) {
    const td = document.createElement("td");
    if (quantity) td.dataset.quantity = quantity;
    td.textContent = text;
    tr.append(td);
  }
  return tr;
}

/** The cells of one identity term: gradient, P, product, EM's step, residual (dashes for a missing term). */
function termCells(term) {
  if (term === null) return ["gradient", "p", "product", "step", "residual"].map((q) => [q, DASH]);
  return [
    ["gradient", sig(term.gradient)],
    ["p", sig(term.p)],
    ["product", sig(term.product)],
    ["step", sig(term.emStep)],
    ["residual", sig(term.residual)],
  ];
}

const EMPTY_NOTE = "no responsibility (Nₖ = 0): P is infinite, EM keeps μₖ and σₖ²";
const WEIGHT_EMPTY_NOTE = "no responsibility (Nₖ = 0): EM sets wₖ to 0";

function floorNote(c, floor) {
  return `floored: EM held σₖ² at the floor ${fmt(floor, 4)}, so the residual is Sₖ − floor, not (μₖ′ − μₖ)²`;
}

/** One component's three rows for the inspector: weight, mean, variance. */
export function inspectorRows(report, k) {
  const c = report.components[k];
  const empty = c.mean === null;
  const varianceNote = empty ? EMPTY_NOTE : c.floored ? floorNote(c, report.varianceFloor)
    : `residual = (μₖ′ − μₖ)² = ${sig(c.meanShiftSquared)}`;
  return [
    identityRow("weight (logit aₖ), P = 1/N", [...termCells(c.weight),
      ["note", empty ? WEIGHT_EMPTY_NOTE : "exact up to rounding"]]),
    identityRow("mean μₖ, P = σₖ²/Nₖ", [...termCells(c.mean), ["note", empty ? EMPTY_NOTE : "exact up to rounding"]]),
    identityRow("variance σₖ², P = 2σₖ⁴/Nₖ", [...termCells(c.variance), ["note", varianceNote]]),
  ];
}

function renderTables(ctx, report) {
  const el = ctx.el;
  const name = (c) => `component ${c.component + 1}`;
  el("emGradientWeightBody").replaceChildren(...report.components.map((c) => identityRow(name(c),
    [...termCells(c.weight), ["note", c.mean === null ? WEIGHT_EMPTY_NOTE : ""]])));
  el("emGradientMeanBody").replaceChildren(...report.components.map((c) => identityRow(name(c),
    [["nK", fmt(c.nK, 2)], ...termCells(c.mean), ["note", c.mean === null ? EMPTY_NOTE : ""]])));
  el("emGradientVarianceBody").replaceChildren(...report.components.map((c) => {
    const note = c.mean === null ? EMPTY_NOTE : c.floored ? floorNote(c, report.varianceFloor) : "";
    const shift = c.meanShiftSquared === null ? DASH : sig(c.meanShiftSquared);
    return identityRow(name(c), [...termCells(c.variance), ["shift", shift], ["note", note]]);
  }));
}

/** A sentence on the means' step sizes now: which component gets the largest and the smallest P. */
function stepSizes(report) {
  const used = report.components.filter((c) => c.mean !== null);
  if (used.length < 2) return "";
  const by = [...used].sort((a, b) => a.mean.p - b.mean.p);
  const describe = (c) => `component ${c.component + 1} (σₖ²/Nₖ = ${fmt(c.mean.p, 4)}, Nₖ = ${fmt(c.nK, 1)})`;
  return `EM's step sizes for the means now range from ${describe(by[0])} to ${describe(by[by.length - 1])}: `
    + `${sig(by[by.length - 1].mean.p / by[0].mean.p)} times as large, chosen by the data alone.`;
}

function render(ctx) {
  const el = ctx.el;
  const state = ctx.view().state();
  // The panels' options are named after the methods they run.
  for (const method of ["direct", "em"]) {
    const option = el("emGradientWhose").querySelector(`option[value="${method}"]`);
    const label = `${state[method].method} now`;
    if (option.textContent !== label) option.textContent = label;
  }
  const whose = el("emGradientWhose").value;
  const step = state.shownStep ?? state.step;
  ctx.numbers.ask("emGradient", { kind: "emGradient", params: ctx.view().shownParams(whose) }, (report, error) => {
    if (error) {
      el("emGradientStatus").textContent = error;
      for (const id of ["emGradientWeightBody", "emGradientMeanBody", "emGradientVarianceBody"]) el(id).replaceChildren();
    } else {
      fill(ctx, report, whose === "initial" ? "the shared start" : `step ${step}`);
    }
    // What the tables show, as the worker answered it (`whose@step`): a test waits for it.
    el("emGradient").dataset.shown = `${whose}@${step}`;
  });
}

function fill(ctx, report, at) {
  const el = ctx.el;
  el("emGradientStatus").textContent = `At ${at}: l = Σᵢ log p(xᵢ) = ${fmt(report.logLikelihood, 2)} over `
    + `N = ${report.points.toLocaleString("en")} points; EM's variance floor is ${fmt(report.varianceFloor, 4)}.`;
  renderTables(ctx, report);
  el("emGradientSteps").textContent = stepSizes(report);
}

/** The section: `ctx` as in teaching.js. */
export function createEmGradientSection(ctx) {
  const panel = () => ctx.panel("em-gradient");
  ctx.el("emGradientWhose").addEventListener("change", () => render(ctx));
  return {
    render() {
      if (panel().open) render(ctx);
    },
    retheme() {},
    destroy() {},
  };
}
