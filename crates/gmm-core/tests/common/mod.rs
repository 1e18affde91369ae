//! Shared tolerances and helpers for the native tests. Every tolerance lives here, with its reason.
#![allow(dead_code)]

use gmm_core::Mixture;

/// Analytic gradient vs. central finite differences: relative error bound (the 1e-6).
pub const GRADIENT_REL_TOL: f64 = 1e-6;
/// Denominator floor for that relative error: a gradient entry below 1 (one data point's worth of
/// loss change per unit parameter change) is compared absolutely.
pub const GRADIENT_ABS_FLOOR: f64 = 1.0;
/// EM may lose at most this relative amount of log-likelihood in a step (rounding in the sums).
pub const EM_MONOTONE_REL_TOL: f64 = 1e-9;
/// Exact-equality tolerance for things computed two ways with O(K) rounding.
pub const ROUNDING_TOL: f64 = 1e-12;

/// A mixture from weights, means and sigmas, panicking on invalid input (tests only).
pub fn mixture(weights: &[f64], means: &[f64], sigmas: &[f64]) -> Mixture {
    Mixture::from_weights(weights, means, sigmas).expect("valid test mixture")
}

/// Relative error with the floor above.
pub fn rel_err(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs()).max(GRADIENT_ABS_FLOOR)
}

/// A classic session on `n` sampled points (data seed 1), run for `steps` steps, with both methods'
/// trajectories recorded after every step (as the page's `Demo` records them).
pub fn recorded_session(
    n: usize,
    steps: usize,
) -> (
    gmm_core::FitSession,
    gmm_core::teach::trajectory::TrajectoryRecorder,
    gmm_core::teach::trajectory::TrajectoryRecorder,
) {
    use gmm_core::teach::trajectory::TrajectoryRecorder;
    use gmm_core::{DataSource, FitConfig, FitSession, CLASSIC};
    let config = FitConfig {
        data: DataSource::Sample {
            truth: CLASSIC.truth(),
            n,
            seed: CLASSIC.data_seed,
        },
        ..FitConfig::default()
    };
    let mut s = FitSession::new(config).unwrap();
    let (mut direct, mut em) = (TrajectoryRecorder::default(), TrajectoryRecorder::default());
    for _ in 0..=steps {
        direct.record(s.direct_track().steps(), s.direct().model());
        em.record(s.em_track().steps(), s.em().model());
        s.advance(1);
    }
    (s, direct, em)
}

/// A made-up clock for `FitSession::advance_timed`, read before and after each method's steps: each call
/// of the first method's steps takes `first` seconds, each of the second's `second`.
pub fn made_up_clock(first: f64, second: f64) -> impl FnMut() -> f64 {
    let (mut calls, mut now) = (0u32, 0.0);
    move || {
        calls += 1;
        now += [second, 0.0, first, 0.0][(calls % 4) as usize];
        now
    }
}
