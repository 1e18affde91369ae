// A Web Worker of the benchmark page (bench.js): loads the benchmark module, answers "ready", then runs one
// method's half of the classic workload when told ({ panel: "direct" | "em" }) and posts `{ ms, steps, loss }`.

import init, { benchClassicHalf } from "../../pkg-bench/gmm_two_ways.js";

await init();
self.onmessage = (event) => {
  try {
    self.postMessage(benchClassicHalf(event.data.panel));
  } catch (error) {
    self.postMessage({ error: String(error?.message ?? error) });
  }
};
self.postMessage("ready");
