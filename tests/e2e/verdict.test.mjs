// How each run ends, on the live page: the best fit found beside the truth's loss, the loss chart in its gap
// view by default, and the verdict when both methods stop, naming the winner, where each settled (checked
// against the loss history the page exports as CSV) and the reason, with a button that opens the section
// that shows it. Presets classic, separated, lr-too-small and collapse, in Chromium and in Firefox (there word for
// word Chromium's verdict, and the charts' layout checked with Firefox's text metrics).

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launch, openPage } from "./browser.mjs";
import { launchFirefox } from "./firefox.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

/** Within this of the final loss every later loss lies, from the settled step on (as in Rust). */
const SETTLED_WITHIN = 1e-4;

/** ... for at least this many steps (or a quarter of the run), as in Rust. */
const SETTLED_MIN_STRETCH = 100;

/**
 * The settled step of a loss column, as `gmm_core::run::settling::settled_at` defines it: the first step of
 * the final stretch within SETTLED_WITHIN of the last loss, if that stretch is long enough; else null.
 */
function settledStep(losses) {
  const last = losses[losses.length - 1];
  let t = losses.length;
  while (t > 0 && Math.abs(losses[t - 1] - last) <= SETTLED_WITHIN) t--;
  const steps = losses.length - 1;
  return steps - t >= Math.min(SETTLED_MIN_STRETCH, Math.floor(steps / 4)) ? t : null;
}

/** The two loss columns of the page's CSV export (a method that stopped early has empty cells after). */
function parseLossCsv(text) {
  const [header, ...rows] = text.trim().split("\n");
  assert.equal(header, "step,gradient_descent,em");
  const direct = [];
  const em = [];
  for (const row of rows) {
    const [, d, e] = row.split(",");
    if (d !== "") direct.push(Number(d));
    if (e !== "") em.push(Number(e));
  }
  return { direct, em };
}

/** Plays the preset to its end (3000 steps) and returns the page, the verdict's texts and the CSV columns. */
async function finished(preset) {
  const { page, problems } = await openPage(env.browser, `${env.url}?preset=${preset}&speed=100`, { width: 1280, height: 900 });
  // The gap view needs the best fit: the readout shows it once the search reports.
  await page.waitForFunction(() => /^\d/.test(document.getElementById("bestLoss").textContent), null, { timeout: 60000 });
  await page.click("#play");
  await page.waitForFunction(() => !document.getElementById("verdict").hidden
    && document.getElementById("verdict").dataset.finished === "true"
    && !document.getElementById("verdictThreeWays").hidden, null, { timeout: 120000 });
  const texts = await page.evaluate(() => {
    const t = (id) => document.getElementById(id).textContent;
    const reasons = (id) => [...document.getElementById(id).querySelectorAll("li")].map((li) => ({
      text: li.firstChild.textContent, view: li.querySelector("button").dataset.view,
    }));
    return {
      headline: t("verdictHeadline"), direct: t("directVerdict"), em: t("emVerdict"),
      threeWays: t("verdictThreeWays"), lessonRun: t("lessonRun"),
      directReasons: reasons("directReasons"), emReasons: reasons("emReasons"),
      best: Number(t("bestLoss")), truth: Number(t("truthLoss")),
      lossTitle: document.querySelector(".gmm-demo").chartLayout("loss").texts.map((x) => x.text),
      lossView: document.getElementById("lossView").value,
    };
  });
  await page.click("#dataIo summary");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#exportLossCsv")]);
  const csv = parseLossCsv(readFileSync(await download.path(), "utf8"));
  return { page, problems, texts, csv };
}

const count = (n) => n.toLocaleString("en");

/** The checks every preset shares: gap view by default, winner and settled steps from the CSV. */
function checkCommon(preset, { texts, csv }) {
  assert.equal(texts.lossView, "gap", `${preset}: the gap view is the default`);
  assert.ok(texts.lossTitle.some((t) => t.startsWith("Gap to the best fit")), `${preset}: ${texts.lossTitle}`);
  const final = { direct: csv.direct.at(-1), em: csv.em.at(-1) };
  const lowest = Math.min(...csv.direct.filter(Number.isFinite), ...csv.em.filter(Number.isFinite));
  assert.ok(texts.best <= lowest + 5e-5, `${preset}: best fit ${texts.best} is not above any loss reached (${lowest})`);
  const gap = final.direct - final.em;
  if (Math.abs(gap) < 1e-4) {
    assert.match(texts.headline, /a tie/, preset);
  } else {
    const winner = gap < 0 ? "gradient descent" : "EM";
    assert.ok(texts.headline.includes(`${winner} ended lower`), `${preset}: ${texts.headline}`);
  }
  const settled = { direct: settledStep(csv.direct), em: settledStep(csv.em) };
  for (const method of ["direct", "em"]) {
    const words = texts[method];
    if (words.includes("diverged")) continue;
    const expected = settled[method] === null ? "had not settled when it stopped at step"
      : `settled at step ${count(settled[method])} `;
    assert.ok(words.includes(expected), `${preset}, ${method}: ${words} vs ${settled[method]}`);
  }
  // The third way (over-relaxed EM beside gradient descent and EM), in the verdict and the lesson line, with
  // the settled steps the CSV shows for the two on screen.
  assert.equal(texts.lessonRun, texts.threeWays, preset);
  const at = (step) => (step === null ? "had not settled by step" : `at step ${count(step)}`);
  assert.ok(texts.threeWays.startsWith(`Where each settled, from the same start: gradient descent ${at(settled.direct)}`)
    || /gradient descent diverged/.test(texts.threeWays), `${preset}: ${texts.threeWays}`);
  assert.ok(texts.threeWays.includes(`, EM ${at(settled.em)}`), `${preset}: ${texts.threeWays}`);
  assert.match(texts.threeWays, /and over-relaxed EM, run beside them off screen, (at step|had not settled)/, preset);
  return settled;
}

test("classic: gradient descent wins, and EM's reason is its first E-step, which the button opens", async () => {
  const run = await finished("classic");
  checkCommon("classic", run);
  const { page, texts, problems } = run;
  assert.match(texts.headline, /gradient descent ended lower/);
  assert.match(texts.em, /did not reach it/);
  const takeover = texts.emReasons.find((r) => /first E-step/.test(r.text));
  assert.ok(takeover, JSON.stringify(texts.emReasons));
  assert.match(takeover.text, /took [\d,]+ of 5,000 points/);
  assert.equal(takeover.view, "em-steps");
  assert.ok(texts.emReasons.some((r) => /true bumps at -2 and 3/.test(r.text)), JSON.stringify(texts.emReasons));
  await page.click('#emReasons button[data-view="em-steps"]');
  await page.waitForFunction(() => document.querySelector('details[data-section="em-steps"]').open);
  await page.waitForFunction(() => /E-step of iteration 1/.test(document.getElementById("emStepText").textContent));
  assert.deepEqual(problems, []);
  await page.close();
});

test("separated: both reach the best fit and EM settles first", async () => {
  const run = await finished("separated");
  const settled = checkCommon("separated", run);
  const { page, texts, problems } = run;
  assert.ok(settled.em * 3 < settled.direct, JSON.stringify(settled));
  assert.match(texts.direct, /reached the best fit found|below the search's best fit/);
  assert.match(texts.em, /reached the best fit found|below the search's best fit/);
  assert.ok(texts.headline.includes(`EM settled first: at step ${count(settled.em)}`), texts.headline);
  assert.deepEqual(problems, []);
  await page.close();
});

test("lr-too-small: EM wins and gradient descent is still moving, shown in the landscape", async () => {
  const run = await finished("lr-too-small");
  checkCommon("lr-too-small", run);
  const { page, texts, problems } = run;
  assert.match(texts.headline, /EM ended lower/);
  assert.match(texts.headline, /gradient descent had not settled by step 3,000/);
  const moving = texts.directReasons.find((r) => /still moving/.test(r.text));
  assert.ok(moving, JSON.stringify(texts.directReasons));
  assert.equal(moving.view, "landscape");
  await page.click('#directReasons button[data-view="landscape"]');
  await page.waitForFunction(() => document.querySelector('details[data-section="landscape"]').open);
  assert.deepEqual(problems, []);
  await page.close();
});

test("collapse: EM's component held at the variance floor is the reason shown", async () => {
  const run = await finished("collapse");
  checkCommon("collapse", run);
  const { page, texts, problems } = run;
  const floor = texts.emReasons.find((r) => /variance floor/.test(r.text));
  assert.ok(floor, JSON.stringify(texts.emReasons));
  assert.equal(floor.view, "trajectories");
  assert.deepEqual(problems, []);
  await page.close();
});

test("during the run the verdict is there on request, as 'so far', and the loss view can be switched", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?preset=classic&maxSteps=200`, { width: 1280, height: 900 });
  await page.click("#stepOnce");
  await page.waitForFunction(() => document.getElementById("step").textContent === "1");
  assert.equal(await page.isHidden("#verdict"), true, "no verdict before the end");
  await page.click("#verdictNow");
  assert.match(await page.textContent("#verdictHeadline"), /^So far \(step 1\)/);
  await page.selectOption("#lossView", "loss");
  await page.waitForFunction(() => document.querySelector(".gmm-demo").chartLayout("loss").texts
    .some((t) => t.text.startsWith("Loss per step")));
  assert.deepEqual(problems, []);
  await page.close();
});

/**
 * A function body for the page: the layout problems of each named chart (overlapping texts, texts off the
 * canvas, a legend over a plot or over a text outside it), from its layout record, as in charts.test.mjs.
 */
const LAYOUT_PROBLEMS = `return arguments[0].map((name) => {
  const layout = document.querySelector(".gmm-demo").chartLayout(name);
  if (!layout) return name + ": no layout";
  const hit = (a, b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  const inside = (o, r) => o.x0 <= r.x0 && r.x1 <= o.x1 && o.y0 <= r.y0 && r.y1 <= o.y1;
  const canvas = { x0: 0, y0: 0, x1: layout.width, y1: layout.height };
  const out = [];
  const t = layout.texts;
  if (t.length < 6 || !layout.plots.length || !layout.legends.length) out.push(name + ": layout incomplete");
  for (let i = 0; i < t.length; i++) {
    if (!inside(canvas, t[i])) out.push(name + ": " + t[i].text + " leaves the canvas");
    for (let j = i + 1; j < t.length; j++) if (hit(t[i], t[j])) out.push(name + ": " + t[i].text + " / " + t[j].text);
  }
  for (const l of layout.legends) {
    for (const p of layout.plots) if (hit(l, p)) out.push(name + ": a legend overlaps a plot");
    for (const x of t) if (hit(l, x) && !inside(l, x)) out.push(name + ": a legend overlaps " + x.text);
  }
  return out;
}).flat();`;

for (const preset of ["classic", "separated", "lr-too-small", "collapse"]) {
  test(`Firefox, ${preset}: the gap view, no chart hiding what it shows, and word for word Chromium's verdict`, async () => {
    const chromium = await finished(preset);
    await chromium.page.close();
    const ff = await launchFirefox({ scriptTimeoutMs: 120_000 });
    try {
      await ff.navigate(`${env.url}?preset=${preset}&speed=100`);
      await ff.waitFor("return document.body.dataset.ready === 'true'", 30000);
      await ff.waitFor("return /^\\d/.test(document.getElementById('bestLoss').textContent)", 60000);
      await ff.click("#play");
      await ff.waitFor("const v = document.getElementById('verdict'); return !v.hidden && v.dataset.finished === 'true'"
        + " && !document.getElementById('verdictThreeWays').hidden", 120000);
      const r = await ff.execute(`const t = (id) => document.getElementById(id).textContent;
        return { headline: t('verdictHeadline'), direct: t('directVerdict'), em: t('emVerdict'), best: t('bestLoss'),
          threeWays: t('verdictThreeWays'),
          lossView: document.getElementById('lossView').value,
          title: document.querySelector('.gmm-demo').chartLayout('loss').texts.map((x) => x.text) };`);
      // The numbers are bit-identical in both browsers, so the words are too.
      assert.equal(r.headline, chromium.texts.headline);
      assert.equal(r.direct, chromium.texts.direct);
      assert.equal(r.em, chromium.texts.em);
      assert.equal(r.threeWays, chromium.texts.threeWays, "the third way too, step for step");
      assert.equal(Number(r.best), chromium.texts.best);
      assert.equal(r.lossView, "gap");
      assert.ok(r.title.some((t) => t.startsWith("Gap to the best fit")), r.title.join(" | "));
      // Measured with Firefox's own text metrics.
      assert.deepEqual(await ff.execute(LAYOUT_PROBLEMS, [["direct", "em", "loss"]]), []);
    } finally {
      await ff.close();
    }
  });
}
