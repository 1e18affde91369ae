// End to end, Chromium: the JS API's exact promises and its refusals (issue 14, item 6); the same cases
// run in Firefox in api-firefox.test.mjs. Keyboard shortcuts with one and with two demos on a page.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as checks from "./api-checks.mjs";
import { launch, openPage } from "./browser.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

/** Runs one case of api-cases.mjs in a fresh host page; returns its result and the page's problems. */
async function run(body, path = "tests/e2e/fixtures/api-host.html") {
  const { page, problems } = await openPage(env.browser, `${env.url}${path}`, { width: 1400, height: 900 });
  const result = await page.evaluate(`(async () => { ${body} })()`);
  await page.close();
  return { result, problems };
}

for (const { name, body, check } of checks.API_CASES) {
  test(name, async () => {
    const { result, problems } = await run(body);
    check(result);
    assert.deepEqual(problems, [], "no uncaught error, nothing on the console");
  });
}

test("keyboard shortcuts go to the focused or last clicked demo on the two-demo page (real key presses)", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}www/embed-example.html`, { width: 1400, height: 900 });
  await page.waitForFunction(() => document.querySelectorAll(".gmm-demo[data-ready=true]").length === 2);
  const demos = page.locator(".gmm-demo");
  const steps = async () => [0, 1].map(async (i) => Number(await demos.nth(i).locator("output[id$=step]").textContent()));
  const read = async () => Promise.all(await steps());
  await page.keyboard.press("s");
  await page.waitForTimeout(400);
  assert.deepEqual(await read(), [0, 0], "no demo chosen yet: neither steps");
  await demos.nth(1).locator("p[id$=lesson]").click();
  await page.keyboard.press("s");
  await page.waitForFunction(() => document.querySelectorAll("output[id$=step]")[1].textContent === "1");
  await demos.nth(0).locator("canvas").first().focus();
  await page.keyboard.press("s");
  await page.keyboard.press("s");
  await page.waitForFunction(() => document.querySelectorAll("output[id$=step]")[0].textContent === "2");
  assert.deepEqual(await read(), [2, 1]);
  assert.deepEqual(problems, []);
  await page.close();
});

test("with the only demo on a page, shortcuts work from anywhere on it", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}tests/e2e/fixtures/api-host.html`);
  await page.evaluate(async () => {
    const { mount } = await import("/www/gmm-two-ways.js");
    window.only = await mount(document.getElementById("b"), { n: 300 });
  });
  await page.keyboard.press("s");
  await page.waitForFunction(() => document.querySelector("output[id$=step]").textContent === "1");
  await page.keyboard.press("r");
  await page.waitForFunction(() => document.querySelector("output[id$=step]").textContent === "0");
  assert.deepEqual(problems, []);
  await page.close();
});
