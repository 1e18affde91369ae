//! A mixture fitted elsewhere on both density panels, at the boundary: `compare(logits, means,
//! logSigmas)` (the homework's parameterisation) hands the vectors to [`Comparison`] in gmm-core, which
//! checks them and computes the loss, and to the scene, which draws the curve; `clearComparison()`.

use crate::density_background::DensityBackground;
use crate::js::{argument_error, set};
use crate::wasm::{parameters, Demo};
use gmm_core::run::comparison::Comparison;
use js_sys::Object;
use wasm_bindgen::prelude::*;

/// What `compare` accepts, in words (an Error's `allowed.text`).
const ALLOWED: &str = "K >= 1 logits, K means and K log sigmas, each a finite number";

#[wasm_bindgen]
impl Demo {
    /// Shows the mixture with weights `softmax(logits)`, means `means` and sigmas `exp(logSigmas)` (e.g. a
    /// student's own fit) on both density panels, dotted, and returns its state (see `comparison`). It
    /// stays until `clearComparison()`; the loss is on this demo's data.
    ///
    /// Throws an `Error` with `field: "compare"` and the mixture's problem (lengths that differ, a value
    /// that is not finite, a logit or log sigma out of range); the panels then keep what they showed.
    pub fn compare(&mut self, logits: Vec<f64>, means: Vec<f64>, log_sigmas: Vec<f64>) -> Result<JsValue, JsValue> {
        let comparison = Comparison::new(&self.session, &logits, &means, &log_sigmas)
            .map_err(|e| argument_error("compare", ALLOWED, &e.to_string()))?;
        self.scene.set_comparison(Some(comparison.mixture()));
        self.comparison = Some(comparison);
        self.redraw_background();
        Ok(self.comparison_state())
    }

    /// Removes the compared mixture from both panels.
    #[wasm_bindgen(js_name = clearComparison)]
    pub fn clear_comparison(&mut self) {
        self.scene.set_comparison(None);
        self.comparison = None;
        self.redraw_background();
    }

    /// The compared mixture: `{ loss, weights, means, sigmas }` (the loss on this demo's data), or null.
    #[wasm_bindgen(getter)]
    pub fn comparison(&self) -> JsValue {
        self.comparison_state()
    }
}

impl Demo {
    pub(crate) fn comparison_state(&self) -> JsValue {
        self.comparison.as_ref().map_or(JsValue::NULL, |c| {
            let o: Object = parameters(c.mixture());
            set(&o, "loss", c.loss());
            o.into()
        })
    }

    /// The scene changed: the density panels' cached background is drawn again at the next frame.
    fn redraw_background(&mut self) {
        *self.density_background.get_mut() = DensityBackground::default();
    }
}
