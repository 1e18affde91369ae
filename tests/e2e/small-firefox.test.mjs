// End to end, Firefox (geckodriver, plain WebDriver): the served page on a phone and a tablet puts the plots
// first (as layout.test.mjs checks in Chromium), and refusals are shown where the user acted (as
// messages.test.mjs checks in Chromium): every invalid field at once, each beside its field, and an import
// error beside its button.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../../scripts/serve.mjs";
import { launchFirefox } from "./firefox.mjs";

let server;
let base;
let ff;
before(async () => {
  server = await startServer(0);
  base = `http://127.0.0.1:${server.address().port}/`;
  ff = await launchFirefox();
});
after(async () => {
  await ff?.close();
  await new Promise((resolve) => server?.close(resolve) ?? resolve());
});

const BOXES = `const box = (id) => document.getElementById(id).getBoundingClientRect().toJSON();
  return { width: innerWidth, height: innerHeight, bar: box("runBar"), panel: box("directCanvas"),
    scrollsSideways: document.documentElement.scrollWidth > innerWidth + 1,
    narrowRows: document.querySelectorAll("#paramsNarrowBody tr").length,
    wideShown: document.getElementById("params").getClientRects().length > 0,
    drawerShown: document.getElementById("controls").getClientRects().length > 0 };`;

for (const [width, height] of [[375, 812], [768, 1024]]) {
  test(`Firefox at ${width}x${height}: the plots first, under a run bar, with nothing to scroll sideways`, async () => {
    await ff.windowSize(width, height);
    await ff.navigate(base);
    await ff.waitFor("return document.body?.dataset.ready === 'true'", 30000);
    const b = await ff.execute(BOXES);
    assert.ok(b.panel.top < b.height - 150, `the first density panel starts within the first screen (${b.panel.top}px of ${b.height})`);
    assert.ok(b.bar.bottom <= b.panel.top, "the run bar is above the plots");
    assert.equal(b.scrollsSideways, false, "nothing scrolls sideways");
    assert.equal(b.narrowRows, 15, "the narrow parameter table, one line per method and component");
    assert.equal(b.wideShown, false);
    assert.equal(b.drawerShown, false, "the settings wait in their drawer");
    assert.deepEqual(ff.pageProblems(), []);
  });
}

test("Firefox: K empty and a learning rate of -1 are both marked beside their fields; an import error beside its button", async () => {
  await ff.windowSize(1366, 900);
  await ff.navigate(base);
  await ff.waitFor("return document.body?.dataset.ready === 'true'", 30000);
  const marked = await ff.execute(`const set = (id, v) => { const e = document.getElementById(id); e.value = v;
      e.dispatchEvent(new Event("change")); };
    set("k", ""); set("learningRate", "-1");
    const near = (a, b) => { const ra = document.getElementById(a).getBoundingClientRect();
      const rb = document.getElementById(b).getBoundingClientRect();
      return rb.top >= ra.bottom - 1 && rb.top - ra.bottom <= 12 && rb.left < ra.right && rb.right > ra.left; };
    return ["k", "learningRate"].map((id) => ({ id, invalid: document.getElementById(id).getAttribute("aria-invalid"),
      error: document.getElementById(id + "-error")?.textContent ?? null, near: near(id, id + "-error") }));`);
  assert.deepEqual(marked, [
    { id: "k", invalid: "true", error: "empty: enter a number", near: true },
    { id: "learningRate", invalid: "true", error: "must be between 1e-6 and 1000", near: true },
  ]);
  await ff.navigate(base);
  await ff.waitFor("return document.body?.dataset.ready === 'true'", 30000);
  await ff.execute(`document.getElementById("dataIo").open = true;
    document.getElementById("importText").value = "1\\n2\\nabc\\n";`);
  await ff.click("#importApply");
  const result = await ff.waitFor("const t = document.getElementById('importResult').textContent; return /line 3/.test(t) && t", 10000);
  assert.match(result, /line 3: "abc" is not a number/);
  assert.match(await ff.execute("return document.getElementById('message').textContent"), /line 3/, "and in the live region");
  assert.deepEqual(ff.pageProblems(), []);
});
