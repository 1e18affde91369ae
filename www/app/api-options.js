// What the JS API accepts besides the option table's settings, checked before anything changes: option
// names (a misspelt one is named with the name it probably meant), section lists (`hide`, `open`) as a
// string or an array, and step counts. Every refusal is an Error naming the problem.

import { PANELS, SECTIONS } from "../demo/markup.js";
import { nearestName } from "../lib/near-names.js";
import { optionTable, spec } from "../lib/wasm.js";

/** Options of mount() that configure the demo itself rather than its run. */
export const MOUNT_ONLY = ["hide", "worker", "linkBase", "idPrefix", "keyboard", "autoplay"];

function refusal(field, message, allowed) {
  const error = new Error(message);
  error.field = field;
  error.allowed = allowed;
  return error;
}

/** Throws for a name that is no option (of the table, `open`, or `extra`), naming the likely one. */
export function checkNames(options, extra, caller) {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw refusal("options", `${caller} needs a plain object of options, such as { k: 3 }`, { text: "a plain object" });
  }
  const known = [...optionTable().map((s) => s.name), "open", ...extra];
  const unknown = Object.keys(options).filter((name) => !known.includes(name));
  if (!unknown.length) return;
  const named = unknown.map((name) => {
    const meant = nearestName(name, known);
    return `${JSON.stringify(name)}${meant ? ` (did you mean ${meant}?)` : ""}`;
  });
  throw refusal("option", `${caller}: unknown option ${named.join(", ")}; the options are ${known.join(", ")}`,
    { text: `one of ${known.join(", ")}`, oneOf: known });
}

/** A list of names from a string ("explain side", "explain,side") or an array of strings. */
function nameList(value, field) {
  if (typeof value === "string") return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) return value;
  throw refusal(field, `${field} must be a name or a list of names, such as "explain" or ["explain", "side"]`,
    { text: "a name or a list of names" });
}

/** `names` split into the known parts of `allowed` and the others. */
export function splitNames(names, allowed) {
  return { known: names.filter((n) => allowed.includes(n)), unknown: names.filter((n) => !allowed.includes(n)) };
}

/** The sentence about unknown names in `field` (each with the likely one, if any). */
export function unknownNamesText(field, unknown, allowed) {
  const named = unknown.map((n) => {
    const meant = nearestName(n, allowed);
    return `${JSON.stringify(n.length > 40 ? `${n.slice(0, 40)}…` : n)}${meant ? ` (did you mean ${meant}?)` : ""}`;
  });
  return `${field}: unknown part ${named.join(", ")}; the parts are ${allowed.join(", ")}`;
}

/** Reads `hide` or `open` (string or array) into a list of known names; throws naming any other. */
export function partList(value, field) {
  const allowed = field === "open" ? PANELS : SECTIONS;
  const { known, unknown } = splitNames(nameList(value ?? [], field), allowed);
  if (unknown.length) throw refusal(field, unknownNamesText(field, unknown, allowed), { text: `any of ${allowed.join(", ")}`, oneOf: allowed });
  return known;
}

/** Throws unless `n` is a whole number of steps the fit accepts (0 to the step limit's maximum). */
export function checkSteps(n) {
  const max = spec("maxSteps").max;
  if (!Number.isInteger(n) || n < 0 || n > max) {
    throw refusal("steps", `steps = ${JSON.stringify(n)} is not allowed: steps must be a whole number between 0 and ${max}`,
      { text: `a whole number between 0 and ${max}`, min: 0, max });
  }
}
