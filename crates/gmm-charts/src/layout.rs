//! The chart layout record: where a chart put its plotting areas, its legends and every text, in pixels,
//! so that a test can check that nothing a chart shows hides anything else ([`ChartLayout::problems`]).
//!
//! Each `draw_*` returns the [`Regions`] it chose (plotting areas, legend boxes); a [`Recorder`] wrapped
//! around the backend records the box of every text the chart drew (tick labels and axis titles that
//! plotters draws included), measured by the backend itself as the chart measured it. [`record`] does
//! both and gives the whole [`ChartLayout`].

use super::{render_error, RenderError};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_backend::{
    text_anchor::{HPos, VPos},
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use std::cell::RefCell;
use std::rc::Rc;

/// A rectangle in pixels of the whole chart: `x0..x1` across, `y0..y1` down (the ends excluded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl Rect {
    /// The pixels `area` covers.
    pub fn of_area<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> Rect {
        let (x, y) = area.get_pixel_range();
        Rect {
            x0: x.start,
            y0: y.start,
            x1: x.end,
            y1: y.end,
        }
    }

    /// Whether the two share a pixel (touching edges do not).
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && self.y0 < other.y1 && other.y0 < self.y1
    }

    /// Whether every pixel of `other` is in `self`.
    pub fn contains(&self, other: &Rect) -> bool {
        self.x0 <= other.x0 && other.x1 <= self.x1 && self.y0 <= other.y0 && other.y1 <= self.y1
    }
}

/// A text as drawn: what it says and the box it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedText {
    pub text: String,
    pub rect: Rect,
}

/// What a chart function says about its own layout: where the data are drawn (`plots`, one per panel)
/// and where its legends and keys are (`legends`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Regions {
    pub plots: Vec<Rect>,
    pub legends: Vec<Rect>,
}

impl Regions {
    /// Adds `other`'s regions (a chart drawn in parts, as the density panel's background and fit).
    pub fn merge(mut self, other: Regions) -> Regions {
        self.plots.extend(other.plots);
        self.legends.extend(other.legends);
        self
    }
}

/// Everything a chart placed: its size, its [`Regions`] and every text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChartLayout {
    pub width: u32,
    pub height: u32,
    pub plots: Vec<Rect>,
    pub legends: Vec<Rect>,
    pub texts: Vec<PlacedText>,
}

impl ChartLayout {
    /// Adds another drawing's regions and texts on the same canvas.
    pub fn merge(mut self, other: ChartLayout) -> ChartLayout {
        self.plots.extend(other.plots);
        self.legends.extend(other.legends);
        self.texts.extend(other.texts);
        self
    }

    /// What hides what, one sentence each (empty when nothing does):
    /// - two texts whose boxes overlap;
    /// - a text that leaves the canvas;
    /// - a legend that overlaps a plotting area (where the data are drawn);
    /// - a legend that overlaps a text outside it (a tick label, a title).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let canvas = Rect {
            x0: 0,
            y0: 0,
            x1: self.width as i32,
            y1: self.height as i32,
        };
        for (i, a) in self.texts.iter().enumerate() {
            if !canvas.contains(&a.rect) {
                out.push(format!("{:?} at {:?} leaves the canvas {canvas:?}", a.text, a.rect));
            }
            for b in &self.texts[i + 1..] {
                if a.rect.intersects(&b.rect) {
                    out.push(format!(
                        "{:?} at {:?} overlaps {:?} at {:?}",
                        a.text, a.rect, b.text, b.rect
                    ));
                }
            }
        }
        for legend in &self.legends {
            for plot in self.plots.iter().filter(|p| p.intersects(legend)) {
                out.push(format!("the legend at {legend:?} overlaps the plot at {plot:?}"));
            }
            for t in self
                .texts
                .iter()
                .filter(|t| t.rect.intersects(legend) && !legend.contains(&t.rect))
            {
                out.push(format!(
                    "the legend at {legend:?} overlaps {:?} at {:?}",
                    t.text, t.rect
                ));
            }
        }
        out
    }
}

/// A backend that draws through `inner` and records the box of every text drawn.
pub struct Recorder<DB> {
    inner: DB,
    texts: Rc<RefCell<Vec<PlacedText>>>,
}

impl<DB: DrawingBackend> Recorder<DB> {
    /// Wraps `inner`; the texts drawn go to `texts`.
    pub fn new(inner: DB, texts: Rc<RefCell<Vec<PlacedText>>>) -> Self {
        Recorder { inner, texts }
    }
}

/// Draws with `draw` on `backend` and returns the chart's layout: `draw`'s [`Regions`] and the box of
/// every text it drew.
pub fn record<DB: DrawingBackend>(
    backend: DB,
    draw: impl FnOnce(&DrawingArea<Recorder<DB>, Shift>) -> Result<Regions, RenderError>,
) -> Result<ChartLayout, RenderError> {
    let (width, height) = backend.get_size();
    let texts = Rc::new(RefCell::new(Vec::new()));
    let regions = {
        let area = Recorder::new(backend, texts.clone()).into_drawing_area();
        let regions = draw(&area)?;
        area.present().map_err(render_error)?;
        regions
    };
    let texts = texts.take();
    Ok(ChartLayout {
        width,
        height,
        plots: regions.plots,
        legends: regions.legends,
        texts,
    })
}

type Error<DB> = DrawingErrorKind<<DB as DrawingBackend>::ErrorType>;

impl<DB: DrawingBackend> DrawingBackend for Recorder<DB> {
    type ErrorType = DB::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), Error<DB>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), Error<DB>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Error<DB>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> Result<(), Error<DB>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Error<DB>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Error<DB>> {
        self.inner.draw_path(path, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Error<DB>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), Error<DB>> {
        self.inner.fill_polygon(vert, style)
    }
    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Result<(), Error<DB>> {
        self.inner.blit_bitmap(pos, size, src)
    }
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), Error<DB>> {
        self.inner.estimate_text_size(text, style)
    }

    /// Draws the text and records its box: the measured size placed by the anchor, then turned by the
    /// style's rotation about the anchor point (as both the canvas and plotters turn it).
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), Error<DB>> {
        if style.color().alpha > 0.0 && !text.is_empty() {
            let (w, h) = self.inner.estimate_text_size(text, style)?;
            let (w, h) = (w as i32, h as i32);
            let dx = match style.anchor().h_pos {
                HPos::Left => 0,
                HPos::Center => -w / 2,
                HPos::Right => -w,
            };
            let dy = match style.anchor().v_pos {
                VPos::Top => 0,
                VPos::Center => -h / 2,
                VPos::Bottom => -h,
            };
            let transform = style.transform();
            let corners = [(dx, dy), (dx + w, dy + h)].map(|(x, y)| transform.transform(x, y));
            let (xs, ys) = (corners.map(|c| c.0), corners.map(|c| c.1));
            let rect = Rect {
                x0: pos.0 + xs[0].min(xs[1]),
                y0: pos.1 + ys[0].min(ys[1]),
                x1: pos.0 + xs[0].max(xs[1]),
                y1: pos.1 + ys[0].max(ys[1]),
            };
            self.texts.borrow_mut().push(PlacedText {
                text: text.to_string(),
                rect,
            });
        }
        self.inner.draw_text(text, style, pos)
    }
}
