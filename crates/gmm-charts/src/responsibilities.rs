//! The E-step chart: each histogram bar split into the components' shares of responsibility in that bin.

use super::density::draw_density_axes;
use super::key::{draw_key, key_height, KeyMark};
use super::{draw_chart_legend, render_error, style, RenderError, Theme};
use gmm_core::data::histogram::Histogram;
use gmm_core::model::mixture::{grid, Mixture};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Points at which the optional curves are evaluated.
const CURVE_POINTS: usize = 400;

/// The E-step chart to draw.
pub struct ResponsibilityPanel<'a> {
    /// Caption, e.g. "E-step of iteration 4: who explains each bin".
    pub caption: &'a str,
    pub histogram: &'a Histogram,
    /// K x bins shares, row-major by component, as [`gmm_core::teach::stepthrough::EStep::shares`].
    pub shares: &'a [f64],
    /// Number of components K.
    pub k: usize,
    /// The mixture the shares come from, drawn as a solid curve if given.
    pub fit: Option<&'a Mixture>,
    /// The ground truth, dashed, if given.
    pub truth: Option<&'a Mixture>,
    pub theme: &'a Theme,
}

/// Draws the stacked histogram: bar `b` of height `h_b` is split bottom-up into pieces
/// `share_kb * h_b` in component colours, with a key of the components below the chart.
///
/// # Errors
/// [`RenderError`] from the backend, or if `shares` is not K x bins.
pub fn draw_responsibilities<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &ResponsibilityPanel,
) -> Result<(), RenderError> {
    let (hist, theme, k) = (panel.histogram, panel.theme, panel.k);
    let bins = hist.heights.len();
    if k == 0 || panel.shares.len() != k * bins {
        return Err(RenderError(format!(
            "shares has {} values; it must be K x bins = {k} x {bins}",
            panel.shares.len()
        )));
    }
    area.fill(&theme.background).map_err(render_error)?;
    let text = |size| style::text(theme, size);
    let key: Vec<(String, KeyMark)> = std::iter::once(("share of responsibility:".to_string(), KeyMark::Heading))
        .chain((0..k).map(|j| {
            (
                format!("component {}", j + 1),
                KeyMark::Box(theme.component(j), theme.histogram_edge),
            )
        }))
        .collect();
    let key_h = key_height(area, &key, &text(12))?;
    let h = area.dim_in_pixel().1;
    let (plot_area, key_area) = area.split_vertically(h.saturating_sub(key_h));

    let pad = 0.05 * (hist.hi - hist.lo);
    let (x0, x1) = (hist.lo - pad, hist.hi + pad);
    let xs: Vec<f64> = grid(x0, x1, CURVE_POINTS).collect();
    let fit_curve = panel.fit.map(|m| m.density_at(&xs));
    let truth_curve = panel.truth.map(|m| m.density_at(&xs));
    let top = hist
        .heights
        .iter()
        .chain(truth_curve.iter().flatten())
        .copied()
        .fold(0.0, f64::max);
    // Head room for the legend above the bars.
    let y_max = 1.3 * if top > 0.0 { top } else { 1.0 };
    let mut chart = ChartBuilder::on(&plot_area)
        .caption(panel.caption, text(15))
        .margin(6)
        .margin_right(14)
        .x_label_area_size(34)
        .y_label_area_size(44)
        .build_cartesian_2d(x0..x1, 0.0..y_max)
        .map_err(render_error)?;
    draw_density_axes(&mut chart, theme)?;
    for (b, (lo, hi, height)) in hist.bars().enumerate() {
        let mut bottom = 0.0;
        for j in 0..k {
            let piece = panel.shares[j * bins + b] * height;
            if piece > 0.0 {
                let rect = Rectangle::new([(lo, bottom), (hi, bottom + piece)], theme.component(j).filled());
                chart.draw_series([rect]).map_err(render_error)?;
            }
            bottom += piece;
        }
        let outline = Rectangle::new([(lo, 0.0), (hi, height)], theme.histogram_edge.stroke_width(1));
        chart.draw_series([outline]).map_err(render_error)?;
    }
    let mut entries = vec![(
        "data, split by share",
        KeyMark::Box(theme.component(0), theme.histogram_edge),
    )];
    if let Some(ys) = &truth_curve {
        let points = xs.iter().copied().zip(ys.iter().copied());
        chart
            .draw_series(DashedLineSeries::new(points, 7, 5, theme.curve.stroke_width(2)))
            .map_err(render_error)?;
        entries.push(("ground truth", KeyMark::Dashed(theme.curve, 2)));
    }
    if let Some(ys) = &fit_curve {
        let points = xs.iter().copied().zip(ys.iter().map(|y| y.min(y_max * 1.01)));
        chart
            .draw_series(LineSeries::new(points, theme.curve.stroke_width(3)))
            .map_err(render_error)?;
        entries.push(("current mixture", KeyMark::Line(theme.curve, 3)));
    }
    let plot = chart.plotting_area().strip_coord_spec();
    draw_chart_legend(&plot, &entries, area.dim_in_pixel().0, theme)?;
    draw_key(&key_area, &key, &text(12))?;
    area.present().map_err(render_error)
}
