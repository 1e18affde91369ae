#!/usr/bin/env bash
# Builds the WebAssembly package (release) into pkg/ and serves the demo on 127.0.0.1.
#
#   bash scripts/serve.sh [port]     (default 8000; the URL is printed)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
bash scripts/setup.sh build
bash scripts/build-wasm.sh
exec node scripts/serve.mjs "${1:-8000}"
