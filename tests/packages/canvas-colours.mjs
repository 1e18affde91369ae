// Whether a demo's density panels are drawn, read from their pixels: a blank canvas has one colour and a
// background with a grid a few, a drawn panel (histogram, curves, text, antialiasing) hundreds.

/** Runs in the page on a `.gmm-demo`: the number of distinct colours on each of its two density canvases. */
export function densityColours(root) {
  return ["directCanvas", "emCanvas"].map((id) => {
    const c = root.querySelector(`canvas[id$=${id}]`);
    const copy = Object.assign(document.createElement("canvas"), { width: c.width, height: c.height });
    const ctx = copy.getContext("2d", { willReadFrequently: true });
    ctx.drawImage(c, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let i = 0; i < px.length; i += 4) seen.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    return seen.size;
  });
}

/** Fewer colours than this on a density canvas: not drawn. */
export const DRAWN_COLOURS = 20;
