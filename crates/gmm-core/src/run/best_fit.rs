//! The best fit found: EM from several good starts on the run's data and K, the reference each method's
//! loss is measured against ("gap to the best fit").
//!
//! Neither method is promised the maximum-likelihood fit: both can stop in a local optimum, and the
//! likelihood has several. The search runs plain EM from [`SEARCH_STARTS`] (k-means++ and from-data
//! starts with a few seeds) until each converges, and keeps the lowest mean NLL. It advances in slices
//! ([`BestFitSearch::advance`]), so a worker can report it progressively at large N.

use crate::fit::em::EmFit;
use crate::fit::init::{initialise, InitStrategy};
use crate::model::mixture::Mixture;

/// The starts the search tries, in order: four k-means++ seeds, then two from-data seeds.
pub const SEARCH_STARTS: [(InitStrategy, u64); 6] = [
    (InitStrategy::KMeansPlusPlus, 1),
    (InitStrategy::KMeansPlusPlus, 2),
    (InitStrategy::KMeansPlusPlus, 3),
    (InitStrategy::KMeansPlusPlus, 4),
    (InitStrategy::FromData, 1),
    (InitStrategy::FromData, 2),
];

/// A start is followed until its mean NLL changes by less than this per iteration.
pub const CONVERGED_WITHIN: f64 = 1e-10;

/// ... or for at most this many EM iterations (a few hundred ms for N = 5000 in a browser, all starts).
pub const MAX_ITERATIONS_PER_START: usize = 400;

/// The lowest mean NLL the search reached, with the parameters and the start that reached it.
#[derive(Debug, Clone, PartialEq)]
pub struct BestFit {
    pub loss: f64,
    pub model: Mixture,
    pub init: InitStrategy,
    pub seed: u64,
}

/// EM from each of [`SEARCH_STARTS`] in turn, one slice of iterations at a time.
#[derive(Debug, Clone)]
pub struct BestFitSearch {
    data: Vec<f64>,
    k: usize,
    variance_floor: f64,
    /// The starts to follow, in order ([`SEARCH_STARTS`] unless given).
    starts: Vec<(InitStrategy, u64)>,
    /// Index into `starts` of the start being followed.
    start: usize,
    fit: Option<EmFit>,
    iterations: usize,
    last_loss: f64,
    best: Option<BestFit>,
}

impl BestFitSearch {
    /// A search on `data` (already validated for `k`, as a session's are) with the run's variance floor.
    pub fn new(data: Vec<f64>, k: usize, variance_floor: f64) -> Self {
        Self::with_starts(data, k, variance_floor, SEARCH_STARTS.to_vec())
    }

    /// A search that follows `starts` (init and seed, in order) instead of [`SEARCH_STARTS`]; with no
    /// starts it is finished at once and finds nothing.
    pub fn with_starts(data: Vec<f64>, k: usize, variance_floor: f64, starts: Vec<(InitStrategy, u64)>) -> Self {
        BestFitSearch {
            data,
            k,
            variance_floor,
            starts,
            start: 0,
            fit: None,
            iterations: 0,
            last_loss: f64::INFINITY,
            best: None,
        }
    }

    /// Runs up to `budget` EM iterations (over as many starts as they reach); returns true when every start
    /// has been followed to its end.
    ///
    /// A start that cannot be made (fewer distinct values than K) or whose likelihood stops being finite
    /// is skipped.
    pub fn advance(&mut self, budget: usize) -> bool {
        let mut left = budget;
        while left > 0 && !self.finished() {
            let Some(fit) = self.fit.as_mut() else {
                self.begin_start();
                continue;
            };
            match fit.step(&self.data) {
                Ok(loss) => {
                    left -= 1;
                    self.iterations += 1;
                    let settled = (self.last_loss - loss).abs() < CONVERGED_WITHIN;
                    self.last_loss = loss;
                    if settled || self.iterations >= MAX_ITERATIONS_PER_START {
                        self.end_start();
                    }
                }
                Err(_) => self.next_start(),
            }
        }
        self.finished()
    }

    /// True when every start has been followed.
    pub fn finished(&self) -> bool {
        self.start >= self.starts.len()
    }

    /// The data searched.
    pub fn data(&self) -> &[f64] {
        &self.data
    }

    /// The number of components K.
    pub fn k(&self) -> usize {
        self.k
    }

    /// The share of the search done, from 0 to 1 (a start counts as done when it converges early).
    pub fn fraction_done(&self) -> f64 {
        let within = (self.iterations as f64 / MAX_ITERATIONS_PER_START as f64).min(1.0);
        if self.finished() {
            return 1.0;
        }
        ((self.start as f64 + within) / self.starts.len() as f64).min(1.0)
    }

    /// The best fit so far (none before the first start has ended).
    pub fn best(&self) -> Option<&BestFit> {
        self.best.as_ref()
    }

    fn begin_start(&mut self) {
        let (init, seed) = self.starts[self.start];
        match initialise(init, self.k, &self.data, seed, self.variance_floor.sqrt()) {
            Ok(model) => {
                self.fit = Some(EmFit::new(model, self.variance_floor));
                self.iterations = 0;
                self.last_loss = f64::INFINITY;
            }
            Err(_) => self.next_start(),
        }
    }

    /// Scores the parameters the start ended with (one more pass) and moves on.
    fn end_start(&mut self) {
        if let Some(fit) = &self.fit {
            let model = fit.model();
            let loss = -model.log_likelihood(&self.data) / self.data.len() as f64;
            if loss.is_finite() && self.best.as_ref().is_none_or(|b| loss < b.loss) {
                let (init, seed) = self.starts[self.start];
                self.best = Some(BestFit {
                    loss,
                    model: model.clone(),
                    init,
                    seed,
                });
            }
        }
        self.next_start();
    }

    fn next_start(&mut self) {
        self.fit = None;
        self.iterations = 0;
        self.start += 1;
    }
}
