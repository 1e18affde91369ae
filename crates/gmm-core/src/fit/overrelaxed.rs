//! Over-relaxed EM: EM's step made longer by a factor `eta`, fixed or adaptive.
//!
//! # Formula
//! With `M(theta)` EM's update ([`crate::fit::m_step`]) and the project's parameters
//! `theta = [logits | means | log-sigmas]`:
//! `theta' = M(theta) + (eta - 1) (M(theta) - theta)`, which is `theta + eta (M(theta) - theta)` written so
//! that `eta = 1` gives EM's own numbers, bit for bit. The weights are stepped in logit space (the old
//! logits taken as log-weights `a - lse(a)`, so the step has no common shift), so they stay a
//! distribution; each logit is kept at or above `ln(f64::MIN_POSITIVE)`, the M-step's own guard for a
//! vanishing share. The sigmas are stepped as log-sigmas and kept at or above the floor's,
//! `s_k >= ln(sqrt(floor))`.
//!
//! Near EM's fixed point, EM converges linearly with rate `lambda` (the largest eigenvalue of its
//! Jacobian; close to 1 when the components overlap). The over-relaxed map has rate `|1 - eta (1 - lambda)|`
//! along that direction, smaller for `1 < eta < 2` when `lambda` is near 1; for `eta > 2` the fastest
//! directions of EM (eigenvalues near 0) get rate `eta - 1 > 1`, and the iteration can fail.
//!
//! # Adaptive rule
//! After Salakhutdinov and Roweis (Adaptive Overrelaxed Bound Optimization Methods, ICML 2003): `eta`
//! starts at 1. After each step the likelihood of the proposed parameters is compared with that of the
//! parameters the step started from: if it did not fall, the proposal is kept and `eta` grows by
//! [`ADAPTIVE_GROWTH`]; if it fell (or is not finite, or the proposal is not a valid mixture), the
//! proposal is dropped, the plain EM step `M(theta)` is taken instead and `eta` goes back to 1. A step at
//! `eta = 1` is EM's, which never lowers the likelihood, so the adaptive variant never does either.
//! The check costs no extra pass when the proposal is kept: its E-step is the next step's. A dropped
//! proposal costs one pass.
//!
//! # Errors
//! As [`crate::fit::em::EmFit::step`]: [`Diverged`] when the log-likelihood of the current parameters is
//! not finite (rolled back), or, with a fixed `eta`, when the step leaves the valid parameters (kept).

use crate::fit::em::{read_sums, EMPTY_MASS};
use crate::fit::m_step::m_step;
use crate::fit::state::{Diverged, FitState};
use crate::likelihood::pass::PosteriorPass;
use crate::likelihood::sums::ComponentSums;
use crate::math::{ln, log_sum_exp};
use crate::model::mixture::Mixture;

/// The factor by which the adaptive variant grows `eta` after each step that did not lower the likelihood.
/// The project's choice: large enough that `eta` reaches 2 in 8 steps and 10 in 25, small enough that a
/// dropped proposal (one extra pass) is rare.
pub const ADAPTIVE_GROWTH: f64 = 1.1;

/// The default fixed `eta`: in `(1, 2)`, where over-relaxation speeds up a slow EM.
pub const DEFAULT_ETA: f64 = 1.5;

/// How `eta` is chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Relaxation {
    /// The same `eta` every step.
    Fixed(f64),
    /// Salakhutdinov and Roweis' rule (see the module's doc).
    Adaptive,
}

/// Over-relaxed EM with its reusable buffers and what the last step reported; the same interface as
/// [`crate::fit::em::EmFit`].
#[derive(Debug, Clone)]
pub struct OverrelaxedFit {
    state: FitState,
    relaxation: Relaxation,
    /// The `eta` of the next step.
    eta: f64,
    variance_floor: f64,
    emptied: Vec<bool>,
    mass: Vec<f64>,
    pass: PosteriorPass,
    sums: Vec<ComponentSums>,
    /// `M(theta)` of the current step, and which of its variances were floored.
    em: Vec<f64>,
    em_floored: Vec<bool>,
    /// When the pass holds the E-step of the current parameters (a kept adaptive proposal): their
    /// log-likelihood.
    pending: Option<f64>,
    /// Proposals the adaptive rule dropped so far.
    dropped: usize,
}

impl OverrelaxedFit {
    /// Over-relaxed EM starting at `init` with the given rule and variance floor (> 0; the session checks
    /// both, and a fixed `eta` > 0).
    pub fn new(init: Mixture, relaxation: Relaxation, variance_floor: f64) -> Self {
        let k = init.k();
        OverrelaxedFit {
            relaxation,
            eta: initial_eta(relaxation),
            variance_floor,
            emptied: vec![false; k],
            mass: vec![0.0; k],
            pass: PosteriorPass::default(),
            sums: Vec::with_capacity(k),
            em: vec![0.0; 3 * k],
            em_floored: vec![false; k],
            pending: None,
            dropped: 0,
            state: FitState::new(init),
        }
    }

    /// The current parameters.
    pub fn model(&self) -> &Mixture {
        self.state.model()
    }
    /// The rule in use.
    pub fn relaxation(&self) -> Relaxation {
        self.relaxation
    }
    /// The `eta` the next step will use.
    pub fn eta(&self) -> f64 {
        self.eta
    }
    /// How many proposals the adaptive rule has dropped (taking EM's step instead).
    pub fn dropped(&self) -> usize {
        self.dropped
    }
    /// Changes the rule; an adaptive one starts again at `eta = 1`.
    pub fn set_relaxation(&mut self, relaxation: Relaxation) {
        if relaxation != self.relaxation {
            self.relaxation = relaxation;
            self.eta = initial_eta(relaxation);
        }
    }
    /// The floor on each variance.
    pub fn variance_floor(&self) -> f64 {
        self.variance_floor
    }
    /// Changes the floor; the next step applies it.
    pub fn set_variance_floor(&mut self, variance_floor: f64) {
        self.variance_floor = variance_floor;
    }
    /// Which components the last step held at the variance floor (length K).
    pub fn floored(&self) -> &[bool] {
        self.state.floored()
    }
    /// Which components had (almost) no responsibility in the last E-step (length K); see [`EMPTY_MASS`].
    pub fn emptied(&self) -> &[bool] {
        &self.emptied
    }
    /// `N_k = sum_i r_ik` from the last E-step (length K).
    pub fn last_mass(&self) -> &[f64] {
        &self.mass
    }

    /// Shows parameters computed elsewhere (by the same fit in a Web Worker), with its reports.
    pub(crate) fn show(&mut self, model: Mixture, floored: Vec<bool>, emptied: Vec<bool>) {
        self.state.show(model, floored);
        self.emptied = emptied;
        self.pending = None;
    }

    /// Goes back to the last parameters whose loss was seen to be finite.
    pub fn restore_last_good(&mut self) {
        self.state.restore_last_good();
        self.pending = None;
    }

    /// Relabels the components (see [`Mixture::permuted`]) together with the per-component reports.
    pub fn permute_components(&mut self, order: &[usize]) {
        self.state.permute_components(order);
        self.emptied = order.iter().map(|&i| self.emptied[i]).collect();
        self.mass = order.iter().map(|&i| self.mass[i]).collect();
        self.pending = None;
    }

    /// One over-relaxed EM step. Returns the mean NLL at the parameters *before* the update, as
    /// [`crate::fit::em::EmFit::step`] does.
    ///
    /// # Errors
    /// See the module's errors.
    pub fn step(&mut self, data: &[f64]) -> Result<f64, Diverged> {
        let n = data.len() as f64;
        let log_lik = match self.pending.take() {
            Some(log_lik) => log_lik,
            None => {
                self.pass.load(self.state.model());
                self.pass.sums(data)
            }
        };
        let loss = -log_lik / n;
        if !loss.is_finite() {
            self.restore_last_good();
            return Err(Diverged {
                loss,
                rolled_back: true,
            });
        }
        read_sums(&mut self.pass, data, &mut self.sums);
        for (j, s) in self.sums.iter().enumerate() {
            self.mass[j] = s.r;
            self.emptied[j] = s.r < EMPTY_MASS;
        }
        self.em.copy_from_slice(self.state.model().flat());
        m_step(&self.sums, n, self.variance_floor, &mut self.em, &mut self.em_floored);
        self.state.begin_update();
        let eta = self.eta;
        if eta == 1.0 {
            self.take_em_step();
        } else {
            let min_log_sigma = 0.5 * ln(self.variance_floor);
            let state = &mut self.state;
            extrapolate(&mut state.params, &self.em, eta, min_log_sigma, &mut state.floored);
        }
        let committed = self.state.commit();
        match self.relaxation {
            Relaxation::Fixed(_) => committed.map_err(|_| Diverged {
                loss,
                rolled_back: false,
            })?,
            Relaxation::Adaptive if eta == 1.0 => {
                committed.map_err(|_| Diverged {
                    loss,
                    rolled_back: false,
                })?;
                self.eta = ADAPTIVE_GROWTH;
            }
            Relaxation::Adaptive => {
                let proposed = committed.ok().map(|()| {
                    self.pass.load(self.state.model());
                    self.pass.sums(data)
                });
                match proposed {
                    Some(new_log_lik) if new_log_lik >= log_lik => {
                        self.pending = Some(new_log_lik);
                        self.eta *= ADAPTIVE_GROWTH;
                    }
                    _ => {
                        self.dropped += 1;
                        self.take_em_step();
                        self.eta = 1.0;
                        self.state.commit().map_err(|_| Diverged {
                            loss,
                            rolled_back: false,
                        })?;
                    }
                }
            }
        }
        Ok(loss)
    }

    /// Writes `M(theta)` and its floor report as the update.
    fn take_em_step(&mut self) {
        self.state.params.copy_from_slice(&self.em);
        self.state.floored.copy_from_slice(&self.em_floored);
    }
}

fn initial_eta(relaxation: Relaxation) -> f64 {
    match relaxation {
        Relaxation::Fixed(eta) => eta,
        Relaxation::Adaptive => 1.0,
    }
}

/// `params = M + (eta - 1) (M - theta)` (see the module's formula), in place: `params` holds theta and
/// `em` holds M (both `[logits | means | log-sigmas]`); logits are kept at or above
/// `ln(f64::MIN_POSITIVE)` and log-sigmas at or above `min_log_sigma`; `floored[k]` says whether sigma k
/// sits on the floor.
fn extrapolate(params: &mut [f64], em: &[f64], eta: f64, min_log_sigma: f64, floored: &mut [bool]) {
    let k = floored.len();
    let lse = log_sum_exp(&params[..k]);
    let min_logit = ln(f64::MIN_POSITIVE);
    let relaxed = |new: f64, old: f64| new + (eta - 1.0) * (new - old);
    for j in 0..k {
        // The old logit as a log-weight, so that the step carries no common shift.
        params[j] = relaxed(em[j], params[j] - lse).max(min_logit);
        params[k + j] = relaxed(em[k + j], params[k + j]);
        let s = relaxed(em[2 * k + j], params[2 * k + j]);
        floored[j] = s <= min_log_sigma;
        params[2 * k + j] = s.max(min_log_sigma);
    }
}
