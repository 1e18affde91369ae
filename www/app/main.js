// The page (index.html): one demo, its settings kept in the URL, and an embed mode for iframes.
//   index.html?preset=classic&k=5&learningRate=0.01          a link that rebuilds a run
//   index.html?embed=1&hide=lesson&show=readouts&autoplay=1  in an iframe: plots only, posts each step
// Messages to the parent page (embed mode): { source: "gmm-two-ways", type: "step" | "stop", step,
// directLoss, emLoss, directStatus, emStatus }.

import { GmmDemo } from "../demo/demo.js";
import { fromQuery, toQuery } from "../demo/url-state.js";
import { loadWasm } from "../lib/wasm.js";

// The module graph loaded: www/app/start-check.js need not say that it could not.
document.documentElement.dataset.started = "true";

/**
 * In embed mode only the plots, the lesson and the run bar (play buttons, step and losses) are shown; `hide`
 * adds to these, `show` brings a part back.
 */
const EMBED_HIDES = ["data", "start", "methods", "stop", "share", "readouts", "verdict", "side", "math", "em-gradient",
  "em-steps", "restarts", "k-select", "trajectories", "landscape", "data-io", "explain"];

/** The parts to hide: the embed defaults (in embed mode) and `hide`, less `show`. */
function hiddenParts({ embed, hide = [], show = [] }) {
  const names = new Set([...(embed ? EMBED_HIDES : []), ...hide]);
  return [...names].filter((name) => !show.includes(name));
}

function postToParent(type, detail) {
  window.parent.postMessage({
    source: "gmm-two-ways", type, step: detail.step, directLoss: detail.direct.loss, emLoss: detail.em.loss,
    directStatus: detail.direct.status, emStatus: detail.em.status,
  }, "*");
}

async function main() {
  await loadWasm(); // the URL's parameters come from the option table
  const { settings, problems } = fromQuery(window.location.search);
  const embed = settings.embed === true;
  const hide = hiddenParts(settings);
  if (embed) document.documentElement.classList.add("embed");
  const demo = new GmmDemo(document.getElementById("demo"), { idPrefix: "", hide, linkBase: window.location.href });
  await demo.start({ ...settings, notices: problems });
  // The URL follows every change, so reloading or sharing the address rebuilds the same run.
  const kept = { embed: settings.embed, hide: settings.hide, show: settings.show, autoplay: settings.autoplay };
  const writeUrl = (current) => {
    const query = toQuery({ ...current, ...kept });
    window.history.replaceState(null, "", `${window.location.pathname}?${query}`);
  };
  demo.on("settings", writeUrl);
  writeUrl(demo.currentSettings());
  if (embed && window.parent !== window) {
    demo.on("step", (detail) => postToParent("step", detail));
    demo.on("stop", (detail) => postToParent("stop", detail));
  }
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  const box = document.getElementById("startError");
  box.hidden = false;
  box.textContent = `The demo could not start: ${error.message}`;
});
