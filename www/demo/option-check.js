// Options checked one by one before they touch the form (Rust's checkOptions: name, type, range, each on
// its own), so a refused value is named as it was given (`init = "random"`), never as the "" a menu
// would turn it into, and the others are kept.

import { checkOptions } from "../../pkg/gmm_two_ways.js";
import { spec } from "../lib/wasm.js";

/**
 * Splits `options` into `accepted` (every name the option table knows whose value Rust accepts by itself,
 * plus the names it does not know, left to the caller) and `refusals` (JS Errors with `field`, `allowed`).
 */
export function screenOptions(options) {
  const accepted = {};
  const refusals = [];
  for (const [name, value] of Object.entries(options)) {
    if (!spec(name) || value === undefined) {
      accepted[name] = value;
      continue;
    }
    let errors;
    try {
      errors = checkOptions({ [name]: value });
    } catch (error) {
      errors = [error]; // not even readable (a list with a non-number in it)
    }
    if (errors.length) refusals.push(...errors);
    else accepted[name] = value;
  }
  return { accepted, refusals };
}

/** An Error for a refusal: the messages of all, and the first one's `field` and `allowed`. */
export function refusalError(refusals) {
  const error = new Error(refusals.map((e) => e.message).join("; "));
  error.field = refusals[0].field ?? null;
  error.allowed = refusals[0].allowed ?? null;
  return error;
}
