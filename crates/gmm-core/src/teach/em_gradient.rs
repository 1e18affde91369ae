//! EM is a gradient step: Xu and Jordan (On Convergence Properties of the EM Algorithm for Gaussian
//! Mixtures, Neural Computation 8(1), 1996) showed that EM's step is the gradient of the log-likelihood
//! times a matrix `P` that depends on the current parameters. This module computes, for each component,
//! the gradient, its `P` entry, their product and EM's actual step side by side, with the residual.
//!
//! # Formula
//! With `l = sum_i ln p(x_i)` (the total log-likelihood, not the mean), `N` points, responsibilities `r_ik`,
//! `N_k = sum_i r_ik`, and the sums around the *old* mean `A_k = sum_i r_ik (x_i - mu_k)`,
//! `B_k = sum_i r_ik (x_i - mu_k)^2` ([`ComponentSums`]):
//!
//! - weights (`w = softmax(a)`, the project's logits `a`): `dl/da_k = N_k - N w_k`, `P = 1/N`, so
//!   `P dl/da_k = N_k / N - w_k = w_k' - w_k`, exactly;
//! - means: `dl/dmu_k = A_k / sigma_k^2`, `P = sigma_k^2 / N_k`, so `P dl/dmu_k = A_k / N_k = mu_k' - mu_k`,
//!   exactly;
//! - variances: the project's parameter is `s_k = ln sigma_k = ln(sigma_k^2) / 2`, so by the chain rule
//!   `dl/d(sigma_k^2) = (dl/ds_k) (ds_k / d sigma_k^2) = (dl/ds_k) / (2 sigma_k^2)`, with
//!   `dl/ds_k = B_k / sigma_k^2 - N_k`; then `P = 2 sigma_k^4 / N_k` gives
//!   `P dl/d(sigma_k^2) = B_k / N_k - sigma_k^2 = S_k - sigma_k^2`, where `S_k = B_k / N_k` is the weighted
//!   variance around the old mean. EM's new variance is measured around the new mean,
//!   `sigma_k'^2 = S_k - (A_k / N_k)^2`, so the residual `P g - (sigma_k'^2 - sigma_k^2)` is
//!   `(mu_k' - mu_k)^2`, a term that vanishes as EM converges.
//!
//! The gradient comes from [`component_gradient`] (the one copy of the formula, as the negative of the
//! NLL's), EM's step from [`m_step_component`] (the one M-step), with the sums EM itself uses
//! ([`crate::fit::em::EmFit::step`]: around the new means when a mean moved far).
//!
//! # Failure cases
//! - The variance floor: when EM's variance `S_k - (mu_k' - mu_k)^2` is at or below the floor, EM's
//!   actual step ends at the floor, the variance residual is `S_k - floor` instead, and
//!   [`ComponentIdentity::floored`] says so.
//! - A component with no responsibility (`N_k = 0`): `P` is infinite for the mean and the variance and EM
//!   keeps them; their terms are `None`. The weight's identity still holds (`w_k' = 0`).

use crate::fit::em::read_sums;
use crate::fit::gradient::component_gradient;
use crate::fit::m_step::m_step_component;
use crate::likelihood::pass::PosteriorPass;
use crate::likelihood::sums::ComponentSums;
use crate::math::{exp, softmax};
use crate::model::mixture::Mixture;
use crate::teach::inspect::InspectError;

/// One parameter's side of the identity: `product = p * gradient` against EM's actual step.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IdentityTerm {
    /// The gradient of the total log-likelihood `l` with respect to the parameter.
    pub gradient: f64,
    /// The entry of Xu and Jordan's `P`.
    pub p: f64,
    /// `p * gradient`: the step the identity predicts.
    pub product: f64,
    /// EM's actual step: the new value (from the M-step) minus the old one.
    pub em_step: f64,
    /// `product - em_step`: rounding for the weights and the means; `(mu_k' - mu_k)^2` for the variances
    /// (while the floor does not bind).
    pub residual: f64,
}

impl IdentityTerm {
    fn new(gradient: f64, p: f64, em_step: f64) -> Self {
        let product = p * gradient;
        IdentityTerm {
            gradient,
            p,
            product,
            em_step,
            residual: product - em_step,
        }
    }
}

/// One component's three identities.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ComponentIdentity {
    pub component: usize,
    /// `N_k = sum_i r_ik`.
    pub n_k: f64,
    /// The weight `w_k`, with the gradient with respect to the logit `a_k` and `P = 1/N`.
    pub weight: IdentityTerm,
    /// The mean, with `P = sigma_k^2 / N_k`; `None` when `N_k = 0`.
    pub mean: Option<IdentityTerm>,
    /// The variance `sigma_k^2`, with `P = 2 sigma_k^4 / N_k`; `None` when `N_k = 0`.
    pub variance: Option<IdentityTerm>,
    /// `S_k = B_k / N_k`, the weighted variance around the old mean; `None` when `N_k = 0`.
    pub variance_around_old_mean: Option<f64>,
    /// `(mu_k' - mu_k)^2` from EM's actual means: what the variance residual equals unless the floor binds.
    pub mean_shift_squared: Option<f64>,
    /// Whether EM's variance was held at the floor (the variance residual is then `S_k - floor`).
    pub floored: bool,
}

/// The identities of every component, at one set of parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct EmGradientReport {
    /// `l = sum_i ln p(x_i)` at the parameters.
    pub log_likelihood: f64,
    /// Number of points N.
    pub points: usize,
    /// One per component, in the mixture's order.
    pub components: Vec<ComponentIdentity>,
}

/// EM's step beside `P` times the gradient, for every component of `model` on `data` (see the module's
/// formula), with the variance floor `variance_floor` (> 0) that EM applies.
///
/// # Errors
/// [`InspectError::EmptyData`] for no data; [`InspectError::NotFinite`] if the log-likelihood is not
/// finite (a point with zero density under every component).
pub fn em_gradient_identities(
    model: &Mixture,
    data: &[f64],
    variance_floor: f64,
) -> Result<EmGradientReport, InspectError> {
    if data.is_empty() {
        return Err(InspectError::EmptyData);
    }
    let n = data.len() as f64;
    let k = model.k();
    let mut pass = PosteriorPass::default();
    pass.load(model);
    let log_likelihood = pass.sums(data);
    if !log_likelihood.is_finite() {
        return Err(InspectError::NotFinite { log_likelihood });
    }
    let weights = pass.weights().to_vec();
    let inv_var = pass.inv_var().to_vec();
    // The gradient's sums are around the old means, as the pass loaded them.
    let old: Vec<ComponentSums> = (0..k).map(|j| pass.component_sums(j)).collect();
    // EM's actual step from the sums EM uses (recentred when a mean moved far).
    let mut em_sums = Vec::with_capacity(k);
    read_sums(&mut pass, data, &mut em_sums);
    let updates: Vec<_> = em_sums.iter().map(|s| m_step_component(s, n, variance_floor)).collect();
    let new_logits: Vec<f64> = updates.iter().map(|u| u.logit).collect();
    let new_weights = softmax(&new_logits);
    let components = (0..k)
        .map(|j| {
            let [dl_da, dl_dmu, dl_ds] = component_gradient(&old[j], n, weights[j], inv_var[j]).map(|g| -g);
            let (mu, s) = (model.means()[j], model.log_sigmas()[j]);
            let var = exp(2.0 * s);
            let n_k = old[j].r;
            let weight = IdentityTerm::new(dl_da, 1.0 / n, new_weights[j] - weights[j]);
            let moved = updates[j].mean_log_sigma.filter(|_| n_k > 0.0);
            let (mean, variance, shift2) = match moved {
                Some((new_mu, new_s)) => {
                    // dl/d(sigma^2) = (dl/ds) / (2 sigma^2), the chain rule through s = ln(sigma^2) / 2.
                    let dl_dvar = 0.5 * dl_ds * inv_var[j];
                    let mean = IdentityTerm::new(dl_dmu, var / n_k, new_mu - mu);
                    let variance = IdentityTerm::new(dl_dvar, 2.0 * var * var / n_k, exp(2.0 * new_s) - var);
                    (Some(mean), Some(variance), Some((new_mu - mu) * (new_mu - mu)))
                }
                None => (None, None, None),
            };
            ComponentIdentity {
                component: j,
                n_k,
                weight,
                mean,
                variance,
                variance_around_old_mean: moved.map(|_| old[j].b / n_k),
                mean_shift_squared: shift2,
                floored: updates[j].floored,
            }
        })
        .collect();
    Ok(EmGradientReport {
        log_likelihood,
        points: data.len(),
        components,
    })
}
