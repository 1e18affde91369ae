// One demo on a page: it owns the lifecycle and the state (its markup, settings form, drawing loop, fitting
// engine and teaching sections). `mount(element, options)` (www/app/gmm-two-ways.js) creates one;
// index.html mounts one, www/embed-example.html two. The fit steps in a Web Worker (www/engine/); this
// thread keeps a copy of the Demo that only shows the worker's progress, draws it, and answers questions.

import { Demo, randomSeed } from "../../pkg/gmm_two_ways.js";
import { createEngine } from "../engine/engine.js";
import { fmt } from "../lib/format.js";
import { loadWasm, spec } from "../lib/wasm.js";
import { createTeaching } from "../teach/teaching.js";
import {
  applyPreset, defaults, fields, pageFields, presetChoice, readField, readOptions, speed, syncFloorSlider, writeFields,
} from "./controls.js";
import { readComparison, renderComparison } from "./comparison.js";
import { wireDataIo } from "./data-io.js";
import { createEnding } from "./ending.js";
import { formProblems, labelled, showFieldErrors } from "./field-errors.js";
import { wireByHand } from "./by-hand.js";
import { wireHover } from "./hover.js";
import { registerShortcuts } from "./keys.js";
import { PANELS, SECTIONS, buildDemo } from "./markup.js";
import { refusalError, screenOptions } from "./option-check.js";
import { componentNotes, describeFit, namePanels, renderReadouts, renderSideQuestions } from "./readouts.js";
import { renderRunBar, wireDrawer } from "./run-bar.js";
import { Timeline } from "./timeline.js";
import { toQuery } from "./url-state.js";

const REDUCED_MOTION_REDRAW_MS = 500; // with reduced motion, the charts change at most twice a second
const ANNOUNCE_EVERY_MS = 5000; // the live region speaks at a readable pace while running

let mounted = 0;

export class GmmDemo {
  /**
   * `settings`: `{ idPrefix, hide: [section names], worker: bool, keyboard: bool, linkBase: URL }`.
   * Keyboard shortcuts go to the demo that has the focus or was last clicked, or to the only one (keys.js).
   * Call `start(options)` next.
   */
  constructor(element, settings = {}) {
    this.prefix = settings.idPrefix ?? `gmm${++mounted}-`;
    checkSections(settings.hide ?? []);
    this.element = element;
    this.root = null; // built by start(), once the option table is loaded
    this.el = (id) => this.root.querySelector(`#${CSS.escape(this.prefix + id)}`);
    this.settings = settings;
    this.view = null; // this thread's copy of the Demo: shows the worker's progress
    this.options = null; // the options it was built from
    this.imported = null; // { values, label } when the data are the user's own
    this.compared = null; // [logits, means, lsigmas] of the mixture shown beside the fits, if any
    this.playing = false;
    this.running = false; // the engine's last word on whether it is stepping
    this.seq = 0; // builds, resets and relabellings: the engine's reports from before the last one are dropped
    this.dirty = false;
    this.rate = 0;
    this.lastDraw = 0;
    this.lastAnnounce = 0;
    this.lastStep = -1;
    this.listeners = new Map();
    this.acks = 0; // commands whose report someone awaits: ack -> { resolve, reject }
    this.replies = new Map();
    this.built = null; // resolves to the summary once the engine has built the current run
    this.destroyed = false;
    this.timeline = new Timeline(this); // rewinds both fits to a recorded step
    this.reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
    this.darkMode = window.matchMedia("(prefers-color-scheme: dark)");
  }

  /** Hides the named sections. */
  hide(names) {
    checkSections(names);
    for (const node of this.root.querySelectorAll("[data-section]")) {
      node.hidden = names.includes(node.dataset.section);
    }
  }

  /**
   * Starts the wasm module, builds the markup (its form from the option table) and the engine, fills the
   * form from `options`, builds the first run.
   */
  async start(options = {}) {
    const module = await loadWasm();
    if (this.destroyed) throw new Error("this demo was destroyed before it started (another demo replaced it)");
    this.wasmModule = module;
    this.root = buildDemo(this.prefix);
    this.canvases = { direct: this.el("directCanvas"), em: this.el("emCanvas"), loss: this.el("lossCanvas") };
    this.hide(this.settings.hide ?? []);
    this.element.replaceChildren(this.root);
    // For tests: where each chart last put its plot, legends and texts (Demo.chartLayout), no global.
    this.root.chartLayout = (chart) => this.view?.chartLayout(chart) ?? null;
    this.engine = createEngine("fit", (msg) => this.onReport(msg), { worker: this.settings.worker !== false, wasmModule: module });
    this.resizer = new ResizeObserver(() => this.onResize());
    this.resizer.observe(this.root);
    // In embed mode the page keeps its size and the charts share what is left (a note that appears shrinks them).
    for (const canvas of Object.values(this.canvases)) this.resizer.observe(canvas);
    this.sizeCanvases();
    this.wire();
    // A value refused by itself is named as given and left at its default; the rest are kept.
    const { accepted, refusals } = screenOptions(options);
    this.writeSettings(accepted, true);
    const notices = [...(options.notices ?? []), ...refusals.map((e) => `${labelled(this.el, e)}; the default is used.`)];
    this.buildWithDefaultsForRefused(notices);
    this.root.dataset.ready = "true";
    if (options.autoplay) this.setPlaying(true);
    return this;
  }

  /**
   * Builds the first run. A setting Rust refuses (from a URL, attributes or mount options) is replaced by
   * its default, one at a time, and the page says which and why; the other settings are kept.
   */
  buildWithDefaultsForRefused(notices) {
    const refused = [];
    const fallback = defaults();
    const limit = fields().length + 1;
    for (let attempt = 0; attempt <= limit; attempt++) {
      if (this.rebuild()) break;
      refused.push(labelled(this.el, this.refusal));
      const bad = this.refusal?.field;
      const preset = presetChoice(this.el("preset").value);
      if (bad && bad !== "preset" && preset && bad in fallback) {
        writeFields(this.el, { [bad]: preset.sets[bad] ?? fallback[bad] });
      } else {
        this.imported = null;
        writeFields(this.el, fallback);
        applyPreset(this.el, presetChoice(fallback.preset));
      }
      if (attempt === limit) throw new Error("the default settings were refused");
    }
    const all = [...notices, ...refused.map((m) => `${m}; the default is used.`)];
    if (all.length) this.say(all.join(" "), "error");
  }

  /** Writes settings (any option name, `speed`, `open`) into the form; `fresh` fills in the defaults first. */
  writeSettings(options, fresh = false) {
    if (fresh) writeFields(this.el, defaults());
    const preset = presetChoice(options.preset) ?? (fresh ? presetChoice(defaults().preset) : null);
    if (preset) {
      this.el("preset").value = preset.value;
      applyPreset(this.el, preset);
    } else if (options.preset !== undefined) this.el("preset").value = String(options.preset); // Rust refuses it
    const given = Object.fromEntries(fields().filter(({ name }) => name !== "preset" && options[name] !== undefined)
      .map(({ name }) => [name, options[name]]));
    writeFields(this.el, given);
    for (const { name } of pageFields()) {
      if (options[name] !== undefined) this.el(name).value = String(options[name]);
    }
    if (options.open) {
      for (const name of PANELS) this.panel(name).open = options.open.includes(name);
    }
    if (options.data !== undefined) this.imported = { values: Float64Array.from(options.data), label: "given data" };
    syncFloorSlider(this.el, false);
  }

  panel(name) {
    return this.root.querySelector(`details[data-section="${name}"]`);
  }

  /** Everything a link needs to rebuild this run: the form, the speed and the open panels. */
  currentSettings() {
    const values = {};
    for (const { name, kind } of fields()) {
      const raw = this.el(name).value.trim();
      if (kind === "components") {
        if (raw !== "") values[name] = raw;
      } else values[name] = kind === "choice" ? raw : Number(raw);
    }
    for (const { name } of pageFields()) values[name] = name === "speed" ? speed(this.el) : this.el(name).value;
    values.open = PANELS.filter((name) => this.panel(name).open);
    return values;
  }

  on(name, listener) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name).add(listener);
    return () => this.listeners.get(name).delete(listener);
  }

  emit(name, detail) {
    for (const listener of this.listeners.get(name) ?? []) {
      try {
        listener(detail);
      } catch (error) {
        console.error(`gmm-two-ways: a "${name}" listener failed:`, error);
      }
    }
  }

  say(text, kind = "") {
    const box = this.el("message");
    box.textContent = text;
    box.className = `message ${kind}`;
  }

  /** Bitmaps at the screen's pixel density (Rust draws in CSS pixels on them, see render/canvas.rs). */
  /** Returns whether any canvas changed size (a resized canvas is blank until drawn again). */
  sizeCanvases() {
    const ratio = Math.min(3, Math.max(1, window.devicePixelRatio || 1));
    let changed = false;
    for (const canvas of this.root.querySelectorAll("canvas")) {
      if (canvas.clientWidth === 0) continue; // hidden
      const width = Math.round(Math.max(200, canvas.clientWidth) * ratio);
      const height = Math.round(Math.max(150, canvas.clientHeight) * ratio);
      // Assigning a size clears the bitmap, even the same size: only when it changes.
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
        changed = true;
      }
    }
    return changed;
  }

  onResize() {
    clearTimeout(this.resizeTimer);
    this.resizeTimer = setTimeout(() => {
      if (this.sizeCanvases() && this.view) this.redrawAll();
    }, 100);
  }

  /** Every chart, including the teaching sections' (after a resize or a change of colour theme). */
  redrawAll() {
    this.draw();
    this.teaching.retheme();
  }

  theme() {
    return this.darkMode.matches ? "dark" : "light";
  }

  /** A snapshot for listeners: the step, and each method's loss and status. */
  summary(state = this.view.state()) {
    const method = (m) => ({ loss: m.loss, status: m.status, steps: m.steps });
    return { step: state.step, finished: state.finished, direct: method(state.direct), em: method(state.em),
      truthLoss: state.truthLoss };
  }

  /** Draws both panels and the loss chart, then updates readouts and text alternatives. */
  draw() {
    this.lastDraw = performance.now();
    this.dirty = false;
    for (const method of ["direct", "em"]) {
      if (!this.canvases[method].hidden && this.canvases[method].clientWidth) {
        this.view.drawDensity(method, this.canvases[method]);
      }
    }
    if (this.canvases.loss.clientWidth) this.view.drawLoss(this.canvases.loss);
    const state = this.view.state();
    renderReadouts(this.el, state, this.options.tolerance, this.view.componentColours());
    renderComparison(this.el("comparison"), state);
    this.timeline.render(state);
    renderRunBar(this.el);
    this.el("rate").textContent = this.running || this.playing ? String(Math.round(this.rate)) : "–";
    this.canvases.direct.setAttribute("aria-label", describeFit("direct", state));
    this.canvases.em.setAttribute("aria-label", describeFit("em", state));
    namePanels(this.root, state);
    this.canvases.loss.setAttribute("aria-label", `Loss per step: ${state.direct.method} ${fmt(state.direct.loss, 4)}, `
      + `${state.em.method} ${fmt(state.em.loss, 4)}${state.truthLoss === null ? "" : `, ground truth ${fmt(state.truthLoss, 4)}`}.`);
    if (this.panel("side").open) renderSideQuestions(this.el, this.view.sideQuestions());
    this.ending.render(state);
    this.hover.refresh();
    this.byHand.render(state);
    this.teaching.render();
    const notes = [...componentNotes("direct", state.direct, state.em.varianceFloor),
      ...componentNotes("em", state.em, state.em.varianceFloor)];
    if (!this.el("message").classList.contains("error")) this.say(notes.join(" "), notes.length ? "note" : "");
    return state;
  }

  /**
   * Shows `{ logits, means, lsigmas }` dotted on both density panels, with its loss on this run's data
   * (kept across rebuilds until `clearComparison()`); returns `{ loss, weights, means, sigmas }`. Throws an
   * Error (`field: "compare"`) naming the problem, and then changes nothing.
   */
  compare(params) {
    const vectors = readComparison(params);
    const result = this.view.compare(...vectors);
    this.compared = vectors;
    this.draw();
    return result;
  }

  /** Removes the compared mixture. */
  clearComparison() {
    this.compared = null;
    this.view.clearComparison();
    this.draw();
  }

  /** Tells screen readers the step and both losses (politely, and not too often while running). */
  announce(state, force = false) {
    const now = performance.now();
    if (!force && now - this.lastAnnounce < ANNOUNCE_EVERY_MS) return;
    this.lastAnnounce = now;
    this.el("announce").textContent = `Step ${state.step}: ${state.direct.method} loss ${fmt(state.direct.loss, 3)}, `
      + `${state.em.method} loss ${fmt(state.em.loss, 3)}.${state.finished ? " Both methods have stopped." : ""}`;
  }

  /** The options for `new Demo`: the form, plus the user's data when imported. */
  formOptions() {
    const next = readOptions(this.el);
    if (this.imported) next.data = this.imported.values;
    return next;
  }

  /**
   * Builds a new run from the form. On bad input, says why (marking every refused field, each with its
   * message beside it), keeps the last good run, keeps the first error in `refusal` and returns false.
   * On success `built` resolves to the new run's summary once the engine has built it.
   */
  rebuild() {
    let next;
    try {
      next = this.formOptions();
      const candidate = new Demo(next);
      candidate.setTheme(this.theme());
      if (this.compared) candidate.compare(...this.compared); // checked when it was first compared
      this.view?.free();
      this.view = candidate;
      this.options = next;
    } catch (error) {
      const problems = formProblems(this.el, error);
      this.refusal = problems[0] ?? error;
      this.say(`${showFieldErrors(this.el, problems.length ? problems : [error])}. The last valid run is kept.`, "error");
      this.emit("error", { message: error.message, field: error.field ?? null, allowed: error.allowed ?? null });
      return false;
    }
    this.refusal = null;
    this.timeline.toLive();
    showFieldErrors(this.el, []);
    this.say("");
    this.showDataSource();
    this.setPlaying(false);
    this.seq += 1;
    this.lastStep = -1;
    this.built = this.request({ type: "build", options: next, seq: this.seq });
    this.ending.rebuild(next);
    this.teaching.rebuild(next);
    this.draw();
    this.emit("settings", this.currentSettings());
    return true;
  }

  /**
   * Checks options (any option name, `speed`, `open`, `data`) each on its own; throws an Error naming every
   * refused one (with the first's `field` and `allowed`), which the page also shows.
   */
  checkOptions(options) {
    const { refusals } = screenOptions(options);
    if (!refusals.length) return;
    const error = refusalError(refusals);
    this.say(`${refusals.map((e) => labelled(this.el, e)).join(". ")}. The run is unchanged.`, "error");
    this.emit("error", { message: error.message, field: error.field, allowed: error.allowed });
    throw error;
  }

  /**
   * Applies options as the JS API's `setOptions` does: a new run, whose summary the returned promise
   * resolves to once built; or, if Rust refuses them, an Error (with the refused option's `field` and
   * `allowed`) and the previous settings and run kept.
   */
  setOptions(options) {
    this.checkOptions(options);
    const before = this.currentSettings();
    const imported = this.imported;
    // A start by hand has K components: a new K, init rule or seed without a start asks for a drawn one.
    if (["k", "init", "initSeed"].some((name) => name in options) && !("start" in options)) this.el("start").value = "";
    this.writeSettings(options);
    if ("preset" in options && !("data" in options)) this.imported = null;
    if (this.rebuild()) return this.built;
    const refusal = this.refusal;
    const error = new Error(this.el("message").textContent);
    error.field = refusal?.field ?? null;
    error.allowed = refusal?.allowed ?? null;
    this.writeSettings(before);
    this.imported = imported;
    this.showDataSource();
    showFieldErrors(this.el, []); // the form holds the kept run's settings again
    throw error;
  }

  /** Fits the user's own numbers (`label` says where they come from); false (data kept) if refused. */
  useData(values, label) {
    const previous = this.imported;
    this.imported = { values, label };
    if (this.rebuild()) return true;
    this.imported = previous;
    this.showDataSource();
    return false;
  }

  /** The last refusal, led by its field's label ("K fitted: data: …"). */
  refusalText() {
    return this.refusal ? labelled(this.el, this.refusal) : "";
  }

  /**
   * Rebuilds the run from another start: a restart's (`{ init, initSeed }`) or a K-selection fit's (`{ k, start }`,
   * the start as its text); a start given by hand is cleared unless `fields` give one. False if refused.
   */
  loadStart(fields) {
    writeFields(this.el, { start: "", ...fields });
    return this.rebuild();
  }

  /** With imported data, the lesson line says so and the sampling fields are set aside. */
  showDataSource() {
    const own = this.imported !== null;
    for (const id of ["n", "dataSeed", "newData"]) this.el(id).disabled = own;
    if (own) {
      this.el("n").value = String(this.imported.values.length);
      this.el("lesson").textContent = `Your own data (${this.imported.values.length.toLocaleString("en")} values, `
        + `${this.imported.label}). There is no ground truth: no dashed true curve, no truth's loss, and the table `
        + "lists the fitted components only. Choose a preset to go back to sampled data.";
    }
  }

  /**
   * Applies a setting that changes the running fit in place (no reset); every refused field of the form
   * stays marked, this one's refusal included.
   */
  updateLive(id) {
    let failure = null;
    try {
      // Only the fields this setter takes are read, so another field's refusal does not hold it back.
      const read = (name) => readField(this.el, spec(name));
      const call = {
        optimizer: () => ["setOptimizer", [read("optimizer")]],
        secondMethod: () => ["setSecondMethod", [read("secondMethod")]],
        learningRate: () => ["setLearningRate", [read("learningRate")]],
        varianceFloor: () => ["setVarianceFloor", [read("varianceFloor")]],
        maxSteps: () => ["setStopRule", [read("maxSteps"), read("tolerance")]],
        tolerance: () => ["setStopRule", [read("maxSteps"), read("tolerance")]],
      }[id]();
      this.view[call[0]](...call[1]); // validates; throws an Error naming the field
      this.engine.send({ type: "set", method: call[0], args: call[1] });
      this.options = { ...this.options, [id]: read(id) };
      this.draw();
      this.emit("settings", this.currentSettings());
    } catch (error) {
      failure = error;
      this.emit("error", { message: error.message, field: error.field ?? null, allowed: error.allowed ?? null });
    }
    const problems = formProblems(this.el, failure);
    const text = showFieldErrors(this.el, problems);
    if (!problems.length) this.say("");
    else if (failure) this.say(`${text}. The run goes on with the previous value.`, "error");
    else this.say(`${text}. The last valid run is kept.`, "error");
  }

  /** A report from the engine: apply it to this thread's copy, then draw (at the next frame if playing). */
  onReport(msg) {
    // For tests: where the fit runs ("workers": one per panel, "worker", "page"); a worker that could not
    // load falls back to the page.
    this.root.dataset.engine = this.engine.kind;
    if (msg.type === "error") {
      this.settle(msg.ack, new Error(msg.message));
      if (msg.seq !== this.seq && msg.seq !== -1) return;
      this.running = false;
      this.setPlaying(false);
      this.say(`The fit stopped: ${msg.message}`, "error");
      this.emit("error", { message: msg.message });
      return;
    }
    if (msg.seq !== this.seq || !this.view) {
      this.settle(msg.ack); // a command overtaken by a newer build or reset: answered with the state now
      return;
    }
    if (msg.type === "snapshot") {
      this.timeline.onSnapshot(msg);
      return;
    }
    this.view.applyProgress(msg.list);
    this.rate = msg.stepsPerSecond;
    this.running = msg.running;
    this.root.dataset.running = String(msg.running);
    // A report sent before the engine heard "run" says not running: only a finished fit ends playing.
    if (this.playing && this.view.finished) this.setPlaying(false);
    if (this.playing) {
      this.dirty = true;
    } else {
      this.announce(this.draw(), true);
    }
    const step = this.view.step;
    if (step !== this.lastStep) {
      this.lastStep = step;
      const detail = this.summary();
      this.emit("step", detail);
      if (detail.finished) this.emit("stop", detail);
    }
    this.settle(msg.ack);
  }

  /** Sends a command to the engine; resolves to the summary after the report that answers it. */
  request(msg) {
    const ack = ++this.acks;
    const reply = new Promise((resolve, reject) => this.replies.set(ack, { resolve, reject }));
    this.engine.send({ ...msg, ack });
    reply.catch(() => {}); // a button's step needs no answer: only a caller that awaits it sees a rejection
    return reply;
  }

  /** Answers the command `ack` (if someone awaits it): the summary now, or `error`. */
  settle(ack, error = null) {
    const reply = this.replies.get(ack);
    if (!reply) return;
    this.replies.delete(ack);
    if (error) reply.reject(error);
    else if (this.view) reply.resolve(this.summary());
    else reply.reject(destroyedError());
  }

  setPlaying(on) {
    if (on) this.timeline.toLive(); // Play resumes from the live end
    if (on && this.view.finished) {
      this.say("Both methods have stopped. Press Reset to run again, or raise Max steps to let them go on.", "note");
    }
    const was = this.playing;
    this.playing = on && !this.view.finished;
    const button = this.el("play");
    button.textContent = this.playing ? "Pause" : "Play";
    button.setAttribute("aria-pressed", String(this.playing));
    if (this.playing && !was) {
      this.engine.send({ type: "run", speed: speed(this.el) });
      requestAnimationFrame(() => this.frame());
    } else if (!this.playing && was) {
      this.engine.send({ type: "pause" });
    }
  }

  /** One animation frame while playing: draw the newest progress, if any. */
  frame() {
    if (!this.playing) return;
    const calm = this.reducedMotion.matches && performance.now() - this.lastDraw < REDUCED_MOTION_REDRAW_MS;
    if (this.dirty && !calm) this.announce(this.draw());
    requestAnimationFrame(() => this.frame());
  }

  stepOnce(n = 1) {
    this.timeline.toLive();
    this.setPlaying(false);
    return this.request({ type: "step", n });
  }

  reset() {
    this.timeline.toLive();
    this.setPlaying(false);
    this.view.reset();
    this.seq += 1;
    this.lastStep = -1;
    const reply = this.request({ type: "reset", seq: this.seq });
    this.ending.reset();
    this.draw();
    return reply;
  }

  shuffle() {
    const order = Array.from(this.view.shuffleLabels());
    this.seq += 1;
    this.engine.send({ type: "permute", order, seq: this.seq });
    this.el("shuffleResult").textContent = `New labels: component i is now the former component `
      + `${order.map((i) => i + 1).join(", ")} (for i = 1, 2, …). The curves did not move.`;
    this.draw();
  }

  /** A keyboard shortcut meant for this demo (keys.js decides which demo a key press is for). */
  onShortcut(event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest?.("input, select, textarea")) return;
    if (event.key === "p") this.setPlaying(!this.playing);
    else if (event.key === "s") this.stepOnce();
    else if (event.key === "r") this.reset();
    else if (event.key === ",") this.timeline.back();
    else if (event.key === ".") this.timeline.forward();
  }

  wire() {
    const el = this.el;
    for (const { name: id, rebuild: needsRebuild } of fields()) {
      el(id).addEventListener("change", () => {
        // An unknown preset (only a tampered page can send one) is left for Rust to refuse with a message.
        const preset = presetChoice(el("preset").value);
        if (id === "preset" && preset) {
          applyPreset(el, preset);
          this.imported = null;
        }
        if (id === "varianceFloor") syncFloorSlider(el, false);
        if (needsRebuild) this.rebuild();
        else this.updateLive(id);
      });
    }
    el("speed").addEventListener("change", () => {
      if (this.playing) this.engine.send({ type: "run", speed: speed(el) });
      this.emit("settings", this.currentSettings());
    });
    el("floorSlider").addEventListener("input", () => {
      syncFloorSlider(el, true);
      this.updateLive("varianceFloor");
    });
    el("play").addEventListener("click", () => this.setPlaying(!this.playing));
    el("stepOnce").addEventListener("click", () => this.stepOnce());
    el("reset").addEventListener("click", () => this.reset());
    el("newData").addEventListener("click", () => {
      el("dataSeed").value = String(randomSeed());
      this.rebuild();
    });
    el("controls").addEventListener("submit", (event) => event.preventDefault());
    // Enter applies a typed value at once (a number field otherwise commits it only when it loses focus).
    el("controls").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && event.target.matches("input[type=number]")) {
        event.preventDefault();
        event.target.dispatchEvent(new Event("change"));
      }
    });
    for (const name of PANELS) {
      this.panel(name).addEventListener("toggle", () => {
        if (this.sizeCanvases()) this.redrawAll(); // a canvas in a closed section has no size until it opens
        if (name === "side") this.draw();
        this.emit("settings", this.currentSettings());
      });
    }
    el("shuffle").addEventListener("click", () => this.shuffle());
    this.timeline.wire();
    wireDrawer(el);
    el("copyLink").addEventListener("click", () => this.copyLink());
    wireDataIo(this);
    this.teaching = createTeaching({
      el,
      panel: (name) => this.panel(name),
      view: () => this.view,
      theme: () => this.theme(),
      playing: () => this.playing,
      formOptions: () => this.formOptions(),
      loadStart: (start) => this.loadStart(start),
      worker: this.settings.worker !== false,
      wasmModule: this.wasmModule,
    });
    this.hover = wireHover({ el, view: () => this.view });
    this.byHand = wireByHand(this);
    this.ending = createEnding({
      el,
      view: () => this.view,
      redraw: () => {
        if (this.playing) this.dirty = true;
        else this.draw();
      },
      openSection: (name, detail) => this.teaching.open(name, detail),
      say: (text) => this.say(text, "error"),
      defaultOf: (name) => String(spec(name).default),
      worker: this.settings.worker !== false,
      wasmModule: this.wasmModule,
    });
    if (this.settings.keyboard !== false) this.unregisterShortcuts = registerShortcuts(this);
    this.onTheme = () => {
      this.view.setTheme(this.theme());
      this.redrawAll();
    };
    this.darkMode.addEventListener("change", this.onTheme);
  }

  /** Copies a link that rebuilds this run (the page's URL with every setting in its query). */
  async copyLink() {
    const base = this.settings.linkBase ?? new URL("../../index.html", import.meta.url);
    const link = new URL(base);
    link.search = toQuery(this.currentSettings());
    const out = this.el("copyResult");
    const caveat = this.imported ? " Your own data are not in the link: it rebuilds the preset's data." : "";
    try {
      await navigator.clipboard.writeText(link.href);
      out.textContent = `Copied.${caveat}`;
    } catch {
      out.textContent = `Copy this link: ${link.href}${caveat}`;
    }
    out.dataset.link = link.href;
  }

  /** Stops everything this demo runs and removes it; commands still awaited are rejected. Idempotent. */
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.view) this.setPlaying(false);
    this.engine?.close();
    this.ending?.destroy();
    this.teaching?.destroy();
    this.resizer?.disconnect();
    clearTimeout(this.resizeTimer);
    this.unregisterShortcuts?.();
    this.darkMode.removeEventListener("change", this.onTheme);
    this.view?.free();
    this.view = null;
    for (const reply of this.replies.values()) reply.reject(destroyedError());
    this.replies.clear();
    this.root?.remove();
  }
}

/** The Error of a call on a destroyed demo. */
export function destroyedError() {
  return new Error("this gmm-two-ways demo was destroyed (by destroy() or by mounting another demo on its element); mount a new one");
}

/** Refuses unknown section names, listing the known ones. */
function checkSections(names) {
  const unknown = names.filter((n) => !SECTIONS.includes(n));
  if (unknown.length) {
    throw new Error(`unknown section ${unknown.map((n) => JSON.stringify(n)).join(", ")}: `
      + `use any of ${SECTIONS.join(", ")}`);
  }
}
