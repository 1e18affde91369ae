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

const SETTINGS_ONLY = ["hide", "worker", "linkBase", "idPrefix", "keyPrefix", "keyboard"];

/**
 * Mounts a demo into `element` (its children are replaced). Resolves to a handle:
 * `play()`, `pause()`, `step(n = 1)` and `reset()` (these two resolve to the summary after the step),
 * `rewind(step)` (pauses and shows the recorded step nearest `step`; resolves to the step shown, which
 * `state().shownStep` also gives; `play()` or `step()` goes on from the latest step),
 * `setOptions(options)` (throws an Error naming a refused option, with its `field` and `allowed`; the run is
 * then unchanged), `on(event, listener)` for "step", "stop", "settings" and "error" (returns an
 * unsubscribe function), `state()` (step, losses, parameters), `verdict()` (who ended lower and why, so far or
 * at the end: `{ finished, headline, winner, margin, total, bestLoss, direct, em }`, see src/wasm_verdict.rs),
 * `bestLoss()` (the best fit found on these data and K, or null while the search runs), `settings()`, and
 * `destroy()`.
 * Rejects with an Error that says what is wrong if the options are refused.
 */
export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new Error("mount needs an element to put the demo in");
  ensureStylesheet();
  const settings = Object.fromEntries(SETTINGS_ONLY.filter((k) => k in options).map((k) => [k, options[k]]));
  const demo = new GmmDemo(element, settings);
  const first = Object.fromEntries(Object.entries(options).filter(([k]) => !SETTINGS_ONLY.includes(k)));
  await demo.start(first);
  return handleFor(demo);
}

function handleFor(demo) {
  return {
    play() { demo.setPlaying(true); },
    pause() { demo.setPlaying(false); },
    step(n = 1) { return demo.stepOnce(n); },
    reset() { return demo.reset(); },
    rewind(step) { return demo.timeline.seek(step, "nearest"); },
    setOptions(options) { demo.setOptions(options); },
    on(event, listener) {
      if (!["step", "stop", "settings", "error"].includes(event)) {
        throw new Error(`unknown event ${JSON.stringify(event)}: use step, stop, settings or error`);
      }
      return demo.on(event, listener);
    },
    state() { return demo.view.state(); },
    verdict() { return demo.view.verdict(); },
    bestLoss() { return demo.view.bestLoss(); },
    settings() { return demo.currentSettings(); },
    get element() { return demo.root; },
    destroy() { demo.destroy(); },
  };
}

/** Attributes of the element itself (besides the options'): which sections to hide, and autoplay. */
const ELEMENT_ATTRIBUTES = ["hide", "autoplay"];

/** Attribute (kebab-case) -> option spec, for every option the table gives an attribute. */
function attributeSpecs() {
  return new Map(optionTable().filter((s) => s.attribute).map((s) => [s.attribute, s]));
}

/** Reads the element's attributes into mount options (numbers stay text if they are not numbers: Rust says why). */
function optionsFromAttributes(node) {
  const options = {};
  if (node.hasAttribute("hide")) options.hide = node.getAttribute("hide").split(/[\s,]+/).filter(Boolean);
  if (node.hasAttribute("autoplay")) options.autoplay = node.getAttribute("autoplay") !== "false";
  for (const [attribute, s] of attributeSpecs()) {
    if (!node.hasAttribute(attribute)) continue;
    const raw = node.getAttribute(attribute);
    const numeric = s.kind !== "choice" || s.choices.every((c) => typeof c.value === "number");
    options[s.name] = numeric && raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return options;
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
    this.demo = loadWasm().then(() => mount(this, optionsFromAttributes(this))).catch((error) => {
      const box = document.createElement("p");
      box.className = "gmm-mount-error";
      box.textContent = `gmm-two-ways could not start: ${error.message}`;
      this.replaceChildren(box);
      throw error;
    });
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
          handle.setOptions({ [s.name]: optionsFromAttributes(this)[s.name] });
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
