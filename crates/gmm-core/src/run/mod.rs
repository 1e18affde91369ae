//! One run: its configuration ([`config`]), the option table ([`options`]), the lesson presets
//! ([`presets`], [`lessons`]), both methods in lock step ([`session`]) and its progress snapshot
//! ([`progress`]), and the parameters at its recorded steps for rewinding ([`timeline`]).

pub mod config;
pub mod lessons;
pub mod options;
pub mod presets;
pub mod progress;
pub mod session;
pub mod timeline;
