//! "EM is a gradient step" at the boundary, in real browsers (`--test web_em_gradient`, Chromium and
//! Firefox): `Demo.emGradient` returns the numbers of [`em_gradient_identities`] for the run's parameters,
//! and refuses other names with `field` and `allowed`.
#![cfg(target_arch = "wasm32")]

use gmm_core::teach::em_gradient::{em_gradient_identities, IdentityTerm};
use gmm_core::Mixture;
use gmm_two_ways::wasm::Demo;
use js_sys::{Array, Float64Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

mod browser;
use browser::{get, options};

wasm_bindgen_test_configure!(run_in_browser);

/// The page's parameters come back as weights and sigmas, the model keeps logits and log sigmas: the
/// round trip moves each parameter by a rounding, so the numbers agree to this relative tolerance.
const ROUND_TRIP_REL: f64 = 1e-9;

fn num(v: &JsValue, key: &str) -> f64 {
    get(v, key).as_f64().unwrap_or(f64::NAN)
}

fn floats(v: &JsValue, key: &str) -> Vec<f64> {
    Float64Array::from(get(v, key)).to_vec()
}

fn close(a: f64, b: f64, scale: f64) -> bool {
    (a - b).abs() <= ROUND_TRIP_REL * scale.abs().max(a.abs()).max(b.abs())
}

/// One term from JS against the native one; the residual is compared on the scale of the step (for the
/// weights and the means it is a rounding of the step).
fn assert_term(js: &JsValue, native: &IdentityTerm, what: &str) {
    assert!(!js.is_null(), "{what}: a term");
    for (key, value) in [
        ("gradient", native.gradient),
        ("p", native.p),
        ("product", native.product),
        ("emStep", native.em_step),
    ] {
        assert!(
            close(num(js, key), value, 0.0),
            "{what}.{key}: {} vs {value}",
            num(js, key)
        );
    }
    assert!(
        close(num(js, "residual"), native.residual, native.em_step),
        "{what}.residual: {} vs {}",
        num(js, "residual"),
        native.residual
    );
}

fn assert_matches_native(demo: &Demo, method: &str) {
    let state = demo.state();
    let params = get(&state, method);
    let model = Mixture::from_weights(
        &floats(&params, "weights"),
        &floats(&params, "means"),
        &floats(&params, "sigmas"),
    )
    .unwrap();
    let floor = num(&get(&state, "em"), "varianceFloor");
    let data = demo.data().to_vec();
    let native = em_gradient_identities(&model, &data, floor).unwrap();
    let js: JsValue = demo.em_gradient(method).unwrap().into();
    assert!(close(num(&js, "logLikelihood"), native.log_likelihood, 0.0));
    assert_eq!(num(&js, "points"), data.len() as f64);
    assert_eq!(num(&js, "varianceFloor"), floor);
    let components = Array::from(&get(&js, "components"));
    assert_eq!(components.length() as usize, native.components.len());
    for (j, c) in native.components.iter().enumerate() {
        let o = components.get(j as u32);
        assert_eq!(num(&o, "component"), j as f64);
        assert!(close(num(&o, "nK"), c.n_k, 0.0), "{method} {j}: nK");
        assert_eq!(get(&o, "floored").as_bool(), Some(c.floored));
        assert_term(&get(&o, "weight"), &c.weight, &format!("{method} {j} weight"));
        assert_term(&get(&o, "mean"), &c.mean.unwrap(), &format!("{method} {j} mean"));
        assert_term(
            &get(&o, "variance"),
            &c.variance.unwrap(),
            &format!("{method} {j} variance"),
        );
        assert!(close(num(&o, "meanShiftSquared"), c.mean_shift_squared.unwrap(), 0.0));
        assert!(close(
            num(&o, "varianceAroundOldMean"),
            c.variance_around_old_mean.unwrap(),
            0.0
        ));
    }
}

#[wasm_bindgen_test]
fn em_gradient_returns_the_native_identities_for_each_methods_parameters() {
    let mut demo = Demo::new(&options(&[("preset", "classic".into())])).unwrap();
    // At step 0 both methods sit at the shared start.
    let start = JsValue::from(demo.em_gradient("initial").unwrap());
    let em0 = JsValue::from(demo.em_gradient("em").unwrap());
    assert_eq!(num(&start, "logLikelihood"), num(&em0, "logLikelihood"));
    demo.advance(7.0).unwrap();
    for method in ["direct", "em"] {
        assert_matches_native(&demo, method);
    }
    // The shared start stays where it was; the methods have moved on.
    let later = JsValue::from(demo.em_gradient("initial").unwrap());
    assert_eq!(num(&later, "logLikelihood"), num(&start, "logLikelihood"));
    let em7 = JsValue::from(demo.em_gradient("em").unwrap());
    assert!(num(&em7, "logLikelihood") > num(&start, "logLikelihood"));
}

#[wasm_bindgen_test]
fn em_gradient_refuses_other_parameter_names_with_the_field_and_the_choices() {
    let demo = Demo::new(&options(&[])).unwrap();
    let error = demo.em_gradient("newton").unwrap_err();
    assert_eq!(get(&error, "field").as_string().as_deref(), Some("method"));
    let allowed: Vec<String> = Array::from(&get(&get(&error, "allowed"), "oneOf"))
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    assert_eq!(allowed, ["initial", "direct", "em"]);
    assert!(get(&error, "message")
        .as_string()
        .unwrap()
        .contains("use initial, direct or em"));
}
