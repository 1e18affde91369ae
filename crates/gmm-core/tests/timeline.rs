//! The timeline: a recorded step shows exactly (bit for bit) what a fresh run stopped there shows, before
//! and after thinning, through relabelling and divergence; and it stays within its memory bound.

use gmm_core::run::rewind::{rewind_to, shown, snapshot_list, Rewound};
use gmm_core::run::timeline::{max_bytes, MethodId, Snap, Snapshot, Timeline, TIMELINE_CAP};
use gmm_core::{DataSource, FitConfig, FitSession, OptimizerKind, Status, CLASSIC};

mod common;
use common::ROUNDING_TOL;

/// A classic set-up on `n` points with `k` components that never converges (tolerance 0).
fn config(n: usize, k: usize, max_steps: usize) -> FitConfig {
    FitConfig {
        data: DataSource::Sample {
            truth: CLASSIC.truth(),
            n,
            seed: 3,
        },
        k,
        max_steps,
        tolerance: 0.0,
        ..FitConfig::default()
    }
}

fn bits(values: &[f64]) -> Vec<u64> {
    values.iter().map(|v| v.to_bits()).collect()
}

/// What a fresh session shows of `method`, as a snapshot.
fn live(session: &FitSession, method: MethodId) -> Snapshot {
    session.snapshot(method, session.step()).unwrap()
}

/// The snapshot equals the fresh run's state bit for bit: parameters and per-component reports.
fn assert_same(recorded: &Snapshot, fresh: &Snapshot, what: &str) {
    assert_eq!(recorded.step, fresh.step, "{what}: step");
    assert_eq!(
        bits(recorded.model.flat()),
        bits(fresh.model.flat()),
        "{what}: parameters"
    );
    assert_eq!(recorded.floored, fresh.floored, "{what}: floored");
    assert_eq!(recorded.emptied, fresh.emptied, "{what}: emptied");
}

fn fresh_at(config: &FitConfig, steps: usize) -> FitSession {
    let mut s = FitSession::new(config.clone()).unwrap();
    s.advance(steps);
    s
}

#[test]
fn a_recorded_step_equals_a_fresh_run_stopped_there_before_and_after_thinning() {
    // 3000 steps at a cap of 1024: thinned twice, to a stride of 4.
    let config = config(300, 3, 3000);
    let mut long = FitSession::new(config.clone()).unwrap();
    long.advance(3000);
    assert_eq!(long.step(), 3000);
    assert_eq!(long.direct_timeline().stride(), 4, "thinned twice");
    assert_eq!(long.em_timeline().stride(), 4);
    for t in [0, 4, 8, 100, 1020, 1024, 2048, 2996] {
        assert_eq!(long.recorded_step(t, Snap::Nearest), t, "{t} is recorded");
        let fresh = fresh_at(&config, t);
        for method in [MethodId::Direct, MethodId::Em] {
            let recorded = long.snapshot(method, t).unwrap();
            assert_same(&recorded, &live(&fresh, method), &format!("{method:?} at step {t}"));
        }
    }
    // Steps between two recorded ones are not held, and snap to their neighbours.
    assert!(long.snapshot(MethodId::Direct, 5).is_none());
    assert_eq!(long.recorded_step(5, Snap::Nearest), 4);
    assert_eq!(
        long.recorded_step(6, Snap::Nearest),
        4,
        "a tie goes to the earlier step"
    );
    assert_eq!(long.recorded_step(7, Snap::Nearest), 8);
    assert_eq!(long.recorded_step(5, Snap::Down), 4);
    assert_eq!(long.recorded_step(5, Snap::Up), 8);
    assert_eq!(
        long.recorded_step(2999, Snap::Up),
        3000,
        "the live end is always a recorded step"
    );
    assert_eq!(long.recorded_step(2998, Snap::Nearest), 2996);
    assert_eq!(long.recorded_step(99_999, Snap::Down), 3000);
}

#[test]
fn the_snapshot_list_carries_a_step_to_a_copy_of_the_session() {
    let config = config(200, 4, 500);
    let mut worker = FitSession::new(config.clone()).unwrap();
    worker.advance(500);
    // The page's copy: built from the same options, shown the worker's progress.
    let mut page = FitSession::new(config.clone()).unwrap();
    let progress = gmm_core::run::progress::progress(&worker, 0, 0);
    gmm_core::run::progress::apply_progress(&mut page, &progress).unwrap();

    let list = snapshot_list(&worker, 123, Snap::Nearest);
    assert_eq!(
        list.len(),
        2 + 2 * (1 + 5 * 4),
        "a few dozen numbers, whatever N and the steps"
    );
    let rewound = rewind_to(&page, &list).unwrap().expect("step 123 is not the live end");
    assert_eq!(rewound.step, 123);
    let fresh = fresh_at(&config, 123);
    for method in [MethodId::Direct, MethodId::Em] {
        let view = shown(&page, Some(&rewound), method);
        let fresh_view = shown(&fresh, None, method);
        assert_eq!(bits(view.model.flat()), bits(fresh_view.model.flat()), "{method:?}");
        assert_eq!(view.floored, fresh_view.floored, "{method:?}");
        assert_eq!(view.steps, 123);
        assert_eq!(view.status, Status::Running, "a fresh run stopped at 123 is running");
        // The page shows the loss the step recorded; a fresh run evaluates it once more at its end.
        let (loss, fresh_loss) = (view.loss, fresh_view.loss);
        assert!(
            (loss - fresh_loss).abs() < ROUNDING_TOL,
            "{method:?}: {loss} vs {fresh_loss}"
        );
    }
    // Not rewound: the live fit.
    let live_view = shown(&page, None, MethodId::Em);
    assert_eq!(live_view.steps, 500);
    assert_eq!(bits(live_view.model.flat()), bits(worker.em().model().flat()));
    // The live end rewinds nothing.
    assert_eq!(
        rewind_to(&page, &snapshot_list(&worker, 500, Snap::Nearest)).unwrap(),
        None
    );
    // A list for another K, or cut short, is refused.
    let mut other_k = list.clone();
    other_k[0] = 5.0;
    assert!(rewind_to(&page, &other_k).unwrap_err().contains("another K"));
    assert!(rewind_to(&page, &list[..list.len() - 1]).is_err());
    // A copy that has not heard of the step yet refuses it rather than showing a wrong loss.
    let behind = FitSession::new(config).unwrap();
    assert!(rewind_to(&behind, &list).is_err());
}

#[test]
fn relabelled_fits_rewind_to_relabelled_steps() {
    let config = config(200, 3, 400);
    let mut s = FitSession::new(config.clone()).unwrap();
    s.advance(300);
    let order = [2, 0, 1];
    s.permute_components(&order);
    s.advance(100);
    let mut fresh = fresh_at(&config, 200);
    fresh.permute_components(&order);
    for method in [MethodId::Direct, MethodId::Em] {
        assert_same(
            &s.snapshot(method, 200).unwrap(),
            &live(&fresh, method),
            &format!("{method:?}"),
        );
    }
    // A page's rewound copy relabels the same way.
    let mut rewound = Rewound::at(&fresh_at(&config, 300), 200, Snap::Nearest);
    rewound.permute_components(&order);
    assert_same(&rewound.em, &live(&fresh, MethodId::Em), "page copy");
}

#[test]
fn a_method_that_stopped_early_shows_where_it_stopped_and_a_diverged_step_is_not_kept() {
    // Plain gradient descent at a huge learning rate diverges within a few steps; EM goes on.
    let config = FitConfig {
        first_method: gmm_core::fit::method::MethodKind::Gradient(OptimizerKind::GradientDescent),
        learning_rate: 1e3,
        ..config(500, 5, 300)
    };
    let mut s = FitSession::new(config.clone()).unwrap();
    s.advance(300);
    let Status::Diverged { step } = s.direct_track().status() else {
        panic!("expected divergence, got {:?}", s.direct_track().status());
    };
    let kept = s.direct_track().steps();
    assert!(kept < step && kept < 300);
    assert!(
        s.direct_timeline().steps().all(|t| t <= kept),
        "no record after the last good step {kept}"
    );
    // Rewound past its end, the diverged method shows its last good parameters and its status.
    let rewound = Rewound::at(&s, 200, Snap::Nearest);
    assert_eq!(rewound.direct.step, kept);
    assert_eq!(bits(rewound.direct.model.flat()), bits(s.direct().model().flat()));
    let view = shown(&s, Some(&rewound), MethodId::Direct);
    assert_eq!(view.status, s.direct_track().status());
    assert_eq!(shown(&s, Some(&rewound), MethodId::Em).steps, 200);
    // Each step it kept equals a fresh run stopped there.
    for t in 0..kept {
        assert_same(
            &s.snapshot(MethodId::Direct, t).unwrap(),
            &live(&fresh_at(&config, t), MethodId::Direct),
            &format!("step {t}"),
        );
    }
}

#[test]
fn reset_clears_the_timeline() {
    let mut s = FitSession::new(config(200, 3, 100)).unwrap();
    s.advance(100);
    assert_eq!(s.direct_timeline().len(), 101);
    s.reset();
    assert_eq!((s.direct_timeline().len(), s.em_timeline().len()), (1, 1));
    assert_eq!(s.direct_timeline().stride(), 1);
}

#[test]
fn the_timeline_stays_within_its_bound_at_100000_steps() {
    let k = 10;
    let mut s = FitSession::new(config(40, k, 100_000)).unwrap();
    s.advance(100_000);
    assert_eq!(s.step(), 100_000, "{:?}", s.direct_track().status());
    for timeline in [s.direct_timeline(), s.em_timeline()] {
        assert!(timeline.len() <= TIMELINE_CAP, "{} records", timeline.len());
        // The smallest power of two s with 100,000 / s < 1024 is 128: 782 records, 0 to 99,968.
        assert_eq!(timeline.stride(), 128);
        assert_eq!(timeline.len(), 100_000 / 128 + 1);
        assert!(
            timeline.heap_bytes() <= max_bytes(k),
            "{} bytes > {}",
            timeline.heap_bytes(),
            max_bytes(k)
        );
    }
    assert_eq!(max_bytes(10), 266_240, "the bound the module's documentation states");
}

#[test]
fn thinning_keeps_evenly_spaced_steps_and_never_grows_past_the_cap() {
    let start = gmm_core::Mixture::from_weights(&[0.5, 0.5], &[-1.0, 1.0], &[1.0, 1.0]).unwrap();
    let mut timeline = Timeline::new(&start);
    let mut most = 0;
    for step in 1..=10 * TIMELINE_CAP {
        let mean = step as f64;
        let m = gmm_core::Mixture::from_weights(&[0.5, 0.5], &[mean, -mean], &[1.0, 1.0]).unwrap();
        timeline.record(step, &m, &[step % 3 == 0, false], &[]);
        most = most.max(timeline.len());
        let stride = timeline.stride();
        assert!(stride.is_power_of_two());
        assert_eq!(
            timeline.len(),
            step / stride + 1,
            "all multiples of the stride up to {step}"
        );
    }
    assert_eq!(most, TIMELINE_CAP);
    assert_eq!(timeline.stride(), 16);
    for step in timeline.steps() {
        let s = timeline.at(step).unwrap();
        let mean = if step == 0 { -1.0 } else { step as f64 };
        assert_eq!(s.model.means()[0], mean, "record {step} holds step {step}");
        assert_eq!(s.floored, [step != 0 && step % 3 == 0, false]);
        assert_eq!(s.emptied, [false, false]);
    }
    assert!(timeline.at(8).is_none(), "between two kept steps");
    // A step out of order is ignored rather than misfiled.
    let len = timeline.len();
    timeline.record(3, &start, &[], &[]);
    assert_eq!(timeline.len(), len);
    // Steps a divergence undid are dropped, and recording goes on from the last good step.
    let last_good = 10 * TIMELINE_CAP - 20;
    timeline.truncate(last_good);
    assert_eq!(timeline.steps().last(), Some(last_good / 16 * 16));
    let m = gmm_core::Mixture::from_weights(&[0.5, 0.5], &[7.0, 7.0], &[1.0, 1.0]).unwrap();
    for step in last_good + 1..=last_good + 16 {
        timeline.record(step, &m, &[], &[]);
    }
    assert_eq!(timeline.steps().last(), Some(last_good / 16 * 16 + 16));
    assert_eq!(timeline.at(last_good / 16 * 16 + 16).unwrap().model.means()[0], 7.0);
}
