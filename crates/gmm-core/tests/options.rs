//! Options from outside (JS object, URL) become a configuration, or a message naming what is wrong.

use gmm_core::fit::method::MethodKind;
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
        ("secondMethod", text("overrelaxed-em")),
        ("learningRate", text("0.2")),
        ("tolerance", num(1e-6)),
    ]))
    .unwrap();
    assert_eq!(
        (
            c.k,
            c.init,
            c.first_method,
            c.second_method,
            c.learning_rate,
            c.tolerance
        ),
        (
            4,
            InitStrategy::KMeansPlusPlus,
            MethodKind::Gradient(OptimizerKind::Momentum),
            MethodKind::OverrelaxedEm,
            0.2,
            1e-6
        )
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
            "learningRate = 0 is not allowed: learningRate must be between 1e-6 and 1000",
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

// The option table (OPTION_SPECS) is what the page derives its form, menus, URL and attributes from.

use gmm_core::run::config::{
    K_RANGE, LEARNING_RATE_RANGE, MAX_STEPS_RANGE, N_RANGE, SEED_RANGE, TOLERANCE_RANGE, VARIANCE_FLOOR_RANGE,
};
use gmm_core::run::options::{
    fit_option_names, option_spec, preset_settings, OptionKind, OptionScope, SpecValue, OPTION_SPECS,
};
use gmm_core::{ConfigError, DataError, FitSession, PRESETS};
use std::collections::HashSet;

fn spec_value(v: SpecValue) -> OptionValue {
    v.to_option_value()
}

#[test]
fn every_default_parses_and_all_defaults_together_are_the_default_config() {
    let mut all = Vec::new();
    for spec in OPTION_SPECS.iter().filter(|s| s.scope == OptionScope::Fit) {
        let Some(default) = spec.default else {
            assert!(
                matches!(spec.kind, OptionKind::Numbers | OptionKind::Components),
                "{} has no default",
                spec.name
            );
            continue;
        };
        let one = vec![(spec.name.to_string(), spec_value(default))];
        assert!(config_from_options(&one).is_ok(), "default of {} refused", spec.name);
        all.push(one.into_iter().next().unwrap());
    }
    assert_eq!(config_from_options(&all).unwrap(), FitConfig::default());
    // The page-only options have defaults among their choices.
    for spec in OPTION_SPECS.iter().filter(|s| s.scope == OptionScope::Page) {
        let default = spec.default.expect("page options have defaults");
        assert!(spec.choices().iter().any(|c| c.value == default), "{}", spec.name);
    }
}

#[test]
fn every_range_is_the_constant_in_run_config() {
    let whole = |r: std::ops::RangeInclusive<usize>| Some((*r.start() as f64, *r.end() as f64));
    let expected = [
        ("n", whole(N_RANGE)),
        ("k", whole(K_RANGE)),
        ("dataSeed", Some((*SEED_RANGE.start() as f64, *SEED_RANGE.end() as f64))),
        ("initSeed", Some((*SEED_RANGE.start() as f64, *SEED_RANGE.end() as f64))),
        (
            "learningRate",
            Some((*LEARNING_RATE_RANGE.start(), *LEARNING_RATE_RANGE.end())),
        ),
        (
            "varianceFloor",
            Some((*VARIANCE_FLOOR_RANGE.start(), *VARIANCE_FLOOR_RANGE.end())),
        ),
        ("maxSteps", whole(MAX_STEPS_RANGE)),
        ("tolerance", Some((*TOLERANCE_RANGE.start(), *TOLERANCE_RANGE.end()))),
    ];
    for (name, range) in expected {
        assert_eq!(option_spec(name).unwrap().range, range, "{name}");
    }
    for spec in OPTION_SPECS {
        let ranged = matches!(spec.kind, OptionKind::Whole | OptionKind::Seed | OptionKind::Number);
        assert_eq!(spec.range.is_some(), ranged, "{}", spec.name);
        assert_eq!(
            !spec.choices().is_empty(),
            spec.kind == OptionKind::Choice,
            "{}",
            spec.name
        );
    }
}

#[test]
fn range_ends_are_accepted_and_just_outside_them_refused_naming_the_field() {
    for spec in OPTION_SPECS.iter().filter(|s| s.scope == OptionScope::Fit) {
        let Some((lo, hi)) = spec.range else { continue };
        for v in [lo, hi] {
            let ok = config_from_options(&opts(&[(spec.name, num(v))]));
            assert!(ok.is_ok(), "{} = {v}: {ok:?}", spec.name);
        }
        let beyond = if spec.kind == OptionKind::Number {
            hi * 2.0 + 1.0
        } else {
            hi + 1.0
        };
        let e = config_from_options(&opts(&[(spec.name, num(beyond))])).unwrap_err();
        assert_eq!(e.option(), Some(spec.name), "{e}");
        assert!(e.to_string().contains(&spec.allowed()), "{e} vs {}", spec.allowed());
    }
}

#[test]
fn names_urls_and_attributes_are_unique_and_attributes_are_kebab_case() {
    let names: HashSet<_> = OPTION_SPECS.iter().map(|s| s.name).collect();
    assert_eq!(names.len(), OPTION_SPECS.len());
    let urls: Vec<_> = OPTION_SPECS.iter().filter_map(|s| s.url).collect();
    assert_eq!(urls.iter().collect::<HashSet<_>>().len(), urls.len());
    let attributes: Vec<_> = OPTION_SPECS.iter().filter_map(|s| s.attribute).collect();
    assert_eq!(attributes.iter().collect::<HashSet<_>>().len(), attributes.len());
    for spec in OPTION_SPECS {
        if let Some(attribute) = spec.attribute {
            let kebab: String = spec
                .name
                .chars()
                .flat_map(|c| {
                    if c.is_ascii_uppercase() {
                        vec!['-', c.to_ascii_lowercase()]
                    } else {
                        vec![c]
                    }
                })
                .collect();
            assert_eq!(attribute, kebab, "{}", spec.name);
        }
        // Whatever is in a link or an attribute has a form field to show it.
        assert_eq!(spec.url.is_some(), !spec.label.is_empty(), "{}", spec.name);
    }
    assert_eq!(
        fit_option_names(),
        [
            "preset",
            "n",
            "k",
            "dataSeed",
            "truth",
            "init",
            "initSeed",
            "start",
            "optimizer",
            "secondMethod",
            "learningRate",
            "eta",
            "adaptive",
            "varianceFloor",
            "maxSteps",
            "tolerance",
            "data"
        ]
    );
}

#[test]
fn a_preset_sets_exactly_the_options_marked_from_preset_and_the_defaults_are_the_classic_s() {
    let marked: Vec<_> = OPTION_SPECS.iter().filter(|s| s.from_preset).map(|s| s.name).collect();
    for p in PRESETS {
        let sets: Vec<_> = preset_settings(p).iter().map(|(name, _)| *name).collect();
        let mut sorted = sets.clone();
        sorted.sort();
        let mut expected = marked.clone();
        expected.sort();
        assert_eq!(sorted, expected, "{}", p.id);
        // Writing the preset's settings out as options gives the same run as naming the preset.
        let mut explicit = opts(&[("preset", text(p.id))]);
        explicit.extend(
            preset_settings(p)
                .into_iter()
                .map(|(n, v)| (n.to_string(), spec_value(v))),
        );
        assert_eq!(
            config_from_options(&explicit).unwrap(),
            config_from_options(&opts(&[("preset", text(p.id))])).unwrap()
        );
    }
    for (name, value) in preset_settings(&CLASSIC) {
        assert_eq!(option_spec(name).unwrap().default, Some(value), "{name}");
    }
    let preset = option_spec("preset").unwrap();
    let ids: Vec<_> = preset.choices().iter().map(|c| c.value).collect();
    assert_eq!(ids, PRESETS.iter().map(|p| SpecValue::Text(p.id)).collect::<Vec<_>>());
    assert!(preset
        .choices()
        .iter()
        .all(|c| c.lesson.is_some() && !c.sets.is_empty()));
}

#[test]
fn init_and_method_choices_are_every_strategy_and_method_on_both_panels() {
    let values = |name| -> Vec<SpecValue> { option_spec(name).unwrap().choices().iter().map(|c| c.value).collect() };
    assert_eq!(
        values("init"),
        InitStrategy::ALL
            .iter()
            .map(|s| SpecValue::Text(s.name()))
            .collect::<Vec<_>>()
    );
    for panel in ["optimizer", "secondMethod"] {
        assert_eq!(
            values(panel),
            MethodKind::ALL
                .iter()
                .map(|k| SpecValue::Text(k.name()))
                .collect::<Vec<_>>()
        );
    }
    assert_eq!(
        option_spec("init").unwrap().default,
        Some(SpecValue::Text(CLASSIC.init.name()))
    );
    assert_eq!(
        option_spec("optimizer").unwrap().default,
        Some(SpecValue::Text(CLASSIC.first_method.name()))
    );
}

#[test]
fn a_refusal_names_the_option_a_form_should_mark() {
    let e = |pairs: &[(&str, OptionValue)]| config_from_options(&opts(pairs)).unwrap_err();
    assert_eq!(e(&[("k", num(0.0))]).option(), Some("k"));
    assert_eq!(e(&[("learningRate", num(-1.0))]).option(), Some("learningRate"));
    assert_eq!(e(&[("optimizer", text("newton"))]).option(), Some("optimizer"));
    assert_eq!(e(&[("colour", text("red"))]).option(), Some("option"));
    // The data are checked when the session is built.
    let session =
        |pairs: &[(&str, OptionValue)]| FitSession::new(config_from_options(&opts(pairs)).unwrap()).unwrap_err();
    let few = session(&[("data", OptionValue::Numbers(vec![1.0, 2.0])), ("k", num(5.0))]);
    assert!(
        matches!(few, ConfigError::Data(DataError::FewerPointsThanComponents { .. })),
        "{few}"
    );
    assert_eq!(few.option(), Some("k"));
    assert_eq!(
        session(&[("data", OptionValue::Numbers(vec![1.0, f64::NAN]))]).option(),
        Some("data")
    );
}

#[test]
fn each_option_is_checked_on_its_own_quoting_the_value_as_given() {
    use gmm_core::run::options::{check_option, option_errors};
    let pairs = opts(&[
        ("k", text("")),
        ("learningRate", num(-1.0)),
        ("init", text("random")),
        ("preset", text("bogus")),
        ("n", num(400.0)),
        ("speed", num(7.0)),
        ("lossView", text("gap")),
        ("stepAxis", text("sideways")),
        ("learningrate", num(0.1)),
    ]);
    let errors = option_errors(&pairs);
    let fields: Vec<Option<&str>> = errors.iter().map(ConfigError::option).collect();
    assert_eq!(
        fields,
        [
            Some("k"),
            Some("learningRate"),
            Some("init"),
            Some("preset"),
            Some("speed"),
            Some("stepAxis"),
            Some("option")
        ]
    );
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    let starts = [
        "k = \"\" is not allowed",
        "learningRate = -1 is not allowed",
        "init = \"random\" is not allowed: init must be one of near-zero",
        "preset = \"bogus\" is not allowed: preset must be one of classic",
        "speed = 7 is not allowed: speed must be one of 1, 2, 5",
    ];
    for (message, start) in messages.iter().zip(starts) {
        assert!(message.starts_with(start), "{message:?} should start with {start:?}");
    }
    assert!(messages[5].contains("\"sideways\""), "{}", messages[5]);
    assert!(
        messages[6].contains("\"learningrate\"") && messages[6].contains("speed"),
        "{}",
        messages[6]
    );
    // A page option's number may come as text (an attribute); cross-option checks wait for the build.
    assert!(check_option("speed", &text("20")).is_ok());
    assert!(
        check_option("n", &num(3.0)).is_ok(),
        "N = 3 < K = 5 is refused only when the run is built"
    );
    for spec in OPTION_SPECS {
        if let Some(default) = spec.default {
            assert!(
                check_option(spec.name, &spec_value(default)).is_ok(),
                "{}'s default",
                spec.name
            );
        }
    }
}

#[test]
fn a_hint_says_the_refusal_in_a_few_words_for_beside_its_field() {
    use gmm_core::run::options::check_option;
    let hint = |name: &str, value: OptionValue| check_option(name, &value).unwrap_err().hint();
    assert_eq!(hint("learningRate", num(-1.0)), "must be between 1e-6 and 1000");
    assert_eq!(hint("k", num(0.0)), "must be a whole number between 1 and 10");
    assert_eq!(hint("k", text("")), "must be a number");
    assert!(
        check_option("maxSteps", &text(""))
            .unwrap_err()
            .to_string()
            .ends_with("maxSteps must be a number"),
        "no trailing space"
    );
    assert_eq!(
        hint("init", text("random")),
        "must be one of near-zero, from-data, kmeans++"
    );
    // K against the data: the data's own sentence.
    let e = config_from_options(&opts(&[
        ("data", OptionValue::Numbers(vec![1.0, 2.0])),
        ("k", num(3.0)),
    ]))
    .and_then(|c| FitSession::new(c).map(|_| ()))
    .unwrap_err();
    assert_eq!(e.option(), Some("k"));
    assert!(!e.hint().starts_with("must be"), "{}", e.hint());
}
