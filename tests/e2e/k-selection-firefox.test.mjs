// End to end, Firefox (geckodriver, plain WebDriver): "K chosen by the data" finishes in its worker, says
// what each score chose as the table's numbers do, and loads a K's fit into the main plots from the table
// and from a click on the chart (as k-selection.test.mjs checks in Chromium).

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

const TABLE = `return [...document.querySelectorAll("#kSelectBody tr")].map((tr) => {
  const c = [...tr.querySelectorAll("th, td")].map((x) => x.textContent);
  return { k: Number(c[0]), p: Number(c[1]), l: Number(c[2]), bic: Number(c[3]), aic: Number(c[4]), held: Number(c[5]) };
});`;

const argBest = (rows, key, sign) => rows.reduce((best, r) => (sign * r[key] < sign * best[key] ? r : best)).k;

/** After loading K: both panels show that fit at step 0 (their loss is the fit's, -l / N, to the 4 decimals shown). */
async function bothStartAt(row, n) {
  const shown = await ff.execute(`const t = (id) => document.getElementById(id);
    return { k: t("k").value, components: t("start").value.split(",").length, step: t("step").textContent,
      losses: [t("directLoss").textContent, t("emLoss").textContent].map(Number) };`);
  assert.deepEqual([shown.k, shown.components, shown.step], [String(row.k), row.k, "0"]);
  for (const loss of shown.losses) {
    assert.ok(Math.abs(loss + row.l / n) < 1e-4, `at the fit of K = ${row.k}: ${loss} vs ${-row.l / n}`);
  }
}

test("Firefox: the K section finishes, its claim matches its table, and a K loads from the table and the chart", async () => {
  const n = 600;
  await ff.windowSize(1280, 900);
  await ff.navigate(`${base}?open=k-select&n=${n}`);
  await ff.waitFor("return document.body?.dataset.ready === 'true'", 30000);
  assert.match(await ff.execute(`return document.getElementById("kSelectEstimate").textContent`),
    /^Fitting K = 1 to 10 from 4 k-means\+\+ starts each, on all 600 points .* takes at most about [\d.]+ (µs|ms|s), /);
  await ff.click("#kSelectRun");
  await ff.waitFor(`return document.getElementById("kSelect").dataset.shown === "finished"`, 120000);
  const rows = await ff.execute(TABLE);
  assert.deepEqual(rows.map((r) => r.k), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.ok(rows.every((r) => r.p === 3 * r.k - 1));
  assert.equal(await ff.execute(`return document.getElementById("kSelectClaim").textContent`),
    `BIC chooses K = ${argBest(rows, "bic", 1)}, AIC K = ${argBest(rows, "aic", 1)}, the held-out log-likelihood `
    + `K = ${argBest(rows, "held", -1)}; the truth has 5 components.`);

  await ff.click("#kSelectBody tr:nth-child(4) button");
  await bothStartAt(rows[3], n);

  // A click at K = 2 in the held-out panel (the second plot of the chart's layout).
  const loaded = await ff.execute(`const canvas = document.getElementById("kSelectCanvas");
    canvas.scrollIntoView();
    const plot = document.querySelector(".gmm-demo").chartLayout("kSelection").plots[1];
    const box = canvas.getBoundingClientRect();
    const x = box.left + plot.x0 + (1.5 / 10) * (plot.x1 - plot.x0), y = box.top + (plot.y0 + plot.y1) / 2;
    canvas.dispatchEvent(new MouseEvent("click", { clientX: x, clientY: y, bubbles: true }));
    return { k: document.getElementById("k").value, status: document.getElementById("kSelectStatus").textContent };`);
  assert.equal(loaded.k, "2");
  assert.match(loaded.status, /^K = 2 is loaded above/);
  await bothStartAt(rows[1], n);
  assert.deepEqual(ff.pageProblems(), []);
});
