//! What lies under the pointer (or the keyboard's cursor) on a chart, in words: the x and the densities on a
//! density panel, the step and the losses on the loss chart. The page shows it in a line under the chart.

use crate::layout::Rect;
use crate::ticks::Scale;
use gmm_core::data::histogram::Histogram;
use gmm_core::format::{count, short_number};
use gmm_core::model::mixture::Mixture;

/// The value on a horizontal axis of `scale` drawn across `plot` at pixel `px`, or `None` off the plot. The
/// plot's first pixel column is the axis's low end, its last (`x1 - 1`, ends excluded) the high end.
pub fn value_at_pixel(px: f64, plot: &Rect, scale: Scale) -> Option<f64> {
    let width = (plot.x1 - plot.x0 - 1) as f64;
    let fraction = (px - plot.x0 as f64) / width;
    (width > 0.0 && (0.0..=1.0).contains(&fraction)).then(|| scale.value_at(fraction))
}

/// The pixel column of value `v` on a horizontal axis of `scale` drawn across `plot`: the inverse of
/// [`value_at_pixel`] (a value off the axis gives a column off the plot).
pub fn pixel_of_value(v: f64, plot: &Rect, scale: Scale) -> f64 {
    plot.x0 as f64 + scale.fraction(v) * (plot.x1 - plot.x0 - 1) as f64
}

/// A density panel at `x`: the fitted density, the truth's (if any) and the histogram bar's height there.
///
/// e.g. `x = 0.512: fitted 0.4102, true 0.3871, histogram 0.4 (bar 0.45 to 0.55)`.
pub fn density_readout(x: f64, fit: &Mixture, truth: Option<&Mixture>, histogram: &Histogram) -> String {
    let mut parts = vec![format!(
        "x = {}: fitted {}",
        short_number(x),
        short_number(fit.density_at(&[x])[0])
    )];
    if let Some(t) = truth {
        parts.push(format!("true {}", short_number(t.density_at(&[x])[0])));
    }
    match histogram.bars().find(|&(lo, hi, _)| lo <= x && x < hi) {
        Some((lo, hi, h)) => parts.push(format!(
            "histogram {} (bar {} to {})",
            short_number(h),
            short_number(lo),
            short_number(hi)
        )),
        None => parts.push("no data here".into()),
    }
    parts.join(", ")
}

/// Where on the loss chart's x-axis a readout is taken.
#[derive(Debug, Clone, Copy)]
pub enum LossAt<'a> {
    Step(usize),
    /// A time in seconds, with each method's [`gmm_core::Track::seconds`]: each method is read at the last
    /// step it had reached by then.
    Seconds(f64, [&'a [f64]; 2]),
}

/// The loss chart at `at`: each method's loss there (or where it stopped), with its gap to the best fit;
/// `names` name the two panels' methods.
///
/// e.g. `step 120: gradient descent 1.7123 (gap 0.083), EM 1.8253 (gap 0.196), truth 1.6302`, or on the
/// time axis `at 0.25 s: gradient descent 1.7123 (step 410), EM 1.8253 (step 380)`.
pub fn loss_readout(
    at: LossAt,
    names: [&str; 2],
    losses: [&[f64]; 2],
    truth: Option<f64>,
    best: Option<f64>,
) -> String {
    let read = |i: usize, losses: &[f64], name: &str| -> String {
        let Some(&last) = losses.last() else {
            return format!("{name} –");
        };
        let step = match at {
            LossAt::Step(step) => step,
            LossAt::Seconds(s, seconds) => seconds[i].partition_point(|&t| t <= s).saturating_sub(1),
        };
        let (loss, note) = match (losses.get(step), at) {
            (Some(&l), LossAt::Step(_)) => (l, String::new()),
            (Some(&l), LossAt::Seconds(..)) => (l, format!(" (step {})", count(step))),
            (None, _) => (last, format!(" (stopped at step {})", count(losses.len() - 1))),
        };
        let gap = best.map_or(String::new(), |b| {
            format!(" (gap {})", short_number((loss - b).max(0.0)))
        });
        format!("{name} {}{gap}{note}", loss_text(loss))
    };
    let head = match at {
        LossAt::Step(step) => format!("step {}", count(step)),
        LossAt::Seconds(s, _) => format!("at {} s", short_number(s)),
    };
    let mut out = format!(
        "{head}: {}, {}",
        read(0, losses[0], names[0]),
        read(1, losses[1], names[1])
    );
    if let Some(t) = truth {
        out.push_str(&format!(", truth {}", loss_text(t)));
    }
    out
}

/// A loss to four decimals, as the readouts write it (short notation when huge).
fn loss_text(v: f64) -> String {
    if v.is_finite() && v.abs() < 1e4 {
        format!("{v:.4}")
    } else {
        short_number(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plots_first_and_last_columns_are_the_axis_ends() {
        let plot = Rect {
            x0: 50,
            y0: 0,
            x1: 351,
            y1: 100,
        };
        assert_eq!(value_at_pixel(50.0, &plot, Scale::Linear(0.0, 300.0)), Some(0.0));
        assert_eq!(value_at_pixel(350.0, &plot, Scale::Linear(0.0, 300.0)), Some(300.0));
        assert_eq!(value_at_pixel(200.0, &plot, Scale::Linear(0.0, 300.0)), Some(150.0));
        assert_eq!(value_at_pixel(49.0, &plot, Scale::Linear(0.0, 300.0)), None);
        let log = value_at_pixel(200.0, &plot, Scale::Log(1.0, 100.0)).unwrap();
        assert!(
            (log - 10.0).abs() < 1e-12,
            "halfway across a log axis from 1 to 100 is 10: {log}"
        );
    }

    #[test]
    fn the_loss_readout_says_where_a_method_stopped() {
        let losses: [&[f64]; 2] = [&[3.0, 2.0, 1.5], &[3.0, 1.0, 0.9, 0.8, 0.7, 0.65]];
        let text = loss_readout(
            LossAt::Step(5),
            ["gradient descent", "EM"],
            losses,
            Some(0.6),
            Some(0.6),
        );
        assert_eq!(
            text,
            "step 5: gradient descent 1.5000 (gap 0.9) (stopped at step 2), EM 0.6500 (gap 0.05), truth 0.6000"
        );
    }

    #[test]
    fn on_the_time_axis_each_method_is_read_at_the_step_it_had_reached() {
        let losses: [&[f64]; 2] = [&[3.0, 2.0, 1.5, 1.2], &[3.0, 1.0, 0.9]];
        // Gradient descent takes 0.1 s a step, EM 0.3 s.
        let seconds: [&[f64]; 2] = [&[0.0, 0.1, 0.2, 0.3], &[0.0, 0.3, 0.6]];
        let text = loss_readout(
            LossAt::Seconds(0.25, seconds),
            ["gradient descent", "EM"],
            losses,
            None,
            None,
        );
        assert_eq!(text, "at 0.25 s: gradient descent 1.5000 (step 2), EM 3.0000 (step 0)");
        let late = loss_readout(
            LossAt::Seconds(9.0, seconds),
            ["gradient descent", "EM"],
            losses,
            None,
            None,
        );
        assert_eq!(late, "at 9 s: gradient descent 1.2000 (step 3), EM 0.9000 (step 2)");
    }
}
