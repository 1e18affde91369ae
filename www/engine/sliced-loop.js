// A loop that runs one wasm object in slices (in a worker, or on the page's thread as a fallback) and
// reports after each slice: the restarts experiment (restarts-loop.js) and the best-fit search
// (reference-loop.js). Commands: `{ type: "start", seq, ... }` (a subclass's `begin(msg)` makes the object),
// `{ type: "cancel" }`, `{ type: "close" }`; reports: `{ type: "progress", seq, ...report }` (a subclass's
// `advance(run)` returns `{ report, finished }`) or `{ type: "error", seq, message }`.

export class SlicedLoop {
  constructor(post) {
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
        this.run = this.begin(msg);
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

  /** One slice, its report, and the next slice after the event loop has had its turn. */
  slice() {
    if (!this.run) return;
    try {
      const { report, finished } = this.advance(this.run);
      this.post({ type: "progress", seq: this.seq, ...report });
      if (finished) this.stop();
      else this.timer = setTimeout(() => this.slice(), 0);
    } catch (error) {
      this.stop();
      this.post({ type: "error", seq: this.seq, message: error.message ?? String(error) });
    }
  }
}
