// The checks on the results of tests/e2e/api-cases.mjs, shared by the Chromium and the Firefox tests.

import assert from "node:assert/strict";
import * as cases from "./api-cases.mjs";

export function checkPromises(r) {
  assert.equal(r.built, 0, "setOptions resolves with the new run at step 0");
  assert.equal(r.first, 1, "after setOptions({ k: 3 }), step(1) resolves with step 1");
  assert.equal(r.k, 3);
  assert.deepEqual(r.fifty, Array.from({ length: 50 }, (_, i) => i + 1), "fifty concurrent step(1): steps 1..50 in order");
  assert.deepEqual(r.mixed, [0, 2, 0, 1, 5], "reset, step(2), setOptions, step(1), step(4), queued in order");
  assert.equal(r.shown, 5, "the page shows the last one's step");
}

export function checkRefusals(r) {
  assert.ok(r.bogus?.error, "setOptions({ bogus: 1 }) throws an Error");
  assert.match(r.bogus.message, /unknown option "bogus"/);
  assert.match(r.misspelt.message, /"learningrate" \(did you mean learningRate\?\)/);
  assert.match(r.value.message, /init = "random" is not allowed/, "a refused value is quoted as given");
  assert.match(r.value.message, /k = 0 is not allowed/, "every refused value is named");
  assert.equal(r.steps.field, "steps");
  assert.deepEqual(r.after, { step: 2, k: 5, init: "near-zero" }, "refused calls leave the run as it was");
  assert.match(r.mountBogus?.message ?? "", /mount: unknown option "bogus"/);
  assert.match(r.mountHide?.message ?? "", /hide: unknown part "nonsense"/);
  assert.deepEqual(r.hidden, [true, true], "hide: \"explain side\" as one string hides both");
  assert.equal(r.shown, false);
}

export function checkDestroyed(r) {
  assert.deepEqual(r.pending, [true, true, true], "calls still queued reject with the destroyed error");
  for (const [name, result] of Object.entries(r.results)) {
    assert.ok(result?.error, `${name} on a destroyed handle throws an Error`);
    assert.match(result.message, /destroyed/, `${name}: ${result.message}`);
  }
  assert.equal(r.destroyed, true);
  assert.equal(r.element, null);
  assert.equal(r.left, 0, "the demo left its element");
}

export function checkRemount(r) {
  assert.equal(r.oneDestroyed, true, "mounting again destroys the demo in the element");
  assert.equal(r.stepsAfter, 0, "the old demo does not go on stepping");
  assert.match(r.oneState?.message ?? "", /destroyed/);
  assert.equal(r.demos, 1);
  assert.equal(r.preset, "separated");
  assert.equal(r.twoStep, 2);
  assert.equal(r.bDemos, 1, "two mounts at once leave one demo");
  assert.ok(r.earlierGone);
  assert.equal(r.secondK, "fulfilled");
}

export function checkElementHide(r) {
  assert.match(r.message, /hide: unknown part "nonsense"/, r.message);
  assert.match(r.message, /init = "random" is not allowed/, r.message);
  assert.equal(r.explainHidden, true, "the known part is still hidden");
  assert.equal(r.step, 1, "and the demo works");
  assert.equal(r.init, "near-zero");
  assert.equal(r.destroyed, true, "removing the element destroys its demo");
}

export function checkKeys(r) {
  assert.deepEqual(r.untouched, [0, 0], "with two demos and none chosen, a key goes to neither");
  assert.deepEqual(r.afterSecond, [0, 1], "the demo last clicked takes the key");
  assert.deepEqual(r.afterFirst, [2, 1], "the demo with the focus takes the keys");
}

/** Each case of api-cases.mjs run in a fresh host page, with the check of its result. */
export const API_CASES = [
  { name: "step, reset and setOptions resolve with the state after their own effect, queued in order", body: cases.PROMISES, check: checkPromises },
  { name: "unknown options, refused values and bad hide lists throw Errors naming them; hide takes a string", body: cases.REFUSALS, check: checkRefusals },
  { name: "every call on a destroyed handle throws an Error saying so; queued calls reject", body: cases.DESTROYED, check: checkDestroyed },
  { name: "mounting on an element that holds a demo destroys the old one", body: cases.REMOUNT, check: checkRemount },
  { name: "<gmm-two-ways hide=\"nonsense\"> says so and still gives a working demo", body: cases.ELEMENT_HIDE, check: checkElementHide },
];
