#!/usr/bin/env bash
# Builds the release WebAssembly package into pkg/ (wasm-pack, --target web) and, when npm's binaryen is
# installed (node_modules/.bin/wasm-opt, from package.json; `npm ci`), optimises the module with wasm-opt.
# Debian's wasm-opt is never used (its output is broken), hence `wasm-opt = false` in Cargo.toml.
#
#   bash scripts/build-wasm.sh           # the page's module: pkg/
#   bash scripts/build-wasm.sh --bench   # the benchmark's module (feature `bench`, for bench.html): pkg-bench/
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
if [ "${1:-}" = --bench ]; then
  out=pkg-bench
  wasm-pack build --target web --release --mode no-install --out-dir "$out" -- --features bench
else
  out=pkg
  wasm-pack build --target web --release --mode no-install
fi
module=$out/gmm_two_ways_bg.wasm
wasm_opt=node_modules/.bin/wasm-opt
if [ -x "$wasm_opt" ]; then
  before=$(wc -c <"$module")
  # The features rustc enables for wasm32-unknown-unknown, plus SIMD (.cargo/config.toml). Inlining only
  # functions of up to 10 instructions where it is optional (-fimfs, default 20) keeps the chart code ~5 KB
  # smaller, and --converge repeats the passes while they still shrink the module (~0.7 KB); the hot loop
  # (crates/gmm-core/src/likelihood/pass.rs) is inlined by rustc already.
  "$wasm_opt" -O3 -fimfs=10 --converge --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue "$module" -o "$module.opt"
  mv "$module.opt" "$module"
  echo "wasm-opt ($("$wasm_opt" --version)): $module $before -> $(wc -c <"$module") bytes"
else
  echo "wasm-opt not installed (npm ci installs npm's binaryen); $module left as wasm-pack built it"
fi
