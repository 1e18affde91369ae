//! The density panels' background cached in a canvas outside the page: a handle over the canvas backend
//! and two chart functions of `gmm-charts`, so that the backend itself knows no chart.

use crate::canvas::MeasuredCanvas;
use gmm_charts::{draw_density_background, draw_density_fit, render_error, DensityPanel, RenderError, Theme};
use plotters::prelude::*;
use web_sys::HtmlCanvasElement;

/// The background of the density panels ([`draw_density_background`]), drawn once into a canvas outside
/// the page and copied under each frame, so that a frame draws only what the fit changes
/// ([`draw_density_fit`]). One per [`gmm_charts::DensityScene`]: it is drawn again when the canvas's size, its
/// pixel ratio or the theme changes, and both panels of a page share it.
#[derive(Default)]
pub struct DensityBackground {
    layer: Option<(LayerKey, HtmlCanvasElement)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct LayerKey {
    width: u32,
    height: u32,
    scale: f64,
    theme: Theme,
}

impl DensityBackground {
    /// Draws `panel` onto `target`, as [`gmm_charts::draw_density`] does, reusing the background when it can
    /// (where there is no document to make a canvas in, it draws the background on `target`).
    pub fn draw(&mut self, mut target: MeasuredCanvas, panel: &DensityPanel) -> Result<(), RenderError> {
        let key = LayerKey {
            width: target.canvas().width(),
            height: target.canvas().height(),
            scale: target.scale(),
            theme: *panel.theme,
        };
        if self.layer.as_ref().map(|(k, _)| *k) != Some(key) {
            self.layer = None;
            if let Some(layer) = target.sibling() {
                let canvas = layer.canvas().clone();
                draw_density_background(&layer.into_drawing_area(), panel.scene, panel.theme)?;
                self.layer = Some((key, canvas));
            }
        }
        let layer = self.layer.as_ref().map(|(_, canvas)| canvas);
        if let Some(layer) = layer {
            target.copy_layer(layer).map_err(render_error)?;
        }
        let area = target.into_drawing_area();
        if layer.is_none() {
            draw_density_background(&area, panel.scene, panel.theme)?;
        }
        draw_density_fit(&area, panel)
    }
}
