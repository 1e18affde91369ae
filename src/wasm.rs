//! The WebAssembly boundary: converts JS values to Rust and errors to JS `Error`s, and nothing more.
//!
//! JS owns the animation loop; a [`Demo`] handle owns the session and is asked for small results.

use crate::canvas::MeasuredCanvas;
use crate::density_background::DensityBackground;
use crate::js::{argument_error, choice_error, plain_error, set};
use crate::js_layout::Layouts;
use crate::wasm_options::{config_error_to_js, read_options};
use gmm_charts::captions::{density_caption, panel_labels};
use gmm_charts::{draw_loss, record, DensityPanel, DensityScene, LossPanel, Theme};
use gmm_core::data::sample::MAX_ABS_DATA;
use gmm_core::fit::method::MethodKind;
use gmm_core::format::short_count;
use gmm_core::model::matching::match_components;
use gmm_core::model::mixture::{permutation_from, Mixture, LOGIT_RANGE, LOG_SIGMA_RANGE};
use gmm_core::run::comparison::Comparison;
use gmm_core::run::components::{START_BOUNDS, TRUTH_BOUNDS};
use gmm_core::run::loss_view::{LossView, StepAxis};
use gmm_core::run::options::config_from_options;
use gmm_core::run::rewind::{MethodView, Rewound};
use gmm_core::run::session::{FitSession, Panel, Status, Track};
use gmm_core::run::timeline::MethodId;
use gmm_core::teach::trajectory::{TrajectoryRecorder, DEFAULT_CAP};
use gmm_core::{run::config, run::presets::PRESETS};
use js_sys::{Array, Float64Array, Object};
use plotters::prelude::DrawingBackend;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Installed once when the module starts: a panic (a bug) is reported on the console, not lost.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("gmm-two-ways: internal error (please report): {info}").into());
    }));
}

fn floats(values: &[f64]) -> JsValue {
    Float64Array::from(values).into()
}

fn bools(values: &[bool]) -> JsValue {
    values.iter().map(|&b| JsValue::from(b)).collect::<Array>().into()
}

fn to_js_error(e: impl std::fmt::Display) -> JsValue {
    plain_error(&e.to_string())
}

/// A step count from JS: a whole number from 0 to the step limit's maximum.
fn steps_argument(steps: f64) -> Result<usize, JsValue> {
    let range = config::MAX_STEPS_RANGE;
    if steps.fract() != 0.0 || !(0.0..=*range.end() as f64).contains(&steps) {
        let allowed = format!("a whole number between 0 and {}", range.end());
        return Err(argument_error(
            "steps",
            &allowed,
            &format!("steps = {} is not allowed: steps must be {allowed}", short_count(steps)),
        ));
    }
    Ok(steps as usize)
}

/// The progress list of a demo stepping both panels, from `first` (a demo that stepped the first panel)
/// and `second` (one that stepped the second): see `gmm_core::run::progress::merge_progress`.
#[wasm_bindgen(js_name = mergeProgress)]
pub fn merge_progress(first: Vec<f64>, second: Vec<f64>) -> Result<Float64Array, JsValue> {
    let list = gmm_core::run::progress::merge_progress(&first, &second)
        .map_err(|e| plain_error(&format!("mergeProgress: {e}")))?;
    Ok(Float64Array::from(&list[..]))
}

/// One demo: a fit session, its fixed plot scene and a colour theme.
#[wasm_bindgen]
pub struct Demo {
    pub(crate) session: FitSession,
    pub(crate) scene: DensityScene,
    pub(crate) theme: Theme,
    /// The density panels' fixed part, drawn once and copied under each frame.
    pub(crate) density_background: RefCell<DensityBackground>,
    /// A mixture fitted elsewhere, drawn on both density panels (see `wasm_comparison.rs`).
    pub(crate) comparison: Option<Comparison>,
    shuffles: u64,
    /// Parameters after each step shown, of gradient descent and of EM (for the trajectories and the
    /// landscape). A page whose fit runs in a worker records each progress it shows.
    pub(crate) trajectories: [TrajectoryRecorder; 2],
    /// How the loss chart shows the run (see [`crate::wasm_verdict`]).
    pub(crate) loss_view: LossView,
    pub(crate) step_axis: StepAxis,
    /// The recorded step the page shows instead of the live fit (see `wasm_timeline.rs`).
    pub(crate) rewound: Option<Rewound>,
    /// The last layout of each chart drawn (see [`Demo::chart_layout`]).
    pub(crate) layouts: Layouts,
    /// The clock each method's steps are timed with (the loss chart's time axis), if there is one.
    clock: Option<web_sys::Performance>,
}

#[wasm_bindgen]
impl Demo {
    /// Creates a session from an options object (see the README for every option and its range).
    ///
    /// Throws an `Error` naming the option and the allowed values when one is wrong.
    #[wasm_bindgen(constructor)]
    pub fn new(options: &JsValue) -> Result<Demo, JsValue> {
        let config = config_from_options(&read_options(options)?).map_err(|e| config_error_to_js(&e))?;
        let session = FitSession::new(config).map_err(|e| config_error_to_js(&e))?;
        let scene = DensityScene::new(session.data(), session.truth());
        let mut demo = Demo {
            session,
            scene,
            theme: Theme::LIGHT,
            density_background: RefCell::default(),
            comparison: None,
            shuffles: 0,
            trajectories: [
                TrajectoryRecorder::new(DEFAULT_CAP),
                TrajectoryRecorder::new(DEFAULT_CAP),
            ],
            loss_view: LossView::Gap,
            step_axis: StepAxis::Log,
            rewound: None,
            layouts: Layouts::default(),
            clock: crate::js::performance(),
        };
        demo.record_trajectories();
        Ok(demo)
    }

    /// Advances both methods by up to `steps` steps (each stops by itself at its stop rule).
    /// `steps` must be a whole number from 0 to 100,000.
    pub fn advance(&mut self, steps: f64) -> Result<(), JsValue> {
        let steps = steps_argument(steps)?;
        match &self.clock {
            Some(p) => self.session.advance_timed(steps, &mut || p.now() * 1e-3),
            None => self.session.advance(steps),
        }
        self.record_trajectories();
        Ok(())
    }

    /// Advances one panel's method (`direct` or `em`) by up to `steps` steps, the other left where it is:
    /// the same bits as `advance`, so each panel can step in its own Web Worker.
    #[wasm_bindgen(js_name = advancePanel)]
    pub fn advance_panel(&mut self, panel: &str, steps: f64) -> Result<(), JsValue> {
        let panel = Panel::from(MethodId::from_name(panel).ok_or_else(|| unknown_method(panel))?);
        let steps = steps_argument(steps)?;
        match &self.clock {
            Some(p) => self.session.advance_panel_timed(panel, steps, &mut || p.now() * 1e-3),
            None => self.session.advance_panel(panel, steps),
        }
        Ok(())
    }

    /// True when one panel's method (`direct` or `em`) has stopped.
    #[wasm_bindgen(js_name = panelFinished)]
    pub fn panel_finished(&self, panel: &str) -> Result<bool, JsValue> {
        let panel = Panel::from(MethodId::from_name(panel).ok_or_else(|| unknown_method(panel))?);
        Ok(self.session.panel_finished(panel))
    }

    /// Back to step 0 with the same data and initial parameters.
    pub fn reset(&mut self) {
        self.session.reset();
        self.rewound = None;
        self.record_trajectories();
    }

    /// The session clock (steps taken by the method that has taken more).
    #[wasm_bindgen(getter)]
    pub fn step(&self) -> u32 {
        self.session.step() as u32
    }

    /// True when both methods have stopped.
    #[wasm_bindgen(getter)]
    pub fn finished(&self) -> bool {
        self.session.finished()
    }

    #[wasm_bindgen(js_name = setLearningRate)]
    pub fn set_learning_rate(&mut self, learning_rate: f64) -> Result<(), JsValue> {
        self.session
            .set_learning_rate(learning_rate)
            .map_err(|e| config_error_to_js(&e))
    }

    /// The first panel's method: `adam`, `momentum`, `gd`, `em` or `overrelaxed-em` (the names of
    /// `MethodKind::ALL`; the option is `optimizer`).
    #[wasm_bindgen(js_name = setOptimizer)]
    pub fn set_optimizer(&mut self, name: &str) -> Result<(), JsValue> {
        let kind = method_from_name("optimizer", name)?;
        self.session.set_first_method(kind);
        Ok(())
    }

    /// The second panel's method, named as for `setOptimizer` (the option is `secondMethod`).
    #[wasm_bindgen(js_name = setSecondMethod)]
    pub fn set_second_method(&mut self, name: &str) -> Result<(), JsValue> {
        let kind = method_from_name("secondMethod", name)?;
        self.session.set_second_method(kind);
        Ok(())
    }

    #[wasm_bindgen(js_name = setVarianceFloor)]
    pub fn set_variance_floor(&mut self, floor: f64) -> Result<(), JsValue> {
        self.session
            .set_variance_floor(floor)
            .map_err(|e| config_error_to_js(&e))
    }

    /// Maximum steps (a whole number) and tolerance on the change of the loss (0 = off).
    #[wasm_bindgen(js_name = setStopRule)]
    pub fn set_stop_rule(&mut self, max_steps: f64, tolerance: f64) -> Result<(), JsValue> {
        let range = config::MAX_STEPS_RANGE;
        if max_steps.fract() != 0.0 || !(*range.start() as f64..=*range.end() as f64).contains(&max_steps) {
            return Err(config_error_to_js(&config::ConfigError::OutOfRange {
                field: "maxSteps",
                value: short_count(max_steps),
                allowed: format!("a whole number between {} and {}", range.start(), range.end()),
            }));
        }
        self.session
            .set_stop_rule(max_steps as usize, tolerance)
            .map_err(|e| config_error_to_js(&e))
    }

    /// `light` or `dark` colours for the charts.
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&mut self, name: &str) -> Result<(), JsValue> {
        self.theme = theme_named(name)?;
        Ok(())
    }

    /// Relabels both fits' components in a random order (a Fisher-Yates shuffle, seeded by a counter so a
    /// page's sequence of shuffles is reproducible). Densities and losses stay; naive comparisons change.
    /// Returns the order used: component i is now the former component `order[i]`.
    #[wasm_bindgen(js_name = shuffleLabels)]
    pub fn shuffle_labels(&mut self) -> Array {
        self.shuffles += 1;
        let order = gmm_core::rng::random_permutation(self.session.config().k, self.shuffles);
        self.permute(&order);
        order.iter().map(|&i| JsValue::from(i as u32)).collect()
    }

    /// Relabels both fits by `order` (a permutation of 0..K), as [`Demo::shuffle_labels`] chose it: a
    /// page with its fit in a Web Worker sends the page's shuffle to the worker this way.
    #[wasm_bindgen(js_name = permuteLabels)]
    pub fn permute_labels(&mut self, order: Vec<f64>) -> Result<(), JsValue> {
        let k = self.session.config().k;
        let indices = permutation_from(&order, k).ok_or_else(|| {
            let allowed = format!("each of 0..{} once (K = {k})", k - 1);
            argument_error("order", &allowed, &format!("order must list {allowed}; got {order:?}"))
        })?;
        self.permute(&indices);
        Ok(())
    }

    /// Both methods' state, with the losses from step `directFrom` / `emFrom` on, as a list of numbers
    /// for [`Demo::apply_progress`] of an identical demo (see `progress.rs` for the layout).
    pub fn progress(&self, direct_from: u32, em_from: u32) -> Float64Array {
        let list = gmm_core::run::progress::progress(&self.session, direct_from as usize, em_from as usize);
        Float64Array::from(&list[..])
    }

    /// How many losses each method has recorded, `[direct, em]` (steps taken + 1): what [`Demo::progress`]
    /// has to send from.
    #[wasm_bindgen(js_name = lossCounts)]
    pub fn loss_counts(&self) -> Vec<u32> {
        let s = &self.session;
        vec![
            s.direct_track().losses().len() as u32,
            s.em_track().losses().len() as u32,
        ]
    }

    /// Shows the progress of an identical demo stepped elsewhere (a Web Worker).
    #[wasm_bindgen(js_name = applyProgress)]
    pub fn apply_progress(&mut self, list: Vec<f64>) -> Result<(), JsValue> {
        gmm_core::run::progress::apply_progress(&mut self.session, &list)
            .map_err(|e| plain_error(&format!("applyProgress: {e}")))?;
        self.record_trajectories();
        Ok(())
    }

    /// The homework's side questions for the truth (if any) and both fits:
    /// `{ grid: { lo, hi, n, truth, direct, em }, mse: { direct, em }, names: { direct, em } }`, where each grid entry is
    /// `{ mean, integral, maxDensity }` and each MSE entry `{ naive, matched }` (null without a truth).
    #[wasm_bindgen(js_name = sideQuestions)]
    pub fn side_questions(&self) -> Object {
        use gmm_core::model::matching::naive_mean_mse;
        use gmm_core::run::lessons::{grid_mean, HOMEWORK_GRID};
        let (lo, hi, n) = HOMEWORK_GRID;
        let grid_entry = |m: &Mixture| {
            let g = grid_mean(m, lo, hi, n).expect("the homework grid has 1000 points on [-5, 5]");
            let o = Object::new();
            set(&o, "mean", g.mean);
            set(&o, "integral", g.integral);
            set(&o, "maxDensity", g.max_density);
            JsValue::from(o)
        };
        let s = &self.session;
        let grid = Object::new();
        set(&grid, "lo", lo);
        set(&grid, "hi", hi);
        set(&grid, "n", n as u32);
        set(&grid, "truth", s.truth().map_or(JsValue::NULL, grid_entry));
        let (direct, em) = (self.shown(MethodId::Direct).model, self.shown(MethodId::Em).model);
        set(&grid, "direct", grid_entry(direct));
        set(&grid, "em", grid_entry(em));
        let mse = Object::new();
        for (name, model) in [("direct", direct), ("em", em)] {
            let entry = s.truth().map_or(JsValue::NULL, |t| {
                let o = Object::new();
                set(&o, "naive", naive_mean_mse(model, t));
                set(&o, "matched", match_components(model, t).mean_mse);
                o.into()
            });
            set(&mse, name, entry);
        }
        let names = Object::new();
        let [direct_label, em_label] = self.panel_labels();
        set(&names, "direct", direct_label);
        set(&names, "em", em_label);
        let out = Object::new();
        set(&out, "grid", grid);
        set(&out, "mse", mse);
        set(&out, "names", names);
        out
    }

    /// The component colours of the current theme as CSS `#RRGGBB` strings (component k uses entry k % 10).
    #[wasm_bindgen(js_name = componentColours)]
    pub fn component_colours(&self) -> Array {
        self.theme
            .components
            .iter()
            .map(|&c| JsValue::from(Theme::css(c)))
            .collect()
    }

    /// A snapshot for the readouts: step, status, losses, parameters and matched errors of both methods,
    /// as shown (`shownStep` is the rewound step, null when live; each method's `steps` is what it shows), each
    /// method's `kind`, `method` (in words) and measured `secondsPerStep` (null untimed).
    pub fn state(&self) -> JsValue {
        let s = &self.session;
        let out = Object::new();
        set(&out, "step", s.step() as u32);
        set(
            &out,
            "shownStep",
            self.shown_step().map_or(JsValue::NULL, JsValue::from),
        );
        set(&out, "finished", s.finished());
        set(&out, "n", s.data().len() as u32);
        set(&out, "k", s.config().k as u32);
        set(&out, "truthLoss", s.truth_loss().map_or(JsValue::NULL, JsValue::from));
        set(&out, "truth", s.truth().map_or(JsValue::NULL, |t| parameters(t).into()));
        set(&out, "comparison", self.comparison_state());
        let shown = self.shown(MethodId::Direct);
        let direct = method_state(&shown, s.truth());
        set(&direct, "optimizer", s.direct().kind().name());
        set(&direct, "kind", s.direct().kind().name());
        set(&direct, "method", s.direct().kind().in_prose());
        set(&direct, "learningRate", s.config().learning_rate);
        set(&direct, "secondsPerStep", per_step(s.direct_track()));
        set(&direct, "floored", bools(shown.floored));
        set(&out, "direct", direct);
        let shown = self.shown(MethodId::Em);
        let em = method_state(&shown, s.truth());
        set(&em, "floored", bools(shown.floored));
        set(&em, "emptied", bools(shown.emptied));
        set(&em, "kind", s.em().kind().name());
        set(&em, "method", s.em().kind().in_prose());
        set(&em, "varianceFloor", s.em().settings().variance_floor);
        set(&em, "secondsPerStep", per_step(s.em_track()));
        set(&out, "em", em);
        out.into()
    }

    /// The loss history of `direct` or `em`: mean NLL after each step, from step 0.
    #[wasm_bindgen(js_name = lossHistory)]
    pub fn loss_history(&self, method: &str) -> Result<Float64Array, JsValue> {
        Ok(Float64Array::from(self.track(method)?.losses()))
    }

    /// The data set.
    pub fn data(&self) -> Float64Array {
        Float64Array::from(self.session.data())
    }

    /// Draws `direct`'s or `em`'s density panel onto a canvas.
    #[wasm_bindgen(js_name = drawDensity)]
    pub fn draw_density(&self, method: &str, canvas: JsValue) -> Result<(), JsValue> {
        let backend = canvas_backend(canvas, "drawDensity")?;
        let (chart, kind) = match method {
            "direct" => ("direct", self.session.direct().kind()),
            "em" => ("em", self.session.em().kind()),
            _ => return Err(unknown_method(method)),
        };
        let shown = self.shown_named(method)?;
        let caption = density_caption(kind, backend.get_size().0, shown.steps, shown.loss);
        let panel = DensityPanel {
            caption: &caption,
            scene: &self.scene,
            fit: shown.model,
            theme: &self.theme,
        };
        let mut background = self
            .density_background
            .try_borrow_mut()
            .map_err(|_| plain_error("drawDensity was called while it was drawing"))?;
        let layout = background.draw(backend, &panel).map_err(to_js_error)?;
        self.layouts.keep(chart, layout);
        Ok(())
    }

    /// Where the last drawing of a chart put its plotting areas, legends and texts: `{ width, height,
    /// plots, legends, texts }` in CSS pixels (see `src/js_layout.rs`), or `null` before the first.
    /// `chart` is `direct`, `em`, `loss`, `trajectories`, `restarts`, `kSelection` or `landscape`.
    #[wasm_bindgen(js_name = chartLayout)]
    pub fn chart_layout(&self, chart: &str) -> Result<JsValue, JsValue> {
        const CHARTS: [&str; 7] = [
            "direct",
            "em",
            "loss",
            "trajectories",
            "restarts",
            "kSelection",
            "landscape",
        ];
        if !CHARTS.contains(&chart) {
            return Err(choice_error(
                "chart",
                &CHARTS,
                &format!("chart {chart:?} is not allowed: use one of {}", CHARTS.join(", ")),
            ));
        }
        Ok(self.layouts.get(chart))
    }

    /// Draws the loss chart of both methods onto a canvas.
    #[wasm_bindgen(js_name = drawLoss)]
    pub fn draw_loss(&self, canvas: JsValue) -> Result<(), JsValue> {
        let labels = self.panel_labels();
        let backend = canvas_backend(canvas, "drawLoss")?;
        let panel = self.loss_panel(&labels);
        let layout = record(backend, |area| draw_loss(area, &panel)).map_err(to_js_error)?;
        self.layouts.keep("loss", layout);
        Ok(())
    }
}

impl Demo {
    /// Both panels' method labels for the charts' keys, e.g. `gradient descent (Adam)` and `EM`.
    pub(crate) fn panel_labels(&self) -> [String; 2] {
        panel_labels(self.session.direct().kind(), self.session.em().kind())
    }

    /// The loss chart as the page shows it now, with `labels` ([`Demo::panel_labels`]) in its key.
    pub(crate) fn loss_panel<'a>(&'a self, labels: &'a [String; 2]) -> LossPanel<'a> {
        let s = &self.session;
        LossPanel {
            direct_label: &labels[0],
            em_label: &labels[1],
            direct: s.direct_track().losses(),
            em: s.em_track().losses(),
            seconds: [s.direct_track().seconds(), s.em_track().seconds()],
            truth_loss: s.truth_loss(),
            best_loss: s.best_loss(),
            view: self.loss_view,
            step_axis: self.step_axis,
            settled: [s.direct_track(), s.em_track()].map(Track::settled),
            marker_step: self.rewound.as_ref().map(|r| r.step),
            theme: &self.theme,
        }
    }

    /// Records both methods' current parameters ([`TrajectoryRecorder::record_progress`]).
    fn record_trajectories(&mut self) {
        let s = &self.session;
        let current = [
            (s.direct_track().steps(), s.direct().model()),
            (s.em_track().steps(), s.em().model()),
        ];
        for (recorder, (step, model)) in self.trajectories.iter_mut().zip(current) {
            recorder.record_progress(step, model);
        }
    }

    fn permute(&mut self, order: &[usize]) {
        self.session.permute_components(order);
        if let Some(r) = &mut self.rewound {
            r.permute_components(order);
        }
        for t in &mut self.trajectories {
            t.permute_components(order);
        }
    }

    pub(crate) fn track(&self, method: &str) -> Result<&Track, JsValue> {
        match method {
            "direct" => Ok(self.session.direct_track()),
            "em" => Ok(self.session.em_track()),
            _ => Err(unknown_method(method)),
        }
    }
}

/// Checks that a JS value is a usable `<canvas>` before anything is drawn on it.
pub(crate) fn canvas_backend(canvas: JsValue, function: &str) -> Result<MeasuredCanvas, JsValue> {
    let canvas: HtmlCanvasElement = canvas.dyn_into().map_err(|_| {
        argument_error(
            "canvas",
            "a <canvas> element",
            &format!("{function} needs a <canvas> element"),
        )
    })?;
    if canvas.width() == 0 || canvas.height() == 0 {
        return Err(argument_error(
            "canvas",
            "a <canvas> element with a width and height above 0",
            &format!("{function}: the canvas has zero width or height"),
        ));
    }
    MeasuredCanvas::new(canvas).ok_or_else(|| plain_error(&format!("{function}: the canvas has no 2D context")))
}

/// `light` or `dark`.
pub(crate) fn theme_named(name: &str) -> Result<Theme, JsValue> {
    match name {
        "light" => Ok(Theme::LIGHT),
        "dark" => Ok(Theme::DARK),
        _ => Err(choice_error(
            "theme",
            &["light", "dark"],
            &format!("theme {name:?} is not allowed: use light or dark"),
        )),
    }
}

/// A method's measured seconds per step (`null` before a step or without a clock).
fn per_step(track: &Track) -> JsValue {
    track.seconds_per_step().map_or(JsValue::NULL, JsValue::from)
}

/// The method named `name` for the option `field` (`optimizer` or `secondMethod`).
fn method_from_name(field: &'static str, name: &str) -> Result<MethodKind, JsValue> {
    MethodKind::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = MethodKind::ALL.iter().map(|k| k.name()).collect();
        choice_error(
            field,
            &names,
            &format!("{field} {name:?} is not allowed: use {}", names.join(", ")),
        )
    })
}

pub(crate) fn unknown_method(method: &str) -> JsValue {
    choice_error(
        "method",
        &["direct", "em"],
        &format!("method {method:?} is not allowed: use direct or em"),
    )
}

pub(crate) fn parameters(m: &Mixture) -> Object {
    let out = Object::new();
    set(&out, "weights", floats(&m.weights()));
    set(&out, "means", floats(m.means()));
    set(&out, "sigmas", floats(&m.sigmas()));
    out
}

fn method_state(shown: &MethodView, truth: Option<&Mixture>) -> Object {
    let model = shown.model;
    let out = parameters(model);
    set(&out, "loss", shown.loss);
    set(&out, "steps", shown.steps as u32);
    let status = shown.status;
    set(&out, "status", status.name());
    set(
        &out,
        "stoppedAt",
        status.stopped_at().map_or(JsValue::NULL, |s| JsValue::from(s as u32)),
    );
    if let Status::Diverged { .. } = status {
        set(&out, "diverged", true);
    }
    let matched = truth.map_or(JsValue::NULL, |t| {
        let m = match_components(model, t);
        let o = Object::new();
        let pairing: Array = m
            .fitted_for_truth
            .iter()
            .map(|f| f.map_or(JsValue::NULL, |f| JsValue::from(f as u32)))
            .collect();
        set(&o, "fittedForTruth", pairing);
        set(&o, "weightMae", m.weight_mae);
        set(&o, "meanMae", m.mean_mae);
        set(&o, "sigmaMae", m.sigma_mae);
        o.into()
    });
    set(&out, "matched", matched);
    out
}

/// The presets: `[{ id, label, lesson, n, dataSeed, k, init, optimizer, learningRate }]`.
#[wasm_bindgen]
pub fn presets() -> Array {
    PRESETS
        .iter()
        .map(|p| {
            let o = Object::new();
            set(&o, "id", p.id);
            set(&o, "label", p.label);
            set(&o, "lesson", p.lesson);
            set(&o, "n", p.n as u32);
            set(&o, "dataSeed", p.data_seed as u32);
            set(&o, "k", p.k as u32);
            set(&o, "init", p.init.name());
            set(&o, "optimizer", p.first_method.name());
            set(&o, "secondMethod", p.second_method.name());
            set(&o, "learningRate", p.learning_rate);
            JsValue::from(o)
        })
        .collect()
}

/// The allowed ranges: `{ n: [min, max], k: [...], seed, learningRate, varianceFloor, maxSteps, tolerance,
/// data, logits, logSigmas, truthMean, truthSigma, startMean, startSigma }` (`data`: each value's; `logits`
/// and `logSigmas`: a mixture's parameters; `truth…` and `start…`: a component's of those options).
#[wasm_bindgen]
pub fn limits() -> Object {
    let out = Object::new();
    let pair = |a: f64, b: f64| -> JsValue { [JsValue::from(a), JsValue::from(b)].iter().collect::<Array>().into() };
    set(
        &out,
        "n",
        pair(*config::N_RANGE.start() as f64, *config::N_RANGE.end() as f64),
    );
    set(
        &out,
        "k",
        pair(*config::K_RANGE.start() as f64, *config::K_RANGE.end() as f64),
    );
    set(
        &out,
        "seed",
        pair(*config::SEED_RANGE.start() as f64, *config::SEED_RANGE.end() as f64),
    );
    set(
        &out,
        "learningRate",
        pair(*config::LEARNING_RATE_RANGE.start(), *config::LEARNING_RATE_RANGE.end()),
    );
    set(
        &out,
        "varianceFloor",
        pair(
            *config::VARIANCE_FLOOR_RANGE.start(),
            *config::VARIANCE_FLOOR_RANGE.end(),
        ),
    );
    set(
        &out,
        "maxSteps",
        pair(
            *config::MAX_STEPS_RANGE.start() as f64,
            *config::MAX_STEPS_RANGE.end() as f64,
        ),
    );
    set(
        &out,
        "tolerance",
        pair(*config::TOLERANCE_RANGE.start(), *config::TOLERANCE_RANGE.end()),
    );
    set(&out, "data", pair(-MAX_ABS_DATA, MAX_ABS_DATA));
    set(&out, "logits", pair(*LOGIT_RANGE.start(), *LOGIT_RANGE.end()));
    set(
        &out,
        "logSigmas",
        pair(*LOG_SIGMA_RANGE.start(), *LOG_SIGMA_RANGE.end()),
    );
    for (name, bounds) in [("truthMean", TRUTH_BOUNDS), ("startMean", START_BOUNDS)] {
        set(&out, name, pair(-bounds.max_abs_mean, bounds.max_abs_mean));
    }
    set(&out, "truthSigma", pair(TRUTH_BOUNDS.sigma.0, TRUTH_BOUNDS.sigma.1));
    set(&out, "startSigma", pair(START_BOUNDS.sigma.0, START_BOUNDS.sigma.1));
    out
}

/// A fresh random seed from the browser's crypto source, for "New data".
#[wasm_bindgen(js_name = randomSeed)]
pub fn random_seed() -> Result<u32, JsValue> {
    getrandom::u32().map_err(|e| plain_error(&format!("no random source available: {e}")))
}
