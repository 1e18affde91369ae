//! Numbers an independent check found wrong, each pinned by a test: EM's variance for data far from the
//! start, logits and sigmas whose arithmetic would lose the weights or the densities, and means over no
//! data or no grid.

mod common;
use common::{mixture, EM_MONOTONE_REL_TOL, GRADIENT_REL_TOL};
use gmm_core::data::histogram::Histogram;
use gmm_core::likelihood::point::EmptyData;
use gmm_core::model::mixture::{LOGIT_RANGE, LOG_SIGMA_RANGE};
use gmm_core::teach::inspect::component_report;
use gmm_core::teach::stepthrough::e_step;
use gmm_core::{mean_nll_and_gradient, sample, EmFit, GradientScratch, Mixture, ModelError, DEFAULT_VARIANCE_FLOOR};

/// `1e8 + z`, z standard normal: 5000 points far from a start at 0.
fn far_data() -> Vec<f64> {
    sample(&mixture(&[1.0], &[1e8], &[1.0]), 5000, 7)
}

/// Mean and variance by two passes, the reference the M-step must match.
fn two_pass_moments(data: &[f64]) -> (f64, f64) {
    let n = data.len() as f64;
    let mean = data.iter().sum::<f64>() / n;
    let var = data.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
    (mean, var)
}

/// Relative tolerance of the M-step's variance against the two-pass reference: rounding of 5000 terms.
const VARIANCE_REL_TOL: f64 = 1e-10;
/// Relative tolerance of the mean: summing 5000 values near 1e8 rounds by about sqrt(5000) ulps of 1e8.
const MEAN_REL_TOL: f64 = 1e-13;

#[test]
fn em_variance_is_accurate_when_the_mean_moves_far() {
    let data = far_data();
    let (mean, var) = two_pass_moments(&data);
    assert!((var - 1.0).abs() < 0.1, "the sample's variance is about 1: {var}");
    for start_sigma in [1.0, 1e8] {
        let mut fit = EmFit::new(mixture(&[1.0], &[0.0], &[start_sigma]), DEFAULT_VARIANCE_FLOOR);
        fit.step(&data).unwrap();
        let model = fit.model();
        assert!(
            (model.means()[0] - mean).abs() <= MEAN_REL_TOL * mean,
            "mean {} vs {mean}",
            model.means()[0]
        );
        let em_var = model.sigmas()[0].powi(2);
        assert!(
            ((em_var - var) / var).abs() < VARIANCE_REL_TOL,
            "start sigma {start_sigma}: EM's variance {em_var} vs two-pass {var}"
        );
        assert!(!fit.floored()[0], "the variance is about 1, far above the floor");
        // With K = 1 one iteration is the maximum-likelihood fit: the next loss is the Gaussian's, about 1.42.
        let loss = fit.step(&data).unwrap();
        let expected = 0.5 * (2.0 * std::f64::consts::PI * var).ln() + 0.5;
        assert!(
            (loss - expected).abs() < 1e-9,
            "start sigma {start_sigma}: loss {loss} vs {expected}"
        );
    }
}

#[test]
fn em_never_decreases_the_likelihood_for_data_anywhere_in_the_accepted_range() {
    for (offset, scale) in [
        (0.0, 1.0),
        (1e8, 1.0),
        (-1e8, 1e-3),
        (1e15, 1e3),
        (1e50, 1e45),
        (-9e99, 1e97),
    ] {
        let truth = mixture(
            &[0.4, 0.6],
            &[offset - 3.0 * scale, offset + 2.0 * scale],
            &[scale, 0.5 * scale],
        );
        let data = sample(&truth, 2000, 3);
        for start in [
            mixture(&[0.5, 0.5], &[0.0, 1.0], &[1.0, 1.0]),
            mixture(&[0.5, 0.5], &[0.0, 1.0], &[1e90, 1e90]),
            mixture(&[1.0], &[0.0], &[1.0]),
            mixture(&[1.0], &[0.0], &[1e8]),
        ] {
            let mut fit = EmFit::new(start, DEFAULT_VARIANCE_FLOOR);
            let mut previous = fit.step(&data).unwrap();
            for t in 1..60 {
                let loss = fit.step(&data).unwrap();
                let rise = (loss - previous) / previous.abs().max(1.0);
                assert!(
                    rise <= EM_MONOTONE_REL_TOL,
                    "offset {offset:e}, scale {scale:e}, step {t}: {previous} -> {loss}"
                );
                previous = loss;
            }
        }
    }
}

#[test]
fn the_step_through_and_the_inspector_agree_with_em_when_the_mean_moves_far() {
    let data = far_data();
    let (mean, var) = two_pass_moments(&data);
    let start = mixture(&[1.0], &[0.0], &[1.0]);
    let histogram = Histogram::new(&data, 20);
    let e = e_step(&start, &data, &histogram).unwrap();
    assert!(
        ((e.weighted_variances[0] - var) / var).abs() < VARIANCE_REL_TOL,
        "{}",
        e.weighted_variances[0]
    );
    let m = e.m_step(DEFAULT_VARIANCE_FLOOR).unwrap();
    assert!(((m.after.sigmas()[0].powi(2) - var) / var).abs() < VARIANCE_REL_TOL);
    let report = component_report(&start, &data, 0).unwrap();
    assert!((report.weighted_mean.unwrap() - mean).abs() <= MEAN_REL_TOL * mean);
    assert!(((report.weighted_variance.unwrap() - var) / var).abs() < VARIANCE_REL_TOL);
}

#[test]
fn huge_logits_are_refused_with_a_message_that_says_how_to_fix_them() {
    let e = Mixture::new(&[1e16, 1e16], &[0.0, 1.0], &[0.0, 0.0]).unwrap_err();
    assert_eq!(e, ModelError::LogitOutOfRange { index: 0, value: 1e16 });
    let message = e.to_string();
    assert!(message.contains("logits[0] is 1e+16"), "{message}");
    assert!(message.contains("shift all logits by the same amount"), "{message}");
    // At the edge of the range the weights are still right to about 1e-10.
    let edge = *LOGIT_RANGE.end();
    let w = Mixture::new(&[edge, edge], &[0.0, 1.0], &[0.0, 0.0]).unwrap().weights();
    assert!(w.iter().all(|w| (w - 0.5).abs() < 1e-9), "{w:?}");
}

#[test]
fn sigmas_below_1e_150_are_refused_and_at_the_limit_density_and_gradient_are_finite() {
    let below = (1e-160f64).ln();
    let e = Mixture::new(&[0.0], &[0.0], &[below]).unwrap_err();
    assert!(matches!(e, ModelError::LogSigmaOutOfRange { index: 0, .. }), "{e:?}");
    assert!(e.to_string().contains("1/sigma^2"), "{e}");
    // At the lowest allowed sigma, a point on the mean and one a few sigmas away have finite log-densities
    // that equal the textbook's, and the gradient beside a finite loss is finite.
    let s = *LOG_SIGMA_RANGE.start();
    let sigma = s.exp();
    let model = Mixture::new(&[0.0, 0.0], &[0.0, 1.0], &[s, 0.0]).unwrap();
    let data = [0.0, 3.0 * sigma, 1.0, 2.0];
    let mut grad = vec![0.0; 6];
    let loss = mean_nll_and_gradient(&model, &data, &mut grad, &mut GradientScratch::default());
    assert!(loss.is_finite(), "{loss}");
    assert!(grad.iter().all(|g| g.is_finite()), "{grad:?}");
    let textbook = |x: f64| {
        let narrow = (-0.5 * (x / sigma).powi(2)).exp() / (sigma * (2.0 * std::f64::consts::PI).sqrt());
        let wide = (-0.5 * (x - 1.0).powi(2)).exp() / (2.0 * std::f64::consts::PI).sqrt();
        (0.5 * narrow + 0.5 * wide).ln()
    };
    // ln of the narrow component's peak, about 345: computed in log space it needs no overflow.
    let peak = -s - 0.5 * (2.0 * std::f64::consts::PI).ln() + 0.5f64.ln();
    assert!((model.log_pdf(0.0) - peak).abs() < GRADIENT_REL_TOL * peak.abs());
    assert!((model.log_pdf(3.0 * sigma) - (peak - 4.5)).abs() < 1e-9 * peak.abs());
    assert!((model.log_pdf(2.0) - textbook(2.0)).abs() < 1e-12);
}

#[test]
fn the_mean_nll_of_no_data_is_a_typed_error() {
    let model = mixture(&[1.0], &[0.0], &[1.0]);
    assert_eq!(model.mean_nll(&[]), Err(EmptyData));
    assert_eq!(
        EmptyData.to_string(),
        "there are no data points; the mean negative log-likelihood needs at least one"
    );
    assert_eq!(model.log_likelihood(&[]), 0.0);
}

#[test]
fn em_from_a_wide_start_far_from_the_data_only_falls() {
    // Before the M-step recentred, this run's loss went 19.8 -> 5e5 -> 1.44: the likelihood fell.
    let data = far_data();
    let mut fit = EmFit::new(mixture(&[1.0], &[0.0], &[1e8]), DEFAULT_VARIANCE_FLOOR);
    let losses: Vec<f64> = (0..5).map(|_| fit.step(&data).unwrap()).collect();
    for pair in losses.windows(2) {
        assert!(pair[1] <= pair[0] * (1.0 + EM_MONOTONE_REL_TOL), "{losses:?}");
    }
    assert!((losses[0] - 19.8).abs() < 0.1 && losses[4] < 1.5, "{losses:?}");
}
