//! The teaching analyses built on a run: the component inspector ([`inspect`]), EM as a gradient step
//! ([`em_gradient`]), EM one half-step at a
//! time ([`stepthrough`]), restarts ([`restarts`], how long they may take: [`restarts_estimate`]), K chosen by the
//! data ([`k_selection`]), parameter trajectories ([`trajectory`]) and the loss landscape ([`landscape`]), the verdict
//! on a run ([`verdict`], in words [`verdict_text`]), and the classic preset's challenge read off it
//! ([`start_challenge`]).

pub mod em_gradient;
pub mod inspect;
pub mod k_selection;
pub mod landscape;
pub mod restarts;
pub mod restarts_estimate;
pub mod start_challenge;
pub mod stepthrough;
pub mod trajectory;
pub mod verdict;
pub mod verdict_text;
