//! The teaching charts on a real canvas (wasm-pack test --headless --chrome --test web_teaching): text
//! is measured by the canvas ([`MeasuredCanvas`]) and the pixels are read back and counted.
#![cfg(target_arch = "wasm32")]

use gmm_charts::{
    draw_landscape, draw_responsibilities, draw_restarts, draw_trajectories, viridis, LandscapePanel,
    ResponsibilityPanel, RestartsPanel, Theme, TrajectoryPanel,
};
use gmm_core::data::histogram::Histogram;
use gmm_core::teach::landscape::{landscape, path};
use gmm_core::teach::restarts::Restarts;
use gmm_core::teach::stepthrough::e_step;
use gmm_core::teach::trajectory::{ParamKind, ParamRef};
use gmm_core::{DataSource, FitConfig, InitStrategy, CLASSIC};
use gmm_two_ways::canvas::MeasuredCanvas;
use plotters::prelude::*;
use plotters::style::RGBColor;
use wasm_bindgen_test::*;

mod browser;
#[path = "../crates/gmm-core/tests/common/mod.rs"]
mod common;
use browser::{canvas, count_colour};
use common::recorded_session;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn teaching_charts_paint_the_canvas() {
    let theme = Theme::DARK;
    let (s, d, e) = recorded_session(1000, 60);

    let c = canvas(640, 320);
    let hist = Histogram::new(s.data(), 40);
    let step = e_step(s.em().model(), s.data(), &hist).unwrap();
    let area = MeasuredCanvas::new(c.clone()).unwrap().into_drawing_area();
    let panel = ResponsibilityPanel {
        caption: "E-step",
        histogram: &hist,
        shares: &step.shares,
        k: 5,
        fit: Some(s.em().model()),
        truth: s.truth(),
        theme: &theme,
    };
    draw_responsibilities(&area, &panel).unwrap();
    let painted: usize = (0..5).map(|k| count_colour(&c, theme.component(k))).sum();
    assert!(painted > 2000, "{painted} pixels in component colours");

    let c = canvas(640, 480);
    let (dm, em) = (d.matched(s.truth()), e.matched(s.truth()));
    let area = MeasuredCanvas::new(c.clone()).unwrap().into_drawing_area();
    let panel = TrajectoryPanel {
        caption: "Parameters per step",
        direct: &dm,
        em: &em,
        direct_label: "gradient descent (Adam)",
        em_label: "EM",
        truth: s.truth(),
        theme: &theme,
    };
    draw_trajectories(&area, &panel).unwrap();
    for k in 0..5 {
        assert!(count_colour(&c, theme.component(k)) > 100, "trajectory colour {k}");
    }

    let c = canvas(640, 420);
    let (a, b) = (ParamRef::new(ParamKind::Mean, 0), ParamRef::new(ParamKind::Mean, 1));
    let l = landscape(s.em().model(), s.data(), (a, (-3.0, 3.0)), (b, (-3.0, 3.0)), 24).unwrap();
    let area = MeasuredCanvas::new(c.clone()).unwrap().into_drawing_area();
    let (pd, pe) = (path(&d, a, b), path(&e, a, b));
    let panel = LandscapePanel {
        caption: "Loss over μ1 and μ2",
        landscape: &l,
        direct: &pd,
        em: &pe,
        direct_label: "gradient descent (Adam)",
        em_label: "EM",
        theme: &theme,
    };
    draw_landscape(&area, &panel).unwrap();
    assert!(
        count_colour(&c, viridis(0.0)) > 20,
        "the lowest colour of the map and bar"
    );
    assert!(count_colour(&c, Theme::DARK.em) > 50, "EM's path");

    let c = canvas(560, 320);
    let config = FitConfig {
        data: DataSource::Sample {
            truth: CLASSIC.truth(),
            n: 300,
            seed: 1,
        },
        max_steps: 60,
        ..FitConfig::default()
    };
    let mut exp = Restarts::new(&config, InitStrategy::KMeansPlusPlus, 1, 6).unwrap();
    while !exp.advance(50).unwrap().finished {}
    let area = MeasuredCanvas::new(c.clone()).unwrap().into_drawing_area();
    let panel = RestartsPanel {
        outcomes: exp.outcomes(),
        truth_loss: exp.truth_loss(),
        direct_label: "gradient descent (Adam)",
        em_label: "EM",
        highlight: Some(0),
        theme: &theme,
    };
    draw_restarts(&area, &panel).unwrap();
    // The dots are drawn at 75% opacity over the background.
    let blend = |a: u8, b: u8| (0.75 * a as f64 + 0.25 * b as f64).round() as u8;
    let (em, bg) = (theme.em, theme.background);
    let dot = RGBColor(blend(em.0, bg.0), blend(em.1, bg.1), blend(em.2, bg.2));
    assert!(count_colour(&c, dot) > 100, "EM dots: {}", count_colour(&c, dot));
}
