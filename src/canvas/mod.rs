//! The browser's drawing backend for plotters: a 2D canvas drawn in few calls ([`backend`]), with shapes
//! painted alike batched into one path ([`batch`], plain Rust, tested natively). It knows no chart.

#[cfg(target_arch = "wasm32")]
mod backend;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod batch;

#[cfg(target_arch = "wasm32")]
pub use backend::{CanvasCallFailed, MeasuredCanvas};
