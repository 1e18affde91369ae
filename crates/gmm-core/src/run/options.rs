//! Named options -> [`FitConfig`]: one table that the JS API (and the URL) go through.
//!
//! [`OPTION_SPECS`] is the one description of every option (name, kind, default, range or choices, label,
//! URL and attribute names, what a preset sets); the page derives its form, menus, URL state and element
//! attributes from it (`optionSpecs()` at the WebAssembly boundary), so nothing is typed twice.
//!
//! Options arrive as `(name, value)` pairs; a value is a number, a text (a URL gives only texts, so a
//! number may also arrive as text) or a list of numbers (given data). `preset` is applied first and every
//! other option overrides it. Unknown names, wrong types and out-of-range values are refused with a
//! message that names the option and says what is allowed.

use crate::data::sample::DataError;
use crate::fit::em::DEFAULT_VARIANCE_FLOOR;
use crate::fit::init::InitStrategy;
use crate::fit::method::MethodKind;
use crate::fit::optim::OptimizerKind;
use crate::fit::overrelaxed::DEFAULT_ETA;
use crate::format::{short_count, short_number};
use crate::run::components::{parse_components, ComponentBounds, START_BOUNDS, TRUTH_BOUNDS};
use crate::run::config::{
    ConfigError, DataSource, FitConfig, ETA_RANGE, K_RANGE, LEARNING_RATE_RANGE, MAX_STEPS_RANGE, N_RANGE, SEED_RANGE,
    TOLERANCE_RANGE, VARIANCE_FLOOR_RANGE,
};
use crate::run::loss_view::{LossView, StepAxis};
use crate::run::presets::{preset, Preset, CLASSIC, PRESETS};
use std::ops::RangeInclusive;

/// One option's value as it arrives from outside.
#[derive(Debug, Clone, PartialEq)]
pub enum OptionValue {
    Number(f64),
    Text(String),
    Numbers(Vec<f64>),
}

/// How an option's value is read and checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    /// One of fixed values ([`OptionSpec::choices`]).
    Choice,
    /// A whole number within [`OptionSpec::range`].
    Whole,
    /// A seed: a whole number within [`SEED_RANGE`].
    Seed,
    /// A finite number; [`FitConfig::validate`] checks it against [`OptionSpec::range`].
    Number,
    /// A list of numbers (the user's own data).
    Numbers,
    /// A list of mixture components `weight:mean:sigma` ([`crate::run::components`]).
    Components,
}

impl OptionKind {
    /// `choice`, `whole`, `seed`, `number` or `numbers`.
    pub fn name(self) -> &'static str {
        match self {
            OptionKind::Choice => "choice",
            OptionKind::Whole => "whole",
            OptionKind::Seed => "seed",
            OptionKind::Number => "number",
            OptionKind::Numbers => "numbers",
            OptionKind::Components => "components",
        }
    }
}

/// Who reads an option: [`config_from_options`] (the fit), or only the page that runs it (e.g. its speed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionScope {
    Fit,
    Page,
}

/// A default or a choice's value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SpecValue {
    Number(f64),
    Text(&'static str),
}

impl SpecValue {
    /// The value as it arrives from outside, so a default can be parsed like any option.
    pub fn to_option_value(self) -> OptionValue {
        match self {
            SpecValue::Number(v) => OptionValue::Number(v),
            SpecValue::Text(t) => OptionValue::Text(t.to_string()),
        }
    }
}

/// Where an option's choices come from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Choices {
    None,
    /// [`PRESETS`]: each choice also sets the options of [`preset_settings`].
    Presets,
    /// [`InitStrategy::ALL`].
    Inits,
    /// [`MethodKind::ALL`].
    Methods,
    /// Fixed numbers.
    Numbers(&'static [f64]),
    /// [`LossView::ALL`].
    LossViews,
    /// [`StepAxis::ALL`].
    StepAxes,
    /// Off or on: [`SWITCH`].
    Switch,
}

/// The values of an off/on option, in menu order.
pub const SWITCH: [&str; 2] = ["off", "on"];

/// One value of a choice option, with its menu label; a preset's also carries its lesson and the options
/// it sets.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub value: SpecValue,
    pub label: &'static str,
    pub lesson: Option<&'static str>,
    pub sets: Vec<(&'static str, SpecValue)>,
}

/// One option: everything a form, a menu, a URL or an element attribute needs to know about it.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionSpec {
    /// Name in options objects (the JS API) and in error messages.
    pub name: &'static str,
    /// Query parameter in the page's URL (none: not kept in links).
    pub url: Option<&'static str>,
    /// Attribute of the `<gmm-two-ways>` element (none: not settable by attribute).
    pub attribute: Option<&'static str>,
    /// Label of its form field (empty: no field).
    pub label: &'static str,
    /// A longer explanation for the field's tooltip (may be empty).
    pub hint: &'static str,
    pub kind: OptionKind,
    pub scope: OptionScope,
    /// Value when nothing sets it (and no preset does).
    pub default: Option<SpecValue>,
    /// Allowed values, inclusive, for whole numbers, seeds and numbers.
    pub range: Option<(f64, f64)>,
    pub choices: Choices,
    /// Changing it defines new data or a new start, so a new run; otherwise it changes the running fit.
    pub rebuild: bool,
    /// Choosing a preset sets it (see [`preset_settings`]).
    pub from_preset: bool,
}

const fn whole_range(r: RangeInclusive<usize>) -> Option<(f64, f64)> {
    Some((*r.start() as f64, *r.end() as f64))
}

/// Steps per frame the page offers.
pub const SPEEDS: &[f64] = &[1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0];

/// Every option, in the order they are documented (and the form shows them).
pub const OPTION_SPECS: &[OptionSpec] = &[
    OptionSpec {
        name: "preset",
        url: Some("preset"),
        attribute: Some("preset"),
        label: "Preset",
        hint: "",
        kind: OptionKind::Choice,
        scope: OptionScope::Fit,
        default: Some(SpecValue::Text(CLASSIC.id)),
        range: None,
        choices: Choices::Presets,
        rebuild: true,
        from_preset: false,
    },
    OptionSpec {
        name: "n",
        url: Some("n"),
        attribute: Some("n"),
        label: "N points",
        hint: "",
        kind: OptionKind::Whole,
        scope: OptionScope::Fit,
        default: Some(SpecValue::Number(CLASSIC.n as f64)),
        range: whole_range(N_RANGE),
        choices: Choices::None,
        rebuild: true,
        from_preset: true,
    },
    OptionSpec {
        name: "k",
        url: Some("k"),
        attribute: Some("k"),
        label: "K fitted",
        hint: "",
        kind: OptionKind::Whole,
        scope: OptionScope::Fit,
        default: Some(SpecValue::Number(CLASSIC.k as f64)),
        range: whole_range(K_RANGE),
        choices: Choices::None,
        rebuild: true,
        from_preset: true,
    },
    OptionSpec {
        name: "dataSeed",
        url: Some("dataSeed"),
        attribute: Some("data-seed"),
        label: "Data seed",
        hint: "",
        kind: OptionKind::Seed,
        scope: OptionScope::Fit,
        default: Some(SpecValue::Number(CLASSIC.data_seed as f64)),
        range: Some((*SEED_RANGE.start() as f64, *SEED_RANGE.end() as f64)),
        choices: Choices::None,
        rebuild: true,
        from_preset: true,
    },
    OptionSpec {
        name: "truth",
        url: Some("truth"),
        attribute: Some("truth"),
        label: "Ground truth",
        hint: "The ground truth the data are sampled from, weight:mean:sigma per component (weights are \
               renormalised); none: the preset's.",
        kind: OptionKind::Components,
        scope: OptionScope::Fit,
        default: None,
        range: None,
        choices: Choices::None,
        rebuild: true,
        from_preset: false,
    },
    OptionSpec {
        name: "init",
        url: Some("init"),
        attribute: Some("init"),
        label: "Initial parameters",
        hint: "",
        kind: OptionKind::Choice,
        scope: OptionScope::Fit,
        default: Some(SpecValue::Text("near-zero")),
        range: None,
        choices: Choices::Inits,
        rebuild: true,
        from_preset: true,
    },
    OptionSpec {
        name: "initSeed",
        url: Some("initSeed"),
        attribute: Some("init-seed"),
        label: "Init seed",
        hint: "",
        kind: OptionKind::Seed,
        scope: OptionScope::Fit,
        default: Some(SpecValue::Number(1.0)),
        range: Some((*SEED_RANGE.start() as f64, *SEED_RANGE.end() as f64)),
        choices: Choices::None,
        rebuild: true,
        from_preset: false,
    },
    OptionSpec {
        name: "start",
        url: Some("start"),
        attribute: Some("start"),
        label: "Start by hand",
        hint: "The shared start of both methods, weight:mean:sigma per component, K of them (weights are \
               renormalised); none: drawn by the initial parameters' rule and seed.",
        kind: OptionKind::Components,
        scope: OptionScope::Fit,
        default: None,
        range: None,
        choices: Choices::None,
        rebuild: true,
        from_preset: false,
    },
    OptionSpec {
        name: "optimizer",
        url: Some("optimizer"),
        attribute: Some("optimizer"),
        label: "First panel's method",
        hint: "Gradient descent with Adam, momentum or plain steps (the learning rate below), EM, or over-relaxed \
               EM (eta below). Either panel can run any method, so any two can race.",
        kind: OptionKind::Choice,
        scope: OptionScope::Fit,
        default: Some(SpecValue::Text("adam")),
        range: None,
        choices: Choices::Methods,
        rebuild: false,
        from_preset: true,
    },
    OptionSpec {
        name: "secondMethod",
        url: Some("secondMethod"),
        attribute: Some("second-method"),
        label: "Second panel's method",
        hint: "",
        kind: OptionKind::Choice,
        scope: OptionScope::Fit,
        default: Some(SpecValue::Text("em")),
        range: None,
        choices: Choices::Methods,
        rebuild: false,
        from_preset: true,
    },
    OptionSpec {
        name: "learningRate",
        url: Some("learningRate"),
        attribute: Some("learning-rate"),
        label: "Learning rate",
        hint: "",
        kind: OptionKind::Number,
        scope: OptionScope::Fit,
        default: Some(SpecValue::Number(CLASSIC.learning_rate)),
        range: Some((*LEARNING_RATE_RANGE.start(), *LEARNING_RATE_RANGE.end())),
        choices: Choices::None,
        rebuild: false,
        from_preset: true,
    },
    OptionSpec {
        name: "eta",
        url: Some("eta"),
        attribute: Some("eta"),
        label: "Over-relaxation η",
        hint: "Over-relaxed EM steps eta times as far as EM: 1 is EM, between 1 and 2 it often settles in fewer \
               iterations, above 2 it can fail. Used by a panel that runs over-relaxed EM, when adaptive is off.",
        kind: OptionKind::Number,
        scope: OptionScope::Fit,
        default: Some(SpecValue::Number(DEFAULT_ETA)),
        range: Some((*ETA_RANGE.start(), *ETA_RANGE.end())),
        choices: Choices::None,
        rebuild: true,
        from_preset: false,
    },
    OptionSpec {
        name: "adaptive",
        url: Some("adaptive"),
        attribute: Some("adaptive"),
        label: "Adaptive η",
        hint: "Over-relaxed EM grows eta after each step that kept the likelihood and goes back to EM's step \
               (eta = 1) after one that lowered it, so the likelihood never falls.",
        kind: OptionKind::Choice,
        scope: OptionScope::Fit,
        default: Some(SpecValue::Text("off")),
        range: None,
        choices: Choices::Switch,
        rebuild: true,
        from_preset: true,
    },
    OptionSpec {
        name: "varianceFloor",
        url: Some("varianceFloor"),
        attribute: Some("variance-floor"),
        label: "Floor on σ²",
        hint: "",
        kind: OptionKind::Number,
        scope: OptionScope::Fit,
        default: Some(SpecValue::Number(DEFAULT_VARIANCE_FLOOR)),
        range: Some((*VARIANCE_FLOOR_RANGE.start(), *VARIANCE_FLOOR_RANGE.end())),
        choices: Choices::None,
        rebuild: false,
        from_preset: false,
    },
    OptionSpec {
        name: "maxSteps",
        url: Some("maxSteps"),
        attribute: Some("max-steps"),
        label: "Max steps",
        hint: "",
        kind: OptionKind::Whole,
        scope: OptionScope::Fit,
        default: Some(SpecValue::Number(3000.0)),
        range: whole_range(MAX_STEPS_RANGE),
        choices: Choices::None,
        rebuild: false,
        from_preset: false,
    },
    OptionSpec {
        name: "tolerance",
        url: Some("tolerance"),
        attribute: Some("tolerance"),
        label: "Tolerance (0: off)",
        hint: "A method stops once its loss changes by less than this in one step; 0 turns it off.",
        kind: OptionKind::Number,
        scope: OptionScope::Fit,
        default: Some(SpecValue::Number(0.0)),
        range: Some((*TOLERANCE_RANGE.start(), *TOLERANCE_RANGE.end())),
        choices: Choices::None,
        rebuild: false,
        from_preset: false,
    },
    OptionSpec {
        name: "data",
        url: None,
        attribute: None,
        label: "",
        hint: "",
        kind: OptionKind::Numbers,
        scope: OptionScope::Fit,
        default: None,
        range: None,
        choices: Choices::None,
        rebuild: true,
        from_preset: false,
    },
    OptionSpec {
        name: "speed",
        url: Some("speed"),
        attribute: Some("speed"),
        label: "Steps per frame",
        hint: "",
        kind: OptionKind::Choice,
        scope: OptionScope::Page,
        default: Some(SpecValue::Number(10.0)),
        range: None,
        choices: Choices::Numbers(SPEEDS),
        rebuild: false,
        from_preset: false,
    },
    OptionSpec {
        name: "lossView",
        url: Some("lossView"),
        attribute: Some("loss-view"),
        label: "Loss chart shows",
        hint: "The gap to the best fit found (EM from several good starts) shows how each run ends; the loss \
               itself shows where it started.",
        kind: OptionKind::Choice,
        scope: OptionScope::Page,
        default: Some(SpecValue::Text("gap")),
        range: None,
        choices: Choices::LossViews,
        rebuild: false,
        from_preset: false,
    },
    OptionSpec {
        name: "stepAxis",
        url: Some("stepAxis"),
        attribute: Some("step-axis"),
        label: "x-axis",
        hint: "A log scale of steps shows a method that settles in 16 steps beside one that takes 3000; time shows \
               the seconds each method spent stepping in this run, so fewer steps and less time can be told apart.",
        kind: OptionKind::Choice,
        scope: OptionScope::Page,
        default: Some(SpecValue::Text("log")),
        range: None,
        choices: Choices::StepAxes,
        rebuild: false,
        from_preset: false,
    },
];

/// The spec of the option with this name.
pub fn option_spec(name: &str) -> Option<&'static OptionSpec> {
    OPTION_SPECS.iter().find(|s| s.name == name)
}

/// Names of the options [`config_from_options`] reads, in the table's order.
pub fn fit_option_names() -> Vec<&'static str> {
    OPTION_SPECS
        .iter()
        .filter(|s| s.scope == OptionScope::Fit)
        .map(|s| s.name)
        .collect()
}

/// The options a preset sets, by option name (every spec with `from_preset`, and no other).
pub fn preset_settings(p: &Preset) -> Vec<(&'static str, SpecValue)> {
    vec![
        ("n", SpecValue::Number(p.n as f64)),
        ("k", SpecValue::Number(p.k as f64)),
        ("dataSeed", SpecValue::Number(p.data_seed as f64)),
        ("init", SpecValue::Text(p.init.name())),
        ("optimizer", SpecValue::Text(p.first_method.name())),
        ("secondMethod", SpecValue::Text(p.second_method.name())),
        ("learningRate", SpecValue::Number(p.learning_rate)),
        ("adaptive", SpecValue::Text(if p.adaptive { "on" } else { "off" })),
    ]
}

/// What the components of option `name` may be: the truth's bounds for `truth`, a start's otherwise.
pub fn component_bounds(name: &str) -> ComponentBounds {
    if name == "truth" {
        TRUTH_BOUNDS
    } else {
        START_BOUNDS
    }
}

/// Menu label of an initialisation.
pub fn init_label(init: InitStrategy) -> &'static str {
    match init {
        InitStrategy::NearZero => "near zero (the homework's)",
        InitStrategy::FromData => "from the data",
        InitStrategy::KMeansPlusPlus => "k-means++",
    }
}

/// Menu label of a method, short enough for a narrow menu (GD: gradient descent, as in the step line).
pub fn method_menu_label(kind: MethodKind) -> &'static str {
    match kind {
        MethodKind::Gradient(OptimizerKind::Adam) => "Adam (GD)",
        MethodKind::Gradient(OptimizerKind::Momentum) => "momentum (GD)",
        MethodKind::Gradient(OptimizerKind::GradientDescent) => "plain GD",
        MethodKind::Em => "EM",
        MethodKind::OverrelaxedEm => "over-relaxed EM",
    }
}

impl OptionSpec {
    /// The allowed values of a choice option, in menu order (empty for other kinds).
    pub fn choices(&self) -> Vec<Choice> {
        let plain = |value, label| Choice {
            value,
            label,
            lesson: None,
            sets: Vec::new(),
        };
        match self.choices {
            Choices::None => Vec::new(),
            Choices::Presets => PRESETS
                .iter()
                .map(|p| Choice {
                    value: SpecValue::Text(p.id),
                    label: p.label,
                    lesson: Some(p.lesson),
                    sets: preset_settings(p),
                })
                .collect(),
            Choices::Inits => InitStrategy::ALL
                .iter()
                .map(|&s| plain(SpecValue::Text(s.name()), init_label(s)))
                .collect(),
            Choices::Methods => MethodKind::ALL
                .iter()
                .map(|&k| plain(SpecValue::Text(k.name()), method_menu_label(k)))
                .collect(),
            Choices::LossViews => LossView::ALL
                .iter()
                .map(|&v| plain(SpecValue::Text(v.name()), v.label()))
                .collect(),
            Choices::StepAxes => StepAxis::ALL
                .iter()
                .map(|&v| plain(SpecValue::Text(v.name()), v.label()))
                .collect(),
            Choices::Switch => SWITCH.iter().map(|&v| plain(SpecValue::Text(v), v)).collect(),
            // The label of a number is the number itself.
            Choices::Numbers(values) => values.iter().map(|&v| plain(SpecValue::Number(v), "")).collect(),
        }
    }

    /// What a value of this option must be, in words (as error messages say it).
    pub fn allowed(&self) -> String {
        match (self.kind, self.range) {
            (OptionKind::Whole | OptionKind::Seed, Some((lo, hi))) => format!("a whole number between {lo} and {hi}"),
            (OptionKind::Number, Some((lo, hi))) => format!("between {} and {}", short_number(lo), short_number(hi)),
            (OptionKind::Numbers, _) => "a list of numbers".into(),
            (OptionKind::Components, _) => component_bounds(self.name).allowed(),
            _ => {
                let values: Vec<String> = self
                    .choices()
                    .iter()
                    .map(|c| match c.value {
                        SpecValue::Number(v) => short_number(v),
                        SpecValue::Text(t) => t.to_string(),
                    })
                    .collect();
                format!("one of {}", values.join(", "))
            }
        }
    }
}

fn wrong(field: &'static str, value: &OptionValue, allowed: String) -> ConfigError {
    let value = match value {
        OptionValue::Number(v) => short_count(*v),
        // A long text that is a number (a URL's 301 digits) is shown as that number in a few characters
        // (400 digits overflow to inf, as they do in JavaScript).
        OptionValue::Text(t) => match t.trim().parse::<f64>() {
            Ok(v) if t.chars().count() > 12 => short_number(v),
            _ => format!("{t:?}"),
        },
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
        .ok_or_else(|| wrong(field, value, format!("a number {allowed}").trim_end().to_string()))
}

/// A whole number within the spec's range.
fn whole<T: TryFrom<u64> + Copy>(spec: &OptionSpec, value: &OptionValue) -> Result<T, ConfigError> {
    let (lo, hi) = spec.range.expect("whole-number options have a range");
    let v = number(spec.name, value, "")?;
    if v.fract() != 0.0 || v < lo || v > hi {
        return Err(wrong(spec.name, value, spec.allowed()));
    }
    T::try_from(v as u64).map_err(|_| wrong(spec.name, value, spec.allowed()))
}

fn text<'a>(field: &'static str, value: &'a OptionValue, allowed: &[&str]) -> Result<&'a str, ConfigError> {
    match value {
        OptionValue::Text(t) if allowed.contains(&t.as_str()) => Ok(t),
        _ => Err(wrong(field, value, format!("one of {}", allowed.join(", ")))),
    }
}

/// Builds a configuration from named options. Missing options keep the preset's (default: classic)
/// values (including its data seed and ground truth; `truth` replaces the truth, and given `data` replace
/// the sampled data, truth and all); `initSeed` defaults to 1, the variance floor to 1e-6; 3000 steps and
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
        config.first_method = p.first_method;
        config.second_method = p.second_method;
        config.learning_rate = p.learning_rate;
        config.adaptive = p.adaptive;
    }
    let (mut n, mut data_seed, mut given, mut truth) = (None, None, None, None);
    for (name, value) in options {
        let Some(spec) = option_spec(name).filter(|s| s.scope == OptionScope::Fit) else {
            return Err(ConfigError::OutOfRange {
                field: "option",
                value: format!("{name:?}"),
                allowed: format!("one of {}", fit_option_names().join(", ")),
            });
        };
        match spec.name {
            "n" => n = Some(whole::<usize>(spec, value)?),
            "k" => config.k = whole(spec, value)?,
            "dataSeed" => data_seed = Some(whole::<u64>(spec, value)?),
            "truth" => truth = Some(parse_components("truth", value, &TRUTH_BOUNDS)?),
            "start" => config.start = Some(parse_components("start", value, &START_BOUNDS)?),
            "initSeed" => config.init_seed = whole(spec, value)?,
            "init" => {
                let names: Vec<&str> = InitStrategy::ALL.iter().map(|s| s.name()).collect();
                config.init = InitStrategy::from_name(text("init", value, &names)?).expect("checked");
            }
            "optimizer" | "secondMethod" => {
                let names: Vec<&str> = MethodKind::ALL.iter().map(|k| k.name()).collect();
                let method = MethodKind::from_name(text(spec.name, value, &names)?).expect("checked");
                if spec.name == "optimizer" {
                    config.first_method = method;
                } else {
                    config.second_method = method;
                }
            }
            "learningRate" => config.learning_rate = number("learningRate", value, "")?,
            "eta" => config.eta = number("eta", value, "")?,
            "adaptive" => config.adaptive = text("adaptive", value, &SWITCH)? == "on",
            "varianceFloor" => config.variance_floor = number("varianceFloor", value, "")?,
            "maxSteps" => config.max_steps = whole(spec, value)?,
            "tolerance" => config.tolerance = number("tolerance", value, "")?,
            "data" => match value {
                OptionValue::Numbers(values) => given = Some(values.clone()),
                _ => return Err(wrong("data", value, spec.allowed())),
            },
            "preset" => {} // applied first
            other => unreachable!("option {other} is in OPTION_SPECS but not read here"),
        }
    }
    if let Some(values) = given {
        config.data = DataSource::Given(values);
    } else if let DataSource::Sample { n: pn, seed, truth: pt } = &mut config.data {
        *pn = n.unwrap_or(*pn);
        *seed = data_seed.unwrap_or(*seed);
        *pt = truth.unwrap_or_else(|| pt.clone());
    }
    config.validate()?;
    Ok(config)
}

/// Checks one option on its own: its name, its type and its range (for a fit option, against the default
/// settings; for a page option, against its choices). What depends on other options (K against the data)
/// is checked only when a run is built, by [`config_from_options`] and the session.
///
/// # Errors
/// [`ConfigError::OutOfRange`] naming the option (`option` for an unknown name) and what is allowed; the
/// value is quoted as given.
pub fn check_option(name: &str, value: &OptionValue) -> Result<(), ConfigError> {
    let unknown = || ConfigError::OutOfRange {
        field: "option",
        value: format!("{name:?}"),
        allowed: format!(
            "one of {}",
            OPTION_SPECS.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
        ),
    };
    let spec = option_spec(name).ok_or_else(unknown)?;
    if spec.kind == OptionKind::Components {
        // A start's number of components is checked against K when the run is built.
        return parse_components(spec.name, value, &component_bounds(spec.name)).map(|_| ());
    }
    if spec.scope == OptionScope::Fit {
        return config_from_options(&[(name.to_string(), value.clone())]).map(|_| ());
    }
    let listed = spec.choices().iter().any(|c| match (c.value, value) {
        (SpecValue::Number(v), OptionValue::Number(x)) => v == *x,
        (SpecValue::Number(v), OptionValue::Text(t)) => t.trim().parse::<f64>() == Ok(v),
        (SpecValue::Text(v), OptionValue::Text(t)) => v == t,
        _ => false,
    });
    if listed {
        Ok(())
    } else {
        Err(wrong(spec.name, value, spec.allowed()))
    }
}

/// Every option [`check_option`] refuses, in the order given (so a form can mark each bad field at once).
pub fn option_errors(options: &[(String, OptionValue)]) -> Vec<ConfigError> {
    options
        .iter()
        .filter_map(|(name, value)| check_option(name, value).err())
        .collect()
}

impl ConfigError {
    /// The refusal in a few words for a message beside the option's own field, which need not name it:
    /// "must be between 1e-6 and 1000" for a value out of range, the data's or the truth's problem otherwise.
    pub fn hint(&self) -> String {
        match self {
            ConfigError::OutOfRange { allowed, .. } => format!("must be {allowed}"),
            ConfigError::Data(e) => e.to_string(),
            ConfigError::Model(e) => e.to_string(),
        }
    }

    /// The option a refusal is about, so a form can mark its field: the option out of range (`option` for
    /// an unknown name), `k` when K does not fit the data, `data` when the data themselves are refused, none
    /// for a bad ground truth.
    pub fn option(&self) -> Option<&'static str> {
        match self {
            ConfigError::OutOfRange { field, .. } => Some(field),
            ConfigError::Data(
                DataError::FewerPointsThanComponents { .. }
                | DataError::FewerDistinctValuesThanComponents { .. }
                | DataError::NoComponents,
            ) => Some("k"),
            ConfigError::Data(_) => Some("data"),
            ConfigError::Model(_) => None,
        }
    }
}
