#!/usr/bin/env bash
# Mutation testing of the rules (policy, tiers, screening, sanitiser, detection, visibility
# selectors): fails when fewer than 90 % of the mutants are killed. See tests/mutation/run.py;
# reviewed harmless survivors are listed in tests/mutation/equivalent.toml.
#   .ci/mutation.sh                         everything, two processes
#   .ci/mutation.sh --module community/policy.py
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
exec "$PYTHON" -m tests.mutation.run --jobs "${MUTATION_JOBS:-2}" "$@"
