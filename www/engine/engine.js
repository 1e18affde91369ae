// Where the fit and the other loops run: Web Workers when the browser allows them, else this thread (the
// same loop, the same numbers). The fit gets two workers, one per panel (panel-workers.js), so the two
// methods step in parallel; every other loop gets one. Either way the page sends commands and gets reports,
// and never steps its own Demo. Every command and report carries `seq`: the page's count of builds (and
// resets, relabellings, restart runs); a report whose `seq` is not the newest is dropped. A worker that
// could not start reports `seq: -1`.

import { FRESH_START, LOOPS } from "./loops.js";
import { panelWorkers } from "./panel-workers.js";
import { startWorker } from "./start-worker.js";

/**
 * `createEngine(loop, onMessage, { worker, wasmModule })` with `loop` one of loops.js's: returns
 * `{ kind, send(msg), close() }`, `kind` being "workers" (the fit, one worker per panel), "worker" or
 * "page". `wasmModule` (a compiled WebAssembly.Module) is handed to the workers so they need not fetch the
 * .wasm again.
 */
export function createEngine(loop, onMessage, { worker = true, wasmModule } = {}) {
  if (!LOOPS[loop]) throw new Error(`unknown engine loop ${loop}`);
  if (worker && typeof Worker === "function") {
    try {
      const start = loop === "fit" ? panelWorkers : oneWorker;
      return withFallback(loop, onMessage, (onFailure) => start(loop, onMessage, wasmModule, onFailure));
    } catch {
      // fall through to the page's thread
    }
  }
  return inPageEngine(loop, onMessage);
}

/** A worker for `loop`; `onFailure()` when it cannot load. */
function oneWorker(loop, onMessage, wasmModule, onFailure) {
  const w = startWorker(loop, { module: wasmModule }, onFailure);
  w.onmessage = (event) => onMessage(event.data);
  return { kind: "worker", send(msg) { w.postMessage(msg); }, close() { w.terminate(); } };
}

/**
 * The engine `start(onFailure)` makes, which falls back to this thread when it fails to load: the page's
 * thread then replays the commands sent since the loop last started afresh.
 */
function withFallback(loop, onMessage, start) {
  let failed = false;
  const sent = [];
  const engine = {};
  const first = start(() => {
    if (failed) return;
    failed = true;
    first.close();
    const fallback = inPageEngine(loop, onMessage);
    Object.assign(engine, fallback);
    for (const msg of sent) fallback.send(msg);
  });
  return Object.assign(engine, {
    kind: first.kind,
    send(msg) {
      if (msg.type === FRESH_START[loop]) sent.length = 0;
      sent.push(msg);
      first.send(msg);
    },
    close() { first.close(); },
  });
}

function inPageEngine(loop, onMessage) {
  // Reports are delivered asynchronously, as a worker's would be.
  const running = LOOPS[loop]((message) => queueMicrotask(() => onMessage(message)));
  return {
    kind: "page",
    send(msg) { running.handle(msg); },
    close() { running.handle({ type: "close" }); },
  };
}
