//! A mixture evaluated point by point: log-density, densities on a grid, responsibilities and the
//! log-likelihood of a data slice. The hot passes over the data use [`PosteriorPass`]; the per-point
//! functions here serve the charts and the teaching analyses.

use crate::likelihood::joint::{half_inv_var, log_joint, share};
use crate::likelihood::pass::PosteriorPass;
use crate::likelihood::sums::ComponentSums;
use crate::math::{exp, ln, log_softmax, log_sum_exp, LN_SQRT_2PI};

pub use crate::likelihood::sum::LogLikelihoodSum;
use crate::model::mixture::{grid, Mixture};

/// A mean over the data was asked of no data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmptyData;

impl std::fmt::Display for EmptyData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "there are no data points; the mean negative log-likelihood needs at least one"
        )
    }
}

impl std::error::Error for EmptyData {}

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
    ///
    /// # Errors
    /// [`EmptyData`] for an empty slice (the mean of nothing).
    pub fn mean_nll(&self, data: &[f64]) -> Result<f64, EmptyData> {
        if data.is_empty() {
            return Err(EmptyData);
        }
        Ok(-self.log_likelihood(data) / data.len() as f64)
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
/// `ln(w_k N(x | k)) = log_norm_k - (x - mu_k)^2 inv_var_k / 2` ([`log_joint`]).
pub(crate) struct ComponentTerms<'a> {
    log_norm: Vec<f64>,
    pub(crate) means: &'a [f64],
    pub(crate) inv_var: Vec<f64>,
    half_inv_var: Vec<f64>,
}

impl<'a> ComponentTerms<'a> {
    pub(crate) fn new(model: &'a Mixture) -> Self {
        let log_norm = log_softmax(model.logits())
            .iter()
            .zip(model.log_sigmas())
            .map(|(lw, s)| lw - s - LN_SQRT_2PI)
            .collect();
        let inv_var: Vec<f64> = model.log_sigmas().iter().map(|&s| exp(-2.0 * s)).collect();
        ComponentTerms {
            log_norm,
            means: model.means(),
            half_inv_var: inv_var.iter().map(|&v| half_inv_var(v)).collect(),
            inv_var,
        }
    }

    #[inline]
    fn log_joint_one(&self, k: usize, x: f64) -> f64 {
        log_joint(self.log_norm[k], self.half_inv_var[k], x - self.means[k])
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
            *v = share(*v - max);
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

/// The sums of every component around `centres` (length K), with the responsibilities of `model`, point
/// by point: what the teaching passes use to recentre ([`ComponentSums::needs_recentring`]).
pub(crate) fn component_sums_around(model: &Mixture, data: &[f64], centres: &[f64]) -> Vec<ComponentSums> {
    let terms = ComponentTerms::new(model);
    let mut r = vec![0.0; model.k()];
    let mut sums: Vec<ComponentSums> = centres.iter().map(|&c| ComponentSums::around(c)).collect();
    for &x in data {
        terms.posterior_parts(x, &mut r);
        for (s, &r) in sums.iter_mut().zip(&r) {
            s.add(r, x);
        }
    }
    sums
}
