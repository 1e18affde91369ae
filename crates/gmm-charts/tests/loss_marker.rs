//! The loss chart's marker: a vertical line at the step the page is rewound to, and none when live.

use gmm_charts::{draw_loss, LossPanel, Theme};
use gmm_core::run::loss_view::{LossView, StepAxis};
use plotters::prelude::*;

fn loss_svg(marker_step: Option<usize>) -> String {
    let losses: Vec<f64> = (0..=40).map(|t| 2.0 + 1.0 / (1.0 + t as f64)).collect();
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (640, 260)).into_drawing_area();
        let panel = LossPanel {
            direct_label: "gradient descent (Adam)",
            em_label: "EM",
            direct: &losses,
            em: &losses,
            seconds: [&[], &[]],
            truth_loss: Some(2.0),
            best_loss: None,
            view: LossView::Loss,
            step_axis: StepAxis::Linear,
            settled: [None, None],
            marker_step,
            theme: &Theme::LIGHT,
        };
        draw_loss(&area, &panel).unwrap();
    }
    svg
}

/// The x of every two-point vertical polyline drawn in the text colour at width 2, with its height.
fn vertical_lines(svg: &str) -> Vec<(f64, f64)> {
    let c = Theme::LIGHT.text;
    let stroke = format!("stroke=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2);
    svg.lines()
        .filter(|l| l.contains("<polyline") && l.contains(&stroke) && l.contains("stroke-width=\"2\""))
        .filter_map(|l| {
            let points = l.split("points=\"").nth(1)?.split('"').next()?;
            let xy: Vec<(f64, f64)> = points
                .split_whitespace()
                .filter_map(|p| {
                    let (x, y) = p.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect();
            (xy.len() == 2 && xy[0].0 == xy[1].0).then(|| (xy[0].0, (xy[0].1 - xy[1].1).abs()))
        })
        .collect()
}

#[test]
fn the_rewound_step_is_marked_by_a_vertical_line_at_that_step() {
    assert!(vertical_lines(&loss_svg(None)).is_empty(), "no marker when live");
    let at = |step| {
        let lines = vertical_lines(&loss_svg(Some(step)));
        assert_eq!(lines.len(), 1, "one marker at step {step}: {lines:?}");
        assert!(lines[0].1 > 100.0, "it spans the plot's height: {lines:?}");
        lines[0].0
    };
    let (start, middle, end) = (at(0), at(20), at(40));
    assert!(start < middle && middle < end);
    assert!(
        (middle - (start + end) / 2.0).abs() <= 1.0,
        "step 20 of 40 sits halfway: {start}, {middle}, {end}"
    );
}
