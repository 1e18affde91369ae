// Shared by the layout tests in Chromium and Firefox: the README's iframe snippet, the page that embeds a
// frame (tests/e2e/fixtures/frame-host.html), and checks run inside a frame, as function bodies (Chromium
// evaluates `new Function(body)`, Firefox's WebDriver `execute` takes the body).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

/** The site address the README's snippet uses, replaced by the test server's. */
const README_SITE = "https://your.site/gmm-two-ways/";

/** The README's iframe snippet, `{ src, title, style }` (src relative to the project root). */
export function readmeSnippet() {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const tag = /<iframe src="([^"]+)"\s+title="([^"]+)" style="([^"]+)"><\/iframe>/.exec(readme);
  if (!tag) throw new Error("README.md has no iframe snippet");
  if (!tag[1].startsWith(README_SITE)) throw new Error(`the snippet's src does not start with ${README_SITE}`);
  return { src: tag[1].slice(README_SITE.length).replaceAll("&amp;", "&"), title: tag[2], style: tag[3] };
}

/** The address of a page that embeds one frame with these attributes in a box `width` px wide. */
export function hostUrl(base, { src, title, style, sandbox }, width) {
  const query = new URLSearchParams({ src, title: title ?? "demo", style, width: String(width) });
  if (sandbox !== undefined) query.set("sandbox", sandbox);
  return `${base}tests/e2e/fixtures/frame-host.html?${query}`;
}

/** The snippet at a frame size: its style with the height given (its width is 100 % of the box). */
export function snippetAt(snippet, height) {
  if (!/height: 640px/.test(snippet.style)) throw new Error(`the snippet's style sets no height of 640px: ${snippet.style}`);
  return { ...snippet, style: snippet.style.replace("height: 640px", `height: ${height}px`) };
}

/**
 * In the frame: what does not fit. Returns a list of problems (empty when all is well): the page scrolls,
 * or a shown control, output, chart, lesson or message lies outside the frame or is cut off by its panel.
 */
export const OVERFLOWS = `
  const problems = [];
  const root = document.documentElement;
  if (root.scrollHeight > innerHeight || root.scrollWidth > innerWidth) {
    problems.push("the page is " + root.scrollWidth + "x" + root.scrollHeight + " in a " + innerWidth + "x" + innerHeight + " frame");
  }
  const shown = ".gmm-demo :is(button, canvas, select, input, output, .lesson, .message, h2, summary, table)";
  for (const el of document.querySelectorAll(shown)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    const name = el.id || el.className || el.tagName;
    if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) {
      problems.push(name + " outside the frame: " + JSON.stringify([r.left, r.top, r.right, r.bottom].map(Math.round)));
    }
    const panel = el.parentElement.closest(".panel");
    const p = panel?.getBoundingClientRect();
    if (p && (r.bottom > p.bottom + 0.5 || r.right > p.right + 0.5)) problems.push(name + " cut off by its panel");
  }
  // No two shown controls or readouts overlap (a label over a slider, a loss over a label).
  const parts = [...document.querySelectorAll(".gmm-demo :is(button, select, input, label, .run-status > span, .lesson, .message)")]
    .map((el) => [el, el.getBoundingClientRect()]).filter(([, r]) => r.width > 0 && r.height > 0);
  for (const [i, [a, ra]] of parts.entries()) {
    for (const [b, rb] of parts.slice(i + 1)) {
      if (a.contains(b) || b.contains(a) || (a.labels && [...a.labels].includes(b))) continue;
      const overlap = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 1 && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 1;
      if (overlap) problems.push((a.id || a.className || a.tagName) + " overlaps " + (b.id || b.className || b.tagName));
    }
  }
  return problems;`;

/** Each shown canvas: its id, how many colours it holds (drawn: many) and whether it is drawn squeezed. */
const CANVASES = `
  const drawn = (c) => {
    const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    const colours = new Set();
    for (let i = 0; i < data.length; i += 4 * 97) colours.add(data[i] * 65536 + data[i + 1] * 256 + data[i + 2]);
    return colours.size;
  };
  const ratio = Math.min(3, Math.max(1, devicePixelRatio || 1));
  const canvases = [...document.querySelectorAll("canvas")].filter((c) => c.clientWidth > 0).map((c) => ({
    id: c.id, colours: drawn(c), squeezed: Math.abs(c.height - Math.round(c.clientHeight * ratio)) > 1 }));`;

/** In the frame: whether every shown canvas has its bitmap at its displayed size (after a resize, soon). */
export const CANVASES_AT_SIZE = `${CANVASES} return canvases.every((c) => !c.squeezed);`;

/**
 * In the frame: the boxes of the density panels and the loss chart, which sections show, the canvases (see
 * CANVASES), whether the page header shows, and the step.
 */
export const EMBED_STATE = `${CANVASES}
  const box = (id) => { const r = document.getElementById(id).getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height }; };
  const visible = (el) => el.getBoundingClientRect().height > 0;
  return {
    direct: box("directCanvas"), em: box("emCanvas"), loss: box("lossCanvas"), bar: box("runBar"), play: box("play"), canvases,
    sections: [...document.querySelectorAll("[data-section]")].filter(visible).map((el) => el.dataset.section),
    header: visible(document.querySelector(".page-header")),
    step: Number(document.getElementById("step").textContent),
  };`;

/** In a frame of the served page: whether the page's message about blocked modules shows, and its text. */
export const BLOCKED = `
  const box = document.getElementById("startBlocked");
  const r = box.getBoundingClientRect();
  return { shown: !box.hidden && r.height > 0 && r.top < innerHeight, text: box.textContent.replace(/\\s+/g, " ").trim(),
    started: document.documentElement.dataset.started === "true" };`;

/** The parts embed mode shows by default: the run bar and timeline, the lesson, the three charts. */
const EMBED_SHOWS = ["buttons", "lesson", "direct", "em", "loss"];

/** Checks what EMBED_STATE read in a frame `width` px wide of the page in embed mode with its defaults. */
export function assertEmbedLayout(state, width) {
  assert.equal(state.header, false, "no page header");
  assert.deepEqual([...new Set(state.sections)].sort(), [...EMBED_SHOWS].sort(), "only the run bar, the lesson and the charts");
  assert.ok(state.bar.height < 2 * state.play.height, `the run bar is one line (${state.bar.height}px)`);
  assert.ok(Math.abs(state.direct.top - state.em.top) < 1 && state.direct.right <= state.em.left, "density panels side by side");
  assert.ok(state.loss.top >= state.direct.bottom && state.loss.width > 0.9 * width, "the loss chart below, across the frame");
  for (const c of state.canvases) {
    assert.ok(c.colours > 20, `${c.id} is drawn (${c.colours} colours)`);
    assert.equal(c.squeezed, false, `${c.id} is drawn at its displayed size`);
  }
}
