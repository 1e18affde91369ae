// Builds one self-contained HTML file from index.html: its stylesheets inlined, every ES module reachable
// from its <script type="module" src> inlined (static and literal dynamic imports, and modules named by
// `new URL("./x.js", import.meta.url)`, such as a Web Worker's), and the WebAssembly module as base64.
// It opens straight from disk (file://) and can be uploaded anywhere as it is.
//
//   node scripts/build-single.mjs [out.html]        (default dist/gmm-two-ways.html; needs pkg/ built)
//
// How the page runs: one inline bootstrap module (allowed by its sha256 hash in the page's CSP) turns each
// module's source into a blob: URL, dependencies first, with the import specifiers rewritten to their blob
// URLs, then imports the entry modules. The wasm bytes are handed over in `globalThis.GMM_TWO_WAYS_WASM`,
// which www/lib/wasm.js checks before fetching the .wasm. `import.meta.url` becomes the module's original
// location beside this file (resources it names that were not inlined are then not found). The CSP keeps
// 'self' out of script-src and style-src: only the bootstrap's and the styles' hashes, blob: (the modules
// and the worker) and 'wasm-unsafe-eval'. Import cycles cannot be expressed with blob URLs and are refused.

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { scanModule } from "./js-scan.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const WASM = "pkg/gmm_two_ways_bg.wasm";
const WASM_GLOBAL = "GMM_TWO_WAYS_WASM";
const MARK = "__GMM_SINGLE_FILE_";
const ASSET_TYPES = { ".wasm": "application/wasm", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml", ".png": "image/png" };

const read = (path) => readFileSync(join(ROOT, path));
const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
const project = (path) => relative(ROOT, path).split(sep).join("/");

/**
 * Resolves a relative specifier of module `from` to a project path; anything else is refused. A URL
 * (`asUrl`) may also be a bare relative path such as "x.wasm".
 */
function resolveSpec(spec, from, asUrl = false) {
  const relativeUrl = asUrl && !/^[a-z][a-z0-9+.-]*:|^\//i.test(spec);
  if (!spec.startsWith("./") && !spec.startsWith("../") && !relativeUrl) {
    throw new Error(`${from}: "${spec}" is not a relative path; only relative specifiers can be inlined`);
  }
  const path = project(resolve(ROOT, dirname(from), spec));
  if (path.startsWith("../")) throw new Error(`${from}: "${spec}" points outside the project`);
  return path;
}

/** Every module reachable from `entries`, dependencies before dependents, with their rewrite points. */
export function collectModules(entries, warnings) {
  const modules = new Map(); // path -> { path, source, scan, deps: Map<start, path>, assets: Map<start, path> }
  const order = [];
  const visiting = new Set();
  const visit = (path, chain) => {
    if (modules.has(path)) return;
    if (visiting.has(path)) throw new Error(`import cycle ${[...chain, path].join(" -> ")}: blob URLs cannot express it`);
    visiting.add(path);
    const source = read(path).toString("utf8");
    if (source.includes(MARK)) throw new Error(`${path} contains the build's marker ${MARK}`);
    let scan;
    try { scan = scanModule(source); } catch (error) { throw new Error(`${path}: ${error.message}`); }
    for (const problem of scan.unsupported) warnings.push(`${path} ${problem}`);
    const deps = new Map();
    const assets = new Map();
    for (const item of scan.imports) deps.set(item.start, resolveSpec(item.spec, path));
    for (const item of scan.urls) {
      const target = resolveSpec(item.spec, path, true);
      if ([".js", ".mjs"].includes(extname(target))) deps.set(item.start, target);
      else if (target === WASM) assets.set(item.start, target);
      else warnings.push(`${path}: new URL("${item.spec}") is not inlined; it resolves beside the single file`);
    }
    for (const dep of deps.values()) visit(dep, [...chain, path]);
    visiting.delete(path);
    modules.set(path, { path, source, scan, deps, assets });
    order.push(path);
  };
  for (const entry of entries) visit(entry, []);
  return order.map((path) => modules.get(path));
}

/** The module's source with specifiers, URLs and import.meta.url replaced by quoted placeholders. */
export function rewrite(module, index) {
  const edits = [
    ...[...module.deps].map(([start, dep]) => ({ start, to: `"${MARK}MOD_${index.get(dep)}__"` })),
    ...[...module.assets].map(([start]) => ({ start, to: `"${MARK}WASM_0__"` })),
    ...module.scan.metas.map(({ start }) => ({ start, to: `"${MARK}META_${index.get(module.path)}__"` })),
  ];
  const ends = new Map([...module.scan.imports, ...module.scan.urls, ...module.scan.metas].map((e) => [e.start, e.end]));
  let out = module.source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.to + out.slice(ends.get(edit.start));
  }
  return out;
}

/**
 * Runs in the page and in each worker it starts: turns the module sources into blob: URLs in this realm
 * (dependencies first, placeholders replaced), and makes `new Worker(<one of them>, { type: "module" })`
 * start a classic worker that does the same and then imports that module. (Chromium refuses module workers,
 * and imports in any worker of blob URLs made by the page, when the page is a file:// page; a classic worker
 * may import blob URLs it made itself.) Messages that reach such a worker before its module has run are
 * kept and delivered afterwards, as a module worker would. With `entry` (in a worker) it imports that module.
 * Kept free of outer references: its source text is copied into each worker.
 */
export function singleFileRuntime(data, wasmUrl, base, entry) {
  const urls = [];
  for (const module of data.modules) {
    const source = module.source.replace(/"__GMM_SINGLE_FILE_(MOD|META|WASM)_(\d+)__"/g, (_, kind, i) => JSON.stringify(
      kind === "MOD" ? urls[i] : kind === "WASM" ? wasmUrl : new URL(data.modules[i].path, base).href));
    urls.push(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
  }
  const NativeWorker = globalThis.Worker;
  if (typeof NativeWorker === "function") {
    globalThis.Worker = class Worker extends NativeWorker {
      constructor(url, options) {
        const index = urls.indexOf(String(url));
        if (index < 0 || options?.type !== "module") {
          super(url, options);
          return;
        }
        const args = [data, wasmUrl, base, index].map((a) => JSON.stringify(a)).join(", ");
        const shim = `(${singleFileRuntime})(${args.replace(/</g, "\\u003c")});`;
        super(URL.createObjectURL(new Blob([shim], { type: "text/javascript" })), { ...options, type: "classic" });
      }
    };
  }
  if (entry !== undefined) {
    const early = [];
    let loaded = false;
    self.addEventListener("message", (event) => { if (!loaded) early.push(event); });
    import(urls[entry]).then(() => {
      loaded = true;
      for (const e of early) self.dispatchEvent(new MessageEvent("message", { data: e.data, ports: [...e.ports] }));
    }, (error) => setTimeout(() => { throw error; }));
  }
  return urls;
}

/** The inline bootstrap: the runtime above for the page, the wasm bytes as a global, then the entries. */
function bootstrap(dataId, wasmId) {
  return `
${singleFileRuntime}
const data = JSON.parse(document.getElementById(${JSON.stringify(dataId)}).textContent);
const binary = atob(document.getElementById(${JSON.stringify(wasmId)}).textContent.replace(/\\s/g, ""));
const bytes = new Uint8Array(binary.length);
for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
globalThis.${WASM_GLOBAL} = bytes;
const wasmUrl = URL.createObjectURL(new Blob([bytes], { type: "application/wasm" }));
const urls = singleFileRuntime(data, wasmUrl, document.baseURI);
try {
  for (const entry of data.entries) await import(urls[entry]);
} catch (error) {
  const box = document.createElement("p");
  box.setAttribute("role", "alert");
  box.textContent = \`The page could not start: \${error.message}\`;
  document.body.prepend(box);
  throw error;
}
`;
}

/** Replaces a CSP directive's sources (adding the directive if missing). */
function setDirective(policy, name, sources) {
  const directives = policy.split(";").map((d) => d.trim()).filter(Boolean);
  const at = directives.findIndex((d) => d.split(/\s+/)[0] === name);
  const text = `${name} ${sources.join(" ")}`;
  if (at < 0) directives.push(text);
  else directives[at] = text;
  return directives.join("; ");
}

export function buildSingleFile(out = "dist/gmm-two-ways.html") {
  const warnings = [];
  let html = read("index.html").toString("utf8");
  const styles = [];
  html = html.replace(/<link\b[^>]*\brel="stylesheet"[^>]*>/g, (tag) => {
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (!href) throw new Error(`a stylesheet link without href: ${tag}`);
    const css = read(resolveSpec(href, "index.html", true)).toString("utf8");
    if (/url\(|@import/.test(css)) warnings.push(`${href}: url() or @import is not inlined`);
    const text = `\n${css.replace(/<\/style/gi, "<\\/style")}`;
    styles.push(text);
    return `<style data-gmm-two-ways>${text}</style>`;
  });
  const entries = [];
  html = html.replace(/<script\b([^>]*)><\/script>/g, (tag, attrs) => {
    const src = /\bsrc="([^"]+)"/.exec(attrs)?.[1];
    if (!src) return tag;
    if (/\bdata-served-only\b/.test(attrs)) return ""; // only for the served page (www/app/start-check.js)
    if (!/\btype="module"/.test(attrs)) throw new Error(`only module scripts can be inlined: ${tag}`);
    entries.push(resolveSpec(src, "index.html", true));
    return "";
  });
  const modules = collectModules(entries, warnings);
  const index = new Map(modules.map((m, i) => [m.path, i]));
  const data = {
    modules: modules.map((m) => ({ path: m.path, source: rewrite(m, index) })),
    entries: entries.map((e) => index.get(e)),
  };
  const wasm = read(WASM);
  const dataId = "gmm-single-file-modules";
  const wasmId = "gmm-single-file-wasm";
  const boot = bootstrap(dataId, wasmId);
  // JSON inside a data block: "<" escaped so that no "</script>" can end it early.
  const blocks = `<script type="application/json" id="${dataId}">${JSON.stringify(data).replace(/</g, "\\u003c")}</script>\n`
    + `<script type="application/octet-stream" id="${wasmId}">${wasm.toString("base64")}</script>\n`
    + `<script type="module">${boot}</script>\n`;
  html = html.replace(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/, (_, policy) => {
    let next = setDirective(policy, "script-src", [sha256(boot), "blob:", "'wasm-unsafe-eval'"]);
    next = setDirective(next, "style-src", styles.map(sha256));
    return `<meta http-equiv="Content-Security-Policy" content="${next}">`;
  });
  if (!html.includes("sha256-")) throw new Error("index.html has no Content-Security-Policy meta to keep strict");
  if (!html.includes("</body>")) throw new Error("index.html has no </body>");
  html = html.replace("</body>", `${blocks}</body>`);
  const path = resolve(ROOT, out);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, html);
  const bytes = Buffer.byteLength(html);
  return { path, bytes, gzipped: gzipSync(html, { level: 9 }).length, modules: modules.map((m) => m.path), warnings };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const result = buildSingleFile(process.argv[2]);
    for (const w of result.warnings) console.warn(`warning: ${w}`);
    console.log(`${project(result.path)}: ${result.bytes} bytes (${(result.bytes / 1024).toFixed(0)} KiB), `
      + `${result.gzipped} bytes gzipped; ${result.modules.length} modules: ${result.modules.join(", ")}`);
  } catch (error) {
    console.error(`build-single: ${error.message}`);
    process.exit(1);
  }
}
