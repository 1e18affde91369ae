//! Which method a panel runs: gradient descent with one of its optimizers, EM, or over-relaxed EM.
//!
//! Either panel can run any of them ([`crate::fit::panel::PanelFit`]); by default the first panel runs
//! gradient descent with Adam and the second EM, the homework's race.

use crate::fit::optim::OptimizerKind;

/// A panel's method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodKind {
    /// Direct maximum likelihood: gradient descent on the mean NLL with this update rule.
    Gradient(OptimizerKind),
    /// Expectation maximisation.
    Em,
    /// EM's step stretched by `eta` ([`crate::fit::overrelaxed`]).
    OverrelaxedEm,
}

/// The three families a verdict compares: gradient descent, EM, over-relaxed EM.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    Gradient,
    Em,
    OverrelaxedEm,
}

impl MethodKind {
    /// Every method, in menu order.
    pub const ALL: [MethodKind; 5] = [
        MethodKind::Gradient(OptimizerKind::Adam),
        MethodKind::Gradient(OptimizerKind::Momentum),
        MethodKind::Gradient(OptimizerKind::GradientDescent),
        MethodKind::Em,
        MethodKind::OverrelaxedEm,
    ];

    /// Machine name: the optimizer's (`adam`, `momentum`, `gd`), `em`, `overrelaxed-em`.
    pub fn name(self) -> &'static str {
        match self {
            MethodKind::Gradient(k) => k.name(),
            MethodKind::Em => "em",
            MethodKind::OverrelaxedEm => "overrelaxed-em",
        }
    }

    /// Parses [`MethodKind::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The method inside a sentence: `gradient descent`, `EM` or `over-relaxed EM`.
    pub fn in_prose(self) -> &'static str {
        match self {
            MethodKind::Gradient(_) => "gradient descent",
            MethodKind::Em => "EM",
            MethodKind::OverrelaxedEm => "over-relaxed EM",
        }
    }

    /// The same at the start of a sentence: `Gradient descent`, `EM` or `Over-relaxed EM`.
    pub fn title(self) -> &'static str {
        match self {
            MethodKind::Gradient(_) => "Gradient descent",
            MethodKind::Em => "EM",
            MethodKind::OverrelaxedEm => "Over-relaxed EM",
        }
    }

    /// The update rule, for gradient descent.
    pub fn optimizer(self) -> Option<OptimizerKind> {
        match self {
            MethodKind::Gradient(k) => Some(k),
            _ => None,
        }
    }

    pub fn family(self) -> Family {
        match self {
            MethodKind::Gradient(_) => Family::Gradient,
            MethodKind::Em => Family::Em,
            MethodKind::OverrelaxedEm => Family::OverrelaxedEm,
        }
    }

    /// True for EM and over-relaxed EM, whose first step is an E-step from the start.
    pub fn is_em_like(self) -> bool {
        matches!(self, MethodKind::Em | MethodKind::OverrelaxedEm)
    }
}

/// The method neither panel runs, for the verdict's third way: the first of gradient descent with Adam
/// (the homework's optimizer), EM and over-relaxed EM whose family is on neither panel.
pub fn third_method(first: MethodKind, second: MethodKind) -> MethodKind {
    [
        MethodKind::Gradient(OptimizerKind::Adam),
        MethodKind::Em,
        MethodKind::OverrelaxedEm,
    ]
    .into_iter()
    .find(|m| m.family() != first.family() && m.family() != second.family())
    .expect("two panels cover at most two of the three families")
}
