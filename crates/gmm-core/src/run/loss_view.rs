//! How the loss chart shows the run: what its y-axis measures, and what its x-axis measures and how.

/// What the loss chart's y-axis shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LossView {
    /// Each method's gap to the best fit found, `loss - best`, on a log axis: the ending is visible.
    Gap,
    /// The mean negative log-likelihood itself.
    Loss,
}

impl LossView {
    pub const ALL: [LossView; 2] = [LossView::Gap, LossView::Loss];
    /// `gap` or `loss`.
    pub fn name(self) -> &'static str {
        match self {
            LossView::Gap => "gap",
            LossView::Loss => "loss",
        }
    }
    /// A menu label.
    pub fn label(self) -> &'static str {
        match self {
            LossView::Gap => "gap to the best fit found",
            LossView::Loss => "loss",
        }
    }
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.name() == name)
    }
    /// The view drawn when this one is asked for: the gap view needs the best fit's loss, and is the loss
    /// view until the search has reported.
    pub fn shown(self, best_loss: Option<f64>) -> LossView {
        match (self, best_loss) {
            (LossView::Gap, Some(_)) => LossView::Gap,
            _ => LossView::Loss,
        }
    }
}

/// The loss chart's x-axis: the step, on a log or linear scale, or the time each method spent stepping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepAxis {
    /// Steps 1, 10, 100, ... equally spaced: a method that settles in 16 steps and one that takes 3000 are
    /// both visible (step 0, the start, is left out: a log axis has no 0).
    Log,
    Linear,
    /// Seconds each method spent stepping, measured in this run ([`crate::run::session::Track::seconds`]):
    /// "fewer steps" and "less time" told apart.
    Time,
}

impl StepAxis {
    pub const ALL: [StepAxis; 3] = [StepAxis::Log, StepAxis::Linear, StepAxis::Time];
    /// `log`, `linear` or `time`.
    pub fn name(self) -> &'static str {
        match self {
            StepAxis::Log => "log",
            StepAxis::Linear => "linear",
            StepAxis::Time => "time",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            StepAxis::Log => "steps, log scale",
            StepAxis::Linear => "steps, linear",
            StepAxis::Time => "time spent (s)",
        }
    }
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.name() == name)
    }
}
