//! The lesson's ending at the WebAssembly boundary, in real browsers: the best-fit search gives the same
//! fit as natively, the page's demo takes it as its reference, and the verdict, the loss view and the hover
//! readouts answer, refusing bad arguments with `Error`s that carry `field`.
#![cfg(target_arch = "wasm32")]

use gmm_core::run::best_fit::BestFitSearch;
use gmm_core::run::options::{config_from_options, OptionValue};
use gmm_core::FitSession;
use gmm_two_ways::wasm::Demo;
use gmm_two_ways::wasm_verdict::BestFitRun;
use js_sys::{Array, Float64Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod browser;
use browser::{canvas, get, options, thrown_message};

wasm_bindgen_test_configure!(run_in_browser);

fn separated() -> JsValue {
    options(&[("preset", "separated".into())])
}

fn field(error: JsValue) -> String {
    get(&error, "field").as_string().unwrap_or_default()
}

#[wasm_bindgen_test]
fn the_search_finds_the_native_best_fit_and_the_demo_measures_against_it() {
    let mut run = BestFitRun::new(&separated()).unwrap();
    while !run.advance(50.0).unwrap() {}
    assert_eq!(run.fraction_done(), 1.0);
    let best = run.best();
    let loss = get(&best, "loss").as_f64().unwrap();
    // Natively (the same code, compiled for this target) on the same data: bit for bit.
    let config = config_from_options(&[("preset".into(), OptionValue::Text("separated".into()))]).unwrap();
    let session = FitSession::new(config).unwrap();
    let mut search = BestFitSearch::new(session.data().to_vec(), 3, session.config().variance_floor);
    while !search.advance(50) {}
    assert_eq!(loss, search.best().unwrap().loss);

    let mut demo = Demo::new(&separated()).unwrap();
    assert!(demo.best_loss().is_null(), "no best fit before the search reports");
    let params: Vec<f64> = get(&best, "params").unchecked_into::<Float64Array>().to_vec();
    let init = get(&best, "init").as_string().unwrap();
    let seed = get(&best, "seed").as_f64().unwrap();
    demo.set_reference(loss, params.clone(), &init, seed).unwrap();
    assert!(demo.best_loss().as_f64().unwrap() <= loss);
    assert_eq!(demo.shown_loss_view(), "gap");
    demo.advance(3000.0).unwrap();
    let verdict = demo.verdict();
    assert_eq!(get(&verdict, "finished").as_bool(), Some(true));
    let headline = get(&verdict, "headline").as_string().unwrap();
    assert!(headline.contains("EM settled first"), "{headline}");
    let em = get(&verdict, "em");
    assert_eq!(get(&em, "reachedBest").as_bool(), Some(true));

    // Refused: a reference for another K, an unknown start, a loss that is not finite.
    assert_eq!(
        field(demo.set_reference(loss, vec![0.0; 6], &init, seed).unwrap_err()),
        "params"
    );
    assert_eq!(
        field(
            demo.set_reference(loss, params.clone(), "near-zero?", seed)
                .unwrap_err()
        ),
        "init"
    );
    assert_eq!(
        field(demo.set_reference(f64::NAN, params, &init, seed).unwrap_err()),
        "loss"
    );
    assert_eq!(
        field(BestFitRun::new(&separated()).unwrap().advance(0.5).unwrap_err()),
        "iterations"
    );
}

#[wasm_bindgen_test]
fn the_loss_view_and_the_readouts_refuse_what_they_do_not_know() {
    let mut demo = Demo::new(&separated()).unwrap();
    let error = demo.set_loss_view("bogus", "log").unwrap_err();
    assert_eq!(field(error.clone()), "lossView");
    let allowed: Array = get(&get(&error, "allowed"), "oneOf").unchecked_into();
    assert_eq!(allowed.length(), 2);
    assert_eq!(field(demo.set_loss_view("gap", "sideways").unwrap_err()), "stepAxis");
    demo.set_loss_view("loss", "linear").unwrap();
    assert_eq!(demo.shown_loss_view(), "loss");
    assert!(thrown_message(demo.readout_at("pie", 10.0)).contains("use direct, em or loss"));
    assert!(demo.readout_at("loss", 100.0).unwrap().is_null(), "nothing drawn yet");
    demo.advance(40.0).unwrap();
    demo.draw_loss(canvas(600, 280).into()).unwrap();
    let layout = demo.chart_layout("loss").unwrap();
    let plot = get(&get(&layout, "plots"), "0");
    let (x0, x1) = (get(&plot, "x0").as_f64().unwrap(), get(&plot, "x1").as_f64().unwrap());
    // The plot's last column is the last step; left of the plot there is nothing to read.
    let end = demo.readout_at("loss", x1 - 1.0).unwrap();
    assert!(
        get(&end, "text").as_string().unwrap().starts_with("step 40:"),
        "{end:?}"
    );
    assert!(demo.readout_at("loss", x0 - 5.0).unwrap().is_null());
}

#[wasm_bindgen_test]
fn the_third_way_runs_after_the_search_as_natively_and_the_verdict_says_where_all_three_settled() {
    use gmm_core::run::third_way_run::ThirdWayRun;
    let opts = options(&[("preset", "separated".into()), ("maxSteps", 300.into())]);
    let mut run = BestFitRun::new(&opts).unwrap();
    while !run.advance(64.0).unwrap() {}
    let third = run.third_way();
    assert_eq!(get(&third, "kind").as_string().unwrap(), "overrelaxed-em");
    assert_eq!(get(&third, "fraction").as_f64(), Some(1.0));
    // Natively, the same run, bit for bit.
    let config = config_from_options(&[
        ("preset".into(), OptionValue::Text("separated".into())),
        ("maxSteps".into(), OptionValue::Number(300.0)),
    ])
    .unwrap();
    let mut native = ThirdWayRun::new(&FitSession::new(config).unwrap());
    while !native.advance(64) {}
    let n = native.result();
    assert_eq!(
        get(&third, "finalLoss").as_f64().unwrap().to_bits(),
        n.final_loss.to_bits()
    );
    assert_eq!(get(&third, "settled").as_f64().map(|s| s as usize), n.settled);
    let mut demo = Demo::new(&opts).unwrap();
    demo.advance(300.0).unwrap();
    assert!(demo.set_third_way(&third).unwrap());
    let words = get(&demo.verdict().into(), "threeWays").as_string().unwrap();
    assert!(words.contains("over-relaxed EM, run beside them off screen"), "{words}");
    // Another learning rate: another run, so the report no longer fits and is left out.
    let mut changed = Demo::new(&opts).unwrap();
    changed.set_learning_rate(0.02).unwrap();
    assert!(!changed.set_third_way(&third).unwrap());
    // A malformed report is refused with the field it lacks.
    js_sys::Reflect::set(&third, &"kind".into(), &"newton".into()).unwrap();
    let mut other = Demo::new(&opts).unwrap();
    assert_eq!(field(other.set_third_way(&third).unwrap_err()), "kind");
}

#[wasm_bindgen_test]
fn either_panel_takes_any_method_by_name_and_refuses_others_with_the_field() {
    let mut demo = Demo::new(&separated()).unwrap();
    demo.set_second_method("overrelaxed-em").unwrap();
    demo.set_optimizer("em").unwrap();
    let state = demo.state();
    assert_eq!(get(&get(&state, "direct"), "kind").as_string().unwrap(), "em");
    assert_eq!(
        get(&get(&state, "em"), "method").as_string().unwrap(),
        "over-relaxed EM"
    );
    let error = demo.set_second_method("newton").unwrap_err();
    assert_eq!(field(error.clone()), "secondMethod");
    let allowed: Array = get(&get(&error, "allowed"), "oneOf").dyn_into().unwrap();
    assert_eq!(allowed.length(), 5);
    assert_eq!(field(demo.set_optimizer("newton").unwrap_err()), "optimizer");
}
