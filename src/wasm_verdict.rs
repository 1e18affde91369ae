//! The WebAssembly boundary of the lesson's ending: the best-fit search ([`BestFitRun`], stepped in its own
//! worker), the reference it hands to the page's [`Demo`], the loss chart's view, and the verdict in words.
//!
//! A best fit travels as `{ loss, params (3K numbers: logits, means, log-sigmas), init, seed }`.

use crate::js::{argument_error, choice_error, set};
use crate::wasm::Demo;
use crate::wasm_options::config_error_to_js;
use crate::wasm_options::read_options;
use gmm_core::fit::init::InitStrategy;
use gmm_core::fit::method::MethodKind;
use gmm_core::model::mixture::Mixture;
use gmm_core::run::best_fit::{BestFit, BestFitSearch};
use gmm_core::run::loss_view::{LossView, StepAxis};
use gmm_core::run::options::config_from_options;
use gmm_core::run::session::{FitSession, Status};
use gmm_core::run::third_way::{RunSettings, ThirdWay};
use gmm_core::run::third_way_run::ThirdWayRun;
use gmm_core::teach::verdict::{verdict, MethodVerdict, View};
use gmm_core::teach::verdict_text::{verdict_text, MethodText};
use js_sys::{Array, Float64Array, Object};
use wasm_bindgen::prelude::*;

/// The best fit found on a run's data and K (EM from several good starts), then the third way (the method
/// neither panel runs, from the run's start), advanced in slices.
#[wasm_bindgen]
pub struct BestFitRun {
    search: BestFitSearch,
    third: ThirdWayRun,
}

#[wasm_bindgen]
impl BestFitRun {
    /// `options` as for `new Demo`: the same data, K and variance floor.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &JsValue) -> Result<BestFitRun, JsValue> {
        let config = config_from_options(&read_options(options)?).map_err(|e| config_error_to_js(&e))?;
        let floor = config.variance_floor;
        let session = FitSession::new(config).map_err(|e| config_error_to_js(&e))?;
        let k = session.config().k;
        Ok(BestFitRun {
            search: BestFitSearch::new(session.data().to_vec(), k, floor),
            third: ThirdWayRun::new(&session),
        })
    }

    /// Runs up to `iterations` iterations (a whole number from 1 to 100,000) of the search, then of the
    /// third way; true once both are finished.
    pub fn advance(&mut self, iterations: f64) -> Result<bool, JsValue> {
        if !(iterations.fract() == 0.0 && (1.0..=100_000.0).contains(&iterations)) {
            let allowed = "a whole number from 1 to 100000";
            return Err(argument_error(
                "iterations",
                allowed,
                &format!("iterations must be {allowed}"),
            ));
        }
        let iterations = iterations as usize;
        if !self.search.finished() {
            self.search.advance(iterations);
        } else {
            self.third.advance(iterations);
        }
        Ok(self.search.finished() && self.third.finished())
    }

    /// The share of the search done, from 0 to 1 (the third way after it: `thirdWay().fraction`).
    #[wasm_bindgen(js_name = fractionDone)]
    pub fn fraction_done(&self) -> f64 {
        self.search.fraction_done()
    }

    /// The third way so far: `{ kind, status, stopStep, steps, settled, finalLoss, fraction, settingsKey }`
    /// (`stopStep`, `settled`: null when none), for `Demo.setThirdWay`.
    #[wasm_bindgen(js_name = thirdWay)]
    pub fn third_way(&self) -> Object {
        let t = self.third.result();
        let o = Object::new();
        set(&o, "kind", t.kind.name());
        set(&o, "status", t.status.name());
        set(&o, "stopStep", optional_step(t.status.stopped_at()));
        set(&o, "steps", t.steps as f64);
        set(&o, "settled", optional_step(t.settled));
        set(&o, "finalLoss", t.final_loss);
        set(&o, "fraction", self.third.fraction_done());
        set(&o, "settingsKey", t.settings.key().as_str());
        o
    }

    /// The best fit so far as `{ loss, params, init, seed }`, or `null` before the first start ends.
    pub fn best(&self) -> JsValue {
        self.search.best().map_or(JsValue::NULL, |b| {
            let o = Object::new();
            set(&o, "loss", b.loss);
            set(&o, "params", Float64Array::from(b.model.flat()));
            set(&o, "init", b.init.name());
            set(&o, "seed", b.seed as f64);
            o.into()
        })
    }
}

#[wasm_bindgen]
impl Demo {
    /// Hands the page's copy the best fit a [`BestFitRun`] found on the same options (see the module's
    /// layout); the gap view and the verdict use it. Throws if it does not fit this run (another K, a
    /// loss that is not finite, an unknown start).
    #[wasm_bindgen(js_name = setReference)]
    pub fn set_reference(&mut self, loss: f64, params: Vec<f64>, init: &str, seed: f64) -> Result<(), JsValue> {
        let k = self.session.config().k;
        if params.len() != 3 * k {
            let allowed = format!("{} numbers (3K for K = {k})", 3 * k);
            return Err(argument_error(
                "params",
                &allowed,
                &format!("params must hold {allowed}"),
            ));
        }
        if !loss.is_finite() {
            return Err(argument_error(
                "loss",
                "a finite number",
                "loss must be a finite number",
            ));
        }
        let model =
            Mixture::from_flat(&params).map_err(|e| argument_error("params", "valid parameters", &e.to_string()))?;
        let init = InitStrategy::from_name(init).ok_or_else(|| {
            choice_error(
                "init",
                &["from-data", "kmeans++"],
                &format!("init {init:?} is not a search start"),
            )
        })?;
        if !(seed.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(&seed)) {
            return Err(argument_error("seed", "a whole number", "seed must be a whole number"));
        }
        self.session.set_reference(BestFit {
            loss,
            model,
            init,
            seed: seed as u64,
        });
        Ok(())
    }

    /// Hands the page's copy the third way a [`BestFitRun`] on the same options ran (`thirdWay()`); returns
    /// false, and keeps nothing, when it ran with other settings than this run has now (a setting changed
    /// since). Throws on a malformed report.
    #[wasm_bindgen(js_name = setThirdWay)]
    pub fn set_third_way(&mut self, report: &JsValue) -> Result<bool, JsValue> {
        let text = |name: &str| {
            js_sys::Reflect::get(report, &name.into())
                .ok()
                .and_then(|v| v.as_string())
        };
        let number = |name: &str| js_sys::Reflect::get(report, &name.into()).ok().and_then(|v| v.as_f64());
        let settings = RunSettings::of(self.session.config());
        if text("settingsKey").as_deref() != Some(settings.key().as_str()) {
            return Ok(false);
        }
        let whole = |v: Option<f64>| {
            v.filter(|x| x.fract() == 0.0 && (0.0..=1e9).contains(x))
                .map(|x| x as usize)
        };
        let bad = |field: &str| argument_error(field, "a third-way report", &format!("thirdWay {field} is malformed"));
        let kind = text("kind")
            .and_then(|k| MethodKind::from_name(&k))
            .ok_or_else(|| bad("kind"))?;
        let steps = whole(number("steps")).ok_or_else(|| bad("steps"))?;
        let stop = whole(number("stopStep"));
        let status = match (text("status").as_deref(), stop) {
            (Some("running"), _) => Status::Running,
            (Some("converged"), Some(step)) => Status::Converged { step },
            (Some("step-limit"), Some(step)) => Status::StepLimit { step },
            (Some("diverged"), Some(step)) => Status::Diverged { step },
            _ => return Err(bad("status")),
        };
        let final_loss = number("finalLoss")
            .filter(|l| l.is_finite())
            .ok_or_else(|| bad("finalLoss"))?;
        self.session.set_third_way(ThirdWay {
            kind,
            status,
            steps,
            settled: whole(number("settled")),
            final_loss,
            settings,
        });
        Ok(true)
    }

    /// The lowest mean NLL known on this data and K (the search's, or a method's if lower), or `null`
    /// before the search has reported.
    #[wasm_bindgen(js_name = bestLoss)]
    pub fn best_loss(&self) -> JsValue {
        self.session.best_loss().map_or(JsValue::NULL, JsValue::from)
    }

    /// How the loss chart shows the run: `view` `gap` or `loss`, `stepAxis` `log` or `linear`.
    #[wasm_bindgen(js_name = setLossView)]
    pub fn set_loss_view(&mut self, view: &str, step_axis: &str) -> Result<(), JsValue> {
        let names = |all: &[&'static str]| all.to_vec();
        self.loss_view = LossView::from_name(view).ok_or_else(|| {
            choice_error(
                "lossView",
                &names(&LossView::ALL.map(LossView::name)),
                &format!("lossView {view:?} is not allowed: use gap or loss"),
            )
        })?;
        self.step_axis = StepAxis::from_name(step_axis).ok_or_else(|| {
            choice_error(
                "stepAxis",
                &names(&StepAxis::ALL.map(StepAxis::name)),
                &format!("stepAxis {step_axis:?} is not allowed: use log or linear"),
            )
        })?;
        Ok(())
    }

    /// The view the loss chart draws now: `gap` once the best fit is known (if asked for), else `loss`.
    #[wasm_bindgen(js_name = shownLossView)]
    pub fn shown_loss_view(&self) -> String {
        self.loss_view.shown(self.session.best_loss()).name().into()
    }

    /// The verdict on the run as it stands: `{ finished, step, headline, winner ("direct", "em" or null),
    /// margin (per point), total (margin x N), bestLoss, direct: M, em: M }` with each `M` =
    /// `{ finalLoss, settledStep (null: not settled), gap, reachedBest, beatSearchBy, summary, reasons: [{ text, view,
    /// iteration? }] }` (`view`: `em-steps`, `trajectories` or `landscape`, the section that shows it).
    pub fn verdict(&self) -> Object {
        let v = verdict(&self.session);
        let words = verdict_text(&v);
        let out = Object::new();
        set(&out, "finished", v.finished);
        set(&out, "step", v.step as u32);
        set(&out, "headline", words.headline.as_str());
        let winner = v.winner.map_or(JsValue::NULL, |w| match w {
            gmm_core::teach::verdict::Which::Direct => "direct".into(),
            gmm_core::teach::verdict::Which::Em => "em".into(),
        });
        set(&out, "winner", winner);
        set(&out, "margin", v.margin);
        set(&out, "total", v.margin * v.n as f64);
        set(&out, "bestLoss", v.best_loss.map_or(JsValue::NULL, JsValue::from));
        set(&out, "direct", method_object(&v.direct, &words.direct));
        set(&out, "em", method_object(&v.em, &words.em));
        set(&out, "threeWays", words.three_ways.map_or(JsValue::NULL, JsValue::from));
        out
    }
}

fn method_object(m: &MethodVerdict, words: &MethodText) -> Object {
    let o = Object::new();
    set(&o, "finalLoss", m.final_loss);
    set(
        &o,
        "settledStep",
        m.settled_step.map_or(JsValue::NULL, |t| JsValue::from(t as u32)),
    );
    set(&o, "gap", m.gap.map_or(JsValue::NULL, JsValue::from));
    set(&o, "reachedBest", m.reached_best().map_or(JsValue::NULL, JsValue::from));
    set(
        &o,
        "beatSearchBy",
        m.beat_search_by.map_or(JsValue::NULL, JsValue::from),
    );
    set(&o, "summary", words.summary.as_str());
    let reasons: Array = words
        .reasons
        .iter()
        .map(|(text, view)| {
            let r = Object::new();
            set(&r, "text", text.as_str());
            match view {
                View::StepThrough { iteration } => {
                    set(&r, "view", "em-steps");
                    set(&r, "iteration", *iteration);
                }
                View::Trajectories => set(&r, "view", "trajectories"),
                View::Landscape => set(&r, "view", "landscape"),
            }
            JsValue::from(r)
        })
        .collect();
    set(&o, "reasons", reasons);
    o
}

/// A step as a JS number, or `null`.
fn optional_step(step: Option<usize>) -> JsValue {
    step.map_or(JsValue::NULL, |t| JsValue::from(t as f64))
}
