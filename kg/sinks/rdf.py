"""The graph as RDF (schema/ontology.ttl): Turtle, JSON-LD or N-Triples.

IRIs derive from node ids only (person:wang-yi -> https://kg.example.org/id/person/wang-yi),
and Turtle and N-Triples are written in a canonical order (kg.sinks.rdf_serialize), so the same
graph gives the same bytes whatever order its nodes and edges were added in.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import networkx as nx
from rdflib import RDF, RDFS, XSD, Graph, Namespace, URIRef
from rdflib import Literal as Lit
from rdflib.namespace import DCTERMS, PROV, SKOS
from rdflib.term import Node

from kg.ids import short_hash
from kg.schema import NODES, REL_BY_TYPE, Prop
from kg.sinks.rdf_serialize import Triple, ntriples_text, turtle_text

RdfFormat = Literal["ttl", "jsonld", "nt"]

BASE_IRI = "https://kg.example.org/"
ID_IRI = BASE_IRI + "id/"
KG = Namespace(BASE_IRI + "ontology#")
SCHEMA = Namespace("https://schema.org/")
TOPIC_SCHEME = URIRef(ID_IRI + "scheme/topics")

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

_QUALIFIED: dict[str, tuple[str, URIRef, URIRef, bool]] = {
    # type: (IRI segment, predicate to the start node, to the end node, IRI under the start node)
    "PARTICIPATED_IN": ("participant", KG.participant, KG.meeting, False),
    "PARTY_TO": ("party", KG.party, KG.agreement, False),
    "REPRESENTS": ("represents", KG.representative, KG.represented, True),
    "MET": ("met", KG.person, KG.person, True),
}

_YEAR = re.compile(r"\d{4}")
_YEAR_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def curie(name: str) -> URIRef:
    """`kg:met` -> the full IRI, by the export's prefixes."""
    prefix, _, local = name.partition(":")
    return URIRef(dict(NAMESPACES)[prefix] + local)


NODE_CLASSES: dict[str, URIRef] = {node.label: curie(node.rdf_class) for node in NODES}


def local_path(node_id: str) -> str:
    """The IRI path of a node id: 'person:wang-yi' -> 'person/wang-yi', every other character escaped."""
    kind, sep, name = node_id.partition(":")
    if not sep:
        kind, name = "node", node_id
    return f"{quote(kind, safe='')}/{quote(name, safe='-._~')}"


def node_iri(node_id: str) -> URIRef:
    return URIRef(ID_IRI + local_path(node_id))


def date_literal(text: str) -> Lit:
    """xsd:date, xsd:gYearMonth or xsd:gYear by how much of the date is known.

    Text that is no valid date stays a plain string, which the shapes then reject.
    """
    if _DAY.fullmatch(text):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            return Lit(text)
        return Lit(text, datatype=XSD.date)
    if _YEAR_MONTH.fullmatch(text):
        return Lit(text, datatype=XSD.gYearMonth)
    if _YEAR.fullmatch(text):
        return Lit(text, datatype=XSD.gYear)
    return Lit(text)


@cache
def _to_simplified() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def script_tag(text: str) -> str | None:
    """zh-Hant when converting to simplified changes the text, zh-Hans for other Chinese, en for Latin."""
    if _CJK.search(text):
        return "zh-Hant" if _to_simplified().convert(text) != text else "zh-Hans"
    if _LATIN.search(text):
        return "en"
    return None


def _tagged(text: str) -> Lit:
    return Lit(text, lang=script_tag(text))


class _Writer:
    """Collects the triples of the export as plain tuples: far cheaper than rdflib's store."""

    def __init__(self) -> None:
        self.triples: set[Triple] = set()

    def add(self, s: Node, p: Node, o: Node | str | int | bool | None) -> None:
        if o is None:
            return
        self.triples.add((s, p, o if isinstance(o, Node) else Lit(o)))

    def add_all(self, s: Node, p: Node, values: Iterable[Any] | None) -> None:
        for value in values or ():
            self.add(s, p, value)

    def add_date(self, s: Node, p: Node, text: str | None) -> None:
        if text:
            self.add(s, p, date_literal(text))

    # ------------------------------------------------------------ nodes

    def node(self, node_id: str, data: dict[str, Any]) -> None:
        label = data.get("label")
        cls = NODE_CLASSES.get(str(label))
        if cls is None:
            return
        s = node_iri(node_id)
        self.add(s, RDF.type, cls)
        self.add(s, DCTERMS.identifier, node_id)
        self.add(s, RDFS.label, data.get("name"))
        getattr(self, f"_node_{str(label).lower()}", self._actor)(s, node_id, data)

    def _actor(self, s: URIRef, node_id: str, data: dict[str, Any]) -> None:
        names = [(data.get(key), tag) for key, tag in ACTOR_NAME_TAGS]
        for name, tag in names:
            if name:
                self.add(s, SCHEMA.name, Lit(name, lang=tag))
        if not any(name for name, _ in names) and data.get("name"):
            self.add(s, SCHEMA.name, _tagged(data["name"]))
        self.add_all(s, SCHEMA.alternateName, data.get("aliases"))
        self.add_all(s, SCHEMA.jobTitle, data.get("titles"))
        if data.get("country") and data["country"] != node_id:
            self.add(s, KG.country, node_iri(data["country"]))
        self.add(s, KG.inDictionary, data.get("in_dictionary"))

    def _node_meeting(self, s: URIRef, node_id: str, data: dict[str, Any]) -> None:
        self.add_date(s, SCHEMA.startDate, data.get("date"))
        self.add(s, KG.dateText, data.get("date_text"))
        self.add(s, KG.mode, data.get("mode"))
        self.add(s, KG.kind, data.get("kind"))

    def _node_agreement(self, s: URIRef, node_id: str, data: dict[str, Any]) -> None:
        self.add(s, KG.summary, data.get("summary"))
        self.add_date(s, DCTERMS.date, data.get("date"))
        self.add(s, KG.kind, data.get("kind"))

    def _node_place(self, s: URIRef, node_id: str, data: dict[str, Any]) -> None:
        for key in ("name", "name_zh"):
            if data.get(key):
                self.add(s, SCHEMA.name, _tagged(data[key]))

    def _node_topic(self, s: URIRef, node_id: str, data: dict[str, Any]) -> None:
        self.add(s, SKOS.inScheme, TOPIC_SCHEME)
        self.add(s, SKOS.topConceptOf, TOPIC_SCHEME)
        self.add(TOPIC_SCHEME, SKOS.hasTopConcept, s)
        self.add(s, SKOS.notation, node_id.partition(":")[2] or None)
        if data.get("name"):
            self.add(s, SKOS.prefLabel, Lit(data["name"], lang="en"))
        if data.get("label_zh"):
            self.add(s, SKOS.prefLabel, Lit(data["label_zh"], lang="zh-Hans"))

    def _node_article(self, s: URIRef, node_id: str, data: dict[str, Any]) -> None:
        self.add(s, KG.fileName, data.get("name"))
        self.add(s, KG.path, data.get("path") or None)
        self.add(s, SCHEMA.headline, data.get("title"))
        if data.get("url"):
            self.add(s, SCHEMA.url, Lit(data["url"], datatype=XSD.anyURI))
        self.add_date(s, SCHEMA.datePublished, data.get("published"))

    def topic_scheme(self) -> None:
        self.add(TOPIC_SCHEME, RDF.type, SKOS.ConceptScheme)
        self.add(TOPIC_SCHEME, DCTERMS.identifier, "scheme:topics")
        self.add(TOPIC_SCHEME, SKOS.prefLabel, Lit("Topics", lang="en"))
        self.add(TOPIC_SCHEME, SKOS.prefLabel, Lit("议题", lang="zh-Hans"))

    # ------------------------------------------------------------ edges

    def edge(self, u: str, v: str, data: dict[str, Any]) -> None:
        """The relationship as its predicate (kg.schema); one with properties also as a node of
        its own (a kg:Participation, kg:PartyRole, kg:Representation or kg:MetSummary)."""
        kind = str(data.get("type"))
        rel = REL_BY_TYPE.get(kind)
        if rel is None:
            return
        if kind == "REPORTS":
            self._provenance(u, v, data)
            return
        s, o = node_iri(u), node_iri(v)
        self.add(s, curie(rel.rdf), o)
        if rel.qualified_by is None:
            return
        segment, start_role, end_role, on_start = _QUALIFIED[kind]
        q = URIRef(f"{s}/{segment}/{local_path(v)}" if on_start else f"{o}/{segment}/{local_path(u)}")
        self.add(q, RDF.type, curie(rel.qualified_by))
        self.add(q, start_role, s)
        self.add(q, end_role, o)
        for prop in rel.props:
            self._value(q, prop, data.get(prop.name))

    def _value(self, s: URIRef, prop: Prop, value: Any) -> None:
        predicate = curie(prop.rdf) if prop.rdf else None
        if predicate is None or value is None:
            return
        if prop.type == "date":
            self.add_date(s, predicate, value)
        elif prop.type == "string[]":
            # Lists of ids name other nodes: they become links, not text.
            self.add_all(s, predicate, [node_iri(v) for v in value] if prop.name.endswith("_ids") else value)
        else:
            self.add(s, predicate, value)

    def _provenance(self, article: str, fact: str, data: dict[str, Any]) -> None:
        """fact prov:wasDerivedFrom article, qualified by the sentence that states it."""
        a, f = node_iri(article), node_iri(fact)
        sentence, start, end = data.get("sentence"), data.get("start"), data.get("end")
        self.add(f, PROV.wasDerivedFrom, a)
        derivation = URIRef(f"{f}/source/{short_hash(article, str(start), str(end), str(sentence))}")
        self.add(f, PROV.qualifiedDerivation, derivation)
        self.add(derivation, RDF.type, PROV.Derivation)
        self.add(derivation, PROV.entity, a)
        if sentence is None:
            return
        quote_iri = URIRef(f"{a}/sentence/{start}-{end}-{short_hash(sentence, length=8)}")
        self.add(derivation, KG.evidence, quote_iri)
        self.add(quote_iri, RDF.type, KG.EvidenceSentence)
        self.add(quote_iri, SCHEMA.text, sentence)
        self.add(quote_iri, KG.startOffset, start)
        self.add(quote_iri, KG.endOffset, end)
        self.add(quote_iri, PROV.wasQuotedFrom, a)


def graph_triples(graph: nx.MultiDiGraph) -> set[Triple]:
    """The triples of the RDF form of the graph model; see schema/ontology.ttl for the mapping."""
    writer = _Writer()
    labels = {str(d.get("label")) for _, d in graph.nodes(data=True)}
    if "Topic" in labels:
        writer.topic_scheme()
    for node_id, data in graph.nodes(data=True):
        writer.node(str(node_id), data)
    for u, v, data in graph.edges(data=True):
        writer.edge(str(u), str(v), data)
    return writer.triples


def graph_to_rdf(graph: nx.MultiDiGraph) -> Graph:
    """The RDF form of the graph model as an rdflib Graph, with the export's prefixes bound."""
    rdf = Graph(bind_namespaces="none")
    for prefix, ns in NAMESPACES:
        rdf.bind(prefix, Namespace(ns))
    for triple in graph_triples(graph):
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


def rdf_text(graph: nx.MultiDiGraph, fmt: RdfFormat) -> str:
    if fmt == "ttl":
        return turtle_text(graph_triples(graph), NAMESPACES)
    if fmt == "nt":
        return ntriples_text(graph_triples(graph))
    if fmt == "jsonld":
        return _jsonld(graph_to_rdf(graph))
    raise ValueError(f"unknown RDF format {fmt!r}: expected ttl, jsonld or nt")


def write_rdf(graph: nx.MultiDiGraph, path: Path, fmt: RdfFormat = "ttl") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(rdf_text(graph, fmt), encoding="utf-8", newline="")
    return path
