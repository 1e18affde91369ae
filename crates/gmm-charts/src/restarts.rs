//! The restarts chart: each restart's final loss as a dot (jittered sideways), one column per method,
//! the median as a bar, the ground truth's loss as a dashed line.

use super::key::KeyMark;
use super::loss::log_key_points;
use super::{draw_chart_legend, render_error, short_number, style, RenderError, Theme};
use gmm_core::run::session::Status;
use gmm_core::teach::restarts::RestartOutcome;
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The restarts chart to draw.
pub struct RestartsPanel<'a> {
    pub outcomes: &'a [RestartOutcome],
    pub truth_loss: Option<f64>,
    /// The direct method's label, e.g. "gradient descent (Adam)".
    pub direct_label: &'a str,
    /// A restart to ring (the one being replayed).
    pub highlight: Option<usize>,
    pub theme: &'a Theme,
}

/// Sideways offset of restart `i` in its column, in `[-0.3, 0.3]`: the golden-ratio sequence, so
/// neighbouring restarts land apart and the layout does not depend on the losses.
pub fn jitter(i: usize) -> f64 {
    ((i as f64 * 0.618_033_988_749_895).fract() - 0.5) * 0.6
}

/// Draws the chart. The y-axis is logarithmic when the losses are positive and span a factor of 5.
pub fn draw_restarts<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &RestartsPanel,
) -> Result<(), RenderError> {
    area.fill(&panel.theme.background).map_err(render_error)?;
    let values = panel
        .outcomes
        .iter()
        .flat_map(|o| [o.direct.final_loss, o.em.final_loss])
        .chain(panel.truth_loss);
    let (lo, hi) = style::finite_span(values, (1.0, 2.0));
    if style::wants_log_axis(lo, hi) {
        // The top third is left for the legend.
        let (y0, y1) = (lo / 1.05, hi * (hi / lo).powf(0.5));
        let y = (y0..y1).log_scale().with_key_points(log_key_points(y0, y1));
        draw_with(area, panel, y, (y0, y1), "final mean −log-likelihood (log scale)")
    } else {
        let pad = 0.08 * (hi - lo).max(1e-3 * hi.abs().max(1e-9));
        // Extra room on top for the legend.
        let range = (lo - pad, hi + 4.0 * pad);
        draw_with(area, panel, range.0..range.1, range, "final mean −log-likelihood")
    }
}

fn draw_with<DB: DrawingBackend, Y>(
    area: &DrawingArea<DB, Shift>,
    panel: &RestartsPanel,
    y: Y,
    (y0, y1): (f64, f64),
    y_desc: &str,
) -> Result<(), RenderError>
where
    Y: AsRangedCoord<Value = f64>,
    Y::CoordDescType: ValueFormatter<f64>,
{
    let theme = panel.theme;
    let text = |size| style::text(theme, size);
    let caption = format!("Final loss of {} restarts (lower is better)", panel.outcomes.len());
    let mut chart = ChartBuilder::on(area)
        .caption(caption, text(15))
        .margin(6)
        .margin_right(16)
        .x_label_area_size(40)
        .y_label_area_size(58)
        .build_cartesian_2d(0.0..2.0, y)
        .map_err(render_error)?;
    style::mesh(&mut chart.configure_mesh(), theme, 12)
        .disable_x_mesh()
        .x_labels(0)
        .y_desc(y_desc)
        .y_labels(8)
        .y_label_formatter(&|v: &f64| short_number(*v))
        .draw()
        .map_err(render_error)?;
    let mut entries = Vec::new();
    if let Some(t) = panel.truth_loss {
        let style = theme.curve.stroke_width(2);
        chart
            .draw_series(DashedLineSeries::new([(0.0, t), (2.0, t)], 7, 5, style))
            .map_err(render_error)?;
        entries.push(("ground-truth parameters".to_string(), KeyMark::Dashed(theme.curve, 2)));
    }
    let columns = [
        (0.5, theme.direct, panel.direct_label, true),
        (1.5, theme.em, "EM", false),
    ];
    for (centre, colour, label, is_direct) in columns {
        let outcome = |o: &RestartOutcome| if is_direct { o.direct } else { o.em };
        let mut losses: Vec<f64> = panel
            .outcomes
            .iter()
            .map(|o| outcome(o).final_loss)
            .filter(|v| v.is_finite())
            .collect();
        let diverged = panel
            .outcomes
            .iter()
            .filter(|o| matches!(outcome(o).status, Status::Diverged { .. }))
            .count();
        for o in panel.outcomes {
            let m = outcome(o);
            if !m.final_loss.is_finite() {
                continue;
            }
            let p = (centre + jitter(o.index), m.final_loss.clamp(y0, y1));
            if matches!(m.status, Status::Diverged { .. }) {
                chart.draw_series([Cross::new(p, 5, colour.stroke_width(2))])
            } else {
                chart.draw_series([Circle::new(p, 4, colour.mix(0.75).filled())])
            }
            .map_err(render_error)?;
            if panel.highlight == Some(o.index) {
                chart
                    .draw_series([Circle::new(p, 8, theme.text.stroke_width(2))])
                    .map_err(render_error)?;
            }
        }
        losses.sort_by(f64::total_cmp);
        if let Some(&median) = losses.get(losses.len() / 2) {
            let bar = [(centre - 0.38, median), (centre + 0.38, median)];
            chart
                .draw_series(LineSeries::new(bar, theme.text.stroke_width(3)))
                .map_err(render_error)?;
        }
        let mut name = label.to_string();
        if diverged > 0 {
            name += &format!(" · {diverged} diverged (×)");
        }
        let (px, py) = chart.backend_coord(&(centre, y0));
        let style = text(13).pos(Pos::new(HPos::Center, VPos::Top));
        area.draw(&Text::new(name, (px, py + 10), style))
            .map_err(render_error)?;
        entries.push((format!("{label}, one dot per restart"), KeyMark::Box(colour, colour)));
    }
    entries.push(("median".to_string(), KeyMark::Line(theme.text, 3)));
    let refs: Vec<(&str, KeyMark)> = entries.iter().map(|(l, s)| (l.as_str(), *s)).collect();
    let plot = chart.plotting_area().strip_coord_spec();
    draw_chart_legend(&plot, &refs, area.dim_in_pixel().0, theme)?;
    area.present().map_err(render_error)
}
