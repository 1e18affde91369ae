// End to end, Chromium: data, a truth and a start shaped by hand (issue 16; the cases are by-hand-cases.mjs,
// which Firefox runs too, in by-hand-firefox.test.mjs). Real pointer input through playwright-core.

import { after, before, test } from "node:test";
import { challenge, dataByHand, startByHand, truthEditing } from "./by-hand-cases.mjs";
import { launch, openPage } from "./browser.mjs";

let env;
let page;
let problems;
let b;
before(async () => {
  env = await launch();
  ({ page, problems } = await openPage(env.browser, env.url, { width: 1366, height: 900 }));
  b = {
    open: (query) => page.goto(query.startsWith("?") || query === "" ? `${env.url}${query}` : `${env.url}${query.replace(/^\//, "")}`),
    js: (body) => page.evaluate(`(async () => { ${body} })()`),
    async input(steps) {
      for (const step of steps) {
        if (step.key) await (step.key === "down" ? page.keyboard.down("Shift") : page.keyboard.up("Shift"));
        else if (step.move) await page.mouse.move(step.move[0], step.move[1], { steps: 3 });
        else if ("down" in step) await page.mouse.down({ button: step.down === 2 ? "right" : "left" });
        else await page.mouse.up({ button: step.up === 2 ? "right" : "left" });
      }
    },
  };
});
after(async () => { await env?.close(); });

test("editing the truth draws new data from the same seed, a link gives the same, a refusal keeps the run", async () => {
  await truthEditing(b);
});

test("clicks and keys add and remove points, both methods restart from one start, the data export and re-import", async () => {
  await dataByHand(b);
});

test("dragging a start mean stores the start, and the link reproduces it", async () => {
  await startByHand(b);
  await page.screenshot({ path: "test-results/by-hand.png" });
});

test("the classic challenge is read off the verdict: not from the homework's start, solved from a narrow one", async () => {
  await challenge(b);
  const unexpected = problems.filter((p) => !/error/.test(p));
  if (unexpected.length) throw new Error(unexpected.join("\n"));
});
