//! Data: sampling from a mixture with a seeded generator ([`sample`]), importing values from text
//! ([`import`]), points placed by hand ([`hand`]) and the histogram the charts and the step-through share ([`histogram`]).

pub mod hand;
pub mod histogram;
pub mod import;
pub mod sample;
