//! # gmm-two-ways
//!
//! A 1-D Gaussian mixture fitted two ways, side by side: direct maximum likelihood (an optimizer such as
//! Adam on the negative log-likelihood, with hand-derived gradients) and expectation maximisation.
//!
//! The numeric core ([`math`], [`mixture`], [`data`], [`init`], [`gradient`], [`optim`], [`em`],
//! [`compare`]) has no web dependency. [`session`] runs both methods in lock step from the same start;
//! [`render`] draws with plotters on any backend; the `wasm` module (WebAssembly only) is the thin
//! boundary the page calls.

pub mod benchmark;
pub mod compare;
pub mod config;
pub mod data;
pub mod em;
pub mod gradient;
pub mod histogram;
pub mod import;
pub mod init;
pub mod inspect;
pub mod landscape;
pub mod lessons;
pub mod math;
pub mod mixture;
pub mod optim;
pub mod options;
mod posterior;
pub mod presets;
pub mod progress;
pub mod render;
pub mod restarts;
pub mod session;
pub mod stepthrough;
pub mod trajectory;

pub use compare::{match_components, Matching};
pub use config::{ConfigError, DataSource, FitConfig};
pub use data::{sample, DataError};
pub use em::{em_step, EmFit, DEFAULT_VARIANCE_FLOOR};
pub use gradient::{mean_nll_and_gradient, nll_and_gradient, GradientScratch};
pub use init::{initialise, InitStrategy};
pub use mixture::{Mixture, ModelError};
pub use optim::{AdamState, DirectFit, Diverged, Optimizer, OptimizerKind};
pub use presets::{Preset, CLASSIC, PRESETS};
pub use session::{FitSession, Status, Track};

#[cfg(target_arch = "wasm32")]
pub mod wasm;
#[cfg(target_arch = "wasm32")]
pub mod wasm_bench;
#[cfg(target_arch = "wasm32")]
pub mod wasm_import;
#[cfg(target_arch = "wasm32")]
pub mod wasm_restarts;
#[cfg(target_arch = "wasm32")]
pub mod wasm_teach;
