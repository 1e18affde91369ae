//! Expectation maximisation: E-step responsibilities and the closed-form M-step, fused into one pass.
//!
//! # Formula
//! E-step: `r_ik = w_k N(x_i | mu_k, sigma_k) / p(x_i)`. M-step, with `N_k = sum_i r_ik`:
//! `w_k = N_k / N`, `mu_k = sum_i r_ik x_i / N_k`, `sigma_k^2 = max(sum_i r_ik (x_i - mu_k)^2 / N_k, floor)`.
//!
//! The pass accumulates `S0 = sum r`, `S1 = sum r (x - c)` and `S2 = sum r (x - c)^2` around the old mean
//! `c = mu_k^old` ([`ComponentSums`]), then `mu_k = c + S1/S0` and `sigma_k^2 = S2/S0 - (S1/S0)^2`
//! ([`crate::fit::m_step`]). Centring on the old mean keeps the subtraction accurate while `S1/S0` is small
//! compared with the spread (near convergence it is tiny). When a mean moves far (data near 1e8, a start
//! at 0) the difference would cancel, and the step sums once more around the new means
//! ([`ComponentSums::needs_recentring`]): the variance is then accurate for any accepted data, and the
//! log-likelihood never decreases.
//!
//! # Variance floor
//! A component that shrinks onto one data point would send its variance to 0 and the likelihood to
//! infinity. Each variance is therefore kept at or above a floor (default [`DEFAULT_VARIANCE_FLOOR`]);
//! this is the exact M-step under the constraint `sigma^2 >= floor`, so the log-likelihood still never
//! decreases from any start that satisfies the floor.

use crate::fit::m_step::m_step;
use crate::fit::state::{Diverged, FitState};
use crate::likelihood::pass::PosteriorPass;
use crate::likelihood::sums::ComponentSums;
use crate::model::mixture::Mixture;

/// Default smallest variance a component may have: `1e-6`, i.e. sigma >= 0.001.
pub const DEFAULT_VARIANCE_FLOOR: f64 = 1e-6;

/// A component whose responsibilities sum to less than this (a millionth of one data point) is reported
/// as having lost its mass. It keeps its mean and sigma, since the data no longer determine them.
pub const EMPTY_MASS: f64 = 1e-6;

/// EM with its reusable buffers and what the last step reported.
#[derive(Debug, Clone)]
pub struct EmFit {
    state: FitState,
    variance_floor: f64,
    emptied: Vec<bool>,
    pass: PosteriorPass,
    mass: Vec<f64>,
    sums: Vec<ComponentSums>,
}

impl EmFit {
    /// EM starting at `init` with the given variance floor (> 0; the session checks).
    pub fn new(init: Mixture, variance_floor: f64) -> Self {
        let k = init.k();
        EmFit {
            variance_floor,
            emptied: vec![false; k],
            pass: PosteriorPass::default(),
            mass: vec![0.0; k],
            sums: Vec::with_capacity(k),
            state: FitState::new(init),
        }
    }

    /// The current parameters.
    pub fn model(&self) -> &Mixture {
        self.state.model()
    }
    /// The floor on each variance.
    pub fn variance_floor(&self) -> f64 {
        self.variance_floor
    }
    /// Changes the floor; the next M-step applies it.
    pub fn set_variance_floor(&mut self, variance_floor: f64) {
        self.variance_floor = variance_floor;
    }
    /// Which components the last M-step held at the variance floor (length K).
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
    }

    /// Goes back to the last parameters whose loss was seen to be finite.
    pub fn restore_last_good(&mut self) {
        self.state.restore_last_good();
    }

    /// Relabels the components (see [`Mixture::permuted`]) together with the per-component reports.
    pub fn permute_components(&mut self, order: &[usize]) {
        self.state.permute_components(order);
        self.emptied = order.iter().map(|&i| self.emptied[i]).collect();
        self.mass = order.iter().map(|&i| self.mass[i]).collect();
    }

    /// One EM iteration. Returns the mean NLL at the parameters *before* the update (a by-product of the
    /// E-step), so it pairs with [`crate::fit::optim::DirectFit::step`].
    ///
    /// # Errors
    /// [`Diverged`] if the log-likelihood is not finite; the model then goes back to the parameters of
    /// the step before.
    pub fn step(&mut self, data: &[f64]) -> Result<f64, Diverged> {
        self.pass.load(self.state.model());
        let log_lik = self.pass.sums(data);
        let loss = -log_lik / data.len() as f64;
        if !loss.is_finite() {
            self.restore_last_good();
            return Err(Diverged {
                loss,
                rolled_back: true,
            });
        }
        read_sums(&mut self.pass, data, &mut self.sums);
        self.apply_m_step(data.len() as f64, loss)?;
        Ok(loss)
    }

    /// The M-step from [`EmFit`]'s sums, with its reports; `loss` is that of the parameters it starts from.
    fn apply_m_step(&mut self, n: f64, loss: f64) -> Result<(), Diverged> {
        for (j, s) in self.sums.iter().enumerate() {
            self.mass[j] = s.r;
            self.emptied[j] = s.r < EMPTY_MASS;
        }
        self.state.begin_update();
        let state = &mut self.state;
        m_step(
            &self.sums,
            n,
            self.variance_floor,
            &mut state.params,
            &mut state.floored,
        );
        state.commit().map_err(|_| Diverged {
            loss,
            rolled_back: false,
        })
    }
}

/// After [`PosteriorPass::sums`] on the loaded model, EM's sums of every component into `sums` (length K):
/// around the old means, or, when a mean moved far compared with the spread
/// ([`ComponentSums::needs_recentring`]), summed once more around the new means (same responsibilities),
/// so that the variance is not a difference of two huge numbers.
pub(crate) fn read_sums(pass: &mut PosteriorPass, data: &[f64], sums: &mut Vec<ComponentSums>) {
    let k = pass.weights().len();
    sums.clear();
    sums.extend((0..k).map(|j| pass.component_sums(j)));
    if sums.iter().any(ComponentSums::needs_recentring) {
        let centres: Vec<f64> = sums.iter().map(ComponentSums::recentred).collect();
        pass.recentre(&centres);
        pass.sums(data);
        sums.clear();
        sums.extend((0..k).map(|j| pass.component_sums(j)));
    }
}

/// One EM iteration as a pure function: the updated mixture and the mean NLL of `model` on `data`.
///
/// # Errors
/// [`Diverged`] if the log-likelihood of `model` is not finite.
pub fn em_step(model: &Mixture, data: &[f64], variance_floor: f64) -> Result<(Mixture, f64), Diverged> {
    let mut fit = EmFit::new(model.clone(), variance_floor);
    let loss = fit.step(data)?;
    Ok((fit.state.model().clone(), loss))
}
