// End to end: "EM is a gradient step" (the section, and its panel in the component inspector) on the
// classic preset, in Chromium and in Firefox. The numbers behind it are checked natively
// (crates/gmm-core/tests/em_gradient.rs) and at the boundary in browsers (tests/web_em_gradient.rs); here:
// the page shows them, per component, agreeing as the identities say, and live.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage } from "./browser.mjs";
import { launchFirefox } from "./firefox.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

/** Mean and weight residuals must be this small relative to EM's step (they are rounding). */
const EXACT_REL = 1e-9;

/** Reads the section's three tables (a function body, run in either browser): per table, per row, cells by quantity. */
const READ_TABLES = `
  const read = (id) => [...document.getElementById(id).rows].map((tr) => Object.fromEntries(
    [...tr.querySelectorAll("td[data-quantity]")].map((td) => [td.dataset.quantity, td.textContent])));
  const formulas = [...document.querySelectorAll("#emGradient math")].map((m) => m.getBoundingClientRect().height);
  return { k: Number(document.getElementById("k").value), step: document.getElementById("step").textContent,
    weight: read("emGradientWeightBody"), mean: read("emGradientMeanBody"), variance: read("emGradientVarianceBody"),
    formulas };`;

/** The checks the identities promise, on what the page shows. */
function checkIdentities(t) {
  for (const name of ["weight", "mean", "variance"]) assert.equal(t[name].length, t.k, `${name}: one row per component`);
  for (const name of ["weight", "mean"]) {
    t[name].forEach((r, i) => {
      const [step, residual] = [Number(r.step), Number(r.residual)];
      assert.ok(Number.isFinite(step) && Number.isFinite(residual), `${name} ${i + 1}: ${JSON.stringify(r)}`);
      assert.ok(step !== 0, `${name} ${i + 1}: EM moves it (${r.step})`);
      assert.ok(Math.abs(residual) < EXACT_REL * Math.abs(step), `${name} ${i + 1}: residual ${r.residual} vs step ${r.step}`);
      assert.equal(r.note, "", `${name} ${i + 1} is neither floored nor empty`);
    });
  }
  t.variance.forEach((r, i) => {
    assert.equal(r.note, "", `variance ${i + 1} is neither floored nor empty`);
    assert.ok(Number(r.shift) > 0, `EM's mean ${i + 1} moved: (μ′−μ)² = ${r.shift}`);
    // The variance identity is off by exactly EM's mean step squared, to the digits shown.
    assert.equal(r.residual, r.shift, `variance ${i + 1}: residual ${r.residual} vs (μ′−μ)² ${r.shift}`);
  });
  assert.ok(t.formulas.length >= 4, `${t.formulas.length} formulas`);
  assert.ok(t.formulas.every((h) => h > 15), `MathML is laid out: heights ${t.formulas}`);
}

const stepOnce = async (page) => {
  const before = await page.locator("#step").textContent();
  await page.click("#stepOnce");
  await page.waitForFunction((b) => document.getElementById("step").textContent !== b, before);
};

/** Waits until the element `id` shows what the teaching worker answered for `shown` (its data-shown). */
const answered = (page, id, shown) => page.waitForFunction(([i, s]) => document.getElementById(i).dataset.shown === s,
  [id, shown]);

test("EM is a gradient step: per component, P × gradient equals EM's step (the variance's off by (μ′−μ)²), live", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?preset=classic&open=em-gradient,math`, { width: 1280, height: 900 });
  for (let i = 0; i < 5; i++) await stepOnce(page);
  const tables = () => page.evaluate(`(() => { ${READ_TABLES} })()`);
  const whose = await page.inputValue("#emGradientWhose");
  await answered(page, "emGradient", `${whose}@5`);
  const first = await tables();
  assert.equal(first.step, "5");
  checkIdentities(first);
  assert.match(await page.locator("#emGradientStatus").textContent(), /^At step 5: l = Σᵢ log p\(xᵢ\) = -[\d.]+ over N = 5,000 points/);
  assert.match(await page.locator("#emGradientSteps").textContent(), /range from component \d .* times as large/);

  // The run advances: the numbers follow.
  await stepOnce(page);
  await answered(page, "emGradient", `${whose}@6`);
  const second = await tables();
  checkIdentities(second);
  assert.notDeepEqual(second.mean.map((r) => r.step), first.mean.map((r) => r.step), "EM's steps changed");

  // Other parameters: the shared start, and gradient descent's.
  await page.selectOption("#emGradientWhose", "initial");
  await answered(page, "emGradient", "initial@6");
  assert.match(await page.locator("#emGradientStatus").textContent(), /^At the shared start/);
  const start = await tables();
  assert.equal(start.mean.length, start.k);
  assert.notDeepEqual(start.mean.map((r) => r.step), second.mean.map((r) => r.step));
  await page.selectOption("#emGradientWhose", "direct");
  await answered(page, "emGradient", "direct@6");
  checkIdentities(await tables());
  assert.match(await page.locator('#emGradientWhose option[value="direct"]').textContent(), /^gradient descent.* now$/);

  // The component inspector's panel: the chosen component's three identities, matching the section's row.
  await page.selectOption("#inspectMethod", "em");
  await page.selectOption("#emGradientWhose", "em");
  await page.selectOption("#inspectComponent", "2");
  await answered(page, "emGradient", "em@6");
  await answered(page, "inspectIdentityBody", "em:2@6");
  const panel = await page.locator("#inspectIdentityBody tr").evaluateAll((rows) => rows.map((tr) => Object.fromEntries(
    [...tr.querySelectorAll("td[data-quantity]")].map((td) => [td.dataset.quantity, td.textContent]))));
  assert.equal(panel.length, 3);
  const now = await tables();
  for (const [i, name] of ["weight", "mean", "variance"].entries()) {
    for (const q of ["gradient", "p", "product", "step", "residual"]) assert.equal(panel[i][q], now[name][2][q], `${name} ${q}`);
  }
  assert.match(panel[2].note, new RegExp(`residual = \\(μₖ′ − μₖ\\)² = `));

  // Screenshots, and no sideways scrolling of the page on a phone.
  await page.locator("#emGradient").screenshot({ path: "test-results/em-gradient-1280.png" });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.locator("#emGradient summary").scrollIntoViewIfNeeded();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow} px at 375 px`);
  await page.locator("#emGradient").screenshot({ path: "test-results/em-gradient-375.png" });
  assert.deepEqual(problems, []);
});

test("Firefox: the section shows the same identities, laid out", async () => {
  const ff = await launchFirefox({ scriptTimeoutMs: 60_000 });
  try {
    await ff.navigate(`${env.url}?preset=classic&open=em-gradient`);
    await ff.waitFor("return document.body.dataset.ready === 'true'", 30000);
    for (let i = 1; i <= 5; i++) {
      await ff.click("#stepOnce");
      await ff.waitFor(`return document.getElementById('step').textContent === '${i}'`, 20000);
    }
    await ff.waitFor("return /@5$/.test(document.getElementById('emGradient').dataset.shown ?? '')", 20000);
    const t = await ff.execute(READ_TABLES);
    assert.equal(t.step, "5");
    checkIdentities(t);
    assert.deepEqual(ff.pageProblems(), []);
  } finally {
    await ff.close();
  }
});
