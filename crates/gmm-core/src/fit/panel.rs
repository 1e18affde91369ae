//! The method of the session's first panel: gradient descent with one of its optimizers
//! ([`DirectFit`]), or over-relaxed EM ([`OverrelaxedFit`]), chosen by [`OptimizerKind`] (whose
//! [`OptimizerKind::OverrelaxedEm`] names the second). Switching kinds while a run goes on starts the new
//! method from the current parameters, as switching optimizers does.

use crate::fit::optim::{DirectFit, OptimizerKind};
use crate::fit::overrelaxed::{OverrelaxedFit, Relaxation};
use crate::fit::state::Diverged;
use crate::model::mixture::Mixture;

/// The running method.
#[derive(Debug, Clone)]
enum Engine {
    Direct(DirectFit),
    Overrelaxed(OverrelaxedFit),
}

/// The first panel's fit, with the settings of both kinds so that it can switch.
#[derive(Debug, Clone)]
pub struct PanelFit {
    engine: Engine,
    learning_rate: f64,
    relaxation: Relaxation,
    variance_floor: f64,
}

impl PanelFit {
    /// The method `kind` at `init`: a [`DirectFit`] with `learning_rate`, or, for
    /// [`OptimizerKind::OverrelaxedEm`], an [`OverrelaxedFit`] with `relaxation`. The settings must be
    /// valid (the session checks).
    pub fn new(
        init: Mixture,
        kind: OptimizerKind,
        learning_rate: f64,
        relaxation: Relaxation,
        variance_floor: f64,
    ) -> Self {
        let mut fit = PanelFit {
            engine: Engine::Direct(DirectFit::new(
                init.clone(),
                OptimizerKind::Adam,
                learning_rate,
                variance_floor,
            )),
            learning_rate,
            relaxation,
            variance_floor,
        };
        fit.engine = fit.engine_for(init, kind);
        fit
    }

    fn engine_for(&self, init: Mixture, kind: OptimizerKind) -> Engine {
        match kind {
            OptimizerKind::OverrelaxedEm => {
                Engine::Overrelaxed(OverrelaxedFit::new(init, self.relaxation, self.variance_floor))
            }
            _ => Engine::Direct(DirectFit::new(init, kind, self.learning_rate, self.variance_floor)),
        }
    }

    /// The current parameters.
    pub fn model(&self) -> &Mixture {
        match &self.engine {
            Engine::Direct(f) => f.model(),
            Engine::Overrelaxed(f) => f.model(),
        }
    }
    /// Which method runs: the optimizer, or [`OptimizerKind::OverrelaxedEm`].
    pub fn optimizer_kind(&self) -> OptimizerKind {
        match &self.engine {
            Engine::Direct(f) => f.optimizer_kind(),
            Engine::Overrelaxed(_) => OptimizerKind::OverrelaxedEm,
        }
    }
    /// The gradient fit, when that is what runs.
    pub fn as_direct(&self) -> Option<&DirectFit> {
        match &self.engine {
            Engine::Direct(f) => Some(f),
            Engine::Overrelaxed(_) => None,
        }
    }
    /// The over-relaxed EM fit, when that is what runs.
    pub fn as_overrelaxed(&self) -> Option<&OverrelaxedFit> {
        match &self.engine {
            Engine::Direct(_) => None,
            Engine::Overrelaxed(f) => Some(f),
        }
    }
    /// Which components sat on the variance floor after the last step (length K).
    pub fn floored(&self) -> &[bool] {
        match &self.engine {
            Engine::Direct(f) => f.floored(),
            Engine::Overrelaxed(f) => f.floored(),
        }
    }

    /// One step; returns the mean NLL of the parameters it started from.
    ///
    /// # Errors
    /// As [`DirectFit::step`] or [`OverrelaxedFit::step`].
    pub fn step(&mut self, data: &[f64]) -> Result<f64, Diverged> {
        match &mut self.engine {
            Engine::Direct(f) => f.step(data),
            Engine::Overrelaxed(f) => f.step(data),
        }
    }

    /// Goes back to the last parameters whose loss was seen to be finite.
    pub fn restore_last_good(&mut self) {
        match &mut self.engine {
            Engine::Direct(f) => f.restore_last_good(),
            Engine::Overrelaxed(f) => f.restore_last_good(),
        }
    }

    /// Relabels the components with all per-component state.
    pub fn permute_components(&mut self, order: &[usize]) {
        match &mut self.engine {
            Engine::Direct(f) => f.permute_components(order),
            Engine::Overrelaxed(f) => f.permute_components(order),
        }
    }

    /// Shows parameters computed elsewhere (by the same fit in a Web Worker).
    pub(crate) fn show(&mut self, model: Mixture, floored: Vec<bool>) {
        match &mut self.engine {
            Engine::Direct(f) => f.show(model, floored),
            Engine::Overrelaxed(f) => {
                let k = model.k();
                f.show(model, floored, vec![false; k]);
            }
        }
    }

    /// Changes the learning rate (used by the gradient methods).
    pub fn set_learning_rate(&mut self, learning_rate: f64) {
        self.learning_rate = learning_rate;
        if let Engine::Direct(f) = &mut self.engine {
            f.set_learning_rate(learning_rate);
        }
    }

    /// Changes over-relaxed EM's rule (an adaptive one starts again at `eta = 1`).
    pub fn set_relaxation(&mut self, relaxation: Relaxation) {
        self.relaxation = relaxation;
        if let Engine::Overrelaxed(f) = &mut self.engine {
            f.set_relaxation(relaxation);
        }
    }

    /// Changes the variance floor from the next step on.
    pub fn set_variance_floor(&mut self, variance_floor: f64) {
        self.variance_floor = variance_floor;
        match &mut self.engine {
            Engine::Direct(f) => f.set_variance_floor(variance_floor),
            Engine::Overrelaxed(f) => f.set_variance_floor(variance_floor),
        }
    }

    /// Switches the method; a gradient optimizer keeps [`DirectFit::set_optimizer`]'s rule (fresh state
    /// from the current parameters), and a switch between gradient descent and over-relaxed EM starts the
    /// new method from the current parameters.
    pub fn set_optimizer(&mut self, kind: OptimizerKind) {
        match (&mut self.engine, kind) {
            (Engine::Overrelaxed(_), OptimizerKind::OverrelaxedEm) => {}
            (Engine::Direct(f), k) if k != OptimizerKind::OverrelaxedEm => f.set_optimizer(k),
            _ => self.engine = self.engine_for(self.model().clone(), kind),
        }
    }
}
