//! Chart layouts for JS: each handle keeps the [`ChartLayout`] of the last drawing of each of its charts,
//! and gives it to the page (and its tests) as a plain object:
//! `{ width, height, plots: [rect], legends: [rect], texts: [{ text, x0, y0, x1, y1 }] }`, where a rect
//! is `{ x0, y0, x1, y1 }` in the canvas's CSS pixels (ends excluded).

use crate::js::set;
use gmm_charts::{ChartLayout, Rect};
use js_sys::{Array, Object};
use std::cell::RefCell;
use wasm_bindgen::JsValue;

/// The last layout of each named chart of a handle.
#[derive(Default)]
pub struct Layouts(RefCell<Vec<(&'static str, ChartLayout)>>);

impl Layouts {
    /// Keeps `layout` as the last one of `chart`.
    pub fn keep(&self, chart: &'static str, layout: ChartLayout) {
        let mut all = self.0.borrow_mut();
        all.retain(|(name, _)| *name != chart);
        all.push((chart, layout));
    }

    /// The first plotting area of the last drawing of `chart`, if drawn.
    pub fn plot(&self, chart: &str) -> Option<Rect> {
        self.0
            .borrow()
            .iter()
            .find(|(name, _)| *name == chart)
            .and_then(|(_, l)| l.plots.first().copied())
    }

    /// Every plotting area of the last drawing of `chart` (none if not drawn).
    pub fn plots(&self, chart: &str) -> Vec<Rect> {
        self.0
            .borrow()
            .iter()
            .find(|(name, _)| *name == chart)
            .map_or(Vec::new(), |(_, l)| l.plots.clone())
    }

    /// The last layout of `chart` as a plain object, or `null` before its first drawing.
    pub fn get(&self, chart: &str) -> JsValue {
        self.0
            .borrow()
            .iter()
            .find(|(name, _)| *name == chart)
            .map_or(JsValue::NULL, |(_, l)| layout_to_js(l).into())
    }
}

/// A rectangle as `{ x0, y0, x1, y1 }`.
pub(crate) fn rect(r: &Rect) -> Object {
    let o = Object::new();
    set(&o, "x0", r.x0);
    set(&o, "y0", r.y0);
    set(&o, "x1", r.x1);
    set(&o, "y1", r.y1);
    o
}

/// The plain object of a layout (see the module's documentation).
pub fn layout_to_js(layout: &ChartLayout) -> Object {
    let out = Object::new();
    set(&out, "width", layout.width);
    set(&out, "height", layout.height);
    set(&out, "plots", layout.plots.iter().map(rect).collect::<Array>());
    set(&out, "legends", layout.legends.iter().map(rect).collect::<Array>());
    let texts: Array = layout
        .texts
        .iter()
        .map(|t| {
            let o = rect(&t.rect);
            set(&o, "text", t.text.as_str());
            o
        })
        .collect();
    set(&out, "texts", texts);
    out
}
