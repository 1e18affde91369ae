#!/usr/bin/env bash
# Installs what gmm-two-ways needs on a fresh machine that has only Rust. Safe to run again: each step
# checks first and skips what is already there.
#
#   bash scripts/setup.sh build   # to build the page: wasm target, wasm-bindgen-cli, wasm-pack, Node.js, npm packages
#   bash scripts/setup.sh test    # also for the tests: Chromium, Firefox ESR, their drivers, and the venv
#                                 # .venv-notebook/ (python/requirements-dev.txt: anywidget, hatchling, pytest,
#                                 # JupyterLab) for the notebook widget's build and tests
#
# Nothing downloads a prebuilt binary: tools are built with cargo, browsers come from Debian's packages,
# and playwright-core is used with the system Chromium (never `playwright install`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
mode="${1:-build}"

say() { printf '\n== setup: %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "setup: need root (or sudo) to run: $*" >&2; exit 1; fi
}

apt_updated=""
apt_install() {
  [ -n "$apt_updated" ] || { as_root apt-get update -qq; apt_updated=yes; }
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@"
}

# The wasm-bindgen CLI must match the wasm-bindgen crate in Cargo.lock exactly.
wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wasm_bindgen_version" ]; then
  say "building wasm-bindgen-cli $wasm_bindgen_version"
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi
if ! command -v wasm-pack >/dev/null; then
  say "building wasm-pack"
  cargo install wasm-pack
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing Node.js"
  apt_install nodejs npm
fi

if [ "$mode" = test ]; then
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -x /usr/bin/firefox-esr ]; then
    say "installing Chromium, ChromeDriver and Firefox ESR from Debian"
    apt_install chromium chromium-driver firefox-esr
  fi
  if ! command -v geckodriver >/dev/null; then
    say "building geckodriver"
    cargo install geckodriver
  fi
fi
# npm packages: binaryen's wasm-opt for the release build (both modes), playwright-core and axe-core for tests.
if ! cmp -s package-lock.json node_modules/.package-lock-copy.json; then
  say "installing binaryen, playwright-core and axe-core from package-lock.json (no browser download)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  cp package-lock.json node_modules/.package-lock-copy.json
fi
if [ "$mode" = test ]; then
  # The notebook widget's venv, pinned; reinstalled only when the requirements change.
  venv=.venv-notebook
  if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' >/dev/null 2>&1; then
    say "installing Python's venv from Debian"
    apt_install python3 python3-venv
  fi
  [ -x "$venv/bin/python" ] || { say "creating $venv"; python3 -m venv "$venv"; }
  if ! cmp -s python/requirements-dev.txt "$venv/.requirements-copy.txt"; then
    say "installing python/requirements-dev.txt into $venv (anywidget, numpy, hatchling, pytest, JupyterLab)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r python/requirements-dev.txt
    cp python/requirements-dev.txt "$venv/.requirements-copy.txt"
  fi
fi
say "ready ($mode)"
