//! The charts' shared look, written once: the text style, the mesh (grid, axes, labels) and the choice
//! between a logarithmic and a linear value axis.

use super::Theme;
use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::Ranged;
use plotters::prelude::*;

/// Text in the charts' font and the theme's text colour.
pub fn text(theme: &Theme, size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&theme.text)
}

/// The mesh every chart starts from: light grid lines in the theme's grid colour, axes in its text
/// colour, tick labels of `label_size` and axis titles one point larger. A chart adds its own titles,
/// label counts and formatters.
pub fn mesh<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    theme: &Theme,
    label_size: u32,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    mesh.light_line_style(theme.grid)
        .bold_line_style(theme.grid)
        .axis_style(theme.text)
        .label_style(text(theme, label_size))
        .axis_desc_style(text(theme, label_size + 1))
}

/// Values spanning at least this factor, all positive, get a logarithmic axis.
pub const LOG_AXIS_MIN_RATIO: f64 = 5.0;

/// `(lowest, highest)` of the finite `values`, or `fallback` when there is none.
pub fn finite_span(values: impl IntoIterator<Item = f64>, fallback: (f64, f64)) -> (f64, f64) {
    let (lo, hi) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if lo.is_finite() {
        (lo, hi)
    } else {
        fallback
    }
}

/// Whether values from `lo` to `hi` get a logarithmic axis: all positive and spanning at least
/// [`LOG_AXIS_MIN_RATIO`] (losses from a far-off start span orders of magnitude).
pub fn wants_log_axis(lo: f64, hi: f64) -> bool {
    lo > 0.0 && hi / lo >= LOG_AXIS_MIN_RATIO
}
