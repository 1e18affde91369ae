// Runs a restarts experiment in slices (see sliced-loop.js). Start: `{ type: "start", seq, options, init,
// baseSeed, restarts }`; reports: `{ type: "progress", seq, progress, outcomes }` (outcomes as objects, see
// src/wasm_restarts.rs).

import { SlicedLoop } from "./sliced-loop.js";

/** Steps per slice: each report comes after about this many steps of both methods. */
const SLICE_STEPS = 300;

export class RestartsLoop extends SlicedLoop {
  constructor(RestartsRun, post) {
    super(post);
    this.RestartsRun = RestartsRun;
  }

  begin(msg) {
    return new this.RestartsRun(msg.options, msg.init, msg.baseSeed, msg.restarts);
  }

  advance(run) {
    const progress = run.advance(SLICE_STEPS);
    return { report: { progress, outcomes: run.outcomes() }, finished: progress.finished };
  }
}
