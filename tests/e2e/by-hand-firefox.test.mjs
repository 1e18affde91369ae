// End to end, Firefox (geckodriver, plain WebDriver): the cases of by-hand-cases.mjs that Chromium runs in
// by-hand.test.mjs, with real pointer and Shift input through WebDriver actions.

import { after, before, test } from "node:test";
import { challenge, dataByHand, startByHand, truthEditing } from "./by-hand-cases.mjs";
import { launch } from "./browser.mjs";
import { launchFirefox } from "./firefox.mjs";

let env;
let ff;
let b;
before(async () => {
  env = await launch(); // the server (and a Chromium this file does not use)
  ff = await launchFirefox({ scriptTimeoutMs: 120_000 });
  await ff.windowSize(1366, 900);
  b = {
    open: (query) => ff.navigate(`${env.url}${query.replace(/^\//, "")}`),
    js: (body) => ff.executeAsync(body),
    input: (steps) => ff.input(steps),
  };
});
after(async () => {
  await ff?.close();
  await env?.close();
});

test("Firefox: editing the truth draws new data from the same seed, a link gives the same, a refusal keeps the run", async () => {
  await truthEditing(b);
});

test("Firefox: clicks and keys add and remove points, both methods restart from one start, export and re-import", async () => {
  await dataByHand(b);
});

test("Firefox: dragging a start mean stores the start, and the link reproduces it", async () => {
  await startByHand(b);
});

test("Firefox: the classic challenge is read off the verdict", async () => {
  await challenge(b);
  const problems = ff.pageProblems();
  if (problems.length) throw new Error(problems.join("\n"));
});
