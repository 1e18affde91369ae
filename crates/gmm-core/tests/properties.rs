//! Property tests: whatever finite data and parameters come in, every reported number is finite or the
//! call returns a clear error; EM with the floor never produces NaN; a diverging optimizer is stopped
//! with its last finite parameters.
#![cfg(not(target_arch = "wasm32"))]

use gmm_core::data::sample::MAX_ABS_DATA;
use gmm_core::fit::method::MethodKind;
use gmm_core::run::config::DataSource;
use gmm_core::{
    initialise, nll_and_gradient, DataError, EmFit, FitConfig, FitSession, GradientScratch, InitStrategy, Mixture,
    Status, DEFAULT_VARIANCE_FLOOR,
};
use proptest::prelude::*;

/// Data sets of the awkward kinds: ordinary, many duplicates, huge, tiny, all equal, mixed scales.
fn data_sets() -> impl Strategy<Value = Vec<f64>> {
    prop_oneof![
        prop::collection::vec(-1e3..1e3f64, 1..60),
        prop::collection::vec(prop::sample::select(vec![0.0, 1.0, 2.5, -7.0]), 1..60),
        prop::collection::vec(-MAX_ABS_DATA..MAX_ABS_DATA, 1..30),
        prop::collection::vec(-1e-300..1e-300f64, 1..30),
        (-1e6..1e6f64, 1..40usize).prop_map(|(x, n)| vec![x; n]),
        prop::collection::vec(prop_oneof![-1e-8..1e-8f64, -1e8..1e8f64], 1..40),
    ]
}

fn strategies() -> impl Strategy<Value = InitStrategy> {
    prop::sample::select(InitStrategy::ALL.to_vec())
}

fn all_finite(values: &[f64]) -> bool {
    values.iter().all(|v| v.is_finite())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn sessions_on_any_data_stay_finite_or_refuse_clearly(
        data in data_sets(),
        k in 1..6usize,
        init in strategies(),
        seed in 0..1000u64,
        first_method in prop::sample::select(MethodKind::ALL.to_vec()),
        learning_rate in prop_oneof![1e-4..0.5f64, 0.5..1e3f64],
    ) {
        let config = FitConfig {
            data: DataSource::Given(data.clone()),
            k, init, init_seed: seed, first_method, learning_rate, ..FitConfig::default()
        };
        match FitSession::new(config) {
            Err(e) => {
                let message = e.to_string();
                // The only refusals possible for finite data within range: too few points or values.
                prop_assert!(
                    message.contains("at least") || message.contains("distinct values"),
                    "unexpected refusal: {message}"
                );
            }
            Ok(mut s) => {
                s.advance(40);
                for track in [s.direct_track(), s.em_track()] {
                    prop_assert!(all_finite(track.losses()), "losses {:?}", track.losses());
                }
                prop_assert!(all_finite(s.direct().model().flat()));
                prop_assert!(all_finite(s.em().model().flat()));
                // EM never diverges: the floor keeps every variance positive and finite.
                let em_diverged = matches!(s.em_track().status(), Status::Diverged { .. });
                prop_assert!(!em_diverged, "EM diverged: {:?}", s.em_track().status());
                if let Status::Diverged { step } = s.direct_track().status() {
                    prop_assert!(s.direct_track().steps() < step);
                }
            }
        }
    }

    #[test]
    fn loss_and_gradient_are_finite_for_any_finite_parameters(
        data in prop::collection::vec(-1e6..1e6f64, 1..40),
        logits in prop::collection::vec(-50.0..50.0f64, 3),
        means in prop::collection::vec(-1e3..1e3f64, 3),
        log_sigmas in prop::collection::vec(-10.0..10.0f64, 3),
    ) {
        let model = Mixture::new(&logits, &means, &log_sigmas).unwrap();
        let mut grad = vec![0.0; 9];
        let loss = nll_and_gradient(&model, &data, &mut grad, &mut GradientScratch::default());
        prop_assert!(loss.is_finite(), "loss {loss}");
        prop_assert!(all_finite(&grad), "gradient {grad:?}");
        let r = model.responsibilities(&data);
        prop_assert!(r.chunks(3).all(|row| (row.iter().sum::<f64>() - 1.0).abs() < 1e-12));
    }

    #[test]
    fn em_never_lowers_the_likelihood_and_never_makes_nan(
        data in prop::collection::vec(-50.0..50.0f64, 5..80),
        seed in 0..1000u64,
        init in strategies(),
    ) {
        let model = match initialise(init, 3, &data, seed, DEFAULT_VARIANCE_FLOOR.sqrt()) {
            Ok(m) => m,
            Err(DataError::FewerDistinctValuesThanComponents { .. }) => return Ok(()),
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        // Monotonicity holds from a start that satisfies the floor.
        let floored: Vec<f64> = model.log_sigmas().iter().map(|s| s.max(0.5 * DEFAULT_VARIANCE_FLOOR.ln())).collect();
        let start = Mixture::new(model.logits(), model.means(), &floored).unwrap();
        let mut fit = EmFit::new(start, DEFAULT_VARIANCE_FLOOR);
        let mut previous = f64::INFINITY;
        for _ in 0..60 {
            let loss = fit.step(&data).unwrap();
            prop_assert!(loss.is_finite());
            prop_assert!(loss <= previous + 1e-9 * previous.abs().max(1.0), "{previous} -> {loss}");
            previous = loss;
        }
        prop_assert!(all_finite(fit.model().flat()));
    }
}
