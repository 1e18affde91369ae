//! The option table at the WebAssembly boundary: `optionSpecs()` hands [`OPTION_SPECS`] to the page, which
//! derives its form, menus, URL state and element attributes from it; [`config_error_to_js`] turns a
//! refused configuration into a JS `Error` that carries the option (`field`) and what it allows (`allowed`);
//! [`read_options`] reads the options object a constructor is given.

use crate::js::{argument_error, set};
use gmm_core::run::config::ConfigError;
use gmm_core::run::options::{
    fit_option_names, option_errors, option_spec, OptionScope, OptionSpec, OptionValue, SpecValue, OPTION_SPECS,
};
use js_sys::{Array, Float64Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn value(v: SpecValue) -> JsValue {
    match v {
        SpecValue::Number(x) => x.into(),
        SpecValue::Text(t) => t.into(),
    }
}

fn text_or_null(t: Option<&str>) -> JsValue {
    t.map_or(JsValue::NULL, JsValue::from)
}

fn spec_object(spec: &OptionSpec) -> Object {
    let o = Object::new();
    set(&o, "name", spec.name);
    set(&o, "url", text_or_null(spec.url));
    set(&o, "attribute", text_or_null(spec.attribute));
    set(&o, "label", spec.label);
    set(&o, "hint", spec.hint);
    set(&o, "kind", spec.kind.name());
    set(&o, "scope", if spec.scope == OptionScope::Fit { "fit" } else { "page" });
    set(&o, "default", spec.default.map_or(JsValue::NULL, value));
    let (min, max) = spec
        .range
        .map_or((JsValue::NULL, JsValue::NULL), |(a, b)| (a.into(), b.into()));
    set(&o, "min", min);
    set(&o, "max", max);
    let choices: Array = spec
        .choices()
        .into_iter()
        .map(|c| {
            let choice = Object::new();
            set(&choice, "value", value(c.value));
            set(&choice, "label", c.label);
            if let Some(lesson) = c.lesson {
                set(&choice, "lesson", lesson);
            }
            if !c.sets.is_empty() {
                let sets = Object::new();
                for (name, v) in c.sets {
                    set(&sets, name, value(v));
                }
                set(&choice, "sets", sets);
            }
            JsValue::from(choice)
        })
        .collect();
    set(&o, "choices", choices);
    set(&o, "allowed", spec.allowed());
    set(&o, "rebuild", spec.rebuild);
    set(&o, "fromPreset", spec.from_preset);
    o
}

/// Every option, in the table's order: `[{ name, url, attribute, label, hint, kind ("choice", "whole",
/// "seed", "number", "numbers"), scope ("fit": read by `new Demo`; "page": only by the page), default, min,
/// max, choices: [{ value, label, lesson?, sets? }], allowed (in words), rebuild, fromPreset }]`. A preset's
/// choice `sets` the options it defines, by name.
#[wasm_bindgen(js_name = optionSpecs)]
pub fn option_specs() -> Array {
    OPTION_SPECS.iter().map(|s| JsValue::from(spec_object(s))).collect()
}

/// Checks each option of a plain object on its own (name, type, range; see `check_option` in
/// gmm-core) and returns every refusal as a JS `Error` with `field` and `allowed`, in the object's order
/// (empty: each is acceptable by itself; K against the data is checked when a run is built).
///
/// # Errors
/// A JS `Error` when `options` is not a plain object.
#[wasm_bindgen(js_name = checkOptions)]
pub fn check_options(options: &JsValue) -> Result<Array, JsValue> {
    let pairs = read_options(options)?;
    Ok(option_errors(&pairs).iter().map(config_error_to_js).collect())
}

/// What `field` allows, for a JS `Error`: `{ text, min, max }` for a range, `{ text, oneOf }` for choices
/// (and for an unknown option name, the known ones), `{ text }` otherwise.
fn allowed(field: Option<&str>, text: String) -> Object {
    let o = Object::new();
    set(&o, "text", text);
    if field == Some("option") {
        set(
            &o,
            "oneOf",
            fit_option_names().into_iter().map(JsValue::from).collect::<Array>(),
        );
    } else if let Some(spec) = field.and_then(option_spec) {
        if let Some((min, max)) = spec.range {
            set(&o, "min", min);
            set(&o, "max", max);
        }
        let choices = spec.choices();
        if !choices.is_empty() {
            set(
                &o,
                "oneOf",
                choices.into_iter().map(|c| value(c.value)).collect::<Array>(),
            );
        }
    }
    o
}

/// A JS `Error` with the message, and `field` (the option it is about, or null), `allowed` (see
/// [`allowed`]) and `hint` (the refusal in a few words, for beside the field) as properties, so the page
/// marks a field without reading the message.
pub fn config_error_to_js(e: &ConfigError) -> JsValue {
    let error = js_sys::Error::new(&e.to_string());
    let field = e.option();
    let text = match e {
        ConfigError::OutOfRange { allowed, .. } => allowed.clone(),
        _ => field
            .and_then(option_spec)
            .map_or_else(String::new, OptionSpec::allowed),
    };
    set(&error, "field", text_or_null(field));
    set(&error, "hint", e.hint());
    set(&error, "allowed", allowed(field, text));
    error.into()
}

/// Reads a plain JS object of options into `(name, value)` pairs.
pub(crate) fn read_options(options: &JsValue) -> Result<Vec<(String, OptionValue)>, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(Vec::new());
    }
    if !options.is_object() || Array::is_array(options) {
        return Err(argument_error(
            "options",
            "a plain object such as { k: 5, learningRate: 0.01 }",
            "options must be a plain object such as { k: 5, learningRate: 0.01 }",
        ));
    }
    let mut pairs = Vec::new();
    for key in Object::keys(options.unchecked_ref::<Object>()).iter() {
        let name = key.as_string().unwrap_or_default();
        let value = Reflect::get(options, &key).map_err(|_| {
            argument_error(
                &name,
                "a number, a text or a list of numbers",
                &format!("option {name:?} cannot be read"),
            )
        })?;
        let value = if value.is_undefined() || value.is_null() {
            // Refused by the option's own rule, quoted as JavaScript writes it (`data = "undefined"`).
            OptionValue::Text(if value.is_null() { "null" } else { "undefined" }.into())
        } else if let Some(v) = value.as_f64() {
            OptionValue::Number(v)
        } else if let Some(t) = value.as_string() {
            OptionValue::Text(t)
        } else if value.is_instance_of::<Float64Array>() {
            OptionValue::Numbers(Float64Array::from(value).to_vec())
        } else if Array::is_array(&value) {
            let array = Array::from(&value);
            let mut numbers = Vec::with_capacity(array.length() as usize);
            // Items may be numbers or lists of numbers (a mixture's [[weight, mean, sigma], ...]).
            for (i, item) in array.iter().enumerate() {
                let bad = || {
                    argument_error(
                        &name,
                        "a list of numbers",
                        &format!(
                            "{name} item {} is not a number; {name} must be a list of numbers",
                            i + 1
                        ),
                    )
                };
                if Array::is_array(&item) {
                    for inner in Array::from(&item).iter() {
                        numbers.push(inner.as_f64().ok_or_else(bad)?);
                    }
                } else {
                    numbers.push(item.as_f64().ok_or_else(bad)?);
                }
            }
            OptionValue::Numbers(numbers)
        } else {
            OptionValue::Text(format!("{value:?}"))
        };
        pairs.push((name, value));
    }
    Ok(pairs)
}
