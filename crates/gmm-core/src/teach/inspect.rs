//! The math next to the numbers: why the likelihood is computed with log-sum-exp, and one component's
//! parameters, gradient and EM statistics.

use crate::fit::gradient::component_gradient;
use crate::likelihood::point::{component_sums_around, ComponentTerms, LogLikelihoodSum};
use crate::likelihood::sums::ComponentSums;
use crate::math::{exp, ln, normal_ln_pdf};
use crate::model::mixture::Mixture;
use std::fmt;

/// Why an inspection could not be made.
#[derive(Debug, Clone, PartialEq)]
pub enum InspectError {
    /// No data points: the likelihood and the statistics are sums over the data.
    EmptyData,
    /// A component index `>= K`.
    ComponentOutOfRange { component: usize, k: usize },
    /// The log-likelihood is not finite (a point has zero density under every component), so neither the
    /// gradient nor EM's step is defined.
    NotFinite { log_likelihood: f64 },
}

impl fmt::Display for InspectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InspectError::EmptyData => write!(f, "there are no data points to inspect; N must be at least 1"),
            InspectError::ComponentOutOfRange { component, k } => write!(
                f,
                "component {component} does not exist: the mixture has K = {k} components, numbered 0 to {}",
                k - 1
            ),
            InspectError::NotFinite { log_likelihood } => write!(
                f,
                "the log-likelihood is {}: some point has zero density under every component; move a mean \
                 closer to the data or widen a component",
                crate::format::short_number(*log_likelihood)
            ),
        }
    }
}

impl std::error::Error for InspectError {}

/// The naive likelihood against log-sum-exp, on the current data.
#[derive(Debug, Clone, PartialEq)]
pub struct UnderflowReport {
    /// Number of data points N.
    pub points: usize,
    /// Points whose naive density `sum_k w_k exp(ln N(x | k))` underflows to exactly 0 (its log is `-inf`).
    pub naive_zero: usize,
    /// `sum_i ln(naive density)`: `-inf` as soon as one point underflows. (It cannot overflow: a sigma
    /// within [`crate::model::mixture::LOG_SIGMA_RANGE`] keeps every density below about 1e150.)
    pub naive_log_likelihood: f64,
    /// `sum_i ln p(x_i)` by log-sum-exp, finite wherever [`Mixture::log_likelihood`] is.
    pub lse_log_likelihood: f64,
    /// The point with the lowest log-sum-exp log-density, the one most likely to underflow.
    pub worst: Option<WorstPoint>,
}

/// One point shown both ways.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WorstPoint {
    pub x: f64,
    /// The naive density in f64 (often exactly 0).
    pub naive_density: f64,
    /// `ln p(x)` by log-sum-exp.
    pub lse_log_density: f64,
}

/// Computes the log-likelihood of `model` on `data` (length N >= 1) two ways.
///
/// # Formula
/// Naive: `ln sum_k w_k exp(ln N(x_i | mu_k, sigma_k))`, every term in plain f64, so that
/// `exp(-(x - mu)^2 / (2 sigma^2))` underflows to 0 once the exponent is below about -745.
/// Log-sum-exp: `m_i + ln sum_k exp(ln w_k + ln N(x_i | k) - m_i)` with `m_i` the largest term.
///
/// # Errors
/// [`InspectError::EmptyData`].
pub fn naive_vs_lse(model: &Mixture, data: &[f64]) -> Result<UnderflowReport, InspectError> {
    if data.is_empty() {
        return Err(InspectError::EmptyData);
    }
    let weights = model.weights();
    let terms = ComponentTerms::new(model);
    let mut r = vec![0.0; model.k()];
    let mut lse = LogLikelihoodSum::new();
    let (mut naive_zero, mut naive_log_likelihood) = (0, 0.0);
    let mut worst: Option<WorstPoint> = None;
    for &x in data {
        let naive_density: f64 = weights
            .iter()
            .zip(model.means().iter().zip(model.log_sigmas()))
            .map(|(w, (&mu, &s))| w * exp(normal_ln_pdf(x, mu, s)))
            .sum();
        if naive_density == 0.0 {
            naive_zero += 1;
        }
        naive_log_likelihood += ln(naive_density);
        let parts = terms.posterior_parts(x, &mut r);
        lse.add(parts);
        let lse_log_density = parts.0 + ln(parts.1);
        if worst.is_none_or(|w| lse_log_density < w.lse_log_density) {
            worst = Some(WorstPoint {
                x,
                naive_density,
                lse_log_density,
            });
        }
    }
    Ok(UnderflowReport {
        points: data.len(),
        naive_zero,
        naive_log_likelihood,
        lse_log_likelihood: lse.total(),
        worst,
    })
}

/// One component's parameters, the gradient of the mean NLL with respect to them, and EM's statistics.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentReport {
    pub component: usize,
    /// `w_k = softmax(a)_k`.
    pub weight: f64,
    pub mean: f64,
    pub sigma: f64,
    /// `d(L/N)/d a_k = w_k - N_k / N`.
    pub grad_logit: f64,
    /// `d(L/N)/d mu_k = -(1/N) sum_i r_ik (x_i - mu_k) / sigma_k^2`.
    pub grad_mean: f64,
    /// `d(L/N)/d s_k = -(1/N) sum_i r_ik ((x_i - mu_k)^2 / sigma_k^2 - 1)`.
    pub grad_log_sigma: f64,
    /// `N_k = sum_i r_ik`: how many points the component is responsible for.
    pub n_k: f64,
    /// `sum_i r_ik x_i / N_k`, the mean EM's M-step moves to; `None` when `N_k = 0`.
    pub weighted_mean: Option<f64>,
    /// `sum_i r_ik (x_i - weighted_mean)^2 / N_k`, before EM's variance floor; `None` when `N_k = 0`.
    pub weighted_variance: Option<f64>,
}

/// Inspects component `k` of `model` on `data` (N >= 1) in one pass, with responsibilities from log space.
///
/// The gradient is that of the *mean* NLL, as [`crate::fit::gradient::mean_nll_and_gradient`] computes it;
/// the sums are centred on `mu_k` like [`crate::fit::em::EmFit::step`], so `weighted_mean` and
/// `weighted_variance` are what EM's M-step uses (the variance before the floor).
///
/// # Errors
/// [`InspectError::EmptyData`], [`InspectError::ComponentOutOfRange`].
pub fn component_report(model: &Mixture, data: &[f64], k: usize) -> Result<ComponentReport, InspectError> {
    if k >= model.k() {
        return Err(InspectError::ComponentOutOfRange {
            component: k,
            k: model.k(),
        });
    }
    if data.is_empty() {
        return Err(InspectError::EmptyData);
    }
    let terms = ComponentTerms::new(model);
    let mut r = vec![0.0; model.k()];
    let mu = model.means()[k];
    let mut sums = ComponentSums::around(mu);
    for &x in data {
        terms.posterior_parts(x, &mut r);
        sums.add(r[k], x);
    }
    let n = data.len() as f64;
    let weight = model.weights()[k];
    let [grad_logit, grad_mean, grad_log_sigma] = component_gradient(&sums, n, weight, terms.inv_var[k]);
    let mut moments = sums.moments();
    if sums.needs_recentring() {
        // As EmFit::step does: the variance around the new mean, when the mean moved far.
        let mut centres = model.means().to_vec();
        centres[k] = sums.recentred();
        moments = component_sums_around(model, data, &centres)[k].moments();
    }
    Ok(ComponentReport {
        component: k,
        weight,
        mean: mu,
        sigma: model.sigmas()[k],
        grad_logit: grad_logit / n,
        grad_mean: grad_mean / n,
        grad_log_sigma: grad_log_sigma / n,
        n_k: sums.r,
        weighted_mean: moments.map(|m| m.0),
        weighted_variance: moments.map(|m| m.1),
    })
}
