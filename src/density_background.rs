//! The density panels' background cached in a canvas outside the page: a handle over the canvas backend
//! and two chart functions of `gmm-charts`, so that the backend itself knows no chart.

use crate::canvas::MeasuredCanvas;
use gmm_charts::{
    draw_density_background, draw_density_fit, record, render_error, ChartLayout, DensityPanel, RenderError, Theme,
};
use web_sys::HtmlCanvasElement;

/// The background of the density panels ([`draw_density_background`]), drawn once into a canvas outside
/// the page and copied under each frame, so that a frame draws only what the fit changes
/// ([`draw_density_fit`]). One per [`gmm_charts::DensityScene`]: it is drawn again when the canvas's size, its
/// pixel ratio or the theme changes, and both panels of a page share it.
#[derive(Default)]
pub struct DensityBackground {
    /// The layer, and the layout of what was drawn on it (its tick labels, titles and key).
    layer: Option<(LayerKey, HtmlCanvasElement, ChartLayout)>,
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
    /// (where there is no document to make a canvas in, it draws the background on `target`). Returns the
    /// layout of the whole panel, background and fit.
    pub fn draw(&mut self, mut target: MeasuredCanvas, panel: &DensityPanel) -> Result<ChartLayout, RenderError> {
        let key = LayerKey {
            width: target.canvas().width(),
            height: target.canvas().height(),
            scale: target.scale(),
            theme: *panel.theme,
        };
        if self.layer.as_ref().map(|(k, _, _)| *k) != Some(key) {
            self.layer = None;
            if let Some(layer) = target.sibling() {
                let canvas = layer.canvas().clone();
                let layout = record(layer, |area| draw_density_background(area, panel.scene, panel.theme))?;
                self.layer = Some((key, canvas, layout));
            }
        }
        match &self.layer {
            Some((_, layer, background)) => {
                target.copy_layer(layer).map_err(render_error)?;
                let fit = record(target, |area| draw_density_fit(area, panel))?;
                Ok(background.clone().merge(fit))
            }
            None => record(target, |area| {
                let background = draw_density_background(area, panel.scene, panel.theme)?;
                Ok(background.merge(draw_density_fit(area, panel)?))
            }),
        }
    }
}
