//! One component's responsibility-weighted sums, the only statistics of the data that the gradient and
//! the M-step need.
//!
//! # Formula
//! Around a centre `c` (the component's mean when the pass ran): `R = sum_i r_i`, `A = sum_i r_i (x_i - c)`,
//! `B = sum_i r_i (x_i - c)^2`. The weighted mean is `c + A/R` and the weighted variance
//! `sum_i r_i (x_i - mean)^2 / R = B/R - (A/R)^2`.
//!
//! # Failure cases
//! The variance is a difference; it loses about `log10((A/R)^2 / variance)` digits when the mean moved far
//! from `c` compared with the spread (data near 1e8 and a start at 0). [`ComponentSums::needs_recentring`]
//! says when that loss passes [`RECENTRING_RATIO`]; the caller then sums again around the new mean, where
//! `A/R` is tiny and the difference exact to rounding.

/// Recentre when `(A/R)^2 > RECENTRING_RATIO * variance`: beyond it the variance would keep fewer than
/// about 12 of its 16 digits.
pub const RECENTRING_RATIO: f64 = 1e4;

/// `R`, `A` and `B` of one component around `centre`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ComponentSums {
    /// The centre `c` the sums are taken around.
    pub centre: f64,
    /// `R = sum_i r_i` (the component's share of the points, `N_k`).
    pub r: f64,
    /// `A = sum_i r_i (x_i - c)`.
    pub a: f64,
    /// `B = sum_i r_i (x_i - c)^2`.
    pub b: f64,
}

impl ComponentSums {
    /// Empty sums (no points yet) around `centre`.
    pub fn around(centre: f64) -> Self {
        ComponentSums {
            centre,
            r: 0.0,
            a: 0.0,
            b: 0.0,
        }
    }

    /// Adds one point `x` with responsibility `r`.
    #[inline]
    pub fn add(&mut self, r: f64, x: f64) {
        let d = x - self.centre;
        let rd = r * d;
        self.r += r;
        self.a += rd;
        self.b += rd * d;
    }

    /// `(weighted mean, weighted variance)`, or `None` where they are not finite numbers (`R = 0`: the
    /// data say nothing about the component).
    pub fn moments(&self) -> Option<(f64, f64)> {
        let shift = self.a / self.r;
        let var = self.b / self.r - shift * shift;
        (shift.is_finite() && var.is_finite()).then_some((self.centre + shift, var))
    }

    /// The centre to sum around again when [`ComponentSums::needs_recentring`]: the weighted mean, or the
    /// old centre for a component without responsibility.
    pub fn recentred(&self) -> f64 {
        self.moments().map_or(self.centre, |(mean, _)| mean)
    }

    /// Whether the variance from these sums has lost too many digits (see the module's failure cases).
    pub fn needs_recentring(&self) -> bool {
        let shift = self.a / self.r;
        let var = self.b / self.r - shift * shift;
        shift * shift > RECENTRING_RATIO * var.max(0.0)
    }
}
