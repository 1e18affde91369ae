//! The third way: the one method of gradient descent, EM and over-relaxed EM that neither panel runs
//! ([`third_method`]), run from the same start on the same data with the same settings, off screen, so the
//! verdict can say where all three settle (a race of two on screen, a third beside it).

use crate::fit::method::{third_method, MethodKind};
use crate::fit::overrelaxed::Relaxation;
use crate::fit::panel::PanelFit;
use crate::run::config::FitConfig;
use crate::run::session::{advance_method, validated_loss, FitSession, Status, Track};
use crate::run::timeline::Timeline;

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
    /// Where it settled ([`Track::settled`]).
    pub settled: Option<usize>,
    pub final_loss: f64,
    /// The settings it ran with.
    pub settings: RunSettings,
}

/// The third way, stepped in slices (in a worker, after the best-fit search).
#[derive(Debug, Clone)]
pub struct ThirdWayRun {
    fit: PanelFit,
    track: Track,
    timeline: Timeline,
    data: Vec<f64>,
    settings: RunSettings,
}

impl ThirdWayRun {
    /// The method neither panel of `session` runs, from its start on its data, with its settings.
    pub fn new(session: &FitSession) -> Self {
        let config = session.config();
        let kind = third_method(config.first_method, config.second_method);
        let init = session.initial().clone();
        ThirdWayRun {
            fit: PanelFit::new(init.clone(), kind, config.panel_settings()),
            track: Track::new(validated_loss(&init, session.data())),
            timeline: Timeline::new(&init),
            settings: RunSettings::of(config),
            data: session.data().to_vec(),
        }
    }

    /// Takes up to `steps` steps under the session's stop rule; true once it has stopped.
    pub fn advance(&mut self, steps: usize) -> bool {
        let rule = (self.settings.max_steps, self.settings.tolerance);
        advance_method(
            &mut self.fit,
            &mut self.track,
            &mut self.timeline,
            &self.data,
            steps,
            rule,
            &mut || 0.0,
        );
        self.timeline.truncate(self.track.steps());
        self.finished()
    }

    pub fn finished(&self) -> bool {
        self.track.status() != Status::Running
    }

    /// The share of the step limit done, from 0 to 1 (1 once stopped).
    pub fn fraction_done(&self) -> f64 {
        if self.finished() {
            1.0
        } else {
            self.track.steps() as f64 / self.settings.max_steps as f64
        }
    }

    /// The record so far (as it ends, once [`ThirdWayRun::finished`]).
    pub fn result(&self) -> ThirdWay {
        ThirdWay {
            kind: self.fit.kind(),
            status: self.track.status(),
            steps: self.track.steps(),
            settled: self.track.settled(),
            final_loss: self.track.current_loss(),
            settings: self.settings,
        }
    }
}
