// Where the fit runs: a Web Worker when the browser allows one, else this thread (same FitLoop, same
// numbers). Either way the page gets progress reports and never steps its own Demo.

import { Demo } from "../pkg/gmm_two_ways.js";
import { FitLoop } from "./fit-loop.js";

/**
 * `createEngine(onMessage, { worker, wasmModule })`: returns `{ kind, send(msg), close() }`.
 * `wasmModule` (a compiled WebAssembly.Module) is handed to the worker so it need not fetch the .wasm again.
 */
export function createEngine(onMessage, { worker = true, wasmModule } = {}) {
  if (worker && typeof Worker === "function") {
    try {
      const w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
      let failed = false;
      const local = [];
      w.onmessage = (event) => onMessage(event.data);
      w.onerror = (event) => {
        // A worker that cannot load (a blocked module worker) falls back to this thread.
        event.preventDefault();
        if (failed) return;
        failed = true;
        w.terminate();
        const fallback = inPageEngine(onMessage);
        engine.kind = fallback.kind;
        engine.send = fallback.send;
        engine.close = fallback.close;
        for (const msg of local) fallback.send(msg);
      };
      w.postMessage({ type: "init", module: wasmModule });
      const engine = {
        kind: "worker",
        send(msg) {
          // Kept since the last build, to replay on the page's thread if the worker fails to load.
          if (msg.type === "build") local.length = 0;
          local.push(msg);
          w.postMessage(msg);
        },
        close() { w.terminate(); },
      };
      return engine;
    } catch {
      // fall through to the page's thread
    }
  }
  return inPageEngine(onMessage);
}

function inPageEngine(onMessage) {
  // Reports are delivered asynchronously, as a worker's would be.
  const loop = new FitLoop(Demo, (message) => queueMicrotask(() => onMessage(message)));
  return {
    kind: "page",
    send(msg) { loop.handle(msg); },
    close() { loop.handle({ type: "close" }); },
  };
}
