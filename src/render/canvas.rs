//! The browser backend: plotters-canvas, with text measured by the canvas itself.
//!
//! plotters' browser font layer measures text by inserting a styled `<span>` into the page, which a
//! strict Content-Security-Policy blocks and which forces a page layout per label. This wrapper
//! forwards all drawing to [`CanvasBackend`] and answers `estimate_text_size` with `measureText`.

use plotters::prelude::*;
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// [`CanvasBackend`] with canvas-measured text, drawn in CSS pixels on a bitmap that may be larger.
///
/// A page sizes the bitmap at `devicePixelRatio` times the canvas's CSS size, so charts stay sharp on
/// high-density screens. The wrapper reports the CSS size to plotters and scales the context by the
/// ratio, so fonts and line widths keep their CSS-pixel sizes.
pub struct MeasuredCanvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    size: (u32, u32),
}

impl MeasuredCanvas {
    /// Wraps a canvas element; `None` if it has no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Option<Self> {
        let context = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        let (width, css_width) = (canvas.width(), canvas.client_width());
        // Bitmap pixels per CSS pixel: 1 for a canvas not in the page (no CSS size) or drawn at its size.
        let scale = if css_width > 0 {
            (f64::from(width) / f64::from(css_width)).clamp(1.0, 4.0)
        } else {
            1.0
        };
        context.set_transform(scale, 0.0, 0.0, scale, 0.0, 0.0).ok()?;
        let size = (
            (f64::from(width) / scale).round() as u32,
            (f64::from(canvas.height()) / scale).round() as u32,
        );
        let inner = CanvasBackend::with_canvas_object(canvas)?;
        Some(MeasuredCanvas { inner, context, size })
    }
}

type Error<B> = DrawingErrorKind<<B as DrawingBackend>::ErrorType>;

impl DrawingBackend for MeasuredCanvas {
    type ErrorType = <CanvasBackend as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }
    fn ensure_prepared(&mut self) -> Result<(), Error<Self>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), Error<Self>> {
        self.inner.present()
    }
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), Error<Self>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), Error<Self>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), Error<Self>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), Error<Self>> {
        self.inner.draw_path(path, style)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> Result<(), Error<Self>> {
        self.inner.fill_polygon(vertices, style)
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), Error<Self>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn draw_text<S: BackendTextStyle>(&mut self, text: &str, style: &S, pos: BackendCoord) -> Result<(), Error<Self>> {
        self.inner.draw_text(text, style, pos)
    }

    /// Width from `measureText` in the same font string plotters-canvas draws with; height 1.2 em.
    fn estimate_text_size<S: BackendTextStyle>(&self, text: &str, style: &S) -> Result<(u32, u32), Error<Self>> {
        self.context.set_font(&format!(
            "{} {}px {}",
            style.style().as_str(),
            style.size(),
            style.family().as_str()
        ));
        let width = self
            .context
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(0.6 * style.size() * text.len() as f64);
        Ok((width.ceil() as u32, (1.2 * style.size()).ceil() as u32))
    }
}
