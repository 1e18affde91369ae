//! The loss landscape: the mean negative log-likelihood on a G x G grid over two parameters, the rest
//! held at the given model's values.
//!
//! # Cost
//! Evaluated naively this is O(G^2 N K). Only the one or two components the two parameters belong to
//! change across the grid, so the other components' log-sum-exp is computed once per point, and a cell
//! costs O(N m) with m <= 2 (two quadratics and up to three fast exponentials per point, no logarithm):
//! O(N K + G^2 N m) in all. `cargo bench --bench teaching` times it. Above [`MAX_POINTS`] points the data are
//! subsampled deterministically (every s-th point, `s = ceil(N / MAX_POINTS)`), and
//! [`Landscape::points_used`] says so.
//!
//! Log-weights: a weight axis shows `ln w_j` with the other log-weights fixed; the grid renormalises
//! (`w = softmax(log-weights)`), so the values on it are log-weights only at the model's own value.

use crate::likelihood::joint::{half_inv_var, log_joint, share};
use crate::likelihood::point::LogLikelihoodSum;
use crate::math::{exp, log_sum_exp, normal_ln_pdf, LN_SQRT_2PI};
use crate::model::mixture::{Mixture, LOG_SIGMA_RANGE};
use crate::teach::trajectory::{canonical_params, ParamKind, ParamRef, TrajectoryRecorder};
use std::fmt;

/// Above this many data points the landscape uses a deterministic subsample.
pub const MAX_POINTS: usize = 20_000;
/// Largest grid side allowed.
pub const MAX_GRID: usize = 200;
/// Fraction of the covered span added on each side of an axis.
pub const MARGIN: f64 = 0.15;

/// Why a landscape could not be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum LandscapeError {
    EmptyData,
    /// G outside `2..=MAX_GRID`.
    GridSize(usize),
    /// A parameter's component is `>= K`.
    NoSuchParameter {
        name: String,
        k: usize,
    },
    /// The two axes are the same parameter.
    SameParameter,
}

impl fmt::Display for LandscapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LandscapeError::EmptyData => write!(f, "there are no data points; the landscape needs N >= 1"),
            LandscapeError::GridSize(g) => write!(f, "grid size {g} is not allowed: it must be 2 to {MAX_GRID}"),
            LandscapeError::NoSuchParameter { name, k } => {
                write!(f, "parameter {name} does not exist: the mixture has K = {k} components")
            }
            LandscapeError::SameParameter => write!(f, "choose two different parameters for the two axes"),
        }
    }
}

impl std::error::Error for LandscapeError {}

/// Mean NLL on a grid. `values[iy * g + ix]` is at `(x_at(ix), y_at(iy))`; a cell may be `+inf` (or NaN
/// for a log-sigma range outside [`LOG_SIGMA_RANGE`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Landscape {
    pub x: ParamRef,
    pub y: ParamRef,
    pub x_range: (f64, f64),
    pub y_range: (f64, f64),
    pub g: usize,
    pub values: Vec<f64>,
    /// Points the values were computed on (fewer than `data_points` when subsampled).
    pub points_used: usize,
    pub data_points: usize,
}

impl Landscape {
    /// x-coordinate of column `ix` (cell centre; the first and last columns sit on the range's ends).
    pub fn x_at(&self, ix: usize) -> f64 {
        at(self.x_range, ix, self.g)
    }
    /// y-coordinate of row `iy`.
    pub fn y_at(&self, iy: usize) -> f64 {
        at(self.y_range, iy, self.g)
    }
    /// True when the data were subsampled.
    pub fn subsampled(&self) -> bool {
        self.points_used < self.data_points
    }
    /// Smallest and largest finite value (`None` if none is finite).
    pub fn finite_range(&self) -> Option<(f64, f64)> {
        let finite = self.values.iter().copied().filter(|v| v.is_finite());
        finite.fold(None, |acc, v| {
            Some(acc.map_or((v, v), |(a, b): (f64, f64)| (a.min(v), b.max(v))))
        })
    }
}

fn at((lo, hi): (f64, f64), i: usize, g: usize) -> f64 {
    lo + (hi - lo) * i as f64 / (g - 1) as f64
}

/// An axis range covering `values` with [`MARGIN`] on each side, at least `min_span` wide.
pub fn cover(values: impl IntoIterator<Item = f64>, min_span: f64) -> (f64, f64) {
    let (lo, hi) = values
        .into_iter()
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if !lo.is_finite() {
        return (-min_span / 2.0, min_span / 2.0);
    }
    let span = (hi - lo).max(min_span / (1.0 + 2.0 * MARGIN));
    let centre = (lo + hi) / 2.0;
    let half = span * (0.5 + MARGIN);
    (centre - half, centre + half)
}

/// The default range of one parameter: its value in `model` and along `trajectories` (values of that
/// parameter), with a margin; at least one data standard deviation wide for a mean, 1 for a log-sigma
/// or log-weight. Log-sigmas are kept inside the allowed range.
pub fn auto_range(param: ParamRef, model: &Mixture, trajectories: &[&[f64]], data_std: f64) -> (f64, f64) {
    let current = canonical_params(model)[param.flat_index(model.k())];
    let values = std::iter::once(current).chain(trajectories.iter().flat_map(|t| t.iter().copied()));
    let min_span = match param.kind {
        ParamKind::Mean if data_std.is_finite() && data_std > 0.0 => data_std,
        _ => 1.0,
    };
    let (lo, hi) = cover(values, min_span);
    match param.kind {
        ParamKind::LogSigma => (lo.max(*LOG_SIGMA_RANGE.start()), hi.min(*LOG_SIGMA_RANGE.end())),
        _ => (lo, hi),
    }
}

/// Mean NLL of `model` on `data` with parameters `x` and `y` set to every point of a `g x g` grid over
/// `x_range` x `y_range` (all else fixed), on at most [`MAX_POINTS`] points. See the module docs for the
/// cost; [`LandscapeJob`] computes the same in slices of rows.
///
/// # Errors
/// [`LandscapeError`] for empty data, a grid size outside `2..=MAX_GRID`, a missing or repeated parameter.
pub fn landscape(
    model: &Mixture,
    data: &[f64],
    x: (ParamRef, (f64, f64)),
    y: (ParamRef, (f64, f64)),
    g: usize,
) -> Result<Landscape, LandscapeError> {
    let mut job = LandscapeJob::new(model, data, x, y, g, MAX_POINTS)?;
    job.advance(g);
    Ok(job.into_landscape())
}

/// A landscape computed a few rows at a time, so that a page can spread it over animation frames.
#[derive(Debug, Clone)]
pub struct LandscapeJob {
    landscape: Landscape,
    k: usize,
    base: Vec<f64>,
    involved: Vec<usize>,
    points: Vec<f64>,
    /// Per point, the log-sum-exp of the components that do not change (unnormalised log-weights).
    fixed: Vec<f64>,
    /// The cells of the row being computed (moved to the landscape when the row is complete).
    row: Vec<f64>,
}

impl LandscapeJob {
    /// Prepares the grid (one O(N K) pass); at most `max_points` (>= 1) points are used, every s-th
    /// one with `s = ceil(N / max_points)`.
    ///
    /// # Errors
    /// As [`landscape`].
    pub fn new(
        model: &Mixture,
        data: &[f64],
        x: (ParamRef, (f64, f64)),
        y: (ParamRef, (f64, f64)),
        g: usize,
        max_points: usize,
    ) -> Result<Self, LandscapeError> {
        let k = model.k();
        if data.is_empty() {
            return Err(LandscapeError::EmptyData);
        }
        if !(2..=MAX_GRID).contains(&g) {
            return Err(LandscapeError::GridSize(g));
        }
        for p in [x.0, y.0] {
            if p.component >= k {
                return Err(LandscapeError::NoSuchParameter { name: p.name(), k });
            }
        }
        if x.0 == y.0 {
            return Err(LandscapeError::SameParameter);
        }
        let stride = data.len().div_ceil(max_points.max(1));
        let points: Vec<f64> = data.iter().copied().step_by(stride).collect();
        let base = canonical_params(model);
        let involved: Vec<usize> = if x.0.component == y.0.component {
            vec![x.0.component]
        } else {
            vec![x.0.component, y.0.component]
        };
        let fixed: Vec<f64> = points
            .iter()
            .map(|&xi| {
                let terms: Vec<f64> = (0..k)
                    .filter(|j| !involved.contains(j))
                    .map(|j| base[j] + normal_ln_pdf(xi, base[k + j], base[2 * k + j]))
                    .collect();
                log_sum_exp(&terms)
            })
            .collect();
        Ok(LandscapeJob {
            landscape: Landscape {
                x: x.0,
                y: y.0,
                x_range: x.1,
                y_range: y.1,
                g,
                values: Vec::with_capacity(g * g),
                points_used: points.len(),
                data_points: data.len(),
            },
            k,
            base,
            involved,
            points,
            fixed,
            row: Vec::with_capacity(g),
        })
    }

    /// Computes up to `rows` more rows' worth of cells (each row O(G N m)); returns true when the grid is
    /// complete.
    pub fn advance(&mut self, rows: usize) -> bool {
        self.advance_cells(rows.saturating_mul(self.landscape.g))
    }

    /// Computes up to `cells` more cells (each O(N m), a pass over the points used), row by row; a row
    /// joins [`LandscapeJob::partial`] when its last cell is done. Returns true when the grid is complete.
    pub fn advance_cells(&mut self, cells: usize) -> bool {
        let (k, l) = (self.k, &mut self.landscape);
        let g = l.g;
        let mut p = self.base.clone();
        for _ in 0..cells {
            let iy = l.values.len() / g;
            if iy >= g {
                break;
            }
            let ix = self.row.len();
            p.copy_from_slice(&self.base);
            p[l.x.flat_index(k)] = at(l.x_range, ix, g);
            p[l.y.flat_index(k)] = at(l.y_range, iy, g);
            let changing: Vec<Changing> = self.involved.iter().map(|&j| Changing::new(&p, k, j)).collect();
            let mut total = LogLikelihoodSum::new();
            for (&xi, &f) in self.points.iter().zip(&self.fixed) {
                total.add(log_sum_exp_parts(xi, f, &changing));
            }
            self.row
                .push(-(total.total() / self.points.len() as f64 - log_sum_exp(&p[..k])));
            if self.row.len() == g {
                l.values.append(&mut self.row);
            }
        }
        self.finished()
    }

    /// Cells computed so far, out of G².
    pub fn cells_done(&self) -> usize {
        self.landscape.values.len() + self.row.len()
    }

    /// Rows computed so far, out of G.
    pub fn rows_done(&self) -> usize {
        self.landscape.values.len() / self.landscape.g
    }
    /// True when every row is computed.
    pub fn finished(&self) -> bool {
        self.rows_done() == self.landscape.g
    }
    /// The landscape so far (`values` holds the completed rows, bottom row first).
    pub fn partial(&self) -> &Landscape {
        &self.landscape
    }
    /// The landscape (complete if [`LandscapeJob::finished`]).
    pub fn into_landscape(self) -> Landscape {
        self.landscape
    }
}

/// One changing component in one cell: `ln(a_j N(x | j)) = log_norm - (x - mu)^2 inv_var / 2` ([`log_joint`]),
/// with the unnormalised log-weight `a_j` (the cell subtracts `log_sum_exp(a)` once).
struct Changing {
    log_norm: f64,
    mean: f64,
    half_inv_var: f64,
}

impl Changing {
    fn new(p: &[f64], k: usize, j: usize) -> Self {
        Changing {
            log_norm: p[j] - p[2 * k + j] - LN_SQRT_2PI,
            mean: p[k + j],
            half_inv_var: half_inv_var(exp(-2.0 * p[2 * k + j])),
        }
    }
}

/// `(m, s)` with `ln(sum of the changing terms and exp(fixed)) = m + ln s`, `s` in `[1, 3]`, as
/// [`LogLikelihoodSum::add`] takes it; `(-inf, 1)` if every term is `-inf`.
#[inline]
fn log_sum_exp_parts(x: f64, fixed: f64, changing: &[Changing]) -> (f64, f64) {
    let mut terms = [fixed, f64::NEG_INFINITY, f64::NEG_INFINITY];
    for (t, c) in terms[1..].iter_mut().zip(changing) {
        *t = log_joint(c.log_norm, c.half_inv_var, x - c.mean);
    }
    let m = terms[0].max(terms[1]).max(terms[2]);
    if m == f64::NEG_INFINITY || m.is_nan() {
        return (m, 1.0);
    }
    let s = terms.iter().map(|&t| share(t - m)).sum();
    (m, s)
}

/// A method's path through the two parameters `(x, y)`, from its recorded trajectory (first point =
/// start, last = current), for drawing on the landscape and for [`auto_range`].
pub fn path(recorder: &TrajectoryRecorder, x: ParamRef, y: ParamRef) -> Vec<(f64, f64)> {
    let xs = recorder.param_series(x);
    let ys = recorder.param_series(y);
    xs.iter().zip(&ys).map(|(a, b)| (a.1, b.1)).collect()
}

/// A landscape ready to compute over two parameters, with both methods' paths through them.
#[derive(Debug, Clone)]
pub struct LandscapePlan {
    /// The job, computed a few rows at a time ([`LandscapeJob::advance`]).
    pub job: LandscapeJob,
    /// Gradient descent's path `(x, y)`, start first.
    pub direct_path: Vec<(f64, f64)>,
    /// EM's path.
    pub em_path: Vec<(f64, f64)>,
}

/// Plans the landscape of the mean NLL over the parameters with flat indices `x` and `y`
/// ([`ParamRef::from_flat`]), the others held at `model` (gradient descent's current parameters), on a
/// `grid` x `grid` lattice whose ranges cover `model` and both recorded paths ([`auto_range`]), on at
/// most [`MAX_POINTS`] of `data`.
///
/// # Errors
/// [`LandscapeError::NoSuchParameter`] for an index `>= 3K`, and those of [`LandscapeJob::new`].
pub fn plan_landscape(
    model: &Mixture,
    data: &[f64],
    recorders: [&TrajectoryRecorder; 2],
    (x, y): (usize, usize),
    grid: usize,
) -> Result<LandscapePlan, LandscapeError> {
    let k = model.k();
    let param = |i: usize| {
        ParamRef::from_flat(i, k).ok_or(LandscapeError::NoSuchParameter {
            name: format!("number {i} (use 0 to {})", 3 * k - 1),
            k,
        })
    };
    let (px, py) = (param(x)?, param(y)?);
    let series = |p: ParamRef| recorders.map(|r| r.param_series(p).into_iter().map(|(_, v)| v).collect::<Vec<_>>());
    let (vx, vy) = (series(px), series(py));
    let data_std = crate::data::sample::mean_and_std(data).1;
    let range_x = auto_range(px, model, &[&vx[0], &vx[1]], data_std);
    let range_y = auto_range(py, model, &[&vy[0], &vy[1]], data_std);
    let job = LandscapeJob::new(model, data, (px, range_x), (py, range_y), grid, MAX_POINTS)?;
    let path = |i: usize| vx[i].iter().copied().zip(vy[i].iter().copied()).collect();
    Ok(LandscapePlan {
        job,
        direct_path: path(0),
        em_path: path(1),
    })
}
