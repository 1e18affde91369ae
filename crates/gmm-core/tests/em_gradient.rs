//! EM is a gradient step (Xu and Jordan, 1996): `P` times the gradient equals EM's step exactly for the
//! weights and the means, and differs by `(mu_k' - mu_k)^2` for the variances, at random parameters and
//! data, also near the variance floor.

use gmm_core::rng::{seeded_rng, standard_normal, uniform_open0};
use gmm_core::teach::em_gradient::{em_gradient_identities, ComponentIdentity, EmGradientReport};
use gmm_core::teach::inspect::InspectError;
use gmm_core::{em_step, Mixture, DEFAULT_VARIANCE_FLOOR};

/// The identities' tolerance, relative to the size of the numbers EM's step subtracts (the parameter
/// before and after, and the step): `w_k' - w_k` cannot be more exact than a rounding of `w_k`.
const IDENTITY_REL_TOL: f64 = 1e-12;

/// `|value| / max(scales)`.
fn relative(value: f64, scales: &[f64]) -> f64 {
    value.abs() / scales.iter().fold(f64::MIN_POSITIVE, |m, s| m.max(s.abs()))
}

/// Data from a random mixture of 1 to 4 components, and a random model of `k` components to check at.
fn random_case(seed: u64, k: usize) -> (Mixture, Vec<f64>) {
    let mut rng = seeded_rng(seed);
    let truth_k = 1 + (seed % 4) as usize;
    let centres: Vec<f64> = (0..truth_k).map(|_| 5.0 * standard_normal(&mut rng)).collect();
    let spreads: Vec<f64> = (0..truth_k).map(|_| 0.2 + 2.0 * uniform_open0(&mut rng)).collect();
    let n = 50 + (seed as usize * 37) % 400;
    let data: Vec<f64> = (0..n)
        .map(|i| centres[i % truth_k] + spreads[i % truth_k] * standard_normal(&mut rng))
        .collect();
    let logits: Vec<f64> = (0..k).map(|_| 2.0 * standard_normal(&mut rng)).collect();
    let means: Vec<f64> = (0..k).map(|_| 4.0 * standard_normal(&mut rng)).collect();
    let log_sigmas: Vec<f64> = (0..k).map(|_| standard_normal(&mut rng)).collect();
    (Mixture::new(&logits, &means, &log_sigmas).unwrap(), data)
}

/// The worst relative errors of one report: `[weights, means, variance residual - (mu' - mu)^2]`,
/// over the components whose variance the floor did not hold.
fn worst_errors(model: &Mixture, report: &EmGradientReport) -> [f64; 3] {
    let mut worst = [0.0f64; 3];
    for c in &report.components {
        let j = c.component;
        let w = model.weights()[j];
        worst[0] = worst[0].max(relative(
            c.weight.residual,
            &[w, w + c.weight.em_step, c.weight.em_step],
        ));
        let (Some(mean), Some(var)) = (c.mean, c.variance) else {
            continue;
        };
        let mu = model.means()[j];
        worst[1] = worst[1].max(relative(mean.residual, &[mu, mu + mean.em_step, mean.em_step]));
        if !c.floored {
            let sigma2 = model.sigmas()[j].powi(2);
            let shift2 = c.mean_shift_squared.unwrap();
            let scales = [
                sigma2,
                sigma2 + var.em_step,
                c.variance_around_old_mean.unwrap(),
                var.product,
            ];
            worst[2] = worst[2].max(relative(var.residual - shift2, &scales));
        }
    }
    worst
}

#[test]
fn p_times_the_gradient_is_ems_step_at_random_parameters_and_data() {
    let mut worst = [0.0f64; 3];
    let mut unfloored_variances = 0;
    for seed in 0..200u64 {
        let k = 1 + (seed % 5) as usize;
        let (model, data) = random_case(seed, k);
        let Ok(report) = em_gradient_identities(&model, &data, DEFAULT_VARIANCE_FLOOR) else {
            continue; // a random model far from every point: the likelihood underflows
        };
        assert_eq!(report.components.len(), k);
        let errors = worst_errors(&model, &report);
        for (w, e) in worst.iter_mut().zip(errors) {
            *w = w.max(e);
        }
        unfloored_variances += report
            .components
            .iter()
            .filter(|c| c.variance.is_some() && !c.floored)
            .count();
        // EM's step is the real one: the components of em_step's new mixture.
        let (new, _) = em_step(&model, &data, DEFAULT_VARIANCE_FLOOR).unwrap();
        for c in &report.components {
            let j = c.component;
            let w_new = model.weights()[j] + c.weight.em_step;
            let w_scales = [w_new, model.weights()[j]];
            assert!(
                relative(w_new - new.weights()[j], &w_scales) < IDENTITY_REL_TOL,
                "seed {seed}"
            );
            if let Some(mean) = c.mean {
                let mu_new = model.means()[j] + mean.em_step;
                let mu_scales = [mu_new, model.means()[j]];
                assert!(
                    relative(mu_new - new.means()[j], &mu_scales) < IDENTITY_REL_TOL,
                    "seed {seed}"
                );
            }
        }
    }
    eprintln!("worst relative errors (weights, means, variances - shift^2): {worst:?}");
    assert!(
        unfloored_variances > 300,
        "only {unfloored_variances} variances checked"
    );
    assert!(worst[0] < IDENTITY_REL_TOL, "weights: {:e}", worst[0]);
    assert!(worst[1] < IDENTITY_REL_TOL, "means: {:e}", worst[1]);
    assert!(worst[2] < IDENTITY_REL_TOL, "variances: {:e}", worst[2]);
}

#[test]
fn the_variance_residual_is_the_squared_mean_shift_and_not_zero() {
    // Away from convergence the mean moves, so the variance identity is not exact: the residual is the
    // squared shift, far above rounding.
    let (model, data) = random_case(7, 3);
    let report = em_gradient_identities(&model, &data, DEFAULT_VARIANCE_FLOOR).unwrap();
    let c = report
        .components
        .iter()
        .find(|c| c.variance.is_some() && !c.floored)
        .unwrap();
    let shift2 = c.mean_shift_squared.unwrap();
    assert!(shift2 > 1e-6, "the mean moved by {:e}", shift2.sqrt());
    let var = c.variance.unwrap();
    assert!(var.residual.abs() > 1e-6);
    assert!(relative(var.residual - shift2, &[var.residual]) < IDENTITY_REL_TOL);
}

/// Points tightly around 0 (spread `spread`), and a component at 0 whose variance is `ratio` times the
/// floor, beside a wide one.
fn near_floor_case(seed: u64, spread: f64, ratio: f64, floor: f64) -> (Mixture, Vec<f64>) {
    let mut rng = seeded_rng(seed);
    let mut data: Vec<f64> = (0..40).map(|_| spread * standard_normal(&mut rng)).collect();
    data.extend((0..60).map(|_| 3.0 + standard_normal(&mut rng)));
    let shift = 0.3 * spread * standard_normal(&mut rng);
    let model = Mixture::from_weights(&[0.4, 0.6], &[shift, 3.0], &[(ratio * floor).sqrt(), 1.0]).unwrap();
    (model, data)
}

#[test]
fn near_the_variance_floor_the_identities_hold_and_a_binding_floor_is_reported() {
    let floor = DEFAULT_VARIANCE_FLOOR;
    let (mut unfloored, mut floored) = (0, 0);
    let mut worst = [0.0f64; 3];
    for seed in 0..60u64 {
        // Spreads from 0.3 to 3 times the floor's sigma: EM's variance falls on both sides of the floor.
        let spread = floor.sqrt() * (0.3 + 2.7 * (seed % 10) as f64 / 9.0);
        let ratio = 1.0 + (seed / 10) as f64 * 0.5;
        let (model, data) = near_floor_case(seed, spread, ratio, floor);
        let report = em_gradient_identities(&model, &data, floor).unwrap();
        let errors = worst_errors(&model, &report);
        for (w, e) in worst.iter_mut().zip(errors) {
            *w = w.max(e);
        }
        let c: &ComponentIdentity = &report.components[0];
        let var = c.variance.unwrap();
        let s_k = c.variance_around_old_mean.unwrap();
        let shift2 = c.mean_shift_squared.unwrap();
        let em_variance = s_k - shift2;
        // Away from the floor by more than rounding, the report says which side EM's variance fell on.
        if (em_variance - floor).abs() > 1e-9 * floor {
            assert_eq!(c.floored, em_variance < floor, "seed {seed}: {em_variance:e}");
        }
        if c.floored {
            floored += 1;
            // EM's step ends at the floor, so the residual is S_k - floor.
            let sigma2 = model.sigmas()[0].powi(2);
            assert!(em_variance <= floor * (1.0 + IDENTITY_REL_TOL), "seed {seed}");
            assert!(relative(var.residual - (s_k - floor), &[s_k, floor, sigma2]) < IDENTITY_REL_TOL);
        } else {
            unfloored += 1;
            assert!(em_variance > floor * (1.0 - IDENTITY_REL_TOL), "seed {seed}");
        }
    }
    eprintln!("near the floor: {unfloored} unfloored, {floored} floored; worst {worst:?}");
    assert!(
        unfloored >= 10 && floored >= 10,
        "{unfloored} unfloored, {floored} floored"
    );
    assert!(worst.iter().all(|&e| e < IDENTITY_REL_TOL), "{worst:?}");
}

#[test]
fn identities_refuse_no_data_and_a_vanished_likelihood() {
    let model = Mixture::from_weights(&[1.0], &[0.0], &[1.0]).unwrap();
    assert_eq!(
        em_gradient_identities(&model, &[], DEFAULT_VARIANCE_FLOOR),
        Err(InspectError::EmptyData)
    );
    let far = em_gradient_identities(&model, &[1e200], DEFAULT_VARIANCE_FLOOR);
    assert!(matches!(far, Err(InspectError::NotFinite { .. })), "{far:?}");
}
