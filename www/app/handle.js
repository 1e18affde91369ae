// The handle mount() resolves to: a demo's JS API. step(), reset() and setOptions() are queued, so each
// resolves to the state after its own effect, in the order they were called; a call on a destroyed demo
// throws; a refused argument throws at the call, before anything changes.

import { destroyedError } from "../demo/demo.js";
import { checkNames, checkSteps, partList } from "./api-options.js";
import { serialQueue } from "./serial-queue.js";

const EVENTS = ["step", "stop", "settings", "error"];

/** Options setOptions() reads: the option table's, `open` (a string or a list) and `data`. */
function settable(options) {
  checkNames(options, [], "setOptions");
  return "open" in options ? { ...options, open: partList(options.open, "open") } : options;
}

export function handleFor(demo) {
  const enqueue = serialQueue();
  const alive = () => {
    if (demo.destroyed) throw destroyedError();
  };
  // A task queued before destroy() rejects with the same Error when its turn comes.
  const queued = (task) => enqueue(() => {
    alive();
    return task();
  });
  return {
    play() { alive(); demo.setPlaying(true); },
    pause() { alive(); demo.setPlaying(false); },
    step(n = 1) {
      alive();
      checkSteps(n);
      return queued(() => demo.stepOnce(n));
    },
    reset() {
      alive();
      return queued(() => demo.reset());
    },
    rewind(step) {
      alive();
      return demo.timeline.seek(step, "nearest");
    },
    setOptions(options) {
      alive();
      const next = settable(options);
      demo.checkOptions(next); // throws now, naming each refused value; the run is unchanged
      return queued(() => demo.setOptions(next));
    },
    on(event, listener) {
      alive();
      if (!EVENTS.includes(event)) throw new Error(`unknown event ${JSON.stringify(event)}: use step, stop, settings or error`);
      if (typeof listener !== "function") throw new Error(`on("${event}", listener) needs a function`);
      return demo.on(event, listener);
    },
    compare(params) { alive(); return demo.compare(params); },
    clearComparison() { alive(); demo.clearComparison(); },
    state() { alive(); return demo.view.state(); },
    verdict() { alive(); return demo.view.verdict(); },
    bestLoss() { alive(); return demo.view.bestLoss(); },
    settings() { alive(); return demo.currentSettings(); },
    get element() { return demo.destroyed ? null : demo.root; },
    get destroyed() { return demo.destroyed; },
    destroy() { demo.destroy(); },
  };
}
