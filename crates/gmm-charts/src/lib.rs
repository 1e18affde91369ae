//! # gmm-charts
//!
//! Every chart of gmm-two-ways, drawn with plotters and generic over its `DrawingBackend`: a canvas in the
//! browser (the backend lives in the root crate and knows no chart), SVG in native tests.
//!
//! Nothing here computes a fit; it draws what the session holds. The data histogram and the ground
//! truth curve are computed once per data set ([`DensityScene`]); each frame evaluates only the fitted
//! mixture on a fixed grid and a decimated loss history.

pub mod captions;
mod density;
mod k_selection;
mod key;
mod landscape;
pub mod layout;
mod legend;
mod loss;
pub mod readout;
mod responsibilities;
mod restarts;
pub mod style;
pub mod ticks;
mod trajectories;

pub use density::{
    draw_density, draw_density_background, draw_density_fit, DensityPanel, DensityScene, COMPARISON_KEY,
    COMPARISON_Y_GROWTH, GRID_POINTS,
};
pub use k_selection::{draw_k_selection, k_at, KSelectionPanel, K_SELECTION_STACKED_BELOW};
pub use key::{draw_key, key_height, KeyMark};
pub use landscape::{draw_landscape, viridis, ColourScale, LandscapePanel};
pub use layout::{record, ChartLayout, PlacedText, Recorder, Rect, Regions};
pub use legend::{
    draw_chart_legend, draw_key_row, draw_legend, key_entries, key_font, split_for_key, Corner, NARROW_CHART,
};
pub use loss::{
    decimate, decimate_log, draw_loss, label_place, loss_step_scale, LossPanel, GAP_FLOOR, MAX_DRAWN_POINTS,
};
pub use responsibilities::{draw_responsibilities, ResponsibilityPanel};
pub use restarts::{draw_restarts, jitter, RestartsPanel};
pub use ticks::log_key_points;
pub use trajectories::{draw_trajectories, series_colour, TrajectoryPanel};

use plotters::style::RGBColor;
use std::fmt;

const fn rgb(hex: u32) -> RGBColor {
    RGBColor((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
}

/// Every colour of a chart. Component colours follow Paul Tol's colour-blind-safe "muted" scheme, made
/// darker on the light background and lighter on the dark one, so that each line has at least 3:1
/// contrast with its background; the methods use Okabe-Ito blue and vermillion (orange on dark).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub grid: RGBColor,
    pub histogram: RGBColor,
    /// Outline of each histogram bar (3:1 against the background, so the bars read as data).
    pub histogram_edge: RGBColor,
    /// The fitted mixture's density and the ground-truth curve.
    pub curve: RGBColor,
    /// Component k is drawn in `components[k % 10]`.
    pub components: [RGBColor; 10],
    /// A mixture compared with the fits (dotted on the density panels), e.g. a student's own.
    pub comparison: RGBColor,
    /// Gradient descent on the loss chart.
    pub direct: RGBColor,
    /// EM on the loss chart.
    pub em: RGBColor,
}

impl Theme {
    pub const LIGHT: Theme = Theme {
        background: rgb(0xFFFFFF),
        text: rgb(0x222222),
        grid: rgb(0xE4E4E4),
        histogram: rgb(0xDCDCDC),
        histogram_edge: rgb(0x8F8F8F),
        curve: rgb(0x111111),
        components: [
            rgb(0xCC6677),
            rgb(0x332288),
            rgb(0xB8860B),
            rgb(0x117733),
            rgb(0x3D8FC4),
            rgb(0x882255),
            rgb(0x2E8B7E),
            rgb(0x7A7A1F),
            rgb(0xAA4499),
            rgb(0x666666),
        ],
        comparison: rgb(0x8B3A8F),
        direct: rgb(0x0072B2),
        em: rgb(0xD55E00),
    };
    pub const DARK: Theme = Theme {
        background: rgb(0x1E1F22),
        text: rgb(0xE8E8E8),
        grid: rgb(0x3A3B40),
        histogram: rgb(0x46484E),
        histogram_edge: rgb(0x8A8D96),
        curve: rgb(0xF5F5F5),
        components: [
            rgb(0xE68A99),
            rgb(0x9D8FEA),
            rgb(0xDDCC77),
            rgb(0x4DB86B),
            rgb(0x88CCEE),
            rgb(0xD36A9E),
            rgb(0x44AA99),
            rgb(0xBBBB55),
            rgb(0xCC77BB),
            rgb(0xBBBBBB),
        ],
        comparison: rgb(0xE39CE8),
        direct: rgb(0x56B4E9),
        em: rgb(0xF28E2B),
    };

    /// Colour of component `k`.
    pub fn component(&self, k: usize) -> RGBColor {
        self.components[k % self.components.len()]
    }

    /// `#RRGGBB` for a colour, as CSS writes it.
    pub fn css(colour: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", colour.0, colour.1, colour.2)
    }
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

pub fn render_error(e: impl fmt::Debug) -> RenderError {
    RenderError(format!("{e:?}"))
}

/// Formats a number for a chart label: 4 significant digits, no exponent in the usual range (see
/// [`gmm_core::format::short_number`]).
pub use gmm_core::format::short_number;
