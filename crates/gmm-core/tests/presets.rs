//! Each preset teaches what its lesson sentence says: these runs check the claims.

use gmm_core::run::options::{config_from_options, OptionValue};
use gmm_core::run::presets::preset;
use gmm_core::{FitSession, Status, PRESETS};

fn session(id: &str) -> FitSession {
    let options = vec![("preset".to_string(), OptionValue::Text(id.into()))];
    FitSession::new(config_from_options(&options).unwrap()).unwrap()
}

#[test]
fn every_preset_is_valid_and_has_a_lesson() {
    for p in PRESETS {
        let truth = p.truth();
        assert!((truth.weights().iter().sum::<f64>() - 1.0).abs() < 1e-12, "{}", p.id);
        assert!(p.lesson.len() > 40, "{}: lesson too short", p.id);
        let s = session(p.id);
        assert_eq!((s.data().len(), s.config().k), (p.n, p.k), "{}", p.id);
    }
}

#[test]
fn k_too_small_ends_above_the_truth_and_k_too_large_below() {
    let mut small = session("k-too-small");
    small.advance(1000);
    let truth = small.truth_loss().unwrap();
    assert!(small.em_track().current_loss() > truth + 0.05);
    assert!(small.direct_track().current_loss() > truth + 0.05);
    let mut large = session("k-too-large");
    large.advance(1000);
    let truth = large.truth_loss().unwrap();
    assert!(
        large.em_track().current_loss() < truth,
        "EM with 6 components fits the noise too"
    );
}

#[test]
fn a_too_large_learning_rate_diverges_and_a_too_small_one_crawls() {
    let mut big = session("lr-too-large");
    big.advance(3000);
    assert!(
        matches!(big.direct_track().status(), Status::Diverged { .. }),
        "{:?}",
        big.direct_track().status()
    );
    assert!(matches!(big.em_track().status(), Status::StepLimit { .. }));
    let mut small = session("lr-too-small");
    small.advance(3000);
    let truth = small.truth_loss().unwrap();
    assert!(small.em_track().current_loss() < truth + 0.005, "EM is done");
    assert!(
        small.direct_track().current_loss() > truth + 0.05,
        "gradient descent still far off"
    );
}

#[test]
fn the_collapse_preset_puts_a_component_on_the_outlier_and_em_floors_it() {
    let p = preset("collapse").unwrap();
    let s = session("collapse");
    assert_eq!(s.data().iter().filter(|x| **x > 6.0).count(), 1, "exactly one outlier");
    let mut s = s;
    s.advance(300);
    let floored: Vec<usize> = (0..p.k).filter(|&k| s.em().floored()[k]).collect();
    assert_eq!(floored.len(), 1, "EM holds one component at the floor");
    let k = floored[0];
    assert!((s.em().model().means()[k] - 9.0).abs() < 0.1);
    // Lowering the floor lets the loss fall further: the likelihood is unbounded.
    let before = s.em_track().current_loss();
    s.set_variance_floor(1e-10).unwrap();
    s.advance(50);
    assert!(
        s.em_track().current_loss() < before - 1.0 / p.n as f64,
        "{} -> {}",
        before,
        s.em_track().current_loss()
    );
}
