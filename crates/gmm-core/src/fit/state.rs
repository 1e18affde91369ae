//! What both fits keep between steps, written once: the current parameters, the last ones whose loss was
//! seen to be finite (to go back to when a step diverges), a work copy the update writes into, and which
//! components sit on the variance floor.

use crate::model::mixture::{permute_blocks, Mixture, ModelError};
use std::fmt;

/// A fit step could not continue: the loss or the updated parameters stopped being finite numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Diverged {
    /// The loss of the parameters the step started from (may be `inf` or NaN).
    pub loss: f64,
    /// True when those parameters were themselves bad (a non-finite or exploded loss) and the fit went
    /// back to the parameters of the step before; false when only the update was refused and the fit
    /// keeps the parameters the step started from.
    pub rolled_back: bool,
}

impl fmt::Display for Diverged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the fit diverged (loss {}); the last finite parameters are kept",
            self.loss
        )
    }
}

impl std::error::Error for Diverged {}

/// The state [`crate::fit::optim::DirectFit`] and [`crate::fit::em::EmFit`] share.
#[derive(Debug, Clone)]
pub struct FitState {
    model: Mixture,
    last_good: Vec<f64>,
    /// The work copy an update writes into, then [`FitState::commit`]s.
    pub(crate) params: Vec<f64>,
    /// Which components sat on the variance floor after the last step (length K).
    pub(crate) floored: Vec<bool>,
}

impl FitState {
    /// The state at the start `init`.
    pub fn new(init: Mixture) -> Self {
        FitState {
            last_good: init.flat().to_vec(),
            params: init.flat().to_vec(),
            floored: vec![false; init.k()],
            model: init,
        }
    }

    /// The current parameters.
    pub fn model(&self) -> &Mixture {
        &self.model
    }
    /// Which components sat on the variance floor after the last step (length K).
    pub fn floored(&self) -> &[bool] {
        &self.floored
    }

    /// Before an update from parameters whose loss was finite: remembers them as the last good ones and
    /// copies them into [`FitState::params`].
    pub(crate) fn begin_update(&mut self) {
        self.last_good.copy_from_slice(self.model.flat());
        self.params.copy_from_slice(self.model.flat());
    }

    /// Makes the updated [`FitState::params`] the current parameters.
    ///
    /// # Errors
    /// The [`ModelError`] of parameters that are not a valid mixture; the current ones are then kept.
    pub(crate) fn commit(&mut self) -> Result<(), ModelError> {
        self.model.set_flat(&self.params)
    }

    /// Goes back to the last parameters whose loss was seen to be finite.
    pub fn restore_last_good(&mut self) {
        self.model
            .set_flat(&self.last_good)
            .expect("last good parameters are finite");
    }

    /// Shows parameters computed elsewhere (by the same fit in a Web Worker), with their floor report.
    pub(crate) fn show(&mut self, model: Mixture, floored: Vec<bool>) {
        self.last_good.copy_from_slice(model.flat());
        self.model = model;
        self.floored = floored;
    }

    /// Relabels the components (see [`Mixture::permuted`]) with their last good values and floor report.
    pub(crate) fn permute_components(&mut self, order: &[usize]) {
        self.model = self.model.permuted(order);
        permute_blocks(&mut self.last_good, order);
        self.floored = order.iter().map(|&i| self.floored[i]).collect();
    }
}
