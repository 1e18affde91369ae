#!/usr/bin/env bash
# Builds the whole demo as one self-contained HTML file, dist/gmm-two-ways.html: the release wasm package,
# then scripts/build-single.mjs inlines the stylesheet, every ES module and the wasm (base64). The file
# works opened straight from disk (file://) and can be uploaded to a course site as it is.
#
#   bash scripts/build-single.sh [out.html]      (prints the file's size, raw and gzipped)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
bash scripts/build-wasm.sh
node scripts/build-single.mjs "${1:-dist/gmm-two-ways.html}"
