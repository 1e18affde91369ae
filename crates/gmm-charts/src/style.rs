//! The charts' shared look, written once: the text style, the mesh (grid, axes, labels) and the choice
//! between a logarithmic and a linear value axis.

use super::{render_error, RenderError, Theme};
use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::Ranged;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Size of tick labels, in pixels (axis titles are one larger).
pub const LABEL_SIZE: u32 = 12;

/// Text in the charts' font and the theme's text colour.
pub fn text(theme: &Theme, size: u32) -> TextStyle<'static> {
    // The family by name rather than as the text "sans-serif": plotters matches a text case-insensitively
    // (`str::to_lowercase`), which would bring Unicode's case tables (about 13 KB) into the module.
    (FontFamily::SansSerif, size).into_font().color(&theme.text)
}

/// Size of a chart's title, in pixels, where it fits.
pub const CAPTION_SIZE: u32 = 15;

/// The font for the title `caption` across `area`: [`CAPTION_SIZE`], or smaller (down to 10 px) when that
/// would not fit the width, so that a long title stays on the canvas of a phone.
pub fn caption_font<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    caption: &str,
    theme: &'a Theme,
) -> Result<TextStyle<'a>, RenderError> {
    let room = area.dim_in_pixel().0.saturating_sub(8);
    for size in (10..=CAPTION_SIZE).rev() {
        let font = text(theme, size);
        if area.estimate_text_size(caption, &font).map_err(render_error)?.0 <= room {
            return Ok(font);
        }
    }
    Ok(text(theme, 10))
}

/// Draws the title `caption` centred at the top of `area` and returns the area below it: in the
/// [`caption_font`], and where even 11 px would not fit the width, wrapped onto more lines at 12 px.
pub fn titled<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    caption: &str,
    theme: &Theme,
) -> Result<DrawingArea<DB, Shift>, RenderError> {
    let room = area.dim_in_pixel().0.saturating_sub(8);
    let font = caption_font(area, caption, theme)?;
    let width = |s: &str, f: &TextStyle| area.estimate_text_size(s, f).map(|d| d.0).map_err(render_error);
    if width(caption, &font)? <= room && font.font.get_size() >= 11.0 {
        return area.titled(caption, font).map_err(render_error);
    }
    let font = text(theme, 12);
    let mut lines: Vec<String> = Vec::new();
    for word in caption.split(' ') {
        match lines.last_mut() {
            Some(line) if width(&format!("{line} {word}"), &font)? <= room => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    let line_h = area.estimate_text_size("Ag", &font).map_err(render_error)?.1 as i32 + 2;
    let centre = area.dim_in_pixel().0 as i32 / 2;
    for (i, line) in lines.iter().enumerate() {
        let style = font.pos(Pos::new(HPos::Center, VPos::Top));
        area.draw(&Text::new(line.as_str(), (centre, 4 + i as i32 * line_h), style))
            .map_err(render_error)?;
    }
    let used = 4 + lines.len() as i32 * line_h + 4;
    Ok(area.split_vertically(used).1)
}

/// The mesh every chart starts from: light grid lines in the theme's grid colour, axes in its text
/// colour, tick labels of `label_size` and axis titles one point larger. A chart adds its own titles,
/// label counts and formatters.
pub fn mesh<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    theme: &Theme,
    label_size: u32,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    mesh.light_line_style(theme.grid)
        .bold_line_style(theme.grid)
        .set_all_tick_mark_size(crate::ticks::TICK)
        .axis_style(theme.text)
        .label_style(text(theme, label_size))
        .axis_desc_style(text(theme, label_size + 1))
}

/// Values spanning at least this factor, all positive, get a logarithmic axis.
pub const LOG_AXIS_MIN_RATIO: f64 = 5.0;

/// `(lowest, highest)` of the finite `values`, or `fallback` when there is none.
pub fn finite_span(values: impl IntoIterator<Item = f64>, fallback: (f64, f64)) -> (f64, f64) {
    let (lo, hi) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if lo.is_finite() {
        (lo, hi)
    } else {
        fallback
    }
}

/// Whether values from `lo` to `hi` get a logarithmic axis: all positive and spanning at least
/// [`LOG_AXIS_MIN_RATIO`] (losses from a far-off start span orders of magnitude).
pub fn wants_log_axis(lo: f64, hi: f64) -> bool {
    lo > 0.0 && hi / lo >= LOG_AXIS_MIN_RATIO
}
