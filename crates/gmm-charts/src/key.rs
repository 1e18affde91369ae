//! A horizontal key: a row (wrapped onto more rows when narrow) of swatches with labels, drawn below a
//! chart, for keys too long for the boxed legend (one entry per component, marker shapes). Text is
//! measured through the backend, as in [`super::legend`].

use super::{render_error, RenderError};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::RGBColor;

/// What stands beside a label, in a key row ([`draw_key`]) or a boxed legend (`draw_legend`): the one
/// legend type of the charts.
#[derive(Debug, Clone, Copy)]
pub enum KeyMark {
    /// No swatch: a heading such as "components:".
    Heading,
    /// A filled box with an outline.
    Box(RGBColor, RGBColor),
    Line(RGBColor, u32),
    Dashed(RGBColor, u32),
    /// A circle: filled (the current point) or hollow (the start).
    Dot {
        colour: RGBColor,
        filled: bool,
    },
    /// Three short lines in the first colours of a palette, for "one colour per component".
    Palette([RGBColor; 3], u32),
}

/// The shape of a mark: its width, the first dash and where the second starts, and the palette's
/// short lines (step between them, length).
pub(crate) struct MarkGeometry {
    pub width: i32,
    pub dash: i32,
    pub second_dash: i32,
    pub palette_step: i32,
    pub palette_len: i32,
}

/// Marks in a key row.
const KEY_ROW: MarkGeometry = MarkGeometry {
    width: SWATCH,
    dash: 6,
    second_dash: 11,
    palette_step: 6,
    palette_len: 5,
};

/// Draws `mark` from `x` to `x + geometry.width` on the line `y`.
pub(crate) fn draw_mark<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    mark: &KeyMark,
    x: i32,
    y: i32,
    geometry: &MarkGeometry,
) -> Result<(), RenderError> {
    let (a, b) = (x, x + geometry.width);
    match *mark {
        KeyMark::Heading => Ok(()),
        KeyMark::Box(fill, edge) => area
            .draw(&Rectangle::new([(a, y - 5), (b, y + 5)], fill.filled()))
            .and_then(|_| area.draw(&Rectangle::new([(a, y - 5), (b, y + 5)], edge.stroke_width(1)))),
        KeyMark::Line(c, w) => area.draw(&PathElement::new(vec![(a, y), (b, y)], c.stroke_width(w))),
        KeyMark::Dashed(c, w) => area
            .draw(&PathElement::new(
                vec![(a, y), (a + geometry.dash, y)],
                c.stroke_width(w),
            ))
            .and_then(|_| {
                area.draw(&PathElement::new(
                    vec![(a + geometry.second_dash, y), (b, y)],
                    c.stroke_width(w),
                ))
            }),
        KeyMark::Dot { colour, filled } => {
            let style = if filled {
                colour.filled()
            } else {
                colour.stroke_width(2)
            };
            area.draw(&Circle::new(((a + b) / 2, y), 5, style))
        }
        KeyMark::Palette(colours, w) => colours.iter().enumerate().try_for_each(|(i, c)| {
            let x0 = a + geometry.palette_step * i as i32;
            area.draw(&PathElement::new(
                vec![(x0, y), (x0 + geometry.palette_len, y)],
                c.stroke_width(w),
            ))
        }),
    }
    .map_err(render_error)
}

const SWATCH: i32 = 18;
const GAP: i32 = 5;
const SPACING: i32 = 14;
const ROW: i32 = 18;

fn layout<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(String, KeyMark)],
    font: &TextStyle,
) -> Result<Vec<(i32, i32)>, RenderError> {
    let width = area.dim_in_pixel().0 as i32;
    let (mut x, mut row) = (6, 0);
    let mut out = Vec::with_capacity(entries.len());
    for (label, mark) in entries {
        let w = swatch_width(mark) + area.estimate_text_size(label, font).map_err(render_error)?.0 as i32;
        if x > 6 && x + w > width - 6 {
            (x, row) = (6, row + 1);
        }
        out.push((x, row));
        x += w + SPACING;
    }
    Ok(out)
}

fn swatch_width(mark: &KeyMark) -> i32 {
    match mark {
        KeyMark::Heading => 0,
        _ => SWATCH + GAP,
    }
}

/// Height in pixels the key needs across `area`'s width.
pub fn key_height<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(String, KeyMark)],
    font: &TextStyle,
) -> Result<u32, RenderError> {
    let rows = layout(area, entries, font)?.last().map_or(0, |p| p.1 + 1);
    Ok((rows * ROW + 4) as u32)
}

/// Draws the key onto `area` (a strip at least [`key_height`] tall), left-aligned.
pub fn draw_key<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[(String, KeyMark)],
    font: &TextStyle,
) -> Result<(), RenderError> {
    for ((label, mark), (x, row)) in entries.iter().zip(layout(area, entries, font)?) {
        let y = 2 + row * ROW + ROW / 2;
        draw_mark(area, mark, x, y, &KEY_ROW).map_err(render_error)?;
        let style = font.pos(Pos::new(HPos::Left, VPos::Center));
        area.draw(&Text::new(label.clone(), (x + swatch_width(mark), y), style))
            .map_err(render_error)?;
    }
    Ok(())
}
