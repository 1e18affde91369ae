//! The restarts experiment: the same data, R different random starts, both methods run to completion.
//!
//! Restart `r` is exactly the [`FitSession`] of the configuration [`Restarts::replay_config`] returns
//! (the same data, the chosen init kind, init seed `base_seed + r`), so any restart can be replayed as a
//! normal session. Work is done in slices ([`Restarts::advance`]) so that a page can spread it over
//! animation frames; only the running restart's session is held in memory.

use crate::data::sample::sample;
use crate::fit::init::InitStrategy;
use crate::run::config::{ConfigError, DataSource, FitConfig, SEED_RANGE};
use crate::run::session::{FitSession, Status};
use std::fmt;

/// Most restarts one experiment may run.
pub const MAX_RESTARTS: usize = 50;

/// Why an experiment could not be set up or continued.
#[derive(Debug, Clone, PartialEq)]
pub enum RestartsError {
    /// R outside `1..=MAX_RESTARTS`.
    Count(usize),
    /// `base_seed + R - 1` would leave the allowed seeds.
    Seed { base_seed: u64, restarts: usize },
    /// No restart with this index.
    NoSuchRestart { index: usize, restarts: usize },
    /// The configuration (or the data with this init) cannot be fitted.
    Config(ConfigError),
}

impl fmt::Display for RestartsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RestartsError::Count(r) => {
                write!(
                    f,
                    "{r} restarts is not allowed: the number of restarts must be 1 to {MAX_RESTARTS}"
                )
            }
            RestartsError::Seed { base_seed, restarts } => write!(
                f,
                "init seeds {base_seed} to {base_seed} + {} leave the allowed seeds 0 to {}; lower the first seed",
                restarts - 1,
                SEED_RANGE.end()
            ),
            RestartsError::NoSuchRestart { index, restarts } => write!(
                f,
                "restart {index} does not exist: there are {restarts} restarts, numbered 0 to {}",
                restarts - 1
            ),
            RestartsError::Config(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for RestartsError {}

impl From<ConfigError> for RestartsError {
    fn from(e: ConfigError) -> Self {
        RestartsError::Config(e)
    }
}

/// The settings that single out one restart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReplayOptions {
    pub init: InitStrategy,
    pub init_seed: u64,
}

/// How one method ended in one restart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MethodOutcome {
    /// Mean NLL of the final parameters.
    pub final_loss: f64,
    /// Converged, step limit or diverged (never running).
    pub status: Status,
    /// The step at which it stopped.
    pub stop_step: usize,
}

/// Both methods' outcomes for one restart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RestartOutcome {
    pub index: usize,
    pub init_seed: u64,
    pub direct: MethodOutcome,
    pub em: MethodOutcome,
}

/// How far the experiment is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    pub restarts_done: usize,
    pub restarts: usize,
    /// Steps taken by the running restart (0 between restarts).
    pub current_step: usize,
    pub max_steps: usize,
    /// `(restarts_done + current_step / max_steps) / restarts`, in `[0, 1]`.
    pub fraction: f64,
    pub finished: bool,
}

/// A restarts experiment in progress.
#[derive(Debug, Clone)]
pub struct Restarts {
    config: FitConfig,
    data: Vec<f64>,
    truth_loss: Option<f64>,
    base_seed: u64,
    restarts: usize,
    current: Option<FitSession>,
    outcomes: Vec<RestartOutcome>,
}

impl Restarts {
    /// Sets up `restarts` runs of `config` (its data, K, optimizer, learning rate, floor, step limit and
    /// tolerance) with init `init` and init seeds `base_seed, base_seed + 1, ...`. The data are drawn once.
    ///
    /// # Errors
    /// [`RestartsError::Count`] for R outside `1..=50`, [`RestartsError::Seed`], and
    /// [`RestartsError::Config`] if the configuration or the first start is invalid.
    pub fn new(config: &FitConfig, init: InitStrategy, base_seed: u64, restarts: usize) -> Result<Self, RestartsError> {
        if !(1..=MAX_RESTARTS).contains(&restarts) {
            return Err(RestartsError::Count(restarts));
        }
        if base_seed
            .checked_add(restarts as u64 - 1)
            .is_none_or(|last| !SEED_RANGE.contains(&last))
        {
            return Err(RestartsError::Seed { base_seed, restarts });
        }
        // Each restart draws its own start, so a start given by hand is not used.
        let config = FitConfig {
            init,
            init_seed: base_seed,
            start: None,
            ..config.clone()
        };
        config.validate()?;
        let (data, truth_loss) = match &config.data {
            DataSource::Sample { truth, n, seed } => {
                let data = sample(truth, *n, *seed);
                let loss = truth.mean_nll(&data).expect("N >= 1: the configuration was checked");
                (data, Some(loss))
            }
            DataSource::Given(values) => (values.clone(), None),
        };
        let mut experiment = Restarts {
            config,
            data,
            truth_loss,
            base_seed,
            restarts,
            current: None,
            outcomes: Vec::with_capacity(restarts),
        };
        experiment.current = Some(experiment.session(0)?);
        Ok(experiment)
    }

    /// The session of restart `r` on the already drawn data (bit-identical to the replayed one's).
    fn session(&self, r: usize) -> Result<FitSession, RestartsError> {
        let config = FitConfig {
            data: DataSource::Given(self.data.clone()),
            init_seed: self.base_seed + r as u64,
            ..self.config.clone()
        };
        Ok(FitSession::new(config)?)
    }

    /// Runs up to `budget_steps` steps (one step = one step of each running method), across restarts
    /// if one finishes within the budget, and reports the progress.
    ///
    /// # Errors
    /// [`RestartsError::Config`] if a restart's start cannot be drawn (then the experiment stops there).
    pub fn advance(&mut self, budget_steps: usize) -> Result<Progress, RestartsError> {
        let mut budget = budget_steps;
        while budget > 0 && self.outcomes.len() < self.restarts {
            let r = self.outcomes.len();
            let mut session = match self.current.take() {
                Some(s) => s,
                None => self.session(r)?,
            };
            let before = session.step();
            session.advance(budget);
            budget = budget.saturating_sub((session.step() - before).max(1));
            if session.finished() {
                self.outcomes.push(outcome(r, self.base_seed + r as u64, &session));
            } else {
                self.current = Some(session);
            }
        }
        Ok(self.progress())
    }

    /// The progress so far.
    pub fn progress(&self) -> Progress {
        let current_step = self.current.as_ref().map_or(0, |s| s.step());
        let max_steps = self.config.max_steps;
        let done = self.outcomes.len();
        let partial = (current_step as f64 / max_steps as f64).min(1.0);
        let finished = done == self.restarts;
        Progress {
            restarts_done: done,
            restarts: self.restarts,
            current_step,
            max_steps,
            fraction: if finished {
                1.0
            } else {
                (done as f64 + partial) / self.restarts as f64
            },
            finished,
        }
    }

    /// Outcomes of the finished restarts, in order.
    pub fn outcomes(&self) -> &[RestartOutcome] {
        &self.outcomes
    }
    /// Mean NLL of the ground truth on the data (the reference line), when the data were sampled.
    pub fn truth_loss(&self) -> Option<f64> {
        self.truth_loss
    }
    /// Number of restarts R.
    pub fn restarts(&self) -> usize {
        self.restarts
    }
    /// The data every restart fits.
    pub fn data(&self) -> &[f64] {
        &self.data
    }

    /// What the page must set, on top of the experiment's other settings, to rebuild restart `r` as a
    /// normal session: the init kind and the init seed (see also [`Restarts::replay_config`]).
    ///
    /// # Errors
    /// [`RestartsError::NoSuchRestart`] for `r >= R`.
    pub fn replay_options(&self, r: usize) -> Result<ReplayOptions, RestartsError> {
        if r >= self.restarts {
            return Err(RestartsError::NoSuchRestart {
                index: r,
                restarts: self.restarts,
            });
        }
        Ok(ReplayOptions {
            init: self.config.init,
            init_seed: self.base_seed + r as u64,
        })
    }

    /// The full configuration of restart `r` (with the original data source), for [`FitSession::new`].
    ///
    /// # Errors
    /// As [`Restarts::replay_options`].
    pub fn replay_config(&self, r: usize) -> Result<FitConfig, RestartsError> {
        Ok(FitConfig {
            init_seed: self.replay_options(r)?.init_seed,
            ..self.config.clone()
        })
    }
}

fn outcome(index: usize, init_seed: u64, session: &FitSession) -> RestartOutcome {
    let method = |track: &crate::run::session::Track| MethodOutcome {
        final_loss: track.current_loss(),
        status: track.status(),
        stop_step: track.status().stopped_at().unwrap_or(track.steps()),
    };
    RestartOutcome {
        index,
        init_seed,
        direct: method(session.direct_track()),
        em: method(session.em_track()),
    }
}
