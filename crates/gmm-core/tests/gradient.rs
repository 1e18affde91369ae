//! The hand-derived gradient against central finite differences, at ordinary and extreme parameters.

mod common;
use common::{rel_err, GRADIENT_REL_TOL};
use gmm_core::rng::seeded_rng;
use gmm_core::{mean_nll_and_gradient, nll_and_gradient, GradientScratch, Mixture};
use rand::RngExt;

/// Fourth-order central difference of the total NLL along parameter `j`, with step `h`.
///
/// Summed point by point, so that points a parameter does not touch cancel exactly and the rounding
/// error is that of the points it does touch, not of the whole (possibly huge) total.
fn finite_difference(model: &Mixture, data: &[f64], j: usize, h: f64) -> f64 {
    let shifted = |delta: f64| {
        let mut p = model.flat().to_vec();
        p[j] += delta;
        Mixture::from_flat(&p).unwrap()
    };
    let (p2, p1, m1, m2) = (shifted(2.0 * h), shifted(h), shifted(-h), shifted(-2.0 * h));
    data.iter()
        .map(|&x| {
            // d(-log p)/d theta
            -(-p2.log_pdf(x) + 8.0 * p1.log_pdf(x) - 8.0 * m1.log_pdf(x) + m2.log_pdf(x)) / (12.0 * h)
        })
        .sum()
}

/// Checks every gradient entry; the step is 1e-4 for logits and log-sigmas and 1e-4 sigma_k for means.
fn assert_gradient_matches(model: &Mixture, data: &[f64], label: &str) -> f64 {
    let k = model.k();
    let mut grad = vec![0.0; 3 * k];
    let loss = nll_and_gradient(model, data, &mut grad, &mut GradientScratch::default());
    assert!(
        (loss + model.log_likelihood(data)).abs() <= 1e-12 * loss.abs().max(1.0),
        "{label}: loss"
    );
    let sigmas = model.sigmas();
    let mut worst: f64 = 0.0;
    for j in 0..3 * k {
        let h = if (k..2 * k).contains(&j) {
            1e-4 * sigmas[j - k]
        } else {
            1e-4
        };
        let fd = finite_difference(model, data, j, h);
        let err = rel_err(grad[j], fd);
        assert!(
            err < GRADIENT_REL_TOL,
            "{label}: parameter {j}: analytic {} vs finite difference {fd} (relative error {err:e})",
            grad[j]
        );
        worst = worst.max(err);
    }
    worst
}

fn random_model(rng: &mut gmm_core::rng::SeededRng, k: usize) -> Mixture {
    let logits: Vec<f64> = (0..k).map(|_| rng.random_range(-2.0..2.0)).collect();
    let means: Vec<f64> = (0..k).map(|_| rng.random_range(-3.0..3.0)).collect();
    let log_sigmas: Vec<f64> = (0..k).map(|_| rng.random_range(-1.5..1.0)).collect();
    Mixture::new(&logits, &means, &log_sigmas).unwrap()
}

#[test]
fn gradient_matches_finite_differences_at_random_parameters() {
    let mut rng = seeded_rng(7);
    for trial in 0..20 {
        let k = 1 + trial % 6;
        let model = random_model(&mut rng, k);
        let data: Vec<f64> = (0..40).map(|_| rng.random_range(-5.0..5.0)).collect();
        assert_gradient_matches(&model, &data, &format!("trial {trial}, K = {k}"));
    }
}

#[test]
fn gradient_matches_finite_differences_at_extreme_parameters() {
    let mut rng = seeded_rng(11);
    let data: Vec<f64> = (0..30).map(|_| rng.random_range(-4.0..4.0)).collect();
    // Sigmas of 1e-3 and 1e3 side by side, with one point right on the narrow component.
    let mut near_narrow = data.clone();
    near_narrow.extend([0.2003, 0.1995]);
    let model = Mixture::new(
        &[0.0, 0.3, -0.2],
        &[0.2, -1.0, 1.5],
        &[(1e-3f64).ln(), (1e3f64).ln(), 0.0],
    )
    .unwrap();
    assert_gradient_matches(&model, &near_narrow, "sigmas 1e-3 and 1e3");
    // Logits of +50 and -50: one weight near 1, one near e^-100.
    let model = Mixture::new(&[50.0, -50.0, 0.0], &[0.0, 1.0, -1.0], &[0.0, -0.5, 0.3]).unwrap();
    assert_gradient_matches(&model, &data, "logits +-50");
    // Data far in the tails: 30 and 60 sigmas from every component.
    let far: Vec<f64> = data.iter().copied().chain([31.0, -61.0, 45.0]).collect();
    let model = Mixture::new(&[0.1, -0.1], &[-0.5, 0.7], &[0.0, -0.2]).unwrap();
    assert_gradient_matches(&model, &far, "points far in the tails");
}

#[test]
fn mean_gradient_is_total_gradient_over_n() {
    let mut rng = seeded_rng(3);
    let model = random_model(&mut rng, 4);
    let data: Vec<f64> = (0..100).map(|_| rng.random_range(-3.0..3.0)).collect();
    let (mut total, mut mean) = (vec![0.0; 12], vec![0.0; 12]);
    let mut scratch = GradientScratch::default();
    let l_total = nll_and_gradient(&model, &data, &mut total, &mut scratch);
    let l_mean = mean_nll_and_gradient(&model, &data, &mut mean, &mut scratch);
    assert!((l_total / 100.0 - l_mean).abs() < 1e-12 * l_mean.abs());
    for (t, m) in total.iter().zip(&mean) {
        assert!((t / 100.0 - m).abs() <= 1e-15 * t.abs().max(1.0));
    }
}

#[test]
fn logit_gradient_sums_to_zero() {
    // Softmax is invariant to adding a constant to every logit, so the logit gradient sums to 0.
    let mut rng = seeded_rng(5);
    let model = random_model(&mut rng, 5);
    let data: Vec<f64> = (0..200).map(|_| rng.random_range(-3.0..3.0)).collect();
    let mut grad = vec![0.0; 15];
    nll_and_gradient(&model, &data, &mut grad, &mut GradientScratch::default());
    let sum: f64 = grad[..5].iter().sum();
    let scale: f64 = grad[..5].iter().map(|g| g.abs()).sum();
    assert!(sum.abs() <= 1e-12 * scale.max(1.0), "sum {sum}, scale {scale}");
}
