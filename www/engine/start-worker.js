// Starts one Web Worker of the engines (engine.js, panel-workers.js) on worker.js.

/**
 * A module worker (worker.js) sent `{ type: "init", loop, ...init }`; `onFailure()` if it cannot load (a
 * blocked module worker, a page opened from a file).
 */
export function startWorker(loop, init, onFailure) {
  const w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
  w.onerror = (event) => {
    event.preventDefault();
    onFailure();
  };
  w.postMessage({ type: "init", loop, ...init });
  return w;
}
