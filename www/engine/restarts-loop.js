// Runs a restarts experiment in slices (in a worker, or on the page's thread as a fallback) and reports
// progress after each slice. Commands: `{ type: "start", seq, options, init, baseSeed, restarts }`,
// `{ type: "cancel" }`, `{ type: "close" }`; reports: `{ type: "progress", seq, progress, outcomes }` (outcomes
// as objects, see src/wasm_restarts.rs) or `{ type: "error", seq, message }`.

/** Steps per slice: each report comes after about this many steps of both methods. */
const SLICE_STEPS = 300;

export class RestartsLoop {
  constructor(RestartsRun, post) {
    this.RestartsRun = RestartsRun;
    this.post = post;
    this.run = null;
    this.timer = 0;
    this.seq = 0;
  }

  handle(msg) {
    try {
      if (msg.type === "start") {
        this.stop();
        this.seq = msg.seq;
        this.run = new this.RestartsRun(msg.options, msg.init, msg.baseSeed, msg.restarts);
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
    const progress = this.run.advance(SLICE_STEPS);
    const outcomes = this.run.outcomes();
    this.post({ type: "progress", seq: this.seq, progress, outcomes });
    if (progress.finished) this.stop();
    else this.timer = setTimeout(() => this.slice(), 0);
  }
}
