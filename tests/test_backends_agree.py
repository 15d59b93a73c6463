"""Every named query gives the same rows on Neo4j and on the embedded database, and the rows
say what the seed articles say."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.backends import run_named
from kg.backends.ladybug import open_embedded, write_embedded
from kg.backends.neo4j import Neo4jBackend, load_neo4j
from kg.queries import list_queries, load_query
from tests.graphdb_helpers import column, comparable
from tests.sample_corpus import sample_graph

PARAMS = {
    "evidence": {"id": "meeting:0a79a65a6075"},
    "path-between": {"from_actor": "習近平", "to_actor": "王小洪"},  # the defaults fit the examples
}


@pytest.fixture(scope="module")
def backends(neo4j_driver, tmp_path_factory: pytest.TempPathFactory):
    graph = sample_graph()
    load_neo4j(graph, neo4j_driver, wipe=True)
    out: Path = tmp_path_factory.mktemp("out")
    write_embedded(graph, out)
    embedded = open_embedded(out)
    yield {"neo4j": Neo4jBackend(neo4j_driver), "ladybug": embedded}
    embedded.close()


@pytest.mark.parametrize("query", list_queries(), ids=lambda q: q.name)
def test_named_query_same_rows_on_both_backends(backends, query):
    params = PARAMS.get(query.name, {})
    on_neo4j = run_named(backends["neo4j"], query, params)
    on_ladybug = run_named(backends["ladybug"], query, params)
    assert on_neo4j.columns == on_ladybug.columns
    assert on_neo4j.rows, f"{query.name} finds nothing with its defaults"
    assert comparable(query, on_neo4j) == comparable(query, on_ladybug)


@pytest.mark.parametrize("backend", ["neo4j", "ladybug"])
@pytest.mark.parametrize("actor", ["Wang Yi", "王毅", "wang yi", "person:wang-yi"])
def test_meetings_of_wang_yi_include_phnom_penh_talks(backends, backend, actor):
    rows = run_named(backends[backend], load_query("meetings-of"), {"actor": actor}).records()
    phnom_penh = [r for r in rows if r["date"] == "2024-04-21"]
    assert len(phnom_penh) == 1
    assert phnom_penh[0]["place"] == "Phnom Penh"
    assert phnom_penh[0]["participants"] == ["Sok Chenda Sok"]
    assert {r["date"] for r in rows} == {"2024-04-21", "2024-12", "2025-02-20", "2025-03-05"}


@pytest.mark.parametrize("backend", ["neo4j", "ladybug"])
def test_date_range_and_scripts(backends, backend):
    db = backends[backend]
    query = load_query("meetings-of")
    in_2024 = run_named(db, query, {"actor": "習近平", "from": "2024", "until": "2024"})
    assert column(in_2024, "date") == ["2024-12-03"]
    assert column(in_2024, "participants") == [["Hun Sen"]]
    assert run_named(db, query, {"actor": "习近平", "from": "2025-01-01"}).rows == []
    december = run_named(db, query, {"actor": "Hun Sen", "from": "2024-12-02", "until": "2024-12-31"})
    assert column(december, "date") == ["2024-12", "2024-12-03"]


@pytest.mark.parametrize("backend", ["neo4j", "ladybug"])
def test_analyst_answers(backends, backend):
    db = backends[backend]
    agreements = run_named(db, load_query("agreements-between"), {"country_a": "中國", "country_b": "柬埔寨"})
    assert column(agreements, "date") == ["2024-04-21"]
    assert set(column(agreements, "topics")[0]) == {"telecom-fraud", "online-gambling", "human-trafficking"}
    on_topic = run_named(db, load_query("agreements-on-topic"), {"topic": "电信诈骗"})
    assert column(on_topic, "date") == ["2024-04-21", "2025-02-10"]
    path = run_named(db, load_query("path-between"), {"from_actor": "習近平", "to_actor": "王小洪"})
    assert column(path, "people") == [
        ["Xi Jinping", "Hun Sen", "Wang Yi", "Maris Sangiampongsa", "Wang Xiaohong"]
    ]
    evidence = run_named(db, load_query("evidence"), {"id": "meeting:0a79a65a6075"})
    assert column(evidence, "sentence")[0] == "王毅星期天（4月21日）在金边同宋金达举行会谈。"
    assert len(evidence.rows) == 2
    officials = run_named(db, load_query("officials-of"), {"country": "Cambodia"}).records()
    assert {(r["person"], r["title"]) for r in officials} == {
        ("Hun Sen", "参议院主席"),
        ("Sok Chenda Sok", "副首相兼外交大臣"),
    }
    pairs = run_named(db, load_query("who-met-whom"), {"actor": "宋金達"}).records()
    assert [(r["meetings"], r["first"], r["last"]) for r in pairs] == [(2, "2024-04-21", "2025-03-05")]
    new = run_named(db, load_query("new-contacts-since"), {"since": "2025-01-01"})
    assert {tuple(sorted((r["person"], r["other"]))) for r in new.records()} == {
        ("Maris Sangiampongsa", "Than Swe"),
        ("Maris Sangiampongsa", "Wang Xiaohong"),
        ("Than Swe", "Wang Xiaohong"),
        ("Maris Sangiampongsa", "Wang Yi"),
    }
    timeline = run_named(db, load_query("country-timeline"), {"country_a": "China", "country_b": "Cambodia"})
    assert column(timeline, "kind") == ["Agreement", "Meeting", "Meeting", "Meeting", "Meeting"]


@pytest.mark.parametrize("backend", ["neo4j", "ladybug"])
def test_relations_over_time(backends, backend):
    db = backends[backend]
    quarters = run_named(
        db, load_query("contacts-by-quarter"), {"country_a": "中國", "country_b": "Cambodia"}
    )
    assert [tuple(r.values()) for r in quarters.records()] == [
        ("2024-Q2", "in_person", 1),
        ("2024-Q4", "in_person", 1),
        ("2024-Q4", "phone", 1),
        ("2025-Q1", "in_person", 1),
    ]
    first = run_named(db, load_query("first-contacts"), {"since": "2025-02-15"}).records()
    assert [(r["person"], r["country"], r["other"], r["other_country"], r["first_met"]) for r in first] == [
        ("Maris Sangiampongsa", "Thailand", "Wang Yi", "China", "2025-02-20")
    ]
    # 2025: Wang Xiaohong, Maris and Than Swe met in Bangkok; Maris then met Wang Yi, who met Sok Chenda.
    brokers = run_named(db, load_query("brokers"), {"year": 2025}).records()
    assert [(r["person"], r["country"], round(r["betweenness"], 4)) for r in brokers] == [
        ("Maris Sangiampongsa", "Thailand", 0.6667),
        ("Wang Yi", "China", 0.5),
    ]
    assert run_named(db, load_query("brokers"), {"year": 2019}).rows == []
    topics = run_named(
        db, load_query("topics-of-pair"), {"country_a": "China", "country_b": "泰国"}
    ).records()
    assert {(r["topic"], r["agreements"], r["first"], r["last"]) for r in topics} == {
        ("telecom fraud", 1, "2025-02-10", "2025-02-10"),
        ("online gambling", 1, "2025-02", "2025-02"),
        ("drug control", 1, "2025-02", "2025-02"),
    }
