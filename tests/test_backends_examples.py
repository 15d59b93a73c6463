"""The named queries on the graph built from the example articles: the same rows on Neo4j and
on the embedded database, and the facts the seed articles state."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.backends import run_named
from kg.backends.ladybug import open_embedded, write_embedded
from kg.backends.neo4j import Neo4jBackend, load_neo4j
from kg.queries import list_queries, load_query
from tests.graphdb_helpers import comparable


@pytest.fixture(scope="module")
def backends(examples_graph, neo4j_driver, tmp_path_factory: pytest.TempPathFactory):
    load_neo4j(examples_graph, neo4j_driver, wipe=True)
    out: Path = tmp_path_factory.mktemp("examples-out")
    write_embedded(examples_graph, out)
    embedded = open_embedded(out)
    yield {"neo4j": Neo4jBackend(neo4j_driver), "ladybug": embedded}
    embedded.close()


def _talks_in_phnom_penh(examples_graph) -> str:
    (meeting,) = [
        n
        for n, d in examples_graph.nodes(data=True)
        if d["label"] == "Meeting"
        and d["date"] == "2024-04-21"
        and d.get("place_en") == "Phnom Penh"
        and examples_graph.has_edge("person:sok-chenda-sok", n)
    ]
    return meeting


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_named_query_same_rows_on_both_backends(backends, examples_graph, query):
    params = {"id": _talks_in_phnom_penh(examples_graph)} if query.name == "evidence" else {}
    on_neo4j = run_named(backends["neo4j"], query, params)
    on_ladybug = run_named(backends["ladybug"], query, params)
    assert on_neo4j.columns == on_ladybug.columns
    assert comparable(query, on_neo4j) == comparable(query, on_ladybug)


@pytest.mark.parametrize("backend", ["neo4j", "ladybug"])
@pytest.mark.parametrize("actor", ["Wang Yi", "王毅", "person:wang-yi"])
def test_meetings_of_wang_yi_include_the_phnom_penh_talks(backends, backend, actor):
    rows = run_named(backends[backend], load_query("meetings-of"), {"actor": actor}).records()
    talks = [r for r in rows if "Sok Chenda Sok" in r["participants"]]
    assert [(r["date"], r["place"]) for r in talks] == [("2024-04-21", "Phnom Penh")]
    assert {"2022-07-05", "2023-08-19", "2024-12-03"} <= {r["date"] for r in rows}


@pytest.mark.parametrize("backend", ["neo4j", "ladybug"])
def test_evidence_and_agreements_from_the_seeds(backends, examples_graph, backend):
    db = backends[backend]
    evidence = run_named(db, load_query("evidence"), {"id": _talks_in_phnom_penh(examples_graph)}).records()
    assert any("在金边同宋金达举行会谈" in r["sentence"] for r in evidence)
    agreements = run_named(
        db, load_query("agreements-between"), {"country_a": "中國", "country_b": "Cambodia"}
    )
    topics = {t for r in agreements.records() for t in r["topics"]}
    assert {"telecom-fraud", "online-gambling", "human-trafficking"} <= topics
    xi = run_named(
        db, load_query("meetings-of"), {"actor": "習近平", "from": "2024-12-01", "until": "2024-12"}
    )
    dates = [r["date"] for r in xi.records()]
    # A meeting known only to its year may have been in December too: partial dates overlap the range.
    assert "2024-12-03" in dates
    assert all(d == "2024-12-03" or "2024-12-03".startswith(d) for d in dates)
