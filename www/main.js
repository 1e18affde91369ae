// The page: builds a Demo from the form, runs the animation loop, draws and writes the readouts.
// Numbers come from Rust (../pkg); this file only wires controls, the loop and the canvases.

import init, { Demo, limits, presets, randomSeed } from "../pkg/gmm_two_ways.js";
import {
  DEFAULTS, FIELDS, applyLimits, applyPreset, fillPresets, markInvalid, readOptions, speed, syncFloorSlider,
  writeFields,
} from "./controls.js";
import { componentNotes, describeFit, renderReadouts, renderSideQuestions } from "./readouts.js";

const element = (id) => document.getElementById(id);
const canvases = { direct: element("directCanvas"), em: element("emCanvas"), loss: element("lossCanvas") };

let demo = null; // the last good Demo
let options = null; // the options it was built from
let playing = false;
let msPerStep = 1; // measured, to keep each frame's work within FRAME_BUDGET_MS
const FRAME_BUDGET_MS = 14;
const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
const REDUCED_MOTION_REDRAW_MS = 500; // with reduced motion, the charts change at most twice a second
const ANNOUNCE_EVERY_MS = 5000; // the live region speaks at a readable pace while running
let lastDraw = 0;
let lastAnnounce = 0;

/** Tells screen readers the step and both losses (politely, and not too often while running). */
function announce(state, force = false) {
  const now = performance.now();
  if (!force && now - lastAnnounce < ANNOUNCE_EVERY_MS) return;
  lastAnnounce = now;
  element("announce").textContent = `Step ${state.step}: gradient descent loss ${state.direct.loss.toFixed(3)}, `
    + `EM loss ${state.em.loss.toFixed(3)}.${state.finished ? " Both methods have stopped." : ""}`;
}

/** Shows a message; errors are also marked on the field they name. */
function say(text, kind = "") {
  const box = element("message");
  box.textContent = text;
  box.className = `message ${kind}`;
}

function sizeCanvases() {
  for (const canvas of Object.values(canvases)) {
    canvas.width = Math.max(200, Math.round(canvas.clientWidth));
    canvas.height = Math.max(150, Math.round(canvas.clientHeight));
  }
}

function theme() {
  return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
}

/** Draws both panels and the loss chart, then updates readouts and text alternatives. */
function draw() {
  lastDraw = performance.now();
  demo.drawDensity("direct", canvases.direct);
  demo.drawDensity("em", canvases.em);
  demo.drawLoss(canvases.loss);
  const state = demo.state();
  renderReadouts(state, options.tolerance, demo.componentColours());
  canvases.direct.setAttribute("aria-label", describeFit("direct", state));
  canvases.em.setAttribute("aria-label", describeFit("em", state));
  canvases.loss.setAttribute("aria-label", `Loss per step: gradient descent ${state.direct.loss.toFixed(4)}, `
    + `EM ${state.em.loss.toFixed(4)}${state.truthLoss === null ? "" : `, ground truth ${state.truthLoss.toFixed(4)}`}.`);
  if (element("sideQuestions").open) renderSideQuestions(demo.sideQuestions());
  const notes = [...componentNotes("direct", state.direct, state.em.varianceFloor),
    ...componentNotes("em", state.em, state.em.varianceFloor)];
  if (!element("message").classList.contains("error")) say(notes.join(" "), notes.length ? "note" : "");
  return state;
}

/** Builds a new run from the form. On bad input, says why and keeps the last good run. */
function rebuild() {
  let next;
  try {
    next = readOptions();
    const candidate = new Demo(next);
    candidate.setTheme(theme());
    demo?.free();
    demo = candidate;
    options = next;
  } catch (error) {
    say(`${markInvalid(error.message)}. The last valid run is kept.`, "error");
    return false;
  }
  markInvalid(null);
  say("");
  draw();
  return true;
}

/** Applies a setting that changes the running fit in place (no reset). */
function updateLive(id) {
  try {
    const next = readOptions();
    if (id === "optimizer") demo.setOptimizer(next.optimizer);
    if (id === "learningRate") demo.setLearningRate(next.learningRate);
    if (id === "varianceFloor") demo.setVarianceFloor(next.varianceFloor);
    if (id === "maxSteps" || id === "tolerance") demo.setStopRule(next.maxSteps, next.tolerance);
    options = { ...options, [id]: next[id] };
    markInvalid(null);
    say("");
    draw();
  } catch (error) {
    say(`${markInvalid(error.message)}. The run goes on with the previous value.`, "error");
  }
}

function setPlaying(on) {
  if (on && demo.finished) {
    say("Both methods have stopped. Press Reset to run again, or raise Max steps to let them go on.", "note");
  }
  playing = on && !demo.finished;
  const button = element("play");
  button.textContent = playing ? "Pause" : "Play";
  button.setAttribute("aria-pressed", String(playing));
  if (playing) requestAnimationFrame(frame);
}

/** One animation frame: as many steps as asked for, within the frame budget, then draw. */
function frame() {
  if (!playing) return;
  const steps = Math.max(1, Math.min(speed(), Math.floor(FRAME_BUDGET_MS / msPerStep)));
  const start = performance.now();
  demo.advance(steps);
  msPerStep = Math.max(0.01, (performance.now() - start) / steps);
  const finished = demo.finished;
  if (finished || !reducedMotion.matches || performance.now() - lastDraw >= REDUCED_MOTION_REDRAW_MS) {
    announce(draw(), finished);
  }
  if (finished) {
    setPlaying(false);
    return;
  }
  requestAnimationFrame(frame);
}

function stepOnce() {
  setPlaying(false);
  demo.advance(1);
  draw();
}

function reset() {
  setPlaying(false);
  demo.reset();
  draw();
}

function wire(presetList) {
  for (const { id, rebuild: needsRebuild } of FIELDS) {
    element(id).addEventListener("change", () => {
      // An unknown preset (only a tampered page can send one) is left for Rust to refuse with a message.
      const preset = presetList.find((p) => p.id === element("preset").value);
      if (id === "preset" && preset) applyPreset(preset);
      if (id === "varianceFloor") syncFloorSlider(false);
      if (needsRebuild) rebuild();
      else updateLive(id);
    });
  }
  element("floorSlider").addEventListener("input", () => {
    syncFloorSlider(true);
    updateLive("varianceFloor");
  });
  element("play").addEventListener("click", () => setPlaying(!playing));
  element("stepOnce").addEventListener("click", stepOnce);
  element("reset").addEventListener("click", reset);
  element("newData").addEventListener("click", () => {
    element("dataSeed").value = String(randomSeed());
    rebuild();
  });
  element("controls").addEventListener("submit", (event) => event.preventDefault());
  // Enter applies a typed value at once (a number field otherwise commits it only when it loses focus).
  element("controls").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.matches("input[type=number]")) {
      event.preventDefault();
      event.target.dispatchEvent(new Event("change"));
    }
  });
  element("sideQuestions").addEventListener("toggle", () => draw());
  element("shuffle").addEventListener("click", () => {
    const order = demo.shuffleLabels();
    element("shuffleResult").textContent = `New labels: component i is now the former component `
      + `${Array.from(order, (i) => i + 1).join(", ")} (for i = 1, 2, …). The curves did not move.`;
    draw();
  });
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.closest("input, select, textarea")) return;
    if (event.key === "p") setPlaying(!playing);
    else if (event.key === "s") stepOnce();
    else if (event.key === "r") reset();
  });
  let resizeTimer = 0;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => { sizeCanvases(); draw(); }, 100);
  });
  window.matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    demo.setTheme(theme());
    draw();
  });
}

async function main() {
  await init();
  const presetList = presets();
  applyLimits(limits());
  fillPresets(presetList);
  applyPreset(presetList[0]);
  writeFields(DEFAULTS);
  syncFloorSlider(false);
  sizeCanvases();
  wire(presetList);
  if (!rebuild()) throw new Error("the default settings were refused");
  document.body.dataset.ready = "true";
}

main().catch((error) => say(`The demo could not start: ${error.message}`, "error"));
