//! One run: its configuration ([`config`]), mixtures given by hand ([`components`]), the option table ([`options`]), the lesson presets
//! ([`presets`], [`lessons`]), the best fit found from good starts ([`best_fit`]), both methods in lock
//! step ([`session`]), where each settled ([`settling`]), how the loss chart shows it ([`loss_view`]), its
//! progress snapshot ([`progress`]), where a method stands ([`status`]), the parameters at its recorded steps ([`timeline`]) and rewinding to
//! them ([`rewind`]), the method neither panel runs, run beside them ([`third_way`], [`third_way_run`]), and a mixture fitted
//! elsewhere shown beside them ([`comparison`]).

pub mod best_fit;
pub mod comparison;
pub mod components;
pub mod config;
pub mod lessons;
pub mod loss_view;
pub mod options;
pub mod presets;
pub mod progress;
pub mod rewind;
pub mod session;
pub mod settling;
pub mod status;
pub mod third_way;
pub mod third_way_run;
pub mod timeline;
