//! The one sum of log-densities, `sum_i ln p(x_i)`, shared by the hot pass and the point-by-point passes.
//!
//! # Formula
//! Each point's `ln p(x_i) = m_i + ln(s_i)`, with `m_i` its largest log-joint and `s_i` in `[1, K]` the sum
//! of its shares (log-sum-exp). The `m_i` are added; the `s_i` are multiplied, and the product's logarithm
//! is taken only when it passes 1e280 (each `s_i <= K`, so one more factor cannot overflow), so a
//! logarithm costs once per few hundred points rather than once per point.
//!
//! Lane `l` takes the points `i` with `i mod LANES = l`, and the lanes are added in a fixed order at the
//! end: the hot pass ([`crate::likelihood::pass`]) and a point-by-point caller given the same `(m_i, s_i)`
//! get the same bits.

use crate::math::ln;

/// Independent partial sums per statistic; four of them make two SIMD registers and hide the latency of
/// the additions. The same split on every platform keeps the result the same bits everywhere.
pub const LANES: usize = 4;

/// Per-lane partial sums: lane `l` sums the points `i` with `i mod LANES = l`, in data order.
pub type Lanes = [f64; LANES];

/// `sum_i ln p(x_i)`, from each point's `(m_i, s_i)`.
#[derive(Debug, Clone, Copy)]
pub struct LogLikelihoodSum {
    max_total: Lanes,
    product: Lanes,
    log_total: Lanes,
    /// Points added one at a time so far (their lane is `count mod LANES`).
    count: usize,
}

impl Default for LogLikelihoodSum {
    fn default() -> Self {
        Self::new()
    }
}

impl LogLikelihoodSum {
    /// The empty sum (0).
    pub fn new() -> Self {
        LogLikelihoodSum {
            max_total: [0.0; LANES],
            product: [1.0; LANES],
            log_total: [0.0; LANES],
            count: 0,
        }
    }

    /// Adds the next point's `(m, s)`, as `ComponentTerms::posterior_parts` returns them (`s = 1` where
    /// `m = -inf`).
    #[inline]
    pub fn add(&mut self, (max, sum): (f64, f64)) {
        let mut s = sum;
        self.add_one(self.count % LANES, max, &mut s);
        self.count += 1;
        if self.count % LANES == 0 {
            self.fold();
        }
    }

    /// Adds a block's `m_i`, given `s_i` (0 where every share is 0: then `m_i = -inf` and `s_i` counts as
    /// 1), and turns each `s_i` into the factor `1 / s_i` that makes shares responsibilities. A block starts
    /// at a point whose index is a multiple of [`LANES`].
    #[inline(always)]
    pub(crate) fn add_block(&mut self, max: &[f64], sum: &mut [f64]) {
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

    /// Moves a product that has grown past 1e280 into the sum of logs.
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

    /// The total so far.
    pub fn total(&self) -> f64 {
        let mut folded = *self;
        folded.fold();
        let lane = |l: usize| folded.max_total[l] + folded.log_total[l] + ln(folded.product[l]);
        (lane(0) + lane(1)) + (lane(2) + lane(3))
    }
}
