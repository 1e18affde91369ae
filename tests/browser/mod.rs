//! Helpers shared by the browser tests (tests/web*.rs): JS option objects, reading properties and thrown
//! errors, and canvases whose pixels are read back.
#![allow(dead_code)] // each test file uses its own subset

use js_sys::{Object, Reflect};
use plotters::style::RGBColor;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A plain JS object from `(name, value)` pairs.
pub fn options(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

pub fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

/// The message of the JS `Error` a call threw (fails if it did not throw one).
/// (Calls that refuse a configuration return the `Error` as a `JsValue`, with `field` and `allowed` set.)
pub fn thrown_message(result: Result<impl Sized, impl Into<JsValue>>) -> String {
    let Err(error) = result else {
        panic!("expected an error")
    };
    let value: JsValue = error.into();
    assert!(value.is_instance_of::<js_sys::Error>(), "not a JS Error: {value:?}");
    String::from(value.unchecked_into::<js_sys::Error>().message())
}

/// A detached canvas of the given size.
pub fn canvas(width: u32, height: u32) -> HtmlCanvasElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: HtmlCanvasElement = document.create_element("canvas").unwrap().unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    canvas
}

/// The canvas's RGBA bytes, row by row.
pub fn pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let context: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    context
        .get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .unwrap()
        .data()
        .to_vec()
}

/// How many pixels are within a small distance of `colour` (anti-aliasing blends line edges).
pub fn count_colour(canvas: &HtmlCanvasElement, colour: RGBColor) -> usize {
    let context: CanvasRenderingContext2d = canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    let pixels = context
        .get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .unwrap()
        .data();
    pixels
        .chunks_exact(4)
        .filter(|p| {
            let d = |a: u8, b: u8| (a as i32 - b as i32).abs();
            p[3] > 200 && d(p[0], colour.0) + d(p[1], colour.1) + d(p[2], colour.2) <= 12
        })
        .count()
}
