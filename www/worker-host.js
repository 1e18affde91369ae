// What both workers (worker.js: the fit; restarts-worker.js: the restarts) do on start: the first message is
// `{ type: "init", module }` (a compiled WebAssembly.Module, or undefined to fetch the .wasm beside the glue
// code); messages that arrive before the module is ready are queued and handled in order.

import init from "../pkg/gmm_two_ways.js";

/** Serves messages with the loop `createLoop(post)` returns (anything with `handle(message)`). */
export function hostWorker(name, createLoop) {
  let loop = null;
  const queue = [];
  self.onmessage = (event) => {
    const msg = event.data;
    if (msg?.type === "init") {
      init(msg.module ? { module_or_path: msg.module } : undefined)
        .then(() => {
          loop = createLoop((message, transfer) => self.postMessage(message, transfer));
          for (const queued of queue.splice(0)) loop.handle(queued);
        })
        .catch((error) => self.postMessage({
          type: "error", seq: -1, message: `the ${name} worker could not start: ${error.message}`,
        }));
    } else if (loop) {
      loop.handle(msg);
    } else {
      queue.push(msg);
    }
  };
}
