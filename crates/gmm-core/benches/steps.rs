//! Time per gradient step, per EM iteration and per adaptive over-relaxed EM iteration, natively, and the classic workload. Run with `cargo bench`.
//!
//! Prints microseconds per step and nanoseconds per point-component (time / (N K)), the median of several
//! batches, at N = 5000 and N = 1,000,000 with K = 5 on the classic ground truth, then the time of the whole
//! classic homework (3000 Adam steps and 3000 EM iterations), as one session in lock step and as its two
//! halves (one method each) one after the other and on two threads at once. The workloads are those of
//! `gmm_core::benchmark`, which the browser benchmark (`bench.html`) runs too. Each figure is also
//! printed as one `BENCH {json}` line for `scripts/bench-browser.mjs`.

use gmm_core::benchmark::{time_classic, time_classic_half, time_steps, CLASSIC_STEPS, STEP_PLANS};
use gmm_core::run::session::Panel;
use std::time::Instant;

fn main() {
    let origin = Instant::now();
    let mut clock = || origin.elapsed().as_secs_f64();
    println!(
        "{:<24} {:>10} {:>14} {:>16}",
        "method", "N", "us per step", "ns per point*K"
    );
    let mut lines = Vec::new();
    for plan in STEP_PLANS {
        let t = time_steps(plan, &mut clock);
        for (method, name, seconds) in [
            ("gradient", "gradient step (Adam)", t.gradient_seconds),
            ("em", "EM iteration", t.em_seconds),
            ("overrelaxed", "over-relaxed EM (adapt.)", t.overrelaxed_seconds),
        ] {
            let ns = t.ns_per_point_component(seconds);
            println!("{name:<24} {:>10} {:>14.1} {ns:>16.2}", t.n, seconds * 1e6);
            lines.push(format!(
                r#"BENCH {{"kind":"step","method":"{method}","n":{},"k":{},"us":{},"ns":{ns}}}"#,
                t.n,
                t.k,
                seconds * 1e6
            ));
        }
    }
    let classic = time_classic(&mut clock);
    println!(
        "classic workload ({CLASSIC_STEPS} Adam steps + {CLASSIC_STEPS} EM iterations, N = 5000, K = 5): {:.1} ms \
         ({} and {} steps taken)",
        classic.seconds * 1e3,
        classic.direct_steps,
        classic.em_steps
    );
    lines.push(format!(
        r#"BENCH {{"kind":"classic","ms":{},"directSteps":{},"emSteps":{}}}"#,
        classic.seconds * 1e3,
        classic.direct_steps,
        classic.em_steps
    ));
    // The halves one after the other, then on two threads: the parallel time is the slower thread's.
    let sequential: f64 = [Panel::Direct, Panel::Em]
        .into_iter()
        .map(|panel| time_classic_half(panel, &mut clock).seconds)
        .sum();
    let start = Instant::now();
    let parallel = std::thread::scope(|scope| {
        let threads = [Panel::Direct, Panel::Em].map(|panel| {
            scope.spawn(move || {
                let origin = Instant::now();
                let half = time_classic_half(panel, &mut || origin.elapsed().as_secs_f64());
                half.seconds
            })
        });
        for t in threads {
            t.join().expect("a benchmark thread panicked");
        }
        start.elapsed().as_secs_f64()
    });
    println!(
        "classic workload, one method per call: {:.1} ms one after the other, {:.1} ms on two threads",
        sequential * 1e3,
        parallel * 1e3
    );
    lines.push(format!(
        r#"BENCH {{"kind":"classicHalves","sequentialMs":{},"parallelMs":{}}}"#,
        sequential * 1e3,
        parallel * 1e3
    ));
    for line in lines {
        println!("{line}");
    }
}
