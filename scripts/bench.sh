#!/usr/bin/env bash
# The benchmark in one command: installs what it needs (scripts/setup.sh test), builds the release wasm
# package with wasm-opt (scripts/build-wasm.sh), then times the same steps natively (cargo bench) and in the
# wasm build in headless Chromium and Firefox, and prints one table of medians with the wasm/native ratios,
# the classic workload (3000 Adam steps + 3000 EM iterations) and the wasm module's size, raw and gzipped.
#
#   bash scripts/bench.sh [--repeat 3] [--skip-native] [--browsers chromium,firefox]
#
# Timings depend on what else the machine is doing: check `uptime` first and run when it is idle.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
bash scripts/setup.sh test
bash scripts/build-wasm.sh
bash scripts/build-wasm.sh --bench
cargo bench --no-run --quiet -p gmm-core --bench steps
node scripts/bench-browser.mjs "$@"
