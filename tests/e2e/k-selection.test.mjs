// End to end (Chromium): "K chosen by the data" says how long it may take, fits K = 1 to 10 in its worker,
// says what BIC, AIC and the held-out likelihood chose (as the table's numbers do), and loads a K's fit into
// the main plots from the table and from a click on the chart; on imported data it has no truth mark.
// The numbers are checked natively (crates/gmm-core/tests/k_selection.rs).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { colours, launch, openPage } from "./browser.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const text = (page, selector) => page.locator(selector).textContent();
const stopped = (page) => page.waitForFunction(() => document.getElementById("play").textContent === "Play"
  && document.querySelector(".gmm-demo").dataset.running === "false", null, { timeout: 60000 });
const finished = (page) => page.waitForFunction(() => document.getElementById("kSelect").dataset.shown === "finished",
  null, { timeout: 120000 });

/** The table as numbers: `{ k, p, l, bic, aic, held }` per fitted K. */
const table = (page) => page.locator("#kSelectBody tr").evaluateAll((rows) => rows.map((tr) => {
  const cells = [...tr.querySelectorAll("th, td")].map((c) => c.textContent);
  return { k: Number(cells[0]), p: Number(cells[1]), l: Number(cells[2]), bic: Number(cells[3]), aic: Number(cells[4]),
    held: Number(cells[5]) };
}));

const argBest = (rows, key, sign) => rows.reduce((best, r) => (sign * r[key] < sign * best[key] ? r : best)).k;

/**
 * After loading K: the form holds K and that fit as the start, and both panels show it at step 0 (their loss is
 * the fit's, -l / N, to the 4 decimals shown); after Play EM has not moved from it (it is EM's fixed point).
 */
async function bothStartAt(page, row, n) {
  assert.equal(await page.inputValue("#k"), String(row.k));
  assert.equal((await page.inputValue("#start")).split(",").length, row.k, "K components in the start field");
  assert.equal(await text(page, "#step"), "0");
  for (const id of ["#directLoss", "#emLoss"]) {
    const loss = Number(await text(page, id));
    assert.ok(Math.abs(loss + row.l / n) < 1e-4, `${id} at the fit of K = ${row.k}: ${loss} vs ${-row.l / n}`);
  }
  await page.click("#play");
  await stopped(page);
  const em = Number(await text(page, "#emLoss"));
  assert.ok(Math.abs(em + row.l / n) < 1e-4, `EM stays at the fit of K = ${row.k}: ${em}`);
}

test("the K section estimates, runs, says what each score chose, and loads a K from the table and the chart", async () => {
  const n = 1000;
  const { page, problems } = await openPage(env.browser, `${env.url}?open=k-select&n=${n}`, { width: 1280, height: 900 });
  assert.match(await text(page, "#kSelectEstimate"),
    /^Fitting K = 1 to 10 from 4 k-means\+\+ starts each, on all 1,000 points and on a training share, takes at most about [\d.]+ (µs|ms|s), from /);
  await page.click("#kSelectRun");
  await finished(page);
  assert.equal(await page.locator("#kSelectProgress").evaluate((p) => p.value), 1);
  assert.match(await text(page, "#kSelectStatus"), /All 10 Ks fitted/);
  const rows = await table(page);
  assert.deepEqual(rows.map((r) => r.k), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  for (const r of rows) {
    assert.equal(r.p, 3 * r.k - 1);
    // The table's BIC and AIC are -2 l + penalty, to the digits shown (7 significant).
    assert.ok(Math.abs(r.bic - (-2 * r.l + r.p * Math.log(n))) < 0.05, `K = ${r.k}: BIC ${r.bic}`);
    assert.ok(Math.abs(r.aic - (-2 * r.l + 2 * r.p)) < 0.05, `K = ${r.k}: AIC ${r.aic}`);
  }
  // The claim names what the table's numbers choose, and the classic truth's 5 components.
  const claim = await text(page, "#kSelectClaim");
  assert.equal(claim, `BIC chooses K = ${argBest(rows, "bic", 1)}, AIC K = ${argBest(rows, "aic", 1)}, the held-out `
    + `log-likelihood K = ${argBest(rows, "held", -1)}; the truth has 5 components.`);
  assert.ok(await colours(page, "kSelectCanvas") > 10, "the chart is drawn");
  const layout = await page.evaluate(() => document.querySelector(".gmm-demo").chartLayout("kSelection"));
  const texts = layout.texts.map((t) => t.text);
  assert.ok(texts.includes("truth: K = 5"), `the truth's K is marked: ${texts.join(" | ")}`);
  assert.ok(texts.includes(`BIC (lowest: K = ${argBest(rows, "bic", 1)}, ringed)`));

  // Load K = 3 from the table: both methods start at that fit.
  await page.click("#kSelectBody tr:nth-child(3) button");
  assert.match(await text(page, "#kSelectStatus"), /^K = 3 is loaded above/);
  await bothStartAt(page, rows[2], n);

  // A click on the chart's first panel at K = 2 loads K = 2.
  const plot = layout.plots[0];
  await page.locator("#kSelectCanvas").scrollIntoViewIfNeeded();
  const box = await page.locator("#kSelectCanvas").boundingBox();
  const x = plot.x0 + (1.5 / 10) * (plot.x1 - plot.x0);
  await page.mouse.click(box.x + x, box.y + (plot.y0 + plot.y1) / 2);
  assert.match(await text(page, "#kSelectStatus"), /^K = 2 is loaded above/);
  assert.equal(await page.locator("#kSelectBody tr[aria-current=true] th").textContent(), "2", "the row is marked");
  await bothStartAt(page, rows[1], n);

  // Fits made on other data are not loaded.
  await page.fill("#dataSeed", "7");
  await page.dispatchEvent("#dataSeed", "change");
  await page.click("#kSelectBody tr:nth-child(4) button");
  assert.match(await text(page, "#kSelectStatus"), /^K = 4 is not loaded: these fits were made on other data/);
  assert.equal(await page.inputValue("#k"), "2", "the run is kept");
  await page.fill("#dataSeed", "1");
  await page.dispatchEvent("#dataSeed", "change");

  // Screenshots at a desktop and a phone size, and no sideways scrolling of the page on the phone.
  await page.locator("#kSelect").screenshot({ path: "test-results/k-selection-1280.png" });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.locator("#kSelect summary").scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector(".gmm-demo").chartLayout("kSelection")?.width < 400);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 375 px`);
  await page.locator("#kSelect").screenshot({ path: "test-results/k-selection-375.png" });
  assert.deepEqual(problems, []);
});

test("on imported data the K section runs with no truth mark, and a K is still loaded", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?open=k-select,data-io`, { width: 1280, height: 900 });
  // Two clumps of 60 values each, written out (no truth behind them).
  const values = [];
  for (let i = 0; i < 60; i++) values.push((-3 + 0.02 * i).toFixed(3), (2 + 0.03 * i).toFixed(3));
  await page.fill("#importText", values.join("\n"));
  await page.click("#importApply");
  await page.waitForFunction(() => /Your own data/.test(document.getElementById("lesson").textContent));
  await page.click("#kSelectRun");
  await finished(page);
  const claim = await text(page, "#kSelectClaim");
  assert.match(claim, /^BIC chooses K = \d+, AIC K = \d+, the held-out log-likelihood K = \d+; these data have no known truth\.$/);
  const layout = await page.evaluate(() => document.querySelector(".gmm-demo").chartLayout("kSelection"));
  assert.ok(!layout.texts.some((t) => t.text.startsWith("truth:")), "no truth mark");
  await page.click("#kSelectBody tr:nth-child(2) button");
  assert.match(await text(page, "#lesson"), /Your own data \(120 values/, "the imported data are kept");
  await bothStartAt(page, (await table(page))[1], 120);
  assert.deepEqual(problems, []);
});

test("the K section refuses to start on a million points, saying why", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?open=k-select&n=1000000&maxSteps=10`, { width: 1280, height: 900 });
  await page.click("#kSelectRun");
  assert.match(await text(page, "#kSelectStatus"), /Not started: it would take too long/);
  assert.match(await text(page, "#kSelectEstimate"), /: more than the 3 min this page runs\. Lower N\.$/);
  assert.equal(await page.isDisabled("#kSelectCancel"), true, "nothing runs");
  assert.deepEqual(problems, []);
});

test("with a truth given by hand, the truth's K is that truth's number of components", async () => {
  const url = `${env.url}?open=k-select&n=400&k=2&truth=0.5:-3:0.6,0.5:3:0.6`;
  const { page, problems } = await openPage(env.browser, url, { width: 1280, height: 900 });
  await page.click("#kSelectRun");
  await finished(page);
  assert.match(await text(page, "#kSelectClaim"), /; the truth has 2 components\.$/);
  const layout = await page.evaluate(() => document.querySelector(".gmm-demo").chartLayout("kSelection"));
  assert.ok(layout.texts.some((t) => t.text === "truth: K = 2"), "the truth's K is marked");
  assert.deepEqual(problems, []);
});
