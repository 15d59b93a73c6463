"""Turtle and N-Triples are written as text (kg.sinks.rdf_serialize), not by rdflib: a second
implementation (pyoxigraph) and rdflib's own parsers must read back exactly the triples rdflib
builds from the same graph, on the examples, the sample corpus, and names and ids made of the
characters that break hand-written RDF."""

from __future__ import annotations

import networkx as nx
import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.graph import build_graph
from kg.records import Actor, ActorRef, ArticleMeta, Meeting, Place, Source
from kg.sinks.rdf import graph_to_rdf, node_iri, rdf_text
from tests.rdf_sample import HOSTILE, sample_corpus, sample_graph

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
FORMATS = {"ttl": (ox.RdfFormat.TURTLE, "turtle"), "nt": (ox.RdfFormat.N_TRIPLES, "nt")}

# Text at the edges of Turtle's and N-Triples' string syntax.
AWKWARD_TEXTS = [
    '"',
    "ends in a backslash \\",
    "'''\"\"\"",
    "line\u2028separator\u2029paragraph",
    "delete\x7f and escape\x1b",
    "10",
    "true",
    "😀 outside the BMP 𠀀",
    "  spaces around  ",
]
# Node ids whose IRIs are not valid Turtle local names, or only just are.
AWKWARD_PEOPLE = [
    "person:-leading-dash",
    "person:trailing.dot.",
    "person:.leading-dot",
    "person:10",
    "person:_underscore",
    "person:a:b/c#d?e%41 f",
    "person:王毅",
    "no kind at all",
]
AWKWARD_DOC = "a#b%c?d <e> 'f'.txt"


def awkward_graph() -> nx.MultiDiGraph:
    """The sample corpus plus people, an article and a meeting named by awkward ids and text."""
    corpus = sample_corpus()
    for i, person in enumerate(AWKWARD_PEOPLE):
        text = AWKWARD_TEXTS[i % len(AWKWARD_TEXTS)]
        corpus.actors[person] = Actor(
            person, "Person", text, None, text, aliases=AWKWARD_TEXTS, in_dictionary=False
        )
    corpus.documents.append(
        ArticleMeta(AWKWARD_DOC, AWKWARD_DOC, f"x/{AWKWARD_DOC}", HOSTILE, 'https://e.org/?q=<">')
    )
    refs = [corpus.meetings[0].participants[0], *(ActorRef(p, p, "Person") for p in AWKWARD_PEOPLE)]
    sources = [Source(AWKWARD_DOC, text, i * 40, i * 40 + len(text)) for i, text in enumerate(AWKWARD_TEXTS)]
    place = Place(AWKWARD_TEXTS[0], AWKWARD_TEXTS[1])
    corpus.meetings.append(Meeting("meeting:a#b c", refs, "letter", None, AWKWARD_TEXTS[2], place, sources))
    return build_graph(corpus)


@pytest.fixture(params=["examples", "sample", "awkward"])
def graph(request: pytest.FixtureRequest) -> nx.MultiDiGraph:
    if request.param == "examples":
        g: nx.MultiDiGraph = request.getfixturevalue("examples_graph")
        return g
    return sample_graph() if request.param == "sample" else awkward_graph()


def _rdflib(term: ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    assert isinstance(term, ox.Literal), f"the export writes IRIs and literals only, not {term!r}"
    datatype = None if term.language or term.datatype.value == XSD_STRING else URIRef(term.datatype.value)
    return Literal(term.value, lang=term.language, datatype=datatype)


def _folded(triples: Graph | set[tuple[Node, Node, Node]]) -> set[tuple[Node, Node, Node]]:
    """Language tags are case-insensitive; oxigraph writes them lower-case (zh-hans), rdflib as given."""
    return {
        (s, p, Literal(str(o), lang=o.language.lower()) if isinstance(o, Literal) and o.language else o)
        for s, p, o in triples
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_pyoxigraph_reads_the_triples_rdflib_builds(graph, fmt):
    expected = graph_to_rdf(graph)
    store = ox.Store()
    store.load(rdf_text(graph, fmt).encode("utf-8"), format=FORMATS[fmt][0])
    read = {(_rdflib(q.subject), _rdflib(q.predicate), _rdflib(q.object)) for q in store}
    assert len(read) == len(expected)
    missing, extra = _folded(expected) - _folded(read), _folded(read) - _folded(expected)
    assert not missing and not extra, (sorted(missing)[:5], sorted(extra)[:5])


@pytest.mark.parametrize("fmt", FORMATS)
def test_rdflib_parses_the_text_back_to_the_graph_it_builds(graph, fmt):
    parsed = Graph().parse(data=rdf_text(graph, fmt), format=FORMATS[fmt][1])
    assert set(parsed) == set(graph_to_rdf(graph))


def test_awkward_names_and_ids_survive_as_written():
    store = ox.Store()
    store.load(rdf_text(awkward_graph(), "ttl").encode("utf-8"), format=ox.RdfFormat.TURTLE)
    alternate = ox.NamedNode("https://schema.org/alternateName")
    for person in AWKWARD_PEOPLE:
        aliases = {
            q.object.value
            for q in store.quads_for_pattern(ox.NamedNode(str(node_iri(person))), alternate, None)
        }
        assert aliases == set(AWKWARD_TEXTS), person
    quoted = {
        q.object.value for q in store.quads_for_pattern(None, ox.NamedNode("https://schema.org/text"), None)
    }
    assert set(AWKWARD_TEXTS) <= quoted
