// Runs the best-fit search (EM from several good starts on the run's data, src/wasm_verdict.rs) in slices
// (see sliced-loop.js), in its own worker or on the page's thread. Start: `{ type: "start", seq, options }`;
// reports: `{ type: "progress", seq, fraction, finished, best, third }` (`best`: `{ loss, params, init, seed }`
// or null; `third`: the third way, the method neither panel runs, stepped after the search: see
// `BestFitRun.thirdWay`).

import { SlicedLoop } from "./sliced-loop.js";

/** Each slice runs about this long, so a new run's search replaces the old one quickly even at large N. */
const SLICE_MS = 30;

export class ReferenceLoop extends SlicedLoop {
  constructor(BestFitRun, post) {
    super(post);
    this.BestFitRun = BestFitRun;
    this.iterations = 1; // per slice, adapted to SLICE_MS
  }

  begin(msg) {
    this.iterations = 1;
    return new this.BestFitRun(msg.options);
  }

  advance(run) {
    const begun = performance.now();
    const finished = run.advance(this.iterations);
    const took = performance.now() - begun;
    // The next slice's size, from this one's pace (at least 1, at most 4x the last).
    this.iterations = Math.max(1, Math.min(4 * this.iterations,
      Math.floor((this.iterations * SLICE_MS) / Math.max(took, 0.1))));
    return { report: { fraction: run.fractionDone(), finished, best: run.best(), third: run.thirdWay() }, finished };
  }
}
