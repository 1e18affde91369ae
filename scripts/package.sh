#!/usr/bin/env bash
# Builds both packages into dist/, nothing published:
#   dist/gmm-two-ways-VERSION.tgz          the npm package (<gmm-two-ways> and mount(), with the wasm)
#   dist/gmm_two_ways-VERSION-*.whl        the Jupyter widget (anywidget), the wasm and modules inside
# VERSION is Cargo.toml's. Needs scripts/setup.sh test (npm packages, and the venv .venv-notebook/ whose
# hatchling builds the wheel, offline).
#
#   bash scripts/package.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
bash scripts/build-wasm.sh
version=$(node -e 'import("./scripts/package-spec.mjs").then((m) => console.log(m.crateVersion()))')
rm -f dist/gmm-two-ways-*.tgz dist/gmm_two_ways-*.whl

node scripts/package-npm.mjs
npm pack --silent --pack-destination dist ./dist/npm >/dev/null
test -f "dist/gmm-two-ways-$version.tgz"

node scripts/package-widget.mjs
.venv-notebook/bin/python -m pip wheel --quiet --no-deps --no-build-isolation --no-index -w dist ./python
ls dist/gmm_two_ways-"$version"-*.whl >/dev/null
echo "packages: $(ls dist/gmm-two-ways-"$version".tgz dist/gmm_two_ways-"$version"-*.whl | tr '\n' ' ')"
wc -c dist/gmm-two-ways-"$version".tgz dist/gmm_two_ways-"$version"-*.whl
