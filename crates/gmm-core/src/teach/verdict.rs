//! The verdict on a run, computed from the run itself: who ended lower and by how much, where each method
//! settled, whether each reached the best fit found, and the reasons when one did not.
//!
//! Every number a sentence states is a field here; [`crate::teach::verdict_text`] only words them.

use crate::fit::method::MethodKind;
use crate::likelihood::pass::PosteriorPass;
use crate::run::session::{FitSession, Status, Track};
use crate::run::settling::{settled_at, SETTLED_WITHIN};
use crate::run::third_way::ThirdWay;

/// Final losses closer than this (nats per point) are a tie.
pub const TIE_WITHIN: f64 = 1e-4;
/// A method whose final loss is within this of the best fit found (nats per point) has reached it.
pub const REACHED_WITHIN: f64 = 1e-3;
/// A method beat the search only when its lowest loss went more than this below it (less is rounding,
/// the same optimum reached from another start).
pub const BEAT_BY: f64 = 1e-6;
/// "Still moving" compares the loss now with the loss this many steps ago.
pub const MOVING_WINDOW: usize = 100;
/// A start component that takes more than this share of the points in EM's first E-step took over.
pub const TAKEOVER_SHARE: f64 = 0.5;

/// One of the two panels: `Direct` the first, `Em` the second (the names of the homework's race; either
/// can run any method, see [`Verdict::direct_kind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Direct,
    Em,
}

/// The section of the page that shows a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// EM one half-step at a time, opened at this iteration (1 = the first E-step).
    StepThrough { iteration: u32 },
    /// The parameters against step.
    Trajectories,
    /// The loss over two parameters.
    Landscape,
}

/// Why a method ended where it did (components are numbered from 0 here, from 1 in words).
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The loss or the parameters stopped being finite at `step`.
    Diverged { step: usize },
    /// The loss fell by `change` over the last [`MOVING_WINDOW`] steps (more than [`SETTLED_WITHIN`]).
    StillMoving { change: f64, window: usize },
    /// These components end with sigma at the variance floor.
    AtVarianceFloor { components: Vec<usize>, sigma: f64 },
    /// These components explain almost no points (EM and over-relaxed EM report it).
    Emptied { components: Vec<usize> },
    /// In EM's first E-step, start component `component` took `points` of the `n` points.
    FirstEStepTakeover { component: usize, points: usize, n: usize },
    /// No fitted component is centred within one sigma (the larger of its own and the true one's) of these true
    /// means.
    MissedBumps { means: Vec<f64> },
}

impl Reason {
    /// The section that shows this reason.
    pub fn view(&self) -> View {
        match self {
            Reason::FirstEStepTakeover { .. } => View::StepThrough { iteration: 1 },
            Reason::MissedBumps { .. }
            | Reason::AtVarianceFloor { .. }
            | Reason::Emptied { .. }
            | Reason::Diverged { .. } => View::Trajectories,
            Reason::StillMoving { .. } => View::Landscape,
        }
    }
}

/// One method's part of the verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct MethodVerdict {
    pub which: Which,
    pub final_loss: f64,
    pub steps: usize,
    pub status: Status,
    /// First step after which the loss stays within [`SETTLED_WITHIN`] of its last value, if it has settled
    /// ([`settled_at`]: for long enough); `None` while still moving, and for a diverged method.
    pub settled_step: Option<usize>,
    /// `final_loss - best` (never negative), once the best fit is known.
    pub gap: Option<f64>,
    /// How far below the search's best this method's lowest loss went, if it did.
    pub beat_search_by: Option<f64>,
    pub reasons: Vec<Reason>,
}

impl MethodVerdict {
    /// True when the method ended within [`REACHED_WITHIN`] of the best fit found (`None`: not known yet).
    pub fn reached_best(&self) -> Option<bool> {
        self.gap.map(|g| g <= REACHED_WITHIN)
    }
}

/// The verdict on both methods.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub direct: MethodVerdict,
    pub em: MethodVerdict,
    /// The method that ended lower, unless the two are within [`TIE_WITHIN`].
    pub winner: Option<Which>,
    /// `|direct - em|` of the final losses, per point; times `n` it is the homework's summed NLL.
    pub margin: f64,
    pub n: usize,
    pub best_loss: Option<f64>,
    pub truth_loss: Option<f64>,
    /// True when both methods have stopped (otherwise the verdict is "so far").
    pub finished: bool,
    pub step: usize,
    /// What the first panel runs (its name in the verdict's words).
    pub direct_kind: MethodKind,
    /// What the second panel runs.
    pub em_kind: MethodKind,
    /// The method neither panel runs, from the same start with the same settings, once it has stopped
    /// ([`crate::run::third_way`]).
    pub third_way: Option<ThirdWay>,
}

impl Verdict {
    /// What a panel runs.
    pub fn kind(&self, which: Which) -> MethodKind {
        match which {
            Which::Direct => self.direct_kind,
            Which::Em => self.em_kind,
        }
    }
    /// A method's name inside a sentence: `gradient descent`, `EM`, `over-relaxed EM`. When both panels
    /// run the same family the names say more: the optimizer (`gradient descent with Adam`), or the panel
    /// (`EM in the first panel`) when the methods are the same.
    pub fn name(&self, which: Which) -> String {
        let (this, other) = match which {
            Which::Direct => (self.direct_kind, self.em_kind),
            Which::Em => (self.em_kind, self.direct_kind),
        };
        let base = this.in_prose();
        if this == other {
            let panel = if which == Which::Direct { "first" } else { "second" };
            format!("{base} in the {panel} panel")
        } else if this.family() == other.family() {
            let rule = this.optimizer().map_or("", |k| k.label());
            format!("{base} with {rule}")
        } else {
            base.to_string()
        }
    }
    /// The same at the start of a sentence: `Gradient descent`, `EM`, `Over-relaxed EM`, ...
    pub fn title(&self, which: Which) -> String {
        crate::teach::verdict_text::capitalised(&self.name(which))
    }

    pub fn method(&self, which: Which) -> &MethodVerdict {
        match which {
            Which::Direct => &self.direct,
            Which::Em => &self.em,
        }
    }
}

/// The verdict on `session` as it stands (call it when both methods stop, or at any step for "so far").
pub fn verdict(session: &FitSession) -> Verdict {
    let best = session.best_loss();
    let floor_sigma = session.config().variance_floor.sqrt();
    let direct = session.direct();
    let em = session.em();
    let mut direct_verdict = method_verdict(Which::Direct, session.direct_track(), best, session);
    let mut em_verdict = method_verdict(Which::Em, session.em_track(), best, session);
    direct_verdict.reasons = reasons(
        session,
        Which::Direct,
        direct.floored(),
        direct.emptied(),
        floor_sigma,
        &direct_verdict,
    );
    em_verdict.reasons = reasons(session, Which::Em, em.floored(), em.emptied(), floor_sigma, &em_verdict);
    let difference = direct_verdict.final_loss - em_verdict.final_loss;
    let winner = if difference.is_nan() || difference.abs() < TIE_WITHIN {
        None
    } else if difference < 0.0 {
        Some(Which::Direct)
    } else {
        Some(Which::Em)
    };
    Verdict {
        margin: difference.abs(),
        winner,
        n: session.data().len(),
        best_loss: best,
        truth_loss: session.truth_loss(),
        finished: session.finished(),
        step: session.step(),
        direct_kind: direct.kind(),
        em_kind: em.kind(),
        third_way: session.third_way().filter(|t| t.status != Status::Running).cloned(),
        direct: direct_verdict,
        em: em_verdict,
    }
}

fn method_verdict(which: Which, track: &Track, best: Option<f64>, session: &FitSession) -> MethodVerdict {
    let losses = track.losses();
    let final_loss = track.current_loss();
    let lowest = losses
        .iter()
        .copied()
        .filter(|l| l.is_finite())
        .fold(f64::INFINITY, f64::min);
    let search = session.reference().map(|r| r.loss);
    MethodVerdict {
        which,
        final_loss,
        steps: track.steps(),
        status: track.status(),
        settled_step: match track.status() {
            Status::Diverged { .. } => None,
            _ => settled_at(losses),
        },
        gap: best.map(|b| (final_loss - b).max(0.0)),
        beat_search_by: search.filter(|&s| lowest < s - BEAT_BY).map(|s| s - lowest),
        reasons: Vec::new(),
    }
}

fn reasons(
    session: &FitSession,
    which: Which,
    floored: &[bool],
    emptied: &[bool],
    floor_sigma: f64,
    verdict: &MethodVerdict,
) -> Vec<Reason> {
    let mut out = Vec::new();
    let (track, kind) = match which {
        Which::Direct => (session.direct_track(), session.direct().kind()),
        Which::Em => (session.em_track(), session.em().kind()),
    };
    if let Status::Diverged { step } = verdict.status {
        out.push(Reason::Diverged { step });
    }
    let losses = track.losses();
    let stopped_by_rule = matches!(verdict.status, Status::Converged { .. } | Status::Diverged { .. });
    if !stopped_by_rule && losses.len() > MOVING_WINDOW {
        let change = losses[losses.len() - 1 - MOVING_WINDOW] - verdict.final_loss;
        if change > SETTLED_WITHIN {
            out.push(Reason::StillMoving {
                change,
                window: MOVING_WINDOW,
            });
        }
    }
    let listed = |flags: &[bool]| {
        flags
            .iter()
            .enumerate()
            .filter(|f| *f.1)
            .map(|f| f.0)
            .collect::<Vec<_>>()
    };
    let at_floor = listed(floored);
    if !at_floor.is_empty() {
        out.push(Reason::AtVarianceFloor {
            components: at_floor,
            sigma: floor_sigma,
        });
    }
    let empty = listed(emptied);
    if !empty.is_empty() {
        out.push(Reason::Emptied { components: empty });
    }
    if verdict.reached_best() == Some(true) {
        return out;
    }
    if kind.is_em_like() {
        if let Some(takeover) = first_e_step_takeover(session) {
            out.push(takeover);
        }
    }
    if let Some(missed) = missed_bumps(session, which) {
        out.push(missed);
    }
    out
}

/// The start component that takes more than [`TAKEOVER_SHARE`] of the points in the first E-step, if any.
///
/// # Formula
/// `N_k = sum_i r_ik` at the start parameters; reported when `max_k N_k > TAKEOVER_SHARE * N` and K > 1.
pub fn first_e_step_takeover(session: &FitSession) -> Option<Reason> {
    let start = session.initial();
    if start.k() < 2 {
        return None;
    }
    let mut pass = PosteriorPass::default();
    pass.load(start);
    pass.sums(session.data());
    let n = session.data().len();
    let (component, mass) = (0..start.k())
        .map(|j| (j, pass.component_sums(j).r))
        .fold((0, f64::NEG_INFINITY), |a, b| if b.1 > a.1 { b } else { a });
    (mass > TAKEOVER_SHARE * n as f64).then(|| Reason::FirstEStepTakeover {
        component,
        points: mass.round() as usize,
        n,
    })
}

/// The true means that no fitted component is centred near, when there is a truth and some are missed: a
/// fitted mean counts as near a true one within the larger of the two sigmas.
fn missed_bumps(session: &FitSession, which: Which) -> Option<Reason> {
    let truth = session.truth()?;
    let fit = match which {
        Which::Direct => session.direct().model(),
        Which::Em => session.em().model(),
    };
    let means: Vec<f64> = truth
        .means()
        .iter()
        .zip(truth.sigmas())
        .filter(|&(&m, s)| {
            let near = |(&f, sf): (&f64, f64)| (f - m).abs() <= s.max(sf);
            !fit.means().iter().zip(fit.sigmas()).any(near)
        })
        .map(|(&m, _)| m)
        .collect();
    (!means.is_empty()).then_some(Reason::MissedBumps { means })
}
