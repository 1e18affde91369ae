// URL hygiene (issue 14, item 3): the queries, the script that reads the page after each, and the
// checks, shared by Chromium (url.test.mjs) and Firefox (api-firefox.test.mjs).

import assert from "node:assert/strict";

/** Tracking, LMS and misspelt parameters together. */
export const FOREIGN = "utm_source=course&utm_medium=email&fbclid=IwAR0abc&gclid=Cj0K&lti_message_type=basic-lti-launch-request"
  + "&oauth_consumer_key=moodle&resource_link_id=42&context_id=7&whatever=1&maxStep=50&learnignRate=0.1&K=3";

export const REFUSED = "init=random&preset=bogus&stepAxis=sideways";

/** 300 unknown parameters: a hundred each of tracking-like, unlike any setting, and misspelt-looking. */
export const MANY = Array.from({ length: 100 }, (_, i) => `utm_x${i}=1&zz${i}q=2&maxStep${i % 10}${"s".repeat(i % 2)}=3`)
  .join("&");

/** Read in the page: the message, where the first plot starts, one line's height, some fields. */
export const READ = `const m = document.getElementById("message");
  const style = getComputedStyle(m);
  const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.25;
  return { message: m.textContent, messageHeight: m.getBoundingClientRect().height, line,
    top: document.getElementById("directCanvas").getBoundingClientRect().top,
    maxSteps: document.getElementById("maxSteps").value, k: document.getElementById("k").value,
    learningRate: document.getElementById("learningRate").value, init: document.getElementById("init").value,
    preset: document.getElementById("preset").value, stepAxis: document.getElementById("stepAxis").value,
    lesson: document.getElementById("lesson").textContent };`;

export function checkForeign(r) {
  assert.equal((r.message.match(/URL: ignored/g) ?? []).length, 1, `one note: ${r.message}`);
  for (const meant of ['"maxStep" (maxSteps?)', '"learnignRate" (learningRate?)', '"K" (k?)']) {
    assert.ok(r.message.includes(meant), `${meant} in ${r.message}`);
  }
  for (const silent of ["utm", "fbclid", "gclid", "lti", "oauth", "resource_link", "context_id", "whatever"]) {
    assert.ok(!r.message.includes(silent), `${silent} is ignored silently: ${r.message}`);
  }
  assert.ok(!r.message.includes("dataSeed, init"), "the settings are not all listed");
  assert.deepEqual([r.maxSteps, r.k, r.learningRate], ["3000", "5", "0.01"], "ignored parameters set nothing");
}

export function checkRefused(r) {
  assert.match(r.message, /init = "random" is not allowed: init must be one of near-zero/, r.message);
  assert.match(r.message, /preset = "bogus" is not allowed: preset must be one of classic/, r.message);
  assert.match(r.message, /stepAxis="sideways" is not allowed/, r.message);
  assert.match(r.message, /the default is used/);
  assert.deepEqual([r.init, r.preset, r.stepAxis], ["near-zero", "classic", "log"]);
}

/** `r` after MANY, `clean` without any parameter. */
export function checkMany(r, clean) {
  assert.match(r.message, /URL: ignored .* and \d+ more\./, r.message);
  assert.ok(r.message.length < 90, `one short sentence: ${r.message}`);
  assert.ok(r.messageHeight <= clean.messageHeight + r.line * 0.5 + 1,
    `the note takes one line: ${r.messageHeight} px against ${clean.messageHeight} px empty (a line is ${r.line} px)`);
  assert.ok(r.top - clean.top <= r.line + 1, `the plots moved down ${r.top - clean.top} px (a line is ${r.line} px)`);
}
