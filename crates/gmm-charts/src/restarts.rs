//! The restarts chart: each restart's final loss as a dot (jittered sideways), one column per method,
//! the median as a bar, the ground truth's loss as a dashed line.

use super::key::{draw_key, key_height, KeyMark};
use super::layout::{Rect, Regions};
use super::ticks::{text_height, Axes, AxisWish, Margin, Scale};
use super::{key_font, render_error, style, RenderError, Theme};
use gmm_core::run::session::Status;
use gmm_core::teach::restarts::RestartOutcome;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The restarts chart to draw.
pub struct RestartsPanel<'a> {
    pub outcomes: &'a [RestartOutcome],
    pub truth_loss: Option<f64>,
    /// The direct method's label, e.g. "gradient descent (Adam)".
    pub direct_label: &'a str,
    /// The second panel's label, e.g. "EM".
    pub em_label: &'a str,
    /// A restart to ring (the one being replayed).
    pub highlight: Option<usize>,
    pub theme: &'a Theme,
}

/// Sideways offset of restart `i` in its column, in `[-0.3, 0.3]`: the golden-ratio sequence, so
/// neighbouring restarts land apart and the layout does not depend on the losses.
pub fn jitter(i: usize) -> f64 {
    ((i as f64 * 0.618_033_988_749_895).fract() - 0.5) * 0.6
}

/// Draws the chart, with its key in a row below. The y-axis is logarithmic when the losses are positive
/// and span a factor of 5.
pub fn draw_restarts<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &RestartsPanel,
) -> Result<Regions, RenderError> {
    let theme = panel.theme;
    area.fill(&theme.background).map_err(render_error)?;
    let values = panel
        .outcomes
        .iter()
        .flat_map(|o| [o.direct.final_loss, o.em.final_loss])
        .chain(panel.truth_loss);
    let (lo, hi) = style::finite_span(values, (1.0, 2.0));
    let (scale, y_desc) = if style::wants_log_axis(lo, hi) {
        (
            Scale::Log(lo / 1.05, hi * 1.05),
            [
                "final mean −log-likelihood (log scale)",
                "final loss (log scale)",
                "loss",
            ],
        )
    } else {
        let pad = 0.08 * (hi - lo).max(1e-3 * hi.abs().max(1e-9));
        (
            Scale::Linear(lo - pad, hi + pad),
            ["final mean −log-likelihood", "final loss", "loss"],
        )
    };
    let (y0, y1) = match scale {
        Scale::Linear(a, b) | Scale::Log(a, b) => (a, b),
    };

    let mut entries = Vec::new();
    if panel.truth_loss.is_some() {
        entries.push(("ground-truth parameters".to_string(), KeyMark::Dashed(theme.curve, 2)));
    }
    let columns = [
        (0.5, theme.direct, panel.direct_label, true),
        (1.5, theme.em, panel.em_label, false),
    ];
    for (_, colour, label, _) in columns {
        entries.push((format!("{label}, one dot per restart"), KeyMark::Box(colour, colour)));
    }
    entries.push(("median".to_string(), KeyMark::Line(theme.text, 3)));
    let (w, h) = area.dim_in_pixel();
    let font = key_font(theme, w);
    let key_h = key_height(area, &entries, &font)?;
    let (chart_area, key_area) = area.split_vertically(h.saturating_sub(key_h));
    let caption = format!("Final loss of {} restarts (lower is better)", panel.outcomes.len());
    let body = style::titled(&chart_area, &caption, theme)?;
    let name_font = style::text(theme, 13);
    let name_h = text_height(&body, &name_font)? as i32;
    let axes = Axes::plan(
        &body,
        &style::text(theme, style::LABEL_SIZE),
        &style::text(theme, style::LABEL_SIZE + 1),
        AxisWish {
            scale: Scale::Linear(0.0, 2.0),
            most: 0,
            titles: &[],
        },
        AxisWish {
            scale,
            most: 8,
            titles: &y_desc,
        },
        Margin {
            top: 4,
            right: 16,
            bottom: (2 * (name_h + 2) + 8) as u32,
            left: 6,
        },
    )?;
    let mut chart = axes
        .builder(&body)
        .build_cartesian_2d(axes.x.coord(), axes.y.coord())
        .map_err(render_error)?;
    style::mesh(&mut chart.configure_mesh(), theme, style::LABEL_SIZE)
        .disable_x_mesh()
        .y_desc(axes.titles().1)
        .x_label_formatter(&|_| String::new())
        .y_label_formatter(&|v| axes.y.label(*v))
        .draw()
        .map_err(render_error)?;
    if let Some(t) = panel.truth_loss {
        let style = theme.curve.stroke_width(2);
        chart
            .draw_series(DashedLineSeries::new([(0.0, t), (2.0, t)], 7, 5, style))
            .map_err(render_error)?;
    }
    let (base_x, base_y) = body.get_base_pixel();
    let column_w = chart.plotting_area().dim_in_pixel().0 as i32 / 2;
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
        // The column's name under it, shortened ("gradient descent") where the column is too narrow,
        // and the count of diverged restarts on a second line.
        let mut lines = vec![label.to_string()];
        if body.estimate_text_size(label, &name_font).map_err(render_error)?.0 as i32 > column_w - 8 {
            lines[0] = label.split(" (").next().unwrap_or(label).to_string();
        }
        if diverged > 0 {
            lines.push(format!("{diverged} diverged (×)"));
        }
        let (px, py) = chart.backend_coord(&(centre, y0));
        for (i, line) in lines.into_iter().enumerate() {
            let style = name_font.pos(Pos::new(HPos::Center, VPos::Top));
            let y = py - base_y + 8 + i as i32 * (name_h + 2);
            body.draw(&Text::new(line, (px - base_x, y), style))
                .map_err(render_error)?;
        }
    }
    draw_key(&key_area, &entries, &font)?;
    area.present().map_err(render_error)?;
    Ok(Regions {
        plots: vec![Rect::of_area(&chart.plotting_area().strip_coord_spec())],
        legends: vec![Rect::of_area(&key_area)],
    })
}
