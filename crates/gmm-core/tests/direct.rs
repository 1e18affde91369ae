//! Direct likelihood fitting with each optimizer, including the classic homework run.

mod common;
use common::mixture;
use gmm_core::{initialise, sample, DirectFit, InitStrategy, OptimizerKind, CLASSIC, DEFAULT_VARIANCE_FLOOR};

#[test]
fn classic_run_lowers_the_loss_by_orders_of_magnitude() {
    let data = sample(&CLASSIC.truth(), CLASSIC.n, 1);
    let init = initialise(InitStrategy::NearZero, 5, &data, 1, DEFAULT_VARIANCE_FLOOR.sqrt()).unwrap();
    let start = init.mean_nll(&data).unwrap();
    let mut fit = DirectFit::new(init, OptimizerKind::Adam, 0.01, DEFAULT_VARIANCE_FLOOR);
    for _ in 0..3000 {
        fit.step(&data).unwrap();
    }
    let end = fit.model().mean_nll(&data).unwrap();
    let truth_loss = CLASSIC.truth().mean_nll(&data).unwrap();
    println!("classic Adam run: mean NLL {start:.3} -> {end:.5} (ground truth {truth_loss:.5})");
    assert!(start / end > 50.0, "start {start}, end {end}");
    // And it ends near a sensible fit: within 0.1 nats per point of the truth.
    assert!(end < truth_loss + 0.1, "end {end}, truth {truth_loss}");
}

#[test]
fn every_optimizer_decreases_the_loss_on_easy_data() {
    let truth = mixture(&[0.5, 0.5], &[-2.0, 2.0], &[0.7, 0.7]);
    let data = sample(&truth, 1000, 3);
    let init = initialise(InitStrategy::FromData, 2, &data, 3, 1e-3).unwrap();
    for (kind, lr) in [
        (OptimizerKind::Adam, 0.05),
        (OptimizerKind::Momentum, 0.05),
        (OptimizerKind::GradientDescent, 0.3),
    ] {
        let mut fit = DirectFit::new(init.clone(), kind, lr, DEFAULT_VARIANCE_FLOOR);
        let first = fit.step(&data).unwrap();
        let mut last = first;
        for _ in 0..400 {
            last = fit.step(&data).unwrap();
        }
        assert!(last < first - 0.05, "{}: {first} -> {last}", kind.name());
        assert!(
            last < truth.mean_nll(&data).unwrap() + 0.01,
            "{}: ends at {last}",
            kind.name()
        );
    }
}

#[test]
fn adam_first_step_moves_every_parameter_by_the_learning_rate() {
    // With bias correction, Adam's first step is lr * g / (|g| + eps): almost exactly lr per parameter.
    let data = sample(&CLASSIC.truth(), 500, 2);
    let init = initialise(InitStrategy::FromData, 3, &data, 2, 1e-3).unwrap();
    let mut fit = DirectFit::new(init.clone(), OptimizerKind::Adam, 0.01, DEFAULT_VARIANCE_FLOOR);
    fit.step(&data).unwrap();
    for (a, b) in init.flat().iter().zip(fit.model().flat()) {
        let moved = (a - b).abs();
        assert!((moved - 0.01).abs() < 1e-6, "moved {moved}");
    }
}

#[test]
fn a_huge_learning_rate_diverges_and_keeps_finite_parameters() {
    let data = sample(&CLASSIC.truth(), 1000, 5);
    let init = initialise(InitStrategy::NearZero, 5, &data, 5, 1e-3).unwrap();
    let mut fit = DirectFit::new(init, OptimizerKind::GradientDescent, 1e3, DEFAULT_VARIANCE_FLOOR);
    let outcome = (0..1000).map(|_| fit.step(&data)).find(|r| r.is_err());
    assert!(outcome.is_some(), "plain gradient descent at lr 1e3 should diverge");
    assert!(fit.model().flat().iter().all(|v| v.is_finite()));
}

#[test]
fn the_variance_floor_binds_direct_fits_too() {
    let data = vec![0.0, 0.0, 0.0, 0.0, 1.0, 2.0];
    let init = gmm_core::Mixture::new(&[0.0, 0.0], &[0.0, 1.5], &[-3.0, 0.0]).unwrap();
    let floor = 1e-4;
    let mut fit = DirectFit::new(init, OptimizerKind::Adam, 0.1, floor);
    for _ in 0..300 {
        fit.step(&data).unwrap();
    }
    assert!(fit.floored()[0]);
    assert!((fit.model().sigmas()[0] - floor.sqrt()).abs() < 1e-12);
}
