// The teaching sections, each a module that gets a narrow context and returns `{ render, retheme,
// destroy }`: the math and the component inspector (math.js), EM as a gradient step
// (em-gradient.js), EM step by step (steps.js), restarts
// (restarts.js), K chosen by the data (k-selection.js), trajectories (trajectories.js) and the landscape (landscape.js). Numbers and charts come
// from Rust (src/wasm_teach.rs); these files wire buttons and fill tables.
//
// The context: `{ el(id), panel(name), view() (the demo's current Demo), theme(), playing(), formOptions(),
// loadStart(fields) (rebuilds the run from another start, e.g. `{ init, initSeed }`, or `{ k, start }` with the
// start as its text `w:m:s,...`; false if refused), worker (bool),
// wasmModule }`; the sections also get `numbers` (numbers.js), which computes the passes over the data
// (the math section's sums, the inspector, EM as a gradient step) in a worker.

import { createEmGradientSection } from "./em-gradient.js";
import { createKSelectionSection } from "./k-selection.js";
import { createLandscapeSection } from "./landscape.js";
import { createMathSection } from "./math.js";
import { createNumbers } from "./numbers.js";
import { createRestartsSection } from "./restarts.js";
import { createStepsSection } from "./steps.js";
import { createTrajectoriesSection } from "./trajectories.js";

/** While running, the open sections are refreshed at most this often (they cost a pass over the data). */
const REFRESH_MS = 400;

/** Every teaching section behind one `{ render(force), retheme(), destroy() }`. */
export function createTeaching(context) {
  const numbers = createNumbers(context);
  const ctx = { ...context, numbers };
  const sections = [createMathSection, createEmGradientSection, createStepsSection, createRestartsSection,
    createKSelectionSection, createTrajectoriesSection, createLandscapeSection].map((create) => create(ctx));
  const steps = sections[2];
  let lastRefresh = 0;
  /** Called after each draw of the main charts: refreshes the open sections (throttled while running). */
  const render = (force = false) => {
    const now = performance.now();
    if (!force && ctx.playing() && now - lastRefresh < REFRESH_MS) return;
    lastRefresh = now;
    for (const section of sections) section.render();
  };
  for (const name of ["math", "em-gradient", "trajectories"]) ctx.panel(name).addEventListener("toggle", () => render(true));
  return {
    render,
    /** A new run (its options): the numbers' worker gets its data and start with the next question. */
    rebuild(options) {
      numbers.rebuild(options);
    },
    /**
     * Opens the section `name` (`em-steps` at `detail.iteration`, `trajectories`, `landscape`) and scrolls to
     * it: where a verdict's reason is shown.
     */
    open(name, detail = {}) {
      if (name === "em-steps") steps.showIteration(detail.iteration ?? 1);
      else ctx.panel(name).open = true;
      ctx.panel(name).scrollIntoView({ block: "start" });
      ctx.panel(name).querySelector("summary")?.focus({ preventScroll: true });
    },
    /** After a change of colour theme or size: the sections drawn outside the main loop, then the rest. */
    retheme() {
      for (const section of sections) section.retheme();
      render(true);
    },
    destroy() {
      for (const section of sections) section.destroy();
      numbers.destroy();
    },
  };
}
