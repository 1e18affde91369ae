#!/usr/bin/env bash
# Runs every test, installing what they need first (scripts/setup.sh test):
#   1. native: cargo test (the numeric core, session, options, charts drawn to SVG); the bench compiles
#   2. the crate builds for wasm32-unknown-unknown
#   3. wasm-bindgen-test in headless Chromium and headless Firefox (the JS boundary and canvas drawing)
#   4. end to end: the release build served on 127.0.0.1, driven in Chromium by playwright-core
#   5. the packages (scripts/package.sh): the widget's Python tests, the npm tarball installed and bundled,
#      the wheel in JupyterLab
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
bash scripts/setup.sh test

step() { printf '\n== test: %s\n' "$*"; }

step "native tests"
cargo test --workspace
cargo bench --workspace --no-run

step "build for wasm32"
cargo build --target wasm32-unknown-unknown

step "wasm-bindgen-test in headless Chromium"
env -u GECKODRIVER wasm-pack test --mode no-install --headless --chrome --chromedriver /usr/bin/chromedriver --test web --test web_teach --test web_teaching --test web_import --test web_ending --test web_em_gradient

step "wasm-bindgen-test in headless Firefox"
GECKODRIVER="$(command -v geckodriver)" wasm-pack test --mode no-install --headless --firefox \
  --geckodriver "$(command -v geckodriver)" --test web --test web_teach --test web_teaching --test web_import --test web_ending --test web_em_gradient

step "end-to-end tests of the release page in Chromium"
bash scripts/build-wasm.sh
bash scripts/build-wasm.sh --bench
node --test --test-timeout=180000 tests/e2e/
echo "screenshot: test-results/page.png"

step "packages: the npm tarball and the notebook widget's wheel"
bash scripts/package.sh
.venv-notebook/bin/python -m pytest -q python/tests
node --test --test-timeout=240000 tests/packages/
echo "screenshots: test-results/npm-static-site.png, npm-vite.png, notebook-lab.png, notebook-widget.png"
