"""Shared fixtures: the examples corpus built once per session by the real pipeline."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"

pytest_plugins = ["tests.fixtures_neo4j", "tests.fixtures_browser"]


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def examples_corpus():
    from kg.pipeline import extract_corpus

    return extract_corpus([EXAMPLES])


@pytest.fixture(scope="session")
def examples_graph(examples_corpus):
    from kg.graph import build_graph

    return build_graph(examples_corpus)
