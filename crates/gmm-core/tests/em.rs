//! EM: the closed-form M-step, monotone log-likelihood, the variance floor, and the classic set-up.

mod common;
use common::{mixture, EM_MONOTONE_REL_TOL, ROUNDING_TOL};
use gmm_core::{em_step, initialise, sample, EmFit, InitStrategy, Mixture, CLASSIC, DEFAULT_VARIANCE_FLOOR};

#[test]
fn m_step_matches_the_textbook_formulas() {
    let model = mixture(&[0.3, 0.7], &[-1.0, 1.5], &[0.8, 1.2]);
    let data = sample(&mixture(&[0.5, 0.5], &[-2.0, 2.0], &[1.0, 0.5]), 500, 4);
    let (new, loss) = em_step(&model, &data, DEFAULT_VARIANCE_FLOOR).unwrap();
    assert!((loss - model.mean_nll(&data).unwrap()).abs() < ROUNDING_TOL);
    let r = model.responsibilities(&data);
    for k in 0..2 {
        let nk: f64 = r.chunks(2).map(|row| row[k]).sum();
        let mean: f64 = r.chunks(2).zip(&data).map(|(row, x)| row[k] * x).sum::<f64>() / nk;
        let var: f64 = r
            .chunks(2)
            .zip(&data)
            .map(|(row, x)| row[k] * (x - mean).powi(2))
            .sum::<f64>()
            / nk;
        assert!((new.weights()[k] - nk / 500.0).abs() < ROUNDING_TOL, "weight {k}");
        assert!((new.means()[k] - mean).abs() < ROUNDING_TOL, "mean {k}");
        assert!((new.sigmas()[k] - var.sqrt()).abs() < ROUNDING_TOL, "sigma {k}");
    }
}

/// Runs `iterations` EM steps and returns the largest relative decrease of the log-likelihood seen.
fn worst_decrease(init: Mixture, data: &[f64], iterations: usize) -> f64 {
    let mut fit = EmFit::new(init, DEFAULT_VARIANCE_FLOOR);
    let mut previous = fit.step(data).unwrap();
    let mut worst: f64 = 0.0;
    for _ in 1..iterations {
        let loss = fit.step(data).unwrap();
        // Loss is the mean NLL, so a likelihood decrease is a loss increase.
        worst = worst.max((loss - previous) / previous.abs().max(1.0));
        previous = loss;
    }
    worst
}

#[test]
fn em_never_decreases_the_log_likelihood() {
    let truth = CLASSIC.truth();
    let mut checked = 0;
    for seed in 1..=6u64 {
        let data = sample(&truth, 2000, seed);
        for strategy in InitStrategy::ALL {
            let init = initialise(strategy, 5, &data, seed + 100, DEFAULT_VARIANCE_FLOOR.sqrt()).unwrap();
            let worst = worst_decrease(init, &data, 200);
            assert!(
                worst <= EM_MONOTONE_REL_TOL,
                "seed {seed}, {}: loss rose by {worst:e}",
                strategy.name()
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 18);
}

#[test]
fn variance_floor_holds_a_component_on_a_single_point() {
    // One component sits exactly on an outlier: unconstrained EM would shrink it to sigma = 0.
    let mut data = sample(&mixture(&[1.0], &[0.0], &[1.0]), 300, 9);
    data.push(25.0);
    let init = Mixture::new(&[0.0, -3.0], &[0.0, 25.0], &[0.0, -1.0]).unwrap();
    let floor = 1e-4;
    let mut fit = EmFit::new(init, floor);
    for _ in 0..50 {
        let loss = fit.step(&data).unwrap();
        assert!(loss.is_finite());
    }
    assert_eq!(fit.floored(), &[false, true]);
    assert!((fit.model().sigmas()[1] - floor.sqrt()).abs() < 1e-15);
    assert!((fit.model().means()[1] - 25.0).abs() < 1e-12);
    // The likelihood keeps growing as the floor goes to 0: the degenerate optimum is at the floor.
    let mut lower = EmFit::new(fit.model().clone(), floor / 100.0);
    lower.step(&data).unwrap();
    assert!(lower.model().mean_nll(&data).unwrap() < fit.model().mean_nll(&data).unwrap());
}

#[test]
fn a_component_far_from_all_data_is_reported_empty_and_kept() {
    let data = sample(&mixture(&[1.0], &[0.0], &[1.0]), 200, 2);
    let init = Mixture::new(&[0.0, 0.0], &[0.0, 1e4], &[0.0, 0.0]).unwrap();
    let mut fit = EmFit::new(init, DEFAULT_VARIANCE_FLOOR);
    fit.step(&data).unwrap();
    assert_eq!(fit.emptied(), &[false, true]);
    assert_eq!(fit.model().means()[1], 1e4);
    assert!(fit.model().flat().iter().all(|v| v.is_finite()));
    assert!(fit.model().weights()[1] < 1e-300);
}

#[test]
fn em_from_data_reaches_the_ground_truth_loss_on_the_classic_setup() {
    let truth = CLASSIC.truth();
    let seeds = 1..=10u64;
    let mut reached = Vec::new();
    for seed in seeds.clone() {
        let data = sample(&truth, CLASSIC.n, seed);
        let truth_loss = truth.mean_nll(&data).unwrap();
        let init = initialise(InitStrategy::FromData, 5, &data, seed, DEFAULT_VARIANCE_FLOOR.sqrt()).unwrap();
        let mut fit = EmFit::new(init, DEFAULT_VARIANCE_FLOOR);
        let hit = (1..=500).find(|_| {
            fit.step(&data).unwrap();
            fit.model().mean_nll(&data).unwrap() <= truth_loss
        });
        println!(
            "seed {seed}: truth loss {truth_loss:.6}, reached at iteration {hit:?}, final {:.6}",
            fit.model().mean_nll(&data).unwrap()
        );
        if hit.is_some() {
            reached.push(seed);
        }
    }
    println!(
        "EM from data reached the ground-truth loss within 500 iterations for {} of 10 seeds",
        reached.len()
    );
    assert!(
        reached.len() >= 6,
        "only seeds {reached:?} of 1..=10 reached the truth's loss"
    );
}
