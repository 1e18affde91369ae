// End to end: the timeline rewinds both fits to a recorded step, shows exactly what a fresh run stopped there
// shows, and Play goes on from the latest step. Needs the release build in pkg/.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage } from "./browser.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test("rewound to step t, the page shows the parameters of a fresh run stopped at t; Play resumes from the end", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}www/embed-example.html`, { width: 1400, height: 900 });
  const results = await page.evaluate(async () => {
    const { mount } = await import("./gmm-two-ways.js");
    // What the table and the charts are drawn from: both methods' parameters and reports, and the step.
    const shown = (state) => ({
      step: state.step,
      shownStep: state.shownStep,
      ...Object.fromEntries(["direct", "em"].map((m) => [m, {
        steps: state[m].steps, status: state[m].status, weights: Array.from(state[m].weights),
        means: Array.from(state[m].means), sigmas: Array.from(state[m].sigmas), floored: state[m].floored,
        emptied: state[m].emptied ?? null,
      }])),
    });
    // The first report after mount() may be the build's: wait for the one that shows the steps.
    const stepTo = async (demo, steps) => {
      await demo.step(steps);
      while (demo.state().step !== steps) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    const options = (worker) => ({ worker, n: 400, maxSteps: 5000, tolerance: 0, hide: ["explain", "data-io"] });
    const fresh = async (worker, steps) => {
      const host = document.createElement("div");
      document.body.append(host);
      const demo = await mount(host, options(worker));
      await stepTo(demo, steps);
      const state = shown(demo.state());
      demo.destroy();
      return state;
    };
    const out = {};
    for (const worker of [true, false]) {
      const host = document.createElement("div");
      document.body.append(host);
      const demo = await mount(host, options(worker));
      await stepTo(demo, 2500); // past the timeline's 1024 records: thinned to every 4th step
      const rewound = [];
      for (const t of [0, 37, 1000, 2048]) {
        const step = await demo.rewind(t);
        rewound.push({ asked: t, step, state: shown(demo.state()), fresh: await fresh(worker, step) });
      }
      demo.play();
      await new Promise((resolve) => { const off = demo.on("step", ({ step }) => { if (step > 2600) { off(); resolve(); } }); });
      demo.pause();
      const resumed = shown((await demo.step(0), demo.state()));
      out[worker ? "worker" : "page"] = { rewound, resumed, resumedFresh: await fresh(worker, resumed.step) };
      demo.destroy();
    }
    return out;
  });
  for (const [engine, { rewound, resumed, resumedFresh }] of Object.entries(results)) {
    assert.deepEqual(rewound.map((r) => r.step), [0, 36, 1000, 2048], `${engine}: snapped to the recorded steps`);
    for (const { step, state, fresh } of rewound) {
      assert.equal(state.step, 2500, `${engine}: the run itself is still at 2500`);
      assert.equal(state.shownStep, step, `${engine}: shownStep`);
      for (const m of ["direct", "em"]) {
        assert.equal(state[m].steps, step, `${engine} ${m} at ${step}: steps`);
        // Exactly equal: the same numbers, not just close ones.
        for (const key of ["status", "weights", "means", "sigmas", "floored", "emptied"]) {
          assert.deepEqual(state[m][key], fresh[m][key], `${engine} ${m} at ${step}: ${key}`);
        }
      }
    }
    assert.ok(resumed.step > 2600, `${engine}: Play went on from the latest step (${resumed.step})`);
    assert.equal(resumed.shownStep, null, `${engine}: back at the live end`);
    assert.deepEqual({ ...resumed }, { ...resumedFresh }, `${engine}: rewinding left the run as a fresh one`);
  }
  assert.deepEqual(problems, []);
});

/** Pixels of a canvas in the charts' text colour (#222222, the marker's), counted inside the page. */
function darkPixels(page, id) {
  return page.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId);
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - 0x22) + Math.abs(data[i + 1] - 0x22) + Math.abs(data[i + 2] - 0x22) < 30) dark++;
    }
    return dark;
  }, id);
}

test("the slider and the , . keys rewind the plots, the table and the loss marker; Play returns to the end", async () => {
  const url = `${env.url}?n=500&maxSteps=5000&tolerance=0`;
  const { page, problems } = await openPage(env.browser, url);
  const table = () => page.locator("#paramsBody").textContent();
  const step = () => page.locator("#step").textContent();
  const atStart = await table();
  assert.equal(await page.getAttribute("#timeline", "disabled"), "", "nothing to rewind at step 0");
  assert.equal(await page.locator("label[for=timeline]").textContent(), "Rewind to step");

  await page.click("#play");
  await page.waitForFunction(() => Number(document.getElementById("step").textContent) >= 150);
  await page.click("#play");
  await page.waitForSelector(".gmm-demo[data-running=false]");
  const live = Number(await step());
  const liveTable = await table();
  const liveDark = await darkPixels(page, "lossCanvas");

  // The slider, by keyboard: Home goes to step 0.
  await page.focus("#timeline");
  await page.keyboard.press("Home");
  await page.waitForSelector(".gmm-demo[data-rewound=true]");
  assert.equal(await step(), `0 of ${live}`);
  assert.equal(await page.locator("#stepLabel").textContent(), "Showing step ");
  assert.match(await page.locator("#directStatus").textContent(), /showing its parameters at step 0 \(rewound/,
    "rewound, the status line says which step is shown, not the run's state");
  assert.equal(await page.getAttribute("#timeline", "aria-valuetext"), `step 0 of ${live}`);
  assert.equal(await table(), atStart, "the table shows step 0 again");
  assert.ok(await darkPixels(page, "lossCanvas") > liveDark + 100, "a line marks the step on the loss chart");

  // The keys, with no field focused: . one recorded step on, , one back.
  await page.locator("#timeline").blur();
  await page.keyboard.press(".");
  await page.waitForFunction((want) => document.getElementById("step").textContent === want, `1 of ${live}`);
  const rewoundToOne = await table();
  await page.keyboard.press(",");
  await page.waitForFunction((want) => document.getElementById("step").textContent === want, `0 of ${live}`);

  // A fresh run stopped at step 1 shows the same table.
  const other = await openPage(env.browser, url);
  await other.page.click("#stepOnce");
  await other.page.waitForFunction(() => document.getElementById("step").textContent === "1");
  assert.equal(await other.page.locator("#paramsBody").textContent(), rewoundToOne);
  await other.page.close();

  // Play goes on from the latest step, not from the one shown.
  await page.click("#play");
  await page.waitForSelector(".gmm-demo[data-rewound=false]");
  await page.waitForFunction((past) => Number(document.getElementById("step").textContent) > past, live + 20);
  await page.click("#play");
  assert.notEqual(await table(), liveTable, "the fit moved on");
  assert.equal(await page.locator("#stepLabel").textContent(), "Step ");

  // Reset clears the timeline.
  await page.click("#reset");
  await page.waitForFunction(() => document.getElementById("step").textContent === "0");
  assert.equal(await page.getAttribute("#timeline", "max"), "0");
  // This test's own getImageData calls make Chromium suggest willReadFrequently; nothing else may appear.
  assert.deepEqual(problems.filter((p) => !/willReadFrequently/.test(p)), []);
  await page.close();
});
