// Data, a truth and a start shaped by hand (issue 16), as cases that Chromium (by-hand.test.mjs, through
// playwright-core) and Firefox (by-hand-firefox.test.mjs, through geckodriver) both run. A browser is an
// adapter `b`: `open(query)` loads the served page, `js(body, args)` runs an async function body in it and
// returns its value, `input(steps)` sends real pointer and Shift input (see firefox.mjs `input`).

import assert from "node:assert/strict";

const READY = `return document.body.dataset.ready === "true" && document.getElementById("directLoss").textContent !== "–"`;

/** The data as the page exports them ("CSV: the data"), captured from the download's blob. */
const DATA_CSV = `if (!window.__blobs) {
    window.__blobs = [];
    const create = URL.createObjectURL;
    URL.createObjectURL = (blob) => { window.__blobs.push(blob); return create.call(URL, blob); };
  }
  document.getElementById("exportDataCsv").click();
  return await window.__blobs.at(-1).text();`;

const FORM = `return { n: document.getElementById("n").value, start: document.getElementById("start").value,
  truth: document.getElementById("truth").value, url: location.search, lesson: document.getElementById("lesson").textContent,
  message: document.getElementById("message").textContent, hint: document.getElementById("clickHint").textContent,
  step: document.getElementById("step").textContent, direct: document.getElementById("directLoss").textContent,
  em: document.getElementById("emLoss").textContent, shares: [...document.querySelectorAll("#truthBody output")].map((o) => o.textContent) };`;

async function waitFor(b, body, what, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await b.js(body);
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function open(b, query) {
  await b.open(query);
  await waitFor(b, READY, "the page");
}

/** Viewport point at fraction (fx, fy) of the plot of `chart` (its canvas's plot rectangle, as drawn). */
async function plotPoint(b, chart, fx, fy) {
  return b.js(`const canvas = document.getElementById("${chart}Canvas");
    const plot = document.querySelector(".gmm-demo").chartLayout("${chart}").plots[0];
    const r = canvas.getBoundingClientRect();
    return [r.left + plot.x0 + ${fx} * (plot.x1 - plot.x0), r.top + plot.y0 + ${fy} * (plot.y1 - plot.y0)];`);
}

/**
 * Editing the truth in its table: new data from the same seed, the same again from the link, refusals
 * named beside the field with the run kept.
 */
export async function truthEditing(b) {
  await open(b, "");
  const classic = await b.js(DATA_CSV);
  await b.js(`document.querySelector("#truthEditor summary").click();
    const mean = document.querySelector("#truthBody tr:nth-child(1) input[aria-label$=mean]");
    mean.value = "1.5";
    mean.dispatchEvent(new Event("change", { bubbles: true }));`);
  const edited = await b.js(FORM);
  assert.match(edited.truth, /^0\.25:1\.5:0\.5,0\.25:-0\.5:1,/);
  assert.match(edited.url, /[?&]truth=0\.25:1\.5:0\.5,/, "the truth is in the link, readable");
  assert.deepEqual(edited.shares, ["25 %", "25 %", "16.7 %", "16.7 %", "16.7 %"], "the shares, renormalised");
  const data = await b.js(DATA_CSV);
  assert.notEqual(data, classic, "new data from the edited truth");
  assert.equal(data.split("\n").length, classic.split("\n").length, "as many points");
  // The same truth and seed give the same data: from the link, and by editing back and forth.
  await open(b, edited.url);
  assert.equal(await b.js(DATA_CSV), data, "the link gives the same data");
  // Weights are renormalised: 2, 2, 1, ... give the same shares as 1/4, 1/4, 1/6.
  await b.js(`const w = document.querySelector("#truthBody tr:nth-child(3) input[aria-label$=weight]");
    w.value = "0.5"; w.dispatchEvent(new Event("change", { bubbles: true }));`);
  const reweighted = await b.js(FORM);
  assert.equal(reweighted.shares[2], `${(100 * 0.5 / (0.25 * 2 + 0.5 + 2 / 6)).toPrecision(3)} %`);
  // A refused value: named beside the field, the run kept.
  const before = await b.js(DATA_CSV);
  await b.js(`const s = document.querySelector("#truthBody tr:nth-child(2) input[aria-label$=sigma]");
    s.value = "-1"; s.dispatchEvent(new Event("change", { bubbles: true }));`);
  const refused = await b.js(FORM);
  assert.match(refused.message, /^Ground truth: truth = ".*" \(component 2: sigma -1\) is not allowed: truth must be 1 to 10 components/);
  assert.equal(await b.js(`return document.getElementById("truth").getAttribute("aria-invalid")`), "true");
  assert.equal(await b.js(DATA_CSV), before, "the last good run is kept");
  // Back to the preset's truth: the classic data again.
  await b.js(`document.getElementById("truthPreset").click();`);
  assert.equal(await b.js(DATA_CSV), classic);
  // A refused truth in a link is named as given, and the preset's is used.
  await open(b, "?truth=1:0:-1,1:2:1");
  const linked = await b.js(FORM);
  assert.match(linked.message, /truth = "1:0:-1,1:2:1" \(component 1: sigma -1\) is not allowed: .*; the default is used\./);
  assert.equal(await b.js(DATA_CSV), classic);
}

/** Clicks and keys add and remove points; both methods restart from one start; the data export and re-import. */
export async function dataByHand(b) {
  await open(b, "?n=300&k=3&preset=separated");
  const start = await b.js(FORM);
  const [x, y] = await plotPoint(b, "em", 0.9, 0.5);
  await b.input([{ move: [x, y] }, { down: 0 }, { up: 0 }]);
  let f = await waitFor(b, `const n = document.getElementById("n").value; return n === "301" && ${FORM.slice(7)}`, "a point added");
  assert.match(f.lesson, /^Your own data \(301 values, placed by hand\)\. There is no ground truth/);
  assert.match(f.hint, /^Added a point at x = /);
  assert.equal(f.step, "0");
  assert.equal(f.direct, f.em, "both methods restart from the one start");
  // Shift-click: 20 around it; right-click: the nearest goes.
  await b.input([{ move: [x, y] }, { key: "down" }, { down: 0 }, { up: 0 }, { key: "up" }]);
  await waitFor(b, `return document.getElementById("n").value === "321"`, "a cluster added");
  await b.input([{ move: [x, y] }, { down: 2 }, { up: 2 }]);
  f = await waitFor(b, `return document.getElementById("n").value === "320" && ${FORM.slice(7)}`, "a point removed");
  assert.match(f.hint, /^Removed the point nearest x = .*: 320 points\.$/);
  // Keys on a focused plot: the arrow keys move the cursor, Enter adds, Delete removes.
  const key = (k, shift = false) => `canvas.dispatchEvent(new KeyboardEvent("keydown", { key: "${k}", shiftKey: ${shift}, bubbles: true }));`;
  await b.js(`const canvas = document.getElementById("directCanvas"); canvas.focus();
    ${key("ArrowRight")} ${key("ArrowRight")} ${key("Enter")}`);
  f = await waitFor(b, `return document.getElementById("n").value === "321" && ${FORM.slice(7)}`, "a point added by key");
  assert.match(f.hint, /^Added a point at x = /);
  await b.js(`const canvas = document.getElementById("directCanvas"); ${key("Delete")}`);
  await waitFor(b, `return document.getElementById("n").value === "320"`, "a point removed by key");
  // Export, re-import: the same data and the same start's loss.
  const exported = await b.js(DATA_CSV);
  const loss = (await b.js(FORM)).direct;
  await b.js(`document.getElementById("importText").value = ${JSON.stringify(exported)};
    document.getElementById("importApply").click();`);
  f = await waitFor(b, `return /^Imported 320 values/.test(document.getElementById("importResult").textContent) && ${FORM.slice(7)}`, "the re-import");
  assert.equal(await b.js(DATA_CSV), exported, "re-imported unchanged");
  assert.equal(f.direct, loss, "the same loss at the same start");
  assert.equal(f.start, start.start, "no start by hand was set by editing the data");
}

/** Dragging a start mean changes the stored start; the link reproduces it; the challenge reads the verdict. */
export async function startByHand(b) {
  await open(b, "");
  const before = await b.js(FORM);
  assert.equal(before.start, "");
  const handle = await b.js(`const h = document.querySelector("#directCanvas ~ .start-handle.mean[data-component='4']");
    const r = h.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];`);
  const [x3] = await plotPoint(b, "direct", 0.78, 0);
  await b.input([{ move: handle }, { down: 0 }, { move: [(handle[0] + x3) / 2, handle[1]] }, { move: [x3, handle[1]] }, { up: 0 }]);
  const moved = await waitFor(b, `const s = document.getElementById("start").value; return s !== "" && ${FORM.slice(7)}`, "a start by hand");
  const parts = moved.start.split(",").map((c) => c.split(":").map(Number));
  assert.equal(parts.length, 5);
  assert.ok(parts[4][1] > 2, `component 5's mean moved right (${moved.start})`);
  assert.match(moved.url, /[?&]start=/);
  assert.equal(moved.direct, moved.em, "both methods start there");
  assert.notEqual(moved.direct, before.direct, "another start, another loss at step 0");
  const means = await b.js(`return [...document.querySelectorAll("#directCanvas ~ .start-handle.mean")].map((h) => h.getAttribute("aria-label"))`);
  await open(b, moved.url);
  const again = await b.js(FORM);
  assert.equal(again.start, moved.start, "the link keeps the start");
  assert.equal(again.direct, moved.direct, "and the same loss at step 0");
  assert.deepEqual(await b.js(`return [...document.querySelectorAll("#directCanvas ~ .start-handle.mean")].map((h) => h.getAttribute("aria-label"))`), means);
  // The keyboard moves a handle too.
  await b.js(`const h = document.querySelector("#emCanvas ~ .start-handle.width[data-component='4']");
    h.focus(); h.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));`);
  const wider = await waitFor(b, `const s = document.getElementById("start").value; return s !== ${JSON.stringify(moved.start)} && s`, "a wider start");
  assert.ok(Number(wider.split(",")[4].split(":")[2]) > parts[4][2], wider);
  // A new K asks for a start drawn by the rule.
  await b.js(`const k = document.getElementById("k"); k.value = "4"; k.dispatchEvent(new Event("change", { bubbles: true }));`);
  const k4 = await b.js(FORM);
  assert.equal(k4.start, "");
  assert.equal(k4.message, "", "no refusal");
}

/** The classic challenge: from the homework's start not solved; from narrow components at the true means, solved. */
export async function challenge(b) {
  const run = async (query) => {
    await open(b, `?${query}speed=100`);
    await b.js(`document.getElementById("play").click();`);
    await waitFor(b, `return document.getElementById("challengeResult").textContent`, "the challenge's answer", 120000);
    return b.js(`return { text: document.getElementById("challengeText").textContent,
      result: document.getElementById("challengeResult").textContent, solved: document.getElementById("challenge").dataset.solved,
      direct: document.getElementById("directLoss").textContent, em: document.getElementById("emLoss").textContent };`);
  };
  const homework = await run("");
  assert.match(homework.text, /^Challenge: find a start from which EM beats gradient descent/);
  assert.match(homework.result, /^Not yet: gradient descent ended lower/);
  assert.equal(homework.solved, "false");
  const narrow = await run("start=1:-2:0.05,1:-0.5:0.05,1:0.5:0.05,1:1:0.05,1:3:0.05&");
  assert.match(narrow.result, /^Solved: from this start EM ended at 1\.6293\d* and gradient descent at 1\.65\d*, so EM wins\.$/);
  assert.equal(narrow.solved, "true");
}
