// Hover readouts on the density panels and the loss chart, by pointer and by keyboard: the line under each
// chart names the x and the densities there, or the step and both losses there, and the numbers are the
// run's (the loss at that step, from the exported loss history).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, openPage } from "./browser.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

/** The loss history the page exports: `{ direct: [...], em: [...] }` by step. */
async function exportedLosses(page) {
  await page.click("#dataIo summary");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#exportLossCsv")]);
  const rows = readFileSync(await download.path(), "utf8").trim().split("\n").slice(1).map((r) => r.split(","));
  return { direct: rows.map((r) => Number(r[1])), em: rows.map((r) => Number(r[2])) };
}

test("the loss chart's readout follows the pointer and the keys, with the run's losses at that step", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?preset=separated&maxSteps=300&stepAxis=linear`,
    { width: 1280, height: 900 });
  await page.click("#play");
  await page.waitForFunction(() => document.getElementById("play").textContent.trim() === "Play"
    && document.getElementById("step").textContent === "300", null, { timeout: 60000 });
  const plot = await page.evaluate(() => document.querySelector(".gmm-demo").chartLayout("loss").plots[0]);
  const box = await page.locator("#lossCanvas").boundingBox();
  // Halfway across a linear step axis from 0 to 300 is step 150.
  await page.mouse.move(box.x + (plot.x0 + plot.x1) / 2, box.y + (plot.y0 + plot.y1) / 2);
  const text = await page.textContent("#lossReadout");
  assert.equal(await page.isVisible("#lossCanvas ~ .guide"), true, "a guide line marks the column");
  const step = Number(/^step ([\d,]+):/.exec(text)[1].replace(/,/g, ""));
  assert.ok(Math.abs(step - 150) <= 2, text);
  const losses = await exportedLosses(page);
  assert.ok(text.includes(`gradient descent ${losses.direct[step].toFixed(4)}`), `${text} vs ${losses.direct[step]}`);
  assert.ok(text.includes(`EM ${losses.em[step].toFixed(4)}`), `${text} vs ${losses.em[step]}`);
  // By keyboard: focused, End goes to the last step, Home to the first, arrows move between.
  await page.focus("#lossCanvas");
  await page.keyboard.press("End");
  assert.match(await page.textContent("#lossReadout"), /^step 300:/);
  await page.keyboard.press("Home");
  assert.match(await page.textContent("#lossReadout"), /^step 0:/);
  await page.keyboard.press("Shift+ArrowRight");
  const moved = Number(/^step ([\d,]+):/.exec(await page.textContent("#lossReadout"))[1]);
  assert.ok(moved > 40 && moved < 60, `Shift+arrow moves a sixth of the plot: ${moved}`);
  assert.equal(await page.getAttribute("#lossCanvas", "aria-describedby"), "lossReadout");
  assert.deepEqual(problems, []);
  await page.close();
});

test("a density panel's readout names x, the fitted and true densities and the histogram bar there", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?preset=separated&maxSteps=100`, { width: 1280, height: 900 });
  await page.click("#play");
  await page.waitForFunction(() => document.getElementById("play").textContent.trim() === "Play"
    && document.getElementById("step").textContent === "100", null, { timeout: 60000 });
  await page.focus("#emCanvas");
  const text = await page.textContent("#emReadout");
  const m = /^x = (-?[\d.e+-]+): fitted ([\d.e+-]+), true ([\d.e+-]+), histogram ([\d.e+-]+) \(bar (-?[\d.e+-]+) to (-?[\d.e+-]+)\)$/.exec(text);
  assert.ok(m, text);
  const [x, fitted, truth, , lo, hi] = m.slice(1).map(Number);
  assert.ok(lo <= x && x < hi, text);
  // Near the middle of the separated data (bumps at -3, 0, 3) the fitted and true densities agree to 0.05.
  assert.ok(Math.abs(fitted - truth) < 0.05, text);
  await page.keyboard.press("Home");
  const left = Number(/^x = (-?[\d.e+-]+)/.exec(await page.textContent("#emReadout"))[1]);
  assert.ok(left < -3.5, `Home goes to the left end: ${left}`);
  await page.keyboard.press("Tab");
  assert.equal(await page.textContent("#emReadout"), "", "the line empties when the chart loses focus");
  assert.deepEqual(problems, []);
  await page.close();
});

test("the loss chart against time: each method's measured cost per step in the key, the readout by time", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?preset=separated&maxSteps=400&stepAxis=time`,
    { width: 1280, height: 900 });
  assert.equal(await page.inputValue("#stepAxis"), "time");
  await page.click("#play");
  await page.waitForFunction(() => document.getElementById("play").textContent.trim() === "Play"
    && document.getElementById("step").textContent === "400", null, { timeout: 60000 });
  // Halfway across the time axis: each method read at the step it had reached by then.
  const plot = await page.evaluate(() => document.querySelector(".gmm-demo").chartLayout("loss").plots[0]);
  const box = await page.locator("#lossCanvas").boundingBox();
  await page.mouse.move(box.x + (plot.x0 + plot.x1) / 2, box.y + (plot.y0 + plot.y1) / 2);
  const text = await page.textContent("#lossReadout");
  assert.match(text, /^at [\d.e+-]+ s: gradient descent [\d.]+ (\(gap [^)]*\) )?\((step [\d,]+|stopped at step [\d,]+)\), EM /, text);
  await page.click("#dataIo summary");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#exportJson")]);
  const state = JSON.parse(readFileSync(await download.path(), "utf8"));
  const texts = await page.evaluate(() => document.querySelector(".gmm-demo").chartLayout("loss").texts.map((t) => t.text));
  assert.ok(texts.includes("time spent stepping (s)"), texts.join(" | "));
  const units = { "µs": 1e-6, ms: 1e-3, s: 1 };
  for (const [label, m] of [["gradient descent (Adam)", state.direct], ["EM", state.em]]) {
    assert.ok(m.secondsPerStep > 0, `${label} was timed`);
    const key = texts.find((t) => t.startsWith(`${label}: `));
    const parsed = /: ([\d.]+) (µs|ms|s) per step$/.exec(key ?? "");
    assert.ok(parsed, `${label}'s key gives its cost: ${texts.join(" | ")}`);
    const shown = Number(parsed[1]) * units[parsed[2]];
    assert.ok(Math.abs(shown - m.secondsPerStep) <= 0.006 * m.secondsPerStep, `${key} vs ${m.secondsPerStep}`);
  }
  assert.deepEqual(problems, []);
  await page.close();
});
