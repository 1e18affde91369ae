// The fit on two Web Workers, one per panel: each runs the fit loop (fit-loop.js) on its own copy of the
// session and steps only its panel's method, so on two cores the methods step in parallel. The page sees
// one engine with the reports of one loop stepping both (the same numbers: see
// crates/gmm-core/tests/panel_sessions.rs).
//
// Lock step: while playing, both workers are given the same slice of steps, and the next slice only when
// both have answered; the faster waits. Each pair of answers is merged (mergeProgress) into the report one
// loop would have sent. Both workers get every other command too, each tagged with its own `ack`, so a
// worker's answer is matched to its command; reports reach the page in the order of its commands.

import { mergeProgress, mergeSnapshots } from "../../pkg/gmm_two_ways.js";
import { Pacer } from "./pacer.js";
import { startWorker } from "./start-worker.js";

const PANELS = ["direct", "em"];

/** The fit engine on two workers: `{ kind: "workers", send(msg), close() }` (see createEngine). */
export function panelWorkers(loop, onMessage, wasmModule, onFailure) {
  const workers = PANELS.map((panel) => startWorker(loop, { panel, module: wasmModule }, onFailure));
  const coordinator = new PanelCoordinator(workers, onMessage);
  return {
    kind: "workers",
    send(msg) { coordinator.send(msg); },
    close() { coordinator.close(); },
  };
}

class PanelCoordinator {
  constructor(workers, deliver) {
    this.workers = workers;
    this.deliver = deliver;
    this.pending = []; // commands sent to the workers, oldest first: { acks, replies, done(replies) }
    this.acks = 0;
    this.held = null; // the page's commands held while a rewind is resolved (a list), else null
    this.running = false;
    this.inFlight = false; // a slice of steps is out
    this.pacer = new Pacer();
    this.timer = 0;
    this.steps = [0, 0]; // each worker's session clock, from its last answer
    this.startFailed = false;
    workers.forEach((w, i) => { w.onmessage = (event) => this.onAnswer(i, event.data); });
  }

  /** A command from the page (the commands of fit-loop.js). */
  send(msg) {
    if (this.held) {
      this.held.push(msg);
      return;
    }
    const ack = msg.ack ?? null;
    switch (msg.type) {
      case "run":
        if (this.running) this.pacer.speed = msg.speed;
        else {
          this.running = true;
          this.pacer.begin(msg.speed);
          this.tick();
        }
        return;
      case "rewind":
        if (this.running) {
          this.stop();
          this.dispatch({ type: "pause" }, (answers) => this.report(answers, ack), ack);
        }
        this.rewind(msg);
        return;
      case "close":
        this.close();
        return;
      case "build":
      case "reset":
      case "pause":
      case "step":
        this.stop();
        break;
      default:
        break;
    }
    const { ack: _, ...command } = msg;
    this.dispatch(command, (answers) => this.report(answers, ack), ack);
  }

  close() {
    this.stop();
    for (const w of this.workers) w.terminate();
    this.pending = [];
  }

  stop() {
    this.running = false;
    clearTimeout(this.timer);
  }

  /**
   * Sends `command` to both workers; `done(answers)` once both have answered (an error is passed on
   * instead, with the page's `pageAck`).
   */
  dispatch(command, done, pageAck = null) {
    const entry = { acks: [null, null], replies: [null, null], done, pageAck };
    this.pending.push(entry);
    this.ask(entry, command, [0, 1]);
  }

  /** Sends `command` to the workers `which` as part of `entry`. */
  ask(entry, command, which) {
    for (const i of which) {
      entry.acks[i] = ++this.acks;
      entry.replies[i] = null;
      this.workers[i].postMessage({ ...command, ack: entry.acks[i] });
    }
  }

  onAnswer(i, msg) {
    if (msg.type === "error" && msg.seq === -1) {
      // A worker that could not start: said once, as one worker's would be.
      if (!this.startFailed) this.deliver(msg);
      this.startFailed = true;
      this.stop();
      return;
    }
    const entry = this.pending.find((e) => e.acks[i] === msg.ack);
    if (!entry) return;
    entry.replies[i] = msg;
    // Answers reach the page in the order of the commands; an entry's `done` may ask again (it returns false).
    while (this.pending.length) {
      const head = this.pending[0];
      if (!head.acks.every((a, w) => a === null || head.replies[w])) break;
      const error = head.replies.find((r) => r?.type === "error");
      if (error) {
        this.stop();
        this.inFlight = false;
        this.pending.shift();
        this.deliver({ ...error, ack: head.pageAck });
        head.release?.();
        continue;
      }
      if (head.done(head.replies) === false) break;
      this.pending.shift();
    }
  }

  /** One slice: the same number of steps for both workers, the next when both have answered. */
  tick() {
    if (!this.running || this.inFlight) return;
    const steps = this.pacer.sliceSteps();
    const start = performance.now();
    const before = Math.max(...this.steps);
    this.inFlight = true;
    this.dispatch({ type: "step", n: steps }, (answers) => {
      this.inFlight = false;
      this.steps = answers.map((a) => a.step);
      const wait = this.pacer.record(steps, performance.now() - start, Math.max(...this.steps) - before);
      if (answers.every((a) => a.finished)) this.running = false;
      this.report(answers, null);
      if (this.running) this.timer = setTimeout(() => this.tick(), wait);
    });
  }

  /** Both workers' progress as the one report a loop stepping both would send. */
  report([first, second], ack) {
    this.steps = [first.step, second.step];
    this.deliver({
      type: "progress", seq: first.seq, list: mergeProgress(first.list, second.list), running: this.running,
      stepsPerSecond: this.pacer.stepsPerSecond, ack,
    });
  }

  /**
   * Both workers are asked for the recorded step; the recorded steps are those of the panel that has taken
   * more steps (its timeline is the coarser), so if the other landed elsewhere, below its own end, it is
   * asked again for the step the first landed on. The page's later commands wait meanwhile.
   */
  rewind(msg) {
    this.held = [];
    const { ack: _, ...command } = msg;
    const entry = { acks: [null, null], replies: [null, null], pageAck: null };
    entry.release = () => {
      const held = this.held;
      this.held = null;
      for (const m of held) this.send(m);
    };
    entry.done = (answers) => {
      const leader = this.steps[0] >= this.steps[1] ? 0 : 1;
      const follower = 1 - leader;
      const landed = answers[leader].list[1];
      if (answers[follower].list[1] !== landed && landed < answers[follower].step) {
        this.ask(entry, { ...command, step: landed, snap: "down" }, [follower]);
        return false;
      }
      this.deliver({
        type: "snapshot", seq: answers[0].seq, id: msg.id, list: mergeSnapshots(answers[0].list, answers[1].list),
      });
      entry.release();
      return true;
    };
    this.pending.push(entry);
    this.ask(entry, command, [0, 1]);
  }
}
