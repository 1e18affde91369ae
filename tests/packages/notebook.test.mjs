// The notebook widget as a user gets it: the wheel (dist/gmm_two_ways-VERSION-*.whl) installed into the
// venv scripts/setup.sh made (.venv-notebook/), JupyterLab started on 127.0.0.1, a notebook whose first cell
// is the README's "In a notebook" example opened in headless Chromium and run cell by cell: the widget draws
// both density canvases from the numpy data, `demo.state` reaches Python (its N and K are the cell's), and
// `demo.compare(...)` draws a mixture whose loss Python reads back. Nothing of the widget is fetched.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../e2e/browser.mjs";
import { crateVersion } from "../../scripts/package-spec.mjs";
import { DRAWN_COLOURS, densityColours } from "./canvas-colours.mjs";
import { readmeBlock } from "./readme.mjs";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const VENV = join(ROOT, ".venv-notebook");
const TOKEN = randomBytes(16).toString("hex");

/** The notebook's cells after the README's: print what Python sees, as one JSON line each. */
const CELLS = [
  readmeBlock("In a notebook", "python").trim(),
  `import json, time
s = demo.state
print("STATE " + json.dumps({"n": s["n"], "k": s["k"], "step": s["step"], "len_x": len(x), "k_trait": demo.k,
    "losses": [s["direct"]["loss"], s["em"]["loss"]], "weights": s["em"]["weights"], "error": demo.error}))`,
  `demo.compare(logits=[0.0, 0.0], means=[-2.0, 1.0], lsigmas=[np.log(0.5), 0.0])`,
  `print("COMPARED " + json.dumps(demo.state["comparison"]))`,
  `demo.max_steps = 150`,
  `print("OPTIONS " + json.dumps({"k": demo.k, "max_steps": demo.max_steps, "step": demo.state["step"]}))`,
];

function notebook(cells) {
  const cell = (source) => ({ cell_type: "code", execution_count: null, metadata: {}, outputs: [], source });
  return {
    cells: cells.map(cell),
    metadata: { kernelspec: { display_name: "Python 3 (ipykernel)", language: "python", name: "python3" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

function freePort() {
  return new Promise((resolvePort) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

let dir;
let lab;
let browser;
let base;
before(async () => {
  const wheel = readdirSync(join(ROOT, "dist")).find((f) => f.startsWith(`gmm_two_ways-${crateVersion()}-`) && f.endsWith(".whl"));
  if (!wheel) throw new Error("dist/ has no gmm_two_ways wheel of this version: run bash scripts/package.sh first");
  execFileSync(join(VENV, "bin/python"), ["-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--force-reinstall",
    join(ROOT, "dist", wheel)], { stdio: "pipe" });
  dir = mkdtempSync(join(tmpdir(), "gmm-lab-"));
  const home = join(dir, "home");
  mkdirSync(join(dir, "work"), { recursive: true });
  writeFileSync(join(dir, "work/demo.ipynb"), JSON.stringify(notebook(CELLS)));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  lab = spawn(join(VENV, "bin/jupyter"), ["lab", "--no-browser", "--ServerApp.ip=127.0.0.1", `--ServerApp.port=${port}`,
    "--ServerApp.port_retries=0", "--allow-root", "--LabApp.extension_manager=readonly", `--IdentityProvider.token=${TOKEN}`, `--ServerApp.root_dir=${join(dir, "work")}`,
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"], {
    env: { ...process.env, HOME: home, JUPYTER_CONFIG_DIR: join(home, "config"), JUPYTER_RUNTIME_DIR: join(home, "runtime"),
      JUPYTERLAB_SETTINGS_DIR: join(home, "settings"), JUPYTERLAB_WORKSPACES_DIR: join(home, "workspaces"), IPYTHONDIR: join(home, "ipython") },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  lab.stderr.on("data", (chunk) => { log += chunk; });
  const deadline = Date.now() + 90000;
  for (;;) {
    try {
      const r = await fetch(`${base}/api/status?token=${TOKEN}`);
      if (r.ok) break;
    } catch { /* not listening yet */ }
    if (lab.exitCode !== null || Date.now() > deadline) throw new Error(`JupyterLab did not start:\n${log.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close();
  if (lab && lab.exitCode === null) {
    lab.kill("SIGTERM");
    await new Promise((r) => { lab.once("exit", r); setTimeout(r, 5000); });
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/**
 * Runs cell `index` (Shift+Enter) and waits until it has run. JupyterLab drops a run asked for in the moment
 * after the kernel first reports idle, so a cell whose prompt has not turned to [*] or [n] within a few
 * seconds is asked again (at most three times).
 */
async function runCell(page, index) {
  const cell = page.locator(".jp-Notebook .jp-Cell").nth(index);
  const prompt = cell.locator(".jp-InputPrompt");
  for (let attempt = 1; ; attempt++) {
    await cell.locator(".jp-InputArea-editor").click();
    await page.keyboard.press("Shift+Enter");
    try {
      await prompt.filter({ hasText: /\[(\*|\d+)\]/ }).waitFor({ timeout: 8000 });
      break;
    } catch (error) {
      if (attempt === 3) {
        await page.screenshot({ path: join(ROOT, `test-results/notebook-cell-${index}-not-run.png`) });
        throw new Error(`cell ${index} did not start (prompt ${JSON.stringify(await prompt.innerText())}): ${error.message}`);
      }
    }
  }
  await prompt.filter({ hasText: /\[\d+\]/ }).waitFor({ timeout: 60000 });
}

/** The text of a cell's output that starts with `tag `, parsed. */
async function printed(page, index, tag) {
  const output = page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".jp-OutputArea-output", { hasText: tag });
  await output.waitFor({ timeout: 30000 });
  const text = await output.innerText();
  return JSON.parse(text.slice(text.indexOf(tag) + tag.length + 1));
}

test("JupyterLab runs the README's cell: the widget draws the numpy data and demo.state reaches Python", async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems = [];
  const fetched = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error" && /gmm/i.test(m.text())) problems.push(m.text()); });
  page.on("request", (r) => { if (/gmm_two_ways|\/www\//.test(r.url())) fetched.push(r.url()); });
  await page.goto(`${base}/lab/tree/demo.ipynb?token=${TOKEN}`);
  await page.locator(".jp-Notebook .jp-Cell").first().waitFor({ timeout: 60000 });
  await page.locator(".jp-Notebook-ExecutionIndicator[data-status=idle]").waitFor({ timeout: 60000 });

  await runCell(page, 0);
  const widget = page.locator(".jp-OutputArea-output .gmm-demo[data-ready=true]");
  await widget.waitFor({ timeout: 60000 });
  // Drawn: each density canvas holds the histogram, curves and text (many distinct colours), and it steps.
  const colours = await widget.evaluate(densityColours);
  for (const n of colours) assert.ok(n > DRAWN_COLOURS, `a density canvas has ${n} colours: drawn`);
  await page.waitForFunction(() => Number(document.querySelector(".gmm-demo output[id$=step]")?.textContent) > 20, null, { timeout: 60000 });
  await page.waitForTimeout(600); // the widget sends its state a few times a second

  await runCell(page, 1);
  const state = await printed(page, 1, "STATE");
  assert.equal(state.n, state.len_x, "the demo fits the cell's numpy data");
  assert.equal(state.k, state.k_trait, "and the K Python gave it");
  assert.ok(state.step > 20, `the state is the running demo's: step ${state.step}`);
  for (const loss of state.losses) assert.ok(Number.isFinite(loss) && loss > 0, `loss ${loss}`);
  assert.ok(Math.abs(state.weights.reduce((a, b) => a + b, 0) - 1) < 1e-9, "EM's weights sum to 1");
  assert.equal(state.error, "");

  await runCell(page, 2);
  const line = page.locator(".gmm-demo [id$=comparison]");
  await line.waitFor({ state: "visible", timeout: 30000 });
  await page.waitForTimeout(300);
  await runCell(page, 3);
  const compared = await printed(page, 3, "COMPARED");
  assert.ok(Number.isFinite(compared.loss), `the comparison's loss reaches Python: ${compared.loss}`);
  assert.deepEqual(compared.means, [-2, 1]);
  assert.match(await line.textContent(), new RegExp(`loss ${compared.loss.toFixed(4)};`), "the line shows the loss Python read");

  // Options both ways: Python sets one and the demo's form shows it; the form changes one and Python sees it.
  await runCell(page, 4);
  const maxSteps = widget.locator("input[id$=maxSteps]");
  await page.waitForFunction((el) => el.value === "150", await maxSteps.elementHandle(), { timeout: 30000 });
  // The layout follows the cell's width, not the window's: below 1100 px of cell, one column with the
  // settings in a drawer (open it to reach the form).
  const cellWidth = await widget.evaluate((el) => el.getBoundingClientRect().width);
  const toggle = widget.locator("[id$=settingsToggle]");
  assert.equal(await toggle.isVisible(), cellWidth <= 1100, `a ${Math.round(cellWidth)} px cell in a 1400 px window`);
  if (cellWidth <= 1100) await toggle.click();
  const k = widget.locator("input[id$=-k]");
  await k.fill("3");
  await k.press("Tab"); // the field's change rebuilds the run, and the widget sends the settings
  await page.waitForTimeout(800);
  await runCell(page, 5);
  const options = await printed(page, 5, "OPTIONS");
  assert.deepEqual({ k: options.k, maxSteps: options.max_steps }, { k: 3, maxSteps: 150 }, "both changes reach Python");

  await widget.locator(".plots").scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ROOT, "test-results/notebook-lab.png") });
  await widget.screenshot({ path: join(ROOT, "test-results/notebook-widget.png") });
  assert.deepEqual(fetched, [], "the widget's modules and wasm come inside its ES module, never fetched");
  assert.deepEqual(problems, []);
  await page.close();
});
