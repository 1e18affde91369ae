//! Log-likelihood, densities and responsibilities: agreement with direct formulas and finiteness where a
//! naive `log(sum(exp))` breaks.

mod common;
use common::{mixture, ROUNDING_TOL};
use gmm_core::math::normal_ln_pdf;
use gmm_core::Mixture;

/// `ln(sum_k exp(ln w_k + ln N_k(x)))` without the max shift: what log-sum-exp protects against.
fn naive_log_sum_exp(m: &Mixture, x: f64) -> f64 {
    let w = m.weights();
    (0..m.k())
        .map(|k| (w[k].ln() + normal_ln_pdf(x, m.means()[k], m.log_sigmas()[k])).exp())
        .sum::<f64>()
        .ln()
}

fn naive_log_pdf(m: &Mixture, x: f64) -> f64 {
    let (w, mu, s) = (m.weights(), m.means(), m.sigmas());
    (0..m.k())
        .map(|k| {
            w[k] * (-(x - mu[k]).powi(2) / (2.0 * s[k] * s[k])).exp() / (s[k] * (2.0 * std::f64::consts::PI).sqrt())
        })
        .sum::<f64>()
        .ln()
}

#[test]
fn log_pdf_matches_the_naive_formula_where_that_is_safe() {
    let m = mixture(&[0.2, 0.5, 0.3], &[-1.0, 0.0, 2.0], &[0.5, 1.0, 0.3]);
    for x in [-3.0, -1.0, 0.0, 0.4, 2.0, 5.0] {
        assert!((m.log_pdf(x) - naive_log_pdf(&m, x)).abs() < ROUNDING_TOL, "x = {x}");
    }
}

#[test]
fn log_likelihood_is_finite_where_the_naive_sum_underflows() {
    // Sigmas of 1e-8 and points 1e4 standard deviations away: every density underflows to 0 in f64.
    let m = mixture(&[0.5, 0.5], &[0.0, 1.0], &[1e-8, 1e-8]);
    let data = [1e-4, 1.0 - 1e-4, 0.5];
    for &x in &data {
        assert_eq!(
            naive_log_sum_exp(&m, x),
            f64::NEG_INFINITY,
            "the naive sum should underflow at {x}"
        );
        let lp = m.log_pdf(x);
        assert!(lp.is_finite(), "log-sum-exp gives {lp} at {x}");
    }
    // At 1e4 sigmas from component 0 (and far from 1): ln p = ln(1/2) + ln N(1e4 sigma) exactly.
    let expected = 0.5f64.ln() + normal_ln_pdf(1e-4, 0.0, (1e-8f64).ln());
    assert!((m.log_pdf(1e-4) - expected).abs() <= 1e-12 * expected.abs());
    let ll = m.log_likelihood(&data);
    assert!(ll.is_finite() && ll < -1e7, "log-likelihood {ll}");
}

#[test]
fn log_likelihood_is_finite_where_the_naive_sum_overflows_or_the_mixture_is_refused() {
    // The largest log-density a mixture may have is that of sigma = exp(-345), about 345: its exp is finite.
    // Sigmas of 1e-320 (log-densities above 709, whose exp overflows) are refused at construction since
    // 1/sigma^2 would overflow (tests/numerics_regressions.rs); just inside the range, log-sum-exp is exact.
    assert!(gmm_core::Mixture::from_weights(&[0.5, 0.5], &[0.0, 0.0], &[1e-320, 1e-320]).is_err());
    let s = *gmm_core::model::mixture::LOG_SIGMA_RANGE.start();
    let m = gmm_core::Mixture::new(&[0.0, 0.0], &[0.0, 0.0], &[s, s]).unwrap();
    let lp = m.log_pdf(0.0);
    let expected = normal_ln_pdf(0.0, 0.0, s);
    assert!((lp - expected).abs() < 1e-12 * expected, "{lp} vs {expected}");
    // Summed naively over 1,000,000 such points the likelihood overflows; in log space it is exact.
    let data = vec![0.0; 1_000_000];
    assert_eq!(
        (0..data.len())
            .map(|_| naive_log_sum_exp(&m, 0.0).exp())
            .product::<f64>(),
        f64::INFINITY
    );
    let total = m.log_likelihood(&data);
    assert!((total - 1e6 * expected).abs() < 1e-9 * total, "{total}");
}

#[test]
fn responsibilities_are_a_posterior() {
    let m = mixture(&[0.2, 0.5, 0.3], &[-1.0, 0.0, 2.0], &[0.5, 1.0, 0.3]);
    let data = [-2.0, -1.0, 0.1, 1.9, 40.0];
    let r = m.responsibilities(&data);
    for (row, &x) in r.chunks(3).zip(&data) {
        assert!((row.iter().sum::<f64>() - 1.0).abs() < ROUNDING_TOL);
        // r_k = w_k N_k(x) / p(x), checked in log space.
        for (k, r_k) in row.iter().enumerate() {
            let log_joint = m.weights()[k].ln() + normal_ln_pdf(x, m.means()[k], m.log_sigmas()[k]);
            let expected = (log_joint - m.log_pdf(x)).exp();
            assert!((r_k - expected).abs() < 1e-12, "x = {x}, k = {k}");
        }
    }
    // Far to the right, the component with the largest sigma... is not the one whose tail wins:
    // ln N decays as -(x-mu)^2 / 2 sigma^2, so at x = 40 the widest component (sigma 1) takes it all.
    assert!(r[4 * 3 + 1] > 0.999_999);
}

#[test]
fn density_integrates_to_one_and_components_add_up() {
    let m = mixture(
        &[0.25, 0.25, 1.0 / 6.0, 1.0 / 6.0, 1.0 / 6.0],
        &[1.0, -0.5, -2.0, 0.5, 3.0],
        &[0.5, 1.0, 0.2, 0.1, 0.5],
    );
    let (lo, hi, n) = (-10.0, 10.0, 20_001);
    let p = m.density_on_grid(lo, hi, n);
    let dx = (hi - lo) / (n - 1) as f64;
    let integral = p.iter().sum::<f64>() * dx - 0.5 * dx * (p[0] + p[n - 1]);
    assert!((integral - 1.0).abs() < 1e-9, "trapezoid integral {integral}");
    let parts: Vec<Vec<f64>> = (0..5).map(|k| m.component_density_on_grid(k, lo, hi, n)).collect();
    for i in (0..n).step_by(997) {
        let sum: f64 = parts.iter().map(|c| c[i]).sum();
        assert!((sum - p[i]).abs() <= 1e-12 * p[i].max(1e-300), "at grid point {i}");
    }
}
