//! Runs the classic homework set-up (3000 steps of both methods) and prints how each one ends.
//!
//! `cargo run --release --example classic [data_seed] [init_seed] [init]`

use gmm_core::{match_components, DataSource, FitConfig, FitSession, InitStrategy, CLASSIC};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let data_seed = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    let init_seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let init = args
        .get(3)
        .and_then(|s| InitStrategy::from_name(s))
        .unwrap_or(InitStrategy::NearZero);
    let config = FitConfig {
        data: DataSource::Sample {
            truth: CLASSIC.truth(),
            n: CLASSIC.n,
            seed: data_seed,
        },
        init,
        init_seed,
        ..FitConfig::default()
    };
    let mut session = FitSession::new(config).expect("the classic set-up is valid");
    let start = std::time::Instant::now();
    session.advance(3000);
    let elapsed = start.elapsed();
    let truth = session.truth().expect("sampled data have a truth").clone();
    println!("data seed {data_seed}, init seed {init_seed}, init {}", init.name());
    println!("ground truth loss {:.6}", session.truth_loss().unwrap());
    for (name, track, model) in [
        ("direct (Adam)", session.direct_track(), session.direct().model()),
        ("EM", session.em_track(), session.em().model()),
    ] {
        let m = match_components(model, &truth);
        println!(
            "{name:>14}: start {:.4} -> final {:.6} after {} steps ({}); matched |mean error| {:.4}",
            track.losses()[0],
            track.current_loss(),
            track.steps(),
            track.status().name(),
            m.mean_mae
        );
        println!(
            "    weights {:.3?}\n    means   {:.3?}\n    sigmas  {:.3?}",
            model.weights(),
            model.means(),
            model.sigmas()
        );
    }
    println!("both methods, 3000 steps each: {:.1} ms", elapsed.as_secs_f64() * 1e3);
}
