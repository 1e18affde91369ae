// Live readouts: step and losses, each method's status in words, and the parameter table.
// Everything is written with textContent; no string is ever parsed as HTML.

const element = (id) => document.getElementById(id);

/** A number for a table cell or a readout; never "NaN" on screen. */
export function fmt(value, digits = 3) {
  return Number.isFinite(value) ? value.toFixed(digits) : "–";
}

const NAMES = { direct: "Gradient descent", em: "EM" };

/** One method's status as a sentence a student understands. */
export function statusSentence(method, m, tolerance) {
  const name = NAMES[method];
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
    notes.push(`${NAMES[method]}: component ${floored.join(", ")} shrank onto very few points and is held at the `
      + `variance floor (σ = ${sigmaText}); without the floor its σ would go to 0 and the likelihood to infinity.`);
  }
  const emptied = listed(m.emptied ?? []);
  if (emptied.length) {
    notes.push(`${NAMES[method]}: component ${emptied.join(", ")} explains almost no data points (weight ≈ 0), `
      + "so its mean and σ stay where they were.");
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
 * and number), then any fitted components left over. Without a ground truth, one row per component.
 * `colours` are the charts' component colours (from Rust), so a swatch matches its curve.
 */
export function renderTable(state, colours) {
  const body = element("paramsBody");
  const rows = [];
  const truth = state.truth;
  const k = state.k;
  if (truth) {
    const used = { direct: new Set(), em: new Set() };
    truth.weights.forEach((_, t) => {
      const row = document.createElement("tr");
      const pick = (method) => {
        const f = state[method].matched?.fittedForTruth[t];
        if (f !== null && f !== undefined) used[method].add(f);
        return f;
      };
      const d = pick("direct");
      const e = pick("em");
      const label = document.createElement("th");
      label.scope = "row";
      label.textContent = String(t + 1);
      row.append(label);
      parameterCells(row, truth, t);
      row.append(componentCell(d, colours));
      parameterCells(row, state.direct, d);
      row.append(componentCell(e, colours));
      parameterCells(row, state.em, e);
      rows.push(row);
    });
    for (let f = 0; f < k; f++) {
      if (used.direct.has(f) && used.em.has(f)) continue;
      const row = document.createElement("tr");
      const label = document.createElement("th");
      label.scope = "row";
      label.textContent = "extra";
      row.append(label);
      parameterCells(row, truth, null);
      const d = used.direct.has(f) ? null : f;
      const e = used.em.has(f) ? null : f;
      row.append(componentCell(d, colours));
      parameterCells(row, state.direct, d);
      row.append(componentCell(e, colours));
      parameterCells(row, state.em, e);
      rows.push(row);
    }
  } else {
    for (let f = 0; f < k; f++) {
      const row = document.createElement("tr");
      const label = document.createElement("th");
      label.scope = "row";
      label.textContent = String(f + 1);
      row.append(label);
      parameterCells(row, null, null);
      row.append(componentCell(f, colours));
      parameterCells(row, state.direct, f);
      row.append(componentCell(f, colours));
      parameterCells(row, state.em, f);
      rows.push(row);
    }
  }
  body.replaceChildren(...rows);
}

/** Step line, statuses and table. */
export function renderReadouts(state, tolerance, colours) {
  element("step").textContent = String(state.step);
  element("directLoss").textContent = fmt(state.direct.loss, 4);
  element("emLoss").textContent = fmt(state.em.loss, 4);
  element("truthLoss").textContent = state.truthLoss === null ? "n/a" : fmt(state.truthLoss, 4);
  element("directStatus").textContent = statusSentence("direct", state.direct, tolerance);
  element("emStatus").textContent = statusSentence("em", state.em, tolerance);
  renderTable(state, colours);
}

/** The text alternative of a density canvas: what it shows, in numbers. */
export function describeFit(method, state) {
  const m = state[method];
  // Array.from: the parameters arrive as Float64Arrays, whose map() could only return numbers.
  const parts = Array.from(m.means, (mu, i) => `w ${fmt(m.weights[i], 2)}, μ ${fmt(mu, 2)}, σ ${fmt(m.sigmas[i], 2)}`);
  return `${NAMES[method]} fit at step ${m.steps}, loss ${fmt(m.loss, 4)}. Components: ${parts.join("; ")}.`;
}
