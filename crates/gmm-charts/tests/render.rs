//! The charts, drawn natively to SVG: every element the page promises is there, in its colour.

use gmm_charts::{decimate, draw_density, draw_loss, DensityPanel, DensityScene, LossPanel, Theme, COMPARISON_KEY};
use gmm_core::run::loss_view::{LossView, StepAxis};
use gmm_core::{sample, FitConfig, FitSession, Mixture, CLASSIC};
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
        "components (× weight)",
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

#[test]
fn a_compared_mixture_is_drawn_in_its_colour_with_a_key_entry_and_can_be_removed() {
    let data = sample(&CLASSIC.truth(), 2000, 1);
    let mut scene = DensityScene::new(&data, Some(&CLASSIC.truth()));
    let colour = hex(Theme::LIGHT.comparison);
    let without = density_svg(&CLASSIC.truth(), &scene);
    assert!(!without.contains(&colour) && !without.contains(COMPARISON_KEY));
    let student = Mixture::new(&[0.0, 0.0], &[-1.0, 1.5], &[-0.5, -0.3]).unwrap();
    scene.set_comparison(Some(&student));
    let curve = scene.comparison_density.as_ref().unwrap();
    assert_eq!(
        curve,
        &student.density_on_grid(scene.x_range.0, scene.x_range.1, gmm_charts::GRID_POINTS)
    );
    let with = density_svg(&CLASSIC.truth(), &scene);
    assert!(with.contains(COMPARISON_KEY), "the key names the compared mixture");
    // The dotted curve is many short segments in its colour (plus the key's two dashes).
    assert!(
        with.matches(&colour).count() > 20,
        "{} strokes",
        with.matches(&colour).count()
    );
    scene.set_comparison(None);
    assert_eq!(density_svg(&CLASSIC.truth(), &scene), without);
}

#[test]
fn a_compared_peak_stretches_the_density_axis_up_to_twice_the_datas() {
    let data = sample(&CLASSIC.truth(), 2000, 1);
    let mut scene = DensityScene::new(&data, Some(&CLASSIC.truth()));
    let data_top = scene.y_max;
    let peak_at = |m: &Mixture| m.density_at(&[m.means()[0]])[0];
    // A bump 1.5 times as high as the axis: the axis grows to 15% above it.
    let sigma = 1.0 / (1.5 * data_top * (2.0 * std::f64::consts::PI).sqrt());
    let bump = Mixture::from_weights(&[1.0], &[0.0], &[sigma]).unwrap();
    scene.set_comparison(Some(&bump));
    let top = scene
        .comparison_density
        .as_ref()
        .unwrap()
        .iter()
        .copied()
        .fold(0.0, f64::max);
    assert!(
        top <= peak_at(&bump) && top > 0.99 * peak_at(&bump),
        "the grid reaches the bump's peak"
    );
    assert!(
        (scene.y_max - 1.15 * top).abs() < 1e-12 * top,
        "{} vs {}",
        scene.y_max,
        1.15 * top
    );
    // A spike: at most twice the data's height.
    let spike = Mixture::from_weights(&[1.0], &[0.0], &[1e-3]).unwrap();
    scene.set_comparison(Some(&spike));
    assert_eq!(scene.y_max, gmm_charts::COMPARISON_Y_GROWTH * data_top);
    scene.set_comparison(None);
    assert_eq!(scene.y_max, data_top);
}

fn loss_svg(direct: &[f64], em: &[f64], truth: Option<f64>) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 260)).into_drawing_area();
        let panel = LossPanel {
            direct_label: "gradient descent (Adam)",
            em_label: "EM",
            direct,
            em,
            seconds: [&[], &[]],
            truth_loss: truth,
            best_loss: None,
            view: LossView::Loss,
            step_axis: StepAxis::Linear,
            settled: [None, None],
            marker_step: None,
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
        // The y title says the axis is logarithmic, in the longest form that fits the plot's height.
        "(log",
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
fn a_narrow_loss_range_gets_a_linear_axis_with_labels() {
    // 1.6 to 1.75: less than a factor 5, so linear, with several labelled values.
    let svg = loss_svg(&[1.75, 1.7, 1.62, 1.60], &[1.7, 1.6, 1.59, 1.59], Some(1.601));
    assert!(!svg.contains("log scale"));
    // The y-axis labels (right-aligned text that is a number), from the bottom of the chart up.
    let mut labels: Vec<(f64, f64)> = svg
        .split("<text ")
        .skip(1)
        .filter(|t| t.contains("text-anchor=\"end\""))
        .filter_map(|t| {
            let y: f64 = t.split("y=\"").nth(1)?.split('"').next()?.parse().ok()?;
            let value: f64 = t.split('>').nth(1)?.split('<').next()?.trim().parse().ok()?;
            Some((y, value))
        })
        .collect();
    labels.sort_by(|a, b| b.0.total_cmp(&a.0));
    let values: Vec<f64> = labels.iter().map(|l| l.1).collect();
    assert!(values.len() >= 4, "several labelled values: {values:?}");
    assert!(values.windows(2).all(|w| w[0] < w[1]), "rising up the axis: {values:?}");
    assert!(
        values.iter().all(|v| (1.55..=1.8).contains(v)),
        "within the data's range: {values:?}"
    );
    assert!(values.contains(&1.6), "1.6 is labelled: {values:?}");
}

#[test]
fn log_axis_labels_sit_at_1_2_5_times_powers_of_ten() {
    use gmm_charts::log_key_points;
    assert_eq!(
        log_key_points(1.55, 230.0),
        vec![2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0]
    );
    assert_eq!(log_key_points(0.9, 1.1), vec![1.0]);
    let svg = loss_svg(&[223.0, 50.0, 3.0, 1.7], &[223.0, 2.0, 1.83, 1.82], Some(1.63));
    for label in ["2", "5", "10", "20", "50", "100", "200"] {
        assert!(svg.contains(&format!("\n{label}\n</text>")), "missing y label {label}");
    }
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

/// WCAG relative luminance and contrast ratio.
fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let lum = |c: RGBColor| {
        let f = |v: u8| {
            let v = v as f64 / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c.0) + 0.7152 * f(c.1) + 0.0722 * f(c.2)
    };
    let (x, y) = (lum(a), lum(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

#[test]
fn every_chart_colour_has_enough_contrast_with_its_background() {
    for (name, theme) in [("light", Theme::LIGHT), ("dark", Theme::DARK)] {
        let bg = theme.background;
        assert!(contrast(theme.text, bg) >= 4.5, "{name}: text");
        // Graphical objects need 3:1 (WCAG 1.4.11).
        for (what, colour) in [
            ("curve", theme.curve),
            ("histogram edge", theme.histogram_edge),
            ("direct", theme.direct),
            ("em", theme.em),
        ] {
            assert!(
                contrast(colour, bg) >= 3.0,
                "{name}: {what} has contrast {:.2}",
                contrast(colour, bg)
            );
        }
        for (k, &colour) in theme.components.iter().enumerate() {
            assert!(
                contrast(colour, bg) >= 3.0,
                "{name}: component {k} has contrast {:.2}",
                contrast(colour, bg)
            );
        }
        // Distinct colours for distinct components.
        for (i, a) in theme.components.iter().enumerate() {
            assert!(
                !theme.components[i + 1..].contains(a),
                "{name}: component colours repeat"
            );
        }
    }
}

/// The y coordinate of the SVG text element whose content is `label`.
fn text_y(svg: &str, label: &str) -> f64 {
    let end = svg
        .find(&format!(">\n{label}\n</text>"))
        .unwrap_or_else(|| panic!("no text {label:?}"));
    let start = svg[..end].rfind("<text").unwrap();
    let tag = &svg[start..end];
    let y = tag.split(" y=\"").nth(1).unwrap();
    y[..y.find('"').unwrap()].parse().unwrap()
}

#[test]
fn every_chart_puts_its_legend_below_the_plot_where_it_covers_no_data() {
    let data = sample(&CLASSIC.truth(), 2000, 1);
    let scene = DensityScene::new(&data, Some(&CLASSIC.truth()));
    let fit = CLASSIC.truth();
    let draw = |width: u32| {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (width, 300)).into_drawing_area();
            let panel = DensityPanel {
                caption: "EM",
                scene: &scene,
                fit: &fit,
                theme: &Theme::LIGHT,
            };
            draw_density(&area, &panel).unwrap();
        }
        svg
    };
    let (narrow, wide) = (draw(360), draw(640));
    // Below the x axis title ("x") on a phone-sized chart and on a wide one.
    for (name, svg) in [("narrow", &narrow), ("wide", &wide)] {
        assert!(
            text_y(svg, "ground truth") > text_y(svg, "x"),
            "{name}: key below the axis"
        );
    }
    let mut loss = String::new();
    {
        let area = SVGBackend::with_string(&mut loss, (360, 260)).into_drawing_area();
        let losses = [3.0, 2.0, 1.8, 1.7];
        let panel = LossPanel {
            direct_label: "gradient descent (Adam)",
            em_label: "EM",
            direct: &losses,
            em: &losses,
            seconds: [&[], &[]],
            truth_loss: Some(1.6),
            best_loss: None,
            view: LossView::Loss,
            step_axis: StepAxis::Linear,
            settled: [None, None],
            marker_step: None,
            theme: &Theme::LIGHT,
        };
        draw_loss(&area, &panel).unwrap();
    }
    assert!(
        text_y(&loss, "EM") > text_y(&loss, "step"),
        "the loss chart's key sits below its axis"
    );
}

#[test]
fn captions_say_which_method_at_which_step_and_shorten_on_a_narrow_canvas() {
    use gmm_charts::captions::{density_caption, method_label};
    use gmm_charts::NARROW_CHART;
    use gmm_core::fit::method::MethodKind;
    use gmm_core::OptimizerKind;
    let adam = MethodKind::Gradient(OptimizerKind::Adam);
    assert_eq!(
        density_caption(adam, NARROW_CHART, 12, 1.234567),
        "Gradient descent (direct likelihood): step 12, loss 1.2346"
    );
    assert_eq!(
        density_caption(adam, NARROW_CHART - 1, 12, 1.234567),
        "Gradient descent: step 12, loss 1.2346"
    );
    assert_eq!(density_caption(MethodKind::Em, 100, 0, 2.0), "EM: step 0, loss 2.0000");
    assert_eq!(
        density_caption(MethodKind::OverrelaxedEm, NARROW_CHART, 3, 2.0),
        "Over-relaxed EM: step 3, loss 2.0000"
    );
    assert_eq!(method_label(adam), "gradient descent (Adam)");
    assert_eq!(
        method_label(MethodKind::Gradient(OptimizerKind::GradientDescent)),
        "gradient descent (plain)"
    );
    assert_eq!(method_label(MethodKind::OverrelaxedEm), "over-relaxed EM");
}
