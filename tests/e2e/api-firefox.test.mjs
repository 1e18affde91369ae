// End to end, Firefox (geckodriver): the URL hygiene cases (url-cases.mjs) and the JS API cases
// (api-cases.mjs) that Chromium runs in url.test.mjs and api.test.mjs, on the served page.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import * as cases from "./api-cases.mjs";
import * as checks from "./api-checks.mjs";
import { launch } from "./browser.mjs";
import { launchFirefox } from "./firefox.mjs";
import { FOREIGN, MANY, READ, REFUSED, checkForeign, checkMany, checkRefused } from "./url-cases.mjs";

let env;
let ff;
before(async () => {
  env = await launch(); // the server (and a Chromium this file does not use)
  ff = await launchFirefox({ scriptTimeoutMs: 120_000 });
});
after(async () => {
  await ff?.close();
  await env?.close();
});

async function open(path) {
  await ff.navigate(`${env.url}${path}`);
  await ff.waitFor("return document.body.dataset.ready === 'true'", 30000);
}

async function readUrl(query) {
  await open(`?${query}`);
  return ff.execute(READ);
}

test("Firefox: URL hygiene (tracking silent, misspelt named once, values quoted as given, 300 parameters)", async () => {
  checkForeign(await readUrl(FOREIGN));
  checkRefused(await readUrl(REFUSED));
  checkMany(await readUrl(MANY), await readUrl(""));
  assert.deepEqual(ff.pageProblems(), []);
});

for (const { name, body, check } of checks.API_CASES) {
  test(`Firefox: ${name}`, async () => {
    await open("tests/e2e/fixtures/api-host.html");
    const result = await ff.executeAsync(`return await (async () => { ${body} })();`);
    assert.equal(result?.error, undefined, result?.error);
    check(result);
    assert.deepEqual(ff.pageProblems(), []);
  });
}

test("Firefox: shortcuts go to the focused or last clicked demo on the two-demo page", async () => {
  await open("www/embed-example.html");
  await ff.waitFor("return document.querySelectorAll('.gmm-demo[data-ready=true]').length === 2", 30000);
  const result = await ff.executeAsync(`return await (async () => { ${cases.KEYS_TWO_DEMOS} })();`);
  assert.equal(result?.error, undefined, result?.error);
  checks.checkKeys(result);
  assert.deepEqual(ff.pageProblems(), []);
});
