//! K chosen by the data: BIC, AIC and the held-out log-likelihood of fits of K = 1 to 10, and the K each
//! chooses on the classic truth (reported, not asserted: run with `--nocapture` to read it).

mod common;

use common::{mixture, ROUNDING_TOL};
use gmm_core::data::sample::sample;
use gmm_core::teach::k_selection::{
    aic, bic, free_parameters, k_selection_estimate, split, KChoice, KOutcome, KSelection, K_RANGE, STARTS_PER_K,
    TRAIN_SHARE,
};
use gmm_core::{CLASSIC, DEFAULT_VARIANCE_FLOOR};

fn run(data: Vec<f64>, truth_k: Option<usize>, budget: f64) -> KSelection {
    let mut ks = KSelection::new(data, truth_k, DEFAULT_VARIANCE_FLOOR, 1).unwrap();
    let mut fractions = vec![ks.progress().fraction];
    while !ks.advance(budget).finished {
        fractions.push(ks.progress().fraction);
    }
    assert!(
        fractions.windows(2).all(|w| w[0] <= w[1]),
        "progress never goes back: {fractions:?}"
    );
    assert_eq!(ks.progress().fraction, 1.0);
    ks
}

fn relative(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs()).max(1.0)
}

#[test]
fn bic_and_aic_are_minus_two_l_plus_the_penalty_with_3k_minus_1_parameters() {
    let truth = mixture(&[0.5, 0.5], &[-2.0, 2.0], &[0.5, 0.8]);
    let data = sample(&truth, 800, 3);
    let n = data.len();
    let ks = run(data.clone(), Some(2), 2e5);
    assert_eq!(ks.outcomes().len(), K_RANGE.count());
    for outcome in ks.outcomes() {
        let fit = outcome.fit().expect("800 distinct values fit every K");
        let k = fit.k;
        assert_eq!(fit.parameters, 3 * k - 1);
        assert_eq!(fit.model.k(), k);
        // l is the total log-likelihood of the reported mixture on the full data.
        let l = fit.model.log_likelihood(&data);
        assert!(relative(fit.log_likelihood, l) < ROUNDING_TOL, "K = {k}: l");
        let p = (3 * k - 1) as f64;
        let want_bic = -2.0 * l + p * (n as f64).ln();
        let want_aic = -2.0 * l + 2.0 * p;
        assert!(
            relative(fit.bic, want_bic) < ROUNDING_TOL,
            "K = {k}: BIC {} vs {want_bic}",
            fit.bic
        );
        assert!(
            relative(fit.aic, want_aic) < ROUNDING_TOL,
            "K = {k}: AIC {} vs {want_aic}",
            fit.aic
        );
        // The held-out score is a mean per point of a fit on the training share: finite, and below the
        // densest the data allow for such spreads (a sanity bound, not a tight one).
        let h = fit.held_out.expect("800 points have a split");
        assert!(h.is_finite() && h < 0.0, "K = {k}: held-out {h}");
        assert!((1..=STARTS_PER_K).contains(&fit.seed));
    }
    // More components never fit worse on the data they were fitted to by much (EM from several starts).
    let l: Vec<f64> = ks.outcomes().iter().map(|o| o.fit().unwrap().log_likelihood).collect();
    assert!(
        l[1] > l[0] + 100.0,
        "two well-separated bumps: K = 2 beats K = 1 clearly ({l:?})"
    );
    // On two well-separated bumps BIC picks 2.
    assert_eq!(ks.choice().bic, Some(2));
}

#[test]
fn the_formulas_alone() {
    assert_eq!(free_parameters(1), 2);
    assert_eq!(free_parameters(5), 14);
    assert!(relative(bic(-100.0, 2, 50), 200.0 + 5.0 * 50f64.ln()) < ROUNDING_TOL);
    assert!(relative(aic(-100.0, 2), 210.0) < ROUNDING_TOL);
}

#[test]
fn the_split_is_seeded_disjoint_and_about_eighty_percent() {
    let data: Vec<f64> = (0..1000).map(|i| i as f64).collect();
    let (train, test) = split(&data, 1).unwrap();
    assert_eq!(train.len(), (1000.0 * TRAIN_SHARE) as usize);
    assert_eq!(train.len() + test.len(), 1000);
    let mut all: Vec<f64> = train.iter().chain(&test).copied().collect();
    all.sort_by(f64::total_cmp);
    assert_eq!(all, data, "every point once");
    assert_eq!(
        split(&data, 1),
        Some((train.clone(), test.clone())),
        "same seed, same split"
    );
    assert_ne!(split(&data, 2).unwrap().0, train, "another seed, another split");
    // Too few points for a held-out share.
    assert_eq!(split(&[1.0, 2.0], 1), None);
}

#[test]
fn ks_beyond_the_distinct_values_are_skipped_with_the_reason_and_tiny_data_have_no_held_out() {
    // Three distinct values: K = 1..3 fit, K = 4..10 are skipped.
    let data = vec![0.0, 0.0, 1.0, 1.0, 5.0, 5.0, 5.0, 0.0, 1.0, 5.0];
    let ks = run(data, None, 1e3);
    let outcomes = ks.outcomes();
    assert_eq!(outcomes.len(), 10);
    for o in outcomes {
        match o {
            KOutcome::Fitted(f) => assert!(f.k <= 3, "K = {} fitted", f.k),
            KOutcome::Skipped { k, reason } => {
                assert!(*k > 3);
                assert!(reason.contains("only 3 distinct values"), "{reason}");
            }
        }
    }
    assert_eq!(outcomes.iter().filter(|o| o.fit().is_some()).count(), 3);
    let choice = ks.choice();
    assert_eq!(choice.truth, None);
    assert!(
        choice.sentence().ends_with("these data have no known truth."),
        "{}",
        choice.sentence()
    );

    // Two points: K = 1 and 2 fit, no split.
    let ks = run(vec![1.0, 3.0], None, 1e3);
    assert!(ks
        .outcomes()
        .iter()
        .filter_map(KOutcome::fit)
        .all(|f| f.held_out.is_none()));
    assert_eq!(ks.choice().held_out, None);
    assert!(ks
        .choice()
        .sentence()
        .contains("held-out log-likelihood none (the split is too small)"));
}

#[test]
fn the_choice_takes_the_lowest_criteria_and_highest_held_out_and_says_so() {
    let truth = mixture(&[0.3, 0.7], &[0.0, 4.0], &[1.0, 1.0]);
    let data = sample(&truth, 600, 9);
    let ks = run(data, Some(2), 5e4);
    let fits: Vec<_> = ks.outcomes().iter().filter_map(KOutcome::fit).collect();
    let choice = ks.choice();
    let argmin = |f: fn(&&gmm_core::teach::k_selection::KFit) -> f64| {
        fits.iter().min_by(|a, b| f(a).total_cmp(&f(b))).unwrap().k
    };
    assert_eq!(choice.bic, Some(argmin(|f| f.bic)));
    assert_eq!(choice.aic, Some(argmin(|f| f.aic)));
    assert_eq!(choice.held_out, Some(argmin(|f| -f.held_out.unwrap())));
    let s = choice.sentence();
    assert!(
        s.starts_with(&format!(
            "BIC chooses K = {}, AIC K = {}, the held-out log-likelihood K = {};",
            choice.bic.unwrap(),
            choice.aic.unwrap(),
            choice.held_out.unwrap()
        )),
        "{s}"
    );
    assert!(s.ends_with("the truth has 2 components."), "{s}");
    // The same data in other slices: the same fits, bit for bit.
    let again = run(sample(&truth, 600, 9), Some(2), 1.0);
    assert_eq!(again.outcomes(), ks.outcomes());
    // A hand-made set of outcomes: ties go to the smaller K.
    let tie = KChoice::of(&ks.outcomes()[..1], None);
    assert_eq!(tie.bic, Some(1));
}

#[test]
fn the_estimate_grows_with_n_and_refuses_a_million_points() {
    let small = k_selection_estimate(5000, None);
    assert!(!small.measured && !small.refused && small.seconds > 0.0);
    assert!(small
        .sentence(5000)
        .starts_with("Fitting K = 1 to 10 from 4 k-means++ starts each, on all 5,000 points"));
    assert!(small.sentence(5000).contains("at most about"));
    let big = k_selection_estimate(1_000_000, None);
    assert!(big.refused && big.seconds > 100.0 * small.seconds);
    assert!(
        big.sentence(1_000_000).ends_with("this page runs. Lower N."),
        "{}",
        big.sentence(1_000_000)
    );
    let measured = k_selection_estimate(5000, Some(2e-9));
    assert!(measured.measured && measured.seconds < small.seconds);
}

/// The K each score chooses on the classic truth at N = 5000 for data seeds 1 to 5. Printed, not asserted
/// (the issue: report it, whatever it is); only that every K was fitted and each choice is in range.
#[test]
fn chosen_k_on_the_classic_truth_at_n_5000_over_data_seeds_is_reported() {
    let truth = CLASSIC.truth();
    for seed in 1..=5 {
        let ks = run(sample(&truth, 5000, seed), Some(truth.k()), 5e6);
        assert!(ks.outcomes().iter().all(|o| o.fit().is_some()), "seed {seed}");
        let c = ks.choice();
        for k in [c.bic, c.aic, c.held_out] {
            assert!(k.is_some_and(|k| K_RANGE.contains(&k)), "seed {seed}: {c:?}");
        }
        println!("classic truth, N = 5000, data seed {seed}: {}", c.sentence());
        for f in ks.outcomes().iter().filter_map(KOutcome::fit) {
            println!(
                "  K = {:2}: l = {:.2}, BIC = {:.2}, AIC = {:.2}, held-out = {:.5} (start seed {})",
                f.k,
                f.log_likelihood,
                f.bic,
                f.aic,
                f.held_out.unwrap(),
                f.seed
            );
        }
    }
}
