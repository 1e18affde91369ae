// Every refused setting marked at once, where it was typed: `aria-invalid` on its field, the refusal in a
// few words (the error's `hint`) in a slot just after it (tied to the field by aria-describedby), and the
// full messages of them all for the live region. Messages are text only.

import { checkOptions } from "../../pkg/gmm_two_ways.js";
import { fields, readField } from "./controls.js";

/**
 * Every problem of the form: empty or unreadable fields, and each value Rust refuses on its own; `extra`
 * (an error a build or a live setter raised, such as K against the data) is added when no problem names
 * its field yet. In the form's order.
 */
export function formProblems(el, extra = null) {
  const values = {};
  const problems = [];
  for (const s of fields()) {
    try {
      const value = readField(el, s);
      if (value !== undefined) values[s.name] = value; // an empty truth or start: none given
    } catch (error) {
      problems.push(error);
    }
  }
  problems.push(...checkOptions(values));
  if (extra && !problems.some((e) => e.field === extra.field)) problems.push(extra);
  const order = fields().map((s) => s.name);
  const rank = (e) => (order.includes(e.field) ? order.indexOf(e.field) : order.length);
  return problems.sort((a, b) => rank(a) - rank(b));
}

function slotFor(field) {
  const id = `${field.id}-error`;
  let slot = field.ownerDocument.getElementById(id);
  if (!slot) {
    slot = field.ownerDocument.createElement("span");
    slot.id = id;
    slot.className = "field-error";
    field.after(slot);
  }
  return slot;
}

function describedBy(field, id, on) {
  const ids = (field.getAttribute("aria-describedby") ?? "").split(" ").filter((x) => x && x !== id);
  if (on) ids.push(id);
  if (ids.length) field.setAttribute("aria-describedby", ids.join(" "));
  else field.removeAttribute("aria-describedby");
}

/** An error's message led by its field's label ("K fitted: k is empty: enter a number"). */
export function labelled(el, error) {
  const target = typeof error?.field === "string" ? el(error.field) : null;
  const label = target?.labels?.[0]?.textContent.trim();
  return label ? `${label}: ${error.message}` : error.message;
}

/**
 * Marks the fields `errors` name (clearing every other) and puts each message beside its field; returns
 * the messages, labelled, as one text ("" for none).
 */
export function showFieldErrors(el, errors) {
  const bad = new Map(errors.filter((e) => typeof e.field === "string").map((e) => [e.field, e]));
  for (const { name } of fields()) {
    const field = el(name);
    const error = bad.get(name);
    const slot = error || field.nextElementSibling?.classList.contains("field-error") ? slotFor(field) : null;
    if (error) field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
    if (slot) {
      slot.textContent = error ? error.hint ?? error.message : ""; // the label names the field already
      slot.hidden = !error;
      describedBy(field, slot.id, Boolean(error));
    }
  }
  return errors.map((e) => labelled(el, e)).join(". ");
}
