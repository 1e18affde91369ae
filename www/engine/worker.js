// The Web Worker of the engines (engine.js): the first message is `{ type: "init", loop, module, panel }`, with
// `loop` one of loops.js's, `panel` (the fit only) the one panel it steps, and `module` a compiled WebAssembly.Module (or undefined to fetch
// the .wasm beside the glue code). Messages that arrive before the module is ready are queued and handled
// in order; the loop's reports are posted back.

import init from "../../pkg/gmm_two_ways.js";
import { LOOPS, LOOP_NAMES } from "./loops.js";

let loop = null;
const queue = [];
self.onmessage = (event) => {
  const msg = event.data;
  if (msg?.type === "init") {
    init(msg.module ? { module_or_path: msg.module } : undefined)
      .then(() => {
        loop = LOOPS[msg.loop]((message, transfer) => self.postMessage(message, transfer), msg);
        for (const queued of queue.splice(0)) loop.handle(queued);
      })
      .catch((error) => self.postMessage({
        type: "error", seq: -1, message: `the ${LOOP_NAMES[msg.loop]} worker could not start: ${error.message}`,
      }));
  } else if (loop) {
    loop.handle(msg);
  } else {
    queue.push(msg);
  }
};
