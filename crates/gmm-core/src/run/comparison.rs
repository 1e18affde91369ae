//! A mixture fitted elsewhere, shown beside the two methods: e.g. a student's own fit in the homework's
//! parameterisation (weights `softmax(logits)`, means, log standard deviations), with its loss on the
//! run's data.

use super::session::{validated_loss, FitSession};
use crate::model::mixture::{Mixture, ModelError};

/// A mixture to compare with the run's fits, and its mean negative log-likelihood on the run's data.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    mixture: Mixture,
    loss: f64,
}

impl Comparison {
    /// The mixture with weights `softmax(logits)`, means `means` and sigmas `exp(log_sigmas)`, and its
    /// loss `-(1/N) Σᵢ log p(xᵢ)` on `session`'s data (the loss both methods report).
    ///
    /// # Errors
    /// As [`Mixture::new`]: no components, vectors of different lengths, a value that is not finite, a
    /// logit or log sigma outside the range whose arithmetic is exact.
    pub fn new(session: &FitSession, logits: &[f64], means: &[f64], log_sigmas: &[f64]) -> Result<Self, ModelError> {
        let mixture = Mixture::new(logits, means, log_sigmas)?;
        let loss = validated_loss(&mixture, session.data());
        Ok(Comparison { mixture, loss })
    }

    /// The mixture compared.
    pub fn mixture(&self) -> &Mixture {
        &self.mixture
    }

    /// Its mean negative log-likelihood on the run's data.
    pub fn loss(&self) -> f64 {
        self.loss
    }
}
