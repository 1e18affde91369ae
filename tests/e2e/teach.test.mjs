// End to end: the teaching sections render and respond (Chromium, release build in pkg/).
// The numbers behind them are checked in tests/web_teach.rs (browsers) and tests/teaching.rs (native).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { colours, launch, openPage } from "./browser.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const text = (page, selector) => page.locator(selector).textContent();
const stopped = (page) => page.waitForFunction(() => document.getElementById("play").textContent === "Play"
  && document.querySelector(".gmm-demo").dataset.running === "false", null, { timeout: 60000 });

test("the math section: MathML formulas, the naive sum underflowing at the homework's start, a live inspector", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?open=math`, { width: 1366, height: 900 });
  await page.waitForSelector("#underflowBody tr");
  const formulas = await page.locator("#math math").evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect().height));
  assert.ok(formulas.length >= 5, `${formulas.length} formulas`);
  assert.ok(formulas.every((h) => h > 15), `MathML is laid out: heights ${formulas}`);
  const start = await page.locator("#underflowBody tr").first().locator("td").allTextContents();
  assert.match(start[0], /^[1-9][\d,]* of 5,000$/, `points that underflow at the start: ${start[0]}`);
  assert.equal(start[1], "−∞");
  assert.match(start[2], /^-\d/, "log-sum-exp stays finite");
  assert.match(await text(page, "#underflowNote"), /exactly 0/);
  // The inspector's numbers come from the teaching worker: each change shows once its answer is back.
  const cells = async () => (await page.locator("#inspectBody tr td:nth-child(2)").allTextContents()).join(" ");
  await page.waitForSelector("#inspectBody tr");
  const first = await cells();
  await page.selectOption("#inspectComponent", "3");
  await page.waitForFunction((before) => [...document.querySelectorAll("#inspectBody tr td:nth-child(2)")]
    .map((td) => td.textContent).join(" ") !== before, first);
  const fourth = await cells();
  assert.notEqual(fourth, first, "another component, other numbers");
  await page.click("#stepOnce");
  await page.waitForFunction(() => document.getElementById("step").textContent === "1");
  await page.waitForFunction((before) => [...document.querySelectorAll("#inspectBody tr td:nth-child(2)")]
    .map((td) => td.textContent).join(" ") !== before, fourth);
  assert.deepEqual(problems, []);
});

test("EM step by step: E-step bars coloured by responsibility, M-step moves them, the log-likelihood only rises", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?open=em-steps&init=from-data`, { width: 1366, height: 900 });
  await page.waitForSelector("#emStepNext");
  assert.equal(await text(page, "#emStepNext"), "Show the E-step");
  await page.click("#emStepNext");
  assert.match(await text(page, "#emStepText"), /^E-step of iteration 1/);
  assert.equal(await text(page, "#emStepNext"), "Show the M-step");
  assert.ok(await colours(page, "emStepCanvas") > 20, "the E-step chart is drawn");
  for (let i = 0; i < 5; i++) {
    await page.click("#emStepNext");
    assert.match(await text(page, "#emStepText"), new RegExp(`^M-step of iteration ${i + 1}: .*\\(up by`));
    await page.click("#emStepNext");
  }
  const changes = await page.locator("#emStepBody tr td:nth-child(3)").allTextContents();
  assert.equal(changes.length, 6);
  assert.ok(changes.slice(1).every((c) => c.startsWith("+")), `every change is an increase: ${changes}`);
  await page.click("#emStepFromStart");
  assert.equal(await page.locator("#emStepBody tr").count(), 1, "starting over clears the table");
  assert.deepEqual(problems, []);
});

test("restarts run without freezing the page, show their spread, and any restart replays", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?open=restarts&maxSteps=60&n=1000`, { width: 1366, height: 900 });
  await page.fill("#restartsCount", "0");
  await page.click("#restartsRun");
  assert.match(await text(page, "#restartsStatus"), /R = 0 is not allowed: R must be a whole number from 1 to 50/);
  await page.fill("#restartsCount", "5");
  await page.selectOption("#restartsInit", "kmeans++");
  await page.click("#restartsRun");
  // While the restarts run (in their own worker), the main demo still steps.
  await page.click("#stepOnce");
  await page.waitForFunction(() => document.getElementById("step").textContent === "1");
  await page.waitForFunction(() => /All 5 restarts done/.test(document.getElementById("restartsStatus").textContent), null, { timeout: 120000 });
  assert.equal(await page.locator("#restartsBody tr").count(), 5);
  assert.equal(await page.locator("#restartsProgress").evaluate((p) => p.value), 1);
  assert.ok(await colours(page, "restartsCanvas") > 10, "the restarts chart is drawn");
  const third = await page.locator("#restartsBody tr").nth(2).locator("td").allTextContents();
  await page.locator("#restartsBody tr").nth(2).locator("button").click();
  assert.equal(await page.inputValue("#init"), "kmeans++");
  assert.equal(await page.inputValue("#initSeed"), "3", "restart 3 used init seed base + 2 = 3");
  assert.match(await text(page, "#restartsStatus"), /Restart 3 is loaded/);
  await page.click("#play");
  await stopped(page);
  // The replayed run ends where restart 3 ended.
  const [gd, em] = [third[1], third[2]].map((cell) => cell.split(" ")[0]);
  assert.equal(await text(page, "#directLoss"), gd);
  assert.equal(await text(page, "#emLoss"), em);
  assert.deepEqual(problems, []);
});

test("restarts say how long they may take before they start, and refuse an experiment of hours", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?open=restarts&maxSteps=60&n=1000`, { width: 1366, height: 900 });
  await page.fill("#restartsCount", "5");
  assert.match(await text(page, "#restartsEstimate"),
    /^5 restarts of at most 60 steps of both methods take at most about [\d.]+ (µs|ms|s), from the benchmark's cost per step/);
  // After a few steps the estimate is this run's own.
  await page.click("#play");
  await page.waitForFunction(() => Number(document.getElementById("step").textContent) >= 20, null, { timeout: 30000 });
  await page.fill("#restartsCount", "6");
  assert.match(await text(page, "#restartsEstimate"), /6 restarts .* from this run's measured cost per step\.$/);
  await page.close();
  // 50 restarts of 100,000 steps at N = 1,000,000: days, so not started.
  const big = await openPage(env.browser, `${env.url}?open=restarts&maxSteps=100000&n=1000000`, { width: 1366, height: 900 });
  await big.page.fill("#restartsCount", "50");
  await big.page.click("#restartsRun");
  assert.match(await text(big.page, "#restartsStatus"), /Not started: it would take too long/);
  assert.match(await text(big.page, "#restartsEstimate"), /take at most about [\d.]+ h, .*: more than the 3 min this page runs\. Lower R, the step limit or N\./);
  assert.equal(await big.page.isDisabled("#restartsCancel"), true, "nothing runs");
  assert.deepEqual([...problems, ...big.problems], []);
  await big.page.close();
});

test("trajectories and the loss landscape are drawn for the run so far", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?init=from-data&maxSteps=80`, { width: 1366, height: 900 });
  await page.click("#play");
  await stopped(page);
  await page.click("#trajectories summary");
  await page.waitForFunction(() => document.getElementById("trajectoriesCanvas").width > 300);
  await page.waitForFunction(() => /up to step 80/.test(document.getElementById("trajectoriesCanvas").getAttribute("aria-label")));
  assert.ok(await colours(page, "trajectoriesCanvas") > 20);
  await page.click("#landscape summary");
  await page.waitForFunction(() => /Drawn at step 80/.test(document.getElementById("landscapeStatus").textContent));
  assert.ok(await colours(page, "landscapeCanvas") > 100, "a heat map has many colours");
  await page.selectOption("#landscapeY", await page.inputValue("#landscapeX"));
  await page.click("#landscapeDraw");
  assert.equal(await text(page, "#landscapeStatus"), "Choose two different parameters.");
  await page.selectOption("#landscapeY", { label: "ln σ1" });
  await page.click("#landscapeDraw");
  // Computed in the teaching worker while the page goes on (it says so meanwhile), then drawn.
  await page.waitForFunction(() => /Computing the landscape at step 80…/.test(document.getElementById("landscapeStatus").textContent), null, { polling: "raf" });
  await page.waitForFunction(() => /Drawn at step 80/.test(document.getElementById("landscapeStatus").textContent));
  assert.deepEqual(problems, []);
});
