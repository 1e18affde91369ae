//! Runs the third way ([`crate::run::third_way`]): the method neither panel runs, from the session's start
//! on its data with its settings, under its stop rule, untimed.

use crate::fit::method::third_method;
use crate::fit::panel::PanelFit;
use crate::run::session::{advance_method, validated_loss, FitSession, Status, Track};
use crate::run::third_way::{RunSettings, ThirdWay};
use crate::run::timeline::Timeline;

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
