//! Where a method stands: running, or stopped, and why and at which step.

/// Where a method stands. Steps count from 0 (the initial parameters).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Status {
    Running,
    /// The loss changed by less than the tolerance at this step.
    Converged {
        step: usize,
    },
    /// The step limit was reached.
    StepLimit {
        step: usize,
    },
    /// The loss or parameters stopped being finite at this step; the parameters of the step before are kept.
    Diverged {
        step: usize,
    },
}

impl Status {
    /// `running`, `converged`, `step-limit` or `diverged`.
    pub fn name(self) -> &'static str {
        match self {
            Status::Running => "running",
            Status::Converged { .. } => "converged",
            Status::StepLimit { .. } => "step-limit",
            Status::Diverged { .. } => "diverged",
        }
    }
    /// The step at which the method stopped, if it did.
    pub fn stopped_at(self) -> Option<usize> {
        match self {
            Status::Running => None,
            Status::Converged { step } | Status::StepLimit { step } | Status::Diverged { step } => Some(step),
        }
    }
}
