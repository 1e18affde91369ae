//! The loss landscape as a heat map (viridis, colour-blind safe and readable in grey), with a labelled
//! colour bar and both methods' paths through the two chosen parameters.

use super::key::{draw_key, key_height, KeyMark};
use super::layout::{Rect, Regions};
use super::ticks::{Axes, AxisWish, Margin, Scale};
use super::{key_font, render_error, short_number, style, RenderError, Theme};
use gmm_core::teach::landscape::Landscape;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::RGBColor;

/// Viridis (matplotlib's default map) at 9 evenly spaced stops, interpolated linearly between them.
const VIRIDIS: [(u8, u8, u8); 9] = [
    (68, 1, 84),
    (71, 44, 122),
    (59, 81, 139),
    (44, 113, 142),
    (33, 144, 141),
    (39, 173, 129),
    (92, 200, 99),
    (170, 220, 50),
    (253, 231, 37),
];

/// The viridis colour at `t` in [0, 1] (clamped; NaN gives the lowest colour).
pub fn viridis(t: f64) -> RGBColor {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let pos = t * (VIRIDIS.len() - 1) as f64;
    let i = (pos.floor() as usize).min(VIRIDIS.len() - 2);
    let f = pos - i as f64;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    let mix = |x: u8, y: u8| (x as f64 + f * (y as f64 - x as f64)).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// Colour of a cell that is not a finite number.
const NOT_FINITE: RGBColor = RGBColor(128, 128, 128);
/// The paths are drawn in the dark theme's method colours over a near-black halo: visible on every
/// viridis colour (the light lines on the dark end, the halo on the yellow end).
const HALO: RGBColor = RGBColor(17, 17, 17);

/// The landscape chart to draw.
pub struct LandscapePanel<'a> {
    pub caption: &'a str,
    pub landscape: &'a Landscape,
    /// The direct fit's path in (x parameter, y parameter), first point = start, last = current.
    pub direct: &'a [(f64, f64)],
    pub em: &'a [(f64, f64)],
    pub direct_label: &'a str,
    /// The second panel's key label, e.g. "EM".
    pub em_label: &'a str,
    pub theme: &'a Theme,
}

/// How values map to colours: linear from the lowest finite value `lo` to the highest `hi`, or, when the
/// values have a long tail (`hi - lo > 20 (median - lo)`, as far from a start near zero), logarithmic
/// in the excess over the minimum: `t = ln(1 + (v - lo) / d) / ln(1 + (hi - lo) / d)` with `d` the
/// excess of the 10th percentile (or the smallest positive excess), so the basin keeps its detail and the
/// far cells still get distinct colours.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ColourScale {
    pub lo: f64,
    pub hi: f64,
    /// `Some(d)` for the logarithmic scale.
    pub log_offset: Option<f64>,
}

impl ColourScale {
    /// The scale for `values` (`None` if none is finite).
    pub fn new(values: &[f64]) -> Option<ColourScale> {
        let mut finite: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        if finite.is_empty() {
            return None;
        }
        finite.sort_by(f64::total_cmp);
        let (lo, hi) = (finite[0], finite[finite.len() - 1]);
        let median = finite[finite.len() / 2];
        let hi = if hi > lo { hi } else { lo + 1.0 };
        let long_tail = hi - lo > 20.0 * (median - lo);
        // The excess of the lowest tenth of the cells sets the detail near the minimum.
        let q10 = finite[finite.len() / 10] - lo;
        let smallest = finite.iter().map(|v| v - lo).find(|&e| e > 0.0).unwrap_or(1.0);
        let d = if q10 > 0.0 { q10 } else { smallest };
        Some(ColourScale {
            lo,
            hi,
            log_offset: long_tail.then_some(d),
        })
    }
    /// Position of `v` on the scale, in [0, 1].
    pub fn position(&self, v: f64) -> f64 {
        let e = (v - self.lo) / (self.hi - self.lo);
        let t = match self.log_offset {
            Some(d) => (1.0 + (v - self.lo) / d).ln() / (1.0 + (self.hi - self.lo) / d).ln(),
            None => e,
        };
        t.clamp(0.0, 1.0)
    }
    /// The value at position `t` (the inverse of [`ColourScale::position`]).
    pub fn value(&self, t: f64) -> f64 {
        match self.log_offset {
            Some(d) => self.lo + d * ((t * (1.0 + (self.hi - self.lo) / d).ln()).exp() - 1.0),
            None => self.lo + t * (self.hi - self.lo),
        }
    }
}

/// Draws the heat map, the colour bar to its right, both paths with start (hollow) and current
/// (filled) markers, and a key below. Returns the map's plotting area and the regions of the key and the
/// colour bar.
pub fn draw_landscape<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &LandscapePanel,
) -> Result<Regions, RenderError> {
    let (l, theme) = (panel.landscape, panel.theme);
    area.fill(&theme.background).map_err(render_error)?;
    let (direct_c, em_c) = (Theme::DARK.direct, Theme::DARK.em);
    let mut key = vec![
        (panel.direct_label.to_string(), KeyMark::Line(direct_c, 3)),
        (panel.em_label.to_string(), KeyMark::Dashed(em_c, 3)),
        (
            "start".to_string(),
            KeyMark::Dot {
                colour: theme.text,
                filled: false,
            },
        ),
        (
            "current".to_string(),
            KeyMark::Dot {
                colour: theme.text,
                filled: true,
            },
        ),
    ];
    if l.values.iter().any(|v| !v.is_finite()) {
        key.push(("not finite".to_string(), KeyMark::Box(NOT_FINITE, theme.histogram_edge)));
    }
    let (w, h) = area.dim_in_pixel();
    let font = key_font(theme, w);
    let key_h = key_height(area, &key, &font)?;
    let (body, key_area) = area.split_vertically(h.saturating_sub(key_h));
    let mut caption = panel.caption.to_string();
    if l.subsampled() {
        caption += &format!(" (on {} of {} points)", l.points_used, l.data_points);
    }
    let body = style::titled(&body, &caption, theme)?;
    let (map_area, bar_area) = body.split_horizontally(w.saturating_sub(100));
    let g = l.g;
    let (dx, dy) = (
        (l.x_range.1 - l.x_range.0) / (g - 1) as f64,
        (l.y_range.1 - l.y_range.0) / (g - 1) as f64,
    );
    let (x0, x1) = (l.x_range.0 - dx / 2.0, l.x_range.1 + dx / 2.0);
    let (y0, y1) = (l.y_range.0 - dy / 2.0, l.y_range.1 + dy / 2.0);
    let (x_name, y_name) = (l.x.name(), l.y.name());
    let axes = Axes::plan(
        &map_area,
        &style::text(theme, style::LABEL_SIZE),
        &style::text(theme, style::LABEL_SIZE + 1),
        AxisWish {
            scale: Scale::Linear(x0, x1),
            most: 6,
            titles: &[&x_name],
        },
        AxisWish {
            scale: Scale::Linear(y0, y1),
            most: 6,
            titles: &[&y_name],
        },
        Margin {
            top: 6,
            right: 6,
            bottom: 6,
            left: 6,
        },
    )?;
    let mut chart = axes
        .builder(&map_area)
        .build_cartesian_2d(axes.x.coord(), axes.y.coord())
        .map_err(render_error)?;
    style::mesh(&mut chart.configure_mesh(), theme, style::LABEL_SIZE)
        .disable_mesh()
        .x_desc(axes.titles().0)
        .y_desc(axes.titles().1)
        .x_label_formatter(&|v| axes.x.label(*v))
        .y_label_formatter(&|v| axes.y.label(*v))
        .draw()
        .map_err(render_error)?;
    let scale = ColourScale::new(&l.values);
    let cells = (0..l.values.len().min(g * g)).map(|i| {
        let (ix, iy) = (i % g, i / g);
        let (cx, cy) = (l.x_at(ix), l.y_at(iy));
        let v = l.values[i];
        let colour = match scale {
            Some(scale) if v.is_finite() => viridis(scale.position(v)),
            _ => NOT_FINITE,
        };
        Rectangle::new(
            [(cx - dx / 2.0, cy - dy / 2.0), (cx + dx / 2.0, cy + dy / 2.0)],
            colour.filled(),
        )
    });
    chart.draw_series(cells).map_err(render_error)?;
    let inside = |p: &(f64, f64)| (x0..=x1).contains(&p.0) && (y0..=y1).contains(&p.1);
    for (path, colour, dashed) in [(panel.direct, direct_c, false), (panel.em, em_c, true)] {
        let clipped: Vec<(f64, f64)> = path.iter().map(|&(x, y)| (x.clamp(x0, x1), y.clamp(y0, y1))).collect();
        chart
            .draw_series(LineSeries::new(clipped.iter().copied(), HALO.stroke_width(6)))
            .map_err(render_error)?;
        let style = colour.stroke_width(3);
        if dashed {
            chart.draw_series(DashedLineSeries::new(clipped.iter().copied(), 8, 5, style))
        } else {
            chart.draw_series(LineSeries::new(clipped.iter().copied(), style))
        }
        .map_err(render_error)?;
        if let (Some(start), Some(end)) = (path.first().filter(|p| inside(p)), path.last().filter(|p| inside(p))) {
            let marks = [
                Circle::new(*start, 7, HALO.filled()),
                Circle::new(*start, 5, colour.stroke_width(2)),
                Circle::new(*end, 7, HALO.filled()),
                Circle::new(*end, 5, colour.filled()),
            ];
            chart.draw_series(marks).map_err(render_error)?;
        }
    }
    draw_colour_bar(&bar_area, scale, theme)?;
    draw_key(&key_area, &key, &font)?;
    area.present().map_err(render_error)?;
    Ok(Regions {
        plots: vec![Rect::of_area(&chart.plotting_area().strip_coord_spec())],
        legends: vec![Rect::of_area(&key_area), Rect::of_area(&bar_area)],
    })
}

/// A vertical colour bar with five labelled values (evenly spaced on the scale), titled with what the colours mean.
fn draw_colour_bar<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: Option<ColourScale>,
    theme: &Theme,
) -> Result<(), RenderError> {
    let text = |size| style::text(theme, size);
    let (_, h) = area.dim_in_pixel();
    let (top, bottom) = (28i32, h as i32 - 40);
    let title = if scale.is_some_and(|s| s.log_offset.is_some()) {
        "mean NLL (log)"
    } else {
        "mean NLL"
    };
    area.draw(&Text::new(title, (4, 6), text(12))).map_err(render_error)?;
    let Some(scale) = scale else {
        return area
            .draw(&Text::new("no finite value", (4, 24), text(11)))
            .map_err(render_error);
    };
    let span = (bottom - top).max(1);
    for y in top..=bottom {
        let t = (bottom - y) as f64 / span as f64;
        area.draw(&Rectangle::new([(6, y), (22, y + 1)], viridis(t).filled()))
            .map_err(render_error)?;
    }
    area.draw(&Rectangle::new(
        [(6, top), (22, bottom)],
        theme.histogram_edge.stroke_width(1),
    ))
    .map_err(render_error)?;
    for i in 0..5 {
        let t = i as f64 / 4.0;
        let y = bottom - (t * span as f64).round() as i32;
        let label = short_number(scale.value(t));
        area.draw(&PathElement::new(vec![(22, y), (26, y)], theme.text.stroke_width(1)))
            .map_err(render_error)?;
        let style = text(11).pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Left,
            plotters::style::text_anchor::VPos::Center,
        ));
        area.draw(&Text::new(label, (28, y), style)).map_err(render_error)?;
    }
    Ok(())
}
