//! One method's panel: data histogram, ground truth (dashed), a mixture compared with the fits (dotted, e.g. a
//! student's own), fitted mixture (solid), weighted components.

use super::key::KeyMark;
use super::layout::{Rect, Regions};
use super::ticks::TickedCoord;
use super::ticks::{Axes, AxisWish, Margin, Scale};
use super::{draw_key_row, render_error, short_number, split_for_key, style, RenderError, Theme};
use gmm_core::data::histogram::Histogram;
use gmm_core::model::mixture::{grid, Mixture};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Points at which the curves are evaluated, across the panel's width.
pub const GRID_POINTS: usize = 400;

/// What stays fixed for a data set: histogram, x-range, the truth's curve and the y-range.
#[derive(Debug, Clone, PartialEq)]
pub struct DensityScene {
    pub histogram: Histogram,
    pub x_range: (f64, f64),
    pub truth_density: Option<Vec<f64>>,
    /// A mixture fitted elsewhere, compared with both methods' fits (see [`DensityScene::set_comparison`]).
    pub comparison_density: Option<Vec<f64>>,
    /// Top of the y-axis: 15% above the highest bar or truth peak. A fitted peak above it is clipped and
    /// its height written on the chart.
    pub y_max: f64,
}

impl DensityScene {
    /// Bins `data` (non-empty, finite) and evaluates `truth` on the grid.
    pub fn new(data: &[f64], truth: Option<&Mixture>) -> Self {
        let histogram = Histogram::new(data, Histogram::default_bins(data.len()));
        let pad = 0.05 * (histogram.hi - histogram.lo);
        let x_range = (histogram.lo - pad, histogram.hi + pad);
        let truth_density = truth.map(|t| t.density_on_grid(x_range.0, x_range.1, GRID_POINTS));
        let mut scene = DensityScene {
            histogram,
            x_range,
            truth_density,
            comparison_density: None,
            y_max: 0.0,
        };
        scene.y_max = scene.data_y_max();
        scene
    }

    /// 15% above the highest bar or truth peak.
    fn data_y_max(&self) -> f64 {
        let highest_bar = self.histogram.heights.iter().copied().fold(0.0, f64::max);
        let truth_peak = self.truth_density.iter().flatten().copied().fold(0.0, f64::max);
        1.15 * highest_bar.max(truth_peak)
    }

    /// Shows `mixture` (or nothing) on both panels beside the fits, evaluated on the grid. The y-range grows
    /// to 15% above its peak, but to at most [`COMPARISON_Y_GROWTH`] times the data's, so that a spike does
    /// not flatten the histogram (a taller peak is clipped at the top).
    pub fn set_comparison(&mut self, mixture: Option<&Mixture>) {
        self.comparison_density = mixture.map(|m| m.density_on_grid(self.x_range.0, self.x_range.1, GRID_POINTS));
        let data = self.data_y_max();
        let peak = self.comparison_density.iter().flatten().copied().fold(0.0, f64::max);
        self.y_max = data.max((1.15 * peak).min(COMPARISON_Y_GROWTH * data));
    }

    /// The x-coordinates of the curve grid.
    pub fn grid(&self) -> impl Iterator<Item = f64> + Clone {
        grid(self.x_range.0, self.x_range.1, GRID_POINTS)
    }
}

/// One density panel to draw.
pub struct DensityPanel<'a> {
    /// Caption, e.g. "EM: step 12, loss 1.6321".
    pub caption: &'a str,
    pub scene: &'a DensityScene,
    pub fit: &'a Mixture,
    pub theme: &'a Theme,
}

/// Draws a density panel onto `area` (any plotters backend): [`draw_density_background`], then
/// [`draw_density_fit`].
pub fn draw_density<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &DensityPanel,
) -> Result<Regions, RenderError> {
    let background = draw_density_background(area, panel.scene, panel.theme)?;
    // Ends the background's drawing as a separately drawn background would end it (the canvas backend
    // draws its open batch), so that both ways give the same picture.
    area.present().map_err(render_error)?;
    Ok(background.merge(draw_density_fit(area, panel)?))
}

/// The part of a density panel that stays the same while a fit runs, so that the page can draw it once
/// per data set, size and theme and copy it under every frame: background, axes, grid, histogram, the
/// ground truth, and the key row below the plot. Returns the key's region (the plot is the fit's).
pub fn draw_density_background<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &DensityScene,
    theme: &Theme,
) -> Result<Regions, RenderError> {
    area.fill(&theme.background).map_err(render_error)?;
    let layout = DensityLayout::new(area, scene, theme)?;
    let mut chart = layout.chart()?;
    draw_density_axes(&mut chart, &layout.axes, theme)?;
    let bars = scene
        .histogram
        .bars()
        .map(|(a, b, h)| Rectangle::new([(a, 0.0), (b, h)], theme.histogram.filled()));
    chart.draw_series(bars).map_err(render_error)?;
    let edges = scene
        .histogram
        .bars()
        .map(|(a, b, h)| Rectangle::new([(a, 0.0), (b, h)], theme.histogram_edge.stroke_width(1)));
    chart.draw_series(edges).map_err(render_error)?;
    if let Some(truth) = &scene.truth_density {
        let points = scene.grid().zip(truth.iter().copied());
        chart
            .draw_series(DashedLineSeries::new(points, 7, 5, theme.curve.stroke_width(2)))
            .map_err(render_error)?;
    }
    if let Some(compared) = &scene.comparison_density {
        let top = scene.y_max * 1.01;
        let points = scene.grid().zip(compared.iter().map(|&y| y.min(top)));
        chart
            .draw_series(DashedLineSeries::new(points, 3, 3, theme.comparison.stroke_width(3)))
            .map_err(render_error)?;
    }
    let (strip, font) = &layout.key;
    draw_key_row(strip, &layout.entries, font)?;
    area.present().map_err(render_error)?;
    Ok(Regions {
        plots: Vec::new(),
        legends: vec![Rect::of_area(strip)],
    })
}

/// The part of a density panel that changes with the fit, drawn over [`draw_density_background`] of the
/// same area: the caption, the weighted components, the fitted mixture and a note when the fitted peak is
/// off the chart. Returns the plotting area's region.
pub fn draw_density_fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    panel: &DensityPanel,
) -> Result<Regions, RenderError> {
    let (scene, theme) = (panel.scene, panel.theme);
    let layout = DensityLayout::new(area, scene, theme)?;
    layout
        .caption
        .draw(&Text::new(
            panel.caption,
            (layout.caption.dim_in_pixel().0 as i32 / 2, CAPTION_PADDING),
            style::caption_font(&layout.caption, panel.caption, theme)?.pos(Pos::new(HPos::Center, VPos::Top)),
        ))
        .map_err(render_error)?;
    let mut chart = layout.chart()?;
    let (x0, x1) = scene.x_range;
    // The grid plus every component's mean, so that a component narrower than the grid spacing still
    // shows its peak.
    let mut xs: Vec<f64> = scene
        .grid()
        .chain(panel.fit.means().iter().copied().filter(|m| (x0..=x1).contains(m)))
        .collect();
    xs.sort_by(f64::total_cmp);
    let clip = |y: f64| y.min(scene.y_max * 1.01);
    for k in 0..panel.fit.k() {
        let colour = theme.component(k);
        let ys = panel.fit.component_density_at(k, &xs);
        let points = xs.iter().zip(ys).map(|(&x, y)| (x, clip(y)));
        chart
            .draw_series(LineSeries::new(points, colour.stroke_width(2)))
            .map_err(render_error)?;
    }
    let fitted = panel.fit.density_at(&xs);
    let points = xs.iter().zip(&fitted).map(|(&x, &y)| (x, clip(y)));
    chart
        .draw_series(LineSeries::new(points, theme.curve.stroke_width(3)))
        .map_err(render_error)?;
    let plot = chart.plotting_area().strip_coord_spec();
    let peak = fitted.iter().copied().fold(0.0, f64::max);
    if peak > scene.y_max {
        let label = format!("fitted peak {} (off the chart)", short_number(peak));
        let text = style::text(theme, 12);
        plot.draw(&Text::new(label, (8, 8), text)).map_err(render_error)?;
    }
    area.present().map_err(render_error)?;
    Ok(Regions {
        plots: vec![Rect::of_area(&plot)],
        legends: Vec::new(),
    })
}

/// How far, at most, a compared mixture's peak stretches the density axis: twice the data's height.
pub const COMPARISON_Y_GROWTH: f64 = 2.0;

/// The key's entry for the mixture compared with the fits.
pub const COMPARISON_KEY: &str = "your mixture";

/// Space above the caption text, and below it, in pixels.
const CAPTION_PADDING: i32 = 5;

fn caption_font(theme: &Theme) -> TextStyle<'_> {
    style::text(theme, style::CAPTION_SIZE)
}

/// Where each part of a density panel goes; the same for its background and its fit, whatever the caption
/// says.
struct DensityLayout<'a, DB: DrawingBackend> {
    caption: DrawingArea<DB, Shift>,
    plot: DrawingArea<DB, Shift>,
    key: (DrawingArea<DB, Shift>, TextStyle<'a>),
    entries: Vec<(&'static str, KeyMark)>,
    axes: Axes,
}

impl<'a, DB: DrawingBackend> DensityLayout<'a, DB> {
    fn new(area: &DrawingArea<DB, Shift>, scene: &DensityScene, theme: &'a Theme) -> Result<Self, RenderError> {
        let mut entries = vec![("data (histogram)", KeyMark::Box(theme.histogram, theme.histogram_edge))];
        if scene.truth_density.is_some() {
            entries.push(("ground truth", KeyMark::Dashed(theme.curve, 2)));
        }
        if scene.comparison_density.is_some() {
            entries.push((COMPARISON_KEY, KeyMark::Dashed(theme.comparison, 3)));
        }
        entries.push(("fitted mixture", KeyMark::Line(theme.curve, 3)));
        entries.push((
            "components (× weight)",
            KeyMark::Palette([theme.component(0), theme.component(1), theme.component(2)], 3),
        ));
        let (chart_area, key) = split_for_key(area, &entries, theme)?;
        let caption_height = area
            .estimate_text_size("Ag", &caption_font(theme))
            .map_err(render_error)?
            .1;
        let (caption, plot) = chart_area.split_vertically(caption_height as i32 + 2 * CAPTION_PADDING);
        let key = key.expect("split_for_key always gives a key strip");
        let axes = density_axes(&plot, scene.x_range, scene.y_max, theme)?;
        Ok(DensityLayout {
            caption,
            plot,
            key,
            entries,
            axes,
        })
    }

    fn chart(&self) -> Result<DensityChart<'_, DB>, RenderError> {
        self.axes
            .builder(&self.plot)
            .build_cartesian_2d(self.axes.x.coord(), self.axes.y.coord())
            .map_err(render_error)
    }
}

pub(super) type DensityChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<TickedCoord, TickedCoord>>;

/// The axes of a density over x on `area` (this panel's and the E-step chart's): "x" across, "density" up,
/// up to 8 and 5 ticks.
pub(super) fn density_axes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    (x0, x1): (f64, f64),
    y_max: f64,
    theme: &Theme,
) -> Result<Axes, RenderError> {
    Axes::plan(
        area,
        &style::text(theme, style::LABEL_SIZE),
        &style::text(theme, style::LABEL_SIZE + 1),
        AxisWish {
            scale: Scale::Linear(x0, x1),
            most: 8,
            titles: &["x"],
        },
        AxisWish {
            scale: Scale::Linear(0.0, y_max),
            most: 5,
            titles: &["density"],
        },
        Margin {
            top: 0,
            right: 14,
            bottom: 6,
            left: 6,
        },
    )
}

/// The axes and grid of a density over x, as planned by [`density_axes`].
pub(super) fn draw_density_axes<DB: DrawingBackend>(
    chart: &mut DensityChart<'_, DB>,
    axes: &Axes,
    theme: &Theme,
) -> Result<(), RenderError> {
    style::mesh(&mut chart.configure_mesh(), theme, style::LABEL_SIZE)
        .x_desc(axes.titles().0)
        .y_desc(axes.titles().1)
        .x_label_formatter(&|v| axes.x.label(*v))
        .y_label_formatter(&|v| axes.y.label(*v))
        .draw()
        .map_err(render_error)
}
