// The JS API's promises and refusals (issue 14), as async function bodies run in the page
// (tests/e2e/fixtures/api-host.html), so Chromium (api.test.mjs) and Firefox (api-firefox.test.mjs) run
// the same cases. Each returns plain data for the test to check.

const IMPORT = `const { mount } = await import("/www/gmm-two-ways.js");
  const a = document.getElementById("a");
  const b = document.getElementById("b");
  const thrown = (call) => { try { call(); return null; } catch (e) { return { error: e instanceof Error, message: e.message, field: e.field ?? null }; } };
  const rejected = async (promise) => { try { await promise; return null; } catch (e) { return { error: e instanceof Error, message: e.message }; } };`;

export const PROMISES = `${IMPORT}
  const demo = await mount(a, { n: 400, maxSteps: 500, hide: "explain" });
  await demo.step(3);
  const set = demo.setOptions({ k: 3 });
  const first = await demo.step(1);
  const built = await set;
  const k = demo.state().direct.weights.length;
  await demo.reset();
  const fifty = await Promise.all(Array.from({ length: 50 }, () => demo.step(1)));
  const mixed = await Promise.all([demo.reset(), demo.step(2), demo.setOptions({ k: 2 }), demo.step(1), demo.step(4)]);
  const shown = Number(a.querySelector("output[id$=step]").textContent);
  demo.destroy();
  return { built: built.step, first: first.step, k, fifty: fifty.map((s) => s.step), mixed: mixed.map((s) => s.step), shown };`;

export const REFUSALS = `${IMPORT}
  const demo = await mount(a, { n: 300, hide: ["explain"] });
  await demo.step(2);
  const bogus = thrown(() => demo.setOptions({ bogus: 1 }));
  const misspelt = thrown(() => demo.setOptions({ learningrate: 0.1 }));
  const value = thrown(() => demo.setOptions({ init: "random", k: 0 }));
  const steps = thrown(() => demo.step(-1));
  const after = { step: demo.state().step, k: demo.settings().k, init: demo.settings().init };
  const mountBogus = await rejected(mount(b, { bogus: 1 }));
  const mountHide = await rejected(mount(b, { hide: "nonsense" }));
  const hideString = await mount(b, { n: 300, hide: "explain side" });
  const hidden = ["explain", "side"].map((s) => b.querySelector("[data-section=" + s + "]").hidden);
  const shown = b.querySelector("[data-section=loss]").hidden;
  hideString.destroy();
  demo.destroy();
  return { bogus, misspelt, value, steps, after, mountBogus, mountHide, hidden, shown };`;

export const DESTROYED = `${IMPORT}
  const demo = await mount(a, { n: 300 });
  const pending = [demo.step(1), demo.step(1), demo.reset()];
  demo.destroy();
  const settled = await Promise.allSettled(pending);
  const calls = {
    play: () => demo.play(), pause: () => demo.pause(), step: () => demo.step(1), reset: () => demo.reset(),
    rewind: () => demo.rewind(0), setOptions: () => demo.setOptions({ k: 2 }), on: () => demo.on("step", () => {}),
    state: () => demo.state(), verdict: () => demo.verdict(), bestLoss: () => demo.bestLoss(), settings: () => demo.settings(),
  };
  const results = Object.fromEntries(Object.entries(calls).map(([name, call]) => [name, thrown(call)]));
  demo.destroy(); // twice is fine
  return { pending: settled.map((s) => s.status === "rejected" && /destroyed/.test(s.reason.message)), results,
    destroyed: demo.destroyed, element: demo.element, left: a.children.length };`;

export const REMOUNT = `${IMPORT}
  const one = await mount(a, { n: 300, speed: 1, maxSteps: 100000 });
  let stepsAfter = 0;
  one.on("step", () => { stepsAfter += 1; });
  one.play();
  await new Promise((r) => setTimeout(r, 300));
  const two = await mount(a, { n: 300, preset: "separated" });
  stepsAfter = 0;
  await new Promise((r) => setTimeout(r, 600));
  const oneState = thrown(() => one.state());
  const demos = a.querySelectorAll(".gmm-demo").length;
  const preset = a.querySelector("select[id$=preset]").value;
  const twoStep = (await two.step(2)).step;
  // Two mounts at once on one element: the later one wins, the earlier one is destroyed.
  const [p, q] = [mount(b, { n: 300 }), mount(b, { n: 300, k: 2 })];
  const [first, second] = await Promise.allSettled([p, q]);
  const bDemos = b.querySelectorAll(".gmm-demo").length;
  const earlierGone = first.status === "rejected" || first.value.destroyed;
  two.destroy();
  second.value?.destroy();
  return { oneDestroyed: one.destroyed, stepsAfter, oneState, demos, preset, twoStep, bDemos, earlierGone,
    secondK: second.status };`;

export const ELEMENT_HIDE = `await import("/www/gmm-two-ways.js");
  const el = document.createElement("gmm-two-ways");
  el.setAttribute("hide", "nonsense explain");
  el.setAttribute("n", "300");
  el.setAttribute("init", "random");
  document.body.append(el);
  const handle = await el.demo;
  const message = el.querySelector("[id$=message]").textContent;
  const explainHidden = el.querySelector("[data-section=explain]").hidden;
  const step = (await handle.step(1)).step;
  const init = el.querySelector("select[id$=init]").value;
  el.remove();
  await new Promise((r) => setTimeout(r, 50));
  return { message, explainHidden, step, init, destroyed: handle.destroyed };`;

/** Keyboard: in the page www/embed-example.html (two demos), with synthetic events (any browser). */
export const KEYS_TWO_DEMOS = `const demos = document.querySelectorAll(".gmm-demo");
  const step = (i) => Number(demos[i].querySelector("output[id$=step]").textContent);
  const press = (key, target = document.activeElement ?? document.body) =>
    target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
  const settle = () => new Promise((r) => setTimeout(r, 400));
  press("s");
  await settle();
  const untouched = [step(0), step(1)];
  demos[1].querySelector("[id$=lesson]").dispatchEvent(new PointerEvent("pointerdown", { bubbles: true }));
  press("s", document.body);
  await settle();
  const afterSecond = [step(0), step(1)];
  demos[0].querySelector("canvas").focus();
  press("s");
  press("s");
  await settle();
  const afterFirst = [step(0), step(1)];
  return { untouched, afterSecond, afterFirst };`;
