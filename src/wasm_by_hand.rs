//! The WebAssembly boundary of data and a start placed by hand: where a pixel of a density panel lies on
//! the data's axis (and back), the data after a click's edit ([`gmm_core::data::hand`]), and the run's
//! start as the `start` option reads it ([`gmm_core::run::components`]). Conversions only.

use crate::js::{argument_error, choice_error, set};
use crate::wasm::Demo;
use gmm_charts::readout::{pixel_of_value, value_at_pixel};
use gmm_charts::ticks::Scale;
use gmm_charts::Rect;
use gmm_core::data::hand::DataEdit;
use gmm_core::run::components::{components_flat, components_text};
use gmm_core::teach::start_challenge::{start_challenge_result, START_CHALLENGE};
use gmm_core::teach::verdict::verdict;
use js_sys::{Float64Array, Object};
use wasm_bindgen::prelude::*;

const PANELS: [&str; 2] = ["direct", "em"];
const EDITS: [&str; 3] = ["add", "cluster", "remove"];

fn panel_error(chart: &str) -> JsValue {
    choice_error(
        "chart",
        &PANELS,
        &format!("chart {chart:?} is not allowed: use direct or em"),
    )
}

impl Demo {
    /// The last drawn plot of density panel `chart` and its x scale (`None` before the first drawing).
    fn panel_axis(&self, chart: &str) -> Result<Option<(Rect, Scale)>, JsValue> {
        if !PANELS.contains(&chart) {
            return Err(panel_error(chart));
        }
        let (lo, hi) = self.scene.x_range;
        Ok(self.layouts.plot(chart).map(|plot| (plot, Scale::Linear(lo, hi))))
    }
}

#[wasm_bindgen]
impl Demo {
    /// The data value at CSS pixel column `px` of density panel `chart` ("direct" or "em"), as last drawn;
    /// `null` off the plot or before the first drawing.
    #[wasm_bindgen(js_name = xAtPixel)]
    pub fn x_at_pixel(&self, chart: &str, px: f64) -> Result<Option<f64>, JsValue> {
        Ok(self
            .panel_axis(chart)?
            .and_then(|(plot, scale)| value_at_pixel(px, &plot, scale)))
    }

    /// The CSS pixel column of data value `x` on density panel `chart`, as last drawn (`null` before the
    /// first drawing); a value off the axis gives a column off the plot.
    #[wasm_bindgen(js_name = pixelOfX)]
    pub fn pixel_of_x(&self, chart: &str, x: f64) -> Result<Option<f64>, JsValue> {
        Ok(self
            .panel_axis(chart)?
            .map(|(plot, scale)| pixel_of_value(x, &plot, scale)))
    }

    /// The run's data after one edit: `"add"` a point at `x`, `"cluster"` (20 points around `x`, spread
    /// `spread`), `"remove"` the point nearest `x`. The run is not changed: pass the result as the `data`
    /// option of a new run.
    ///
    /// # Errors
    /// A JS `Error` (`field` `edit`, `x` or `spread`) for an unknown edit, an `x` beyond ±1e100, a spread
    /// not above 0, more than 1,000,000 points or none left.
    #[wasm_bindgen(js_name = editedData)]
    pub fn edited_data(&self, edit: &str, x: f64, spread: Option<f64>) -> Result<Float64Array, JsValue> {
        let edit = match edit {
            "add" => DataEdit::Add { x },
            "cluster" => DataEdit::AddCluster {
                x,
                spread: spread.unwrap_or(f64::NAN),
            },
            "remove" => DataEdit::RemoveNearest { x },
            other => {
                return Err(choice_error(
                    "edit",
                    &EDITS,
                    &format!("edit {other:?} is not allowed: use add, cluster or remove"),
                ))
            }
        };
        let (data, _) = edit.apply(self.session.data()).map_err(|e| {
            let field = if e.to_string().starts_with("spread") {
                "spread"
            } else {
                "x"
            };
            argument_error(field, "a finite number within ±1e100", &e.to_string())
        })?;
        Ok(Float64Array::from(data.as_slice()))
    }

    /// The shared start of both methods as flat triples `[w1, m1, s1, w2, ...]` (normalised weights).
    #[wasm_bindgen(js_name = startComponents)]
    pub fn start_components(&self) -> Float64Array {
        Float64Array::from(components_flat(self.session.initial()).as_slice())
    }

    /// The shared start as the `start` option's text, `weight:mean:sigma,...`.
    #[wasm_bindgen(js_name = startText)]
    pub fn start_text(&self) -> String {
        components_text(self.session.initial())
    }

    /// The ground truth as the `truth` option's text (`null` for data without one).
    #[wasm_bindgen(js_name = truthText)]
    pub fn truth_text(&self) -> Option<String> {
        self.session.truth().map(components_text)
    }

    /// The classic preset's challenge (find a start from which EM beats gradient descent) and this run's
    /// answer: `{ challenge, solved, result }`, `result` a sentence once the run has ended (null before,
    /// and when the panels do not race EM against gradient descent). Once ended, costs the verdict's pass
    /// over the data.
    #[wasm_bindgen(js_name = startChallenge)]
    pub fn start_challenge(&self) -> Object {
        // The verdict (a pass over the data) only once the run has ended: before, there is no answer.
        let answer = self
            .session
            .finished()
            .then(|| start_challenge_result(&verdict(&self.session)))
            .flatten();
        let out = Object::new();
        set(&out, "challenge", START_CHALLENGE);
        set(&out, "solved", answer.as_ref().is_some_and(|a| a.solved));
        set(
            &out,
            "result",
            answer.map_or(JsValue::NULL, |a| JsValue::from(a.sentence)),
        );
        out
    }
}
