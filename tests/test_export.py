"""`kg export` for Gephi and spreadsheets: GraphML, nodes/edges CSV and the flat triples table."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.sinks.export import EXPORT_FORMATS, export_build, export_graph, export_text
from kg.sinks.node_link import write_graph_json
from kg.sinks.rdf import rdf_text
from kg.sinks.tabular import TRIPLE_COLUMNS, triple_rows, write_csv, write_graphml, write_triples
from tests.rdf_sample import (
    DOC_BEIJING,
    HOSTILE,
    SENTENCE_AGREED,
    SENTENCE_BEIJING,
    SENTENCE_PHNOM_PENH,
    sample_graph,
)

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(params=["sample", "examples"])
def graph(request: pytest.FixtureRequest) -> nx.MultiDiGraph:
    if request.param == "examples":
        g: nx.MultiDiGraph = request.getfixturevalue("examples_graph")
        return g
    return sample_graph()


def _xml_text(text: str) -> str:
    """What GraphML can carry of a text: XML 1.0 has no NUL or BEL, even escaped."""
    return text.replace("\x00", "\ufffd").replace("\x07", "\ufffd")


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_graphml_holds_every_node_and_edge_with_its_type(graph, tmp_path):
    path = write_graphml(graph, tmp_path / "graph.graphml")
    back = nx.read_graphml(path, force_multigraph=True)
    assert back.number_of_nodes() == graph.number_of_nodes()
    assert back.number_of_edges() == graph.number_of_edges()
    for node_id, data in graph.nodes(data=True):
        assert back.nodes[node_id]["type"] == data["label"]
        # Gephi captions a node by its `label` attribute: the name, not the type.
        assert back.nodes[node_id]["label"] == _xml_text(data["name"])
        if data.get("aliases"):
            assert json.loads(back.nodes[node_id]["aliases"]) == data["aliases"]
    edge_types = sorted(d["type"] for *_, d in graph.edges(data=True))
    assert sorted(d["type"] for *_, d in back.edges(data=True)) == edge_types


def test_graphml_ids_are_unique_so_gephi_keeps_every_edge(graph, tmp_path):
    root = ET.parse(write_graphml(graph, tmp_path / "graph.graphml")).getroot()
    key_ids = [k.get("id") for k in root.iter(f"{GRAPHML_NS}key")]
    edge_ids = [e.get("id") for e in root.iter(f"{GRAPHML_NS}edge")]
    assert len(set(key_ids)) == len(key_ids)
    assert len(set(edge_ids)) == len(edge_ids) == graph.number_of_edges()


def test_graphml_keeps_hostile_text_as_text(tmp_path):
    back = nx.read_graphml(write_graphml(sample_graph(), tmp_path / "g.graphml"), force_multigraph=True)
    # XML 1.0 has no way to write NUL or BEL, even escaped: those alone become U+FFFD.
    assert back.nodes["person:hostile"]["label"] == _xml_text(HOSTILE)


def test_csv_has_a_row_per_node_and_edge(graph, tmp_path):
    nodes_path, edges_path = write_csv(graph, tmp_path)
    nodes, edges = _read_csv(nodes_path), _read_csv(edges_path)
    assert sorted(r["id"] for r in nodes) == sorted(graph.nodes)
    assert list(nodes[0])[:3] == ["id", "label", "name"]
    assert list(edges[0])[:3] == ["source", "target", "type"]
    assert sorted((r["source"], r["target"], r["type"]) for r in edges) == sorted(
        (u, v, d["type"]) for u, v, d in graph.edges(data=True)
    )
    by_id = {r["id"]: r for r in nodes}
    for node_id, data in graph.nodes(data=True):
        if data.get("names"):
            assert json.loads(by_id[node_id]["names"]) == data["names"]


def test_csv_keeps_hostile_text_intact(tmp_path):
    nodes_path, _ = write_csv(sample_graph(), tmp_path)
    by_id = {r["id"]: r for r in _read_csv(nodes_path)}
    assert by_id["person:hostile"]["name"] == HOSTILE
    assert json.loads(by_id["person:hostile"]["aliases"]) == [HOSTILE]


def test_triples_list_who_met_whom_as_the_graph_does(graph, tmp_path):
    rows = _read_csv(write_triples(graph, tmp_path / "triples.csv"))
    assert list(rows[0]) == TRIPLE_COLUMNS
    met_rows = [frozenset((r["subject_id"], r["object_id"])) for r in rows if r["predicate"] == "met"]
    met_edges = {frozenset((u, v)): d["meetings"] for u, v, d in graph.edges(data=True) if d["type"] == "MET"}
    assert set(met_rows) == set(met_edges)
    # One row per meeting of each pair.
    assert {pair: met_rows.count(pair) for pair in met_edges} == met_edges
    for row in rows:
        assert row["source"] and row["evidence"], row
        assert graph.nodes[row["fact_id"]]["label"] in ("Meeting", "Agreement")


def test_triples_say_what_was_agreed_where_and_why():
    rows = triple_rows(sample_graph())
    agreed = {(r.subject, r.object) for r in rows if r.predicate == "agreed_on"}
    assert ("China", "telecom fraud") in agreed
    assert ("Cambodia", "human trafficking") in agreed
    china = next(r for r in rows if (r.subject_id, r.object_id) == ("country:china", "topic:online-gambling"))
    assert (china.date, china.place, china.source, china.evidence) == (
        "2024-04-21",
        "Phnom Penh",
        "000_2a8417f8f61e67d4.txt",
        SENTENCE_AGREED,
    )
    talks = next(r for r in rows if r.fact_id == "meeting:phnom-penh-2024-04-21")
    assert {talks.subject, talks.object} == {"Wang Yi", "Sok Chenda Sok"}
    assert (talks.date, talks.place, talks.evidence) == ("2024-04-21", "Phnom Penh", SENTENCE_PHNOM_PENH)
    # A meeting reported by two articles is one row, with the first article's sentence and the count.
    hun_sen_met_xi = ("meeting:beijing-2024-12-03", "person:hun-sen", "person:xi-jinping")
    (beijing,) = [r for r in rows if (r.fact_id, r.subject_id, r.object_id) == hun_sen_met_xi]
    assert (beijing.source, beijing.evidence, beijing.reports) == (DOC_BEIJING, SENTENCE_BEIJING, 2)


def test_every_format_writes_through_export_graph(tmp_path):
    graph = sample_graph()
    for fmt in EXPORT_FORMATS:
        target = tmp_path / fmt if fmt == "csv" else tmp_path / f"graph.{fmt}"
        written = export_graph(graph, fmt, target)  # type: ignore[arg-type]
        assert written and all(p.is_file() and p.stat().st_size > 0 for p in written), fmt


@pytest.fixture
def built(tmp_path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    write_graph_json(sample_graph(), out / "graph.json")
    return out


def test_kg_export_writes_next_to_the_build_by_default(built):
    runner = CliRunner()
    for fmt, names in (
        ("ttl", ["graph.ttl"]),
        ("jsonld", ["graph.jsonld"]),
        ("nt", ["graph.nt"]),
        ("graphml", ["graph.graphml"]),
        ("csv", ["nodes.csv", "edges.csv"]),
        ("triples", ["triples.csv"]),
    ):
        result = runner.invoke(app, ["export", "--format", fmt, "--out", str(built)])
        assert result.exit_code == 0, result.output
        for name in names:
            assert (built / name).is_file(), (fmt, name)
            assert str(built / name) in result.output


def test_kg_export_to_a_file_and_to_stdout(built, tmp_path):
    runner = CliRunner()
    target = tmp_path / "elsewhere" / "my.ttl"
    result = runner.invoke(app, ["export", "-f", "ttl", "-o", str(built), "--output", str(target)])
    assert result.exit_code == 0, result.output
    expected = rdf_text(sample_graph(), "ttl")
    assert target.read_text(encoding="utf-8") == expected
    result = runner.invoke(app, ["export", "-f", "ttl", "-o", str(built), "--output", "-"])
    assert result.exit_code == 0
    assert result.stdout == expected


def test_kg_export_explains_a_missing_build_and_a_wrong_format(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--out", str(tmp_path / "nothing")])
    assert result.exit_code == 3
    assert "kg build" in result.output
    result = runner.invoke(app, ["export", "--format", "xml", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "ttl" in result.output


def test_export_build_reads_the_graph_json_of_a_build(built):
    (path,) = export_build(built, "nt")
    assert path == built / "graph.nt"
    assert path.read_text(encoding="utf-8") == rdf_text(sample_graph(), "nt")


@pytest.mark.parametrize("fmt", [f for f in EXPORT_FORMATS if f != "csv"])
def test_standard_output_carries_the_same_bytes_as_the_file(fmt, tmp_path):
    graph = sample_graph()
    (path,) = export_graph(graph, fmt, tmp_path / f"graph.{fmt}")
    assert export_text(graph, fmt).encode("utf-8") == path.read_bytes()
