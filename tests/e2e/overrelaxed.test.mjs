// End to end: over-relaxed EM as the first panel's method, from a link (optimizer=overrelaxed-em with eta and
// adaptive) and from the form; with eta = 1 it is EM, so both panels report the same loss at the step limit.
// Either panel runs any method (secondMethod), so gradient descent can race over-relaxed EM.
// Chromium, release build in pkg/.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage } from "./browser.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const runToLimit = async (page) => {
  await page.click("#play");
  await page.waitForFunction(() => document.getElementById("play").textContent === "Play", null, { timeout: 60000 });
};

test("a link runs over-relaxed EM in the first panel, with eta = 1 exactly as EM", async () => {
  const { page, problems } = await openPage(env.browser,
    `${env.url}?preset=separated&optimizer=overrelaxed-em&eta=1&adaptive=off&maxSteps=60`);
  for (const [name, value] of Object.entries({ optimizer: "overrelaxed-em", eta: "1", adaptive: "off" })) {
    assert.equal(await page.inputValue(`#${name}`), value, name);
  }
  await runToLimit(page);
  assert.match(await page.locator("#directStatus").textContent(), /step limit \(60 steps\)/);
  // The first panel is named after its method everywhere it is named, and its report agrees with EM's.
  const statuses = await page.evaluate(() => [...document.querySelectorAll("#directStatus, #emStatus")]
    .map((e) => e.textContent));
  assert.match(statuses[0], /^Over-relaxed EM stopped/);
  assert.equal(statuses[0].replace(/^Over-relaxed EM /, ""), statuses[1].replace(/^EM /, ""), "the reports agree");
  const names = await page.evaluate(() => [...document.querySelectorAll("[data-name]")].map((e) => e.textContent));
  assert.ok(names.includes("over-relaxed EM") && names.includes("OR-EM"), names.join(", "));
  assert.doesNotMatch(await page.getAttribute("#lossCanvas", "aria-label"), /gradient descent/);
  const layout = await page.evaluate(() => document.querySelector(".gmm-demo").chartLayout("direct").texts.map((t) => t.text));
  assert.ok(layout.some((t) => t.startsWith("Over-relaxed EM: step 60")), layout.join(" | "));
  // With eta = 1 the two methods are one: the verdict is a tie, in the method's own name.
  await page.waitForFunction(() => !document.getElementById("verdict").hidden);
  const headline = await page.textContent("#verdictHeadline");
  assert.match(headline, /a tie/);
  assert.match(headline, /over-relaxed EM/);
  assert.doesNotMatch(headline + await page.textContent("#directVerdict"), /[Gg]radient descent/);
  assert.match(page.url(), /optimizer=overrelaxed-em/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the second panel runs any method: Adam against over-relaxed EM, named as such everywhere", async () => {
  const { page, problems } = await openPage(env.browser,
    `${env.url}?preset=overrelaxed&optimizer=adam&secondMethod=overrelaxed-em&maxSteps=200`);
  assert.equal(await page.inputValue("#secondMethod"), "overrelaxed-em");
  const menu = await page.evaluate(() => [...document.getElementById("secondMethod").options].map((o) => o.value));
  assert.deepEqual(menu, ["adam", "momentum", "gd", "em", "overrelaxed-em"]);
  await runToLimit(page);
  assert.match(await page.textContent("#directStatus"), /^Gradient descent stopped at the step limit/);
  assert.match(await page.textContent("#emStatus"), /^Over-relaxed EM /);
  const names = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll("[data-name]")]
    .map((e) => [e.dataset.name, e.textContent])));
  assert.equal(names.em, "over-relaxed EM");
  assert.equal(names["em-short"], "OR-EM");
  const texts = (chart) => page.evaluate((c) => document.querySelector(".gmm-demo").chartLayout(c).texts
    .map((t) => t.text), chart);
  assert.ok((await texts("em")).some((t) => /^Over-relaxed EM: step \d+/.test(t)));
  const key = await texts("loss");
  assert.ok(key.includes("gradient descent (Adam)") && key.includes("over-relaxed EM"), key.join(" | "));
  assert.match(await page.getAttribute("#lossCanvas", "aria-label"), /, over-relaxed EM \d/);
  // The verdict names the two methods that raced.
  await page.waitForFunction(() => !document.getElementById("verdict").hidden);
  assert.match(await page.textContent("#emVerdict"), /^Over-relaxed EM /);
  // Switching the second panel back to EM in the form goes on from the current parameters and is in the URL.
  await page.selectOption("#secondMethod", "em");
  await page.waitForFunction(() => document.querySelector("[data-name=em]").textContent === "EM");
  assert.match(page.url(), /secondMethod=em(&|$)/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("choosing over-relaxed EM in the form keeps the step and the menu offers it", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?preset=overlapping&maxSteps=3000`);
  const options = await page.evaluate(() => [...document.getElementById("optimizer").options].map((o) => o.value));
  assert.ok(options.includes("overrelaxed-em"), options.join(", "));
  await page.selectOption("#adaptive", "on");
  await page.selectOption("#optimizer", "overrelaxed-em");
  await page.click("#play");
  await page.waitForFunction(() => Number(document.getElementById("step").textContent) > 30, null, { timeout: 30000 });
  await page.click("#play");
  assert.match(page.url(), /optimizer=overrelaxed-em/);
  assert.match(page.url(), /adaptive=on/);
  assert.deepEqual(problems, []);
  await page.close();
});

test("the overrelaxed preset: both reach the best fit and the verdict says over-relaxed EM settled first", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?preset=overrelaxed&speed=100`);
  assert.equal(await page.inputValue("#optimizer"), "overrelaxed-em");
  assert.equal(await page.inputValue("#adaptive"), "on");
  assert.match(await page.textContent("#lesson"), /Adam, run beside them from the same start, needs several times/);
  await page.waitForFunction(() => /^\d/.test(document.getElementById("bestLoss").textContent), null, { timeout: 60000 });
  await page.click("#play");
  await page.waitForFunction(() => document.getElementById("verdict").dataset.finished === "true"
    && !document.getElementById("verdict").hidden, null, { timeout: 120000 });
  const headline = await page.textContent("#verdictHeadline");
  const m = /Over-relaxed EM settled first: at step ([\d,]+), against EM's ([\d,]+)\./.exec(headline);
  assert.ok(m, headline);
  const [ore, em] = m.slice(1).map((s) => Number(s.replace(/,/g, "")));
  assert.ok(ore / em > 0.2 && ore / em < 0.5, `about a third: ${ore} / ${em}`);
  for (const id of ["directVerdict", "emVerdict"]) {
    assert.match(await page.textContent(`#${id}`), /reached the best fit found|below the fit EM reaches/);
  }
  // The third way (Adam, off screen) is in the verdict and in the lesson line, computed from the run: it
  // settles several times later than EM, as the lesson says.
  await page.waitForFunction(() => !document.getElementById("lessonRun").hidden, null, { timeout: 60000 });
  const three = await page.textContent("#verdictThreeWays");
  assert.equal(await page.textContent("#lessonRun"), three);
  const t = /over-relaxed EM at step ([\d,]+), EM at step ([\d,]+), and gradient descent with Adam, run beside them off screen, at step ([\d,]+)/.exec(three);
  assert.ok(t, three);
  const [o3, e3, adam] = t.slice(1).map((x) => Number(x.replace(/,/g, "")));
  assert.deepEqual([o3, e3], [ore, em], "the same settled steps as the headline");
  assert.ok(adam > 3 * em, `several times as many: Adam ${adam}, EM ${em}`);
  assert.deepEqual(problems, []);
  await page.close();
});
