// The settings form, derived from the option table (optionSpecs(), see lib/wasm.js): which fields there
// are, how each is read, its default, and what a preset sets. Fields marked `rebuild` define the data or
// the start, so changing one starts a new run; the others change the running fit in place.

import { optionTable, spec } from "../lib/wasm.js";

/** The form fields that go into `new Demo(options)`: every fit option with a label, in the table's order. */
export function fields() {
  return optionTable().filter((s) => s.scope === "fit" && s.label);
}

/** The page's own settings with a field (steps per frame, the loss chart's view), in the table's order. */
export function pageFields() {
  return optionTable().filter((s) => s.scope === "page" && s.label);
}

/**
 * Every form field's default (the default preset's values included), by option name; a list of components
 * (truth, start) defaults to an empty field: the preset's truth, a start drawn by the init rule.
 */
export function defaults() {
  return Object.fromEntries(fields().filter((s) => s.default !== null || s.kind === "components")
    .map((s) => [s.name, s.default ?? ""]));
}

/** The preset choice with this id (`{ value, label, lesson, sets }`), or undefined. */
export function presetChoice(id) {
  return spec("preset").choices.find((c) => c.value === id);
}

/**
 * Writes a preset's settings (the options it `sets`) and its lesson into the form; a truth or start given
 * by hand is cleared (the preset's truth and init rule apply).
 */
export function applyPreset(el, preset) {
  writeFields(el, { ...preset.sets, truth: "", start: "" });
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

/** An Error about one field, carrying `field`, `allowed` and `hint` as the boundary's errors do. */
function fieldError(s, message, hint) {
  const error = new Error(message);
  error.field = s.name;
  error.allowed = { text: s.allowed, min: s.min, max: s.max };
  error.hint = hint;
  return error;
}

/**
 * Reads one field of the form (its spec `s`). An empty or unreadable number field is refused here (an
 * Error with `field` and `allowed`); every range check is Rust's, so the page and the JS API give the same
 * messages.
 */
export function readField(el, s) {
  const id = s.name;
  const raw = el(id).value.trim();
  if (s.kind === "choice") return raw;
  if (s.kind === "components") return raw === "" ? undefined : raw; // Rust reads and checks the text
  // A browser keeps only valid numbers in a number field; anything else reads as "".
  if (el(id).validity.badInput) throw fieldError(s, `${id} is not a number: enter a number`, "not a number: enter a number");
  if (raw === "") throw fieldError(s, `${id} is empty: enter a number`, "empty: enter a number");
  const value = Number(raw);
  if (Number.isNaN(value)) throw fieldError(s, `${id} = "${raw}" is not a number`, "not a number: enter a number");
  return value;
}

/** Reads the form into an options object; throws the first field's refusal (see readField). */
export function readOptions(el) {
  return Object.fromEntries(fields().map((s) => [s.name, readField(el, s)]).filter(([, v]) => v !== undefined));
}

/** Steps per frame chosen by the user. */
export function speed(el) {
  return Number(el("speed").value) || 1;
}
