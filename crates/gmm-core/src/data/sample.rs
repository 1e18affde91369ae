//! Data sets: validation, and sampling from a mixture with the seeded generator of [`crate::rng`].

use crate::format::short_number;
use crate::math::exp;
use crate::model::mixture::Mixture;
use crate::rng::{seeded_rng, standard_normal};
use rand::RngExt;
use std::fmt;

/// Allowed number of data points.
pub const N_RANGE: std::ops::RangeInclusive<usize> = 1..=1_000_000;

/// Largest magnitude a data point may have: squares of differences stay finite (1e200) and sums of a
/// million of them too, so every statistic of the fit is a finite number.
pub const MAX_ABS_DATA: f64 = 1e100;

/// Why a data set cannot be fitted.
#[derive(Debug, Clone, PartialEq)]
pub enum DataError {
    /// No data points at all.
    Empty,
    /// A data point is NaN or infinite.
    NonFinite { index: usize, value: f64 },
    /// A data point beyond [`MAX_ABS_DATA`] in magnitude.
    TooLarge { index: usize, value: f64 },
    /// Fewer points than components: K components need at least K points.
    FewerPointsThanComponents { n: usize, k: usize },
    /// The data holds fewer distinct values than components, so K distinct starting means do not exist.
    FewerDistinctValuesThanComponents { distinct: usize, k: usize },
    /// K = 0.
    NoComponents,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::Empty => write!(f, "the data set is empty; give at least one number"),
            DataError::NonFinite { index, value } => {
                write!(
                    f,
                    "data point {} is {}; every data point must be a finite number",
                    index + 1,
                    short_number(*value)
                )
            }
            DataError::TooLarge { index, value } => write!(
                f,
                "data point {} is {}; data must lie between {} and {} (rescale the data)",
                index + 1,
                short_number(*value),
                short_number(-MAX_ABS_DATA),
                short_number(MAX_ABS_DATA)
            ),
            DataError::FewerPointsThanComponents { n, k } => write!(
                f,
                "{k} components need at least {k} data points, but there are only {n}; lower K or add data"
            ),
            DataError::FewerDistinctValuesThanComponents { distinct, k } => write!(
                f,
                "the data has only {distinct} distinct values, fewer than K = {k}; lower K or use another init"
            ),
            DataError::NoComponents => write!(f, "K must be at least 1"),
        }
    }
}

impl std::error::Error for DataError {}

/// Checks that `data` can be fitted with `k` components: non-empty, all finite and within
/// [`MAX_ABS_DATA`], `1 <= k <= N`.
///
/// # Errors
/// [`DataError::Empty`], [`DataError::NonFinite`] and [`DataError::TooLarge`] (the first offending point),
/// [`DataError::NoComponents`], [`DataError::FewerPointsThanComponents`].
pub fn validate_data(data: &[f64], k: usize) -> Result<(), DataError> {
    if data.is_empty() {
        return Err(DataError::Empty);
    }
    if let Some((index, &value)) = data
        .iter()
        .enumerate()
        .find(|(_, v)| !(-MAX_ABS_DATA..=MAX_ABS_DATA).contains(*v))
    {
        return Err(if value.is_finite() {
            DataError::TooLarge { index, value }
        } else {
            DataError::NonFinite { index, value }
        });
    }
    if k == 0 {
        return Err(DataError::NoComponents);
    }
    if k > data.len() {
        return Err(DataError::FewerPointsThanComponents { n: data.len(), k });
    }
    Ok(())
}

/// Draws `n` points from `model`: pick component k with probability `w_k`, then `x = mu_k + sigma_k z`.
///
/// The same `(model, n, seed)` gives bit-identical points on every platform.
pub fn sample(model: &Mixture, n: usize, seed: u64) -> Vec<f64> {
    let mut rng = seeded_rng(seed);
    let weights = model.weights();
    let sigmas: Vec<f64> = model.log_sigmas().iter().map(|&s| exp(s)).collect();
    let means = model.means();
    (0..n)
        .map(|_| {
            let u = rng.random::<f64>();
            let mut acc = 0.0;
            // Falls through to the last component if rounding leaves the weights' sum just below u.
            let k = weights
                .iter()
                .position(|&w| {
                    acc += w;
                    u < acc
                })
                .unwrap_or(weights.len() - 1);
            means[k] + sigmas[k] * standard_normal(&mut rng)
        })
        .collect()
}

/// Mean and (population) standard deviation of `data`, by a two-pass formula. `data` must be non-empty.
pub fn mean_and_std(data: &[f64]) -> (f64, f64) {
    let n = data.len() as f64;
    let mean = data.iter().sum::<f64>() / n;
    let var = data.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// FNV-1a hash of the values' bit patterns: equal fingerprints mean (almost surely) bit-identical data.
/// Used to check that a seed gives the same data natively and in WebAssembly.
pub fn fingerprint(values: &[f64]) -> u64 {
    values.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, v| {
        v.to_bits()
            .to_le_bytes()
            .iter()
            .fold(h, |h, b| (h ^ *b as u64).wrapping_mul(0x0100_0000_01b3))
    })
}
