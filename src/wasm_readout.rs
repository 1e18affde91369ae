//! The WebAssembly boundary of the hover readouts: what lies under a pixel column of a chart, in words
//! (see [`gmm_charts::readout`]), for the pointer and for the keyboard's cursor alike.

use crate::js::{choice_error, set};
use crate::js_layout::rect;
use crate::wasm::Demo;
use gmm_charts::loss_step_scale;
use gmm_charts::readout::{density_readout, loss_readout, value_at_pixel, LossAt};
use gmm_charts::ticks::Scale;
use gmm_core::run::loss_view::StepAxis;
use gmm_core::run::timeline::MethodId;
use js_sys::Object;
use wasm_bindgen::prelude::*;

const CHARTS: [&str; 3] = ["direct", "em", "loss"];

#[wasm_bindgen]
impl Demo {
    /// The readout at CSS pixel column `x` of chart `direct`, `em` or `loss`, as last drawn:
    /// `{ text, plot: { x0, y0, x1, y1 } }`, or `null` when `x` lies off the plotting area or the chart has
    /// not been drawn yet.
    #[wasm_bindgen(js_name = readoutAt)]
    pub fn readout_at(&self, chart: &str, x: f64) -> Result<JsValue, JsValue> {
        if !CHARTS.contains(&chart) {
            return Err(choice_error(
                "chart",
                &CHARTS,
                &format!("chart {chart:?} is not allowed: use direct, em or loss"),
            ));
        }
        let Some(plot) = self.layouts.plot(chart) else {
            return Ok(JsValue::NULL);
        };
        let text = match chart {
            "loss" => {
                let labels = self.panel_labels();
                let panel = self.loss_panel(&labels);
                value_at_pixel(x, &plot, loss_step_scale(&panel)).map(|at| {
                    let s = &self.session;
                    let at = match panel.step_axis {
                        StepAxis::Time => LossAt::Seconds(at, panel.seconds),
                        _ => LossAt::Step(at.round().max(0.0) as usize),
                    };
                    loss_readout(
                        at,
                        [s.direct().kind().in_prose(), s.em().kind().in_prose()],
                        [s.direct_track().losses(), s.em_track().losses()],
                        s.truth_loss(),
                        s.best_loss(),
                    )
                })
            }
            _ => {
                let (lo, hi) = self.scene.x_range;
                let method = if chart == "direct" {
                    MethodId::Direct
                } else {
                    MethodId::Em
                };
                let shown = self.shown(method);
                value_at_pixel(x, &plot, Scale::Linear(lo, hi))
                    .map(|v| density_readout(v, shown.model, self.session.truth(), &self.scene.histogram))
            }
        };
        Ok(text.map_or(JsValue::NULL, |t| {
            let o = Object::new();
            set(&o, "text", t);
            set(&o, "plot", rect(&plot));
            o.into()
        }))
    }
}
