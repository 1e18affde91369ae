// Runs the benchmark natively (`cargo bench -p gmm-core --bench steps`) and in the release wasm build in headless
// Chromium (playwright-core, /usr/bin/chromium) and headless Firefox ESR (geckodriver, plain W3C WebDriver
// over HTTP; the end-to-end tests' launchers in tests/e2e/), `--repeat` rounds (default 3; each round runs all of them in turn), and prints one table of
// medians with the wasm/native ratio,
// the classic workload, the page at N = 1,000,000 with every section open in Chromium (bench-page.mjs: ready
// time and frame rate) and the size of the wasm module (raw and gzipped). Needs pkg/ built first:
// `bash scripts/bench.sh` does everything.
//
//   node scripts/bench-browser.mjs [--repeat 3] [--skip-native] [--browsers chromium,firefox]

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/e2e/browser.mjs";
import { launchFirefox } from "../tests/e2e/firefox.mjs";
import { PAGE_N, pageRun } from "./bench-page.mjs";
import { startServer } from "./serve.mjs";

const PAGE_TIMEOUT_MS = 300_000;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const repeat = Math.max(1, Number(option("--repeat", "3")) || 1);
const browsers = option("--browsers", "chromium,firefox").split(",").filter(Boolean);
const skipNative = args.includes("--skip-native");

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};

/** One native run: the BENCH lines of `cargo bench -p gmm-core --bench steps`. */
function nativeRun() {
  const out = spawnSync("cargo", ["bench", "--quiet", "-p", "gmm-core", "--bench", "steps"], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`cargo bench failed:\n${out.stderr}`);
  const records = out.stdout.split("\n").filter((l) => l.startsWith("BENCH ")).map((l) => JSON.parse(l.slice(6)));
  return {
    steps: records.filter((r) => r.kind === "step"),
    classic: records.find((r) => r.kind === "classic"),
    halves: records.find((r) => r.kind === "classicHalves"),
  };
}

async function chromiumRun(url) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(`${url}bench.html?run`);
    await page.waitForSelector("body[data-done=true]", { timeout: PAGE_TIMEOUT_MS });
    return await page.evaluate(() => window.benchResults);
  } finally {
    await browser.close();
  }
}

async function firefoxRun(url) {
  const firefox = await launchFirefox({ scriptTimeoutMs: PAGE_TIMEOUT_MS });
  try {
    await firefox.navigate(`${url}bench.html?run`);
    // The page is busy while a benchmark call runs; a script call then waits for it, which is fine.
    const done = "return document.body.dataset.done === 'true' ? JSON.stringify(window.benchResults) : null;";
    return JSON.parse(await firefox.waitFor(done, PAGE_TIMEOUT_MS));
  } finally {
    await firefox.close();
  }
}

/** Medians over runs: { "gradient 5000": { us, ns }, ..., classicMs, userAgent }. */
function summarise(runs) {
  const summary = { steps: {}, classicMs: median(runs.map((r) => r.classic.ms)), runs: runs.length };
  for (const step of runs[0].steps) {
    const key = `${step.method} ${step.n}`;
    const same = runs.map((r) => r.steps.find((s) => `${s.method} ${s.n}` === key));
    summary.steps[key] = { method: step.method, n: step.n, us: median(same.map((s) => s.us)), ns: median(same.map((s) => s.ns)) };
  }
  const halves = runs.map((r) => r.halves).filter(Boolean);
  summary.halves = halves.length ? {
    sequentialMs: median(halves.map((h) => h.sequentialMs)),
    parallelMs: median(halves.map((h) => h.parallelMs)),
    same: halves.every((h) => h.same !== false),
  } : null;
  summary.draw = (runs[0].draw ?? []).map((d, i) => ({ n: d.n, steps: d.steps, ms: median(runs.map((r) => r.draw[i].ms)) }));
  summary.userAgent = runs[0].userAgent;
  summary.classicSteps = runs[0].classic ? [runs[0].classic.directSteps, runs[0].classic.emSteps] : null;
  return summary;
}

const loadBefore = loadavg();
const runners = { chromium: chromiumRun, firefox: firefoxRun };
for (const name of browsers) {
  if (!runners[name]) throw new Error(`unknown browser ${name}; use chromium and/or firefox`);
}
const columns = [...(skipNative ? [] : ["native"]), ...browsers];
const runs = Object.fromEntries(columns.map((c) => [c, []]));
const pageRuns = [];
const server = await startServer(0);
const url = `http://127.0.0.1:${server.address().port}/`;
try {
  // Round by round (native, then each browser), so that a change in the machine's load hits all alike.
  for (let i = 0; i < repeat; i++) {
    for (const name of columns) {
      process.stderr.write(`${name} run ${i + 1}/${repeat}\n`);
      const run = name === "native" ? nativeRun() : await runners[name](url);
      if (run.error) throw new Error(`${name}: ${run.error}`);
      runs[name].push(run);
    }
    if (browsers.includes("chromium")) {
      process.stderr.write(`page at N = ${PAGE_N} run ${i + 1}/${repeat}\n`);
      pageRuns.push(await pageRun(url));
    }
  }
} finally {
  await new Promise((resolve) => server.close(resolve));
}
const results = Object.fromEntries(columns.map((c) => [c, summarise(runs[c])]));

const wasm = readFileSync(new URL("../pkg/gmm_two_ways_bg.wasm", import.meta.url));
const wasmSize = { bytes: wasm.length, gzipBytes: gzipSync(wasm, { level: 9 }).length };

const fmt = (v, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : "–");
const names = { gradient: "gradient step (Adam)", em: "EM iteration", overrelaxed: "over-relaxed EM iteration (adaptive)" };
const header = ["method", "N", ...columns.flatMap((c) => (c === "native"
  ? ["native µs/step", "native ns/(point·K)"]
  : [`${c} µs/step`, `${c} ns/(point·K)`, ...(results.native ? [`${c} / native`] : [])]))];
const rows = [];
for (const key of Object.keys(results[columns[0]].steps)) {
  const first = results[columns[0]].steps[key];
  const row = [names[first.method], first.n.toLocaleString("en-US")];
  for (const c of columns) {
    const s = results[c].steps[key];
    row.push(fmt(s.us), fmt(s.ns, 2));
    if (c !== "native" && results.native) row.push(`${fmt(s.us / results.native.steps[key].us, 2)}x`);
  }
  rows.push(row);
}
const classicRow = ["classic workload, ms (3000 + 3000 steps, N = 5,000)", "5,000"];
for (const c of columns) {
  classicRow.push(fmt(results[c].classicMs), "");
  if (c !== "native" && results.native) classicRow.push(`${fmt(results[c].classicMs / results.native.classicMs, 2)}x`);
}
rows.push(classicRow);
for (const [key, label] of [["sequentialMs", "one method per call, one after the other"],
  ["parallelMs", "one method per call, both at once (threads natively, two Web Workers in a browser)"]]) {
  const row = [`classic workload, ms, ${label}`, "5,000"];
  for (const c of columns) {
    row.push(fmt(results[c].halves?.[key]), "");
    if (c !== "native" && results.native) row.push(`${fmt(results[c].halves?.[key] / results.native.halves?.[key], 2)}x`);
  }
  rows.push(row);
}

const loads = (l) => l.map((v) => v.toFixed(2)).join(", ");
console.log(`\nMedians of ${repeat} run(s) each. ${cpus().length} CPUs (${cpus()[0]?.model.trim()}); load average ` +
  `(1, 5, 15 min) ${loads(loadBefore)} before, ${loads(loadavg())} after: other work on the machine slows every figure.`);
console.log(`| ${header.join(" | ")} |`);
console.log(`| ${header.map((_, i) => (i < 1 ? "---" : "---:")).join(" | ")} |`);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
const drawn = columns.filter((c) => c !== "native" && results[c].draw.length);
if (drawn.length) {
  console.log("\nOne drawn frame (both density panels and the loss chart), median ms:");
  console.log(`| N | steps so far | ${drawn.join(" | ")} |`);
  console.log(`| ---: | ---: | ${drawn.map(() => "---:").join(" | ")} |`);
  for (const [i, d] of results[drawn[0]].draw.entries()) {
    console.log(`| ${d.n.toLocaleString("en-US")} | ${d.steps} | ${drawn.map((c) => fmt(results[c].draw[i].ms, 2)).join(" | ")} |`);
  }
}
if (pageRuns.length) {
  const m = (key) => median(pageRuns.map((r) => r[key]));
  console.log(`\nThe page at N = ${PAGE_N.toLocaleString("en-US")} with every teaching section open, Chromium, medians of `
    + `${pageRuns.length}: ready after ${fmt(m("readyMs"), 0)} ms; while both methods step, ${fmt(m("fps"))} frames per `
    + `second, longest frame ${fmt(m("longestFrameMs"), 0)} ms, ${fmt(m("steps"), 0)} steps in 5 s.`);
}
for (const c of columns) if (c !== "native") console.log(`${c}: ${results[c].userAgent}`);
for (const c of columns) {
  if (results[c].halves && !results[c].halves.same) console.log(`${c}: the workers' final losses differ from the page's: a bug`);
}
console.log(`wasm module pkg/gmm_two_ways_bg.wasm: ${wasmSize.bytes} bytes (${fmt(wasmSize.bytes / 1024)} KiB), ` +
  `gzipped ${wasmSize.gzipBytes} bytes (${fmt(wasmSize.gzipBytes / 1024)} KiB)`);
console.log(`BENCH-JSON ${JSON.stringify({ ...results, page: pageRuns, wasmSize, loadBefore, loadAfter: loadavg() })}`);
