//! Rewinding a page to a recorded step of the timeline ([`crate::run::timeline`]).
//!
//! The session that steps (in a Web Worker) answers a request for step `t` with [`snapshot_list`]: the
//! recorded step nearest `t` ([`FitSession::recorded_step`]) and each method's parameters there, a few
//! dozen numbers. The page's copy of the session reads it with [`rewind_to`] and shows it through
//! [`shown`], which falls back to the live fit when nothing is rewound. (The copy never steps, so its own
//! timeline holds only step 0; it asks rather than records.)

use crate::model::mixture::Mixture;
use crate::run::session::{FitSession, Status};
use crate::run::timeline::{MethodId, Snap, Snapshot};

impl FitSession {
    /// The recorded step a request for step `step` lands on: the session's recorded steps are the
    /// multiples of the coarser of the two methods' strides (both powers of two, so each method holds
    /// all of them up to its own step count) and the current step, [`FitSession::step`].
    pub fn recorded_step(&self, step: usize, snap: Snap) -> usize {
        let latest = self.step();
        if step >= latest {
            return latest;
        }
        let stride = self.direct_timeline().stride().max(self.em_timeline().stride());
        let down = step / stride * stride;
        let up = if down == step {
            step
        } else {
            (down + stride).min(latest)
        };
        match snap {
            Snap::Down => down,
            Snap::Up => up,
            Snap::Nearest if step - down <= up - step => down,
            Snap::Nearest => up,
        }
    }

    /// What `method` showed after `step` steps: its current state if it has taken no more steps than
    /// that (a method that stopped early shows where it stopped), else the record of that step, if kept.
    pub fn snapshot(&self, method: MethodId, step: usize) -> Option<Snapshot> {
        let (track, timeline) = match method {
            MethodId::Direct => (self.direct_track(), self.direct_timeline()),
            MethodId::Em => (self.em_track(), self.em_timeline()),
        };
        if step < track.steps() {
            return timeline.at(step);
        }
        let k = self.config().k;
        let (model, floored, emptied) = match method {
            MethodId::Direct => (self.direct().model(), self.direct().floored(), self.direct().emptied()),
            MethodId::Em => (self.em().model(), self.em().floored(), self.em().emptied()),
        };
        let pad = |flags: &[bool]| (0..k).map(|i| flags.get(i).copied().unwrap_or(false)).collect();
        Some(Snapshot {
            step: track.steps(),
            model: model.clone(),
            floored: pad(floored),
            emptied: pad(emptied),
        })
    }
}

/// Both methods at one recorded step of the session: what a page shows while rewound.
#[derive(Debug, Clone, PartialEq)]
pub struct Rewound {
    /// The session step shown (each method shows the smaller of this and its own step count).
    pub step: usize,
    pub direct: Snapshot,
    pub em: Snapshot,
}

impl Rewound {
    /// Both methods at the recorded step `step` lands on ([`FitSession::recorded_step`]).
    pub fn at(session: &FitSession, step: usize, snap: Snap) -> Rewound {
        let step = session.recorded_step(step, snap);
        let get = |method| {
            session
                .snapshot(method, step)
                .expect("a recorded step of the session is held")
        };
        Rewound {
            step,
            direct: get(MethodId::Direct),
            em: get(MethodId::Em),
        }
    }

    /// Relabels both snapshots' components by `order`, as [`FitSession::permute_components`] does.
    pub fn permute_components(&mut self, order: &[usize]) {
        self.direct.permute_components(order);
        self.em.permute_components(order);
    }
}

/// The rewound state as a list of numbers, for a copy of the session on another thread:
/// `[K, step, direct..., em...]` with each method `[step, params (3K)..., floored (K)..., emptied (K)...]`
/// and flags as 0 or 1. It is `2 + 2 (1 + 5K)` numbers long, whatever N and the step count.
pub fn snapshot_list(session: &FitSession, step: usize, snap: Snap) -> Vec<f64> {
    let rewound = Rewound::at(session, step, snap);
    let mut out = vec![session.config().k as f64, rewound.step as f64];
    for s in [&rewound.direct, &rewound.em] {
        out.push(s.step as f64);
        out.extend_from_slice(s.model.flat());
        out.extend(s.floored.iter().chain(&s.emptied).map(|&f| f as u8 as f64));
    }
    out
}

/// Reads a [`snapshot_list`] of an identical session stepped elsewhere: `None` when it is the current
/// step (nothing to rewind; the live fit is shown).
///
/// # Errors
/// A message if the list does not fit this session: another K, a malformed list, or a step this copy
/// has not yet heard of (its progress is behind).
pub fn rewind_to(session: &FitSession, list: &[f64]) -> Result<Option<Rewound>, String> {
    let k = session.config().k;
    if list.first() != Some(&(k as f64)) {
        return Err(format!("the snapshot is for another K (this session has K = {k})"));
    }
    let per_method = 1 + 5 * k;
    if list.len() != 2 + 2 * per_method {
        return Err(format!(
            "the snapshot has {} numbers, not {}",
            list.len(),
            2 + 2 * per_method
        ));
    }
    let count = |v: f64, what: &str| -> Result<usize, String> {
        if v.fract() == 0.0 && (0.0..=1e9).contains(&v) {
            Ok(v as usize)
        } else {
            Err(format!("{what} = {v} is not a step"))
        }
    };
    let step = count(list[1], "the snapshot's step")?;
    let read = |part: &[f64], known: usize| -> Result<Snapshot, String> {
        let step = count(part[0], "a method's step")?;
        if step > known {
            return Err(format!(
                "the snapshot's step {step} lies past the {known} steps known here"
            ));
        }
        let model = Mixture::from_flat(&part[1..1 + 3 * k]).map_err(|e| e.to_string())?;
        let flags: Vec<bool> = part[1 + 3 * k..].iter().map(|&f| f != 0.0).collect();
        Ok(Snapshot {
            step,
            model,
            floored: flags[..k].to_vec(),
            emptied: flags[k..].to_vec(),
        })
    };
    let direct = read(&list[2..2 + per_method], session.direct_track().steps())?;
    let em = read(&list[2 + per_method..], session.em_track().steps())?;
    Ok((step < session.step()).then_some(Rewound { step, direct, em }))
}

/// What a page shows of one method: its parameters, reports, step, loss and status.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MethodView<'a> {
    pub model: &'a Mixture,
    /// Length K.
    pub floored: &'a [bool],
    /// Length K for EM; empty for the direct fit when live.
    pub emptied: &'a [bool],
    pub steps: usize,
    pub loss: f64,
    /// The method's status when live or rewound to where it stopped; running at an earlier step (as a
    /// fresh run stopped there would be).
    pub status: Status,
}

/// `method` as the page shows it: at the rewound step if there is one, else live.
pub fn shown<'a>(session: &'a FitSession, rewound: Option<&'a Rewound>, method: MethodId) -> MethodView<'a> {
    let (track, live_model, floored, emptied) = match method {
        MethodId::Direct => (
            session.direct_track(),
            session.direct().model(),
            session.direct().floored(),
            session.direct().emptied(),
        ),
        MethodId::Em => (
            session.em_track(),
            session.em().model(),
            session.em().floored(),
            session.em().emptied(),
        ),
    };
    let snapshot = rewound.map(|r| match method {
        MethodId::Direct => &r.direct,
        MethodId::Em => &r.em,
    });
    match snapshot {
        Some(s) if s.step < track.steps() => MethodView {
            model: &s.model,
            floored: &s.floored,
            emptied: &s.emptied,
            steps: s.step,
            loss: track.losses()[s.step],
            status: Status::Running,
        },
        _ => MethodView {
            model: live_model,
            floored,
            emptied,
            steps: track.steps(),
            loss: track.current_loss(),
            status: track.status(),
        },
    }
}

/// One [`snapshot_list`] from the first panel's session and one from the second's (each stepping only its
/// own panel), asked for the same recorded step: the list a session that stepped both gives, the first
/// list's direct part and the second's em part, at the later of the two steps they landed on (a method
/// that stopped earlier shows where it stopped).
///
/// # Errors
/// A message if the lists are for different K or are not snapshot lists.
pub fn merge_snapshots(first: &[f64], second: &[f64]) -> Result<Vec<f64>, String> {
    let k = match (first.first(), second.first()) {
        (Some(&a), Some(&b)) if a == b && a.fract() == 0.0 && (1.0..=1e6).contains(&a) => a as usize,
        _ => return Err("the two snapshots are for different K".into()),
    };
    let per_method = 1 + 5 * k;
    if first.len() != 2 + 2 * per_method || second.len() != first.len() {
        return Err(format!(
            "a snapshot has {} numbers, not {}",
            first.len().max(second.len()),
            2 + 2 * per_method
        ));
    }
    let mut out = vec![k as f64, first[1].max(second[1])];
    out.extend_from_slice(&first[2..2 + per_method]);
    out.extend_from_slice(&second[2 + per_method..]);
    Ok(out)
}
