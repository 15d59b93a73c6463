"""Incremental builds: an article extracted once is read back from the cache until its bytes or
the extractor change, and a build from the cache is the build a clean run would make."""

from __future__ import annotations

import gzip
import json
import logging
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.build import build
from kg.cache import ExtractionCache, source_version
from kg.cli import app
from kg.errors import InputError
from kg.ingest import discover_articles
from kg.layout import BuildLayout
from kg.pipeline import extract_corpus
from tests.rebuilds import ADDED_MEETING, NEW_ARTICLE, add_a_meeting, corpus

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


@pytest.fixture
def articles(tmp_path: Path, examples_dir: Path) -> Path:
    return corpus(tmp_path, examples_dir)


def article_count(folder: Path) -> int:
    return len(discover_articles([folder])[0])


def graph_without_build_id(out: Path) -> tuple[list[str], list[str], dict[str, object]]:
    document = json.loads(BuildLayout(out).graph.read_text(encoding="utf-8"))
    attributes = dict(document.get("graph", {}))
    attributes.pop("build_id")
    nodes = [json.dumps(node, sort_keys=True, ensure_ascii=False) for node in document["nodes"]]
    links = [json.dumps(link, sort_keys=True, ensure_ascii=False) for link in document["links"]]
    return nodes, links, attributes


def test_an_incremental_build_is_the_clean_build(articles: Path, tmp_path: Path) -> None:
    out, clean = tmp_path / "out", tmp_path / "clean"
    _, first = build([articles], out)
    assert first.from_cache == 0 and first.cache == str(BuildLayout(out).cache)
    changed = articles / "more" / "same_talks_en.md"
    changed.write_text(changed.read_text(encoding="utf-8") + ADDED_MEETING, encoding="utf-8")
    (articles / "new_talks.md").write_text(NEW_ARTICLE, encoding="utf-8")
    (articles / "001_6da7055854e8b254.txt").unlink()

    _, again = build([articles], out)
    _, fresh = build([articles], clean, use_cache=False)

    assert again.from_cache == article_count(articles) - 2, "all but the changed and the new article"
    assert fresh.from_cache == 0 and fresh.cache is None and not BuildLayout(clean).cache.exists()
    events = BuildLayout(out).events.read_text(encoding="utf-8").splitlines()
    assert events == BuildLayout(clean).events.read_text(encoding="utf-8").splitlines()
    assert graph_without_build_id(out) == graph_without_build_id(clean)
    docs = [json.loads(line)["doc"] for line in events]
    assert "new_talks.md" in docs and "001_6da7055854e8b254.txt" not in docs
    assert any("Tokayev" in line for line in events), "the changed article's new meeting"


def test_a_rebuild_of_unchanged_articles_extracts_nothing(articles: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([articles], out)
    _, again = build([articles], out)
    assert again.from_cache == again.documents_read == article_count(articles)


def test_entries_gone_behind_the_index_s_back_are_extracted_again_and_stored(
    articles: Path, tmp_path: Path
) -> None:
    """The index of known files is trusted to say an unchanged article's entry was stored: an entry
    deleted since (by hand, or a disk cleaner) is found missing when read."""
    out, clean = tmp_path / "out", tmp_path / "clean"
    build([articles], out)
    entries = sorted(BuildLayout(out).cache.rglob("*.kgr"))
    for entry in entries[:3]:
        entry.unlink()
    shutil.rmtree(BuildLayout(out).resolution)  # else the memo spares reading them
    _, again = build([articles], out)
    assert again.from_cache == article_count(articles) - 3
    build([articles], clean, use_cache=False)
    assert BuildLayout(out).events.read_bytes() == BuildLayout(clean).events.read_bytes()
    assert all(entry.is_file() for entry in entries[:3]), "stored again"


def test_articles_a_change_touches_are_extracted_again_when_their_entries_went_bad(
    articles: Path, tmp_path: Path
) -> None:
    """With the resolution memo, the unchanged articles that share a merged event with a changed one
    are read back: from their articles when their cache entries went bad since they were found."""
    out, clean = tmp_path / "out", tmp_path / "clean"
    build([articles], out)
    for entry in BuildLayout(out).cache.rglob("*.kgr"):
        entry.write_bytes(entry.read_bytes()[:100])  # cut short, as by a full disk
    add_a_meeting(articles)  # the second report of talks another article reports too
    build([articles], out)
    build([articles], clean, use_cache=False)
    assert BuildLayout(out).events.read_bytes() == BuildLayout(clean).events.read_bytes()
    assert graph_without_build_id(out) == graph_without_build_id(clean)


def test_files_a_killed_build_left_half_written_are_dropped_and_the_index_kept(
    articles: Path, tmp_path: Path
) -> None:
    cache = ExtractionCache(tmp_path / "cache", version="v")
    extract_corpus([articles], cache=cache)
    shard = next(p for p in cache.entries.iterdir() if p.is_dir())
    left = [cache.entries / ".tmp-index", shard / ".tmp-entry"]
    for path in left:
        path.write_bytes(b"half")
    cache.prune()
    assert not any(path.exists() for path in left)
    assert (cache.entries / "known-files.json").is_file()
    again = ExtractionCache(tmp_path / "cache", version="v")
    extract_corpus([articles], cache=again)
    assert again.hits == article_count(articles)


def test_another_extractor_version_reads_none_of_the_entries(articles: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    total = article_count(articles)
    first = ExtractionCache(folder, version="rules-of-monday")
    extract_corpus([articles], cache=first)
    same = ExtractionCache(folder, version="rules-of-monday")
    extract_corpus([articles], cache=same)
    other = ExtractionCache(folder, version="rules-of-tuesday")
    corpus = extract_corpus([articles], cache=other)
    assert (first.hits, same.hits, other.hits) == (0, total, 0)
    assert len(corpus.documents) == total
    other.prune()
    assert [p.name for p in folder.iterdir()] == [other.entries.name], "the older version's entries go"


def test_a_change_to_the_grammar_a_dictionary_or_the_code_is_a_new_version(tmp_path: Path) -> None:
    package = tmp_path / "kg"
    shutil.copytree(ROOT / "kg", package, ignore=shutil.ignore_patterns("__pycache__"))
    before = source_version(package)
    assert source_version(package) == before
    versions = {before}
    for changed in (
        "data/grammar/zh.yaml",
        "data/actors/countries.yaml",
        "data/topics.yaml",
        "extract/document.py",
    ):
        append_line(package / changed)
        versions.add(source_version(package))
    assert len(versions) == 5, "each change gives a version of its own"
    for downstream in ("sinks/rdf.py", "graph.py", "build.py"):
        append_line(package / downstream)
        assert source_version(package) in versions, f"{downstream} does not shape what is extracted"


def append_line(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")


def test_a_corrupt_entry_is_extracted_again_with_a_warning(
    articles: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    out, clean = tmp_path / "out", tmp_path / "clean"
    build([articles], out)
    entries = sorted(BuildLayout(out).cache.rglob("*.kgr"))
    entries[0].write_bytes(entries[0].read_bytes()[:100])  # cut short, as by a full disk
    # an entry of the gzipped JSON form an older kg wrote
    entries[1].write_bytes(gzip.compress(b'{"kind": "events", "record": {"article": 3}}'))
    flipped = bytearray(entries[2].read_bytes())
    flipped[len(flipped) // 2] ^= 0x01  # one bit of the disk gone bad
    entries[2].write_bytes(bytes(flipped))
    # Without the resolution memo every entry is read (with it, only those a change touches).
    shutil.rmtree(BuildLayout(out).resolution)
    with caplog.at_level(logging.WARNING, logger="kg"):
        _, again = build([articles], out)
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warned) == 3 and all("corrupt cache entry" in w for w in warned)
    assert {entry.name for entry in entries[:3]} == {Path(w.split(":")[0]).name for w in warned}
    assert again.from_cache == article_count(articles) - 3
    build([articles], clean, use_cache=False)
    assert BuildLayout(out).events.read_text(encoding="utf-8") == BuildLayout(clean).events.read_text(
        encoding="utf-8"
    )
    _, third = build([articles], out)
    assert third.from_cache == article_count(articles), "the entries were written again, whole"


def test_a_cache_that_cannot_be_written_is_one_warning_and_the_build_goes_on(
    articles: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "v1").write_text("a file where the entries' folder should be", encoding="utf-8")
    cache = ExtractionCache(folder, version="v1")
    with caplog.at_level(logging.WARNING, logger="kg"):
        corpus = extract_corpus([articles], cache=cache)
    assert len(corpus.documents) == article_count(articles) and corpus.meetings
    (warning,) = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert "cannot be written" in warning and str(folder) in warning


def test_the_cache_left_in_a_staging_folder_by_a_killed_build_is_taken_back(
    articles: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build([articles], out)
    layout = BuildLayout(out)
    # The state of a build killed after moving the cache into its staged build, before the swap.
    killed = BuildLayout(layout.staging("20250101T000000Z-dead00"))
    killed.root.mkdir()
    layout.cache.rename(killed.cache)
    _, again = build([articles], out)
    assert again.from_cache == article_count(articles)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["articles", "out"]


def test_a_cache_folder_of_one_s_own_outside_the_build(articles: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "out", tmp_path / "shared-cache"
    result = runner.invoke(app, ["build", str(articles), "--out", str(out), "--cache", str(cache)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["build", str(articles), "--out", str(out), "--cache", str(cache)])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if "articles from the cache" in line)
    assert str(article_count(articles)) in row
    assert cache.is_dir() and not BuildLayout(out).cache.exists()
    with pytest.raises(InputError, match="inside the build folder"):
        build([articles], out, cache_dir=out / "elsewhere")
    result = runner.invoke(
        app, ["build", str(articles), "--out", str(out), "--cache", str(cache), "--no-cache"]
    )
    assert result.exit_code == 2 and "contradict" in result.output
