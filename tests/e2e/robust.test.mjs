// Robustness, security and accessibility of the served page in Chromium: hostile text never executes
// and the CSP reports nothing, axe-core finds no serious or critical problem, the layout holds from a
// phone to a large screen, dark mode and reduced motion are honoured, and the keyboard path works.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { launch, openPage } from "./browser.mjs";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const HOSTILE = `<img src=x onerror="window.__pwned=1">"'><script>window.__pwned=2</script>`;

let env;
before(async () => {
  env = await launch();
  mkdirSync("test-results", { recursive: true });
});
after(async () => { await env?.close(); });

/** Records CSP violations and dialogs from the very start of the page. */
async function watch(page) {
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective));
  });
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss(); });
  return dialogs;
}

test("script-like text from the form and the JS API is shown as text, never run", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  const dialogs = await watch(page);
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(env.url);
  await page.waitForSelector("body[data-ready=true]");

  // A hostile value in a select (as a tampered page or a future URL would give it).
  for (const id of ["preset", "init", "optimizer"]) {
    await page.evaluate(([selectId, value]) => {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = "hostile";
      const select = document.getElementById(selectId);
      select.append(option);
      select.value = value;
      select.dispatchEvent(new Event("change"));
    }, [id, HOSTILE]);
    const message = await page.locator("#message").textContent();
    // Rust quotes the value (escaping its quote marks); its tags must appear as plain text.
    for (const fragment of ["<img src=x onerror=", "<script>window.__pwned=2</script>", "is not allowed"]) {
      assert.ok(message.includes(fragment), `${id}: the message shows ${fragment} as text: ${message}`);
    }
    assert.equal(await page.locator("#message *").count(), 0, "no element was created from it");
    await page.evaluate((selectId) => {
      const select = document.getElementById(selectId);
      select.lastElementChild.remove();
      select.selectedIndex = 0;
      select.dispatchEvent(new Event("change"));
    }, id);
  }
  // Into every number field (a browser keeps only numbers there, so the text arrives as an empty value).
  for (const id of ["n", "k", "dataSeed", "initSeed", "learningRate", "varianceFloor", "maxSteps", "tolerance"]) {
    await page.evaluate(([fieldId, value]) => {
      const field = document.getElementById(fieldId);
      field.dataset.previous = field.value;
      field.value = value;
      field.dispatchEvent(new Event("change"));
    }, [id, HOSTILE]);
    const message = await page.locator("#message").textContent();
    assert.match(message, new RegExp(`: ${id} is empty: enter a number`), `${id}: ${message}`);
    assert.equal(await page.locator("#message *").count(), 0);
    await page.evaluate((fieldId) => {
      const field = document.getElementById(fieldId);
      field.value = field.dataset.previous;
      field.dispatchEvent(new Event("change"));
    }, id);
  }
  // Through the JS API.
  const apiMessage = await page.evaluate(async (hostile) => {
    const { Demo } = await import("/pkg/gmm_two_ways.js");
    try { new Demo({ preset: hostile }); return "no error"; } catch (e) { return e.message; }
  }, HOSTILE);
  assert.ok(apiMessage.includes("is not allowed"), apiMessage);

  assert.equal(await page.evaluate(() => window.__pwned), undefined, "nothing executed");
  assert.deepEqual(dialogs, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), [], "no CSP violation");
  // And the CSP is really in force: an inline script added to the page does not run, and is reported.
  const inlineRan = await page.evaluate(async () => {
    const script = document.createElement("script");
    script.textContent = "window.__inline = 1";
    document.body.append(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return window.__inline === 1;
  });
  assert.equal(inlineRan, false);
  assert.deepEqual(await page.evaluate(() => window.__csp), ["script-src-elem"]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the page's code never parses text as HTML or code", () => {
  for (const file of ["app/main.js", "demo/controls.js", "demo/readouts.js", "demo/markup.js", "lib/dom.js"]) {
    const source = readFileSync(new URL(`../../www/${file}`, import.meta.url), "utf8");
    for (const banned of ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"]) {
      assert.ok(!source.includes(banned), `${file} uses ${banned}`);
    }
  }
  const html = readFileSync(new URL("../../index.html", import.meta.url), "utf8");
  assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/.test(html), "no inline script in index.html");
  assert.ok(!/\son[a-z]+=/.test(html), "no inline event handler in index.html");
  assert.ok(!/\sstyle=/.test(html), "no inline style in index.html");
});

test("a learning rate far too large: gradient descent is stopped and the page says diverged", async () => {
  const { page, problems } = await openPage(env.browser, env.url);
  await page.selectOption("#optimizer", "gd");
  await page.fill("#learningRate", "1000");
  await page.locator("#learningRate").dispatchEvent("change");
  await page.click("#play");
  await page.waitForFunction(() => /diverged at step \d+/.test(document.getElementById("directStatus").textContent),
    null, { timeout: 30000 });
  await page.click("#play");
  const status = await page.locator("#directStatus").textContent();
  assert.match(status, /Gradient descent diverged at step \d+: the loss blew up.*Try a smaller learning rate/);
  const readouts = await page.locator(".readouts").textContent();
  assert.ok(!/NaN|Infinity|undefined/.test(readouts), `no NaN on screen: ${readouts}`);
  const labels = await page.evaluate(() => [...document.querySelectorAll("canvas")].map((c) => c.getAttribute("aria-label")));
  assert.ok(labels.every((l) => !/NaN|Infinity/.test(l)), labels.join(" | "));
  assert.deepEqual(problems, []);
});

test("axe-core finds no serious or critical accessibility problem", async () => {
  // axe is injected, so this context bypasses the CSP (the test above checks the CSP itself).
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
  const page = await context.newPage();
  // Every section open, the step-through at an E-step, so their controls and tables are checked too.
  await page.goto(`${env.url}?open=side,math,em-gradient,em-steps,restarts,k-select,trajectories,landscape,data-io`);
  await page.waitForSelector("body[data-ready=true]");
  await page.click("#stepOnce");
  await page.click("#emStepNext");
  await page.waitForSelector("#underflowBody tr");
  await page.evaluate(AXE);
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  assert.deepEqual(summary, []);
  await context.close();
});

test("the keyboard reaches every control with a visible focus, and the shortcuts work", async () => {
  const { page } = await openPage(env.browser, env.url);
  const seen = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press("Tab");
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { id: el.id, tag: el.tagName, outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2 };
    });
    if (focus.tag === "BODY") continue; // the focus wrapped around through the browser
    seen.push(focus.id || focus.tag);
    assert.ok(focus.outline, `focus on ${focus.id || focus.tag} is visible`);
  }
  for (const id of ["preset", "n", "k", "dataSeed", "newData", "init", "initSeed", "optimizer", "learningRate",
    "varianceFloor", "maxSteps", "tolerance", "speed", "play", "stepOnce", "reset"]) {
    assert.ok(seen.includes(id), `Tab reaches #${id} (seen: ${seen.join(", ")})`);
  }
  await page.focus("#stepOnce");
  await page.keyboard.press("Enter");
  // The step runs in the fit's worker: wait for its report to be drawn (it must then say exactly 1).
  await page.waitForFunction(() => document.getElementById("step").textContent !== "0", null, { timeout: 10000 });
  assert.equal(await page.locator("#step").textContent(), "1");
  await page.locator("h1").click();
  await page.keyboard.press("p");
  await page.waitForFunction(() => Number(document.getElementById("step").textContent) > 5);
  await page.keyboard.press("p");
  await page.keyboard.press("r");
  assert.equal(await page.locator("#step").textContent(), "0");
});

test("while running, a polite live region announces the step and both losses", async () => {
  const { page } = await openPage(env.browser, env.url);
  await page.click("#play");
  await page.waitForFunction(() => /^Step \d+: gradient descent loss [\d.]+, EM loss [\d.]+\./
    .test(document.getElementById("announce").textContent), null, { timeout: 15000 });
  assert.equal(await page.getAttribute("#announce", "aria-live"), "polite");
  const label = await page.getAttribute("#emCanvas", "aria-label");
  assert.match(label, /^EM fit at step \d+, loss [\d.]+\. Components: w [\d.]+, μ -?[\d.]+, σ [\d.]+/);
  await page.click("#play");
});

for (const [width, height] of [[375, 812], [768, 1024], [1920, 1080]]) {
  test(`the layout holds at ${width}x${height}`, async () => {
    const { page, problems } = await openPage(env.browser, env.url, { width, height });
    await page.click("#play");
    await page.waitForFunction(() => Number(document.getElementById("step").textContent) >= 100, null,
      { timeout: 30000 });
    await page.click("#play");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (${overflow}px too wide)`);
    // Below the two-column width the settings are a drawer: open it, so that it is measured too.
    if (width <= 1100) await page.click("#settingsToggle");
    for (const selector of ["#directCanvas", "#emCanvas", "#lossCanvas", ".readouts", "#controls", "#runBar"]) {
      const box = await page.locator(selector).boundingBox();
      assert.ok(box.width > 0 && box.x >= 0 && box.x + box.width <= width + 0.5, `${selector} fits across: ${JSON.stringify(box)}`);
    }
    // The canvases are drawn at their displayed size (no stretched text).
    const sizes = await page.evaluate(() => [...document.querySelectorAll("canvas")]
      .map((c) => Math.abs(c.width - Math.round(c.clientWidth))));
    assert.ok(sizes.every((d) => d <= 1), `canvas sizes ${sizes}`);
    await page.screenshot({ path: `test-results/layout-${width}x${height}.png`, fullPage: true });
    assert.deepEqual(problems, []);
  });
}

test("dark mode follows prefers-color-scheme, in the page and the charts", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 }, colorScheme: "dark" });
  const page = await context.newPage();
  await page.goto(env.url);
  await page.waitForSelector("body[data-ready=true]");
  const [body, pixel] = await page.evaluate(() => {
    const c = document.getElementById("emCanvas");
    return [getComputedStyle(document.body).backgroundColor, [...c.getContext("2d").getImageData(2, 2, 1, 1).data]];
  });
  assert.equal(body, "rgb(30, 31, 34)");
  assert.ok(pixel[0] < 60 && pixel[1] < 60 && pixel[2] < 60, `chart background ${pixel}`);
  await page.click("#play");
  await page.waitForFunction(() => Number(document.getElementById("step").textContent) >= 200, null, { timeout: 30000 });
  await page.click("#play");
  await page.screenshot({ path: "test-results/dark.png" });
  await context.close();
});

test("with reduced motion the charts are redrawn at most about twice a second", async () => {
  const count = async (reducedMotion) => {
    const context = await env.browser.newContext({ viewport: { width: 1366, height: 768 }, reducedMotion });
    const page = await context.newPage();
    await page.goto(env.url);
    await page.waitForSelector("body[data-ready=true]");
    await page.selectOption("#speed", "1");
    await page.evaluate(() => {
      window.__redraws = 0;
      new MutationObserver(() => window.__redraws++).observe(document.getElementById("step"),
        { childList: true, characterData: true, subtree: true });
    });
    await page.click("#play");
    await page.waitForTimeout(2000);
    await page.click("#play");
    const redraws = await page.evaluate(() => window.__redraws);
    await context.close();
    return redraws;
  };
  const reduced = await count("reduce");
  const normal = await count("no-preference");
  assert.ok(reduced >= 2 && reduced <= 7, `reduced motion: ${reduced} redraws in 2 s`);
  assert.ok(normal > 3 * reduced, `normal: ${normal} redraws in 2 s`);
});
