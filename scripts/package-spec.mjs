// What the packages are built from, read at build time from the sources themselves so that nothing is typed
// twice: the version (Cargo.toml's [package]), the option table (optionSpecs() of the release module in
// pkg/, run in Node), the section names (www/demo/markup.js) and the mount-only options
// (www/app/api-options.js). scripts/package-npm.mjs writes the TypeScript declarations from it, and
// scripts/package-widget.mjs the notebook widget's option table.

import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The crate's version, `[package] version = "x.y.z"` in Cargo.toml. */
export function crateVersion() {
  const toml = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
  const pkg = /^\[package\]\n([\s\S]*?)(?:^\[|$(?![\s\S]))/m.exec(toml)?.[1] ?? "";
  const version = /^version\s*=\s*"([^"]+)"/m.exec(pkg)?.[1];
  if (!version) throw new Error("Cargo.toml has no [package] version");
  return version;
}

/**
 * `{ version, specs, sections, panels, mountOnly, limits, messages }`: `specs` is optionSpecs() and `limits`
 * limits() as plain JSON,
 * and `messages(options)` the release module's checkOptions() refusals of `options`, as text (for tests
 * and for checking the widget's own messages against the page's).
 */
export async function packageSpec() {
  const glue = await import(pathToFileURL(join(ROOT, "pkg/gmm_two_ways.js")).href);
  glue.initSync({ module: readFileSync(join(ROOT, "pkg/gmm_two_ways_bg.wasm")) });
  const specs = JSON.parse(JSON.stringify(glue.optionSpecs()));
  const { SECTIONS, PANELS } = await import(pathToFileURL(join(ROOT, "www/demo/markup.js")).href);
  const { MOUNT_ONLY } = await import(pathToFileURL(join(ROOT, "www/app/api-options.js")).href);
  return {
    version: crateVersion(),
    specs,
    sections: [...SECTIONS],
    panels: [...PANELS],
    mountOnly: [...MOUNT_ONLY],
    limits: JSON.parse(JSON.stringify(glue.limits())),
    messages: (options) => glue.checkOptions(options).map((e) => e.message),
  };
}
