//! The E-step chart: each histogram bar split into the components' shares of responsibility in that bin.

use super::density::{density_axes, draw_density_axes};
use super::key::{draw_key, key_height, KeyMark};
use super::layout::{Rect, Regions};
use super::{key_font, render_error, style, RenderError, Theme};
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
/// `share_kb * h_b` in component colours, with a key of the curves and the components below the chart.
///
/// # Errors
/// [`RenderError`] from the backend, or if `shares` is not K x bins.
pub fn draw_responsibilities<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &ResponsibilityPanel,
) -> Result<Regions, RenderError> {
    let (hist, theme, k) = (panel.histogram, panel.theme, panel.k);
    let bins = hist.heights.len();
    if k == 0 || panel.shares.len() != k * bins {
        return Err(RenderError(format!(
            "shares has {} values; it must be K x bins = {k} x {bins}",
            panel.shares.len()
        )));
    }
    area.fill(&theme.background).map_err(render_error)?;
    let mut key: Vec<(String, KeyMark)> = Vec::new();
    if panel.truth.is_some() {
        key.push(("ground truth".to_string(), KeyMark::Dashed(theme.curve, 2)));
    }
    if panel.fit.is_some() {
        key.push(("current mixture".to_string(), KeyMark::Line(theme.curve, 3)));
    }
    key.push((
        "each bar split by share of responsibility:".to_string(),
        KeyMark::Heading,
    ));
    key.extend((0..k).map(|j| {
        (
            format!("component {}", j + 1),
            KeyMark::Box(theme.component(j), theme.histogram_edge),
        )
    }));
    let (w, h) = area.dim_in_pixel();
    let font = key_font(theme, w);
    let key_h = key_height(area, &key, &font)?;
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
    let y_max = 1.15 * if top > 0.0 { top } else { 1.0 };
    let body = style::titled(&plot_area, panel.caption, theme)?;
    let axes = density_axes(&body, (x0, x1), y_max, theme)?;
    let mut chart = axes
        .builder(&body)
        .build_cartesian_2d(axes.x.coord(), axes.y.coord())
        .map_err(render_error)?;
    draw_density_axes(&mut chart, &axes, theme)?;
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
    if let Some(ys) = &truth_curve {
        let points = xs.iter().copied().zip(ys.iter().copied());
        chart
            .draw_series(DashedLineSeries::new(points, 7, 5, theme.curve.stroke_width(2)))
            .map_err(render_error)?;
    }
    if let Some(ys) = &fit_curve {
        let points = xs.iter().copied().zip(ys.iter().map(|y| y.min(y_max * 1.01)));
        chart
            .draw_series(LineSeries::new(points, theme.curve.stroke_width(3)))
            .map_err(render_error)?;
    }
    draw_key(&key_area, &key, &font)?;
    area.present().map_err(render_error)?;
    Ok(Regions {
        plots: vec![Rect::of_area(&chart.plotting_area().strip_coord_spec())],
        legends: vec![Rect::of_area(&key_area)],
    })
}
