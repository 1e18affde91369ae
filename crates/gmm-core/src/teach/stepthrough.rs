//! EM seen in two halves: the E-step (who is responsible for which data, shown per histogram bin) and
//! the M-step (the weights, means and sigmas those responsibilities imply).
//!
//! # Formula
//! E-step: `r_ik = w_k N(x_i | k) / p(x_i)` (in log space), summed per component into `N_k = sum_i r_ik`,
//! `S1_k = sum_i r_ik (x_i - c_k)`, `S2_k = sum_i r_ik (x_i - c_k)^2` around the old mean `c_k`, and per
//! histogram bin `b` into `M_kb = sum_{i in b} r_ik`; the share shown is `M_kb / sum_j M_jb`.
//! M-step: `w_k = N_k / N`, `mu_k = c_k + S1_k / N_k`, `sigma_k^2 = max(S2_k / N_k - (S1_k / N_k)^2, floor)`,
//! by the one M-step [`crate::fit::m_step`] that [`crate::fit::em::EmFit::step`] calls too (with the same
//! recentring when a mean moves far), so E then M is one ordinary EM iteration.

use crate::data::histogram::Histogram;
use crate::fit::m_step::m_step;
use crate::likelihood::point::{component_sums_around, ComponentTerms, LogLikelihoodSum};
use crate::likelihood::sums::ComponentSums;
use crate::model::mixture::Mixture;
use std::fmt;

/// Why a half-step could not be taken.
#[derive(Debug, Clone, PartialEq)]
pub enum StepThroughError {
    /// No data points.
    EmptyData,
    /// The histogram has no bins, or its range is empty or not finite.
    BadHistogram,
    /// The log-likelihood of the current parameters is not finite, so responsibilities are undefined.
    NonFiniteLikelihood(f64),
    /// The M-step gave parameters that are not finite numbers.
    NonFiniteUpdate(String),
}

impl fmt::Display for StepThroughError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepThroughError::EmptyData => write!(f, "there are no data points; the E-step needs N >= 1"),
            StepThroughError::BadHistogram => {
                write!(f, "the histogram needs at least one bin and a finite range lo < hi")
            }
            StepThroughError::NonFiniteLikelihood(ll) => write!(
                f,
                "the log-likelihood of the current parameters is {ll}, so responsibilities are undefined; \
                 reset the fit"
            ),
            StepThroughError::NonFiniteUpdate(e) => write!(f, "the M-step gave invalid parameters: {e}"),
        }
    }
}

impl std::error::Error for StepThroughError {}

/// What the E-step found. Shapes: `shares` is K x bins, row-major by component (`shares[k * bins + b]`).
#[derive(Debug, Clone, PartialEq)]
pub struct EStep {
    /// The parameters the responsibilities were computed with.
    pub model: Mixture,
    /// Number of histogram bins.
    pub bins: usize,
    /// Points per bin (points outside `[lo, hi]` of the histogram are not counted in any bin).
    pub counts: Vec<usize>,
    /// Component k's share of the responsibility mass in bin b; each non-empty bin's shares sum to 1,
    /// an empty bin's are all 0.
    pub shares: Vec<f64>,
    /// `N_k = sum_i r_ik` (length K).
    pub n_k: Vec<f64>,
    /// `sum_i r_ik x_i / N_k` (NaN when `N_k = 0`).
    pub weighted_means: Vec<f64>,
    /// `sum_i r_ik (x_i - weighted mean)^2 / N_k`, before the floor (NaN when `N_k = 0`).
    pub weighted_variances: Vec<f64>,
    /// `sum_i ln p(x_i)` under [`EStep::model`].
    pub log_likelihood: f64,
    n: usize,
    sums: Vec<ComponentSums>,
}

/// The E-step of `model` on `data`, with responsibility shares per bin of `histogram` (binned as
/// [`Histogram::new`] bins: `b = floor((x - lo) / width)`, the top edge in the last bin).
///
/// Cost: one pass, O(N K).
///
/// # Errors
/// [`StepThroughError::EmptyData`], [`StepThroughError::BadHistogram`],
/// [`StepThroughError::NonFiniteLikelihood`].
pub fn e_step(model: &Mixture, data: &[f64], histogram: &Histogram) -> Result<EStep, StepThroughError> {
    if data.is_empty() {
        return Err(StepThroughError::EmptyData);
    }
    let bins = histogram.heights.len();
    let (lo, hi) = (histogram.lo, histogram.hi);
    if bins == 0 || !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return Err(StepThroughError::BadHistogram);
    }
    let width = histogram.width();
    let k = model.k();
    let terms = ComponentTerms::new(model);
    let mut r = vec![0.0; k];
    let mut sums: Vec<ComponentSums> = terms.means.iter().map(|&c| ComponentSums::around(c)).collect();
    let mut mass = vec![0.0; k * bins];
    let mut counts = vec![0usize; bins];
    let mut log_lik = LogLikelihoodSum::new();
    for &x in data {
        log_lik.add(terms.posterior_parts(x, &mut r));
        for (s, &r) in sums.iter_mut().zip(&r) {
            s.add(r, x);
        }
        if (lo..=hi).contains(&x) {
            let b = (((x - lo) / width) as usize).min(bins - 1);
            counts[b] += 1;
            for j in 0..k {
                mass[j * bins + b] += r[j];
            }
        }
    }
    let log_likelihood = log_lik.total();
    if !log_likelihood.is_finite() {
        return Err(StepThroughError::NonFiniteLikelihood(log_likelihood));
    }
    let mut shares = mass;
    for b in 0..bins {
        let total: f64 = (0..k).map(|j| shares[j * bins + b]).sum();
        for j in 0..k {
            let v = &mut shares[j * bins + b];
            *v = if total > 0.0 { *v / total } else { 0.0 };
        }
    }
    if sums.iter().any(ComponentSums::needs_recentring) {
        // As EmFit::step does: sum again around the new means when a mean moved far.
        let centres: Vec<f64> = sums.iter().map(ComponentSums::recentred).collect();
        sums = component_sums_around(model, data, &centres);
    }
    let moments: Vec<(f64, f64)> = sums
        .iter()
        .map(|s| s.moments().unwrap_or((f64::NAN, f64::NAN)))
        .collect();
    Ok(EStep {
        weighted_means: moments.iter().map(|m| m.0).collect(),
        weighted_variances: moments.iter().map(|m| m.1).collect(),
        model: model.clone(),
        bins,
        counts,
        shares,
        n_k: sums.iter().map(|s| s.r).collect(),
        log_likelihood,
        n: data.len(),
        sums,
    })
}

/// What the M-step did.
#[derive(Debug, Clone, PartialEq)]
pub struct MStep {
    /// The parameters before (those of the E-step).
    pub before: Mixture,
    /// The updated parameters.
    pub after: Mixture,
    /// Which components were held at the variance floor (length K).
    pub floored: Vec<bool>,
}

impl EStep {
    /// Component `k`'s share in bin `b`.
    pub fn share(&self, k: usize, b: usize) -> f64 {
        self.shares[k * self.bins + b]
    }

    /// The M-step from these responsibilities, with variance floor `floor` (> 0).
    ///
    /// # Errors
    /// [`StepThroughError::NonFiniteUpdate`] if the new parameters are not valid (not expected for
    /// a finite E-step).
    pub fn m_step(&self, floor: f64) -> Result<MStep, StepThroughError> {
        let mut params = self.model.flat().to_vec();
        let mut floored = vec![false; self.model.k()];
        m_step(&self.sums, self.n as f64, floor, &mut params, &mut floored);
        let after = Mixture::from_flat(&params).map_err(|e| StepThroughError::NonFiniteUpdate(e.to_string()))?;
        Ok(MStep {
            before: self.model.clone(),
            after,
            floored,
        })
    }
}

impl MStep {
    /// The parameters a fraction `t` (clamped to [0, 1]) of the way from `before` to `after`, linear in
    /// weights, means and sigmas: for animating the M-step.
    pub fn tween(&self, t: f64) -> Mixture {
        let t = if t.is_nan() { 1.0 } else { t.clamp(0.0, 1.0) };
        let mix = |a: &[f64], b: &[f64]| -> Vec<f64> { a.iter().zip(b).map(|(a, b)| a + t * (b - a)).collect() };
        let w = mix(&self.before.weights(), &self.after.weights());
        let m = mix(self.before.means(), self.after.means());
        let s = mix(&self.before.sigmas(), &self.after.sigmas());
        // Convex combinations of positive numbers stay positive, so this cannot fail.
        Mixture::from_weights(&w, &m, &s).unwrap_or_else(|_| self.after.clone())
    }
}

/// Where a [`StepThrough`] is in an EM iteration.
#[derive(Debug, Clone, PartialEq)]
pub enum Phase {
    /// Parameters shown; the next half-step computes the E-step.
    Start,
    /// The E-step of the shown parameters.
    E(EStep),
    /// The M-step that followed it.
    M(MStep),
}

impl Phase {
    /// `start`, `e` or `m`.
    pub fn name(&self) -> &'static str {
        match self {
            Phase::Start => "start",
            Phase::E(_) => "e",
            Phase::M(_) => "m",
        }
    }
}

/// EM one half-step at a time on its own copy of the data: E-step (responsibility shares per histogram
/// bin), then M-step (the new parameters), and so on. Each M-step is exactly one EM iteration, and the
/// log-likelihood is recorded after each.
#[derive(Debug, Clone)]
pub struct StepThrough {
    data: Vec<f64>,
    histogram: Histogram,
    floor: f64,
    model: Mixture,
    phase: Phase,
    iteration: u32,
    log_likelihoods: Vec<f64>,
}

impl StepThrough {
    /// A step-through from `model` on `data`, binned as `histogram`, with variance floor `floor` (> 0).
    pub fn new(model: Mixture, data: Vec<f64>, histogram: Histogram, floor: f64) -> Self {
        StepThrough {
            log_likelihoods: vec![model.log_likelihood(&data)],
            data,
            histogram,
            floor,
            model,
            phase: Phase::Start,
            iteration: 0,
        }
    }

    /// The next half-step: the E-step of the shown parameters, or the M-step after an E-step.
    ///
    /// # Errors
    /// Those of [`e_step`] and [`EStep::m_step`]; the step-through then stays where it was.
    pub fn half_step(&mut self) -> Result<(), StepThroughError> {
        self.phase = match &self.phase {
            Phase::Start | Phase::M(_) => Phase::E(e_step(&self.model, &self.data, &self.histogram)?),
            Phase::E(e) => {
                let m = e.m_step(self.floor)?;
                self.model = m.after.clone();
                self.iteration += 1;
                self.log_likelihoods.push(self.model.log_likelihood(&self.data));
                Phase::M(m)
            }
        };
        Ok(())
    }

    /// The current phase.
    pub fn phase(&self) -> &Phase {
        &self.phase
    }
    /// Completed iterations (M-steps).
    pub fn iteration(&self) -> u32 {
        self.iteration
    }
    /// `sum_i ln p(x_i)` of the starting parameters and after each M-step.
    pub fn log_likelihoods(&self) -> &[f64] {
        &self.log_likelihoods
    }
    /// The parameters after the last M-step.
    pub fn model(&self) -> &Mixture {
        &self.model
    }
    /// The histogram the shares are binned by.
    pub fn histogram(&self) -> &Histogram {
        &self.histogram
    }
    /// The parameters to draw: during an M-step a fraction `t` of the way from the old to the new
    /// ([`MStep::tween`]), otherwise the current ones.
    pub fn shown(&self, t: f64) -> Mixture {
        match &self.phase {
            Phase::M(m) => m.tween(t),
            _ => self.model.clone(),
        }
    }
}
