//! The likelihood of a mixture: the per-point pieces every pass shares ([`joint`]), the one sum of
//! log-densities ([`sum`]), the hot pass over the data that both methods share ([`pass`]), the weighted
//! sums it returns ([`sums`]) and the per-point functions for charts and teaching ([`point`]).

pub mod joint;
pub mod pass;
pub mod point;
pub mod sum;
pub mod sums;
#[cfg(target_arch = "wasm32")]
pub mod wide;
