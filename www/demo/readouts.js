// Live readouts: step and losses, each method's status in words, and the parameter table.
// Everything is written with textContent; no string is ever parsed as HTML.

import { fmt } from "../lib/format.js";

/** A panel's method inside a sentence, from Rust (`m.method`: gradient descent, EM or over-relaxed EM). */
function methodName(method, m) {
  return m?.method ?? (method === "em" ? "EM" : "gradient descent");
}

/** The same at the start of a sentence. */
function title(method, m) {
  const name = methodName(method, m);
  return name[0].toUpperCase() + name.slice(1);
}

/** Short names for the step line. */
const SHORT = { "gradient descent": "GD", "over-relaxed EM": "OR-EM" };

/** Writes each panel's method into every place that names it (`data-name` = `direct`, `direct-title`,
 * `direct-short`, or the same with `em`). */
export function namePanels(root, state) {
  const names = {};
  for (const method of ["direct", "em"]) {
    const name = methodName(method, state[method]);
    Object.assign(names, { [method]: name, [`${method}-title`]: title(method, state[method]),
      [`${method}-short`]: SHORT[name] ?? name });
  }
  for (const node of root.querySelectorAll("[data-name]")) {
    const text = names[node.dataset.name];
    if (text !== undefined && node.textContent !== text) node.textContent = text;
  }
}

/** One method's status as a sentence a student understands. */
export function statusSentence(method, m, tolerance) {
  const name = title(method, m);
  switch (m.status) {
    case "running":
      return m.steps === 0 ? `${name}: ready at the shared start.` : `${name}: running.`;
    case "converged":
      return `${name} converged at step ${m.stoppedAt}: the loss changed by less than ${tolerance} in one step.`;
    case "step-limit":
      return `${name} stopped at the step limit (${m.stoppedAt} steps).`;
    case "diverged":
      return `${name} diverged at step ${m.stoppedAt}: the loss blew up, so it stopped and shows the last good `
        + `parameters (step ${m.steps}). Try a smaller learning rate.`;
    default:
      return `${name}: ${m.status}.`;
  }
}

/** Sentences about components held at the variance floor or left without points. */
export function componentNotes(method, m, varianceFloor) {
  const notes = [];
  const listed = (flags) => flags.map((f, i) => (f ? i + 1 : 0)).filter(Boolean);
  const floored = listed(m.floored ?? []);
  if (floored.length) {
    const sigma = Math.sqrt(varianceFloor);
    const sigmaText = sigma >= 1e-3 ? sigma.toPrecision(2) : sigma.toExponential(1);
    const which = floored.length === 1 ? `component ${floored[0]} is` : `components ${floored.join(", ")} are`;
    notes.push(`${title(method, m)}: ${which} held at the variance floor (σ = ${sigmaText}): the data would pull `
      + "σ lower, towards a single point, where the likelihood would grow without bound.");
  }
  const emptied = listed(m.emptied ?? []);
  if (emptied.length) {
    const which = emptied.length === 1 ? `component ${emptied[0]} explains` : `components ${emptied.join(", ")} explain`;
    notes.push(`${title(method, m)}: ${which} almost no data points (weight ≈ 0), so the mean and σ stay where they were.`);
  }
  return notes;
}

function cell(row, text, className) {
  const td = document.createElement("td");
  td.textContent = text;
  if (className) td.className = className;
  row.append(td);
  return td;
}

function componentCell(index, colours) {
  const td = document.createElement("td");
  if (index !== null && index !== undefined) {
    const swatch = document.createElement("span");
    swatch.className = "swatch";
    swatch.style.background = colours[index % colours.length];
    td.append(swatch, document.createTextNode(String(index + 1)));
  }
  return td;
}

function parameterCells(row, m, index) {
  if (index === null || index === undefined) {
    for (let i = 0; i < 3; i++) cell(row, "–");
    return;
  }
  cell(row, fmt(m.weights[index]));
  cell(row, fmt(m.means[index]));
  cell(row, fmt(m.sigmas[index]));
}

/**
 * The parameter table: one row per true component with the fitted component matched to it (its colour
 * and number; the pairing of least summed squared difference of the means), then any fitted components left over. Without a ground truth, one row per component.
 * `colours` are the charts' component colours (from Rust), so a swatch matches its curve.
 */
export function renderTable(el, state, colours) {
  const truth = state.truth;
  // One row: its header, the true component t (or none), and fitted components d and e (or none).
  const tableRow = (header, t, d, e) => {
    const row = document.createElement("tr");
    const label = document.createElement("th");
    label.scope = "row";
    label.textContent = header;
    row.append(label);
    parameterCells(row, truth, t);
    row.append(componentCell(d, colours));
    parameterCells(row, state.direct, d);
    row.append(componentCell(e, colours));
    parameterCells(row, state.em, e);
    return row;
  };
  const rows = [];
  if (truth) {
    const used = { direct: new Set(), em: new Set() };
    const pick = (method, t) => {
      const f = state[method].matched?.fittedForTruth[t];
      if (f !== null && f !== undefined) used[method].add(f);
      return f;
    };
    truth.weights.forEach((_, t) => rows.push(tableRow(String(t + 1), t, pick("direct", t), pick("em", t))));
    for (let f = 0; f < state.k; f++) {
      if (used.direct.has(f) && used.em.has(f)) continue;
      rows.push(tableRow("extra", null, used.direct.has(f) ? null : f, used.em.has(f) ? null : f));
    }
  } else {
    for (let f = 0; f < state.k; f++) rows.push(tableRow(String(f + 1), null, f, f));
  }
  el("paramsBody").replaceChildren(...rows);
}

/** Step line, statuses and table. */
export function renderReadouts(el, state, tolerance, colours) {
  el("step").textContent = String(state.step);
  el("directLoss").textContent = fmt(state.direct.loss, 4);
  el("emLoss").textContent = fmt(state.em.loss, 4);
  el("truthLoss").textContent = state.truthLoss === null ? "n/a" : fmt(state.truthLoss, 4);
  for (const method of ["direct", "em"]) {
    const m = state[method];
    // Rewound: the status of the run is not what is shown; say which step is.
    el(`${method}Status`).textContent = state.shownStep === null || state.shownStep === undefined
      ? statusSentence(method, m, tolerance)
      : `${title(method, m)}: showing its parameters at step ${m.steps} (rewound; Play or Step goes on from the latest step).`;
  }
  renderTable(el, state, colours);
}

/** The text alternative of a density canvas: what it shows, in numbers. */
export function describeFit(method, state) {
  const m = state[method];
  // Array.from: the parameters arrive as Float64Arrays, whose map() could only return numbers.
  const parts = Array.from(m.means, (mu, i) => `w ${fmt(m.weights[i], 2)}, μ ${fmt(mu, 2)}, σ ${fmt(m.sigmas[i], 2)}`);
  return `${title(method, m)} fit at step ${m.steps}, loss ${fmt(m.loss, 4)}. Components: ${parts.join("; ")}.`;
}

function row(cells) {
  const tr = document.createElement("tr");
  cells.forEach((text, i) => {
    const cellElement = document.createElement(i === 0 ? "th" : "td");
    if (i === 0) cellElement.scope = "row";
    cellElement.textContent = text;
    tr.append(cellElement);
  });
  return tr;
}

/** The side-question tables (from `demo.sideQuestions()`). */
export function renderSideQuestions(el, q) {
  const [direct, em] = [q.names?.direct ?? "gradient descent", q.names?.em ?? "EM"];
  const grid = [["ground truth", q.grid.truth], [direct, q.grid.direct], [em, q.grid.em]]
    .filter(([, g]) => g !== null)
    .map(([name, g]) => row([name, fmt(g.mean, 6), fmt(g.integral, 6), fmt(g.maxDensity, 3)]));
  el("q1Body").replaceChildren(...grid);
  const mse = [[direct, q.mse.direct], [em, q.mse.em]]
    .map(([name, m]) => row([name, m ? fmt(m.naive, 4) : "no ground truth", m ? fmt(m.matched, 4) : "–"]));
  el("q2Body").replaceChildren(...mse);
}
