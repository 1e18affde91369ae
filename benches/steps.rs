//! Time per gradient step and per EM iteration, natively. Run with `cargo bench`.
//!
//! Prints microseconds per step and nanoseconds per point-component (time / (N K)), the median of
//! several batches, at N = 5000 and N = 1,000,000 with K = 5 on the classic ground truth.

use gmm_two_ways::{
    initialise, sample, DirectFit, EmFit, InitStrategy, OptimizerKind, CLASSIC, DEFAULT_VARIANCE_FLOOR,
};
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
    let k = 5;
    println!(
        "{:<22} {:>10} {:>14} {:>16}",
        "method", "N", "us per step", "ns per point*K"
    );
    for (n, batches, per_batch) in [(5_000usize, 9, 400), (1_000_000, 5, 4)] {
        let data = sample(&CLASSIC.truth(), n, 1);
        let init = initialise(InitStrategy::FromData, k, &data, 1, DEFAULT_VARIANCE_FLOOR.sqrt()).unwrap();
        let mut direct = DirectFit::new(init.clone(), OptimizerKind::Adam, 0.01, DEFAULT_VARIANCE_FLOOR);
        let t_direct = time_per_call(batches, per_batch, || {
            direct.step(&data).unwrap();
        });
        let mut em = EmFit::new(init, DEFAULT_VARIANCE_FLOOR);
        let t_em = time_per_call(batches, per_batch, || {
            em.step(&data).unwrap();
        });
        for (name, t) in [("gradient step (Adam)", t_direct), ("EM iteration", t_em)] {
            println!(
                "{name:<22} {n:>10} {:>14.1} {:>16.2}",
                t * 1e6,
                t * 1e9 / (n * k) as f64
            );
        }
    }
}
