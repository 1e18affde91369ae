//! The WebAssembly boundary of the teaching sections: the naive sum against log-sum-exp, one component
//! inspected, EM step by step, restarts, trajectories and the loss landscape. Conversions only; the
//! numbers come from [`gmm_core::teach::inspect`], [`gmm_core::teach::stepthrough`], [`gmm_core::teach::restarts`],
//! [`gmm_core::teach::trajectory`] and [`gmm_core::teach::landscape`].

use crate::js::{argument_error, choice_error, plain_error, set};
use crate::js_layout::layout_to_js;
use crate::wasm::{canvas_backend, theme_named, unknown_method, Demo};
use gmm_charts::captions::{
    e_step_caption, landscape_caption, m_step_caption, parameters_caption, trajectories_caption,
};
use gmm_charts::{
    draw_density, draw_landscape, draw_responsibilities, draw_trajectories, DensityPanel, DensityScene, LandscapePanel,
    ResponsibilityPanel, Theme, TrajectoryPanel,
};
use gmm_charts::{record, ChartLayout, RenderError};
use gmm_core::model::mixture::Mixture;
use gmm_core::run::timeline::MethodId;
use gmm_core::teach::inspect::{component_report, naive_vs_lse, UnderflowReport};
use gmm_core::teach::landscape::{plan_landscape, LandscapeJob};
use gmm_core::teach::stepthrough::{Phase, StepThrough};
use gmm_core::teach::trajectory::ParamRef;
use js_sys::{Array, Float64Array, Object};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

fn to_js_error(e: impl std::fmt::Display) -> JsValue {
    plain_error(&e.to_string())
}

fn optional(value: Option<f64>) -> JsValue {
    value.map_or(JsValue::NULL, JsValue::from)
}

fn underflow_entry(name: &str, report: &UnderflowReport) -> JsValue {
    let o = Object::new();
    set(&o, "name", name);
    set(&o, "points", report.points as u32);
    set(&o, "naiveZero", report.naive_zero as u32);
    set(&o, "naiveLogLikelihood", report.naive_log_likelihood);
    set(&o, "lseLogLikelihood", report.lse_log_likelihood);
    let worst = report.worst.map_or(JsValue::NULL, |w| {
        let p = Object::new();
        set(&p, "x", w.x);
        set(&p, "naiveDensity", w.naive_density);
        set(&p, "lseLogDensity", w.lse_log_density);
        p.into()
    });
    set(&o, "worst", worst);
    o.into()
}

#[wasm_bindgen]
impl Demo {
    /// The log-likelihood of the data computed naively and with log-sum-exp, for the shared initial
    /// parameters and both current fits: `[{ name, points, naiveZero, naiveLogLikelihood,
    /// lseLogLikelihood, worst: { x, naiveDensity, lseLogDensity } | null }]`.
    pub fn underflow(&self) -> Result<Array, JsValue> {
        let s = &self.session;
        let models: [(&str, &Mixture); 3] = [
            ("initial", s.initial()),
            ("direct", s.direct().model()),
            ("em", s.em().model()),
        ];
        underflow_rows(&models, s.data())
    }

    /// Component `k` (0-based) of `direct` or `em`: `{ weight, mean, sigma, gradLogit, gradMean,
    /// gradLogSigma, nK, weightedMean, weightedVariance }`; the gradient is that of the mean loss, the
    /// weighted mean and variance (null when the component has no responsibility) are what EM's M-step
    /// would use.
    #[wasm_bindgen(js_name = inspectComponent)]
    pub fn inspect_component(&self, method: &str, k: u32) -> Result<Object, JsValue> {
        let model = match method {
            "direct" => self.session.direct().model(),
            "em" => self.session.em().model(),
            _ => return Err(unknown_method(method)),
        };
        component_object(model, self.session.data(), k)
    }
}

#[wasm_bindgen]
impl Demo {
    /// The parameters shown for `initial` (the shared start), `direct` or `em` (at the rewound step, if
    /// rewound) as 3K numbers (logits, means, log-sigmas): what the page sends a `TeachingRun`.
    #[wasm_bindgen(js_name = shownParams)]
    pub fn shown_params(&self, method: &str) -> Result<Float64Array, JsValue> {
        let model = match method {
            "initial" => self.session.initial(),
            "direct" => self.shown(MethodId::Direct).model,
            "em" => self.shown(MethodId::Em).model,
            _ => {
                return Err(choice_error(
                    "method",
                    &["initial", "direct", "em"],
                    &format!("method {method:?} is not allowed: use initial, direct or em"),
                ))
            }
        };
        Ok(Float64Array::from(model.flat()))
    }
}

/// [`Demo::underflow`]'s rows for named parameter sets (also for
/// [`crate::wasm_teaching_run::TeachingRun`]).
pub(crate) fn underflow_rows(models: &[(&str, &Mixture)], data: &[f64]) -> Result<Array, JsValue> {
    models
        .iter()
        .map(|(name, m)| Ok(underflow_entry(name, &naive_vs_lse(m, data).map_err(to_js_error)?)))
        .collect()
}

/// [`Demo::inspect_component`]'s object for component `k` of `model`.
pub(crate) fn component_object(model: &Mixture, data: &[f64], k: u32) -> Result<Object, JsValue> {
    let r = component_report(model, data, k as usize).map_err(to_js_error)?;
    let o = Object::new();
    set(&o, "weight", r.weight);
    set(&o, "mean", r.mean);
    set(&o, "sigma", r.sigma);
    set(&o, "gradLogit", r.grad_logit);
    set(&o, "gradMean", r.grad_mean);
    set(&o, "gradLogSigma", r.grad_log_sigma);
    set(&o, "nK", r.n_k);
    set(&o, "weightedMean", optional(r.weighted_mean));
    set(&o, "weightedVariance", optional(r.weighted_variance));
    Ok(o)
}

/// EM one half-step at a time on a copy of a demo's data ([`StepThrough`]), drawn with the demo's scene
/// and colours.
#[wasm_bindgen]
pub struct EmStepThrough {
    steps: StepThrough,
    scene: DensityScene,
    truth: Option<Mixture>,
    theme: Theme,
    /// The layout of the last drawing.
    layout: RefCell<Option<ChartLayout>>,
}

#[wasm_bindgen]
impl Demo {
    /// A step-through starting from the run's shared initial parameters (`start`) or from EM's current
    /// parameters (`run`), with the run's data, variance floor and colours.
    #[wasm_bindgen(js_name = emStepThrough)]
    pub fn em_step_through(&self, from: &str) -> Result<EmStepThrough, JsValue> {
        let s = &self.session;
        let model = match from {
            "start" => s.initial().clone(),
            "run" => s.em().model().clone(),
            _ => {
                return Err(choice_error(
                    "from",
                    &["start", "run"],
                    &format!("from {from:?} is not allowed: use start or run"),
                ))
            }
        };
        Ok(EmStepThrough {
            steps: StepThrough::new(
                model,
                s.data().to_vec(),
                self.scene.histogram.clone(),
                s.config().variance_floor,
            ),
            scene: self.scene.clone(),
            truth: s.truth().cloned(),
            theme: self.theme,
            layout: RefCell::default(),
        })
    }

    /// Draws every component's weight, mean and sigma against the step, for both methods, coloured by
    /// the true component each one matches now.
    #[wasm_bindgen(js_name = drawTrajectories)]
    pub fn draw_trajectories(&self, canvas: JsValue) -> Result<(), JsValue> {
        let backend = canvas_backend(canvas, "drawTrajectories")?;
        let truth = self.session.truth();
        let direct = self.trajectories[0].matched(truth);
        let em = self.trajectories[1].matched(truth);
        let labels = self.panel_labels();
        let caption = trajectories_caption(self.session.step());
        let panel = TrajectoryPanel {
            caption: &caption,
            direct: &direct,
            em: &em,
            direct_label: &labels[0],
            em_label: &labels[1],
            truth,
            theme: &self.theme,
        };
        let layout = record(backend, |area| draw_trajectories(area, &panel)).map_err(to_js_error)?;
        self.layouts.keep("trajectories", layout);
        Ok(())
    }

    /// Names of the parameters a landscape can be drawn over, in flat order: `ln w1…, μ1…, ln σ1…`.
    #[wasm_bindgen(js_name = landscapeParameters)]
    pub fn landscape_parameters(&self) -> Array {
        let k = self.session.config().k;
        (0..3 * k)
            .filter_map(|i| ParamRef::from_flat(i, k))
            .map(|p| JsValue::from(p.name()))
            .collect()
    }

    /// Draws the mean NLL over parameters `x` and `y` (indices into `landscapeParameters()`), the rest
    /// held at gradient descent's current values, on a `grid` × `grid` lattice (2 to 200), with both
    /// methods' paths. Returns `{ pointsUsed, dataPoints, lowest, highest }`.
    #[wasm_bindgen(js_name = drawLandscape)]
    pub fn draw_landscape(&self, canvas: JsValue, x: u32, y: u32, grid: u32) -> Result<Object, JsValue> {
        let mut run = self.landscape_run(x, y, grid)?;
        run.advance(grid);
        let out = run.draw(canvas)?;
        if let Some(layout) = run.layout.take() {
            self.layouts.keep("landscape", layout);
        }
        Ok(out)
    }

    /// The same landscape as [`Demo::draw_landscape`], computed a few rows per call of
    /// [`LandscapeRun::advance`], so that a page can spread it over animation frames and keep drawing. The
    /// run keeps its own copy of what it needs: later steps of the fit do not change it.
    #[wasm_bindgen(js_name = landscapeRun)]
    pub fn landscape_run(&self, x: u32, y: u32, grid: u32) -> Result<LandscapeRun, JsValue> {
        let s = &self.session;
        let k = s.config().k;
        let param = |i: u32, axis: &str| {
            ParamRef::from_flat(i as usize, k).ok_or_else(|| {
                let allowed = format!("an index from 0 to {} (see landscapeParameters())", 3 * k - 1);
                argument_error(axis, &allowed, &format!("{axis} = {i} is not allowed: use {allowed}"))
            })
        };
        let (px, py) = (param(x, "x")?, param(y, "y")?);
        let plan = plan_landscape(
            s.direct().model(),
            s.data(),
            [&self.trajectories[0], &self.trajectories[1]],
            (x as usize, y as usize),
            grid as usize,
        )
        .map_err(to_js_error)?;
        Ok(LandscapeRun {
            job: plan.job,
            rows: grid as usize,
            direct_path: plan.direct_path,
            em_path: plan.em_path,
            labels: self.panel_labels(),
            caption: landscape_caption(px, py, s.direct_track().steps()),
            theme: self.theme,
            layout: RefCell::default(),
        })
    }
}

/// A loss landscape being computed (see [`Demo::landscape_run`]).
#[wasm_bindgen]
pub struct LandscapeRun {
    job: LandscapeJob,
    rows: usize,
    direct_path: Vec<(f64, f64)>,
    em_path: Vec<(f64, f64)>,
    labels: [String; 2],
    caption: String,
    theme: Theme,
    /// The layout of the last drawing.
    layout: RefCell<Option<ChartLayout>>,
}

#[wasm_bindgen]
impl LandscapeRun {
    /// Computes up to `rows` more rows of the grid; true when every row is done.
    pub fn advance(&mut self, rows: u32) -> bool {
        self.job.advance(rows as usize)
    }

    /// Computes up to `cells` more cells of the grid (a cell is one pass over the points used); true when
    /// every row is done. A page spreads the grid over frames with it at any N.
    #[wasm_bindgen(js_name = advanceCells)]
    pub fn advance_cells(&mut self, cells: u32) -> bool {
        self.job.advance_cells(cells as usize)
    }

    /// The share of cells done, from 0 to 1.
    #[wasm_bindgen(getter)]
    pub fn progress(&self) -> f64 {
        self.job.cells_done() as f64 / (self.rows * self.rows) as f64
    }

    /// Draws the finished landscape with both methods' paths; returns `{pointsUsed, dataPoints, lowest,
    /// highest}`. Throws if rows are still to be computed.
    pub fn draw(&self, canvas: JsValue) -> Result<Object, JsValue> {
        if !self.job.finished() {
            return Err(plain_error(&format!(
                "the landscape is not finished: {} of {} rows computed (call advance first)",
                self.job.rows_done(),
                self.rows
            )));
        }
        let land = self.job.partial();
        let backend = canvas_backend(canvas, "drawLandscape")?;
        let panel = LandscapePanel {
            caption: &self.caption,
            landscape: land,
            direct: &self.direct_path,
            em: &self.em_path,
            direct_label: &self.labels[0],
            em_label: &self.labels[1],
            theme: &self.theme,
        };
        let layout = record(backend, |area| draw_landscape(area, &panel)).map_err(to_js_error)?;
        self.layout.replace(Some(layout));
        let (lowest, highest) = land.finite_range().unwrap_or((f64::NAN, f64::NAN));
        let o = Object::new();
        set(&o, "pointsUsed", land.points_used as u32);
        set(&o, "dataPoints", land.data_points as u32);
        set(&o, "lowest", lowest);
        set(&o, "highest", highest);
        Ok(o)
    }

    /// Where the last drawing put its plotting area, legends and texts (as `Demo.chartLayout`), or `null`.
    #[wasm_bindgen(js_name = chartLayout)]
    pub fn chart_layout(&self) -> JsValue {
        self.layout
            .borrow()
            .as_ref()
            .map_or(JsValue::NULL, |l| layout_to_js(l).into())
    }
}

#[wasm_bindgen]
impl EmStepThrough {
    /// The next half-step: the E-step of the shown parameters, or the M-step after an E-step.
    #[wasm_bindgen(js_name = next)]
    pub fn half_step(&mut self) -> Result<(), JsValue> {
        self.steps.half_step().map_err(to_js_error)
    }

    /// `start`, `e` (the E-step is shown) or `m` (the M-step is shown).
    #[wasm_bindgen(getter)]
    pub fn phase(&self) -> String {
        self.steps.phase().name().into()
    }

    /// Completed iterations (M-steps).
    #[wasm_bindgen(getter)]
    pub fn iteration(&self) -> u32 {
        self.steps.iteration()
    }

    /// `Σ log p(x_i)` of the starting parameters and after each M-step.
    #[wasm_bindgen(js_name = logLikelihoods)]
    pub fn log_likelihoods(&self) -> Float64Array {
        Float64Array::from(self.steps.log_likelihoods())
    }

    /// The current parameters `{ weights, means, sigmas }` (after the last M-step).
    pub fn parameters(&self) -> Object {
        let model = self.steps.model();
        let o = Object::new();
        set(&o, "weights", Float64Array::from(&model.weights()[..]));
        set(&o, "means", Float64Array::from(model.means()));
        set(&o, "sigmas", Float64Array::from(&model.sigmas()[..]));
        o
    }

    /// The E-step's statistics `{ nK, weightedMeans, weightedVariances }` (null outside an E-step).
    #[wasm_bindgen(js_name = eStatistics)]
    pub fn e_statistics(&self) -> JsValue {
        let Phase::E(e) = self.steps.phase() else {
            return JsValue::NULL;
        };
        let o = Object::new();
        set(&o, "nK", Float64Array::from(&e.n_k[..]));
        set(&o, "weightedMeans", Float64Array::from(&e.weighted_means[..]));
        set(&o, "weightedVariances", Float64Array::from(&e.weighted_variances[..]));
        o.into()
    }

    /// `light` or `dark`.
    #[wasm_bindgen(js_name = setTheme)]
    pub fn set_theme(&mut self, name: &str) -> Result<(), JsValue> {
        self.theme = theme_named(name)?;
        Ok(())
    }

    /// Draws the current half-step. During an M-step, `t` from 0 to 1 moves the components from their
    /// old to their new parameters (for an animation); otherwise it is ignored.
    pub fn draw(&self, canvas: JsValue, t: f64) -> Result<(), JsValue> {
        let backend = canvas_backend(canvas, "draw")?;
        let done = self.steps.iteration();
        match self.steps.phase() {
            Phase::E(e) => {
                let caption = e_step_caption(done);
                let panel = ResponsibilityPanel {
                    caption: &caption,
                    histogram: self.steps.histogram(),
                    shares: &e.shares,
                    k: self.steps.model().k(),
                    fit: Some(self.steps.model()),
                    truth: self.truth.as_ref(),
                    theme: &self.theme,
                };
                self.keep(record(backend, |area| draw_responsibilities(area, &panel)))
            }
            phase => {
                let caption = match phase {
                    Phase::M(_) => m_step_caption(done),
                    _ => parameters_caption(done),
                };
                let fit = self.steps.shown(t);
                let panel = DensityPanel {
                    caption: &caption,
                    scene: &self.scene,
                    fit: &fit,
                    theme: &self.theme,
                };
                self.keep(record(backend, |area| draw_density(area, &panel)))
            }
        }
    }

    /// Where the last drawing put its plotting area, legend and texts (as `Demo.chartLayout`), or `null`.
    #[wasm_bindgen(js_name = chartLayout)]
    pub fn chart_layout(&self) -> JsValue {
        self.layout
            .borrow()
            .as_ref()
            .map_or(JsValue::NULL, |l| layout_to_js(l).into())
    }
}

impl EmStepThrough {
    fn keep(&self, layout: Result<ChartLayout, RenderError>) -> Result<(), JsValue> {
        self.layout.replace(Some(layout.map_err(to_js_error)?));
        Ok(())
    }
}
