//! The 1-D Gaussian mixture: parameters, validation, log-density, likelihood and responsibilities.

use crate::math::{exp, exp_nonpositive, ln, log_softmax, log_sum_exp, softmax, LN_SQRT_2PI};
use crate::posterior::{PosteriorPass, NEGLIGIBLE_LOG_SHARE};
use std::fmt;

/// Why a set of mixture parameters was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelError {
    /// K = 0: a mixture needs at least one component.
    NoComponents,
    /// The three parameter vectors must all have length K.
    LengthMismatch {
        logits: usize,
        means: usize,
        log_sigmas: usize,
    },
    /// A parameter is NaN or infinite.
    NonFinite {
        field: &'static str,
        index: usize,
        value: f64,
    },
    /// A log standard deviation outside [`LOG_SIGMA_RANGE`], where `exp` would give 0 or infinity.
    LogSigmaOutOfRange { index: usize, value: f64 },
    /// A weight or standard deviation given directly is not strictly positive.
    NotPositive {
        field: &'static str,
        index: usize,
        value: f64,
    },
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::NoComponents => write!(f, "a mixture needs at least one component (K >= 1)"),
            ModelError::LengthMismatch { logits, means, log_sigmas } => write!(
                f,
                "parameter vectors must have equal length K, got {logits} logits, {means} means, {log_sigmas} log-sigmas"
            ),
            ModelError::NonFinite { field, index, value } => {
                write!(f, "{field}[{index}] is {value}; every parameter must be a finite number")
            }
            ModelError::LogSigmaOutOfRange { index, value } => write!(
                f,
                "log_sigmas[{index}] is {value}; it must lie in [{}, {}] so that sigma = exp(log_sigma) is a \
                 positive, finite number",
                LOG_SIGMA_RANGE.start(),
                LOG_SIGMA_RANGE.end()
            ),
            ModelError::NotPositive { field, index, value } => {
                write!(f, "{field}[{index}] is {value}; it must be greater than 0")
            }
        }
    }
}

impl std::error::Error for ModelError {}

/// Allowed log standard deviations: `exp` of these is a positive, finite double (from about 1e-323 to
/// 1e307). A fit that leaves this range has diverged.
pub const LOG_SIGMA_RANGE: std::ops::RangeInclusive<f64> = -744.0..=709.0;

/// A mixture of K normal components on the real line.
///
/// Stored as one flat vector `[a_1..a_K, mu_1..mu_K, s_1..s_K]` of logits `a`, means `mu` and log standard
/// deviations `s`: weights are `softmax(a)`, standard deviations `exp(s)`. Every value is finite (checked on
/// construction) and every sigma is a positive finite number (log-sigmas within [`LOG_SIGMA_RANGE`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Mixture {
    k: usize,
    params: Vec<f64>,
}

impl Mixture {
    /// Builds a mixture from logits, means and log standard deviations, each of length K >= 1.
    ///
    /// # Errors
    /// [`ModelError::NoComponents`], [`ModelError::LengthMismatch`], [`ModelError::NonFinite`].
    pub fn new(logits: &[f64], means: &[f64], log_sigmas: &[f64]) -> Result<Self, ModelError> {
        let k = logits.len();
        if k == 0 {
            return Err(ModelError::NoComponents);
        }
        if means.len() != k || log_sigmas.len() != k {
            return Err(ModelError::LengthMismatch {
                logits: k,
                means: means.len(),
                log_sigmas: log_sigmas.len(),
            });
        }
        check_params(logits, means, log_sigmas)?;
        let mut params = Vec::with_capacity(3 * k);
        params.extend_from_slice(logits);
        params.extend_from_slice(means);
        params.extend_from_slice(log_sigmas);
        Ok(Mixture { k, params })
    }

    /// Builds a mixture from weights (positive, normalised here), means and standard deviations (positive).
    ///
    /// # Errors
    /// As [`Mixture::new`], plus [`ModelError::NotPositive`] for a weight or sigma `<= 0`.
    pub fn from_weights(weights: &[f64], means: &[f64], sigmas: &[f64]) -> Result<Self, ModelError> {
        for (field, values) in [("weights", weights), ("sigmas", sigmas)] {
            check_finite(field, values)?;
            if let Some((index, &value)) = values.iter().enumerate().find(|(_, &v)| v <= 0.0) {
                return Err(ModelError::NotPositive { field, index, value });
            }
        }
        let logits: Vec<f64> = weights.iter().map(|&w| ln(w)).collect();
        let log_sigmas: Vec<f64> = sigmas.iter().map(|&s| ln(s)).collect();
        Mixture::new(&logits, means, &log_sigmas)
    }

    /// Rebuilds a mixture from the flat layout `[logits | means | log_sigmas]` of length `3K`.
    pub fn from_flat(params: &[f64]) -> Result<Self, ModelError> {
        let k = params.len() / 3;
        if params.len() % 3 != 0 {
            return Err(ModelError::LengthMismatch {
                logits: k + 1,
                means: k,
                log_sigmas: k,
            });
        }
        Mixture::new(&params[..k], &params[k..2 * k], &params[2 * k..])
    }

    /// Replaces all parameters with `params` in the layout of [`Mixture::flat`] (length `3K`, same K).
    ///
    /// # Errors
    /// [`ModelError::LengthMismatch`] or [`ModelError::NonFinite`]; the mixture is then unchanged.
    pub fn set_flat(&mut self, params: &[f64]) -> Result<(), ModelError> {
        let k = self.k;
        if params.len() != 3 * k {
            let given = params.len() / 3;
            return Err(ModelError::LengthMismatch {
                logits: k,
                means: given,
                log_sigmas: given,
            });
        }
        check_params(&params[..k], &params[k..2 * k], &params[2 * k..])?;
        self.params.copy_from_slice(params);
        Ok(())
    }

    /// The same mixture with its components listed in another order: component `i` of the result is
    /// component `order[i]` of this one. The density is unchanged; only the labels move.
    ///
    /// # Panics
    /// If `order` is not a permutation of `0..K`.
    pub fn permuted(&self, order: &[usize]) -> Mixture {
        let mut params = self.params.clone();
        permute_blocks(&mut params, order);
        Mixture { k: self.k, params }
    }

    /// Number of components K.
    pub fn k(&self) -> usize {
        self.k
    }
    /// The flat parameter vector `[logits | means | log_sigmas]`, length `3K`.
    pub fn flat(&self) -> &[f64] {
        &self.params
    }
    /// Logits `a_k` (length K).
    pub fn logits(&self) -> &[f64] {
        &self.params[..self.k]
    }
    /// Means `mu_k` (length K).
    pub fn means(&self) -> &[f64] {
        &self.params[self.k..2 * self.k]
    }
    /// Log standard deviations `s_k` (length K).
    pub fn log_sigmas(&self) -> &[f64] {
        &self.params[2 * self.k..]
    }
    /// Mixing weights `softmax(a)`, summing to 1.
    pub fn weights(&self) -> Vec<f64> {
        softmax(self.logits())
    }
    /// Standard deviations `exp(s_k)`.
    pub fn sigmas(&self) -> Vec<f64> {
        self.log_sigmas().iter().map(|&s| exp(s)).collect()
    }

    /// `ln p(x) = log_sum_exp_k(ln w_k + ln N(x | mu_k, sigma_k))`; finite wherever `(x - mu) / sigma` is.
    pub fn log_pdf(&self, x: f64) -> f64 {
        let terms = ComponentTerms::new(self);
        let mut scratch = vec![0.0; self.k];
        terms.log_joint(x, &mut scratch);
        log_sum_exp(&scratch)
    }

    /// Total log-likelihood `sum_i ln p(x_i)` over a data slice (0 for an empty slice).
    pub fn log_likelihood(&self, data: &[f64]) -> f64 {
        let mut pass = PosteriorPass::default();
        pass.load(self);
        pass.log_likelihood(data)
    }

    /// Average negative log-likelihood `-(1/N) sum_i ln p(x_i)`, the loss both methods report.
    pub fn mean_nll(&self, data: &[f64]) -> f64 {
        -self.log_likelihood(data) / data.len() as f64
    }

    /// Density `p(x)` at each of `xs`.
    pub fn density_at(&self, xs: &[f64]) -> Vec<f64> {
        let terms = ComponentTerms::new(self);
        let mut r = vec![0.0; self.k];
        xs.iter().map(|&x| exp(terms.posterior(x, &mut r))).collect()
    }

    /// Weighted density of one component, `w_k N(x | mu_k, sigma_k)`, at each of `xs`.
    /// Panics if `component >= K`.
    pub fn component_density_at(&self, component: usize, xs: &[f64]) -> Vec<f64> {
        let terms = ComponentTerms::new(self);
        xs.iter().map(|&x| exp(terms.log_joint_one(component, x))).collect()
    }

    /// Density `p(x)` at `n` evenly spaced points from `lo` to `hi` inclusive (see [`grid`]).
    pub fn density_on_grid(&self, lo: f64, hi: f64, n: usize) -> Vec<f64> {
        self.density_at(&grid(lo, hi, n).collect::<Vec<_>>())
    }

    /// Weighted density of one component on the grid of [`Mixture::density_on_grid`].
    pub fn component_density_on_grid(&self, component: usize, lo: f64, hi: f64, n: usize) -> Vec<f64> {
        self.component_density_at(component, &grid(lo, hi, n).collect::<Vec<_>>())
    }

    /// Responsibilities `r_ik = w_k N(x_i | k) / p(x_i)`, row-major with shape N x K; each row sums to 1.
    pub fn responsibilities(&self, data: &[f64]) -> Vec<f64> {
        let terms = ComponentTerms::new(self);
        let mut out = vec![0.0; data.len() * self.k];
        for (x, row) in data.iter().zip(out.chunks_exact_mut(self.k)) {
            terms.posterior(*x, row);
        }
        out
    }
}

/// Reorders each of the three length-K blocks of a `[logits | means | log_sigmas]`-shaped vector (or of
/// any per-parameter state in that layout, such as Adam's moments) by `order`.
///
/// # Panics
/// If `order` is not a permutation of `0..K` with `3K = values.len()`.
pub fn permute_blocks(values: &mut [f64], order: &[usize]) {
    let k = order.len();
    assert_eq!(values.len(), 3 * k, "values must have length 3K");
    let mut seen = vec![false; k];
    for &i in order {
        assert!(
            i < k && !std::mem::replace(&mut seen[i], true),
            "order must be a permutation of 0..K"
        );
    }
    for block in values.chunks_exact_mut(k) {
        let old = block.to_vec();
        for (slot, &i) in block.iter_mut().zip(order) {
            *slot = old[i];
        }
    }
}

/// `n` evenly spaced points from `lo` to `hi` inclusive.
pub fn grid(lo: f64, hi: f64, n: usize) -> impl Iterator<Item = f64> + Clone {
    let step = if n > 1 { (hi - lo) / (n - 1) as f64 } else { 0.0 };
    (0..n).map(move |i| lo + step * i as f64)
}

fn check_params(logits: &[f64], means: &[f64], log_sigmas: &[f64]) -> Result<(), ModelError> {
    for (field, values) in [("logits", logits), ("means", means), ("log_sigmas", log_sigmas)] {
        check_finite(field, values)?;
    }
    match log_sigmas
        .iter()
        .enumerate()
        .find(|(_, s)| !LOG_SIGMA_RANGE.contains(s))
    {
        Some((index, &value)) => Err(ModelError::LogSigmaOutOfRange { index, value }),
        None => Ok(()),
    }
}

fn check_finite(field: &'static str, values: &[f64]) -> Result<(), ModelError> {
    match values.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        Some((index, &value)) => Err(ModelError::NonFinite { field, index, value }),
        None => Ok(()),
    }
}

/// Per-call constants of a mixture for point-by-point work (densities on a grid, responsibilities; the
/// passes over the data use [`PosteriorPass`]), so the per-point loop costs one subtraction, three
/// multiply-adds and one `exp` per component.
///
/// `log_norm_k = ln w_k - s_k - ln sqrt(2 pi)` and `inv_var_k = exp(-2 s_k)`, so that
/// `ln(w_k N(x | k)) = log_norm_k - (x - mu_k)^2 inv_var_k / 2`.
pub(crate) struct ComponentTerms<'a> {
    log_norm: Vec<f64>,
    pub(crate) means: &'a [f64],
    pub(crate) inv_var: Vec<f64>,
}

impl<'a> ComponentTerms<'a> {
    pub(crate) fn new(model: &'a Mixture) -> Self {
        let log_norm = log_softmax(model.logits())
            .iter()
            .zip(model.log_sigmas())
            .map(|(lw, s)| lw - s - LN_SQRT_2PI)
            .collect();
        let inv_var = model.log_sigmas().iter().map(|&s| exp(-2.0 * s)).collect();
        ComponentTerms {
            log_norm,
            means: model.means(),
            inv_var,
        }
    }

    #[inline]
    fn log_joint_one(&self, k: usize, x: f64) -> f64 {
        let d = x - self.means[k];
        // For sigma < 1e-154, inv_var is +inf; a point exactly on the mean then has d^2 inv_var = 0 * inf,
        // which must be 0 (its limit), not NaN.
        let q = if d == 0.0 { 0.0 } else { d * d * self.inv_var[k] };
        self.log_norm[k] - 0.5 * q
    }

    /// Writes `ln(w_k N(x | k))` for every k into `out` (length K) and returns their maximum.
    #[inline]
    fn log_joint(&self, x: f64, out: &mut [f64]) -> f64 {
        let mut max = f64::NEG_INFINITY;
        for (k, o) in out.iter_mut().enumerate() {
            *o = self.log_joint_one(k, x);
            max = max.max(*o);
        }
        max
    }

    /// Writes the responsibilities of `x` into `r` (length K) and returns `(m, s)` with
    /// `ln p(x) = m + ln(s)`: log-sum-exp with `m` the largest log-joint and `s` in `[1, K]`.
    ///
    /// If every component's log-density is `-inf` (only when `(x - mu) / sigma` overflows), returns
    /// `(-inf, 1)` and leaves `r` all zero.
    #[inline]
    pub(crate) fn posterior_parts(&self, x: f64, r: &mut [f64]) -> (f64, f64) {
        let max = self.log_joint(x, r);
        if max == f64::NEG_INFINITY {
            r.fill(0.0);
            return (max, 1.0);
        }
        let mut sum = 0.0;
        for v in r.iter_mut() {
            // Below e^-600 a share cannot change any sum it joins (the largest share is 1), and leaving it
            // out skips the slow subnormal arithmetic that values near e^-708 would cause.
            let shifted = *v - max;
            *v = if shifted < NEGLIGIBLE_LOG_SHARE {
                0.0
            } else {
                exp_nonpositive(shifted)
            };
            sum += *v;
        }
        let inv = 1.0 / sum;
        for v in r.iter_mut() {
            *v *= inv;
        }
        (max, sum)
    }

    /// Writes the responsibilities of `x` into `r` (length K) and returns `ln p(x)`.
    #[inline]
    fn posterior(&self, x: f64, r: &mut [f64]) -> f64 {
        let (max, sum) = self.posterior_parts(x, r);
        max + ln(sum)
    }
}

/// Sums `ln p(x_i) = m_i + ln(s_i)` point by point (for the teaching passes; the hot loop has its own,
/// blocked, in `posterior.rs`) with one logarithm per few hundred points: each `s_i` lies in `[1, K]`,
/// so their product is kept and its log taken before it could overflow.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LogLikelihoodSum {
    max_total: f64,
    product: f64,
    log_total: f64,
}

impl LogLikelihoodSum {
    pub(crate) fn new() -> Self {
        LogLikelihoodSum {
            max_total: 0.0,
            product: 1.0,
            log_total: 0.0,
        }
    }

    /// Adds one point's `(m, s)` from [`ComponentTerms::posterior_parts`].
    #[inline]
    pub(crate) fn add(&mut self, (max, sum): (f64, f64)) {
        self.max_total += max;
        self.product *= sum;
        if self.product > 1e280 {
            self.log_total += ln(self.product);
            self.product = 1.0;
        }
    }

    /// The total log-likelihood so far.
    pub(crate) fn total(&self) -> f64 {
        self.max_total + self.log_total + ln(self.product)
    }
}
