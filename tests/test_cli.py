"""The CLI in one idiom: choices are enums that --help shows and typer checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from kg.backends.output import FORMATS
from kg.cli import app
from kg.cli.choices import EngineKind, ExportFormat, ResultFormat
from kg.engines import ENGINES
from kg.sinks.export import EXPORT_FORMATS

runner = CliRunner()


def test_the_choices_are_the_library_s() -> None:
    assert tuple(ExportFormat) == EXPORT_FORMATS
    assert tuple(ResultFormat) == FORMATS
    assert tuple(EngineKind) == ENGINES


def test_help_lists_the_choices_and_a_wrong_one_is_a_usage_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    shown = runner.invoke(app, ["export", "--help"]).output
    assert all(fmt in shown for fmt in EXPORT_FORMATS)
    wrong = runner.invoke(app, ["query", "most-connected", "--format", "xml", "--out", str(tmp_path)])
    assert wrong.exit_code == 2 and "xml" in wrong.output


def _kg(*args: str) -> subprocess.CompletedProcess[str]:
    """`kg` in a process of its own: its output and exit code as a user's shell gets them."""
    code = "import sys; from kg.cli import main; sys.argv[0] = 'kg'; main()"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)


def test_the_process_ends_with_the_command_s_code_and_its_whole_output(
    tmp_path: Path, examples_dir: Path
) -> None:
    """kg ends without freeing what a build made (kg.cli.exiting.end_now): its output still comes
    out whole, through a pipe, and its exit code is the command's."""
    done = _kg("build", str(examples_dir), "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    assert "kg build" in done.stdout and done.stdout.rstrip().endswith(str(tmp_path / "out" / "report.json"))
    failed = _kg("build", str(tmp_path / "no-such-folder"), "--out", str(tmp_path / "out"))
    assert failed.returncode == 2
    assert "error: no article could be read" in failed.stderr and "untouched" in failed.stderr
    usage = _kg("build", "--workers", "0")
    assert usage.returncode == 2 and "--workers" in usage.stderr
