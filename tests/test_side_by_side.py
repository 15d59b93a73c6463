"""Outputs written side by side by a forked process (kg.side_by_side): what the child writes and
records reaches the build, and a failure of either side is the build's failure."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.reuse import Reuse
from kg.side_by_side import SideFailed, side_by_side


def test_the_child_s_steps_run_in_another_process_and_what_it_records_comes_back(tmp_path: Path) -> None:
    reuse = Reuse(None, tmp_path, "v1")
    reuse.link("views/here.html", "made here")

    def there() -> None:
        (tmp_path / "child.pid").write_text(str(os.getpid()), encoding="utf-8")
        reuse.link("views/there.html", "made there")
        reuse.remember("betweenness:2024", "graph of 2024", lambda: {"xi": 0.5})

    seconds = side_by_side([("views", lambda: None)], [("rdf", there)], reuse, fork=True)

    assert int((tmp_path / "child.pid").read_text(encoding="utf-8")) != os.getpid()
    assert set(seconds) == {"views", "rdf"}
    assert (reuse.made, reuse.taken) == (2, 0)
    reuse.save()
    record = json.loads((tmp_path / "reuse.json").read_text(encoding="utf-8"))
    assert record["parts"] == {"views/here.html": "made here", "views/there.html": "made there"}
    assert record["values"] == {"betweenness:2024": ["graph of 2024", {"xi": 0.5}]}


def test_without_a_fork_every_step_runs_here(tmp_path: Path) -> None:
    ran: list[int] = []
    steps = [("views", lambda: ran.append(os.getpid())), ("rdf", lambda: ran.append(os.getpid()))]
    side_by_side(steps[:1], steps[1:], Reuse(None, tmp_path, "v1"), fork=False)
    assert ran == [os.getpid(), os.getpid()]


def test_an_error_of_the_child_is_raised_by_the_build_as_it_was(tmp_path: Path) -> None:
    def full_disk() -> None:
        raise InputError(f"{tmp_path / 'graph.ttl'}: no space left on device")

    with pytest.raises(InputError, match=r"graph\.ttl: no space left"):
        side_by_side([("views", lambda: None)], [("rdf", full_disk)], Reuse(None, tmp_path, "v1"), fork=True)


def test_an_error_that_cannot_travel_arrives_as_its_type_and_message(tmp_path: Path) -> None:
    class LocalError(Exception):  # a local class: pickle cannot send it
        pass

    def fails() -> None:
        raise LocalError("the template broke")

    with pytest.raises(SideFailed, match="LocalError: the template broke"):
        side_by_side([], [("views", fails)], Reuse(None, tmp_path, "v1"), fork=True)


def test_a_child_that_dies_fails_the_build_naming_its_steps(tmp_path: Path) -> None:
    with pytest.raises(SideFailed, match=r"writing events, rdf died \(exit code 3\)"):
        side_by_side(
            [("views", lambda: None)],
            [("events", lambda: None), ("rdf", lambda: os._exit(3))],
            Reuse(None, tmp_path, "v1"),
            fork=True,
        )


def test_an_error_here_stops_the_child_before_it_writes(tmp_path: Path) -> None:
    late = tmp_path / "written late"

    def slow() -> None:
        time.sleep(30)
        late.write_text("too late", encoding="utf-8")

    def broken() -> None:
        raise InputError("views: the template broke")

    with pytest.raises(InputError, match="template broke"):
        side_by_side([("views", broken)], [("rdf", slow)], Reuse(None, tmp_path, "v1"), fork=True)
    assert not late.exists()


KILLED_BUILD = """
import os, signal, sys, time
from pathlib import Path
from kg.reuse import Reuse
from kg.side_by_side import side_by_side

folder = Path(sys.argv[1])

def there():
    (folder / "child.pid").write_text(str(os.getpid()))
    time.sleep(5)
    (folder / "written by an orphan").write_text("the staging folder of a dead build")

def here():
    while not (folder / "child.pid").exists():
        time.sleep(0.01)
    os.kill(os.getpid(), signal.SIGKILL)  # the build is killed while its child writes

side_by_side([("views", here)], [("rdf", there)], Reuse(None, folder, "v1"), fork=True)
"""


def test_the_child_dies_with_a_killed_build(tmp_path: Path) -> None:
    """A child that outlived its build would go on writing into the staging folder the next build
    deletes, and make it again."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    done = subprocess.run([sys.executable, "-c", KILLED_BUILD, str(tmp_path)], env=env, timeout=60)
    assert done.returncode == -signal.SIGKILL
    child = int((tmp_path / "child.pid").read_text(encoding="utf-8"))
    deadline = time.monotonic() + 10
    while _alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(child)
    time.sleep(0.5)
    assert not (tmp_path / "written by an orphan").exists()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split()[2] == "Z")


def test_the_steps_either_side_may_run_run_once_on_the_side_done_first(tmp_path: Path) -> None:
    def either() -> None:
        (tmp_path / f"either.{os.getpid()}").write_text("ran", encoding="utf-8")

    reuse = Reuse(None, tmp_path, "v1")
    slow_here = side_by_side(
        [("views", lambda: time.sleep(0.5))],
        [("rdf", lambda: None)],
        reuse,
        fork=True,
        either=[("memo", either)],
    )
    assert "memo" in slow_here
    done = [f.name for f in tmp_path.glob("either.*")]
    assert len(done) == 1 and done != [f"either.{os.getpid()}"], "once, by the child, done first"
    for f in tmp_path.glob("either.*"):
        f.unlink()
    slow_there = side_by_side(
        [("views", lambda: None)],
        [("rdf", lambda: time.sleep(0.5))],
        reuse,
        fork=True,
        either=[("memo", either)],
    )
    assert "memo" in slow_there
    assert [f.name for f in tmp_path.glob("either.*")] == [f"either.{os.getpid()}"], (
        "this process was done first"
    )
    assert side_by_side([], [], reuse, fork=False, either=[("memo", either)]) == {
        "memo": pytest.approx(0, abs=1)
    }
