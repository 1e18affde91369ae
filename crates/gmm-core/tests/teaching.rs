//! The teaching views' numbers: naive likelihood vs log-sum-exp, a component's report, EM step-through,
//! trajectories, the loss landscape and the restarts experiment.

mod common;
use common::{mixture, EM_MONOTONE_REL_TOL, ROUNDING_TOL};
use gmm_core::data::histogram::Histogram;
use gmm_core::teach::inspect::{component_report, naive_vs_lse, InspectError};
use gmm_core::teach::landscape::{auto_range, landscape, LandscapeError, LandscapeJob, MAX_POINTS};
use gmm_core::teach::restarts::{ReplayOptions, Restarts, RestartsError, MAX_RESTARTS};
use gmm_core::teach::stepthrough::e_step;
use gmm_core::teach::trajectory::{ParamKind, ParamRef, TrajectoryRecorder};
use gmm_core::{
    em_step, initialise, mean_nll_and_gradient, sample, DataSource, EmFit, FitConfig, FitSession, GradientScratch,
    InitStrategy, Mixture, CLASSIC, DEFAULT_VARIANCE_FLOOR,
};

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs()).max(1e-300)
}

fn classic_data(n: usize) -> Vec<f64> {
    sample(&CLASSIC.truth(), n, CLASSIC.data_seed)
}

fn near_zero_start(data: &[f64], seed: u64) -> Mixture {
    initialise(
        InitStrategy::NearZero,
        CLASSIC.k,
        data,
        seed,
        DEFAULT_VARIANCE_FLOOR.sqrt(),
    )
    .unwrap()
}

// ---- naive likelihood vs log-sum-exp ----

#[test]
fn near_zero_start_underflows_naively_but_not_in_log_space() {
    let data = classic_data(5000);
    let model = near_zero_start(&data, 1);
    let report = naive_vs_lse(&model, &data).unwrap();
    assert_eq!(report.points, 5000);
    assert!(report.naive_zero > 100, "{} points underflow", report.naive_zero);
    assert_eq!(report.naive_log_likelihood, f64::NEG_INFINITY);
    assert!(report.lse_log_likelihood.is_finite());
    assert!(rel(report.lse_log_likelihood, model.log_likelihood(&data)) < ROUNDING_TOL);
    let worst = report.worst.unwrap();
    assert_eq!(worst.naive_density, 0.0, "the worst point underflows");
    assert!(rel(worst.lse_log_density, model.log_pdf(worst.x)) < ROUNDING_TOL);
    // By hand: a density below e^-746 is under half the smallest double (e^-744.4) and must round to
    // 0; one above e^-700 is a normal double and must not.
    let below = |t: f64| data.iter().filter(|&&x| model.log_pdf(x) < t).count();
    assert!(below(-746.0) <= report.naive_zero && report.naive_zero <= below(-700.0));
}

#[test]
fn at_the_truth_both_ways_agree() {
    let data = classic_data(3000);
    let report = naive_vs_lse(&CLASSIC.truth(), &data).unwrap();
    assert_eq!(report.naive_zero, 0);
    assert!(rel(report.naive_log_likelihood, report.lse_log_likelihood) < 1e-12);
}

#[test]
fn the_smallest_sigma_allowed_keeps_the_naive_density_finite() {
    // The lowest log-sigma allowed (sigma about 1e-150): the peak density 1 / (sigma sqrt(2 pi)), about
    // 1e149, is a finite double, so the naive sum cannot overflow; a point 40 sigmas out underflows.
    let s = *gmm_core::model::mixture::LOG_SIGMA_RANGE.start();
    let sigma = s.exp();
    let model = Mixture::new(&[0.0, 0.0], &[0.0, 5.0], &[s, 0.0]).unwrap();
    let report = naive_vs_lse(&model, &[0.0, 5.0, 5.0 + 40.0 * sigma]).unwrap();
    assert_eq!(report.naive_zero, 0);
    assert!(report.naive_log_likelihood.is_finite());
    assert!(rel(report.naive_log_likelihood, report.lse_log_likelihood) < 1e-12);
    let far = naive_vs_lse(&model, &[-40.0]).unwrap();
    assert_eq!(far.naive_zero, 1);
    assert_eq!(far.naive_log_likelihood, f64::NEG_INFINITY);
    assert!(far.lse_log_likelihood.is_finite());
    assert_eq!(naive_vs_lse(&model, &[]), Err(InspectError::EmptyData));
}

// ---- one component's report ----

#[test]
fn component_report_matches_the_gradient_and_the_m_step() {
    let data = classic_data(4000);
    for model in [
        near_zero_start(&data, 3),
        mixture(&[0.2, 0.3, 0.5], &[-2.0, 0.5, 3.0], &[0.7, 1.1, 0.4]),
    ] {
        let k = model.k();
        let mut grad = vec![0.0; 3 * k];
        mean_nll_and_gradient(&model, &data, &mut grad, &mut GradientScratch::default());
        let (next, _) = em_step(&model, &data, DEFAULT_VARIANCE_FLOOR).unwrap();
        let resp = model.responsibilities(&data);
        for j in 0..k {
            let c = component_report(&model, &data, j).unwrap();
            assert_eq!(
                (c.weight, c.mean, c.sigma),
                (model.weights()[j], model.means()[j], model.sigmas()[j])
            );
            for (got, want, what) in [
                (c.grad_logit, grad[j], "logit"),
                (c.grad_mean, grad[k + j], "mean"),
                (c.grad_log_sigma, grad[2 * k + j], "log sigma"),
            ] {
                assert!(
                    (got - want).abs() <= 1e-12 * want.abs().max(1e-6),
                    "{what} {j}: {got} vs {want}"
                );
            }
            let n_k: f64 = resp.chunks(k).map(|r| r[j]).sum();
            assert!(rel(c.n_k, n_k) < 1e-12, "N_k");
            assert!(rel(c.n_k / data.len() as f64, next.weights()[j]) < 1e-12, "weight {j}");
            assert!(rel(c.weighted_mean.unwrap(), next.means()[j]) < 1e-12, "mean {j}");
            let sigma = c.weighted_variance.unwrap().max(DEFAULT_VARIANCE_FLOOR).sqrt();
            assert!(rel(sigma, next.sigmas()[j]) < 1e-12, "sigma {j}");
        }
    }
}

#[test]
fn component_report_refuses_a_missing_component() {
    let err = component_report(&CLASSIC.truth(), &[1.0], 5).unwrap_err();
    assert_eq!(err, InspectError::ComponentOutOfRange { component: 5, k: 5 });
    assert!(err.to_string().contains("numbered 0 to 4"));
}

// ---- EM step-through ----

#[test]
fn e_then_m_is_one_em_iteration() {
    let data = classic_data(5000);
    let hist = Histogram::new(&data, Histogram::default_bins(data.len()));
    let starts = [
        near_zero_start(&data, 1),
        near_zero_start(&data, 7),
        initialise(InitStrategy::KMeansPlusPlus, 5, &data, 2, 1e-3).unwrap(),
        // A component on one outlier far out: its variance is floored.
        mixture(&[0.5, 0.5], &[0.0, 40.0], &[2.0, 0.01]),
    ];
    for (i, start) in starts.into_iter().enumerate() {
        let data: Vec<f64> = if i == 3 {
            data.iter().copied().chain([40.0]).collect()
        } else {
            data.clone()
        };
        let hist = if i == 3 {
            Histogram::new(&data, 60)
        } else {
            hist.clone()
        };
        let mut em = EmFit::new(start.clone(), DEFAULT_VARIANCE_FLOOR);
        let mut model = start;
        for step in 0..25 {
            let e = e_step(&model, &data, &hist).unwrap();
            let m = e.m_step(DEFAULT_VARIANCE_FLOOR).unwrap();
            let (want, loss) = em_step(&model, &data, DEFAULT_VARIANCE_FLOOR).unwrap();
            em.step(&data).unwrap();
            assert!(rel(-e.log_likelihood / data.len() as f64, loss) < ROUNDING_TOL);
            for (a, b) in m.after.flat().iter().zip(want.flat()) {
                assert!(
                    rel(*a, *b) <= 1e-12 || (a - b).abs() < 1e-15,
                    "start {i} step {step}: {a} vs {b}"
                );
            }
            // EmFit sums in blocks (crates/gmm-core/src/likelihood/pass.rs), the step-through point by point: equal up to
            // rounding, not bit for bit.
            for (a, b) in m.after.flat().iter().zip(em.model().flat()) {
                assert!(
                    rel(*a, *b) <= 1e-12 || (a - b).abs() < 1e-15,
                    "start {i} step {step}: {a} vs EmFit {b}"
                );
            }
            assert_eq!(m.floored, em.floored());
            let (before, after) = (e.log_likelihood, m.after.log_likelihood(&data));
            assert!(
                after >= before - EM_MONOTONE_REL_TOL * before.abs(),
                "log-likelihood fell: {before} -> {after}"
            );
            model = m.after;
        }
        if i == 3 {
            assert!(em.floored()[1], "the outlier's component is held at the floor");
        }
    }
}

#[test]
fn e_step_shares_per_bin_sum_to_one_and_add_up_to_n_k() {
    let data = classic_data(3000);
    let hist = Histogram::new(&data, 40);
    let model = near_zero_start(&data, 2);
    let e = e_step(&model, &data, &hist).unwrap();
    let k = model.k();
    assert_eq!(e.shares.len(), k * 40);
    assert_eq!(e.counts.iter().sum::<usize>(), data.len());
    for b in 0..40 {
        let total: f64 = (0..k).map(|j| e.share(j, b)).sum();
        if e.counts[b] > 0 {
            assert!((total - 1.0).abs() < 1e-12, "bin {b}: shares sum to {total}");
        } else {
            assert_eq!(total, 0.0);
        }
    }
    // sum_i r_ik = sum_b share_kb * count_b, because each point's responsibilities sum to 1.
    for j in 0..k {
        let from_bins: f64 = (0..40).map(|b| e.share(j, b) * e.counts[b] as f64).sum();
        assert!(
            (from_bins - e.n_k[j]).abs() <= 1e-9 * data.len() as f64,
            "component {j}"
        );
    }
}

#[test]
fn the_m_step_can_be_animated_between_its_ends() {
    let data = classic_data(2000);
    let hist = Histogram::new(&data, 30);
    let m = e_step(&near_zero_start(&data, 5), &data, &hist)
        .unwrap()
        .m_step(1e-6)
        .unwrap();
    let start = m.tween(0.0);
    for (a, b) in [
        (start.weights(), m.before.weights()),
        (start.sigmas(), m.before.sigmas()),
    ] {
        assert!(a.iter().zip(&b).all(|(a, b)| rel(*a, *b) < 1e-12), "{a:?} vs {b:?}");
    }
    assert_eq!(start.means(), m.before.means());
    let (end, half) = (m.tween(1.0), m.tween(0.5));
    assert!(rel(end.means()[0], m.after.means()[0]) < 1e-12);
    let mid = (m.before.means()[0] + m.after.means()[0]) / 2.0;
    assert!(rel(half.means()[0], mid) < 1e-12);
}

// ---- trajectories ----

fn model_at(step: usize) -> Mixture {
    let t = step as f64;
    mixture(&[0.3, 0.7], &[-1.0 + 1e-3 * t, 2.0], &[1.0, 0.5 + 1e-4 * t])
}

#[test]
fn trajectory_memory_is_bounded_and_evenly_spaced() {
    let mut rec = TrajectoryRecorder::new(64);
    for step in 0..10_000 {
        rec.record(step, &model_at(step));
    }
    let records: Vec<_> = rec.records().collect();
    assert!(records.len() <= 65, "{} records", records.len());
    assert!(records.len() >= 32, "halving keeps at least half: {}", records.len());
    assert_eq!(rec.stride(), 256, "smallest power of two >= 10000 / 64 with room");
    assert_eq!(records[0].0, 0);
    assert_eq!(records.last().unwrap().0, 9999, "the latest step is kept");
    let held: Vec<usize> = records.iter().map(|r| r.0).filter(|s| s % 256 == 0).collect();
    assert!(held.windows(2).all(|w| w[1] - w[0] == 256));
    for (step, p) in records {
        let m = model_at(step);
        assert_eq!(p[2], m.means()[0], "step {step}");
        assert!(rel(p[0].exp(), m.weights()[0]) < 1e-12);
    }
    // Recorded every 5th step (several steps per frame): still bounded.
    let mut coarse = TrajectoryRecorder::new(50);
    for step in (0..20_000).step_by(5) {
        coarse.record(step, &model_at(step));
    }
    assert!(coarse.records().count() <= 51);
    // A reset session starts a new trajectory.
    rec.record(0, &model_at(0));
    assert_eq!(rec.records().count(), 1);
}

#[test]
fn matched_series_follow_the_true_components() {
    let truth = CLASSIC.truth();
    let order = [3, 0, 4, 1, 2];
    let mut rec = TrajectoryRecorder::default();
    for step in 0..5 {
        rec.record(step, &truth.permuted(&order));
    }
    let series = rec.matched(Some(&truth));
    assert_eq!(series.steps, vec![0, 1, 2, 3, 4]);
    for (t, c) in series.components.iter().enumerate() {
        assert_eq!(c.truth, Some(t));
        assert_eq!(
            order[c.fitted], t,
            "fitted component {} is true component {t}",
            c.fitted
        );
        assert!(c.means.iter().all(|m| *m == truth.means()[t]));
    }
    // Relabelling the recorder with the session keeps the lines with their true components.
    rec.permute_components(&[1, 0, 2, 3, 4]);
    let again = rec.matched(Some(&truth));
    assert_eq!(again.components[0].means, series.components[0].means);
    // More fitted than true components: the extra one is unmatched and listed last.
    let mut wide = TrajectoryRecorder::default();
    wide.record(0, &mixture(&[0.4, 0.2, 0.4], &[0.0, 9.0, 3.0], &[1.0, 1.0, 1.0]));
    let two = mixture(&[0.5, 0.5], &[0.0, 3.0], &[1.0, 1.0]);
    let m = wide.matched(Some(&two));
    let truths: Vec<_> = m.components.iter().map(|c| (c.fitted, c.truth)).collect();
    assert_eq!(truths, vec![(0, Some(0)), (2, Some(1)), (1, None)]);
    let mean_axis = ParamRef::new(ParamKind::Mean, 1);
    assert_eq!(wide.param_series(mean_axis), vec![(0, 9.0)]);
}

// ---- loss landscape ----

#[test]
fn landscape_cells_equal_the_mean_nll_with_those_parameters() {
    let data = classic_data(1500);
    let model = initialise(InitStrategy::FromData, 5, &data, 4, 1e-3).unwrap();
    let k = model.k();
    let pairs = [
        (ParamRef::new(ParamKind::Mean, 0), ParamRef::new(ParamKind::Mean, 3)),
        (ParamRef::new(ParamKind::Mean, 2), ParamRef::new(ParamKind::LogSigma, 2)),
        (
            ParamRef::new(ParamKind::LogWeight, 1),
            ParamRef::new(ParamKind::LogSigma, 4),
        ),
    ];
    for (px, py) in pairs {
        let (xr, yr) = (auto_range(px, &model, &[], 2.0), auto_range(py, &model, &[], 2.0));
        let l = landscape(&model, &data, (px, xr), (py, yr), 7).unwrap();
        assert_eq!(l.values.len(), 49);
        assert!(!l.subsampled());
        for (ix, iy) in [(0, 0), (3, 5), (6, 6), (2, 1)] {
            let mut p = model.flat().to_vec();
            // Log-weight axes set ln w_j with the others' log-weights fixed; logits differ by a constant.
            let lse = gmm_core::math::log_sum_exp(model.logits());
            p[..k].iter_mut().for_each(|a| *a -= lse);
            p[px.flat_index(k)] = l.x_at(ix);
            p[py.flat_index(k)] = l.y_at(iy);
            let want = Mixture::from_flat(&p).unwrap().mean_nll(&data).unwrap();
            let got = l.values[iy * 7 + ix];
            assert!(
                rel(got, want) < 1e-10,
                "{} x {} at ({ix}, {iy}): {got} vs {want}",
                px.name(),
                py.name()
            );
        }
    }
}

#[test]
fn landscape_ranges_cover_the_trajectories_and_large_data_is_subsampled() {
    let model = CLASSIC.truth();
    let px = ParamRef::new(ParamKind::Mean, 0);
    let trajectory = [-7.0, 0.0, 4.0];
    let (lo, hi) = auto_range(px, &model, &[&trajectory], 1.0);
    assert!(
        lo < -7.0 && hi > 4.0 && lo > -7.0 - 0.2 * 11.0 && hi < 4.0 + 0.2 * 11.0,
        "{lo}..{hi}"
    );
    let data = sample(&model, 50_000, 3);
    let py = ParamRef::new(ParamKind::Mean, 1);
    let l = landscape(&model, &data, (px, (-1.0, 1.0)), (py, (-1.0, 1.0)), 3).unwrap();
    assert!(l.subsampled() && l.points_used <= MAX_POINTS && l.points_used == 16_667);
    let sub: Vec<f64> = data.iter().copied().step_by(3).collect();
    let mut p = model.flat().to_vec();
    let k = model.k();
    let lse = gmm_core::math::log_sum_exp(model.logits());
    p[..k].iter_mut().for_each(|a| *a -= lse);
    p[k] = -1.0;
    p[k + 1] = 1.0;
    assert!(rel(l.values[2 * 3], Mixture::from_flat(&p).unwrap().mean_nll(&sub).unwrap()) < 1e-10);
}

#[test]
fn landscape_refuses_bad_requests() {
    let model = CLASSIC.truth();
    let m0 = ParamRef::new(ParamKind::Mean, 0);
    let m9 = ParamRef::new(ParamKind::Mean, 9);
    let r = (0.0, 1.0);
    assert_eq!(
        landscape(&model, &[1.0], (m0, r), (m0, r), 10),
        Err(LandscapeError::SameParameter)
    );
    assert_eq!(
        landscape(&model, &[1.0], (m0, r), (m9, r), 10).unwrap_err().to_string(),
        "parameter μ10 does not exist: the mixture has K = 5 components"
    );
    assert_eq!(
        landscape(&model, &[1.0], (m0, r), (m9, r), 1),
        Err(LandscapeError::GridSize(1))
    );
    assert_eq!(
        landscape(&model, &[], (m0, r), (m9, r), 5),
        Err(LandscapeError::EmptyData)
    );
    assert_eq!(ParamRef::from_flat(7, 5), Some(ParamRef::new(ParamKind::Mean, 2)));
    assert_eq!(ParamRef::from_flat(15, 5), None);
}

// ---- restarts ----

fn small_config() -> FitConfig {
    FitConfig {
        data: DataSource::Sample {
            truth: CLASSIC.truth(),
            n: 600,
            seed: 11,
        },
        max_steps: 150,
        tolerance: 1e-7,
        ..FitConfig::default()
    }
}

#[test]
fn every_restart_replays_as_a_normal_session() {
    for init in InitStrategy::ALL {
        let mut exp = Restarts::new(&small_config(), init, 100, 4).unwrap();
        let mut last = exp.progress().fraction;
        let mut frames = 0;
        while !exp.advance(37).unwrap().finished {
            let p = exp.progress();
            assert!(
                p.fraction >= last && p.fraction < 1.0,
                "progress {last} -> {}",
                p.fraction
            );
            last = p.fraction;
            frames += 1;
            assert!(frames < 100, "the experiment never finishes");
        }
        assert!(frames >= 2, "the work was spread over frames");
        assert_eq!(exp.outcomes().len(), 4);
        for (r, o) in exp.outcomes().iter().enumerate() {
            assert_eq!(
                (o.index, o.init_seed, exp.replay_options(r).unwrap()),
                (
                    r,
                    100 + r as u64,
                    ReplayOptions {
                        init,
                        init_seed: 100 + r as u64
                    }
                )
            );
            let mut s = FitSession::new(exp.replay_config(r).unwrap()).unwrap();
            assert_eq!(
                s.initial(),
                &initialise(init, 5, exp.data(), 100 + r as u64, 1e-3).unwrap()
            );
            s.advance(1_000_000);
            assert!(s.finished());
            assert_eq!(
                o.direct.final_loss,
                s.direct_track().current_loss(),
                "{} restart {r}",
                init.name()
            );
            assert_eq!(o.em.final_loss, s.em_track().current_loss());
            assert_eq!(
                (o.direct.status, o.em.status),
                (s.direct_track().status(), s.em_track().status())
            );
            assert_eq!(Some(o.em.stop_step), s.em_track().status().stopped_at());
        }
        assert_eq!(exp.truth_loss(), Some(CLASSIC.truth().mean_nll(exp.data()).unwrap()));
    }
}

#[test]
fn restarts_reject_bad_counts_and_seeds() {
    let c = small_config();
    assert_eq!(
        Restarts::new(&c, InitStrategy::NearZero, 0, 0).unwrap_err(),
        RestartsError::Count(0)
    );
    let err = Restarts::new(&c, InitStrategy::NearZero, 0, MAX_RESTARTS + 1).unwrap_err();
    assert!(err.to_string().contains("must be 1 to 50"), "{err}");
    assert!(matches!(
        Restarts::new(&c, InitStrategy::NearZero, u32::MAX as u64, 2),
        Err(RestartsError::Seed { .. })
    ));
    assert!(Restarts::new(&c, InitStrategy::NearZero, u32::MAX as u64, 1).is_ok());
    let exp = Restarts::new(&c, InitStrategy::NearZero, 0, 3).unwrap();
    assert_eq!(
        exp.replay_options(3),
        Err(RestartsError::NoSuchRestart { index: 3, restarts: 3 })
    );
    let bad = FitConfig { k: 0, ..c };
    assert!(Restarts::new(&bad, InitStrategy::NearZero, 0, 3)
        .unwrap_err()
        .to_string()
        .contains("k = 0"));
}

#[test]
fn landscape_job_in_slices_equals_the_whole_and_caps_the_points() {
    let data = classic_data(3000);
    let model = near_zero_start(&data, 2);
    let (a, b) = (
        ParamRef::new(ParamKind::Mean, 1),
        ParamRef::new(ParamKind::LogWeight, 3),
    );
    let (ra, rb) = ((-2.0, 2.0), (-4.0, 0.0));
    let whole = landscape(&model, &data, (a, ra), (b, rb), 9).unwrap();
    let mut job = LandscapeJob::new(&model, &data, (a, ra), (b, rb), 9, MAX_POINTS).unwrap();
    let mut calls = 0;
    while !job.advance(2) {
        calls += 1;
        assert_eq!(job.partial().values.len(), 9 * job.rows_done());
    }
    assert_eq!(calls, 4, "9 rows in slices of 2");
    assert_eq!(job.into_landscape(), whole);
    // Cell by cell (as a page does at large N, where one row is longer than a frame): the same grid, and a
    // row joins the landscape only when it is complete.
    let mut cells = LandscapeJob::new(&model, &data, (a, ra), (b, rb), 9, MAX_POINTS).unwrap();
    let mut done = 0;
    while !cells.advance_cells(4) {
        done += 4;
        assert_eq!(cells.cells_done(), done);
        assert_eq!(
            cells.partial().values.len(),
            9 * (done / 9),
            "only whole rows in the landscape"
        );
    }
    assert_eq!(cells.into_landscape(), whole);
    let small = LandscapeJob::new(&model, &data, (a, ra), (b, rb), 9, 1000).unwrap();
    assert_eq!((small.partial().points_used, small.partial().data_points), (1000, 3000));
}

// ---- the step-through's phases, the recording rule, the landscape's plan ----

#[test]
fn the_step_through_alternates_e_and_m_and_each_m_is_one_em_iteration() {
    use gmm_core::teach::stepthrough::{Phase, StepThrough};
    let data = classic_data(2000);
    let start = near_zero_start(&data, 5);
    let mut steps = StepThrough::new(
        start.clone(),
        data.clone(),
        Histogram::new(&data, 40),
        DEFAULT_VARIANCE_FLOOR,
    );
    let mut em = EmFit::new(start.clone(), DEFAULT_VARIANCE_FLOOR);
    assert_eq!(steps.phase().name(), "start");
    for iteration in 1..=4u32 {
        steps.half_step().unwrap();
        assert_eq!(steps.phase().name(), "e");
        assert_eq!(steps.iteration(), iteration - 1);
        // During the E-step the parameters shown are those before it, whatever t is.
        assert_eq!(&steps.shown(0.7), steps.model());
        let before = steps.model().clone();
        steps.half_step().unwrap();
        let Phase::M(m) = steps.phase() else {
            panic!("an M-step follows an E-step")
        };
        assert_eq!(m.before, before);
        assert_eq!(steps.iteration(), iteration);
        assert_eq!(steps.shown(0.0).means(), before.means());
        // The animation ends on the new parameters (its weights pass through softmax and back: rounding).
        let end = steps.shown(1.0);
        assert_eq!(end.means(), steps.model().means());
        for (a, b) in end.weights().iter().zip(steps.model().weights()) {
            assert!((a - b).abs() < ROUNDING_TOL, "{a} vs {b}");
        }
        em.step(&data).unwrap();
        for (a, b) in steps.model().flat().iter().zip(em.model().flat()) {
            assert!(
                (a - b).abs() <= ROUNDING_TOL * b.abs().max(1.0),
                "iteration {iteration}: {a} vs {b}"
            );
        }
    }
    let ll = steps.log_likelihoods();
    assert_eq!(ll.len(), 5);
    assert!(
        ll.windows(2).all(|w| w[1] >= w[0] - EM_MONOTONE_REL_TOL * w[0].abs()),
        "{ll:?}"
    );
}

#[test]
fn a_progress_report_records_only_new_steps_and_a_reset_starts_over() {
    let model = mixture(&[0.5, 0.5], &[-1.0, 1.0], &[1.0, 1.0]);
    let mut r = TrajectoryRecorder::new(100);
    r.record_progress(0, &model);
    r.record_progress(3, &model);
    r.record_progress(3, &model); // the same report again
    r.record_progress(2, &model); // an older report
    assert_eq!(r.last_step(), Some(3));
    let series = r.param_series(ParamRef::new(ParamKind::Mean, 0));
    assert_eq!(series.iter().map(|p| p.0).collect::<Vec<_>>(), vec![0, 3]);
    r.record_progress(0, &model); // a reset
    assert_eq!(r.param_series(ParamRef::new(ParamKind::Mean, 0)).len(), 1);
}

#[test]
fn a_landscape_plan_covers_both_paths_and_names_a_missing_parameter() {
    use gmm_core::teach::landscape::plan_landscape;
    let (session, direct, em) = common::recorded_session(2000, 200);
    let model = session.direct().model();
    let mut plan = plan_landscape(model, session.data(), [&direct, &em], (3, 6), 12).unwrap();
    assert_eq!(
        plan.direct_path.len(),
        direct.param_series(ParamRef::new(ParamKind::Mean, 0)).len()
    );
    assert_eq!(
        plan.em_path.len(),
        em.param_series(ParamRef::new(ParamKind::Mean, 0)).len()
    );
    plan.job.advance(12);
    let land = plan.job.into_landscape();
    for &(x, y) in plan.direct_path.iter().chain(&plan.em_path) {
        assert!(
            land.x_range.0 <= x && x <= land.x_range.1,
            "x {x} in {:?}",
            land.x_range
        );
        assert!(
            land.y_range.0 <= y && y <= land.y_range.1,
            "y {y} in {:?}",
            land.y_range
        );
    }
    let k = model.k();
    let e = plan_landscape(model, session.data(), [&direct, &em], (0, 3 * k), 12).unwrap_err();
    assert!(matches!(e, LandscapeError::NoSuchParameter { .. }), "{e:?}");
}

#[test]
fn a_restarts_experiment_is_estimated_before_it_runs_and_refused_past_the_limit() {
    use gmm_core::teach::restarts_estimate::{restarts_estimate, ASSUMED_NS_PER_POINT_COMPONENT, MAX_RESTARTS_SECONDS};
    // Measured: 12 restarts x 3000 steps x (80 + 90) µs = 6.12 s.
    let e = restarts_estimate(12, 3000, 5000, 5, [Some(80e-6), Some(90e-6)]);
    assert!((e.seconds - 6.12).abs() < 1e-9 && e.measured && !e.refused, "{e:?}");
    assert_eq!(
        e.sentence(12, 3000),
        "12 restarts of at most 3,000 steps of both methods take at most about 6.12 s, from this run's measured \
         cost per step."
    );
    // Not measured yet: the assumed cost, for both methods.
    let assumed = restarts_estimate(1, 1, 1000, 2, [None, Some(1.0)]);
    assert!(!assumed.measured);
    assert!((assumed.seconds - 2.0 * 1000.0 * 2.0 * ASSUMED_NS_PER_POINT_COMPONENT * 1e-9).abs() < 1e-15);
    // 50 restarts at N = 1e6: hours, refused, and the sentence says so and what to lower.
    let big = restarts_estimate(50, 3000, 1_000_000, 5, [Some(0.02), Some(0.02)]);
    assert!(big.refused && big.seconds > MAX_RESTARTS_SECONDS);
    let words = big.sentence(50, 3000);
    assert!(
        words.contains("at most about 1.67 h") && words.contains("Lower R, the step limit or N."),
        "{words}"
    );
}
