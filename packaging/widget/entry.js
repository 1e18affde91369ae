// The notebook widget's front end (anywidget's `render`): mounts the demo in the cell's output and links it
// to the Python `Demo`'s traitlets. Each option is a traitlet named as Python spells it (learningRate ->
// learning_rate; the names come from the option table); null means "the preset's or the default value".
//   Python -> demo: a changed option is applied with setOptions(); `data` (float64 bytes) too; `comparison`
//     ({ logits, means, lsigmas } or null) with compare(); custom messages play, pause and step.
//   demo -> Python: the settings after every change (so a change made in the demo's form reaches Python),
//     `_state` (handle.state(), typed arrays as lists) a few times a second while it runs and at each stop,
//     and `error`, the demo's last refusal or failure ("" when none).
// scripts/package-widget.mjs inlines this module, the page's modules and the wasm into one ES module.

import { mount } from "../../www/gmm-two-ways.js";
import { loadWasm, optionTable } from "../../www/lib/wasm.js";

/** How often, at most, the state is sent to Python while the demo runs. */
const STATE_EVERY_MS = 250;

/** The traitlet of an option: learningRate -> learning_rate (as gmm_two_ways/options.py names it). */
const traitOf = (name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `value` as JSON can carry it: typed arrays become lists. */
function plain(value) {
  if (ArrayBuffer.isView(value)) return Array.from(value);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** The `data` traitlet (a DataView of float64 values, or null) as a Float64Array, or undefined. */
function dataOf(model) {
  const view = model.get("data");
  if (!view?.byteLength) return undefined;
  return new Float64Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

/** The options the traitlets set (the others are left to the preset or their defaults). */
function optionsOf(model) {
  const options = {};
  for (const { name } of optionTable()) {
    if (name === "data") continue;
    const value = model.get(traitOf(name));
    if (value !== null && value !== undefined) options[name] = value;
  }
  const data = dataOf(model);
  if (data) options.data = data;
  return options;
}

export async function render({ model, el }) {
  const host = document.createElement("div");
  host.className = "gmm-two-ways-widget";
  el.replaceChildren(host);
  const report = (error) => {
    model.set("error", String(error?.message ?? error));
    model.save_changes();
  };
  await loadWasm();
  let demo;
  try {
    demo = await mount(host, { ...optionsOf(model), hide: model.get("hide") ?? [], autoplay: Boolean(model.get("autoplay")) });
  } catch (error) {
    report(error);
    const box = document.createElement("p");
    box.textContent = `gmm-two-ways could not start: ${error.message}`;
    host.replaceChildren(box);
    return undefined;
  }

  let timer = null;
  const sendState = () => {
    clearTimeout(timer);
    timer = null;
    if (demo.destroyed) return;
    model.set("_state", plain(demo.state()));
    model.save_changes();
  };
  const sendSoon = () => { timer ??= setTimeout(sendState, STATE_EVERY_MS); };
  const sendSettings = (settings) => {
    for (const { name } of optionTable()) {
      if (name in settings && model.get(traitOf(name)) !== settings[name]) model.set(traitOf(name), settings[name]);
    }
    sendState();
  };
  demo.on("step", sendSoon);
  demo.on("stop", sendState);
  demo.on("settings", sendSettings);
  demo.on("error", report);

  const apply = (options) => {
    try {
      demo.setOptions(options).catch(report);
    } catch (error) {
      report(error);
    }
  };
  for (const { name } of optionTable()) {
    if (name === "data") continue;
    model.on(`change:${traitOf(name)}`, () => {
      const value = model.get(traitOf(name));
      if (value !== null && value !== undefined && value !== demo.settings()[name]) apply({ [name]: value });
    });
  }
  model.on("change:data", () => {
    const data = dataOf(model);
    if (data) apply({ data });
  });
  const showComparison = () => {
    const wanted = model.get("comparison");
    try {
      if (wanted) demo.compare(wanted);
      else demo.clearComparison();
    } catch (error) {
      report(error);
    }
    sendState();
  };
  model.on("change:comparison", showComparison);
  model.on("msg:custom", (msg) => {
    if (msg?.type === "play") demo.play();
    else if (msg?.type === "pause") demo.pause();
    else if (msg?.type === "step") demo.step(msg.n).then(sendState, report);
  });
  if (model.get("comparison")) showComparison();
  model.set("error", "");
  sendSettings(demo.settings());
  return () => {
    clearTimeout(timer);
    demo.destroy();
  };
}
