//! The teaching sections' numbers off the page's thread: a [`TeachingRun`] holds a run's data, start and
//! variance floor (built from the same options as the page's [`Demo`]) and computes, for parameters the
//! page sends (`Demo.shownParams`), what the math section, the component inspector, "EM is a gradient
//! step" and the loss landscape show. Each is a pass over the data, about a second at N = 1,000,000, so a worker computes them
//! while the page goes on drawing. The objects are those of the same-named [`Demo`] methods.

use crate::js::argument_error;
use crate::wasm_em_gradient::em_gradient_object;
use crate::wasm_options::config_error_to_js;
use crate::wasm_options::read_options;
use crate::wasm_teach::{component_object, underflow_rows};
use gmm_core::model::mixture::Mixture;
use gmm_core::run::options::config_from_options;
use gmm_core::run::session::FitSession;
use gmm_core::teach::landscape::{LandscapeJob, MAX_POINTS};
use gmm_core::teach::trajectory::ParamRef;
use js_sys::{Array, Float64Array, Object};
use wasm_bindgen::prelude::*;

/// A run's data, start and variance floor, for the teaching sections' passes.
#[wasm_bindgen]
pub struct TeachingRun {
    data: Vec<f64>,
    initial: Mixture,
    variance_floor: f64,
}

impl TeachingRun {
    /// Parameters the page sent: 3K numbers (logits, means, log-sigmas) for this run's K.
    fn model(&self, field: &str, params: &[f64]) -> Result<Mixture, JsValue> {
        let k = self.initial.k();
        if params.len() != 3 * k {
            let allowed = format!("{} numbers (3K for K = {k})", 3 * k);
            return Err(argument_error(field, &allowed, &format!("{field} must hold {allowed}")));
        }
        Mixture::from_flat(params).map_err(|e| argument_error(field, "valid parameters", &e.to_string()))
    }
}

#[wasm_bindgen]
impl TeachingRun {
    /// `options` as for `new Demo`: the same data, start and variance floor.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &JsValue) -> Result<TeachingRun, JsValue> {
        let config = config_from_options(&read_options(options)?).map_err(|e| config_error_to_js(&e))?;
        let session = FitSession::new(config).map_err(|e| config_error_to_js(&e))?;
        Ok(TeachingRun {
            data: session.data().to_vec(),
            initial: session.initial().clone(),
            variance_floor: session.config().variance_floor,
        })
    }

    /// As `Demo.underflow()`, for the start and the two parameter sets given (`direct`, `em`).
    pub fn underflow(&self, direct: Vec<f64>, em: Vec<f64>) -> Result<Array, JsValue> {
        let (d, e) = (self.model("direct", &direct)?, self.model("em", &em)?);
        underflow_rows(&[("initial", &self.initial), ("direct", &d), ("em", &e)], &self.data)
    }

    /// As `Demo.inspectComponent(method, k)`, for the parameters given.
    #[wasm_bindgen(js_name = inspectComponent)]
    pub fn inspect_component(&self, params: Vec<f64>, k: u32) -> Result<Object, JsValue> {
        component_object(&self.model("params", &params)?, &self.data, k)
    }

    /// The loss landscape's values over parameters `x` and `y` (flat indices) on `ranges` (`[xLo, xHi, yLo,
    /// yHi]`) with a `grid` x `grid` lattice, the rest held at `params`: what `LandscapeRun.setValues` takes
    /// (the same job as the page's `LandscapeRun`, so the same values).
    pub fn landscape(
        &self,
        params: Vec<f64>,
        x: u32,
        y: u32,
        ranges: Vec<f64>,
        grid: u32,
    ) -> Result<Float64Array, JsValue> {
        let model = self.model("params", &params)?;
        let k = model.k();
        let param = |i: u32, axis: &str| {
            ParamRef::from_flat(i as usize, k)
                .ok_or_else(|| argument_error(axis, "a parameter index", &format!("{axis} = {i} is not a parameter")))
        };
        let [x_lo, x_hi, y_lo, y_hi] = <[f64; 4]>::try_from(ranges.as_slice())
            .map_err(|_| argument_error("ranges", "4 numbers", "ranges must hold 4 numbers"))?;
        let mut job = LandscapeJob::new(
            &model,
            &self.data,
            (param(x, "x")?, (x_lo, x_hi)),
            (param(y, "y")?, (y_lo, y_hi)),
            grid as usize,
            MAX_POINTS,
        )
        .map_err(|e| argument_error("grid", "a landscape", &e.to_string()))?;
        while !job.advance(1) {}
        Ok(Float64Array::from(&job.partial().values[..]))
    }

    /// As `Demo.emGradient(method)`, for the parameters given.
    #[wasm_bindgen(js_name = emGradient)]
    pub fn em_gradient(&self, params: Vec<f64>) -> Result<Object, JsValue> {
        em_gradient_object(&self.model("params", &params)?, &self.data, self.variance_floor)
    }
}
