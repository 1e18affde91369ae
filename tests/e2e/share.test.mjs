// End to end: links that rebuild a run, the embed mode, two demos on one page, exports and imports,
// and the Web Worker keeping the page responsive at N = 1,000,000. Chromium, release build in pkg/.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, openPage } from "./browser.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const text = (page, selector) => page.locator(selector).textContent();
const number = async (page, selector) => Number(await text(page, selector));
const stopped = (page) => page.waitForFunction(() => document.getElementById("play").textContent === "Play"
  && document.querySelector(".gmm-demo").dataset.running === "false", null, { timeout: 60000 });

/** Runs the page at `query` to its step limit; returns the step and both losses as shown. */
async function runToLimit(query) {
  const { page, problems } = await openPage(env.browser, `${env.url}?${query}`);
  await page.click("#play");
  await stopped(page);
  const result = [await number(page, "#step"), await text(page, "#directLoss"), await text(page, "#emLoss")];
  return { page, problems, result };
}

test("a link rebuilds the same data and the same run, and the URL follows the settings", async () => {
  const query = "preset=classic&k=4&initSeed=7&init=kmeans%2B%2B&learningRate=0.02&maxSteps=100&speed=20&open=side";
  const first = await runToLimit(query);
  assert.equal(first.result[0], 100);
  assert.ok(await first.page.locator("#sideQuestions").evaluate((d) => d.open), "open=side opens the panel");
  // The page's own URL now holds every setting; opening it again gives the same losses at step 100.
  const url = new URL(first.page.url());
  assert.equal(url.searchParams.get("k"), "4");
  assert.equal(url.searchParams.get("init"), "kmeans++");
  assert.equal(url.searchParams.get("maxSteps"), "100");
  const second = await runToLimit(url.search.slice(1));
  assert.deepEqual(second.result, first.result, "same link, same losses at step 100");
  // Changing a setting updates the URL; "Copy link" offers that same address.
  await second.page.fill("#learningRate", "0.03");
  await second.page.locator("#learningRate").dispatchEvent("change");
  assert.equal(new URL(second.page.url()).searchParams.get("learningRate"), "0.03");
  await second.page.click("#copyLink");
  await second.page.waitForSelector("#copyResult[data-link]");
  const copied = new URL(await second.page.getAttribute("#copyResult", "data-link"));
  assert.equal(copied.searchParams.get("learningRate"), "0.03");
  assert.equal(copied.searchParams.get("k"), "4");
  assert.deepEqual([...first.problems, ...second.problems], []);
});

test("bad URL values are named in a visible message, replaced by defaults, and never become HTML", async () => {
  const hostile = encodeURIComponent('<img src=x onerror="window.pwned=1">');
  const { page } = await openPage(env.browser,
    `${env.url}?k=abc&n=99999999&learningRate=${hostile}&bogus=1&open=side,${hostile}&speed=7&optimizer=${hostile}`);
  const message = await text(page, "#message");
  assert.match(message, /k="abc" is not a number/);
  assert.doesNotMatch(message, /bogus/, "a parameter unlike any setting is ignored without a word");
  assert.match(message, /speed=7 is not allowed/);
  assert.match(message, /open has unknown/);
  assert.match(message, /n = 99999999 is not allowed.*the default is used/);
  assert.match(message, /optimizer .*is not allowed/);
  assert.equal(await page.inputValue("#k"), "5");
  assert.equal(await page.inputValue("#n"), "5000");
  assert.equal(await page.inputValue("#optimizer"), "adam");
  assert.equal(await page.locator("img").count(), 0, "no element was created from the URL");
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  // The demo works with the defaults.
  await page.click("#stepOnce");
  await page.waitForFunction(() => document.getElementById("step").textContent === "1");
});

test("a huge URL value is named in a few characters, not hundreds of digits", async () => {
  const longestDigitRun = (s) => Math.max(0, ...(s.match(/\d+/g) ?? []).map((run) => run.length));
  for (const [value, shown] of [["1e300", "1e+300"], [`1${"0".repeat(150)}`, "1e+150"]]) {
    const { page, problems } = await openPage(env.browser, `${env.url}?learningRate=${value}`);
    await page.waitForFunction(() => document.getElementById("message").textContent.includes("learningRate"));
    const message = await text(page, "#message");
    assert.ok(message.includes(`learningRate = ${shown} is not allowed`), message);
    assert.ok(longestDigitRun(message) <= 12, `a long number in ${message}`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});

test("embed mode: only plots and play buttons, fills the frame, posts each step and the stop to the parent", async () => {
  const page = await env.browser.newPage({ viewport: { width: 900, height: 700 } });
  // A course page (tests/e2e/fixtures/course-page.html) whose iframe loads index.html with the same query.
  await page.goto(`${env.url}tests/e2e/fixtures/course-page.html?embed=1&autoplay=1&maxSteps=60&speed=5`);
  await page.waitForFunction(() => window.got.some((m) => m.type === "stop"), null, { timeout: 60000 });
  const messages = await page.evaluate(() => window.got);
  const steps = messages.filter((m) => m.type === "step");
  assert.ok(steps.length >= 3, `${steps.length} step messages`);
  const odd = steps.filter((m) => !(m.source === "gmm-two-ways" && Number.isFinite(m.directLoss) && Number.isFinite(m.emLoss)));
  assert.deepEqual(odd, [], "every step message has the step and both losses");
  const stop = messages.find((m) => m.type === "stop");
  assert.equal(stop.step, 60);
  assert.equal(stop.directStatus, "step-limit");
  const frame = page.frameLocator("iframe");
  assert.equal(await frame.locator(".page-header").isVisible(), false);
  assert.equal(await frame.locator("#n").isVisible(), false);
  assert.equal(await frame.locator("#paramsBody").isVisible(), false);
  assert.equal(await frame.locator("#play").isVisible(), true);
  const width = await frame.locator("#lossCanvas").evaluate((c) => c.getBoundingClientRect().width);
  assert.ok(width > 700, `the loss chart fills the frame's width: ${width}px`);
  // A chosen subset: hide= adds parts to hide, show= brings one back (more in layout.test.mjs).
  await page.goto(`${env.url}?embed=1&hide=lesson,buttons&show=data`);
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.locator("#play").isVisible(), false);
  assert.equal(await page.locator("#lesson").isVisible(), false);
  assert.equal(await page.locator("#n").isVisible(), true);
  assert.equal(await page.locator("#initSeed").isVisible(), false, "the embed defaults still hide the rest");
  await page.close();
});

test("two demos on one page do not interfere (mount() and <gmm-two-ways>)", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}www/embed-example.html`, { width: 1400, height: 900 });
  await page.waitForFunction(() => document.querySelectorAll(".gmm-demo[data-ready=true]").length === 2);
  const demos = page.locator(".gmm-demo");
  const step = async (i) => Number(await demos.nth(i).locator("output[id$=step]").textContent());
  const first = demos.nth(0);
  const second = demos.nth(1);
  assert.equal(await first.locator("select[id$=preset]").inputValue(), "lr-too-large");
  assert.equal(await second.locator("select[id$=preset]").inputValue(), "separated");
  assert.equal(await second.locator("select[id$=init]").inputValue(), "kmeans++");
  // Ids are unique across both demos, so every label still points at its own field.
  const ids = await page.evaluate(() => [...document.querySelectorAll("[id]")].map((e) => e.id));
  assert.equal(new Set(ids).size, ids.length, "no duplicate ids");
  await first.locator("button[id$=play]").click();
  await page.waitForFunction(() => /Both stopped/.test(document.getElementById("firstLog").textContent), null, { timeout: 60000 });
  assert.equal(await step(1), 0, "the second demo did not move");
  assert.match(await text(page, "#firstLog"), /gradient descent diverged/);
  await second.locator("button[id$=stepOnce]").click();
  await page.waitForFunction(() => document.querySelectorAll("output[id$=step]")[1].textContent === "1");
  const firstStep = await step(0);
  assert.ok(firstStep > 0);
  // The JS handle: setOptions refuses a bad value with a message and keeps the run.
  const refused = await page.evaluate(() => {
    try { window.gmmExample.first.setOptions({ k: 0 }); return null; } catch (e) { return e.message; }
  });
  assert.match(refused, /k = 0 is not allowed/);
  assert.equal(await step(0), firstStep);
  // An attribute change on the custom element rebuilds that demo only.
  await page.evaluate(() => document.getElementById("second").setAttribute("k", "2"));
  await page.waitForFunction(() => document.querySelectorAll("input[id$=-k]")[1].value === "2");
  assert.equal(await step(0), firstStep);
  assert.deepEqual(problems, []);
});

test("without Web Workers the same fit runs on the page's thread, with the same numbers", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}www/embed-example.html`, { width: 1400, height: 900 });
  const results = await page.evaluate(async () => {
    const { mount } = await import("./gmm-two-ways.js");
    const run = async (worker) => {
      const host = document.createElement("div");
      document.body.append(host);
      const demo = await mount(host, { worker, maxSteps: 30, n: 500, hide: ["explain"] });
      let summary = null;
      await new Promise((resolve) => demo.on("stop", (s) => { summary = s; resolve(); }) && demo.play());
      demo.destroy();
      return summary;
    };
    return [await run(false), await run(true)];
  });
  const [inPage, inWorker] = results;
  assert.equal(inPage.step, 30);
  assert.deepEqual(inPage, inWorker, "same losses and statuses either way");
  assert.deepEqual(problems, []);
});

test("exports: PNG of each plot, JSON of the run, CSV of the data and of the losses", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?maxSteps=25&n=300`);
  await page.click("#play");
  await stopped(page);
  await page.click("#dataIo summary");
  const grab = async (id) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`#${id}`)]);
    return { name: download.suggestedFilename(), bytes: readFileSync(await download.path()) };
  };
  const json = JSON.parse((await grab("exportJson")).bytes.toString("utf8"));
  assert.equal(json.settings.maxSteps, 25);
  assert.equal(json.direct.losses.length, 26, "losses at steps 0..25");
  assert.equal(json.em.losses.length, 26);
  assert.equal(json.direct.weights.length, 5);
  assert.equal(json.truth.means.length, 5);
  assert.equal(json.direct.losses[25].toFixed(4), await text(page, "#directLoss"));
  const data = (await grab("exportDataCsv")).bytes.toString("utf8").trim().split("\n");
  assert.equal(data[0], "x");
  assert.equal(data.length, 301);
  assert.ok(data.slice(1).every((v) => Number.isFinite(Number(v))));
  const loss = (await grab("exportLossCsv")).bytes.toString("utf8").trim().split("\n");
  assert.equal(loss[0], "step,gradient_descent,em");
  assert.equal(loss.length, 27);
  assert.equal(Number(loss[26].split(",")[2]).toFixed(4), await text(page, "#emLoss"));
  for (const id of ["exportPngDirect", "exportPngEm", "exportPngLoss"]) {
    const png = await grab(id);
    assert.ok(png.name.endsWith(".png"));
    assert.equal(png.bytes.subarray(1, 4).toString("latin1"), "PNG");
    // A blank canvas of this size compresses to a few kB; a drawn chart with text and curves does not.
    assert.ok(png.bytes.length > 15000, `${id}: ${png.bytes.length} bytes`);
  }
  assert.deepEqual(problems, []);
});

test("import: bad numbers are refused naming the line, good ones are fitted without a ground truth", async () => {
  const { page, problems } = await openPage(env.browser, env.url);
  await page.click("#dataIo summary");
  await page.fill("#importText", "1.5\n2\n\n<b>x</b>\n4");
  await page.click("#importApply");
  await page.waitForFunction(() => document.getElementById("message").classList.contains("error"));
  const message = await text(page, "#message");
  assert.match(message, /^Import: .*line 4/);
  assert.match(message, /current data are kept/);
  assert.equal(await page.locator("b").count(), 0, "the file's text is never HTML");
  assert.equal(await page.inputValue("#n"), "5000", "the previous run is kept");
  // A CSV file with a header; the chosen column by name.
  const values = Array.from({ length: 400 }, (_, i) => (i % 2 ? -2 : 2) + Math.sin(i) * 0.3);
  const csv = `id,height,value\n${values.map((v, i) => `${i},1.7,${v}`).join("\n")}\n`;
  await page.fill("#importText", "");
  await page.setInputFiles("#importFile", { name: "mine.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.fill("#importColumn", "value");
  await page.click("#importApply");
  await page.waitForFunction(() => /Imported 400 values/.test(document.getElementById("importResult").textContent));
  assert.match(await text(page, "#lesson"), /no ground truth/);
  assert.equal(await text(page, "#truthLoss"), "n/a");
  assert.equal(await page.inputValue("#n"), "400");
  assert.equal(await page.isDisabled("#dataSeed"), true);
  await page.click("#stepOnce");
  await page.waitForFunction(() => document.getElementById("step").textContent === "1");
  // Back to a preset: sampled data again.
  await page.selectOption("#preset", "classic");
  assert.equal(await page.inputValue("#n"), "5000");
  assert.match(await text(page, "#truthLoss"), /^\d/);
  assert.deepEqual(problems, []);
});

test("N = 1,000,000: the worker steps while the page keeps drawing frames and answers Pause", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?n=1000000&speed=1`);
  await page.click("#play");
  const frames = await page.evaluate(() => new Promise((resolve) => {
    let count = 0;
    const start = performance.now();
    const tick = () => (performance.now() - start < 2000 ? (count++, requestAnimationFrame(tick)) : resolve(count));
    requestAnimationFrame(tick);
  }));
  // Each step takes a tenth of a second or more here; frames would stall if the fit ran on this thread.
  assert.ok(frames >= 20, `${frames} frames in 2 s while fitting`);
  await page.waitForFunction(() => Number(document.getElementById("step").textContent) >= 2, null, { timeout: 60000 });
  await page.click("#play");
  assert.equal(await text(page, "#play"), "Play");
  await page.waitForSelector(".gmm-demo[data-running=false]", { timeout: 10000 });
  const paused = await number(page, "#step");
  await page.waitForTimeout(800);
  assert.equal(await number(page, "#step"), paused, "paused");
  assert.match(await text(page, "#rate"), /^–$/);
  assert.deepEqual(problems, []);
});
