//! The timeline: each method's parameters at the steps of a run, kept in memory bounded independently
//! of N and of the step count, so that a page can rewind both fits to a recorded step and show exactly
//! what a fresh run stopped there would show.
//!
//! # Recording rule (thinning by halving)
//! The session records each method after every step it takes ([`Timeline::record`]). A step is kept
//! when it is a multiple of the stride `s` (1 at first). When [`TIMELINE_CAP`] records are held and one
//! more is due, every second record is dropped and the stride doubles. So the kept steps are always
//! `0, s, 2s, ...` up to the method's step count, `s` a power of two, at most [`TIMELINE_CAP`] of them.
//! The latest step itself is not stored: it is the fit's current state. A step undone by a divergence
//! (the fit went back to the step before) is dropped from the record too ([`Timeline::truncate`]).
//!
//! # Memory bound
//! One record holds the `3K` parameters (8 bytes each) and two flags per component (on the variance
//! floor, without mass; 1 byte each): [`record_bytes`]`(K) = 26 K` bytes. A timeline never holds
//! (or reserves room for) more than [`TIMELINE_CAP`] records: [`max_bytes`]`(K)` = 1024 · 26 K bytes,
//! 266,240 bytes (260 KiB) per method at the largest K = 10, whatever N and however many steps.
//!
//! Rewinding a page with these records is [`crate::run::rewind`]'s.

use crate::model::mixture::{permute_blocks, Mixture};

/// Records each method's timeline holds at most (an even number, so halving keeps the rule exact).
pub const TIMELINE_CAP: usize = 1024;

/// Bytes of one record for K components: `3K` parameters of 8 bytes and `2K` one-byte flags.
pub const fn record_bytes(k: usize) -> usize {
    3 * k * 8 + 2 * k
}

/// The most heap memory one method's timeline uses for K components: [`TIMELINE_CAP`] records.
pub const fn max_bytes(k: usize) -> usize {
    TIMELINE_CAP * record_bytes(k)
}

/// The two methods, to name one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodId {
    Direct,
    Em,
}

impl MethodId {
    /// `direct` or `em`, as the page names them.
    pub fn from_name(name: &str) -> Option<MethodId> {
        match name {
            "direct" => Some(MethodId::Direct),
            "em" => Some(MethodId::Em),
            _ => None,
        }
    }
}

/// Which recorded step a request for a step between two recorded ones means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Snap {
    /// The nearer one (the earlier on a tie).
    Nearest,
    /// The recorded step at or before it (moving back).
    Down,
    /// The recorded step at or after it (moving forward).
    Up,
}

impl Snap {
    /// `nearest`, `down` or `up`.
    pub fn from_name(name: &str) -> Option<Snap> {
        match name {
            "nearest" => Some(Snap::Nearest),
            "down" => Some(Snap::Down),
            "up" => Some(Snap::Up),
            _ => None,
        }
    }
}

/// What one method showed at one step: its parameters and its per-component reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    pub step: usize,
    pub model: Mixture,
    /// Which components sat on the variance floor (length K).
    pub floored: Vec<bool>,
    /// Which components had (almost) no responsibility (length K; all false for the direct fit).
    pub emptied: Vec<bool>,
}

impl Snapshot {
    /// Lists the snapshot's components in `order` (as [`Mixture::permuted`] does).
    pub(crate) fn permute_components(&mut self, order: &[usize]) {
        self.model = self.model.permuted(order);
        self.floored = order.iter().map(|&i| self.floored[i]).collect();
        self.emptied = order.iter().map(|&i| self.emptied[i]).collect();
    }
}

/// The recorded steps of one method (see the module's recording rule and memory bound).
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    k: usize,
    stride: usize,
    /// `3K` parameters per record, record `i` being step `i * stride`.
    params: Vec<f64>,
    /// `2K` flags per record: floored, then emptied.
    flags: Vec<bool>,
}

impl Timeline {
    /// A timeline holding step 0, the shared start (nothing on the floor, nothing emptied).
    pub fn new(init: &Mixture) -> Self {
        let k = init.k();
        let mut timeline = Timeline {
            k,
            stride: 1,
            params: Vec::new(),
            flags: Vec::new(),
        };
        timeline.push(init.flat(), &vec![false; 2 * k]);
        timeline
    }

    /// Records the state after `step` steps, the step after the last one recorded: kept if `step` is a
    /// multiple of the stride (halving first when the timeline is full). `emptied` may be empty (the
    /// direct fit has no such report), as may `floored`; missing flags are false.
    pub fn record(&mut self, step: usize, model: &Mixture, floored: &[bool], emptied: &[bool]) {
        // The next step due is `len * stride`: any other is between two kept ones (or already held).
        if step != self.len() * self.stride || model.k() != self.k {
            return;
        }
        if self.len() == TIMELINE_CAP {
            // TIMELINE_CAP is even, so `step` (= TIMELINE_CAP * stride) is due at the doubled stride too.
            self.halve();
        }
        let k = self.k;
        let flag = |flags: &[bool], i: usize| flags.get(i).copied().unwrap_or(false);
        let flags: Vec<bool> = (0..k)
            .map(|i| flag(floored, i))
            .chain((0..k).map(|i| flag(emptied, i)))
            .collect();
        self.push(model.flat(), &flags);
    }

    /// Appends one record, never reserving room for more than [`TIMELINE_CAP`] records.
    fn push(&mut self, params: &[f64], flags: &[bool]) {
        fn bounded_extend<T: Copy>(v: &mut Vec<T>, items: &[T], max_len: usize) {
            if v.len() + items.len() > v.capacity() {
                let want = (2 * v.capacity()).clamp(v.len() + items.len(), max_len.max(v.len() + items.len()));
                v.reserve_exact(want - v.len());
            }
            v.extend_from_slice(items);
        }
        bounded_extend(&mut self.params, params, TIMELINE_CAP * 3 * self.k);
        bounded_extend(&mut self.flags, flags, TIMELINE_CAP * 2 * self.k);
    }

    /// Keeps every second record (steps that are multiples of twice the stride) and doubles the stride.
    fn halve(&mut self) {
        let (p, f) = (3 * self.k, 2 * self.k);
        let kept = self.len().div_ceil(2);
        for i in 1..kept {
            self.params.copy_within(2 * i * p..(2 * i + 1) * p, i * p);
            self.flags.copy_within(2 * i * f..(2 * i + 1) * f, i * f);
        }
        self.params.truncate(kept * p);
        self.flags.truncate(kept * f);
        self.stride *= 2;
    }

    /// Drops the records after step `steps` (steps a divergence undid).
    pub fn truncate(&mut self, steps: usize) {
        let keep = (steps / self.stride + 1).min(self.len());
        self.params.truncate(keep * 3 * self.k);
        self.flags.truncate(keep * 2 * self.k);
    }

    /// Relabels every record's components by `order` (see [`Mixture::permuted`]), as the session
    /// relabels its fits.
    pub fn permute_components(&mut self, order: &[usize]) {
        let k = self.k;
        for p in self.params.chunks_exact_mut(3 * k) {
            permute_blocks(p, order);
        }
        for f in self.flags.chunks_exact_mut(k) {
            let old = f.to_vec();
            for (slot, &i) in f.iter_mut().zip(order) {
                *slot = old[i];
            }
        }
    }

    /// The number of records held (at most [`TIMELINE_CAP`]).
    pub fn len(&self) -> usize {
        self.params.len() / (3 * self.k)
    }
    /// Never true: step 0 is always held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The spacing of the recorded steps, a power of two.
    pub fn stride(&self) -> usize {
        self.stride
    }
    /// The recorded steps, `0, s, 2s, ...`.
    pub fn steps(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).map(|i| i * self.stride)
    }
    /// The heap memory the records take now, counting the room reserved (at most [`max_bytes`]).
    pub fn heap_bytes(&self) -> usize {
        self.params.capacity() * std::mem::size_of::<f64>() + self.flags.capacity()
    }

    /// The record of `step`, if it is one of the recorded steps.
    pub fn at(&self, step: usize) -> Option<Snapshot> {
        if step % self.stride != 0 || step / self.stride >= self.len() {
            return None;
        }
        let (i, k) = (step / self.stride, self.k);
        let flags = &self.flags[i * 2 * k..(i + 1) * 2 * k];
        Some(Snapshot {
            step,
            model: Mixture::from_flat(&self.params[i * 3 * k..(i + 1) * 3 * k])
                .expect("recorded parameters were a valid mixture"),
            floored: flags[..k].to_vec(),
            emptied: flags[k..].to_vec(),
        })
    }
}
