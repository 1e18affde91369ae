// Data, a ground truth and a start shaped by hand. Clicks and keys on the density plots edit the data
// (Rust's Demo.editedData: the data become the user's own, with no truth); the truth table writes the
// `truth` option; handles on the plots move the shared start of both methods (the `start` option). Each
// change is a new run built from the form, as any other setting's, so a link or a refusal works as usual.
// The classic preset's challenge (a start from which EM beats gradient descent) is read off the verdict.

import { fmt } from "../lib/format.js";

/** A shift-click's cluster is spread over about this many CSS pixels (one standard deviation). */
const CLUSTER_SPREAD_PX = 8;
/** Arrow presses that move a start handle across a plot (Shift: ten times as far). */
const HANDLE_STEPS = 100;
const PANELS = ["direct", "em"];

/** `wireByHand(demo)`: returns `{ render(state) }`, called after each drawing. */
export function wireByHand(demo) {
  const el = demo.el;
  const status = (text) => { el("clickHint").textContent = text; };

  // --- Data by hand -------------------------------------------------------------------------------------
  /** The plot of `chart` as last drawn and the data values at its two ends, or null. */
  function axis(chart) {
    const plot = demo.view?.chartLayout(chart)?.plots[0];
    if (!plot) return null;
    const lo = demo.view.xAtPixel(chart, plot.x0);
    const hi = demo.view.xAtPixel(chart, plot.x1 - 1);
    return lo === null || hi === null ? null : { plot, lo, hi };
  }

  function editData(chart, edit, px) {
    const a = axis(chart);
    const x = a && demo.view.xAtPixel(chart, px);
    if (x === null || x === undefined) return;
    const spread = ((a.hi - a.lo) / (a.plot.x1 - a.plot.x0)) * CLUSTER_SPREAD_PX;
    let values;
    try {
      values = demo.view.editedData(edit, x, spread);
    } catch (error) {
      status(`Not changed: ${error.message}.`);
      return;
    }
    const n = values.length.toLocaleString("en");
    if (!demo.useData(values, "placed by hand")) return;
    status(edit === "remove" ? `Removed the point nearest x = ${fmt(x, 3)}: ${n} points.`
      : `Added ${edit === "cluster" ? "20 points around" : "a point at"} x = ${fmt(x, 3)}: ${n} points.`);
  }

  for (const chart of PANELS) {
    const canvas = demo.canvases[chart];
    const columnOf = (event) => event.clientX - canvas.getBoundingClientRect().left;
    canvas.addEventListener("click", (event) => {
      const mode = el("clickMode").value;
      if (mode === "off" || event.button !== 0) return;
      editData(chart, mode === "remove" ? "remove" : event.shiftKey ? "cluster" : "add", columnOf(event));
    });
    canvas.addEventListener("contextmenu", (event) => {
      if (el("clickMode").value === "off") return;
      event.preventDefault();
      editData(chart, "remove", columnOf(event));
    });
    canvas.addEventListener("keydown", (event) => {
      const edit = event.key === "Enter" ? (event.shiftKey ? "cluster" : "add")
        : event.key === "Delete" || event.key === "Backspace" ? "remove" : null;
      if (!edit || el("clickMode").value === "off") return;
      const a = axis(chart);
      if (!a) return;
      event.preventDefault();
      editData(chart, edit, demo.hover.cursor(chart) ?? (a.plot.x0 + a.plot.x1) / 2);
    });
  }

  // --- A start by hand ----------------------------------------------------------------------------------
  /** Decimals that keep about a thousandth of a plot spanning `span` (short values, exact in links). */
  const decimals = (span) => Math.min(12, Math.max(0, -Math.floor(Math.log10(span / 1000))));
  const rounded = (value, span) => Number(value.toFixed(decimals(span)));
  /** The `start` option's text; values not moved by hand keep six significant digits (short links). */
  const startText = (flat) => {
    const parts = [];
    const short = (v) => Number(v.toPrecision(6));
    for (let j = 0; j < flat.length; j += 3) parts.push(`${short(flat[j])}:${short(flat[j + 1])}:${short(flat[j + 2])}`);
    return parts.join(",");
  };

  /** Sets start component `j`'s mean (or its width) to data value `x` and builds the new run. */
  function moveStart(chart, j, part, x) {
    const a = axis(chart);
    const flat = Array.from(demo.view.startComponents());
    const span = a.hi - a.lo;
    if (part === "mean") flat[3 * j + 1] = rounded(x, span);
    else flat[3 * j + 2] = Math.max(rounded(Math.abs(x - flat[3 * j + 1]), span), 10 ** -decimals(span));
    el("start").value = startText(flat);
    demo.rebuild();
  }

  const handles = new Map(); // chart -> [{ mean, width }] buttons over the canvas, one pair per component
  function handlePair(chart, j) {
    const make = (part, mark) => {
      const button = document.createElement("button");
      button.type = "button";
      button.className = `start-handle ${part}`;
      button.textContent = mark;
      button.dataset.component = String(j);
      button.dataset.part = part;
      wireHandle(chart, j, part, button);
      demo.canvases[chart].parentElement.append(button);
      return button;
    };
    return { mean: make("mean", "◆"), width: make("width", "▮") };
  }

  function wireHandle(chart, j, part, button) {
    let dragging = false;
    const column = (event) => event.clientX - demo.canvases[chart].getBoundingClientRect().left;
    button.addEventListener("pointerdown", (event) => {
      dragging = true;
      button.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    button.addEventListener("pointermove", (event) => {
      if (!dragging) return;
      const a = axis(chart);
      const px = Math.min(a.plot.x1 - 1, Math.max(a.plot.x0, column(event)));
      button.style.left = `${demo.canvases[chart].offsetLeft + px - button.offsetWidth / 2}px`;
    });
    const drop = (event) => {
      if (!dragging) return;
      dragging = false;
      const a = axis(chart);
      const px = Math.min(a.plot.x1 - 1, Math.max(a.plot.x0, column(event)));
      moveStart(chart, j, part, demo.view.xAtPixel(chart, px));
    };
    button.addEventListener("pointerup", drop);
    button.addEventListener("pointercancel", () => { dragging = false; placeHandles(); });
    button.addEventListener("keydown", (event) => {
      const sign = { ArrowLeft: -1, ArrowRight: 1 }[event.key];
      if (!sign) return;
      event.preventDefault();
      const a = axis(chart);
      const flat = demo.view.startComponents();
      const at = part === "mean" ? flat[3 * j + 1] : flat[3 * j + 1] + flat[3 * j + 2];
      moveStart(chart, j, part, at + (sign * (a.hi - a.lo) * (event.shiftKey ? 10 : 1)) / HANDLE_STEPS);
    });
  }

  /** Puts each start component's handles at its mean and at mean + sigma, before Play and when paused. */
  function placeHandles() {
    const view = demo.view;
    const hidden = demo.playing || !view || el("start").closest("[data-section]").hidden;
    const flat = view ? view.startComponents() : [];
    const colours = view ? view.componentColours() : [];
    for (const chart of PANELS) {
      const list = handles.get(chart) ?? [];
      const k = flat.length / 3;
      while (list.length < k) list.push(handlePair(chart, list.length));
      const canvas = demo.canvases[chart];
      const a = !hidden && canvas.clientWidth ? axis(chart) : null;
      list.forEach(({ mean, width }, j) => {
        for (const [button, part, x] of [[mean, "mean", flat[3 * j + 1]], [width, "width", flat[3 * j + 1] + flat[3 * j + 2]]]) {
          const px = a && j < k ? view.pixelOfX(chart, x) : null;
          button.hidden = px === null || px < a.plot.x0 || px > a.plot.x1 - 1;
          if (button.hidden) continue;
          button.style.left = `${canvas.offsetLeft + px - button.offsetWidth / 2}px`;
          // Means on the plot's top edge (clear of the notes inside it), widths on its baseline.
          button.style.top = `${canvas.offsetTop + (part === "mean" ? a.plot.y0 - 15 : a.plot.y1 - 16)}px`;
          button.style.color = colours[j % colours.length];
          button.setAttribute("aria-label", part === "mean"
            ? `Start component ${j + 1}: mean ${fmt(flat[3 * j + 1], 4)}. Drag, or use the arrow keys, to move it.`
            : `Start component ${j + 1}: sigma ${fmt(flat[3 * j + 2], 4)}. Drag, or use the arrow keys, to widen or narrow it.`);
        }
      });
      handles.set(chart, list);
    }
  }

  // A new K, init rule or seed asks for a start drawn by the rule (a start by hand has K components): the
  // field is cleared before the form's own handler builds the run (capture phase on the form).
  el("controls").addEventListener("change", (event) => {
    if (["k", "init", "initSeed"].some((name) => event.target === el(name))) el("start").value = "";
  }, true);
  el("startClear").addEventListener("click", () => {
    el("start").value = "";
    demo.rebuild();
  });

  // --- The ground truth's table -------------------------------------------------------------------------
  let tableKey = null;
  /** The truth's rows as given: the `truth` field's text, or the run's truth (the preset's). */
  function truthRows(state) {
    const text = el("truth").value.trim();
    if (text) {
      return text.split(/[,;]/).filter((g) => g.trim()).map((g) => g.split(":").map((v) => v.trim()));
    }
    const t = state.truth;
    const short = (v) => String(Number(v.toPrecision(6)));
    return t ? Array.from(t.weights, (w, i) => [short(w), short(t.means[i]), short(t.sigmas[i])]) : [];
  }

  function commitTruth(rows) {
    el("truth").value = rows.map((r) => r.join(":")).join(",");
    tableKey = null;
    demo.rebuild();
  }

  function readTable() {
    return [...el("truthBody").rows].map((row) => [...row.querySelectorAll("input")].map((input) => input.value.trim()));
  }

  function renderTable(state) {
    const own = demo.imported !== null;
    const rows = own ? [] : truthRows(state);
    const key = JSON.stringify([own, rows, state.truth?.weights && Array.from(state.truth.weights)]);
    if (key === tableKey) return;
    tableKey = key;
    const body = el("truthBody");
    body.replaceChildren();
    const shares = state.truth && state.truth.weights.length === rows.length ? state.truth.weights : null;
    rows.forEach((row, i) => {
      const tr = document.createElement("tr");
      const cell = (child) => tr.appendChild(document.createElement("td")).append(child);
      tr.appendChild(document.createElement("th")).textContent = String(i + 1);
      const input = (value, name) => {
        const field = document.createElement("input");
        Object.assign(field, { type: "text", inputMode: "decimal", spellcheck: false, value });
        field.setAttribute("aria-label", `true component ${i + 1} ${name}`);
        field.addEventListener("change", () => commitTruth(readTable()));
        return field;
      };
      cell(input(row[0] ?? "", "weight"));
      const share = document.createElement("output");
      share.textContent = shares ? `${Number((100 * shares[i]).toPrecision(3))} %` : "–";
      cell(share);
      cell(input(row[1] ?? "", "mean"));
      cell(input(row[2] ?? "", "sigma"));
      const remove = document.createElement("button");
      Object.assign(remove, { type: "button", textContent: "×", disabled: rows.length <= 1 });
      remove.setAttribute("aria-label", `Remove true component ${i + 1}`);
      remove.addEventListener("click", () => commitTruth(readTable().filter((_, r) => r !== i)));
      cell(remove);
      body.append(tr);
    });
    el("truthAdd").disabled = own || rows.length >= 10;
    el("truthNote").textContent = own
      ? "No ground truth: the data are your own (placed by hand or imported). The button above samples from the preset's truth again."
      : `${rows.length} true component${rows.length === 1 ? "" : "s"}, sampled with data seed ${el("dataSeed").value}: `
        + "a change here draws new data from the same seed (New data draws another).";
  }

  el("truthAdd").addEventListener("click", () => commitTruth([...readTable(), ["1", "0", "1"]]));
  el("truthPreset").addEventListener("click", () => {
    el("truth").value = "";
    demo.imported = null;
    tableKey = null;
    demo.rebuild();
  });

  // --- The classic preset's challenge -------------------------------------------------------------------
  let challengeKey = null;
  function renderChallenge(state) {
    const shown = el("preset").value === "classic" && demo.imported === null;
    el("challenge").hidden = !shown;
    if (!shown || !demo.view) return;
    const key = `${demo.seq}:${state.finished}:${state.step}`;
    if (key === challengeKey) return;
    challengeKey = key;
    // The answer costs the verdict's pass over the data once the run has ended: once per run.
    const answer = demo.view.startChallenge();
    el("challengeText").textContent = answer.challenge;
    el("challengeResult").textContent = answer.result ?? "";
    el("challenge").dataset.solved = String(answer.solved);
  }

  return {
    render(state) {
      placeHandles();
      renderTable(state);
      renderChallenge(state);
    },
  };
}
