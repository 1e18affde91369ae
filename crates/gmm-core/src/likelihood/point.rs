//! A mixture evaluated point by point: log-density, densities on a grid, responsibilities and the
//! log-likelihood of a data slice. The hot passes over the data use [`PosteriorPass`]; the per-point
//! functions here serve the charts and the teaching analyses.

use crate::likelihood::pass::{PosteriorPass, NEGLIGIBLE_LOG_SHARE};
use crate::math::{exp, exp_nonpositive, ln, log_softmax, log_sum_exp, LN_SQRT_2PI};
use crate::model::mixture::{grid, Mixture};

impl Mixture {
    /// `ln p(x) = log_sum_exp_k(ln w_k + ln N(x | mu_k, sigma_k))`; finite wherever `(x - mu) / sigma` is.
    pub fn log_pdf(&self, x: f64) -> f64 {
        let terms = ComponentTerms::new(self);
        let mut scratch = vec![0.0; self.k()];
        terms.log_joint(x, &mut scratch);
        log_sum_exp(&scratch)
    }

    /// Total log-likelihood `sum_i ln p(x_i)` over a data slice (0 for an empty slice).
    pub fn log_likelihood(&self, data: &[f64]) -> f64 {
        let mut pass = PosteriorPass::default();
        pass.load(self);
        pass.log_likelihood(data)
    }

    /// Average negative log-likelihood `-(1/N) sum_i ln p(x_i)`, the loss both methods report.
    pub fn mean_nll(&self, data: &[f64]) -> f64 {
        -self.log_likelihood(data) / data.len() as f64
    }

    /// Density `p(x)` at each of `xs`.
    pub fn density_at(&self, xs: &[f64]) -> Vec<f64> {
        let terms = ComponentTerms::new(self);
        let mut r = vec![0.0; self.k()];
        xs.iter().map(|&x| exp(terms.posterior(x, &mut r))).collect()
    }

    /// Weighted density of one component, `w_k N(x | mu_k, sigma_k)`, at each of `xs`.
    /// Panics if `component >= K`.
    pub fn component_density_at(&self, component: usize, xs: &[f64]) -> Vec<f64> {
        let terms = ComponentTerms::new(self);
        xs.iter().map(|&x| exp(terms.log_joint_one(component, x))).collect()
    }

    /// Density `p(x)` at `n` evenly spaced points from `lo` to `hi` inclusive (see [`grid`]).
    pub fn density_on_grid(&self, lo: f64, hi: f64, n: usize) -> Vec<f64> {
        self.density_at(&grid(lo, hi, n).collect::<Vec<_>>())
    }

    /// Weighted density of one component on the grid of [`Mixture::density_on_grid`].
    pub fn component_density_on_grid(&self, component: usize, lo: f64, hi: f64, n: usize) -> Vec<f64> {
        self.component_density_at(component, &grid(lo, hi, n).collect::<Vec<_>>())
    }

    /// Responsibilities `r_ik = w_k N(x_i | k) / p(x_i)`, row-major with shape N x K; each row sums to 1.
    pub fn responsibilities(&self, data: &[f64]) -> Vec<f64> {
        let terms = ComponentTerms::new(self);
        let mut out = vec![0.0; data.len() * self.k()];
        for (x, row) in data.iter().zip(out.chunks_exact_mut(self.k())) {
            terms.posterior(*x, row);
        }
        out
    }
}

/// Per-call constants of a mixture for point-by-point work (densities on a grid, responsibilities; the
/// passes over the data use [`PosteriorPass`]), so the per-point loop costs one subtraction, three
/// multiply-adds and one `exp` per component.
///
/// `log_norm_k = ln w_k - s_k - ln sqrt(2 pi)` and `inv_var_k = exp(-2 s_k)`, so that
/// `ln(w_k N(x | k)) = log_norm_k - (x - mu_k)^2 inv_var_k / 2`.
pub(crate) struct ComponentTerms<'a> {
    log_norm: Vec<f64>,
    pub(crate) means: &'a [f64],
    pub(crate) inv_var: Vec<f64>,
}

impl<'a> ComponentTerms<'a> {
    pub(crate) fn new(model: &'a Mixture) -> Self {
        let log_norm = log_softmax(model.logits())
            .iter()
            .zip(model.log_sigmas())
            .map(|(lw, s)| lw - s - LN_SQRT_2PI)
            .collect();
        let inv_var = model.log_sigmas().iter().map(|&s| exp(-2.0 * s)).collect();
        ComponentTerms {
            log_norm,
            means: model.means(),
            inv_var,
        }
    }

    #[inline]
    fn log_joint_one(&self, k: usize, x: f64) -> f64 {
        let d = x - self.means[k];
        // For sigma < 1e-154, inv_var is +inf; a point exactly on the mean then has d^2 inv_var = 0 * inf,
        // which must be 0 (its limit), not NaN.
        let q = if d == 0.0 { 0.0 } else { d * d * self.inv_var[k] };
        self.log_norm[k] - 0.5 * q
    }

    /// Writes `ln(w_k N(x | k))` for every k into `out` (length K) and returns their maximum.
    #[inline]
    fn log_joint(&self, x: f64, out: &mut [f64]) -> f64 {
        let mut max = f64::NEG_INFINITY;
        for (k, o) in out.iter_mut().enumerate() {
            *o = self.log_joint_one(k, x);
            max = max.max(*o);
        }
        max
    }

    /// Writes the responsibilities of `x` into `r` (length K) and returns `(m, s)` with
    /// `ln p(x) = m + ln(s)`: log-sum-exp with `m` the largest log-joint and `s` in `[1, K]`.
    ///
    /// If every component's log-density is `-inf` (only when `(x - mu) / sigma` overflows), returns
    /// `(-inf, 1)` and leaves `r` all zero.
    #[inline]
    pub(crate) fn posterior_parts(&self, x: f64, r: &mut [f64]) -> (f64, f64) {
        let max = self.log_joint(x, r);
        if max == f64::NEG_INFINITY {
            r.fill(0.0);
            return (max, 1.0);
        }
        let mut sum = 0.0;
        for v in r.iter_mut() {
            // Below e^-600 a share cannot change any sum it joins (the largest share is 1), and leaving it
            // out skips the slow subnormal arithmetic that values near e^-708 would cause.
            let shifted = *v - max;
            *v = if shifted < NEGLIGIBLE_LOG_SHARE {
                0.0
            } else {
                exp_nonpositive(shifted)
            };
            sum += *v;
        }
        let inv = 1.0 / sum;
        for v in r.iter_mut() {
            *v *= inv;
        }
        (max, sum)
    }

    /// Writes the responsibilities of `x` into `r` (length K) and returns `ln p(x)`.
    #[inline]
    fn posterior(&self, x: f64, r: &mut [f64]) -> f64 {
        let (max, sum) = self.posterior_parts(x, r);
        max + ln(sum)
    }
}

/// Sums `ln p(x_i) = m_i + ln(s_i)` point by point (for the teaching passes; the hot loop has its own,
/// blocked, in `pass.rs`) with one logarithm per few hundred points: each `s_i` lies in `[1, K]`,
/// so their product is kept and its log taken before it could overflow.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LogLikelihoodSum {
    max_total: f64,
    product: f64,
    log_total: f64,
}

impl LogLikelihoodSum {
    pub(crate) fn new() -> Self {
        LogLikelihoodSum {
            max_total: 0.0,
            product: 1.0,
            log_total: 0.0,
        }
    }

    /// Adds one point's `(m, s)` from [`ComponentTerms::posterior_parts`].
    #[inline]
    pub(crate) fn add(&mut self, (max, sum): (f64, f64)) {
        self.max_total += max;
        self.product *= sum;
        if self.product > 1e280 {
            self.log_total += ln(self.product);
            self.product = 1.0;
        }
    }

    /// The total log-likelihood so far.
    pub(crate) fn total(&self) -> f64 {
        self.max_total + self.log_total + ln(self.product)
    }
}
