// Where the fit and the restarts run: a Web Worker when the browser allows one, else this thread (the same
// loop, the same numbers). Either way the page sends commands and gets reports, and never steps its own Demo.
// Every command and report carries `seq`: the page's count of builds (and resets, relabellings, restart
// runs); a report whose `seq` is not the newest is dropped. A worker that could not start reports `seq: -1`.

import { FRESH_START, LOOPS } from "./loops.js";

/**
 * `createEngine(loop, onMessage, { worker, wasmModule })` with `loop` "fit" or "restarts" (see loops.js):
 * returns `{ kind, send(msg), close() }`. `wasmModule` (a compiled WebAssembly.Module) is handed to the
 * worker so it need not fetch the .wasm again.
 */
export function createEngine(loop, onMessage, { worker = true, wasmModule } = {}) {
  if (!LOOPS[loop]) throw new Error(`unknown engine loop ${loop}`);
  if (worker && typeof Worker === "function") {
    try {
      const w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
      let failed = false;
      const sent = [];
      w.onmessage = (event) => onMessage(event.data);
      w.onerror = (event) => {
        // A worker that cannot load (a blocked module worker, a page opened from a file) falls back to this
        // thread, which replays the commands sent since the loop last started afresh.
        event.preventDefault();
        if (failed) return;
        failed = true;
        w.terminate();
        const fallback = inPageEngine(loop, onMessage);
        Object.assign(engine, fallback);
        for (const msg of sent) fallback.send(msg);
      };
      w.postMessage({ type: "init", loop, module: wasmModule });
      const engine = {
        kind: "worker",
        send(msg) {
          if (msg.type === FRESH_START[loop]) sent.length = 0;
          sent.push(msg);
          w.postMessage(msg);
        },
        close() { w.terminate(); },
      };
      return engine;
    } catch {
      // fall through to the page's thread
    }
  }
  return inPageEngine(loop, onMessage);
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
