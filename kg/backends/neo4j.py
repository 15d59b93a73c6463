"""Neo4j: schema, idempotent batched load, and Cypher through a driver the caller opened.

The load MERGEs every node on `id` and every relationship on (start, type, key, end), in UNWIND
batches inside managed write transactions (the driver retries transient failures), then removes
what the graph no longer has:
- prune=True (the default, for a graph `kg build` made from the whole corpus): the database then
  holds exactly the graph, so an article that changed or was removed leaves no stale fact behind;
- prune=False: only the facts of the articles in the graph are replaced (their reports, the
  meetings and agreements they report); articles the graph does not carry keep theirs.
Labels and relationship types come from the kg.graph whitelist, never from user text; the Cypher
is in schema/neo4j/ (constraints, indexes) and schema/neo4j/load/ (the load statements).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
from neo4j import Driver, ManagedTransaction, RoutingControl
from neo4j.exceptions import Neo4jError, ServiceUnavailable
from neo4j.graph import Node, Path, Relationship
from neo4j.time import Date, DateTime

from kg.backends.base import LoadSummary, QueryResult, plain
from kg.backends.neo4j_settings import DEFAULT_BATCH_SIZE
from kg.backends.rows import batches, check_label, check_type, edge_rows, node_rows
from kg.errors import DatabaseError, Unreachable, one_line
from kg.resources import resource_dir
from kg.schema import NODE_LABELS

SERVER_SERIES = "5.26"
"""The Neo4j release line kg is tested with (docker-compose.yml, scripts/neo4j/pom.xml)."""
FACT_LABELS = ("Meeting", "Agreement")
Progress = Callable[[str, int, int], None]
"""Called as (stage, done, total) while loading."""


def schema_statements() -> list[str]:
    statements: list[str] = []
    for path in sorted((resource_dir("schema") / "neo4j").glob("*.cypher")):
        text = "\n".join(
            line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("//")
        )
        statements.extend(s.strip() for s in text.split(";") if s.strip())
    return statements


def load_statement(name: str, **names: str) -> str:
    """A statement of schema/neo4j/load with its __LABEL__-style slots filled from the whitelist."""
    text = (resource_dir("schema") / "neo4j" / "load" / f"{name}.cypher").read_text(encoding="utf-8")
    for slot, value in names.items():
        checked = check_type(value) if slot == "type" else check_label(value)
        text = text.replace(f"__{slot.upper()}__", f"`{checked}`")
    return text


@dataclass
class _Counts:
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0

    def add(self, counters: Any) -> None:
        self.nodes_created += counters.nodes_created
        self.nodes_deleted += counters.nodes_deleted
        self.relationships_created += counters.relationships_created
        self.relationships_deleted += counters.relationships_deleted
        self.properties_set += counters.properties_set


class Neo4jLoader:
    def __init__(
        self, driver: Driver, database: str | None, batch_size: int, progress: Progress | None
    ) -> None:
        self.driver = driver
        self.database = database
        self.batch_size = batch_size
        self.progress = progress
        self.counts = _Counts()

    def write(self, cypher: str, **params: Any) -> None:
        def work(tx: ManagedTransaction) -> Any:
            return tx.run(cypher, params).consume().counters

        # The bookmarks of execute_query: on a cluster, what the load wrote is what later
        # queries through this driver read, whichever member serves them.
        bookmarks = self.driver.execute_query_bookmark_manager
        with self.driver.session(database=self.database, bookmark_manager=bookmarks) as session:
            self.counts.add(session.execute_write(work))

    def write_batched(self, stage: str, cypher: str, rows: list[Any], **params: Any) -> None:
        done = 0
        for batch in batches(rows, self.batch_size):
            self.write(cypher, rows=batch, **params)
            done += len(batch)
            if self.progress:
                self.progress(stage, done, len(rows))


def apply_schema(driver: Driver, database: str | None = None) -> int:
    """Constraints and indexes, IF NOT EXISTS (applying twice changes nothing); returns how many."""
    statements = schema_statements()
    for statement in statements:
        driver.execute_query(statement, database_=database)
    return len(statements)


def wipe_database(driver: Driver, database: str | None = None) -> None:
    with driver.session(database=database, bookmark_manager=driver.execute_query_bookmark_manager) as session:
        session.run(load_statement("wipe")).consume()


def load_neo4j(
    graph: nx.MultiDiGraph,
    driver: Driver,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    wipe: bool = False,
    prune: bool = True,
    progress: Progress | None = None,
) -> LoadSummary:
    started = time.perf_counter()
    nodes = node_rows(graph)
    edges = edge_rows(graph)
    try:
        if wipe:
            wipe_database(driver, database)
        apply_schema(driver, database)
        loader = Neo4jLoader(driver, database, batch_size, progress)
        for label, rows in nodes.items():
            loader.write_batched(f"nodes {label}", load_statement("merge-nodes", label=label), rows)
        for group, edge_list in edges.items():
            statement = load_statement(
                "merge-relationships", start=group.start, type=group.type, end=group.end
            )
            rows = [{"start": e.start, "end": e.end, "key": e.key, "props": e.props} for e in edge_list]
            loader.write_batched(f"relationships {group.type}", statement, rows)
        if not wipe:
            _remove_stale(loader, graph, prune)
    except Neo4jError as exc:
        raise DatabaseError(f"Neo4j refused the load: {one_line(exc)}") from None
    except ServiceUnavailable as exc:
        raise Unreachable(f"Neo4j is not reachable: {one_line(exc)}") from None
    c = loader.counts
    return LoadSummary(
        backend="neo4j",
        nodes=graph.number_of_nodes(),
        relationships=graph.number_of_edges(),
        nodes_created=c.nodes_created,
        nodes_deleted=c.nodes_deleted,
        relationships_created=c.relationships_created,
        relationships_deleted=c.relationships_deleted,
        properties_set=c.properties_set,
        seconds=round(time.perf_counter() - started, 3),
    )


def _incident_identities(graph: nx.MultiDiGraph, outgoing_only: bool) -> dict[str, list[str]]:
    keep: dict[str, list[str]] = {n: [] for n in graph.nodes}
    for group, edge_list in edge_rows(graph).items():
        for edge in edge_list:
            identity = edge.identity(group.type)
            keep[edge.start].append(identity)
            if not outgoing_only:
                keep[edge.end].append(identity)
    return keep


def _remove_stale(loader: Neo4jLoader, graph: nx.MultiDiGraph, prune: bool) -> None:
    ids_by_label: dict[str, list[str]] = {label: [] for label in NODE_LABELS}
    for node_id, attrs in graph.nodes(data=True):
        ids_by_label[attrs["label"]].append(node_id)
    if prune:
        for label, ids in ids_by_label.items():
            loader.write(load_statement("delete-other-nodes", label=label), keep=ids)
        keep = _incident_identities(graph, outgoing_only=True)
        for label, ids in ids_by_label.items():
            rows = [{"id": i, "keep": keep[i]} for i in ids]
            loader.write_batched(f"stale {label}", load_statement("delete-stale-outgoing", label=label), rows)
        return
    keep = _incident_identities(graph, outgoing_only=False)
    articles = ids_by_label["Article"]
    versions = [{"id": i, "name": graph.nodes[i].get("name")} for i in articles]
    loader.write_batched("earlier Article versions", load_statement("delete-earlier-versions"), versions)
    rows = [{"id": i, "keep": keep[i]} for i in articles]
    loader.write_batched("stale Article", load_statement("delete-stale-outgoing", label="Article"), rows)
    for label in FACT_LABELS:
        rows = [{"id": i, "keep": keep[i]} for i in ids_by_label[label]]
        statement = load_statement("delete-stale-fact-edges", label=label)
        loader.write_batched(f"stale {label}", statement, rows, articles=articles)
        loader.write(load_statement("delete-unreported-facts", label=label))


def _neo4j_plain(value: Any) -> Any:
    if isinstance(value, Node):
        return plain(dict(value))
    if isinstance(value, Relationship):
        return plain(dict(value))
    if isinstance(value, Path):
        return [plain(dict(n)) for n in value.nodes]
    if isinstance(value, Date | DateTime):
        return value.to_native()
    if isinstance(value, list):
        return [_neo4j_plain(v) for v in value]
    if isinstance(value, dict):
        return plain({k: _neo4j_plain(v) for k, v in value.items()})
    return plain(value)


class Neo4jBackend:
    """Cypher on a Neo4j server through a driver the caller owns (and closes)."""

    dialect = "neo4j"

    def __init__(
        self, driver: Driver, database: str | None = None, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> None:
        self.driver = driver
        self.database = database
        self.batch_size = batch_size

    def load(self, graph: nx.MultiDiGraph) -> LoadSummary:
        return load_neo4j(graph, self.driver, self.database, self.batch_size)

    def run(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> QueryResult:
        """In a read transaction unless write=True: a read query cannot change the database."""
        try:
            records, _, keys = self.driver.execute_query(
                cypher,
                dict(params or {}),
                database_=self.database,
                routing_=RoutingControl.WRITE if write else RoutingControl.READ,
            )
        except Neo4jError as exc:
            raise DatabaseError(f"Neo4j: {one_line(exc)}") from None
        except ServiceUnavailable as exc:
            raise Unreachable(f"Neo4j is not reachable: {one_line(exc)}") from None
        return QueryResult(list(keys), [[_neo4j_plain(v) for v in record.values()] for record in records])

    def close(self) -> None:
        """The driver belongs to the caller."""


def server_version(driver: Driver, database: str | None = None) -> str:
    """`Neo4j Kernel 5.26.30 community`, or DatabaseError when the server cannot be reached."""
    backend = Neo4jBackend(driver, database)
    try:
        driver.verify_connectivity()
    except (ServiceUnavailable, Neo4jError, OSError) as exc:
        raise Unreachable(f"Neo4j is not reachable: {one_line(exc)}") from None
    result = backend.run(load_statement("server-version"))
    return ", ".join(" ".join(str(v) for v in row) for row in result.rows)
