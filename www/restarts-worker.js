// The Web Worker of the restarts experiment: runs R restarts to the end in slices and reports after each,
// so the page stays responsive and can show progress. Messages in: `{ type: "init", module }` first, then
// `{ type: "start", options, init, baseSeed, restarts }` or `{ type: "cancel" }`. Messages out:
// `{ type: "progress", progress, outcomes }` and `{ type: "error", message }`.

import init, { RestartsRun } from "../pkg/gmm_two_ways.js";
import { RestartsLoop } from "./restarts-loop.js";

let loop = null;
const queue = [];

self.onmessage = (event) => {
  const msg = event.data;
  if (msg?.type === "init") {
    init(msg.module ? { module_or_path: msg.module } : undefined)
      .then(() => {
        loop = new RestartsLoop(RestartsRun, (message, transfer) => self.postMessage(message, transfer));
        for (const queued of queue.splice(0)) loop.handle(queued);
      })
      .catch((error) => self.postMessage({ type: "error", message: `the restarts worker could not start: ${error.message}` }));
  } else if (loop) {
    loop.handle(msg);
  } else {
    queue.push(msg);
  }
};
