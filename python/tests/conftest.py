"""The package is tested from its source folder (python/), with the front end and option table built into
gmm_two_ways/_static/ by scripts/package-widget.mjs (scripts/package.sh runs it)."""

import sys
from pathlib import Path

PYTHON = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PYTHON))
if not (PYTHON / "gmm_two_ways/_static/options.json").exists():
    raise RuntimeError("gmm_two_ways/_static/ is not built: run bash scripts/package.sh (or node scripts/package-widget.mjs)")
