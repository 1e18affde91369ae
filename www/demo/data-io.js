// Your own data in (pasted or from a file, parsed by Rust), and the run out (PNG, JSON, CSV downloads).
// File contents are only ever handed to the Rust parser and shown with textContent.

import * as gmm from "../../pkg/gmm_two_ways.js";
import { download } from "../lib/dom.js";

/** Largest file read (bytes); the Rust parser has its own limits on values. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** The run as a plain object: settings, both methods' parameters, statuses, loss histories and measured
 * seconds per step (null untimed). */
export function runRecord(demo) {
  const state = demo.view.state();
  const method = (name) => {
    const m = state[name];
    return {
      method: m.kind, status: m.status, stoppedAt: m.stoppedAt, steps: m.steps, loss: m.loss,
      secondsPerStep: m.secondsPerStep,
      weights: Array.from(m.weights), means: Array.from(m.means), sigmas: Array.from(m.sigmas),
      losses: Array.from(demo.view.lossHistory(name)),
    };
  };
  const settings = { ...demo.currentSettings() };
  delete settings.open;
  return {
    generator: "gmm-two-ways",
    settings,
    data: demo.imported ? { source: demo.imported.label, n: state.n } : { source: "sampled from the preset's ground truth", n: state.n },
    truth: state.truth && {
      weights: Array.from(state.truth.weights), means: Array.from(state.truth.means), sigmas: Array.from(state.truth.sigmas),
      loss: state.truthLoss,
    },
    direct: { optimizer: state.direct.optimizer, learningRate: state.direct.learningRate, ...method("direct") },
    em: { varianceFloor: state.em.varianceFloor, ...method("em") },
  };
}

/** CSV of the loss history: `step,direct,em`, with an empty cell where a method had stopped. */
export function lossCsv(demo) {
  const direct = demo.view.lossHistory("direct");
  const em = demo.view.lossHistory("em");
  const lines = ["step,gradient_descent,em"];
  for (let t = 0; t < Math.max(direct.length, em.length); t++) {
    lines.push(`${t},${t < direct.length ? direct[t] : ""},${t < em.length ? em[t] : ""}`);
  }
  return `${lines.join("\n")}\n`;
}

/** CSV of the data: a header `x`, then one value per line (shortest exact decimal form). */
export function dataCsv(demo) {
  return `x\n${Array.from(demo.view.data(), String).join("\n")}\n`;
}

function csvBlob(text) {
  return new Blob([text], { type: "text/csv" });
}

/** Reads the pasted text, or the chosen file if the text box is empty. */
async function importText(el) {
  const pasted = el("importText").value;
  if (pasted.trim() !== "") return { text: pasted, label: "pasted" };
  const file = el("importFile").files?.[0];
  if (!file) throw new Error("nothing to import: paste numbers or choose a file");
  if (file.size > MAX_FILE_BYTES) {
    throw new Error(`the file is ${(file.size / 1e6).toFixed(1)} MB; files up to ${MAX_FILE_BYTES / 1e6} MB can be read`);
  }
  return { text: await file.text(), label: `from ${file.name}` };
}

/** Says `text` beside the "Fit these numbers" button, as an error or not. */
function report(out, text, error) {
  out.textContent = text;
  out.classList.toggle("action-error", error);
}

/**
 * Parses and fits the user's numbers; on a problem, says which line and why beside the button and in the
 * live region above the plots, and keeps the current run.
 */
async function importData(demo) {
  const el = demo.el;
  const out = el("importResult");
  try {
    if (typeof gmm.parseData !== "function") throw new Error("this build has no data parser");
    const { text, label } = await importText(el);
    const column = el("importColumn").value.trim();
    const parsed = gmm.parseData(text, column === "" ? undefined : column);
    const what = parsed.column ? `${label}, column ${parsed.column}` : label;
    if (!demo.useData(parsed.values, what)) {
      report(out, `Not imported: ${demo.refusalText()}. The current data are kept.`, true);
      return;
    }
    report(out, `Imported ${parsed.values.length.toLocaleString("en")} values (${what}`
      + `${parsed.skippedBlank ? `; ${parsed.skippedBlank} blank lines skipped` : ""}).`, false);
  } catch (error) {
    report(out, `Not imported: ${error.message}. The current data are kept.`, true);
    demo.say(`Import: ${error.message}. The current data are kept.`, "error");
  }
}

export function wireDataIo(demo) {
  const el = demo.el;
  el("importApply").addEventListener("click", () => importData(demo));
  el("importFile").addEventListener("change", () => {
    if (el("importFile").files?.length) el("importText").value = "";
  });
  const png = (canvas, name) => canvas.toBlob((blob) => download(name, blob), "image/png");
  el("exportPngDirect").addEventListener("click", () => png(demo.canvases.direct, "gmm-gradient-descent.png"));
  el("exportPngEm").addEventListener("click", () => png(demo.canvases.em, "gmm-em.png"));
  el("exportPngLoss").addEventListener("click", () => png(demo.canvases.loss, "gmm-loss.png"));
  el("exportJson").addEventListener("click", () => download("gmm-run.json",
    new Blob([`${JSON.stringify(runRecord(demo), null, 1)}\n`], { type: "application/json" })));
  el("exportDataCsv").addEventListener("click", () => download("gmm-data.csv", csvBlob(dataCsv(demo))));
  el("exportLossCsv").addEventListener("click", () => download("gmm-loss.csv", csvBlob(lossCsv(demo))));
}
