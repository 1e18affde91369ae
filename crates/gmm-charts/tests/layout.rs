//! The charts never hide what they show, checked from their layout record ([`gmm_charts::record`]) over
//! the presets' data and fits, data near ±1e100, and sizes from a phone to a wide screen: no two text
//! boxes overlap, no text leaves the canvas, no legend overlaps a plotting area or a text outside it.
//! Set `GMM_RENDER_DIR` to keep the SVGs.

#[path = "../../gmm-core/tests/common/mod.rs"]
mod common;

use gmm_charts::ticks::{TickFormat, MAX_PLAIN_CHARS};
use gmm_charts::{
    draw_density, draw_landscape, draw_responsibilities, draw_restarts, draw_trajectories, record, series_colour,
    ChartLayout, DensityPanel, DensityScene, LandscapePanel, Regions, RenderError, ResponsibilityPanel, RestartsPanel,
    Theme, TrajectoryPanel,
};
use gmm_core::teach::landscape::{auto_range, landscape, path};
use gmm_core::teach::restarts::Restarts;
use gmm_core::teach::stepthrough::e_step;
use gmm_core::teach::trajectory::{ParamKind, ParamRef, TrajectoryRecorder};
use gmm_core::{DataSource, FitConfig, FitSession, InitStrategy, PRESETS};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Widths from a phone to a wide screen, heights from short to tall.
const SIZES: [(u32, u32); 7] = [
    (320, 300),
    (375, 200),
    (480, 290),
    (640, 290),
    (900, 420),
    (1400, 300),
    (360, 700),
];

type Area<'a> = DrawingArea<Recorder<'a>, Shift>;
type Recorder<'a> = gmm_charts::Recorder<SVGBackend<'a>>;

/// Draws with `draw` on an SVG of `size` and returns the layout (and keeps the SVG if asked).
fn layout_of(name: &str, size: (u32, u32), draw: impl FnOnce(&Area) -> Result<Regions, RenderError>) -> ChartLayout {
    let mut out = String::new();
    let layout = record(SVGBackend::with_string(&mut out, size), draw).unwrap();
    if let Ok(dir) = std::env::var("GMM_RENDER_DIR") {
        std::fs::write(format!("{dir}/layout-{name}-{}x{}.svg", size.0, size.1), &out).unwrap();
    }
    layout
}

fn assert_clear(name: &str, layout: &ChartLayout) {
    assert!(!layout.plots.is_empty(), "{name}: no plotting area recorded");
    assert!(!layout.legends.is_empty(), "{name}: no legend recorded");
    assert!(
        layout.texts.len() > 5,
        "{name}: only {} texts recorded",
        layout.texts.len()
    );
    let problems = layout.problems();
    assert!(problems.is_empty(), "{name}: {}", problems.join("\n"));
}

/// Each preset's session after `steps` steps, and a session on data near ±1e100 (the largest allowed).
fn sessions(steps: usize) -> Vec<(String, FitSession)> {
    let mut out: Vec<(String, FitSession)> = PRESETS
        .iter()
        .map(|p| {
            let config = FitConfig {
                data: DataSource::Sample {
                    truth: p.truth(),
                    n: p.n.min(2000),
                    seed: p.data_seed,
                },
                k: p.k,
                init: p.init,
                first_method: p.first_method,
                second_method: p.second_method,
                learning_rate: p.learning_rate,
                ..FitConfig::default()
            };
            (p.id.to_string(), FitSession::new(config).unwrap())
        })
        .collect();
    let huge: Vec<f64> = (0..400)
        .map(|i| {
            let t = i as f64 / 399.0;
            if i % 2 == 0 {
                -1e100 + 3e99 * t
            } else {
                1e100 - 3e99 * t
            }
        })
        .collect();
    let config = FitConfig {
        data: DataSource::Given(huge),
        k: 2,
        init: InitStrategy::KMeansPlusPlus,
        ..FitConfig::default()
    };
    out.push(("huge".to_string(), FitSession::new(config).unwrap()));
    for (_, s) in &mut out {
        s.advance(steps);
    }
    out
}

#[test]
fn density_panels_keep_legend_and_labels_off_the_data_at_every_size() {
    for (name, s) in sessions(60) {
        let scene = DensityScene::new(s.data(), s.truth());
        for size in SIZES {
            for (method, fit) in [("direct", s.direct().model()), ("em", s.em().model())] {
                let caption = format!("{method}: step 60, loss {}", s.em_track().current_loss());
                let layout = layout_of(&format!("density-{name}-{method}"), size, |area| {
                    let panel = DensityPanel {
                        caption: &caption,
                        scene: &scene,
                        fit,
                        theme: &Theme::LIGHT,
                    };
                    draw_density(area, &panel)
                });
                assert_clear(&format!("density {name} {method} {size:?}"), &layout);
            }
        }
    }
}

#[test]
fn step_through_charts_keep_legend_and_labels_off_the_data() {
    for (name, s) in sessions(5) {
        let hist = DensityScene::new(s.data(), s.truth()).histogram;
        let e = e_step(s.em().model(), s.data(), &hist).unwrap();
        for size in SIZES {
            let layout = layout_of(&format!("estep-{name}"), size, |area| {
                let panel = ResponsibilityPanel {
                    caption: "E-step of iteration 6: who explains each bar",
                    histogram: &hist,
                    shares: &e.shares,
                    k: s.em().model().k(),
                    fit: Some(s.em().model()),
                    truth: s.truth(),
                    theme: &Theme::DARK,
                };
                draw_responsibilities(area, &panel)
            });
            assert_clear(&format!("E-step {name} {size:?}"), &layout);
        }
    }
}

fn recorded(s: &FitSession, steps: usize) -> (FitSession, TrajectoryRecorder, TrajectoryRecorder) {
    let mut s = s.clone();
    let (mut d, mut e) = (TrajectoryRecorder::new(400), TrajectoryRecorder::new(400));
    for _ in 0..steps {
        d.record_progress(s.direct_track().steps(), s.direct().model());
        e.record_progress(s.em_track().steps(), s.em().model());
        s.advance(1);
    }
    (s, d, e)
}

#[test]
fn trajectory_panels_have_room_for_their_labels_even_short() {
    for (name, s) in sessions(0) {
        let (s, direct, em) = recorded(&s, 120);
        let (d, e) = (direct.matched(s.truth()), em.matched(s.truth()));
        for size in SIZES.into_iter().chain([(335, 260), (1400, 420)]) {
            let layout = layout_of(&format!("trajectories-{name}"), size, |area| {
                let panel = TrajectoryPanel {
                    caption: "Parameters against the step (step 120)",
                    direct: &d,
                    em: &e,
                    direct_label: "gradient descent (Adam)",
                    em_label: "EM",
                    truth: s.truth(),
                    theme: &Theme::LIGHT,
                };
                draw_trajectories(area, &panel)
            });
            assert_clear(&format!("trajectories {name} {size:?}"), &layout);
            assert_eq!(layout.plots.len(), 3, "three panels");
        }
    }
}

#[test]
fn trajectories_colour_each_component_by_its_fitted_index() {
    let s = &sessions(0)[0].1;
    let (s, direct, em) = recorded(s, 80);
    for series in [direct.matched(s.truth()), em.matched(s.truth())] {
        // Matched series are ordered by true component, so fitted index and position differ somewhere
        // unless the fit happens to be in the truth's order.
        for c in &series.components {
            assert_eq!(series_colour(&Theme::LIGHT, c), Theme::LIGHT.component(c.fitted));
        }
    }
    // And the drawing uses exactly those: every fitted component's colour is in the SVG, no other one.
    let (d, e) = (direct.matched(s.truth()), em.matched(s.truth()));
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (800, 420)).into_drawing_area();
        let panel = TrajectoryPanel {
            caption: "c",
            direct: &d,
            em: &e,
            direct_label: "gradient descent (Adam)",
            em_label: "EM",
            truth: s.truth(),
            theme: &Theme::LIGHT,
        };
        draw_trajectories(&area, &panel).unwrap();
    }
    let k = s.config().k;
    for (i, colour) in Theme::LIGHT.components.iter().enumerate() {
        let used = svg.contains(&format!("stroke=\"{}\"", Theme::css(*colour)));
        assert_eq!(used, i < k, "component colour {i} used: {used} (K = {k})");
    }
}

#[test]
fn restarts_and_landscape_keep_legend_and_labels_off_the_data() {
    for (name, s) in sessions(0).into_iter().take(3) {
        let config = FitConfig {
            max_steps: 150,
            ..s.config().clone()
        };
        let mut exp = Restarts::new(&config, InitStrategy::KMeansPlusPlus, 1, 8).unwrap();
        while !exp.advance(2000).unwrap().finished {}
        let (s, direct, em) = recorded(&s, 60);
        let (px, py) = (ParamRef::new(ParamKind::Mean, 0), ParamRef::new(ParamKind::LogSigma, 1));
        let (dp, ep) = (path(&direct, px, py), path(&em, px, py));
        let std = gmm_core::data::sample::mean_and_std(s.data()).1;
        let tx: Vec<f64> = dp.iter().chain(&ep).map(|p| p.0).collect();
        let ty: Vec<f64> = dp.iter().chain(&ep).map(|p| p.1).collect();
        let m = s.direct().model();
        let land = landscape(
            m,
            s.data(),
            (px, auto_range(px, m, &[&tx], std)),
            (py, auto_range(py, m, &[&ty], std)),
            24,
        )
        .unwrap();
        for size in SIZES {
            let layout = layout_of(&format!("restarts-{name}"), size, |area| {
                let panel = RestartsPanel {
                    outcomes: exp.outcomes(),
                    truth_loss: exp.truth_loss(),
                    direct_label: "gradient descent (Adam)",
                    em_label: "EM",
                    highlight: Some(2),
                    theme: &Theme::LIGHT,
                };
                draw_restarts(area, &panel)
            });
            assert_clear(&format!("restarts {name} {size:?}"), &layout);
            let layout = layout_of(&format!("landscape-{name}"), size, |area| {
                let panel = LandscapePanel {
                    caption: "Mean NLL over mean μ1 and ln σ2 (others at gradient descent's step 60)",
                    landscape: &land,
                    direct: &dp,
                    em: &ep,
                    direct_label: "gradient descent (Adam)",
                    em_label: "EM",
                    theme: &Theme::LIGHT,
                };
                draw_landscape(area, &panel)
            });
            assert_clear(&format!("landscape {name} {size:?}"), &layout);
        }
    }
}

#[test]
fn tick_labels_stay_short_and_distinct() {
    for values in [
        vec![-1e100, -5e99, 0.0, 5e99, 1e100],
        vec![1.5e100, 2e100, 2.5e100],
        vec![0.001, 0.00125, 0.0015],
        vec![0.0, 0.5, 1.0],
        vec![1e-7, 2e-7],
        // Ticks close together on a narrow span (a loss chart with one flat line): more digits, not "1.63"
        // five times.
        vec![1.6296, 1.6298, 1.63, 1.6302, 1.6304],
        vec![123.4561, 123.4562, 123.4563],
    ] {
        let format = TickFormat::for_values(&values);
        let labels: Vec<String> = values.iter().map(|&v| format.label(v)).collect();
        let mut distinct = labels.clone();
        distinct.dedup();
        assert_eq!(distinct.len(), labels.len(), "{labels:?}");
        for (v, l) in values.iter().zip(&labels) {
            assert!(l.len() <= 9, "{v:e} -> {l:?}");
            let back: f64 = l.parse().unwrap();
            assert!((back - v).abs() <= 0.05 * v.abs().max(1e-300), "{v:e} -> {l:?}");
        }
        let short: Vec<String> = values.iter().map(|v| gmm_charts::short_number(*v)).collect();
        let mut short_distinct = short.clone();
        short_distinct.dedup();
        if short.iter().all(|l| l.len() <= MAX_PLAIN_CHARS) && short_distinct.len() == short.len() {
            assert_eq!(format, TickFormat::Short);
        }
    }
    assert_eq!(TickFormat::for_values(&[1.5e100, 2e100]).label(1.5e100), "1.5e+100");
    assert_eq!(TickFormat::for_values(&[1.6298, 1.63, 1.6302]).label(1.6302), "1.6302");
}

#[test]
fn a_legend_over_the_plot_or_overlapping_labels_are_reported() {
    // The check itself can fail: a boxed legend drawn into the plot and two labels on one spot.
    let layout = layout_of("bad", (400, 300), |area| {
        let plot = area.margin(20, 20, 20, 20);
        let legend = gmm_charts::draw_legend(
            &plot,
            &[("data", gmm_charts::KeyMark::Line(RGBColor(0, 0, 0), 2))],
            gmm_charts::Corner::UpperRight,
            &("sans-serif", 12).into_font().into(),
            WHITE.mix(1.0),
            RGBColor(0, 0, 0),
        )?;
        for _ in 0..2 {
            area.draw(&Text::new("1.5", (5, 5), ("sans-serif", 12).into_font()))
                .map_err(gmm_charts::render_error)?;
        }
        Ok(Regions {
            plots: vec![gmm_charts::Rect::of_area(&plot)],
            legends: vec![legend],
        })
    });
    let problems = layout.problems();
    assert!(problems.iter().any(|p| p.contains("overlaps the plot")), "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("\"1.5\"") && p.contains("overlaps \"1.5\"")),
        "{problems:?}"
    );
}

#[test]
fn loss_chart_keeps_its_key_and_labels_off_the_data_in_every_view() {
    use gmm_charts::{draw_loss, LossPanel};
    use gmm_core::run::best_fit::BestFitSearch;
    use gmm_core::run::loss_view::{LossView, StepAxis};
    for (name, mut s) in sessions(0) {
        let mut search = BestFitSearch::new(s.data().to_vec(), s.config().k, s.config().variance_floor);
        while !search.advance(400) {}
        s.set_reference(search.best().unwrap().clone());
        // A made-up clock: the first panel's steps take twice as long as the second's.
        let mut clock = common::made_up_clock(2e-3, 1e-3);
        for steps in [0, 40, 3000] {
            s.advance_timed(steps, &mut clock);
            for view in LossView::ALL {
                for step_axis in StepAxis::ALL {
                    for size in SIZES {
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
                            marker_step: Some(s.step() / 2),
                            theme: &Theme::LIGHT,
                        };
                        let id = format!("loss-{name}-{}-{}-{}", s.step(), view.name(), step_axis.name());
                        assert_clear(
                            &format!("{id} {size:?}"),
                            &layout_of(&id, size, |a| draw_loss(a, &panel)),
                        );
                    }
                }
            }
        }
    }
}
