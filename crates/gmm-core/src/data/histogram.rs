//! The data histogram, normalised as a density so that it sits on the same axis as the fitted curves.

/// Equal-width bins over `[lo, hi]` whose heights integrate to 1: `height_b = count_b / (N * width)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    pub lo: f64,
    pub hi: f64,
    pub heights: Vec<f64>,
}

impl Histogram {
    /// Bins `data` (non-empty, finite) into `bins >= 1` equal bins spanning its range. If every point is
    /// equal, the range is widened to one unit around that value.
    pub fn new(data: &[f64], bins: usize) -> Self {
        let bins = bins.max(1);
        let (mut lo, mut hi) = data
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| (a.min(x), b.max(x)));
        if hi <= lo {
            (lo, hi) = (lo - 0.5, lo + 0.5);
        }
        let width = (hi - lo) / bins as f64;
        let mut counts = vec![0usize; bins];
        for &x in data {
            // The top edge belongs to the last bin.
            let b = (((x - lo) / width) as usize).min(bins - 1);
            counts[b] += 1;
        }
        let scale = 1.0 / (data.len() as f64 * width);
        Histogram {
            lo,
            hi,
            heights: counts.into_iter().map(|c| c as f64 * scale).collect(),
        }
    }

    /// The square-root rule for the number of bins, kept between 10 and 120 so narrow components show.
    pub fn default_bins(n: usize) -> usize {
        ((n as f64).sqrt().round() as usize).clamp(10, 120)
    }

    /// Width of one bin.
    pub fn width(&self) -> f64 {
        (self.hi - self.lo) / self.heights.len() as f64
    }

    /// `(left edge, right edge, height)` of every bin.
    pub fn bars(&self) -> impl Iterator<Item = (f64, f64, f64)> + '_ {
        let w = self.width();
        self.heights
            .iter()
            .enumerate()
            .map(move |(i, &h)| (self.lo + w * i as f64, self.lo + w * (i + 1) as f64, h))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_integrate_to_one() {
        let data: Vec<f64> = (0..1000).map(|i| (i as f64 * 0.37).sin() * 3.0).collect();
        let h = Histogram::new(&data, 40);
        let area: f64 = h.heights.iter().sum::<f64>() * h.width();
        assert!((area - 1.0).abs() < 1e-12);
        assert_eq!(h.bars().count(), 40);
    }

    #[test]
    fn constant_data_gets_a_unit_range() {
        let h = Histogram::new(&[2.0, 2.0, 2.0], 10);
        assert_eq!((h.lo, h.hi), (1.5, 2.5));
        assert!((h.heights.iter().sum::<f64>() * h.width() - 1.0).abs() < 1e-12);
    }
}
