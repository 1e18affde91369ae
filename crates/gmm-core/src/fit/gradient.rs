//! The hand-derived gradient of the negative log-likelihood, computed in one pass over the data.
//!
//! # Formula
//! With `L = -sum_i ln p(x_i)`, responsibilities `r_ik`, `d_ik = x_i - mu_k` and `sigma_k = exp(s_k)`:
//!
//! - logits:      `dL/da_k  = N w_k - sum_i r_ik`
//!   (from `d ln w_j / d a_k = [j = k] - w_k` and `sum_k r_ik = 1`),
//! - means:       `dL/dmu_k = -sum_i r_ik d_ik / sigma_k^2`,
//! - log-sigmas:  `dL/ds_k  = -sum_i r_ik (d_ik^2 / sigma_k^2 - 1)`
//!   (the chain rule through `sigma_k = exp(s_k)` multiplies `dL/dsigma_k` by `sigma_k`).
//!
//! All three need only the per-component sums `R_k = sum_i r_ik`, `A_k = sum_i r_ik d_ik` and
//! `B_k = sum_i r_ik d_ik^2`, accumulated in the same pass that computes the loss.

use crate::likelihood::pass::PosteriorPass;
use crate::likelihood::sums::ComponentSums;
use crate::model::mixture::Mixture;

/// Reusable buffers for [`nll_and_gradient`], so a step allocates nothing.
#[derive(Debug, Clone, Default)]
pub struct GradientScratch {
    pass: PosteriorPass,
}

/// The total negative log-likelihood `L = -sum_i ln p(x_i)` of `model` on `data`, and its gradient
/// written into `grad` (length `3K`, same layout as [`Mixture::flat`]: logits, means, log-sigmas).
///
/// Returns `+inf` (and a meaningless gradient) if some point has zero density under every component,
/// which needs `|x - mu| / sigma > 1e154`.
pub fn nll_and_gradient(model: &Mixture, data: &[f64], grad: &mut [f64], scratch: &mut GradientScratch) -> f64 {
    let k = model.k();
    assert_eq!(grad.len(), 3 * k, "gradient buffer must have length 3K");
    let pass = &mut scratch.pass;
    pass.load(model);
    let log_lik = pass.sums(data);
    let n = data.len() as f64;
    for j in 0..k {
        let [logit, mean, log_sigma] =
            component_gradient(&pass.component_sums(j), n, pass.weights()[j], pass.inv_var()[j]);
        (grad[j], grad[k + j], grad[2 * k + j]) = (logit, mean, log_sigma);
    }
    -log_lik
}

/// One component's part of the gradient of the total NLL, `[dL/da_k, dL/dmu_k, dL/ds_k]`, from its sums
/// around its own mean (see the module's formula), for `n` points, its weight `w_k` and `exp(-2 s_k)`: the one
/// copy of the formula, which the optimizer and the component inspector both call.
pub fn component_gradient(sums: &ComponentSums, n: f64, weight: f64, inv_var: f64) -> [f64; 3] {
    [n * weight - sums.r, -sums.a * inv_var, sums.r - sums.b * inv_var]
}

/// The average loss `L / N` and its gradient (the gradient of [`nll_and_gradient`] divided by N).
///
/// The page optimises and plots this mean, so that a learning rate means the same thing at any N.
pub fn mean_nll_and_gradient(model: &Mixture, data: &[f64], grad: &mut [f64], scratch: &mut GradientScratch) -> f64 {
    let total = nll_and_gradient(model, data, grad, scratch);
    let inv_n = 1.0 / data.len() as f64;
    grad.iter_mut().for_each(|g| *g *= inv_n);
    total * inv_n
}
