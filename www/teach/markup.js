// Markup of the teaching sections (each a <details> a student opens): the math with live numbers, EM as a
// gradient step (em-gradient-markup.js), EM step by step, restarts, K chosen by the data, parameter trajectories and the loss landscape. Built with DOM calls.

import { emGradientSection, inspectorIdentities } from "./em-gradient-markup.js";
import { FORMULAS } from "./formulas.js";

/** A table of live numbers, in a box that scrolls sideways on a narrow screen (the page itself never does). */
/** A table of numbers; a header given as `[text, name]` is a panel's method, kept up to date (`data-name`). */
function numbersTable(h, id, headers, caption, className = "numbers") {
  const th = (header) => (Array.isArray(header)
    ? h("th", { scope: "col", "data-name": header[1] }, header[0])
    : h("th", { scope: "col" }, header));
  return h("div", { class: "scroll-x", tabindex: "0", role: "region", "aria-label": caption }, h("table", { class: className },
    h("caption", {}, caption),
    h("thead", {}, h("tr", {}, ...headers.map(th))),
    h("tbody", { id })));
}

function mathSection(h) {
  return h("details", { class: "explain side", id: "math", "data-section": "math" },
    h("summary", {}, "The math, next to the numbers"),
    h("h3", {}, "The model and its parameters"),
    FORMULAS.model(),
    h("p", {}, "Each component k has a logit aₖ, a mean μₖ and a log standard deviation sₖ. The softmax turns any "
      + "logits into weights that are positive and sum to 1, and σ = eˢ is positive for any s, so gradient descent "
      + "can move every parameter freely. EM works with w, μ and σ² directly."),
    h("h3", {}, "The loss, and why it is computed with log-sum-exp"),
    FORMULAS.loss(),
    FORMULAS.lse(),
    h("p", {}, "A point far from every component has tiny densities: at 40 σ from a mean, N(x | μ, σ²) is about "
      + "e⁻⁸⁰⁰, below the smallest double (about 5·10⁻³²⁴), so it is stored as 0. Summing such zeros and taking the "
      + "log gives −∞, and one −∞ makes the whole loss infinite. Log-sum-exp subtracts the largest term first, so "
      + "the biggest exponent is e⁰ = 1 and nothing is lost. Here is the same sum, both ways, for the current data:"),
    numbersTable(h, "underflowBody", ["parameters", "points whose naive sum is 0", "naive log-likelihood",
      "log-sum-exp log-likelihood"], "Σᵢ log p(xᵢ) computed naively in doubles and with log-sum-exp"),
    h("p", { id: "underflowNote", class: "hint" }),
    h("h3", {}, "The gradient that gradient descent follows"),
    FORMULAS.gradient(),
    h("p", {}, "rᵢₖ is the share of point i that component k explains (the responsibility). The gradient pulls "
      + "each mean towards the points it is responsible for, each σ towards their spread, and each weight "
      + "towards its average responsibility. These formulas are derived by hand; the tests check them against "
      + "finite differences."),
    h("h3", {}, "EM: the E-step and the M-step"),
    h("p", {}, "The E-step computes the same responsibilities rᵢₖ. The M-step then jumps straight to the best "
      + "weights, means and variances for those responsibilities:"),
    FORMULAS.em(),
    h("h3", {}, "One component, live"),
    h("div", { class: "pair narrow" },
      h("div", {},
        h("label", { for: "inspectMethod" }, "Method"),
        h("select", { id: "inspectMethod" },
          h("option", { value: "direct", "data-name": "direct" }, "gradient descent"),
          h("option", { value: "em", "data-name": "em" }, "EM"))),
      h("div", {},
        h("label", { for: "inspectComponent" }, "Component"),
        h("select", { id: "inspectComponent" }))),
    numbersTable(h, "inspectBody", ["quantity", "value", "what it means"],
      "The chosen component's parameters, the gradient of the mean loss, and EM's statistics for it",
      "numbers explained"),
    ...inspectorIdentities(h));
}

function stepThroughSection(h) {
  return h("details", { class: "explain side", id: "emSteps", "data-section": "em-steps" },
    h("summary", {}, "EM, one half-step at a time"),
    h("p", {}, "Each click shows one half of an EM iteration on the data of this run. The E-step colours every "
      + "histogram bar by how much of it each component explains; the M-step then moves each component to the "
      + "weight, mean and σ of the points it was given. The log-likelihood never goes down from one iteration "
      + "to the next."),
    h("p", { class: "buttons-row" },
      h("button", { type: "button", id: "emStepNext" }, "Show the E-step"),
      h("button", { type: "button", id: "emStepFromRun" }, "Start from the run's EM parameters"),
      h("button", { type: "button", id: "emStepFromStart" }, "Start from the initial parameters")),
    h("figure", { class: "panel wide" },
      h("canvas", { id: "emStepCanvas", width: "900", height: "300", role: "img", "aria-label": "EM step-through" })),
    h("p", { id: "emStepText", "aria-live": "polite" }),
    numbersTable(h, "emStepBody", ["iteration", "log-likelihood Σᵢ log p(xᵢ)", "change"],
      "The log-likelihood after each M-step of the step-through"));
}

function restartsSection(h, spec) {
  return h("details", { class: "explain side", id: "restarts", "data-section": "restarts" },
    h("summary", {}, "Restarts: how much does the start matter?"),
    h("p", {}, "Both methods are run to the end from R different random starts on the same data (this run's data "
      + "and settings; only the init seed changes). Each dot is one restart's final loss. A method that often "
      + "ends above the dashed line of the true parameters got stuck in a poorer optimum."),
    h("div", { class: "pair narrow" },
      h("div", {},
        h("label", { for: "restartsCount" }, "Restarts R (1 to 50)"),
        h("input", { id: "restartsCount", type: "number", min: "1", max: "50", step: "1", value: "12" })),
      h("div", {},
        h("label", { for: "restartsInit" }, "Starts"),
        h("select", { id: "restartsInit" }, ...spec("init").choices.map((c) => h("option", { value: c.value }, c.label))))),
    h("p", { class: "buttons-row" },
      h("button", { type: "button", id: "restartsRun" }, "Run the restarts"),
      h("button", { type: "button", id: "restartsCancel", disabled: "" }, "Stop"),
      h("progress", { id: "restartsProgress", max: "1", value: "0", "aria-label": "Restarts done" }),
      h("output", { id: "restartsStatus" })),
    h("p", { id: "restartsEstimate", class: "hint" }),
    h("figure", { class: "panel wide" },
      h("canvas", { id: "restartsCanvas", width: "900", height: "260", role: "img", "aria-label": "Final losses of the restarts" })),
    numbersTable(h, "restartsBody", ["restart", "init seed", ["gradient descent", "direct"], ["EM", "em"], ""],
      "Final losses of each restart; replay one to watch it in the plots above"));
}

function kSelectSection(h) {
  return h("details", { class: "explain side", id: "kSelect", "data-section": "k-select" },
    h("summary", {}, "K chosen by the data: BIC, AIC and held-out likelihood"),
    h("p", {}, "How many components do these data need? EM fits K = 1 to 10 to this run's data, each from 4 "
      + "k-means++ starts (the best kept). More components always fit the data they were fitted to a little "
      + "better, so each fit is charged for its p = 3K − 1 free parameters: BIC = −2 l + p ln N and "
      + "AIC = −2 l + 2p, with l the total log-likelihood; lower is better. A third judge needs no formula: fit "
      + "on a seeded 80 % of the points and score the other 20 %, which the fit has never seen; higher is "
      + "better. A fit that only memorises noise scores worse there."),
    h("p", { class: "buttons-row" },
      h("button", { type: "button", id: "kSelectRun" }, "Fit K = 1 to 10"),
      h("button", { type: "button", id: "kSelectCancel", disabled: "" }, "Stop"),
      h("progress", { id: "kSelectProgress", max: "1", value: "0", "aria-label": "K selection done" }),
      h("output", { id: "kSelectStatus" })),
    h("p", { id: "kSelectEstimate", class: "hint" }),
    h("p", { id: "kSelectClaim", "aria-live": "polite" }),
    h("figure", { class: "panel wide" },
      h("canvas", { id: "kSelectCanvas", width: "900", height: "340", role: "img",
        "aria-label": "BIC, AIC and held-out log-likelihood against K" })),
    numbersTable(h, "kSelectBody", ["K", "p = 3K − 1", "log-likelihood l", "BIC", "AIC", "held-out per point", ""],
      "Each K's best fit and its scores; load one to start both methods at that fit"));
}

function trajectoriesSection(h) {
  return h("details", { class: "explain side", id: "trajectories", "data-section": "trajectories" },
    h("summary", {}, "Parameter trajectories"),
    h("p", {}, "Every component's weight, mean and σ against the step, for both methods (solid: gradient descent, "
      + "dashed: EM). Each component has its colour from the density panels and the parameter table. Dotted "
      + "grey lines: the true values."),
    h("figure", { class: "panel wide" },
      h("canvas", { id: "trajectoriesCanvas", width: "900", height: "420", role: "img", "aria-label": "Parameter trajectories" })));
}

function landscapeSection(h) {
  return h("details", { class: "explain side", id: "landscape", "data-section": "landscape" },
    h("summary", {}, "The loss landscape"),
    h("p", {}, "The mean negative log-likelihood over two parameters, with all others held at gradient descent's "
      + "current values. Both methods' paths are drawn on it. Gradient descent walks downhill on this surface; EM "
      + "jumps, and its path need not follow the slope of this slice, since the other parameters move too."),
    h("div", { class: "pair narrow" },
      h("div", {},
        h("label", { for: "landscapeX" }, "Across"),
        h("select", { id: "landscapeX" })),
      h("div", {},
        h("label", { for: "landscapeY" }, "Up"),
        h("select", { id: "landscapeY" }))),
    h("p", { class: "buttons-row" },
      h("button", { type: "button", id: "landscapeDraw" }, "Draw the landscape"),
      h("output", { id: "landscapeStatus" })),
    h("figure", { class: "panel wide" },
      h("canvas", { id: "landscapeCanvas", width: "700", height: "520", role: "img", "aria-label": "Loss landscape" })));
}

/** All teaching sections, in page order. */
export function buildTeaching(h, spec) {
  return [mathSection(h), emGradientSection(h), stepThroughSection(h), restartsSection(h, spec), kSelectSection(h), trajectoriesSection(h), landscapeSection(h)];
}
