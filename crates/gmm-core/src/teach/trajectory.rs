//! Per-step parameters of one method, in bounded memory, and relabelled after matching to the truth.
//!
//! # Decimation by halving
//! Every recorded step is kept until `cap` records are held. Then every second record is dropped (the
//! first and every even-numbered one stay) and the stride doubles: from then on only steps that are
//! multiples of the stride are kept. So at most `cap` records are ever held (plus the latest step, which
//! is always kept so the series ends at the current parameters), they stay evenly spaced, and a run of
//! T steps is stored at a stride of the smallest power of two `>= T / cap`.

use crate::math::{exp, log_softmax};
use crate::model::matching::match_components;
use crate::model::mixture::Mixture;

/// Default number of records held: enough for a smooth line across a chart's width.
pub const DEFAULT_CAP: usize = 1024;

/// The recorded parameters of one method.
#[derive(Debug, Clone, PartialEq)]
pub struct TrajectoryRecorder {
    cap: usize,
    stride: usize,
    k: usize,
    steps: Vec<usize>,
    /// `3K` values per record: log-weights (normalised logits), means, log-sigmas.
    params: Vec<f64>,
    /// The latest step if it is not a multiple of the stride.
    latest: Option<(usize, Vec<f64>)>,
}

/// One parameter of the mixture: what it is and of which component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// The log-weight `ln w_k` (the logit after normalising, so that it is comparable between fits).
    LogWeight,
    Mean,
    LogSigma,
}

/// A parameter by kind and component.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamRef {
    pub kind: ParamKind,
    pub component: usize,
}

impl ParamRef {
    /// Parameter `kind` of component `component` (from 0).
    pub const fn new(kind: ParamKind, component: usize) -> ParamRef {
        ParamRef { kind, component }
    }

    /// The parameter at flat index `i` of `[logits | means | log_sigmas]` for K components.
    pub fn from_flat(i: usize, k: usize) -> Option<ParamRef> {
        let kind = match i / k.max(1) {
            0 => ParamKind::LogWeight,
            1 => ParamKind::Mean,
            2 => ParamKind::LogSigma,
            _ => return None,
        };
        (k > 0).then_some(ParamRef { kind, component: i % k })
    }
    /// Index into the flat layout for K components.
    pub fn flat_index(self, k: usize) -> usize {
        let block = match self.kind {
            ParamKind::LogWeight => 0,
            ParamKind::Mean => 1,
            ParamKind::LogSigma => 2,
        };
        block * k + self.component
    }
    /// Axis name with the component numbered from 1, as the page numbers them: `μ2`, `ln σ1`, `ln w3`.
    pub fn name(self) -> String {
        let c = self.component + 1;
        match self.kind {
            ParamKind::LogWeight => format!("ln w{c}"),
            ParamKind::Mean => format!("μ{c}"),
            ParamKind::LogSigma => format!("ln σ{c}"),
        }
    }
}

/// The flat parameters with logits replaced by log-weights `a_k - log_sum_exp(a)`.
pub fn canonical_params(model: &Mixture) -> Vec<f64> {
    let mut p = model.flat().to_vec();
    p[..model.k()].copy_from_slice(&log_softmax(model.logits()));
    p
}

/// One component's series, relabelled: `truth` is the true component it is matched with, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentSeries {
    pub fitted: usize,
    pub truth: Option<usize>,
    pub weights: Vec<f64>,
    pub means: Vec<f64>,
    pub sigmas: Vec<f64>,
}

/// All components' series against the recorded steps, ordered by true component, unmatched ones last.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchedSeries {
    pub steps: Vec<usize>,
    pub components: Vec<ComponentSeries>,
}

impl TrajectoryRecorder {
    /// An empty recorder holding at most `cap` (at least 2) evenly spaced records.
    pub fn new(cap: usize) -> Self {
        TrajectoryRecorder {
            cap: cap.max(2),
            stride: 1,
            k: 0,
            steps: Vec::new(),
            params: Vec::new(),
            latest: None,
        }
    }

    /// Forgets everything (for a new or reset session).
    pub fn clear(&mut self) {
        *self = TrajectoryRecorder::new(self.cap);
    }

    /// Records what a page shows after a progress report: a report without new steps records nothing;
    /// step 0 (a reset) starts over.
    pub fn record_progress(&mut self, step: usize, model: &Mixture) {
        if step == 0 || self.last_step().is_none_or(|last| step > last) {
            self.record(step, model);
        }
    }

    /// Records the parameters after `step` steps. A step at or before the last one recorded (a reset
    /// session) or a change of K starts a new trajectory.
    pub fn record(&mut self, step: usize, model: &Mixture) {
        if model.k() != self.k || self.last_step().is_some_and(|last| step <= last) {
            self.clear();
            self.k = model.k();
        }
        let p = canonical_params(model);
        if step % self.stride != 0 {
            self.latest = Some((step, p));
            return;
        }
        self.latest = None;
        if self.steps.len() >= self.cap {
            // Steps recorded at a coarser spacing than the stride may survive a halving whole; halve
            // until there is room.
            while self.steps.len() >= self.cap {
                self.halve();
            }
            if step % self.stride != 0 {
                self.latest = Some((step, p));
                return;
            }
        }
        self.steps.push(step);
        self.params.extend_from_slice(&p);
    }

    fn halve(&mut self) {
        let w = 3 * self.k;
        let keep: Vec<usize> = (0..self.steps.len())
            .filter(|i| self.steps[*i] % (2 * self.stride) == 0)
            .collect();
        self.steps = keep.iter().map(|&i| self.steps[i]).collect();
        self.params = keep
            .iter()
            .flat_map(|&i| self.params[i * w..(i + 1) * w].iter().copied())
            .collect();
        self.stride *= 2;
    }

    /// Relabels every record's components by `order` (see [`Mixture::permuted`]); call it together
    /// with [`crate::run::session::FitSession::permute_components`].
    pub fn permute_components(&mut self, order: &[usize]) {
        let w = 3 * self.k;
        if order.len() != self.k || w == 0 {
            return;
        }
        let chunks = self.params.chunks_exact_mut(w);
        for p in chunks.chain(self.latest.iter_mut().map(|(_, p)| p.as_mut_slice())) {
            crate::model::mixture::permute_blocks(p, order);
        }
    }

    /// The current stride between kept records (1 until the cap is first reached).
    pub fn stride(&self) -> usize {
        self.stride
    }
    /// Number of components recorded (0 before the first record).
    pub fn k(&self) -> usize {
        self.k
    }
    /// The last step recorded.
    pub fn last_step(&self) -> Option<usize> {
        self.latest.as_ref().map(|l| l.0).or(self.steps.last().copied())
    }

    /// Every held record in step order: `(step, [log-weights | means | log-sigmas])`.
    pub fn records(&self) -> impl Iterator<Item = (usize, &[f64])> {
        let w = 3 * self.k;
        let held = self
            .steps
            .iter()
            .enumerate()
            .map(move |(i, &s)| (s, &self.params[i * w..(i + 1) * w]));
        held.chain(self.latest.iter().map(|(s, p)| (*s, p.as_slice())))
    }

    /// `(step, value)` of one parameter (log-weight, mean or log-sigma) over the held records.
    pub fn param_series(&self, param: ParamRef) -> Vec<(usize, f64)> {
        if param.component >= self.k {
            return Vec::new();
        }
        let i = param.flat_index(self.k);
        self.records().map(|(s, p)| (s, p[i])).collect()
    }

    /// The series of weights, means and sigmas per component, relabelled by matching the *latest*
    /// parameters to `truth` ([`match_components`]); one permutation for the whole run, so a line never
    /// changes colour. Without a truth (or before any record) the fit's own order is kept.
    pub fn matched(&self, truth: Option<&Mixture>) -> MatchedSeries {
        let k = self.k;
        let records: Vec<(usize, &[f64])> = self.records().collect();
        let steps = records.iter().map(|r| r.0).collect();
        let latest = records.last().and_then(|r| Mixture::from_flat(r.1).ok());
        let mut order: Vec<(usize, Option<usize>)> = (0..k).map(|f| (f, None)).collect();
        if let (Some(truth), Some(latest)) = (truth, latest) {
            let m = match_components(&latest, truth);
            let mut pairs: Vec<(usize, Option<usize>)> = m
                .fitted_for_truth
                .iter()
                .enumerate()
                .filter_map(|(t, f)| f.map(|f| (f, Some(t))))
                .collect();
            let unmatched: Vec<usize> = (0..k).filter(|f| !pairs.iter().any(|p| p.0 == *f)).collect();
            pairs.extend(unmatched.into_iter().map(|f| (f, None)));
            order = pairs;
        }
        let components = order
            .into_iter()
            .map(|(f, truth)| ComponentSeries {
                fitted: f,
                truth,
                weights: records.iter().map(|r| exp(r.1[f])).collect(),
                means: records.iter().map(|r| r.1[k + f]).collect(),
                sigmas: records.iter().map(|r| exp(r.1[2 * k + f])).collect(),
            })
            .collect();
        MatchedSeries { steps, components }
    }
}

impl Default for TrajectoryRecorder {
    fn default() -> Self {
        TrajectoryRecorder::new(DEFAULT_CAP)
    }
}
