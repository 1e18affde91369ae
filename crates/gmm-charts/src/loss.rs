//! The loss chart: both methods against step, either as each one's **gap to the best fit found** (log
//! y-axis: the ending is visible) or as the mean negative log-likelihood itself, on a log or linear step
//! axis, with a marker where each method settled and the ground truth as a dashed line.
//!
//! The key sits in a row below the plot at every width, so it never covers a curve. Gradient descent is
//! drawn as a wide line and EM as a narrow one on top of it, so where the two coincide both stay visible.

use super::key::{draw_key, key_height, KeyMark};
use super::{render_error, short_number, style, RenderError, Theme};
use gmm_core::run::loss_view::{LossView, StepAxis};
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
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
    let x_desc = match panel.step_axis {
        StepAxis::Log => "step (log scale)",
        StepAxis::Linear => "step",
    };
    let draw = Draw {
        panel,
        curves: &curves,
        truth,
        x_max: steps,
        y_desc,
        x_desc,
    };
    let log_x = || {
        (1.0..steps * 1.15)
            .log_scale()
            .with_key_points(log_key_points(1.0, steps))
    };
    let log_y = |y0: f64, y1: f64| (y0..y1).log_scale().with_key_points(log_key_points(y0, y1));
    if log_values {
        let (y0, y1) = if gap {
            ((lo / 2.0).max(GAP_FLOOR / 2.0), hi * 2.0)
        } else {
            (lo / 1.03, hi * 1.06)
        };
        match panel.step_axis {
            StepAxis::Log => draw.with(area, log_x(), log_y(y0, y1)),
            StepAxis::Linear => draw.with(area, 0.0..steps, log_y(y0, y1)),
        }
    } else {
        let pad = 0.05 * (hi - lo).max(1e-9);
        match panel.step_axis {
            StepAxis::Log => draw.with(area, log_x(), lo - pad..hi + pad),
            StepAxis::Linear => draw.with(area, 0.0..steps, lo - pad..hi + pad),
        }
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
    x_max: f64,
    y_desc: &'p str,
    x_desc: &'p str,
}

impl Draw<'_, '_> {
    fn with<DB: DrawingBackend, X, Y>(&self, area: &DrawingArea<DB, Shift>, x: X, y: Y) -> Result<(), RenderError>
    where
        X: AsRangedCoord<Value = f64>,
        X::CoordDescType: ValueFormatter<f64>,
        Y: AsRangedCoord<Value = f64>,
        Y::CoordDescType: ValueFormatter<f64>,
    {
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
            .build_cartesian_2d(x, y)
            .map_err(render_error)?;
        style::mesh(&mut chart.configure_mesh(), theme, 12)
            .max_light_lines(1)
            .x_desc(self.x_desc)
            .x_label_formatter(&|x: &f64| short_number(x.round()))
            .y_desc(self.y_desc)
            .x_labels(7)
            .y_labels(8)
            .y_label_formatter(&|y: &f64| short_number(*y))
            .draw()
            .map_err(render_error)?;
        if let Some(t) = self.truth {
            let style = theme.curve.stroke_width(2);
            chart
                .draw_series(DashedLineSeries::new([(0.0, t), (self.x_max * 1.15, t)], 7, 5, style))
                .map_err(render_error)?;
        }
        let colours = [(theme.direct, 5), (theme.em, 2)];
        for (c, &(colour, w)) in self.curves.iter().zip(&colours) {
            chart
                .draw_series(LineSeries::new(c.points.iter().copied(), colour.stroke_width(w)))
                .map_err(render_error)?;
        }
        // Settled markers, each labelled: the higher marker's label above it, the lower one's below, so two
        // methods settling close together stay readable (on a tie, gradient descent's goes above).
        let label_font = text(11);
        let heights: Vec<Option<i32>> = self
            .curves
            .iter()
            .map(|c| c.settled.map(|at| chart.backend_coord(&at).1))
            .collect();
        for (i, (c, &(colour, _))) in self.curves.iter().zip(&colours).enumerate() {
            let Some(at) = c.settled else { continue };
            let step = at.0 as usize;
            chart
                .draw_series([
                    Circle::new(at, 5, colour.filled()),
                    Circle::new(at, 5, theme.text.stroke_width(1)),
                ])
                .map_err(render_error)?;
            let (px, py) = chart.backend_coord(&at);
            let other = heights[1 - i];
            let above = other.is_none_or(|o| py < o || (py == o && i == 0));
            let (dy, v) = if above { (-9, VPos::Bottom) } else { (9, VPos::Top) };
            let label = format!("settled at {}", gmm_core::format::count(step));
            let (w, _) = area.estimate_text_size(&label, &label_font).map_err(render_error)?;
            // Keep the label inside the chart: right of the marker, or left of it near the right edge.
            let x = if px + 8 + w as i32 > width as i32 - 4 {
                (px - 8, HPos::Right)
            } else {
                (px + 8, HPos::Left)
            };
            area.draw(&Text::new(
                label,
                (x.0, py + dy),
                label_font.color(&colour).pos(Pos::new(x.1, v)),
            ))
            .map_err(render_error)?;
        }
        draw_key(&strip, &entries, &font)?;
        area.present().map_err(render_error)
    }
}
