//! Options from outside (JS object, URL) become a configuration, or a message naming what is wrong.

use gmm_core::run::config::DataSource;
use gmm_core::run::options::{config_from_options, OptionValue};
use gmm_core::{FitConfig, InitStrategy, OptimizerKind, CLASSIC};

fn opts(pairs: &[(&str, OptionValue)]) -> Vec<(String, OptionValue)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}
fn num(v: f64) -> OptionValue {
    OptionValue::Number(v)
}
fn text(t: &str) -> OptionValue {
    OptionValue::Text(t.into())
}
fn error(pairs: &[(&str, OptionValue)]) -> String {
    config_from_options(&opts(pairs)).unwrap_err().to_string()
}

#[test]
fn no_options_is_the_classic_homework() {
    assert_eq!(config_from_options(&[]).unwrap(), FitConfig::default());
    let c = config_from_options(&opts(&[("preset", text("classic"))])).unwrap();
    assert_eq!(c, FitConfig::default());
    assert_eq!((c.k, c.max_steps, c.learning_rate), (5, 3000, 0.01));
    assert!(matches!(c.data, DataSource::Sample { n: 5000, seed: 1, ref truth } if *truth == CLASSIC.truth()));
}

#[test]
fn options_override_the_preset_and_numbers_may_come_as_text() {
    let c = config_from_options(&opts(&[
        ("preset", text("separated")),
        ("k", text("4")),
        ("n", num(1234.0)),
        ("dataSeed", text("77")),
        ("init", text("kmeans++")),
        ("optimizer", text("momentum")),
        ("learningRate", text("0.2")),
        ("tolerance", num(1e-6)),
    ]))
    .unwrap();
    assert_eq!(
        (c.k, c.init, c.optimizer, c.learning_rate, c.tolerance),
        (4, InitStrategy::KMeansPlusPlus, OptimizerKind::Momentum, 0.2, 1e-6)
    );
    assert!(matches!(c.data, DataSource::Sample { n: 1234, seed: 77, .. }));
}

#[test]
fn given_data_replaces_the_sample() {
    let c = config_from_options(&opts(&[
        ("data", OptionValue::Numbers(vec![1.0, 2.0, 3.0])),
        ("k", num(2.0)),
    ]))
    .unwrap();
    assert_eq!(c.data, DataSource::Given(vec![1.0, 2.0, 3.0]));
}

#[test]
fn bad_options_name_the_field_and_what_is_allowed() {
    let cases: Vec<(Vec<(&str, OptionValue)>, &str)> = vec![
        (
            vec![("k", num(0.0))],
            "k = 0 is not allowed: k must be a whole number between 1 and 10",
        ),
        (vec![("k", num(2.5))], "k = 2.5 is not allowed"),
        (vec![("k", num(10_000.0))], "k = 10000 is not allowed"),
        (
            vec![("n", num(-5.0))],
            "n = -5 is not allowed: n must be a whole number between 1 and 1000000",
        ),
        (vec![("n", num(1e9))], "n = 1000000000 is not allowed"),
        (vec![("n", num(f64::NAN))], "n = NaN is not allowed"),
        (
            vec![("k", text("five"))],
            "k = \"five\" is not allowed: k must be a number",
        ),
        (
            vec![("learningRate", num(0.0))],
            "learningRate = 0 is not allowed: learningRate must be between 0.000001 and 1000",
        ),
        (
            vec![("init", text("random"))],
            "init must be one of near-zero, from-data, kmeans++",
        ),
        (
            vec![("optimizer", num(1.0))],
            "optimizer must be one of adam, momentum, gd",
        ),
        (
            vec![("preset", text("<script>"))],
            "preset = \"<script>\" is not allowed",
        ),
        (
            vec![("colour", text("red"))],
            "option = \"colour\" is not allowed: option must be one of preset, n, k",
        ),
        (vec![("data", text("1,2"))], "data must be a list of numbers"),
        (vec![("data", OptionValue::Numbers(vec![]))], "n = 0 is not allowed"),
    ];
    for (pairs, expected) in cases {
        let message = error(&pairs);
        assert!(message.contains(expected), "got {message:?}, expected {expected:?}");
    }
}
