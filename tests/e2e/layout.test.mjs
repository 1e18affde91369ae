// End to end, Chromium: the page where it is used. The README's iframe snippet at 900x640, 1200x640 and
// 600x480 fits its frame (nothing scrolls or is cut off, density panels side by side, the teaching sections
// off, every chart drawn at its size); hide= adds to embed mode's defaults and show= brings a part back; in a
// sandbox="allow-scripts" frame the served page says why it cannot start and names the single file, which
// runs there; on a phone and a tablet the plots come first under a sticky run bar, the settings in a drawer,
// the parameter table without sideways scrolling. Screenshots go to test-results/.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { buildSingleFile } from "../../scripts/build-single.mjs";
import { launch, openPage } from "./browser.mjs";
import { BLOCKED, CANVASES_AT_SIZE, EMBED_STATE, assertEmbedLayout, OVERFLOWS, hostUrl, readmeSnippet, snippetAt } from "./frame-checks.mjs";

const SINGLE = "dist/gmm-two-ways-layout-test.html"; // its own name: single-file.test.mjs builds the usual one
let env;
before(async () => {
  env = await launch();
  mkdirSync("test-results", { recursive: true });
  buildSingleFile(SINGLE);
});
after(async () => { await env?.close(); });

/** Opens a host page with one frame; returns the page and the frame (once its document has loaded). */
async function embed(attributes, width, height) {
  const page = await env.browser.newPage({ viewport: { width: width + 40, height: height + 40 } });
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(hostUrl(env.url, attributes, width));
  const handle = await page.waitForSelector("iframe");
  const frame = await handle.contentFrame();
  await frame.waitForLoadState("load");
  return { page, frame, problems };
}

for (const [width, height] of [[900, 640], [1200, 640], [600, 480]]) {
  test(`the README's iframe snippet fits a ${width}x${height} frame`, async () => {
    const { page, frame, problems } = await embed(snippetAt(readmeSnippet(), height), width, height);
    await frame.waitForSelector("body[data-ready=true]");
    // It autoplays: measure at the end of the run, when the floor's note and the run's lesson line have appeared.
    await frame.waitForFunction(() => document.getElementById("step").textContent === "3000", null, { timeout: 120000 });
    await frame.waitForFunction(() => !document.getElementById("lessonRun").hidden, null, { timeout: 30000 });
    await page.screenshot({ path: `test-results/embed-${width}x${height}.png` });
    // A note that appears resizes the charts; they are redrawn at their new size a moment later.
    await frame.waitForFunction(new Function(CANVASES_AT_SIZE), null, { timeout: 5000 }).catch(() => {});
    const state = await frame.evaluate(new Function(EMBED_STATE));
    assert.deepEqual(await frame.evaluate(new Function(OVERFLOWS)), []);
    assertEmbedLayout(state, width);
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test("embed mode: hide= adds to the defaults, show= brings a part back, and both stay in the URL", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}?embed=1&hide=lesson&show=readouts,data`, { width: 900, height: 640 });
  assert.equal(await page.locator("#lesson").isVisible(), false, "hide=lesson hides the lesson");
  assert.equal(await page.locator(".readouts").isVisible(), true, "show=readouts brings the readouts back");
  assert.equal(await page.locator("#n").isVisible(), true, "show=data brings the data settings back");
  assert.equal(await page.locator("#initSeed").isVisible(), false, "the other settings stay hidden");
  assert.equal(await page.locator("#sideQuestions").isVisible(), false, "the teaching sections stay off");
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("hide"), "lesson");
  assert.equal(url.searchParams.get("show"), "readouts,data");
  assert.equal(await page.locator("#message").textContent(), "", "show= is a known parameter");
  assert.deepEqual(problems, []);
  await page.close();
});

test("in a sandbox=\"allow-scripts\" frame the served page names the single file, and the single file runs", async () => {
  const frameAt = (src) => ({ src, title: "sandboxed", style: "width: 100%; height: 640px; border: 0", sandbox: "allow-scripts" });
  const served = await embed(frameAt("index.html"), 900, 640);
  await served.frame.waitForFunction(() => !document.getElementById("startBlocked").hidden, null, { timeout: 20000 });
  const blocked = await served.frame.evaluate(new Function(BLOCKED));
  assert.equal(blocked.shown, true, "the message is visible");
  assert.equal(blocked.started, false);
  assert.match(blocked.text, /sandboxed frame/);
  assert.match(blocked.text, /dist\/gmm-two-ways\.html/);
  assert.match(blocked.text, /bash scripts\/build-single\.sh/);
  await served.page.screenshot({ path: "test-results/sandbox-served.png" });
  await served.page.close();

  const single = await embed(frameAt(SINGLE), 900, 640);
  await single.frame.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  assert.equal(await single.frame.evaluate(() => self.origin), "null", "the frame really is sandboxed");
  await single.frame.click("#play");
  await single.frame.waitForFunction(() => Number(document.getElementById("step").textContent) >= 20, null, { timeout: 30000 });
  await single.frame.click("#play");
  const state = await single.frame.evaluate(new Function(EMBED_STATE));
  for (const id of ["directCanvas", "emCanvas", "lossCanvas"]) {
    const c = state.canvases.find((x) => x.id === id);
    assert.ok(c.colours > 20, `${id} is drawn (${c.colours} colours)`);
  }
  assert.equal(await single.frame.evaluate(() => document.getElementById("startBlocked").hidden), true, "no message");
  assert.deepEqual(single.problems, []);
  await single.page.close();
});

for (const [width, height] of [[375, 812], [768, 1024]]) {
  test(`at ${width}x${height} the plots come first: a sticky run bar, the settings in a drawer, a table that fits`, async () => {
    const { page, problems } = await openPage(env.browser, env.url, { width, height });
    await page.click("#stepOnce");
    await page.waitForFunction(() => document.getElementById("barStep").textContent === "1");
    const boxes = await page.evaluate(() => Object.fromEntries(["runBar", "directCanvas", "play", "reset", "settingsToggle"]
      .map((id) => [id, document.getElementById(id).getBoundingClientRect().toJSON()])));
    assert.ok(boxes.directCanvas.top < height - 150, `the first density panel starts within the first screen (${boxes.directCanvas.top}px)`);
    assert.ok(boxes.runBar.bottom <= boxes.directCanvas.top, "the run bar is above the plots");
    for (const id of ["play", "reset", "settingsToggle"]) assert.ok(boxes[id].right <= width && boxes[id].bottom <= boxes.runBar.bottom, id);
    assert.equal(await page.locator("#barDirectLoss").textContent(), await page.locator("#directLoss").textContent());
    assert.equal(await page.locator("#barEmLoss").textContent(), await page.locator("#emLoss").textContent());
    await page.screenshot({ path: `test-results/small-${width}x${height}.png` });

    // The settings are a drawer: closed, then opened by the bar's button (which says so).
    assert.equal(await page.locator("#controls").isVisible(), false);
    await page.click("#settingsToggle");
    assert.equal(await page.getAttribute("#settingsToggle", "aria-expanded"), "true");
    assert.equal(await page.locator("#k").isVisible(), true);
    await page.click("#settingsToggle");
    assert.equal(await page.locator("#k").isVisible(), false);

    // The bar stays at the top while the plots scroll under it.
    await page.locator("#lossCanvas").scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 200));
    const bar = await page.evaluate(() => document.getElementById("runBar").getBoundingClientRect().toJSON());
    assert.ok(Math.abs(bar.top) < 1, `the run bar sticks to the top (${bar.top}px)`);

    // The parameter table: one line per method and component, nothing to scroll sideways.
    await page.locator("#paramsNarrow").scrollIntoViewIfNeeded();
    const table = await page.evaluate(() => {
      const narrow = document.getElementById("paramsNarrow");
      const panel = narrow.closest(".readouts");
      return { rows: document.querySelectorAll("#paramsNarrowBody tr").length, wideShown: document.getElementById("params").getClientRects().length > 0,
        right: narrow.getBoundingClientRect().right, panelRight: panel.getBoundingClientRect().right,
        scrolls: panel.scrollWidth > panel.clientWidth, first: [...narrow.querySelectorAll("tbody tr")].slice(0, 3).map((r) => r.textContent) };
    });
    assert.equal(table.rows, 15, "five true components, each with a line for the truth, GD and EM");
    assert.equal(table.wideShown, false, "the wide table is not shown");
    assert.equal(table.scrolls, false, "the readouts do not scroll sideways");
    assert.ok(table.right <= table.panelRight, "the table fits its panel");
    assert.match(table.first[0], /^true 1/);
    assert.match(table.first[1], /^GD /);
    assert.match(table.first[2], /^EM /);
    await page.screenshot({ path: `test-results/small-${width}x${height}-table.png` });
    assert.deepEqual(problems, []);
    await page.close();
  });
}
