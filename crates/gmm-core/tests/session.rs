//! The fit session: lock step from a shared start, reset, stop rules, live settings.

use gmm_core::fit::method::MethodKind;
use gmm_core::{FitConfig, FitSession, InitStrategy, OptimizerKind, Status};

fn classic() -> FitSession {
    FitSession::new(FitConfig::default()).unwrap()
}

#[test]
fn both_methods_start_from_the_same_parameters_and_step_together() {
    let mut s = classic();
    assert_eq!(s.direct().model(), s.initial());
    assert_eq!(s.em().model(), s.initial());
    assert_eq!(s.direct_track().losses(), s.em_track().losses());
    s.advance(7);
    assert_eq!((s.step(), s.direct_track().steps(), s.em_track().steps()), (7, 7, 7));
    assert_eq!(s.direct_track().losses().len(), 8);
    // Every recorded loss is the loss of the parameters at that step: check the last one directly.
    assert_eq!(s.em_track().current_loss(), s.em().model().mean_nll(s.data()).unwrap());
    assert_eq!(
        s.direct_track().current_loss(),
        s.direct().model().mean_nll(s.data()).unwrap()
    );
}

#[test]
fn how_steps_are_split_into_calls_does_not_matter() {
    let (mut a, mut b) = (classic(), classic());
    a.advance(120);
    for _ in 0..40 {
        b.advance(3);
    }
    assert_eq!(a.direct_track(), b.direct_track());
    assert_eq!(a.em_track(), b.em_track());
    assert_eq!(a.em().model(), b.em().model());
}

#[test]
fn reset_returns_to_step_zero_with_the_same_start() {
    let mut s = classic();
    let start = s.initial().clone();
    let first: Vec<f64> = {
        s.advance(10);
        s.direct_track().losses().to_vec()
    };
    s.reset();
    assert_eq!(s.step(), 0);
    assert_eq!(s.direct().model(), &start);
    s.advance(10);
    assert_eq!(s.direct_track().losses(), first.as_slice());
}

#[test]
fn the_step_limit_stops_both_methods() {
    let mut s = FitSession::new(FitConfig {
        max_steps: 25,
        ..FitConfig::default()
    })
    .unwrap();
    s.advance(1000);
    assert_eq!(s.step(), 25);
    assert_eq!(s.direct_track().status(), Status::StepLimit { step: 25 });
    assert_eq!(s.em_track().status(), Status::StepLimit { step: 25 });
    assert!(s.finished());
    // Raising the limit lets them go on.
    s.set_stop_rule(30, 0.0).unwrap();
    assert!(!s.finished());
    s.advance(1000);
    assert_eq!(s.step(), 30);
}

#[test]
fn a_tolerance_stops_em_when_it_converges() {
    let config = FitConfig {
        init: InitStrategy::FromData,
        tolerance: 1e-7,
        ..FitConfig::default()
    };
    let mut s = FitSession::new(config).unwrap();
    s.advance(3000);
    let Status::Converged { step } = s.em_track().status() else {
        panic!("EM should converge, got {:?}", s.em_track().status());
    };
    let l = s.em_track().losses();
    assert!(
        step < 3000 && (l[step - 1] - l[step - 2]).abs() < 1e-7,
        "stopped at {step}"
    );
    assert_eq!(s.em_track().steps(), step);
}

#[test]
fn a_diverging_optimizer_is_stopped_and_reported_while_em_goes_on() {
    let config = FitConfig {
        first_method: MethodKind::Gradient(OptimizerKind::GradientDescent),
        learning_rate: 1e3,
        ..FitConfig::default()
    };
    let mut s = FitSession::new(config).unwrap();
    s.advance(300);
    let Status::Diverged { step } = s.direct_track().status() else {
        panic!("expected divergence, got {:?}", s.direct_track().status());
    };
    assert!(s.direct_track().losses().iter().all(|l| l.is_finite()));
    assert!(s.direct().model().flat().iter().all(|v| v.is_finite()));
    assert!(s.direct_track().steps() < step);
    assert_eq!(s.em_track().steps(), 300);
}

#[test]
fn learning_rate_and_optimizer_change_without_a_reset() {
    let mut s = classic();
    s.advance(5);
    s.set_learning_rate(0.05).unwrap();
    assert!(s
        .set_learning_rate(-1.0)
        .unwrap_err()
        .to_string()
        .contains("learningRate"));
    s.set_first_method(MethodKind::Gradient(OptimizerKind::Momentum));
    s.advance(5);
    assert_eq!(s.step(), 10);
    assert_eq!(s.direct().kind(), MethodKind::Gradient(OptimizerKind::Momentum));
    assert_eq!(s.config().learning_rate, 0.05);
}

#[test]
fn a_runaway_fit_is_stopped_and_can_still_be_compared_with_the_truth() {
    // Adam at learning rate 200 sends sigmas towards 1e160 within a few steps: that used to stall the
    // matching (infinite costs) and freeze the page.
    for lr in [100.0, 200.0, 1000.0] {
        let config = FitConfig {
            learning_rate: lr,
            ..FitConfig::default()
        };
        let mut s = FitSession::new(config).unwrap();
        s.advance(3000);
        assert!(
            matches!(s.direct_track().status(), Status::Diverged { .. }),
            "lr {lr}: {:?}",
            s.direct_track().status()
        );
        let m = gmm_core::match_components(s.direct().model(), s.truth().unwrap());
        assert_eq!(m.fitted_for_truth.iter().flatten().count(), 5);
        let scale = s.data().iter().fold(1.0f64, |a, x| a.max(x.abs()));
        assert!(s.direct().model().sigmas().iter().all(|&sigma| sigma <= 1e6 * scale));
    }
}
