//! The seeded random helpers: one named generator (PCG-64) and the draws built on it, so that a seed gives
//! the same numbers natively and in WebAssembly.

use crate::math::ln;
use rand::{RngExt, SeedableRng};

/// The random generator used everywhere: PCG-64, named explicitly so that a seed gives the same stream
/// natively and in WebAssembly (rand's `SmallRng` picks different algorithms per platform).
pub type SeededRng = rand_pcg::Pcg64;

/// A generator from a 64-bit seed.
pub fn seeded_rng(seed: u64) -> SeededRng {
    SeededRng::seed_from_u64(seed)
}

/// A uniform draw from `(0, 1]`: never 0, so its logarithm is finite.
pub fn uniform_open0(rng: &mut SeededRng) -> f64 {
    1.0 - rng.random::<f64>()
}

/// A standard normal draw by Marsaglia's polar method (only `ln` and `sqrt`, both deterministic here).
pub fn standard_normal(rng: &mut SeededRng) -> f64 {
    loop {
        let u = 2.0 * rng.random::<f64>() - 1.0;
        let v = 2.0 * rng.random::<f64>() - 1.0;
        let s = u * u + v * v;
        if s > 0.0 && s < 1.0 {
            return u * (-2.0 * ln(s) / s).sqrt();
        }
    }
}

/// A uniform index in `0..n` (`n >= 1`), drawn through `u64` so that it does not depend on `usize`'s width.
pub fn uniform_index(rng: &mut SeededRng, n: usize) -> usize {
    rng.random_range(0..n as u64) as usize
}

/// A uniformly random permutation of `0..n` (Fisher-Yates), reproducible from `seed`.
pub fn random_permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut rng = seeded_rng(seed);
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, uniform_index(&mut rng, i + 1));
    }
    order
}
