//! A horizontal key: a row (wrapped onto more rows when narrow) of swatches with labels, drawn below a
//! chart, for keys too long for the boxed legend (one entry per component, marker shapes). Text is
//! measured through the backend, as in [`super::legend`].

use super::{render_error, RenderError};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::RGBColor;

/// What stands beside a key label.
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
        let (a, b) = (x, x + SWATCH);
        match *mark {
            KeyMark::Heading => Ok(()),
            KeyMark::Box(fill, edge) => area
                .draw(&Rectangle::new([(a, y - 5), (b, y + 5)], fill.filled()))
                .and_then(|_| area.draw(&Rectangle::new([(a, y - 5), (b, y + 5)], edge.stroke_width(1)))),
            KeyMark::Line(c, w) => area.draw(&PathElement::new(vec![(a, y), (b, y)], c.stroke_width(w))),
            KeyMark::Dashed(c, w) => area
                .draw(&PathElement::new(vec![(a, y), (a + 6, y)], c.stroke_width(w)))
                .and_then(|_| area.draw(&PathElement::new(vec![(a + 11, y), (b, y)], c.stroke_width(w)))),
            KeyMark::Dot { colour, filled } => {
                let style = if filled {
                    colour.filled()
                } else {
                    colour.stroke_width(2)
                };
                area.draw(&Circle::new(((a + b) / 2, y), 5, style))
            }
            KeyMark::Palette(colours, w) => colours.iter().enumerate().try_for_each(|(i, c)| {
                let x0 = a + 6 * i as i32;
                area.draw(&PathElement::new(vec![(x0, y), (x0 + 5, y)], c.stroke_width(w)))
            }),
        }
        .map_err(render_error)?;
        let style = font.pos(Pos::new(HPos::Left, VPos::Center));
        area.draw(&Text::new(label.clone(), (x + swatch_width(mark), y), style))
            .map_err(render_error)?;
    }
    Ok(())
}
