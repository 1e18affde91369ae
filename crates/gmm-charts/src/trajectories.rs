//! Parameter trajectories: weights, means and sigmas of every component against step, in three stacked
//! panels; solid for the direct fit, dashed for EM, coloured by the true component each is matched to.

use super::key::{draw_key, key_height, KeyMark};
use super::loss::log_key_points;
use super::{render_error, short_number, style, RenderError, Theme};
use gmm_core::model::mixture::Mixture;
use gmm_core::teach::trajectory::{ComponentSeries, MatchedSeries};
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::coord::Shift;
use plotters::prelude::*;

/// The trajectories chart to draw.
pub struct TrajectoryPanel<'a> {
    pub caption: &'a str,
    /// The direct fit's series, from [`gmm_core::teach::trajectory::TrajectoryRecorder::matched`].
    pub direct: &'a MatchedSeries,
    pub em: &'a MatchedSeries,
    /// The direct method's key label, e.g. "gradient descent (Adam)".
    pub direct_label: &'a str,
    /// The ground truth: its values are drawn as thin dotted lines.
    pub truth: Option<&'a Mixture>,
    pub theme: &'a Theme,
}

/// Colour index of a matched component: its true component, or after the true ones if unmatched.
fn colour_index(series: &MatchedSeries, c: &ComponentSeries, true_k: usize) -> usize {
    match c.truth {
        Some(t) => t,
        None if true_k == 0 => c.fitted,
        None => {
            true_k
                + series
                    .components
                    .iter()
                    .filter(|o| o.truth.is_none() && o.fitted < c.fitted)
                    .count()
        }
    }
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

/// Draws the three panels onto `area`, with a key (methods, colours) below them.
pub fn draw_trajectories<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &TrajectoryPanel,
) -> Result<(), RenderError> {
    let theme = panel.theme;
    area.fill(&theme.background).map_err(render_error)?;
    let text = |size| style::text(theme, size);
    let true_k = panel.truth.map_or(0, |t| t.k());
    let mut colours: Vec<usize> = [panel.direct, panel.em]
        .iter()
        .flat_map(|s| s.components.iter().map(|c| colour_index(s, c, true_k)))
        .collect();
    colours.sort_unstable();
    colours.dedup();
    let mut key: Vec<(String, KeyMark)> = vec![
        (panel.direct_label.to_string(), KeyMark::Line(theme.text, 2)),
        ("EM".to_string(), KeyMark::Dashed(theme.text, 2)),
    ];
    if panel.truth.is_some() {
        key.push(("true value".to_string(), KeyMark::Dashed(theme.histogram_edge, 1)));
    }
    key.push((
        if panel.truth.is_some() {
            "colour = true component:"
        } else {
            "component:"
        }
        .to_string(),
        KeyMark::Heading,
    ));
    key.extend(colours.iter().map(|&i| {
        let label = if i < true_k || true_k == 0 {
            format!("{}", i + 1)
        } else {
            "unmatched".to_string()
        };
        (label, KeyMark::Line(theme.component(i), 3))
    }));
    let key_h = key_height(area, &key, &text(12))?;
    let h = area.dim_in_pixel().1;
    let (body, key_area) = area.split_vertically(h.saturating_sub(key_h));
    let body = body.titled(panel.caption, text(15)).map_err(render_error)?;
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
    for (i, (which, name)) in [
        (Which::Weight, "weight w"),
        (Which::Mean, "mean μ"),
        (Which::Sigma, "sigma σ"),
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
        let ctx = Ctx {
            panel,
            which,
            name,
            x_max: last_step,
            bottom: i == 2,
            truth: truth_values(which),
            true_k,
        };
        if matches!(which, Which::Sigma) && style::wants_log_axis(lo, hi) {
            let (y0, y1) = (lo / 1.1, hi * 1.1);
            let y = (y0..y1).log_scale().with_key_points(log_key_points(y0, y1));
            draw_one(&panels[i], &ctx, y, y0, y1)?;
        } else {
            // A constant series still gets a readable axis: at least 10% of its size (or 1e-3) wide.
            let pad = 0.08 * (hi - lo).max(0.1 * hi.abs().max(lo.abs())).max(1e-3);
            draw_one(&panels[i], &ctx, lo - pad..hi + pad, lo - pad, hi + pad)?;
        }
    }
    draw_key(&key_area, &key, &text(12))?;
    area.present().map_err(render_error)
}

struct Ctx<'a> {
    panel: &'a TrajectoryPanel<'a>,
    which: Which,
    name: &'a str,
    x_max: f64,
    bottom: bool,
    truth: Vec<f64>,
    true_k: usize,
}

fn draw_one<DB: DrawingBackend, Y>(
    area: &DrawingArea<DB, Shift>,
    ctx: &Ctx,
    y: Y,
    y0: f64,
    y1: f64,
) -> Result<(), RenderError>
where
    Y: AsRangedCoord<Value = f64>,
    Y::CoordDescType: ValueFormatter<f64>,
{
    let theme = ctx.panel.theme;
    let mut chart = ChartBuilder::on(area)
        .margin(4)
        .margin_right(16)
        .x_label_area_size(if ctx.bottom { 30 } else { 16 })
        .y_label_area_size(58)
        .build_cartesian_2d(0.0..ctx.x_max, y)
        .map_err(render_error)?;
    let mut mesh = chart.configure_mesh();
    style::mesh(&mut mesh, theme, 11)
        .y_desc(ctx.name)
        .x_labels(8)
        .y_labels(4)
        .x_label_formatter(&|x| format!("{x:.0}"))
        .y_label_formatter(&|v: &f64| short_number(*v));
    if ctx.bottom {
        mesh.x_desc("step");
    }
    mesh.draw().map_err(render_error)?;
    for (t, &v) in ctx.truth.iter().enumerate() {
        if (y0..=y1).contains(&v) {
            let style = theme.component(t).mix(0.7).stroke_width(1);
            chart
                .draw_series(DashedLineSeries::new([(0.0, v), (ctx.x_max, v)], 2, 4, style))
                .map_err(render_error)?;
        }
    }
    for (series, dashed) in [(ctx.panel.direct, false), (ctx.panel.em, true)] {
        for c in &series.components {
            let colour = theme.component(colour_index(series, c, ctx.true_k));
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
    Ok(())
}
