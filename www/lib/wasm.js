// Loading the WebAssembly module (once per page), and the option table it describes (optionSpecs(), from
// crates/gmm-core/src/run/options.rs): every form field, menu, URL parameter and element attribute is
// derived from that table, so no default, range or preset mapping is typed in JS.

import init, { optionSpecs } from "../../pkg/gmm_two_ways.js";

let wasmModule = null;
let specs = null;

/**
 * Compiles and starts the WebAssembly module once per page; resolves to the compiled module (handed to the
 * workers). A page built as a single file hands the bytes over in `globalThis.GMM_TWO_WAYS_WASM`; otherwise
 * the .wasm beside the glue code is fetched.
 */
export async function loadWasm() {
  if (!wasmModule) {
    wasmModule = (async () => {
      const given = globalThis.GMM_TWO_WAYS_WASM;
      let module;
      if (given instanceof WebAssembly.Module) module = given;
      else if (given) module = await WebAssembly.compile(given);
      else {
        const url = new URL("../../pkg/gmm_two_ways_bg.wasm", import.meta.url);
        try {
          module = await WebAssembly.compileStreaming(fetch(url));
        } catch {
          // A server without the application/wasm type: compile from the bytes instead.
          module = await WebAssembly.compile(await (await fetch(url)).arrayBuffer());
        }
      }
      await init({ module_or_path: module });
      return module;
    })();
  }
  return wasmModule;
}

/**
 * The option table (after `loadWasm()`): `[{ name, url, attribute, label, hint, kind, scope, default, min,
 * max, choices, allowed, rebuild, fromPreset }]`, see src/wasm_options.rs.
 */
export function optionTable() {
  specs ??= optionSpecs();
  return specs;
}

/** The spec of one option. */
export function spec(name) {
  return optionTable().find((s) => s.name === name);
}
