// Runs "K chosen by the data" in slices (see sliced-loop.js). Start: `{ type: "start", seq, options }`;
// reports: `{ type: "progress", seq, progress, outcomes, choice }` (outcomes and choice as objects, see
// src/wasm_k_selection.rs).

import { SlicedLoop } from "./sliced-loop.js";

/** Point-component evaluations per slice: about 10 ms of EM at the benchmark's cost, a report after each. */
const SLICE_BUDGET = 2e6;

export class KSelectionLoop extends SlicedLoop {
  constructor(KSelectionRun, post) {
    super(post);
    this.KSelectionRun = KSelectionRun;
  }

  begin(msg) {
    return new this.KSelectionRun(msg.options);
  }

  advance(run) {
    const progress = run.advance(SLICE_BUDGET);
    return { report: { progress, outcomes: run.outcomes(), choice: run.choice() }, finished: progress.finished };
  }
}
