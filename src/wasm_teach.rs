//! The WebAssembly boundary of the teaching sections: the naive sum against log-sum-exp, one component
//! inspected, EM step by step, restarts, trajectories and the loss landscape. Conversions only; the
//! numbers come from [`crate::inspect`], [`crate::stepthrough`], [`crate::restarts`],
//! [`crate::trajectory`] and [`crate::landscape`].

use crate::inspect::{component_report, naive_vs_lse, UnderflowReport};
use crate::mixture::Mixture;
use crate::wasm::Demo;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

pub(crate) fn set(target: &Object, key: &str, value: impl Into<JsValue>) {
    Reflect::set(target, &key.into(), &value.into()).expect("setting a property on a plain object");
}

fn to_js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

fn optional(value: Option<f64>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from)
}

fn underflow_entry(name: &str, report: &UnderflowReport) -> JsValue {
    let o = Object::new();
    set(&o, "name", name);
    set(&o, "points", report.points as u32);
    set(&o, "naiveZero", report.naive_zero as u32);
    set(&o, "naiveNotFinite", report.naive_not_finite as u32);
    set(&o, "naiveLogLikelihood", report.naive_log_likelihood);
    set(&o, "lseLogLikelihood", report.lse_log_likelihood);
    let worst = report.worst.map_or(JsValue::NULL, |w| {
        let p = Object::new();
        set(&p, "x", w.x);
        set(&p, "naiveDensity", w.naive_density);
        set(&p, "lseLogDensity", w.lse_log_density);
        p.into()
    });
    set(&o, "worst", worst);
    o.into()
}

#[wasm_bindgen]
impl Demo {
    /// The log-likelihood of the data computed naively and with log-sum-exp, for the shared initial
    /// parameters and both current fits: `[{ name, points, naiveZero, naiveNotFinite, naiveLogLikelihood,
    /// lseLogLikelihood, worst: { x, naiveDensity, lseLogDensity } | null }]`.
    pub fn underflow(&self) -> Result<Array, JsError> {
        let s = &self.session;
        let models: [(&str, &Mixture); 3] = [
            ("initial", s.initial()),
            ("direct", s.direct().model()),
            ("em", s.em().model()),
        ];
        models
            .iter()
            .map(|(name, m)| Ok(underflow_entry(name, &naive_vs_lse(m, s.data()).map_err(to_js_error)?)))
            .collect()
    }

    /// Component `k` (0-based) of `direct` or `em`: `{ weight, mean, sigma, gradLogit, gradMean,
    /// gradLogSigma, nK, weightedMean, weightedVariance }`; the gradient is that of the mean loss, the
    /// weighted mean and variance (null when the component has no responsibility) are what EM's M-step
    /// would use.
    #[wasm_bindgen(js_name = inspectComponent)]
    pub fn inspect_component(&self, method: &str, k: u32) -> Result<Object, JsError> {
        let model = match method {
            "direct" => self.session.direct().model(),
            "em" => self.session.em().model(),
            _ => {
                return Err(JsError::new(&format!(
                    "method {method:?} is not allowed: use direct or em"
                )))
            }
        };
        let r = component_report(model, self.session.data(), k as usize).map_err(to_js_error)?;
        let o = Object::new();
        set(&o, "weight", r.weight);
        set(&o, "mean", r.mean);
        set(&o, "sigma", r.sigma);
        set(&o, "gradLogit", r.grad_logit);
        set(&o, "gradMean", r.grad_mean);
        set(&o, "gradLogSigma", r.grad_log_sigma);
        set(&o, "nK", r.n_k);
        set(&o, "weightedMean", optional(r.weighted_mean));
        set(&o, "weightedVariance", optional(r.weighted_variance));
        Ok(o)
    }
}
