//! A session stepped elsewhere (a Web Worker) shown by a copy: progress lists carry it over exactly.

use gmm_core::run::progress::{apply_progress, progress};
use gmm_core::{run::presets::PRESETS, FitConfig, FitSession, Status};

fn classic() -> FitSession {
    FitSession::new(FitConfig::default()).unwrap()
}

fn assert_same_view(view: &FitSession, worker: &FitSession) {
    assert_eq!(view.direct_track(), worker.direct_track());
    assert_eq!(view.em_track(), worker.em_track());
    assert_eq!(view.direct().model(), worker.direct().model());
    assert_eq!(view.em().model(), worker.em().model());
    assert_eq!(view.direct().floored(), worker.direct().floored());
    assert_eq!(view.em().floored(), worker.em().floored());
    assert_eq!(view.em().emptied(), worker.em().emptied());
    assert_eq!(view.step(), worker.step());
    assert_eq!(view.finished(), worker.finished());
}

#[test]
fn incremental_progress_reproduces_the_worker_session() {
    let (mut worker, mut view) = (classic(), classic());
    let mut sent = (0, 0);
    // The worker's clock (a made-up one here): the times of its steps travel with the losses.
    let mut now = 0.0;
    let mut clock = move || {
        now += 1e-3;
        now
    };
    for chunk in [1, 7, 30, 200] {
        worker.advance_timed(chunk, &mut clock);
        // The last loss sent may be refined by the next step, so each message resends it.
        let list = progress(&worker, sent.0.max(1) - 1, sent.1.max(1) - 1);
        apply_progress(&mut view, &list).unwrap();
        sent = (worker.direct_track().losses().len(), worker.em_track().losses().len());
        assert_same_view(&view, &worker);
        assert!(
            view.direct_track().seconds().last().unwrap() > &0.0,
            "the times arrived"
        );
    }
    // Only the new losses travel: 30 + 1 resent, not the whole history.
    let before = progress(&worker, 237, 237).len();
    // Per method: 4 header numbers, 2 losses and their 2 times, 15 parameters, 2 x 5 flags; and K.
    assert!(
        before <= 1 + 2 * (4 + 2 + 2 + 15 + 10),
        "a progress list of {before} numbers for 1 new loss"
    );
}

#[test]
fn stopped_and_diverged_statuses_and_floored_components_carry_over() {
    for preset in PRESETS.iter().filter(|p| ["lr-too-large", "collapse"].contains(&p.id)) {
        let config = gmm_core::run::options::config_from_options(&[(
            "preset".into(),
            gmm_core::run::options::OptionValue::Text(preset.id.into()),
        )])
        .unwrap();
        let mut worker = FitSession::new(config.clone()).unwrap();
        let mut view = FitSession::new(config).unwrap();
        worker.advance(400);
        apply_progress(&mut view, &progress(&worker, 0, 0)).unwrap();
        assert_same_view(&view, &worker);
        let statuses = [view.direct_track().status(), view.em_track().status()];
        if preset.id == "lr-too-large" {
            assert!(matches!(statuses[0], Status::Diverged { .. }), "{statuses:?}");
        } else {
            assert!(view.em().floored().iter().any(|&f| f), "collapse floors a component");
        }
    }
}

#[test]
fn a_list_that_does_not_fit_is_refused_and_changes_nothing() {
    let mut worker = classic();
    worker.advance(5);
    let good = progress(&worker, 0, 0);
    let mut view = classic();
    let untouched = view.clone();
    let mut other_k = good.clone();
    other_k[0] = 4.0;
    let mut bad_status = good.clone();
    bad_status[1] = 9.0;
    let mut gap = good.clone();
    gap[3] = 3.0; // losses from step 3, but the view knows only step 0
    let mut nan_mean = good.clone();
    let len = nan_mean.len();
    nan_mean[len - 3 * 5 - 2 * 5 + 5] = f64::NAN;
    for (name, list) in [
        ("other K", other_k),
        ("status", bad_status),
        ("gap", gap),
        ("NaN mean", nan_mean),
        ("short", good[..good.len() - 1].to_vec()),
        ("long", [good.clone(), vec![0.0]].concat()),
        ("empty", vec![]),
    ] {
        assert!(apply_progress(&mut view, &list).is_err(), "{name} was accepted");
        assert_same_view(&view, &untouched);
    }
    apply_progress(&mut view, &good).unwrap();
    assert_same_view(&view, &worker);
}
