// The formulas of "EM is a gradient step" (Xu and Jordan 1996), in MathML, built with DOM calls: EM's
// step equals P times the gradient of l = Σᵢ log p(xᵢ), exactly for the weights and the means, and up to
// (μₖ′ − μₖ)² for the variances.

const MATHML = "http://www.w3.org/1998/Math/MathML";

function m(tag, ...children) {
  const node = document.createElementNS(MATHML, tag);
  node.append(...children);
  return node;
}
const row = (...c) => m("mrow", ...c);
const mi = (t) => m("mi", t);
const mo = (t) => m("mo", t);
const mn = (t) => m("mn", t);
const sub = (base, s) => m("msub", typeof base === "string" ? mi(base) : base, typeof s === "string" ? mi(s) : s);
const frac = (a, b) => m("mfrac", a, b);
const paren = (...c) => row(mo("("), ...c, mo(")"));
const gap = () => {
  const space = m("mspace");
  space.setAttribute("width", "1em");
  return space;
};
// Fresh nodes each time: a DOM node can sit in one place only.
const nk = () => sub("N", "k");
const muk = () => sub("μ", "k");
const mukNew = () => m("msubsup", mi("μ"), mi("k"), mo("′"));
const sigk2 = () => m("msubsup", mi("σ"), mi("k"), mn("2"));
const sigk4 = () => m("msubsup", mi("σ"), mi("k"), mn("4"));
const sigk2New = () => m("msubsup", mi("σ"), mi("k"), row(mo("′"), mn("2")));
const d = (param) => frac(row(mo("∂"), mi("l")), row(mo("∂"), param));
const shift2 = () => m("msup", paren(mukNew(), mo("−"), muk()), mn("2"));

/** A display formula with a text alternative (read by screen readers that do not speak MathML). */
function formula(label, ...content) {
  const node = m("math", row(...content));
  node.setAttribute("display", "block");
  node.setAttribute("aria-label", label);
  return node;
}

export const EM_GRADIENT_FORMULAS = {
  weight: () => formula("w k prime minus w k equals one over N times the derivative of l by a k, which is N k minus N w k",
    m("msubsup", mi("w"), mi("k"), mo("′")), mo("−"), sub("w", "k"), mo("="), frac(mn("1"), mi("N")), d(sub("a", "k")),
    mo(","), gap(), d(sub("a", "k")), mo("="), nk(), mo("−"), mi("N"), sub("w", "k")),
  mean: () => formula("mu k prime minus mu k equals sigma k squared over N k times the derivative of l by mu k",
    mukNew(), mo("−"), muk(), mo("="), frac(sigk2(), nk()), d(muk())),
  variance: () => formula("two sigma k to the fourth over N k times the derivative of l by sigma k squared equals S k minus sigma k squared, which is sigma k prime squared minus sigma k squared plus the square of mu k prime minus mu k",
    frac(row(mn("2"), sigk4()), nk()), d(sigk2()), mo("="), sub("S", "k"), mo("−"), sigk2(), mo("="),
    paren(sigk2New(), mo("−"), sigk2()), mo("+"), shift2()),
  sums: () => formula("S k is one over N k times the sum over i of r i k times x i minus mu k squared, around the old mean",
    sub("S", "k"), mo("="), frac(mn("1"), nk()), m("munder", mo("∑"), mi("i")), sub("r", "ik"),
    m("msup", paren(sub("x", "i"), mo("−"), muk()), mn("2")), mo(","), gap(),
    sigk2New(), mo("="), sub("S", "k"), mo("−"), shift2()),
};
