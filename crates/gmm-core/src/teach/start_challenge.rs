//! The classic preset's challenge: find a start from which EM beats gradient descent. From the homework's
//! near-zero start gradient descent ends lower; a start placed by hand (dragged on the plots, or typed) can
//! turn the race. The result is read off the run's verdict, so the page's words are the verdict's.

use crate::fit::method::{Family, MethodKind};
use crate::format::with_digits;
use crate::teach::verdict::{Verdict, Which, TIE_WITHIN};

/// The challenge in words.
pub const START_CHALLENGE: &str = "Challenge: find a start from which EM beats gradient descent. Drag the start's \
                                   handles on either plot (or type a start), then press Play.";

/// How a finished run answers the challenge.
#[derive(Debug, Clone, PartialEq)]
pub struct ChallengeResult {
    /// True when EM ended lower than gradient descent by more than [`TIE_WITHIN`].
    pub solved: bool,
    /// One sentence with both final losses.
    pub sentence: String,
}

/// The answer of a run to the challenge: `None` while it runs, or when the panels do not race EM against
/// gradient descent.
///
/// # Formula
/// Solved when the verdict's winner (the lower final mean NLL, unless within [`TIE_WITHIN`]) is the panel
/// that runs EM.
pub fn start_challenge_result(v: &Verdict) -> Option<ChallengeResult> {
    let family = |k: MethodKind| k.family();
    let em_panel = match (family(v.direct_kind), family(v.em_kind)) {
        (Family::Gradient, Family::Em) => Which::Em,
        (Family::Em, Family::Gradient) => Which::Direct,
        _ => return None,
    };
    if !v.finished {
        return None;
    }
    let loss = |w: Which| with_digits(v.method(w).final_loss, 6);
    let gd_panel = if em_panel == Which::Em {
        Which::Direct
    } else {
        Which::Em
    };
    let (em, gd) = (loss(em_panel), loss(gd_panel));
    let (solved, sentence) = match v.winner {
        Some(w) if w == em_panel => (
            true,
            format!("Solved: from this start EM ended at {em} and gradient descent at {gd}, so EM wins."),
        ),
        Some(_) => (
            false,
            format!("Not yet: gradient descent ended lower, at {gd} against EM's {em}. Try another start."),
        ),
        None => (
            false,
            format!(
                "Not yet: a tie, both ended within {TIE_WITHIN:e} (EM {em}, gradient descent {gd}). Try another start."
            ),
        ),
    };
    Some(ChallengeResult { solved, sentence })
}
