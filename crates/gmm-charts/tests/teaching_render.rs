//! The teaching charts, drawn natively to SVG: labels, legends and the marks that could go missing.
//! Set `GMM_RENDER_DIR` to a directory to keep the SVGs for looking at them.

use gmm_charts::{
    draw_landscape, draw_responsibilities, draw_restarts, draw_trajectories, viridis, LandscapePanel,
    ResponsibilityPanel, RestartsPanel, Theme, TrajectoryPanel,
};
use gmm_core::data::histogram::Histogram;
use gmm_core::teach::landscape::{auto_range, landscape, path, Landscape};
use gmm_core::teach::restarts::{MethodOutcome, Restarts};
use gmm_core::teach::stepthrough::e_step;
use gmm_core::teach::trajectory::{ParamKind, ParamRef, TrajectoryRecorder};
use gmm_core::{DataSource, FitConfig, InitStrategy, Status, CLASSIC};
use plotters::prelude::*;

#[path = "../../gmm-core/tests/common/mod.rs"]
mod common;
use common::recorded_session;
use plotters::style::RGBColor;

fn hex(c: RGBColor) -> String {
    Theme::css(c)
}

fn svg(name: &str, size: (u32, u32), draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>)) -> String {
    let mut out = String::new();
    {
        let area = SVGBackend::with_string(&mut out, size).into_drawing_area();
        draw(&area);
    }
    if let Ok(dir) = std::env::var("GMM_RENDER_DIR") {
        std::fs::write(format!("{dir}/{name}.svg"), &out).unwrap();
    }
    out
}

fn fills(svg: &str, colour: RGBColor) -> usize {
    svg.matches(&format!("fill=\"{}\"", hex(colour))).count()
}

#[test]
fn responsibility_chart_stacks_every_component_with_key_and_legend() {
    for (name, theme) in [
        ("responsibilities-light", Theme::LIGHT),
        ("responsibilities-dark", Theme::DARK),
    ] {
        let (s, _, _) = recorded_session(2000, 3);
        let hist = Histogram::new(s.data(), 45);
        let e = e_step(s.em().model(), s.data(), &hist).unwrap();
        let out = svg(name, (720, 340), |area| {
            let panel = ResponsibilityPanel {
                caption: "E-step: who explains each bin",
                histogram: &hist,
                shares: &e.shares,
                k: 5,
                fit: Some(s.em().model()),
                truth: s.truth(),
                theme: &theme,
            };
            draw_responsibilities(area, &panel).unwrap();
        });
        for text in [
            "E-step: who explains each bin",
            "share of responsibility:",
            "component 1",
            "component 5",
            "ground truth",
            "current mixture",
            "density",
        ] {
            assert!(out.contains(text), "{name}: missing {text:?}");
        }
        // Every component with some share somewhere has stacked pieces (plus its key swatch).
        for j in 0..5 {
            let bins_with_share = (0..45).filter(|&b| e.share(j, b) * hist.heights[b] > 0.0).count();
            assert!(bins_with_share > 0, "component {j} explains no bin");
            assert!(
                fills(&out, theme.component(j)) > bins_with_share,
                "{name}: component {j} pieces"
            );
        }
        assert!(out.contains(&hex(theme.background)));
    }
}

#[test]
fn responsibility_chart_refuses_mismatched_shares() {
    let hist = Histogram::new(&[0.0, 1.0, 2.0], 3);
    let mut out = String::new();
    let area = SVGBackend::with_string(&mut out, (300, 200)).into_drawing_area();
    let panel = ResponsibilityPanel {
        caption: "",
        histogram: &hist,
        shares: &[1.0; 5],
        k: 2,
        fit: None,
        truth: None,
        theme: &Theme::LIGHT,
    };
    let err = draw_responsibilities(&area, &panel).unwrap_err();
    assert!(err.to_string().contains("K x bins = 2 x 3"), "{err}");
}

#[test]
fn trajectory_chart_has_three_panels_both_methods_and_fitted_colours() {
    let (s, direct, em) = recorded_session(2000, 200);
    let (d, e) = (direct.matched(s.truth()), em.matched(s.truth()));
    for (name, theme) in [("trajectories-light", Theme::LIGHT), ("trajectories-dark", Theme::DARK)] {
        let out = svg(name, (720, 520), |area| {
            let panel = TrajectoryPanel {
                caption: "Parameters per step",
                direct: &d,
                em: &e,
                direct_label: "gradient descent (Adam)",
                em_label: "EM",
                truth: s.truth(),
                theme: &theme,
            };
            draw_trajectories(area, &panel).unwrap();
        });
        for text in [
            "Parameters per step",
            "weight w",
            "mean μ",
            "sigma σ",
            "step",
            "gradient descent (Adam)",
            "EM",
        ] {
            assert!(out.contains(text), "{name}: missing {text:?}");
        }
        assert!(out.contains("component:") && out.contains("true value"));
        // Each fitted component's colour draws lines in all three panels for both methods: at least 6
        // polylines (a dashed line is many short ones).
        for k in 0..5 {
            let lines = out.matches(&format!("stroke=\"{}\"", hex(theme.component(k)))).count();
            assert!(lines >= 6, "{name}: fitted component {k} has {lines} strokes");
        }
        assert!(
            !out.contains(&hex(theme.component(5))),
            "{name}: only the 5 fitted colours"
        );
    }
    // The matching orders the series (by true component); the colour is the fitted index's.
    let c0 = &e.components[0];
    assert_eq!(c0.truth, Some(0));
    assert!((c0.means.last().unwrap() - CLASSIC.truth().means()[0]).abs() < 0.5);
}

type Path = Vec<(f64, f64)>;

fn landscape_scene(steps: usize, around_direct: bool) -> (Landscape, Path, Path) {
    let (s, direct, em) = recorded_session(2000, steps);
    let (px, py) = (ParamRef::new(ParamKind::Mean, 0), ParamRef::new(ParamKind::Mean, 1));
    let (d, e) = (path(&direct, px, py), path(&em, px, py));
    let tx: Vec<f64> = d.iter().chain(&e).map(|p| p.0).collect();
    let ty: Vec<f64> = d.iter().chain(&e).map(|p| p.1).collect();
    let std = gmm_core::data::sample::mean_and_std(s.data()).1;
    let model = if around_direct {
        s.direct().model()
    } else {
        s.em().model()
    };
    let xr = auto_range(px, model, &[&tx], std);
    let yr = auto_range(py, model, &[&ty], std);
    (landscape(model, s.data(), (px, xr), (py, yr), 40).unwrap(), d, e)
}

#[test]
fn landscape_chart_has_heat_map_colour_bar_paths_and_markers() {
    let (l, d, e) = landscape_scene(150, false);
    for (name, theme) in [("landscape-light", Theme::LIGHT), ("landscape-dark", Theme::DARK)] {
        let out = svg(name, (720, 480), |area| {
            let panel = LandscapePanel {
                caption: "Loss over μ1 and μ2 (rest at EM's values)",
                landscape: &l,
                direct: &d,
                em: &e,
                direct_label: "gradient descent (Adam)",
                em_label: "EM",
                theme: &theme,
            };
            draw_landscape(area, &panel).unwrap();
        });
        for text in [
            "μ1",
            "μ2",
            "mean NLL",
            "start",
            "current",
            "gradient descent (Adam)",
            "EM",
        ] {
            assert!(out.contains(text), "{name}: missing {text:?}");
        }
        assert!(l.values.iter().all(|v| v.is_finite()) && !out.contains("not finite"));
        assert!(!out.contains("points)"), "not subsampled, so no note");
        // The colour scale's ends are used: the lowest cell in viridis' first colour.
        assert!(out.contains(&hex(viridis(0.0))) && out.contains(&hex(viridis(1.0))));
        let cells = l.values.len();
        let rects = out.matches("<rect").count();
        assert!(rects >= cells, "{name}: {rects} rectangles for {cells} cells");
        // Start and current markers of both methods: a halo and a mark each.
        let circles = out.matches("<circle").count();
        assert!(circles >= 8, "{name}: {circles} circles");
        for c in [Theme::DARK.direct, Theme::DARK.em] {
            assert!(out.contains(&format!("stroke=\"{}\"", hex(c))), "{name}: path colour");
        }
    }
}

#[test]
fn viridis_gets_lighter_monotonically_so_it_reads_in_grey() {
    let lum = |c: RGBColor| 0.2126 * c.0 as f64 + 0.7152 * c.1 as f64 + 0.0722 * c.2 as f64;
    let steps: Vec<f64> = (0..=100).map(|i| lum(viridis(i as f64 / 100.0))).collect();
    assert!(steps.windows(2).all(|w| w[1] >= w[0] - 0.5), "{steps:?}");
    assert!(steps[100] - steps[0] > 150.0);
    assert_eq!(hex(viridis(0.0)), "#440154");
    assert_eq!(hex(viridis(1.0)), "#FDE725");
}

#[test]
fn restarts_chart_has_a_dot_per_restart_median_truth_line_and_highlight() {
    let config = FitConfig {
        data: DataSource::Sample {
            truth: CLASSIC.truth(),
            n: 800,
            seed: 3,
        },
        max_steps: 300,
        tolerance: 1e-7,
        ..FitConfig::default()
    };
    let mut exp = Restarts::new(&config, InitStrategy::NearZero, 1, 12).unwrap();
    while !exp.advance(500).unwrap().finished {}
    let mut outcomes = exp.outcomes().to_vec();
    // One diverged direct fit, to see its mark.
    outcomes[3].direct = MethodOutcome {
        status: Status::Diverged { step: 40 },
        ..outcomes[3].direct
    };
    for (name, theme) in [("restarts-light", Theme::LIGHT), ("restarts-dark", Theme::DARK)] {
        let out = svg(name, (640, 360), |area| {
            let panel = RestartsPanel {
                outcomes: &outcomes,
                truth_loss: exp.truth_loss(),
                direct_label: "gradient descent (Adam)",
                em_label: "EM",
                highlight: Some(5),
                theme: &theme,
            };
            draw_restarts(area, &panel).unwrap();
        });
        for text in [
            "Final loss of 12 restarts",
            "ground-truth parameters",
            "median",
            "EM, one dot per restart",
            "1 diverged (×)",
            "final mean −log-likelihood",
        ] {
            assert!(out.contains(text), "{name}: missing {text:?}");
        }
        let dots = |c: RGBColor| {
            out.matches(&format!("r=\"4\" opacity=\"0.75\" fill=\"{}\"", hex(c)))
                .count()
        };
        assert_eq!(dots(theme.em), 12, "{name}: one EM dot per restart");
        assert_eq!(dots(theme.direct), 11, "{name}: one direct dot per converged restart");
        assert!(
            out.matches("<circle").count() >= 24,
            "{name}: dots and the highlight ring"
        );
    }
}

#[test]
fn landscape_chart_marks_non_finite_cells_and_says_when_it_subsampled() {
    let model = gmm_core::Mixture::from_weights(&[1.0], &[0.0], &[1.0]).unwrap();
    let data = gmm_core::sample(&model, 50_000, 9);
    let (mu, ls) = (ParamRef::new(ParamKind::Mean, 0), ParamRef::new(ParamKind::LogSigma, 0));
    // Below ln sigma = -709/2, (x / sigma)^2 overflows for |x| ~ 1: every point is infinitely unlikely.
    // The rows sit at -744 + 745 i / 9, so rows 0 to 4 (down to -413) are not finite.
    let l = landscape(&model, &data, (mu, (-1.0, 1.0)), (ls, (-744.0, 1.0)), 10).unwrap();
    let bad = l.values.iter().filter(|v| !v.is_finite()).count();
    assert_eq!(bad, 50, "the five bottom rows");
    let out = svg("landscape-subsampled", (600, 400), |area| {
        let panel = LandscapePanel {
            caption: "Loss over μ1 and ln σ1",
            landscape: &l,
            direct: &[(0.5, 0.5), (0.0, 0.0)],
            em: &[],
            direct_label: "gradient descent (Adam)",
            em_label: "EM",
            theme: &Theme::LIGHT,
        };
        draw_landscape(area, &panel).unwrap();
    });
    assert!(out.contains("(on 16667 of 50000 points)"));
    assert!(out.contains("not finite") && out.contains("ln σ1"));
    // The bottom rows' cells plus the key swatch, in the not-finite grey.
    assert_eq!(out.matches("fill=\"#808080\"").count(), bad + 1);
}

#[test]
fn colour_scale_is_linear_unless_the_values_have_a_long_tail() {
    use gmm_charts::ColourScale;
    let linear = ColourScale::new(&[1.8, 1.9, 2.0, 2.2, f64::INFINITY]).unwrap();
    assert_eq!((linear.lo, linear.hi, linear.log_offset), (1.8, 2.2, None));
    assert!((linear.position(2.0) - 0.5).abs() < 1e-12);
    // Far from a near-zero start: most cells near 2, a few in the thousands.
    let tail: Vec<f64> = (0..100)
        .map(|i| if i < 90 { 1.8 + 0.01 * i as f64 } else { 1e4 })
        .collect();
    let log = ColourScale::new(&tail).unwrap();
    assert!(log.log_offset.is_some());
    assert!(log.position(2.3) > 0.1, "the basin keeps detail: {}", log.position(2.3));
    assert!(linear.position(1.8) == 0.0 && log.position(1e4) == 1.0);
    for t in [0.0, 0.3, 0.7, 1.0] {
        assert!((log.position(log.value(t)) - t).abs() < 1e-9);
    }
}

#[test]
fn landscape_at_the_near_zero_start_covers_both_paths() {
    use gmm_charts::ColourScale;
    let (l, d, e) = landscape_scene(2, true);
    for &(x, y) in d.iter().chain(&e) {
        assert!(
            l.x_range.0 < x && x < l.x_range.1 && l.y_range.0 < y && y < l.y_range.1,
            "({x}, {y}) outside"
        );
    }
    let scale = ColourScale::new(&l.values).unwrap();
    let out = svg("landscape-early", (720, 480), |area| {
        let panel = LandscapePanel {
            caption: "Loss over μ1 and μ2 at step 2 (rest at Adam's values)",
            landscape: &l,
            direct: &d,
            em: &e,
            direct_label: "gradient descent (Adam)",
            em_label: "EM",
            theme: &Theme::DARK,
        };
        draw_landscape(area, &panel).unwrap();
    });
    assert_eq!(out.contains("mean NLL (log)"), scale.log_offset.is_some());
    assert!(
        out.contains(&short(scale.lo)) && out.contains(&short(scale.hi)),
        "colour bar ends labelled"
    );
}

fn short(v: f64) -> String {
    gmm_charts::short_number(v)
}

#[test]
fn a_partly_computed_landscape_draws_the_rows_it_has() {
    use gmm_core::teach::landscape::LandscapeJob;
    let model = CLASSIC.truth();
    let data = gmm_core::sample(&model, 1000, 2);
    let (a, b) = (ParamRef::new(ParamKind::Mean, 0), ParamRef::new(ParamKind::Mean, 2));
    let mut job = LandscapeJob::new(&model, &data, (a, (-3.0, 0.0)), (b, (-1.0, 2.0)), 20, 20_000).unwrap();
    let count = |l: &Landscape| {
        let out = svg("landscape-partial", (500, 360), |area| {
            let panel = LandscapePanel {
                caption: "in progress",
                landscape: l,
                direct: &[],
                em: &[],
                direct_label: "gradient descent (Adam)",
                em_label: "EM",
                theme: &Theme::LIGHT,
            };
            draw_landscape(area, &panel).unwrap();
        });
        out.matches("<rect").count()
    };
    job.advance(5);
    let partial = count(job.partial());
    job.advance(20);
    let full = count(job.partial());
    assert_eq!(full - partial, 15 * 20, "one rectangle per newly computed cell");
}

#[test]
fn trajectories_without_truth_or_with_extra_components_keep_fitted_colours() {
    let truth = gmm_core::Mixture::from_weights(&[0.5, 0.5], &[-2.0, 2.0], &[1.0, 1.0]).unwrap();
    let fit = gmm_core::Mixture::from_weights(&[0.4, 0.2, 0.4], &[-2.1, 0.0, 1.9], &[1.0, 1.0, 1.0]).unwrap();
    let mut rec = TrajectoryRecorder::default();
    for step in 0..20 {
        rec.record(step, &fit);
    }
    let draw = |truth: Option<&gmm_core::Mixture>, name: &str| {
        let series = rec.matched(truth);
        svg(name, (600, 420), |area| {
            let panel = TrajectoryPanel {
                caption: "Parameters per step",
                direct: &series,
                em: &series,
                direct_label: "gradient descent (Adam)",
                em_label: "EM",
                truth,
                theme: &Theme::LIGHT,
            };
            draw_trajectories(area, &panel).unwrap();
        })
    };
    let with_truth = draw(Some(&truth), "trajectories-extra");
    assert!(with_truth.contains("component:") && !with_truth.contains("unmatched"));
    // The fitted component left unmatched (mean 0, index 1) keeps its own colour, as in the density panels.
    for k in 0..3 {
        assert!(with_truth.contains(&hex(Theme::LIGHT.component(k))), "colour {k}");
    }
    let without = draw(None, "trajectories-no-truth");
    assert!(without.contains("component:") && !without.contains("true"));
    assert!(!without.contains("unmatched"));
}
