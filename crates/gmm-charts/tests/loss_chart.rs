//! The loss chart's gap view: each method's gap to the best fit, where each settled, on a log step axis.
//! Set `GMM_RENDER_DIR` to a directory to keep the SVGs.

#[path = "../../gmm-core/tests/common/mod.rs"]
mod common;

use gmm_charts::{draw_loss, LossPanel, Theme, GAP_FLOOR};
use gmm_core::run::best_fit::BestFitSearch;
use gmm_core::run::loss_view::{LossView, StepAxis};
use gmm_core::run::options::{config_from_options, OptionValue};
use gmm_core::FitSession;
use plotters::prelude::*;

fn finished(preset: &str) -> FitSession {
    let options = vec![("preset".to_string(), OptionValue::Text(preset.into()))];
    let mut s = FitSession::new(config_from_options(&options).unwrap()).unwrap();
    let mut search = BestFitSearch::new(s.data().to_vec(), s.config().k, s.config().variance_floor);
    while !search.advance(500) {}
    s.set_reference(search.best().unwrap().clone());
    s.advance(3000);
    s
}

fn loss_svg(name: &str, s: &FitSession, view: LossView, step_axis: StepAxis, size: (u32, u32)) -> String {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let panel = LossPanel {
            direct_label: "gradient descent (Adam)",
            em_label: "EM",
            direct: s.direct_track().losses(),
            em: s.em_track().losses(),
            seconds: [s.direct_track().seconds(), s.em_track().seconds()],
            truth_loss: s.truth_loss(),
            best_loss: s.best_loss(),
            view,
            step_axis,
            settled: [s.direct_track().settled(), s.em_track().settled()],
            marker_step: None,
            theme: &Theme::LIGHT,
        };
        draw_loss(&area, &panel).unwrap();
    }
    if let Ok(dir) = std::env::var("GMM_RENDER_DIR") {
        std::fs::write(format!("{dir}/{name}.svg"), &svg).unwrap();
    }
    svg
}

/// The `x` of the text whose content is `label`.
fn text_x(svg: &str, label: &str) -> f64 {
    let end = svg
        .find(&format!(">\n{label}\n</text>"))
        .unwrap_or_else(|| panic!("no text {label:?}"));
    let start = svg[..end].rfind("<text").unwrap();
    let x = svg[start..end].split(" x=\"").nth(1).unwrap();
    x[..x.find('"').unwrap()].parse().unwrap()
}

#[test]
fn the_gap_view_labels_where_each_method_settled() {
    let s = finished("separated");
    let (d, e) = (s.direct_track().settled().unwrap(), s.em_track().settled().unwrap());
    assert!(e < d, "EM settles first on separated data ({e} vs {d})");
    let svg = loss_svg("loss-gap-separated", &s, LossView::Gap, StepAxis::Log, (640, 300));
    assert!(svg.contains("gap to best fit"));
    assert!(svg.contains("step (log scale)"));
    let (dx, ex) = (
        text_x(&svg, &format!("settled at {d}")),
        text_x(&svg, &format!("settled at {e}")),
    );
    assert!(ex < dx, "on the step axis EM's label comes first: {ex} vs {dx}");
    // The log step axis is labelled at powers of ten up to the run's length.
    for tick in ["1", "10", "100", "1000"] {
        assert!(svg.contains(&format!(">\n{tick}\n</text>")), "no step tick {tick}");
    }
}

#[test]
fn the_gap_view_separates_what_the_loss_view_crowds_together() {
    // Classic: at the end the truth, gradient descent and EM are within 0.2 of each other on a loss axis
    // that starts near 223, but their gaps to the best fit differ by a factor of four or more.
    let s = finished("classic");
    let best = s.best_loss().unwrap();
    let gaps = [
        s.direct_track().current_loss() - best,
        s.em_track().current_loss() - best,
    ];
    assert!(gaps.iter().all(|&g| g > GAP_FLOOR), "{gaps:?}");
    assert!(gaps[1] / gaps[0] > 3.0, "{gaps:?}");
    let gap = loss_svg("loss-gap-classic", &s, LossView::Gap, StepAxis::Log, (640, 300));
    let loss = loss_svg("loss-classic", &s, LossView::Loss, StepAxis::Linear, (640, 300));
    assert!(gap.contains("Gap to the best fit found"));
    assert!(loss.contains("Loss per step"));
    assert!(!loss.contains("gap to best fit"));
}

#[test]
fn without_the_best_fit_the_gap_view_falls_back_to_the_loss() {
    let options = vec![("preset".to_string(), OptionValue::Text("separated".into()))];
    let mut s = FitSession::new(config_from_options(&options).unwrap()).unwrap();
    s.advance(200);
    let svg = loss_svg("loss-no-best", &s, LossView::Gap, StepAxis::Log, (360, 260));
    assert!(svg.contains("Loss per step"));
    assert!(!svg.contains("settled at"), "a running method has not settled");
    s.advance(3000);
    let svg = loss_svg("loss-no-best-finished", &s, LossView::Gap, StepAxis::Linear, (360, 260));
    assert!(svg.contains("settled at"));
}

#[test]
fn settled_labels_stay_inside_the_plot_and_apart() {
    use gmm_charts::label_place;
    let plot = (60, 20, 600, 240);
    // Two markers at the same spot near the bottom right corner: the labels go left and do not overlap.
    let first = label_place((595, 236), (90, 12), plot, &[], &[]);
    let second = label_place((595, 236), (90, 12), plot, &[first], &[]);
    for r in [first, second] {
        assert!(
            r.0 >= plot.0 && r.1 >= plot.1 && r.2 <= plot.2 && r.3 <= plot.3,
            "{r:?} leaves the plot"
        );
    }
    let overlap = first.0 < second.2 && second.0 < first.2 && first.1 < second.3 && second.1 < first.3;
    assert!(!overlap, "{first:?} and {second:?} overlap");
}

#[test]
fn a_settled_label_avoids_the_curves_when_it_can() {
    use gmm_charts::label_place;
    let plot = (0, 0, 600, 240);
    // A horizontal curve just above the marker: the label goes below it rather than across the curve.
    let curve = vec![(0, 100), (600, 100)];
    let r = label_place((300, 110), (90, 12), plot, &[], std::slice::from_ref(&curve));
    assert!(r.1 > 100 || r.3 < 100, "{r:?} crosses the curve at y = 100");
    // With no room off the curve, it still lands inside the plot.
    let r = label_place(
        (300, 110),
        (90, 12),
        plot,
        &[],
        &[vec![(0, 0), (600, 240)], vec![(0, 240), (600, 0)]],
    );
    assert!(r.0 >= 0 && r.2 <= 600 && r.1 >= 0 && r.3 <= 240, "{r:?}");
}

#[test]
fn the_time_axis_draws_each_method_at_the_seconds_it_spent_and_keys_its_cost_per_step() {
    let options = vec![("preset".to_string(), OptionValue::Text("separated".into()))];
    let mut s = FitSession::new(config_from_options(&options).unwrap()).unwrap();
    // A made-up clock read before and after each method's steps: 10 steps of gradient descent take 2 ms,
    // 10 of EM 1 ms (EM stops early, after which its calls take no steps and add no time).
    let mut clock = common::made_up_clock(2e-3, 1e-3);
    while !s.finished() {
        s.advance_timed(10, &mut clock);
    }
    let (d, e) = (s.direct_track(), s.em_track());
    assert_eq!(d.seconds().len(), d.losses().len());
    assert_eq!(e.seconds().len(), e.losses().len());
    assert!((d.seconds()[10] - 2e-3).abs() < 1e-15 && (e.seconds()[10] - 1e-3).abs() < 1e-15);
    assert!(d.seconds().windows(2).all(|w| w[1] > w[0]), "every step takes time");
    assert!((d.seconds_per_step().unwrap() - 2e-4).abs() < 1e-12);
    let svg = loss_svg("loss-time-separated", &s, LossView::Loss, StepAxis::Time, (640, 300));
    assert!(
        svg.contains("gradient descent (Adam): 200 µs per step"),
        "the first panel's cost in its key"
    );
    assert!(svg.contains("EM: 100 µs per step"), "EM's cost in its key");
    assert!(
        svg.contains("time spent stepping (s)"),
        "the axis says what it measures"
    );
    let settled = e.settled().unwrap();
    let label = format!(
        "settled at {settled} ({})",
        gmm_core::format::duration(e.seconds()[settled])
    );
    assert!(svg.contains(&label), "{label}");
    // The untimed run has no costs to show, and says nothing about them.
    let untimed = finished("separated");
    let svg = loss_svg(
        "loss-time-untimed",
        &untimed,
        LossView::Loss,
        StepAxis::Time,
        (640, 300),
    );
    assert!(!svg.contains("per step"), "no clock, no cost");
}
