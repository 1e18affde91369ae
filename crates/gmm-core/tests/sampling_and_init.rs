//! Sampling reproduces the mixture's moments; each init strategy lands where its documentation says.

mod common;
use common::mixture;
use gmm_core::data::sample::mean_and_std;
use gmm_core::{initialise, sample, InitStrategy, CLASSIC};

#[test]
fn samples_have_the_mixture_moments() {
    let truth = CLASSIC.truth();
    let data = sample(&truth, 200_000, 42);
    let (w, mu, s) = (truth.weights(), truth.means(), truth.sigmas());
    let mean: f64 = (0..5).map(|k| w[k] * mu[k]).sum();
    let second: f64 = (0..5).map(|k| w[k] * (s[k] * s[k] + mu[k] * mu[k])).sum();
    let std = (second - mean * mean).sqrt();
    let (m, sd) = mean_and_std(&data);
    // Standard error of the mean is std / sqrt(N) ~ 0.0035; allow 5 of them.
    assert!((m - mean).abs() < 5.0 * std / (200_000f64).sqrt(), "mean {m} vs {mean}");
    assert!((sd - std).abs() < 0.01, "std {sd} vs {std}");
    // The narrowest component (mean 0.5, sigma 0.1, weight 1/6) puts about 1/6 * 0.6827 of points
    // within one sigma of 0.5, plus a little from the broad components.
    let near = data.iter().filter(|x| (**x - 0.5).abs() < 0.1).count() as f64 / 200_000.0;
    assert!(near > 1.0 / 6.0 * 0.68 && near < 0.2, "share near 0.5: {near}");
}

#[test]
fn near_zero_init_is_within_its_documented_ranges() {
    let data = sample(&CLASSIC.truth(), 100, 1);
    for seed in 0..50 {
        let m = initialise(InitStrategy::NearZero, 5, &data, seed, 1e-3).unwrap();
        assert!(
            m.means().iter().all(|x| (-0.1..=0.1).contains(x)),
            "means {:?}",
            m.means()
        );
        assert!(
            m.sigmas().iter().all(|s| *s > 0.0 && *s <= 0.1),
            "sigmas {:?}",
            m.sigmas()
        );
        assert!((m.weights().iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }
    // The Dirichlet(1) weights are random, not equal.
    let m = initialise(InitStrategy::NearZero, 5, &data, 3, 1e-3).unwrap();
    assert!(m.weights().iter().any(|w| (w - 0.2).abs() > 0.02), "{:?}", m.weights());
}

#[test]
fn from_data_init_uses_distinct_data_points_and_the_data_spread() {
    let data = sample(&CLASSIC.truth(), 1000, 2);
    let (_, std) = mean_and_std(&data);
    let m = initialise(InitStrategy::FromData, 5, &data, 7, 1e-3).unwrap();
    for (i, mu) in m.means().iter().enumerate() {
        assert!(data.contains(mu), "mean {mu} is not a data point");
        assert!(!m.means()[..i].contains(mu), "means repeat");
    }
    assert!(m.sigmas().iter().all(|s| (s - std).abs() < 1e-12));
    assert!(m.weights().iter().all(|w| (w - 0.2).abs() < 1e-15));
}

#[test]
fn kmeans_plus_plus_finds_well_separated_clusters() {
    let truth = mixture(&[0.3, 0.3, 0.4], &[-10.0, 0.0, 10.0], &[0.5, 0.5, 0.5]);
    let data = sample(&truth, 3000, 5);
    for seed in 0..10 {
        let m = initialise(InitStrategy::KMeansPlusPlus, 3, &data, seed, 1e-3).unwrap();
        let mut means = m.means().to_vec();
        means.sort_by(f64::total_cmp);
        for (got, want) in means.iter().zip([-10.0, 0.0, 10.0]) {
            assert!((got - want).abs() < 2.5, "seed {seed}: means {means:?}");
        }
        // Each cluster's sigma is its spread (about 0.5), its weight its share.
        assert!(
            m.sigmas().iter().all(|s| (s - 0.5).abs() < 0.15),
            "seed {seed}: sigmas {:?}",
            m.sigmas()
        );
        let mut w = m.weights();
        w.sort_by(f64::total_cmp);
        assert!((w[2] - 0.4).abs() < 0.05, "seed {seed}: weights {w:?}");
    }
}
