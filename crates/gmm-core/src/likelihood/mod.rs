//! The likelihood of a mixture: the hot pass over the data that both methods share ([`pass`]) and the
//! per-point functions for charts and teaching ([`point`]).

pub mod pass;
pub mod point;
