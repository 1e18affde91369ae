// Hover readouts: what lies under the pointer on the two density panels and the loss chart (x and the
// densities; the step and both losses), in a line under each chart, from Rust (Demo.readoutAt). The same
// readout is reachable by keyboard: each chart is focusable, and the arrow keys move a cursor across it
// (Shift for bigger jumps, Home and End to the ends); the line is a polite live region. A thin guide line
// marks the column read.

/** Arrow presses that cross the plot; Shift moves ten times as far. */
const CURSOR_STEPS = 60;

/** `wireHover(ctx)`, `ctx = { el(id), view() }`: returns `{ cursor(chart), refresh() }` (after a redraw). */
export function wireHover(ctx) {
  const charts = [["direct", "directCanvas"], ["em", "emCanvas"], ["loss", "lossCanvas"]];
  const state = new Map(); // chart -> CSS pixel column read, or null
  for (const [chart, id] of charts) {
    const canvas = ctx.el(id);
    const line = ctx.el(`${chart}Readout`);
    const guide = document.createElement("div");
    guide.className = "guide";
    guide.hidden = true;
    canvas.parentElement.append(guide);
    const show = (x) => {
      state.set(chart, x);
      const r = x === null ? null : ctx.view()?.readoutAt(chart, x);
      if (!r) {
        line.textContent = x === null ? "" : "off the plot";
        guide.hidden = true;
        return;
      }
      line.textContent = r.text;
      guide.hidden = false;
      guide.style.left = `${canvas.offsetLeft + x}px`;
      guide.style.top = `${canvas.offsetTop + r.plot.y0}px`;
      guide.style.height = `${r.plot.y1 - r.plot.y0}px`;
    };
    canvas.addEventListener("pointermove", (event) => {
      show(event.clientX - canvas.getBoundingClientRect().left);
    });
    canvas.addEventListener("pointerleave", () => {
      if (document.activeElement !== canvas) show(null);
    });
    canvas.addEventListener("focus", () => {
      const plot = ctx.view()?.chartLayout(chart)?.plots[0];
      if (plot && state.get(chart) == null) show((plot.x0 + plot.x1) / 2);
    });
    canvas.addEventListener("blur", () => show(null));
    canvas.addEventListener("keydown", (event) => {
      const plot = ctx.view()?.chartLayout(chart)?.plots[0];
      if (!plot) return;
      const step = ((plot.x1 - plot.x0) / CURSOR_STEPS) * (event.shiftKey ? 10 : 1);
      const at = state.get(chart) ?? (plot.x0 + plot.x1) / 2;
      const next = {
        ArrowLeft: at - step, ArrowRight: at + step, Home: plot.x0, End: plot.x1 - 1,
      }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      show(Math.min(plot.x1 - 1, Math.max(plot.x0, next)));
    });
  }
  return {
    /** The CSS pixel column read on `chart` (the pointer's or the keyboard cursor's), or null. */
    cursor(chart) {
      return state.get(chart) ?? null;
    },
    /** The charts were redrawn: the readouts shown say what is under their column now. */
    refresh() {
      for (const [chart, x] of state) if (x !== null) {
        const r = ctx.view()?.readoutAt(chart, x);
        ctx.el(`${chart}Readout`).textContent = r ? r.text : "";
      }
    },
  };
}
