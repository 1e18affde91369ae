//! The homework's side questions, and relabelling components.

use gmm_core::model::matching::naive_mean_mse;
use gmm_core::run::lessons::{grid_mean, HOMEWORK_GRID};
use gmm_core::{match_components, FitConfig, FitSession, Mixture, CLASSIC};

#[test]
fn the_grid_mean_of_the_classic_truth_is_just_under_a_tenth() {
    let (lo, hi, n) = HOMEWORK_GRID;
    let g = grid_mean(&CLASSIC.truth(), lo, hi, n).unwrap();
    println!(
        "classic truth: grid mean {:.6}, integral {:.6}, max density {:.4}",
        g.mean, g.integral, g.max_density
    );
    // The classic mass outside [-5, 5] is about 6e-6 (mostly the N(3, 0.5) component beyond 4 sigmas).
    assert!(g.integral > 0.99999 && g.integral < 1.0, "integral {}", g.integral);
    assert!((g.mean - 0.0999).abs() < 1e-4, "mean {}", g.mean);
    assert!(g.mean < 0.1);
    // The narrow component (sigma 0.1, weight 1/6) peaks above 0.6 on its own: a density may exceed 1
    // wherever it is narrow enough, and here the total comes close.
    assert!(g.max_density > 0.6);
    // Mass outside the interval lowers both: a wide component centred at 5 loses about half its mass.
    let outside = Mixture::from_weights(&[1.0], &[5.0], &[1.0]).unwrap();
    let g = grid_mean(&outside, lo, hi, n).unwrap();
    assert!((g.integral - 0.5).abs() < 1e-3 && (g.mean - 0.05).abs() < 1e-3, "{g:?}");
}

#[test]
fn shuffling_labels_changes_the_naive_mse_but_not_the_density_or_the_run() {
    let mut a = FitSession::new(FitConfig::default()).unwrap();
    a.advance(200);
    let mut b = a.clone();
    let order = [3, 0, 4, 1, 2];
    b.permute_components(&order);
    let truth = CLASSIC.truth();
    for (fa, fb) in [
        (a.direct().model(), b.direct().model()),
        (a.em().model(), b.em().model()),
    ] {
        for x in [-3.0, -1.1, 0.0, 0.5, 2.2, 4.0] {
            assert!((fa.log_pdf(x) - fb.log_pdf(x)).abs() < 1e-12, "density changed at {x}");
        }
        assert_ne!(naive_mean_mse(fa, &truth), naive_mean_mse(fb, &truth));
        let (ma, mb) = (match_components(fa, &truth), match_components(fb, &truth));
        assert!((ma.mean_mse - mb.mean_mse).abs() < 1e-12);
    }
    // The run goes on the same way: the relabelled optimizer state moved with the parameters.
    a.advance(100);
    b.advance(100);
    for (la, lb) in a.direct_track().losses().iter().zip(b.direct_track().losses()) {
        assert!((la - lb).abs() <= 1e-9 * la.abs(), "direct: {la} vs {lb}");
    }
    for (la, lb) in a.em_track().losses().iter().zip(b.em_track().losses()) {
        assert!((la - lb).abs() <= 1e-9 * la.abs(), "em: {la} vs {lb}");
    }
    let back = b.direct().model().permuted(&[1, 3, 4, 0, 2]);
    for (x, y) in a.direct().model().flat().iter().zip(back.flat()) {
        assert!((x - y).abs() <= 1e-6 * x.abs().max(1.0), "{x} vs {y}");
    }
}

#[test]
fn on_the_classic_run_the_matched_mse_is_never_above_the_naive_one() {
    // The case: gradient descent's MSE "after matching" (0.6303) exceeded the naive one (0.3992)
    // when the pairing minimised a distance over (w, mu, sigma) instead of the means' squared error.
    let truth = CLASSIC.truth();
    let mut s = FitSession::new(FitConfig::default()).unwrap();
    for target in [1, 50, 300, 1000, 3000] {
        s.advance(target - s.direct_track().steps());
        for (name, fit) in [("gradient descent", s.direct().model()), ("EM", s.em().model())] {
            let (naive, matched) = (naive_mean_mse(fit, &truth), match_components(fit, &truth).mean_mse);
            assert!(
                matched <= naive + 1e-12,
                "{name} at step {target}: matched {matched} > naive {naive}"
            );
        }
    }
}

#[test]
fn a_grid_too_small_or_backwards_is_a_typed_error_not_a_panic_or_nan() {
    use gmm_core::run::lessons::GridError;
    let truth = CLASSIC.truth();
    for n in [0, 1] {
        let e = grid_mean(&truth, -5.0, 5.0, n).unwrap_err();
        assert_eq!(e, GridError::TooFewPoints { n });
        assert_eq!(e.to_string(), format!("the grid has {n} points; it needs at least 2"));
    }
    for (lo, hi) in [(5.0, -5.0), (1.0, 1.0), (f64::NEG_INFINITY, 5.0), (f64::NAN, 1.0)] {
        let e = grid_mean(&truth, lo, hi, 10).unwrap_err();
        assert!(matches!(e, GridError::BadInterval { .. }), "{lo}..{hi}: {e:?}");
        assert!(e.to_string().contains("lo < hi"), "{e}");
    }
    // Two points is the smallest grid: the trapezoid of the two end values.
    let g = grid_mean(&truth, -1.0, 1.0, 2).unwrap();
    let p = truth.density_at(&[-1.0, 1.0]);
    assert!((g.integral - (p[0] + p[1])).abs() < 1e-15);
}
