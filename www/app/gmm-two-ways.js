// The public JS API: `mount(element, options)` puts a demo into any element and returns a handle, and
// importing this module defines the custom element `<gmm-two-ways>`, configured by attributes (their names
// come from the option table, see lib/wasm.js). Imported through www/gmm-two-ways.js:
//
//   import { mount } from "./www/gmm-two-ways.js";
//   const demo = await mount(document.querySelector("#here"), { preset: "classic", k: 5, autoplay: true });
//   demo.on("step", ({ step, direct, em }) => console.log(step, direct.loss, em.loss));
//
// Options: any setting of the form (preset, n, k, dataSeed, init, initSeed, optimizer, learningRate,
// varianceFloor, maxSteps, tolerance), speed (steps per frame), open (["side", "data-io"]), data (your own
// numbers, instead of sampled ones), hide (section names, see SECTIONS), autoplay, worker (false: fit on the
// page's thread), linkBase (the URL that "Copy link" points to).

import { GmmDemo } from "../demo/demo.js";
import { SECTIONS } from "../demo/markup.js";
import { loadWasm, optionTable } from "../lib/wasm.js";
import { MOUNT_ONLY, checkNames, partList, splitNames, unknownNamesText } from "./api-options.js";
import { handleFor } from "./handle.js";

export { SECTIONS };

const STYLESHEET = new URL("../style.css", import.meta.url).href;

/** Adds the demo's stylesheet to the document once (a page may link it itself). */
function ensureStylesheet() {
  const present = [...document.querySelectorAll("link[rel=stylesheet]")].some((l) => l.href === STYLESHEET);
  if (!present && !document.querySelector("style[data-gmm-two-ways]")) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = STYLESHEET;
    document.head.append(link);
  }
}

/** Demos mounted and not destroyed: a new mount destroys those in its element. */
const live = new Set();

/**
 * Mounts a demo into `element` (its children are replaced; a demo already in it is destroyed). Resolves
 * to a handle (see handle.js and the README): `play()`, `pause()`, `step(n = 1)`, `reset()` and
 * `setOptions(options)` (queued: each resolves to the summary after its own effect), `rewind(step)`,
 * `on(event, listener)` for "step", "stop", "settings" and "error", `state()`, `verdict()`, `bestLoss()`,
 * `settings()`, `destroy()`, and `element` and `destroyed`.
 * Rejects with an Error naming the problem for an unknown option or section (`hide` is a name, a list of
 * names, or a string of them); a value the run refuses is replaced by its default, with a message.
 */
export function mount(element, options = {}) {
  return mountDemo(element, options, []);
}

/** mount() with `notices`: sentences the demo shows when it starts (e.g. the element's ignored parts). */
export async function mountDemo(element, options, notices) {
  // nodeType, not instanceof: an element of another realm (an iframe's, a WebDriver script's) is one too.
  if (element?.nodeType !== 1) throw new Error("mount needs an element to put the demo in");
  await loadWasm(); // the option names come from the option table
  checkNames(options, MOUNT_ONLY, "mount");
  const hide = partList(options.hide, "hide");
  const open = options.open === undefined ? undefined : partList(options.open, "open");
  for (const old of [...live]) {
    if (old.destroyed) live.delete(old);
    else if (element.contains(old.element)) old.destroy();
  }
  ensureStylesheet();
  const settings = Object.fromEntries(MOUNT_ONLY.filter((k) => k in options).map((k) => [k, options[k]]));
  const demo = new GmmDemo(element, { ...settings, hide });
  live.add(demo);
  const first = Object.fromEntries(Object.entries(options).filter(([k]) => !MOUNT_ONLY.includes(k)));
  try {
    await demo.start({ ...first, ...(open ? { open } : {}), autoplay: options.autoplay, notices });
  } catch (error) {
    demo.destroy();
    live.delete(demo);
    throw error;
  }
  return handleFor(demo);
}

/** Attributes of the element itself (besides the options'): which sections to hide, and autoplay. */
const ELEMENT_ATTRIBUTES = ["hide", "autoplay"];

/** Attribute (kebab-case) -> option spec, for every option the table gives an attribute. */
function attributeSpecs() {
  return new Map(optionTable().filter((s) => s.attribute).map((s) => [s.attribute, s]));
}

/**
 * Reads the element's attributes into mount options (numbers stay text if they are not numbers: Rust says
 * why) and notices: a part `hide` names that the demo lacks is ignored, and said so in the demo.
 */
function optionsFromAttributes(node) {
  const options = {};
  const notices = [];
  if (node.hasAttribute("hide")) {
    const { known, unknown } = splitNames(node.getAttribute("hide").split(/[\s,]+/).filter(Boolean), SECTIONS);
    options.hide = known;
    if (unknown.length) notices.push(`${unknownNamesText("hide", unknown, SECTIONS)}; ignored.`);
  }
  if (node.hasAttribute("autoplay")) options.autoplay = node.getAttribute("autoplay") !== "false";
  for (const [attribute, s] of attributeSpecs()) {
    if (!node.hasAttribute(attribute)) continue;
    const raw = node.getAttribute(attribute);
    const numeric = s.kind === "choice" ? s.choices.every((c) => typeof c.value === "number") : s.kind !== "components";
    options[s.name] = numeric && raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return { options, notices };
}

/**
 * `<gmm-two-ways preset="classic" k="5" learning-rate="0.01" hide="explain side" autoplay>`: a demo in the
 * page, configured by attributes (each option's `attribute` in the option table, plus `hide` and
 * `autoplay`). Its `demo` property resolves to the mount handle. Changing an option's attribute later
 * applies it; a refused value shows its message in the demo. (The attribute names are known only once the
 * wasm module is loaded, so changes are watched with a MutationObserver rather than `observedAttributes`.)
 */
export class GmmTwoWaysElement extends HTMLElement {
  connectedCallback() {
    if (this.demo) return;
    const started = loadWasm().then(() => {
      const { options, notices } = optionsFromAttributes(this);
      return mountDemo(this, options, notices);
    });
    // The failure is shown in the element; `demo` still rejects for whoever awaits it (never uncaught).
    started.catch((error) => {
      if (this.demo !== started) return;
      const box = document.createElement("p");
      box.className = "gmm-mount-error";
      box.textContent = `gmm-two-ways could not start: ${error.message}`;
      this.replaceChildren(box);
    });
    this.demo = started;
    this.watcher = new MutationObserver((records) => this.attributesChanged(records));
    this.watcher.observe(this, { attributes: true, attributeOldValue: true });
  }

  attributesChanged(records) {
    const demo = this.demo;
    if (!demo) return;
    for (const { attributeName: name, oldValue } of records) {
      if (ELEMENT_ATTRIBUTES.includes(name) || oldValue === this.getAttribute(name)) continue;
      demo.then((handle) => {
        const s = attributeSpecs().get(name);
        if (!s) return;
        try {
          handle.setOptions({ [s.name]: optionsFromAttributes(this).options[s.name] }).catch(() => {});
        } catch {
          // The demo shows the message and keeps its run.
        }
      });
    }
  }

  disconnectedCallback() {
    this.watcher?.disconnect();
    this.watcher = null;
    this.demo?.then((handle) => handle.destroy()).catch(() => {});
    this.demo = null;
  }
}

if (!customElements.get("gmm-two-ways")) customElements.define("gmm-two-ways", GmmTwoWaysElement);
