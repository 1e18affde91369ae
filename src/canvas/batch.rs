//! Few, long canvas paths instead of hundreds of short ones.
//!
//! plotters draws a chart as many small shapes: each grid line, each dash of a dashed curve and each
//! histogram bar is its own `draw_line`/`draw_rect` call. A browser's canvas charges for every call across
//! the WebAssembly boundary and every `stroke()`, whatever it draws (Firefox about 10 µs per stroked
//! segment), so a frame of three charts cost Firefox over 12 ms. [`PathBatch`] gathers consecutive shapes
//! painted alike into one path, which the canvas layer ([`super::MeasuredCanvas`]) draws with one `Path2D`
//! and one `stroke()` or `fill()`, and leaves out the points of a polyline that a straight line passes
//! within half a pixel of, since Firefox's cost of a wide stroke grows with its number of points.
//!
//! The picture stays the same to within half a pixel: shapes keep their order (a batch is closed before any
//! shape of another paint), strokes keep plotters-canvas's half-pixel shift of horizontal and vertical
//! lines, and a fill joins a batch only if it is opaque or does not overlap the batch (translucent shapes
//! filled in one path would not darken where they overlap). The one visible difference: where two
//! translucent strokes of one batch cross (grid lines), the crossing is not darkened twice. Pure path
//! building, so it is tested natively.

use plotters_backend::{BackendColor, BackendCoord};
use std::fmt::Write;

/// How a batch is painted: a colour, and for strokes the line width in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Paint {
    /// `stroke()` with this colour and line width.
    Stroke { color: Rgba, width: u32 },
    /// `fill()` (non-zero rule) with this colour.
    Fill { color: Rgba },
}

impl Paint {
    pub fn stroke(color: BackendColor, width: u32) -> Self {
        Paint::Stroke {
            color: Rgba::from(color),
            width,
        }
    }
    pub fn fill(color: BackendColor) -> Self {
        Paint::Fill {
            color: Rgba::from(color),
        }
    }
}

/// A colour that can be compared (plotters' [`BackendColor`] cannot), so that shapes are matched to a
/// batch without formatting a colour string for each one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgba {
    pub rgb: (u8, u8, u8),
    pub alpha: f64,
}

impl From<BackendColor> for Rgba {
    fn from(color: BackendColor) -> Self {
        Rgba {
            rgb: color.rgb,
            alpha: color.alpha,
        }
    }
}

impl Rgba {
    /// `rgba(r,g,b,a)`, the colour string plotters-canvas uses.
    pub fn css(self) -> String {
        let (r, g, b) = self.rgb;
        format!("rgba({r},{g},{b},{})", self.alpha)
    }
}

/// A closed batch, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Batch {
    pub paint: Paint,
    /// Every shape of the batch, in order.
    pub path: Vec<PathOp>,
    /// `(x, y, width, height)` when the batch is a single rectangle, which `fillRect`/`strokeRect` draw
    /// more cheaply than a parsed path.
    pub single_rect: Option<[f64; 4]>,
}

/// One step of a canvas path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum PathOp {
    MoveTo(f64, f64),
    LineTo(f64, f64),
    Close,
}

/// `path` as SVG path data (`M0 0L3 4Z`), the string a `Path2D` is made from.
pub(crate) fn svg(path: &[PathOp]) -> String {
    let mut data = String::with_capacity(10 * path.len());
    for op in path {
        match *op {
            PathOp::MoveTo(x, y) => push_point(&mut data, 'M', x, y),
            PathOp::LineTo(x, y) => push_point(&mut data, 'L', x, y),
            PathOp::Close => data.push('Z'),
        }
    }
    data
}

fn push_point(data: &mut String, command: char, x: f64, y: f64) {
    data.push(command);
    push_number(data, x);
    data.push(' ');
    push_number(data, y);
}

/// Writes a coordinate. Those of plotters are whole or half pixels, written with integer formatting (a
/// frame has thousands; general float formatting was a tenth of a frame's time in Chromium).
fn push_number(data: &mut String, v: f64) {
    let magnitude = v.abs();
    if magnitude < 1e9 && (2.0 * magnitude).fract() == 0.0 {
        if v < 0.0 {
            data.push('-');
        }
        let _ = write!(data, "{}", magnitude.trunc() as u64);
        if magnitude.fract() != 0.0 {
            data.push_str(".5");
        }
    } else {
        let _ = write!(data, "{v}");
    }
}

/// Pixel bounds `(x0, y0, x1, y1)` of the filled shapes in a batch.
type Bounds = (i32, i32, i32, i32);

/// The open batch: shapes of one [`Paint`], in drawing order.
#[derive(Debug, Default)]
pub(crate) struct PathBatch {
    paint: Option<Paint>,
    path: Vec<PathOp>,
    shapes: usize,
    opaque: bool,
    first_rect: Option<[f64; 4]>,
    bounds: Option<Bounds>,
    /// Reused buffers of [`PathBatch::push_polyline`].
    scratch: Vec<(f64, f64)>,
    keep: Vec<bool>,
}

impl PathBatch {
    /// Closes the open batch; `None` if it is empty.
    pub fn take(&mut self) -> Option<Batch> {
        let paint = self.paint.take()?;
        let single_rect = if self.shapes == 1 { self.first_rect } else { None };
        let batch = Batch {
            paint,
            path: std::mem::take(&mut self.path),
            single_rect,
        };
        self.shapes = 0;
        self.first_rect = None;
        self.bounds = None;
        Some(batch)
    }

    /// Adds a stroked segment; returns the batch it had to close first, if any. A horizontal or vertical
    /// segment moves by half a pixel so that a 1-pixel line covers whole pixels, as in plotters-canvas.
    pub fn line(&mut self, color: BackendColor, width: u32, from: BackendCoord, to: BackendCoord) -> Option<Batch> {
        let closed = self.open(Paint::stroke(color, width), color, None);
        let (mut a, mut b) = (to_f64(from), to_f64(to));
        if a.0 == b.0 {
            a.0 -= 0.5;
            b.0 -= 0.5;
        }
        if a.1 == b.1 {
            a.1 -= 0.5;
            b.1 -= 0.5;
        }
        self.push_polyline(&mut [a, b].into_iter(), false);
        closed
    }

    /// Adds a stroked polyline.
    pub fn polyline(
        &mut self,
        color: BackendColor,
        width: u32,
        points: &mut dyn Iterator<Item = BackendCoord>,
    ) -> Option<Batch> {
        let closed = self.open(Paint::stroke(color, width), color, None);
        self.push_polyline(&mut points.map(to_f64), false);
        closed
    }

    /// Adds a rectangle with corners `a` and `b`, filled or outlined.
    pub fn rect(
        &mut self,
        color: BackendColor,
        width: u32,
        a: BackendCoord,
        b: BackendCoord,
        fill: bool,
    ) -> Option<Batch> {
        let (paint, area) = if fill {
            (
                Paint::fill(color),
                Some((a.0.min(b.0), a.1.min(b.1), a.0.max(b.0), a.1.max(b.1))),
            )
        } else {
            (Paint::stroke(color, width), None)
        };
        let closed = self.open(paint, color, area);
        let (x0, y0, x1, y1) = (f64::from(a.0), f64::from(a.1), f64::from(b.0), f64::from(b.1));
        if self.shapes == 0 {
            self.first_rect = Some([x0, y0, x1 - x0, y1 - y0]);
        }
        let corners = [
            PathOp::MoveTo(x0, y0),
            PathOp::LineTo(x1, y0),
            PathOp::LineTo(x1, y1),
            PathOp::LineTo(x0, y1),
        ];
        self.path.extend(corners);
        self.path.push(PathOp::Close);
        self.shapes += 1;
        closed
    }

    /// Adds a filled polygon.
    pub fn polygon(&mut self, color: BackendColor, vertices: &mut dyn Iterator<Item = BackendCoord>) -> Option<Batch> {
        let vertices: Vec<BackendCoord> = vertices.collect();
        let area = vertices.iter().fold(None, |bounds: Option<Bounds>, &(x, y)| {
            Some(bounds.map_or((x, y, x, y), |(x0, y0, x1, y1)| {
                (x0.min(x), y0.min(y), x1.max(x), y1.max(y))
            }))
        });
        let closed = self.open(Paint::fill(color), color, Some(area.unwrap_or_default()));
        self.push_polyline(&mut vertices.into_iter().map(to_f64), true);
        closed
    }

    /// Makes the open batch one of `paint`, closing the current one if the shape cannot join it.
    fn open(&mut self, paint: Paint, color: BackendColor, area: Option<Bounds>) -> Option<Batch> {
        let joins = self.paint.as_ref() == Some(&paint)
            && match (area, self.bounds) {
                (Some(area), Some(bounds)) => self.opaque || !overlaps(area, bounds),
                _ => true,
            };
        let closed = if joins { None } else { self.take() };
        if self.paint.is_none() {
            self.paint = Some(paint);
            self.opaque = color.alpha >= 1.0;
        }
        if let Some(area) = area {
            self.bounds = Some(match self.bounds {
                Some((x0, y0, x1, y1)) => (x0.min(area.0), y0.min(area.1), x1.max(area.2), y1.max(area.3)),
                None => area,
            });
        }
        closed
    }

    /// Adds `M p0 L p1 L p2 ...`, simplified: a point is left out when the polyline without it passes
    /// within [`SIMPLIFY_TOLERANCE`] of it (Douglas-Peucker). Plotters sends whole pixels, so a smooth curve
    /// arrives as a staircase of 1-pixel steps, and a curve that is flat at zero across most of a chart as
    /// hundreds of points on one line; Firefox's cost of a wide stroke grows with its number of points.
    fn push_polyline(&mut self, points: &mut dyn Iterator<Item = (f64, f64)>, close: bool) {
        let mut line = std::mem::take(&mut self.scratch);
        line.clear();
        for p in points {
            push_unless_straight(&mut line, p);
        }
        let mut keep = std::mem::take(&mut self.keep);
        simplify(&line, SIMPLIFY_TOLERANCE, &mut keep);
        for (i, &(x, y)) in line.iter().enumerate().filter(|&(i, _)| keep[i]) {
            self.path.push(if i == 0 {
                PathOp::MoveTo(x, y)
            } else {
                PathOp::LineTo(x, y)
            });
        }
        if close && !line.is_empty() {
            self.path.push(PathOp::Close);
        }
        (self.scratch, self.keep) = (line, keep);
        self.shapes += 1;
    }
}

/// How far, in CSS pixels, a simplified polyline may pass from a point it leaves out: half a pixel, the
/// rounding plotters already applies to every point.
pub(crate) const SIMPLIFY_TOLERANCE: f64 = 0.5;

/// Douglas-Peucker: sets `keep[i]` for the points of `line` that the simplified polyline goes through. The
/// first and last points are always kept, and a point is dropped only if it lies within `tolerance` of the
/// segment (not the infinite line) between the kept points around it, so a polyline that turns back on
/// itself keeps its turning point.
fn simplify(line: &[(f64, f64)], tolerance: f64, keep: &mut Vec<bool>) {
    keep.clear();
    keep.resize(line.len(), false);
    let Some(last) = line.len().checked_sub(1) else { return };
    keep[0] = true;
    keep[last] = true;
    let mut stack = vec![(0, last)];
    while let Some((a, b)) = stack.pop() {
        let (mut farthest, mut largest) = (a, tolerance * tolerance);
        for (i, &p) in line.iter().enumerate().take(b).skip(a + 1) {
            let d2 = squared_distance_to_segment(p, line[a], line[b]);
            if d2 > largest {
                (farthest, largest) = (i, d2);
            }
        }
        if farthest != a {
            keep[farthest] = true;
            stack.extend([(a, farthest), (farthest, b)]);
        }
    }
}

/// Squared Euclidean distance from `p` to the segment from `a` to `b`.
fn squared_distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length2 = dx * dx + dy * dy;
    let t = if length2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p.0 - a.0 - t * dx).powi(2) + (p.1 - a.1 - t * dy).powi(2)
}

/// Appends `p` to `line` unless it repeats the last point; if the last point lies on the straight way
/// from the one before it to `p`, `p` replaces it. Exact for whole and half pixels, and it takes the long
/// flat runs out of a polyline in one pass, before [`simplify`].
fn push_unless_straight(line: &mut Vec<(f64, f64)>, p: (f64, f64)) {
    match line.as_slice() {
        [.., q] if *q == p => {}
        [.., w, q] if on_the_way(*w, *q, p) => *line.last_mut().expect("two points") = p,
        _ => line.push(p),
    }
}

/// Whether `q` lies on the segment from `w` to `p`, heading from `w` towards `p`.
fn on_the_way(w: (f64, f64), q: (f64, f64), p: (f64, f64)) -> bool {
    let (a, b) = ((q.0 - w.0, q.1 - w.1), (p.0 - q.0, p.1 - q.1));
    a.0 * b.1 - a.1 * b.0 == 0.0 && a.0 * b.0 + a.1 * b.1 > 0.0
}

/// Whether two pixel rectangles share an area (touching edges do not count).
fn overlaps(a: Bounds, b: Bounds) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

fn to_f64((x, y): BackendCoord) -> (f64, f64) {
    (f64::from(x), f64::from(y))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GREY: BackendColor = BackendColor {
        alpha: 0.5,
        rgb: (100, 100, 100),
    };
    const BLUE: BackendColor = BackendColor {
        alpha: 1.0,
        rgb: (0, 0, 255),
    };

    #[test]
    fn lines_of_one_style_share_a_path_with_half_pixel_shifts() {
        let mut batch = PathBatch::default();
        assert_eq!(batch.line(GREY, 1, (10, 0), (10, 50)), None);
        assert_eq!(batch.line(GREY, 1, (0, 20), (40, 20)), None);
        assert_eq!(batch.line(GREY, 1, (0, 0), (3, 4)), None);
        let done = batch.take().unwrap();
        assert_eq!(done.paint, Paint::stroke(GREY, 1));
        assert_eq!(Rgba::from(GREY).css(), "rgba(100,100,100,0.5)");
        assert_eq!(svg(&done.path), "M9.5 0L9.5 50M0 19.5L40 19.5M0 0L3 4");
        assert_eq!(done.single_rect, None);
        assert_eq!(batch.take(), None);
    }

    #[test]
    fn a_new_style_closes_the_batch_and_keeps_the_order() {
        let mut batch = PathBatch::default();
        batch.polyline(GREY, 1, &mut [(0, 0), (1, 1), (2, 0)].into_iter());
        let closed = batch.polyline(GREY, 2, &mut [(5, 5), (6, 6)].into_iter()).unwrap();
        assert_eq!(svg(&closed.path), "M0 0L1 1L2 0");
        let closed = batch.line(BLUE, 2, (0, 0), (1, 2)).unwrap();
        assert_eq!(
            (svg(&closed.path), closed.paint),
            ("M5 5L6 6".to_string(), Paint::stroke(GREY, 2))
        );
        assert_eq!(svg(&batch.take().unwrap().path), "M0 0L1 2");
    }

    #[test]
    fn side_by_side_bars_share_a_fill_but_overlapping_translucent_fills_do_not() {
        let mut batch = PathBatch::default();
        assert_eq!(batch.rect(GREY, 1, (0, 10), (5, 50), true), None);
        assert_eq!(batch.rect(GREY, 1, (5, 20), (10, 50), true), None, "touching bars join");
        let closed = batch
            .rect(GREY, 1, (8, 0), (12, 30), true)
            .expect("an overlapping translucent fill closes it");
        assert_eq!(svg(&closed.path), "M0 10L5 10L5 50L0 50ZM5 20L10 20L10 50L5 50Z");
        assert_eq!(closed.single_rect, None);
        let single = batch.take().unwrap();
        assert_eq!(single.single_rect, Some([8.0, 0.0, 4.0, 30.0]));
        // Opaque fills may overlap: the later one covers the earlier either way.
        batch.rect(BLUE, 1, (0, 0), (10, 10), true);
        assert_eq!(batch.polygon(BLUE, &mut [(5, 5), (15, 5), (15, 15)].into_iter()), None);
        assert_eq!(
            svg(&batch.take().unwrap().path),
            "M0 0L10 0L10 10L0 10ZM5 5L15 5L15 15Z"
        );
    }

    #[test]
    fn polylines_leave_out_repeated_points_and_points_inside_straight_runs() {
        let mut batch = PathBatch::default();
        let flat_then_up = [
            (0, 50),
            (1, 50),
            (1, 50),
            (2, 50),
            (3, 50),
            (4, 49),
            (5, 48),
            (6, 40),
            (7, 40),
        ];
        batch.polyline(GREY, 2, &mut flat_then_up.into_iter());
        // A run that turns back on itself keeps its turning point.
        batch.polyline(GREY, 2, &mut [(0, 0), (5, 0), (2, 0)].into_iter());
        batch.polyline(GREY, 2, &mut [(9, 9)].into_iter());
        assert_eq!(
            svg(&batch.take().unwrap().path),
            "M0 50L3 50L5 48L6 40L7 40M0 0L5 0L2 0M9 9"
        );
    }

    #[test]
    fn a_staircase_becomes_its_slope_and_every_left_out_point_stays_within_half_a_pixel() {
        let mut batch = PathBatch::default();
        // y = round(x / 3): a 1-pixel staircase along a straight line, then a sharp peak.
        let mut points: Vec<BackendCoord> = (0..=30).map(|x| (x, (f64::from(x) / 3.0).round() as i32)).collect();
        points.extend([(31, 40), (32, 10)]);
        batch.polyline(GREY, 2, &mut points.iter().copied());
        let path = batch.take().unwrap().path;
        let kept: Vec<(f64, f64)> = path
            .iter()
            .map(|op| match *op {
                PathOp::MoveTo(x, y) | PathOp::LineTo(x, y) => (x, y),
                PathOp::Close => unreachable!(),
            })
            .collect();
        assert!(kept.len() <= 6, "{}", svg(&path));
        assert!(kept.contains(&(31.0, 40.0)), "the peak stays: {}", svg(&path));
        for &(x, y) in &points {
            let p = (f64::from(x), f64::from(y));
            let nearest = kept
                .windows(2)
                .map(|s| squared_distance_to_segment(p, s[0], s[1]).sqrt())
                .fold(f64::INFINITY, f64::min);
            assert!(
                nearest <= SIMPLIFY_TOLERANCE,
                "{p:?} is {nearest} px from {}",
                svg(&path)
            );
        }
    }

    #[test]
    fn coordinates_are_written_as_svg_numbers() {
        let path = [0.0, -0.0, 3.0, -2.0, 0.5, -0.5, -2.5, 7.25].map(|v| PathOp::LineTo(v, 1.0));
        assert_eq!(svg(&path), "L0 1L0 1L3 1L-2 1L0.5 1L-0.5 1L-2.5 1L7.25 1");
    }

    #[test]
    fn outlines_and_fills_of_one_colour_are_different_batches() {
        let mut batch = PathBatch::default();
        batch.rect(BLUE, 1, (0, 0), (4, 4), false);
        let closed = batch.rect(BLUE, 1, (0, 0), (4, 4), true).unwrap();
        assert_eq!(closed.paint, Paint::stroke(BLUE, 1));
        assert_eq!(closed.single_rect, Some([0.0, 0.0, 4.0, 4.0]));
        assert_eq!(batch.take().unwrap().paint, Paint::fill(BLUE));
    }
}
