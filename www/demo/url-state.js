// Settings in the page's URL: one table says how each query parameter is read and written, so a link
// rebuilds the same data and the same run. Values are only ever parsed as numbers or matched against
// fixed names; nothing from the URL reaches the page as HTML.

import { nearestName } from "../lib/near-names.js";
import { optionTable } from "../lib/wasm.js";
import { PANELS, SECTIONS } from "./markup.js";

const NUMBER = "number";
const TEXT = "text";
const LIST = "list";
const FLAG = "flag";

/** Parameters of the page itself (which sections are open, and embedding), beside the options. */
const PAGE_PARAMS = [
  { name: "open", kind: LIST, allowed: PANELS },
  // Embedding: show only the plots and chosen parts, start by itself, tell the parent page about each step.
  { name: "embed", kind: FLAG },
  { name: "hide", kind: LIST, allowed: SECTIONS },
  { name: "show", kind: LIST, allowed: SECTIONS },
  { name: "autoplay", kind: FLAG },
];

/**
 * Every query parameter: its name, the setting it fills, how it is read, and (for lists and menus of
 * numbers) the allowed items. The options' come from the option table; a menu of texts is read as text
 * and checked by Rust when the run is built.
 */
export function urlParams() {
  const options = optionTable().filter((s) => s.url).map((s) => {
    const numericMenu = s.kind === "choice" && s.choices.every((c) => typeof c.value === "number");
    const kind = (s.kind === "choice" && !numericMenu) || s.kind === "components" ? TEXT : NUMBER;
    // A page setting's menu is checked here (Rust checks the fit's when the run is built).
    const checked = numericMenu || (s.kind === "choice" && s.scope === "page");
    return { name: s.url, setting: s.name, kind, allowed: checked ? s.choices.map((c) => c.value) : undefined };
  });
  return [...options, ...PAGE_PARAMS.map((p) => ({ ...p, setting: p.name }))];
}

/** Longest value read from the URL; anything longer is refused unread. */
const MAX_VALUE_LENGTH = 400;

/**
 * Parameters that course sites, LMSs and link trackers add to a page's address: ignored without a word.
 * (Prefixes end in "_"; LTI launches send lti_*, oauth_*, lis_*, context_*, resource_link_*, ...)
 */
const FOREIGN_PREFIXES = ["utm_", "lti_", "oauth_", "lis_", "ext_", "custom_", "context_", "resource_link_",
  "launch_presentation_", "tool_consumer_", "mc_", "hsa_", "pk_", "mtm_", "_ga", "_gl", "_hs"];
const FOREIGN_NAMES = new Set(["fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
  "igshid", "twclid", "ttclid", "li_fat_id", "mkt_tok", "srsltid", "ref", "referrer", "source", "user_id",
  "roles", "lang", "locale", "session", "sessionid", "token", "id", "v", "t", "cb", "_", "sesskey", "course",
  "courseid", "cmid", "forceview", "redirect", "embedded"]);

function isForeign(key) {
  const name = key.toLowerCase();
  return FOREIGN_NAMES.has(name) || FOREIGN_PREFIXES.some((prefix) => name.startsWith(prefix));
}

/** Up to three misspelt names are listed; of more, two are listed and the rest counted (one line). */
const LISTED_MISSPELLINGS = 3;

/**
 * The one note about parameters the demo does not know: none for tracking and LMS parameters or names
 * unlike any setting (they are ignored), one short sentence naming those that look like a misspelt
 * setting (edit distance, see lib/near-names.js) with the setting each probably meant.
 */
function unknownParamsNote(keys, known) {
  const misspelt = [];
  for (const key of keys) {
    if (known.includes(key) || isForeign(key)) continue;
    const meant = nearestName(key, known);
    if (meant) misspelt.push(`${JSON.stringify(clip(key, 20))} (${meant}?)`);
  }
  if (!misspelt.length) return null;
  const shown = misspelt.length <= LISTED_MISSPELLINGS ? misspelt.length : LISTED_MISSPELLINGS - 1;
  const listed = misspelt.slice(0, shown).join(", ");
  const more = misspelt.length > shown ? ` and ${misspelt.length - shown} more` : "";
  return `URL: ignored ${listed}${more}.`;
}

/**
 * Reads a query string into settings. Returns `{ settings, problems }`: each problem is a sentence naming
 * the parameter, its value as given and what is allowed; the parameter is then left out (its default
 * stays). Unknown parameters are ignored (see unknownParamsNote). Range checks of the fit settings are
 * Rust's, made when the run is built.
 */
export function fromQuery(search) {
  const params = new URLSearchParams(search);
  const settings = {};
  const problems = [];
  const table = urlParams();
  const note = unknownParamsNote(new Set(params.keys()), table.map((p) => p.name));
  if (note) problems.push(note);
  for (const { name, setting, kind, allowed } of table) {
    if (!params.has(name)) continue;
    const raw = params.get(name);
    if (raw.length > MAX_VALUE_LENGTH) {
      problems.push(`URL: ${name} is longer than ${MAX_VALUE_LENGTH} characters; the default is used.`);
      continue;
    }
    if (kind === NUMBER) {
      const value = raw.trim() === "" ? NaN : Number(raw);
      if (!Number.isFinite(value)) {
        problems.push(`URL: ${name}=${JSON.stringify(clip(raw))} is not a number; the default is used.`);
      } else if (allowed && !allowed.includes(value)) {
        problems.push(`URL: ${name}=${clip(raw)} is not allowed (use one of ${allowed.join(", ")}); the default is used.`);
      } else {
        settings[setting] = value;
      }
    } else if (kind === TEXT) {
      if (allowed && !allowed.includes(raw)) {
        problems.push(`URL: ${name}=${JSON.stringify(clip(raw))} is not allowed (use one of ${allowed.join(", ")}); `
          + "the default is used.");
      } else {
        settings[setting] = raw;
      }
    } else if (kind === FLAG) {
      if (["1", "true", ""].includes(raw)) settings[setting] = true;
      else if (["0", "false"].includes(raw)) settings[setting] = false;
      else problems.push(`URL: ${name}=${JSON.stringify(clip(raw))} is not allowed (use 1 or 0); it was ignored.`);
    } else {
      const items = raw.split(",").map((s) => s.trim()).filter(Boolean);
      const bad = items.filter((item) => !allowed.includes(item));
      if (bad.length) {
        problems.push(`URL: ${name} has unknown ${bad.map((b) => JSON.stringify(clip(b))).join(", ")} `
          + `(allowed: ${allowed.join(", ")}); ${bad.length === 1 ? "it was" : "they were"} ignored.`);
      }
      settings[setting] = items.filter((item) => allowed.includes(item));
    }
  }
  return { settings, problems };
}

function clip(text, length = 40) {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

/** Writes settings as a query string (in the table's order; lists comma-separated; false flags left out). */
export function toQuery(settings) {
  const params = new URLSearchParams();
  for (const { name, setting, kind } of urlParams()) {
    const value = settings[setting];
    if (value === undefined || value === null) continue;
    if (kind === FLAG) {
      if (value) params.set(name, "1");
    } else if (kind === LIST) {
      if (value.length) params.set(name, value.join(","));
    } else {
      params.set(name, String(value));
    }
  }
  // Commas and colons (lists, and a mixture's weight:mean:sigma) stay readable in the address.
  return params.toString().replaceAll("%2C", ",").replaceAll("%3A", ":");
}
