"""The embedded LadybugDB database `kg build` writes under out/, read by `kg query` with no server."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.backends import DatabaseError
from kg.backends.ladybug import LadybugBackend, open_embedded, write_embedded
from kg.backends.rows import node_rows
from kg.errors import NotBuilt
from kg.graph import NODE_LABELS
from kg.layout import EMBEDDED
from tests.graphdb_helpers import column
from tests.sample_corpus import sample_graph


@pytest.fixture(scope="module")
def embedded_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    write_embedded(sample_graph(), out)
    return out


def test_the_whole_graph_is_in_the_database(embedded_dir: Path):
    graph = sample_graph()
    db = open_embedded(embedded_dir)
    try:
        assert db.run("MATCH (n) RETURN count(n)").rows == [[graph.number_of_nodes()]]
        assert db.run("MATCH ()-[r]->() RETURN count(r)").rows == [[graph.number_of_edges()]]
        for label in NODE_LABELS:
            expected = sum(1 for _, d in graph.nodes(data=True) if d["label"] == label)
            assert db.run(f"MATCH (n:{label}) RETURN count(n)").rows == [[expected]], label
        meeting = db.run("MATCH (m:Meeting {date: '2024-04-21'}) RETURN m.day, m.place_en, m.mode").records()
        assert [(str(r["m.day"]), r["m.place_en"], r["m.mode"]) for r in meeting] == [
            ("2024-04-21", "Phnom Penh", "in_person")
        ]
    finally:
        db.close()


def test_every_graph_property_has_a_column(tmp_path: Path):
    backend = LadybugBackend.create(tmp_path / EMBEDDED)
    try:
        summary = backend.load(sample_graph())
    finally:
        backend.close()
    assert summary.dropped_properties == {}
    assert summary.nodes == sum(len(rows) for rows in node_rows(sample_graph()).values())


def test_names_match_in_any_script(embedded_dir: Path):
    db = open_embedded(embedded_dir)
    try:
        for name in ["习近平", "習近平", "Xi Jinping", "xi jinping", "person:xi-jinping"]:
            rows = db.run(
                "MATCH (p:Person) WHERE p.id = $n OR toLower($n) IN p.names_lower RETURN p.id", {"n": name}
            ).rows
            assert rows == [["person:xi-jinping"]], name
    finally:
        db.close()


def test_read_only_by_default_and_rewritten_whole(embedded_dir: Path, tmp_path: Path):
    db = open_embedded(embedded_dir)
    try:
        with pytest.raises(DatabaseError, match="read-only"):
            db.run("CREATE (:Topic {id: 'topic:new'})")
    finally:
        db.close()
    out = tmp_path / "out"
    write_embedded(sample_graph(), out)
    write_embedded(sample_graph(changed=True), out)
    db = open_embedded(out)
    try:
        dates = column(db.run("MATCH (m:Meeting) RETURN m.date AS date ORDER BY date"), "date")
    finally:
        db.close()
    assert "2025-03-06" in dates and "2025-03-05" not in dates and "2024-12" not in dates


def test_missing_database_is_one_clear_error(tmp_path: Path):
    with pytest.raises(NotBuilt, match="run `kg build` first"):
        open_embedded(tmp_path)


def test_a_quoted_value_after_many_plain_rows_loads(tmp_path: Path):
    """LadybugDB guesses a CSV's quoting from its first rows: a summary with a comma after
    hundreds without one must still load, read back as written."""
    graph = sample_graph()
    for i in range(300):
        graph.add_node(
            f"topic:plain-{i}", label="Topic", id=f"topic:plain-{i}", name=f"plain {i}", label_zh="平"
        )
    odd = 'border "security", and customs'
    graph.add_node("topic:odd", label="Topic", id="topic:odd", name=odd, label_zh="边境安全，海关")
    backend = LadybugBackend.create(tmp_path / EMBEDDED)
    try:
        backend.load(graph)
        assert backend.run("MATCH (t:Topic {id: 'topic:odd'}) RETURN t.name").rows == [[odd]]
        topics = sum(1 for _, d in graph.nodes(data=True) if d["label"] == "Topic")
        assert backend.run("MATCH (t:Topic) RETURN count(t)").rows == [[topics]]
    finally:
        backend.close()
