"""A mistake gets a clear answer: one line, a documented exit code, the traceback on request;
an article the rules trip over is kept in the report, or stops a --strict build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build import build
from kg.cli import app
from kg.errors import ExtractionFailed
from kg.layout import BuildLayout

runner = CliRunner()
TALKS = "王毅星期天（4月21日）在金边同柬埔寨外交大臣宋金达举行会谈。\n"
TRIP = "诺鲁岛"
"""A word no article uses: the test's extractor trips over the article that holds it."""


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a_good.txt").write_text(TALKS, encoding="utf-8")
    (folder / "b_trips.txt").write_text(f"{TRIP}。{TALKS}", encoding="utf-8")
    return folder


@pytest.fixture
def tripping_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real extractor, except that it raises on articles holding TRIP (as a rule bug would)."""
    import kg.pipeline

    real = kg.pipeline._extractor()

    class Tripping:
        def extract(self, document):  # type: ignore[no-untyped-def]
            if TRIP in document.text:
                raise IndexError("a rule read past the end of a sentence")
            return real.extract(document)

    monkeypatch.setattr(kg.pipeline, "_extractor", lambda: Tripping())


def test_without_strict_the_skipped_article_keeps_its_traceback(
    articles: Path, tmp_path: Path, tripping_rules: None
) -> None:
    _, report = build([articles], tmp_path / "out")
    assert report.documents_read == 1 and report.meetings == 1
    saved = json.loads(BuildLayout(tmp_path / "out").report.read_text(encoding="utf-8"))
    (skipped,) = saved["skipped"]
    assert skipped["path"].endswith("b_trips.txt") and "IndexError" in skipped["reason"]
    assert "Traceback" in skipped["traceback"] and "a rule read past the end" in skipped["traceback"]


def test_strict_stops_at_the_first_article_the_rules_trip_over(
    articles: Path, tmp_path: Path, tripping_rules: None
) -> None:
    with pytest.raises(ExtractionFailed, match=r"b_trips\.txt"):
        build([articles], tmp_path / "out", strict=True)
    assert not (tmp_path / "out").exists()
    result = runner.invoke(app, ["build", str(articles), "--out", str(tmp_path / "out"), "--strict"])
    assert result.exit_code == 6
    assert [line for line in result.output.splitlines() if line.startswith("error:")] == [
        next(line for line in result.output.splitlines() if line.startswith("error:"))
    ]
    assert "Traceback" not in result.output
    verbose = runner.invoke(
        app, ["--verbose", "build", str(articles), "--out", str(tmp_path / "o"), "--strict"]
    )
    assert verbose.exit_code == 6 and "Traceback" in verbose.output and "IndexError" in verbose.output


def test_broken_front_matter_is_one_warning_and_the_body_is_read(tmp_path: Path) -> None:
    article = tmp_path / "broken.md"
    article.write_text(f'---\ntitle: "unterminated\ndate: 2024-04-21\n---\n{TALKS}', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "broken.md" in warnings[0] and "not valid YAML" in warnings[0]
    (meeting,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert meeting["date"] == "2024-04-21"
    assert {p["name_en"] for p in meeting["participants"]} == {"Wang Yi", "Sok Chenda Sok"}
    from kg.ingest import read_document

    assert read_document(article).title is None  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("make", "exit_code"),
    [
        (lambda d: [d / "no-such-file.txt"], 2),
        (lambda d: [_write(d / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")], 2),
        (lambda d: [_write(d / "empty.md", b"")], 2),
        (lambda d: [_write(d / "talks.txt", TALKS.encode()), d / "no-such-file.txt"], 0),
    ],
)
def test_extract_fails_when_nothing_could_be_read(tmp_path: Path, make, exit_code: int) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["extract", *map(str, make(tmp_path))])
    assert result.exit_code == exit_code, result.output
    if exit_code:
        assert result.stderr.splitlines()[-1].startswith("error: no article could be read")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
