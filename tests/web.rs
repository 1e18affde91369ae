//! The WebAssembly boundary, in real browsers (wasm-pack test --headless --chrome / --firefox).
//!
//! Covers: creating a session from a JS options object, stepping, reading state back, bad options
//! thrown as JS `Error`s with their message, and drawing that really paints the canvas (pixels are read
//! back and the plotted colours counted). Also that a seed gives the same data and the same fit here as
//! natively (tests/reproducible.rs asserts the same fingerprints).
#![cfg(target_arch = "wasm32")]

use gmm_charts::{draw_density, DensityPanel, DensityScene, Theme};
use gmm_core::data::sample::fingerprint;
use gmm_core::{sample, FitConfig, FitSession, Mixture, CLASSIC};
use gmm_two_ways::canvas::MeasuredCanvas;
use gmm_two_ways::density_background::DensityBackground;
use gmm_two_ways::wasm::{limits, presets, Demo};
use js_sys::{Array, Float64Array, Object, Reflect};
use plotters::prelude::IntoDrawingArea;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

mod browser;
use browser::{canvas, count_colour, get, options, pixels, thrown_message};

wasm_bindgen_test_configure!(run_in_browser);

/// Must equal `CLASSIC_SEED_1_FINGERPRINT` in tests/reproducible.rs (recorded natively).
const CLASSIC_SEED_1_FINGERPRINT: u64 = 0x8d1e_99c5_bba8_2c24;
/// Must equal `CLASSIC_FIT_20_STEPS_FINGERPRINT` in tests/reproducible.rs.
const CLASSIC_FIT_20_STEPS_FINGERPRINT: u64 = 0xe90e_e09f_8563_bc09;

#[wasm_bindgen_test]
fn the_same_seed_gives_the_same_data_and_fit_as_natively() {
    assert_eq!(
        fingerprint(&sample(&CLASSIC.truth(), 5000, 1)),
        CLASSIC_SEED_1_FINGERPRINT
    );
    let mut s = FitSession::new(FitConfig::default()).unwrap();
    s.advance(20);
    let losses: Vec<f64> = s
        .direct_track()
        .losses()
        .iter()
        .chain(s.em_track().losses())
        .copied()
        .collect();
    assert_eq!(fingerprint(&losses), CLASSIC_FIT_20_STEPS_FINGERPRINT);
}

#[wasm_bindgen_test]
fn a_default_demo_is_the_classic_homework_and_steps_in_lock_step() {
    let mut demo = Demo::new(&JsValue::UNDEFINED).unwrap();
    assert_eq!(demo.step(), 0);
    let state = demo.state();
    assert_eq!(get(&state, "n").as_f64(), Some(5000.0));
    assert_eq!(get(&state, "k").as_f64(), Some(5.0));
    let start = get(&get(&state, "direct"), "loss").as_f64().unwrap();
    assert_eq!(
        get(&get(&state, "em"), "loss").as_f64(),
        Some(start),
        "both start from the same parameters"
    );
    demo.advance(25.0).unwrap();
    assert_eq!(demo.step(), 25);
    let state = demo.state();
    for method in ["direct", "em"] {
        let m = get(&state, method);
        assert_eq!(get(&m, "steps").as_f64(), Some(25.0));
        assert_eq!(get(&m, "status").as_string().as_deref(), Some("running"));
        assert!(
            get(&m, "loss").as_f64().unwrap() < start,
            "{method} did not lower the loss"
        );
        let weights = js_sys::Float64Array::from(get(&m, "weights")).to_vec();
        assert_eq!(weights.len(), 5);
        assert!((weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        let pairing = Array::from(&get(&get(&m, "matched"), "fittedForTruth"));
        assert_eq!(pairing.length(), 5);
    }
    assert_eq!(demo.loss_history("em").unwrap().length(), 26);
    demo.reset();
    assert_eq!(demo.step(), 0);
    assert_eq!(demo.loss_history("direct").unwrap().length(), 1);
}

#[wasm_bindgen_test]
fn options_from_js_are_applied() {
    let demo = Demo::new(&options(&[
        ("preset", "separated".into()),
        ("n", 800.into()),
        ("k", 4.into()),
        ("init", "kmeans++".into()),
        ("data", JsValue::UNDEFINED),
    ]));
    // `data: undefined` is not a list of numbers: refused, with the reason.
    assert!(thrown_message(demo).contains("data must be a list of numbers"));
    let demo = Demo::new(&options(&[
        ("preset", "separated".into()),
        ("n", 800.into()),
        ("k", 4.into()),
    ]))
    .unwrap();
    let state = demo.state();
    assert_eq!(get(&state, "n").as_f64(), Some(800.0));
    assert_eq!(get(&state, "k").as_f64(), Some(4.0));
    let given: Array = [1.0, 2.0, 2.5, 7.0].iter().map(|&v| JsValue::from(v)).collect();
    let demo = Demo::new(&options(&[("data", given.into()), ("k", 2.into())])).unwrap();
    assert!(get(&demo.state(), "truth").is_null(), "given data have no ground truth");
    assert_eq!(presets().length() as usize, gmm_core::PRESETS.len());
    assert!(Reflect::has(&limits(), &"n".into()).unwrap());
}

#[wasm_bindgen_test]
fn bad_options_throw_errors_that_name_the_field_and_range() {
    let cases: Vec<(JsValue, &str)> = vec![
        (
            options(&[("k", 0.into())]),
            "k = 0 is not allowed: k must be a whole number between 1 and 10",
        ),
        (options(&[("n", (-5).into())]), "n = -5 is not allowed"),
        (options(&[("n", 1e9.into())]), "n = 1000000000 is not allowed"),
        (
            options(&[("learningRate", f64::NAN.into())]),
            "learningRate = NaN is not allowed",
        ),
        (options(&[("k", 10_000.into())]), "k = 10000 is not allowed"),
        (
            options(&[("init", "random".into())]),
            "init must be one of near-zero, from-data, kmeans++",
        ),
        (options(&[("bogus", 1.into())]), "option = \"bogus\" is not allowed"),
        (options(&[("data", Array::new().into())]), "n = 0 is not allowed"),
        (JsValue::from(5), "options must be a plain object"),
    ];
    for (opts, expected) in cases {
        let message = thrown_message(Demo::new(&opts));
        assert!(message.contains(expected), "got {message:?}, expected {expected:?}");
    }
    let mut demo = Demo::new(&JsValue::NULL).unwrap();
    assert!(thrown_message(demo.set_learning_rate(-1.0)).contains("learningRate = -1 is not allowed"));
    assert!(thrown_message(demo.set_optimizer("sgd")).contains("use adam, momentum, gd, em, overrelaxed-em"));
    assert!(thrown_message(demo.set_stop_rule(2.5, 0.0)).contains("maxSteps = 2.5"));
    assert!(thrown_message(demo.set_variance_floor(0.0)).contains("varianceFloor = 0"));
    assert!(thrown_message(demo.loss_history("adam")).contains("use direct or em"));
    // After the refusals the demo still runs with its previous settings.
    demo.advance(3.0).unwrap();
    assert_eq!(demo.step(), 3);
}

#[wasm_bindgen_test]
fn drawing_paints_the_histogram_curves_and_components() {
    let mut demo = Demo::new(&options(&[("init", "from-data".into())])).unwrap();
    demo.advance(30.0).unwrap();
    let target = canvas(520, 290);
    assert_eq!(
        count_colour(&target, Theme::LIGHT.components[0]),
        0,
        "a fresh canvas is blank"
    );
    demo.draw_density("em", target.clone().into()).unwrap();
    let grey = count_colour(&target, Theme::LIGHT.histogram);
    assert!(grey > 2000, "histogram bars: {grey} pixels");
    for (k, colour) in Theme::LIGHT.components.iter().take(5).enumerate() {
        let n = count_colour(&target, *colour);
        assert!(n > 15, "component {k}: {n} pixels");
    }
    assert_eq!(
        count_colour(&target, Theme::LIGHT.components[7]),
        0,
        "only K = 5 component colours"
    );
    let loss = canvas(520, 270);
    demo.draw_loss(loss.clone().into()).unwrap();
    assert!(count_colour(&loss, Theme::LIGHT.direct) > 50);
    assert!(count_colour(&loss, Theme::LIGHT.em) > 50);
    assert!(thrown_message(demo.draw_density("nope", target.into())).contains("use direct or em"));
}

#[wasm_bindgen_test]
fn a_density_panel_over_its_cached_background_is_the_panel_drawn_whole() {
    let truth = CLASSIC.truth();
    let scene = DensityScene::new(&sample(&truth, 5000, 1), Some(&truth));
    let fit = Mixture::from_weights(&[0.3, 0.7], &[-2.0, 1.0], &[0.2, 1.2]).unwrap();
    let panel = |caption, theme| DensityPanel {
        caption,
        scene: &scene,
        fit: &fit,
        theme,
    };
    let whole = canvas(520, 290);
    let area = MeasuredCanvas::new(whole.clone()).unwrap().into_drawing_area();
    draw_density(&area, &panel("EM: step 3", &Theme::LIGHT)).unwrap();
    drop(area);

    let mut background = DensityBackground::default();
    let (first, second) = (canvas(520, 290), canvas(520, 290));
    // The first draw makes the background (with another caption: the caption is not part of it).
    background
        .draw(
            MeasuredCanvas::new(first.clone()).unwrap(),
            &panel("GD: step 0", &Theme::LIGHT),
        )
        .unwrap();
    background
        .draw(
            MeasuredCanvas::new(second.clone()).unwrap(),
            &panel("EM: step 3", &Theme::LIGHT),
        )
        .unwrap();
    let (whole, second) = (pixels(&whole), pixels(&second));
    let differing = whole.chunks(4).zip(second.chunks(4)).filter(|(a, b)| a != b).count();
    assert_eq!(differing, 0, "{differing} of {} pixels differ", whole.len() / 4);
    assert_ne!(pixels(&first), second, "the captions differ");

    // A new theme draws a new background.
    background
        .draw(
            MeasuredCanvas::new(first.clone()).unwrap(),
            &panel("EM: step 3", &Theme::DARK),
        )
        .unwrap();
    let corner = &pixels(&first)[..3];
    let dark = Theme::DARK.background;
    assert_eq!(corner, [dark.0, dark.1, dark.2]);
}

#[wasm_bindgen_test]
fn hostile_arguments_to_every_method_give_errors_not_crashes() {
    let mut demo = Demo::new(&JsValue::UNDEFINED).unwrap();
    for steps in [f64::NAN, -1.0, 2.5, 1e9, f64::INFINITY] {
        assert!(thrown_message(demo.advance(steps)).contains("steps must be a whole number between 0 and 100000"));
    }
    for lr in [f64::NAN, f64::INFINITY, -0.1, 0.0, 1e4] {
        assert!(thrown_message(demo.set_learning_rate(lr)).contains("learningRate"));
    }
    for floor in [f64::NAN, -1.0, 0.0, 2.0] {
        assert!(thrown_message(demo.set_variance_floor(floor)).contains("varianceFloor"));
    }
    assert!(thrown_message(demo.set_stop_rule(f64::NAN, 0.0)).contains("maxSteps"));
    assert!(thrown_message(demo.set_stop_rule(-3.0, 0.0)).contains("maxSteps"));
    assert!(thrown_message(demo.set_stop_rule(10.0, f64::NAN)).contains("tolerance"));
    assert!(thrown_message(demo.set_optimizer("")).contains("optimizer"));
    assert!(thrown_message(demo.set_theme("<b>")).contains("theme"));
    for not_a_canvas in [
        JsValue::NULL,
        JsValue::UNDEFINED,
        JsValue::from(3),
        Object::new().into(),
    ] {
        assert!(thrown_message(demo.draw_density("em", not_a_canvas.clone())).contains("needs a <canvas> element"));
        assert!(thrown_message(demo.draw_loss(not_a_canvas)).contains("needs a <canvas> element"));
    }
    assert!(thrown_message(demo.draw_loss(canvas(0, 0).into())).contains("zero width or height"));
    let huge: Array = [1.0, 2.0, f64::NAN].iter().map(|&v| JsValue::from(v)).collect();
    assert!(thrown_message(Demo::new(&options(&[("data", huge.into())]))).contains("data point 3 is NaN"));
    let mixed: Array = [JsValue::from(1.0), JsValue::from("2")].iter().collect();
    assert!(thrown_message(Demo::new(&options(&[("data", mixed.into())]))).contains("data item 2 is not a number"));
    // The demo is unharmed by all of that.
    demo.advance(5.0).unwrap();
    assert_eq!(demo.step(), 5);
}

#[wasm_bindgen_test]
fn side_questions_and_label_shuffling() {
    let mut demo = Demo::new(&options(&[("init", "from-data".into())])).unwrap();
    demo.advance(100.0).unwrap();
    let q = demo.side_questions();
    let truth_mean = get(&get(&get(&q, "grid"), "truth"), "mean").as_f64().unwrap();
    assert!(
        (truth_mean - 0.0999).abs() < 1e-4,
        "grid mean of the classic truth {truth_mean}"
    );
    let mse = |q: &JsValue, m: &str, which: &str| get(&get(&get(q, "mse"), m), which).as_f64().unwrap();
    let state = demo.state();
    let loss = get(&get(&state, "em"), "loss").as_f64().unwrap();
    // Find a shuffle that actually moves components (a random permutation can be the identity).
    let before = mse(&q, "em", "naive");
    let mut after = before;
    for _ in 0..5 {
        let order = demo.shuffle_labels();
        assert_eq!(order.length(), 5);
        after = mse(&demo.side_questions(), "em", "naive");
        if after != before {
            break;
        }
    }
    assert_ne!(after, before, "the naive MSE depends on the labels");
    let q2 = demo.side_questions();
    assert!((mse(&q2, "em", "matched") - mse(&q, "em", "matched")).abs() < 1e-12);
    let g = |q: &JsValue| get(&get(&get(q, "grid"), "em"), "mean").as_f64().unwrap();
    assert!((g(&q2) - g(&q)).abs() < 1e-12, "the density did not change");
    assert!((get(&get(&demo.state(), "em"), "loss").as_f64().unwrap() - loss).abs() < 1e-12);
}

#[wasm_bindgen_test]
fn option_specs_describe_every_option_with_its_range_default_and_choices() {
    let specs = gmm_two_ways::wasm_options::option_specs();
    assert_eq!(specs.length() as usize, gmm_core::run::options::OPTION_SPECS.len());
    let named = |name: &str| {
        specs
            .iter()
            .find(|s| get(s, "name").as_string().as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no spec for {name}"))
    };
    let k = named("k");
    assert_eq!(
        (get(&k, "min").as_f64(), get(&k, "max").as_f64()),
        (Some(1.0), Some(10.0))
    );
    assert_eq!(get(&k, "default").as_f64(), Some(5.0));
    assert_eq!(get(&k, "kind").as_string().as_deref(), Some("whole"));
    assert_eq!(
        get(&named("dataSeed"), "attribute").as_string().as_deref(),
        Some("data-seed")
    );
    assert!(get(&named("data"), "url").is_null());
    let presets = Array::from(&get(&named("preset"), "choices"));
    assert_eq!(presets.length() as usize, gmm_core::PRESETS.len());
    let collapse = presets
        .iter()
        .find(|c| get(c, "value").as_string().as_deref() == Some("collapse"))
        .unwrap();
    assert_eq!(get(&get(&collapse, "sets"), "dataSeed").as_f64(), Some(2.0));
    let optimizers: Vec<String> = Array::from(&get(&named("optimizer"), "choices"))
        .iter()
        .map(|c| get(&c, "value").as_string().unwrap())
        .collect();
    assert_eq!(optimizers, ["adam", "momentum", "gd", "em", "overrelaxed-em"]);
}

#[wasm_bindgen_test]
fn a_refused_configuration_is_an_error_with_its_field_and_what_is_allowed() {
    let error = |result: Result<Demo, JsValue>| -> JsValue {
        let e = result.err().expect("refused");
        assert!(e.is_instance_of::<js_sys::Error>());
        e
    };
    let e = error(Demo::new(&options(&[("k", 0.into())])));
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("k"));
    let allowed = get(&e, "allowed");
    assert_eq!(
        (get(&allowed, "min").as_f64(), get(&allowed, "max").as_f64()),
        (Some(1.0), Some(10.0))
    );
    assert!(get(&allowed, "text")
        .as_string()
        .unwrap()
        .contains("whole number between 1 and 10"));
    let e = error(Demo::new(&options(&[("optimizer", "newton".into())])));
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("optimizer"));
    assert_eq!(Array::from(&get(&get(&e, "allowed"), "oneOf")).length(), 5);
    let given: Array = [1.0, 2.0].iter().map(|&v| JsValue::from(v)).collect();
    let e = error(Demo::new(&options(&[("data", given.into()), ("k", 5.into())])));
    assert_eq!(
        get(&e, "field").as_string().as_deref(),
        Some("k"),
        "K does not fit the data"
    );
    let mut demo = Demo::new(&JsValue::UNDEFINED).unwrap();
    let e = demo.set_learning_rate(-1.0).unwrap_err();
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("learningRate"));
    let e = demo.set_stop_rule(2.5, 0.0).unwrap_err();
    assert_eq!(get(&e, "field").as_string().as_deref(), Some("maxSteps"));
}

#[wasm_bindgen_test]
fn a_refused_argument_is_an_error_with_its_name_and_what_is_allowed() {
    let field_and_allowed = |e: JsValue| -> (String, String, Vec<String>) {
        assert!(e.is_instance_of::<js_sys::Error>(), "a JS Error: {e:?}");
        let allowed = get(&e, "allowed");
        let one_of = get(&allowed, "oneOf");
        let one_of = if one_of.is_undefined() {
            Vec::new()
        } else {
            Array::from(&one_of).iter().map(|v| v.as_string().unwrap()).collect()
        };
        (
            get(&e, "field").as_string().unwrap(),
            get(&allowed, "text").as_string().unwrap(),
            one_of,
        )
    };
    let mut demo = Demo::new(&JsValue::UNDEFINED).unwrap();
    let (field, allowed, _) = field_and_allowed(demo.advance(-1.0).unwrap_err());
    assert_eq!(
        (field.as_str(), allowed.as_str()),
        ("steps", "a whole number between 0 and 100000")
    );
    let (field, _, one_of) = field_and_allowed(demo.set_optimizer("newton").unwrap_err());
    assert_eq!(
        (field.as_str(), one_of),
        (
            "optimizer",
            vec![
                "adam".into(),
                "momentum".into(),
                "gd".into(),
                "em".into(),
                "overrelaxed-em".into()
            ]
        )
    );
    let (field, _, one_of) = field_and_allowed(demo.set_theme("sepia").unwrap_err());
    assert_eq!((field.as_str(), one_of), ("theme", vec!["light".into(), "dark".into()]));
    let (field, _, one_of) = field_and_allowed(demo.draw_density("gd", canvas(100, 100).into()).unwrap_err());
    assert_eq!((field.as_str(), one_of), ("method", vec!["direct".into(), "em".into()]));
    let (field, allowed, _) = field_and_allowed(demo.draw_loss(JsValue::NULL).unwrap_err());
    assert_eq!((field.as_str(), allowed.as_str()), ("canvas", "a <canvas> element"));
    let (field, allowed, _) = field_and_allowed(demo.permute_labels(vec![0.0, 0.0, 1.0, 2.0, 3.0]).unwrap_err());
    assert_eq!(
        (field.as_str(), allowed.as_str()),
        ("order", "each of 0..4 once (K = 5)")
    );
    let (field, _, _) = field_and_allowed(Demo::new(&JsValue::from(3)).err().unwrap());
    assert_eq!(field, "options");
    // The demo is unharmed.
    demo.advance(2.0).unwrap();
    assert_eq!(demo.step(), 2);
}

#[wasm_bindgen_test]
fn a_page_demo_shows_the_workers_recorded_step_and_refuses_bad_timeline_arguments() {
    let opts = || options(&[("n", JsValue::from(300)), ("tolerance", JsValue::from(0))]);
    let (mut worker, mut page, mut fresh) = (
        Demo::new(&opts()).unwrap(),
        Demo::new(&opts()).unwrap(),
        Demo::new(&opts()).unwrap(),
    );
    worker.advance(60.0).unwrap();
    page.apply_progress(worker.progress(0, 0).to_vec()).unwrap();
    fresh.advance(25.0).unwrap();
    page.show_snapshot(worker.timeline_snapshot(25.0, "nearest").unwrap().to_vec())
        .unwrap();
    assert_eq!(page.shown_step(), Some(25));
    let (state, want) = (page.state(), fresh.state());
    assert_eq!(get(&state, "step").as_f64(), Some(60.0), "the run stays at 60");
    assert_eq!(get(&state, "shownStep").as_f64(), Some(25.0));
    for method in ["direct", "em"] {
        for key in ["weights", "means", "sigmas"] {
            let (a, b) = (get(&get(&state, method), key), get(&get(&want, method), key));
            assert_eq!(
                Float64Array::from(a).to_vec(),
                Float64Array::from(b).to_vec(),
                "{method} {key}"
            );
        }
        assert_eq!(get(&get(&state, method), "steps").as_f64(), Some(25.0));
    }
    page.show_live();
    assert_eq!(page.shown_step(), None);
    assert!(get(&page.state(), "shownStep").is_null());
    assert!(thrown_message(worker.timeline_snapshot(2.5, "nearest")).contains("whole number"));
    assert!(thrown_message(worker.timeline_snapshot(3.0, "sideways")).contains("nearest, down or up"));
    let mut other = Demo::new(&options(&[("k", JsValue::from(3))])).unwrap();
    let list = worker.timeline_snapshot(10.0, "down").unwrap().to_vec();
    assert!(thrown_message(other.show_snapshot(list)).contains("another K"));
}

/// Shaped by hand (issue 16) at the boundary: a panel's pixels map to x and back, a click's edit gives data
/// a new run takes, a start by hand is what both methods start from, and bad arguments throw with `field`.
#[wasm_bindgen_test]
fn pixels_map_to_x_and_back_and_edits_give_data_a_run_takes() {
    let demo = Demo::new(&options(&[(
        "start",
        "1:-2:0.3,1:-0.5:0.5,1:0.5:0.2,1:1:0.4,1:3:0.5".into(),
    )]))
    .unwrap();
    assert_eq!(
        demo.x_at_pixel("em", 100.0).unwrap(),
        None,
        "no layout before the first drawing"
    );
    demo.draw_density("em", canvas(520, 290).into()).unwrap();
    let x = demo.x_at_pixel("em", 200.0).unwrap().expect("on the plot");
    let back = demo.pixel_of_x("em", x).unwrap().unwrap();
    assert!((back - 200.0).abs() < 1e-9, "{back}");
    assert_eq!(demo.x_at_pixel("em", -5.0).unwrap(), None, "off the plot");
    let flat = demo.start_components().to_vec();
    assert_eq!(flat.len(), 15);
    assert!(
        (flat[0] - 0.2).abs() < 1e-15 && flat[1] == -2.0 && (flat[2] - 0.3).abs() < 1e-15,
        "{flat:?}"
    );
    assert_eq!(demo.start_text().split(',').count(), 5);
    assert!(demo.truth_text().unwrap().starts_with("0.25:1:0.5,"));
    let added = demo.edited_data("cluster", x, Some(0.1)).unwrap().to_vec();
    assert_eq!(added.len(), 5020);
    assert_eq!(
        demo.edited_data("cluster", x, Some(0.1)).unwrap().to_vec(),
        added,
        "the same edit, the same points"
    );
    let data = Float64Array::from(added.as_slice());
    let edited = Demo::new(&options(&[("data", data.into())])).unwrap();
    assert_eq!(
        get(&edited.state(), "truth"),
        JsValue::NULL,
        "data by hand have no truth"
    );
    assert_eq!(edited.truth_text(), None);
    for (result, field) in [
        (demo.edited_data("move", 0.0, None), "edit"),
        (demo.edited_data("add", f64::NAN, None), "x"),
        (demo.edited_data("cluster", 0.0, None), "spread"),
    ] {
        let e = result.unwrap_err();
        assert_eq!(get(&e, "field").as_string().as_deref(), Some(field));
    }
    assert!(thrown_message(demo.x_at_pixel("loss", 1.0)).contains("use direct or em"));
    let challenge = demo.start_challenge();
    assert_eq!(
        get(&challenge, "result"),
        JsValue::NULL,
        "no answer before the run ends"
    );
    assert!(get(&challenge, "challenge")
        .as_string()
        .unwrap()
        .starts_with("Challenge: find a start"));
}
