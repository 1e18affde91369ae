//! The loss chart: both methods against step, either as each one's **gap to the best fit found** (log
//! y-axis: the ending is visible) or as the mean negative log-likelihood itself, on a log or linear step
//! axis or against the seconds each method spent stepping (each method's measured cost per step in the
//! key), with a marker where each method settled and the ground truth as a dashed line.
//!
//! The key sits in a row below the plot at every width, so it never covers a curve. Gradient descent is
//! drawn as a wide line and EM as a narrow one on top of it, so where the two coincide both stay visible.

use super::key::{draw_key, key_height, KeyMark};
use super::layout::{Rect, Regions};
use super::ticks::{Axes, AxisWish, Margin, Scale};
use super::{render_error, short_number, style, RenderError, Theme};
use gmm_core::format::duration;
use gmm_core::run::loss_view::{LossView, StepAxis};
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
    /// The second panel's key label, e.g. "EM".
    pub em_label: &'a str,
    pub direct: &'a [f64],
    pub em: &'a [f64],
    /// Each method's seconds spent to reach each step (`[direct, em]`, as long as its losses), for the
    /// time axis.
    pub seconds: [&'a [f64]; 2],
    pub truth_loss: Option<f64>,
    /// The best fit's loss (see `FitSession::best_loss`); the gap view needs it and falls back to the loss
    /// view without it.
    pub best_loss: Option<f64>,
    pub view: LossView,
    pub step_axis: StepAxis,
    /// Where each method settled (`[direct, em]`), marked and labelled on its curve.
    pub settled: [Option<usize>; 2],
    /// The step the page is rewound to, marked by a vertical line (`None` when it shows the live end; not
    /// drawn on the time axis, where the two methods reach a step at different times).
    pub marker_step: Option<usize>,
    pub theme: &'a Theme,
}

impl LossPanel<'_> {
    /// The view actually drawn: the gap view needs the best fit.
    pub fn shown_view(&self) -> LossView {
        self.view.shown(self.best_loss)
    }

    /// In the gap view, whether the truth's loss `t` lies at or below the best fit (then it is not drawn).
    fn truth_below_best(&self, t: f64) -> bool {
        self.shown_view() == LossView::Gap && self.best_loss.is_some_and(|b| t <= b)
    }

    /// The value drawn for a loss: itself, or its gap to the best fit (at least [`GAP_FLOOR`]).
    fn shown(&self, loss: f64) -> f64 {
        match (self.shown_view(), self.best_loss) {
            (LossView::Gap, Some(best)) => (loss - best).max(GAP_FLOOR),
            _ => loss,
        }
    }
}

/// One method's curve: its points (in shown values, from step 1 on a log step axis) and its marker (where it
/// is drawn, and the step it marks).
struct Curve {
    points: Vec<(f64, f64)>,
    settled: Option<((f64, f64), usize)>,
}

fn curve(panel: &LossPanel, losses: &[f64], seconds: &[f64], settled: Option<usize>) -> Curve {
    let (first, mut points) = match panel.step_axis {
        StepAxis::Log => (1, decimate_log(losses, MAX_DRAWN_POINTS)),
        StepAxis::Linear | StepAxis::Time => (0, decimate(losses, MAX_DRAWN_POINTS)),
    };
    // On the time axis a step is drawn at the seconds spent to reach it.
    let x = |step: usize| match panel.step_axis {
        StepAxis::Time => seconds.get(step).copied().unwrap_or(f64::NAN),
        _ => step as f64,
    };
    for p in &mut points {
        *p = (x(p.0 as usize), panel.shown(p.1));
    }
    points.retain(|p| p.0.is_finite());
    let settled = settled
        .map(|s| s.max(first))
        .and_then(|s| losses.get(s).map(|&l| ((x(s), panel.shown(l)), s)))
        .filter(|(p, _)| p.0.is_finite() && p.1.is_finite());
    Curve { points, settled }
}

/// The longest time either method spent (at least a millisecond, so an untimed run still has an axis).
fn longest_time(panel: &LossPanel) -> f64 {
    panel
        .seconds
        .iter()
        .filter_map(|s| s.last().copied())
        .filter(|t| t.is_finite())
        .fold(1e-3, f64::max)
}

/// The loss chart's x-axis: from step 1 (log) or 0 (linear) to the longer history (at least 10 steps), or
/// from 0 to the longer time spent.
pub fn loss_step_scale(panel: &LossPanel) -> Scale {
    let steps = panel.direct.len().max(panel.em.len()).saturating_sub(1).max(10) as f64;
    match panel.step_axis {
        StepAxis::Log => Scale::Log(1.0, steps),
        StepAxis::Linear => Scale::Linear(0.0, steps),
        StepAxis::Time => Scale::Linear(0.0, longest_time(panel)),
    }
}

/// A method's measured cost per step, e.g. "62 µs per step", from its seconds (`None` untimed).
pub fn per_step_cost(seconds: &[f64]) -> Option<String> {
    let steps = seconds.len().checked_sub(1).filter(|&s| s > 0)?;
    let total = *seconds.last()?;
    (total > 0.0 && total.is_finite()).then(|| format!("{} per step", duration(total / steps as f64)))
}

/// The y-axis title, from the longest to the shortest (the first that fits the plot's height is drawn).
fn y_titles(gap: bool, log_values: bool) -> &'static [&'static str] {
    match (gap, log_values) {
        (true, _) => &[
            "gap to best fit (nats per point, log)",
            "gap to best fit (log)",
            "gap (log)",
        ],
        (false, true) => &["mean −log-likelihood (log scale)", "mean −log-lik. (log)", "loss (log)"],
        (false, false) => &["mean −log-likelihood", "mean −log-lik.", "loss"],
    }
}

/// Draws the loss chart onto `area`. In the loss view the y-axis is logarithmic when every value is
/// positive and they span a factor of 5 or more, linear otherwise; the gap view is always logarithmic.
///
/// Returns where it put the plotting area and the key (for the layout record, [`crate::record`]).
pub fn draw_loss<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, panel: &LossPanel) -> Result<Regions, RenderError> {
    area.fill(&panel.theme.background).map_err(render_error)?;
    let curves = [
        curve(panel, panel.direct, panel.seconds[0], panel.settled[0]),
        curve(panel, panel.em, panel.seconds[1], panel.settled[1]),
    ];
    // In the gap view a truth below the best fit has no gap to draw (its key entry says so).
    let truth = panel
        .truth_loss
        .filter(|&t| !panel.truth_below_best(t))
        .map(|t| panel.shown(t));
    let values = curves.iter().flat_map(|c| c.points.iter().map(|p| p.1)).chain(truth);
    let (lo, hi) = style::finite_span(values, (1.0, 2.0));
    let gap = panel.shown_view() == LossView::Gap;
    let log_values = gap || style::wants_log_axis(lo, hi);
    let x = loss_step_scale(panel);
    let x_titles: &[&str] = match panel.step_axis {
        StepAxis::Log => &["step (log scale)", "step (log)"],
        StepAxis::Linear => &["step"],
        StepAxis::Time => &["time spent stepping (s)", "time (s)"],
    };
    let y = match (gap, log_values) {
        (true, _) => Scale::Log((lo / 2.0).max(GAP_FLOOR / 2.0), hi * 2.0),
        (false, true) => Scale::Log(lo / 1.03, hi * 1.06),
        (false, false) => {
            // A flat span (one line, e.g. the truth's at step 0) is padded by 0.1 % of its value, so its
            // ticks are a readable distance apart.
            let pad = (0.05 * (hi - lo)).max(1e-3 * lo.abs().max(hi.abs())).max(1e-9);
            Scale::Linear(lo - pad, hi + pad)
        }
    };
    Draw {
        panel,
        curves: &curves,
        truth,
        y_titles: y_titles(gap, log_values),
        x_titles,
    }
    .with(area, x, y)
}
/// A rectangle `(x0, y0, x1, y1)` in pixels.
type PixelRect = (i32, i32, i32, i32);

/// Whether the segment from `a` to `b` crosses or touches `r` (Liang-Barsky clipping).
fn segment_hits(a: (i32, i32), b: (i32, i32), r: &PixelRect) -> bool {
    let (x0, y0) = (a.0 as f64, a.1 as f64);
    let (dx, dy) = ((b.0 - a.0) as f64, (b.1 - a.1) as f64);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, x0 - r.0 as f64),
        (dx, r.2 as f64 - x0),
        (-dy, y0 - r.1 as f64),
        (dy, r.3 as f64 - y0),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// Where a `size` label of a marker at `marker` goes: the first of right-above, right-below, left-above,
/// left-below (then further up or down) that lies inside `plot`, overlaps none of `taken` and crosses none
/// of the `curves` (polylines in pixels), so that a label hides no data; failing that, the first that
/// overlaps no other label.
pub fn label_place(
    marker: (i32, i32),
    size: (i32, i32),
    plot: PixelRect,
    taken: &[PixelRect],
    curves: &[Vec<(i32, i32)>],
) -> PixelRect {
    const GAP: i32 = 7;
    let (w, h) = size;
    let (mx, my) = marker;
    let overlaps = |a: &PixelRect, b: &PixelRect| a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
    let inside = |r: &PixelRect| r.0 >= plot.0 && r.1 >= plot.1 && r.2 <= plot.2 && r.3 <= plot.3;
    let on_a_curve = |r: &PixelRect| {
        let padded = (r.0 - 1, r.1 - 1, r.2 + 1, r.3 + 1);
        curves
            .iter()
            .any(|c| c.windows(2).any(|s| segment_hits(s[0], s[1], &padded)))
    };
    let mut candidates = Vec::new();
    for lift in 0..8 {
        let up = my - GAP - h - lift * (h + 2);
        let down = my + GAP + lift * (h + 2);
        for (x0, y0) in [
            (mx + GAP, up),
            (mx + GAP, down),
            (mx - GAP - w, up),
            (mx - GAP - w, down),
        ] {
            let r = (x0, y0, x0 + w, y0 + h);
            if inside(&r) && !taken.iter().any(|t| overlaps(t, &r)) {
                candidates.push(r);
            }
        }
    }
    candidates
        .iter()
        .find(|r| !on_a_curve(r))
        .or(candidates.first())
        .copied()
        .unwrap_or((mx + GAP, my - GAP - h, mx + GAP + w, my - GAP))
}

struct Draw<'p, 'a> {
    panel: &'p LossPanel<'a>,
    curves: &'p [Curve; 2],
    truth: Option<f64>,
    y_titles: &'static [&'static str],
    x_titles: &'static [&'static str],
}

impl Draw<'_, '_> {
    fn with<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        x: Scale,
        y: Scale,
    ) -> Result<Regions, RenderError> {
        let (panel, theme) = (self.panel, self.panel.theme);
        let text = |size| style::text(theme, size);
        let gap = panel.shown_view() == LossView::Gap;
        let mut entries: Vec<(String, KeyMark)> = Vec::new();
        if let Some(t) = panel.truth_loss {
            let label = if panel.truth_below_best(t) {
                "ground truth: below the best fit found (no gap to draw)"
            } else {
                "ground-truth parameters"
            };
            entries.push((label.into(), KeyMark::Dashed(theme.curve, 2)));
        }
        // On the time axis each method's key also gives its measured cost per step.
        let labelled = |label: &str, seconds: &[f64]| match (panel.step_axis, per_step_cost(seconds)) {
            (StepAxis::Time, Some(cost)) => format!("{label}: {cost}"),
            _ => label.to_string(),
        };
        entries.push((
            labelled(panel.direct_label, panel.seconds[0]),
            KeyMark::Line(theme.direct, 5),
        ));
        entries.push((labelled(panel.em_label, panel.seconds[1]), KeyMark::Line(theme.em, 2)));
        // The gap view's floor holds every smaller gap (a method that reached the best fit): the key says so.
        let on_floor = gap && self.curves.iter().any(|c| c.points.iter().any(|p| p.1 <= GAP_FLOOR));
        if on_floor {
            entries.push((
                format!("gaps below {} drawn at it", short_number(GAP_FLOOR)),
                KeyMark::Heading,
            ));
        }
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
        let caption = match (gap, panel.step_axis) {
            (true, StepAxis::Time) => "Gap to the best fit found, against time spent (lower is better)",
            (true, _) => "Gap to the best fit found, per step (lower is better)",
            (false, StepAxis::Time) => "Loss against time spent (lower is better)",
            (false, _) => "Loss per step (lower is better)",
        };
        let plot_area = style::titled(&chart_area, caption, theme)?;
        let axes = Axes::plan(
            &plot_area,
            &text(12),
            &text(13),
            AxisWish {
                scale: x,
                most: 8,
                titles: self.x_titles,
            },
            AxisWish {
                scale: y,
                most: 8,
                titles: self.y_titles,
            },
            Margin {
                top: 4,
                right: 16,
                bottom: 2,
                left: 4,
            },
        )?;
        let mut chart = axes
            .builder(&plot_area)
            .build_cartesian_2d(axes.x.coord(), axes.y.coord())
            .map_err(render_error)?;
        let (x_label, y_label) = (|v: &f64| axes.x.label(*v), |v: &f64| axes.y.label(*v));
        style::mesh(&mut chart.configure_mesh(), theme, 12)
            .x_desc(axes.titles().0)
            .x_label_formatter(&x_label)
            .y_desc(axes.titles().1)
            .y_label_formatter(&y_label)
            .draw()
            .map_err(render_error)?;
        let (x_range, y_range) = (chart.x_range(), chart.y_range());
        if let Some(t) = self.truth {
            let style = theme.curve.stroke_width(2);
            let ends = [(x_range.start, t), (x_range.end, t)];
            chart
                .draw_series(DashedLineSeries::new(ends, 7, 5, style))
                .map_err(render_error)?;
        }
        let colours = [(theme.direct, 5), (theme.em, 2)];
        for (c, &(colour, w)) in self.curves.iter().zip(&colours) {
            chart
                .draw_series(LineSeries::new(c.points.iter().copied(), colour.stroke_width(w)))
                .map_err(render_error)?;
        }
        if let Some(step) = panel.marker_step.filter(|_| panel.step_axis != StepAxis::Time) {
            // The rewound step: a thin vertical line in the text colour, across the whole plot height.
            let sx = (step as f64).max(x_range.start);
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
        let mut placed: Vec<PixelRect> = Vec::new();
        let mut drawn: Vec<Vec<(i32, i32)>> = self
            .curves
            .iter()
            .map(|c| c.points.iter().map(|p| chart.backend_coord(p)).collect())
            .collect();
        if let Some(t) = self.truth {
            drawn.push(vec![
                chart.backend_coord(&(x_range.start, t)),
                chart.backend_coord(&(x_range.end, t)),
            ]);
        }
        for (c, &(colour, _)) in self.curves.iter().zip(&colours) {
            let Some((at, step)) = c.settled else { continue };
            chart
                .draw_series([
                    Circle::new(at, 5, colour.filled()),
                    Circle::new(at, 5, theme.text.stroke_width(1)),
                ])
                .map_err(render_error)?;
            // On the time axis the label also says when (on a wide chart: a narrow one has no room).
            let label = match panel.step_axis {
                StepAxis::Time if width >= 450 => {
                    format!("settled at {} ({})", gmm_core::format::count(step), duration(at.0))
                }
                _ => format!("settled at {}", gmm_core::format::count(step)),
            };
            let (w, h) = area.estimate_text_size(&label, &label_font).map_err(render_error)?;
            let marker = chart.backend_coord(&at);
            let rect = label_place(marker, (w as i32, h as i32), plot, &placed, &drawn);
            placed.push(rect);
            let style = label_font.color(&colour).pos(Pos::new(HPos::Left, VPos::Top));
            area.draw(&Text::new(label, (rect.0, rect.1), style))
                .map_err(render_error)?;
        }
        draw_key(&strip, &entries, &font)?;
        area.present().map_err(render_error)?;
        Ok(Regions {
            plots: vec![Rect::of_area(&chart.plotting_area().strip_coord_spec())],
            legends: vec![Rect::of_area(&strip)],
        })
    }
}
