//! Where a loss history settled: the first step after which it stays close to where it ended.

/// A method has settled once every later loss lies within this of its final loss (mean NLL, nats per point).
pub const SETTLED_WITHIN: f64 = 1e-4;

/// The first step `t` such that `|losses[s] - final| <= within` for every `s >= t`, where `final` is the
/// last loss; `None` for an empty history. Reported whatever the stop rule's tolerance (also 0).
///
/// # Formula
/// `settled = min { t : max_{s >= t} |losses[s] - losses[T]| <= within }`, `T` the last step.
pub fn settled_step(losses: &[f64], within: f64) -> Option<usize> {
    let last = *losses.last()?;
    let outside = losses.iter().rposition(|&l| (l - last).abs() > within || l.is_nan());
    Some(outside.map_or(0, |s| s + 1))
}

/// A history has settled only if its final stretch within [`SETTLED_WITHIN`] lasts at least this many steps
/// (or a quarter of the run, if shorter): three steps in the band at the end of a run that is still falling
/// are not "settled".
pub const SETTLED_MIN_STRETCH: usize = 100;

/// Where a history of `losses` (index = step) settled, if it has: [`settled_step`], provided the stretch
/// from there to the end is at least `min(SETTLED_MIN_STRETCH, steps / 4)` steps long.
///
/// `None` for an empty history or one still moving at its end.
pub fn settled_at(losses: &[f64]) -> Option<usize> {
    let settled = settled_step(losses, SETTLED_WITHIN)?;
    let steps = losses.len() - 1;
    (steps - settled >= SETTLED_MIN_STRETCH.min(steps / 4)).then_some(settled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_step_of_the_final_stretch_within_the_band() {
        assert_eq!(settled_step(&[], 1e-4), None);
        assert_eq!(settled_step(&[5.0], 1e-4), Some(0));
        assert_eq!(settled_step(&[5.0, 2.0, 1.00005, 1.0], 1e-4), Some(2));
        // A history that leaves the band and comes back has settled only after its last excursion.
        assert_eq!(settled_step(&[1.0, 3.0, 1.0, 1.0], 1e-4), Some(2));
        // A NaN is never within the band.
        assert_eq!(settled_step(&[f64::NAN, 1.0], 1e-4), Some(1));
    }

    #[test]
    fn a_history_still_falling_at_its_end_has_not_settled() {
        // Falling by 1e-5 a step for 3000 steps: the last 10 steps are within 1e-4, but it is still moving.
        let falling: Vec<f64> = (0..=3000).map(|t| 2.0 - 1e-5 * t as f64).collect();
        assert!(settled_step(&falling, SETTLED_WITHIN).unwrap() > 2980);
        assert_eq!(settled_at(&falling), None);
        // Flat from step 16 of 3000: settled there.
        let flat: Vec<f64> = (0..=3000)
            .map(|t| if t < 16 { 5.0 - t as f64 * 0.1 } else { 1.0 })
            .collect();
        assert_eq!(settled_at(&flat), Some(16));
        // A short run of 40 steps needs a stretch of 10.
        let short: Vec<f64> = (0..=40)
            .map(|t| if t < 25 { 5.0 - t as f64 * 0.1 } else { 1.0 })
            .collect();
        assert_eq!(settled_at(&short), Some(25));
        assert_eq!(settled_at(&[]), None);
    }
}
