// The fitting loop, run by the engine (engine.js) in its Web Worker or on the page's thread.
// It owns a Demo that steps; after each slice of steps it reports the progress as a list of numbers
// (see src/progress.rs), which the page's own copy of the Demo applies and draws.

import { Pacer } from "./pacer.js";

/** The Demo methods a running fit may be changed with. */
const LIVE_SETTERS = ["setLearningRate", "setOptimizer", "setSecondMethod", "setVarianceFloor", "setStopRule"];

/**
 * `FitLoop(Demo, post, panel)`: `post(message, transfer)` sends a report; with `panel` ("direct" or "em")
 * only that panel's method steps (each panel in its own worker: panel-workers.js), else both. Commands arrive through `handle(msg)`:
 * `{ type: "build", options, seq }`, `{ type: "run", speed }`, `{ type: "pause" }`, `{ type: "step", n }`,
 * `{ type: "reset", seq }`, `{ type: "permute", order, seq }`, `{ type: "set", method, args }`,
 * `{ type: "rewind", step, snap, id }`, `{ type: "close" }`.
 * Every report is `{ type: "progress", seq, list, running, stepsPerSecond, step, finished, ack }` (`step` and
 * `finished`: this loop's session clock, and whether the method or methods it steps have stopped) or `{ type: "error", seq,
 * message, ack }`: a command may carry an `ack` (a number), which the report that answers it repeats (the
 * page resolves the promise of that command with it); other reports have `ack: null`.
 * a rewind is answered by `{ type: "snapshot", seq, id, list, step, ack }`, both methods at the recorded step `step`
 * lands on (`snap`: nearest, down or up; see src/wasm_timeline.rs), after a progress report if it was running.
 */
export class FitLoop {
  constructor(Demo, post, panel = null) {
    this.Demo = Demo;
    this.post = post;
    this.panel = panel;
    this.demo = null;
    this.seq = 0;
    this.sent = [0, 0]; // losses already reported, per method
    this.running = false;
    this.pacer = new Pacer();
    this.timer = 0;
    this.ack = null; // the command being handled, repeated by the report that answers it
  }

  handle(msg) {
    this.ack = msg.ack ?? null;
    try {
      this.command(msg);
    } catch (error) {
      this.running = false;
      this.post({ type: "error", seq: this.seq, message: error.message ?? String(error), ack: this.ack });
    } finally {
      this.ack = null;
    }
  }

  command(msg) {
    if (msg.type === "build") {
      this.stop();
      this.demo?.free();
      this.demo = null;
      this.seq = msg.seq;
      this.demo = new this.Demo(msg.options);
      this.fresh();
      return;
    }
    if (!this.demo) throw new Error("no fit was built yet");
    switch (msg.type) {
      case "run":
        if (this.running) this.pacer.speed = msg.speed;
        else {
          this.running = true;
          this.pacer.begin(msg.speed);
          this.tick();
        }
        break;
      case "pause":
        this.stop();
        this.report();
        break;
      case "step":
        this.stop();
        this.advance(msg.n);
        this.report();
        break;
      case "reset":
        this.stop();
        this.seq = msg.seq;
        this.demo.reset();
        this.fresh();
        break;
      case "permute":
        this.seq = msg.seq;
        this.demo.permuteLabels(msg.order);
        this.fresh();
        break;
      case "set":
        if (!LIVE_SETTERS.includes(msg.method)) throw new Error(`unknown setting ${msg.method}`);
        this.demo[msg.method](...msg.args);
        this.report();
        break;
      case "rewind": {
        if (this.running) {
          this.stop();
          this.report();
        }
        const list = this.demo.timelineSnapshot(msg.step, msg.snap);
        this.post({ type: "snapshot", seq: this.seq, id: msg.id, list, step: this.demo.step, ack: this.ack }, [list.buffer]);
        break;
      }
      case "close":
        this.stop();
        this.demo.free();
        this.demo = null;
        break;
      default:
        throw new Error(`unknown command ${msg.type}`);
    }
  }

  /** After a command that rewrites history, the next report carries every loss again. */
  fresh() {
    this.sent = [0, 0];
    this.report();
  }

  /** Steps both methods, or only this loop's panel. */
  advance(steps) {
    if (this.panel) this.demo.advancePanel(this.panel, steps);
    else this.demo.advance(steps);
  }

  /** Whether the methods this loop steps have all stopped. */
  finished() {
    return this.panel ? this.demo.panelFinished(this.panel) : this.demo.finished;
  }

  stop() {
    this.running = false;
    clearTimeout(this.timer);
  }

  /** One slice of steps (as many as the pacer says), then a report. */
  tick() {
    if (!this.running) return;
    const start = performance.now();
    const steps = this.pacer.sliceSteps();
    const before = this.demo.step;
    this.advance(steps);
    const wait = this.pacer.record(steps, performance.now() - start, this.demo.step - before);
    if (this.finished()) this.running = false;
    this.report();
    if (this.running) this.timer = setTimeout(() => this.tick(), wait);
  }

  report() {
    // The last loss sent may be refined by the next step, so each report resends it.
    const list = this.demo.progress(Math.max(0, this.sent[0] - 1), Math.max(0, this.sent[1] - 1));
    this.sent = Array.from(this.demo.lossCounts());
    this.post({
      type: "progress", seq: this.seq, list, running: this.running, stepsPerSecond: this.pacer.stepsPerSecond,
      step: this.demo.step, finished: this.finished(), ack: this.ack,
    }, [list.buffer]);
  }
}
