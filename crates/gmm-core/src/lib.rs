//! # gmm-core
//!
//! Every formula and algorithm of gmm-two-ways, with no web or drawing dependency. The modules form
//! layers; each uses only those listed before it:
//!
//! 1. [`math`]: `exp`, `ln`, log-sum-exp and softmax, bit-identical on every target; [`rng`]: the seeded
//!    generator (PCG-64) and the draws built on it; [`format`]: numbers in at most about ten characters;
//! 2. [`model`]: the mixture's parameters and the matching of components;
//! 3. [`likelihood`]: the pass over the data both methods share, and the per-point functions;
//! 4. [`data`]: sampling, import, the histogram;
//! 5. [`fit`]: the gradient, the optimizers, EM and the start;
//! 6. [`run`]: configuration, options, presets, the session that runs both methods in lock step;
//! 7. [`teach`]: the analyses the teaching sections show;
//! 8. [`benchmark`]: the timed workloads, shared by `cargo bench` and the browser benchmark.

pub mod benchmark;
pub mod data;
pub mod fit;
pub mod format;
pub mod likelihood;
pub mod math;
pub mod model;
pub mod rng;
pub mod run;
pub mod teach;

pub use data::sample::{sample, DataError};
pub use fit::em::{em_step, EmFit, DEFAULT_VARIANCE_FLOOR};
pub use fit::gradient::{mean_nll_and_gradient, nll_and_gradient, GradientScratch};
pub use fit::init::{initialise, InitStrategy};
pub use fit::optim::{AdamState, DirectFit, Optimizer, OptimizerKind};
pub use fit::state::{Diverged, FitState};
pub use model::matching::{match_components, Matching};
pub use model::mixture::{Mixture, ModelError};
pub use run::config::{ConfigError, DataSource, FitConfig};
pub use run::presets::{Preset, CLASSIC, PRESETS};
pub use run::session::{FitSession, Status, Track};
