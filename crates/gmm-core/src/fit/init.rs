//! Seeded initial parameters: the homework's near-zero start, a start from the data, and k-means++.

use crate::data::sample::DataError;
use crate::data::sample::{mean_and_std, validate_data};
use crate::math::ln;
use crate::model::mixture::Mixture;
use crate::rng::SeededRng;
use crate::rng::{seeded_rng, uniform_index, uniform_open0};
use rand::RngExt;

/// How the initial parameters are chosen. Every strategy is deterministic given its seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InitStrategy {
    /// The homework's start: means uniform in `[-0.1, 0.1]`, sigmas uniform in `(0, 0.1]`, weights from a
    /// Dirichlet(1, ..., 1) draw. Far from the data on purpose: it shows how each method copes.
    NearZero,
    /// Means at K distinct data values chosen at random, every sigma at the data's standard deviation,
    /// equal weights.
    FromData,
    /// k-means++ seeding (Arthur and Vassilvitskii, 2007) picks K centres; each point then joins its
    /// nearest centre, and the clusters' shares, means and standard deviations are the start.
    KMeansPlusPlus,
}

impl InitStrategy {
    /// Every strategy, in the order a menu lists them.
    pub const ALL: [InitStrategy; 3] = [
        InitStrategy::NearZero,
        InitStrategy::FromData,
        InitStrategy::KMeansPlusPlus,
    ];

    /// Short machine name, as used in configurations: `near-zero`, `from-data`, `kmeans++`.
    pub fn name(self) -> &'static str {
        match self {
            InitStrategy::NearZero => "near-zero",
            InitStrategy::FromData => "from-data",
            InitStrategy::KMeansPlusPlus => "kmeans++",
        }
    }

    /// Parses [`InitStrategy::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// Initial parameters for `k` components on `data`, drawn with `seed`.
///
/// `min_sigma` (> 0) is the smallest standard deviation a data-based start may use, so that a cluster
/// of identical points does not start at sigma = 0; use the square root of the variance floor.
///
/// # Errors
/// The data errors of [`validate_data`], and [`DataError::FewerDistinctValuesThanComponents`] for
/// `FromData` and `KMeansPlusPlus` when there are fewer than K distinct values.
pub fn initialise(
    strategy: InitStrategy,
    k: usize,
    data: &[f64],
    seed: u64,
    min_sigma: f64,
) -> Result<Mixture, DataError> {
    validate_data(data, k)?;
    let mut rng = seeded_rng(seed);
    let model = match strategy {
        InitStrategy::NearZero => near_zero(k, &mut rng),
        InitStrategy::FromData => from_data(k, data, &mut rng, min_sigma)?,
        InitStrategy::KMeansPlusPlus => kmeans_plus_plus(k, data, &mut rng, min_sigma)?,
    };
    Ok(model)
}

fn near_zero(k: usize, rng: &mut SeededRng) -> Mixture {
    let means: Vec<f64> = (0..k).map(|_| rng.random_range(-0.1..=0.1)).collect();
    let log_sigmas: Vec<f64> = (0..k).map(|_| ln(0.1 * uniform_open0(rng))).collect();
    // Dirichlet(1): normalised Exp(1) draws; softmax does the normalising, so logits = ln(Exp(1) draw).
    let logits: Vec<f64> = (0..k)
        .map(|_| ln((-ln(uniform_open0(rng))).max(f64::MIN_POSITIVE)))
        .collect();
    Mixture::new(&logits, &means, &log_sigmas).expect("finite by construction")
}

/// K indices of pairwise distinct values, by a lazy Fisher-Yates shuffle of the indices.
fn distinct_random_points(k: usize, data: &[f64], rng: &mut SeededRng) -> Result<Vec<f64>, DataError> {
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut chosen: Vec<f64> = Vec::with_capacity(k);
    for i in 0..data.len() {
        let j = i + uniform_index(rng, data.len() - i);
        order.swap(i, j);
        let x = data[order[i]];
        if !chosen.contains(&x) {
            chosen.push(x);
            if chosen.len() == k {
                return Ok(chosen);
            }
        }
    }
    Err(DataError::FewerDistinctValuesThanComponents {
        distinct: chosen.len(),
        k,
    })
}

fn from_data(k: usize, data: &[f64], rng: &mut SeededRng, min_sigma: f64) -> Result<Mixture, DataError> {
    let means = distinct_random_points(k, data, rng)?;
    let (_, std) = mean_and_std(data);
    let log_sigmas = vec![ln(std.max(min_sigma)); k];
    Ok(Mixture::new(&vec![0.0; k], &means, &log_sigmas).expect("finite by construction"))
}

fn nearest(x: f64, centres: &[f64]) -> (usize, f64) {
    centres
        .iter()
        .enumerate()
        .map(|(j, c)| (j, (x - c) * (x - c)))
        .fold((0, f64::INFINITY), |best, cur| if cur.1 < best.1 { cur } else { best })
}

fn kmeans_plus_plus(k: usize, data: &[f64], rng: &mut SeededRng, min_sigma: f64) -> Result<Mixture, DataError> {
    let mut centres = vec![data[uniform_index(rng, data.len())]];
    let mut d2: Vec<f64> = data.iter().map(|x| (x - centres[0]) * (x - centres[0])).collect();
    while centres.len() < k {
        let total: f64 = d2.iter().sum();
        if total <= 0.0 {
            // Every point sits on a centre already: fewer distinct values than K.
            return Err(DataError::FewerDistinctValuesThanComponents {
                distinct: centres.len(),
                k,
            });
        }
        // Next centre: point i with probability d2_i / total (a point on a centre has d2 = 0, never chosen).
        let target = rng.random::<f64>() * total;
        let mut acc = 0.0;
        let last_positive = d2.iter().rposition(|&d| d > 0.0).expect("total > 0");
        let i = d2
            .iter()
            .position(|&d| {
                acc += d;
                d > 0.0 && target < acc
            })
            .unwrap_or(last_positive);
        let c = data[i];
        centres.push(c);
        for (d, x) in d2.iter_mut().zip(data) {
            *d = d.min((x - c) * (x - c));
        }
    }
    // Hard assignment to the nearest centre; each cluster's share, mean and spread give the start.
    let mut count = vec![0.0; k];
    let mut sum = vec![0.0; k];
    let mut sum_sq = vec![0.0; k];
    for &x in data {
        let (j, _) = nearest(x, &centres);
        let d = x - centres[j];
        count[j] += 1.0;
        sum[j] += d;
        sum_sq[j] += d * d;
    }
    let mut means = centres.clone();
    let mut log_sigmas = vec![0.0; k];
    for j in 0..k {
        // Every centre is a data point, so its cluster holds at least that point.
        let shift = sum[j] / count[j];
        means[j] += shift;
        log_sigmas[j] = ln((sum_sq[j] / count[j] - shift * shift).max(0.0).sqrt().max(min_sigma));
    }
    let logits: Vec<f64> = count.iter().map(|&c| ln(c)).collect();
    Ok(Mixture::new(&logits, &means, &log_sigmas).expect("finite by construction"))
}
