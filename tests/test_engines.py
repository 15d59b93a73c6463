"""Extraction on a Dask cluster gives the events a local build gives, article order and all."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from dask.distributed import LocalCluster
from typer.testing import CliRunner

from kg.cli import app

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
