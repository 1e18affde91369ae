//! Named set-ups: a ground truth to sample from plus the fit settings that go with it.

use crate::fit::init::InitStrategy;
use crate::fit::method::MethodKind;
use crate::fit::optim::OptimizerKind;
use crate::model::mixture::Mixture;

/// A ground truth and the fit settings of one lesson.
#[derive(Debug, Clone, PartialEq)]
pub struct Preset {
    /// Machine name, as used in configurations and URLs.
    pub id: &'static str,
    /// Human label for a menu.
    pub label: &'static str,
    /// One sentence: what to look for.
    pub lesson: &'static str,
    /// True mixing weights (they sum to 1).
    pub weights: &'static [f64],
    /// True means.
    pub means: &'static [f64],
    /// True standard deviations.
    pub sigmas: &'static [f64],
    /// Number of data points.
    pub n: usize,
    /// Seed of the sample (some lessons need a particular draw, e.g. one with an outlier).
    pub data_seed: u64,
    /// Number of fitted components.
    pub k: usize,
    pub init: InitStrategy,
    /// The first panel's method (the second's is [`Preset::second_method`]).
    pub first_method: MethodKind,
    pub second_method: MethodKind,
    pub learning_rate: f64,
    /// Over-relaxed EM's adaptive eta (used when a panel runs [`MethodKind::OverrelaxedEm`]).
    pub adaptive: bool,
}

impl Preset {
    /// The ground truth as a mixture.
    pub fn truth(&self) -> Mixture {
        Mixture::from_weights(self.weights, self.means, self.sigmas).expect("presets are valid")
    }
}

/// The homework: weights [1/4, 1/4, 1/6, 1/6, 1/6], means [1, -0.5, -2, 0.5, 3], sigmas
/// [0.5, 1, 0.2, 0.1, 0.5]; N = 5000, K = 5, near-zero init, Adam with learning rate 0.01.
pub const CLASSIC: Preset = Preset {
    id: "classic",
    label: "Classic homework (5 components)",
    lesson: "Both methods start from the same tiny components near 0. In EM's first E-step one wide start \
             component takes most of the points, and EM never finds the bumps at -2 and 3: here gradient descent \
             ends lower, and neither reaches the best fit that EM finds from better starts.",
    weights: &[1.0 / 4.0, 1.0 / 4.0, 1.0 / 6.0, 1.0 / 6.0, 1.0 / 6.0],
    means: &[1.0, -0.5, -2.0, 0.5, 3.0],
    sigmas: &[0.5, 1.0, 0.2, 0.1, 0.5],
    n: 5000,
    data_seed: 1,
    k: 5,
    init: InitStrategy::NearZero,
    first_method: MethodKind::Gradient(OptimizerKind::Adam),
    second_method: MethodKind::Em,
    learning_rate: 0.01,
    adaptive: false,
};

/// Three overlapping bumps where EM crawls, raced against adaptive over-relaxed EM in the first panel.
pub const OVERRELAXED: Preset = Preset {
    id: "overrelaxed",
    label: "EM sped up: over-relaxed EM against EM",
    lesson: "Three bumps that overlap, where EM crawls: its step is the gradient times a step size (σ²/Nₖ for a \
             mean) that assumes the responsibilities hold still, and here they move with the means. Over-relaxed \
             EM stretches each EM step by eta, growing eta while the likelihood rises: both end at the same fit, \
             over-relaxed EM in far fewer iterations. Adam, run beside them from the same start, needs several \
             times as many as either.",
    weights: &[0.3, 0.4, 0.3],
    means: &[-1.2, 0.0, 1.2],
    sigmas: &[0.7, 0.6, 0.7],
    n: 5000,
    data_seed: 1,
    k: 3,
    init: InitStrategy::FromData,
    first_method: MethodKind::OverrelaxedEm,
    second_method: MethodKind::Em,
    learning_rate: 0.05,
    adaptive: true,
};

/// Every preset, the classic homework first. A `static`, not a `const`: as a constant the table was copied
/// into the WebAssembly module once per place that reads it (2.3 KB each).
pub static PRESETS: &[Preset] = &[
    CLASSIC,
    Preset {
        id: "separated",
        label: "Well-separated components",
        lesson: "Three clearly separate bumps: both methods find them, and EM needs far fewer steps.",
        weights: &[0.3, 0.4, 0.3],
        means: &[-3.0, 0.0, 3.0],
        sigmas: &[0.5, 0.7, 0.5],
        n: 3000,
        data_seed: 1,
        k: 3,
        init: InitStrategy::FromData,
        first_method: MethodKind::Gradient(OptimizerKind::Adam),
        second_method: MethodKind::Em,
        learning_rate: 0.05,
        adaptive: false,
    },
    Preset {
        id: "overlapping",
        label: "Heavily overlapping components",
        lesson: "Two bumps that blur into one: the likelihood is flat, so both need many steps (EM dozens, \
                 gradient descent hundreds), and the fitted components can differ from the truth while the density \
                 matches it well.",
        weights: &[0.5, 0.5],
        means: &[-0.6, 0.6],
        sigmas: &[1.0, 1.0],
        n: 5000,
        data_seed: 1,
        k: 2,
        init: InitStrategy::FromData,
        first_method: MethodKind::Gradient(OptimizerKind::Adam),
        second_method: MethodKind::Em,
        learning_rate: 0.01,
        adaptive: false,
    },
    Preset {
        id: "k-too-large",
        label: "K larger than the truth (6 for 3)",
        lesson: "Six components for three bumps: the extra ones split real bumps or shrink to little weight, and \
                 the loss ends slightly below the truth's, because extra components also fit the noise.",
        weights: &[0.3, 0.4, 0.3],
        means: &[-3.0, 0.0, 3.0],
        sigmas: &[0.5, 0.7, 0.5],
        n: 3000,
        data_seed: 1,
        k: 6,
        init: InitStrategy::KMeansPlusPlus,
        first_method: MethodKind::Gradient(OptimizerKind::Adam),
        second_method: MethodKind::Em,
        learning_rate: 0.05,
        adaptive: false,
    },
    Preset {
        id: "k-too-small",
        label: "K smaller than the truth (3 for 5)",
        lesson: "Three components for the homework's five bumps: each method has to merge bumps, and both end well \
                 above the truth's loss; from this start neither finds the best three-component fit. Which bumps \
                 get merged?",
        weights: CLASSIC.weights,
        means: CLASSIC.means,
        sigmas: CLASSIC.sigmas,
        n: 5000,
        data_seed: 1,
        k: 3,
        init: InitStrategy::KMeansPlusPlus,
        first_method: MethodKind::Gradient(OptimizerKind::Adam),
        second_method: MethodKind::Em,
        learning_rate: 0.05,
        adaptive: false,
    },
    Preset {
        id: "lr-too-large",
        label: "Learning rate too large (plain GD at 5)",
        lesson: "Plain gradient descent with a learning rate of 5: after a good start the steps overshoot, the loss \
                 climbs and the run is stopped as diverged. EM has no learning rate and does not care.",
        weights: CLASSIC.weights,
        means: CLASSIC.means,
        sigmas: CLASSIC.sigmas,
        n: 5000,
        data_seed: 1,
        k: 5,
        init: InitStrategy::FromData,
        first_method: MethodKind::Gradient(OptimizerKind::GradientDescent),
        second_method: MethodKind::Em,
        learning_rate: 5.0,
        adaptive: false,
    },
    Preset {
        id: "lr-too-small",
        label: "Learning rate too small (Adam at 0.0005)",
        lesson: "Adam with a learning rate of 0.0005 from the same start as EM: EM settles in under a hundred \
                 iterations while gradient descent crawls and is still moving, far off, after 3000 steps.",
        weights: CLASSIC.weights,
        means: CLASSIC.means,
        sigmas: CLASSIC.sigmas,
        n: 5000,
        data_seed: 1,
        k: 5,
        init: InitStrategy::FromData,
        first_method: MethodKind::Gradient(OptimizerKind::Adam),
        second_method: MethodKind::Em,
        learning_rate: 0.0005,
        adaptive: false,
    },
    Preset {
        id: "collapse",
        label: "Variance collapse on an outlier",
        lesson: "One point sits far out at x = 9 and k-means++ puts a component on it. EM shrinks that component \
                 onto the single point until the variance floor holds it. Move the floor slider down: each factor \
                 of 100 lowers the loss a little more, without end. A likelihood with no maximum is why the \
                 floor exists.",
        weights: &[0.6, 0.3995, 0.0005],
        means: &[-1.0, 1.5, 9.0],
        sigmas: &[0.7, 0.6, 0.01],
        n: 2000,
        data_seed: 2,
        k: 3,
        init: InitStrategy::KMeansPlusPlus,
        first_method: MethodKind::Gradient(OptimizerKind::Adam),
        second_method: MethodKind::Em,
        learning_rate: 0.05,
        adaptive: false,
    },
    OVERRELAXED,
];

/// The preset with this id.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}
