//! The WebAssembly boundary of the data import: `parseData(text, column)` -> the numbers, or a JS `Error`
//! whose message names the line and the problem. Conversions only; the parser is [`gmm_core::data::import`].

use crate::js::{argument_error, set};
use gmm_core::data::import::parse_values;
use gmm_core::data::import::ImportError;
use js_sys::{Array, Float64Array, Object};
use wasm_bindgen::prelude::*;

/// Parses pasted text or a file's contents: one number per line, or the column `column` (a header name,
/// or a 1-based number) of comma-, semicolon- or tab-separated lines.
///
/// Returns `{ values: Float64Array, column: string | null, columns: string[], skippedBlank: number }`;
/// `values` can be passed as the `data` option of `new Demo({ data, k })`.
///
/// # Errors
/// A JS `Error` naming the line and the problem (not a number, empty, not finite, beyond ±1e100, a missing
/// column, too many values with the limit), or the columns to choose from.
#[wasm_bindgen(js_name = parseData)]
pub fn parse_data(text: &str, column: Option<String>) -> Result<Object, JsValue> {
    let parsed = parse_values(text, column.as_deref()).map_err(|e| match e {
        ImportError::ChooseColumn { .. } | ImportError::UnknownColumn { .. } | ImportError::MissingColumn { .. } => {
            argument_error("column", "a column's header name or number", &e.to_string())
        }
        _ => argument_error(
            "text",
            "one finite number per line, or a CSV column, within ±1e100",
            &e.to_string(),
        ),
    })?;
    let out = Object::new();
    set(&out, "values", Float64Array::from(parsed.values.as_slice()));
    set(&out, "column", parsed.column.map_or(JsValue::NULL, JsValue::from));
    let columns: Array = parsed.columns.iter().map(|c| JsValue::from_str(c)).collect();
    set(&out, "columns", columns);
    set(&out, "skippedBlank", parsed.skipped_blank as u32);
    Ok(out)
}
