// End to end, Chromium: URL hygiene (issue 14, item 3). Unknown parameters are ignored, named once and
// compactly only when they look like a misspelt setting; tracking and LMS parameters silently; a refused
// value is quoted as given; 300 unknown parameters move the plots by at most a line. Firefox runs the
// same cases in api-firefox.test.mjs.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage } from "./browser.mjs";
import { FOREIGN, MANY, READ, REFUSED, checkForeign, checkMany, checkRefused } from "./url-cases.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

async function read(query, viewport) {
  const { page, problems } = await openPage(env.browser, `${env.url}?${query}`, viewport);
  const result = await page.evaluate(`(() => { ${READ} })()`);
  assert.deepEqual(problems, []);
  await page.close();
  return result;
}

test("tracking and LMS parameters are ignored silently, misspelt settings named once with the likely one", async () => {
  checkForeign(await read(FOREIGN));
});

test("a refused value is quoted as given and an unknown preset is named", async () => {
  checkRefused(await read(REFUSED));
});

for (const viewport of [{ width: 1366, height: 768 }, { width: 700, height: 900 }]) {
  test(`300 unknown parameters push the plots down by at most one line (${viewport.width} px)`, async () => {
    checkMany(await read(MANY, viewport), await read("", viewport));
  });
}
