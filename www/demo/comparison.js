// A mixture fitted elsewhere (e.g. a student's own, in the homework's parameterisation: weights
// softmax(logits), means, log sigmas) shown dotted on both density panels, with its loss beside both
// methods' in one line above the plots. The numbers (its curve and its loss on the run's data) are Rust's
// (src/wasm_comparison.rs); this module keeps the vectors across rebuilds and writes the line.

import { fmt } from "../lib/format.js";

/** The parameter vectors `compare` takes, in the order the Demo's `compare` takes them. */
export const COMPARE_FIELDS = ["logits", "means", "lsigmas"];

function refusal(message) {
  const error = new Error(message);
  error.field = "compare";
  error.allowed = { text: "{ logits, means, lsigmas }: lists of K numbers each" };
  return error;
}

/**
 * Reads `{ logits, means, lsigmas }` (arrays or typed arrays of numbers) into three Float64Arrays; throws an
 * Error naming what is missing, unknown or not a list of numbers (a value that is not finite, or lists of
 * different lengths, are the Demo's to refuse, with Rust's message).
 */
export function readComparison(params) {
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    throw refusal("compare needs an object { logits, means, lsigmas } of lists of numbers");
  }
  const unknown = Object.keys(params).filter((k) => !COMPARE_FIELDS.includes(k));
  if (unknown.length) {
    throw refusal(`compare: unknown field ${unknown.map((k) => JSON.stringify(k)).join(", ")}; the fields are ${COMPARE_FIELDS.join(", ")}`);
  }
  return COMPARE_FIELDS.map((name) => {
    const list = params[name];
    const listLike = Array.isArray(list) || (ArrayBuffer.isView(list) && !(list instanceof DataView));
    if (!listLike) throw refusal(`compare: ${name} must be a list of numbers`);
    const items = [...list];
    const bad = items.findIndex((v) => typeof v !== "number");
    if (bad >= 0) throw refusal(`compare: ${name}[${bad}] is not a number; ${name} must be a list of numbers`);
    return Float64Array.from(items);
  });
}

/** Writes the comparison line (hidden when nothing is compared): its loss beside both methods'. */
export function renderComparison(line, state) {
  const c = state.comparison;
  line.hidden = !c;
  if (!c) return;
  const lower = c.loss < Math.min(state.direct.loss, state.em.loss) ? "lower than both methods'" : "";
  line.textContent = `Your mixture (dotted, K = ${c.weights.length}): loss ${fmt(c.loss, 4)}; `
    + `${state.direct.method} ${fmt(state.direct.loss, 4)}, ${state.em.method} ${fmt(state.em.loss, 4)}`
    + `${lower ? `: ${lower}` : ""}.`;
}
