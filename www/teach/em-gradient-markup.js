// Markup of "EM is a gradient step" (the section, and its panel in the component inspector), built with
// DOM calls like the other teaching sections (markup.js).

import { EM_GRADIENT_FORMULAS as F } from "./em-gradient-formulas.js";

/** Column headers of one identity's table: the parameter's gradient, P, the product, EM's step, residual. */
export const IDENTITY_COLUMNS = {
  weight: ["component", "∂l/∂aₖ", "P = 1/N", "P × ∂l/∂aₖ", "EM's step wₖ′ − wₖ", "residual", ""],
  mean: ["component", "Nₖ", "∂l/∂μₖ", "P = σₖ²/Nₖ", "P × ∂l/∂μₖ", "EM's step μₖ′ − μₖ", "residual", ""],
  variance: ["component", "∂l/∂σₖ²", "P = 2σₖ⁴/Nₖ", "P × ∂l/∂σₖ²", "EM's step σₖ′² − σₖ²", "residual (μₖ′ − μₖ)²",
    "actual (μₖ′ − μₖ)²", ""],
};

function table(h, id, headers, caption) {
  // Focusable, so that a keyboard can scroll it (where it scrolls) and a screen reader names it.
  return h("div", { class: "scroll-x", tabindex: "0", role: "region", "aria-label": caption },
    h("table", { class: "numbers identities" },
      h("caption", {}, caption),
      h("thead", {}, h("tr", {}, ...headers.map((text) => h("th", { scope: "col" }, text)))),
      h("tbody", { id })));
}

/** The section (a `<details>` named `em-gradient`). */
export function emGradientSection(h) {
  return h("details", { class: "explain side", id: "emGradient", "data-section": "em-gradient" },
    h("summary", {}, "EM is a gradient step"),
    h("p", {}, "Gradient descent moves each parameter by a learning rate times the gradient. EM has no learning "
      + "rate, and yet its step is a gradient step too: Xu and Jordan (1996) showed that EM's step is P times the "
      + "gradient of the log-likelihood l = Σᵢ log p(xᵢ), where P depends on the current parameters. For this model "
      + "P gives every parameter its own step size. For a mean it is σₖ²/Nₖ: the component's variance over the "
      + "points it explains, which is one over the curvature of l in μₖ if every point's responsibilities were "
      + "held still. So the data choose the step size: large for a broad component that explains few points, "
      + "small for a sharp one that explains many. P is positive, so every step goes uphill, and no learning rate "
      + "has to be tuned."),
    h("p", {}, "Where components overlap, the responsibilities move when the means move, which P does not account "
      + "for: l is flatter than P assumes, each step covers only part of the way, and EM crawls. Where components "
      + "are well apart, every point belongs almost wholly to one of them, P is close to the true inverse curvature, "
      + "and EM arrives in a few steps. The tables below show the identities at the parameters you choose, live: "
      + "the residual is rounding for the weights and the means, and exactly (μₖ′ − μₖ)² for the variances, because "
      + "EM measures its new variance around the new mean."),
    h("div", { class: "pair narrow" },
      h("div", {},
        h("label", { for: "emGradientWhose" }, "Parameters"),
        h("select", { id: "emGradientWhose" },
          h("option", { value: "em" }, "EM now"),
          h("option", { value: "direct" }, "gradient descent now"),
          h("option", { value: "initial" }, "the shared start")))),
    h("p", { id: "emGradientStatus", class: "hint", "aria-live": "polite" }),
    h("h3", {}, "Weights: exact"),
    F.weight(),
    table(h, "emGradientWeightBody", IDENTITY_COLUMNS.weight,
      "Each weight's gradient (with respect to its logit), P, their product and EM's step"),
    h("h3", {}, "Means: exact"),
    F.mean(),
    table(h, "emGradientMeanBody", IDENTITY_COLUMNS.mean,
      "Each mean's gradient, P, their product and EM's step"),
    h("h3", {}, "Variances: off by (μₖ′ − μₖ)²"),
    F.variance(),
    F.sums(),
    table(h, "emGradientVarianceBody", IDENTITY_COLUMNS.variance,
      "Each variance's gradient, P, their product, EM's step, and the residual beside the square of EM's mean step"),
    h("p", { id: "emGradientSteps", class: "hint" }));
}

/** The component inspector's panel: the chosen component's three identities (filled by math.js). */
export function inspectorIdentities(h) {
  return [
    h("h3", {}, "Its EM step as a gradient step"),
    h("p", {}, "EM's step for this component beside P times the gradient of l = Σᵢ log p(xᵢ) = −N L (see "
      + "\"EM is a gradient step\" below)."),
    table(h, "inspectIdentityBody", ["parameter", "∂l/∂θ", "P", "P × ∂l/∂θ", "EM's step θ′ − θ", "residual", ""],
      "The chosen component's weight, mean and variance: gradient, P, product, EM's step and residual"),
  ];
}
