// The settings form: one table of fields, read into the options object that `new Demo(options)` takes.
// Fields marked `rebuild` define the data or the start, so changing one starts a new run; the others
// change the running fit in place.

/** Every field: its element id (= option name), how to read it, and whether it needs a new run. */
export const FIELDS = [
  { id: "preset", kind: "text", rebuild: true },
  { id: "n", kind: "number", rebuild: true },
  { id: "k", kind: "number", rebuild: true },
  { id: "dataSeed", kind: "number", rebuild: true },
  { id: "init", kind: "text", rebuild: true },
  { id: "initSeed", kind: "number", rebuild: true },
  { id: "optimizer", kind: "text", rebuild: false },
  { id: "learningRate", kind: "number", rebuild: false },
  { id: "varianceFloor", kind: "number", rebuild: false },
  { id: "maxSteps", kind: "number", rebuild: false },
  { id: "tolerance", kind: "number", rebuild: false },
];

/** The values a fresh page starts with, besides the preset's own. */
export const DEFAULTS = { initSeed: 1, varianceFloor: 1e-6, maxSteps: 3000, tolerance: 0 };

/** Fills the preset menu (textContent only: nothing is parsed as HTML). */
export function fillPresets(el, presets) {
  const select = el("preset");
  for (const p of presets) {
    const option = document.createElement("option");
    option.value = p.id;
    option.textContent = p.label;
    select.append(option);
  }
}

/** Writes a preset's settings (N, data seed, K, init, optimizer, learning rate) and its lesson into the form. */
export function applyPreset(el, preset) {
  for (const [id, value] of [["n", preset.n], ["dataSeed", preset.dataSeed], ["k", preset.k],
    ["init", preset.init], ["optimizer", preset.optimizer], ["learningRate", preset.learningRate]]) {
    el(id).value = String(value);
  }
  el("lesson").textContent = preset.lesson;
}

/** Keeps the floor's number field and its log-scale slider in step; returns the slider's floor. */
export function syncFloorSlider(el, fromSlider) {
  const field = el("varianceFloor");
  const slider = el("floorSlider");
  if (fromSlider) {
    field.value = (10 ** Number(slider.value)).toExponential(1).replace(".0e", "e");
  } else if (Number(field.value) > 0) {
    slider.value = String(Math.log10(Number(field.value)));
  }
  slider.setAttribute("aria-valuetext", `variance floor ${Number(field.value).toExponential(1)}`);
}

/** Writes a plain object of values into the form. */
export function writeFields(el, values) {
  for (const [id, value] of Object.entries(values)) {
    if (el(id)) el(id).value = String(value);
  }
}

/**
 * Reads the form into an options object. An empty number field is reported here; every range check is
 * Rust's, so the page and the JS API give the same messages.
 */
export function readOptions(el) {
  const options = {};
  for (const { id, kind } of FIELDS) {
    const raw = el(id).value.trim();
    if (kind === "number") {
      // A browser keeps only valid numbers in a number field; anything else reads as "".
      if (el(id).validity.badInput) throw new Error(`${id} is not a number: enter a number`);
      if (raw === "") throw new Error(`${id} is empty: enter a number`);
      options[id] = Number(raw);
      if (Number.isNaN(options[id])) throw new Error(`${id} = "${raw}" is not a number`);
    } else {
      options[id] = raw;
    }
  }
  return options;
}

/** The option a message is about (messages start with its name), or null. */
function namedField(el, message) {
  const named = /^(\w+) (=|is)/.exec(message ?? "");
  if (named && el(named[1])) return named[1];
  if (/^data: .*(data points|K =)/.test(message ?? "")) return "k";
  return null;
}

/** Marks the field an error message names as invalid; returns the message led by that field's label. */
export function markInvalid(el, message) {
  for (const { id } of FIELDS) el(id).removeAttribute("aria-invalid");
  const id = namedField(el, message);
  if (!id) return message;
  el(id).setAttribute("aria-invalid", "true");
  const label = el(id).labels?.[0]?.textContent.trim();
  return label ? `${label}: ${message}` : message;
}

/**
 * Puts the allowed ranges (from Rust's `limits()`) on the number fields as min/max, so arrows and
 * assistive technology know them; Rust still checks every value.
 */
export function applyLimits(el, limits) {
  const ranges = { n: limits.n, k: limits.k, dataSeed: limits.seed, initSeed: limits.seed,
    learningRate: limits.learningRate, varianceFloor: limits.varianceFloor, maxSteps: limits.maxSteps,
    tolerance: limits.tolerance };
  for (const [id, [min, max]] of Object.entries(ranges)) {
    el(id).min = String(min);
    el(id).max = String(max);
  }
  el("limitsHint").textContent = `N from ${limits.n[0]} to ${limits.n[1].toLocaleString("en")}; `
    + `K from ${limits.k[0]} to ${limits.k[1]}.`;
}

/** Steps per frame chosen by the user. */
export function speed(el) {
  return Number(el("speed").value) || 1;
}
