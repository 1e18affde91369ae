//! Scalar helpers used by every numeric module: log-sum-exp, softmax, the normal log-density.
//!
//! Transcendental functions come from the pure-Rust `libm` crate, not the platform's C library,
//! so a given seed gives bit-identical data and fits natively and in WebAssembly.

/// `ln(sqrt(2 pi))`, the constant term of the normal log-density.
pub const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

/// `e^x`, the same bits on every platform.
#[inline]
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// Natural logarithm, the same bits on every platform.
#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// The constants of [`exp_nonpositive`]. A SIMD loop can pass them in through [`std::hint::black_box`]
/// ([`exp_nonpositive_with`]), so that they are loaded once per loop rather than rebuilt in every iteration
/// (which some WebAssembly engines do for each 128-bit constant).
#[derive(Debug, Clone, Copy)]
pub struct ExpConstants {
    inv_ln2: f64,
    rounder: f64,
    ln2_hi: f64,
    ln2_lo: f64,
    /// The polynomial `p` of [`exp_nonpositive`], lowest degree first.
    c: [f64; 10],
}

/// The values of [`ExpConstants`].
pub const EXP_CONSTANTS: ExpConstants = ExpConstants {
    inv_ln2: std::f64::consts::LOG2_E,
    // 1.5 * 2^52: adding it rounds |t| < 2^51 to an integer and leaves that integer in the low mantissa bits.
    rounder: 6_755_399_441_055_744.0,
    // ln 2 in a high part with 11 trailing zero bits (so k ln2_hi is exact) and a low part: musl's values.
    ln2_hi: f64::from_bits(0x3fe6_2e42_fee0_0000),
    ln2_lo: f64::from_bits(0x3dea_39ef_3579_3c76),
    // Chebyshev fit of degree 9 (mpmath.chebyfit at 50 digits) to (e^r - 1 - r) / r^2 on |r| <= ln(2)/2:
    // error below 1.1e-16 there, so below 1.3e-17 in e^r after the factor r^2. (Close to 1/2!, ..., 1/11!.)
    c: [
        0.5000000000000001,
        0.16666666666666669,
        0.04166666666662413,
        0.008333333333330062,
        0.0013888888917213717,
        0.00019841269863053618,
        2.4801521295954376e-05,
        2.7557268459997064e-06,
        2.7620088445409746e-07,
        2.510038549551032e-08,
    ],
};

/// `e^x` for `x` in `[-708, 0]`, the range of shifted log-densities in log-sum-exp; several times faster
/// than [`exp`] and within one unit in the last place of it.
///
/// # Formula
/// `x = k ln 2 + r` with `k` the nearest integer to `x / ln 2`, found by adding `1.5 * 2^52` (the sum's last
/// bits are `k`), and `|r| <= ln(2)/2` (ln 2 split in a high and a low part so that `r` is exact to about
/// an ulp); `e^r = 1 + r + r^2 p(r)` with `p` a degree-9 fit to `(e^r - 1 - r) / r^2` (error below
/// `1.3e-17` in `e^r`), in Estrin's scheme (short dependency chains); then `2^k` put into the
/// exponent bits. Straight-line floating-point and 64-bit integer arithmetic without a division, which
/// compilers turn into SIMD code. Outside `[-708, 0]` the result is meaningless (callers send smaller
/// values to 0 themselves).
#[inline(always)]
pub fn exp_nonpositive(x: f64) -> f64 {
    exp_nonpositive_with(x, &EXP_CONSTANTS)
}

/// [`exp_nonpositive`] with its constants passed in; the same bits for [`EXP_CONSTANTS`].
#[inline(always)]
pub fn exp_nonpositive_with(x: f64, k: &ExpConstants) -> f64 {
    let t = x * k.inv_ln2 + k.rounder;
    let kf = t - k.rounder;
    let r = (x - kf * k.ln2_hi) - kf * k.ln2_lo;
    let c = &k.c;
    let r2 = r * r;
    let r4 = r2 * r2;
    let q0 = (c[0] + c[1] * r) + (c[2] + c[3] * r) * r2;
    let q1 = (c[4] + c[5] * r) + (c[6] + c[7] * r) * r2;
    let q2 = c[8] + c[9] * r;
    let p = q0 + (q1 + q2 * r4) * r4;
    let y = 1.0 + (r + r2 * p);
    // The low 12 bits of t's mantissa plus the exponent bias are k + 1023 (mod 2^12), shifted into place.
    y * f64::from_bits(t.to_bits().wrapping_add(0x3ff) << 52)
}

/// `ln(sum_k exp(x_k))` without overflow or underflow.
///
/// # Formula
/// `m + ln(sum_k exp(x_k - m))` with `m = max_k x_k`; every shifted term is `<= 1` and one equals 1,
/// so the sum lies in `[1, K]`.
///
/// Returns `-inf` for an empty slice or when every entry is `-inf`, and `+inf` if any entry is `+inf`.
pub fn log_sum_exp(xs: &[f64]) -> f64 {
    let m = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !m.is_finite() {
        return m;
    }
    let s: f64 = xs.iter().map(|&x| exp(x - m)).sum();
    m + ln(s)
}

/// Log of the softmax: `log w_k = a_k - log_sum_exp(a)` for logits `a` of length K.
pub fn log_softmax(logits: &[f64]) -> Vec<f64> {
    let lse = log_sum_exp(logits);
    logits.iter().map(|&a| a - lse).collect()
}

/// Softmax weights `w_k = exp(a_k - log_sum_exp(a))`, which sum to 1.
pub fn softmax(logits: &[f64]) -> Vec<f64> {
    log_softmax(logits).into_iter().map(exp).collect()
}

/// Log-density of the normal distribution with mean `mean` and standard deviation `exp(log_sigma)`.
///
/// # Formula
/// `ln N(x | mu, sigma) = -ln(sqrt(2 pi)) - ln(sigma) - (x - mu)^2 / (2 sigma^2)`,
/// evaluated with `log_sigma` directly so that tiny sigmas do not underflow.
pub fn normal_ln_pdf(x: f64, mean: f64, log_sigma: f64) -> f64 {
    let d = x - mean;
    // d == 0 is special-cased so that a sigma small enough for exp(-log_sigma) to overflow gives the
    // density's peak rather than 0 * inf = NaN.
    let z2 = if d == 0.0 { 0.0 } else { (d * exp(-log_sigma)).powi(2) };
    -LN_SQRT_2PI - log_sigma - 0.5 * z2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_sum_exp_matches_naive_sum_in_safe_range() {
        let xs = [0.1, -2.0, 3.5, 1.0];
        let naive = xs.iter().map(|&x: &f64| x.exp()).sum::<f64>().ln();
        assert!((log_sum_exp(&xs) - naive).abs() < 1e-14);
    }

    #[test]
    fn log_sum_exp_survives_overflow_and_underflow() {
        assert!((log_sum_exp(&[1000.0, 1000.0]) - (1000.0 + 2f64.ln())).abs() < 1e-12);
        assert!((log_sum_exp(&[-1000.0, -1000.0]) - (-1000.0 + 2f64.ln())).abs() < 1e-12);
        assert_eq!(log_sum_exp(&[]), f64::NEG_INFINITY);
        assert_eq!(log_sum_exp(&[f64::NEG_INFINITY, f64::NEG_INFINITY]), f64::NEG_INFINITY);
        assert_eq!(log_sum_exp(&[0.0, f64::INFINITY]), f64::INFINITY);
    }

    #[test]
    fn softmax_sums_to_one_for_extreme_logits() {
        let w = softmax(&[50.0, -50.0, 0.0, 700.0, -700.0]);
        assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        assert!(w.iter().all(|v| v.is_finite() && *v >= 0.0));
    }

    #[test]
    fn exp_nonpositive_matches_libm_within_one_ulp() {
        let mut worst: f64 = 0.0;
        for i in 0..=2_000_000 {
            let x = -708.0 * (i as f64 / 2_000_000.0).powi(3);
            let (a, b) = (exp_nonpositive(x), libm::exp(x));
            worst = worst.max((a - b).abs() / b);
        }
        assert!(worst <= f64::EPSILON, "worst relative difference {worst:e}");
        assert_eq!(exp_nonpositive(0.0), 1.0);
        assert_eq!(exp_nonpositive(-0.0), 1.0);
    }

    #[test]
    fn normal_ln_pdf_is_standard_at_zero() {
        assert!((normal_ln_pdf(0.0, 0.0, 0.0) - (-LN_SQRT_2PI)).abs() < 1e-15);
        // sigma = 1e-8 and a point 1e4 sigmas away: finite, no underflow to -inf.
        let v = normal_ln_pdf(1e-4, 0.0, (1e-8f64).ln());
        assert!(v.is_finite() && v < -4e7);
    }
}
