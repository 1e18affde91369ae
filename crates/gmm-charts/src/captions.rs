//! Every caption and label the charts show, written once: the boundary asks for them by what they say,
//! never spells them out.

use crate::NARROW_CHART;
use gmm_core::fit::method::MethodKind;
use gmm_core::teach::trajectory::ParamRef;
use gmm_core::OptimizerKind;

/// The optimizer's name in a label: `Adam`, `momentum` or `plain`.
pub fn optimizer_label(kind: OptimizerKind) -> &'static str {
    match kind {
        OptimizerKind::Adam => "Adam",
        OptimizerKind::Momentum => "momentum",
        OptimizerKind::GradientDescent => "plain",
    }
}

/// A panel's method in a legend: "gradient descent (Adam)", "EM" or "over-relaxed EM".
pub fn method_label(kind: MethodKind) -> String {
    match kind {
        MethodKind::Gradient(rule) => format!("gradient descent ({})", optimizer_label(rule)),
        other => other.in_prose().to_string(),
    }
}

/// Both panels' labels ([`method_label`]); when both run the same method, each also names its panel.
pub fn panel_labels(first: MethodKind, second: MethodKind) -> [String; 2] {
    let [a, b] = [first, second].map(method_label);
    if first == second {
        [format!("{a} (first panel)"), format!("{b} (second panel)")]
    } else {
        [a, b]
    }
}

/// A density panel's title: the method (gradient descent shortened on a chart narrower than
/// [`NARROW_CHART`], where the legend becomes a key row too), its step and its loss to four decimals.
pub fn density_caption(kind: MethodKind, canvas_width: u32, step: usize, loss: f64) -> String {
    let name = match kind {
        MethodKind::Gradient(_) if canvas_width >= NARROW_CHART => "Gradient descent (direct likelihood)",
        other => other.title(),
    };
    format!("{name}: step {step}, loss {loss:.4}")
}

/// The trajectories chart's title.
pub fn trajectories_caption(step: usize) -> String {
    format!("Parameters against the step (step {step})")
}

/// The landscape's title: the two parameters on its axes and the step of gradient descent whose other
/// parameters it holds fixed.
pub fn landscape_caption(x: ParamRef, y: ParamRef, step: usize) -> String {
    format!(
        "Mean NLL over {} and {} (others at gradient descent's step {step})",
        x.name(),
        y.name()
    )
}

/// The step-through's title for the E-step that follows `done` completed iterations.
pub fn e_step_caption(done: u32) -> String {
    format!("E-step of iteration {}: who explains each bar", done + 1)
}

/// The step-through's title while the M-step of iteration `done` is shown.
pub fn m_step_caption(done: u32) -> String {
    format!("M-step of iteration {done}: components move to their points")
}

/// The step-through's title at rest, after `done` iterations.
pub fn parameters_caption(done: u32) -> String {
    format!("Parameters after {done} iterations")
}
