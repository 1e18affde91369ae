//! Named options -> [`FitConfig`]: one table that the JS API (and the URL) go through.
//!
//! Options arrive as `(name, value)` pairs; a value is a number, a text (a URL gives only texts, so a
//! number may also arrive as text) or a list of numbers (given data). `preset` is applied first and every
//! other option overrides it. Unknown names, wrong types and out-of-range values are refused with a
//! message that names the option and says what is allowed.

use crate::fit::init::InitStrategy;
use crate::fit::optim::OptimizerKind;
use crate::run::config::{ConfigError, DataSource, FitConfig, K_RANGE, MAX_STEPS_RANGE, N_RANGE, SEED_RANGE};
use crate::run::presets::{preset, PRESETS};
use std::ops::RangeInclusive;

/// One option's value as it arrives from outside.
#[derive(Debug, Clone, PartialEq)]
pub enum OptionValue {
    Number(f64),
    Text(String),
    Numbers(Vec<f64>),
}

/// Every option name, in the order they are documented.
pub const OPTION_NAMES: [&str; 12] = [
    "preset",
    "n",
    "k",
    "dataSeed",
    "initSeed",
    "init",
    "optimizer",
    "learningRate",
    "varianceFloor",
    "maxSteps",
    "tolerance",
    "data",
];

fn wrong(field: &'static str, value: &OptionValue, allowed: String) -> ConfigError {
    let value = match value {
        OptionValue::Number(v) => v.to_string(),
        OptionValue::Text(t) => format!("{t:?}"),
        OptionValue::Numbers(v) => format!("a list of {} numbers", v.len()),
    };
    ConfigError::OutOfRange { field, value, allowed }
}

/// A finite number (or a text that parses as one).
fn number(field: &'static str, value: &OptionValue, allowed: &str) -> Result<f64, ConfigError> {
    let parsed = match value {
        OptionValue::Number(v) => Some(*v),
        OptionValue::Text(t) => t.trim().parse::<f64>().ok(),
        OptionValue::Numbers(_) => None,
    };
    parsed
        .filter(|v| v.is_finite())
        .ok_or_else(|| wrong(field, value, format!("a number {allowed}")))
}

/// A whole number within `range`.
fn whole<T: TryFrom<u64> + Copy>(
    field: &'static str,
    value: &OptionValue,
    range: RangeInclusive<u64>,
) -> Result<T, ConfigError> {
    let allowed = format!("a whole number between {} and {}", range.start(), range.end());
    let v = number(field, value, "")?;
    if v.fract() != 0.0 || v < *range.start() as f64 || v > *range.end() as f64 {
        return Err(wrong(field, value, allowed));
    }
    T::try_from(v as u64).map_err(|_| wrong(field, value, allowed))
}

fn text<'a>(field: &'static str, value: &'a OptionValue, allowed: &[&str]) -> Result<&'a str, ConfigError> {
    match value {
        OptionValue::Text(t) if allowed.contains(&t.as_str()) => Ok(t),
        _ => Err(wrong(field, value, format!("one of {}", allowed.join(", ")))),
    }
}

fn usize_range(r: &RangeInclusive<usize>) -> RangeInclusive<u64> {
    *r.start() as u64..=*r.end() as u64
}

/// Builds a configuration from named options. Missing options keep the preset's (default: classic)
/// values (including its data seed); `initSeed` defaults to 1, the variance floor to 1e-6; 3000 steps and
/// no tolerance.
///
/// # Errors
/// [`ConfigError::OutOfRange`] for an unknown option, a value of the wrong type or out of range, and
/// whatever [`FitConfig::validate`] refuses.
pub fn config_from_options(options: &[(String, OptionValue)]) -> Result<FitConfig, ConfigError> {
    let mut config = FitConfig::default();
    let preset_ids: Vec<&str> = PRESETS.iter().map(|p| p.id).collect();
    if let Some((_, value)) = options.iter().find(|(name, _)| name == "preset") {
        let p = preset(text("preset", value, &preset_ids)?).expect("checked against the ids");
        config.data = DataSource::Sample {
            truth: p.truth(),
            n: p.n,
            seed: p.data_seed,
        };
        config.k = p.k;
        config.init = p.init;
        config.optimizer = p.optimizer;
        config.learning_rate = p.learning_rate;
    }
    let (mut n, mut data_seed, mut given) = (None, None, None);
    for (name, value) in options {
        match name.as_str() {
            "preset" => {}
            "n" => n = Some(whole::<usize>("n", value, usize_range(&N_RANGE))?),
            "k" => config.k = whole("k", value, usize_range(&K_RANGE))?,
            "dataSeed" => data_seed = Some(whole::<u64>("dataSeed", value, SEED_RANGE)?),
            "initSeed" => config.init_seed = whole("initSeed", value, SEED_RANGE)?,
            "init" => {
                let names: Vec<&str> = InitStrategy::ALL.iter().map(|s| s.name()).collect();
                config.init = InitStrategy::from_name(text("init", value, &names)?).expect("checked");
            }
            "optimizer" => {
                let names: Vec<&str> = OptimizerKind::ALL.iter().map(|k| k.name()).collect();
                config.optimizer = OptimizerKind::from_name(text("optimizer", value, &names)?).expect("checked");
            }
            "learningRate" => config.learning_rate = number("learningRate", value, "")?,
            "varianceFloor" => config.variance_floor = number("varianceFloor", value, "")?,
            "maxSteps" => config.max_steps = whole("maxSteps", value, usize_range(&MAX_STEPS_RANGE))?,
            "tolerance" => config.tolerance = number("tolerance", value, "")?,
            "data" => match value {
                OptionValue::Numbers(values) => given = Some(values.clone()),
                _ => return Err(wrong("data", value, "a list of numbers".into())),
            },
            _ => {
                return Err(ConfigError::OutOfRange {
                    field: "option",
                    value: format!("{name:?}"),
                    allowed: format!("one of {}", OPTION_NAMES.join(", ")),
                })
            }
        }
    }
    if let Some(values) = given {
        config.data = DataSource::Given(values);
    } else if let DataSource::Sample { n: pn, seed, .. } = &mut config.data {
        *pn = n.unwrap_or(*pn);
        *seed = data_seed.unwrap_or(*seed);
    }
    config.validate()?;
    Ok(config)
}
