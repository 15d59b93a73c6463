"""Extraction on a Dask cluster gives the events a local build gives, article order and all."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from dask.distributed import LocalCluster
from typer.testing import CliRunner

from kg.cli import app
from kg.engines import Engine, run_ordered
from kg.records import ArticleFile, Skipped

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example articles and the test articles (two of which report one meeting, so merging
    across articles depends on the order results come back in), and one file that cannot be read."""
    folder = tmp_path_factory.mktemp("dask-corpus")
    for source in (ROOT / "examples" / "articles", ROOT / "tests" / "articles"):
        for article in sorted(source.iterdir()):
            shutil.copy(article, folder / article.name)
    (folder / "empty.md").write_bytes(b"")
    return folder


@pytest.fixture(scope="module")
def local_events(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("local") / "out"
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    return (out / "events.jsonl").read_text(encoding="utf-8")


def _build(corpus: Path, out: Path, *options: str) -> tuple[str, str]:
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out), *options])
    assert result.exit_code == 0, result.output
    return (out / "events.jsonl").read_text(encoding="utf-8"), (out / "report.json").read_text()


def test_a_local_dask_cluster_of_two_workers_gives_the_local_events(
    corpus: Path, local_events: str, tmp_path: Path
) -> None:
    events, report = _build(corpus, tmp_path / "out", "--engine", "dask", "--workers", "2")
    assert events == local_events
    assert local_events.count('"kind": "meeting"') >= 10
    assert "empty.md" in report and "empty file" in report


def test_a_running_scheduler_is_used_by_its_address(corpus: Path, local_events: str, tmp_path: Path) -> None:
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        events, _ = _build(
            corpus, tmp_path / "out", "--engine", "dask", "--scheduler", cluster.scheduler_address
        )
    assert events == local_events


def test_a_scheduler_address_without_the_dask_engine_is_refused(corpus: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["build", str(corpus), "--out", str(tmp_path / "out"), "--scheduler", "tcp://x:1"]
    )
    assert result.exit_code == 2 and "--engine dask" in result.output
    assert not (tmp_path / "out").exists()


def test_a_scheduler_that_does_not_answer_fails_naming_its_address(corpus: Path, tmp_path: Path) -> None:
    address = "tcp://127.0.0.1:9"  # the discard port: nothing listens there
    result = runner.invoke(
        app,
        ["build", str(corpus), "--out", str(tmp_path / "out"), "--engine", "dask", "--scheduler", address],
    )
    assert result.exit_code == 2 and address in result.output and "dask scheduler" in result.output
    assert not (tmp_path / "out").exists()


def _where(article: ArticleFile, data: bytes | Skipped) -> Skipped:
    """A stand-in extraction that tells which process read which article."""
    assert isinstance(data, bytes)
    return Skipped(article.name, f"{os.getpid()} {data.decode()}")


def _articles(folder: Path, count: int) -> list[ArticleFile]:
    for i in range(count):
        (folder / f"{i:03d}.txt").write_text(str(i), encoding="utf-8")
    return [ArticleFile(folder / f"{i:03d}.txt", f"{i:03d}.txt") for i in range(count)]


def test_extraction_beside_other_work_runs_in_a_process_of_its_own_in_order(tmp_path: Path) -> None:
    """A rebuild reads the cache while the changed articles are extracted: even with one worker
    they are extracted by another process, and come back in the articles' order."""
    beside = run_ordered(_where, _articles(tmp_path, 40), Engine(workers=1), lambda: None, meanwhile=True)
    readers, texts = zip(*(r.reason.split() for r in beside if isinstance(r, Skipped)), strict=True)
    assert texts == tuple(str(i) for i in range(40))
    assert str(os.getpid()) not in readers
    alone = run_ordered(_where, _articles(tmp_path, 40), Engine(workers=1), lambda: None)
    assert {r.reason.split()[0] for r in alone if isinstance(r, Skipped)} == {str(os.getpid())}


def test_a_reader_that_stops_early_leaves_no_worker_behind(tmp_path: Path) -> None:
    threads = set(threading.enumerate())
    results = run_ordered(_where, _articles(tmp_path, 200), Engine(workers=2), lambda: None)
    next(results)
    assert set(threading.enumerate()) > threads, "the pool's thread"
    results.close()
    assert set(threading.enumerate()) <= threads, "gone with the pool: the build may fork its sinks"
