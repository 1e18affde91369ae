//! A chart legend drawn from plain shapes and single-line texts.
//!
//! plotters' own series-label box measures its text through the font layer, which in the browser
//! inserts a styled `<span>` into the page: blocked by the page's Content-Security-Policy, and slow.
//! This legend measures through the drawing backend instead (the canvas's `measureText` in the browser).

use super::key::{draw_key, draw_mark, key_height, KeyMark, MarkGeometry};
use super::layout::Rect;
use super::{render_error, style, RenderError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::RGBColor;

/// Marks in a boxed legend.
const BOXED: MarkGeometry = MarkGeometry {
    width: 20,
    dash: 7,
    second_dash: 12,
    palette_step: 7,
    palette_len: 6,
};

/// Which corner of the plotting area the legend sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corner {
    UpperLeft,
    UpperRight,
}

/// Draws `entries` as a boxed legend in `corner` of `area` (the plotting area, in pixels); returns its box.
pub fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(&str, KeyMark)],
    corner: Corner,
    font: &TextStyle,
    background: RGBAColor,
    border: RGBColor,
) -> Result<Rect, RenderError> {
    const PAD: i32 = 6;
    const SWATCH: i32 = BOXED.width;
    const GAP: i32 = 6;
    let sizes: Vec<(u32, u32)> = entries
        .iter()
        .map(|(label, _)| area.estimate_text_size(label, font).map_err(render_error))
        .collect::<Result<_, _>>()?;
    let line_h = sizes.iter().map(|s| s.1 as i32).max().unwrap_or(12).max(12) + 3;
    let text_w = sizes.iter().map(|s| s.0 as i32).max().unwrap_or(0);
    let (w, h) = (PAD * 2 + SWATCH + GAP + text_w, PAD * 2 + line_h * entries.len() as i32);
    let (area_w, _) = area.dim_in_pixel();
    let x0 = match corner {
        Corner::UpperLeft => 8,
        Corner::UpperRight => area_w as i32 - w - 8,
    };
    let y0 = 8;
    area.draw(&Rectangle::new([(x0, y0), (x0 + w, y0 + h)], background.filled()))
        .map_err(render_error)?;
    area.draw(&Rectangle::new([(x0, y0), (x0 + w, y0 + h)], border.stroke_width(1)))
        .map_err(render_error)?;
    for (i, (label, mark)) in entries.iter().enumerate() {
        let y = y0 + PAD + line_h * i as i32 + line_h / 2;
        let (sx0, sx1) = (x0 + PAD, x0 + PAD + SWATCH);
        draw_mark(area, mark, sx0, y, &BOXED)?;
        let style = font.pos(Pos::new(HPos::Left, VPos::Center));
        area.draw(&Text::new(label.to_string(), (sx1 + GAP, y), style))
            .map_err(render_error)?;
    }
    let (bx, by) = area.get_base_pixel();
    Ok(Rect {
        x0: bx + x0,
        y0: by + y0,
        x1: bx + x0 + w + 1,
        y1: by + y0 + h + 1,
    })
}

/// A boxed legend in the top right of `plot`, 12 px text (10 px on a chart narrower than 450 px). It covers
/// part of the plot: no chart of this crate uses it any more ([`split_for_key`] always gives a key strip
/// outside the data); it stays for a caller that has not moved to the key row.
pub fn draw_chart_legend<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    entries: &[(&str, KeyMark)],
    chart_width: u32,
    theme: &Theme,
) -> Result<(), RenderError> {
    let size = if chart_width < 450 { 10 } else { 12 };
    let font = style::text(theme, size);
    draw_legend(
        plot,
        entries,
        Corner::UpperRight,
        &font,
        theme.background.mix(0.85),
        theme.grid,
    )
    .map(|_| ())
}

/// Charts narrower than this (pixels) shorten their captions and use a smaller key font.
pub const NARROW_CHART: u32 = 480;

/// The same entries as a key row (see [`crate::draw_key`]).
pub fn key_entries(entries: &[(&str, KeyMark)]) -> Vec<(String, KeyMark)> {
    entries.iter().map(|&(label, mark)| (label.to_string(), mark)).collect()
}

/// The key row's font: 12 px, 11 px on a chart narrower than [`NARROW_CHART`].
pub fn key_font(theme: &Theme, chart_width: u32) -> TextStyle<'_> {
    style::text(theme, if chart_width < NARROW_CHART { 11 } else { 12 })
}

/// Splits off a strip at the bottom of `area` for the key of `entries`, where it covers no data: returns
/// the area for the chart, and the strip with the key's font. The strip is always there (the `Option` is
/// always `Some`; it was `None` when wide charts put a boxed legend over their plot).
#[allow(clippy::type_complexity)]
pub fn split_for_key<'a, DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(&str, KeyMark)],
    theme: &'a Theme,
) -> Result<(DrawingArea<DB, Shift>, Option<(DrawingArea<DB, Shift>, TextStyle<'a>)>), RenderError> {
    let (width, height) = area.dim_in_pixel();
    let font = key_font(theme, width);
    let key_h = key_height(area, &key_entries(entries), &font)?;
    let (chart, strip) = area.split_vertically(height.saturating_sub(key_h));
    Ok((chart, Some((strip, font))))
}

/// Draws the key row into the strip made by [`split_for_key`] (the key's region in a
/// [`crate::Regions`] is `Rect::of_area(strip)`).
pub fn draw_key_row<DB: DrawingBackend>(
    strip: &DrawingArea<DB, Shift>,
    entries: &[(&str, KeyMark)],
    font: &TextStyle,
) -> Result<(), RenderError> {
    draw_key(strip, &key_entries(entries), font)
}
