//! Bad input is refused with an error that says what is wrong, never a panic.

use gmm_core::data::sample::validate_data;
use gmm_core::run::config::ConfigError;
use gmm_core::{initialise, DataError, DataSource, FitConfig, FitSession, InitStrategy, Mixture, ModelError};

#[test]
fn mixture_construction_rejects_bad_parameters() {
    assert_eq!(Mixture::new(&[], &[], &[]), Err(ModelError::NoComponents));
    assert!(matches!(
        Mixture::new(&[0.0, 1.0], &[0.0], &[0.0, 0.0]),
        Err(ModelError::LengthMismatch { .. })
    ));
    let nan = Mixture::new(&[0.0], &[f64::NAN], &[0.0]).unwrap_err();
    assert!(matches!(nan, ModelError::NonFinite { field: "means", index: 0, value } if value.is_nan()));
    assert!(nan.to_string().contains("means[0]"));
    assert!(matches!(
        Mixture::new(&[f64::INFINITY], &[0.0], &[0.0]),
        Err(ModelError::NonFinite { field: "logits", .. })
    ));
    assert!(matches!(
        Mixture::new(&[0.0], &[0.0], &[800.0]),
        Err(ModelError::LogSigmaOutOfRange { .. })
    ));
    let neg = Mixture::from_weights(&[0.5, -0.5], &[0.0, 1.0], &[1.0, 1.0]).unwrap_err();
    assert!(
        neg.to_string().contains("weights[1]") && neg.to_string().contains("greater than 0"),
        "{neg}"
    );
    assert!(matches!(
        Mixture::from_weights(&[1.0], &[0.0], &[0.0]),
        Err(ModelError::NotPositive { field: "sigmas", .. })
    ));
}

#[test]
fn data_validation_names_the_problem() {
    assert_eq!(validate_data(&[], 1), Err(DataError::Empty));
    assert!(matches!(
        validate_data(&[1.0, f64::NAN], 1),
        Err(DataError::NonFinite { index: 1, .. })
    ));
    assert!(matches!(
        validate_data(&[1.0, f64::NEG_INFINITY], 1),
        Err(DataError::NonFinite { index: 1, .. })
    ));
    assert_eq!(validate_data(&[1.0, 2.0], 0), Err(DataError::NoComponents));
    let too_few = validate_data(&[1.0, 2.0], 3).unwrap_err();
    assert_eq!(too_few, DataError::FewerPointsThanComponents { n: 2, k: 3 });
    assert!(too_few.to_string().contains("at least 3 data points"), "{too_few}");
    // Message numbers points from 1, as a person counts lines.
    assert!(DataError::NonFinite {
        index: 1,
        value: f64::NAN
    }
    .to_string()
    .starts_with("data point 2"));
}

#[test]
fn data_based_inits_need_enough_distinct_values() {
    let data = [1.0, 1.0, 1.0, 2.0, 2.0];
    for strategy in [InitStrategy::FromData, InitStrategy::KMeansPlusPlus] {
        let err = initialise(strategy, 3, &data, 1, 1e-3).unwrap_err();
        assert_eq!(
            err,
            DataError::FewerDistinctValuesThanComponents { distinct: 2, k: 3 },
            "{}",
            strategy.name()
        );
    }
    // The near-zero start does not look at the data, so it works.
    assert!(initialise(InitStrategy::NearZero, 3, &data, 1, 1e-3).is_ok());
}

#[test]
fn session_configuration_errors_name_the_field_and_range() {
    let cases: Vec<(FitConfig, &str)> = vec![
        (
            FitConfig {
                k: 0,
                ..FitConfig::default()
            },
            "k = 0 is not allowed: k must be between 1 and 10",
        ),
        (
            FitConfig {
                k: 11,
                ..FitConfig::default()
            },
            "k = 11",
        ),
        (
            FitConfig {
                learning_rate: f64::NAN,
                ..FitConfig::default()
            },
            "learningRate = NaN",
        ),
        (
            FitConfig {
                learning_rate: -1.0,
                ..FitConfig::default()
            },
            "learningRate = -1",
        ),
        (
            FitConfig {
                variance_floor: 0.0,
                ..FitConfig::default()
            },
            "varianceFloor = 0",
        ),
        (
            FitConfig {
                max_steps: 0,
                ..FitConfig::default()
            },
            "maxSteps = 0",
        ),
        (
            FitConfig {
                tolerance: f64::INFINITY,
                ..FitConfig::default()
            },
            "tolerance = inf",
        ),
        (
            FitConfig {
                init_seed: 1 << 40,
                ..FitConfig::default()
            },
            "initSeed",
        ),
        (
            FitConfig {
                data: DataSource::Sample {
                    truth: gmm_core::CLASSIC.truth(),
                    n: 2_000_000,
                    seed: 1,
                },
                ..FitConfig::default()
            },
            "n = 2000000 is not allowed: n must be between 1 and 1000000",
        ),
    ];
    for (config, expected) in cases {
        let message = FitSession::new(config).unwrap_err().to_string();
        assert!(
            message.contains(expected),
            "got {message:?}, expected it to contain {expected:?}"
        );
    }
}

#[test]
fn session_refuses_unfittable_data() {
    let given = |values: Vec<f64>, k| FitConfig {
        data: DataSource::Given(values),
        k,
        ..FitConfig::default()
    };
    assert!(matches!(
        FitSession::new(given(vec![], 1)),
        Err(ConfigError::OutOfRange { field: "n", .. })
    ));
    assert!(matches!(
        FitSession::new(given(vec![1.0, 2.0], 3)),
        Err(ConfigError::Data(DataError::FewerPointsThanComponents { n: 2, k: 3 }))
    ));
    assert!(matches!(
        FitSession::new(given(vec![1.0, f64::NAN, 3.0], 1)),
        Err(ConfigError::Data(DataError::NonFinite { index: 1, .. }))
    ));
    assert!(matches!(
        FitSession::new(given(vec![1.0, 2e100, 3.0], 1)),
        Err(ConfigError::Data(DataError::TooLarge { index: 1, .. }))
    ));
    // The largest allowed magnitudes, far from the near-zero start: huge but finite losses, and fits that
    // stay finite.
    let mut s = FitSession::new(given(vec![1e100, -1e100, 5e99, 0.0], 2)).unwrap();
    s.advance(50);
    for track in [s.direct_track(), s.em_track()] {
        assert!(track.losses().iter().all(|l| l.is_finite()), "{:?}", track.losses());
    }
    assert!(s
        .direct()
        .model()
        .flat()
        .iter()
        .chain(s.em().model().flat())
        .all(|v| v.is_finite()));
}

/// The longest run of consecutive digits in a message.
fn longest_digit_run(message: &str) -> usize {
    message
        .split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0)
}

#[test]
fn messages_write_a_number_in_at_most_about_ten_characters_and_name_it() {
    use gmm_core::data::import::parse_values;
    use gmm_core::run::lessons::grid_mean;
    use gmm_core::run::options::{config_from_options, OptionValue};
    let refused = |pairs: &[(&str, OptionValue)]| {
        let pairs: Vec<(String, OptionValue)> = pairs.iter().map(|(n, v)| (n.to_string(), v.clone())).collect();
        config_from_options(&pairs).unwrap_err().to_string()
    };
    let mut session = FitSession::new(FitConfig::default()).unwrap();
    let given = |values: Vec<f64>| FitConfig {
        data: DataSource::Given(values),
        k: 1,
        ..FitConfig::default()
    };
    let cases: Vec<(String, &str)> = vec![
        // From a URL (a text), from the embedding API (a number), from a live setter.
        (
            refused(&[("learningRate", OptionValue::Text("1e300".into()))]),
            "learningRate = 1e+300 is not allowed",
        ),
        (
            refused(&[("learningRate", OptionValue::Number(1e300))]),
            "learningRate = 1e+300 is not allowed",
        ),
        (
            session.set_learning_rate(1e300).unwrap_err().to_string(),
            "learningRate = 1e+300",
        ),
        (
            FitSession::new(FitConfig {
                tolerance: 1e300,
                ..FitConfig::default()
            })
            .unwrap_err()
            .to_string(),
            "tolerance = 1e+300",
        ),
        // 301 digits typed out, and 400 (beyond a double: infinite, as in JavaScript).
        (
            refused(&[("learningRate", OptionValue::Text(format!("1{}", "0".repeat(300))))]),
            "learningRate = 1e+300",
        ),
        (
            refused(&[("k", OptionValue::Text(format!("1{}", "0".repeat(400))))]),
            "k = inf",
        ),
        (refused(&[("n", OptionValue::Number(2.5e300))]), "n = 2.5e+300"),
        // Data beyond ±1e100 are refused, by the session and by the importer.
        (
            FitSession::new(given(vec![1.0, 3e300])).unwrap_err().to_string(),
            "data point 2 is 3e+300",
        ),
        (
            parse_values("1\n-1.5e250\n", None).unwrap_err().to_string(),
            "line 2: -1.5e+250 is too large",
        ),
        (
            Mixture::new(&[0.0], &[0.0], &[1e300]).unwrap_err().to_string(),
            "log_sigmas[0] is 1e+300",
        ),
        (
            Mixture::from_weights(&[1.0], &[0.0], &[-1e200])
                .unwrap_err()
                .to_string(),
            "sigmas[0] is -1e+200",
        ),
        (
            grid_mean(&gmm_core::CLASSIC.truth(), 1e300, -1e300, 10)
                .unwrap_err()
                .to_string(),
            "from 1e+300 to -1e+300",
        ),
    ];
    for (message, expected) in cases {
        assert!(message.contains(expected), "{message:?} should contain {expected:?}");
        assert!(longest_digit_run(&message) <= 12, "a long number in {message:?}");
    }
    // Counts stay whole numbers, written out.
    let message = refused(&[("n", OptionValue::Number(2e9))]);
    assert!(message.contains("n = 2000000000 is not allowed"), "{message}");
}
