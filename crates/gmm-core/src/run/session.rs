//! One fit run: the data, both methods started from the same parameters, the step clock and loss histories.

use crate::data::sample::{sample, validate_data};
use crate::fit::init::initialise;
use crate::fit::method::MethodKind;
use crate::fit::panel::PanelFit;
use crate::fit::state::Diverged;
use crate::model::mixture::Mixture;
use crate::run::best_fit::BestFit;
use crate::run::config::{check_range, ConfigError, DataSource, FitConfig};
use crate::run::config::{ETA_RANGE, LEARNING_RATE_RANGE, MAX_STEPS_RANGE, TOLERANCE_RANGE, VARIANCE_FLOOR_RANGE};
use crate::run::settling::settled_at;
pub use crate::run::status::Status;
use crate::run::third_way::{RunSettings, ThirdWay};
use crate::run::timeline::Timeline;

/// The record of one method: `losses[t]` is the mean NLL after `t` steps, so `losses[0]` is the start, and
/// `seconds[t]` the time this method spent stepping to reach step `t` (`seconds[0] = 0`), measured by the
/// clock the steps were taken with ([`FitSession::advance_timed`]; all 0 without one).
#[derive(Debug, Clone, PartialEq)]
pub struct Track {
    losses: Vec<f64>,
    seconds: Vec<f64>,
    status: Status,
}

impl Track {
    pub(crate) fn new(initial_loss: f64) -> Self {
        Track {
            losses: vec![initial_loss],
            seconds: vec![0.0],
            status: Status::Running,
        }
    }
    /// Mean NLL after each step, starting with the initial parameters (length `steps() + 1`).
    pub fn losses(&self) -> &[f64] {
        &self.losses
    }
    /// Seconds spent stepping to reach each step (length `steps() + 1`, starting at 0).
    pub fn seconds(&self) -> &[f64] {
        &self.seconds
    }
    /// The measured cost of one step: the seconds spent over the steps taken (`None` before a step, or
    /// without a clock).
    pub fn seconds_per_step(&self) -> Option<f64> {
        let total = *self.seconds.last().expect("never empty");
        (self.steps() > 0 && total > 0.0).then(|| total / self.steps() as f64)
    }
    pub fn status(&self) -> Status {
        self.status
    }
    /// Steps taken so far.
    pub fn steps(&self) -> usize {
        self.losses.len() - 1
    }
    /// Where the method settled ([`settled_at`]), once it has stopped; never for a diverged method.
    pub fn settled(&self) -> Option<usize> {
        match self.status {
            Status::Running | Status::Diverged { .. } => None,
            Status::Converged { .. } | Status::StepLimit { .. } => settled_at(&self.losses),
        }
    }
    /// The loss of the current parameters.
    pub fn current_loss(&self) -> f64 {
        *self.losses.last().expect("never empty")
    }

    /// Overwrites the losses from index `from` on and the status, with what a session elsewhere reported.
    ///
    /// # Errors
    /// If `from` lies past the known losses or no loss would remain.
    pub(crate) fn overwrite(
        &mut self,
        from: usize,
        losses: &[f64],
        seconds: &[f64],
        status: Status,
    ) -> Result<(), String> {
        if from > self.losses.len() || from + losses.len() == 0 || seconds.len() != losses.len() {
            return Err(format!(
                "losses from step {from} do not follow the {} known ones",
                self.losses.len()
            ));
        }
        self.losses.truncate(from);
        self.losses.extend_from_slice(losses);
        self.seconds.truncate(from);
        self.seconds.extend_from_slice(seconds);
        self.status = status;
        Ok(())
    }

    /// Brings `seconds` to the length of `losses` after steps that took `elapsed` seconds in all, shared
    /// evenly by the steps added since there were `before` losses (a divergence that dropped losses drops
    /// their times).
    fn time_steps(&mut self, before: usize, elapsed: f64) {
        self.seconds.truncate(self.losses.len().min(before));
        let base = *self.seconds.last().expect("never empty");
        let added = self.losses.len() - self.seconds.len();
        let per_step = if added > 0 {
            elapsed.max(0.0) / added as f64
        } else {
            0.0
        };
        self.seconds.extend((1..=added).map(|i| base + per_step * i as f64));
    }

    /// The stop rule, evaluated on the known losses up to index `known`; a diverged method stays diverged.
    ///
    /// Converged: `|losses[known] - losses[known - 1]| < tolerance`. Step limit: `steps() >= max_steps`.
    fn apply_stop_rule(&mut self, known: usize, max_steps: usize, tolerance: f64) {
        if let Status::Diverged { .. } = self.status {
            return;
        }
        let step = self.steps();
        let converged = known >= 1 && (self.losses[known] - self.losses[known - 1]).abs() < tolerance;
        self.status = if converged {
            Status::Converged { step }
        } else if step >= max_steps {
            Status::StepLimit { step }
        } else {
            Status::Running
        };
    }
}

/// A clock in seconds for [`FitSession::advance_timed`] (e.g. `performance.now() / 1000` in a browser).
pub type Clock<'a> = &'a mut dyn FnMut() -> f64;

/// No clock: every step is recorded as taking no time.
fn no_clock() -> f64 {
    0.0
}

/// [`step_method`], timed by `clock`: the steps share the time the call took ([`Track::seconds`]).
pub(crate) fn advance_method(
    fit: &mut PanelFit,
    track: &mut Track,
    timeline: &mut Timeline,
    data: &[f64],
    steps: usize,
    rule: (usize, f64),
    clock: Clock,
) {
    let before = track.losses.len();
    let began = clock();
    step_method(fit, track, timeline, data, steps, rule);
    track.time_steps(before, clock() - began);
}

/// Advances one method by up to `steps` steps while it runs.
///
/// A step returns the loss of the parameters it started from, so no extra pass over the data is needed
/// per step: `losses[t]` is filled in by step `t + 1`, and only the last parameters are evaluated once at
/// the end. The stop rule looks at the losses filled in by steps, so where a run stops does not depend on
/// how the steps are split into calls. Each step's parameters go to `timeline`; the caller drops those a
/// divergence undid ([`Timeline::truncate`]).
fn step_method(
    fit: &mut PanelFit,
    track: &mut Track,
    timeline: &mut Timeline,
    data: &[f64],
    steps: usize,
    (max_steps, tol): (usize, f64),
) {
    let mut stepped = false;
    for _ in 0..steps {
        if track.status != Status::Running {
            break;
        }
        let t = track.steps();
        match fit.step(data) {
            Ok(loss) => {
                track.losses[t] = loss;
                track.losses.push(f64::NAN);
                timeline.record(t + 1, fit.model(), fit.floored(), fit.emptied());
                stepped = true;
                track.apply_stop_rule(t, max_steps, tol);
            }
            Err(Diverged { rolled_back: true, .. }) => {
                // The current parameters were bad; the fit went back to those of step t - 1.
                track.losses.truncate(t.max(1));
                track.status = Status::Diverged { step: t };
                return;
            }
            Err(Diverged {
                loss,
                rolled_back: false,
            }) => {
                // The update from step t was refused; the fit keeps step t, whose loss is known.
                track.losses[t] = loss;
                track.status = Status::Diverged { step: t + 1 };
                return;
            }
        }
    }
    if stepped {
        let loss = validated_loss(fit.model(), data);
        if loss.is_finite() {
            *track.losses.last_mut().expect("never empty") = loss;
        } else {
            fit.restore_last_good();
            track.losses.pop();
            track.status = Status::Diverged {
                step: track.steps() + 1,
            };
        }
    }
}

/// One of a session's two methods: `Direct`, the first panel (by default gradient descent with Adam), or
/// `Em`, the second (by default EM).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Direct,
    Em,
}

impl From<crate::run::timeline::MethodId> for Panel {
    fn from(method: crate::run::timeline::MethodId) -> Panel {
        match method {
            crate::run::timeline::MethodId::Direct => Panel::Direct,
            crate::run::timeline::MethodId::Em => Panel::Em,
        }
    }
}

/// A fit run of two methods on the same data from the same initial parameters, advanced in lock step.
///
/// The two panels keep the names of the homework's race, `direct` (the first: by default gradient descent
/// with Adam) and `em` (the second: by default EM), also across the JavaScript boundary; either can run any
/// [`MethodKind`].
#[derive(Debug, Clone)]
pub struct FitSession {
    config: FitConfig,
    data: Vec<f64>,
    truth: Option<Mixture>,
    truth_loss: Option<f64>,
    init: Mixture,
    /// The first panel's fit ([`FitConfig::first_method`]).
    direct: PanelFit,
    /// The second panel's fit ([`FitConfig::second_method`]).
    em: PanelFit,
    direct_track: Track,
    em_track: Track,
    /// The best fit a search found on this data and K (see [`crate::run::best_fit`]), once reported.
    reference: Option<BestFit>,
    /// The method neither panel runs, run from the same start elsewhere ([`crate::run::third_way`]).
    third_way: Option<ThirdWay>,
    /// Each method's parameters at the recorded steps ([`crate::run::timeline`]).
    direct_timeline: Timeline,
    em_timeline: Timeline,
}

impl FitSession {
    /// Draws (or takes) the data, draws the initial parameters (or takes [`FitConfig::start`]), and sets
    /// both methods at step 0.
    ///
    /// # Errors
    /// [`ConfigError`] naming the first invalid setting, or why the data cannot be fitted.
    pub fn new(config: FitConfig) -> Result<Self, ConfigError> {
        config.validate()?;
        let (data, truth) = match &config.data {
            DataSource::Sample { truth, n, seed } => (sample(truth, *n, *seed), Some(truth.clone())),
            DataSource::Given(values) => (values.clone(), None),
        };
        validate_data(&data, config.k)?;
        let init = match &config.start {
            Some(start) => start.clone(),
            None => initialise(
                config.init,
                config.k,
                &data,
                config.init_seed,
                config.variance_floor.sqrt(),
            )?,
        };
        let truth_loss = truth.as_ref().map(|t| validated_loss(t, &data));
        let initial_loss = validated_loss(&init, &data);
        Ok(FitSession {
            direct: PanelFit::new(init.clone(), config.first_method, config.panel_settings()),
            em: PanelFit::new(init.clone(), config.second_method, config.panel_settings()),
            direct_track: Track::new(initial_loss),
            em_track: Track::new(initial_loss),
            direct_timeline: Timeline::new(&init),
            em_timeline: Timeline::new(&init),
            config,
            data,
            truth,
            truth_loss,
            init,
            reference: None,
            third_way: None,
        })
    }

    pub fn config(&self) -> &FitConfig {
        &self.config
    }
    pub fn data(&self) -> &[f64] {
        &self.data
    }
    /// The ground truth, when the data were sampled from one.
    pub fn truth(&self) -> Option<&Mixture> {
        self.truth.as_ref()
    }
    /// Mean NLL of the ground truth on this data: the reference line on the loss plot.
    pub fn truth_loss(&self) -> Option<f64> {
        self.truth_loss
    }
    /// The shared initial parameters.
    pub fn initial(&self) -> &Mixture {
        &self.init
    }
    /// The first panel's fit.
    pub fn direct(&self) -> &PanelFit {
        &self.direct
    }
    /// The second panel's fit.
    pub fn em(&self) -> &PanelFit {
        &self.em
    }
    pub fn direct_track(&self) -> &Track {
        &self.direct_track
    }
    pub fn em_track(&self) -> &Track {
        &self.em_track
    }
    /// The direct fit's parameters at the recorded steps (see [`crate::run::timeline`]).
    pub fn direct_timeline(&self) -> &Timeline {
        &self.direct_timeline
    }
    /// EM's parameters at the recorded steps.
    pub fn em_timeline(&self) -> &Timeline {
        &self.em_timeline
    }
    /// Both methods with their records, for [`crate::run::progress`] to overwrite.
    pub(crate) fn methods_mut(&mut self) -> (&mut PanelFit, &mut Track, &mut PanelFit, &mut Track) {
        (
            &mut self.direct,
            &mut self.direct_track,
            &mut self.em,
            &mut self.em_track,
        )
    }
    /// Records the best fit a search found on this session's data and K; it stays across resets (the data
    /// and K do not change).
    pub fn set_reference(&mut self, best: BestFit) {
        self.reference = Some(best);
    }
    /// Records how the method neither panel runs did from the same start ([`crate::run::third_way`]).
    pub fn set_third_way(&mut self, third: ThirdWay) {
        self.third_way = Some(third);
    }
    /// The third way's result, when it was run with the settings in force now (a setting changed since,
    /// or a method switched, makes it another run: `None`).
    pub fn third_way(&self) -> Option<&ThirdWay> {
        self.third_way
            .as_ref()
            .filter(|t| t.settings == RunSettings::of(&self.config))
    }
    /// The best fit the search found, once it reported.
    pub fn reference(&self) -> Option<&BestFit> {
        self.reference.as_ref()
    }
    /// The lowest mean NLL known on this data and K: the search's, or any loss a method reached if lower.
    /// `None` until the search has reported.
    ///
    /// # Formula
    /// `best = min(search, min_t direct_t, min_t em_t)` over the finite losses, so no method's gap
    /// `loss_t - best` is ever negative.
    pub fn best_loss(&self) -> Option<f64> {
        let search = self.reference.as_ref()?.loss;
        let reached = [&self.direct_track, &self.em_track]
            .into_iter()
            .flat_map(|t| t.losses().iter().copied())
            .filter(|l| l.is_finite());
        Some(reached.fold(search, f64::min))
    }
    /// The session clock: the larger of the two methods' step counts.
    pub fn step(&self) -> usize {
        self.direct_track.steps().max(self.em_track.steps())
    }
    /// True when both methods have stopped.
    pub fn finished(&self) -> bool {
        self.direct_track.status != Status::Running && self.em_track.status != Status::Running
    }

    /// Advances every running method by up to `steps` steps, in lock step, untimed.
    pub fn advance(&mut self, steps: usize) {
        self.advance_timed(steps, &mut no_clock);
    }

    /// Advances one method by up to `steps` steps, untimed; the other is left where it is. The two methods
    /// share nothing but the data, so `advance(n)` gives the same bits as `advance_panel(Panel::Direct, n)`
    /// followed by `advance_panel(Panel::Em, n)`, in either order: what lets each run on its own core.
    pub fn advance_panel(&mut self, panel: Panel, steps: usize) {
        self.advance_panel_timed(panel, steps, &mut no_clock);
    }

    /// As [`FitSession::advance_panel`], timing the steps by `clock` ([`Track::seconds`]); the numbers do
    /// not depend on the clock.
    pub fn advance_panel_timed(&mut self, panel: Panel, steps: usize, clock: Clock) {
        let rule = (self.config.max_steps, self.config.tolerance);
        let (fit, track, timeline) = match panel {
            Panel::Direct => (&mut self.direct, &mut self.direct_track, &mut self.direct_timeline),
            Panel::Em => (&mut self.em, &mut self.em_track, &mut self.em_timeline),
        };
        advance_method(fit, track, timeline, &self.data, steps, rule, clock);
        timeline.truncate(track.steps());
    }

    /// True when `panel`'s method has stopped (the other may still run).
    pub fn panel_finished(&self, panel: Panel) -> bool {
        let track = match panel {
            Panel::Direct => &self.direct_track,
            Panel::Em => &self.em_track,
        };
        track.status != Status::Running
    }

    /// As [`FitSession::advance`], timing each method's steps by `clock` ([`Track::seconds`]); the
    /// numbers do not depend on the clock.
    pub fn advance_timed(&mut self, steps: usize, clock: Clock) {
        let rule = (self.config.max_steps, self.config.tolerance);
        advance_method(
            &mut self.direct,
            &mut self.direct_track,
            &mut self.direct_timeline,
            &self.data,
            steps,
            rule,
            clock,
        );
        advance_method(
            &mut self.em,
            &mut self.em_track,
            &mut self.em_timeline,
            &self.data,
            steps,
            rule,
            &mut *clock,
        );
        self.direct_timeline.truncate(self.direct_track.steps());
        self.em_timeline.truncate(self.em_track.steps());
    }

    /// Back to step 0 with the same data and initial parameters (and the current settings).
    pub fn reset(&mut self) {
        let initial_loss = validated_loss(&self.init, &self.data);
        let settings = self.config.panel_settings();
        self.direct = PanelFit::new(self.init.clone(), self.config.first_method, settings);
        self.em = PanelFit::new(self.init.clone(), self.config.second_method, settings);
        self.direct_track = Track::new(initial_loss);
        self.em_track = Track::new(initial_loss);
        self.direct_timeline = Timeline::new(&self.init);
        self.em_timeline = Timeline::new(&self.init);
    }

    /// Relabels the fitted components of both methods by `order` (a permutation of `0..K`): the densities,
    /// the losses and every later step stay the same; only the components' order, and so any naive
    /// comparison with the truth in that order, changes.
    pub fn permute_components(&mut self, order: &[usize]) {
        self.direct.permute_components(order);
        self.em.permute_components(order);
        self.direct_timeline.permute_components(order);
        self.em_timeline.permute_components(order);
    }

    /// Changes the learning rate of either panel's gradient descent from the next step on.
    pub fn set_learning_rate(&mut self, learning_rate: f64) -> Result<(), ConfigError> {
        self.config.learning_rate = check_range("learningRate", learning_rate, &LEARNING_RATE_RANGE)?;
        self.direct.set_learning_rate(learning_rate);
        self.em.set_learning_rate(learning_rate);
        Ok(())
    }

    /// Over-relaxed EM's rule from `eta` and `adaptive`, for either panel from the next step on (an
    /// adaptive rule starts again at `eta = 1`).
    ///
    /// # Errors
    /// [`ConfigError::OutOfRange`] for `eta` outside [`ETA_RANGE`].
    pub fn set_relaxation(&mut self, eta: f64, adaptive: bool) -> Result<(), ConfigError> {
        self.config.eta = check_range("eta", eta, &ETA_RANGE)?;
        self.config.adaptive = adaptive;
        self.direct.set_relaxation(self.config.relaxation());
        self.em.set_relaxation(self.config.relaxation());
        Ok(())
    }

    /// Switches the first panel's method ([`PanelFit::set_method`]: another optimizer restarts its state,
    /// another method starts from the current parameters).
    pub fn set_first_method(&mut self, kind: MethodKind) {
        self.config.first_method = kind;
        self.direct.set_method(kind);
    }

    /// Switches the second panel's method, as [`FitSession::set_first_method`].
    pub fn set_second_method(&mut self, kind: MethodKind) {
        self.config.second_method = kind;
        self.em.set_method(kind);
    }

    /// Changes the variance floor of both methods from the next step on.
    pub fn set_variance_floor(&mut self, floor: f64) -> Result<(), ConfigError> {
        self.config.variance_floor = check_range("varianceFloor", floor, &VARIANCE_FLOOR_RANGE)?;
        self.direct.set_variance_floor(floor);
        self.em.set_variance_floor(floor);
        Ok(())
    }

    /// Changes the stop rule; a method stopped by the old rule resumes if the new one lets it.
    pub fn set_stop_rule(&mut self, max_steps: usize, tolerance: f64) -> Result<(), ConfigError> {
        check_range("maxSteps", max_steps, &MAX_STEPS_RANGE)?;
        check_range("tolerance", tolerance, &TOLERANCE_RANGE)?;
        self.config.max_steps = max_steps;
        self.config.tolerance = tolerance;
        for track in [&mut self.direct_track, &mut self.em_track] {
            let known = track.steps();
            track.apply_stop_rule(known, max_steps, tolerance);
        }
        Ok(())
    }
}

/// The mean NLL of `model` on a session's data, which [`crate::data::sample::validate_data`] has checked
/// to hold at least one point (so [`Mixture::mean_nll`] cannot fail).
pub(crate) fn validated_loss(model: &Mixture, data: &[f64]) -> f64 {
    model
        .mean_nll(data)
        .expect("a session's data hold at least one point (N >= 1)")
}
