//! Time of the teaching views' numerics, natively. Run with `cargo bench --bench teaching`.
//!
//! The loss landscape (per grid, two means of the classic K = 5 fit), the EM step-through's E-step, the
//! naive-vs-log-sum-exp report, a trajectory record, and one restart of the classic experiment run to
//! completion (3000 steps of both methods), so a page can size its per-frame budget.

use gmm_core::data::histogram::Histogram;
use gmm_core::teach::inspect::naive_vs_lse;
use gmm_core::teach::landscape::landscape;
use gmm_core::teach::restarts::Restarts;
use gmm_core::teach::stepthrough::e_step;
use gmm_core::teach::trajectory::{ParamKind, ParamRef, TrajectoryRecorder};
use gmm_core::{initialise, sample, DataSource, FitConfig, InitStrategy, CLASSIC};
use std::time::Instant;

/// Median seconds per call of `f` over `batches` batches of `per_batch` calls.
fn time_per_call(batches: usize, per_batch: usize, mut f: impl FnMut()) -> f64 {
    f(); // warm up
    let mut times: Vec<f64> = (0..batches)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_batch {
                f();
            }
            start.elapsed().as_secs_f64() / per_batch as f64
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let (m0, m1) = (ParamRef::new(ParamKind::Mean, 0), ParamRef::new(ParamKind::Mean, 1));
    println!("{:<44} {:>12}", "what", "ms per call");
    for (n, g) in [(5_000usize, 40usize), (5_000, 80), (1_000_000, 40)] {
        let data = sample(&CLASSIC.truth(), n, 1);
        let model = initialise(InitStrategy::FromData, 5, &data, 1, 1e-3).unwrap();
        let t = time_per_call(5, 1, || {
            landscape(&model, &data, (m0, (-3.0, 3.0)), (m1, (-3.0, 3.0)), g).unwrap();
        });
        println!("{:<44} {:>12.1}", format!("landscape G = {g}, N = {n}"), t * 1e3);
    }
    let data = sample(&CLASSIC.truth(), 5_000, 1);
    let model = initialise(InitStrategy::NearZero, 5, &data, 1, 1e-3).unwrap();
    let hist = Histogram::new(&data, Histogram::default_bins(data.len()));
    let t = time_per_call(9, 50, || {
        e_step(&model, &data, &hist).unwrap();
    });
    println!("{:<44} {:>12.3}", "E-step with bin shares, N = 5000", t * 1e3);
    let t = time_per_call(9, 50, || {
        naive_vs_lse(&model, &data).unwrap();
    });
    println!("{:<44} {:>12.3}", "naive vs log-sum-exp, N = 5000", t * 1e3);
    let mut rec = TrajectoryRecorder::default();
    let mut step = 0;
    let t = time_per_call(9, 10_000, || {
        rec.record(step, &model);
        step += 1;
    });
    println!("{:<44} {:>12.5}", "trajectory record (K = 5)", t * 1e3);
    let config = FitConfig {
        data: DataSource::Sample {
            truth: CLASSIC.truth(),
            n: CLASSIC.n,
            seed: CLASSIC.data_seed,
        },
        ..FitConfig::default()
    };
    let t = time_per_call(3, 1, || {
        let mut exp = Restarts::new(&config, InitStrategy::NearZero, 1, 1).unwrap();
        while !exp.advance(100).unwrap().finished {}
    });
    println!("{:<44} {:>12.1}", "one classic restart (3000 steps, both)", t * 1e3);
}
