//! The browser backend: a 2D canvas drawn in few calls, with text measured by the canvas itself.
//!
//! Lines, polylines, rectangles and polygons go through [`PathBatch`], so that each run of shapes painted
//! alike becomes one `Path2D`, made from one SVG path string, and one `stroke()` or `fill()` (Firefox
//! charges a few microseconds for every canvas call, so a path built with hundreds of `lineTo` calls costs
//! more than one string it parses); text is drawn here too. The canvas state
//! (colours, line width, font, text alignment) is set only when it changes: every property set is a call
//! out of WebAssembly, and Firefox parses each colour and font string again. Circles and pixels, which the
//! charts draw rarely, go to plotters-canvas's [`CanvasBackend`].
//!
//! plotters' own browser font layer measures text by inserting a styled `<span>` into the page, which a
//! strict Content-Security-Policy blocks and which forces a page layout per label; `estimate_text_size`
//! here asks `measureText` instead.

use super::batch::{svg, Batch, Paint, PathBatch, Rgba};
use plotters::prelude::*;
use plotters_backend::{
    text_anchor::{HPos, VPos},
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind, FontTransform,
};
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, Path2d};

/// A 2D canvas drawn in CSS pixels on a bitmap that may be larger, with batched paths.
///
/// A page sizes the bitmap at `devicePixelRatio` times the canvas's CSS size, so charts stay sharp on
/// high-density screens. The backend reports the CSS size to plotters and scales the context by the
/// ratio, so fonts and line widths keep their CSS-pixel sizes. The open batch is drawn by `present()`
/// and, at the latest, when the backend is dropped.
pub struct MeasuredCanvas {
    inner: CanvasBackend,
    canvas: HtmlCanvasElement,
    context: CanvasRenderingContext2d,
    size: (u32, u32),
    scale: f64,
    batch: PathBatch,
    /// In a cell because `estimate_text_size` (`&self`) sets the font too.
    state: RefCell<ContextState>,
}

/// The context properties last set by this backend (`None`: unknown, set before the next use).
#[derive(Default)]
struct ContextState {
    stroke: Option<Rgba>,
    fill: Option<Rgba>,
    line_width: Option<u32>,
    font: Option<String>,
    align: Option<&'static str>,
    baseline: Option<&'static str>,
}

impl MeasuredCanvas {
    /// Wraps a canvas element; `None` if it has no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let (width, css_width) = (canvas.width(), canvas.client_width());
        // Bitmap pixels per CSS pixel: 1 for a canvas not in the page (no CSS size) or drawn at its size.
        let scale = if css_width > 0 {
            (f64::from(width) / f64::from(css_width)).clamp(1.0, 4.0)
        } else {
            1.0
        };
        Self::with_scale(canvas, scale)
    }

    /// Wraps a canvas element drawn at `scale` bitmap pixels per CSS pixel; `None` if it has no 2D context.
    pub fn with_scale(canvas: HtmlCanvasElement, scale: f64) -> Option<Self> {
        let context = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        context.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0).ok()?;
        let size = (
            (f64::from(canvas.width()) / scale).round() as u32,
            (f64::from(canvas.height()) / scale).round() as u32,
        );
        let inner = CanvasBackend::with_canvas_object(canvas.clone())?;
        Some(MeasuredCanvas {
            inner,
            canvas,
            context,
            size,
            scale,
            batch: PathBatch::default(),
            state: RefCell::default(),
        })
    }

    /// The canvas element drawn on.
    pub fn canvas(&self) -> &HtmlCanvasElement {
        &self.canvas
    }

    /// Bitmap pixels per CSS pixel.
    pub fn scale(&self) -> f64 {
        self.scale
    }

    /// A new canvas, not in the page, with this one's bitmap size, wrapped at this one's scale; `None`
    /// where there is no document (a worker).
    pub fn sibling(&self) -> Option<Self> {
        let document = self.canvas.owner_document()?;
        let canvas: HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
        canvas.set_width(self.canvas.width());
        canvas.set_height(self.canvas.height());
        Self::with_scale(canvas, self.scale)
    }

    /// Copies `layer` (a canvas of the same bitmap size) over the whole canvas, pixel for pixel.
    pub fn copy_layer(&mut self, layer: &HtmlCanvasElement) -> Result<(), Error<Self>> {
        self.flush();
        self.context.save();
        let copied = self
            .context
            .set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
            .and_then(|()| self.context.draw_image_with_html_canvas_element(layer, 0.0, 0.0));
        self.context.restore();
        copied.map_err(|e| DrawingErrorKind::DrawingError(CanvasCallFailed(format!("{e:?}"))))
    }

    /// Draws a closed batch.
    #[inline(never)]
    fn paint(&mut self, batch: Batch) {
        match batch.paint {
            Paint::Stroke { color, width } => {
                self.set_stroke(color, width);
                match batch.single_rect {
                    Some([x, y, w, h]) => self.context.stroke_rect(x, y, w, h),
                    None => {
                        if let Ok(path) = Path2d::new_with_path_string(&svg(&batch.path)) {
                            self.context.stroke_with_path(&path);
                        }
                    }
                }
            }
            Paint::Fill { color } => {
                self.set_fill(color);
                match batch.single_rect {
                    Some([x, y, w, h]) => self.context.fill_rect(x, y, w, h),
                    None => {
                        if let Ok(path) = Path2d::new_with_path_string(&svg(&batch.path)) {
                            self.context.fill_with_path_2d(&path);
                        }
                    }
                }
            }
        }
    }

    /// Draws the open batch, before anything that is not batched.
    #[inline(never)]
    fn flush(&mut self) {
        if let Some(batch) = self.batch.take() {
            self.paint(batch);
        }
    }

    /// Draws a batch closed by a new shape.
    fn paint_closed(&mut self, closed: Option<Batch>) {
        if let Some(batch) = closed {
            self.paint(batch);
        }
    }

    fn set_stroke(&self, color: Rgba, width: u32) {
        let mut state = self.state.borrow_mut();
        if state.stroke != Some(color) {
            self.context.set_stroke_style_str(&color.css());
            state.stroke = Some(color);
        }
        if state.line_width != Some(width) {
            self.context.set_line_width(f64::from(width));
            state.line_width = Some(width);
        }
    }

    fn set_fill(&self, color: Rgba) {
        let mut state = self.state.borrow_mut();
        if state.fill != Some(color) {
            self.context.set_fill_style_str(&color.css());
            state.fill = Some(color);
        }
    }

    #[inline(never)]
    fn set_font(&self, font: String) {
        let mut state = self.state.borrow_mut();
        if state.font.as_deref() != Some(font.as_str()) {
            self.context.set_font(&font);
            state.font = Some(font);
        }
    }

    /// Hands a shape to plotters-canvas, which sets the context's colours and line width itself.
    fn forward(
        &mut self,
        draw: impl FnOnce(&mut CanvasBackend) -> Result<(), Error<CanvasBackend>>,
    ) -> Result<(), Error<Self>> {
        self.flush();
        let result = draw(&mut self.inner);
        let mut state = self.state.borrow_mut();
        (state.stroke, state.fill, state.line_width) = (None, None, None);
        result.map_err(|e| match e {
            DrawingErrorKind::DrawingError(e) => DrawingErrorKind::DrawingError(CanvasCallFailed(e.to_string())),
            DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
        })
    }
}

/// How a text is drawn.
struct TextLook {
    color: Rgba,
    font: String,
    baseline: &'static str,
    align: &'static str,
    /// Rotation in quarter turns, clockwise.
    quarter_turns: f64,
}

/// The font string plotters-canvas draws with.
fn font_string<S: BackendTextStyle>(style: &S) -> String {
    format!(
        "{} {}px {}",
        style.style().as_str(),
        style.size(),
        style.family().as_str()
    )
}

impl MeasuredCanvas {
    #[inline(never)]
    fn text(&mut self, text: &str, look: TextLook, (x, y): BackendCoord) -> Result<(), wasm_bindgen::JsValue> {
        self.flush();
        let mut state = self.state.borrow_mut();
        if state.baseline != Some(look.baseline) {
            self.context.set_text_baseline(look.baseline);
            state.baseline = Some(look.baseline);
        }
        if state.align != Some(look.align) {
            self.context.set_text_align(look.align);
            state.align = Some(look.align);
        }
        drop(state);
        self.set_fill(look.color);
        self.set_font(look.font);
        let (x, y) = (f64::from(x), f64::from(y));
        if look.quarter_turns == 0.0 {
            return self.context.fill_text(text, x, y);
        }
        // save/restore brings back the transform only; the state set above is unchanged by it.
        self.context.save();
        let drawn = self
            .context
            .translate(x, y)
            .and_then(|()| self.context.rotate(look.quarter_turns * std::f64::consts::FRAC_PI_2))
            .and_then(|()| self.context.fill_text(text, 0.0, 0.0));
        self.context.restore();
        drawn
    }
}

impl Drop for MeasuredCanvas {
    fn drop(&mut self) {
        self.flush();
    }
}

type Error<B> = DrawingErrorKind<<B as DrawingBackend>::ErrorType>;

/// A canvas call that threw, with the browser's message.
#[derive(Debug)]
pub struct CanvasCallFailed(String);

impl std::fmt::Display for CanvasCallFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "canvas call failed: {}", self.0)
    }
}

impl std::error::Error for CanvasCallFailed {}

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = CanvasCallFailed;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> Result<(), Error<Self>> {
        Ok(())
    }
    fn present(&mut self) -> Result<(), Error<Self>> {
        self.flush();
        Ok(())
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Error<Self>> {
        self.forward(|inner| inner.draw_pixel(point, color))
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Error<Self>> {
        if style.color().alpha > 0.0 {
            let closed = self.batch.line(style.color(), style.stroke_width(), from, to);
            self.paint_closed(closed);
        }
        Ok(())
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Error<Self>> {
        if style.color().alpha > 0.0 {
            let closed = self
                .batch
                .rect(style.color(), style.stroke_width(), upper_left, bottom_right, fill);
            self.paint_closed(closed);
        }
        Ok(())
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Error<Self>> {
        if style.color().alpha > 0.0 {
            let closed = self
                .batch
                .polyline(style.color(), style.stroke_width(), &mut path.into_iter());
            self.paint_closed(closed);
        }
        Ok(())
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> Result<(), Error<Self>> {
        if style.color().alpha > 0.0 {
            let closed = self.batch.polygon(style.color(), &mut vertices.into_iter());
            self.paint_closed(closed);
        }
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Error<Self>> {
        self.forward(|inner| inner.draw_circle(center, radius, style, fill))
    }

    /// As plotters-canvas draws text (anchor, rotation, font string), with the context state cached.
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), Error<Self>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let baseline = match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        let align = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        let quarter_turns = match style.transform() {
            FontTransform::None => 0.0,
            FontTransform::Rotate90 => 1.0,
            FontTransform::Rotate180 => 2.0,
            FontTransform::Rotate270 => 3.0,
        };
        let look = TextLook {
            color: Rgba::from(color),
            font: font_string(style),
            baseline,
            align,
            quarter_turns,
        };
        self.text(text, look, pos)
            .map_err(|e| DrawingErrorKind::DrawingError(CanvasCallFailed(format!("{e:?}"))))
    }

    /// Width from `measureText` in the font string text is drawn with; height 1.2 em.
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), Error<Self>> {
        self.set_font(font_string(style));
        let width = self
            .context
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(0.6 * style.size() * text.len() as f64);
        Ok((width.ceil() as u32, (1.2 * style.size()).ceil() as u32))
    }
}
