//! The loss chart: both methods' mean negative log-likelihood against step, with the ground truth's loss.

use super::key::KeyMark;
use super::{draw_chart_legend, draw_key_row, render_error, short_number, split_for_key, style, RenderError, Theme};
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::coord::Shift;
use plotters::prelude::*;

/// At most this many points of each loss history are drawn; longer histories are decimated.
pub const MAX_DRAWN_POINTS: usize = 800;

/// `(step, loss)` pairs of `losses`, every `ceil(len / max_points)`-th one plus the last, skipping
/// non-finite values.
pub fn decimate(losses: &[f64], max_points: usize) -> Vec<(f64, f64)> {
    let stride = losses.len().div_ceil(max_points.max(1)).max(1);
    let mut points: Vec<(f64, f64)> = losses
        .iter()
        .enumerate()
        .step_by(stride)
        .map(|(i, &l)| (i as f64, l))
        .collect();
    if let Some(&last) = losses.last() {
        if (losses.len() - 1) % stride != 0 {
            points.push(((losses.len() - 1) as f64, last));
        }
    }
    points.retain(|p| p.1.is_finite());
    points
}

/// The loss chart to draw.
pub struct LossPanel<'a> {
    /// The direct method's legend label, e.g. "gradient descent (Adam)".
    pub direct_label: &'a str,
    pub direct: &'a [f64],
    pub em: &'a [f64],
    pub truth_loss: Option<f64>,
    /// The step the page is rewound to, marked by a vertical line (`None` when it shows the live end).
    pub marker_step: Option<usize>,
    pub theme: &'a Theme,
}

/// Draws the loss chart onto `area`. The y-axis is logarithmic when every value is positive and they span
/// a factor of 5 or more (losses from a far-off start span orders of magnitude), linear otherwise.
pub fn draw_loss<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, panel: &LossPanel) -> Result<(), RenderError> {
    area.fill(&panel.theme.background).map_err(render_error)?;
    let series = [
        decimate(panel.direct, MAX_DRAWN_POINTS),
        decimate(panel.em, MAX_DRAWN_POINTS),
    ];
    let values = series.iter().flatten().map(|p| p.1).chain(panel.truth_loss);
    let (lo, hi) = style::finite_span(values, (1.0, 2.0));
    let x_max = (panel.direct.len().max(panel.em.len()).saturating_sub(1)).max(10) as f64;
    if style::wants_log_axis(lo, hi) {
        // Losses from a far-off start span orders of magnitude: a log axis, labelled at 1, 2, 5 x 10^k.
        let (y0, y1) = (lo / 1.03, hi * 1.06);
        let y = (y0..y1).log_scale().with_key_points(log_key_points(y0, y1));
        draw_with(area, panel, &series, x_max, y, "mean −log-likelihood (log scale)")
    } else {
        let pad = 0.05 * (hi - lo).max(1e-9);
        draw_with(area, panel, &series, x_max, lo - pad..hi + pad, "mean −log-likelihood")
    }
}

/// The numbers 1, 2 and 5 times a power of ten between `lo` and `hi` (both > 0).
pub fn log_key_points(lo: f64, hi: f64) -> Vec<f64> {
    let mut points = Vec::new();
    let mut decade = 10f64.powi(lo.log10().floor() as i32);
    while decade <= hi {
        for m in [1.0, 2.0, 5.0] {
            let v = m * decade;
            if (lo..=hi).contains(&v) {
                points.push(v);
            }
        }
        decade *= 10.0;
    }
    points
}

fn draw_with<DB: DrawingBackend, Y>(
    area: &DrawingArea<DB, Shift>,
    panel: &LossPanel,
    series: &[Vec<(f64, f64)>; 2],
    x_max: f64,
    y: Y,
    y_desc: &str,
) -> Result<(), RenderError>
where
    Y: AsRangedCoord<Value = f64>,
    Y::CoordDescType: ValueFormatter<f64>,
{
    let theme = panel.theme;
    let text = |size| style::text(theme, size);
    let mut entries = Vec::new();
    if panel.truth_loss.is_some() {
        entries.push(("ground-truth parameters", KeyMark::Dashed(theme.curve, 2)));
    }
    entries.push((panel.direct_label, KeyMark::Line(theme.direct, 3)));
    entries.push(("EM", KeyMark::Line(theme.em, 3)));
    let (chart_area, key) = split_for_key(area, &entries, theme)?;
    let mut chart = ChartBuilder::on(&chart_area)
        .caption("Loss per step (lower is better)", text(15))
        .margin(6)
        .margin_right(16)
        .x_label_area_size(34)
        .y_label_area_size(54)
        .build_cartesian_2d(0.0..x_max, y)
        .map_err(render_error)?;
    style::mesh(&mut chart.configure_mesh(), theme, 12)
        .max_light_lines(1)
        .x_desc("step")
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_desc(y_desc)
        .x_labels(8)
        .y_labels(10)
        .y_label_formatter(&|y: &f64| short_number(*y))
        .draw()
        .map_err(render_error)?;
    if let Some(t) = panel.truth_loss {
        let style = theme.curve.stroke_width(2);
        chart
            .draw_series(DashedLineSeries::new([(0.0, t), (x_max, t)], 7, 5, style))
            .map_err(render_error)?;
    }
    for (points, colour) in [(&series[0], theme.direct), (&series[1], theme.em)] {
        chart
            .draw_series(LineSeries::new(points.iter().copied(), colour.stroke_width(3)))
            .map_err(render_error)?;
    }
    if let Some(step) = panel.marker_step {
        // The rewound step: a thin vertical line in the text colour, across the whole plot height.
        let (x, y) = (step as f64, chart.y_range());
        chart
            .draw_series(LineSeries::new([(x, y.start), (x, y.end)], theme.text.stroke_width(2)))
            .map_err(render_error)?;
    }
    let plot = chart.plotting_area().strip_coord_spec();
    match &key {
        Some((strip, font)) => draw_key_row(strip, &entries, font)?,
        None => draw_chart_legend(&plot, &entries, area.dim_in_pixel().0, theme)?,
    }
    area.present().map_err(render_error)
}
