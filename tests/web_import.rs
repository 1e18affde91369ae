//! `parseData` across the JS boundary, in real browsers (wasm-pack test --headless --chrome / --firefox
//! --test web_import): the returned object's shape, its values fed straight into `new Demo({ data })`, and
//! bad input thrown as a JS `Error` naming the line.
#![cfg(target_arch = "wasm32")]

use gmm_two_ways::wasm::Demo;
use gmm_two_ways::wasm_import::parse_data;
use js_sys::{Array, Float64Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &key.into()).unwrap()
}

/// The message of a refused import, checking that the error names the refused argument: `text`, or
/// `column` for the errors about columns.
fn error_message(value: JsValue) -> String {
    assert!(value.is_instance_of::<js_sys::Error>(), "a JS Error");
    let message = get(&value, "message").as_string().unwrap();
    let field = get(&value, "field").as_string().unwrap();
    let expected = if message.contains("column") { "column" } else { "text" };
    assert_eq!(field, expected, "{message}");
    let allowed = get(&get(&value, "allowed"), "text").as_string().unwrap();
    assert!(
        !allowed.is_empty() && allowed != message,
        "allowed names what is accepted: {allowed}"
    );
    message
}

#[wasm_bindgen_test]
fn a_csv_column_comes_back_as_a_float64array_with_its_name() {
    let text = "\u{feff}id;height\r\n1;170.5\r\n\r\n2;\"165\"\r\n3;1e2\r\n";
    let parsed: JsValue = parse_data(text, Some("height".into())).unwrap().into();
    let values = get(&parsed, "values");
    assert!(values.is_instance_of::<Float64Array>());
    assert_eq!(Float64Array::from(values).to_vec(), vec![170.5, 165.0, 100.0]);
    assert_eq!(get(&parsed, "column").as_string().as_deref(), Some("height"));
    let columns: Vec<String> = Array::from(&get(&parsed, "columns"))
        .iter()
        .map(|c| c.as_string().unwrap())
        .collect();
    assert_eq!(columns, vec!["id", "height"]);
    assert_eq!(get(&parsed, "skippedBlank").as_f64(), Some(2.0));
}

#[wasm_bindgen_test]
fn one_number_per_line_has_a_null_column_and_fits_as_given_data() {
    let parsed: JsValue = parse_data("-2.1\n-1.9\n-2\n3.1\n2.9\n3\n", None).unwrap().into();
    assert!(get(&parsed, "column").is_null());
    assert_eq!(Array::from(&get(&parsed, "columns")).length(), 0);
    let options = Object::new();
    Reflect::set(&options, &"data".into(), &get(&parsed, "values")).unwrap();
    Reflect::set(&options, &"k".into(), &2.into()).unwrap();
    let mut demo = Demo::new(&options.into()).unwrap();
    demo.advance(20.0).unwrap();
    let state = demo.state();
    assert_eq!(get(&state, "n").as_f64(), Some(6.0));
    assert!(get(&state, "truth").is_null(), "imported data have no ground truth");
    assert!(get(&get(&state, "em"), "loss").as_f64().unwrap().is_finite());
}

#[wasm_bindgen_test]
fn bad_input_is_a_js_error_naming_the_line() {
    let message = error_message(parse_data("1\n2\nabc\n", None).unwrap_err());
    assert_eq!(message, "line 3: \"abc\" is not a number");
    let message = error_message(parse_data("a,b\n1,2\n", None).unwrap_err());
    assert!(
        message.contains("choose one of the header's columns \"a\", \"b\""),
        "{message}"
    );
    let message = error_message(parse_data("\n \n", None).unwrap_err());
    assert!(message.starts_with("no numbers found"), "{message}");
}
