//! The benchmark workloads, shared by the native benchmark (`benches/steps.rs`) and the browser one
//! (`src/wasm_bench.rs`), so that both time exactly the same work; each brings its own clock.
//!
//! Step times: the classic ground truth sampled with seed 1, K = 5 components initialised from the data,
//! then Adam steps (learning rate 0.01), EM iterations and adaptive over-relaxed EM iterations, each timed as
//! the median over batches.
//! The classic workload: the default session (the homework: N = 5000, K = 5, near-zero start) advanced
//! 3000 steps of both methods in one call.

use crate::fit::overrelaxed::{OverrelaxedFit, Relaxation};
use crate::run::session::Panel;
use crate::{initialise, sample, DirectFit, EmFit, FitConfig, FitSession, InitStrategy, OptimizerKind};
use crate::{CLASSIC, DEFAULT_VARIANCE_FLOOR};

/// K of every step benchmark.
pub const BENCH_K: usize = 5;

/// One size of the step benchmark: `batches` batches of `per_batch` calls each, after one untimed batch
/// (which lets a browser finish compiling the module with its optimising compiler).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepPlan {
    pub n: usize,
    pub batches: usize,
    pub per_batch: usize,
}

/// The sizes the README reports, with batches long enough (about 0.1 s) for a browser clock of 0.1-1 ms.
pub const STEP_PLANS: [StepPlan; 2] = [
    StepPlan {
        n: 5_000,
        batches: 9,
        per_batch: 400,
    },
    StepPlan {
        n: 1_000_000,
        batches: 5,
        per_batch: 4,
    },
];

/// Steps of each method in the classic workload.
pub const CLASSIC_STEPS: usize = 3000;

/// Median seconds per gradient step, per EM iteration and per adaptive over-relaxed EM iteration at one size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StepTimes {
    pub n: usize,
    pub k: usize,
    pub gradient_seconds: f64,
    pub em_seconds: f64,
    /// Adaptive over-relaxed EM: one pass per step, two when a proposal is dropped.
    pub overrelaxed_seconds: f64,
}

impl StepTimes {
    /// Nanoseconds per point and component: `seconds * 1e9 / (N K)`.
    pub fn ns_per_point_component(&self, seconds: f64) -> f64 {
        seconds * 1e9 / (self.n * self.k) as f64
    }
}

/// Median seconds per call of `f` over `batches` batches of `per_batch` calls, after one untimed batch;
/// `clock` gives seconds.
pub fn median_seconds_per_call(
    batches: usize,
    per_batch: usize,
    clock: &mut impl FnMut() -> f64,
    mut f: impl FnMut(),
) -> f64 {
    for _ in 0..per_batch {
        f(); // warm up
    }
    let mut times: Vec<f64> = (0..batches.max(1))
        .map(|_| {
            let start = clock();
            for _ in 0..per_batch.max(1) {
                f();
            }
            (clock() - start) / per_batch.max(1) as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Times Adam steps, EM iterations and adaptive over-relaxed EM iterations on `plan.n` classic points with [`BENCH_K`] components.
///
/// # Panics
/// If `plan.n` is 0 (the callers check).
pub fn time_steps(plan: StepPlan, clock: &mut impl FnMut() -> f64) -> StepTimes {
    let data = sample(&CLASSIC.truth(), plan.n, 1);
    let init = initialise(InitStrategy::FromData, BENCH_K, &data, 1, DEFAULT_VARIANCE_FLOOR.sqrt())
        .expect("classic data and K = 5 give a valid start");
    let mut direct = DirectFit::new(init.clone(), OptimizerKind::Adam, 0.01, DEFAULT_VARIANCE_FLOOR);
    let gradient_seconds = median_seconds_per_call(plan.batches, plan.per_batch, clock, || {
        let _ = direct.step(&data);
    });
    let mut em = EmFit::new(init.clone(), DEFAULT_VARIANCE_FLOOR);
    let em_seconds = median_seconds_per_call(plan.batches, plan.per_batch, clock, || {
        let _ = em.step(&data);
    });
    let mut overrelaxed = OverrelaxedFit::new(init, Relaxation::Adaptive, DEFAULT_VARIANCE_FLOOR);
    let overrelaxed_seconds = median_seconds_per_call(plan.batches, plan.per_batch, clock, || {
        let _ = overrelaxed.step(&data);
    });
    StepTimes {
        n: plan.n,
        k: BENCH_K,
        gradient_seconds,
        em_seconds,
        overrelaxed_seconds,
    }
}

/// The classic workload, timed once: seconds, steps taken by the direct fit and by EM, and their losses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassicRun {
    pub seconds: f64,
    pub direct_steps: usize,
    pub em_steps: usize,
    pub direct_loss: f64,
    pub em_loss: f64,
}

/// Builds the default (classic) session and advances it [`CLASSIC_STEPS`] steps in one call.
pub fn time_classic(clock: &mut impl FnMut() -> f64) -> ClassicRun {
    let start = clock();
    let mut session = FitSession::new(FitConfig::default()).expect("the classic set-up is valid");
    session.advance(CLASSIC_STEPS);
    let seconds = clock() - start;
    ClassicRun {
        seconds,
        direct_steps: session.direct_track().steps(),
        em_steps: session.em_track().steps(),
        direct_loss: session.direct_track().current_loss(),
        em_loss: session.em_track().current_loss(),
    }
}

/// One method's half of the classic workload, timed once: seconds, steps taken and the last loss.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClassicHalf {
    pub seconds: f64,
    pub steps: usize,
    pub loss: f64,
}

/// Builds the default (classic) session and advances only `panel` [`CLASSIC_STEPS`] steps: run the two
/// halves one after the other, or at the same time on two cores (threads natively, Web Workers in a
/// browser), for the classic workload with the methods in parallel. Each half gives the same bits as in
/// [`time_classic`] ([`FitSession::advance_panel`]).
pub fn time_classic_half(panel: Panel, clock: &mut impl FnMut() -> f64) -> ClassicHalf {
    let start = clock();
    let mut session = FitSession::new(FitConfig::default()).expect("the classic set-up is valid");
    session.advance_panel(panel, CLASSIC_STEPS);
    let seconds = clock() - start;
    let track = match panel {
        Panel::Direct => session.direct_track(),
        Panel::Em => session.em_track(),
    };
    ClassicHalf {
        seconds,
        steps: track.steps(),
        loss: track.current_loss(),
    }
}
