//! First-order optimizers (gradient descent, momentum, Adam) and the direct-likelihood fit that uses them.

use crate::fit::gradient::{mean_nll_and_gradient, GradientScratch};
use crate::fit::state::{Diverged, FitState};
use crate::math::ln;
use crate::model::mixture::{permute_blocks, Mixture};

/// Adam's defaults, the homework's (TensorFlow's Keras `Adam`): `beta1 = 0.9`, `beta2 = 0.999`,
/// `epsilon = 1e-7`. Only the defaults are TensorFlow's; the update is Kingma and Ba's Algorithm 1,
/// `theta -= lr m^ / (sqrt(v^) + epsilon)` with the bias-corrected moments `m^`, `v^`, whereas Keras folds
/// the corrections into the learning rate and adds `epsilon` to `sqrt(v)` (its "epsilon hat"). The two differ
/// only while `sqrt(v^)` is comparable to `epsilon`, in the first steps of a parameter whose gradient is
/// below about 1e-7; the trajectories the page shows are Kingma and Ba's.
pub const ADAM_BETA1: f64 = 0.9;
/// See [`ADAM_BETA1`].
pub const ADAM_BETA2: f64 = 0.999;
/// See [`ADAM_BETA1`].
pub const ADAM_EPSILON: f64 = 1e-7;
/// The homework's learning rate.
pub const DEFAULT_LEARNING_RATE: f64 = 0.01;
/// A direct fit has diverged when its loss exceeds this many times `max(1, |loss at its first step|)`:
/// the parameters no longer describe the data, even if every number is still finite.
pub const EXPLOSION_FACTOR: f64 = 1e4;
/// A direct fit has also diverged when a mean or a sigma leaves `RUNAWAY_FACTOR * max(1, max |x_i|)`:
/// a component a million times wider, or farther out, than the data describes none of it.
pub const RUNAWAY_FACTOR: f64 = 1e6;
/// Momentum coefficient of [`OptimizerKind::Momentum`].
pub const MOMENTUM_BETA: f64 = 0.9;

/// Which update rule turns a gradient into a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptimizerKind {
    /// `theta -= lr * g`.
    GradientDescent,
    /// Heavy ball: `v = beta v + g; theta -= lr * v`.
    Momentum,
    /// Adam (Kingma and Ba, 2015, Algorithm 1) with bias correction; TensorFlow's defaults (see
    /// [`ADAM_BETA1`]).
    Adam,
}

impl OptimizerKind {
    /// Every kind, in menu order.
    pub const ALL: [OptimizerKind; 3] = [
        OptimizerKind::Adam,
        OptimizerKind::Momentum,
        OptimizerKind::GradientDescent,
    ];

    /// Machine name: `adam`, `momentum`, `gd`.
    pub fn name(self) -> &'static str {
        match self {
            OptimizerKind::GradientDescent => "gd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::Adam => "adam",
        }
    }

    /// The rule inside a sentence: `Adam`, `momentum`, `plain steps`.
    pub fn label(self) -> &'static str {
        match self {
            OptimizerKind::GradientDescent => "plain steps",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::Adam => "Adam",
        }
    }

    /// Parses [`OptimizerKind::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// Adam's running moments.
///
/// # Formula
/// `m = b1 m + (1 - b1) g`, `v = b2 v + (1 - b2) g^2`, `m^ = m / (1 - b1^t)`, `v^ = v / (1 - b2^t)`,
/// `theta -= lr m^ / (sqrt(v^) + eps)`.
#[derive(Debug, Clone, PartialEq)]
pub struct AdamState {
    m: Vec<f64>,
    v: Vec<f64>,
    beta1_t: f64,
    beta2_t: f64,
}

/// An optimizer with its state, for a parameter vector of fixed length.
#[derive(Debug, Clone, PartialEq)]
pub enum Optimizer {
    GradientDescent,
    Momentum { velocity: Vec<f64> },
    Adam(AdamState),
}

impl Optimizer {
    /// A fresh optimizer for `dim` parameters.
    pub fn new(kind: OptimizerKind, dim: usize) -> Self {
        match kind {
            OptimizerKind::GradientDescent => Optimizer::GradientDescent,
            OptimizerKind::Momentum => Optimizer::Momentum {
                velocity: vec![0.0; dim],
            },
            OptimizerKind::Adam => Optimizer::Adam(AdamState {
                m: vec![0.0; dim],
                v: vec![0.0; dim],
                beta1_t: 1.0,
                beta2_t: 1.0,
            }),
        }
    }

    /// Which rule this is.
    pub fn kind(&self) -> OptimizerKind {
        match self {
            Optimizer::GradientDescent => OptimizerKind::GradientDescent,
            Optimizer::Momentum { .. } => OptimizerKind::Momentum,
            Optimizer::Adam(_) => OptimizerKind::Adam,
        }
    }

    /// Reorders the optimizer's per-parameter state along with a reordering of the components.
    pub fn permute_components(&mut self, order: &[usize]) {
        match self {
            Optimizer::GradientDescent => {}
            Optimizer::Momentum { velocity } => permute_blocks(velocity, order),
            Optimizer::Adam(state) => {
                permute_blocks(&mut state.m, order);
                permute_blocks(&mut state.v, order);
            }
        }
    }

    /// Moves `params` against `grad` (both of the length given to [`Optimizer::new`]).
    pub fn update(&mut self, params: &mut [f64], grad: &[f64], learning_rate: f64) {
        match self {
            Optimizer::GradientDescent => {
                for (p, g) in params.iter_mut().zip(grad) {
                    *p -= learning_rate * g;
                }
            }
            Optimizer::Momentum { velocity } => {
                for ((p, g), v) in params.iter_mut().zip(grad).zip(velocity.iter_mut()) {
                    *v = MOMENTUM_BETA * *v + g;
                    *p -= learning_rate * *v;
                }
            }
            Optimizer::Adam(state) => {
                state.beta1_t *= ADAM_BETA1;
                state.beta2_t *= ADAM_BETA2;
                let (c1, c2) = (1.0 / (1.0 - state.beta1_t), 1.0 / (1.0 - state.beta2_t));
                for (((p, g), m), v) in params
                    .iter_mut()
                    .zip(grad)
                    .zip(state.m.iter_mut())
                    .zip(state.v.iter_mut())
                {
                    *m = ADAM_BETA1 * *m + (1.0 - ADAM_BETA1) * g;
                    *v = ADAM_BETA2 * *v + (1.0 - ADAM_BETA2) * g * g;
                    *p -= learning_rate * (*m * c1) / ((*v * c2).sqrt() + ADAM_EPSILON);
                }
            }
        }
    }
}

/// Direct maximum likelihood: an optimizer on the mean negative log-likelihood.
///
/// After each update the log-sigmas are projected onto `s_k >= ln(sqrt(variance_floor))`, the same floor
/// EM uses, so a component cannot collapse onto a single point and send the loss to `-inf`.
#[derive(Debug, Clone)]
pub struct DirectFit {
    state: FitState,
    optimizer: Optimizer,
    learning_rate: f64,
    min_log_sigma: f64,
    grad: Vec<f64>,
    explosion_threshold: Option<f64>,
    runaway_bound: Option<f64>,
    scratch: GradientScratch,
}

impl DirectFit {
    /// A fit starting at `init`. `learning_rate` and `variance_floor` must be positive (the session checks).
    pub fn new(init: Mixture, kind: OptimizerKind, learning_rate: f64, variance_floor: f64) -> Self {
        let dim = init.flat().len();
        DirectFit {
            optimizer: Optimizer::new(kind, dim),
            learning_rate,
            min_log_sigma: 0.5 * ln(variance_floor),
            grad: vec![0.0; dim],
            explosion_threshold: None,
            runaway_bound: None,
            state: FitState::new(init),
            scratch: GradientScratch::default(),
        }
    }

    /// The current parameters.
    pub fn model(&self) -> &Mixture {
        self.state.model()
    }
    /// The optimizer in use.
    pub fn optimizer_kind(&self) -> OptimizerKind {
        self.optimizer.kind()
    }
    /// Changes the learning rate; the optimizer keeps its state.
    pub fn set_learning_rate(&mut self, learning_rate: f64) {
        self.learning_rate = learning_rate;
    }
    /// Switches the update rule; the new optimizer starts with fresh state from the current parameters.
    pub fn set_optimizer(&mut self, kind: OptimizerKind) {
        if kind != self.optimizer.kind() {
            self.optimizer = Optimizer::new(kind, self.state.params.len());
        }
    }
    /// Which components sat on the variance floor after the last step (length K).
    pub fn floored(&self) -> &[bool] {
        self.state.floored()
    }
    /// The gradient computed by the last step, in the layout of [`Mixture::flat`].
    pub fn last_gradient(&self) -> &[f64] {
        &self.grad
    }

    /// Changes the variance floor from the next step on.
    pub fn set_variance_floor(&mut self, variance_floor: f64) {
        self.min_log_sigma = 0.5 * ln(variance_floor);
    }

    /// Shows parameters computed elsewhere (by the same fit in a Web Worker); the optimizer state is left
    /// as it is, so this is for a view that draws, not for a fit that goes on stepping.
    pub(crate) fn show(&mut self, model: Mixture, floored: Vec<bool>) {
        self.state.show(model, floored);
    }

    /// Goes back to the last parameters whose loss was seen to be finite.
    pub fn restore_last_good(&mut self) {
        self.state.restore_last_good();
    }

    /// Relabels the components (see [`Mixture::permuted`]) together with all per-component state, so the
    /// run goes on exactly as before, only with other labels.
    pub fn permute_components(&mut self, order: &[usize]) {
        self.state.permute_components(order);
        self.optimizer.permute_components(order);
    }

    /// One optimizer step. Returns the mean NLL at the parameters *before* the update.
    ///
    /// # Errors
    /// [`Diverged`] if the loss or its gradient is not finite or the loss exploded (see
    /// [`EXPLOSION_FACTOR`]); the model then goes back to the parameters of the step before (see
    /// [`DirectFit::restore_last_good`]). Also if the update would leave the valid range (a non-finite
    /// value, or a mean or sigma beyond [`RUNAWAY_FACTOR`] times the data's scale); the model then keeps
    /// the parameters it had.
    pub fn step(&mut self, data: &[f64]) -> Result<f64, Diverged> {
        let loss = mean_nll_and_gradient(self.state.model(), data, &mut self.grad, &mut self.scratch);
        let threshold = *self
            .explosion_threshold
            .get_or_insert(EXPLOSION_FACTOR * loss.abs().max(1.0));
        if !loss.is_finite() || loss > threshold || self.grad.iter().any(|g| !g.is_finite()) {
            self.restore_last_good();
            return Err(Diverged {
                loss,
                rolled_back: true,
            });
        }
        self.state.begin_update();
        let state = &mut self.state;
        self.optimizer.update(&mut state.params, &self.grad, self.learning_rate);
        let k = state.model().k();
        for (s, floored) in state.params[2 * k..].iter_mut().zip(state.floored.iter_mut()) {
            *floored = *s <= self.min_log_sigma;
            *s = s.max(self.min_log_sigma);
        }
        let bound = *self
            .runaway_bound
            .get_or_insert_with(|| RUNAWAY_FACTOR * data.iter().fold(1.0f64, |m, x| m.max(x.abs())));
        let (means, log_sigmas) = self.state.params[k..].split_at(k);
        let inside = means.iter().all(|m| (-bound..=bound).contains(m))
            && log_sigmas.iter().all(|s| (f64::NEG_INFINITY..=bound.ln()).contains(s));
        if !inside {
            return Err(Diverged {
                loss,
                rolled_back: false,
            });
        }
        match self.state.commit() {
            Ok(()) => Ok(loss),
            Err(_) => Err(Diverged {
                loss,
                rolled_back: false,
            }),
        }
    }
}
