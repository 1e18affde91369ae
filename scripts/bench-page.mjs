// The page at large N in headless Chromium: how long until it is ready, and how smoothly it draws while
// both methods step, at N = 1,000,000 with every teaching section open (issue: "large N stays smooth").
// Ready: from navigation start to the demo's `data-ready`. Frames: requestAnimationFrame callbacks over
// FRAMES_MS of play (after a second to settle), with the longest gap between two frames.

import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/e2e/browser.mjs";

export const PAGE_N = 1_000_000;
const SECTIONS = ["side", "math", "em-gradient", "em-steps", "restarts", "k-select", "trajectories", "landscape", "data-io"];
const FRAMES_MS = 5000;

/** `{ readyMs, fps, longestFrameMs, steps }` for the served page at `url`. */
export async function pageRun(url) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.addInitScript(() => {
      new MutationObserver((_, observer) => {
        if (document.body?.dataset.ready === "true") {
          window.__readyAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { attributes: true, subtree: true, attributeFilter: ["data-ready"] });
    });
    await page.goto(`${url}index.html?n=${PAGE_N}&open=${SECTIONS.join(",")}&speed=1`);
    await page.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 120_000 });
    return await page.evaluate(async (framesMs) => {
      const readyMs = window.__readyAt;
      const play = document.getElementById("play");
      play.click();
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const stepBefore = Number(document.getElementById("step").textContent.replace(/,/g, ""));
      let frames = 0;
      let longest = 0;
      const start = performance.now();
      let last = start;
      await new Promise((resolve) => {
        const frame = (now) => {
          frames += 1;
          longest = Math.max(longest, now - last);
          last = now;
          if (now - start < framesMs) requestAnimationFrame(frame);
          else resolve();
        };
        requestAnimationFrame(frame);
      });
      const elapsed = performance.now() - start;
      play.click();
      const steps = Number(document.getElementById("step").textContent.replace(/,/g, "")) - stepBefore;
      return { readyMs, fps: frames / (elapsed / 1000), longestFrameMs: longest, steps };
    }, FRAMES_MS);
  } finally {
    await browser.close();
  }
}
