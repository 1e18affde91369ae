//! The hot loop of both methods: responsibilities of every data point and their per-component sums, in one
//! pass over the data, a block of points at a time.
//!
//! # Formula
//! With `log_norm_k = ln w_k - s_k - ln sqrt(2 pi)`, `inv_var_k = exp(-2 s_k)` and `d_ik = x_i - mu_k`:
//! `l_ik = ln(w_k N(x_i | k)) = log_norm_k - d_ik^2 inv_var_k / 2`, `m_i = max_k l_ik`,
//! `e_ik = exp(l_ik - m_i)`, `s_i = sum_k e_ik` (in `[1, K]`), `r_ik = e_ik / s_i`, `ln p(x_i) = m_i + ln s_i`.
//! The pass returns `sum_i ln p(x_i)` and, on request, `R_k = sum_i r_ik`, `A_k = sum_i r_ik d_ik` and
//! `B_k = sum_i r_ik d_ik^2` ([`ComponentSums`]; `d_ik` is taken around the mean unless
//! [`PosteriorPass::recentre`] names other centres): the gradient and the M-step need nothing else.
//!
//! # Speed and reproducibility
//! Each stage is a loop over the points of a block with the component fixed, free of branches, so the
//! compiler turns it into SIMD code (SSE2 natively, `simd128` in WebAssembly, where the exponential is
//! written with two vectors per iteration, [`crate::likelihood::wide`]). Each sum over points is
//! kept as [`LANES`] interleaved partial sums (lane `l` takes the points `i` with `i mod LANES = l`), added
//! up in a fixed order at the end, and the exponential is [`crate::math::exp_nonpositive`], plain IEEE
//! arithmetic: the order of every operation is fixed by this code, so the results are the same bits on
//! every platform. Nothing is allocated once the buffers have grown to K.

use crate::likelihood::joint::{half_inv_var, log_joint, NEGLIGIBLE_LOG_SHARE};
use crate::likelihood::sum::{Lanes, LogLikelihoodSum, FOLD_EVERY, LANES};
use crate::likelihood::sums::ComponentSums;
use crate::math::{exp, exp_nonpositive_with, log_sum_exp, ExpConstants, EXP_CONSTANTS, LN_SQRT_2PI};
use crate::model::mixture::Mixture;

/// Points per block: the block's `K x BLOCK` table of shares stays in the L1 cache, and a block is one
/// stretch of the log-likelihood's sum ([`FOLD_EVERY`]).
const BLOCK: usize = FOLD_EVERY;

/// The per-model constants and reusable buffers of the pass.
#[derive(Debug, Clone, Default)]
pub struct PosteriorPass {
    k: usize,
    means: Vec<f64>,
    /// The centres `c_k` the sums `A` and `B` are taken around: the means, unless [`PosteriorPass::recentre`]
    /// set others.
    centres: Vec<f64>,
    log_norm: Vec<f64>,
    inv_var: Vec<f64>,
    /// `min(inv_var_k, f64::MAX) / 2`: the factor the log-joints use (see [`half_inv_var`]).
    half_inv_var: Vec<f64>,
    weights: Vec<f64>,
    /// `K x BLOCK`: log-joints `l_ik`, then shares `e_ik`, of the current block.
    table: Vec<f64>,
    /// `[R | A | B]`, each of length K, from the last [`PosteriorPass::sums`].
    sums: Vec<f64>,
    /// The same sums, in [`LANES`] partial sums each.
    lanes: Vec<Lanes>,
}

impl PosteriorPass {
    /// Loads the constants of `model`; allocates only when K grows.
    pub fn load(&mut self, model: &Mixture) {
        let k = model.k();
        self.k = k;
        let lse = log_sum_exp(model.logits());
        self.log_norm.clear();
        self.inv_var.clear();
        self.half_inv_var.clear();
        self.weights.clear();
        for (&a, &s) in model.logits().iter().zip(model.log_sigmas()) {
            let log_weight = a - lse;
            self.log_norm.push(log_weight - s - LN_SQRT_2PI);
            let inv_var = exp(-2.0 * s);
            self.inv_var.push(inv_var);
            self.half_inv_var.push(half_inv_var(inv_var));
            self.weights.push(exp(log_weight));
        }
        self.means.clear();
        self.means.extend_from_slice(model.means());
        self.centres.clear();
        self.centres.extend_from_slice(model.means());
        self.table.resize(k * BLOCK, 0.0);
        self.sums.resize(3 * k, 0.0);
    }

    /// `exp(-2 s_k)` of the loaded model (length K).
    pub fn inv_var(&self) -> &[f64] {
        &self.inv_var
    }
    /// Mixing weights `softmax(a)` of the loaded model (length K).
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }
    /// Component `j`'s sums from the last call of [`PosteriorPass::sums`], with their centre.
    pub fn component_sums(&self, j: usize) -> ComponentSums {
        let k = self.k;
        ComponentSums {
            centre: self.centres[j],
            r: self.sums[j],
            a: self.sums[k + j],
            b: self.sums[2 * k + j],
        }
    }

    /// Takes the next sums `A` and `B` around `centres` (length K) instead of the loaded means; the
    /// responsibilities, and so `R` and the log-likelihood, stay those of the loaded model.
    pub fn recentre(&mut self, centres: &[f64]) {
        assert_eq!(centres.len(), self.k, "one centre per component");
        self.centres.copy_from_slice(centres);
    }

    /// `sum_i ln p(x_i)` of the loaded model; `-inf` if some point has zero density under every component.
    pub fn log_likelihood(&mut self, data: &[f64]) -> f64 {
        self.run(data, false)
    }

    /// As [`PosteriorPass::log_likelihood`], and also the sums `[R | A | B]`, read by
    /// [`PosteriorPass::component_sums`]. A point with zero density everywhere adds nothing to them.
    pub fn sums(&mut self, data: &[f64]) -> f64 {
        self.run(data, true)
    }

    // Never inlined: browsers compile a hot WebAssembly function with their optimising compiler in the
    // background and switch to it at the next call, so the pass must be its own function, called once per
    // step, rather than part of a caller that loops over thousands of steps without returning.
    #[inline(never)]
    fn run(&mut self, data: &[f64], sums: bool) -> f64 {
        let k = self.k;
        self.lanes.clear();
        self.lanes.resize(3 * k, [0.0; LANES]);
        let mut total = LogLikelihoodSum::new();
        let mut max = [0.0; BLOCK];
        let mut inv_sum = [0.0; BLOCK];
        for xs in data.chunks(BLOCK) {
            let (max, inv_sum) = (&mut max[..xs.len()], &mut inv_sum[..xs.len()]);
            max.fill(f64::NEG_INFINITY);
            for j in 0..k {
                let row = &mut self.table[j * BLOCK..][..xs.len()];
                log_joints(xs, self.means[j], self.log_norm[j], self.half_inv_var[j], row, max);
            }
            inv_sum.fill(0.0);
            for j in 0..k {
                shares(&mut self.table[j * BLOCK..][..xs.len()], max, inv_sum);
            }
            total.add_block(max, inv_sum);
            if sums {
                for j in 0..k {
                    let row = &self.table[j * BLOCK..][..xs.len()];
                    let acc = [self.lanes[j], self.lanes[k + j], self.lanes[2 * k + j]];
                    let [r, a, b] = accumulate(xs, inv_sum, row, self.centres[j], acc);
                    (self.lanes[j], self.lanes[k + j], self.lanes[2 * k + j]) = (r, a, b);
                }
            }
        }
        for (sum, lanes) in self.sums.iter_mut().zip(&self.lanes) {
            *sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
        }
        total.total()
    }
}

/// Adds `r_i = row_i inv_sum_i`, `r_i d_i` and `r_i d_i^2` (`d_i = x_i - centre`) to `acc`, lane by lane.
#[inline(always)]
fn accumulate(xs: &[f64], inv_sum: &[f64], row: &[f64], centre: f64, acc: [Lanes; 3]) -> [Lanes; 3] {
    let [mut r, mut a, mut b] = acc;
    let mut add = |l: usize, x: f64, inv: f64, share: f64| {
        let r_i = share * inv;
        let d = x - centre;
        let rd = r_i * d;
        r[l] += r_i;
        a[l] += rd;
        b[l] += rd * d;
    };
    let chunks = xs
        .chunks_exact(LANES)
        .zip(inv_sum.chunks_exact(LANES))
        .zip(row.chunks_exact(LANES));
    for ((x, inv), share) in chunks {
        for l in 0..LANES {
            add(l, x[l], inv[l], share[l]);
        }
    }
    let full = xs.len() / LANES * LANES;
    for (l, ((&x, &inv), &share)) in xs[full..].iter().zip(&inv_sum[full..]).zip(&row[full..]).enumerate() {
        add(l, x, inv, share);
    }
    [r, a, b]
}

/// `row_i = log_norm - (x_i - mean)^2 half_inv_var` ([`log_joint`], whose module explains the cap on
/// `half_inv_var`) and `max_i = max(max_i, row_i)`.
#[inline(always)]
fn log_joints(xs: &[f64], mean: f64, log_norm: f64, half_inv_var: f64, row: &mut [f64], max: &mut [f64]) {
    for ((&x, l), m) in xs.iter().zip(row.iter_mut()).zip(max.iter_mut()) {
        let v = log_joint(log_norm, half_inv_var, x - mean);
        *l = v;
        *m = if v > *m { v } else { *m };
    }
}

/// `row_i = exp(row_i - max_i)` ([`crate::math::exp_nonpositive`]; 0 below [`NEGLIGIBLE_LOG_SHARE`], and for
/// NaN) and `sum_i += row_i`.
#[inline(always)]
fn shares(row: &mut [f64], max: &[f64], sum: &mut [f64]) {
    #[cfg(target_arch = "wasm32")]
    let done = shares_wide(row, max, sum);
    #[cfg(not(target_arch = "wasm32"))]
    let done = 0;
    shares_one_by_one(&mut row[done..], &max[done..], &mut sum[done..], &EXP_CONSTANTS);
}

/// [`shares`], one value at a time (which the compiler turns into SIMD code natively).
#[inline(always)]
fn shares_one_by_one(row: &mut [f64], max: &[f64], sum: &mut [f64], constants: &ExpConstants) {
    for ((l, &m), s) in row.iter_mut().zip(max).zip(sum.iter_mut()) {
        let shifted = *l - m;
        let keep = shifted >= NEGLIGIBLE_LOG_SHARE;
        let e = exp_nonpositive_with(if keep { shifted } else { NEGLIGIBLE_LOG_SHARE }, constants);
        // A bit mask (all ones or all zeros) rather than a branch, so that the exponential stays SIMD code.
        let e = f64::from_bits(e.to_bits() & u64::from(keep).wrapping_neg());
        *l = e;
        *s += e;
    }
}

/// [`shares`] four values at a time in two `simd128` vectors ([`crate::likelihood::wide`]), the same
/// operations as [`shares_one_by_one`]; returns how many values it did (the rest go one by one).
#[cfg(target_arch = "wasm32")]
#[inline(always)]
fn shares_wide(row: &mut [f64], max: &[f64], sum: &mut [f64]) -> usize {
    use crate::likelihood::wide::Quad;
    use crate::math::ExpLanes;
    // Made opaque to the compiler, so that they are loaded once per row: V8 rebuilds every 128-bit
    // constant in every iteration (about 20 % slower in Chromium). The values, and so the results, are the
    // same.
    let constants = std::hint::black_box(EXP_CONSTANTS.splat::<Quad>());
    let floor = std::hint::black_box(Quad::splat(NEGLIGIBLE_LOG_SHARE));
    let n = Quad::LANES;
    let chunks = row
        .chunks_exact_mut(n)
        .zip(max.chunks_exact(n))
        .zip(sum.chunks_exact_mut(n));
    for ((l, m), s) in chunks {
        let (shifted, keep) = (Quad::load(l) - Quad::load(m)).at_least(floor);
        let e = exp_nonpositive_with(shifted, &constants).and(keep);
        e.store(l);
        (Quad::load(s) + e).store(s);
    }
    row.len() / n * n
}
