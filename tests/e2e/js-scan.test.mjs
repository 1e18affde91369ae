// The single-file build's module scanner (scripts/js-scan.mjs): on every module of the page it finds the
// same static imports as V8's own parser (node's vm.SourceTextModule), and it is not fooled by imports,
// quotes and import.meta.url inside comments, strings, templates or regular expressions. No browser.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { scanModule } from "../../scripts/js-scan.mjs";

const FILES = [
  ...readdirSync("www", { recursive: true }).filter((f) => f.endsWith(".js")).map((f) => `www/${f}`),
  ...(existsSync("pkg/gmm_two_ways.js") ? ["pkg/gmm_two_ways.js"] : []),
];

/** V8's list of a module's static import specifiers (needs --experimental-vm-modules, so in a child). */
function v8Specifiers(path) {
  const code = `const vm = require("node:vm"); const fs = require("node:fs");
    const m = new vm.SourceTextModule(fs.readFileSync(${JSON.stringify(path)}, "utf8"));
    process.stdout.write(JSON.stringify(m.dependencySpecifiers));`;
  const run = spawnSync(process.execPath, ["--experimental-vm-modules", "--no-warnings", "-e", code], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

test("static imports found in every module of the page match V8's parser", () => {
  assert.ok(FILES.length >= 5, FILES.join(", "));
  for (const path of FILES) {
    const found = scanModule(readFileSync(path, "utf8")).imports.filter((i) => !i.dynamic).map((i) => i.spec);
    assert.deepEqual([...new Set(found)].sort(), [...new Set(v8Specifiers(path))].sort(), path);
  }
});

test("comments, strings, templates and regular expressions do not fool the scanner", () => {
  const source = [
    '// import { no } from "./comment.js";',
    '/* import "./block.js"; new URL("./c.js", import.meta.url) */',
    'import a, { b as c } from "./a.js";',
    'export * as ns from "./ns.js";',
    'export { d } from "./d.js";',
    'export { a };',
    'const s = "import x from \'./string.js\'";',
    'const t = `import("./template.js") ${ `${import.meta.url}` } new URL("./t.js", import.meta.url)`;',
    "const r = /import [\"']\\/regex.js/g; const q = 1 / 2 / 3;",
    'const w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });',
    'const later = () => import("./lazy.js");',
    'const computed = (p) => import(p);',
    'obj.import("./method.js");',
  ].join("\n");
  const scan = scanModule(source);
  assert.deepEqual(scan.imports.map((i) => [i.spec, i.dynamic]),
    [["./a.js", false], ["./ns.js", false], ["./d.js", false], ["./lazy.js", true]]);
  assert.deepEqual(scan.urls.map((u) => u.spec), ["./worker.js"]);
  // One import.meta.url in the template's substitution, one in the worker's URL.
  assert.equal(scan.metas.length, 2);
  assert.deepEqual(scan.metas.map((m) => source.slice(m.start, m.end)), ["import.meta.url", "import.meta.url"]);
  assert.equal(scan.unsupported.length, 1);
  assert.match(scan.unsupported[0], /line 12: import\(\) of a computed specifier/);
  // Offsets cover the string literal with its quotes.
  assert.equal(source.slice(scan.imports[0].start, scan.imports[0].end), '"./a.js"');
});
