//! The model: a 1-D Gaussian mixture's parameters ([`mixture`]) and the matching of fitted components to
//! true ones ([`matching`]).

pub mod matching;
pub mod mixture;
