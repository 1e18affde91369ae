// The timeline: a slider (and the , and . keys) that rewinds both fits to a recorded step. The Demo that
// steps (in the engine) records each method's parameters at steps 0, s, 2s, ... in bounded memory
// (crates/gmm-core/src/run/timeline.rs); this thread asks it for a step with a "rewind" command and shows
// the "snapshot" it answers on its own copy (src/wasm_timeline.rs) until Play, Step, a reset or a rebuild
// goes back to the live end.

export class Timeline {
  /** `demo`: the GmmDemo (its `view`, `engine`, `el`, `draw()` and `setPlaying()`). */
  constructor(demo) {
    this.demo = demo;
    this.asked = 0; // rewinds asked for
    this.dropBelow = 1; // answers to rewinds numbered below this are stale (a return to the live end came after)
    this.lastShown = 0; // the newest answer shown: an older one arriving late is dropped
    this.waiters = [];
  }

  wire() {
    this.slider = this.demo.el("timeline");
    this.slider.addEventListener("input", () => this.seek(Number(this.slider.value)));
  }

  /** The step shown now: the rewound one, else the live end. */
  shown() {
    return this.demo.view.shownStep ?? this.demo.view.step;
  }

  /**
   * Pauses and asks for the recorded step `step` lands on (`snap`: nearest, down or up; by default towards
   * where the slider moved, so a key press on it never snaps back). Resolves to the step shown.
   */
  seek(step, snap) {
    const shown = this.shown();
    const direction = step > shown ? "up" : "down";
    this.demo.setPlaying(false);
    this.asked += 1;
    this.demo.engine.send({ type: "rewind", step, snap: snap ?? (step === shown ? "nearest" : direction), id: this.asked });
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** The recorded step before the one shown (`,`). */
  back() {
    const shown = this.shown();
    if (shown > 0) this.seek(shown - 1, "down");
  }

  /** The recorded step after the one shown, up to the live end (`.`). */
  forward() {
    const shown = this.shown();
    if (shown < this.demo.view.step) this.seek(shown + 1, "up");
  }

  /** Play, Step, a reset or a rebuild: show the live end; an answer still on its way is dropped. */
  toLive() {
    this.dropBelow = this.asked + 1;
    for (const resolve of this.waiters.splice(0)) resolve(null);
    const view = this.demo.view;
    if (view?.shownStep === undefined) return;
    view.showLive();
    this.demo.draw();
  }

  /** The engine's answer to a rewind: shown on this thread's copy, unless a newer one was shown already. */
  onSnapshot(msg) {
    if (msg.id < this.dropBelow || msg.id <= this.lastShown) return;
    this.lastShown = msg.id;
    this.demo.view.showSnapshot(msg.list);
    this.demo.draw();
    if (msg.id === this.asked) for (const resolve of this.waiters.splice(0)) resolve(this.shown());
  }

  /** The slider and the step readout: "Step T" live, "Showing step t of T" while rewound. */
  render(state) {
    const live = state.step;
    const shown = state.shownStep ?? live;
    this.slider.max = String(live);
    this.slider.value = String(shown);
    this.slider.disabled = live === 0;
    const rewound = state.shownStep !== null;
    this.slider.setAttribute("aria-valuetext", rewound ? `step ${shown} of ${live}` : `step ${live}, the latest`);
    this.demo.el("stepLabel").textContent = rewound ? "Showing step " : "Step ";
    this.demo.el("step").textContent = rewound ? `${shown} of ${live}` : String(live);
    this.demo.root.dataset.rewound = String(rewound);
  }
}
