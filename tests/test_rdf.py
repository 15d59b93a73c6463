"""RDF export: conforms to its SHACL shapes, round-trips through JSON-LD, is byte-stable, and
answers "who met Wang Yi" as the graph does (tests/test_rdf_text.py: a second implementation
reads Turtle and N-Triples as the triples rdflib builds)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as rdfns
from rdflib.compare import isomorphic

from kg.graph import build_graph, read_node_link
from kg.resources import resource_dir
from kg.sinks.node_link import write_graph_json
from kg.sinks.rdf import KG, SCHEMA, graph_to_rdf, node_iri, rdf_text, write_rdf
from tests.rdf_sample import (
    DOC_HOSTILE,
    DOC_PHNOM_PENH,
    HOSTILE,
    SENTENCE_PHNOM_PENH,
    sample_corpus,
    sample_graph,
)

ROOT = Path(__file__).resolve().parent.parent
PREFIXES = """
PREFIX kg: <https://kg.example.org/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
# The person ?who names: an id, or a name or alias in any script, case folded (as the Cypher does).
_PERSON_NAMED = """
  ?actor a schema:Person .
  ?actor dcterms:identifier|schema:name|schema:alternateName ?name .
  FILTER (lcase(str(?name)) = lcase(str(?who)))
"""
# People who met that person, both ways round (kg:met is symmetric, written once per pair).
WHO_MET_SPARQL = (
    PREFIXES
    + """
SELECT DISTINCT ?id ?who WHERE {"""
    + _PERSON_NAMED
    + """
  { ?actor kg:met ?other } UNION { ?other kg:met ?actor }
  ?other dcterms:identifier ?id .
}
"""
)
# The same answer from the events themselves: the other principals of a meeting the person led.
WHO_MET_BY_MEETINGS_SPARQL = (
    PREFIXES
    + """
SELECT DISTINCT ?id ?who WHERE {"""
    + _PERSON_NAMED
    + """
  ?mine kg:participant ?actor ; kg:meeting ?meeting ; kg:role ?my_role .
  ?theirs kg:participant ?other ; kg:meeting ?meeting ; kg:role ?their_role .
  ?other a schema:Person ; dcterms:identifier ?id .
  # MET joins the principals of a meeting: those who only attended met no one through it.
  FILTER (?other != ?actor && ?my_role != "attendee" && ?their_role != "attendee")
}
"""
)


@pytest.fixture
def shapes() -> Graph:
    # Fresh for each test: pySHACL adds triples of its own to the shapes graph it validates with.
    return Graph().parse(resource_dir("schema") / "shapes.ttl")


@pytest.fixture
def ontology() -> Graph:
    return Graph().parse(resource_dir("schema") / "ontology.ttl")


@pytest.fixture(params=["sample", "examples"])
def graph(request: pytest.FixtureRequest) -> nx.MultiDiGraph:
    if request.param == "examples":
        g: nx.MultiDiGraph = request.getfixturevalue("examples_graph")
        return g
    return sample_graph()


def _validate(rdf: Graph, shapes: Graph, ontology: Graph) -> tuple[bool, str]:
    conforms, _, text = pyshacl.validate(rdf, shacl_graph=shapes, ont_graph=ontology, inference="none")
    return bool(conforms), str(text)


def _oxigraph(text: str, fmt: ox.RdfFormat) -> ox.Store:
    store = ox.Store()
    store.load(text.encode("utf-8"), format=fmt)
    return store


def test_export_conforms_to_shapes(graph, shapes, ontology):
    conforms, report = _validate(graph_to_rdf(graph), shapes, ontology)
    assert conforms, report


def test_every_class_in_the_export_has_a_shape(graph, shapes):
    rdf = graph_to_rdf(graph)
    SH = "http://www.w3.org/ns/shacl#"
    targeted = set(shapes.objects(None, URIRef(SH + "targetClass")))
    used = set(rdf.objects(None, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")))
    assert used <= targeted, f"classes without a shape: {sorted(used - targeted)}"


def test_every_kg_term_in_the_export_is_defined_by_the_ontology(graph, ontology):
    rdf = graph_to_rdf(graph)
    used = {p for _, p, _ in rdf} | set(rdf.objects(None, rdfns.RDF.type))
    ours = {t for t in used if str(t).startswith(str(KG))}
    defined = set(ontology.subjects(rdfns.RDF.type, None))
    assert ours <= defined, f"not in schema/ontology.ttl: {sorted(ours - defined)}"
    assert ours, "the export uses no kg: terms at all"


@pytest.mark.parametrize(
    "breakage",
    [
        "unknown meeting mode",
        "person without a name",
        "name in an undeclared language",
        "property the ontology does not define",
        "month 13",
        "fact without its article",
        "sentence without offsets",
    ],
)
def test_shapes_reject_a_broken_export(breakage, shapes, ontology):
    rdf = graph_to_rdf(sample_graph())
    wang_yi, talks = node_iri("person:wang-yi"), node_iri("meeting:phnom-penh-2024-04-21")
    if breakage == "unknown meeting mode":
        rdf.set((talks, KG.mode, Literal("carrier pigeon")))
    elif breakage == "person without a name":
        rdf.remove((wang_yi, SCHEMA.name, None))
    elif breakage == "name in an undeclared language":
        rdf.add((wang_yi, SCHEMA.name, Literal("Wang Yi", lang="fr")))
    elif breakage == "property the ontology does not define":
        rdf.add((wang_yi, KG.favouriteColour, Literal("red")))
    elif breakage == "month 13":
        rdf.set((talks, SCHEMA.startDate, Literal("2024-13")))
    elif breakage == "fact without its article":
        rdf.remove((talks, rdfns.PROV.wasDerivedFrom, None))
    elif breakage == "sentence without offsets":
        rdf.remove((None, KG.startOffset, None))
    conforms, _ = _validate(rdf, shapes, ontology)
    assert not conforms


def test_jsonld_parses_back_to_the_same_graph(graph):
    text = rdf_text(graph, "jsonld")
    assert isomorphic(Graph().parse(data=text, format="json-ld"), graph_to_rdf(graph))


def test_turtle_is_byte_identical_across_runs(tmp_path):
    script = (
        "import sys; from pathlib import Path; from tests.rdf_sample import sample_graph; "
        "from kg.sinks.rdf import write_rdf; write_rdf(sample_graph(), Path(sys.argv[1]), 'ttl')"
    )
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"run{seed}.ttl"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(out)], cwd=ROOT, env=env, check=True)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].decode("utf-8").count("a schema:Person") == 5


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld"])
def test_output_does_not_depend_on_the_order_facts_arrived_in(fmt):
    corpus = sample_corpus()
    forward = rdf_text(build_graph(corpus), fmt)
    corpus.documents.reverse()
    corpus.meetings.reverse()
    corpus.agreements.reverse()
    corpus.actors = dict(reversed(list(corpus.actors.items())))
    for agreement in corpus.agreements:
        agreement.topics.reverse()
    assert rdf_text(build_graph(corpus), fmt) == forward


def test_turtle_from_graph_json_equals_turtle_from_the_graph(graph, tmp_path):
    """`kg export` reads out/graph.json; what it writes must be what `kg build` writes."""
    write_graph_json(graph, tmp_path / "graph.json")
    write_rdf(read_node_link(tmp_path / "graph.json"), tmp_path / "graph.ttl", "ttl")
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == rdf_text(graph, "ttl")


def _met_in_graph(graph: nx.MultiDiGraph, actor: str) -> set[str]:
    return {
        str(other)
        for u, v, data in graph.edges(data=True)
        if data.get("type") == "MET" and actor in (u, v)
        for other in (u, v)
        if other != actor
    }


def _sparql_ids(store: ox.Store, query: str, who: str) -> set[str]:
    rows = store.query(query, substitutions={ox.Variable("who"): ox.Literal(who)})
    return {str(row["id"].value) for row in rows}  # type: ignore[index, union-attr]


@pytest.mark.parametrize("who", ["person:wang-yi", "Wang Yi", "王毅", "wang yi"])
def test_sparql_who_met_wang_yi_matches_the_graph(graph, who):
    store = _oxigraph(rdf_text(graph, "ttl"), ox.RdfFormat.TURTLE)
    expected = _met_in_graph(graph, "person:wang-yi")
    assert expected, "Wang Yi met no one: the graph lost the seed meetings"
    assert _sparql_ids(store, WHO_MET_SPARQL, who) == expected
    assert _sparql_ids(store, WHO_MET_BY_MEETINGS_SPARQL, who) == expected


def test_sample_who_met_wang_yi():
    store = _oxigraph(rdf_text(sample_graph(), "nt"), ox.RdfFormat.N_TRIPLES)
    graph = sample_graph()
    met = {
        u if v == "person:wang-yi" else v
        for u, v, d in graph.edges(data=True)
        if d["type"] == "MET" and "person:wang-yi" in (u, v)
    }
    assert "person:sok-chenda-sok" in met
    assert _sparql_ids(store, WHO_MET_SPARQL, "Wang Yi") == met


@pytest.mark.parametrize("who", ["Wang Yi", "王毅"])
def test_sparql_and_the_cypher_named_query_agree_on_who_met_wang_yi(graph, who, tmp_path):
    """The same question to the RDF (SPARQL in oxigraph) and to the embedded database (Cypher)."""
    from kg.backends.base import run_named
    from kg.backends.ladybug import open_embedded, write_embedded
    from kg.queries import load_query

    write_embedded(graph, tmp_path)
    backend = open_embedded(tmp_path)
    try:
        rows = run_named(backend, load_query("who-met-whom"), {"actor": who, "limit": 10_000}).records()
    finally:
        backend.close()
    wang_yi = graph.nodes["person:wang-yi"]["name"]
    by_cypher = {name for row in rows for name in (row["person"], row["other"])} - {wang_yi}
    store = _oxigraph(rdf_text(graph, "ttl"), ox.RdfFormat.TURTLE)
    by_sparql = {graph.nodes[i]["name"] for i in _sparql_ids(store, WHO_MET_SPARQL, who)}
    assert by_sparql == by_cypher
    assert by_sparql


def _article(graph: nx.MultiDiGraph, name: str) -> str:
    [node] = [n for n, d in graph.nodes(data=True) if d["label"] == "Article" and d["name"] == name]
    return node


def test_hostile_text_round_trips_in_every_format():
    graph = sample_graph()
    person, article = node_iri("person:hostile"), node_iri(_article(graph, DOC_HOSTILE))
    for fmt, rdflib_fmt, ox_fmt in (
        ("ttl", "turtle", ox.RdfFormat.TURTLE),
        ("nt", "nt", ox.RdfFormat.N_TRIPLES),
        ("jsonld", "json-ld", None),
    ):
        text = rdf_text(graph, fmt)
        parsed = Graph().parse(data=text, format=rdflib_fmt)
        assert Literal(HOSTILE, lang="zh-Hans") in set(parsed.objects(person, SCHEMA.name)), fmt
        assert Literal(HOSTILE) in set(parsed.objects(article, SCHEMA.headline)), fmt
        if ox_fmt is not None:
            store = _oxigraph(text, ox_fmt)
            headline = ox.NamedNode(str(SCHEMA.headline))
            quads = store.quads_for_pattern(ox.NamedNode(str(article)), headline, None)
            values = [q.object.value for q in quads]
            assert values == [HOSTILE], fmt


def test_names_dates_and_evidence_as_a_user_reads_them():
    graph = sample_graph()
    rdf = graph_to_rdf(graph)
    names = set(rdf.objects(node_iri("person:xi-jinping"), SCHEMA.name))
    assert names == {
        Literal("习近平", lang="zh-Hans"),
        Literal("習近平", lang="zh-Hant"),
        Literal("Xi Jinping", lang="en"),
    }
    dates = {
        "meeting:phnom-penh-2024-04-21": Literal("2024-04-21", datatype=rdfns.XSD.date),
        "meeting:phone-2024-06": Literal("2024-06", datatype=rdfns.XSD.gYearMonth),
        "meeting:hostile": Literal("2023", datatype=rdfns.XSD.gYear),
    }
    for meeting, date in dates.items():
        assert rdf.value(node_iri(meeting), SCHEMA.startDate) == date
    rows = list(
        rdf.query(
            PREFIXES
            + """SELECT ?article ?text ?start ?end WHERE {
                ?meeting prov:qualifiedDerivation ?d . ?d prov:entity ?article ; kg:evidence ?s .
                ?s schema:text ?text ; kg:startOffset ?start ; kg:endOffset ?end ;
                   prov:wasQuotedFrom ?article .
            }""",
            initBindings={"meeting": node_iri("meeting:phnom-penh-2024-04-21")},
        )
    )
    assert [(r[0], str(r[1]), int(r[2]), int(r[3])) for r in rows] == [  # type: ignore[index]
        (node_iri(_article(graph, DOC_PHNOM_PENH)), SENTENCE_PHNOM_PENH, 10, 10 + len(SENTENCE_PHNOM_PENH))
    ]


def test_iris_are_derived_from_node_ids():
    assert str(node_iri("person:wang-yi")) == "https://kg.example.org/id/person/wang-yi"
    odd = node_iri('article:a b/"c".txt')
    assert str(odd) == "https://kg.example.org/id/article/a%20b%2F%22c%22.txt"
    assert node_iri("person:a/b") != node_iri("person/a:b")


def test_ontology_and_shapes_parse_in_both_implementations():
    # Parsed afresh: pySHACL adds a few triples of its own to a shapes graph it is given.
    for name in ("ontology.ttl", "shapes.ttl"):
        text = (resource_dir("schema") / name).read_text(encoding="utf-8")
        assert len(_oxigraph(text, ox.RdfFormat.TURTLE)) == len(Graph().parse(data=text, format="turtle")) > 0
