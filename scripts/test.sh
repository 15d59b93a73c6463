#!/usr/bin/env bash
# Run the whole test suite on a fresh machine: a venv with the project and its test
# dependencies, Debian's Chromium (browser tests), Neo4j jars from Maven Central (Neo4j tests).
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q -U pip
.venv/bin/python -m pip install -q -e '.[dev]'
bash scripts/setup-browser.sh
bash scripts/setup-neo4j.sh
exec .venv/bin/python -m pytest "$@"
