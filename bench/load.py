"""Load throughput: the batched Neo4j loader against a per-row MERGE baseline, and the embedded COPY load.

A synthetic graph of people and meetings (two participants a meeting, so --relationships 100000
means 50,000 meetings) is loaded:
- into Neo4j with kg.backends.neo4j.load_neo4j (UNWIND batches, managed write transactions),
  timed end to end (schema, nodes, relationships and the stale-fact sweep);
- into Neo4j one relationship per transaction (bench/per-row-merge.cypher), on the first
  --per-row relationships of the same data (a rate per relationship; the whole set would take long);
- into a new LadybugDB file with COPY.
Neo4j is the one NEO4J_URI names (--uri), else Neo4j started from scripts/neo4j/Launcher.java.

    python bench/load.py --relationships 100000 --per-row 3000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from neo4j import Driver, GraphDatabase, ManagedTransaction

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.backends.ladybug import LadybugBackend  # noqa: E402
from kg.backends.neo4j import load_neo4j, wipe_database  # noqa: E402
from kg.backends.neo4j_settings import DEFAULT_BATCH_SIZE  # noqa: E402
from kg.layout import EMBEDDED  # noqa: E402


def synthetic_graph(relationships: int, people: int) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for i in range(people):
        pid = f"person:p{i}"
        graph.add_node(pid, label="Person", id=pid, name=f"Person {i}", names=[f"Person {i}"])
    for m in range(relationships // 2):
        mid = f"meeting:m{m}"
        graph.add_node(
            mid, label="Meeting", id=mid, name=f"meeting {m}", date=f"2024-{m % 12 + 1:02d}-{m % 28 + 1:02d}"
        )
        for j in range(2):
            person = f"person:p{(m * 7 + j * 13) % people}"
            graph.add_edge(person, mid, key="PARTICIPATED_IN", type="PARTICIPATED_IN", role="participant")
    return graph


def per_row(driver: Driver, graph: nx.MultiDiGraph, count: int) -> float:
    statement = (ROOT / "bench" / "per-row-merge.cypher").read_text(encoding="utf-8")
    edges = list(graph.edges(keys=True, data=True))[:count]
    started = time.perf_counter()
    with driver.session() as session:
        for start, end, key, attrs in edges:
            params = {"start": start, "end": end, "key": key, "props": {"role": attrs["role"]}}

            def work(tx: ManagedTransaction, params: dict = params) -> None:
                tx.run(statement, params).consume()

            session.execute_write(work)
    return len(edges) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--relationships", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=5_000)
    parser.add_argument("--per-row", type=int, default=3_000, help="Relationships for the per-row baseline.")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
    parser.add_argument(
        "--uri", default=None, help="A running Neo4j (auth off); default: start the launcher."
    )
    args = parser.parse_args()

    graph = synthetic_graph(args.relationships, args.people)
    rels = graph.number_of_edges()
    print(f"graph: {graph.number_of_nodes()} nodes, {rels} relationships")

    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        started = time.perf_counter()
        embedded = LadybugBackend.create(Path(tmp) / EMBEDDED)
        embedded.load(graph)
        embedded.close()
        embedded_seconds = time.perf_counter() - started
        print(f"embedded COPY load: {embedded_seconds:.2f}s, {rels / embedded_seconds:,.0f} relationships/s")

        server = None
        uri = args.uri
        if uri is None:
            from tests.fixtures_neo4j import start_neo4j

            server = start_neo4j(Path(tmp))
            uri = server.uri
        driver = GraphDatabase.driver(uri, auth=None)
        try:
            wipe_database(driver)
            summary = load_neo4j(graph, driver, batch_size=args.batch_size)  # warm-up: schema, JIT
            wipe_database(driver)
            summary = load_neo4j(graph, driver, batch_size=args.batch_size)
            batched = rels / summary.seconds
            print(
                f"neo4j batched (UNWIND {args.batch_size}): {summary.seconds:.2f}s end to end, "
                f"{batched:,.0f} relationships/s"
            )
            wipe_database(driver)
            load_neo4j(nx.MultiDiGraph(), driver)  # the schema, so the baseline MERGEs use the id indexes
            baseline = per_row(driver, graph, args.per_row)
            print(f"neo4j per-row MERGE ({args.per_row} relationships): {baseline:,.0f} relationships/s")
            print(f"ratio batched / per-row: {batched / baseline:.1f}x")
        finally:
            driver.close()
            if server is not None:
                server.stop()


if __name__ == "__main__":
    main()
