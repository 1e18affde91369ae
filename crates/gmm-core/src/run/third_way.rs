//! The third way: the one method of gradient descent, EM and over-relaxed EM that neither panel runs
//! ([`crate::fit::method::third_method`]), run from the same start on the same data with the same settings, off screen, so the
//! verdict can say where all three settle (a race of two on screen, a third beside it).
//!
//! This module holds what a session keeps of it; [`crate::run::third_way_run`] runs it.

use crate::fit::method::MethodKind;
use crate::fit::overrelaxed::Relaxation;
use crate::run::config::FitConfig;
use crate::run::status::Status;

/// Everything besides the data and the start that a run's steps depend on: a third way run with other
/// settings is another run, and the verdict leaves it out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RunSettings {
    pub first_method: MethodKind,
    pub second_method: MethodKind,
    pub learning_rate: f64,
    pub relaxation: Relaxation,
    pub variance_floor: f64,
    pub max_steps: usize,
    pub tolerance: f64,
}

impl RunSettings {
    /// An exact fingerprint, for a run reported across a boundary: the `Debug` form (floats print as the
    /// shortest text that reads back to the same bits).
    pub fn key(&self) -> String {
        format!("{self:?}")
    }

    pub fn of(config: &FitConfig) -> Self {
        RunSettings {
            first_method: config.first_method,
            second_method: config.second_method,
            learning_rate: config.learning_rate,
            relaxation: config.relaxation(),
            variance_floor: config.variance_floor,
            max_steps: config.max_steps,
            tolerance: config.tolerance,
        }
    }
}

/// How the third way ended.
#[derive(Debug, Clone, PartialEq)]
pub struct ThirdWay {
    pub kind: MethodKind,
    pub status: Status,
    pub steps: usize,
    /// Where it settled ([`crate::run::session::Track::settled`]).
    pub settled: Option<usize>,
    pub final_loss: f64,
    /// The settings it ran with.
    pub settings: RunSettings,
}
