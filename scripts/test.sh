#!/usr/bin/env bash
# The test command: a fresh virtual environment with the test dependencies, then lint, type check
# and the test suite. Run from anywhere; CI (.ci/run) runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${HYKG_TEST_VENV:-.venv-test}"
python3 -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q -e '.[test]'
if [ -x scripts/system-deps.sh ]; then scripts/system-deps.sh; fi
"$VENV/bin/ruff" check src tests benchmarks
"$VENV/bin/mypy"
"$VENV/bin/pytest" -q
