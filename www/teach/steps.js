// EM one half-step at a time: the E-step's responsibility-coloured histogram, then the M-step moving the
// components (animated unless the user asks for reduced motion), with the log-likelihood after each iteration.

import { row } from "../lib/dom.js";
import { fmt } from "../lib/format.js";

const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
const M_STEP_ANIMATION_MS = 700;

/** The section: `ctx` as in teaching.js. */
export function createStepsSection(ctx) {
  const { el } = ctx;
  let st = null; // the EmStepThrough shown
  let from = null; // the Demo it was started from

  function show(t) {
    const canvas = el("emStepCanvas");
    if (canvas.clientWidth) st.draw(canvas, t);
    el("emStepNext").textContent = st.phase === "e" ? "Show the M-step" : "Show the E-step";
    const lls = Array.from(st.logLikelihoods());
    el("emStepBody").replaceChildren(...lls.map((ll, i) => row([
      String(i), fmt(ll, 3), i === 0 ? "start" : `${ll - lls[i - 1] >= 0 ? "+" : ""}${fmt(ll - lls[i - 1], 4)}`
        + (ll < lls[i - 1] - 1e-9 * Math.abs(ll) ? " (a decrease: please report)" : ""),
    ])));
    canvas.setAttribute("aria-label", `EM step-through, iteration ${st.iteration}, showing the `
      + `${{ start: "parameters", e: "E-step", m: "M-step" }[st.phase]}.`);
  }

  function start(which) {
    st?.free();
    from = ctx.view();
    st = from.emStepThrough(which);
    st.setTheme(ctx.theme());
    el("emStepText").textContent = which === "start"
      ? "The run's shared initial parameters. Click to see which component explains each bar."
      : "EM's current parameters in the run. Click to see which component explains each bar.";
    show(1);
  }

  function next() {
    const current = st;
    try {
      current.next();
    } catch (error) {
      el("emStepText").textContent = `This step cannot be shown: ${error.message}.`;
      return;
    }
    const text = el("emStepText");
    if (current.phase === "e") {
      const e = current.eStatistics();
      text.textContent = `E-step of iteration ${current.iteration + 1}: each bar is split by the share of its points each `
        + `component explains. Points explained, Nₖ: ${Array.from(e.nK, (v) => fmt(v, 1)).join(", ")}. Next, each `
        + `component moves to the weighted mean (${Array.from(e.weightedMeans, (v) => fmt(v, 2)).join(", ")}) and `
        + "spread of its share.";
      show(1);
      return;
    }
    const lls = current.logLikelihoods();
    const [before, after] = [lls[lls.length - 2], lls[lls.length - 1]];
    text.textContent = `M-step of iteration ${current.iteration}: Σ log p(xᵢ) went from ${fmt(before, 3)} to `
      + `${fmt(after, 3)} (${after >= before ? "up" : "down"} by ${fmt(Math.abs(after - before), 4)}). `
      + "An EM iteration never lowers the log-likelihood: the M-step maximises a lower bound that touches it at "
      + "the old parameters.";
    if (reducedMotion.matches) {
      show(1);
      return;
    }
    const begun = performance.now();
    const animate = () => {
      if (st !== current) return;
      const t = Math.min(1, (performance.now() - begun) / M_STEP_ANIMATION_MS);
      show(t);
      if (t < 1) requestAnimationFrame(animate);
    };
    requestAnimationFrame(animate);
  }

  const open = () => ctx.panel("em-steps").open;
  ctx.panel("em-steps").addEventListener("toggle", () => {
    if (!open()) return;
    if (from !== ctx.view()) start("start");
    else show(1);
  });
  el("emStepNext").addEventListener("click", next);
  el("emStepFromRun").addEventListener("click", () => start("run"));
  el("emStepFromStart").addEventListener("click", () => start("start"));
  return {
    /** Opens the section at the E-step of `iteration` (1 = the first) from the run's start. */
    showIteration(iteration) {
      ctx.panel("em-steps").open = true;
      start("start");
      for (let half = 1; half < 2 * iteration; half++) next();
    },
    render() {
      if (open() && from !== ctx.view()) start("start");
    },
    retheme() {
      st?.setTheme(ctx.theme());
      if (open() && st) show(1);
    },
    destroy() {
      st?.free();
      st = null;
    },
  };
}
