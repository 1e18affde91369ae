//! The WebAssembly boundary of "EM is a gradient step": EM's step beside `P` times the gradient, per
//! component, for one set of the run's parameters. Conversions only; the numbers come from
//! [`gmm_core::teach::em_gradient`].

use crate::js::{choice_error, plain_error, set};
use crate::wasm::Demo;
use gmm_core::model::mixture::Mixture;
use gmm_core::teach::em_gradient::{em_gradient_identities, ComponentIdentity, IdentityTerm};
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

/// The parameter sets the identities can be computed at, as the page names them.
const WHOSE: [&str; 3] = ["initial", "direct", "em"];

fn term(t: Option<IdentityTerm>) -> JsValue {
    t.map_or(JsValue::NULL, |t| {
        let o = Object::new();
        set(&o, "gradient", t.gradient);
        set(&o, "p", t.p);
        set(&o, "product", t.product);
        set(&o, "emStep", t.em_step);
        set(&o, "residual", t.residual);
        o.into()
    })
}

fn component(c: &ComponentIdentity) -> JsValue {
    let o = Object::new();
    set(&o, "component", c.component as u32);
    set(&o, "nK", c.n_k);
    set(&o, "weight", term(Some(c.weight)));
    set(&o, "mean", term(c.mean));
    set(&o, "variance", term(c.variance));
    set(
        &o,
        "varianceAroundOldMean",
        c.variance_around_old_mean.map_or(JsValue::NULL, JsValue::from),
    );
    set(
        &o,
        "meanShiftSquared",
        c.mean_shift_squared.map_or(JsValue::NULL, JsValue::from),
    );
    set(&o, "floored", c.floored);
    o.into()
}

#[wasm_bindgen]
impl Demo {
    /// EM's step beside Xu and Jordan's `P` times the gradient of `l = Σᵢ log p(xᵢ)`, for every component
    /// of the shared start (`initial`), gradient descent's current parameters (`direct`) or EM's (`em`),
    /// with EM's variance floor: `{ logLikelihood, points, varianceFloor, components: [{ component, nK,
    /// weight, mean, variance, varianceAroundOldMean, meanShiftSquared, floored }] }`, each of `weight`,
    /// `mean` and `variance` a `{ gradient, p, product, emStep, residual }` (the weight's gradient is with
    /// respect to its logit; `mean`, `variance` and the two numbers after them are null for a component
    /// with no responsibility).
    ///
    /// Throws an `Error` with `field: "method"` for another name, and a plain `Error` when the
    /// log-likelihood is not finite.
    #[wasm_bindgen(js_name = emGradient)]
    pub fn em_gradient(&self, method: &str) -> Result<Object, JsValue> {
        let s = &self.session;
        let model: &Mixture = match method {
            "initial" => s.initial(),
            "direct" => s.direct().model(),
            "em" => s.em().model(),
            _ => {
                return Err(choice_error(
                    "method",
                    &WHOSE,
                    &format!("method {method:?} is not allowed: use initial, direct or em"),
                ))
            }
        };
        em_gradient_object(model, s.data(), s.config().variance_floor)
    }
}

/// The identities at `model` on `data` with the variance floor `floor`, as [`Demo::em_gradient`] gives them
/// (also for [`crate::wasm_teaching_run::TeachingRun`]).
pub(crate) fn em_gradient_object(model: &Mixture, data: &[f64], floor: f64) -> Result<Object, JsValue> {
    let report = em_gradient_identities(model, data, floor).map_err(|e| plain_error(&e.to_string()))?;
    let o = Object::new();
    set(&o, "logLikelihood", report.log_likelihood);
    set(&o, "points", report.points as u32);
    set(&o, "varianceFloor", floor);
    set(
        &o,
        "components",
        report.components.iter().map(component).collect::<Array>(),
    );
    Ok(o)
}
