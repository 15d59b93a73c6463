"""kg: a knowledge graph of diplomatic meetings and agreements, from news articles.

The public API, the same operations as the CLI (see README, "From Python"):

    build(articles, out)      -> BuildReport     kg build
    extract(paths)            -> list of events  kg extract (the JSON Lines contract, as dicts)
    load(out, uri=...)        -> LoadSummary     kg load
    query(target, out, ...)   -> list of rows    kg query (named query, .cypher file or Cypher text)

Errors are kg.errors.KgError subclasses, each with the CLI's exit code.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

# The submodules that share a name with an API function (kg.build, kg.extract) are loaded
# first, so that the functions below are what `kg.build` and `kg.extract` name.
import kg.build as _build
import kg.extract as _extract  # noqa: F401
from kg.backends.base import LoadSummary
from kg.backends.neo4j_settings import Neo4jSettings
from kg.engines import Engine
from kg.errors import KgError

__all__ = ["Engine", "KgError", "Neo4jSettings", "build", "extract", "load", "query"]


def build(
    articles: Iterable[str | Path],
    out: str | Path = "out",
    *,
    workers: int = 1,
    strict: bool = False,
    engine: Engine | None = None,
    cache: str | Path | None = None,
    use_cache: bool = True,
) -> _build.BuildReport:
    """Build the graph of the articles into the build folder `out` (all outputs, swapped in whole);
    engine=Engine("dask", workers=4) or Engine("dask", scheduler="tcp://host:8786") extracts on Dask.
    Articles unchanged since an earlier build come from the cache (`out`/cache, or `cache`);
    use_cache=False extracts every article again."""
    inputs = [Path(a) for a in articles]
    cache_dir = Path(cache) if cache is not None else None
    _, report = _build.build(
        inputs,
        Path(out),
        workers=workers,
        strict=strict,
        engine=engine,
        cache_dir=cache_dir,
        use_cache=use_cache,
    )
    return report


def extract(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    """The events of each article, as `kg extract` prints them (files that cannot be read are left out)."""
    from kg.pipeline import iter_event_dicts

    return [e for e in iter_event_dicts([Path(p) for p in paths]) if isinstance(e, dict)]


def load(
    out: str | Path = "out", settings: Neo4jSettings | None = None, *, wipe: bool = False
) -> LoadSummary:
    """Load the graph of the build folder `out` into Neo4j (Neo4jSettings() is bolt://localhost:7687)."""
    from kg.backends.commands import load_out_dir

    return load_out_dir(Path(out), settings or Neo4jSettings(), wipe=wipe)


def query(
    target: str, out: str | Path = "out", *, neo4j: Neo4jSettings | None = None, **params: Any
) -> list[dict[str, Any]]:
    """Rows of a named query, a .cypher file or Cypher text, on the embedded database of `out`
    (or on Neo4j), one dict per row."""
    from kg.backends.commands import query as run_query

    return run_query(target, params, out_dir=Path(out), neo4j=neo4j).records()
