// End to end, Chromium: a mixture fitted elsewhere (the homework's parameterisation) compared on both
// density panels through the JS API's compare(): its loss is Rust's mean NLL on the run's data, its dotted
// curve is drawn in its colour on both canvases, bad input is refused with a message, and it stays across a
// rebuild until clearComparison().

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage } from "./browser.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

/** In the page: counts the pixels of each density canvas within 40 (summed RGB distance) of `hex`. */
const COUNT_COLOUR = `(hex) => ["directCanvas", "emCanvas"].map((id) => {
  const c = document.querySelector("canvas[id$=" + id + "]");
  const copy = Object.assign(document.createElement("canvas"), { width: c.width, height: c.height });
  const ctx = copy.getContext("2d", { willReadFrequently: true });
  ctx.drawImage(c, 0, 0);
  const px = ctx.getImageData(0, 0, c.width, c.height).data;
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < px.length; i += 4) if (Math.abs(px[i] - r) + Math.abs(px[i + 1] - g) + Math.abs(px[i + 2] - b) < 40) n++;
  return n;
})`;

test("compare() draws a student's mixture on both panels with its loss, refuses bad input, survives a rebuild", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}tests/e2e/fixtures/api-host.html`, { width: 1400, height: 900 });
  await page.evaluate(async () => {
    const { mount } = await import("/www/gmm-two-ways.js");
    window.demo = await mount(document.querySelector("#a"), { preset: "classic", hide: "explain" });
  });
  const count = async () => page.evaluate(`(${COUNT_COLOUR})("#8b3a8f")`);
  const before = await count();
  // The truth in the homework's parameterisation: its loss must be the truth's loss, computed apart.
  const result = await page.evaluate(() => {
    const t = demo.state().truth;
    const c = demo.compare({ logits: [...t.weights].map(Math.log), means: [...t.means], lsigmas: [...t.sigmas].map(Math.log) });
    return { loss: c.loss, truthLoss: demo.state().truthLoss, line: document.querySelector("[id$=comparison]").textContent };
  });
  assert.ok(Math.abs(result.loss - result.truthLoss) < 1e-12, `${result.loss} vs ${result.truthLoss}`);
  assert.match(result.line, /^Your mixture \(dotted, K = 5\): loss \d\.\d{4}; /);
  const withCurve = await count();
  for (const i of [0, 1]) assert.ok(withCurve[i] > before[i] + 100, `panel ${i}: ${before[i]} -> ${withCurve[i]} pixels of the comparison colour`);

  const refusals = await page.evaluate(() => {
    const messages = [];
    for (const bad of [{ logits: [0, 0], means: [1], lsigmas: [0, 0] }, { logits: [0], means: [NaN], lsigmas: [0] },
      { logits: [0], means: [1], sigmas: [1] }, { logits: [0], means: ["1"], lsigmas: [0] }, [1, 2]]) {
      try { demo.compare(bad); messages.push(null); } catch (e) { messages.push(`${e.field}: ${e.message}`); }
    }
    return { messages, stillShown: demo.state().comparison !== null };
  });
  assert.deepEqual(refusals.messages, [
    "compare: parameter vectors must have equal length K, got 2 logits, 1 means, 2 log-sigmas",
    "compare: means[0] is NaN; every parameter must be a finite number",
    'compare: compare: unknown field "sigmas"; the fields are logits, means, lsigmas',
    "compare: compare: means[0] is not a number; means must be a list of numbers",
    "compare: compare needs an object { logits, means, lsigmas } of lists of numbers",
  ]);
  assert.ok(refusals.stillShown, "a refusal keeps the mixture shown");

  // A rebuild (other data) keeps the mixture and computes its loss on the new data.
  const rebuilt = await page.evaluate(async () => {
    const old = demo.state().comparison.loss;
    await demo.setOptions({ dataSeed: 99 });
    return { old, now: demo.state().comparison?.loss };
  });
  assert.ok(Number.isFinite(rebuilt.now) && rebuilt.now !== rebuilt.old, `loss ${rebuilt.old} -> ${rebuilt.now}`);
  await page.evaluate(() => demo.clearComparison());
  const cleared = await count();
  assert.equal(await page.evaluate(() => demo.state().comparison), null);
  assert.equal(await page.locator("[id$=comparison]").isHidden(), true);
  for (const i of [0, 1]) assert.ok(cleared[i] < withCurve[i] - 100, `panel ${i}: ${withCurve[i]} -> ${cleared[i]}`);
  assert.deepEqual(problems, []);
  await page.close();
});
