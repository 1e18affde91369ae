// End to end: the served page in headless Chromium (playwright-core, Debian's /usr/bin/chromium).
// Needs the release build in pkg/ (scripts/test.sh builds it first).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { get as httpGet } from "node:http";
import { launch, openPage } from "./browser.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const text = (page, selector) => page.locator(selector).textContent();
const number = async (page, selector) => Number(await text(page, selector));
/** Waits until the step counter shows `n` (steps run in a Web Worker, so the page shows them a moment later). */
const waitStep = (page, n) => page.waitForFunction((want) => document.getElementById("step").textContent === String(want), n);

/** Counts pixels of a canvas that are not the background, inside the page. */
function paintedPixels(page, id) {
  return page.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId);
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    const [r0, g0, b0] = [data[0], data[1], data[2]];
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r0) + Math.abs(data[i + 1] - g0) + Math.abs(data[i + 2] - b0) > 30) painted++;
    }
    return painted;
  }, id);
}

test("the module is served as application/wasm", async () => {
  const response = await fetch(`${env.url}pkg/gmm_two_ways_bg.wasm`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("content-type"), "application/wasm");
});

/** Status of a GET whose path is sent exactly as given. */
function rawStatus(path) {
  const { port } = new URL(env.url);
  return new Promise((resolve, reject) => {
    httpGet({ host: "127.0.0.1", port, path }, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).on("error", reject);
  });
}

test("the server serves nothing outside the project", async () => {
  // A real file outside the project, reached with encoded "..": must be refused.
  const secret = join(mkdtempSync(join(tmpdir(), "gmm-")), "secret.txt");
  writeFileSync(secret, "outside");
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const escape = relative(root, secret).split(sep).join("/");
  assert.ok(escape.startsWith(".."), escape);
  // Raw requests: fetch() would normalise the dots away before sending.
  // An encoded "/" survives URL parsing and becomes a real ".." after decoding: the case that matters.
  for (const path of [`/${escape}`, `/${escape.replaceAll("..", "%2e%2e")}`, `/${escape.replaceAll("/", "%2f")}`]) {
    assert.equal(await rawStatus(path), 404, path);
  }
  assert.equal((await fetch(`${env.url}Cargo.toml`)).status, 404, "only web file types are served");
  assert.equal((await fetch(env.url, { method: "POST" })).status, 405);
});

test("play, pause, reset, step, bad input and a screenshot", async () => {
  const { page, problems } = await openPage(env.browser, env.url);
  assert.equal(await number(page, "#step"), 0);
  const startDirect = await number(page, "#directLoss");
  const startEm = await number(page, "#emLoss");
  assert.equal(startDirect, startEm, "both methods start from the same parameters");
  for (const id of ["directCanvas", "emCanvas", "lossCanvas"]) {
    assert.ok(await paintedPixels(page, id) > 5000, `${id} is painted`);
  }

  // Play until both losses have fallen well below the start.
  await page.click("#play");
  assert.equal(await text(page, "#play"), "Pause");
  await page.waitForFunction(([d0, e0]) => {
    const d = Number(document.getElementById("directLoss").textContent);
    const e = Number(document.getElementById("emLoss").textContent);
    return d < d0 / 10 && e < e0 / 10;
  }, [startDirect, startEm], { timeout: 60000 });
  assert.ok(await number(page, "#step") > 0);

  // Pause: the counter stops.
  await page.click("#play");
  await page.waitForSelector(".gmm-demo[data-running=false]"); // the worker has heard the pause
  const paused = await number(page, "#step");
  await page.waitForTimeout(600);
  assert.equal(await number(page, "#step"), paused, "the step counter stops when paused");
  assert.equal(await text(page, "#play"), "Play");

  // Reset: back to step 0 and the starting loss.
  await page.click("#reset");
  await waitStep(page, 0);
  assert.equal(await number(page, "#directLoss"), startDirect);

  // Step button and the keyboard shortcut.
  await page.click("#stepOnce");
  await waitStep(page, 1);
  await page.locator("h1").click();
  await page.keyboard.press("s");
  await waitStep(page, 2);

  // An invalid K: a clear message, the field marked, the last good run kept and still working.
  await page.fill("#k", "0");
  await page.locator("#k").dispatchEvent("change");
  const message = await text(page, "#message");
  assert.match(message, /^K fitted: k = 0 is not allowed: k must be a whole number between 1 and 10/);
  assert.match(message, /last valid run is kept/);
  assert.equal(await page.getAttribute("#k", "aria-invalid"), "true");
  assert.equal(await number(page, "#step"), 2);
  await page.click("#stepOnce");
  await waitStep(page, 3);
  // Fixing it starts a new run and clears the message.
  await page.fill("#k", "4");
  await page.locator("#k").dispatchEvent("change");
  assert.equal(await number(page, "#step"), 0);
  assert.equal(await text(page, "#message"), "");
  assert.equal(await page.getAttribute("#k", "aria-invalid"), null);
  assert.equal(await page.locator("#paramsBody tr").count(), 5, "one row per true component");

  // A learning-rate change while running: no reset.
  await page.click("#play");
  await page.waitForFunction(() => Number(document.getElementById("step").textContent) > 20);
  await page.fill("#learningRate", "0.05");
  await page.locator("#learningRate").dispatchEvent("change");
  assert.ok(await number(page, "#step") > 20, "changing the learning rate does not reset");
  await page.click("#play");

  // The page fits a 1366x768 screen: controls and all three charts without scrolling.
  const bottoms = await page.evaluate((selectors) => {
    window.scrollTo(0, 0);
    return selectors.map((s) => [s, document.querySelector(s).getBoundingClientRect().bottom + window.scrollY]);
  }, ["#play", "#reset", "#lesson", "#directCanvas", "#emCanvas", "#lossCanvas", "#paramsBody", ".hint:last-of-type"]);
  for (const [selector, bottom] of bottoms) assert.ok(bottom <= 768, `${selector} ends at ${bottom}px`);

  mkdirSync("test-results", { recursive: true });
  await page.click("#reset");
  await page.click("#play");
  await page.waitForFunction(() => Number(document.getElementById("step").textContent) >= 400, null, { timeout: 60000 });
  await page.click("#play");
  await page.screenshot({ path: "test-results/page.png" });
  assert.deepEqual(problems, [], "no console errors or warnings");
});

test("a run goes to the step limit and says so", async () => {
  const { page, problems } = await openPage(env.browser, env.url);
  await page.fill("#maxSteps", "40");
  await page.locator("#maxSteps").dispatchEvent("change");
  await page.click("#play");
  await page.waitForFunction(() => document.getElementById("play").textContent === "Play", null, { timeout: 30000 });
  assert.equal(await number(page, "#step"), 40);
  assert.match(await text(page, "#directStatus"), /stopped at the step limit \(40 steps\)/);
  assert.match(await text(page, "#emStatus"), /stopped at the step limit \(40 steps\)/);
  assert.deepEqual(problems, []);
});

test("presets say what to look for, and the collapse lesson works with the floor slider", async () => {
  const { page, problems } = await openPage(env.browser, env.url);
  assert.match(await text(page, "#lesson"), /same tiny components near 0/);
  await page.selectOption("#preset", "collapse");
  assert.match(await text(page, "#lesson"), /variance floor holds it/);
  assert.equal(await page.inputValue("#n"), "2000");
  assert.equal(await page.inputValue("#k"), "3");
  assert.equal(await page.inputValue("#dataSeed"), "2");
  await page.fill("#maxSteps", "300");
  await page.locator("#maxSteps").dispatchEvent("change");
  await page.click("#play");
  await page.waitForFunction(() => document.getElementById("play").textContent === "Play", null, { timeout: 30000 });
  assert.match(await text(page, "#message"), /EM: component \d is held at the variance floor \(σ = 0\.0010\)/);
  const before = await number(page, "#emLoss");
  // Lower the floor with the slider (keyboard: End goes to its minimum... of log10, i.e. 1e-12 is Home).
  await page.focus("#floorSlider");
  await page.keyboard.press("Home");
  assert.equal(await page.inputValue("#varianceFloor"), "1e-12");
  await page.fill("#maxSteps", "400");
  await page.locator("#maxSteps").dispatchEvent("change");
  await page.click("#play");
  await page.waitForFunction(() => document.getElementById("play").textContent === "Play", null, { timeout: 30000 });
  const after = await number(page, "#emLoss");
  assert.ok(after < before - 0.001, `a lower floor lets the loss fall further: ${before} -> ${after}`);
  assert.match(await text(page, "#message"), /σ = 1\.0e-6/);
  assert.deepEqual(problems, []);
});

test("the side questions: a grid mean near 0.1, and shuffled labels change only the naive MSE", async () => {
  const { page, problems } = await openPage(env.browser, env.url);
  await page.selectOption("#init", "from-data");
  await page.fill("#maxSteps", "150");
  await page.locator("#maxSteps").dispatchEvent("change");
  await page.click("#play");
  await page.waitForFunction(() => document.getElementById("play").textContent === "Play", null, { timeout: 30000 });
  await page.click("#sideQuestions summary");
  await page.waitForSelector("#q1Body tr td"); // filled on the details' (asynchronous) toggle event
  const truthRow = await page.locator("#q1Body tr").first().locator("td").allTextContents();
  assert.equal(Number(truthRow[0]).toFixed(4), "0.0999", `grid mean of the truth: ${truthRow}`);
  assert.ok(Number(truthRow[1]) > 0.9999 && Number(truthRow[1]) < 1, `integral ${truthRow[1]}`);
  const naive = async () => (await page.locator("#q2Body tr").nth(1).locator("td").allTextContents());
  const pixels = () => page.evaluate(() => {
    const c = document.getElementById("emCanvas");
    return Array.from(c.getContext("2d").getImageData(0, 40, c.width, c.height - 40).data).join(",");
  });
  const [before, picture, loss] = [await naive(), await pixels(), await page.locator("#emLoss").textContent()];
  let after = before;
  for (let i = 0; i < 5 && after[0] === before[0]; i++) {
    await page.click("#shuffle");
    after = await naive();
  }
  assert.notEqual(after[0], before[0], "the naive MSE changes with the labels");
  assert.equal(after[1], before[1], "the matched MSE does not");
  assert.equal(await page.locator("#emLoss").textContent(), loss);
  // Below the caption the EM panel has the same curves; only component colours may swap.
  const [now, then] = [(await pixels()).split(","), picture.split(",")];
  const differing = now.filter((v, i) => v !== then[i]).length;
  assert.ok(differing < then.length * 0.02, `${differing} channel values changed`);
  assert.match(await page.locator("#shuffleResult").textContent(), /The curves did not move/);
  // This test's own repeated getImageData calls make Chromium suggest willReadFrequently; nothing else may appear.
  assert.deepEqual(problems.filter((p) => !p.includes("Multiple readback operations")), []);
});

test("on the classic preset the side question's MSE after matching is never above the naive one", async () => {
  // The case: at 1000 steps gradient descent's "after matching" read 0.5959 against a naive 0.4023.
  const { page, problems } = await openPage(env.browser, `${env.url}?preset=classic&maxSteps=1000`);
  await page.click("#play");
  await page.waitForFunction(() => document.getElementById("play").textContent === "Play", null, { timeout: 60000 });
  assert.equal(await text(page, "#step"), "1000");
  await page.click("#sideQuestions summary");
  await page.waitForSelector("#q2Body tr td");
  const rows = await page.locator("#q2Body tr").evaluateAll((trs) => trs.map((tr) => Array.from(tr.cells, (c) => c.textContent)));
  assert.deepEqual(rows.map((r) => r[0]), ["gradient descent (Adam)", "EM"]);
  for (const [method, naive, matched] of rows) {
    assert.ok(Number.isFinite(Number(naive)) && Number.isFinite(Number(matched)), `${method}: ${naive}, ${matched}`);
    assert.ok(Number(matched) <= Number(naive), `${method}: matched ${matched} > naive ${naive}`);
  }
  assert.deepEqual(problems, []);
});

test("at phone and tablet widths no open section makes the page scroll sideways", async () => {
  for (const viewport of [{ width: 375, height: 812 }, { width: 768, height: 1024 }]) {
    const { page, problems } = await openPage(env.browser, `${env.url}?preset=classic&maxSteps=30`, viewport);
    await page.click("#play");
    await page.waitForFunction(() => document.getElementById("play").textContent.trim() === "Play", null, { timeout: 30000 });
    await page.evaluate(() => { for (const d of document.querySelectorAll("details")) d.open = true; });
    await page.waitForTimeout(500);
    const { scroll, width } = await page.evaluate(() => ({
      scroll: document.scrollingElement.scrollWidth, width: document.documentElement.clientWidth,
    }));
    assert.ok(scroll <= width, `${viewport.width} px: the page is ${scroll} px wide`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
