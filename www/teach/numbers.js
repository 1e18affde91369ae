// The teaching sections' numbers, computed in their own worker (engine/teaching-loop.js) for the parameters
// the page shows: a section asks by a key ("underflow", "inspect", ...) and gets the answer in a callback.
// One computation per key is in flight at a time; a newer ask for the same key waits and replaces an older
// waiting one, so a section is as fresh as the worker can keep it and the page never waits for a pass over
// the data. The worker starts with the first ask (no section open, no worker).

import { createEngine } from "../engine/engine.js";

/**
 * `createNumbers({ worker, wasmModule })`: `{ rebuild(options), ask(key, ask, done), destroy() }`, where
 * `done(result, error)` gets the result, or `error` (a message) when Rust refused the computation.
 */
export function createNumbers({ worker, wasmModule }) {
  let engine = null;
  let seq = 0;
  let options = null;
  let started = false;
  let nextId = 0;
  const inFlight = new Map(); // key -> id
  const waiting = new Map(); // key -> { ask, done }
  const callbacks = new Map(); // id -> { key, done }

  function onReport(msg) {
    if (msg.seq !== seq) return;
    if (msg.type === "error") {
      for (const { done } of callbacks.values()) done(null, msg.message);
      callbacks.clear();
      inFlight.clear();
      return;
    }
    const entry = callbacks.get(msg.id);
    if (!entry) return;
    callbacks.delete(msg.id);
    inFlight.delete(entry.key);
    entry.done(msg.error === undefined ? msg.result : null, msg.error ?? null);
    const next = waiting.get(entry.key);
    if (next) {
      waiting.delete(entry.key);
      send(entry.key, next.ask, next.done);
    }
  }

  function send(key, ask, done) {
    engine ??= createEngine("teaching", onReport, { worker, wasmModule });
    if (!started) {
      engine.send({ type: "start", seq, options });
      started = true;
    }
    const id = ++nextId;
    inFlight.set(key, id);
    callbacks.set(id, { key, done });
    engine.send({ type: "compute", seq, id, ask });
  }

  return {
    /** A new run: its options, for the worker's copy of its data and start; answers pending are dropped. */
    rebuild(next) {
      seq += 1;
      options = next;
      started = false;
      inFlight.clear();
      waiting.clear();
      callbacks.clear();
    },
    /** Asks for `ask` under `key`; `done(result, error)` is called when it is computed. */
    ask(key, ask, done) {
      if (options === null) return;
      if (inFlight.has(key)) waiting.set(key, { ask, done });
      else send(key, ask, done);
    },
    destroy() {
      engine?.close();
    },
  };
}
