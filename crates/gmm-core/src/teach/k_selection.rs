//! K chosen by the data: EM fits of K = 1 to 10 components, each from several k-means++ starts, scored by
//! BIC and AIC on all the data and by the log-likelihood of a held-out share of the data.
//!
//! The experiment advances in slices ([`KSelection::advance`], a budget of point-component evaluations),
//! so a worker can report its progress; only the running search is held besides the results.
//!
//! # Formula
//! For a mixture of K one-dimensional Gaussians the free parameters are `p = 3K - 1` (K means, K sigmas,
//! K weights that sum to 1). With `l` the total log-likelihood `Σᵢ log p(xᵢ)` of the best fit on all `N`
//! points:
//!
//! - `BIC = -2 l + p ln N` (lower is better),
//! - `AIC = -2 l + 2 p` (lower is better),
//! - held-out: the best fit on a seeded training share ([`TRAIN_SHARE`] of the points) is scored on the
//!   other points, `(1 / N_test) Σ_{i in test} log p(xᵢ)` (higher is better).
//!
//! # Failure cases
//! A K larger than the number of distinct values (k-means++ needs K distinct centres) is skipped with the
//! reason, as is a K for which no start keeps a finite likelihood. A split whose test share would be empty
//! (N < 5) gives no held-out scores; a K larger than the training share's distinct values gets none.

use crate::data::sample::{sample, validate_data, DataError};
use crate::fit::init::InitStrategy;
use crate::format::{count, duration};
use crate::math::ln;
use crate::model::mixture::Mixture;
use crate::rng::random_permutation;
use crate::run::best_fit::{BestFitSearch, MAX_ITERATIONS_PER_START};
use crate::run::config::{ConfigError, DataSource, FitConfig};
use crate::teach::restarts_estimate::{ASSUMED_NS_PER_POINT_COMPONENT, MAX_RESTARTS_SECONDS};
use std::ops::RangeInclusive;

/// The numbers of components tried.
pub const K_RANGE: RangeInclusive<usize> = 1..=10;

/// k-means++ starts per fit (init seeds 1, 2, ...): EM from each, the best kept.
pub const STARTS_PER_K: u64 = 4;

/// The share of the points the held-out fit is trained on; the rest are scored.
pub const TRAIN_SHARE: f64 = 0.8;

/// The seed of the training / held-out split (a permutation of the points).
pub const SPLIT_SEED: u64 = 1;

/// Free parameters of a K-component 1-D mixture.
///
/// # Formula
/// `p = 3K - 1`: K means, K sigmas and K - 1 free weights.
pub fn free_parameters(k: usize) -> usize {
    3 * k - 1
}

/// The Bayesian information criterion of a fit with total log-likelihood `log_likelihood` on `n` points.
///
/// # Formula
/// `BIC = -2 l + p ln N`, `p = 3K - 1`.
pub fn bic(log_likelihood: f64, k: usize, n: usize) -> f64 {
    -2.0 * log_likelihood + free_parameters(k) as f64 * ln(n as f64)
}

/// Akaike's information criterion.
///
/// # Formula
/// `AIC = -2 l + 2 p`, `p = 3K - 1`.
pub fn aic(log_likelihood: f64, k: usize) -> f64 {
    -2.0 * log_likelihood + 2.0 * free_parameters(k) as f64
}

/// The starts each K is fitted from: k-means++ with seeds `1..=STARTS_PER_K`.
pub fn starts() -> Vec<(InitStrategy, u64)> {
    (1..=STARTS_PER_K).map(|s| (InitStrategy::KMeansPlusPlus, s)).collect()
}

/// One K's best fit and its scores.
#[derive(Debug, Clone, PartialEq)]
pub struct KFit {
    pub k: usize,
    /// Total log-likelihood `l` of the best fit on all the data.
    pub log_likelihood: f64,
    /// `p = 3K - 1`.
    pub parameters: usize,
    pub bic: f64,
    pub aic: f64,
    /// Mean log-likelihood per held-out point of the fit on the training share (none without a split, or
    /// when the training share has fewer distinct values than K).
    pub held_out: Option<f64>,
    /// The best fit on all the data.
    pub model: Mixture,
    /// The k-means++ seed of the start that reached it.
    pub seed: u64,
}

/// What became of one K.
#[derive(Debug, Clone, PartialEq)]
pub enum KOutcome {
    Fitted(KFit),
    /// Not fitted, and why (e.g. fewer distinct values than K).
    Skipped {
        k: usize,
        reason: String,
    },
}

impl KOutcome {
    pub fn k(&self) -> usize {
        match self {
            KOutcome::Fitted(f) => f.k,
            KOutcome::Skipped { k, .. } => *k,
        }
    }
    pub fn fit(&self) -> Option<&KFit> {
        match self {
            KOutcome::Fitted(f) => Some(f),
            KOutcome::Skipped { .. } => None,
        }
    }
}

/// The K each score chooses, and the truth's K when the data were sampled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KChoice {
    /// Lowest BIC.
    pub bic: Option<usize>,
    /// Lowest AIC.
    pub aic: Option<usize>,
    /// Highest held-out log-likelihood per point.
    pub held_out: Option<usize>,
    pub truth: Option<usize>,
}

impl KChoice {
    /// The choices of `outcomes` (ties go to the smaller K).
    pub fn of(outcomes: &[KOutcome], truth: Option<usize>) -> KChoice {
        let fits: Vec<&KFit> = outcomes.iter().filter_map(KOutcome::fit).collect();
        let lowest = |score: fn(&KFit) -> f64| {
            fits.iter()
                .filter(|f| score(f).is_finite())
                .min_by(|a, b| score(a).total_cmp(&score(b)))
                .map(|f| f.k)
        };
        let held_out = fits
            .iter()
            .filter_map(|f| f.held_out.filter(|v| v.is_finite()).map(|v| (f.k, v)))
            .fold(None::<(usize, f64)>, |best, (k, v)| match best {
                Some((_, b)) if b >= v => best,
                _ => Some((k, v)),
            })
            .map(|(k, _)| k);
        KChoice {
            bic: lowest(|f| f.bic),
            aic: lowest(|f| f.aic),
            held_out,
            truth,
        }
    }

    /// The section's claim, from the run: "BIC chooses K = 5, AIC K = 6, the held-out log-likelihood K = 5;
    /// the truth has 5 components."
    pub fn sentence(&self) -> String {
        let k = |c: Option<usize>| c.map_or("none (no K was fitted)".to_string(), |k| format!("K = {k}"));
        let held = match self.held_out {
            Some(h) => format!("the held-out log-likelihood K = {h}"),
            None => "the held-out log-likelihood none (the split is too small)".to_string(),
        };
        let truth = match self.truth {
            Some(1) => "the truth has 1 component".to_string(),
            Some(t) => format!("the truth has {t} components"),
            None => "these data have no known truth".to_string(),
        };
        format!("BIC chooses {}, AIC {}, {held}; {truth}.", k(self.bic), k(self.aic))
    }
}

/// How far the experiment is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KProgress {
    /// Ks whose fits (all data and training share) are done.
    pub ks_done: usize,
    pub ks: usize,
    /// The K being fitted (none when finished).
    pub current_k: Option<usize>,
    /// Share of the work done, in `[0, 1]` (weighted by each fit's cost bound).
    pub fraction: f64,
    pub finished: bool,
}

/// One search the experiment runs: the fit of K on all the data, or on the training share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Task {
    Full(usize),
    Train(usize),
}

/// The experiment in progress.
#[derive(Debug, Clone)]
pub struct KSelection {
    data: Vec<f64>,
    train: Vec<f64>,
    test: Vec<f64>,
    truth_k: Option<usize>,
    variance_floor: f64,
    tasks: Vec<Task>,
    /// Index into `tasks` of the running one.
    task: usize,
    search: Option<BestFitSearch>,
    /// The full-data fit of the K being fitted, waiting for its held-out score.
    pending: Option<KFit>,
    outcomes: Vec<KOutcome>,
    weights_done: f64,
    weights_total: f64,
}

fn distinct(values: &[f64]) -> usize {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.dedup();
    sorted.len()
}

/// The training and held-out shares of `data`: a permutation from `seed`, the first `round(0.8 N)` points
/// to train on. None when the held-out share would be empty.
pub fn split(data: &[f64], seed: u64) -> Option<(Vec<f64>, Vec<f64>)> {
    let n = data.len();
    let n_train = ((n as f64 * TRAIN_SHARE).round() as usize).min(n);
    if n_train == 0 || n_train == n {
        return None;
    }
    let order = random_permutation(n, seed);
    let train = order[..n_train].iter().map(|&i| data[i]).collect();
    let test = order[n_train..].iter().map(|&i| data[i]).collect();
    Some((train, test))
}

impl KSelection {
    /// An experiment on `data` (K = 1 to 10), with the truth's K when there is one, the variance floor of
    /// EM and the split's seed.
    ///
    /// # Errors
    /// The data errors of [`validate_data`] for K = 1 (empty, non-finite or too large values).
    pub fn new(
        data: Vec<f64>,
        truth_k: Option<usize>,
        variance_floor: f64,
        split_seed: u64,
    ) -> Result<Self, DataError> {
        validate_data(&data, 1)?;
        let (train, test) = split(&data, split_seed).unwrap_or_default();
        let distinct_train = distinct(&train);
        let mut tasks = Vec::new();
        for k in K_RANGE {
            tasks.push(Task::Full(k));
            if !test.is_empty() && k <= distinct_train {
                tasks.push(Task::Train(k));
            }
        }
        let mut experiment = KSelection {
            data,
            train,
            test,
            truth_k,
            variance_floor,
            tasks,
            task: 0,
            search: None,
            pending: None,
            outcomes: Vec::new(),
            weights_done: 0.0,
            weights_total: 0.0,
        };
        experiment.weights_total = experiment.tasks.iter().map(|&t| experiment.weight(t)).sum();
        Ok(experiment)
    }

    /// The experiment on a configuration's data (sampled or given), with the truth's K for sampled data
    /// and the configuration's variance floor.
    ///
    /// # Errors
    /// [`ConfigError`] when the configuration is invalid.
    pub fn from_config(config: &FitConfig, split_seed: u64) -> Result<Self, ConfigError> {
        config.validate()?;
        let (data, truth_k) = match &config.data {
            DataSource::Sample { truth, n, seed } => (sample(truth, *n, *seed), Some(truth.k())),
            DataSource::Given(values) => (values.clone(), None),
        };
        Ok(Self::new(data, truth_k, config.variance_floor, split_seed).expect("the configuration was checked"))
    }

    fn task_data(&self, task: Task) -> &[f64] {
        match task {
            Task::Full(_) => &self.data,
            Task::Train(_) => &self.train,
        }
    }

    /// A search's cost bound in point-component evaluations (its share of the progress).
    fn weight(&self, task: Task) -> f64 {
        let (Task::Full(k) | Task::Train(k)) = task;
        self.task_data(task).len() as f64 * k as f64
    }

    /// Runs up to `budget` point-component evaluations (one EM iteration of K components on n points costs
    /// `n K`), across Ks, and reports the progress.
    pub fn advance(&mut self, budget: f64) -> KProgress {
        let mut left = budget;
        while left > 0.0 && self.task < self.tasks.len() {
            let task = self.tasks[self.task];
            let (Task::Full(k) | Task::Train(k)) = task;
            if self.search.is_none() {
                if let Task::Full(_) = task {
                    let distinct = distinct(&self.data);
                    if distinct < k {
                        let reason = if self.data.len() < k {
                            DataError::FewerPointsThanComponents { n: self.data.len(), k }.to_string()
                        } else {
                            DataError::FewerDistinctValuesThanComponents { distinct, k }.to_string()
                        };
                        self.outcomes.push(KOutcome::Skipped { k, reason });
                        self.finish_task(task);
                        continue;
                    }
                }
                if let Task::Train(_) = task {
                    if self.pending.as_ref().is_none_or(|f| f.k != k) {
                        // The full fit of this K found nothing: no held-out score to make.
                        self.finish_task(task);
                        continue;
                    }
                }
                let data = self.task_data(task).to_vec();
                self.search = Some(BestFitSearch::with_starts(data, k, self.variance_floor, starts()));
            }
            let search = self.search.as_mut().expect("made above");
            let cost = search.data().len() as f64 * k as f64;
            if search.advance(1) {
                self.end_search(task);
            }
            left -= cost;
        }
        self.progress()
    }

    fn end_search(&mut self, task: Task) {
        let search = self.search.take().expect("a search is running");
        match task {
            Task::Full(k) => {
                self.flush_pending();
                match search.best() {
                    Some(best) => {
                        let l = best.model.log_likelihood(&self.data);
                        self.pending = Some(KFit {
                            k,
                            log_likelihood: l,
                            parameters: free_parameters(k),
                            bic: bic(l, k, self.data.len()),
                            aic: aic(l, k),
                            held_out: None,
                            model: best.model.clone(),
                            seed: best.seed,
                        });
                    }
                    None => self.outcomes.push(KOutcome::Skipped {
                        k,
                        reason: format!(
                            "EM did not keep a finite likelihood from any of the {STARTS_PER_K} k-means++ starts"
                        ),
                    }),
                }
            }
            Task::Train(k) => {
                if let (Some(best), Some(fit)) = (search.best(), self.pending.as_mut()) {
                    if fit.k == k {
                        let v = best.model.log_likelihood(&self.test) / self.test.len() as f64;
                        fit.held_out = v.is_finite().then_some(v);
                    }
                }
            }
        }
        self.finish_task(task);
    }

    fn finish_task(&mut self, task: Task) {
        self.weights_done += self.weight(task);
        self.task += 1;
        let next_k = self.tasks.get(self.task).map(|t| match t {
            Task::Full(k) | Task::Train(k) => *k,
        });
        let (Task::Full(k) | Task::Train(k)) = task;
        if next_k != Some(k) {
            self.flush_pending();
        }
    }

    fn flush_pending(&mut self) {
        if let Some(fit) = self.pending.take() {
            self.outcomes.push(KOutcome::Fitted(fit));
        }
    }

    /// The progress so far.
    pub fn progress(&self) -> KProgress {
        let finished = self.task >= self.tasks.len();
        let within = match (&self.search, self.tasks.get(self.task)) {
            (Some(s), Some(&t)) => s.fraction_done() * self.weight(t),
            _ => 0.0,
        };
        KProgress {
            ks_done: self.outcomes.len(),
            ks: K_RANGE.count(),
            current_k: self.tasks.get(self.task).map(|t| match t {
                Task::Full(k) | Task::Train(k) => *k,
            }),
            fraction: if finished {
                1.0
            } else {
                ((self.weights_done + within) / self.weights_total).min(1.0)
            },
            finished,
        }
    }

    /// The Ks done so far, in order of K.
    pub fn outcomes(&self) -> &[KOutcome] {
        &self.outcomes
    }

    /// The K each score chooses among the Ks done.
    pub fn choice(&self) -> KChoice {
        KChoice::of(&self.outcomes, self.truth_k)
    }

    /// The data every full fit is scored on.
    pub fn data(&self) -> &[f64] {
        &self.data
    }

    /// The sizes of the training and held-out shares (0 and 0 without a split).
    pub fn split_sizes(&self) -> (usize, usize) {
        (self.train.len(), self.test.len())
    }

    pub fn truth_k(&self) -> Option<usize> {
        self.truth_k
    }
}

/// How long the experiment may take, said before it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct KSelectionEstimate {
    /// At most this many seconds: every start to the iteration limit.
    pub seconds: f64,
    /// True when the cost per point and component is this run's measured one.
    pub measured: bool,
    /// True when above [`MAX_RESTARTS_SECONDS`] (the limit the restarts share).
    pub refused: bool,
}

/// The longest the experiment can take on `n` points.
///
/// # Formula
/// `seconds = STARTS_PER_K * MAX_ITERATIONS_PER_START * Σ_{K=1..10} K (N + N_train) * c`, with `c` the
/// seconds per point and component (this run's measured one when known, else
/// `ASSUMED_NS_PER_POINT_COMPONENT * 1e-9`) and `N_train = round(0.8 N)`.
pub fn k_selection_estimate(n: usize, measured_seconds_per_point_component: Option<f64>) -> KSelectionEstimate {
    let (c, measured) = match measured_seconds_per_point_component {
        Some(c) if c > 0.0 && c.is_finite() => (c, true),
        _ => (ASSUMED_NS_PER_POINT_COMPONENT * 1e-9, false),
    };
    let n_train = (n as f64 * TRAIN_SHARE).round();
    let ks: usize = K_RANGE.sum();
    let seconds = STARTS_PER_K as f64 * MAX_ITERATIONS_PER_START as f64 * ks as f64 * (n as f64 + n_train) * c;
    KSelectionEstimate {
        seconds,
        measured,
        refused: seconds > MAX_RESTARTS_SECONDS,
    }
}

impl KSelectionEstimate {
    /// The sentence the page shows before the experiment runs (or instead of it, when refused).
    pub fn sentence(&self, n: usize) -> String {
        let basis = if self.measured {
            "from this run's measured cost per EM step"
        } else {
            "from the benchmark's cost per step (this run has not measured its own yet)"
        };
        let total = format!(
            "Fitting K = {} to {} from {STARTS_PER_K} k-means++ starts each, on all {} points and on a training share, \
             takes at most about {}, {basis}",
            K_RANGE.start(),
            K_RANGE.end(),
            count(n),
            duration(self.seconds)
        );
        if self.refused {
            format!(
                "{total}: more than the {} this page runs. Lower N.",
                duration(MAX_RESTARTS_SECONDS)
            )
        } else {
            format!("{total}.")
        }
    }
}

/// The estimate for a run's data, from its second panel's measured cost per step when that panel runs EM
/// (or over-relaxed EM, whose step costs the same pass), divided by `N K`.
pub fn k_selection_estimate_for(session: &crate::run::session::FitSession) -> KSelectionEstimate {
    use crate::fit::method::MethodKind;
    let n = session.data().len();
    let k = session.config().k;
    let em_like = matches!(
        session.config().second_method,
        MethodKind::Em | MethodKind::OverrelaxedEm
    );
    let measured = em_like
        .then(|| session.em_track().seconds_per_step())
        .flatten()
        .map(|s| s / (n as f64 * k as f64));
    k_selection_estimate(n, measured)
}
