"""One schema (kg/schema.py): every rendering of the graph model agrees with it. A label,
relationship type or property added in one place only fails here."""

from __future__ import annotations

import re

import networkx as nx
import pytest
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH

from kg.resources import resource_dir
from kg.schema import NODE_BY_LABEL, NODE_LABELS, NODES, REL_BY_TYPE, REL_TYPES, RELATIONSHIPS
from kg.sinks.rdf import NODE_CLASSES, curie, graph_triples
from tests.sample_corpus import sample_graph


@pytest.fixture(scope="module", params=["examples", "sample"])
def graph(request, examples_graph) -> nx.MultiDiGraph:
    return examples_graph if request.param == "examples" else sample_graph()


def test_the_graph_has_exactly_the_schema_labels_types_and_properties(graph: nx.MultiDiGraph) -> None:
    for node_id, data in graph.nodes(data=True):
        expected = {"label", "id", *(p.name for p in NODE_BY_LABEL[data["label"]].props)}
        assert set(data) == expected, (node_id, set(data) ^ expected)
    for u, v, data in graph.edges(data=True):
        rel = REL_BY_TYPE[data["type"]]
        assert (graph.nodes[u]["label"], graph.nodes[v]["label"]) in rel.pairs, (u, data["type"], v)
        assert set(data) == {"type", *(p.name for p in rel.props)}, (u, v, data)


def _stored(label: str) -> set[str]:
    props = NODE_BY_LABEL[label].props
    return {"id", *(p.name for p in props), *(p.day for p in props if p.day)}


def test_neo4j_constraints_and_indexes_name_schema_labels_and_properties() -> None:
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((resource_dir("schema") / "neo4j").glob("*.cypher"))
    )
    unique = re.findall(r"FOR \(n:(\w+)\) REQUIRE n\.id IS UNIQUE", text)
    assert sorted(unique) == sorted(NODE_LABELS)
    for label, prop in re.findall(r"FOR \(n:(\w+)\) ON \(n\.(\w+)\)", text):
        assert prop in _stored(label), (label, prop)
    for labels, props in re.findall(r"FOR \(n:([\w|]+)\)\s*ON EACH \[([^\]]+)\]", text):
        for label in labels.split("|"):
            for prop in re.findall(r"n\.(\w+)", props):
                assert prop in _stored(label) or prop in {p.name for n in NODES for p in n.props}, (
                    label,
                    prop,
                )


def _every_property_set() -> nx.MultiDiGraph:
    """One node per label and one edge per relationship, with every property given a value."""
    values = {
        "string": "x",
        "string[]": ["x"],
        "int": 1,
        "int[]": [2024],
        "float[]": [0.5],
        "bool": True,
        "date": "2024-04-21",
    }
    g = nx.MultiDiGraph()
    for node in NODES:
        props = {p.name: values[p.type] for p in node.props}
        g.add_node(f"{node.label.lower()}:x", label=node.label, id=f"{node.label.lower()}:x", **props)
    for rel in RELATIONSHIPS:
        start, end = rel.pairs[0]
        props = {p.name: (["meeting:x"] if p.name.endswith("_ids") else values[p.type]) for p in rel.props}
        g.add_edge(f"{start.lower()}:x", f"{end.lower()}:x", key=rel.type, type=rel.type, **props)
    return g


def test_the_rdf_writer_maps_every_label_relationship_and_property_as_the_schema_says() -> None:
    assert {label: str(iri) for label, iri in NODE_CLASSES.items()} == {
        n.label: str(curie(n.rdf_class)) for n in NODES
    }
    predicates = {p for _, p, _ in graph_triples(_every_property_set())}
    mapped = {prop.rdf for item in (*NODES, *RELATIONSHIPS) for prop in item.props if prop.rdf}
    mapped |= {rel.rdf for rel in RELATIONSHIPS}
    missing = {name for name in mapped if curie(name) not in predicates}
    assert not missing, f"the schema maps these but the RDF writer never writes them: {missing}"


def test_ontology_and_shapes_know_every_class_and_predicate_of_the_schema() -> None:
    ontology = Graph().parse(resource_dir("schema") / "ontology.ttl")
    shapes = Graph().parse(resource_dir("schema") / "shapes.ttl")
    declared = set(ontology.subjects())
    targets = set(shapes.objects(None, SH.targetClass))
    paths = set(shapes.objects(None, SH.path))
    classes = {n.rdf_class for n in NODES} | {r.qualified_by for r in RELATIONSHIPS if r.qualified_by}
    for name in classes:
        assert curie(name) in targets, f"no SHACL shape targets {name}"
    for item in (*NODES, *RELATIONSHIPS):
        for prop in item.props:
            if prop.rdf and prop.rdf.startswith("kg:"):
                assert curie(prop.rdf) in declared, f"ontology.ttl does not declare {prop.rdf}"
    for rel in RELATIONSHIPS:
        if rel.rdf.startswith("kg:"):
            assert curie(rel.rdf) in declared and curie(rel.rdf) in paths | _inverse_paths(shapes), rel.rdf
    assert (None, RDF.type, SH.NodeShape) in shapes


def _inverse_paths(shapes: Graph) -> set[URIRef]:
    return {o for _, _, o in shapes.triples((None, SH.inversePath, None)) if isinstance(o, URIRef)}


def test_the_view_legend_names_only_schema_labels_and_types() -> None:
    from kg.sinks.views.page import EDGE_MEANING, SHAPES

    assert set(SHAPES) <= set(NODE_LABELS)
    assert set(EDGE_MEANING) <= set(REL_TYPES)


def test_every_relationship_reads_the_same_from_both_of_its_ends(examples_graph: nx.MultiDiGraph) -> None:
    """kg.graph writes most nodes and relationships into networkx's dicts itself: the graph must be
    the one networkx's own add_node and add_edge make, read forwards (out_edges) or backwards
    (in_edges), its nodes in the same order."""
    again = nx.MultiDiGraph()
    again.add_nodes_from(examples_graph.nodes(data=True))
    again.add_edges_from(examples_graph.edges(keys=True, data=True))
    assert again._succ == examples_graph._succ and again._pred == examples_graph._pred
    assert again._node == examples_graph._node
    assert list(again._node.items()) == list(examples_graph._node.items())
