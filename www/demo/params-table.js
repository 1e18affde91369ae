// The parameter table: each true component beside the fitted component of each method paired with it (the
// pairing of least summed squared difference of the means, from Rust), then any fitted components left over.
// Two layouts of the same rows: wide, one line per true component (12 columns); narrow, below the
// two-column width, one line per method and component (4 columns), so a phone never scrolls it sideways.
// Only the layout on screen is written. Everything is written with textContent.

import { fmt } from "../lib/format.js";

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text;
  row.append(td);
  return td;
}

function swatch(index, colours) {
  const mark = document.createElement("span");
  mark.className = "swatch";
  mark.style.background = colours[index % colours.length];
  return mark;
}

function componentCell(index, colours) {
  const td = document.createElement("td");
  if (index !== null && index !== undefined) td.append(swatch(index, colours), document.createTextNode(String(index + 1)));
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

function rowHeader(...content) {
  const th = document.createElement("th");
  th.scope = "row";
  th.append(...content);
  return th;
}

/**
 * The table's lines: `{ header, truth, direct, em }`, the true component's index (or null) and the fitted
 * component of each method (or null). Without a ground truth, one line per fitted component.
 */
function pairings(state) {
  const lines = [];
  if (!state.truth) {
    for (let f = 0; f < state.k; f++) lines.push({ header: String(f + 1), truth: null, direct: f, em: f });
    return lines;
  }
  const used = { direct: new Set(), em: new Set() };
  const pick = (method, t) => {
    const f = state[method].matched?.fittedForTruth[t];
    if (f !== null && f !== undefined) used[method].add(f);
    return f ?? null;
  };
  state.truth.weights.forEach((_, t) => lines.push({ header: String(t + 1), truth: t, direct: pick("direct", t), em: pick("em", t) }));
  for (let f = 0; f < state.k; f++) {
    if (used.direct.has(f) && used.em.has(f)) continue;
    lines.push({ header: "extra", truth: null, direct: used.direct.has(f) ? null : f, em: used.em.has(f) ? null : f });
  }
  return lines;
}

/** Wide: one row per line, the truth's, gradient descent's and EM's columns side by side. */
function wideRows(state, colours) {
  return pairings(state).map(({ header, truth, direct, em }) => {
    const row = document.createElement("tr");
    row.append(rowHeader(header));
    parameterCells(row, state.truth, truth);
    row.append(componentCell(direct, colours));
    parameterCells(row, state.direct, direct);
    row.append(componentCell(em, colours));
    parameterCells(row, state.em, em);
    return row;
  });
}

/** Narrow: per line, a row for the true component, then one per method that has a component there. */
function narrowRows(state, colours) {
  const rows = [];
  pairings(state).forEach(({ header, truth, direct, em }, i) => {
    const group = [];
    if (truth !== null) group.push(["true", `true ${header}`, state.truth, truth]);
    for (const [method, index] of [["direct", direct], ["em", em]]) {
      if (index === null) continue;
      const name = document.createElement("span");
      name.dataset.name = `${method}-short`; // named after the panel's method by namePanels (readouts.js)
      name.textContent = method === "direct" ? "GD" : "EM";
      group.push([method, [name, " ", swatch(index, colours), String(index + 1)], state[method], index]);
    }
    group.forEach(([method, label, m, index], j) => {
      const row = document.createElement("tr");
      row.className = `${method}-line${j === 0 && i > 0 ? " group-start" : ""}`; // a rule between components
      row.append(rowHeader(...[label].flat()));
      parameterCells(row, m, index);
      rows.push(row);
    });
  });
  return rows;
}

/** Writes the table in the layout on screen (`colours`: the charts' component colours, from Rust): the
 * narrow one where www/style.css hides the wide one (below the demo's two-column width). */
export function renderTable(el, state, colours) {
  const wide = el("paramsBody").closest("table");
  if (getComputedStyle(wide).display === "none") el("paramsNarrowBody").replaceChildren(...narrowRows(state, colours));
  else el("paramsBody").replaceChildren(...wideRows(state, colours));
}
