//! The configuration of one fit run, its limits, and validation with messages that name the field.

use crate::data::sample::DataError;
use crate::fit::em::DEFAULT_VARIANCE_FLOOR;
use crate::fit::init::InitStrategy;
use crate::fit::method::MethodKind;
use crate::fit::overrelaxed::{Relaxation, DEFAULT_ETA};
use crate::fit::panel::PanelSettings;
use crate::format::ShortDisplay;
use crate::model::mixture::{Mixture, ModelError};
use crate::run::presets::CLASSIC;
use std::fmt;
use std::ops::RangeInclusive;

pub use crate::data::sample::N_RANGE;
/// Allowed number of fitted components.
pub const K_RANGE: RangeInclusive<usize> = 1..=10;
/// Allowed seeds (32 bits, so a seed survives a round trip through JavaScript numbers and URLs).
pub const SEED_RANGE: RangeInclusive<u64> = 0..=u32::MAX as u64;
/// Allowed learning rates.
pub const LEARNING_RATE_RANGE: RangeInclusive<f64> = 1e-6..=1e3;
/// Allowed over-relaxation factors `eta` of over-relaxed EM: below 1 shortens EM's step, 1 is EM, above 2
/// it can fail (the range lets a lesson show that).
pub const ETA_RANGE: RangeInclusive<f64> = 0.1..=4.0;
/// Allowed variance floors.
pub const VARIANCE_FLOOR_RANGE: RangeInclusive<f64> = 1e-12..=1.0;
/// Allowed step limits.
pub const MAX_STEPS_RANGE: RangeInclusive<usize> = 1..=100_000;
/// Allowed tolerances on the change of the mean loss between steps (0 = never stop early).
pub const TOLERANCE_RANGE: RangeInclusive<f64> = 0.0..=1.0;

/// Where the data come from.
#[derive(Debug, Clone, PartialEq)]
pub enum DataSource {
    /// `n` points sampled from `truth` with `seed`.
    Sample { truth: Mixture, n: usize, seed: u64 },
    /// Given data (no ground truth).
    Given(Vec<f64>),
}

/// Everything that defines one fit run. Both methods share the data and the initial parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct FitConfig {
    pub data: DataSource,
    /// Number of fitted components K.
    pub k: usize,
    pub init: InitStrategy,
    pub init_seed: u64,
    /// A start given by hand (the `start` option): both methods start from it, and `init` and `init_seed`
    /// are not used. It must have K components.
    pub start: Option<Mixture>,
    /// The first panel's method (by default gradient descent with Adam).
    pub first_method: MethodKind,
    /// The second panel's method (by default EM).
    pub second_method: MethodKind,
    pub learning_rate: f64,
    /// Over-relaxed EM's fixed `eta` (when not adaptive).
    pub eta: f64,
    /// Over-relaxed EM grows and resets `eta` itself ([`Relaxation::Adaptive`]).
    pub adaptive: bool,
    pub variance_floor: f64,
    pub max_steps: usize,
    pub tolerance: f64,
}

impl Default for FitConfig {
    /// The classic homework: its ground truth, N = 5000, K = 5, near-zero init, Adam at 0.01, 3000 steps.
    fn default() -> Self {
        FitConfig {
            data: DataSource::Sample {
                truth: CLASSIC.truth(),
                n: CLASSIC.n,
                seed: CLASSIC.data_seed,
            },
            k: CLASSIC.k,
            init: CLASSIC.init,
            init_seed: 1,
            start: None,
            first_method: CLASSIC.first_method,
            second_method: CLASSIC.second_method,
            learning_rate: CLASSIC.learning_rate,
            eta: DEFAULT_ETA,
            adaptive: false,
            variance_floor: DEFAULT_VARIANCE_FLOOR,
            max_steps: 3000,
            tolerance: 0.0,
        }
    }
}

/// Why a configuration was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigError {
    /// A setting outside its allowed range (or not a number).
    OutOfRange {
        field: &'static str,
        value: String,
        allowed: String,
    },
    /// The data cannot be fitted as asked.
    Data(DataError),
    /// The ground truth is not a valid mixture.
    Model(ModelError),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::OutOfRange { field, value, allowed } => {
                write!(f, "{field} = {value} is not allowed: {field} must be {allowed}")
            }
            ConfigError::Data(e) => write!(f, "data: {e}"),
            ConfigError::Model(e) => write!(f, "ground truth: {e}"),
        }
    }
}

impl std::error::Error for ConfigError {}

impl From<DataError> for ConfigError {
    fn from(e: DataError) -> Self {
        ConfigError::Data(e)
    }
}

impl From<ModelError> for ConfigError {
    fn from(e: ModelError) -> Self {
        ConfigError::Model(e)
    }
}

/// Checks `value` against an inclusive range; the error names `field` and the range (numbers in at most
/// about ten characters, counts in full).
pub fn check_range<T>(field: &'static str, value: T, range: &RangeInclusive<T>) -> Result<T, ConfigError>
where
    T: PartialOrd + ShortDisplay + Copy,
{
    if range.contains(&value) {
        Ok(value)
    } else {
        Err(ConfigError::OutOfRange {
            field,
            value: value.short(),
            allowed: format!("between {} and {}", range.start().short(), range.end().short()),
        })
    }
}

impl FitConfig {
    /// What a panel's method may use of these settings.
    pub fn panel_settings(&self) -> PanelSettings {
        PanelSettings {
            learning_rate: self.learning_rate,
            relaxation: self.relaxation(),
            variance_floor: self.variance_floor,
        }
    }

    /// Over-relaxed EM's rule from [`FitConfig::eta`] and [`FitConfig::adaptive`].
    pub fn relaxation(&self) -> Relaxation {
        if self.adaptive {
            Relaxation::Adaptive
        } else {
            Relaxation::Fixed(self.eta)
        }
    }

    /// Checks every setting against its range (a NaN is never in range).
    ///
    /// # Errors
    /// [`ConfigError::OutOfRange`] naming the first bad field and its allowed range.
    pub fn validate(&self) -> Result<(), ConfigError> {
        match &self.data {
            DataSource::Sample { n, seed, .. } => {
                check_range("n", *n, &N_RANGE)?;
                check_range("dataSeed", *seed, &SEED_RANGE)?;
            }
            DataSource::Given(values) => {
                check_range("n", values.len(), &N_RANGE)?;
            }
        }
        check_range("k", self.k, &K_RANGE)?;
        if let Some(start) = &self.start {
            if start.k() != self.k {
                return Err(ConfigError::OutOfRange {
                    field: "start",
                    value: format!("{} components", start.k()),
                    allowed: format!("{} components, as many as k (or set k to {})", self.k, start.k()),
                });
            }
        }
        check_range("initSeed", self.init_seed, &SEED_RANGE)?;
        check_range("learningRate", self.learning_rate, &LEARNING_RATE_RANGE)?;
        check_range("eta", self.eta, &ETA_RANGE)?;
        check_range("varianceFloor", self.variance_floor, &VARIANCE_FLOOR_RANGE)?;
        check_range("maxSteps", self.max_steps, &MAX_STEPS_RANGE)?;
        check_range("tolerance", self.tolerance, &TOLERANCE_RANGE)?;
        Ok(())
    }
}
