"""A rebuild knows an article file it read before by its status and does not read it again; an
edited, replaced or just-written file is read again."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from kg.build import build
from kg.cache import ExtractionCache
from kg.ingest import discover_articles
from kg.known_files import RACY_SECONDS, KnownFiles, file_status
from kg.records import ArticleFile


def a_moment_later() -> None:
    """Past the seconds in which a file just written is not known by its status."""
    time.sleep(RACY_SECONDS + 0.1)


def test_a_file_is_known_by_its_status_until_it_changes(tmp_path: Path) -> None:
    article = tmp_path / "talks.md"
    article.write_text("Wang Yi met Cho Tae-yul.", encoding="utf-8")
    named = ArticleFile(article, "talks.md")
    index = KnownFiles(tmp_path / "known.json")
    index.note(named, file_status(article), "key-1")
    index.save()
    assert KnownFiles(tmp_path / "known.json").key(named, file_status(article)) is None, (
        "written a moment ago: its status is not trusted yet"
    )

    old = file_status(article)
    later = KnownFiles(tmp_path / "known.json", started=time.time_ns() + (RACY_SECONDS + 1) * 10**9)
    later.note(named, old, "key-1")
    later.save()
    assert KnownFiles(tmp_path / "known.json").key(named, old) == "key-1"
    article.write_text("Wang Yi met Cho Tae-yul in Seoul.", encoding="utf-8")
    assert KnownFiles(tmp_path / "known.json").key(named, file_status(article)) is None
    assert KnownFiles(tmp_path / "known.json").key(ArticleFile(article, "other.md"), old) is None


def test_a_rebuild_reads_only_the_files_that_changed_and_equals_a_clean_build(
    tmp_path: Path, examples_dir: Path
) -> None:
    articles, out = tmp_path / "articles", tmp_path / "out"
    shutil.copytree(examples_dir, articles)
    a_moment_later()
    build([articles], out)
    changed = sorted(articles.glob("*.txt"))[0]
    size = changed.stat().st_size
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace("会谈", "会见", 1), encoding="utf-8")  # same size, new bytes
    assert changed.stat().st_size == size
    before = (time.time() - 3600, time.time() - 3600)
    os.utime(changed, before)  # even its modification time set back, as `touch -r` may do

    cache = ExtractionCache(out / "cache")
    index = KnownFiles(cache.entries / "known-files.json")
    listed, _ = discover_articles([articles])
    unchanged = [a for a in listed if a.path != changed]
    assert all(index.key(a, file_status(a.path)) for a in unchanged), "known by their status"
    assert index.key(next(a for a in listed if a.path == changed), file_status(changed)) is None

    _, rebuilt = build([articles], out)
    build([articles], tmp_path / "clean", use_cache=False)
    assert rebuilt.from_cache == len(listed) - 1
    assert (out / "events.jsonl").read_bytes() == (tmp_path / "clean" / "events.jsonl").read_bytes()
