//! EM's M-step for one component, from its weighted sums: the one copy that [`crate::fit::em::EmFit`]
//! and the step-through (`teach::stepthrough`, above this module) both call.
//!
//! # Formula
//! With `R = N_k`, the weighted mean and variance of [`ComponentSums::moments`] and N points:
//! `w_k = N_k / N` (as the logit `ln(N_k / N)`), `mu_k = weighted mean`,
//! `sigma_k^2 = max(weighted variance, floor)`.
//!
//! # Failure cases
//! - A component with no responsibility at all (`N_k = 0`): the data say nothing about its mean and
//!   sigma, which are kept; its logit is `ln` of the smallest positive double, so its weight is 0 to
//!   rounding and the logit stays finite (the guard for a vanishing share).
//! - The variance floor: a component that shrinks onto one point would send its variance to 0 and the
//!   likelihood to infinity; holding it at the floor is the exact M-step under `sigma^2 >= floor`, so the
//!   log-likelihood still never decreases.

use crate::likelihood::sums::ComponentSums;
use crate::math::ln;

/// What the M-step gives one component.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ComponentUpdate {
    /// The new logit `ln(max(N_k / N, f64::MIN_POSITIVE))`.
    pub logit: f64,
    /// The new mean and log-sigma; `None` for a component with no responsibility (keep the old ones).
    pub mean_log_sigma: Option<(f64, f64)>,
    /// Whether the variance was held at the floor.
    pub floored: bool,
}

/// The M-step of one component from `sums` (see the module's formula), for `n` points and the variance
/// floor `floor` (> 0).
pub fn m_step_component(sums: &ComponentSums, n: f64, floor: f64) -> ComponentUpdate {
    let logit = ln((sums.r / n).max(f64::MIN_POSITIVE));
    match sums.moments() {
        Some((mean, var)) => ComponentUpdate {
            logit,
            mean_log_sigma: Some((mean, 0.5 * ln(var.max(floor)))),
            floored: var <= floor,
        },
        None => ComponentUpdate {
            logit,
            mean_log_sigma: None,
            floored: false,
        },
    }
}

/// Applies [`m_step_component`] to every component: writes the new `[logits | means | log_sigmas]` into
/// `params` (length 3K, holding the old parameters) and which were floored into `floored` (length K).
pub fn m_step(sums: &[ComponentSums], n: f64, floor: f64, params: &mut [f64], floored: &mut [bool]) {
    let k = sums.len();
    assert!(
        params.len() == 3 * k && floored.len() == k,
        "params must have length 3K, floored K"
    );
    for (j, s) in sums.iter().enumerate() {
        let update = m_step_component(s, n, floor);
        params[j] = update.logit;
        if let Some((mean, log_sigma)) = update.mean_log_sigma {
            params[k + j] = mean;
            params[2 * k + j] = log_sigma;
        }
        floored[j] = update.floored;
    }
}
