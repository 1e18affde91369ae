//! The verdict in words: one headline and, per method, a summary and its reasons, each reason with the
//! section of the page that shows it. Every number comes from a [`Verdict`] field.

use crate::format::{count, in_prose, short_number};
use crate::run::session::Status;
use crate::run::settling::SETTLED_WITHIN;
use crate::teach::verdict::{MethodVerdict, Reason, Verdict, View, Which};

/// The verdict as sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictText {
    pub headline: String,
    pub direct: MethodText,
    pub em: MethodText,
    /// Where all three methods settled, the third run off screen ([`Verdict::third_way`]), once every one
    /// has stopped.
    pub three_ways: Option<String>,
}

/// One method's sentences.
#[derive(Debug, Clone, PartialEq)]
pub struct MethodText {
    pub summary: String,
    /// Each reason's sentence and the section that shows it.
    pub reasons: Vec<(String, View)>,
}

/// Four decimals, the loss readouts' precision (short notation for huge or tiny values).
fn loss(v: f64) -> String {
    if v.is_finite() && (1e-3..1e4).contains(&v.abs()) {
        format!("{v:.4}")
    } else {
        short_number(v)
    }
}

/// Words for `verdict`.
pub fn verdict_text(verdict: &Verdict) -> VerdictText {
    VerdictText {
        headline: headline(verdict),
        direct: method_text(&verdict.direct, verdict),
        em: method_text(&verdict.em, verdict),
        three_ways: three_ways(verdict),
    }
}

/// "Where each settled, from the same start: over-relaxed EM at step 162, EM at step 529, and gradient
/// descent with Adam, run beside them off screen, at step 1,204."
fn three_ways(v: &Verdict) -> Option<String> {
    let third = v.third_way.as_ref()?;
    if !v.finished {
        return None;
    }
    let at = |status: Status, settled: Option<usize>, steps: usize| match (status, settled) {
        (Status::Diverged { step }, _) => format!("diverged at step {}", count(step)),
        (_, Some(t)) => format!("at step {}", count(t)),
        (_, None) => format!("had not settled by step {}", count(steps)),
    };
    let third_name = match third.kind.optimizer() {
        Some(rule) => format!("{} with {}", third.kind.in_prose(), rule.label()),
        None => third.kind.in_prose().to_string(),
    };
    Some(format!(
        "Where each settled, from the same start: {} {}, {} {}, and {third_name}, run beside them off screen, {} \
         (final loss {}).",
        v.name(Which::Direct),
        at(v.direct.status, v.direct.settled_step, v.direct.steps),
        v.name(Which::Em),
        at(v.em.status, v.em.settled_step, v.em.steps),
        at(third.status, third.settled, third.steps),
        loss(third.final_loss)
    ))
}

/// Settled steps this many times apart are worth a sentence ("EM settled first").
const SETTLED_FIRST_RATIO: f64 = 1.5;

/// Once both have stopped: "EM settled first: at step 16, against gradient descent's 95." when one settled
/// at least [`SETTLED_FIRST_RATIO`] times sooner, or "EM settled at step 81; gradient descent had not settled
/// by step 3,000." when only one did.
fn settled_first(v: &Verdict) -> Option<String> {
    if !v.finished {
        return None;
    }
    let (d, e) = (&v.direct, &v.em);
    match (d.settled_step, e.settled_step) {
        (Some(ds), Some(es)) => {
            let ((first, f), (other, o)) = if es < ds {
                ((e, es), (d, ds))
            } else {
                ((d, ds), (e, es))
            };
            (f.max(1) as f64 * SETTLED_FIRST_RATIO <= o as f64).then(|| {
                format!(
                    " {} settled first: at step {}, against {}'s {}.",
                    v.title(first.which),
                    count(f),
                    v.name(other.which),
                    count(o)
                )
            })
        }
        (Some(s), None) | (None, Some(s)) => {
            let (settled, moving) = if d.settled_step.is_some() { (d, e) } else { (e, d) };
            (!matches!(moving.status, Status::Diverged { .. })).then(|| {
                format!(
                    " {} settled at step {}; {} had not settled by step {}.",
                    v.title(settled.which),
                    count(s),
                    v.name(moving.which),
                    count(moving.steps)
                )
            })
        }
        (None, None) => None,
    }
}

fn headline(v: &Verdict) -> String {
    let mut out = ending(v);
    out.push_str(&settled_first(v).unwrap_or_default());
    out
}

fn ending(v: &Verdict) -> String {
    let when = if v.finished {
        "Both methods have stopped".to_string()
    } else {
        format!("So far (step {})", count(v.step))
    };
    let (d, e) = (loss(v.direct.final_loss), loss(v.em.final_loss));
    match v.winner {
        None => format!(
            "{when}: a tie. Both are at the same mean loss within {} per point ({} {d}, {} {e}).",
            short_number(crate::teach::verdict::TIE_WITHIN),
            v.name(Which::Direct),
            v.name(Which::Em)
        ),
        Some(w) => {
            let (lower, higher) = match w {
                Which::Direct => (&v.direct, &v.em),
                Which::Em => (&v.em, &v.direct),
            };
            format!(
                "{when}: {} {}, {} against {}'s {}: {} per point lower, {} lower in total over {} points \
                 (the homework's summed loss).",
                v.name(w),
                if v.finished { "ended lower" } else { "is lower" },
                loss(lower.final_loss),
                v.name(higher.which),
                loss(higher.final_loss),
                short_number(v.margin),
                in_prose(v.margin * v.n as f64),
                count(v.n)
            )
        }
    }
}

fn method_text(m: &MethodVerdict, v: &Verdict) -> MethodText {
    let name = v.title(m.which);
    let within = short_number(SETTLED_WITHIN);
    let now = loss(m.final_loss);
    let settled = match (m.status, m.settled_step) {
        (Status::Diverged { step }, _) => format!("{name} diverged at step {}", count(step)),
        (Status::Running, Some(t)) => {
            format!(
                "{name} has stayed within {within} of its current loss {now} since step {}",
                count(t)
            )
        }
        (Status::Running, None) => format!("{name} is still moving (step {}, loss {now})", count(m.steps)),
        (_, Some(t)) => format!(
            "{name} settled at step {} (within {within} of its final loss {now})",
            count(t)
        ),
        (_, None) => format!(
            "{name} had not settled when it stopped at step {} (final loss {now})",
            count(m.steps)
        ),
    };
    let best = match (m.gap, v.best_loss) {
        (Some(gap), Some(best)) => {
            if let Some(by) = m.beat_search_by {
                format!(
                    "; it went {} per point below the fit EM reaches from six good starts, so the best fit found \
                     ({}) is its own",
                    short_number(by),
                    loss(best)
                )
            } else if m.reached_best() == Some(true) {
                format!("; it reached the best fit found ({})", loss(best))
            } else {
                format!(
                    "; it ended {} per point above the best fit found ({}): it did not reach it",
                    short_number(gap),
                    loss(best)
                )
            }
        }
        _ => String::new(),
    };
    MethodText {
        summary: format!("{settled}{best}."),
        reasons: m
            .reasons
            .iter()
            .map(|r| (reason_text(r, &v.title(m.which)), r.view()))
            .collect(),
    }
}

/// Components numbered from 1, as the page shows them.
fn components(list: &[usize]) -> String {
    let names: Vec<String> = list.iter().map(|c| (c + 1).to_string()).collect();
    match names.len() {
        1 => format!("component {}", names[0]),
        _ => format!("components {}", names.join(", ")),
    }
}

fn reason_text(reason: &Reason, name: &str) -> String {
    match reason {
        Reason::Diverged { step } => format!(
            "The loss stopped being finite at step {}; the parameters of the step before are kept.",
            count(*step)
        ),
        Reason::StillMoving { change, window } => format!(
            "{name} is still moving: the loss fell by {} in the last {} steps.",
            short_number(*change),
            count(*window)
        ),
        Reason::AtVarianceFloor { components: c, sigma } => format!(
            "{} {} held at the variance floor (σ = {}): the data pull σ lower, towards a single point.",
            capitalised(&components(c)),
            if c.len() == 1 { "is" } else { "are" },
            short_number(*sigma)
        ),
        Reason::Emptied { components: c } => format!(
            "{} {} almost no points (weight ≈ 0).",
            capitalised(&components(c)),
            if c.len() == 1 { "explains" } else { "explain" }
        ),
        Reason::FirstEStepTakeover { component, points, n } => format!(
            "In EM's first E-step start component {} took {} of {} points, so the first M-step put one wide \
             component over most of the data.",
            component + 1,
            count(*points),
            count(*n)
        ),
        Reason::MissedBumps { means } => {
            let list: Vec<String> = means.iter().map(|&m| short_number(m)).collect();
            let (noun, list) = match list.len() {
                1 => ("bump", list[0].clone()),
                n => ("bumps", format!("{} and {}", list[..n - 1].join(", "), list[n - 1])),
            };
            format!("No fitted component is centred within one σ of the true {noun} at {list}.")
        }
    }
}

/// `s` with its first letter upper-cased. The texts are this crate's own and start with an ASCII letter, so
/// the ASCII rule is the whole rule here; `char::to_uppercase` would bring Unicode's case tables (about 13 KB)
/// into the WebAssembly module.
pub(crate) fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| format!("{}{}", f.to_ascii_uppercase(), c.as_str()))
}
