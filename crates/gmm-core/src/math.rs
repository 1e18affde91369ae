//! Scalar helpers used by every numeric module: log-sum-exp, softmax, the normal log-density.
//!
//! Transcendental functions come from the pure-Rust `libm` crate, not the platform's C library,
//! so a given seed gives bit-identical data and fits natively and in WebAssembly.

use std::ops::{Add, Mul, Sub};

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

mod exp_table;
pub(crate) use exp_table::EXP_TABLE;

/// The arithmetic [`exp_nonpositive_with`] is written in: one `f64`, or several lanes at once (the
/// WebAssembly pass's SIMD vectors, [`crate::likelihood::wide`]). Each lane gets the same IEEE operations in
/// the same order, so every implementation gives the same bits as the `f64` one.
pub trait ExpLanes: Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> {
    /// `v` in every lane.
    fn splat(v: f64) -> Self;
    /// `(tail_j, 2^e s_j)` in every lane from `t = k + 1.5 * 2^52`, `k = 128 e + j` (`0 <= j < 128`): the
    /// entry `j` of the table ([`exp_table`]) and `2^(k/128) = 2^e s_j (1 + tail_j)`.
    fn table_entry(t: Self) -> (Self, Self);
}

/// The lookup of [`ExpLanes::table_entry`] for one value.
///
/// # Formula
/// `k`'s low bits are `t`'s (the `1.5 * 2^52` fixes the exponent), so `j = bits(t) mod 128`, and
/// `bits(t) << 45 = (e << 52) + (j << 45)` modulo `2^64`; the table stores `bits(s_j) - (j << 45)`, so the
/// sum is `bits(s_j) + (e << 52)`, the bits of `2^e s_j` (a normal number for `k > -1022 * 128`).
#[inline(always)]
pub fn exp_table_entry(t: f64) -> (f64, f64) {
    let bits = t.to_bits();
    let [tail, scale] = EXP_TABLE[(bits % 128) as usize];
    (f64::from_bits(tail), f64::from_bits(scale.wrapping_add(bits << 45)))
}

impl ExpLanes for f64 {
    #[inline(always)]
    fn splat(v: f64) -> Self {
        v
    }
    #[inline(always)]
    fn table_entry(t: Self) -> (Self, Self) {
        exp_table_entry(t)
    }
}

/// The constants of [`exp_nonpositive`], in lanes of type `T`. A SIMD loop can pass them in through
/// [`std::hint::black_box`] ([`exp_nonpositive_with`]), so that they are loaded once per loop rather than
/// rebuilt in every iteration (which some WebAssembly engines do for each 128-bit constant).
#[derive(Debug, Clone, Copy)]
pub struct ExpConstants<T = f64> {
    inv_ln2_n: T,
    rounder: T,
    ln2_hi_n: T,
    ln2_lo_n: T,
    /// The polynomial `p` of [`exp_nonpositive`], lowest degree first.
    c: [T; 4],
}

impl ExpConstants {
    /// The same constants in every lane of `T`.
    #[inline(always)]
    pub fn splat<T: ExpLanes>(&self) -> ExpConstants<T> {
        ExpConstants {
            inv_ln2_n: T::splat(self.inv_ln2_n),
            rounder: T::splat(self.rounder),
            ln2_hi_n: T::splat(self.ln2_hi_n),
            ln2_lo_n: T::splat(self.ln2_lo_n),
            c: self.c.map(T::splat),
        }
    }
}

/// The values of [`ExpConstants`].
pub const EXP_CONSTANTS: ExpConstants = ExpConstants {
    // 128 / ln 2.
    inv_ln2_n: std::f64::consts::LOG2_E * 128.0,
    // 1.5 * 2^52: adding it rounds |t| < 2^51 to an integer and leaves that integer in the low mantissa bits.
    rounder: 6_755_399_441_055_744.0,
    // ln(2) / 128 in a high part with 21 trailing zero bits (so k ln2_hi_n is exact for |k| < 2^21) and a
    // low part: musl's split of ln 2, divided by 128 (exact).
    ln2_hi_n: f64::from_bits(0x3fe6_2e42_fee0_0000) / 128.0,
    ln2_lo_n: f64::from_bits(0x3dea_39ef_3579_3c76) / 128.0,
    // 1/2!, 1/3!, 1/4!, 1/5!: on |r| <= ln(2)/256 the Taylor polynomial's error, r^6/6!, is below 5.5e-19.
    c: [0.5, 1.0 / 6.0, 1.0 / 24.0, 1.0 / 120.0],
};

/// `e^x` for `x` in `[-708, 0]`, the range of shifted log-densities in log-sum-exp; several times faster
/// than [`exp`] and within one unit in the last place of it.
///
/// # Formula
/// `x = k ln(2)/128 + r` with `k` the nearest integer to `128 x / ln 2`, found by adding `1.5 * 2^52` (the
/// sum's last bits are `k`), and `|r| <= ln(2)/256` (`ln(2)/128` split in a high and a low part so that `r`
/// is exact to about an ulp). With `k = 128 e + j`, `2^(k/128) = 2^e s_j (1 + tail_j)` from a table of 128
/// entries ([`exp_table_entry`]), and `e^r = 1 + r + r^2 p(r)`, `p(r) = c_0 + c_1 r + (c_2 + c_3 r) r^2`
/// (degree 5 in all, error below `5.5e-19`):
/// `e^x = 2^e s_j + 2^e s_j ((tail_j + r) + r^2 p(r))`, rounded once at the end (the last sum) to about
/// half an ulp. Eighteen floating-point operations, a few integer ones and one table load, no division:
/// short dependency chains that compilers turn into SIMD code. Outside `[-708, 0]` the result is
/// meaningless (callers send smaller values to 0 themselves).
#[inline(always)]
pub fn exp_nonpositive(x: f64) -> f64 {
    exp_nonpositive_with(x, &EXP_CONSTANTS)
}

/// [`exp_nonpositive`] with its constants passed in, lane by lane; the same bits for [`EXP_CONSTANTS`] in
/// any [`ExpLanes`].
#[inline(always)]
pub fn exp_nonpositive_with<T: ExpLanes>(x: T, k: &ExpConstants<T>) -> T {
    let t = x * k.inv_ln2_n + k.rounder;
    let kf = t - k.rounder;
    let r = (x - kf * k.ln2_hi_n) - kf * k.ln2_lo_n;
    let (tail, scale) = T::table_entry(t);
    let c = &k.c;
    let r2 = r * r;
    let p = (c[0] + c[1] * r) + (c[2] + c[3] * r) * r2;
    let y = (tail + r) + r2 * p;
    scale + scale * y
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
