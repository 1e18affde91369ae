//! # gmm-two-ways
//!
//! The WebAssembly boundary of gmm-two-ways: the cdylib that `wasm-pack` builds into `pkg/`. The numbers
//! live in [`gmm_core`], the charts in [`gmm_charts`]; this crate converts arguments and results, holds
//! the handles the page keeps, and supplies the canvas backend ([`canvas`]), which knows no chart.

pub mod canvas;
#[cfg(target_arch = "wasm32")]
pub mod density_background;
#[cfg(target_arch = "wasm32")]
pub mod js;
#[cfg(target_arch = "wasm32")]
pub mod js_layout;
#[cfg(target_arch = "wasm32")]
pub mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "bench"))]
pub mod wasm_bench;
#[cfg(target_arch = "wasm32")]
pub mod wasm_by_hand;
#[cfg(target_arch = "wasm32")]
pub mod wasm_comparison;
#[cfg(target_arch = "wasm32")]
pub mod wasm_em_gradient;
#[cfg(target_arch = "wasm32")]
pub mod wasm_import;
#[cfg(target_arch = "wasm32")]
pub mod wasm_k_selection;
#[cfg(target_arch = "wasm32")]
pub mod wasm_options;
#[cfg(target_arch = "wasm32")]
pub mod wasm_readout;
#[cfg(target_arch = "wasm32")]
pub mod wasm_restarts;
#[cfg(target_arch = "wasm32")]
pub mod wasm_teach;
#[cfg(target_arch = "wasm32")]
pub mod wasm_teaching_run;
#[cfg(target_arch = "wasm32")]
pub mod wasm_timeline;
#[cfg(target_arch = "wasm32")]
pub mod wasm_verdict;
