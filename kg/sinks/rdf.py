"""The graph as RDF (schema/ontology.ttl): Turtle, JSON-LD or N-Triples.

IRIs derive from node ids only (person:wang-yi -> https://kg.example.org/id/person/wang-yi).
The mapping collects the triples as plain strings and tuples, and Turtle and N-Triples are
written from them as text, in a canonical order (kg.sinks.rdf_serialize), so the same graph gives
the same bytes whatever order its nodes and edges were added in. rdflib builds a Graph from them
only for JSON-LD and for callers that query it (`graph_to_rdf`).
"""

from __future__ import annotations

import json
import typing
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.term import Node

from kg.gc_policy import collector_paused
from kg.ids import short_hash
from kg.reuse import Reuse
from kg.schema import NODES, REL_BY_TYPE, Prop
from kg.sinks.rdf_literals import date_literal, tagged, value_literal
from kg.sinks.rdf_pieces import write_turtle_pieces
from kg.sinks.rdf_serialize import (
    RDF_TYPE,
    Literal,
    Term,
    Triples,
    ntriples_lines,
    rdflib_triples,
    turtle_chunks,
)

RdfFormat = typing.Literal["ttl", "jsonld", "nt"]

BASE_IRI = "https://kg.example.org/"
ID_IRI = BASE_IRI + "id/"
KG = Namespace(BASE_IRI + "ontology#")
SCHEMA = Namespace("https://schema.org/")
TOPIC_SCHEME = ID_IRI + "scheme/topics"

ACTOR_NAME_TAGS = (("name_zh_hans", "zh-Hans"), ("name_zh_hant", "zh-Hant"), ("name_en", "en"))
# Node-id prefixes that read as Turtle prefixes: person:wang-yi is the IRI's own short form.
ID_PREFIXES = ("person", "country", "org", "meeting", "agreement", "place", "topic", "article")
NAMESPACES: tuple[tuple[str, str], ...] = (
    ("kg", str(KG)),
    ("schema", str(SCHEMA)),
    ("prov", str(PROV)),
    ("skos", str(SKOS)),
    ("dcterms", str(DCTERMS)),
    ("rdf", str(RDF)),
    ("rdfs", str(RDFS)),
    ("xsd", str(XSD)),
    *((prefix, f"{ID_IRI}{prefix}/") for prefix in ID_PREFIXES),
)


class _Vocabulary(dict[str, str]):
    """`V["kg:met"]` -> the full IRI as a plain str, by the export's prefixes (rdflib's terms hash
    differently from str, so the writer's triples hold no rdflib term)."""

    def __missing__(self, name: str) -> str:
        prefix, _, local = name.partition(":")
        self[name] = iri = dict(NAMESPACES)[prefix] + local
        return iri


V = _Vocabulary()

_QUALIFIED: dict[str, tuple[str, str, str, bool]] = {
    # type: (IRI segment, predicate to the start node, to the end node, IRI under the start node)
    "PARTICIPATED_IN": ("participant", V["kg:participant"], V["kg:meeting"], False),
    "PARTY_TO": ("party", V["kg:party"], V["kg:agreement"], False),
    "REPRESENTS": ("represents", V["kg:representative"], V["kg:represented"], True),
    "MET": ("met", V["kg:person"], V["kg:person"], True),
}


def curie(name: str) -> URIRef:
    """`kg:met` -> the full IRI, by the export's prefixes."""
    return URIRef(V[name])


NODE_CLASSES: dict[str, str] = {node.label: V[node.rdf_class] for node in NODES}


def local_path(node_id: str) -> str:
    """The IRI path of a node id: 'person:wang-yi' -> 'person/wang-yi', every other character escaped."""
    kind, sep, name = node_id.partition(":")
    if not sep:
        kind, name = "node", node_id
    return f"{quote(kind, safe='')}/{quote(name, safe='-._~')}"


def node_iri(node_id: str) -> URIRef:
    return URIRef(ID_IRI + local_path(node_id))


def node_of_iri(iri: str) -> str:
    """The node id of a node's IRI (local_path backwards)."""
    kind, _, name = iri.removeprefix(ID_IRI).partition("/")
    return f"{unquote(kind)}:{unquote(name)}"


class _Writer:
    """Collects the triples of the export, grouped by subject and predicate (kg.sinks.rdf_serialize)."""

    def __init__(self) -> None:
        self.triples: Triples = {}
        self._iris: dict[str, str] = {}
        self._paths: dict[str, str] = {}

    def path(self, node_id: str) -> str:
        path = self._paths.get(node_id)
        if path is None:
            path = self._paths[node_id] = local_path(node_id)
        return path

    def iri(self, node_id: str) -> str:
        iri = self._iris.get(node_id)
        if iri is None:
            iri = self._iris[node_id] = ID_IRI + self.path(node_id)
        return iri

    def _objects(self, s: str, p: str) -> list[Term]:
        predicates = self.triples.get(s)
        if predicates is None:
            predicates = self.triples[s] = {}
        objects = predicates.get(p)
        if objects is None:
            objects = predicates[p] = []
        return objects

    def link(self, s: str, p: str, o: str) -> None:
        """s p o, o an IRI."""
        self._objects(s, p).append(o)

    def add(self, s: str, p: str, value: Literal | str | int | bool | None) -> None:
        """s p value, the value a literal; nothing when it is None."""
        if value is not None:
            self._objects(s, p).append(value if type(value) is Literal else value_literal(value))

    def add_all(self, s: str, p: str, values: Iterable[Any] | None) -> None:
        for value in values or ():
            self.add(s, p, value)

    def add_date(self, s: str, p: str, text: str | None) -> None:
        if text:
            self.add(s, p, date_literal(text))

    # ------------------------------------------------------------ nodes

    def node(self, node_id: str, data: dict[str, Any]) -> None:
        label = data.get("label")
        cls = NODE_CLASSES.get(str(label))
        if cls is None:
            return
        s = self.iri(node_id)
        self.link(s, RDF_TYPE, cls)
        self.add(s, V["dcterms:identifier"], node_id)
        self.add(s, V["rdfs:label"], data.get("name"))
        getattr(self, f"_node_{str(label).lower()}", self._actor)(s, node_id, data)

    def _actor(self, s: str, node_id: str, data: dict[str, Any]) -> None:
        names = [(data.get(key), tag) for key, tag in ACTOR_NAME_TAGS]
        for name, tag in names:
            if name:
                self.add(s, V["schema:name"], Literal(name, tag))
        if not any(name for name, _ in names) and data.get("name"):
            self.add(s, V["schema:name"], tagged(data["name"]))
        self.add_all(s, V["schema:alternateName"], data.get("aliases"))
        self.add_all(s, V["schema:jobTitle"], data.get("titles"))
        if data.get("country") and data["country"] != node_id:
            self.link(s, V["kg:country"], self.iri(data["country"]))
        self.add(s, V["kg:inDictionary"], data.get("in_dictionary"))

    def _node_meeting(self, s: str, node_id: str, data: dict[str, Any]) -> None:
        self.add_date(s, V["schema:startDate"], data.get("date"))
        self.add(s, V["kg:dateText"], data.get("date_text"))
        self.add(s, V["kg:mode"], data.get("mode"))
        self.add(s, V["kg:kind"], data.get("kind"))

    def _node_agreement(self, s: str, node_id: str, data: dict[str, Any]) -> None:
        self.add(s, V["kg:summary"], data.get("summary"))
        self.add_date(s, V["dcterms:date"], data.get("date"))
        self.add(s, V["kg:kind"], data.get("kind"))

    def _node_place(self, s: str, node_id: str, data: dict[str, Any]) -> None:
        for key in ("name", "name_zh"):
            if data.get(key):
                self.add(s, V["schema:name"], tagged(data[key]))

    def _node_topic(self, s: str, node_id: str, data: dict[str, Any]) -> None:
        self.link(s, V["skos:inScheme"], TOPIC_SCHEME)
        self.link(s, V["skos:topConceptOf"], TOPIC_SCHEME)
        self.link(TOPIC_SCHEME, V["skos:hasTopConcept"], s)
        self.add(s, V["skos:notation"], node_id.partition(":")[2] or None)
        if data.get("name"):
            self.add(s, V["skos:prefLabel"], Literal(data["name"], "en"))
        if data.get("label_zh"):
            self.add(s, V["skos:prefLabel"], Literal(data["label_zh"], "zh-Hans"))

    def _node_article(self, s: str, node_id: str, data: dict[str, Any]) -> None:
        self.add(s, V["kg:fileName"], data.get("name"))
        self.add(s, V["kg:path"], data.get("path") or None)
        self.add(s, V["schema:headline"], data.get("title"))
        if data.get("url"):
            self.add(s, V["schema:url"], Literal(data["url"], datatype=V["xsd:anyURI"]))
        self.add_date(s, V["schema:datePublished"], data.get("published"))

    def topic_scheme(self) -> None:
        self.link(TOPIC_SCHEME, RDF_TYPE, V["skos:ConceptScheme"])
        self.add(TOPIC_SCHEME, V["dcterms:identifier"], "scheme:topics")
        self.add(TOPIC_SCHEME, V["skos:prefLabel"], Literal("Topics", "en"))
        self.add(TOPIC_SCHEME, V["skos:prefLabel"], Literal("议题", "zh-Hans"))

    # ------------------------------------------------------------ edges

    def edge(self, u: str, v: str, data: dict[str, Any], end: bool = True) -> None:
        """The relationship as its predicate (kg.schema); one with properties also as a node of
        its own (a kg:Participation, kg:PartyRole, kg:Representation or kg:MetSummary). end=False:
        only the triples at or under the start's IRI (not a hub's thousands under its meetings)."""
        kind = str(data.get("type"))
        rel = REL_BY_TYPE.get(kind)
        if rel is None:
            return
        if kind == "REPORTS":
            self._provenance(u, v, data, end)
            return
        s, o = self.iri(u), self.iri(v)
        self.link(s, V[rel.rdf], o)
        if rel.qualified_by is None:
            return
        segment, start_role, end_role, on_start = _QUALIFIED[kind]
        if not (on_start or end):
            return
        q = f"{s}/{segment}/{self.path(v)}" if on_start else f"{o}/{segment}/{self.path(u)}"
        self.link(q, RDF_TYPE, V[rel.qualified_by])
        self.link(q, start_role, s)
        self.link(q, end_role, o)
        for prop in rel.props:
            self._value(q, prop, data.get(prop.name))

    def _value(self, s: str, prop: Prop, value: Any) -> None:
        if not prop.rdf or value is None:
            return
        predicate = V[prop.rdf]
        if prop.type == "date":
            self.add_date(s, predicate, value)
        elif prop.type == "string[]" and prop.name.endswith("_ids"):
            # Lists of ids name other nodes: they become links, not text.
            for node_id in value:
                self.link(s, predicate, self.iri(node_id))
        elif prop.type == "string[]":
            self.add_all(s, predicate, value)
        else:
            self.add(s, predicate, value)

    def _provenance(self, article: str, fact: str, data: dict[str, Any], of_fact: bool = True) -> None:
        """fact prov:wasDerivedFrom article, qualified by the sentence that states it (of_fact=False:
        only the sentence, under the article's IRI)."""
        a = self.iri(article)
        quote_iri = self._quote(a, data)
        if not of_fact:
            return
        f = self.iri(fact)
        sentence, start, end = data.get("sentence"), data.get("start"), data.get("end")
        derivation = f"{f}/source/{short_hash(article, str(start), str(end), str(sentence))}"
        self.link(f, V["prov:wasDerivedFrom"], a)
        self.link(f, V["prov:qualifiedDerivation"], derivation)
        self.link(derivation, RDF_TYPE, V["prov:Derivation"])
        self.link(derivation, V["prov:entity"], a)
        if quote_iri is not None:
            self.link(derivation, V["kg:evidence"], quote_iri)

    def _quote(self, a: str, data: dict[str, Any]) -> str | None:
        """The sentence of a relationship REPORTS, under the IRI `a` of its article."""
        sentence, start, end = data.get("sentence"), data.get("start"), data.get("end")
        if sentence is None:
            return None
        quote_iri = f"{a}/sentence/{start}-{end}-{short_hash(sentence, length=8)}"
        self.link(quote_iri, RDF_TYPE, V["kg:EvidenceSentence"])
        self.add(quote_iri, V["schema:text"], sentence)
        self.add(quote_iri, V["kg:startOffset"], start)
        self.add(quote_iri, V["kg:endOffset"], end)
        self.link(quote_iri, V["prov:wasQuotedFrom"], a)
        return quote_iri


def export_triples(graph: nx.MultiDiGraph, around: Collection[str] | None = None) -> Triples:
    """The triples of the RDF form of the graph model as plain values; schema/ontology.ttl has the mapping.

    around: only what these nodes and their edges make (a superset of the triples of every subject
    at or under their IRIs, those of an edge to a node not around but at or under the start's),
    and the topic scheme."""
    writer = _Writer()
    topics = [node_id for node_id, data in graph.nodes(data=True) if data.get("label") == "Topic"]
    if topics:
        writer.topic_scheme()
    if around is None:
        for node_id, data in graph.nodes(data=True):
            writer.node(str(node_id), data)
        for u, v, data in graph.edges(data=True):
            writer.edge(str(u), str(v), data)
        return writer.triples
    around = set(around)
    for node_id in {*around, *topics}:  # every topic: the scheme lists them all
        writer.node(str(node_id), graph.nodes[node_id])
    for node_id in around:
        for u, v, data in graph.out_edges(node_id, data=True):
            writer.edge(str(u), str(v), data, end=v in around)
        for u, v, data in graph.in_edges(node_id, data=True):
            # Made with the start's edges out when the start is around (a hub's thousands otherwise).
            if not _under_start(data):
                writer.edge(str(u), str(v), data)
    return writer.triples


_UNDER_START = frozenset(
    kind
    for kind, rel in REL_BY_TYPE.items()
    if kind != "REPORTS" and (rel.qualified_by is None or _QUALIFIED[kind][3])
)
"""Relationship types all of whose triples lie at or under the start's IRI (`_Writer.edge`)."""


def _under_start(data: dict[str, Any]) -> bool:
    """Do all the triples of an edge lie at or under its start's IRI? (An unknown type has none.)"""
    kind = str(data.get("type"))
    return kind in _UNDER_START or kind not in REL_BY_TYPE


def graph_triples(graph: nx.MultiDiGraph) -> set[tuple[Node, Node, Node]]:
    """The triples of the RDF form of the graph model, as rdflib terms."""
    return set(rdflib_triples(export_triples(graph)))


def graph_to_rdf(graph: nx.MultiDiGraph) -> Graph:
    """The RDF form of the graph model as an rdflib Graph, with the export's prefixes bound."""
    rdf = Graph(bind_namespaces="none")
    for prefix, ns in NAMESPACES:
        rdf.bind(prefix, Namespace(ns))
    with collector_paused():
        for triple in rdflib_triples(export_triples(graph)):
            rdf.add(triple)
    return rdf


def _jsonld(rdf: Graph) -> str:
    context = dict(NAMESPACES)
    data = json.loads(rdf.serialize(format="json-ld", context=context, auto_compact=True))
    # Nodes and the values of each property are sets in JSON-LD: sorted, they print the same every time.
    nodes = data.get("@graph", [])
    for node in nodes:
        for value in node.values():
            if isinstance(value, list):
                value.sort(key=lambda item: json.dumps(item, ensure_ascii=False, sort_keys=True))
    nodes.sort(key=lambda node: str(node.get("@id")))
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def rdf_chunks(graph: nx.MultiDiGraph, fmt: RdfFormat) -> Iterator[str] | list[str]:
    """The export as pieces of text that, joined, are the whole document."""
    if fmt == "ttl":
        return turtle_chunks(export_triples(graph), NAMESPACES)
    if fmt == "nt":
        return ntriples_lines(export_triples(graph))
    if fmt == "jsonld":
        return [_jsonld(graph_to_rdf(graph))]
    raise ValueError(f"unknown RDF format {fmt!r}: expected ttl, jsonld or nt")


def rdf_text(graph: nx.MultiDiGraph, fmt: RdfFormat) -> str:
    with collector_paused():
        return "".join(rdf_chunks(graph, fmt))


def write_rdf(
    graph: nx.MultiDiGraph, path: Path, fmt: RdfFormat = "ttl", *, reuse: Reuse | None = None
) -> Path:
    """The export at `path`; Turtle with `reuse` in pieces, taking over the previous build's
    chunks of the nodes that did not change (kg.sinks.rdf_pieces)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with collector_paused():
        if fmt == "ttl" and reuse is not None and reuse.keeps:
            write_turtle_pieces(
                graph,
                path,
                reuse,
                triples_around=lambda nodes: export_triples(graph, nodes),
                iri_of=lambda node_id: ID_IRI + local_path(node_id),
                node_of=node_of_iri,
                base=ID_IRI,
                prefixes=NAMESPACES,
            )
            return path
        with path.open("w", encoding="utf-8", newline="") as out:
            out.writelines(rdf_chunks(graph, fmt))
    return path
