//! Each panel stepped by its own session (each in its own Web Worker on the page): their progress and
//! snapshot lists, merged, are exactly those of one session that stepped both.

use gmm_core::run::progress::{apply_progress, merge_progress, progress};
use gmm_core::run::rewind::{merge_snapshots, snapshot_list};
use gmm_core::run::session::Panel;
use gmm_core::run::timeline::Snap;
use gmm_core::{DataSource, FitConfig, FitSession, OptimizerKind, CLASSIC};

fn bits(values: &[f64]) -> Vec<u64> {
    values.iter().map(|v| v.to_bits()).collect()
}

/// Gradient descent that diverges within a few steps beside EM that runs to `max_steps`: the panels stop
/// far apart, so their timelines are thinned differently.
fn diverging(max_steps: usize) -> FitConfig {
    FitConfig {
        data: DataSource::Sample {
            truth: CLASSIC.truth(),
            n: 300,
            seed: 3,
        },
        first_method: gmm_core::fit::method::MethodKind::Gradient(OptimizerKind::GradientDescent),
        learning_rate: 1e3,
        max_steps,
        tolerance: 0.0,
        ..FitConfig::default()
    }
}

/// The classic set-up with a looser tolerance: EM stops after a few hundred steps, gradient descent
/// runs on to the step limit.
fn early_em() -> FitConfig {
    FitConfig {
        tolerance: 1e-6,
        ..FitConfig::default()
    }
}

/// The same slices of steps given to one session for both panels and to one session per panel.
fn stepped(config: &FitConfig, slices: &[usize]) -> (FitSession, FitSession, FitSession) {
    let mut both = FitSession::new(config.clone()).unwrap();
    let mut first = FitSession::new(config.clone()).unwrap();
    let mut second = FitSession::new(config.clone()).unwrap();
    for &n in slices {
        both.advance(n);
        first.advance_panel(Panel::Direct, n);
        second.advance_panel(Panel::Em, n);
    }
    (both, first, second)
}

#[test]
fn merged_progress_of_one_session_per_panel_is_the_progress_of_one_session_stepping_both() {
    for config in [FitConfig::default(), diverging(400)] {
        let (both, first, second) = stepped(&config, &[1, 9, 90, 300]);
        let merged = merge_progress(&progress(&first, 0, 0), &progress(&second, 0, 0)).unwrap();
        assert_eq!(bits(&merged), bits(&progress(&both, 0, 0)));
        let mut view = FitSession::new(config.clone()).unwrap();
        apply_progress(&mut view, &merged).unwrap();
        assert_eq!(view.direct_track(), both.direct_track());
        assert_eq!(view.em_track(), both.em_track());
        assert_eq!(view.finished(), both.finished());
        // Incremental lists (the losses from some step on) merge as well.
        let merged = merge_progress(&progress(&first, 50, 0), &progress(&second, 0, 70)).unwrap();
        assert_eq!(bits(&merged), bits(&progress(&both, 50, 70)));
    }
}

#[test]
fn merge_progress_refuses_lists_for_another_k_or_malformed() {
    let (_, first, second) = stepped(&FitConfig::default(), &[5]);
    let other_k = FitSession::new(FitConfig {
        k: 3,
        ..FitConfig::default()
    })
    .unwrap();
    assert!(merge_progress(&progress(&first, 0, 0), &progress(&other_k, 0, 0)).is_err());
    let mut long = progress(&second, 0, 0);
    long.push(0.0);
    assert!(merge_progress(&progress(&first, 0, 0), &long).is_err());
    assert!(merge_progress(&[], &[]).is_err());
}

/// The page's rule (www/engine/panel-workers.js): both sessions are asked for `step`; if the one with
/// fewer steps landed elsewhere than the other, below its own end, it is asked again for the step the
/// other landed on.
fn ask(first: &FitSession, second: &FitSession, step: usize, snap: Snap) -> Vec<f64> {
    let (a, b) = (snapshot_list(first, step, snap), snapshot_list(second, step, snap));
    let (leader, follower, follower_steps) = if first.step() >= second.step() {
        (&a, &b, second.step())
    } else {
        (&b, &a, first.step())
    };
    let landed = leader[1];
    let again = (follower[1] != landed && (landed as usize) < follower_steps).then(|| {
        snapshot_list(
            if first.step() >= second.step() { second } else { first },
            landed as usize,
            Snap::Down,
        )
    });
    match (again, first.step() >= second.step()) {
        (Some(b), true) => merge_snapshots(&a, &b),
        (Some(a), false) => merge_snapshots(&a, &b),
        (None, _) => merge_snapshots(&a, &b),
    }
    .unwrap()
}

#[test]
fn merged_snapshots_of_one_session_per_panel_are_those_of_one_session_stepping_both() {
    // 3000 steps: EM's timeline is thinned to every 4th step; the diverged method's is not.
    for (config, slices) in [(diverging(3000), vec![3000]), (early_em(), vec![700, 1300, 1000])] {
        let (both, first, second) = stepped(&config, &slices);
        for step in [0, 1, 2, 3, 5, 37, 1000, 1999, 2048, 2999, 3000, 5000] {
            for snap in [Snap::Nearest, Snap::Down, Snap::Up] {
                assert_eq!(
                    bits(&ask(&first, &second, step, snap)),
                    bits(&snapshot_list(&both, step, snap)),
                    "step {step}, {snap:?}"
                );
            }
        }
    }
}

#[test]
fn the_classic_panels_stop_far_apart_so_the_second_ask_is_needed() {
    // What the test above relies on to exercise the rule's second ask: EM stops, unthinned, long before
    // gradient descent's timeline is thinned.
    let (_, first, second) = stepped(&early_em(), &[3000]);
    assert!(first.direct_timeline().stride() > second.em_timeline().stride());
    assert!(second.step() > 37 && snapshot_list(&second, 37, Snap::Nearest)[1] == 37.0);
    assert_ne!(snapshot_list(&first, 37, Snap::Nearest)[1], 37.0);
}
