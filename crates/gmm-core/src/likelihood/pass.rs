//! The hot loop of both methods: responsibilities of every data point and their per-component sums, in one
//! pass over the data, a block of points at a time.
//!
//! # Formula
//! With `log_norm_k = ln w_k - s_k - ln sqrt(2 pi)`, `inv_var_k = exp(-2 s_k)` and `d_ik = x_i - mu_k`:
//! `l_ik = ln(w_k N(x_i | k)) = log_norm_k - d_ik^2 inv_var_k / 2`, `m_i = max_k l_ik`,
//! `e_ik = exp(l_ik - m_i)`, `s_i = sum_k e_ik` (in `[1, K]`), `r_ik = e_ik / s_i`, `ln p(x_i) = m_i + ln s_i`.
//! The pass returns `sum_i ln p(x_i)` and, on request, `R_k = sum_i r_ik`, `A_k = sum_i r_ik d_ik` and
//! `B_k = sum_i r_ik d_ik^2`: the gradient and the M-step need nothing else.
//!
//! # Speed and reproducibility
//! Each stage is a loop over the points of a block with the component fixed, free of branches, so the
//! compiler turns it into SIMD code (SSE2 natively, `simd128` in WebAssembly). Each sum over points is
//! kept as [`LANES`] interleaved partial sums (lane `l` takes the points `i` with `i mod LANES = l`), added
//! up in a fixed order at the end, and the exponential is [`crate::math::exp_nonpositive`], plain IEEE
//! arithmetic: the order of every operation is fixed by this code, so the results are the same bits on
//! every platform. Nothing is allocated once the buffers have grown to K.

use crate::math::{exp, exp_nonpositive_with, ln, log_sum_exp, ExpConstants, EXP_CONSTANTS, LN_SQRT_2PI};
use crate::model::mixture::Mixture;

/// Points per block: the block's `K x BLOCK` table of shares stays in the L1 cache.
const BLOCK: usize = 256;

/// A component whose log-joint is this far below the largest one gets responsibility exactly 0: its share
/// cannot change any sum it joins (the largest share is 1), and leaving it out avoids subnormal numbers.
pub(crate) const NEGLIGIBLE_LOG_SHARE: f64 = -600.0;

/// The per-model constants and reusable buffers of the pass.
#[derive(Debug, Clone, Default)]
pub(crate) struct PosteriorPass {
    k: usize,
    means: Vec<f64>,
    log_norm: Vec<f64>,
    inv_var: Vec<f64>,
    /// `min(inv_var_k, f64::MAX) / 2`: the factor the log-joints use (see [`log_joints`]).
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
            self.half_inv_var.push(0.5 * inv_var.min(f64::MAX));
            self.weights.push(exp(log_weight));
        }
        self.means.clear();
        self.means.extend_from_slice(model.means());
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
    /// `[R | A | B]` (length 3K) from the last call of [`PosteriorPass::sums`].
    pub fn last_sums(&self) -> &[f64] {
        &self.sums
    }

    /// `sum_i ln p(x_i)` of the loaded model; `-inf` if some point has zero density under every component.
    pub fn log_likelihood(&mut self, data: &[f64]) -> f64 {
        self.run::<false>(data)
    }

    /// As [`PosteriorPass::log_likelihood`], and also the sums `[R | A | B]`, read by
    /// [`PosteriorPass::last_sums`]. A point with zero density everywhere adds nothing to them.
    pub fn sums(&mut self, data: &[f64]) -> f64 {
        self.run::<true>(data)
    }

    // Never inlined: browsers compile a hot WebAssembly function with their optimising compiler in the
    // background and switch to it at the next call, so the pass must be its own function, called once per
    // step, rather than part of a caller that loops over thousands of steps without returning.
    #[inline(never)]
    fn run<const SUMS: bool>(&mut self, data: &[f64]) -> f64 {
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
            // In WebAssembly the constants are made opaque to the compiler, so that they are loaded once per
            // block: V8 rebuilds every 128-bit constant in every iteration (about 20 % slower in Chromium).
            // Natively, constants in the instructions are faster. The values, and so the results, are the same.
            #[cfg(target_arch = "wasm32")]
            let constants = std::hint::black_box(EXP_CONSTANTS);
            #[cfg(not(target_arch = "wasm32"))]
            let constants = EXP_CONSTANTS;
            for j in 0..k {
                shares(&mut self.table[j * BLOCK..][..xs.len()], max, inv_sum, &constants);
            }
            total.add(max, inv_sum);
            if SUMS {
                for j in 0..k {
                    let row = &self.table[j * BLOCK..][..xs.len()];
                    let acc = [self.lanes[j], self.lanes[k + j], self.lanes[2 * k + j]];
                    let [r, a, b] = accumulate(xs, inv_sum, row, self.means[j], acc);
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

/// Per-lane partial sums: lane `l` sums the points `i` with `i mod LANES = l`, in data order.
type Lanes = [f64; LANES];

/// Independent partial sums per statistic; four of them make two SIMD registers and hide the latency of
/// the additions. The same split on every platform keeps the result the same bits everywhere.
const LANES: usize = 4;

/// Adds `r_i = row_i inv_sum_i`, `r_i d_i` and `r_i d_i^2` (`d_i = x_i - mean`) to `acc`, lane by lane.
#[inline(always)]
fn accumulate(xs: &[f64], inv_sum: &[f64], row: &[f64], mean: f64, acc: [Lanes; 3]) -> [Lanes; 3] {
    let [mut r, mut a, mut b] = acc;
    let mut add = |l: usize, x: f64, inv: f64, share: f64| {
        let r_i = share * inv;
        let d = x - mean;
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

/// `row_i = log_norm - (x_i - mean)^2 half_inv_var` and `max_i = max(max_i, row_i)`.
///
/// `half_inv_var = inv_var / 2` (halving is exact, so this is `log_norm - (d^2 inv_var) / 2` to the bit),
/// with `inv_var` capped at `f64::MAX`: for sigma < 1e-154, `inv_var` overflows to `+inf`, and a point on
/// the mean (or so close that `d^2` underflows to 0) would get `0 * inf = NaN`; with the cap it gets the
/// density's peak, its limit, without a test per point.
#[inline(always)]
fn log_joints(xs: &[f64], mean: f64, log_norm: f64, half_inv_var: f64, row: &mut [f64], max: &mut [f64]) {
    for ((&x, l), m) in xs.iter().zip(row.iter_mut()).zip(max.iter_mut()) {
        let d = x - mean;
        let v = log_norm - d * d * half_inv_var;
        *l = v;
        *m = if v > *m { v } else { *m };
    }
}

/// `row_i = exp(row_i - max_i)` ([`crate::math::exp_nonpositive`]; 0 below [`NEGLIGIBLE_LOG_SHARE`], and for NaN) and `sum_i += row_i`.
#[inline(always)]
fn shares(row: &mut [f64], max: &[f64], sum: &mut [f64], constants: &ExpConstants) {
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

/// Sums `ln p(x_i) = m_i + ln(s_i)` over many points with one logarithm per few hundred points: each
/// `s_i` lies in `[1, K]`, so their product is kept and its log taken before it could overflow. Lane `l`
/// takes the points `i` with `i mod LANES = l`, as in [`accumulate`].
#[derive(Debug, Clone, Copy)]
struct LogLikelihoodSum {
    max_total: Lanes,
    product: Lanes,
    log_total: Lanes,
}

impl LogLikelihoodSum {
    fn new() -> Self {
        LogLikelihoodSum {
            max_total: [0.0; LANES],
            product: [1.0; LANES],
            log_total: [0.0; LANES],
        }
    }

    /// Adds a block's `m_i`, given `1 / s_i` (0 where every share is 0: then `m_i = -inf` and `s_i` counts
    /// as 1), and turns `inv_sum` into the factor `1 / s_i` that makes shares responsibilities.
    #[inline(always)]
    fn add(&mut self, max: &[f64], sum: &mut [f64]) {
        for (m, s) in max.chunks_exact(LANES).zip(sum.chunks_exact_mut(LANES)) {
            for l in 0..LANES {
                self.add_one(l, m[l], &mut s[l]);
            }
            self.fold();
        }
        let full = max.len() / LANES * LANES;
        for (l, (&m, s)) in max[full..].iter().zip(&mut sum[full..]).enumerate() {
            self.add_one(l, m, s);
        }
        self.fold();
    }

    #[inline(always)]
    fn add_one(&mut self, lane: usize, max: f64, sum: &mut f64) {
        self.max_total[lane] += max;
        let positive = *sum > 0.0;
        self.product[lane] *= if positive { *sum } else { 1.0 };
        *sum = if positive { 1.0 / *sum } else { 0.0 };
    }

    /// Moves a product that has grown past 1e280 into the sum of logs (each `s_i <= K`, so one more point
    /// cannot overflow it).
    #[inline(always)]
    fn fold(&mut self) {
        if self.product.iter().any(|&p| p > 1e280) {
            for (p, t) in self.product.iter_mut().zip(&mut self.log_total) {
                if *p > 1e280 {
                    *t += ln(*p);
                    *p = 1.0;
                }
            }
        }
    }

    /// The total log-likelihood so far.
    fn total(&self) -> f64 {
        let lane = |l: usize| self.max_total[l] + self.log_total[l] + ln(self.product[l]);
        (lane(0) + lane(1)) + (lane(2) + lane(3))
    }
}
