//! The WebAssembly boundary of the restarts experiment: a [`RestartsRun`] steps in a worker; its outcomes
//! travel to the page as plain objects, which [`Demo::draw_restarts`] draws.
//!
//! One outcome: `{ index, initSeed, direct: { loss, status, stopStep }, em: { loss, status, stopStep } }`,
//! with `status` named as in a session's state (`running`, `converged`, `step-limit`, `diverged`).

use crate::canvas::MeasuredCanvas;
use crate::js::set;
use crate::js::{argument_error, choice_error, plain_error};
use crate::wasm::{canvas_backend, Demo};
use crate::wasm_options::config_error_to_js;
use crate::wasm_options::read_options;
use gmm_charts::{draw_restarts, RestartsPanel};
use gmm_core::fit::init::InitStrategy;
use gmm_core::format::short_count;
use gmm_core::run::options::config_from_options;
use gmm_core::run::session::Status;
use gmm_core::teach::restarts::{MethodOutcome, RestartOutcome, Restarts};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

fn to_js_error(e: impl std::fmt::Display) -> JsValue {
    plain_error(&e.to_string())
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
            choice_error(
                "init",
                &["near-zero", "from-data", "kmeans++"],
                &format!("init {init:?} is not allowed: use near-zero, from-data or kmeans++"),
            )
        })?;
        let whole = |v: f64, name: &str, max: f64| {
            if v.fract() == 0.0 && (0.0..=max).contains(&v) {
                Ok(v as u64)
            } else {
                let allowed = format!("a whole number from 0 to {max}");
                Err(argument_error(
                    name,
                    &allowed,
                    &format!("{name} = {} is not allowed: {name} must be {allowed}", short_count(v)),
                ))
            }
        };
        let base_seed = whole(base_seed, "baseSeed", u32::MAX as f64)?;
        let restarts = whole(restarts, "restarts", 1e9)? as usize;
        let inner = Restarts::new(&config, init, base_seed, restarts).map_err(to_js_error)?;
        Ok(RestartsRun { inner })
    }

    /// Runs up to `budget` steps (of both methods), across restarts; returns `{ done, restarts,
    /// currentStep, maxSteps, fraction, finished }`.
    pub fn advance(&mut self, budget: u32) -> Result<Object, JsValue> {
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

    /// The finished restarts' outcomes (see the module docs).
    pub fn outcomes(&self) -> Array {
        self.inner
            .outcomes()
            .iter()
            .map(|o| JsValue::from(outcome_object(o)))
            .collect()
    }
}

fn method_object(m: &MethodOutcome) -> Object {
    let o = Object::new();
    set(&o, "loss", m.final_loss);
    set(&o, "status", m.status.name());
    set(&o, "stopStep", m.stop_step as u32);
    o
}

fn outcome_object(r: &RestartOutcome) -> Object {
    let o = Object::new();
    set(&o, "index", r.index as u32);
    set(&o, "initSeed", r.init_seed as f64);
    set(&o, "direct", method_object(&r.direct));
    set(&o, "em", method_object(&r.em));
    o
}

const OUTCOME_SHAPE: &str =
    "each outcome must be { index, initSeed, direct: { loss, status, stopStep }, em: { ... } } \
                             (as RestartsRun.outcomes() gives them)";

fn field(o: &JsValue, key: &str) -> Result<JsValue, JsValue> {
    Reflect::get(o, &key.into())
        .ok()
        .filter(|v| !v.is_undefined())
        .ok_or_else(|| plain_error(&format!("outcome has no {key}: {OUTCOME_SHAPE}")))
}

fn count(o: &JsValue, key: &str) -> Result<f64, JsValue> {
    field(o, key)?
        .as_f64()
        .filter(|v| v.fract() == 0.0 && *v >= 0.0)
        .ok_or_else(|| plain_error(&format!("outcome {key} is not a whole number: {OUTCOME_SHAPE}")))
}

fn decode_method(o: &JsValue) -> Result<MethodOutcome, JsValue> {
    let stop_step = count(o, "stopStep")? as usize;
    let status = match field(o, "status")?.as_string().as_deref() {
        Some("running") => Status::Running,
        Some("converged") => Status::Converged { step: stop_step },
        Some("step-limit") => Status::StepLimit { step: stop_step },
        Some("diverged") => Status::Diverged { step: stop_step },
        _ => return Err(plain_error(&format!("outcome status is unknown: {OUTCOME_SHAPE}"))),
    };
    let final_loss = field(o, "loss")?
        .as_f64()
        .ok_or_else(|| plain_error(&format!("outcome loss is not a number: {OUTCOME_SHAPE}")))?;
    Ok(MethodOutcome {
        final_loss,
        status,
        stop_step,
    })
}

fn decode(outcomes: &JsValue) -> Result<Vec<RestartOutcome>, JsValue> {
    if !Array::is_array(outcomes) {
        return Err(plain_error(&format!("outcomes must be a list: {OUTCOME_SHAPE}")));
    }
    Array::from(outcomes)
        .iter()
        .map(|o| {
            Ok(RestartOutcome {
                index: count(&o, "index")? as usize,
                init_seed: count(&o, "initSeed")? as u64,
                direct: decode_method(&field(&o, "direct")?)?,
                em: decode_method(&field(&o, "em")?)?,
            })
        })
        .collect()
}

#[wasm_bindgen]
impl Demo {
    /// Draws the final losses of restarts (`RestartsRun.outcomes()`), with this run's truth loss as the
    /// reference line; `highlight` marks one restart (or none with -1).
    #[wasm_bindgen(js_name = drawRestarts)]
    pub fn draw_restarts(&self, canvas: JsValue, outcomes: JsValue, highlight: i32) -> Result<(), JsValue> {
        let outcomes = decode(&outcomes)?;
        let backend: MeasuredCanvas = canvas_backend(canvas, "drawRestarts")?;
        let labels = self.panel_labels();
        let panel = RestartsPanel {
            outcomes: &outcomes,
            truth_loss: self.session.truth_loss(),
            direct_label: &labels[0],
            em_label: &labels[1],
            highlight: usize::try_from(highlight).ok(),
            theme: &self.theme,
        };
        let layout = gmm_charts::record(backend, |area| draw_restarts(area, &panel)).map_err(to_js_error)?;
        self.layouts.keep("restarts", layout);
        Ok(())
    }
}

#[wasm_bindgen]
impl Demo {
    /// How long `restarts` runs of this run's settings may take, before they start: `{ seconds, measured,
    /// refused, sentence }` (see `gmm_core::teach::restarts_estimate`; `refused`: more than the page runs).
    #[wasm_bindgen(js_name = restartsEstimate)]
    pub fn restarts_estimate(&self, restarts: u32) -> Object {
        let s = &self.session;
        let max_steps = s.config().max_steps;
        let e = gmm_core::teach::restarts_estimate::restarts_estimate(
            restarts as usize,
            max_steps,
            s.data().len(),
            s.config().k,
            [s.direct_track().seconds_per_step(), s.em_track().seconds_per_step()],
        );
        let o = Object::new();
        set(&o, "seconds", e.seconds);
        set(&o, "measured", e.measured);
        set(&o, "refused", e.refused);
        set(&o, "sentence", e.sentence(restarts as usize, max_steps).as_str());
        o
    }
}
