// End to end: the single-file build (scripts/build-single.mjs, from the release package in pkg/) opened
// straight from disk, file://, in Chromium (playwright-core) and in Firefox (geckodriver, plain WebDriver).
// Checked: it starts, Step and Play change the step counter and the loss, the fit runs in a Web Worker,
// the inlined stylesheet applies, own data can be imported (and bad data is refused naming the line), the
// CSP stays strict (an injected inline script is blocked), and nothing is logged as an error.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { buildSingleFile } from "../../scripts/build-single.mjs";
import { CHROMIUM, CHROMIUM_ARGS } from "./browser.mjs";
import { launchFirefox } from "./firefox.mjs";

let built;
let url;
before(() => {
  built = buildSingleFile("dist/gmm-two-ways.html");
  url = pathToFileURL(built.path).href;
  console.log(`# ${built.path}: ${built.bytes} bytes, ${built.gzipped} gzipped, ${built.modules.length} modules`);
});

/** In the page: the step, both losses, and whether the inlined stylesheet applies (body 14px, margin 0). */
const READ = `const t = (id) => document.getElementById(id).textContent;
  const body = getComputedStyle(document.body);
  return { step: Number(t("step")), direct: t("directLoss"), em: t("emLoss"),
    styled: body.fontSize === "14px" && body.marginTop === "0px", ready: document.body.dataset.ready === "true" };`;
const read = new Function(READ);

/** Counts animation frames for 2 s: a fit on the page's own thread at N = 1,000,000 would stall them. */
const COUNT_FRAMES = `return new Promise((resolve) => {
  let count = 0;
  const start = performance.now();
  const tick = () => (performance.now() - start < 2000 ? (count++, requestAnimationFrame(tick)) : resolve(count));
  requestAnimationFrame(tick);
});`;

test("the built file holds everything: no external script or stylesheet, a strict CSP with hashes", () => {
  const html = readFileSync(built.path, "utf8");
  assert.doesNotMatch(html, /<script\b[^>]*\bsrc=/, "no <script src>");
  assert.doesNotMatch(html, /<link\b[^>]*rel="stylesheet"/, "no linked stylesheet");
  assert.match(html, /<link rel="icon" href="data:,">/);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.ok(csp, "a CSP meta");
  const directive = (name) => csp.split(";").map((d) => d.trim().split(/\s+/)).find((d) => d[0] === name)?.slice(1);
  assert.deepEqual(directive("script-src").filter((s) => !s.startsWith("'sha256-")), ["blob:", "'wasm-unsafe-eval'"]);
  assert.equal(directive("script-src").filter((s) => s.startsWith("'sha256-")).length, 1, "one hashed bootstrap");
  assert.ok(directive("style-src").every((s) => s.startsWith("'sha256-")), "styles only by hash");
  assert.deepEqual(directive("object-src"), ["'none'"]);
  for (const path of ["pkg/gmm_two_ways.js", "www/app/main.js", "www/engine/worker.js"]) assert.ok(built.modules.includes(path), path);
  assert.ok(built.bytes < 4e6, `${built.bytes} bytes`);
});

test("Chromium, file://: starts, steps in a worker, imports data, and the CSP blocks injected scripts", async () => {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const problems = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    const workers = [];
    page.on("worker", (w) => workers.push(w));
    await page.goto(url);
    await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
    const start = await page.evaluate(read);
    assert.equal(start.step, 0);
    assert.ok(start.styled, "the inlined stylesheet applies");
    await page.click("#stepOnce");
    await page.waitForFunction(() => document.getElementById("step").textContent === "1", null, { timeout: 20000 });
    const one = await page.evaluate(read);
    assert.notEqual(one.direct, start.direct, "the loss readout changed");
    assert.match(one.direct, /^\d+\.\d+$/);
    await page.click("#play");
    await page.waitForFunction(() => Number(document.getElementById("step").textContent) >= 30, null, { timeout: 30000 });
    await page.click("#play");
    // The fit's two panels and the best-fit search each run in a module worker made from a blob: URL, and
    // their module loaded (it set onmessage).
    assert.equal(workers.length, 3, "the fit's two workers (one per panel) and the best-fit search's");
    for (const worker of workers) {
      assert.match(worker.url(), /^blob:/);
      assert.equal(await worker.evaluate(() => typeof self.onmessage), "function");
    }

    // Own data, parsed by Rust in this file: accepted, then bad data refused naming the line, data kept.
    await page.evaluate(() => { document.getElementById("dataIo").open = true; });
    await page.fill("#importText", "x\n-2.1\n-1.9\n-2.0\n\n3.1\n2.9\n3.0\n1.1\n0.9\n");
    await page.fill("#k", "2");
    await page.locator("#k").dispatchEvent("change");
    await page.click("#importApply");
    await page.waitForFunction(() => /^Imported 8 values/.test(document.getElementById("importResult").textContent));
    assert.match(await page.textContent("#lesson"), /no ground truth/);
    assert.equal(await page.inputValue("#n"), "8");
    await page.fill("#importText", "1\n2\nabc\n");
    await page.click("#importApply");
    await page.waitForFunction(() => document.getElementById("message").textContent.includes("line 3"));
    assert.match(await page.textContent("#message"), /line 3: "abc" is not a number/);
    assert.equal(await page.inputValue("#n"), "8", "the previous data are kept");
    assert.deepEqual(problems, []);

    // The CSP is in force: a script injected into the page does not run.
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.injected = 1";
      document.head.append(s);
    });
    assert.equal(await page.evaluate(() => window.injected), undefined);
    assert.ok(problems.some((p) => /Content Security Policy/.test(p)), "the blocked script is reported");
  } finally {
    await browser.close();
  }
});

test("Firefox, file://: starts, steps, keeps drawing at N = 1,000,000 while the worker fits", async () => {
  const ff = await launchFirefox();
  try {
    await ff.navigate(url);
    await ff.waitFor("return document.body.dataset.ready === 'true'", 30000);
    const start = await ff.execute(READ);
    assert.equal(start.step, 0);
    assert.ok(start.styled, "the inlined stylesheet applies");
    await ff.click("#stepOnce");
    await ff.waitFor("return document.getElementById('step').textContent === '1'");
    const one = await ff.execute(READ);
    assert.notEqual(one.direct, start.direct, "the loss readout changed");
    await ff.click("#play");
    await ff.waitFor("return Number(document.getElementById('step').textContent) >= 30", 30000);
    await ff.click("#play");
    const later = await ff.execute(READ);
    assert.notEqual(later.em, one.em);

    // A step over a million points takes a tenth of a second or more; frames keep coming only if a
    // worker does the fitting.
    await ff.navigate(`${url}?n=1000000&speed=1`);
    await ff.waitFor("return document.body.dataset.ready === 'true'", 30000);
    await ff.click("#play");
    const frames = await ff.executeAsync(COUNT_FRAMES);
    assert.ok(frames >= 20, `${frames} frames in 2 s while fitting`);
    await ff.waitFor("return Number(document.getElementById('step').textContent) >= 2", 60000);
    await ff.click("#play");

    const injected = await ff.execute(`const s = document.createElement("script");
      s.textContent = "window.injected = 1"; document.head.append(s); return window.injected ?? null;`);
    assert.equal(injected, null, "the CSP blocks an injected inline script");
    assert.deepEqual(ff.pageProblems(), []);
  } finally {
    await ff.close();
  }
});
