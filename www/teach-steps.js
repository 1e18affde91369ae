// EM one half-step at a time: the E-step's responsibility-coloured histogram, then the M-step moving the
// components (animated unless the user asks for reduced motion), with the log-likelihood after each iteration.

import { fmt, row } from "./teach-common.js";

const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
const M_STEP_ANIMATION_MS = 700;

export function startStepThrough(demo, from) {
  demo.stepThrough?.free();
  demo.stepThrough = demo.view.emStepThrough(from);
  demo.stepThrough.setTheme(demo.theme());
  demo.stepThroughView = demo.view;
  demo.el("emStepText").textContent = from === "start"
    ? "The run's shared initial parameters. Click to see which component explains each bar."
    : "EM's current parameters in the run. Click to see which component explains each bar.";
  showStepThrough(demo, 1);
}

export function showStepThrough(demo, t) {
  const st = demo.stepThrough;
  const canvas = demo.el("emStepCanvas");
  if (canvas.clientWidth) st.draw(canvas, t);
  demo.el("emStepNext").textContent = st.phase === "e" ? "Show the M-step" : "Show the E-step";
  const lls = Array.from(st.logLikelihoods());
  demo.el("emStepBody").replaceChildren(...lls.map((ll, i) => row([
    String(i), fmt(ll, 3), i === 0 ? "start" : `${ll - lls[i - 1] >= 0 ? "+" : ""}${fmt(ll - lls[i - 1], 4)}`
      + (ll < lls[i - 1] - 1e-9 * Math.abs(ll) ? " (a decrease: please report)" : ""),
  ])));
  canvas.setAttribute("aria-label", `EM step-through, iteration ${st.iteration}, showing the `
    + `${{ start: "parameters", e: "E-step", m: "M-step" }[st.phase]}.`);
}

export function nextHalfStep(demo) {
  const st = demo.stepThrough;
  try {
    st.next();
  } catch (error) {
    demo.el("emStepText").textContent = `This step cannot be shown: ${error.message}.`;
    return;
  }
  const text = demo.el("emStepText");
  if (st.phase === "e") {
    const e = st.eStatistics();
    text.textContent = `E-step of iteration ${st.iteration + 1}: each bar is split by the share of its points each `
      + `component explains. Points explained, Nₖ: ${Array.from(e.nK, (v) => fmt(v, 1)).join(", ")}. Next, each `
      + `component moves to the weighted mean (${Array.from(e.weightedMeans, (v) => fmt(v, 2)).join(", ")}) and `
      + "spread of its share.";
    showStepThrough(demo, 1);
    return;
  }
  const lls = st.logLikelihoods();
  const [before, after] = [lls[lls.length - 2], lls[lls.length - 1]];
  text.textContent = `M-step of iteration ${st.iteration}: Σ log p(xᵢ) went from ${fmt(before, 3)} to `
    + `${fmt(after, 3)} (${after >= before ? "up" : "down"} by ${fmt(Math.abs(after - before), 4)}). `
    + "An EM iteration never lowers the log-likelihood: the M-step maximises a lower bound that touches it at "
    + "the old parameters.";
  if (reducedMotion.matches) {
    showStepThrough(demo, 1);
    return;
  }
  const start = performance.now();
  const animate = () => {
    if (demo.stepThrough !== st) return;
    const t = Math.min(1, (performance.now() - start) / M_STEP_ANIMATION_MS);
    showStepThrough(demo, t);
    if (t < 1) requestAnimationFrame(animate);
  };
  requestAnimationFrame(animate);
}

