//! A panel's fit: gradient descent with one of its optimizers ([`DirectFit`]), EM ([`EmFit`]) or
//! over-relaxed EM ([`OverrelaxedFit`]), chosen by [`MethodKind`]. Switching methods while a run goes on
//! starts the new method from the current parameters, as switching optimizers does.

use crate::fit::em::EmFit;
use crate::fit::method::MethodKind;
use crate::fit::optim::DirectFit;
use crate::fit::overrelaxed::{OverrelaxedFit, Relaxation};
use crate::fit::state::Diverged;
use crate::model::mixture::Mixture;

/// The running method.
#[derive(Debug, Clone)]
enum Engine {
    Direct(DirectFit),
    Em(EmFit),
    Overrelaxed(OverrelaxedFit),
}

/// The settings every method may use: the learning rate (gradient descent), the relaxation (over-relaxed
/// EM) and the variance floor (all).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PanelSettings {
    pub learning_rate: f64,
    pub relaxation: Relaxation,
    pub variance_floor: f64,
}

/// One panel's fit, with the settings of every method so that it can switch.
#[derive(Debug, Clone)]
pub struct PanelFit {
    engine: Engine,
    settings: PanelSettings,
}

/// No component emptied (gradient descent does not report it).
const NONE_EMPTIED: &[bool] = &[];

impl PanelFit {
    /// The method `kind` at `init` with `settings`, which must be valid (the session checks).
    pub fn new(init: Mixture, kind: MethodKind, settings: PanelSettings) -> Self {
        PanelFit {
            engine: Self::engine_for(init, kind, settings),
            settings,
        }
    }

    fn engine_for(init: Mixture, kind: MethodKind, s: PanelSettings) -> Engine {
        match kind {
            MethodKind::Gradient(rule) => Engine::Direct(DirectFit::new(init, rule, s.learning_rate, s.variance_floor)),
            MethodKind::Em => Engine::Em(EmFit::new(init, s.variance_floor)),
            MethodKind::OverrelaxedEm => Engine::Overrelaxed(OverrelaxedFit::new(init, s.relaxation, s.variance_floor)),
        }
    }

    /// The current parameters.
    pub fn model(&self) -> &Mixture {
        match &self.engine {
            Engine::Direct(f) => f.model(),
            Engine::Em(f) => f.model(),
            Engine::Overrelaxed(f) => f.model(),
        }
    }
    /// Which method runs.
    pub fn kind(&self) -> MethodKind {
        match &self.engine {
            Engine::Direct(f) => MethodKind::Gradient(f.optimizer_kind()),
            Engine::Em(_) => MethodKind::Em,
            Engine::Overrelaxed(_) => MethodKind::OverrelaxedEm,
        }
    }
    /// The settings in force.
    pub fn settings(&self) -> PanelSettings {
        self.settings
    }
    /// The gradient fit, when that is what runs.
    pub fn as_direct(&self) -> Option<&DirectFit> {
        match &self.engine {
            Engine::Direct(f) => Some(f),
            _ => None,
        }
    }
    /// The over-relaxed EM fit, when that is what runs.
    pub fn as_overrelaxed(&self) -> Option<&OverrelaxedFit> {
        match &self.engine {
            Engine::Overrelaxed(f) => Some(f),
            _ => None,
        }
    }
    /// Which components sat on the variance floor after the last step (length K).
    pub fn floored(&self) -> &[bool] {
        match &self.engine {
            Engine::Direct(f) => f.floored(),
            Engine::Em(f) => f.floored(),
            Engine::Overrelaxed(f) => f.floored(),
        }
    }
    /// Which components explained almost no points in the last E-step (length K for EM and over-relaxed
    /// EM; empty for gradient descent, which has no E-step).
    pub fn emptied(&self) -> &[bool] {
        match &self.engine {
            Engine::Direct(_) => NONE_EMPTIED,
            Engine::Em(f) => f.emptied(),
            Engine::Overrelaxed(f) => f.emptied(),
        }
    }

    /// One step; returns the mean NLL of the parameters it started from.
    ///
    /// # Errors
    /// As [`DirectFit::step`], [`EmFit::step`] or [`OverrelaxedFit::step`].
    pub fn step(&mut self, data: &[f64]) -> Result<f64, Diverged> {
        match &mut self.engine {
            Engine::Direct(f) => f.step(data),
            Engine::Em(f) => f.step(data),
            Engine::Overrelaxed(f) => f.step(data),
        }
    }

    /// Goes back to the last parameters whose loss was seen to be finite.
    pub fn restore_last_good(&mut self) {
        match &mut self.engine {
            Engine::Direct(f) => f.restore_last_good(),
            Engine::Em(f) => f.restore_last_good(),
            Engine::Overrelaxed(f) => f.restore_last_good(),
        }
    }

    /// Relabels the components with all per-component state.
    pub fn permute_components(&mut self, order: &[usize]) {
        match &mut self.engine {
            Engine::Direct(f) => f.permute_components(order),
            Engine::Em(f) => f.permute_components(order),
            Engine::Overrelaxed(f) => f.permute_components(order),
        }
    }

    /// Shows parameters computed elsewhere (by the same fit in a Web Worker).
    pub(crate) fn show(&mut self, model: Mixture, floored: Vec<bool>, emptied: Vec<bool>) {
        match &mut self.engine {
            Engine::Direct(f) => f.show(model, floored),
            Engine::Em(f) => f.show(model, floored, emptied),
            Engine::Overrelaxed(f) => f.show(model, floored, emptied),
        }
    }

    /// Changes the learning rate (used by gradient descent).
    pub fn set_learning_rate(&mut self, learning_rate: f64) {
        self.settings.learning_rate = learning_rate;
        if let Engine::Direct(f) = &mut self.engine {
            f.set_learning_rate(learning_rate);
        }
    }

    /// Changes over-relaxed EM's rule (an adaptive one starts again at `eta = 1`).
    pub fn set_relaxation(&mut self, relaxation: Relaxation) {
        self.settings.relaxation = relaxation;
        if let Engine::Overrelaxed(f) = &mut self.engine {
            f.set_relaxation(relaxation);
        }
    }

    /// Changes the variance floor from the next step on.
    pub fn set_variance_floor(&mut self, variance_floor: f64) {
        self.settings.variance_floor = variance_floor;
        match &mut self.engine {
            Engine::Direct(f) => f.set_variance_floor(variance_floor),
            Engine::Em(f) => f.set_variance_floor(variance_floor),
            Engine::Overrelaxed(f) => f.set_variance_floor(variance_floor),
        }
    }

    /// Switches the method: another gradient optimizer keeps [`DirectFit::set_optimizer`]'s rule (fresh
    /// state from the current parameters); any other switch starts the new method from the current
    /// parameters; the same method goes on unchanged.
    pub fn set_method(&mut self, kind: MethodKind) {
        let same = kind == self.kind();
        match (&mut self.engine, kind) {
            (Engine::Direct(f), MethodKind::Gradient(rule)) => f.set_optimizer(rule),
            _ if same => {}
            _ => self.engine = Self::engine_for(self.model().clone(), kind, self.settings),
        }
    }
}
