//! Over-relaxed EM as the first panel's method: chosen by `optimizer: "overrelaxed-em"` with `eta` and
//! `adaptive` from the option table, run by the session and the restarts experiment, switchable mid-run.

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
        (c.optimizer, c.eta, c.adaptive),
        (OptimizerKind::OverrelaxedEm, 1.8, true)
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
    assert_eq!(s.direct().optimizer_kind(), OptimizerKind::OverrelaxedEm);
    let (direct, em) = (s.direct_track().settled().unwrap(), s.em_track().settled().unwrap());
    eprintln!("overlapping preset, settled steps: adaptive over-relaxed EM {direct}, EM {em}");
    assert!(direct < em, "adaptive settled at {direct}, EM at {em}");
}

#[test]
fn switching_between_gradient_descent_and_overrelaxed_em_goes_on_from_the_current_parameters() {
    let mut s = session(&[("preset", "separated")]);
    s.advance(20);
    let here = s.direct().model().clone();
    s.set_optimizer(OptimizerKind::OverrelaxedEm);
    assert_eq!(s.direct().model(), &here);
    assert!(s.direct().as_overrelaxed().is_some() && s.direct().as_direct().is_none());
    s.set_relaxation(1.5, false).unwrap();
    assert!(s.set_relaxation(0.0, false).is_err());
    s.advance(20);
    assert_eq!(s.direct_track().steps(), 40);
    s.set_optimizer(OptimizerKind::Adam);
    assert_eq!(s.direct().optimizer_kind(), OptimizerKind::Adam);
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
