// Computes the teaching sections' numbers (src/wasm_teaching_run.rs) for parameters the page sends, in their
// own worker (or on the page's thread as a fallback): each is a pass over the data, about a second at
// N = 1,000,000, so the page goes on drawing meanwhile. Commands: `{ type: "start", seq, options }`,
// `{ type: "compute", seq, id, ask }` with `ask` one of `{ kind: "underflow", direct, em }`,
// `{ kind: "inspect", params, k }`, `{ kind: "emGradient", params }`; `{ type: "close" }`. Reports:
// `{ type: "result", seq, id, result }` or `{ type: "result", seq, id, error }` (the message of what the
// Rust side refused), and `{ type: "error", seq, message }` when the run cannot be built.

export class TeachingLoop {
  constructor(TeachingRun, post) {
    this.TeachingRun = TeachingRun;
    this.post = post;
    this.run = null;
    this.seq = 0;
  }

  handle(msg) {
    if (msg.type === "start") {
      this.run?.free();
      this.run = null;
      this.seq = msg.seq;
      try {
        this.run = new this.TeachingRun(msg.options);
      } catch (error) {
        this.post({ type: "error", seq: msg.seq, message: error.message ?? String(error) });
      }
    } else if (msg.type === "compute") {
      if (msg.seq !== this.seq || !this.run) return;
      try {
        this.post({ type: "result", seq: msg.seq, id: msg.id, result: this.compute(msg.ask) });
      } catch (error) {
        this.post({ type: "result", seq: msg.seq, id: msg.id, error: error.message ?? String(error) });
      }
    } else if (msg.type === "close") {
      this.run?.free();
      this.run = null;
    }
  }

  compute(ask) {
    switch (ask.kind) {
      case "underflow": return this.run.underflow(ask.direct, ask.em);
      case "inspect": return this.run.inspectComponent(ask.params, ask.k);
      case "emGradient": return this.run.emGradient(ask.params);
      default: throw new Error(`unknown teaching computation ${ask.kind}`);
    }
  }
}
