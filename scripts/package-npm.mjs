// Lays out the npm package `gmm-two-ways` in dist/npm/ (then `npm pack` makes the tarball, see
// scripts/package.sh): the page's modules (www/, without the benchmark page and the embed example) and the
// whole page (index.html, which "Copy link to this run" points to by default), the
// release wasm package (pkg/: the glue, the module and its declarations), package.json (the version from
// Cargo.toml), README.md and LICENSE, and index.d.ts: the handle and its events (packaging/npm/handle.d.ts)
// after types derived from the option table, so that no option is typed by hand.
//
//   node scripts/package-npm.mjs          (needs pkg/ built: bash scripts/build-wasm.sh)
//
// The modules keep their places relative to each other, so `new URL("../../pkg/gmm_two_ways_bg.wasm",
// import.meta.url)` finds the wasm from wherever the package is served, with or without a bundler.

import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, packageSpec } from "./package-spec.mjs";

const OUT = join(ROOT, "dist/npm");
/** Parts of www/ that are pages of this repository rather than parts of the demo. */
const LEFT_OUT = ["www/bench", "www/embed-example.html", "www/embed-example.js", "www/embed-example.css"];
const PKG_FILES = ["gmm_two_ways.js", "gmm_two_ways_bg.wasm", "gmm_two_ways.d.ts", "gmm_two_ways_bg.wasm.d.ts"];

const quote = (v) => JSON.stringify(v);
const comment = (lines) => `  /**\n${lines.map((l) => `   * ${l.replace(/\*\//g, "* /")}`).join("\n")}\n   */`;

/** The TypeScript type of one option of the table. */
function optionType(spec) {
  if (spec.kind === "choice") return spec.choices.map((c) => quote(c.value)).join(" | ");
  if (spec.kind === "numbers") return "ArrayLike<number>";
  // Text "w:m:s,..." or flat triples [w1, m1, s1, w2, ...].
  if (spec.kind === "components") return "string | ArrayLike<number>";
  return "number";
}

/** `index.d.ts`: the options (from the table, with their labels, allowed values and defaults), then the handle. */
export function declarations(spec) {
  const { specs, sections, panels } = spec;
  const byHand = specs.filter((s) => s.kind === "components").map((s) => quote(s.name)).join(" | ") || "never";
  const options = specs.map((s) => {
    const doc = [`${s.label}: ${s.allowed}${s.default === null ? "" : ` (default ${quote(s.default)})`}.`];
    if (s.attribute) doc.push(`Attribute \`${s.attribute}\` of <gmm-two-ways>.`);
    return `${comment(doc)}\n  ${s.name}?: ${optionType(s)};`;
  });
  return `// Declarations of the gmm-two-ways package ${spec.version}. The option types are generated from the
// option table (optionSpecs() of the wasm module) by scripts/package-npm.mjs; do not edit by hand.

/** A section of the demo, for \`hide\`. */
export type Section = ${sections.map(quote).join(" | ")};

/** A section that opens, for \`open\`. */
export type Panel = ${panels.map(quote).join(" | ")};

/** The run's options (setOptions() and mount() take them; a preset sets the others it names). */
export interface Options {
${options.join("\n")}
  /** Sections to open: a name, a list, or one string of names ("side math"). */
  open?: Panel | Panel[] | string;
}

/** What settings() returns: every option of the form with its current value (a mixture by hand as its text,
 * absent when none), and the open sections. */
export type Settings = { [K in Exclude<keyof Options, "data" | "open" | ${byHand}>]-?: NonNullable<Options[K]> }
  & { [K in ${byHand}]?: string } & { open: Panel[] };

/** mount()'s options: the run's, and how the demo itself is set up. */
export interface MountOptions extends Options {
  /** Sections to hide: a name, a list, or one string of names ("explain side"). */
  hide?: Section | Section[] | string;
  /** Start playing at once. */
  autoplay?: boolean;
  /** false: fit on the page's thread instead of a Web Worker. */
  worker?: boolean;
  /** The page "Copy link to this run" points to. */
  linkBase?: string | URL;
  /** Prefix of the demo's element ids (each demo has its own by default). */
  idPrefix?: string;
  /** false: no keyboard shortcuts. */
  keyboard?: boolean;
}

${readFileSync(join(ROOT, "packaging/npm/handle.d.ts"), "utf8")}`;
}

/** package.json of the package. */
function manifest(version) {
  return {
    name: "gmm-two-ways",
    version,
    description: "A 1-D Gaussian mixture fitted two ways side by side (gradient descent and EM), in WebAssembly: the <gmm-two-ways> element and mount().",
    license: "MIT",
    type: "module",
    main: "./www/gmm-two-ways.js",
    module: "./www/gmm-two-ways.js",
    types: "./index.d.ts",
    exports: {
      ".": { types: "./index.d.ts", default: "./www/gmm-two-ways.js" },
      "./style.css": "./www/style.css",
      "./package.json": "./package.json",
    },
    // Importing the entry defines <gmm-two-ways>: a bundler must keep it.
    sideEffects: true,
    files: ["www/", "pkg/", "index.html", "index.d.ts", "README.md", "LICENSE"],
    keywords: ["gaussian-mixture", "em", "gradient-descent", "webassembly", "teaching", "web-component"],
  };
}

export async function buildNpm() {
  const spec = await packageSpec();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(join(OUT, "pkg"), { recursive: true });
  cpSync(join(ROOT, "www"), join(OUT, "www"), {
    recursive: true,
    filter: (source) => !LEFT_OUT.some((p) => source === join(ROOT, p) || source.startsWith(join(ROOT, p, "/"))),
  });
  for (const file of PKG_FILES) cpSync(join(ROOT, "pkg", file), join(OUT, "pkg", file));
  cpSync(join(ROOT, "index.html"), join(OUT, "index.html"));
  writeFileSync(join(OUT, "index.d.ts"), declarations(spec));
  writeFileSync(join(OUT, "package.json"), `${JSON.stringify(manifest(spec.version), null, 2)}\n`);
  const attributes = spec.specs.filter((s) => s.attribute).map((s) => `\`${s.attribute}\``).join(", ");
  const readme = readFileSync(join(ROOT, "packaging/npm/README.md"), "utf8")
    .replaceAll("{{version}}", spec.version).replaceAll("{{attributes}}", attributes);
  writeFileSync(join(OUT, "README.md"), readme);
  cpSync(join(ROOT, "LICENSE"), join(OUT, "LICENSE"));
  return { dir: OUT, version: spec.version };
}

if (process.argv[1] && process.argv[1].endsWith("package-npm.mjs")) {
  const { dir, version } = await buildNpm();
  console.log(`npm package gmm-two-ways ${version} laid out in ${dir}`);
}
