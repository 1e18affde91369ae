//! Numbers behind the homework's side questions, computed from a mixture.

use crate::format::short_number;
use crate::model::mixture::Mixture;
use std::fmt;

/// Why a grid mean could not be taken.
#[derive(Debug, Clone, PartialEq)]
pub enum GridError {
    /// Fewer than 2 grid points: the trapezoid rule needs a spacing.
    TooFewPoints { n: usize },
    /// The interval is not finite with `lo < hi`.
    BadInterval { lo: f64, hi: f64 },
}

impl fmt::Display for GridError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GridError::TooFewPoints { n } => write!(f, "the grid has {n} points; it needs at least 2"),
            GridError::BadInterval { lo, hi } => {
                write!(
                    f,
                    "the grid runs from {} to {}; it needs finite ends with lo < hi",
                    short_number(*lo),
                    short_number(*hi)
                )
            }
        }
    }
}

impl std::error::Error for GridError {}

/// Side question 1: "what is `mean(exp(log p(x)))` over a grid?"
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GridMean {
    /// `(1/n) sum_i p(x_i)` over the grid: close to `(integral of p over [lo, hi]) / (hi - lo)`.
    pub mean: f64,
    /// Trapezoid-rule integral of `p` over `[lo, hi]` on the same grid: the probability mass there.
    pub integral: f64,
    /// The largest density value on the grid (a density may exceed 1).
    pub max_density: f64,
}

/// The homework's grid: 1000 points from -5 to 5.
pub const HOMEWORK_GRID: (f64, f64, usize) = (-5.0, 5.0, 1000);

/// `mean(exp(log p(x)))` over `n >= 2` evenly spaced points on `[lo, hi]`, with the trapezoid integral.
///
/// # Formula
/// With spacing `h = (hi - lo) / (n - 1)`, the trapezoid rule gives
/// `integral = h (sum_i p_i - (p_0 + p_{n-1}) / 2)`, so `mean = (integral / h + (p_0 + p_{n-1}) / 2) / n`,
/// about `integral / (hi - lo)`: 0.1 for a density whose mass lies inside `[-5, 5]`, a little less when
/// some mass lies outside.
///
/// # Errors
/// [`GridError::TooFewPoints`] for `n < 2`, [`GridError::BadInterval`] unless `lo < hi`, both finite.
pub fn grid_mean(model: &Mixture, lo: f64, hi: f64, n: usize) -> Result<GridMean, GridError> {
    if n < 2 {
        return Err(GridError::TooFewPoints { n });
    }
    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return Err(GridError::BadInterval { lo, hi });
    }
    let p = model.density_on_grid(lo, hi, n);
    let h = (hi - lo) / (n - 1) as f64;
    let sum: f64 = p.iter().sum();
    Ok(GridMean {
        mean: sum / n as f64,
        integral: h * (sum - 0.5 * (p[0] + p[n - 1])),
        max_density: p.iter().copied().fold(0.0, f64::max),
    })
}
