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
# Outside CI a machine without apt, Java or Maven still runs the rest of the suite; the tests
# that need the missing part say so as skips. CI sets KG_REQUIRE_* and fails instead.
if ! bash scripts/setup-browser.sh; then
  [ -z "${KG_REQUIRE_BROWSER:-}" ] || exit 1
  echo "test.sh: Chromium could not be installed: the browser tests will be skipped" >&2
fi
if ! bash scripts/setup-neo4j.sh; then
  [ -z "${KG_REQUIRE_NEO4J:-}" ] || exit 1
  echo "test.sh: the Neo4j jars could not be fetched: the Neo4j tests will be skipped" >&2
fi
exec .venv/bin/python -m pytest "$@"
