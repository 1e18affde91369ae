//! Comparing a fit with the ground truth despite label switching.
//!
//! A mixture's components have no order: permuting them gives the same density. So "the error of mean 1"
//! only makes sense after pairing each fitted component with a true one. We pair them by the assignment
//! that minimises the total squared difference of the **means**, found by the Hungarian algorithm (exact,
//! `O(K^3)`, and it also pairs mixtures with different K). That total, divided by the number of pairs, is
//! exactly what the side question reports ([`Matching::mean_mse`]), and the fit's own order is one of the
//! candidates, so the matched MSE is never above the naive one ([`naive_mean_mse`]). The weights and sigmas
//! play no part in the pairing; their errors are reported for the pairs the means chose.

use crate::model::mixture::Mixture;

/// The best pairing of fitted with true components, and the errors after pairing.
#[derive(Debug, Clone, PartialEq)]
pub struct Matching {
    /// `fitted_for_truth[t]` is the fitted component paired with true component `t`, or `None` when the
    /// fit has fewer components than the truth.
    pub fitted_for_truth: Vec<Option<usize>>,
    /// Mean absolute error of the weights over the matched pairs.
    pub weight_mae: f64,
    /// Mean absolute error of the means over the matched pairs.
    pub mean_mae: f64,
    /// Mean absolute error of the standard deviations over the matched pairs.
    pub sigma_mae: f64,
    /// Mean squared error of the means over the matched pairs: the quantity the pairing minimises.
    pub mean_mse: f64,
}

/// Largest cost the assignment sees: a NaN or infinite cost would stall the Hungarian algorithm. Above
/// every entry [`match_components`] builds (at most `2^1002`, about 4e301) and far below `f64::MAX`, so
/// the algorithm's potentials (sums of a few costs) stay finite.
pub const MAX_COST: f64 = 1e302;

/// The cost matrix `cost[t][f] = ((mu_t - mu_f) / s)^2` of true component `t` against fitted component `f`.
///
/// `s` is 1 unless some |mean| exceeds `2^500` (about 3e150, as a runaway fit's can), and then the power of
/// two that brings the largest back to `2^500`: squared differences of such means would overflow to
/// infinity and all look alike. Dividing by a power of two is exact, so the entries are the squared
/// differences times one constant and the same assignment minimises both (up to rounding: beside means of
/// 1e200, differences below about 1e-104 underflow to 0).
fn mean_costs(fit: &[f64], truth: &[f64]) -> Vec<Vec<f64>> {
    let largest = fit.iter().chain(truth).fold(0.0f64, |a, m| a.max(m.abs()));
    let exponent = largest.log2().ceil() as i32;
    let scale = if exponent > 500 { 2f64.powi(exponent - 500) } else { 1.0 };
    truth
        .iter()
        .map(|t| fit.iter().map(|f| (t / scale - f / scale).powi(2)).collect())
        .collect()
}

/// Pairs the components of `fit` with those of `truth` by the assignment of least total squared
/// difference of the means, and reports the matched errors.
///
/// # Formula
/// Over one-to-one pairings `pi` of `n = min(K_fit, K_true)` components,
/// `pi* = argmin sum (mu_t - mu_pi(t))^2` and `mean_mse = (1/n) sum (mu_t - mu_pi*(t))^2`.
/// Ties (equal means) are broken by the algorithm, not by the weights or sigmas.
pub fn match_components(fit: &Mixture, truth: &Mixture) -> Matching {
    let (fw, fm, fs) = (fit.weights(), fit.means(), fit.sigmas());
    let (tw, tm, ts) = (truth.weights(), truth.means(), truth.sigmas());
    let cost = mean_costs(fm, tm);
    let fitted_for_truth = if truth.k() <= fit.k() {
        hungarian(&cost).into_iter().map(Some).collect()
    } else {
        // Fewer fitted than true components: solve the transposed problem, then invert it.
        let transposed: Vec<Vec<f64>> = (0..fit.k())
            .map(|f| (0..truth.k()).map(|t| cost[t][f]).collect())
            .collect();
        let mut out = vec![None; truth.k()];
        for (f, t) in hungarian(&transposed).into_iter().enumerate() {
            out[t] = Some(f);
        }
        out
    };
    let pairs: Vec<(usize, usize)> = fitted_for_truth
        .iter()
        .enumerate()
        .filter_map(|(t, f)| f.map(|f| (t, f)))
        .collect();
    let n = pairs.len() as f64;
    let mean_of = |g: &dyn Fn(usize, usize) -> f64| pairs.iter().map(|&(t, f)| g(t, f)).sum::<f64>() / n;
    Matching {
        weight_mae: mean_of(&|t, f| (tw[t] - fw[f]).abs()),
        mean_mae: mean_of(&|t, f| (tm[t] - fm[f]).abs()),
        sigma_mae: mean_of(&|t, f| (ts[t] - fs[f]).abs()),
        mean_mse: mean_of(&|t, f| (tm[t] - fm[f]).powi(2)),
        fitted_for_truth,
    }
}

/// Mean squared error of the means in the order the fit happens to list them (component k against true
/// component k, over the first `min(K_fit, K_true)`): what a naive comparison computes.
pub fn naive_mean_mse(fit: &Mixture, truth: &Mixture) -> f64 {
    let n = fit.k().min(truth.k());
    fit.means()
        .iter()
        .zip(truth.means())
        .take(n)
        .map(|(a, b)| (a - b).powi(2))
        .sum::<f64>()
        / n as f64
}

/// Minimum-cost assignment for an `n x m` cost matrix with `n <= m`: returns, for each row, its column.
///
/// The shortest-augmenting-path Hungarian algorithm with potentials (Kuhn-Munkres), `O(n^2 m)`.
/// Costs must be finite; larger than [`MAX_COST`] or NaN counts as [`MAX_COST`].
pub fn hungarian(cost: &[Vec<f64>]) -> Vec<usize> {
    let clamp = |c: f64| {
        if c.is_nan() {
            MAX_COST
        } else {
            c.clamp(-MAX_COST, MAX_COST)
        }
    };
    let n = cost.len();
    if n == 0 {
        return Vec::new();
    }
    let m = cost[0].len();
    assert!(n <= m, "hungarian needs rows <= columns");
    // 1-based arrays; column 0 is a virtual start.
    let (mut u, mut v) = (vec![0.0; n + 1], vec![0.0; m + 1]);
    let mut row_of_col = vec![0usize; m + 1];
    let mut way = vec![0usize; m + 1];
    for i in 1..=n {
        row_of_col[0] = i;
        let mut j0 = 0;
        let mut min_to = vec![f64::INFINITY; m + 1];
        let mut used = vec![false; m + 1];
        loop {
            used[j0] = true;
            let i0 = row_of_col[j0];
            let (mut delta, mut j1) = (f64::INFINITY, 0);
            for j in 1..=m {
                if !used[j] {
                    let reduced = clamp(cost[i0 - 1][j - 1]) - u[i0] - v[j];
                    if reduced < min_to[j] {
                        min_to[j] = reduced;
                        way[j] = j0;
                    }
                    if min_to[j] < delta {
                        delta = min_to[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=m {
                if used[j] {
                    u[row_of_col[j]] += delta;
                    v[j] -= delta;
                } else {
                    min_to[j] -= delta;
                }
            }
            j0 = j1;
            if row_of_col[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            row_of_col[j0] = row_of_col[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut col_of_row = vec![0; n];
    for j in 1..=m {
        if row_of_col[j] > 0 {
            col_of_row[row_of_col[j] - 1] = j - 1;
        }
    }
    col_of_row
}
