// The benchmark page: runs the wasm timings (src/wasm_bench.rs) and shows them in a table.
// `bench.html?run` starts at once; when done, `window.benchResults` holds the figures and
// `document.body.dataset.done` is "true" (scripts/bench-browser.mjs waits for that).

import init, { benchClassic, benchPlans, benchSteps } from "../pkg/gmm_two_ways.js";

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

async function run() {
  const button = element("run");
  button.disabled = true;
  element("rows").replaceChildren();
  element("classic").textContent = "";
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
      );
      addRow("gradient step (Adam)", t.n, t.gradientUs, t.gradientNs);
      addRow("EM iteration", t.n, t.emUs, t.emNs);
    }
    element("status").textContent = "Running the classic workload…";
    await pause();
    results.classic = benchClassic();
    const c = results.classic;
    element("classic").textContent =
      `Classic workload (${c.directSteps} Adam steps + ${c.emSteps} EM iterations, N = 5,000, K = 5): ` +
      `${c.ms.toFixed(1)} ms; final losses ${c.directLoss.toFixed(6)} (Adam) and ${c.emLoss.toFixed(6)} (EM).`;
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
