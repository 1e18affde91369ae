//! How long a restarts experiment may take, said before it starts, and the limit past which the page
//! refuses to start one: R runs of both methods, each to the step limit at most.

use crate::format::{count, duration};

/// An experiment estimated to take longer than this (seconds) is refused: a page should stay usable.
pub const MAX_RESTARTS_SECONDS: f64 = 180.0;

/// The cost per step assumed before a run has measured its own (ns per data point and component): the
/// benchmark's pass is 3.5 to 4.6 ns in the browsers on this project's machine (README, "Benchmarks"),
/// rounded up.
pub const ASSUMED_NS_PER_POINT_COMPONENT: f64 = 5.0;

/// The estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct RestartsEstimate {
    /// At most this many seconds: every run to the step limit.
    pub seconds: f64,
    /// True when the costs per step are this run's measured ones, false when assumed.
    pub measured: bool,
    /// True when [`RestartsEstimate::seconds`] is above [`MAX_RESTARTS_SECONDS`].
    pub refused: bool,
}

/// The longest `restarts` runs of both methods can take on `n` points and `k` components with `max_steps`
/// steps each.
///
/// # Formula
/// `seconds = restarts * max_steps * (c_first + c_second)`, with each `c` the panel's measured seconds per
/// step, or, when either is unknown, `n * k * ASSUMED_NS_PER_POINT_COMPONENT * 1e-9` for both.
pub fn restarts_estimate(
    restarts: usize,
    max_steps: usize,
    n: usize,
    k: usize,
    measured: [Option<f64>; 2],
) -> RestartsEstimate {
    let assumed = n as f64 * k as f64 * ASSUMED_NS_PER_POINT_COMPONENT * 1e-9;
    let (per_step, measured) = match measured {
        [Some(a), Some(b)] if a > 0.0 && b > 0.0 => (a + b, true),
        _ => (2.0 * assumed, false),
    };
    let seconds = restarts as f64 * max_steps as f64 * per_step;
    RestartsEstimate {
        seconds,
        measured,
        refused: seconds > MAX_RESTARTS_SECONDS,
    }
}

impl RestartsEstimate {
    /// The sentence the page shows before the experiment runs (or instead of it, when refused).
    pub fn sentence(&self, restarts: usize, max_steps: usize) -> String {
        let basis = if self.measured {
            "from this run's measured cost per step"
        } else {
            "from the benchmark's cost per step (this run has not measured its own yet)"
        };
        let total = format!(
            "{} restarts of at most {} steps of both methods take at most about {}, {basis}",
            count(restarts),
            count(max_steps),
            duration(self.seconds)
        );
        if self.refused {
            format!(
                "{total}: more than the {} this page runs. Lower R, the step limit or N.",
                duration(MAX_RESTARTS_SECONDS)
            )
        } else {
            format!("{total}.")
        }
    }
}
