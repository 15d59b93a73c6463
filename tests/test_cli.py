"""The CLI in one idiom: choices are enums that --help shows and typer checks."""

from __future__ import annotations

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
