"""Loading the graph into a real Neo4j: idempotent, stale facts replaced, whitelisted labels only."""

from __future__ import annotations

from dataclasses import replace

import networkx as nx
import pytest

from kg.backends.neo4j import Neo4jBackend, load_neo4j, schema_statements
from kg.graph import build_graph
from tests.sample_corpus import DOC_MARCH, DOC_PHONE, sample_corpus, sample_graph


def _counts(driver) -> tuple[int, int]:
    backend = Neo4jBackend(driver)
    nodes = backend.run("MATCH (n) RETURN count(n)").rows[0][0]
    rels = backend.run("MATCH ()-[r]->() RETURN count(r)").rows[0][0]
    return nodes, rels


def _snapshot(driver) -> set[tuple]:
    rows = (
        Neo4jBackend(driver)
        .run(
            "MATCH (a)-[r]->(b) "
            "RETURN a.id, type(r), r.key, b.id, properties(r), properties(a), properties(b)"
        )
        .rows
    )
    return {repr(row) for row in rows}


def test_load_then_reload_gives_the_same_graph(neo4j_driver):
    graph = sample_graph()
    first = load_neo4j(graph, neo4j_driver, wipe=True, batch_size=7)
    assert (first.nodes_created, first.relationships_created) == (
        graph.number_of_nodes(),
        graph.number_of_edges(),
    )
    assert _counts(neo4j_driver) == (graph.number_of_nodes(), graph.number_of_edges())
    before = _snapshot(neo4j_driver)
    again = load_neo4j(graph, neo4j_driver, batch_size=3)
    assert (again.nodes_created, again.relationships_created, again.nodes_deleted) == (0, 0, 0)
    assert _counts(neo4j_driver) == (graph.number_of_nodes(), graph.number_of_edges())
    assert _snapshot(neo4j_driver) == before


def test_changed_and_removed_articles_leave_no_stale_facts(neo4j_driver):
    load_neo4j(sample_graph(), neo4j_driver, wipe=True)
    changed = sample_graph(changed=True)
    load_neo4j(changed, neo4j_driver)
    after_reload = (_counts(neo4j_driver), _snapshot(neo4j_driver))
    backend = Neo4jBackend(neo4j_driver)
    dates = {r[0] for r in backend.run("MATCH (m:Meeting) RETURN m.date").rows}
    assert "2025-03-06" in dates and "2025-03-05" not in dates and "2024-12" not in dates
    phone = backend.run("MATCH (a:Article {name: $doc}) RETURN count(a)", {"doc": DOC_PHONE}).rows
    assert phone == [[0]]
    met = backend.run(
        "MATCH (:Person {id: 'person:wang-yi'})-[r:MET]-(:Person {id: 'person:hun-sen'}) RETURN count(r)"
    ).rows
    assert met == [[0]]
    load_neo4j(changed, neo4j_driver, wipe=True)
    assert (_counts(neo4j_driver), _snapshot(neo4j_driver)) == after_reload


def test_partial_load_replaces_only_the_facts_of_its_articles(neo4j_driver):
    load_neo4j(sample_graph(), neo4j_driver, wipe=True)
    changed = sample_graph(changed=True)
    [article] = [n for n, d in changed.nodes(data=True) if d["label"] == "Article" and d["name"] == DOC_MARCH]
    facts = set(changed.successors(article))
    around = {n for f in facts for n in (*changed.predecessors(f), *changed.successors(f))}
    march_only = changed.subgraph({article, *facts, *around}).copy()
    load_neo4j(march_only, neo4j_driver, prune=False)
    backend = Neo4jBackend(neo4j_driver)
    dates = {r[0] for r in backend.run("MATCH (m:Meeting) RETURN m.date").rows}
    assert "2025-03-06" in dates and "2025-03-05" not in dates
    assert "2024-12" in dates and "2024-04-21" in dates  # other articles keep their facts


def test_schema_gives_every_label_a_unique_id(neo4j_driver):
    load_neo4j(sample_graph(), neo4j_driver, wipe=True)
    constraints = (
        Neo4jBackend(neo4j_driver)
        .run(
            "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN labelsOrTypes[0], properties, type"
        )
        .rows
    )
    from kg.graph import NODE_LABELS

    assert {label for label, props, kind in constraints if props == ["id"] and "UNIQUE" in kind} >= set(
        NODE_LABELS
    )
    assert len(schema_statements()) >= len(NODE_LABELS) + 3
    hits = (
        Neo4jBackend(neo4j_driver)
        .run(
            "CALL db.awaitIndexes(60) "
            "CALL db.index.fulltext.queryNodes('names', '習近平') YIELD node RETURN node.id"
        )
        .rows
    )
    assert ["person:xi-jinping"] in hits


def test_labels_outside_the_whitelist_are_refused(neo4j_driver):
    graph = nx.MultiDiGraph()
    graph.add_node("x", label="Person`) DETACH DELETE n //", id="x")
    with pytest.raises(ValueError, match="not one of"):
        load_neo4j(graph, neo4j_driver)


def test_read_queries_cannot_write(neo4j_driver):
    from kg.backends import DatabaseError

    with pytest.raises(DatabaseError, match="read access mode"):
        Neo4jBackend(neo4j_driver).run("CREATE (:Topic {id: 'topic:x'})")


def test_an_edited_article_loaded_alone_replaces_its_earlier_version(neo4j_driver):
    load_neo4j(sample_graph(), neo4j_driver, wipe=True)
    corpus = sample_corpus(changed=True)
    corpus.documents = [replace(d, id="e" * 64) if d.name == DOC_MARCH else d for d in corpus.documents]
    edited = build_graph(corpus)
    [article] = [n for n, d in edited.nodes(data=True) if d["label"] == "Article" and d["name"] == DOC_MARCH]
    facts = set(edited.successors(article))
    around = {n for f in facts for n in (*edited.predecessors(f), *edited.successors(f))}
    load_neo4j(edited.subgraph({article, *facts, *around}).copy(), neo4j_driver, prune=False)
    backend = Neo4jBackend(neo4j_driver)
    query = "MATCH (a:Article {name: $name}) RETURN a.id"
    assert backend.run(query, {"name": DOC_MARCH}).rows == [[article]]
    dates = {r[0] for r in backend.run("MATCH (m:Meeting) RETURN m.date").rows}
    assert "2025-03-06" in dates and "2025-03-05" not in dates
    assert "2024-12" in dates and "2024-04-21" in dates
