//! The K-selection chart: both panels, the chosen Ks ringed and named, the truth's K as a line only when
//! there is a truth, nothing hiding anything from a phone to a wide screen, and a click read back as a K.
//! Set `GMM_RENDER_DIR` to keep the SVGs.

use gmm_charts::{draw_k_selection, k_at, record, KSelectionPanel, Theme, K_SELECTION_STACKED_BELOW};
use gmm_core::data::sample::sample;
use gmm_core::teach::k_selection::{KOutcome, KSelection};
use gmm_core::{Mixture, DEFAULT_VARIANCE_FLOOR};
use plotters::prelude::*;

fn finished(data: Vec<f64>, truth_k: Option<usize>) -> KSelection {
    let mut ks = KSelection::new(data, truth_k, DEFAULT_VARIANCE_FLOOR, 1).unwrap();
    while !ks.advance(1e6).finished {}
    ks
}

fn three_bumps() -> Vec<f64> {
    let truth = Mixture::from_weights(&[0.3, 0.4, 0.3], &[-4.0, 0.0, 4.0], &[0.7, 1.0, 0.7]).unwrap();
    sample(&truth, 400, 5)
}

fn draw(name: &str, size: (u32, u32), ks: &KSelection, selected: Option<usize>) -> (String, gmm_charts::ChartLayout) {
    let mut out = String::new();
    let panel = KSelectionPanel {
        outcomes: ks.outcomes(),
        choice: ks.choice(),
        selected,
        theme: &Theme::LIGHT,
    };
    let layout = record(SVGBackend::with_string(&mut out, size), |area| {
        draw_k_selection(area, &panel)
    })
    .unwrap();
    if let Ok(dir) = std::env::var("GMM_RENDER_DIR") {
        std::fs::write(format!("{dir}/k-selection-{name}-{}x{}.svg", size.0, size.1), &out).unwrap();
    }
    (out, layout)
}

#[test]
fn both_panels_name_the_chosen_ks_and_the_truth() {
    let ks = finished(three_bumps(), Some(3));
    let c = ks.choice();
    let (svg, layout) = draw("truth", (900, 360), &ks, Some(4));
    for text in [
        "BIC and AIC against K (lower is better)".to_string(),
        "Held-out log-likelihood per point (higher is better)".to_string(),
        format!("BIC (lowest: K = {}, ringed)", c.bic.unwrap()),
        format!("AIC (lowest: K = {}, ringed)", c.aic.unwrap()),
        format!("held-out (highest: K = {}, ringed)", c.held_out.unwrap()),
        "truth: K = 3".to_string(),
        "loaded: K = 4".to_string(),
        "number of components K".to_string(),
    ] {
        assert!(svg.contains(&text), "missing {text:?}");
    }
    assert_eq!(layout.plots.len(), 2, "two panels");
    assert!(layout.plots[0].x1 <= layout.plots[1].x0, "side by side at 900 px");
    // A dot per K and score (10 + 10 + 10) and three rings of radius 8.
    assert_eq!(svg.matches("r=\"3\"").count(), 30);
    assert_eq!(svg.matches("r=\"8\"").count(), 3);
    // Every tick K = 1..10 is labelled under each panel.
    for k in 1..=10 {
        assert!(svg.matches(&format!(">\n{k}\n</text>")).count() >= 2, "tick {k}");
    }
}

#[test]
fn imported_data_have_no_truth_line_and_tiny_data_say_why_there_is_no_held_out() {
    let ks = finished(three_bumps(), None);
    let (svg, _) = draw("no-truth", (900, 360), &ks, None);
    assert!(!svg.contains("truth: K"));
    assert!(!svg.contains("loaded: K"));
    let tiny = finished(vec![0.0, 5.0], None);
    assert!(tiny
        .outcomes()
        .iter()
        .any(|o| matches!(o, KOutcome::Skipped { k: 3, .. })));
    let (svg, layout) = draw("tiny", (640, 360), &tiny, None);
    assert!(svg.contains("held-out: none (too few points for a split)"), "tiny data");
    assert!(layout.problems().is_empty(), "{}", layout.problems().join("\n"));
}

#[test]
fn nothing_hides_anything_from_a_phone_to_a_wide_screen_at_any_magnitude() {
    let far: Vec<f64> = three_bumps().iter().map(|v| 1e99 + v * 1e97).collect();
    let cases = [
        ("truth", finished(three_bumps(), Some(3))),
        ("far", finished(far, None)),
    ];
    for (name, ks) in &cases {
        for size in [(320, 560), (375, 520), (640, 360), (900, 360), (1400, 420)] {
            let (_, layout) = draw(name, size, ks, Some(2));
            assert_eq!(layout.plots.len(), 2);
            assert!(layout.texts.len() > 20, "{name} {size:?}: {} texts", layout.texts.len());
            let problems = layout.problems();
            assert!(problems.is_empty(), "{name} {size:?}: {}", problems.join("\n"));
            if size.0 < K_SELECTION_STACKED_BELOW {
                assert!(layout.plots[0].y1 <= layout.plots[1].y0, "{name} {size:?}: stacked");
            }
        }
    }
}

#[test]
fn a_pixel_in_either_panel_reads_back_as_the_nearest_k() {
    let ks = finished(three_bumps(), Some(3));
    let (_, layout) = draw("click", (900, 360), &ks, None);
    for plot in &layout.plots {
        let y = (plot.y0 + plot.y1) / 2;
        let width = (plot.x1 - plot.x0) as f64;
        for k in 1..=10 {
            // The centre of K's column is at (K - 0.5) / 10 of the width.
            let x = plot.x0 + ((k as f64 - 0.5) / 10.0 * width) as i32;
            assert_eq!(k_at(&layout.plots, x, y), Some(k), "centre of K = {k}");
        }
        assert_eq!(k_at(&layout.plots, plot.x0, y), Some(1), "left edge");
        assert_eq!(k_at(&layout.plots, plot.x1 - 1, y), Some(10), "right edge");
    }
    assert_eq!(k_at(&layout.plots, 0, 0), None, "outside both panels");
}
