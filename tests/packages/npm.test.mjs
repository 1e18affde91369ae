// The npm package as a user gets it (dist/gmm-two-ways-VERSION.tgz, built by scripts/package.sh): installed
// into an empty folder, the README's "In a static site" page served from there on 127.0.0.1 draws the demo
// (no bundler); the README's two bundler lines built by Vite draw it too (wasm and worker emitted as
// assets); and the declarations type-check a use of the API under `tsc --strict` and refuse a wrong one.

import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../e2e/browser.mjs";
import { startServer } from "../../scripts/serve.mjs";
import { crateVersion, packageSpec } from "../../scripts/package-spec.mjs";
import { DRAWN_COLOURS, densityColours } from "./canvas-colours.mjs";
import { readmeBlock } from "./readme.mjs";

const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const VERSION = crateVersion();
const TARBALL = join(ROOT, `dist/gmm-two-ways-${VERSION}.tgz`);
const SCREENSHOTS = join(ROOT, "test-results");

let site;
let browser;
before(() => {
  if (!existsSync(TARBALL)) throw new Error(`${TARBALL} is missing: run bash scripts/package.sh first`);
  site = mkdtempSync(join(tmpdir(), "gmm-npm-"));
  writeFileSync(join(site, "package.json"), JSON.stringify({ name: "course-site", private: true, type: "module" }));
  // The README's install line, with its tarball path pointed at this checkout's dist/.
  const install = readmeBlock("In a static site", "sh").trim();
  assert.equal(install, `npm install ./dist/gmm-two-ways-${VERSION}.tgz`, "the README installs this version's tarball");
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--offline", TARBALL], { cwd: site, stdio: "pipe" });
});
after(async () => {
  await browser?.close();
  if (site) rmSync(site, { recursive: true, force: true });
});

/** Serves `dir`, opens `path` in Chromium and waits until both density canvases have drawn pixels. */
async function drawnPage(dir, path, screenshot) {
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const server = await startServer(0, "127.0.0.1", dir);
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const problems = [];
  // A 404 is named by its response below; the browser's own favicon request is not the page's.
  page.on("console", (m) => {
    if ((m.type() === "error" || m.type() === "warning") && !/status of 404/.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && new URL(r.url()).pathname !== "/favicon.ico") problems.push(`${r.status()}: ${r.url()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/${path}`);
    await page.waitForSelector(".gmm-demo[data-ready=true]", { timeout: 30000 });
    // Drawn: distinct colours on each density canvas (a blank or grey-only canvas has one or two).
    const colours = await page.locator(".gmm-demo").evaluate(densityColours);
    const engine = await page.evaluate(async () => {
      const demo = await (document.querySelector("gmm-two-ways")?.demo
        ?? window.gmmDemo);
      const before = demo.state().step;
      const after = await demo.step(3);
      return { before, after: after.step, n: demo.state().n };
    });
    if (screenshot) await page.screenshot({ path: join(SCREENSHOTS, screenshot) });
    return { colours, engine, problems };
  } finally {
    await page.close();
    await new Promise((r) => server.close(r));
  }
}

test("the tarball installed into an empty folder serves the README's static page, which draws the demo", async () => {
  const installed = JSON.parse(readFileSync(join(site, "node_modules/gmm-two-ways/package.json"), "utf8"));
  assert.equal(installed.version, VERSION, "the package's version is Cargo.toml's");
  for (const file of ["www/gmm-two-ways.js", "pkg/gmm_two_ways_bg.wasm", "index.html", "index.d.ts", "README.md", "LICENSE"]) {
    assert.ok(existsSync(join(site, "node_modules/gmm-two-ways", file)), `the package holds ${file}`);
  }
  assert.ok(!existsSync(join(site, "node_modules/gmm-two-ways/www/bench")), "the benchmark page is left out");
  writeFileSync(join(site, "index.html"), readmeBlock("In a static site", "html"));
  const { colours, engine, problems } = await drawnPage(site, "index.html", "npm-static-site.png");
  for (const n of colours) assert.ok(n > DRAWN_COLOURS, `a density canvas has ${n} colours: drawn`);
  const separated = (await packageSpec()).specs.find((s) => s.name === "preset").choices.find((c) => c.value === "separated");
  assert.deepEqual(engine, { before: 0, after: 3, n: separated.sets.n }, "the demo steps, with the attribute's preset's N");
  assert.deepEqual(problems, []);
});

test("the README's bundler lines built by Vite from the installed package draw the demo", async () => {
  const app = join(site, "vite-app");
  execFileSync("mkdir", ["-p", app]);
  writeFileSync(join(app, "index.html"), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vite</title></head>
<body><div id="demo"></div><script type="module" src="./main.js"></script></body></html>\n`);
  // The README's lines, plus the handle kept where the test can find it.
  const lines = readmeBlock("In a static site", "js").replace(/^mount\(/m, "window.gmmDemo = mount(");
  writeFileSync(join(app, "main.js"), lines);
  const vite = join(ROOT, "node_modules/.bin/vite");
  const built = spawnSync(vite, ["build", "--logLevel", "warn", "--outDir", "dist", "--emptyOutDir"], { cwd: app, encoding: "utf8" });
  assert.equal(built.status, 0, `vite build: ${built.stderr}${built.stdout}`);
  const assets = execFileSync("ls", [join(app, "dist/assets")], { encoding: "utf8" }).split("\n");
  assert.ok(assets.some((f) => f.endsWith(".wasm")), `the wasm is emitted: ${assets.join(" ")}`);
  const { colours, engine, problems } = await drawnPage(join(app, "dist"), "index.html", "npm-vite.png");
  for (const n of colours) assert.ok(n > DRAWN_COLOURS, `a density canvas has ${n} colours: drawn`);
  assert.ok(engine.after >= engine.before + 3, `autoplay, then three steps: ${engine.before} -> ${engine.after}`);
  assert.ok(assets.some((f) => /^worker.*\.js$/.test(f)), `the fitting worker is emitted: ${assets.join(" ")}`);
  assert.deepEqual(problems, []);
});

test("the declarations type-check a use of the API under tsc --strict and refuse a wrong option", () => {
  const dir = join(site, "typed");
  execFileSync("mkdir", ["-p", dir]);
  const tsc = join(ROOT, "node_modules/.bin/tsc");
  const config = ["--strict", "--noEmit", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022",
    "--lib", "es2022,dom", "--skipLibCheck", "false"];
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  execFileSync("ln", ["-sfn", join(site, "node_modules"), join(dir, "node_modules")]);
  writeFileSync(join(dir, "good.ts"), `import { mount, type DemoHandle, type Summary } from "gmm-two-ways";
const el = document.createElement("gmm-two-ways"); // HTMLElementTagNameMap: a GmmTwoWaysElement
const demo: DemoHandle = await mount(document.body, { preset: "collapse", k: 3, learningRate: 0.1, hide: ["explain"], speed: 20 });
demo.on("step", (s: Summary) => s.direct.loss.toFixed(3));
demo.on("error", (e) => e.message.length);
const c = demo.compare({ logits: [0, 0], means: [-1, 1], lsigmas: [0, 0] });
const total: number = c.loss + demo.state().em.loss + (await demo.step(5)).step;
const lr: number = demo.settings().learningRate;
await demo.setOptions({ truth: "0.5:-1:0.5,0.5:1:0.5", start: [0.5, -1, 1, 0.5, 1, 1], k: 2 });
const start: string | undefined = demo.settings().start;
el.demo?.then((h) => h.pause());
export { total, lr, start };
`);
  const good = spawnSync(tsc, [...config, "good.ts"], { cwd: dir, encoding: "utf8" });
  assert.equal(good.status, 0, `tsc on a correct use: ${good.stdout}${good.stderr}`);
  writeFileSync(join(dir, "bad.ts"), `import { mount } from "gmm-two-ways";
await mount(document.body, { preset: "classical", optimizer: "sgd" });
`);
  const bad = spawnSync(tsc, [...config, "bad.ts"], { cwd: dir, encoding: "utf8" });
  assert.notEqual(bad.status, 0, "a preset and a method that do not exist are type errors");
  assert.match(bad.stdout, /"classical"/);
});
