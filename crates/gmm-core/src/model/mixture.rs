//! The 1-D Gaussian mixture: its parameters and their validation. Evaluating it at points (log-density,
//! likelihood, responsibilities) lives in [`crate::likelihood`], above this module.

use crate::format::short_number;
use crate::math::{exp, ln, softmax};
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
    /// A log standard deviation outside [`LOG_SIGMA_RANGE`], where `1 / sigma^2` would overflow or sigma
    /// would be infinite.
    LogSigmaOutOfRange { index: usize, value: f64 },
    /// A logit outside [`LOGIT_RANGE`], where the weights' log-sum-exp would lose them to rounding.
    LogitOutOfRange { index: usize, value: f64 },
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
                write!(f, "{field}[{index}] is {}; every parameter must be a finite number", short_number(*value))
            }
            ModelError::LogSigmaOutOfRange { index, value } => write!(
                f,
                "log_sigmas[{index}] is {}; it must lie in [{}, {}] so that sigma = exp(log_sigma) and \
                 1/sigma^2 are positive, finite numbers (sigma from about 1e-150 to 1e307)",
                short_number(*value),
                short_number(*LOG_SIGMA_RANGE.start()),
                short_number(*LOG_SIGMA_RANGE.end())
            ),
            ModelError::LogitOutOfRange { index, value } => write!(
                f,
                "logits[{index}] is {}; it must lie in [{}, {}] so that the weights softmax(logits) \
                 keep their precision (shift all logits by the same amount: the weights do not change)",
                short_number(*value),
                short_number(*LOGIT_RANGE.start()),
                short_number(*LOGIT_RANGE.end())
            ),
            ModelError::NotPositive { field, index, value } => {
                write!(f, "{field}[{index}] is {}; it must be greater than 0", short_number(*value))
            }
        }
    }
}

impl std::error::Error for ModelError {}

/// Allowed log standard deviations: sigma from about 1e-150 to 1e307, so that `exp(s)` and
/// `1 / sigma^2 = exp(-2 s)` are positive, finite doubles and the densities and gradients of every pass
/// are exact to rounding (below about 1e-154, `1 / sigma^2` would overflow). A fit that leaves this range
/// has diverged.
pub const LOG_SIGMA_RANGE: std::ops::RangeInclusive<f64> = -345.0..=709.0;

/// Allowed logits: the weights' log-sum-exp `m + ln(sum_k exp(a_k - m))` keeps them to about 1e-10 (one
/// unit in the last place of 1e6); logits of 1e16 would lose the `ln` term entirely (equal logits `[1e16,
/// 1e16]` would give weights `[1, 1]`). Softmax ignores a common shift, so any weights fit in this range.
pub const LOGIT_RANGE: std::ops::RangeInclusive<f64> = -1e6..=1e6;

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
}

/// Reorders each of the three length-K blocks of a `[logits | means | log_sigmas]`-shaped vector (or of
/// any per-parameter state in that layout, such as Adam's moments) by `order`.
///
/// # Panics
/// If `order` is not a permutation of `0..K` with `3K = values.len()`.
pub fn permute_blocks(values: &mut [f64], order: &[usize]) {
    let k = order.len();
    assert_eq!(values.len(), 3 * k, "values must have length 3K");
    assert!(is_permutation(order, k), "order must be a permutation of 0..K");
    for block in values.chunks_exact_mut(k) {
        let old = block.to_vec();
        for (slot, &i) in block.iter_mut().zip(order) {
            *slot = old[i];
        }
    }
}

/// Whether `order` lists each of `0..k` exactly once.
pub fn is_permutation(order: &[usize], k: usize) -> bool {
    let mut seen = vec![false; k];
    order.len() == k && order.iter().all(|&i| i < k && !std::mem::replace(&mut seen[i], true))
}

/// `order` as indices, if it lists each of `0..k` exactly once as whole numbers (as a page sends it).
pub fn permutation_from(order: &[f64], k: usize) -> Option<Vec<usize>> {
    let indices: Vec<usize> = order
        .iter()
        .map(|&v| (v.fract() == 0.0 && (0.0..k as f64).contains(&v)).then_some(v as usize))
        .collect::<Option<_>>()?;
    is_permutation(&indices, k).then_some(indices)
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
    if let Some((index, &value)) = logits.iter().enumerate().find(|(_, a)| !LOGIT_RANGE.contains(a)) {
        return Err(ModelError::LogitOutOfRange { index, value });
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
