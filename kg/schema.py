"""The graph model, defined once: node labels, relationship types (with the labels they join),
their properties, and how each maps to RDF.

kg.graph builds graphs of this shape; the LadybugDB tables are generated from it
(kg.backends.ladybug); the Neo4j constraints and indexes, the RDF writer, the ontology, the
SHACL shapes and the view legend are checked against it by tests/test_schema.py, which fails
on any drift. Property types: `string`, `string[]`, `int`, `int[]`, `float[]`, `bool`, and `date`:
an ISO string known to the year, month or day (stored beside a native DATE column where `day` names
one).
"""

from __future__ import annotations

from dataclasses import dataclass

PropType = str


@dataclass(frozen=True)
class Prop:
    name: str
    type: PropType = "string"
    rdf: str | None = None
    """The RDF predicate (prefixed name) the value is written as; None: not in the RDF form."""
    day: str | None = None
    """For a `date`: the database column holding it as a native DATE when known to the day."""


@dataclass(frozen=True)
class NodeType:
    label: str
    rdf_class: str
    props: tuple[Prop, ...]


@dataclass(frozen=True)
class RelType:
    type: str
    pairs: tuple[tuple[str, str], ...]
    """(start label, end label) for every pair the relationship may join."""
    rdf: str
    props: tuple[Prop, ...] = ()
    qualified_by: str | None = None
    """The RDF class of the node that carries the properties (an n-ary relation), if any."""


_ACTOR_PROPS = (
    Prop("name", rdf="rdfs:label"),
    Prop("name_zh_hans", rdf="schema:name"),
    Prop("name_zh_hant", rdf="schema:name"),
    Prop("name_en", rdf="schema:name"),
    Prop("aliases", "string[]", rdf="schema:alternateName"),
    Prop("names", "string[]"),
    Prop("names_lower", "string[]"),
    Prop("country", rdf="kg:country"),
    Prop("titles", "string[]", rdf="schema:jobTitle"),
    Prop("in_dictionary", "bool", rdf="kg:inDictionary"),
)
ACTORS = ("Person", "Country", "Organization")

_BROKER_PROPS = (
    # A person's betweenness centrality on the MET graph of each year they met someone, computed
    # when the graph is built (kg.brokers), so that every backend reads the same figures without a
    # graph-algorithm plugin: betweenness[i] is the value for the year betweenness_years[i].
    Prop("betweenness_years", "int[]"),
    Prop("betweenness", "float[]"),
)

NODES: tuple[NodeType, ...] = (
    NodeType("Person", "schema:Person", (*_ACTOR_PROPS, *_BROKER_PROPS)),
    NodeType("Country", "schema:Country", _ACTOR_PROPS),
    NodeType("Organization", "schema:Organization", _ACTOR_PROPS),
    NodeType(
        "Meeting",
        "kg:Meeting",
        (
            Prop("name", rdf="rdfs:label"),
            Prop("date", "date", rdf="schema:startDate", day="day"),
            Prop("date_precision"),
            Prop("date_text", rdf="kg:dateText"),
            Prop("mode", rdf="kg:mode"),
            Prop("kind", rdf="kg:kind"),
            Prop("place"),
            Prop("place_en"),
        ),
    ),
    NodeType(
        "Agreement",
        "kg:Agreement",
        (
            Prop("name", rdf="rdfs:label"),
            Prop("summary", rdf="kg:summary"),
            Prop("date", "date", rdf="dcterms:date", day="day"),
            Prop("date_precision"),
            Prop("kind", rdf="kg:kind"),
            Prop("topics", "string[]"),
        ),
    ),
    NodeType("Place", "schema:Place", (Prop("name", rdf="schema:name"), Prop("name_zh", rdf="schema:name"))),
    NodeType(
        "Topic", "skos:Concept", (Prop("name", rdf="skos:prefLabel"), Prop("label_zh", rdf="skos:prefLabel"))
    ),
    NodeType(
        "Article",
        "schema:NewsArticle",
        (
            Prop("name", rdf="kg:fileName"),
            Prop("path", rdf="kg:path"),
            Prop("title", rdf="schema:headline"),
            Prop("url", rdf="schema:url"),
            Prop("published", "date", rdf="schema:datePublished", day="published_day"),
        ),
    ),
)

RELATIONSHIPS: tuple[RelType, ...] = (
    RelType(
        "PARTICIPATED_IN",
        tuple((actor, "Meeting") for actor in ACTORS),
        "kg:participatedIn",
        (
            Prop("role", rdf="kg:role"),
            Prop("name", rdf="kg:nameAsWritten"),
            Prop("title", rdf="kg:titleAsWritten"),
        ),
        qualified_by="kg:Participation",
    ),
    RelType("HELD_IN", (("Meeting", "Place"),), "schema:location"),
    RelType(
        "MET",
        (("Person", "Person"),),
        "kg:met",
        (
            Prop("meetings", "int", rdf="kg:meetingCount"),
            Prop("first", "date", rdf="kg:firstMet"),
            Prop("last", "date", rdf="kg:lastMet"),
            Prop("meeting_ids", "string[]", rdf="kg:viaMeeting"),
        ),
        qualified_by="kg:MetSummary",
    ),
    RelType(
        "REPRESENTS",
        (("Person", "Country"), ("Person", "Organization")),
        "kg:represents",
        (Prop("title", rdf="kg:titleAsWritten"), Prop("as_of", "date", rdf="kg:asOf")),
        qualified_by="kg:Representation",
    ),
    RelType("PART_OF", (("Organization", "Country"), ("Organization", "Organization")), "kg:partOf"),
    RelType("PRODUCED", (("Meeting", "Agreement"),), "kg:produced"),
    RelType(
        "PARTY_TO",
        tuple((actor, "Agreement") for actor in ("Country", "Organization", "Person")),
        "kg:partyTo",
        (Prop("name", rdf="kg:nameAsWritten"), Prop("role", rdf="kg:role")),
        qualified_by="kg:PartyRole",
    ),
    RelType("CONCERNS", (("Agreement", "Topic"),), "kg:concerns"),
    RelType(
        "REPORTS",
        (("Article", "Meeting"), ("Article", "Agreement")),
        "prov:wasDerivedFrom",
        (
            Prop("sentence", rdf="schema:text"),
            Prop("start", "int", rdf="kg:startOffset"),
            Prop("end", "int", rdf="kg:endOffset"),
        ),
        qualified_by="prov:Derivation",
    ),
)

NODE_LABELS: tuple[str, ...] = tuple(n.label for n in NODES)
REL_TYPES: tuple[str, ...] = tuple(r.type for r in RELATIONSHIPS)
NODE_BY_LABEL = {n.label: n for n in NODES}
REL_BY_TYPE = {r.type: r for r in RELATIONSHIPS}
