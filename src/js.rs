//! The conversion helpers every export uses: [`set`] for result objects, and JS `Error`s for refused
//! arguments, written once: each carries `field` (the argument's name) and
//! `allowed` (`{ text, oneOf? }`), as the option errors of [`crate::wasm_options`] do, so that a caller
//! finds what was refused from the error's properties, never by reading its message.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

/// Sets `target[key] = value` on a plain object (the one way results are built for JS).
pub(crate) fn set(target: &Object, key: &str, value: impl Into<JsValue>) {
    Reflect::set(target, &key.into(), &value.into()).expect("setting a property on a plain object");
}

/// A JS `Error` with `message`, `field` and `allowed: { text }`.
pub fn argument_error(field: &str, allowed: &str, message: &str) -> JsValue {
    with_allowed(field, message, {
        let o = Object::new();
        set(&o, "text", allowed);
        o
    })
}

/// A JS `Error` for a name outside `choices`, with `allowed: { text, oneOf: choices }`.
pub fn choice_error(field: &str, choices: &[&str], message: &str) -> JsValue {
    let o = Object::new();
    set(&o, "text", choices.join(", "));
    set(
        &o,
        "oneOf",
        choices.iter().map(|&c| JsValue::from(c)).collect::<Array>(),
    );
    with_allowed(field, message, o)
}

/// A JS `Error` that is not about one argument (a drawing that failed, a call out of order).
pub fn plain_error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

fn with_allowed(field: &str, message: &str, allowed: Object) -> JsValue {
    let error = js_sys::Error::new(message);
    set(&error, "field", field);
    set(&error, "allowed", allowed);
    error.into()
}

/// `performance` of the page or worker this runs in (for a clock in seconds: `now() / 1000`), if it has one.
pub(crate) fn performance() -> Option<web_sys::Performance> {
    use wasm_bindgen::JsCast;
    Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
}
