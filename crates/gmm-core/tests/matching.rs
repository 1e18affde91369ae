//! Matching fitted components to the truth: exact against brute force, blind to label order.

mod common;
use common::{mixture, ROUNDING_TOL};
use gmm_core::model::matching::{hungarian, naive_mean_mse};
use gmm_core::rng::seeded_rng;
use gmm_core::{match_components, Mixture, CLASSIC};
use rand::RngExt;

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
    // A fit whose sigmas ran away to 1e200: squared differences overflow to infinity.
    let truth = CLASSIC.truth();
    let runaway = mixture(&[0.2; 5], &[1.0, -0.5, 1e150, 0.5, 3.0], &[0.5, 1e200, 0.2, 1e300, 0.5]);
    let m = match_components(&runaway, &truth);
    let mut seen: Vec<usize> = m.fitted_for_truth.iter().map(|f| f.unwrap()).collect();
    seen.sort();
    assert_eq!(seen, vec![0, 1, 2, 3, 4]);
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
