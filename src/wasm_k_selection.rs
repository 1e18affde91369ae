//! The WebAssembly boundary of "K chosen by the data": a [`KSelectionRun`] advances in a worker; its
//! outcomes travel to the page as plain objects, which [`Demo::draw_k_selection`] draws.
//!
//! One outcome: `{ k, skipped: null, logLikelihood, parameters, bic, aic, heldOut (number or null), start:
//! [w1, m1, s1, ...] (the fitted mixture as flat triples), startText (the same as the `start` option's text
//! `w:m:s,...`), seed, texts: { logLikelihood, bic, aic, heldOut } (as the
//! table writes them) }`, or `{ k, skipped: "<reason>" }`.

use crate::canvas::MeasuredCanvas;
use crate::js::{argument_error, plain_error, set};
use crate::wasm::{canvas_backend, Demo};
use crate::wasm_options::{config_error_to_js, read_options};
use gmm_charts::{draw_k_selection, k_at, KSelectionPanel};
use gmm_core::format::with_digits;
use gmm_core::run::components::{components_flat, components_text};
use gmm_core::run::options::config_from_options;
use gmm_core::teach::k_selection::{k_selection_estimate_for, KChoice, KFit, KOutcome, KSelection, SPLIT_SEED};
use gmm_core::Mixture;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

/// Fits of K = 1 to 10 on a run's data, advanced in slices.
#[wasm_bindgen]
pub struct KSelectionRun {
    inner: KSelection,
}

#[wasm_bindgen]
impl KSelectionRun {
    /// `options` as for `new Demo` (the data, sampled or given, and the variance floor).
    #[wasm_bindgen(constructor)]
    pub fn new(options: &JsValue) -> Result<KSelectionRun, JsValue> {
        let config = config_from_options(&read_options(options)?).map_err(|e| config_error_to_js(&e))?;
        let inner = KSelection::from_config(&config, SPLIT_SEED).map_err(|e| config_error_to_js(&e))?;
        Ok(KSelectionRun { inner })
    }

    /// Runs up to `budget` point-component evaluations (at least 1); returns `{ done, ks, currentK (0 when
    /// finished), fraction, finished }`.
    pub fn advance(&mut self, budget: f64) -> Object {
        let p = self.inner.advance(budget.max(1.0));
        let o = Object::new();
        set(&o, "done", p.ks_done as u32);
        set(&o, "ks", p.ks as u32);
        set(&o, "currentK", p.current_k.unwrap_or(0) as u32);
        set(&o, "fraction", p.fraction);
        set(&o, "finished", p.finished);
        o
    }

    /// The Ks done so far (see the module docs).
    pub fn outcomes(&self) -> Array {
        self.inner
            .outcomes()
            .iter()
            .map(|o| JsValue::from(outcome_object(o)))
            .collect()
    }

    /// What each score chooses so far: `{ bic, aic, heldOut, truth, sentence }` (a K or null each).
    pub fn choice(&self) -> Object {
        choice_object(&self.inner.choice())
    }

    /// `{ train, test }`: the sizes of the split.
    #[wasm_bindgen(js_name = splitSizes)]
    pub fn split_sizes(&self) -> Object {
        let (train, test) = self.inner.split_sizes();
        let o = Object::new();
        set(&o, "train", train as u32);
        set(&o, "test", test as u32);
        o
    }
}

fn or_null(k: Option<usize>) -> JsValue {
    k.map_or(JsValue::NULL, |k| JsValue::from(k as u32))
}

fn choice_object(c: &KChoice) -> Object {
    let o = Object::new();
    set(&o, "bic", or_null(c.bic));
    set(&o, "aic", or_null(c.aic));
    set(&o, "heldOut", or_null(c.held_out));
    set(&o, "truth", or_null(c.truth));
    set(&o, "sentence", c.sentence().as_str());
    o
}

fn outcome_object(outcome: &KOutcome) -> Object {
    let o = Object::new();
    set(&o, "k", outcome.k() as u32);
    match outcome {
        KOutcome::Skipped { reason, .. } => set(&o, "skipped", reason.as_str()),
        KOutcome::Fitted(f) => {
            set(&o, "skipped", JsValue::NULL);
            set(&o, "logLikelihood", f.log_likelihood);
            set(&o, "parameters", f.parameters as u32);
            set(&o, "bic", f.bic);
            set(&o, "aic", f.aic);
            set(&o, "heldOut", f.held_out.map_or(JsValue::NULL, JsValue::from));
            let start: Array = components_flat(&f.model).into_iter().map(JsValue::from).collect();
            set(&o, "start", start);
            set(&o, "startText", components_text(&f.model).as_str());
            set(&o, "seed", f.seed as f64);
            // The table's cells: enough digits that neighbouring Ks' scores read apart (16412.34, 16426.91).
            let texts = Object::new();
            set(&texts, "logLikelihood", with_digits(f.log_likelihood, 7).as_str());
            set(&texts, "bic", with_digits(f.bic, 7).as_str());
            set(&texts, "aic", with_digits(f.aic, 7).as_str());
            set(
                &texts,
                "heldOut",
                f.held_out.map_or("none".to_string(), |h| with_digits(h, 5)).as_str(),
            );
            set(&o, "texts", texts);
        }
    }
    o
}

const OUTCOME_SHAPE: &str = "each outcome must be { k, skipped, logLikelihood, parameters, bic, aic, heldOut, start, \
                             seed } (as KSelectionRun.outcomes() gives them)";

fn number(o: &JsValue, key: &str) -> Result<f64, JsValue> {
    Reflect::get(o, &key.into())
        .ok()
        .and_then(|v| v.as_f64())
        .ok_or_else(|| plain_error(&format!("outcome {key} is not a number: {OUTCOME_SHAPE}")))
}

fn decode(outcomes: &JsValue) -> Result<Vec<KOutcome>, JsValue> {
    if !Array::is_array(outcomes) {
        return Err(plain_error(&format!("outcomes must be a list: {OUTCOME_SHAPE}")));
    }
    Array::from(outcomes)
        .iter()
        .map(|o| {
            let k = number(&o, "k")?;
            if !(k.fract() == 0.0 && (1.0..=10.0).contains(&k)) {
                return Err(plain_error(&format!(
                    "outcome k is not a whole number from 1 to 10: {OUTCOME_SHAPE}"
                )));
            }
            let k = k as usize;
            if let Some(reason) = Reflect::get(&o, &"skipped".into()).ok().and_then(|v| v.as_string()) {
                return Ok(KOutcome::Skipped { k, reason });
            }
            let start: Vec<f64> = Reflect::get(&o, &"start".into())
                .ok()
                .filter(Array::is_array)
                .map(|v| Array::from(&v).iter().filter_map(|x| x.as_f64()).collect())
                .unwrap_or_default();
            if start.len() != 3 * k {
                return Err(plain_error(&format!(
                    "outcome start must hold 3K numbers: {OUTCOME_SHAPE}"
                )));
            }
            let column = |c: usize| start.iter().skip(c).step_by(3).copied().collect::<Vec<f64>>();
            let model = Mixture::from_weights(&column(0), &column(1), &column(2))
                .map_err(|e| plain_error(&format!("outcome start is not a mixture ({e}): {OUTCOME_SHAPE}")))?;
            let held = Reflect::get(&o, &"heldOut".into()).ok().and_then(|v| v.as_f64());
            Ok(KOutcome::Fitted(KFit {
                k,
                log_likelihood: number(&o, "logLikelihood")?,
                parameters: number(&o, "parameters")? as usize,
                bic: number(&o, "bic")?,
                aic: number(&o, "aic")?,
                held_out: held,
                model,
                seed: number(&o, "seed")? as u64,
            }))
        })
        .collect()
}

#[wasm_bindgen]
impl Demo {
    /// Draws the K-selection chart of `outcomes` (`KSelectionRun.outcomes()`), with the truth's K `truthK`
    /// (0 for none: imported or hand-made data) and the loaded K `selected` (0 for none).
    #[wasm_bindgen(js_name = drawKSelection)]
    pub fn draw_k_selection(
        &self,
        canvas: JsValue,
        outcomes: JsValue,
        truth_k: u32,
        selected: u32,
    ) -> Result<(), JsValue> {
        let outcomes = decode(&outcomes)?;
        let backend: MeasuredCanvas = canvas_backend(canvas, "drawKSelection")?;
        let nonzero = |v: u32| (v > 0).then_some(v as usize);
        let panel = KSelectionPanel {
            outcomes: &outcomes,
            choice: KChoice::of(&outcomes, nonzero(truth_k)),
            selected: nonzero(selected),
            theme: &self.theme,
        };
        let layout = gmm_charts::record(backend, |area| draw_k_selection(area, &panel))
            .map_err(|e| plain_error(&e.to_string()))?;
        self.layouts.keep("kSelection", layout);
        Ok(())
    }

    /// The K under the CSS pixel `(x, y)` of the last K-selection chart drawn, or 0 outside its panels.
    #[wasm_bindgen(js_name = kSelectionAt)]
    pub fn k_selection_at(&self, x: f64, y: f64) -> Result<u32, JsValue> {
        if !(x.is_finite() && y.is_finite()) {
            return Err(argument_error(
                "x, y",
                "finite numbers",
                "kSelectionAt needs finite x and y",
            ));
        }
        let plots = self.layouts.plots("kSelection");
        Ok(k_at(&plots, x.round() as i32, y.round() as i32).unwrap_or(0) as u32)
    }

    /// How long the K selection may take on this run's data, before it starts: `{ seconds, measured,
    /// refused, sentence }` (see `gmm_core::teach::k_selection::k_selection_estimate`).
    #[wasm_bindgen(js_name = kSelectionEstimate)]
    pub fn k_selection_estimate(&self) -> Object {
        let e = k_selection_estimate_for(&self.session);
        let o = Object::new();
        set(&o, "seconds", e.seconds);
        set(&o, "measured", e.measured);
        set(&o, "refused", e.refused);
        set(&o, "sentence", e.sentence(self.session.data().len()).as_str());
        o
    }
}
