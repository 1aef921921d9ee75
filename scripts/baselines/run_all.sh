#!/usr/bin/env bash
# Run the four baseline systems on every seed: records the raw tool output in
# tests/fixtures/baselines/<system>/ and writes baselines/<system>/<doc_id>.json.
#
# Usage: scripts/baselines/run_all.sh [PYTHON]   (default .venv-baselines/bin/python)
#
# The environment: python3.11 -m venv .venv-baselines
#   .venv-baselines/bin/pip install --no-deps --require-hashes -r scripts/baselines/requirements.txt
#   .venv-baselines/bin/pip install -e .
# (--no-deps is needed: see the header of requirements.txt.)
set -euo pipefail
cd "$(dirname "$0")/../.."
PY="${1:-.venv-baselines/bin/python}"
for system in textacy sayswho heideltime dateparser; do
    start=$(date +%s%N)
    "$PY" "scripts/baselines/run_${system}.py"
    end=$(date +%s%N)
    echo "${system}: wall time $(( (end - start) / 1000000 )) ms (process start, model load and run)"
done
# The project's validator, once it exists.
if "$PY" -c "import whosaid.cli" 2>/dev/null; then
    "$PY" -m whosaid validate --root . baselines/*/*.json
fi
