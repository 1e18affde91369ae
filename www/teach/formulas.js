// The formulas of the "math, next to the numbers" section, in MathML (native in Chromium and Firefox),
// built with DOM calls like the rest of the markup.

const MATHML = "http://www.w3.org/1998/Math/MathML";

function m(tag, ...children) {
  const node = document.createElementNS(MATHML, tag);
  node.append(...children);
  return node;
}
const gap = () => {
  const space = m("mspace");
  space.setAttribute("width", "1em");
  return space;
};
const row = (...c) => m("mrow", ...c);
const mi = (t) => m("mi", t);
const mo = (t) => m("mo", t);
const mn = (t) => m("mn", t);
const sub = (base, s) => m("msub", typeof base === "string" ? mi(base) : base, typeof s === "string" ? mi(s) : s);
const sup = (base, s) => m("msup", typeof base === "string" ? mi(base) : base, typeof s === "string" ? mn(s) : s);
const frac = (a, b) => m("mfrac", a, b);
const paren = (...c) => row(mo("("), ...c, mo(")"));
/** Σ with an index below (and optionally a bound above). */
const sum = (index, upper) => (upper
  ? m("munderover", mo("∑"), row(mi(index), mo("="), mn("1")), mi(upper))
  : m("munder", mo("∑"), mi(index)));
// Fresh nodes each time: a DOM node can sit in one place only.
const r = () => sub("r", "ik");
const xi = () => sub("x", "i");
const muk = () => sub("μ", "k");
const sigk2 = () => m("msubsup", mi("σ"), mi("k"), mn("2"));
const invN = () => frac(mn("1"), mi("N"));

/** A display formula with a text alternative (read by screen readers that do not speak MathML). */
function formula(label, ...content) {
  const node = m("math", row(...content));
  node.setAttribute("display", "block");
  node.setAttribute("aria-label", label);
  return node;
}

export const FORMULAS = {
  model: () => formula("p of x equals the sum over k of w k times the normal density of x with mean mu k and variance sigma k squared; w k is the softmax of the logits a; sigma k is e to the s k",
    mi("p"), paren(mi("x")), mo("="), sum("k", "K"), sub("w", "k"), mi("𝒩"),
    paren(mi("x"), mo("|"), muk(), mo(","), sigk2()), mo(","), gap(),
    sub("w", "k"), mo("="), frac(sup("e", sub("a", "k")), row(sum("j"), sup("e", sub("a", "j")))), mo(","),
    sub("σ", "k"), mo("="), sup("e", sub("s", "k"))),
  loss: () => formula("L equals minus one over N times the sum over i of log p of x i; log p of x i is the log-sum-exp over k of z i k",
    mi("L"), mo("="), mo("−"), invN(), sum("i"), mi("log"), mi("p"), paren(xi()), mo(","), gap(),
    mi("log"), mi("p"), paren(xi()), mo("="), sub("LSE", "k"), paren(sub("z", "ik")), mo(","), gap(),
    sub("z", "ik"), mo("="), mi("log"), sub("w", "k"), mo("−"), frac(mn("1"), mn("2")), mi("log"),
    paren(mn("2"), mi("π")), mo("−"), sub("s", "k"), mo("−"), frac(sup(paren(xi(), mo("−"), muk()), "2"), row(mn("2"), sigk2()))),
  lse: () => formula("LSE of z equals M plus log of the sum over k of e to the z k minus M, with M the largest z k",
    mi("LSE"), paren(mi("z")), mo("="), mi("M"), mo("+"), mi("log"), sum("k"), sup("e", row(sub("z", "k"), mo("−"), mi("M"))),
    mo(","), gap(), mi("M"), mo("="), sub(mi("max"), "k"), sub("z", "k")),
  gradient: () => formula("r i k equals e to the z i k minus log p of x i; the derivative of L by a k is minus one over N times the sum over i of r() i k minus w k; by mu k, minus one over N times the sum of r() i k times x i minus mu k over sigma k squared; by s k, minus one over N times the sum of r() i k times the quantity x i minus mu k squared over sigma k squared minus one",
    r(), mo("="), sup("e", row(sub("z", "ik"), mo("−"), mi("log"), mi("p"), paren(xi()))), mo(","), gap(),
    frac(row(mo("∂"), mi("L")), row(mo("∂"), sub("a", "k"))), mo("="), mo("−"), invN(), sum("i"), paren(r(), mo("−"), sub("w", "k")), mo(","), gap(),
    frac(row(mo("∂"), mi("L")), row(mo("∂"), muk())), mo("="), mo("−"), invN(), sum("i"), r(), frac(row(xi(), mo("−"), muk()), sigk2()), mo(","), gap(),
    frac(row(mo("∂"), mi("L")), row(mo("∂"), sub("s", "k"))), mo("="), mo("−"), invN(), sum("i"), r(),
    paren(frac(sup(paren(xi(), mo("−"), muk()), "2"), sigk2()), mo("−"), mn("1"))),
  em: () => formula("E-step: the responsibilities r() i k. M-step: N k is the sum over i of r() i k; w k is N k over N; mu k is the r-weighted mean of x; sigma k squared is the larger of the floor and the r-weighted variance",
    sub("N", "k"), mo("="), sum("i"), r(), mo(","), gap(),
    sub("w", "k"), mo("="), frac(sub("N", "k"), mi("N")), mo(","), gap(),
    muk(), mo("="), frac(mn("1"), sub("N", "k")), sum("i"), r(), xi(), mo(","), gap(),
    sigk2(), mo("="), mi("max"), paren(mi("floor"), mo(","), frac(mn("1"), sub("N", "k")), sum("i"), r(), sup(paren(xi(), mo("−"), muk()), "2"))),
};
