//! Drawing with plotters, generic over the backend: a canvas in the browser, SVG in native tests.
//!
//! Nothing here computes a fit; it draws what the session holds. The data histogram and the ground
//! truth curve are computed once per data set ([`DensityScene`]); each frame evaluates only the fitted
//! mixture on a fixed grid and a decimated loss history.

#[cfg(target_arch = "wasm32")]
mod canvas;
mod density;
mod legend;
mod loss;

#[cfg(target_arch = "wasm32")]
pub use canvas::MeasuredCanvas;
pub use density::{draw_density, DensityPanel, DensityScene, GRID_POINTS};
pub use legend::{draw_legend, Corner, Swatch};
pub use loss::{decimate, draw_loss, LossPanel, MAX_DRAWN_POINTS};

use plotters::style::RGBColor;
use std::fmt;

/// Component colours: Paul Tol's "muted" scheme (colour-blind safe, readable on white and dark grey),
/// plus a tenth for K = 10. Component k uses `COMPONENT_COLOURS[k % 10]`.
pub const COMPONENT_COLOURS: [RGBColor; 10] = [
    RGBColor(0xCC, 0x66, 0x77),
    RGBColor(0x33, 0x22, 0x88),
    RGBColor(0xDD, 0xCC, 0x77),
    RGBColor(0x11, 0x77, 0x33),
    RGBColor(0x88, 0xCC, 0xEE),
    RGBColor(0x88, 0x22, 0x55),
    RGBColor(0x44, 0xAA, 0x99),
    RGBColor(0x99, 0x99, 0x33),
    RGBColor(0xAA, 0x44, 0x99),
    RGBColor(0x77, 0x77, 0x77),
];

/// Gradient descent's colour on the loss chart (Okabe-Ito blue).
pub const DIRECT_COLOUR: RGBColor = RGBColor(0x00, 0x72, 0xB2);
/// EM's colour on the loss chart (Okabe-Ito vermillion).
pub const EM_COLOUR: RGBColor = RGBColor(0xD5, 0x5E, 0x00);

/// Background, text and neutral colours of a chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub grid: RGBColor,
    pub histogram: RGBColor,
    /// The fitted mixture's density and the ground-truth curve.
    pub curve: RGBColor,
}

impl Theme {
    pub const LIGHT: Theme = Theme {
        background: RGBColor(0xFF, 0xFF, 0xFF),
        text: RGBColor(0x22, 0x22, 0x22),
        grid: RGBColor(0xE4, 0xE4, 0xE4),
        histogram: RGBColor(0xCF, 0xCF, 0xCF),
        curve: RGBColor(0x11, 0x11, 0x11),
    };
    pub const DARK: Theme = Theme {
        background: RGBColor(0x1E, 0x1F, 0x22),
        text: RGBColor(0xE8, 0xE8, 0xE8),
        grid: RGBColor(0x3A, 0x3B, 0x40),
        histogram: RGBColor(0x5A, 0x5C, 0x63),
        curve: RGBColor(0xF5, 0xF5, 0xF5),
    };
}

/// A drawing failed in the backend (the message is the backend's).
#[derive(Debug, Clone, PartialEq)]
pub struct RenderError(pub String);

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "drawing failed: {}", self.0)
    }
}

impl std::error::Error for RenderError {}

pub(crate) fn render_error(e: impl fmt::Debug) -> RenderError {
    RenderError(format!("{e:?}"))
}

/// Formats a number for a chart label: 4 significant digits, no exponent in the usual range.
pub fn short_number(v: f64) -> String {
    if v == 0.0 {
        "0".to_string()
    } else if (1e-3..1e5).contains(&v.abs()) {
        let digits = (3 - v.abs().log10().floor() as i32).clamp(0, 6) as usize;
        let s = format!("{v:.digits$}");
        // Trailing zeros carry no information on an axis: 10.00 -> 10, 0.250 -> 0.25.
        if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        }
    } else {
        format!("{v:.3e}")
    }
}
