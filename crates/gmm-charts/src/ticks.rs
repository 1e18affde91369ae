//! Tick labels that never overlap: each axis gets the most ticks (up to a chart's wish) whose labels,
//! measured by the backend, keep a gap between neighbours; labels longer than 6 characters go scientific
//! with the fewest digits that keep them apart (`1.2e+100`, not `1.235e+100`). The label areas are sized
//! from the labels and the axis title, so that neither runs into the other.

use super::{render_error, short_number, RenderError};
use gmm_core::format::{scientific, with_digits};
use plotters::coord::combinators::{IntoLogRange, LogCoord};
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint, Ranged};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Length of a tick mark in pixels; plotters puts a label twice this far from its axis.
pub const TICK: i32 = 4;
/// Distance from an axis to its labels.
pub const LABEL_DISTANCE: u32 = 2 * TICK as u32;
/// Least gap between neighbouring labels across (pixels).
const GAP_ACROSS: i32 = 8;
/// Least gap between neighbouring labels up the axis (pixels).
const GAP_UP: i32 = 3;
/// Labels longer than this many characters go scientific.
pub const MAX_PLAIN_CHARS: usize = 6;

/// An axis's value range and how values map to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    Linear(f64, f64),
    /// Both ends positive.
    Log(f64, f64),
}

impl Scale {
    /// The value at `fraction` of the axis from its low end (the inverse of the position of a value).
    pub fn value_at(&self, fraction: f64) -> f64 {
        match *self {
            Scale::Linear(lo, hi) => lo + fraction * (hi - lo),
            Scale::Log(lo, hi) => lo * (hi / lo).powf(fraction),
        }
    }

    /// Position of `v` from the low end, as a fraction of the axis.
    pub fn fraction(&self, v: f64) -> f64 {
        match *self {
            Scale::Linear(lo, hi) => (v - lo) / (hi - lo),
            Scale::Log(lo, hi) => (v / lo).ln() / (hi / lo).ln(),
        }
    }

    /// Candidate tick sets, the fullest first.
    fn candidates(&self, most: usize) -> Vec<Vec<f64>> {
        match *self {
            Scale::Linear(lo, hi) => {
                let coord = RangedCoordf64::from(lo..hi);
                let mut out: Vec<Vec<f64>> = Vec::new();
                for n in (1..=most.max(1)).rev() {
                    let points = coord.key_points(n);
                    if out.last() != Some(&points) && !points.is_empty() {
                        out.push(points);
                    }
                }
                out
            }
            Scale::Log(lo, hi) => {
                // 1, 2 and 5 times each power of ten, then the powers of ten, then every 2nd, 4th, ... one.
                let all = log_key_points(lo, hi);
                let decades: Vec<f64> = all
                    .iter()
                    .copied()
                    .filter(|v| {
                        let m = v / 10f64.powf(v.log10().floor());
                        (m - 1.0).abs() < 1e-9
                    })
                    .collect();
                let mut out = vec![all.clone()];
                let mut stride = 1;
                while stride <= decades.len() {
                    out.push(decades.iter().copied().step_by(stride).collect());
                    stride *= 2;
                }
                if let Some(&middle) = all.get(all.len() / 2) {
                    out.push(vec![middle]);
                }
                out.retain(|c| !c.is_empty() && c.len() <= most.max(1));
                out
            }
        }
    }
}

/// How tick labels are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TickFormat {
    /// [`short_number`]: plain in the usual range.
    Short,
    /// Plain with this many significant digits (more than [`short_number`]'s 4), for ticks close together
    /// on a narrow span (1.6302, 1.6304, ...).
    Plain(usize),
    /// Scientific with this many significant digits.
    Scientific(usize),
}

/// The longest plain label with more digits than [`short_number`]'s (`-1.63025`).
pub const MAX_PLAIN_DIGITS_CHARS: usize = 9;

impl TickFormat {
    /// The label of `v`.
    pub fn label(&self, v: f64) -> String {
        match *self {
            TickFormat::Short => short_number(v),
            TickFormat::Plain(digits) => with_digits(v, digits),
            TickFormat::Scientific(digits) => scientific(v, digits),
        }
    }

    /// The first format whose labels are each within 1% of the tick spacing of their value (so that
    /// neighbours read apart and in order): [`TickFormat::Short`] when every label has at most
    /// [`MAX_PLAIN_CHARS`] characters; plain with 5 to 8 digits when those fit in
    /// [`MAX_PLAIN_DIGITS_CHARS`] (ticks close together on a narrow span); otherwise scientific with the
    /// fewest digits (1 to 6).
    pub fn for_values(values: &[f64]) -> TickFormat {
        let spacing = values
            .windows(2)
            .map(|w| (w[1] - w[0]).abs())
            .fold(f64::INFINITY, f64::min);
        let faithful = |f: &TickFormat| {
            values.iter().all(|&v| {
                let tolerance = 0.01 * if spacing.is_finite() { spacing } else { v.abs() };
                f.label(v)
                    .parse::<f64>()
                    .is_ok_and(|back| (back - v).abs() <= tolerance)
            })
        };
        let fits = |f: &TickFormat, most: usize| values.iter().all(|&v| f.label(v).chars().count() <= most);
        if fits(&TickFormat::Short, MAX_PLAIN_CHARS) && faithful(&TickFormat::Short) {
            return TickFormat::Short;
        }
        (5..=8)
            .map(TickFormat::Plain)
            .find(|f| {
                fits(f, MAX_PLAIN_DIGITS_CHARS) && values.iter().all(|&v| !f.label(v).contains('e')) && faithful(f)
            })
            .or_else(|| (1..=6).map(TickFormat::Scientific).find(|f| faithful(f)))
            .unwrap_or(TickFormat::Scientific(6))
    }
}

/// One axis's ticks: their values, how they are written, and the size of the widest and tallest label.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticks {
    pub scale: Scale,
    pub values: Vec<f64>,
    pub format: TickFormat,
    pub widest: u32,
    pub tallest: u32,
}

/// Which way an axis runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// An x-axis: labels side by side.
    Across,
    /// A y-axis: labels stacked.
    Up,
}

impl Ticks {
    /// The fullest candidate set of at most `most` ticks whose labels in `font` fit along an axis of
    /// `length` pixels without overlapping; a label may reach `room` pixels past either end.
    pub fn choose<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        font: &TextStyle,
        scale: Scale,
        length: u32,
        direction: Direction,
        most: usize,
        room: i32,
    ) -> Result<Ticks, RenderError> {
        let length = length as f64;
        let mut fallback = None;
        for values in scale.candidates(most) {
            let format = TickFormat::for_values(&values);
            let mut placed = Vec::with_capacity(values.len());
            for &v in &values {
                let (w, h) = area.estimate_text_size(&format.label(v), font).map_err(render_error)?;
                placed.push((v, scale.fraction(v) * length, w as i32, h as i32));
            }
            // A label that would reach past the room at an end is left out.
            let extent = |&(_, _, w, h): &(f64, f64, i32, i32)| match direction {
                Direction::Across => w as f64 / 2.0,
                Direction::Up => h as f64 / 2.0,
            };
            placed.retain(|p| p.1 - extent(p) >= -(room as f64) && p.1 + extent(p) <= length + room as f64);
            let fits = placed.windows(2).all(|pair| {
                let (a, b) = (pair[0], pair[1]);
                let need = match direction {
                    Direction::Across => (a.2 + b.2) as f64 / 2.0 + GAP_ACROSS as f64,
                    Direction::Up => (a.3 + b.3) as f64 / 2.0 + GAP_UP as f64,
                };
                // One pixel for the rounding of each position.
                (b.1 - a.1).abs() >= need + 2.0
            });
            let ticks = Ticks {
                scale,
                values: placed.iter().map(|p| p.0).collect(),
                format,
                widest: placed.iter().map(|p| p.2 as u32).max().unwrap_or(0),
                tallest: placed.iter().map(|p| p.3 as u32).max().unwrap_or(0),
            };
            if fits && !ticks.values.is_empty() {
                return Ok(ticks);
            }
            if ticks.values.len() == 1 {
                fallback = Some(ticks);
            }
        }
        Ok(fallback.unwrap_or(Ticks {
            scale,
            values: Vec::new(),
            format: TickFormat::Short,
            widest: 0,
            tallest: 0,
        }))
    }

    /// The label of tick value `v`.
    pub fn label(&self, v: f64) -> String {
        self.format.label(v)
    }

    /// The axis's coordinate, linear or logarithmic, with exactly these ticks.
    pub fn coord(&self) -> TickedCoord {
        let inner = match self.scale {
            Scale::Linear(lo, hi) => Inner::Linear(RangedCoordf64::from(lo..hi)),
            Scale::Log(lo, hi) => Inner::Log((lo..hi).log_scale().into()),
        };
        TickedCoord {
            inner,
            ticks: self.values.clone(),
        }
    }

    /// Width of a y label area holding these labels and, if `title` (its height), a rotated title.
    pub fn y_label_area(&self, title: Option<u32>) -> u32 {
        LABEL_DISTANCE + self.widest + title.map_or(2, |h| 5 + h)
    }
}

/// A linear or logarithmic coordinate whose key points are the chosen ticks (plotters' own
/// `with_key_points` loses the linear coordinate's formatting, so that its mesh cannot be drawn). Mapping
/// is plotters' own.
pub struct TickedCoord {
    inner: Inner,
    ticks: Vec<f64>,
}

enum Inner {
    Linear(RangedCoordf64),
    Log(LogCoord<f64>),
}

impl Ranged for TickedCoord {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        match &self.inner {
            Inner::Linear(c) => c.map(value, limit),
            Inner::Log(c) => c.map(value, limit),
        }
    }

    /// The ticks as bold points, no light points.
    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        match &self.inner {
            Inner::Linear(c) => c.range(),
            Inner::Log(c) => c.range(),
        }
    }

    fn axis_pixel_range(&self, limit: (i32, i32)) -> std::ops::Range<i32> {
        match &self.inner {
            Inner::Linear(c) => c.axis_pixel_range(limit),
            Inner::Log(c) => c.axis_pixel_range(limit),
        }
    }
}

/// Height of an x label area holding labels `label_height` tall and, if `title` (its height), a title.
pub fn x_label_area(label_height: u32, title: Option<u32>) -> u32 {
    LABEL_DISTANCE + label_height + title.map_or(2, |h| 3 + h)
}

/// Height of `font`'s text on this backend.
pub fn text_height<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, font: &TextStyle) -> Result<u32, RenderError> {
    Ok(area.estimate_text_size("0Ag", font).map_err(render_error)?.1)
}

/// What a chart wants of one axis: its scale, at most how many ticks (0: no labels) and its title, as
/// alternatives from the longest to the shortest (the first that fits along the axis is drawn; none if
/// empty).
#[derive(Debug, Clone, Copy)]
pub struct AxisWish<'a> {
    pub scale: Scale,
    pub most: usize,
    pub titles: &'a [&'a str],
}

/// Space around a chart's plotting area and label areas, in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Margin {
    pub top: u32,
    pub right: u32,
    pub bottom: u32,
    pub left: u32,
}

/// Both axes of a chart, planned together: the ticks and the label areas' sizes and the margins that
/// hold them.
#[derive(Debug, Clone, PartialEq)]
pub struct Axes {
    pub x: Ticks,
    pub y: Ticks,
    pub x_area: u32,
    pub y_area: u32,
    pub margin: Margin,
    /// The titles chosen from the wishes' alternatives.
    pub x_title: Option<String>,
    pub y_title: Option<String>,
}

impl Axes {
    /// Plans the axes of a chart on `area`: the y ticks for the plot's height (which the x label area,
    /// sized from the fonts, fixes), the y label area from their widest label, then the x ticks for the
    /// width left. The top margin grows to hold half a label (the top tick's label is centred on it).
    pub fn plan<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        label_font: &TextStyle,
        title_font: &TextStyle,
        x: AxisWish,
        y: AxisWish,
        margin: Margin,
    ) -> Result<Axes, RenderError> {
        let (w, h) = area.dim_in_pixel();
        let label_h = text_height(area, label_font)?;
        let title_h = text_height(area, title_font)?;
        let x_area = if x.most == 0 && x.titles.is_empty() {
            LABEL_DISTANCE / 2
        } else {
            x_label_area(if x.most == 0 { 0 } else { label_h }, x.titles.first().map(|_| title_h))
        };
        let margin = Margin {
            top: margin.top.max(label_h / 2 + 1),
            ..margin
        };
        let plot_h = h.saturating_sub(margin.top + margin.bottom + x_area);
        let y_ticks = Ticks::choose(
            area,
            label_font,
            y.scale,
            plot_h,
            Direction::Up,
            y.most,
            margin.top as i32,
        )?;
        let y_area = y_ticks.y_label_area(y.titles.first().map(|_| title_h));
        let plot_w = w.saturating_sub(margin.left + margin.right + y_area);
        let fitting = |titles: &[&str], length: u32| -> Result<Option<String>, RenderError> {
            for t in titles {
                if area.estimate_text_size(t, title_font).map_err(render_error)?.0 + 4 <= length {
                    return Ok(Some(t.to_string()));
                }
            }
            Ok(None)
        };
        let (x_title, y_title) = (fitting(x.titles, plot_w)?, fitting(y.titles, plot_h)?);
        let x_ticks = if x.most == 0 {
            Ticks::choose(area, label_font, x.scale, plot_w, Direction::Across, 0, 0).map(|t| Ticks {
                values: Vec::new(),
                ..t
            })?
        } else {
            Ticks::choose(
                area,
                label_font,
                x.scale,
                plot_w,
                Direction::Across,
                x.most,
                margin.right as i32,
            )?
        };
        Ok(Axes {
            x: x_ticks,
            y: y_ticks,
            x_area,
            y_area,
            margin,
            x_title,
            y_title,
        })
    }

    /// The mesh's titles: the chosen ones (plotters draws none for an empty title).
    pub fn titles(&self) -> (&str, &str) {
        (
            self.x_title.as_deref().unwrap_or(""),
            self.y_title.as_deref().unwrap_or(""),
        )
    }

    /// A chart builder on `area` with these margins and label areas.
    pub fn builder<'a, 'b, DB: DrawingBackend>(&self, area: &'a DrawingArea<DB, Shift>) -> ChartBuilder<'a, 'b, DB> {
        let mut b = ChartBuilder::on(area);
        b.margin_top(self.margin.top)
            .margin_right(self.margin.right)
            .margin_bottom(self.margin.bottom)
            .margin_left(self.margin.left)
            .x_label_area_size(self.x_area)
            .y_label_area_size(self.y_area);
        b
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
