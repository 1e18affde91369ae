// The public JS API: `mount(element, options)` puts a demo into any element and returns a handle, and
// importing this module defines the custom element `<gmm-two-ways>`, configured by attributes.
//
//   import { mount } from "./www/gmm-two-ways.js";
//   const demo = await mount(document.querySelector("#here"), { preset: "classic", k: 5, autoplay: true });
//   demo.on("step", ({ step, direct, em }) => console.log(step, direct.loss, em.loss));
//
// Options: any setting of the form (preset, n, k, dataSeed, init, initSeed, optimizer, learningRate,
// varianceFloor, maxSteps, tolerance), speed (steps per frame), open (["side", "data-io"]), data (your own
// numbers, instead of sampled ones), hide (section names, see SECTIONS), autoplay, worker (false: fit on the
// page's thread), linkBase (the URL that "Copy link" points to).

import { GmmDemo } from "./demo.js";
import { SECTIONS } from "./markup.js";

export { SECTIONS };

const STYLESHEET = new URL("./style.css", import.meta.url).href;

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
 * `setOptions(options)` (throws an Error naming a refused option; the run is then unchanged),
 * `on(event, listener)` for "step", "stop", "settings" and "error" (returns an unsubscribe function),
 * `state()` (step, losses, parameters), `settings()`, and `destroy()`.
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
    setOptions(options) {
      const before = demo.currentSettings();
      const imported = demo.imported;
      demo.writeSettings(options);
      if ("preset" in options && !("data" in options)) demo.imported = null;
      if (!demo.rebuild()) {
        const message = demo.el("message").textContent;
        demo.writeSettings(before);
        demo.imported = imported;
        demo.showDataSource();
        throw new Error(message);
      }
    },
    on(event, listener) {
      if (!["step", "stop", "settings", "error"].includes(event)) {
        throw new Error(`unknown event ${JSON.stringify(event)}: use step, stop, settings or error`);
      }
      return demo.on(event, listener);
    },
    state() { return demo.view.state(); },
    settings() { return demo.currentSettings(); },
    get element() { return demo.root; },
    destroy() { demo.destroy(); },
  };
}

/** Attribute names of `<gmm-two-ways>` (kebab-case) and the options they set. */
const ATTRIBUTES = {
  preset: "preset", n: "n", k: "k", "data-seed": "dataSeed", init: "init", "init-seed": "initSeed",
  optimizer: "optimizer", "learning-rate": "learningRate", "variance-floor": "varianceFloor",
  "max-steps": "maxSteps", tolerance: "tolerance", speed: "speed", hide: "hide", autoplay: "autoplay",
};
const NUMERIC = new Set(["n", "k", "dataSeed", "initSeed", "learningRate", "varianceFloor", "maxSteps", "tolerance", "speed"]);

/** Reads the element's attributes into mount options (numbers stay text if they are not numbers: Rust says why). */
function optionsFromAttributes(node) {
  const options = {};
  for (const [attribute, option] of Object.entries(ATTRIBUTES)) {
    if (!node.hasAttribute(attribute)) continue;
    const raw = node.getAttribute(attribute);
    if (option === "hide") options.hide = raw.split(/[\s,]+/).filter(Boolean);
    else if (option === "autoplay") options.autoplay = raw !== "false";
    else if (NUMERIC.has(option) && raw.trim() !== "" && Number.isFinite(Number(raw))) options[option] = Number(raw);
    else options[option] = raw;
  }
  return options;
}

/**
 * `<gmm-two-ways preset="classic" k="5" learning-rate="0.01" hide="explain side" autoplay>`: a demo in the
 * page, configured by attributes (see ATTRIBUTES). Its `demo` property resolves to the mount handle.
 * Changing an attribute later applies it; a refused value shows its message in the demo.
 */
export class GmmTwoWaysElement extends HTMLElement {
  static get observedAttributes() {
    return Object.keys(ATTRIBUTES);
  }

  connectedCallback() {
    if (this.demo) return;
    this.demo = mount(this, optionsFromAttributes(this)).catch((error) => {
      const box = document.createElement("p");
      box.className = "gmm-mount-error";
      box.textContent = `gmm-two-ways could not start: ${error.message}`;
      this.replaceChildren(box);
      throw error;
    });
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (!this.demo || oldValue === newValue || name === "hide" || name === "autoplay") return;
    this.demo.then((handle) => {
      try {
        handle.setOptions({ [ATTRIBUTES[name]]: optionsFromAttributes(this)[ATTRIBUTES[name]] });
      } catch {
        // The demo shows the message and keeps its run.
      }
    });
  }

  disconnectedCallback() {
    this.demo?.then((handle) => handle.destroy()).catch(() => {});
    this.demo = null;
  }
}

if (!customElements.get("gmm-two-ways")) customElements.define("gmm-two-ways", GmmTwoWaysElement);
