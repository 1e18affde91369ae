//! Matching fitted components to the truth: exact against brute force, blind to label order, and never
//! worse than the naive order on the quantity it reports (the MSE of the means).

mod common;
use common::{mixture, ROUNDING_TOL};
use gmm_core::model::matching::{hungarian, naive_mean_mse};
use gmm_core::rng::seeded_rng;
use gmm_core::{match_components, DataSource, FitConfig, FitSession, InitStrategy, Mixture, CLASSIC};
use rand::RngExt;

/// Every way to send `n` items to distinct slots among `m` (`n <= m`): `out[i]` is item i's slot.
fn injections(n: usize, m: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for head in injections(n - 1, m) {
        for j in (0..m).filter(|j| !head.contains(j)) {
            let mut q = head.clone();
            q.push(j);
            out.push(q);
        }
    }
    out
}

/// The least mean squared difference of the means over every one-to-one pairing, by brute force.
fn brute_force_mean_mse(fit: &Mixture, truth: &Mixture) -> f64 {
    let (fm, tm) = (fit.means(), truth.means());
    let (small, large) = if tm.len() <= fm.len() { (tm, fm) } else { (fm, tm) };
    injections(small.len(), large.len())
        .iter()
        .map(|p| {
            p.iter()
                .enumerate()
                .map(|(i, &j)| (small[i] - large[j]).powi(2))
                .sum::<f64>()
        })
        .fold(f64::INFINITY, f64::min)
        / small.len() as f64
}

/// The two claims the side question makes for one fit: the matched MSE is the least over all pairings
/// (so at most the naive one, which is one of them), and the pairing is one-to-one.
fn check_matching(fit: &Mixture, truth: &Mixture, context: &str) {
    let m = match_components(fit, truth);
    let naive = naive_mean_mse(fit, truth);
    let best = brute_force_mean_mse(fit, truth);
    let rounding = ROUNDING_TOL * best.max(naive).max(1.0);
    assert!(
        m.mean_mse <= naive + rounding,
        "{context}: matched {} > naive {naive}",
        m.mean_mse
    );
    assert!(
        (m.mean_mse - best).abs() <= rounding,
        "{context}: matched {} vs brute force {best}",
        m.mean_mse
    );
    let paired: Vec<usize> = m.fitted_for_truth.iter().flatten().copied().collect();
    assert_eq!(paired.len(), fit.k().min(truth.k()), "{context}: {m:?}");
    assert!(paired.iter().all(|&f| f < fit.k()), "{context}: {m:?}");
    let mut distinct = paired.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        paired.len(),
        "{context}: a fitted component used twice: {m:?}"
    );
}

#[test]
fn matched_mean_mse_is_the_brute_force_minimum_and_never_above_the_naive_one_for_real_fits() {
    // Both methods after a few, some and many steps, every init, K below, at and above the truth's 5.
    let truth = CLASSIC.truth();
    let mut checked = 0;
    for seed in 0..6u64 {
        for init in InitStrategy::ALL {
            for k in [2, 4, 5, 6, 7] {
                let config = FitConfig {
                    data: DataSource::Sample {
                        truth: truth.clone(),
                        n: 400,
                        seed: 100 + seed,
                    },
                    k,
                    init,
                    init_seed: seed,
                    ..FitConfig::default()
                };
                let mut s = FitSession::new(config).unwrap();
                for steps in [0, 5, 60, 300] {
                    s.advance(steps - s.direct_track().steps().min(steps));
                    let context = format!("seed {seed}, {}, K = {k}, step {steps}", init.name());
                    check_matching(s.direct().model(), &truth, &format!("gradient descent, {context}"));
                    check_matching(s.em().model(), &truth, &format!("EM, {context}"));
                    checked += 2;
                }
            }
        }
    }
    assert_eq!(checked, 6 * 3 * 5 * 4 * 2);
}

#[test]
fn matched_mean_mse_is_the_brute_force_minimum_and_never_above_the_naive_one_for_random_mixtures() {
    let mut rng = seeded_rng(7);
    for trial in 0..2000 {
        // Means from near-ties to the 1e150 a runaway fit can reach (their squares overflow).
        let spread = [1e-6, 1.0, 10.0, 1e6, 1e150][trial % 5];
        let mut random = |k: usize| {
            let means: Vec<f64> = (0..k).map(|_| spread * rng.random_range(-1.0..1.0)).collect();
            let weights: Vec<f64> = (0..k).map(|_| rng.random_range(0.05..1.0)).collect();
            let sigmas: Vec<f64> = (0..k).map(|_| rng.random_range(0.01..5.0)).collect();
            mixture(&weights, &means, &sigmas)
        };
        let (kt, kf) = (1 + trial % 6, 1 + (trial / 6) % 6);
        let (truth, fit) = (random(kt), random(kf));
        check_matching(
            &fit,
            &truth,
            &format!("trial {trial}, K_true {kt}, K_fit {kf}, spread {spread:e}"),
        );
    }
}

#[test]
fn the_pairing_follows_the_means_not_the_weights_or_sigmas() {
    // The contradiction in miniature: pairing by (w, mu, sigma) would cross these two (their sigmas
    // are swapped) and give a matched MSE of the means of 0.81 against a naive 0.01.
    let truth = mixture(&[0.5, 0.5], &[0.0, 1.0], &[1.0, 5.0]);
    let fit = mixture(&[0.5, 0.5], &[0.1, 0.9], &[5.0, 1.0]);
    let m = match_components(&fit, &truth);
    assert_eq!(m.fitted_for_truth, vec![Some(0), Some(1)]);
    assert!((m.mean_mse - naive_mean_mse(&fit, &truth)).abs() < ROUNDING_TOL);
    assert!((m.sigma_mae - 4.0).abs() < ROUNDING_TOL, "{m:?}");
}

fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n == 0 {
        return vec![vec![]];
    }
    let mut out = Vec::new();
    for p in permutations(n - 1) {
        for i in 0..=p.len() {
            let mut q = p.clone();
            q.insert(i, n - 1);
            out.push(q);
        }
    }
    out
}

#[test]
fn hungarian_finds_the_brute_force_optimum() {
    let mut rng = seeded_rng(1);
    for trial in 0..200 {
        let n = 1 + trial % 6;
        let cost: Vec<Vec<f64>> = (0..n)
            .map(|_| (0..n).map(|_| rng.random_range(0.0..10.0)).collect())
            .collect();
        let total = |p: &[usize]| p.iter().enumerate().map(|(i, &j)| cost[i][j]).sum::<f64>();
        let best = permutations(n).iter().map(|p| total(p)).fold(f64::INFINITY, f64::min);
        let found = hungarian(&cost);
        assert!(
            (total(&found) - best).abs() < ROUNDING_TOL,
            "trial {trial}: {} vs {best}",
            total(&found)
        );
    }
}

fn permuted(m: &Mixture, order: &[usize]) -> Mixture {
    let pick = |v: &[f64]| order.iter().map(|&i| v[i]).collect::<Vec<f64>>();
    Mixture::new(&pick(m.logits()), &pick(m.means()), &pick(m.log_sigmas())).unwrap()
}

#[test]
fn matched_errors_do_not_depend_on_label_order_but_naive_ones_do() {
    let truth = CLASSIC.truth();
    let fit = mixture(
        &[0.24, 0.26, 0.17, 0.16, 0.17],
        &[1.05, -0.45, -2.02, 0.5, 2.9],
        &[0.48, 1.1, 0.21, 0.1, 0.52],
    );
    let reference = match_components(&fit, &truth);
    assert!(reference.mean_mae < 0.05, "{reference:?}");
    let shuffled = permuted(&fit, &[3, 0, 4, 1, 2]);
    let m = match_components(&shuffled, &truth);
    assert!((m.mean_mse - reference.mean_mse).abs() < ROUNDING_TOL);
    assert!((m.weight_mae - reference.weight_mae).abs() < ROUNDING_TOL);
    assert!((m.sigma_mae - reference.sigma_mae).abs() < ROUNDING_TOL);
    // Same density, very different naive MSE: that is why naive comparison is meaningless.
    assert!((shuffled.log_pdf(0.3) - fit.log_pdf(0.3)).abs() < ROUNDING_TOL);
    assert!(naive_mean_mse(&shuffled, &truth) > 100.0 * naive_mean_mse(&fit, &truth));
    // The pairing itself points each true component at the shuffled index.
    assert_eq!(m.fitted_for_truth, vec![Some(1), Some(3), Some(4), Some(0), Some(2)]);
}

#[test]
fn matching_handles_different_numbers_of_components() {
    let truth = CLASSIC.truth();
    let fewer = mixture(&[0.5, 0.5], &[3.1, -0.4], &[0.5, 1.0]);
    let m = match_components(&fewer, &truth);
    assert_eq!(m.fitted_for_truth, vec![None, Some(1), None, None, Some(0)]);
    let more = mixture(
        &[0.2; 7],
        &[1.0, -0.5, -2.0, 0.5, 3.0, 10.0, -10.0],
        &[0.5, 1.0, 0.2, 0.1, 0.5, 1.0, 1.0],
    );
    let m = match_components(&more, &truth);
    assert_eq!(m.fitted_for_truth, (0..5).map(Some).collect::<Vec<_>>());
    assert!(m.mean_mae < ROUNDING_TOL);
}

#[test]
fn runaway_and_infinite_costs_still_give_an_assignment() {
    // A fit whose means ran away to 1e200: their squared differences overflow to infinity, yet every
    // true component gets a partner and the reported MSE says how bad it is.
    let truth = CLASSIC.truth();
    let runaway = mixture(
        &[0.2; 5],
        &[1.0, -0.5, 1e200, 0.5, -1e200],
        &[0.5, 1e200, 0.2, 1e300, 0.5],
    );
    let m = match_components(&runaway, &truth);
    let mut seen: Vec<usize> = m.fitted_for_truth.iter().map(|f| f.unwrap()).collect();
    seen.sort();
    assert_eq!(seen, vec![0, 1, 2, 3, 4]);
    assert_eq!(m.mean_mse, f64::INFINITY);
    // With room to spare (K = 7), the runaways are left out and the sensible means pair as they should,
    // though their costs and the runaways' differ by some 400 orders of magnitude.
    let more = mixture(
        &[0.1; 7],
        &[1e200, 1.0, -0.5, -2.0, -1e200, 0.5, 3.0],
        &[1.0, 0.5, 1.0, 0.2, 1.0, 0.1, 0.5],
    );
    let m = match_components(&more, &truth);
    assert_eq!(m.fitted_for_truth, vec![Some(1), Some(2), Some(3), Some(5), Some(6)]);
    assert!(m.mean_mse < ROUNDING_TOL, "{m:?}");
    let cost = vec![vec![f64::INFINITY, 1.0], vec![f64::NAN, f64::INFINITY]];
    assert_eq!(hungarian(&cost), vec![1, 0]);
}

#[test]
fn a_permutation_from_a_page_must_list_each_component_once_as_a_whole_number() {
    use gmm_core::model::mixture::{is_permutation, permutation_from};
    assert_eq!(permutation_from(&[2.0, 0.0, 1.0], 3), Some(vec![2, 0, 1]));
    for bad in [
        &[0.0, 0.0, 1.0][..],
        &[0.0, 1.0],
        &[0.0, 1.0, 2.0, 3.0],
        &[0.0, 1.5, 2.0],
        &[0.0, 1.0, 3.0],
        &[-0.0, 1.0, f64::NAN],
    ] {
        assert_eq!(permutation_from(bad, 3), None, "{bad:?}");
    }
    assert!(is_permutation(&[1, 0], 2) && !is_permutation(&[1, 1], 2) && !is_permutation(&[0], 2));
}
