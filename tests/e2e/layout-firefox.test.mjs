// End to end, Firefox (geckodriver, plain WebDriver): the README's iframe snippet fits its frame at 900x640,
// 1200x640 and 600x480 (as in layout.test.mjs for Chromium), and in sandbox="allow-scripts" frames the served
// page names the single file while the single file runs. Screenshots go to test-results/.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { buildSingleFile } from "../../scripts/build-single.mjs";
import { startServer } from "../../scripts/serve.mjs";
import { launchFirefox } from "./firefox.mjs";
import { BLOCKED, CANVASES_AT_SIZE, EMBED_STATE, assertEmbedLayout, OVERFLOWS, hostUrl, readmeSnippet, snippetAt } from "./frame-checks.mjs";

const SINGLE = "dist/gmm-two-ways-layout-firefox-test.html"; // its own name: other test files build theirs
let server;
let base;
let ff;
before(async () => {
  mkdirSync("test-results", { recursive: true });
  buildSingleFile(SINGLE);
  server = await startServer(0);
  base = `http://127.0.0.1:${server.address().port}/`;
  ff = await launchFirefox();
  await ff.windowSize(1300, 900);
});
after(async () => {
  await ff?.close();
  await new Promise((resolve) => server?.close(resolve) ?? resolve());
});

/** Opens a host page with one frame and switches into the frame. */
async function embed(attributes, width) {
  await ff.frame(null);
  await ff.navigate(hostUrl(base, attributes, width));
  await ff.waitFor("return document.querySelector('iframe') !== null");
  await ff.frame(0);
}

for (const [width, height] of [[900, 640], [1200, 640], [600, 480]]) {
  test(`Firefox: the README's iframe snippet fits a ${width}x${height} frame`, async () => {
    await embed(snippetAt(readmeSnippet(), height), width);
    await ff.waitFor("return document.body?.dataset.ready === 'true'", 30000);
    // It autoplays: measure at the end of the run, when the floor's note and the run's lesson line have appeared.
    await ff.waitFor("return document.getElementById('step').textContent === '3000'", 120000);
    await ff.waitFor("return !document.getElementById('lessonRun').hidden", 30000);
    // A note that appears resizes the charts; they are redrawn at their new size a moment later.
    await ff.waitFor(CANVASES_AT_SIZE, 5000).catch(() => {});
    const state = await ff.execute(EMBED_STATE);
    assert.deepEqual(await ff.execute(OVERFLOWS), []);
    assertEmbedLayout(state, width);
    await ff.frame(null);
    writeFileSync(`test-results/firefox-embed-${width}x${height}.png`, await ff.screenshot());
    assert.deepEqual(ff.pageProblems(), []);
  });
}

test("Firefox: in a sandbox=\"allow-scripts\" frame the served page names the single file, and the single file runs", async () => {
  const frameAt = (src) => ({ src, title: "sandboxed", style: "width: 100%; height: 640px; border: 0", sandbox: "allow-scripts" });
  await embed(frameAt("index.html"), 900);
  await ff.waitFor("const box = document.getElementById('startBlocked'); return box !== null && !box.hidden", 20000);
  const blocked = await ff.execute(BLOCKED);
  assert.equal(blocked.shown, true, "the message is visible");
  assert.equal(blocked.started, false);
  assert.match(blocked.text, /dist\/gmm-two-ways\.html/);
  await ff.frame(null);
  writeFileSync("test-results/firefox-sandbox-served.png", await ff.screenshot());

  await embed(frameAt(SINGLE), 900);
  await ff.waitFor("return document.body?.dataset.ready === 'true'", 30000);
  assert.equal(await ff.execute("return self.origin"), "null", "the frame really is sandboxed");
  await ff.click("#play");
  await ff.waitFor("return Number(document.getElementById('step').textContent) >= 20", 30000);
  await ff.click("#play");
  const state = await ff.execute(EMBED_STATE);
  for (const id of ["directCanvas", "emCanvas", "lossCanvas"]) {
    const c = state.canvases.find((x) => x.id === id);
    assert.ok(c.colours > 20, `${id} is drawn (${c.colours} colours)`);
  }
  assert.equal(await ff.execute("return document.getElementById('startBlocked').hidden"), true, "no message");
  assert.deepEqual(ff.pageProblems(), []);
});
