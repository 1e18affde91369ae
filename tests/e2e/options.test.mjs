// End to end: the option table (optionSpecs(), from crates/gmm-core/src/run/options.rs) is what the page's
// form, menus, URL and element attributes are made from, and a refused value is marked from the error's
// `field`, never from its text. Chromium, release build in pkg/.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, openPage } from "./browser.mjs";

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

/** The option table as the page's module gives it. */
const specsOf = (page) => page.evaluate(async () => {
  const { optionSpecs } = await import("/pkg/gmm_two_ways.js");
  return optionSpecs();
});

test("the form's fields, ranges, defaults and menus are the option table's", async () => {
  const { page, problems } = await openPage(env.browser, env.url);
  const specs = await specsOf(page);
  const fields = specs.filter((s) => s.label);
  assert.ok(fields.length >= 12, fields.map((s) => s.name).join(", "));
  for (const s of fields) {
    const field = await page.evaluate((name) => {
      const el = document.getElementById(name);
      return el && {
        tag: el.tagName.toLowerCase(), value: el.value, min: el.getAttribute("min"), max: el.getAttribute("max"),
        label: el.labels[0]?.textContent.trim(),
        options: el.tagName === "SELECT" ? [...el.options].map((o) => [o.value, o.textContent]) : null,
      };
    }, s.name);
    assert.ok(field, `a field for ${s.name}`);
    assert.equal(field.label, s.label, s.name);
    // A fresh page shows every default (the classic preset's values among them).
    // (A mixture given by hand, truth or start, starts empty: the preset's truth, a start drawn by the rule.)
    assert.equal(field.value, s.kind === "components" ? "" : String(s.default), `${s.name} starts at its default`);
    if (s.kind === "choice") {
      assert.equal(field.tag, "select", s.name);
      assert.deepEqual(field.options, s.choices.map((c) => [String(c.value), c.label || String(c.value)]), s.name);
    } else if (s.kind === "components") {
      assert.equal(field.tag, "input", s.name);
    } else {
      assert.equal(field.tag, "input", s.name);
      assert.deepEqual([Number(field.min), Number(field.max)], [s.min, s.max], `${s.name} range`);
    }
  }
  // Choosing a preset writes exactly the options its choice `sets`.
  const collapse = specs.find((s) => s.name === "preset").choices.find((c) => c.value === "collapse");
  await page.selectOption("#preset", "collapse");
  for (const [name, value] of Object.entries(collapse.sets)) {
    assert.equal(await page.inputValue(`#${name}`), String(value), name);
  }
  assert.equal(await page.locator("#lesson").textContent(), collapse.lesson);
  // The restarts' menu of starts is the init option's.
  const inits = await page.evaluate(() => [...document.getElementById("restartsInit").options].map((o) => o.value));
  assert.deepEqual(inits, specs.find((s) => s.name === "init").choices.map((c) => c.value));
  assert.deepEqual(problems, []);
  await page.close();
});

test("every URL parameter and element attribute of the table is read", async () => {
  const { page, problems } = await openPage(env.browser,
    `${env.url}?n=1234&k=3&dataSeed=9&initSeed=4&init=from-data&optimizer=momentum&secondMethod=overrelaxed-em&learningRate=0.03`
    + "&varianceFloor=0.0001&maxSteps=77&tolerance=0.001&speed=50");
  const expected = { n: "1234", k: "3", dataSeed: "9", initSeed: "4", init: "from-data", optimizer: "momentum",
    secondMethod: "overrelaxed-em", learningRate: "0.03", varianceFloor: "0.0001", maxSteps: "77", tolerance: "0.001", speed: "50" };
  for (const [name, value] of Object.entries(expected)) assert.equal(await page.inputValue(`#${name}`), value, name);
  assert.deepEqual(problems, []);
  await page.close();
  const embed = await openPage(env.browser, `${env.url}www/embed-example.html`, { width: 1400, height: 900 });
  await embed.page.waitForFunction(() => document.querySelectorAll(".gmm-demo[data-ready=true]").length === 2);
  const specs = await specsOf(embed.page);
  // A valid value for each attribute (a preset rewrites the others: it is checked by the share tests).
  const values = { n: "900", k: "2", "data-seed": "7", truth: "1:-1:0.5,2:1.5:0.3", start: "1:-1:0.5,1:1:0.5", init: "from-data", "init-seed": "3", optimizer: "gd", "second-method": "adam",
    "learning-rate": "0.002", eta: "1.2", adaptive: "on", "variance-floor": "0.001", "max-steps": "321", tolerance: "0.0001", speed: "50",
    "loss-view": "loss", "step-axis": "linear" };
  for (const s of specs.filter((x) => x.attribute && x.name !== "preset")) {
    const value = values[s.attribute];
    assert.ok(value, `a test value for the attribute ${s.attribute}`);
    await embed.page.evaluate(([attribute, v]) => document.getElementById("second").setAttribute(attribute, v),
      [s.attribute, value]);
    await embed.page.waitForFunction(([name, v]) => document.querySelectorAll(`[id$=-${name}]`)[1]?.value === v,
      [s.name, value], { timeout: 20000 });
  }
  await embed.page.close();
});

test("a refused value marks the field its error names, in the form and through setOptions", async () => {
  const { page, problems } = await openPage(env.browser, env.url);
  // K larger than the data points: Rust's data error names "k", whose field is marked.
  await page.evaluate(async () => {
    window.__errors = [];
    document.getElementById("importText").value = "1\n2\n3";
  });
  await page.fill("#k", "5");
  await page.locator("#dataIo summary").click();
  await page.click("#importApply");
  await page.waitForFunction(() => document.getElementById("message").classList.contains("error"));
  assert.equal(await page.getAttribute("#k", "aria-invalid"), "true");
  assert.match(await page.locator("#message").textContent(), /^K fitted: data: /);
  // A live setting refused by Rust: its field is marked.
  await page.fill("#learningRate", "-1");
  await page.locator("#learningRate").dispatchEvent("change");
  assert.equal(await page.getAttribute("#learningRate", "aria-invalid"), "true");
  assert.equal(await page.getAttribute("#k", "aria-invalid"), null);
  await page.close();
  assert.deepEqual(problems.filter((p) => !/error/.test(p)), []);

  const embed = await openPage(env.browser, `${env.url}www/embed-example.html`, { width: 1400, height: 900 });
  await embed.page.waitForFunction(() => document.querySelectorAll(".gmm-demo[data-ready=true]").length === 2);
  const refusals = await embed.page.evaluate(() => {
    const refused = (options) => {
      try {
        window.gmmExample.first.setOptions(options);
        return null;
      } catch (e) {
        return { message: e.message, field: e.field, allowed: e.allowed };
      }
    };
    return [refused({ k: 0 }), refused({ optimizer: "newton" }), refused({ maxSteps: "" })];
  });
  assert.equal(refusals[0].field, "k");
  assert.equal(refusals[0].allowed.min, 1);
  assert.equal(refusals[0].allowed.max, 10);
  assert.match(refusals[0].allowed.text, /whole number between 1 and 10/);
  assert.match(refusals[0].message, /k = 0 is not allowed/);
  assert.equal(refusals[1].field, "optimizer");
  assert.deepEqual(refusals[1].allowed.oneOf, ["adam", "momentum", "gd", "em", "overrelaxed-em"]);
  assert.equal(refusals[2].field, "maxSteps", "an empty field is refused by the page with the same properties");
  assert.equal(refusals[2].allowed.max, 100000);
  // The error event carries them too.
  const event = await embed.page.evaluate(() => new Promise((resolve) => {
    const off = window.gmmExample.first.on("error", (detail) => { off(); resolve(detail); });
    try { window.gmmExample.first.setOptions({ n: -5 }); } catch { /* reported by the event */ }
  }));
  assert.equal(event.field, "n");
  assert.equal(event.allowed.max, 1000000);
  assert.deepEqual(embed.problems, []);
  await embed.page.close();
});
