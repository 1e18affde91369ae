// Runs a restarts experiment in slices (in a worker, or on the page's thread as a fallback) and reports
// progress after each slice. See www/restarts-worker.js for the messages.

/** Steps per slice: each report comes after about this many steps of both methods. */
const SLICE_STEPS = 300;

export class RestartsLoop {
  constructor(RestartsRun, post) {
    this.RestartsRun = RestartsRun;
    this.post = post;
    this.run = null;
    this.timer = 0;
    this.generation = 0;
  }

  handle(msg) {
    try {
      if (msg.type === "start") {
        this.stop();
        this.generation = msg.generation;
        this.run = new this.RestartsRun(msg.options, msg.init, msg.baseSeed, msg.restarts);
        this.slice();
      } else if (msg.type === "cancel") {
        this.stop();
      }
    } catch (error) {
      this.stop();
      this.post({ type: "error", generation: msg.generation, message: error.message ?? String(error) });
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
    this.post({ type: "progress", generation: this.generation, progress, outcomes }, [outcomes.buffer]);
    if (progress.finished) this.stop();
    else this.timer = setTimeout(() => this.slice(), 0);
  }
}
