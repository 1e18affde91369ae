//! Mixtures given by hand, as options: the ground truth to sample from (`truth`) and the shared start of
//! both methods (`start`), each a list of components `weight:mean:sigma`.
//!
//! A list arrives as text, `"0.25:1:0.5,0.75:-0.5:1"` (a URL's form: components separated by commas or
//! semicolons, the three numbers of a component by colons), or as numbers, flat triples
//! `[0.25, 1, 0.5, 0.75, -0.5, 1]` (the JS API's form). Weights need not sum to 1: they are renormalised.
//! [`components_text`] writes the text back, so a link reproduces the same mixture bit for bit.

use crate::data::sample::MAX_ABS_DATA;
use crate::format::short_number;
use crate::model::mixture::Mixture;
use crate::run::config::{ConfigError, K_RANGE};
use crate::run::options::OptionValue;

/// What one field's components may be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ComponentBounds {
    /// Largest magnitude of a mean.
    pub max_abs_mean: f64,
    /// Smallest and largest standard deviation.
    pub sigma: (f64, f64),
}

/// The ground truth's: data sampled from it stay far inside the data's limit (`|x| <= 1e100`), and a
/// sigma is never so small that the points of one component are all equal.
pub const TRUTH_BOUNDS: ComponentBounds = ComponentBounds {
    max_abs_mean: 1e6,
    sigma: (1e-6, 1e6),
};

/// A start's: anywhere data may be (so a fit to imported data can be given back as a start), with sigmas
/// whose `1 / sigma^2` stays finite.
pub const START_BOUNDS: ComponentBounds = ComponentBounds {
    max_abs_mean: MAX_ABS_DATA,
    sigma: (1e-100, 1e100),
};

impl ComponentBounds {
    /// What a list of components must be, in words (as error messages say it).
    pub fn allowed(&self) -> String {
        format!(
            "{} to {} components weight:mean:sigma separated by commas (e.g. 0.5:-1:0.5,0.5:1:0.5), each weight \
             greater than 0, each mean between {} and {}, each sigma between {} and {}",
            K_RANGE.start(),
            K_RANGE.end(),
            short_number(-self.max_abs_mean),
            short_number(self.max_abs_mean),
            short_number(self.sigma.0),
            short_number(self.sigma.1)
        )
    }
}

/// Reads a list of components for option `field` and builds the mixture (weights renormalised).
///
/// # Errors
/// [`ConfigError::OutOfRange`] naming `field`, the value as given (with the first bad component and
/// number, when one is), and what is allowed: for a text that is not numbers in groups of three, a list
/// whose length is not a multiple of 3, fewer than 1 or more than 10 components, or a weight, mean or sigma
/// outside `bounds` (NaN never passes).
pub fn parse_components(
    field: &'static str,
    value: &OptionValue,
    bounds: &ComponentBounds,
) -> Result<Mixture, ConfigError> {
    let given = match value {
        OptionValue::Text(t) => format!("{:?}", clip(t)),
        OptionValue::Numbers(v) => format!("a list of {} numbers", v.len()),
        OptionValue::Number(v) => short_number(*v),
    };
    let refuse = |detail: String| ConfigError::OutOfRange {
        field,
        value: if detail.is_empty() {
            given.clone()
        } else {
            format!("{given} ({detail})")
        },
        allowed: bounds.allowed(),
    };
    let triples: Vec<[f64; 3]> = match value {
        OptionValue::Text(t) => text_triples(t).map_err(refuse)?,
        OptionValue::Numbers(v) if v.len() % 3 == 0 => v.chunks(3).map(|c| [c[0], c[1], c[2]]).collect(),
        OptionValue::Numbers(v) => return Err(refuse(format!("{} is not a multiple of 3", v.len()))),
        OptionValue::Number(_) => return Err(refuse(String::new())),
    };
    if !K_RANGE.contains(&triples.len()) {
        return Err(refuse(format!("{} components", triples.len())));
    }
    for (i, &[w, m, s]) in triples.iter().enumerate() {
        let bad = if !(w > 0.0 && w.is_finite()) {
            Some(("weight", w))
        } else if !(-bounds.max_abs_mean..=bounds.max_abs_mean).contains(&m) {
            Some(("mean", m))
        } else if !(bounds.sigma.0..=bounds.sigma.1).contains(&s) {
            Some(("sigma", s))
        } else {
            None
        };
        if let Some((name, v)) = bad {
            return Err(refuse(format!("component {}: {name} {}", i + 1, short_number(v))));
        }
    }
    let column = |j: usize| triples.iter().map(|t| t[j]).collect::<Vec<f64>>();
    Mixture::from_weights(&column(0), &column(1), &column(2)).map_err(|e| refuse(e.to_string()))
}

/// The components of `text`: groups separated by `,` or `;`, three numbers per group separated by `:`.
fn text_triples(text: &str) -> Result<Vec<[f64; 3]>, String> {
    text.split([',', ';'])
        .map(str::trim)
        .filter(|g| !g.is_empty())
        .enumerate()
        .map(|(i, group)| {
            let numbers: Vec<Option<f64>> = group.split(':').map(|p| p.trim().parse::<f64>().ok()).collect();
            match numbers[..] {
                [Some(w), Some(m), Some(s)] => Ok([w, m, s]),
                _ => Err(format!(
                    "component {} is {:?}, not weight:mean:sigma",
                    i + 1,
                    clip(group)
                )),
            }
        })
        .collect()
}

fn clip(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() > MAX {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    } else {
        text.to_string()
    }
}

/// The mixture as the text [`parse_components`] reads: `weight:mean:sigma` per component, comma-separated,
/// each number in the shortest form that reads back to the same double.
///
/// Reading it back gives the same weights, means and sigmas to rounding (the weights are renormalised, and
/// `exp(ln(sigma))` may differ from sigma in the last place), not always the same bits.
pub fn components_text(model: &Mixture) -> String {
    let (weights, sigmas) = (model.weights(), model.sigmas());
    (0..model.k())
        .map(|j| format!("{}:{}:{}", weights[j], model.means()[j], sigmas[j]))
        .collect::<Vec<_>>()
        .join(",")
}

/// The mixture as flat triples `[w1, m1, s1, w2, m2, s2, ...]` (normalised weights), the JS API's form.
pub fn components_flat(model: &Mixture) -> Vec<f64> {
    let (weights, sigmas) = (model.weights(), model.sigmas());
    (0..model.k())
        .flat_map(|j| [weights[j], model.means()[j], sigmas[j]])
        .collect()
}
