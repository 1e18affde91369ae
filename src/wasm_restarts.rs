//! The WebAssembly boundary of the restarts experiment: a [`RestartsRun`] steps in a worker; its outcomes
//! travel to the page as a flat list of numbers, which [`Demo::draw_restarts`] draws.
//!
//! Outcome layout, 8 numbers per restart: `[index, init_seed, direct_loss, direct_status, direct_stop,
//! em_loss, em_status, em_stop]`, statuses coded as in [`gmm_core::run::progress`].

use crate::canvas::MeasuredCanvas;
use crate::wasm::{canvas_backend, read_options, Demo};
use crate::wasm_options::config_error_to_js;
use crate::wasm_teach::set;
use gmm_charts::{draw_restarts, RestartsPanel};
use gmm_core::fit::init::InitStrategy;
use gmm_core::run::options::config_from_options;
use gmm_core::run::progress::{status_code, status_from};
use gmm_core::teach::restarts::{MethodOutcome, RestartOutcome, Restarts};
use js_sys::{Float64Array, Object};
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::prelude::*;

const OUTCOME_LEN: usize = 8;

fn to_js_error(e: impl std::fmt::Display) -> JsError {
    JsError::new(&e.to_string())
}

/// R runs of both methods from different starts on the same data, advanced in slices.
#[wasm_bindgen]
pub struct RestartsRun {
    inner: Restarts,
}

#[wasm_bindgen]
impl RestartsRun {
    /// `options` as for `new Demo` (the data and settings of the run), `init` (`near-zero`, `from-data`,
    /// `kmeans++`), init seeds `baseSeed`, `baseSeed + 1`, ..., and `restarts` R from 1 to 50.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &JsValue, init: &str, base_seed: f64, restarts: f64) -> Result<RestartsRun, JsValue> {
        let config = config_from_options(&read_options(options)?).map_err(|e| config_error_to_js(&e))?;
        let init = InitStrategy::from_name(init).ok_or_else(|| {
            JsError::new(&format!(
                "init {init:?} is not allowed: use near-zero, from-data or kmeans++"
            ))
        })?;
        let whole = |v: f64, name: &str, max: f64| {
            if v.fract() == 0.0 && (0.0..=max).contains(&v) {
                Ok(v as u64)
            } else {
                Err(JsError::new(&format!(
                    "{name} = {v} is not allowed: {name} must be a whole number from 0 to {max}"
                )))
            }
        };
        let base_seed = whole(base_seed, "baseSeed", u32::MAX as f64)?;
        let restarts = whole(restarts, "restarts", 1e9)? as usize;
        let inner = Restarts::new(&config, init, base_seed, restarts).map_err(to_js_error)?;
        Ok(RestartsRun { inner })
    }

    /// Runs up to `budget` steps (of both methods), across restarts; returns `{ done, restarts,
    /// currentStep, maxSteps, fraction, finished }`.
    pub fn advance(&mut self, budget: u32) -> Result<Object, JsError> {
        let p = self.inner.advance(budget.max(1) as usize).map_err(to_js_error)?;
        let o = Object::new();
        set(&o, "done", p.restarts_done as u32);
        set(&o, "restarts", p.restarts as u32);
        set(&o, "currentStep", p.current_step as u32);
        set(&o, "maxSteps", p.max_steps as u32);
        set(&o, "fraction", p.fraction);
        set(&o, "finished", p.finished);
        Ok(o)
    }

    /// The finished restarts' outcomes (see the module docs for the layout).
    pub fn outcomes(&self) -> Float64Array {
        let mut flat = Vec::with_capacity(self.inner.outcomes().len() * OUTCOME_LEN);
        for o in self.inner.outcomes() {
            flat.extend([o.index as f64, o.init_seed as f64]);
            for m in [&o.direct, &o.em] {
                flat.push(m.final_loss);
                flat.push(status_code(m.status)[0]);
                flat.push(m.stop_step as f64);
            }
        }
        Float64Array::from(&flat[..])
    }
}

fn decode(flat: &[f64]) -> Result<Vec<RestartOutcome>, JsError> {
    if flat.len() % OUTCOME_LEN != 0 {
        return Err(JsError::new(&format!(
            "outcomes must hold {OUTCOME_LEN} numbers per restart (as RestartsRun.outcomes() gives them)"
        )));
    }
    flat.chunks(OUTCOME_LEN)
        .map(|c| {
            let method = |loss: f64, code: f64, stop: f64| -> Result<MethodOutcome, JsError> {
                Ok(MethodOutcome {
                    final_loss: loss,
                    status: status_from(code, stop).map_err(|e| JsError::new(&e))?,
                    stop_step: stop as usize,
                })
            };
            Ok(RestartOutcome {
                index: c[0] as usize,
                init_seed: c[1] as u64,
                direct: method(c[2], c[3], c[4])?,
                em: method(c[5], c[6], c[7])?,
            })
        })
        .collect()
}

#[wasm_bindgen]
impl Demo {
    /// Draws the final losses of restarts (`RestartsRun.outcomes()`), with this run's truth loss as the
    /// reference line; `highlight` marks one restart (or none with -1).
    #[wasm_bindgen(js_name = drawRestarts)]
    pub fn draw_restarts(&self, canvas: JsValue, outcomes: Vec<f64>, highlight: i32) -> Result<(), JsError> {
        let outcomes = decode(&outcomes)?;
        let backend: MeasuredCanvas = canvas_backend(canvas, "drawRestarts")?;
        let label = format!(
            "gradient descent ({})",
            crate::wasm::optimizer_label(self.session.direct().optimizer_kind())
        );
        let panel = RestartsPanel {
            outcomes: &outcomes,
            truth_loss: self.session.truth_loss(),
            direct_label: &label,
            highlight: usize::try_from(highlight).ok(),
            theme: &self.theme,
        };
        draw_restarts(&backend.into_drawing_area(), &panel).map_err(to_js_error)
    }
}
