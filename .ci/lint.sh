#!/usr/bin/env bash
# Lint: ruff with the rule set in pyproject.toml ([tool.ruff.lint]). Any finding fails.
#   .ci/lint.sh            check the whole project
#   .ci/lint.sh --fix      also apply ruff's safe fixes (import order, unused imports)
set -euo pipefail
cd "$(dirname "$0")/.."
RUFF="${RUFF:-.venv/bin/ruff}"
if [ ! -x "$RUFF" ]; then
    echo "ruff not found at $RUFF: install the test extra (pip install -e '.[test]')." >&2
    exit 2
fi
"$RUFF" --version
"$RUFF" check "$@" .
