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

/// `e^x` for `x` in `[-708, 0]`, the range of shifted log-densities in log-sum-exp; several times faster
/// than [`exp`] and within one unit in the last place of it.
///
/// # Formula
/// musl's `exp` without its special cases: `x = k ln 2 + r` with `|r| <= ln(2)/2` (ln 2 split in a high
/// and a low part so that `r` is exact), `e^r` by the rational approximation
/// `1 + r + r c / (2 - c)` with `c = r - r^2 (P1 + r^2 (P2 + ...))`, then `2^k` put into the exponent bits.
/// `k`, the nearest integer to `x / ln 2`, is found by adding `1.5 * 2^52` (the sum's last bits are `k`),
/// so the function is straight-line floating-point and 64-bit integer arithmetic that compilers turn into
/// SIMD code. Outside `[-708, 0]` the result is meaningless (callers send smaller values to 0 themselves).
#[inline(always)]
pub fn exp_nonpositive(x: f64) -> f64 {
    // musl's constants, given by their bits so that no digit is lost in translation.
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    const INV_LN2: f64 = std::f64::consts::LOG2_E;
    const P1: f64 = f64::from_bits(0x3fc5_5555_5555_553e);
    const P2: f64 = f64::from_bits(0xbf66_c16c_16be_bd93);
    const P3: f64 = f64::from_bits(0x3f11_566a_af25_de2c);
    const P4: f64 = f64::from_bits(0xbebb_bd41_c5d2_6bf1);
    const P5: f64 = f64::from_bits(0x3e66_3769_72be_a4d0);
    // 1.5 * 2^52: adding it rounds |t| < 2^51 to an integer and leaves that integer in the low mantissa bits.
    const ROUNDER: f64 = 6_755_399_441_055_744.0;
    let t = x * INV_LN2 + ROUNDER;
    let kf = t - ROUNDER;
    let hi = x - kf * LN2_HI;
    let lo = kf * LN2_LO;
    let r = hi - lo;
    let rr = r * r;
    let c = r - rr * (P1 + rr * (P2 + rr * (P3 + rr * (P4 + rr * P5))));
    let y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
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
