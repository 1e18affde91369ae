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
}
