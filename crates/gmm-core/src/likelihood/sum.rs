//! The one sum of log-densities, `sum_i ln p(x_i)`, shared by the hot pass and the point-by-point passes.
//!
//! # Formula
//! Each point's `ln p(x_i) = m_i + ln(s_i)`, with `m_i` its largest log-joint and `s_i` in `[1, K]` the sum
//! of its shares (log-sum-exp). The `m_i` are added; the `s_i` are multiplied, and the product's logarithm
//! is taken only at the start of a stretch of [`FOLD_EVERY`] points and only where it passes
//! [`FOLD_ABOVE`] (each `s_i <= K <= 10`, so the stretch's 64 factors per lane, at most `1e64`, cannot make it
//! overflow), so a logarithm costs once per several hundred points rather than once per point, and the loop
//! over a stretch is free of tests (SIMD code).
//!
//! Lane `l` takes the points `i` with `i mod LANES = l`, and the lanes are added in a fixed order at the
//! end: the hot pass ([`crate::likelihood::pass`]) and a point-by-point caller given the same `(m_i, s_i)`
//! get the same bits.

use crate::math::ln;

/// Independent partial sums per statistic; four of them make two SIMD registers and hide the latency of
/// the additions. The same split on every platform keeps the result the same bits everywhere.
pub const LANES: usize = 4;

/// Points per stretch: a lane's product is folded into its sum of logs, where it passed [`FOLD_ABOVE`], only
/// before the points `i` with `i mod FOLD_EVERY = 0` (the hot pass's blocks).
pub const FOLD_EVERY: usize = 256;

/// A lane's product is folded before a stretch when it is above this; the stretch multiplies it by at most
/// `K^(FOLD_EVERY / LANES) <= 1e64` (K at most 10), far below `f64::MAX / FOLD_ABOVE`.
pub const FOLD_ABOVE: f64 = 1e200;

/// Per-lane partial sums: lane `l` sums the points `i` with `i mod LANES = l`, in data order.
pub type Lanes = [f64; LANES];

/// `sum_i ln p(x_i)`, from each point's `(m_i, s_i)`.
#[derive(Debug, Clone, Copy)]
pub struct LogLikelihoodSum {
    max_total: Lanes,
    product: Lanes,
    log_total: Lanes,
    /// Points added so far (the next one's lane is `count mod LANES`).
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
        if self.count % FOLD_EVERY == 0 {
            self.fold();
        }
        let mut s = sum;
        self.add_one(self.count % LANES, max, &mut s);
        self.count += 1;
    }

    /// Adds a block's `m_i`, given `s_i` (0 where every share is 0: then `m_i = -inf` and `s_i` counts as
    /// 1), and turns each `s_i` into the factor `1 / s_i` that makes shares responsibilities. A block starts
    /// at a point whose index is a multiple of [`FOLD_EVERY`] and has at most that many points.
    #[inline(always)]
    pub(crate) fn add_block(&mut self, max: &[f64], sum: &mut [f64]) {
        debug_assert!(max.len() <= FOLD_EVERY && self.count % FOLD_EVERY == 0);
        self.fold();
        for (m, s) in max.chunks_exact(LANES).zip(sum.chunks_exact_mut(LANES)) {
            for l in 0..LANES {
                self.add_one(l, m[l], &mut s[l]);
            }
        }
        let full = max.len() / LANES * LANES;
        for (l, (&m, s)) in max[full..].iter().zip(&mut sum[full..]).enumerate() {
            self.add_one(l, m, s);
        }
        self.count += max.len();
    }

    #[inline(always)]
    fn add_one(&mut self, lane: usize, max: f64, sum: &mut f64) {
        self.max_total[lane] += max;
        let positive = *sum > 0.0;
        self.product[lane] *= if positive { *sum } else { 1.0 };
        *sum = if positive { 1.0 / *sum } else { 0.0 };
    }

    /// Moves a product above [`FOLD_ABOVE`] into the sum of logs.
    #[inline(always)]
    fn fold(&mut self) {
        for (p, t) in self.product.iter_mut().zip(&mut self.log_total) {
            if *p > FOLD_ABOVE {
                *t += ln(*p);
                *p = 1.0;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::config::K_RANGE;

    #[test]
    fn a_stretch_of_largest_factors_cannot_overflow_a_product_below_the_fold() {
        let k = *K_RANGE.end() as f64;
        assert!(FOLD_ABOVE * k.powi((FOLD_EVERY / LANES) as i32) < f64::MAX / 1e40);
    }

    #[test]
    fn blocks_and_points_one_by_one_give_the_same_bits() {
        // 1300 points: five stretches and a partial one; factors near K = 10 make every lane fold once.
        let n = 1300;
        let max: Vec<f64> = (0..n).map(|i| -(i as f64) * 0.37 - 1.0).collect();
        let sums: Vec<f64> = (0..n).map(|i| 9.0 + (i % 7) as f64 / 7.0).collect();
        let mut one_by_one = LogLikelihoodSum::new();
        for (&m, &s) in max.iter().zip(&sums) {
            one_by_one.add((m, s));
        }
        let mut blocks = LogLikelihoodSum::new();
        let mut factors = sums.clone();
        for (m, s) in max.chunks(FOLD_EVERY).zip(factors.chunks_mut(FOLD_EVERY)) {
            blocks.add_block(m, s);
        }
        assert!(blocks.log_total.iter().all(|&t| t > 0.0), "every lane folded");
        assert_eq!(blocks.total().to_bits(), one_by_one.total().to_bits());
        let plain: f64 = max.iter().zip(&sums).map(|(&m, &s)| m + s.ln()).sum();
        assert!(
            (blocks.total() - plain).abs() <= 1e-12 * plain.abs(),
            "{} vs {plain}",
            blocks.total()
        );
        assert!(factors.iter().zip(&sums).all(|(&f, &s)| f == 1.0 / s));
    }

    #[test]
    fn a_point_without_shares_adds_minus_infinity_and_no_factor() {
        let mut blocks = LogLikelihoodSum::new();
        let mut factors = [2.0, 0.0, 3.0];
        blocks.add_block(&[-1.0, f64::NEG_INFINITY, -2.0], &mut factors);
        assert_eq!(factors, [0.5, 0.0, 1.0 / 3.0]);
        assert_eq!(blocks.total(), f64::NEG_INFINITY);
    }
}
