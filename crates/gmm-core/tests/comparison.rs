//! A mixture fitted elsewhere (the homework's parameterisation) compared on the run's data.

use gmm_core::model::mixture::ModelError;
use gmm_core::run::comparison::Comparison;
use gmm_core::{FitConfig, FitSession};

/// Relative tolerance of a loss summed in another order than the library's.
const REL_TOL: f64 = 1e-12;

fn classic() -> FitSession {
    FitSession::new(FitConfig::default()).unwrap()
}

/// `-(1/N) Σᵢ log Σₖ wₖ N(xᵢ | μₖ, σₖ)`, summed naively (fine for the classic data, which never underflow
/// at the truth).
fn naive_mean_nll(logits: &[f64], means: &[f64], log_sigmas: &[f64], data: &[f64]) -> f64 {
    let z: f64 = logits.iter().map(|a| a.exp()).sum();
    let total: f64 = data
        .iter()
        .map(|&x| {
            let p: f64 = (0..logits.len())
                .map(|k| {
                    let sigma = log_sigmas[k].exp();
                    let u = (x - means[k]) / sigma;
                    logits[k].exp() / z * (-0.5 * u * u).exp() / (sigma * (2.0 * std::f64::consts::PI).sqrt())
                })
                .sum();
            p.ln()
        })
        .sum();
    -total / data.len() as f64
}

#[test]
fn the_truth_compared_has_the_truths_loss() {
    let s = classic();
    let t = s.truth().unwrap();
    let c = Comparison::new(&s, t.logits(), t.means(), t.log_sigmas()).unwrap();
    assert_eq!(c.loss(), s.truth_loss().unwrap());
    assert_eq!(c.mixture(), t);
}

#[test]
fn its_loss_is_the_mean_nll_in_the_homeworks_parameterisation() {
    let s = classic();
    let (logits, means, log_sigmas) = ([0.3, -1.0, 2.0], [-1.0, 0.5, 2.5], [0.1, -0.7, -0.2]);
    let c = Comparison::new(&s, &logits, &means, &log_sigmas).unwrap();
    let expected = naive_mean_nll(&logits, &means, &log_sigmas, s.data());
    assert!(
        (c.loss() - expected).abs() <= REL_TOL * expected.abs(),
        "{} vs {expected}",
        c.loss()
    );
    // Softmax ignores a common shift of the logits: the same weights, the same loss.
    let shifted = Comparison::new(&s, &[10.3, 9.0, 12.0], &means, &log_sigmas).unwrap();
    assert!((shifted.loss() - c.loss()).abs() <= REL_TOL * c.loss().abs());
    // A worse mixture has a higher loss than the truth's.
    assert!(c.loss() > s.truth_loss().unwrap());
}

#[test]
fn a_broken_mixture_is_refused_saying_what_is_wrong() {
    let s = classic();
    let e = Comparison::new(&s, &[0.0, 0.0], &[1.0], &[0.0, 0.0]).unwrap_err();
    assert_eq!(
        e,
        ModelError::LengthMismatch {
            logits: 2,
            means: 1,
            log_sigmas: 2
        }
    );
    assert!(e.to_string().contains("2 logits, 1 means, 2 log-sigmas"), "{e}");
    let e = Comparison::new(&s, &[0.0], &[f64::NAN], &[0.0]).unwrap_err();
    assert!(e.to_string().contains("means[0] is NaN"), "{e}");
    let e = Comparison::new(&s, &[1e7], &[0.0], &[0.0]).unwrap_err();
    assert!(e.to_string().starts_with("logits[0] is 1e+7"), "{e}");
    assert_eq!(
        Comparison::new(&s, &[], &[], &[]).unwrap_err(),
        ModelError::NoComponents
    );
}
