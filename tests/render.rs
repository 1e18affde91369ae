//! The charts, drawn natively to SVG: every element the page promises is there, in its colour.

use gmm_two_ways::render::{decimate, draw_density, draw_loss, DensityPanel, DensityScene, LossPanel, Theme};
use gmm_two_ways::{sample, FitConfig, FitSession, Mixture, CLASSIC};
use plotters::prelude::*;
use plotters::style::RGBColor;

fn hex(c: RGBColor) -> String {
    Theme::css(c)
}

fn density_svg(fit: &Mixture, scene: &DensityScene) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 300)).into_drawing_area();
        let panel = DensityPanel {
            caption: "EM: step 3",
            scene,
            fit,
            theme: &Theme::LIGHT,
        };
        draw_density(&area, &panel).unwrap();
    }
    svg
}

#[test]
fn density_panel_has_histogram_curves_components_axes_and_legend() {
    let data = sample(&CLASSIC.truth(), 5000, 1);
    let scene = DensityScene::new(&data, Some(&CLASSIC.truth()));
    let fit = CLASSIC.truth();
    let svg = density_svg(&fit, &scene);
    for text in [
        "EM: step 3",
        "data (histogram)",
        "ground truth",
        "fitted mixture",
        "weighted components",
        "density",
    ] {
        assert!(svg.contains(text), "missing {text:?}");
    }
    for (k, colour) in Theme::LIGHT.components.iter().take(5).enumerate() {
        assert!(svg.contains(&hex(*colour)), "component {k} colour missing");
    }
    assert!(
        !svg.contains(&hex(Theme::LIGHT.components[5])),
        "only K colours are used"
    );
    // The histogram: one filled rectangle per bin (plus the legend swatch).
    let bars = svg
        .matches(&format!("fill=\"{}\"", hex(Theme::LIGHT.histogram)))
        .count();
    assert!(bars > scene.histogram.heights.len(), "{bars} histogram rectangles");
    assert!(!svg.contains("off the chart"));
}

#[test]
fn a_fitted_peak_above_the_axis_is_labelled() {
    let data = sample(&CLASSIC.truth(), 2000, 1);
    let scene = DensityScene::new(&data, Some(&CLASSIC.truth()));
    let spike = Mixture::from_weights(&[0.5, 0.5], &[0.0, 1.0], &[0.001, 1.0]).unwrap();
    let svg = density_svg(&spike, &scene);
    // The peak sits at the narrow component's mean: 0.5 / (0.001 sqrt(2 pi)) + the other's tail = 199.6.
    let peak = spike.density_at(&[0.0])[0];
    assert!((peak - 199.59).abs() < 0.01);
    assert!(svg.contains("fitted peak 199.6 (off the chart)"));
}

#[test]
fn scene_without_truth_draws_no_truth_curve() {
    let data = sample(&CLASSIC.truth(), 500, 1);
    let scene = DensityScene::new(&data, None);
    assert!(scene.truth_density.is_none());
    let svg = density_svg(&CLASSIC.truth(), &scene);
    assert!(!svg.contains("ground truth"));
}

fn loss_svg(direct: &[f64], em: &[f64], truth: Option<f64>) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 260)).into_drawing_area();
        let panel = LossPanel {
            direct_label: "gradient descent (Adam)",
            direct,
            em,
            truth_loss: truth,
            theme: &Theme::LIGHT,
        };
        draw_loss(&area, &panel).unwrap();
    }
    svg
}

#[test]
fn loss_chart_shows_both_methods_and_the_truth_line() {
    let mut s = FitSession::new(FitConfig::default()).unwrap();
    s.advance(50);
    let svg = loss_svg(s.direct_track().losses(), s.em_track().losses(), s.truth_loss());
    for text in [
        "gradient descent (Adam)",
        "EM",
        "ground-truth parameters",
        "step",
        "(log scale)",
    ] {
        assert!(svg.contains(text), "missing {text:?}");
    }
    assert!(svg.contains(&hex(Theme::LIGHT.direct)) && svg.contains(&hex(Theme::LIGHT.em)));
}

#[test]
fn loss_chart_falls_back_to_a_linear_axis_for_negative_losses() {
    let svg = loss_svg(&[0.5, -0.2, -0.9], &[0.4, -1.0, -1.2], None);
    assert!(!svg.contains("log scale"));
    assert!(!svg.contains("ground-truth parameters"));
}

#[test]
fn decimation_keeps_the_ends_and_bounds_the_count() {
    let losses: Vec<f64> = (0..3001).map(|i| 1.0 / (1.0 + i as f64)).collect();
    let points = decimate(&losses, 800);
    assert!(points.len() <= 801);
    assert_eq!(points[0], (0.0, 1.0));
    assert_eq!(*points.last().unwrap(), (3000.0, 1.0 / 3001.0));
    assert!(decimate(&[1.0, f64::NAN, 2.0], 10).iter().all(|p| p.1.is_finite()));
}
