// How the run ends, made visible: the best-fit search (EM from several good starts, in its own worker) that
// the loss chart's gap view and the verdict measure against, the third way (the method neither panel runs,
// stepped in the same worker after the search, so the verdict and the lesson line say where all three settle), the loss chart's view settings, and the verdict
// in words (computed in Rust from the run, src/wasm_verdict.rs), each reason with a button that opens the
// section that shows it.

import { createEngine } from "../engine/engine.js";

/** What each reason's button says, by the section it opens. */
const VIEW_BUTTONS = {
  "em-steps": "Show it in EM step by step",
  trajectories: "Show the trajectories",
  landscape: "Show the landscape",
};

/**
 * `createEnding(ctx)` with `ctx = { el(id), view(), redraw(), say(text), defaultOf(name), openSection(name,
 * detail), worker, wasmModule }`. Returns `{ rebuild(options), render(state), showVerdict(), destroy() }`.
 */
export function createEnding(ctx) {
  let builds = 0;
  let search = { fraction: 0, finished: false, best: null, failed: null };
  let thirdTaken = false; // the third way's ending was handed to the view
  let verdictShown = false; // the reader asked for the verdict during the run
  let lastKey = null; // what the verdict shown was computed for
  const engine = createEngine("reference", onReport, { worker: ctx.worker, wasmModule: ctx.wasmModule });

  /** A report of the search: the charts are redrawn when the best fit changes, else only its readout. */
  function onReport(msg) {
    if (msg.seq !== builds) return;
    const before = search.best?.loss;
    if (msg.type === "error") {
      search = { ...search, failed: msg.message, finished: true };
    } else {
      search = { fraction: msg.fraction, finished: msg.finished, best: msg.best, failed: null };
      if (!thirdTaken && msg.third && msg.third.status !== "running") {
        try {
          thirdTaken = true;
          // False when a setting changed since the run began: the verdict then leaves the third way out.
          ctx.view().setThirdWay(msg.third);
          lastKey = null;
        } catch (error) {
          search.failed = error.message;
        }
      }
      if (msg.best && msg.best.loss !== before) {
        try {
          ctx.view().setReference(msg.best.loss, msg.best.params, msg.best.init, msg.best.seed);
        } catch (error) {
          search.failed = error.message;
        }
      }
    }
    if (search.best?.loss !== before || search.failed) ctx.redraw();
    else renderBest();
  }

  const el = ctx.el;
  /** Hands the view menus to the Rust view; a value it refuses (from the JS API) falls back to the default. */
  const setView = () => {
    try {
      ctx.view().setLossView(el("lossView").value, el("stepAxis").value);
    } catch (error) {
      ctx.say(`${error.message}; the default is used.`);
      el(error.field).value = ctx.defaultOf(error.field);
      ctx.view().setLossView(el("lossView").value, el("stepAxis").value);
    }
  };
  const applyView = () => {
    setView();
    ctx.redraw();
  };
  el("lossView").addEventListener("change", applyView);
  el("stepAxis").addEventListener("change", applyView);
  el("verdictNow").addEventListener("click", () => {
    verdictShown = true;
    lastKey = null;
    renderVerdict(ctx.view().verdict());
  });

  function renderBest() {
    const out = el("bestLoss");
    const best = ctx.view().bestLoss();
    if (search.failed) out.textContent = "search failed";
    else if (best === null) out.textContent = `searching… ${Math.round(100 * search.fraction)} %`;
    else out.textContent = best.toFixed(4) + (search.finished ? "" : ` (searching… ${Math.round(100 * search.fraction)} %)`);
    out.title = search.failed ?? "The lowest mean loss found on these data with this K: EM from four k-means++ and "
      + "two from-data starts, or a method's own loss if lower (see What you are looking at).";
  }

  function renderVerdict(v) {
    const box = el("verdict");
    box.hidden = false;
    el("verdictHeadline").textContent = v.headline;
    for (const id of ["verdictThreeWays", "lessonRun"]) {
      el(id).textContent = v.threeWays ?? "";
      el(id).hidden = v.threeWays === null;
    }
    for (const method of ["direct", "em"]) {
      const m = v[method];
      el(`${method}Verdict`).textContent = m.summary;
      const list = el(`${method}Reasons`);
      list.replaceChildren(...m.reasons.map((reason) => {
        const item = document.createElement("li");
        item.append(reason.text, " ");
        const button = document.createElement("button");
        button.type = "button";
        button.className = "link";
        button.textContent = VIEW_BUTTONS[reason.view];
        button.dataset.view = reason.view;
        button.addEventListener("click", () => ctx.openSection(reason.view, reason));
        item.append(button);
        return item;
      }));
    }
    box.dataset.finished = String(v.finished);
  }

  return {
    /** A new run: a new search on its data (the view is new too, so it has no best fit yet). */
    rebuild(options) {
      builds += 1;
      search = { fraction: 0, finished: false, best: null, failed: null };
      thirdTaken = false;
      el("lessonRun").hidden = true;
      verdictShown = false;
      lastKey = null;
      el("verdict").hidden = true;
      setView();
      engine.send({ type: "start", seq: builds, options });
    },
    /** After each draw: the best-fit readout, and the verdict once both methods stopped (or if asked for). */
    render(state) {
      renderBest();
      el("verdictNow").hidden = state.finished;
      if (state.finished || verdictShown) {
        // The verdict costs a pass over the data (its first E-step): only when what it judges has changed
        // (a step, the best fit, a status, or the components' labels, which the first means follow).
        const key = [state.step, ctx.view().bestLoss(), state.direct.status, state.em.status, state.direct.means[0],
          state.em.means[0]].join("|");
        if (key !== lastKey) renderVerdict(ctx.view().verdict());
        lastKey = key;
      } else {
        el("verdict").hidden = true;
        el("lessonRun").hidden = true;
        lastKey = null;
      }
    },
    /** A reset: the verdict waits for the new ending. */
    reset() {
      verdictShown = false;
      lastKey = null;
    },
    destroy() {
      engine.close();
    },
  };
}
