// The benchmark page (bench.html, www/bench.js, src/wasm_bench.rs, built into pkg-bench/ with the `bench` feature) in headless Chromium against the release
// build: it loads under the CSP, its exported timings have the right shape, bad arguments throw, and a full
// run fills the table. No timing is asserted: speed is reported by scripts/bench.sh, not tested.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch } from "./browser.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

async function openBench(query = "") {
  const page = await env.browser.newPage();
  const problems = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(`${env.url}bench.html${query}`);
  return { page, problems };
}

test("benchSteps and benchClassic return consistent figures; bad sizes throw", async () => {
  const { page, problems } = await openBench();
  await page.waitForFunction(() => document.getElementById("status").textContent === "Ready.");
  const result = await page.evaluate(async () => {
    const wasm = await import("./pkg-bench/gmm_two_ways.js"); // the page's module instance, already initialised
    // Enough work per batch (20 steps at N = 20,000, several milliseconds) that the browser's coarse timer
    // cannot round it to 0.
    const steps = wasm.benchSteps(20000, 1, 20);
    const errors = [];
    for (const args of [[0, 1, 1], [1_000_001, 1, 1], [100, 0, 1], [100, 1, 10_001]]) {
      try {
        wasm.benchSteps(...args);
        errors.push(null);
      } catch (error) {
        errors.push(error.message);
      }
    }
    return { plans: wasm.benchPlans(), steps, errors };
  });
  assert.deepEqual(result.plans, [
    { n: 5000, batches: 9, perBatch: 400 },
    { n: 1000000, batches: 5, perBatch: 4 },
  ]);
  const s = result.steps;
  assert.equal(s.n, 20000);
  assert.equal(s.k, 5);
  for (const [us, ns] of [[s.gradientUs, s.gradientNs], [s.emUs, s.emNs]]) {
    assert.ok(us > 0 && Number.isFinite(us), `microseconds per step: ${us}`);
    assert.ok(Math.abs(ns - (us * 1000) / (20000 * 5)) <= 1e-9 * ns, "ns per point-component = us * 1000 / (N K)");
  }
  assert.match(result.errors[0], /n is 0; it must be from 1 to 1000000/);
  assert.match(result.errors[1], /n is 1000001/);
  assert.match(result.errors[2], /batches is 0; it must be from 1 to 10000/);
  assert.match(result.errors[3], /perBatch is 10001/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a full run fills the table and times the classic workload", async () => {
  const { page, problems } = await openBench("?run");
  await page.waitForSelector("body[data-done=true]", { timeout: 170000 });
  const results = await page.evaluate(() => window.benchResults);
  assert.equal(results.error, undefined);
  assert.deepEqual(results.steps.map((s) => `${s.method} ${s.n}`), [
    "gradient 5000", "em 5000", "overrelaxed 5000", "gradient 1000000", "em 1000000", "overrelaxed 1000000",
  ]);
  assert.equal(await page.locator("#rows tr").count(), 6);
  // The over-relaxed step is EM's pass plus at most one more (a dropped proposal): at most about twice EM's.
  for (const n of [5000, 1000000]) {
    const [em, over] = ["em", "overrelaxed"].map((m) => results.steps.find((s) => s.method === m && s.n === n));
    assert.ok(over.us > 0 && over.us < 3 * em.us, JSON.stringify([em, over]));
  }
  assert.equal(results.classic.directSteps, 3000);
  assert.equal(results.classic.emSteps, 3000);
  assert.ok(results.classic.ms > 0);
  // Both fits fall from a start above 200 nats per point to below 2 (the truth scores 1.63).
  assert.ok(results.classic.emLoss < 2 && results.classic.directLoss < 2, JSON.stringify(results.classic));
  assert.match(await page.locator("#classic").textContent(), /3000 Adam steps \+ 3000 EM iterations/);
  // The halves ran one after the other and in two Web Workers, and the workers' fits end where the page's do.
  assert.equal(results.halves.same, true, JSON.stringify(results.halves));
  assert.ok(results.halves.parallelMs > 0 && results.halves.sequentialMs > 0);
  assert.match(await page.locator("#halves").textContent(), /in two Web Workers at once \(the same final losses\)/);
  // The frame-drawing timings ran at both sizes (their values are reported, not asserted).
  assert.deepEqual(results.draw.map((d) => d.n), [5000, 1000000]);
  assert.ok(results.draw.every((d) => d.ms > 0));
  assert.equal(await page.locator("#draw li").count(), 2);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the page's module (pkg/) exports no benchmark; the benchmark's (pkg-bench/) does", async () => {
  const { page, problems } = await openBench();
  await page.waitForFunction(() => document.getElementById("status").textContent === "Ready.");
  const exports = await page.evaluate(async () => {
    const names = (module) => Object.keys(module).filter((name) => name.startsWith("bench"));
    const pageModule = await import("./pkg/gmm_two_ways.js");
    const benchModule = await import("./pkg-bench/gmm_two_ways.js");
    return { page: names(pageModule), bench: names(benchModule), pageHasDemo: typeof pageModule.Demo };
  });
  assert.deepEqual(exports.page, []);
  assert.deepEqual(exports.bench.sort(), ["benchClassic", "benchClassicHalf", "benchPlans", "benchSteps"]);
  assert.equal(exports.pageHasDemo, "function");
  assert.deepEqual(problems, []);
  await page.close();
});
