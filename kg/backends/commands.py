"""What `kg load`, `kg query` and `kg doctor` do, as library calls (the CLI only parses options)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.backends.base import BackendError, LoadSummary, QueryResult, run_named
from kg.backends.ladybug import EMBEDDED_NAME, open_embedded
from kg.backends.neo4j import (
    DEFAULT_BATCH_SIZE,
    Neo4jBackend,
    Neo4jSettings,
    Progress,
    load_neo4j,
    server_version,
)
from kg.graph import read_node_link
from kg.queries import resolve_query


def load_out_dir(
    out_dir: Path,
    settings: Neo4jSettings,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    wipe: bool = False,
    prune: bool = True,
    progress: Progress | None = None,
) -> LoadSummary:
    """The graph `kg build` wrote (out_dir/graph.json) into Neo4j."""
    graph_file = out_dir / "graph.json"
    if not graph_file.is_file():
        raise BackendError(f"no graph at {graph_file}: run `kg build` first")
    graph = read_node_link(graph_file)
    with settings.open_driver() as driver:
        return load_neo4j(
            graph, driver, settings.database, batch_size=batch_size, wipe=wipe, prune=prune, progress=progress
        )


def query(
    target: str,
    given: Mapping[str, str],
    *,
    out_dir: Path,
    neo4j: Neo4jSettings | None = None,
    write: bool = False,
) -> QueryResult:
    """A named query, a .cypher file or Cypher text, on the embedded database under out_dir,
    or on Neo4j when settings are given. Read-only unless write=True."""
    named = resolve_query(target)
    if neo4j is not None:
        with neo4j.open_driver() as driver:
            backend = Neo4jBackend(driver, neo4j.database)
            return backend.run(named.cypher_for(backend.dialect), named.bind(given), write=write)
    embedded = open_embedded(out_dir, write=write)
    try:
        if write:
            return embedded.run(named.cypher_for(embedded.dialect), named.bind(given), write=True)
        return run_named(embedded, named, given)
    finally:
        embedded.close()


@dataclass
class DoctorReport:
    neo4j_uri: str
    neo4j: str
    """The server's version, or why it cannot be reached."""
    neo4j_ok: bool
    embedded: str
    embedded_ok: bool

    def lines(self) -> list[str]:
        return [
            f"Neo4j at {self.neo4j_uri}: {self.neo4j}",
            f"embedded database: {self.embedded}",
        ]


def doctor(settings: Neo4jSettings, out_dir: Path) -> DoctorReport:
    try:
        with settings.open_driver() as driver:
            version, ok = server_version(driver, settings.database), True
    except BackendError as exc:
        version, ok = str(exc), False
    path = out_dir / EMBEDDED_NAME
    return DoctorReport(
        neo4j_uri=settings.uri,
        neo4j=f"reachable, {version}" if ok else version,
        neo4j_ok=ok,
        embedded=str(path) if path.is_file() else f"none at {path} (run `kg build`)",
        embedded_ok=path.is_file(),
    )
