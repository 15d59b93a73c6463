"""A build, the same articles built again, one article changed and built once more from the cache,
and the clean build of the changed articles: what the incremental-build tests compare."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from kg.build import BuildReport, build

TEST_ARTICLES = Path(__file__).resolve().parent / "articles"
ADDED_MEETING = "\nOn Friday, Xi Jinping met Kazakh President Kassym-Jomart Tokayev in Beijing.\n"
NEW_ARTICLE = """---
title: "Wang Yi meets his Lao counterpart"
date: 2025-03-05
---

外交部长王毅3月5日在北京同老挝外长沙伦赛举行会谈。双方同意加强打击电信诈骗合作。
"""


def corpus(tmp_path: Path, examples_dir: Path) -> Path:
    """The examples and the test articles (under more/): among them two reports of the same talks."""
    articles = tmp_path / "articles"
    shutil.copytree(examples_dir, articles)
    shutil.copytree(TEST_ARTICLES, articles / "more")
    return articles


def add_a_meeting(articles: Path) -> None:
    """One article of `articles` (the examples and tests/articles under more/) reports one more meeting."""
    changed = articles / "more" / "same_talks_en.md"
    changed.write_text(changed.read_text(encoding="utf-8") + ADDED_MEETING, encoding="utf-8")


def rebuilt_and_clean(
    tmp_path: Path, examples_dir: Path, change: Callable[[Path], None] = add_a_meeting
) -> tuple[Path, Path, BuildReport, BuildReport]:
    """The build folders of the rebuild after `change` and of the clean build, and their reports."""
    articles, out, clean = corpus(tmp_path, examples_dir), tmp_path / "out", tmp_path / "clean"
    build([articles], out)
    change(articles)
    _, again = build([articles], out)
    _, fresh = build([articles], clean, use_cache=False)
    return out, clean, again, fresh
