#!/usr/bin/env bash
# Checks that an intervals.hlog (default: the golden one the tests render) reads with HdrHistogram's
# own Python package, and that it holds the expected values.
#   scripts/hlog-check.sh [FILE.hlog] [--expect-total N] [--expect-intervals N]
# Needs python3 with venv and PyPI access the first time (pip install hdrhistogram into .build/hdrvenv).
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build/hdrvenv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import hdrh' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q hdrhistogram
fi
if [ $# -eq 0 ]; then
  # The golden fixture: 20 intervals of 50 requests.
  set -- Tests/ReportsTests/Golden/intervals.hlog --expect-total 1000 --expect-intervals 20
fi
exec "$venv/bin/python" scripts/hlog_check.py "$@"
