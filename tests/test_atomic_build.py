"""The build folder is a transaction: a typo, a crash or an empty corpus never costs the last good build."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.backends.ladybug import embedded_build_id
from kg.build import build
from kg.cli import app
from kg.errors import InputError
from kg.graph import read_node_link
from kg.layout import OUTPUTS, BuildLayout

runner = CliRunner()


def build_id_of(out: Path) -> str:
    """The one build id every output of `out` carries; fails on a missing output or a mix."""
    layout = BuildLayout(out)
    for name in OUTPUTS:
        assert (out / name).exists(), f"{name} missing from {out}"
    report = json.loads(layout.report.read_text(encoding="utf-8"))
    graph_id = read_node_link(layout.graph).graph["build_id"]
    assert report["build_id"] == graph_id == embedded_build_id(out)
    events = layout.events.read_text(encoding="utf-8").splitlines()
    assert len(events) == report["meetings"] + report["agreements"]
    return str(report["build_id"])


@pytest.fixture(scope="module")
def good_build(examples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("good") / "out"
    build([examples_dir], out)
    return out


def fresh_copy(good_build: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    shutil.copytree(good_build, out)
    return out


def test_every_output_carries_one_build_id(good_build: Path) -> None:
    build_id = build_id_of(good_build)
    assert build_id and build_id in (good_build / "report.json").read_text(encoding="utf-8")


def test_a_typo_in_the_articles_path_keeps_the_previous_build(good_build: Path, tmp_path: Path) -> None:
    out = fresh_copy(good_build, tmp_path)
    before = build_id_of(out)
    result = runner.invoke(app, ["build", str(tmp_path / "no-such-folder"), "--out", str(out)])
    assert result.exit_code == 2
    assert "no-such-folder" in result.output and "untouched" in result.output
    assert build_id_of(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "no staging folder is left behind"


def test_a_new_build_replaces_the_old_one_whole(good_build: Path, tmp_path: Path, examples_dir: Path) -> None:
    out = fresh_copy(good_build, tmp_path)
    (out / "views" / "stale.html").write_text("from an older build", encoding="utf-8")
    _, report = build([examples_dir / "003_a0a0f59d0ea457fc.txt"], out)
    assert build_id_of(out) == report.build_id != build_id_of(good_build)
    assert not (out / "views" / "stale.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_a_folder_that_is_not_a_build_is_never_replaced(tmp_path: Path, examples_dir: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="not a kg build"):
        build([examples_dir], tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def _start_build(articles: Path, out: Path) -> subprocess.Popen[bytes]:
    code = "import sys; from kg.cli import main; sys.argv[0] = 'kg'; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "build", str(articles), "--out", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
    )


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.15, 0.3, 0.6])
def test_a_build_killed_while_writing_leaves_the_old_build_or_the_new_one(
    good_build: Path, tmp_path: Path, examples_dir: Path, delay: float
) -> None:
    out = fresh_copy(good_build, tmp_path)
    old = build_id_of(out)
    articles = tmp_path / "articles"
    for copy in range(8):  # more articles and reports: a write phase long enough to be hit
        shutil.copytree(examples_dir, articles / f"batch{copy}")
    process = _start_build(articles, out)
    staging_seen = False
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if BuildLayout(out).leftovers("staging"):
            staging_seen = True
            break
        time.sleep(0.002)
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert staging_seen, "the build never started writing"
    # Killed before the swap: the old build; after it: the new one. Never a mix, never a gap.
    now = build_id_of(out)
    if delay == 0.0:
        assert now == old
    # The next build cleans up what the killed one left, and succeeds.
    build([examples_dir / "003_a0a0f59d0ea457fc.txt"], out)
    assert build_id_of(out) != old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "out"]


def test_every_named_query_returns_rows_with_its_default_parameters(good_build: Path) -> None:
    from kg.backends.commands import query
    from kg.queries import list_queries

    runnable = [q for q in list_queries() if not any(p.required for p in q.params)]
    assert {q.name for q in list_queries()} - {q.name for q in runnable} == {"evidence"}
    empty = [q.name for q in runnable if not query(q.name, {}, out_dir=good_build).rows]
    assert empty == []


def test_most_connected_ranks_people_who_met_not_the_attendees_of_one_call(good_build: Path) -> None:
    from kg.backends.commands import query

    graph = BuildLayout(good_build).read_graph()
    attendees = {
        u for u, _, d in graph.edges(data=True) if d["type"] == "PARTICIPATED_IN" and d["role"] == "attendee"
    }
    assert attendees, "the examples have meetings with attendees"
    for u, v, d in graph.edges(data=True):
        if d["type"] == "MET":
            roles = {e["role"] for _, m, e in graph.out_edges(u, data=True) if m in d["meeting_ids"]}
            assert roles - {"attendee"}, f"{u} met {v} only as an attendee"
    principals = {
        u for u, _, d in graph.edges(data=True) if d["type"] == "PARTICIPATED_IN" and d["role"] != "attendee"
    }
    only_attended = {graph.nodes[n]["name"] for n in attendees - principals}
    top = query("most-connected", {"limit": "5"}, out_dir=good_build).records()
    assert top and not {row["person"] for row in top} & only_attended
