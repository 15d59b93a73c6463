"""What `kg load`, `kg query` and `kg doctor` do, as library calls (the CLI only parses options)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.backends.base import DatabaseError, LoadSummary, QueryResult, run_named
from kg.backends.ladybug import open_embedded
from kg.backends.neo4j import Neo4jBackend, Progress, load_neo4j, server_version
from kg.backends.neo4j_settings import DEFAULT_BATCH_SIZE, Neo4jSettings
from kg.layout import BuildLayout
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
    graph = BuildLayout(out_dir).read_graph()
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


def unknown_names(
    target: str, given: Mapping[str, str], *, out_dir: Path, neo4j: Neo4jSettings | None = None
) -> list[str]:
    """For a query that returned no rows: a hint for each text parameter that names no node of
    the built graph (by id, or any name in any script or case). Nothing when there is no graph."""
    layout = BuildLayout(out_dir)
    named = resolve_query(target)
    if named.adhoc or not layout.graph.is_file():
        return []
    texts = {p.name for p in named.params if p.type == "string"}
    wanted = {name: value for name, value in given.items() if name in texts and value.strip()}
    if not wanted:
        return []
    known: set[str] = set()
    for node_id, data in layout.read_graph().nodes(data=True):
        known.add(str(node_id).lower())
        known.update(str(n).lower() for n in data.get("names_lower") or [])
        known.update(str(data[k]).lower() for k in ("name", "name_zh", "label_zh") if data.get(k))
    where = "on Neo4j, checked against " if neo4j else ""
    return [
        f"hint: {name}={value!r} names no actor, country, place or topic in {where}{layout.graph}; "
        f"try `kg actors {value}` to see how the name resolves"
        for name, value in sorted(wanted.items())
        if not {value.strip().lower(), f"topic:{value.strip().lower()}"} & known
    ]


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
    except DatabaseError as exc:
        version, ok = str(exc), False
    path = BuildLayout(out_dir).embedded
    return DoctorReport(
        neo4j_uri=settings.uri,
        neo4j=f"reachable, {version}" if ok else version,
        neo4j_ok=ok,
        embedded=str(path) if path.is_file() else f"none at {path} (run `kg build`)",
        embedded_ok=path.is_file(),
    )
