// End to end: the fit runs in two Web Workers, one per panel, in lock step, and gives exactly the numbers of
// the page's own single loop (worker: false): the final parameters and losses, bit for bit, and the
// same recorded steps when rewound (also where one method stopped long before the other). Needs the
// release build in pkg/.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage } from "./browser.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test("two workers, one per panel, give the page loop's numbers bit for bit, played and rewound", async () => {
  const { page, problems } = await openPage(env.browser, `${env.url}www/embed-example.html`, { width: 1400, height: 900 });
  const workers = [];
  page.on("worker", (w) => workers.push(w.url()));
  const results = await page.evaluate(async () => {
    const { mount } = await import("./gmm-two-ways.js");
    // Every number as its bits, so "equal" means the same doubles.
    const hex = (values) => Array.from(values, (v) => {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, v);
      return view.getBigUint64(0).toString(16);
    }).join(",");
    const shown = (state) => ({
      step: state.step, shownStep: state.shownStep, finished: state.finished,
      ...Object.fromEntries(["direct", "em"].map((m) => [m, {
        steps: state[m].steps, status: state[m].status, loss: hex([state[m].loss]),
        params: hex([...state[m].weights, ...state[m].means, ...state[m].sigmas]),
        floored: state[m].floored, emptied: state[m].emptied ?? null,
      }])),
    });
    // The classic run played to its end at 100 steps per frame (EM stops long before gradient descent
    // with tolerance 1e-6), then rewound to steps where the two panels' timelines are thinned differently.
    const run = async (worker) => {
      const host = document.createElement("div");
      document.body.append(host);
      const demo = await mount(host, { worker, speed: 100, tolerance: 1e-6, hide: ["explain", "data-io"] });
      await new Promise((resolve) => { demo.on("stop", resolve); demo.play(); });
      const root = host.querySelector("[data-engine]");
      const end = shown(demo.state());
      const rewound = [];
      for (const t of [0, 37, 78, 79, 80, 1001, 2000]) {
        const step = await demo.rewind(t);
        rewound.push({ asked: t, step, state: shown(demo.state()) });
      }
      const out = { engine: root?.dataset.engine ?? null, end, rewound };
      demo.destroy();
      return out;
    };
    return { page: await run(false), workers: await run(true) };
  });
  assert.equal(results.workers.engine, "workers", "the fit ran in one worker per panel");
  assert.equal(results.page.engine, "page", "worker: false runs the fit on the page's thread");
  assert.ok(workers.length >= 2, `the page started the fit's workers (${workers.length} workers)`);
  const { end } = results.workers;
  assert.ok(end.finished && end.em.steps < 200 && end.direct.steps > 1000,
    `EM stopped long before gradient descent (${end.em.steps} and ${end.direct.steps} steps)`);
  assert.deepEqual(results.workers.end, results.page.end, "the same final state, bit for bit");
  assert.deepEqual(results.workers.rewound, results.page.rewound, "the same recorded steps, bit for bit");
  assert.deepEqual(problems, []);
});

test("when the workers cannot load, the fit falls back to the page's thread with the same numbers", async () => {
  const page = await env.browser.newPage({ viewport: { width: 1400, height: 900 } });
  // The workers' script is refused, as on a page whose module workers are blocked.
  await page.route("**/www/engine/worker.js", (route) => route.abort());
  await page.goto(`${env.url}www/embed-example.html`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20000 });
  const result = await page.evaluate(async () => {
    const { mount } = await import("./gmm-two-ways.js");
    const host = document.createElement("div");
    document.body.append(host);
    const demo = await mount(host, { maxSteps: 200, hide: ["explain", "data-io"] });
    const first = await demo.step(150);
    await new Promise((resolve) => { demo.on("stop", resolve); demo.play(); });
    const state = demo.state();
    const out = {
      engine: host.querySelector("[data-engine]")?.dataset.engine, first: first.step, step: state.step,
      params: ["direct", "em"].map((m) => [...state[m].weights, ...state[m].means, ...state[m].sigmas]),
    };
    demo.destroy();
    const other = document.createElement("div");
    document.body.append(other);
    const inPage = await mount(other, { worker: false, maxSteps: 200, hide: ["explain", "data-io"] });
    await new Promise((resolve) => { inPage.on("stop", resolve); inPage.play(); });
    const expected = inPage.state();
    out.expected = ["direct", "em"].map((m) => [...expected[m].weights, ...expected[m].means, ...expected[m].sigmas]);
    return out;
  });
  await page.close();
  assert.equal(result.engine, "page", "fell back to the page's thread");
  assert.equal(result.first, 150, "the commands sent before the fallback were replayed");
  assert.equal(result.step, 200);
  assert.deepEqual(result.params, result.expected, "the same numbers as worker: false");
});
