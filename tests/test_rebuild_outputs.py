"""A rebuild takes over what did not change from the build it replaces (kg.reuse), and every output
it writes is the output a clean build of the same articles writes: the events, the graph, the
RDF, every page of the views and the embedded database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from kg.backends.ladybug import open_embedded
from kg.build import build
from kg.layout import BuildLayout
from tests.rebuilds import NEW_ARTICLE, add_a_meeting, corpus

ANOTHER_ARTICLE = """---
title: "Kazakh and Chinese leaders talk by phone"
date: 2025-06-10
---

On June 9, Chinese President Xi Jinping held a phone call with Kazakh President Kassym-Jomart Tokayev.
The two sides agreed to deepen cooperation against cross-border telecom fraud.
"""
BUILD_RECORDS = {"report.json", "reuse.json"}
"""Files that name the build, or record what it was made of: they differ between any two builds."""
SIDECARS = {".pieces", ".parts"}
"""Suffixes of the digests of a file's parts, kept beside it for the next build."""


def files(out: Path) -> dict[str, bytes]:
    """Every output file by its path in the build folder, but the cache, the database and the
    records of what the parts were made of (sidecars that end in `.pieces` or `.parts`, and the
    resolution memo, which a build without a cache does not keep)."""
    layout = BuildLayout(out)
    found: dict[str, bytes] = {}
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out).as_posix()
        apart = any(path.is_relative_to(p) for p in (layout.cache, layout.embedded, layout.resolution))
        if path.is_file() and not apart and relative not in BUILD_RECORDS and path.suffix not in SIDECARS:
            found[relative] = path.read_bytes()
    graph = json.loads(found.pop("graph.json"))
    graph["graph"].pop("build_id")
    found["graph.json"] = json.dumps(graph, sort_keys=True).encode()
    return found


def database(out: Path) -> tuple[list[str], list[str]]:
    """The embedded database's nodes and relationships with all their properties, but the Build node."""
    db = open_embedded(out)
    try:
        nodes = db.run("MATCH (n) WHERE label(n) <> 'Build' RETURN label(n), n").rows
        links = db.run("MATCH (a)-[r]->(b) RETURN a.id, label(r), r, b.id").rows
    finally:
        db.close()
    as_text = [json.dumps(row, sort_keys=True, ensure_ascii=False, default=str) for row in nodes]
    return sorted(as_text), sorted(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in links)


def assert_same_build(rebuilt: Path, clean: Path) -> None:
    mine, theirs = files(rebuilt), files(clean)
    assert sorted(mine) == sorted(theirs)
    different = [name for name in mine if mine[name] != theirs[name]]
    assert different == [], "outputs of the rebuild that differ from the clean build's"
    assert database(rebuilt) == database(clean)


def test_every_output_of_a_rebuild_is_the_clean_build_s(tmp_path: Path, examples_dir: Path) -> None:
    articles, out = corpus(tmp_path, examples_dir), tmp_path / "out"
    build([articles], out)

    add_a_meeting(articles)
    (articles / "new_talks.md").write_text(NEW_ARTICLE, encoding="utf-8")
    (articles / "001_6da7055854e8b254.txt").unlink()
    _, second = build([articles], out)
    _, clean = build([articles], tmp_path / "clean", use_cache=False)
    assert_same_build(out, tmp_path / "clean")
    assert second.reused > 0 and second.remade > 0, "parts taken over, and the changed ones made again"
    assert clean.reused == 0

    (articles / "more" / "phone_call.md").write_text(ANOTHER_ARTICLE, encoding="utf-8")
    _, third = build([articles], out)  # takes over from a build that took over itself
    build([articles], tmp_path / "clean2", use_cache=False)
    assert_same_build(out, tmp_path / "clean2")
    assert third.reused > third.remade, "one article added: most parts are taken over"


def _kg_build(articles: Path, out: Path) -> dict[str, object]:
    """`kg build` in a process of its own, as a user runs it (one thread: its outputs are written
    by two processes, kg.side_by_side); its report."""
    code = "import sys; from kg.cli import main; sys.argv[0] = 'kg'; main()"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    command = [sys.executable, "-c", code, "build", str(articles), "--out", str(out)]
    subprocess.run(command, check=True, capture_output=True, env=env)
    report: dict[str, object] = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return report


def test_outputs_of_two_processes_are_those_of_one(tmp_path: Path, examples_dir: Path) -> None:
    articles, out = corpus(tmp_path, examples_dir), tmp_path / "out"
    assert _kg_build(articles, out)["sink_processes"] == 2
    add_a_meeting(articles)
    rebuilt = _kg_build(articles, out)
    assert rebuilt["sink_processes"] == 2 and rebuilt["reused"] > 0
    _, alone = build([articles], tmp_path / "clean", use_cache=False, fork_sinks=False)
    assert alone.sink_processes == 1
    assert_same_build(out, tmp_path / "clean")
