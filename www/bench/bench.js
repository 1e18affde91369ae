// The benchmark page: runs the wasm timings (src/wasm_bench.rs) and shows them in a table.
// `bench.html?run` starts at once; when done, `window.benchResults` holds the figures and
// `document.body.dataset.done` is "true" (scripts/bench-browser.mjs waits for that).

import init, { Demo, benchClassic, benchClassicHalf, benchPlans, benchSteps } from "../../pkg-bench/gmm_two_ways.js";

const element = (id) => document.getElementById(id);
const pause = () => new Promise((resolve) => setTimeout(resolve, 20)); // lets the table paint

function cell(row, text, numeric = false) {
  const td = document.createElement("td");
  td.textContent = text;
  if (numeric) td.className = "number";
  row.append(td);
}

function addRow(method, n, us, ns) {
  const row = document.createElement("tr");
  cell(row, method);
  cell(row, n.toLocaleString("en-US"), true);
  cell(row, us.toFixed(1), true);
  cell(row, ns.toFixed(2), true);
  element("rows").append(row);
}

/** A Web Worker of bench-worker.js, resolved once it has loaded the module. */
function startWorker() {
  const worker = new Worker(new URL("./bench-worker.js", import.meta.url), { type: "module" });
  return new Promise((resolve, reject) => {
    worker.onmessage = (event) => (event.data === "ready" ? resolve(worker) : reject(new Error("worker did not start")));
    worker.onerror = (event) => reject(new Error(`worker failed: ${event.message}`));
  });
}

/** Runs `panel`'s half of the classic workload in `worker`: its `{ ms, steps, loss }`. */
function runHalf(worker, panel) {
  return new Promise((resolve, reject) => {
    worker.onmessage = (event) => (event.data.error ? reject(new Error(event.data.error)) : resolve(event.data));
    worker.postMessage({ panel });
  });
}

/**
 * The classic workload with one method per call: both halves one after the other on this thread, then each in
 * its own Web Worker at the same time (the wall time until both are done; the workers are started first).
 */
async function benchHalves() {
  const direct = benchClassicHalf("direct");
  const em = benchClassicHalf("em");
  const workers = await Promise.all([startWorker(), startWorker()]);
  try {
    const start = performance.now();
    const [inDirect, inEm] = await Promise.all([runHalf(workers[0], "direct"), runHalf(workers[1], "em")]);
    const parallelMs = performance.now() - start;
    const same = inDirect.loss === direct.loss && inEm.loss === em.loss;
    return { sequentialMs: direct.ms + em.ms, parallelMs, directMs: inDirect.ms, emMs: inEm.ms, same };
  } finally {
    for (const w of workers) w.terminate();
  }
}

/** Frames timed per drawing workload (the median is reported). */
const DRAW_FRAMES = 25;

/**
 * Times one frame of the demo's drawing, as the page does it: both density panels and the loss chart, on
 * canvases of the page's size, after `steps` steps at N = `n`. The histogram is binned once per data set and
 * the densities are drawn on a fixed grid, so N should not matter; the loss history is decimated.
 */
function benchDraw(n, steps) {
  const demo = new Demo({ n, init: "from-data", maxSteps: Math.max(steps, 1) });
  demo.advance(steps);
  const host = element("drawHost");
  const canvases = [[520, 290], [520, 290], [520, 270]].map(([w, h]) => {
    const c = document.createElement("canvas");
    c.width = w;
    c.height = h;
    host.append(c);
    return c;
  });
  const times = [];
  for (let i = 0; i < DRAW_FRAMES + 2; i++) {
    const start = performance.now();
    demo.drawDensity("direct", canvases[0]);
    demo.drawDensity("em", canvases[1]);
    demo.drawLoss(canvases[2]);
    if (i >= 2) times.push(performance.now() - start); // the first frames warm up
  }
  host.replaceChildren();
  demo.free();
  times.sort((a, b) => a - b);
  return { n, steps, ms: times[Math.floor(times.length / 2)], maxMs: times[times.length - 1] };
}

async function run() {
  const button = element("run");
  button.disabled = true;
  element("rows").replaceChildren();
  element("classic").textContent = "";
  element("draw").replaceChildren();
  delete document.body.dataset.done;
  const results = { userAgent: navigator.userAgent, steps: [], classic: null };
  try {
    for (const plan of benchPlans()) {
      element("status").textContent = `Timing N = ${plan.n.toLocaleString("en-US")}…`;
      await pause();
      const t = benchSteps(plan.n, plan.batches, plan.perBatch);
      results.steps.push(
        { method: "gradient", n: t.n, k: t.k, us: t.gradientUs, ns: t.gradientNs },
        { method: "em", n: t.n, k: t.k, us: t.emUs, ns: t.emNs },
        { method: "overrelaxed", n: t.n, k: t.k, us: t.overrelaxedUs, ns: t.overrelaxedNs },
      );
      addRow("gradient step (Adam)", t.n, t.gradientUs, t.gradientNs);
      addRow("EM iteration", t.n, t.emUs, t.emNs);
      addRow("over-relaxed EM iteration (adaptive)", t.n, t.overrelaxedUs, t.overrelaxedNs);
    }
    element("status").textContent = "Running the classic workload…";
    await pause();
    results.classic = benchClassic();
    const c = results.classic;
    element("classic").textContent =
      `Classic workload (${c.directSteps} Adam steps + ${c.emSteps} EM iterations, N = 5,000, K = 5): ` +
      `${c.ms.toFixed(1)} ms; final losses ${c.directLoss.toFixed(6)} (Adam) and ${c.emLoss.toFixed(6)} (EM).`;
    element("status").textContent = "Running the classic workload's halves, one after the other and in two workers…";
    await pause();
    results.halves = await benchHalves();
    const h = results.halves;
    element("halves").textContent = `One method per call: ${h.sequentialMs.toFixed(1)} ms one after the other, `
      + `${h.parallelMs.toFixed(1)} ms in two Web Workers at once (`
      + `${h.same ? "the same final losses" : "different final losses: a bug"}).`;
    results.draw = [];
    for (const [n, steps] of [[5000, 3000], [1000000, 10]]) {
      element("status").textContent = `Timing one drawn frame at N = ${n.toLocaleString("en-US")}…`;
      await pause();
      const d = benchDraw(n, steps);
      results.draw.push(d);
      const line = document.createElement("li");
      line.textContent = `N = ${n.toLocaleString("en-US")}, after ${steps} steps: ${d.ms.toFixed(2)} ms per frame `
        + `(median of ${DRAW_FRAMES}; slowest ${d.maxMs.toFixed(2)} ms)`;
      element("draw").append(line);
    }
    element("status").textContent = "Done.";
  } catch (error) {
    results.error = String(error?.message ?? error);
    element("status").textContent = `Failed: ${results.error}`;
  }
  window.benchResults = results;
  document.body.dataset.done = "true";
  button.disabled = false;
}

await init();
element("agent").textContent = navigator.userAgent;
element("status").textContent = "Ready.";
element("run").addEventListener("click", run);
if (new URLSearchParams(location.search).has("run")) run();
