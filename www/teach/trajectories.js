// The parameter trajectories: every component's weight, mean and sigma against the step, drawn by Rust
// from the steps recorded so far.

import { fmt } from "../lib/format.js";

/** The section: `ctx` as in teaching.js. */
export function createTrajectoriesSection(ctx) {
  return {
    render() {
      if (!ctx.panel("trajectories").open) return;
      const view = ctx.view();
      const canvas = ctx.el("trajectoriesCanvas");
      if (canvas.clientWidth) view.drawTrajectories(canvas);
      const state = view.state();
      canvas.setAttribute("aria-label", `Parameter trajectories up to step ${state.step}. Now, gradient descent: `
        + `means ${Array.from(state.direct.means, (v) => fmt(v, 2)).join(", ")}; EM: means `
        + `${Array.from(state.em.means, (v) => fmt(v, 2)).join(", ")}.`);
    },
    retheme() {},
    destroy() {},
  };
}
