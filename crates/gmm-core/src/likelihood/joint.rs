//! The per-point pieces every pass over the data shares: a component's log-joint and the share of a
//! component whose log-joint lies far below the largest.
//!
//! # Formula
//! `ln(w_k N(x | k)) = log_norm_k - (x - mu_k)^2 half_inv_var_k`, with `log_norm_k = ln w_k - s_k - ln sqrt(2 pi)`
//! and `half_inv_var_k = min(exp(-2 s_k), f64::MAX) / 2`.
//!
//! # Failure cases
//! For sigma < 1e-154, `exp(-2 s)` overflows to `+inf`, and a point on the mean (or so close that `d^2`
//! underflows to 0) would get `0 * inf = NaN`. The cap at `f64::MAX` gives it the density's peak, its limit,
//! without a test per point; halving is exact, so elsewhere this is `log_norm - (d^2 inv_var) / 2` to the bit.

use crate::math::exp_nonpositive;

/// A component whose log-joint is this far below the largest one gets responsibility exactly 0: its share
/// `e^-600` cannot change any sum it joins (the largest share is 1), and leaving it out avoids the slow
/// subnormal arithmetic that values near `e^-708` would cause.
pub const NEGLIGIBLE_LOG_SHARE: f64 = -600.0;

/// `min(inv_var, f64::MAX) / 2`: the factor [`log_joint`] takes (see the module's failure cases).
#[inline(always)]
pub fn half_inv_var(inv_var: f64) -> f64 {
    0.5 * inv_var.min(f64::MAX)
}

/// `ln(w N(x | mu, sigma)) = log_norm - d^2 half_inv_var` for `d = x - mu`.
#[inline(always)]
pub fn log_joint(log_norm: f64, half_inv_var: f64, d: f64) -> f64 {
    log_norm - d * d * half_inv_var
}

/// `exp(shifted)` for a log-joint minus the largest (`shifted <= 0`), or exactly 0 below
/// [`NEGLIGIBLE_LOG_SHARE`] (and for NaN).
#[inline(always)]
pub fn share(shifted: f64) -> f64 {
    if shifted >= NEGLIGIBLE_LOG_SHARE {
        exp_nonpositive(shifted)
    } else {
        0.0
    }
}
