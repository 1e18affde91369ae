// Runs the best-fit search (EM from several good starts on the run's data, src/wasm_verdict.rs) in slices, in
// its own worker (or on the page's thread as a fallback), and reports after each slice. Commands:
// `{ type: "start", seq, options }`, `{ type: "cancel" }`, `{ type: "close" }`; reports:
// `{ type: "progress", seq, fraction, finished, best }` (`best`: `{ loss, params, init, seed }` or null) or
// `{ type: "error", seq, message }`.

/** Each slice runs about this long, so a new run's search replaces the old one quickly even at large N. */
const SLICE_MS = 30;

export class ReferenceLoop {
  constructor(BestFitRun, post) {
    this.BestFitRun = BestFitRun;
    this.post = post;
    this.run = null;
    this.timer = 0;
    this.seq = 0;
    this.iterations = 1; // per slice, adapted to SLICE_MS
  }

  handle(msg) {
    try {
      if (msg.type === "start") {
        this.stop();
        this.seq = msg.seq;
        this.run = new this.BestFitRun(msg.options);
        this.iterations = 1;
        this.slice();
      } else if (msg.type === "cancel" || msg.type === "close") {
        this.stop();
      }
    } catch (error) {
      this.stop();
      this.post({ type: "error", seq: msg.seq ?? this.seq, message: error.message ?? String(error) });
    }
  }

  stop() {
    clearTimeout(this.timer);
    this.run?.free();
    this.run = null;
  }

  slice() {
    if (!this.run) return;
    const begun = performance.now();
    const finished = this.run.advance(this.iterations);
    const took = performance.now() - begun;
    // The next slice's size, from this one's pace (at least 1, at most 4x the last).
    this.iterations = Math.max(1, Math.min(4 * this.iterations, Math.floor(this.iterations * SLICE_MS / Math.max(took, 0.1))));
    const best = this.run.best();
    this.post({ type: "progress", seq: this.seq, fraction: this.run.fractionDone(), finished, best });
    if (finished) this.stop();
    else this.timer = setTimeout(() => this.slice(), 0);
  }
}
