//! The teaching analyses built on a run: the component inspector ([`inspect`]), EM one half-step at a
//! time ([`stepthrough`]), restarts ([`restarts`]), parameter trajectories ([`trajectory`]) and the loss
//! landscape ([`landscape`]).

pub mod inspect;
pub mod landscape;
pub mod restarts;
pub mod stepthrough;
pub mod trajectory;
