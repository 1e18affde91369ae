//! The loss chart: both methods against step, either as each one's **gap to the best fit found** (log
//! y-axis: the ending is visible) or as the mean negative log-likelihood itself, on a log or linear step
//! axis, with a marker where each method settled and the ground truth as a dashed line.
//!
//! The key sits in a row below the plot at every width, so it never covers a curve. Gradient descent is
//! drawn as a wide line and EM as a narrow one on top of it, so where the two coincide both stay visible.

use super::key::{draw_key, key_height, KeyMark};
use super::{render_error, short_number, style, RenderError, Theme};
use gmm_core::run::loss_view::{LossView, StepAxis};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// At most this many points of each loss history are drawn; longer histories are decimated.
pub const MAX_DRAWN_POINTS: usize = 800;

/// Gaps below this (nats per point) are drawn at it: a log axis has no 0, and a method that reached the
/// best fit sits on the floor.
pub const GAP_FLOOR: f64 = 1e-6;

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

/// As [`decimate`], for a log step axis: about `max_points` steps spaced evenly in `ln(step)`, so the
/// first steps (where EM does most of its work) are all kept; step 0 is left out (a log axis has no 0).
pub fn decimate_log(losses: &[f64], max_points: usize) -> Vec<(f64, f64)> {
    let last = losses.len().saturating_sub(1);
    let m = max_points.max(2);
    let mut steps: Vec<usize> = if last <= m {
        (1..=last).collect()
    } else {
        let ratio = (last as f64).ln() / (m - 1) as f64;
        (0..m)
            .map(|j| ((j as f64 * ratio).exp().round() as usize).clamp(1, last))
            .collect()
    };
    steps.dedup();
    steps
        .into_iter()
        .map(|s| (s as f64, losses[s]))
        .filter(|p| p.1.is_finite())
        .collect()
}

/// The loss chart to draw.
pub struct LossPanel<'a> {
    /// The direct method's key label, e.g. "gradient descent (Adam)".
    pub direct_label: &'a str,
    pub direct: &'a [f64],
    pub em: &'a [f64],
    pub truth_loss: Option<f64>,
    /// The best fit's loss (see `FitSession::best_loss`); the gap view needs it and falls back to the loss
    /// view without it.
    pub best_loss: Option<f64>,
    pub view: LossView,
    pub step_axis: StepAxis,
    /// Where each method settled (`[direct, em]`), marked and labelled on its curve.
    pub settled: [Option<usize>; 2],
    /// The step the page is rewound to, marked by a vertical line (`None` when it shows the live end).
    pub marker_step: Option<usize>,
    pub theme: &'a Theme,
}

impl LossPanel<'_> {
    /// The view actually drawn: the gap view needs the best fit.
    pub fn shown_view(&self) -> LossView {
        self.view.shown(self.best_loss)
    }

    /// The value drawn for a loss: itself, or its gap to the best fit (at least [`GAP_FLOOR`]).
    fn shown(&self, loss: f64) -> f64 {
        match (self.shown_view(), self.best_loss) {
            (LossView::Gap, Some(best)) => (loss - best).max(GAP_FLOOR),
            _ => loss,
        }
    }
}

/// One method's curve: its points (in shown values, from step 1 on a log step axis) and its marker.
struct Curve {
    points: Vec<(f64, f64)>,
    settled: Option<(f64, f64)>,
}

fn curve(panel: &LossPanel, losses: &[f64], settled: Option<usize>) -> Curve {
    let (first, mut points) = match panel.step_axis {
        StepAxis::Log => (1, decimate_log(losses, MAX_DRAWN_POINTS)),
        StepAxis::Linear => (0, decimate(losses, MAX_DRAWN_POINTS)),
    };
    for p in &mut points {
        p.1 = panel.shown(p.1);
    }
    let settled = settled
        .map(|s| s.max(first))
        .and_then(|s| losses.get(s).map(|&l| (s as f64, panel.shown(l))))
        .filter(|p| p.1.is_finite());
    Curve { points, settled }
}

/// One axis of the chart, drawn in transformed coordinates (`log10` of the value on a log axis), so that
/// every combination of axes shares one plotters coordinate type (one copy of its code in the module).
#[derive(Debug, Clone, PartialEq)]
pub struct Axis {
    pub log: bool,
    /// The drawn range, in transformed coordinates.
    pub range: std::ops::Range<f64>,
    /// Where the labelled ticks sit, in transformed coordinates.
    pub ticks: Vec<f64>,
}

impl Axis {
    /// A log axis from `lo` to `hi` (both > 0), ticked at 1, 2, 5 x 10^k.
    pub fn log(lo: f64, hi: f64) -> Axis {
        Axis {
            log: true,
            range: lo.log10()..hi.log10(),
            ticks: log_key_points(lo, hi).into_iter().map(f64::log10).collect(),
        }
    }
    /// A linear axis from `lo` to `hi`, ticked at round numbers (at most about `max_ticks`).
    pub fn linear(lo: f64, hi: f64, max_ticks: usize) -> Axis {
        Axis {
            log: false,
            range: lo..hi,
            ticks: linear_key_points(lo, hi, max_ticks),
        }
    }
    /// A value in this axis's coordinates.
    pub fn to(&self, v: f64) -> f64 {
        if self.log {
            v.log10()
        } else {
            v
        }
    }
    /// The label of a tick at transformed coordinate `t`.
    pub fn label(&self, t: f64) -> String {
        if self.log {
            short_number(10f64.powf(t))
        } else {
            short_number(t)
        }
    }
}

/// plotters draws an [`Axis`] directly: a linear map of its (transformed) range, ticked where it says.
impl Ranged for Axis {
    type ValueType = f64;
    type FormatOption = DefaultFormatting;

    fn range(&self) -> std::ops::Range<f64> {
        self.range.clone()
    }

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let span = self.range.end - self.range.start;
        let t = if span > 0.0 {
            (value - self.range.start) / span
        } else {
            0.5
        };
        limit.0 + (t * (limit.1 - limit.0) as f64).round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }
}

/// Round numbers (1, 2 or 5 times a power of ten apart) from `lo` to `hi`, at most about `max_ticks`.
pub fn linear_key_points(lo: f64, hi: f64, max_ticks: usize) -> Vec<f64> {
    let span = hi - lo;
    if !(span > 0.0 && span.is_finite()) {
        return vec![lo];
    }
    let raw = span / max_ticks.max(1) as f64;
    let decade = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * decade)
        .find(|&s| s >= raw)
        .unwrap_or(10.0 * decade);
    let first = (lo / step).ceil() as i64;
    let last = (hi / step).floor() as i64;
    // Multiples of the step, so a tick at 0.30000000000000004 reads 0.3.
    (first..=last).map(|i| i as f64 * step).collect()
}

/// Draws the loss chart onto `area`. In the loss view the y-axis is logarithmic when every value is
/// positive and they span a factor of 5 or more, linear otherwise; the gap view is always logarithmic.
pub fn draw_loss<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, panel: &LossPanel) -> Result<(), RenderError> {
    area.fill(&panel.theme.background).map_err(render_error)?;
    let curves = [
        curve(panel, panel.direct, panel.settled[0]),
        curve(panel, panel.em, panel.settled[1]),
    ];
    let truth = panel.truth_loss.map(|t| panel.shown(t));
    let values = curves.iter().flat_map(|c| c.points.iter().map(|p| p.1)).chain(truth);
    let (lo, hi) = style::finite_span(values, (1.0, 2.0));
    let steps = panel.direct.len().max(panel.em.len()).saturating_sub(1).max(10) as f64;
    let gap = panel.shown_view() == LossView::Gap;
    let log_values = gap || style::wants_log_axis(lo, hi);
    let y_desc = match (gap, log_values) {
        (true, _) => "gap to best fit (nats per point, log)",
        (false, true) => "mean −log-likelihood (log scale)",
        (false, false) => "mean −log-likelihood",
    };
    let (x, x_desc) = match panel.step_axis {
        StepAxis::Log => (Axis::log(1.0, steps * 1.15), "step (log scale)"),
        StepAxis::Linear => (Axis::linear(0.0, steps, 7), "step"),
    };
    let y = match (gap, log_values) {
        (true, _) => Axis::log((lo / 2.0).max(GAP_FLOOR / 2.0), hi * 2.0),
        (false, true) => Axis::log(lo / 1.03, hi * 1.06),
        (false, false) => {
            let pad = 0.05 * (hi - lo).max(1e-9);
            Axis::linear(lo - pad, hi + pad, 8)
        }
    };
    Draw {
        panel,
        curves: &curves,
        truth,
        y_desc,
        x_desc,
    }
    .with(area, &x, &y)
}
/// Where a `size` label of a marker at `marker` goes: the first of right-above, right-below, left-above,
/// left-below (then further up or down) that lies inside `plot` and overlaps none of `taken`; rectangles
/// are `(x0, y0, x1, y1)` in pixels.
pub fn label_place(
    marker: (i32, i32),
    size: (i32, i32),
    plot: (i32, i32, i32, i32),
    taken: &[(i32, i32, i32, i32)],
) -> (i32, i32, i32, i32) {
    const GAP: i32 = 7;
    let (w, h) = size;
    let (mx, my) = marker;
    let overlaps =
        |a: &(i32, i32, i32, i32), b: &(i32, i32, i32, i32)| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
    let inside = |r: &(i32, i32, i32, i32)| r.0 >= plot.0 && r.1 >= plot.1 && r.2 <= plot.2 && r.3 <= plot.3;
    let mut first_inside = None;
    for lift in 0..6 {
        let up = my - GAP - h - lift * (h + 2);
        let down = my + GAP + lift * (h + 2);
        for (x0, y0) in [
            (mx + GAP, up),
            (mx + GAP, down),
            (mx - GAP - w, up),
            (mx - GAP - w, down),
        ] {
            let r = (x0, y0, x0 + w, y0 + h);
            if inside(&r) {
                if !taken.iter().any(|t| overlaps(t, &r)) {
                    return r;
                }
                first_inside.get_or_insert(r);
            }
        }
    }
    first_inside.unwrap_or((mx + GAP, my - GAP - h, mx + GAP + w, my - GAP))
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
    // Many decades: the 1s alone, so labels keep their distance.
    if points.len() > 10 {
        points.retain(|v| (v.log10() - v.log10().round()).abs() < 1e-9);
    }
    points
}

struct Draw<'p, 'a> {
    panel: &'p LossPanel<'a>,
    curves: &'p [Curve; 2],
    truth: Option<f64>,
    y_desc: &'p str,
    x_desc: &'p str,
}

impl Draw<'_, '_> {
    fn with<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, x: &Axis, y: &Axis) -> Result<(), RenderError> {
        let (panel, theme) = (self.panel, self.panel.theme);
        let text = |size| style::text(theme, size);
        let gap = panel.shown_view() == LossView::Gap;
        let mut entries: Vec<(String, KeyMark)> = Vec::new();
        if let Some(t) = panel.truth_loss {
            let below = gap && panel.best_loss.is_some_and(|b| t <= b);
            let label = if below {
                "ground truth (below the best fit found)"
            } else {
                "ground-truth parameters"
            };
            entries.push((label.into(), KeyMark::Dashed(theme.curve, 2)));
        }
        entries.push((panel.direct_label.to_string(), KeyMark::Line(theme.direct, 5)));
        entries.push(("EM".into(), KeyMark::Line(theme.em, 2)));
        entries.push((
            "settled".into(),
            KeyMark::Dot {
                colour: theme.text,
                filled: true,
            },
        ));
        let (width, height) = area.dim_in_pixel();
        let font = text(if width < 450 { 10 } else { 11 });
        let key_h = key_height(area, &entries, &font)?;
        let (chart_area, strip) = area.split_vertically(height.saturating_sub(key_h));
        let caption = if gap {
            "Gap to the best fit found, per step (lower is better)"
        } else {
            "Loss per step (lower is better)"
        };
        let mut chart = ChartBuilder::on(&chart_area)
            .caption(caption, text(15))
            .margin(6)
            .margin_right(16)
            .x_label_area_size(36)
            .y_label_area_size(62)
            .build_cartesian_2d(x.clone(), y.clone())
            .map_err(render_error)?;
        style::mesh(&mut chart.configure_mesh(), theme, 12)
            .x_desc(self.x_desc)
            .x_label_formatter(&|t: &f64| x.label(*t))
            .y_desc(self.y_desc)
            .y_label_formatter(&|t: &f64| y.label(*t))
            .draw()
            .map_err(render_error)?;
        let at = |p: (f64, f64)| (x.to(p.0), y.to(p.1));
        if let Some(t) = self.truth {
            let style = theme.curve.stroke_width(2);
            let ends = [(x.range.start, y.to(t)), (x.range.end, y.to(t))];
            chart
                .draw_series(DashedLineSeries::new(ends, 7, 5, style))
                .map_err(render_error)?;
        }
        let colours = [(theme.direct, 5), (theme.em, 2)];
        for (c, &(colour, w)) in self.curves.iter().zip(&colours) {
            chart
                .draw_series(LineSeries::new(c.points.iter().map(|&p| at(p)), colour.stroke_width(w)))
                .map_err(render_error)?;
        }
        if let Some(step) = panel.marker_step {
            // The rewound step: a thin vertical line in the text colour, across the whole plot height.
            let (sx, y_range) = (x.to((step as f64).max(if x.log { 1.0 } else { 0.0 })), y.range.clone());
            chart
                .draw_series(LineSeries::new(
                    [(sx, y_range.start), (sx, y_range.end)],
                    theme.text.stroke_width(2),
                ))
                .map_err(render_error)?;
        }
        // Settled markers, each labelled beside it inside the plot, the two labels never over each other.
        let label_font = text(11);
        let (plot_x, plot_y) = chart.plotting_area().get_pixel_range();
        let plot = (plot_x.start, plot_y.start, plot_x.end, plot_y.end);
        let mut placed: Vec<(i32, i32, i32, i32)> = Vec::new();
        for (c, &(colour, _)) in self.curves.iter().zip(&colours) {
            let Some(settled) = c.settled else { continue };
            let at = at(settled);
            chart
                .draw_series([
                    Circle::new(at, 5, colour.filled()),
                    Circle::new(at, 5, theme.text.stroke_width(1)),
                ])
                .map_err(render_error)?;
            let label = format!("settled at {}", gmm_core::format::count(settled.0 as usize));
            let (w, h) = area.estimate_text_size(&label, &label_font).map_err(render_error)?;
            let marker = chart.backend_coord(&at);
            let rect = label_place(marker, (w as i32, h as i32), plot, &placed);
            placed.push(rect);
            let style = label_font.color(&colour).pos(Pos::new(HPos::Left, VPos::Top));
            area.draw(&Text::new(label, (rect.0, rect.1), style))
                .map_err(render_error)?;
        }
        draw_key(&strip, &entries, &font)?;
        area.present().map_err(render_error)
    }
}
