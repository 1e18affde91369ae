//! The K-selection chart: BIC and AIC against K on one axis (lower is better) and the held-out
//! log-likelihood per point against K (higher is better), side by side (stacked on a narrow canvas). Each
//! score's chosen K is ringed and named in the key below the panels, the truth's K is a dashed vertical
//! line, and the K loaded into the main plots is shaded.

use super::key::{draw_key, key_height, KeyMark};
use super::layout::{Rect, Regions};
use super::ticks::{Axes, AxisWish, Margin, Scale};
use super::{key_font, render_error, style, RenderError, Theme};
use gmm_core::teach::k_selection::{KChoice, KOutcome, K_RANGE};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::RGBColor;

/// Below this width (pixels) the two panels are stacked instead of side by side.
pub const K_SELECTION_STACKED_BELOW: u32 = 640;

/// The chart to draw.
pub struct KSelectionPanel<'a> {
    /// The Ks done so far (a running experiment draws the ones it has).
    pub outcomes: &'a [KOutcome],
    pub choice: KChoice,
    /// The K loaded into the main plots, shaded.
    pub selected: Option<usize>,
    pub theme: &'a Theme,
}

/// The x range of both panels: K = 1 to 10 with half a step on each side.
fn x_range() -> (f64, f64) {
    (*K_RANGE.start() as f64 - 0.5, *K_RANGE.end() as f64 + 0.5)
}

/// The K under the pixel `(x, y)` of a chart whose panels are `plots` (as [`draw_k_selection`] returns
/// them): the nearest K across, when the pixel is in a panel.
pub fn k_at(plots: &[Rect], x: i32, y: i32) -> Option<usize> {
    let plot = plots.iter().find(|p| p.x0 <= x && x < p.x1 && p.y0 <= y && y < p.y1)?;
    let (lo, hi) = x_range();
    let fraction = (x - plot.x0) as f64 / (plot.x1 - plot.x0).max(1) as f64;
    let k = (lo + fraction * (hi - lo)).round() as usize;
    Some(k.clamp(*K_RANGE.start(), *K_RANGE.end()))
}

/// One score's points and its chosen K.
struct Series {
    colour: RGBColor,
    points: Vec<(f64, f64)>,
    chosen: Option<usize>,
    dashed: bool,
}

/// Colours: BIC in the direct method's blue, AIC in EM's vermillion (two colour-blind-safe hues the page
/// already explains), the held-out score in the fourth component colour (green).
fn colours(theme: &Theme) -> [RGBColor; 3] {
    [theme.direct, theme.em, theme.component(3)]
}

/// Draws the chart and returns its two plotting areas and the key.
pub fn draw_k_selection<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &KSelectionPanel,
) -> Result<Regions, RenderError> {
    let theme = panel.theme;
    area.fill(&theme.background).map_err(render_error)?;
    let fits: Vec<_> = panel.outcomes.iter().filter_map(KOutcome::fit).collect();
    let [bic_c, aic_c, held_c] = colours(theme);
    let criteria = [
        Series {
            colour: bic_c,
            points: fits.iter().map(|f| (f.k as f64, f.bic)).collect(),
            chosen: panel.choice.bic,
            dashed: false,
        },
        Series {
            colour: aic_c,
            points: fits.iter().map(|f| (f.k as f64, f.aic)).collect(),
            chosen: panel.choice.aic,
            dashed: true,
        },
    ];
    let held = [Series {
        colour: held_c,
        points: fits
            .iter()
            .filter_map(|f| f.held_out.map(|h| (f.k as f64, h)))
            .collect(),
        chosen: panel.choice.held_out,
        dashed: false,
    }];

    let chosen = |c: Option<usize>, word: &str| c.map_or(String::new(), |k| format!(" ({word}: K = {k}, ringed)"));
    let mut entries = vec![
        (
            format!("BIC{}", chosen(panel.choice.bic, "lowest")),
            KeyMark::Line(bic_c, 2),
        ),
        (
            format!("AIC{}", chosen(panel.choice.aic, "lowest")),
            KeyMark::Dashed(aic_c, 2),
        ),
        (
            if held[0].points.is_empty() {
                "held-out: none (too few points for a split)".to_string()
            } else {
                format!("held-out{}", chosen(panel.choice.held_out, "highest"))
            },
            KeyMark::Line(held_c, 2),
        ),
    ];
    if let Some(t) = panel.choice.truth {
        entries.push((format!("truth: K = {t}"), KeyMark::Dashed(theme.curve, 1)));
    }
    if let Some(s) = panel.selected {
        entries.push((format!("loaded: K = {s}"), KeyMark::Box(theme.grid, theme.grid)));
    }
    let (w, h) = area.dim_in_pixel();
    let font = key_font(theme, w);
    let key_h = key_height(area, &entries, &font)?;
    let (charts, key_area) = area.split_vertically(h.saturating_sub(key_h));
    let (first, second) = if w < K_SELECTION_STACKED_BELOW {
        let ch = charts.dim_in_pixel().1;
        charts.split_vertically(ch / 2)
    } else {
        charts.split_horizontally(w / 2)
    };
    let plots = vec![
        draw_scores(
            &first,
            "BIC and AIC against K (lower is better)",
            &["criterion (−2 l + penalty)", "criterion", ""],
            &criteria,
            panel,
        )?,
        draw_scores(
            &second,
            "Held-out log-likelihood per point (higher is better)",
            &["mean log p(x), held-out points", "held-out", ""],
            &held,
            panel,
        )?,
    ];
    draw_key(&key_area, &entries, &font)?;
    area.present().map_err(render_error)?;
    Ok(Regions {
        plots,
        legends: vec![Rect::of_area(&key_area)],
    })
}

fn draw_scores<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    caption: &str,
    y_titles: &[&str],
    series: &[Series],
    panel: &KSelectionPanel,
) -> Result<Rect, RenderError> {
    let theme = panel.theme;
    let body = style::titled(area, caption, theme)?;
    let (lo, hi) = style::finite_span(series.iter().flat_map(|s| s.points.iter().map(|p| p.1)), (0.0, 1.0));
    let pad = 0.08 * (hi - lo).max(1e-3 * hi.abs().max(1e-9));
    let (y0, y1) = (lo - pad, hi + pad);
    let (x0, x1) = x_range();
    let axes = Axes::plan(
        &body,
        &style::text(theme, style::LABEL_SIZE),
        &style::text(theme, style::LABEL_SIZE + 1),
        AxisWish {
            scale: Scale::Linear(x0, x1),
            most: K_RANGE.count(),
            titles: &["number of components K", "K"],
        },
        AxisWish {
            scale: Scale::Linear(y0, y1),
            most: 6,
            titles: y_titles,
        },
        Margin {
            top: 4,
            right: 12,
            bottom: 2,
            left: 4,
        },
    )?;
    let mut chart = axes
        .builder(&body)
        .build_cartesian_2d(axes.x.coord(), axes.y.coord())
        .map_err(render_error)?;
    if let Some(s) = panel.selected {
        let s = s as f64;
        chart
            .draw_series([Rectangle::new([(s - 0.4, y0), (s + 0.4, y1)], theme.grid.filled())])
            .map_err(render_error)?;
    }
    let (x_title, y_title) = axes.titles();
    style::mesh(&mut chart.configure_mesh(), theme, style::LABEL_SIZE)
        .disable_x_mesh()
        .x_desc(x_title)
        .y_desc(y_title)
        .x_label_formatter(&|v| axes.x.label(*v))
        .y_label_formatter(&|v| axes.y.label(*v))
        .draw()
        .map_err(render_error)?;
    if let Some(t) = panel.choice.truth {
        let t = t as f64;
        chart
            .draw_series(DashedLineSeries::new(
                [(t, y0), (t, y1)],
                6,
                4,
                theme.curve.stroke_width(1),
            ))
            .map_err(render_error)?;
    }
    for s in series {
        let line = s.colour.stroke_width(2);
        if s.dashed {
            chart
                .draw_series(DashedLineSeries::new(s.points.iter().copied(), 7, 4, line))
                .map_err(render_error)?;
        } else {
            chart
                .draw_series(LineSeries::new(s.points.iter().copied(), line))
                .map_err(render_error)?;
        }
        chart
            .draw_series(s.points.iter().map(|&p| Circle::new(p, 3, s.colour.filled())))
            .map_err(render_error)?;
        if let Some(&p) = s.chosen.and_then(|k| s.points.iter().find(|p| p.0 == k as f64)) {
            chart
                .draw_series([Circle::new(p, 8, s.colour.stroke_width(2))])
                .map_err(render_error)?;
        }
    }
    Ok(Rect::of_area(&chart.plotting_area().strip_coord_spec()))
}
