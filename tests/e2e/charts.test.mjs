// The charts never hide what they show, on the live page: from each chart's layout record
// (Demo.chartLayout, through the demo root's chartLayout hook), measured by the browser's own text metrics,
// no two text boxes overlap, no text leaves its canvas and no legend overlaps a plot or a text outside it.
// Presets classic, separated, lr-too-small and collapse, at a desktop and a phone width, with the
// trajectories and restarts sections open; the loss chart in its gap view; the K-selection chart.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage } from "./browser.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

/** The layout problems of `chart` as sentences (computed in the page from the plain layout object). */
function problems(page, chart) {
  return page.evaluate((name) => {
    const layout = document.querySelector(".gmm-demo").chartLayout(name);
    if (!layout) return { missing: true };
    const hit = (a, b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    const inside = (outer, r) => outer.x0 <= r.x0 && r.x1 <= outer.x1 && outer.y0 <= r.y0 && r.y1 <= outer.y1;
    const canvas = { x0: 0, y0: 0, x1: layout.width, y1: layout.height };
    const out = [];
    const t = layout.texts;
    for (let i = 0; i < t.length; i++) {
      if (!inside(canvas, t[i])) out.push(`${JSON.stringify(t[i].text)} leaves the canvas`);
      for (let j = i + 1; j < t.length; j++) {
        if (hit(t[i], t[j])) out.push(`${JSON.stringify(t[i].text)} overlaps ${JSON.stringify(t[j].text)}`);
      }
    }
    for (const legend of layout.legends) {
      for (const plot of layout.plots) if (hit(legend, plot)) out.push("a legend overlaps a plot");
      for (const text of t) {
        if (hit(legend, text) && !inside(legend, text)) out.push(`a legend overlaps ${JSON.stringify(text.text)}`);
      }
    }
    return { out, texts: t.length, plots: layout.plots.length, legends: layout.legends.length };
  }, chart);
}

const stopped = (page) => page.waitForFunction(() => document.getElementById("play").textContent.trim() === "Play", null, { timeout: 120000 });

for (const preset of ["classic", "separated", "lr-too-small", "collapse"]) {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 812 }]) {
    test(`${preset} at ${viewport.width} px: no chart hides what it shows`, async () => {
      const { page, problems: console } = await openPage(env.browser, `${env.url}?preset=${preset}&maxSteps=40`, viewport);
      await page.click("#play");
      await stopped(page);
      await page.click("#trajectories summary");
      await page.waitForFunction(() => document.getElementById("trajectoriesCanvas").width > 250);
      await page.waitForFunction(() => document.querySelector(".gmm-demo").chartLayout("trajectories") !== null);
      // The loss chart in its default view, the gap to the best fit, once the search has reported.
      await page.waitForFunction(() => /^\d/.test(document.getElementById("bestLoss").textContent), null, { timeout: 60000 });
      await page.waitForFunction(() => document.querySelector(".gmm-demo").chartLayout("loss")?.texts
        .some((t) => t.text.startsWith("Gap to the best fit")));
      for (const chart of ["direct", "em", "trajectories", "loss"]) {
        const r = await problems(page, chart);
        assert.ok(!r.missing, `${chart}: no layout`);
        assert.ok(r.texts > 5 && r.plots >= 1 && r.legends >= 1, `${chart}: ${JSON.stringify(r)}`);
        assert.deepEqual(r.out, [], `${chart}: ${r.out.join("; ")}`);
      }
      assert.deepEqual(console, []);
    });
  }
}

test("the restarts chart keeps its key off the dots, at a phone width too", async () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 812 }]) {
    const { page, problems: console } = await openPage(env.browser, `${env.url}?open=restarts&maxSteps=60&n=1000`, viewport);
    await page.fill("#restartsCount", "6");
    await page.click("#restartsRun");
    await page.waitForFunction(() => /All 6 restarts done/.test(document.getElementById("restartsStatus").textContent), null, { timeout: 120000 });
    await page.waitForFunction(() => document.querySelector(".gmm-demo").chartLayout("restarts") !== null);
    const r = await problems(page, "restarts");
    assert.ok(r.texts > 5 && r.plots === 1 && r.legends === 1, JSON.stringify(r));
    assert.deepEqual(r.out, [], `restarts at ${viewport.width}`);
    assert.deepEqual(console, []);
    await page.close();
  }
});

test("the K-selection chart keeps its key and labels off its two panels, at a phone width too", async () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 375, height: 812 }]) {
    const { page, problems: console } = await openPage(env.browser, `${env.url}?open=k-select&n=500`, viewport);
    await page.click("#kSelectRun");
    await page.waitForFunction(() => document.getElementById("kSelect").dataset.shown === "finished", null, { timeout: 120000 });
    const r = await problems(page, "kSelection");
    assert.ok(r.texts > 20 && r.plots === 2 && r.legends === 1, JSON.stringify(r));
    assert.deepEqual(r.out, [], `K selection at ${viewport.width}`);
    assert.deepEqual(console, []);
    await page.close();
  }
});

test("chartLayout refuses an unknown chart with field and allowed", async () => {
  const { page } = await openPage(env.browser, env.url);
  const error = await page.evaluate(() => {
    try {
      document.querySelector(".gmm-demo").chartLayout("pie");
      return null;
    } catch (e) {
      return { field: e.field, oneOf: e.allowed.oneOf };
    }
  });
  assert.equal(error.field, "chart");
  assert.ok(error.oneOf.includes("loss") && error.oneOf.includes("trajectories"));
});
