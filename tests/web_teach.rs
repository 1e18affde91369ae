//! The teaching sections' boundary in real browsers: the numbers behind each widget and the charts
//! they draw (pixels read back). Run by scripts/test.sh with `--test web_teach` in Chromium and Firefox.
#![cfg(target_arch = "wasm32")]

use gmm_charts::Theme;
use gmm_two_ways::wasm::Demo;
use gmm_two_ways::wasm_k_selection::KSelectionRun;
use gmm_two_ways::wasm_restarts::RestartsRun;
use gmm_two_ways::wasm_teaching_run::TeachingRun;
use js_sys::Float64Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

mod browser;
use browser::{canvas, count_colour, get, options, thrown_message as thrown};

wasm_bindgen_test_configure!(run_in_browser);

fn num(v: &JsValue, key: &str) -> f64 {
    get(v, key).as_f64().unwrap_or(f64::NAN)
}

fn floats(v: &JsValue, key: &str) -> Vec<f64> {
    Float64Array::from(get(v, key)).to_vec()
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()).max(1e-300)
}

#[wasm_bindgen_test]
fn one_em_iteration_seen_in_step_through_equals_one_ordinary_em_iteration() {
    let mut demo = Demo::new(&options(&[("init", "from-data".into())])).unwrap();
    let mut st = demo.em_step_through("start").unwrap();
    assert_eq!(st.phase(), "start");
    st.half_step().unwrap();
    assert_eq!(st.phase(), "e");
    let e = st.e_statistics();
    let n_k: f64 = floats(&e, "nK").iter().sum();
    assert!(close(n_k, 5000.0, 1e-9), "responsibilities share every point: {n_k}");
    st.half_step().unwrap();
    assert_eq!((st.phase().as_str(), st.iteration()), ("m", 1));
    demo.advance(1.0).unwrap();
    let em = get(&demo.state(), "em");
    let seen = st.parameters();
    for key in ["weights", "means", "sigmas"] {
        for (a, b) in floats(&seen, key).iter().zip(floats(&em, key)) {
            assert!(close(*a, b, 1e-12), "{key}: step-through {a} vs EM {b}");
        }
    }
    // Twenty more iterations: the log-likelihood never decreases.
    for _ in 0..40 {
        st.half_step().unwrap();
    }
    let lls = st.log_likelihoods().to_vec();
    assert_eq!(lls.len(), 22);
    for w in lls.windows(2) {
        assert!(
            w[1] >= w[0] - 1e-9 * w[0].abs(),
            "log-likelihood fell: {} -> {}",
            w[0],
            w[1]
        );
    }
    // Both phases draw: the E-step stacks component colours on the bars.
    st.half_step().unwrap();
    let target = canvas(700, 300);
    st.draw(target.clone().into(), 1.0).unwrap();
    for (k, colour) in Theme::LIGHT.components.iter().take(5).enumerate() {
        assert!(count_colour(&target, *colour) > 50, "component {k} in the E-step bars");
    }
    assert!(thrown(demo.em_step_through("middle")).contains("use start or run"));
}

#[wasm_bindgen_test]
fn the_naive_sum_underflows_at_the_homework_start_and_log_sum_exp_does_not() {
    let demo = Demo::new(&JsValue::NULL).unwrap(); // classic: near-zero start
    let rows = demo.underflow().unwrap();
    let initial = rows.get(0);
    assert_eq!(get(&initial, "name").as_string().unwrap(), "initial");
    assert!(num(&initial, "naiveZero") > 100.0, "points far out underflow");
    assert_eq!(num(&initial, "naiveLogLikelihood"), f64::NEG_INFINITY);
    let lse = num(&initial, "lseLogLikelihood");
    assert!(lse.is_finite() && lse < 0.0);
    let worst = get(&initial, "worst");
    assert_eq!(num(&worst, "naiveDensity"), 0.0);
    assert!(num(&worst, "lseLogDensity").is_finite());
    // A start spread over the data: no point underflows and both ways agree.
    let spread = Demo::new(&options(&[("init", "from-data".into())])).unwrap();
    let row = spread.underflow().unwrap().get(0);
    assert_eq!(num(&row, "naiveZero"), 0.0);
    assert!(close(
        num(&row, "naiveLogLikelihood"),
        num(&row, "lseLogLikelihood"),
        1e-9
    ));
}

#[wasm_bindgen_test]
fn the_inspector_reports_the_gradient_and_em_statistics_of_a_component() {
    let mut demo = Demo::new(&options(&[("init", "kmeans++".into())])).unwrap();
    demo.advance(5.0).unwrap();
    let mut total = 0.0;
    for k in 0..5 {
        let c = demo.inspect_component("direct", k).unwrap();
        total += num(&c, "nK");
        // d(mean NLL)/d(logit) = w_k - N_k / N.
        assert!(close(
            num(&c, "gradLogit"),
            num(&c, "weight") - num(&c, "nK") / 5000.0,
            1e-9
        ));
        assert!(num(&c, "weightedVariance") > 0.0);
    }
    assert!(close(total, 5000.0, 1e-9));
    assert!(thrown(demo.inspect_component("em", 7)).contains('7'));
    assert!(thrown(demo.inspect_component("newton", 0)).contains("use direct or em"));
}

#[wasm_bindgen_test]
fn k_selection_runs_to_the_end_and_any_k_loads_as_the_start_of_both_methods() {
    let n = 300.0;
    let mut run = KSelectionRun::new(&options(&[("n", n.into())])).unwrap();
    let mut finished = false;
    for _ in 0..100_000 {
        let p = run.advance(5e4);
        finished = get(&p, "finished").as_bool().unwrap();
        if finished {
            assert_eq!(num(&p, "fraction"), 1.0);
            assert_eq!(num(&p, "currentK"), 0.0);
            break;
        }
    }
    assert!(finished);
    let outcomes = run.outcomes();
    assert_eq!(outcomes.length(), 10);
    let choice = run.choice();
    assert_eq!(num(&choice, "truth"), 5.0, "the classic truth");
    let sentence = get(&choice, "sentence").as_string().unwrap();
    assert!(
        sentence.starts_with(&format!("BIC chooses K = {}, ", num(&choice, "bic"))),
        "{sentence}"
    );
    // K = 3's fit, given back as the start of a demo on the same data: both panels start at its likelihood.
    let third = outcomes.get(2);
    assert_eq!(num(&third, "k"), 3.0);
    assert_eq!(js_sys::Array::from(&get(&third, "start")).length(), 9);
    let start = get(&third, "startText");
    let demo = Demo::new(&options(&[("n", n.into()), ("k", 3.into()), ("start", start)])).unwrap();
    let state = demo.state();
    let want = -num(&third, "logLikelihood") / n;
    for panel in ["direct", "em"] {
        let loss = num(&get(&state, panel), "loss");
        assert!(close(loss, want, 1e-12), "{panel}: {loss} vs {want}");
    }
    // The chart, and a pixel at K = 7's column read back as 7.
    let target = canvas(900, 340);
    demo.draw_k_selection(target.clone().into(), outcomes.clone().into(), 5, 3)
        .unwrap();
    for colour in [Theme::LIGHT.direct, Theme::LIGHT.em, Theme::LIGHT.component(3)] {
        assert!(count_colour(&target, colour) > 20);
    }
    let plots = js_sys::Array::from(&get(&demo.chart_layout("kSelection").unwrap(), "plots"));
    assert_eq!(plots.length(), 2);
    let plot = plots.get(1);
    let (x0, x1, y0, y1) = (num(&plot, "x0"), num(&plot, "x1"), num(&plot, "y0"), num(&plot, "y1"));
    assert_eq!(demo.k_selection_at(x0 + 0.65 * (x1 - x0), (y0 + y1) / 2.0).unwrap(), 7);
    assert_eq!(demo.k_selection_at(0.0, 0.0).unwrap(), 0, "outside both panels");
    assert!(thrown(demo.k_selection_at(f64::NAN, 1.0)).contains("finite"));
    // Outcomes that are not as outcomes() gives them are refused, saying what they must be.
    let broken = outcomes.slice(0, 2);
    js_sys::Reflect::set(&broken.get(1), &"start".into(), &js_sys::Array::new()).unwrap();
    assert!(thrown(demo.draw_k_selection(target.clone().into(), broken.into(), 0, 0)).contains("3K numbers"));
    assert!(thrown(demo.draw_k_selection(target.into(), 5.into(), 0, 0)).contains("must be a list"));
    let estimate = demo.k_selection_estimate();
    assert!(get(&estimate, "sentence")
        .as_string()
        .unwrap()
        .starts_with("Fitting K = 1 to 10"));
    assert_eq!(get(&estimate, "refused").as_bool(), Some(false));
}

#[wasm_bindgen_test]
fn restarts_run_to_the_end_and_any_restart_replays_exactly() {
    let opts = || options(&[("maxSteps", 30.into()), ("n", 800.into())]);
    let mut run = RestartsRun::new(&opts(), "near-zero", 4.0, 3.0).unwrap();
    let mut finished = false;
    for _ in 0..1000 {
        let p = run.advance(17).unwrap();
        finished = get(&p, "finished").as_bool().unwrap();
        if finished {
            assert_eq!(num(&p, "fraction"), 1.0);
            break;
        }
    }
    assert!(finished);
    let outcomes = run.outcomes();
    assert_eq!(outcomes.length(), 3);
    // Restart 1 used init seed 5: a normal demo from that seed ends at the same losses, bit for bit.
    let replay_options = options(&[("maxSteps", 30.into()), ("n", 800.into()), ("initSeed", 5.into())]);
    let mut replay = Demo::new(&replay_options).unwrap();
    replay.advance(100.0).unwrap();
    let state = replay.state();
    let second = outcomes.get(1);
    assert_eq!(num(&second, "index"), 1.0);
    assert_eq!(num(&second, "initSeed"), 5.0);
    assert_eq!(
        num(&get(&second, "direct"), "loss"),
        num(&get(&state, "direct"), "loss")
    );
    assert_eq!(num(&get(&second, "em"), "loss"), num(&get(&state, "em"), "loss"));
    assert_eq!(get(&get(&second, "em"), "status"), get(&get(&state, "em"), "status"));
    assert_eq!(num(&get(&second, "em"), "stopStep"), 30.0);
    let target = canvas(700, 260);
    replay
        .draw_restarts(target.clone().into(), outcomes.clone().into(), 1)
        .unwrap();
    assert!(count_colour(&target, Theme::LIGHT.direct) > 20);
    assert!(count_colour(&target, Theme::LIGHT.em) > 20);
    let broken = outcomes.slice(0, 1);
    js_sys::Reflect::set(&broken.get(0), &"em".into(), &JsValue::NULL).unwrap();
    assert!(thrown(replay.draw_restarts(target.clone().into(), broken.into(), -1)).contains("initSeed, direct"));
    assert!(thrown(replay.draw_restarts(target.into(), 5.into(), -1)).contains("must be a list"));
    for (r, expected) in [(0.0, "restarts"), (51.0, "50"), (2.5, "whole number")] {
        let message = thrown(RestartsRun::new(&opts(), "near-zero", 1.0, r));
        assert!(message.contains(expected), "{message}");
    }
    assert!(thrown(RestartsRun::new(&opts(), "random", 1.0, 3.0)).contains("kmeans++"));
}

#[wasm_bindgen_test]
fn trajectories_and_the_landscape_are_drawn_from_the_recorded_steps() {
    let mut demo = Demo::new(&options(&[("init", "from-data".into())])).unwrap();
    demo.advance(60.0).unwrap();
    let traj = canvas(900, 420);
    demo.draw_trajectories(traj.clone().into()).unwrap();
    for colour in Theme::LIGHT.components.iter().take(5) {
        assert!(count_colour(&traj, *colour) > 30);
    }
    let names: Vec<String> = demo
        .landscape_parameters()
        .iter()
        .map(|v| v.as_string().unwrap())
        .collect();
    assert_eq!(names.len(), 15);
    assert_eq!((names[5].as_str(), names[6].as_str()), ("μ1", "μ2"));
    let land = canvas(700, 520);
    let r = demo.draw_landscape(land.clone().into(), 5, 6, 24).unwrap();
    assert_eq!(num(&r, "pointsUsed"), 5000.0);
    assert!(num(&r, "lowest") < num(&r, "highest"));
    // The loss of the current parameters lies within the slice's range of values.
    let loss = num(&get(&demo.state(), "direct"), "loss");
    assert!(num(&r, "lowest") <= loss + 1e-9 && loss <= num(&r, "highest"));
    // The lowest cells take the dark end of the colour scale.
    let darkest = gmm_charts::viridis(0.0);
    assert!(count_colour(&land, darkest) > 50, "the heat map is painted");
    assert!(thrown(demo.draw_landscape(land.clone().into(), 5, 5, 24)).contains("two different parameters"));
    assert!(thrown(demo.draw_landscape(land.clone().into(), 5, 99, 24)).contains("99"));

    // The same landscape a few rows at a time (as the page computes it, between frames).
    let mut run = demo.landscape_run(5, 6, 24).unwrap();
    demo.advance(5.0).unwrap(); // later steps do not change a run
    assert!(!run.advance(6));
    assert_eq!(run.progress(), 0.25);
    assert!(thrown(run.draw(land.clone().into())).contains("6 of 24 rows"));
    assert!(!run.advance(17));
    assert!(run.advance(5), "the last row is done");
    let drawn = run.draw(land.clone().into()).unwrap();
    for key in ["pointsUsed", "lowest", "highest"] {
        assert_eq!(num(&drawn, key), num(&r, key), "{key}");
    }

    // Computed in a worker's TeachingRun from the run's params and ranges: the same values, bit for bit,
    // which a fresh run takes with setValues and draws alike; too few values are refused.
    let teaching = TeachingRun::new(&options(&[("init", "from-data".into())])).unwrap();
    let mut fresh = demo.landscape_run(5, 6, 24).unwrap();
    let values = teaching
        .landscape(fresh.params().to_vec(), 5, 6, fresh.ranges().to_vec(), 24)
        .unwrap()
        .to_vec();
    let mut whole = demo.landscape_run(5, 6, 24).unwrap();
    while !whole.advance(24) {}
    assert!(thrown(fresh.set_values(values[..10].to_vec())).contains("576 cells, not 10"));
    fresh.set_values(values).unwrap();
    let from_worker = fresh.draw(land.into()).unwrap();
    let direct = whole.draw(canvas(700, 520).into()).unwrap();
    for key in ["pointsUsed", "lowest", "highest"] {
        assert_eq!(num(&from_worker, key).to_bits(), num(&direct, key).to_bits(), "{key}");
    }
}

#[wasm_bindgen_test]
fn refused_teaching_arguments_name_the_argument() {
    let demo = Demo::new(&JsValue::UNDEFINED).unwrap();
    let field = |e: JsValue| browser::get(&e, "field").as_string().unwrap();
    assert_eq!(field(demo.em_step_through("middle").err().unwrap()), "from");
    assert_eq!(field(demo.inspect_component("newton", 0).unwrap_err()), "method");
    assert_eq!(field(demo.landscape_run(0, 99, 10).err().unwrap()), "y");
    assert_eq!(
        field(KSelectionRun::new(&options(&[("n", 0.into())])).err().unwrap()),
        "n"
    );
    assert_eq!(field(demo.k_selection_at(f64::INFINITY, 0.0).unwrap_err()), "x, y");
    assert_eq!(
        field(RestartsRun::new(&JsValue::UNDEFINED, "random", 1.0, 3.0).err().unwrap()),
        "init"
    );
    assert_eq!(
        field(
            RestartsRun::new(&JsValue::UNDEFINED, "kmeans++", 0.5, 3.0)
                .err()
                .unwrap()
        ),
        "baseSeed"
    );
}

#[wasm_bindgen_test]
fn the_teaching_worker_gives_the_numbers_the_demo_gives_for_the_parameters_shown() {
    let opts = options(&[("preset", "separated".into())]);
    let mut demo = Demo::new(&opts).unwrap();
    demo.advance(25.0).unwrap();
    let teaching = TeachingRun::new(&opts).unwrap();
    let params = |m: &str| demo.shown_params(m).unwrap().to_vec();
    let rows = teaching.underflow(params("direct"), params("em")).unwrap();
    let here = demo.underflow().unwrap();
    for i in 0..3 {
        let (a, b) = (rows.get(i), here.get(i));
        assert_eq!(
            num(&a, "lseLogLikelihood").to_bits(),
            num(&b, "lseLogLikelihood").to_bits()
        );
        assert_eq!(num(&a, "naiveZero"), num(&b, "naiveZero"));
    }
    let worker = teaching.inspect_component(params("em"), 1).unwrap();
    let page = demo.inspect_component("em", 1).unwrap();
    for key in ["gradMean", "nK", "weightedVariance"] {
        assert_eq!(
            num(&worker.clone().into(), key).to_bits(),
            num(&page.clone().into(), key).to_bits(),
            "{key}"
        );
    }
    let worker = teaching.em_gradient(params("direct")).unwrap();
    let page = demo.em_gradient("direct").unwrap();
    assert_eq!(
        num(&worker.into(), "logLikelihood").to_bits(),
        num(&page.into(), "logLikelihood").to_bits()
    );
    // Parameters of another K are refused, naming the argument.
    let err = teaching.em_gradient(vec![0.0; 4]).err().unwrap();
    assert_eq!(get(&err, "field").as_string().unwrap(), "params");
}
