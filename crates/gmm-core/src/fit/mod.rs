//! The two ways to fit: direct likelihood by an optimizer ([`gradient`], [`optim`]) and expectation
//! maximisation ([`em`], with its M-step in [`m_step`]), EM's step lengthened
//! ([`overrelaxed`]); a panel runs any of them ([`method`], [`panel`]), from a start that
//! [`init`] chooses; each keeps a [`state::FitState`].

pub mod em;
pub mod gradient;
pub mod init;
pub mod m_step;
pub mod method;
pub mod optim;
pub mod overrelaxed;
pub mod panel;
pub mod state;
