//! The timeline at the boundary: the worker's `Demo` answers a rewind with a snapshot list, the page's
//! `Demo` shows it (see `gmm_core::run::timeline` for the recording rule, its memory bound and the list).

use crate::js::{argument_error, choice_error, plain_error};
use crate::wasm::{unknown_method, Demo};
use gmm_core::run::rewind::{merge_snapshots as merge_snapshot_lists, rewind_to, shown, snapshot_list, MethodView};
use gmm_core::run::timeline::{MethodId, Snap};
use js_sys::Float64Array;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Demo {
    /// Both methods at the recorded step `step` lands on (`snap`: `nearest`, `down` or `up`), as a list of
    /// numbers for [`Demo::show_snapshot`] of an identical demo. Called on the demo that steps.
    #[wasm_bindgen(js_name = timelineSnapshot)]
    pub fn timeline_snapshot(&self, step: f64, snap: &str) -> Result<Float64Array, JsValue> {
        if step.fract() != 0.0 || step < 0.0 || !step.is_finite() {
            let allowed = "a whole number from 0";
            return Err(argument_error(
                "step",
                allowed,
                &format!("step = {step} is not allowed: step must be {allowed}"),
            ));
        }
        let snap = Snap::from_name(snap).ok_or_else(|| {
            choice_error(
                "snap",
                &["nearest", "down", "up"],
                &format!("snap {snap:?} is not allowed: use nearest, down or up"),
            )
        })?;
        let list = snapshot_list(&self.session, step as usize, snap);
        Ok(Float64Array::from(&list[..]))
    }

    /// Shows the step of a [`Demo::timeline_snapshot`] list from an identical demo: the density panels,
    /// `state()`, the side questions and the loss chart's marker show that step until [`Demo::show_live`]
    /// (or a reset). A list of the current step shows the live fit.
    #[wasm_bindgen(js_name = showSnapshot)]
    pub fn show_snapshot(&mut self, list: Vec<f64>) -> Result<(), JsValue> {
        self.rewound = rewind_to(&self.session, &list).map_err(|e| plain_error(&format!("showSnapshot: {e}")))?;
        Ok(())
    }

    /// Back to showing the live fit.
    #[wasm_bindgen(js_name = showLive)]
    pub fn show_live(&mut self) {
        self.rewound = None;
    }

    /// The step shown while rewound, or `undefined` when the live fit is shown.
    #[wasm_bindgen(getter, js_name = shownStep)]
    pub fn shown_step(&self) -> Option<u32> {
        self.rewound.as_ref().map(|r| r.step as u32)
    }
}

/// The snapshot list of a demo stepping both panels, from `first` (a demo that stepped the first panel)
/// and `second` (one that stepped the second), asked for the same recorded step: see
/// `gmm_core::run::rewind::merge_snapshots`.
#[wasm_bindgen(js_name = mergeSnapshots)]
pub fn merge_snapshots(first: Vec<f64>, second: Vec<f64>) -> Result<Float64Array, JsValue> {
    let list = merge_snapshot_lists(&first, &second).map_err(|e| plain_error(&format!("mergeSnapshots: {e}")))?;
    Ok(Float64Array::from(&list[..]))
}

impl Demo {
    /// `method` as the page shows it: at the rewound step, or live.
    pub(crate) fn shown(&self, method: MethodId) -> MethodView<'_> {
        shown(&self.session, self.rewound.as_ref(), method)
    }

    /// [`Demo::shown`] by the page's name, `direct` or `em`.
    pub(crate) fn shown_named(&self, method: &str) -> Result<MethodView<'_>, JsValue> {
        MethodId::from_name(method)
            .map(|m| self.shown(m))
            .ok_or_else(|| unknown_method(method))
    }
}
