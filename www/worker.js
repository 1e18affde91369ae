// The Web Worker that fits: it owns a stepping Demo (see fit-loop.js), so the page's thread only draws
// and answers clicks, even when one step over a million points takes a tenth of a second.
// The first message is `{ type: "init", module }` (module: a compiled WebAssembly.Module, or undefined
// to fetch the .wasm beside the glue code); later messages are FitLoop commands.

import init, { Demo } from "../pkg/gmm_two_ways.js";
import { FitLoop } from "./fit-loop.js";

let loop = null;
const queue = [];

self.onmessage = (event) => {
  const msg = event.data;
  if (msg?.type === "init") {
    init(msg.module ? { module_or_path: msg.module } : undefined)
      .then(() => {
        loop = new FitLoop(Demo, (message, transfer) => self.postMessage(message, transfer));
        for (const queued of queue.splice(0)) loop.handle(queued);
      })
      .catch((error) => self.postMessage({
        type: "error", seq: -1, message: `the fitting worker could not start: ${error.message}`,
      }));
  } else if (loop) {
    loop.handle(msg);
  } else {
    queue.push(msg);
  }
};
