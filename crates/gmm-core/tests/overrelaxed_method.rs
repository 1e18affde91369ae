//! Any method on either panel: over-relaxed EM chosen by `optimizer: "overrelaxed-em"` (the first panel)
//! or `secondMethod` (the second) with `eta` and `adaptive` from the option table, run by the session and
//! the restarts experiment, switchable mid-run; the panels are interchangeable.

use gmm_core::fit::method::MethodKind;
use gmm_core::run::options::{config_from_options, option_spec, OptionValue};
use gmm_core::teach::restarts::Restarts;
use gmm_core::{FitSession, InitStrategy, OptimizerKind, Status};

fn options(pairs: &[(&str, &str)]) -> Vec<(String, OptionValue)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), OptionValue::Text(v.to_string())))
        .collect()
}

fn session(pairs: &[(&str, &str)]) -> FitSession {
    FitSession::new(config_from_options(&options(pairs)).unwrap()).unwrap()
}

#[test]
fn the_option_table_offers_overrelaxed_em_with_eta_and_adaptive() {
    let optimizer = option_spec("optimizer").unwrap();
    let values: Vec<String> = optimizer.choices().iter().map(|c| format!("{:?}", c.value)).collect();
    assert!(values.iter().any(|v| v.contains("overrelaxed-em")), "{values:?}");
    let c = config_from_options(&options(&[
        ("optimizer", "overrelaxed-em"),
        ("eta", "1.8"),
        ("adaptive", "on"),
    ]))
    .unwrap();
    assert_eq!(
        (c.first_method, c.second_method, c.eta, c.adaptive),
        (MethodKind::OverrelaxedEm, MethodKind::Em, 1.8, true)
    );
    let err = config_from_options(&options(&[("eta", "5")])).unwrap_err();
    assert_eq!(err.option(), Some("eta"));
    assert!(err.to_string().contains("between 0.1 and 4"), "{err}");
    let err = config_from_options(&options(&[("adaptive", "yes")])).unwrap_err();
    assert_eq!(err.option(), Some("adaptive"));
    assert!(err.to_string().contains("one of off, on"), "{err}");
}

#[test]
fn with_eta_one_the_first_panel_races_em_and_ties_at_every_step() {
    let mut s = session(&[("preset", "separated"), ("optimizer", "overrelaxed-em"), ("eta", "1")]);
    for _ in 0..50 {
        s.advance(1);
        assert_eq!(s.direct().model(), s.em().model(), "step {}", s.step());
    }
    assert_eq!(s.direct_track().losses(), s.em_track().losses());
}

#[test]
fn adaptive_overrelaxed_em_in_the_session_never_raises_the_loss_and_settles_sooner_on_overlap() {
    let mut s = session(&[
        ("preset", "overlapping"),
        ("optimizer", "overrelaxed-em"),
        ("adaptive", "on"),
    ]);
    s.advance(3000);
    let losses = s.direct_track().losses();
    assert!(
        losses.windows(2).all(|w| w[1] <= w[0] + 1e-12 * w[0].abs()),
        "the loss rose"
    );
    assert_eq!(s.direct().kind(), MethodKind::OverrelaxedEm);
    let (direct, em) = (s.direct_track().settled().unwrap(), s.em_track().settled().unwrap());
    eprintln!("overlapping preset, settled steps: adaptive over-relaxed EM {direct}, EM {em}");
    assert!(direct < em, "adaptive settled at {direct}, EM at {em}");
}

#[test]
fn switching_between_gradient_descent_and_overrelaxed_em_goes_on_from_the_current_parameters() {
    let mut s = session(&[("preset", "separated")]);
    s.advance(20);
    let here = s.direct().model().clone();
    s.set_first_method(MethodKind::OverrelaxedEm);
    assert_eq!(s.direct().model(), &here);
    assert!(s.direct().as_overrelaxed().is_some() && s.direct().as_direct().is_none());
    s.set_relaxation(1.5, false).unwrap();
    assert!(s.set_relaxation(0.0, false).is_err());
    s.advance(20);
    assert_eq!(s.direct_track().steps(), 40);
    s.set_first_method(MethodKind::Gradient(OptimizerKind::Adam));
    assert_eq!(s.direct().kind(), MethodKind::Gradient(OptimizerKind::Adam));
    s.advance(5);
    assert_eq!(s.direct_track().status(), Status::Running);
}

#[test]
fn the_restarts_experiment_runs_overrelaxed_em() {
    let config = config_from_options(&options(&[
        ("preset", "separated"),
        ("optimizer", "overrelaxed-em"),
        ("adaptive", "on"),
        ("maxSteps", "200"),
        ("tolerance", "1e-9"),
    ]))
    .unwrap();
    let mut r = Restarts::new(&config, InitStrategy::FromData, 1, 3).unwrap();
    while !r.progress().finished {
        r.advance(500).unwrap();
    }
    assert_eq!(r.outcomes().len(), 3);
    for o in r.outcomes() {
        // Over-relaxed EM and EM reach the same three bumps: the losses agree closely.
        assert!((o.direct.final_loss - o.em.final_loss).abs() < 1e-3, "{o:?}");
        assert!(o.direct.stop_step <= o.em.stop_step + 5, "{o:?}");
    }
}

#[test]
fn the_panels_are_interchangeable_a_swapped_race_gives_the_same_runs_bit_for_bit() {
    let mut usual = session(&[("preset", "separated"), ("maxSteps", "300")]);
    let mut swapped = session(&[
        ("preset", "separated"),
        ("maxSteps", "300"),
        ("optimizer", "em"),
        ("secondMethod", "adam"),
    ]);
    assert_eq!(swapped.direct().kind(), MethodKind::Em);
    assert_eq!(swapped.em().kind(), MethodKind::Gradient(OptimizerKind::Adam));
    usual.advance(300);
    swapped.advance(300);
    assert_eq!(usual.direct_track().losses(), swapped.em_track().losses());
    assert_eq!(usual.em_track().losses(), swapped.direct_track().losses());
    assert_eq!(usual.direct().model(), swapped.em().model());
    assert_eq!(usual.em().floored(), swapped.direct().floored());
    assert_eq!(usual.em().emptied(), swapped.direct().emptied());
}

#[test]
fn gradient_descent_can_race_overrelaxed_em_on_the_second_panel() {
    let mut s = session(&[
        ("preset", "overrelaxed"),
        ("optimizer", "adam"),
        ("secondMethod", "overrelaxed-em"),
        ("maxSteps", "400"),
    ]);
    let mut ore_alone = session(&[("preset", "overrelaxed"), ("maxSteps", "400")]);
    s.advance(400);
    ore_alone.advance(400);
    // The second panel runs exactly what the preset's first panel runs (adaptive over-relaxed EM).
    assert_eq!(s.em().kind(), MethodKind::OverrelaxedEm);
    assert_eq!(s.em_track().losses(), ore_alone.direct_track().losses());
    assert!(s.em().as_overrelaxed().is_some());
    // A learning rate change reaches the gradient descent on whichever panel runs it.
    s.set_second_method(MethodKind::Gradient(OptimizerKind::Momentum));
    s.set_learning_rate(0.001).unwrap();
    assert_eq!(s.em().settings().learning_rate, 0.001);
    assert_eq!(s.direct().settings().learning_rate, 0.001);
}

#[test]
fn every_method_is_offered_on_both_panels_by_name() {
    for name in ["optimizer", "secondMethod"] {
        let spec = option_spec(name).unwrap();
        let values: Vec<String> = spec.choices().iter().map(|c| format!("{:?}", c.value)).collect();
        for kind in MethodKind::ALL {
            assert!(values.iter().any(|v| v.contains(kind.name())), "{name}: {values:?}");
            assert_eq!(MethodKind::from_name(kind.name()), Some(kind));
        }
        let err = config_from_options(&options(&[(name, "newton")])).unwrap_err();
        assert_eq!(err.option(), Some(name));
        assert!(err.to_string().contains("overrelaxed-em"), "{err}");
    }
}
