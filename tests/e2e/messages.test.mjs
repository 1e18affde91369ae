// End to end, Chromium: messages where the action was (issue 14, item 5). Every refused field is marked at
// once, each with its message just beside it (and all in the live region above the plots); an import
// error appears beside the "Fit these numbers" button; a binary file is refused in one short sentence.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage } from "./browser.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

const text = (page, selector) => page.locator(selector).textContent();

/** Whether the box of `b` starts just below or beside that of `a` (within `gap` px), overlapping it. */
async function beside(page, a, b, gap = 12) {
  const [ra, rb] = await Promise.all([a, b].map((s) => page.locator(s).evaluate((n) => n.getBoundingClientRect().toJSON())));
  const below = rb.top >= ra.bottom - 1 && rb.top - ra.bottom <= gap && rb.left < ra.right && rb.right > ra.left;
  const right = rb.left >= ra.right - 1 && rb.left - ra.right <= gap && rb.top < ra.bottom && rb.bottom > ra.top;
  return below || right;
}

async function change(page, id, value) {
  await page.fill(`#${id}`, value);
  await page.locator(`#${id}`).dispatchEvent("change");
}

for (const order of [["k", "learningRate"], ["learningRate", "k"]]) {
  test(`K empty and a learning rate of -1 are both marked, each beside its field (${order.join(" first, then ")})`, async () => {
    const { page, problems } = await openPage(env.browser, env.url);
    for (const id of order) await change(page, id, id === "k" ? "" : "-1");
    for (const id of ["k", "learningRate"]) {
      assert.equal(await page.getAttribute(`#${id}`, "aria-invalid"), "true", `${id} is marked`);
      assert.ok(await page.locator(`#${id}-error`).isVisible(), `${id}'s message is shown`);
      assert.ok(await beside(page, `#${id}`, `#${id}-error`), `${id}'s message is just beside it`);
      assert.ok((await page.getAttribute(`#${id}`, "aria-describedby")).split(" ").includes(`${id}-error`));
    }
    assert.equal(await text(page, "#k-error"), "empty: enter a number");
    assert.equal(await text(page, "#learningRate-error"), "must be between 1e-6 and 1000");
    const message = await text(page, "#message");
    assert.match(message, /K fitted: k is empty: enter a number/);
    assert.match(message, /Learning rate: learningRate = -1 is not allowed/);
    assert.equal(await page.getAttribute("#message", "aria-live"), "polite", "the live region says it too");
    // Fixing both clears every mark and message; the demo runs.
    await change(page, "learningRate", "0.01");
    assert.equal(await page.getAttribute("#learningRate", "aria-invalid"), null);
    assert.equal(await page.getAttribute("#k", "aria-invalid"), "true", "K is still marked");
    await change(page, "k", "4");
    assert.equal(await page.getAttribute("#k", "aria-invalid"), null);
    assert.equal(await page.locator(".field-error:visible").count(), 0);
    assert.equal(await text(page, "#message"), "");
    await page.click("#stepOnce");
    await page.waitForFunction(() => document.getElementById("step").textContent === "1");
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test("an import error appears beside the Fit these numbers button and in the live region", async () => {
  const { page, problems } = await openPage(env.browser, env.url);
  await page.click("#dataIo summary");
  await page.fill("#importText", "1.5\n2\nabc\n4");
  await page.click("#importApply");
  await page.waitForFunction(() => document.getElementById("importResult").textContent !== "");
  const result = await text(page, "#importResult");
  assert.match(result, /^Not imported: line 3: "abc" is not a number\. The current data are kept\.$/);
  assert.ok(await page.locator("#importResult").evaluate((n) => n.classList.contains("action-error")));
  assert.ok(await beside(page, "#importApply", "#importResult"), "beside the button");
  assert.match(await text(page, "#message"), /^Import: line 3/);
  // Numbers that parse but cannot be fitted with this K: the reason, beside the button too.
  await page.fill("#importText", "1\n2\n3");
  await page.click("#importApply");
  await page.waitForFunction(() => /K fitted: data:/.test(document.getElementById("importResult").textContent));
  assert.equal(await page.getAttribute("#k", "aria-invalid"), "true");
  // A good import clears the error beside the button.
  await page.fill("#importText", Array.from({ length: 50 }, (_, i) => String(i % 7)).join("\n"));
  await page.click("#importApply");
  await page.waitForFunction(() => /^Imported 50 values/.test(document.getElementById("importResult").textContent));
  assert.equal(await page.locator("#importResult").evaluate((n) => n.classList.contains("action-error")), false);
  assert.deepEqual(problems, []);
  await page.close();
});

test("a binary file is refused in one short sentence, without its bytes", async () => {
  const { page, problems } = await openPage(env.browser, env.url);
  await page.click("#dataIo summary");
  const png = Buffer.concat([Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"), Buffer.alloc(600, 0x9c)]);
  await page.setInputFiles("#importFile", { name: "plot.png", mimeType: "image/png", buffer: png });
  await page.click("#importApply");
  await page.waitForFunction(() => document.getElementById("importResult").textContent !== "");
  const result = await text(page, "#importResult");
  assert.equal(result, "Not imported: this is binary data, not text: save the numbers as CSV or TXT first. The current data are kept.");
  const message = await text(page, "#message");
  assert.ok(!/PNG|IHDR|\uFFFD/.test(message), message);
  assert.ok(message.length < 120, message);
  assert.equal(await page.inputValue("#n"), "5000", "the run is kept");
  assert.deepEqual(problems, []);
  await page.close();
});
