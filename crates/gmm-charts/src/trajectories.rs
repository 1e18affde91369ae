//! Parameter trajectories: weights, means and sigmas of every component against step, in three stacked
//! panels; solid for the direct fit, dashed for EM, each component in the colour of its fitted index.

use super::key::{draw_key, key_height, KeyMark};
use super::layout::{Rect, Regions};
use super::style::LABEL_SIZE;
use super::ticks::{Axes, AxisWish, Margin, Scale};
use super::{key_font, render_error, style, RenderError, Theme};
use gmm_core::model::mixture::Mixture;
use gmm_core::teach::trajectory::{ComponentSeries, MatchedSeries};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::RGBColor;

/// The trajectories chart to draw.
pub struct TrajectoryPanel<'a> {
    pub caption: &'a str,
    /// The direct fit's series, from [`gmm_core::teach::trajectory::TrajectoryRecorder::matched`].
    pub direct: &'a MatchedSeries,
    pub em: &'a MatchedSeries,
    /// The direct method's key label, e.g. "gradient descent (Adam)".
    pub direct_label: &'a str,
    /// The second panel's key label, e.g. "EM".
    pub em_label: &'a str,
    /// The ground truth: its values are drawn as thin dotted lines.
    pub truth: Option<&'a Mixture>,
    pub theme: &'a Theme,
}

/// The colour of a component's series: that of its fitted index, as in the density panels, the
/// parameter table, the step-through and the inspector, so that one colour is one component everywhere.
pub fn series_colour(theme: &Theme, c: &ComponentSeries) -> RGBColor {
    theme.component(c.fitted)
}

#[derive(Clone, Copy)]
enum Which {
    Weight,
    Mean,
    Sigma,
}

fn values(c: &ComponentSeries, which: Which) -> &[f64] {
    match which {
        Which::Weight => &c.weights,
        Which::Mean => &c.means,
        Which::Sigma => &c.sigmas,
    }
}

/// Draws the three panels onto `area`, with a key (methods, colours) below them. Returns the three
/// plotting areas and the key's region.
pub fn draw_trajectories<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &TrajectoryPanel,
) -> Result<Regions, RenderError> {
    let theme = panel.theme;
    area.fill(&theme.background).map_err(render_error)?;
    let mut fitted: Vec<usize> = [panel.direct, panel.em]
        .iter()
        .flat_map(|s| s.components.iter().map(|c| c.fitted))
        .collect();
    fitted.sort_unstable();
    fitted.dedup();
    let mut key: Vec<(String, KeyMark)> = vec![
        (panel.direct_label.to_string(), KeyMark::Line(theme.text, 2)),
        (panel.em_label.to_string(), KeyMark::Dashed(theme.text, 2)),
    ];
    if panel.truth.is_some() {
        key.push(("true value".to_string(), KeyMark::Dashed(theme.histogram_edge, 1)));
    }
    key.push(("component:".to_string(), KeyMark::Heading));
    key.extend(
        fitted
            .iter()
            .map(|&k| (format!("{}", k + 1), KeyMark::Line(theme.component(k), 3))),
    );
    let (w, h) = area.dim_in_pixel();
    let font = key_font(theme, w);
    let key_h = key_height(area, &key, &font)?;
    let (body, key_area) = area.split_vertically(h.saturating_sub(key_h));
    let body = style::titled(&body, panel.caption, theme)?;
    let panels = body.split_evenly((3, 1));
    let last_step = [panel.direct, panel.em]
        .iter()
        .filter_map(|s| s.steps.last())
        .copied()
        .max()
        .unwrap_or(0)
        .max(10) as f64;
    let truth_values = |which: Which| -> Vec<f64> {
        panel.truth.map_or(Vec::new(), |t| match which {
            Which::Weight => t.weights(),
            Which::Mean => t.means().to_vec(),
            Which::Sigma => t.sigmas(),
        })
    };
    let mut plots = Vec::with_capacity(3);
    for (i, (which, name)) in [
        (Which::Weight, ["weight w", "w"]),
        (Which::Mean, ["mean μ", "μ"]),
        (Which::Sigma, ["sigma σ", "σ"]),
    ]
    .into_iter()
    .enumerate()
    {
        let methods = [panel.direct, panel.em];
        let all = methods
            .iter()
            .flat_map(|s| s.components.iter().flat_map(move |c| values(c, which).iter().copied()))
            .chain(truth_values(which));
        let (lo, hi) = style::finite_span(all, (0.0, 1.0));
        let scale = if matches!(which, Which::Sigma) && style::wants_log_axis(lo, hi) {
            Scale::Log(lo / 1.1, hi * 1.1)
        } else {
            // A constant series still gets a readable axis: at least 10% of its size (or 1e-3) wide.
            let pad = 0.08 * (hi - lo).max(0.1 * hi.abs().max(lo.abs())).max(1e-3);
            Scale::Linear(lo - pad, hi + pad)
        };
        let ctx = Ctx {
            panel,
            which,
            name,
            x_max: last_step,
            bottom: i == 2,
            truth: truth_values(which),
        };
        plots.push(draw_one(&panels[i], &ctx, scale)?);
    }
    draw_key(&key_area, &key, &font)?;
    area.present().map_err(render_error)?;
    Ok(Regions {
        plots,
        legends: vec![Rect::of_area(&key_area)],
    })
}

struct Ctx<'a> {
    panel: &'a TrajectoryPanel<'a>,
    which: Which,
    name: [&'a str; 2],
    x_max: f64,
    bottom: bool,
    truth: Vec<f64>,
}

/// One panel; returns its plotting area. Only the bottom one labels the step axis (the three share it).
fn draw_one<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, ctx: &Ctx, scale: Scale) -> Result<Rect, RenderError> {
    let theme = ctx.panel.theme;
    let axes = Axes::plan(
        area,
        &style::text(theme, LABEL_SIZE),
        &style::text(theme, LABEL_SIZE + 1),
        AxisWish {
            scale: Scale::Linear(0.0, ctx.x_max),
            most: if ctx.bottom { 8 } else { 0 },
            titles: if ctx.bottom { &["step"] } else { &[] },
        },
        AxisWish {
            scale,
            most: 4,
            titles: &ctx.name,
        },
        Margin {
            top: 4,
            right: 16,
            bottom: 2,
            left: 4,
        },
    )?;
    let (y0, y1) = match scale {
        Scale::Linear(a, b) | Scale::Log(a, b) => (a, b),
    };
    let mut chart = axes
        .builder(area)
        .build_cartesian_2d(axes.x.coord(), axes.y.coord())
        .map_err(render_error)?;
    let (x_label, y_label) = (|v: &f64| axes.x.label(*v), |v: &f64| axes.y.label(*v));
    let mut mesh = chart.configure_mesh();
    style::mesh(&mut mesh, theme, LABEL_SIZE)
        .y_desc(axes.titles().1)
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label);
    if ctx.bottom {
        mesh.x_desc(axes.titles().0);
    }
    mesh.draw().map_err(render_error)?;
    // The true values in one neutral colour: a colour is a fitted component, and each method matches
    // the truth its own way.
    for &v in &ctx.truth {
        if (y0..=y1).contains(&v) {
            let style = theme.histogram_edge.stroke_width(1);
            chart
                .draw_series(DashedLineSeries::new([(0.0, v), (ctx.x_max, v)], 2, 4, style))
                .map_err(render_error)?;
        }
    }
    for (series, dashed) in [(ctx.panel.direct, false), (ctx.panel.em, true)] {
        for c in &series.components {
            let colour = series_colour(theme, c);
            let points: Vec<(f64, f64)> = series
                .steps
                .iter()
                .zip(values(c, ctx.which))
                .filter(|(_, v)| v.is_finite())
                .map(|(&s, &v)| (s as f64, v.clamp(y0, y1)))
                .collect();
            let style = colour.stroke_width(2);
            if dashed {
                chart.draw_series(DashedLineSeries::new(points, 6, 4, style))
            } else {
                chart.draw_series(LineSeries::new(points, style))
            }
            .map_err(render_error)?;
        }
    }
    Ok(Rect::of_area(&chart.plotting_area().strip_coord_spec()))
}
