//! The browser benchmark (WebAssembly only): the workloads of [`gmm_core::benchmark`], timed with
//! `performance.now()`. `bench.html` calls these; `scripts/bench-browser.mjs` runs that page headless.

use crate::js::{argument_error, plain_error, set};
use gmm_core::benchmark::{time_classic, time_classic_half, time_steps, StepPlan, CLASSIC_STEPS, STEP_PLANS};
use gmm_core::run::config::N_RANGE;
use gmm_core::run::session::Panel;
use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;

/// A clock in seconds from `performance.now()` of the page or worker this runs in.
fn clock() -> Result<impl FnMut() -> f64, JsValue> {
    let performance = crate::js::performance()
        .ok_or_else(|| plain_error("performance.now() is not available here; the benchmark needs it"))?;
    Ok(move || performance.now() * 1e-3)
}

/// The sizes the benchmark runs, as `[{ n, batches, perBatch }]`, the same as the native `cargo bench`.
#[wasm_bindgen(js_name = benchPlans)]
pub fn bench_plans() -> Array {
    STEP_PLANS
        .iter()
        .map(|plan| {
            let o = Object::new();
            set(&o, "n", plan.n as f64);
            set(&o, "batches", plan.batches as f64);
            set(&o, "perBatch", plan.per_batch as f64);
            JsValue::from(o)
        })
        .collect()
}

/// Times Adam steps and EM iterations on `n` classic points with K = 5: the median over `batches` batches
/// of `perBatch` calls. Returns `{ n, k, gradientUs, emUs, overrelaxedUs, gradientNs, emNs, overrelaxedNs }` (microseconds per step,
/// nanoseconds per point and component).
///
/// # Errors
/// If `n` is not in 1..=1,000,000, or `batches` or `perBatch` is not in 1..=10,000.
#[wasm_bindgen(js_name = benchSteps)]
pub fn bench_steps(n: u32, batches: u32, per_batch: u32) -> Result<Object, JsValue> {
    if !N_RANGE.contains(&(n as usize)) {
        let allowed = format!("from {} to {}", N_RANGE.start(), N_RANGE.end());
        return Err(argument_error(
            "n",
            &allowed,
            &format!("n is {n}; it must be {allowed}"),
        ));
    }
    for (name, value) in [("batches", batches), ("perBatch", per_batch)] {
        if !(1..=10_000).contains(&value) {
            return Err(argument_error(
                name,
                "from 1 to 10000",
                &format!("{name} is {value}; it must be from 1 to 10000"),
            ));
        }
    }
    let plan = StepPlan {
        n: n as usize,
        batches: batches as usize,
        per_batch: per_batch as usize,
    };
    let t = time_steps(plan, &mut clock()?);
    let o = Object::new();
    set(&o, "n", t.n as f64);
    set(&o, "k", t.k as f64);
    set(&o, "gradientUs", t.gradient_seconds * 1e6);
    set(&o, "emUs", t.em_seconds * 1e6);
    set(&o, "gradientNs", t.ns_per_point_component(t.gradient_seconds));
    set(&o, "emNs", t.ns_per_point_component(t.em_seconds));
    set(&o, "overrelaxedUs", t.overrelaxed_seconds * 1e6);
    set(&o, "overrelaxedNs", t.ns_per_point_component(t.overrelaxed_seconds));
    Ok(o)
}

/// Runs the classic homework (3000 Adam steps and 3000 EM iterations, N = 5000, K = 5) in one call and
/// returns `{ ms, directSteps, emSteps, directLoss, emLoss }`.
///
/// # Errors
/// If the page has no `performance.now()`.
#[wasm_bindgen(js_name = benchClassic)]
pub fn bench_classic() -> Result<Object, JsValue> {
    let run = time_classic(&mut clock()?);
    let o = Object::new();
    set(&o, "ms", run.seconds * 1e3);
    set(&o, "steps", CLASSIC_STEPS as f64);
    set(&o, "directSteps", run.direct_steps as f64);
    set(&o, "emSteps", run.em_steps as f64);
    set(&o, "directLoss", run.direct_loss);
    set(&o, "emLoss", run.em_loss);
    Ok(o)
}

/// Runs one method's half of the classic workload (`"direct"`: 3000 Adam steps, `"em"`: 3000 EM iterations,
/// N = 5000, K = 5) in one call and returns `{ ms, steps, loss }`. `bench.html` runs the two halves one
/// after the other on the page and at the same time in two Web Workers (`www/bench/bench-worker.js`).
///
/// # Errors
/// If `panel` is neither `"direct"` nor `"em"`, or there is no `performance.now()`.
#[wasm_bindgen(js_name = benchClassicHalf)]
pub fn bench_classic_half(panel: &str) -> Result<Object, JsValue> {
    let panel = match panel {
        "direct" => Panel::Direct,
        "em" => Panel::Em,
        _ => {
            return Err(argument_error(
                "panel",
                "direct or em",
                &format!("panel is {panel:?}; it must be \"direct\" or \"em\""),
            ))
        }
    };
    let half = time_classic_half(panel, &mut clock()?);
    let o = Object::new();
    set(&o, "ms", half.seconds * 1e3);
    set(&o, "steps", half.steps as f64);
    set(&o, "loss", half.loss);
    Ok(o)
}
