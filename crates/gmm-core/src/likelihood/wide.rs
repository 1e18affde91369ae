//! WebAssembly only: four `f64` lanes as two `simd128` vectors, so that the pass's exponential runs as two
//! independent chains of operations, interleaved, rather than one chain per loop iteration.
//!
//! # Why two vectors
//! [`crate::math::exp_nonpositive_with`] is a chain of about twenty dependent operations. With one vector
//! per iteration the processor must overlap several iterations to keep its pipes busy, which the
//! engines' code (every constant and temporary in registers) leaves it little room for; two chains side
//! by side give it twice the independent work in the same stretch of code.
//!
//! # Same bits
//! Every operation here is the IEEE operation of the `f64` code, lane by lane and in the same order (no
//! fused multiply-add), so the pass gives the same bits as natively.

use crate::math::{ExpLanes, EXP_TABLE};
use std::arch::wasm32::{
    f64x2, f64x2_add, f64x2_extract_lane, f64x2_ge, f64x2_mul, f64x2_splat, f64x2_sub, i64x2_add, i64x2_shl, u64x2,
    u64x2_extract_lane, v128, v128_and, v128_bitselect,
};
use std::ops::{Add, Mul, Sub};

/// `2 V` `f64` lanes in `V` vectors: points `i..i + 2 V` of a row.
#[derive(Debug, Clone, Copy)]
pub struct Wide<const V: usize>([v128; V]);

/// The width the pass uses.
pub type Quad = Wide<VECTORS>;

/// Vectors per iteration.
pub const VECTORS: usize = 2;

impl<const V: usize> Wide<V> {
    /// Lanes in all.
    pub const LANES: usize = 2 * V;

    /// Lanes `0..2 V` of `xs` (at least `2 V` long).
    #[inline(always)]
    pub fn load(xs: &[f64]) -> Self {
        Wide(std::array::from_fn(|v| f64x2(xs[2 * v], xs[2 * v + 1])))
    }

    /// Writes the lanes to `out[0..2 V]`.
    #[inline(always)]
    pub fn store(self, out: &mut [f64]) {
        for (v, &x) in self.0.iter().enumerate() {
            out[2 * v] = f64x2_extract_lane::<0>(x);
            out[2 * v + 1] = f64x2_extract_lane::<1>(x);
        }
    }

    #[inline(always)]
    fn zip(self, other: Self, f: impl Fn(v128, v128) -> v128) -> Self {
        Wide(std::array::from_fn(|v| f(self.0[v], other.0[v])))
    }

    /// `if self >= floor { self } else { floor }` per lane, and the mask of the lanes where `self >= floor`
    /// (all ones; all zeros where it is below or NaN).
    #[inline(always)]
    pub fn at_least(self, floor: Self) -> (Self, Self) {
        let keep = self.zip(floor, |a, b| f64x2_ge(a, b));
        let kept = Wide(std::array::from_fn(|v| {
            v128_bitselect(self.0[v], floor.0[v], keep.0[v])
        }));
        (kept, keep)
    }

    /// The lanes of `self` where `mask` is all ones, `+0.0` where it is all zeros.
    #[inline(always)]
    pub fn and(self, mask: Self) -> Self {
        self.zip(mask, |a, b| v128_and(a, b))
    }
}

impl<const V: usize> Add for Wide<V> {
    type Output = Self;
    #[inline(always)]
    fn add(self, other: Self) -> Self {
        self.zip(other, |a, b| f64x2_add(a, b))
    }
}

impl<const V: usize> Sub for Wide<V> {
    type Output = Self;
    #[inline(always)]
    fn sub(self, other: Self) -> Self {
        self.zip(other, |a, b| f64x2_sub(a, b))
    }
}

impl<const V: usize> Mul for Wide<V> {
    type Output = Self;
    #[inline(always)]
    fn mul(self, other: Self) -> Self {
        self.zip(other, |a, b| f64x2_mul(a, b))
    }
}

impl<const V: usize> ExpLanes for Wide<V> {
    #[inline(always)]
    fn splat(v: f64) -> Self {
        Wide([f64x2_splat(v); V])
    }
    #[inline(always)]
    fn table_entry(t: Self) -> (Self, Self) {
        // Each lane's entry as in `exp_table_entry`: the index from the lane's low bits, `e` added to the
        // scale's exponent bits by one shift and one 64-bit addition for both lanes of a vector.
        let entries = |t: v128| {
            let [t0, s0] = EXP_TABLE[(u64x2_extract_lane::<0>(t) % 128) as usize];
            let [t1, s1] = EXP_TABLE[(u64x2_extract_lane::<1>(t) % 128) as usize];
            (u64x2(t0, t1), i64x2_add(u64x2(s0, s1), i64x2_shl(t, 45)))
        };
        let both: [(v128, v128); V] = std::array::from_fn(|v| entries(t.0[v]));
        (Wide(both.map(|e| e.0)), Wide(both.map(|e| e.1)))
    }
}
