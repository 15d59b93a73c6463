#!/usr/bin/env bash
# Fetches the Neo4j Community jars (Maven Central, cached in ~/.m2) that scripts/neo4j/Launcher.java
# runs from, into $KG_NEO4J_HOME/lib (default ~/.cache/kg/neo4j). Idempotent: does nothing when the
# jars for the current pom are already there. The pytest fixture (tests/fixtures_neo4j.py) and
# bench/load.py find them in the same place.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pom="$here/neo4j/pom.xml"
home="${KG_NEO4J_HOME:-$HOME/.cache/kg/neo4j}"
lib="$home/lib"
stamp="$home/pom.sha256"

command -v java >/dev/null || { echo "setup-neo4j: java not found (Java 17+ needed)" >&2; exit 1; }
command -v mvn >/dev/null || { echo "setup-neo4j: mvn not found (Maven needed)" >&2; exit 1; }

want="$(sha256sum "$pom" | cut -d' ' -f1)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -n "$(ls -A "$lib" 2>/dev/null)" ]; then
    echo "setup-neo4j: jars already in $lib"
    exit 0
fi

echo "setup-neo4j: fetching Neo4j jars into $lib"
rm -rf "$lib.tmp"
mkdir -p "$home"
mvn -q -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$lib.tmp"
rm -rf "$lib"
mv "$lib.tmp" "$lib"
echo "$want" > "$stamp"
echo "setup-neo4j: $(ls "$lib" | wc -l) jars in $lib"
