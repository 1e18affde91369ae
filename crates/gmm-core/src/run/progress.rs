//! A session's progress as a flat list of numbers, so a fit stepped in a Web Worker can be shown by a
//! copy of the same session on the page's thread.
//!
//! The page builds two sessions from the same options (so the same data and start): the worker's steps,
//! the page's only draws. After some steps the worker sends [`progress`]; the page applies it with
//! [`apply_progress`]. Only new losses travel, so a message stays small however long the run.
//!
//! # Layout
//! `[K, direct..., em...]`, where each method is
//! `[status, stop_step, from, count, losses[from..from + count]..., seconds[from..from + count]..., params (3K)...,
//! floored (K)..., emptied (K)...]`
//! with `status` 0 = running, 1 = converged, 2 = step limit, 3 = diverged, and flags as 0 or 1.

use crate::model::mixture::Mixture;
use crate::run::session::{FitSession, Status, Track};

pub fn status_code(status: Status) -> [f64; 2] {
    match status {
        Status::Running => [0.0, 0.0],
        Status::Converged { step } => [1.0, step as f64],
        Status::StepLimit { step } => [2.0, step as f64],
        Status::Diverged { step } => [3.0, step as f64],
    }
}

pub fn status_from(code: f64, step: f64) -> Result<Status, String> {
    let step = whole(step, "stop step")?;
    Ok(match code as u8 {
        0 => Status::Running,
        1 => Status::Converged { step },
        2 => Status::StepLimit { step },
        3 => Status::Diverged { step },
        _ => return Err(format!("unknown status code {code}")),
    })
}

fn whole(value: f64, what: &str) -> Result<usize, String> {
    if value.fract() == 0.0 && (0.0..=1e9).contains(&value) {
        Ok(value as usize)
    } else {
        Err(format!("{what} = {} is not a count", crate::format::short_count(value)))
    }
}

fn push_method(out: &mut Vec<f64>, track: &Track, from: usize, model: &Mixture, floored: &[bool], emptied: &[bool]) {
    let from = from.min(track.losses().len());
    out.extend(status_code(track.status()));
    out.push(from as f64);
    out.push((track.losses().len() - from) as f64);
    out.extend_from_slice(&track.losses()[from..]);
    out.extend_from_slice(&track.seconds()[from..]);
    out.extend_from_slice(model.flat());
    let k = model.k();
    out.extend(floored.iter().map(|&f| f as u8 as f64));
    out.extend((0..k).map(|i| emptied.get(i).copied().unwrap_or(false) as u8 as f64));
}

/// Both methods' state, with the losses from index `direct_from` and `em_from` on (0 sends all).
pub fn progress(session: &FitSession, direct_from: usize, em_from: usize) -> Vec<f64> {
    let mut out = vec![session.config().k as f64];
    let direct = session.direct();
    push_method(
        &mut out,
        session.direct_track(),
        direct_from,
        direct.model(),
        direct.floored(),
        direct.emptied(),
    );
    let em = session.em();
    push_method(
        &mut out,
        session.em_track(),
        em_from,
        em.model(),
        em.floored(),
        em.emptied(),
    );
    out
}

/// One method's part of a progress list, read from `at` on.
struct MethodProgress<'a> {
    status: Status,
    from: usize,
    losses: &'a [f64],
    seconds: &'a [f64],
    model: Mixture,
    floored: Vec<bool>,
    emptied: Vec<bool>,
}

fn read_method<'a>(list: &'a [f64], at: &mut usize, k: usize) -> Result<MethodProgress<'a>, String> {
    let take = |at: &mut usize, n: usize| -> Result<&'a [f64], String> {
        let part = list.get(*at..*at + n).ok_or("the progress list is too short")?;
        *at += n;
        Ok(part)
    };
    let head = take(at, 4)?;
    let status = status_from(head[0], head[1])?;
    let from = whole(head[2], "first loss index")?;
    let count = whole(head[3], "loss count")?;
    let losses = take(at, count)?;
    let seconds = take(at, count)?;
    let model = Mixture::from_flat(take(at, 3 * k)?).map_err(|e| e.to_string())?;
    let flags = |part: &[f64]| part.iter().map(|&f| f != 0.0).collect::<Vec<_>>();
    let floored = flags(take(at, k)?);
    let emptied = flags(take(at, k)?);
    Ok(MethodProgress {
        status,
        from,
        losses,
        seconds,
        model,
        floored,
        emptied,
    })
}

/// Makes `session` show the progress of an identical session stepped elsewhere.
///
/// # Errors
/// A message if the list does not fit this session (another K, a malformed list, losses that do not
/// follow the known ones); the session is then unchanged.
pub fn apply_progress(session: &mut FitSession, list: &[f64]) -> Result<(), String> {
    let k = session.config().k;
    if list.first() != Some(&(k as f64)) {
        return Err(format!("the progress is for another K (this session has K = {k})"));
    }
    let mut at = 1;
    let direct = read_method(list, &mut at, k)?;
    let em = read_method(list, &mut at, k)?;
    if at != list.len() {
        return Err("the progress list is too long".into());
    }
    let (direct_fit, direct_track, em_fit, em_track) = session.methods_mut();
    for (track, m) in [(&*direct_track, &direct), (&*em_track, &em)] {
        if m.from > track.losses().len() || m.from + m.losses.len() == 0 {
            return Err(format!(
                "losses from step {} do not follow the {} known ones",
                m.from,
                track.losses().len()
            ));
        }
    }
    direct_track.overwrite(direct.from, direct.losses, direct.seconds, direct.status)?;
    em_track.overwrite(em.from, em.losses, em.seconds, em.status)?;
    direct_fit.show(direct.model, direct.floored, direct.emptied);
    em_fit.show(em.model, em.floored, em.emptied);
    Ok(())
}

/// One progress list from the first panel's session and one from the second's (each stepping only its
/// own panel, e.g. in its own Web Worker): the list of a session that stepped both, `[K, first's direct
/// part, second's em part]`, for [`apply_progress`].
///
/// # Errors
/// A message if the lists are for different K or malformed.
pub fn merge_progress(first: &[f64], second: &[f64]) -> Result<Vec<f64>, String> {
    let k = match (first.first(), second.first()) {
        (Some(&a), Some(&b)) if a == b => whole(a, "K")?,
        _ => return Err("the two progress lists are for different K".into()),
    };
    // Where each list's two method parts lie.
    let spans = |list: &[f64]| -> Result<[std::ops::Range<usize>; 2], String> {
        let mut at = 1;
        read_method(list, &mut at, k)?;
        let middle = at;
        read_method(list, &mut at, k)?;
        if at != list.len() {
            return Err("the progress list is too long".into());
        }
        Ok([1..middle, middle..at])
    };
    let [direct, _] = spans(first)?;
    let [_, em] = spans(second)?;
    let mut out = vec![k as f64];
    out.extend_from_slice(&first[direct]);
    out.extend_from_slice(&second[em]);
    Ok(out)
}
