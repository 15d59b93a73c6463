"""What the views show about each node, read once from the graph.

A view page carries entities (the nodes it draws) and events (meetings and agreements,
with their evidence sentences); both come from a `GraphFacts` index built here, so that
writing thousands of ego views does not walk the graph again for each one.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote_from_bytes

import networkx as nx

from kg.schema import ACTORS
from kg.sinks.views.render import EventsJson

Evidence = tuple[str, str, str | None, str | None]
"""A sentence reporting an event, and its article's name, title and link: a plain tuple, made by
the tens of thousands and digested as it is (kg.sinks.views.event_digest)."""


@dataclass(slots=True)
class Event:
    """A meeting or an agreement as a side panel lists it."""

    id: str
    kind: str  # "meeting" | "agreement"
    name: str
    date: str | None
    actor_ids: list[str]
    topic_ids: list[str]
    country_ids: list[str]
    reported: Callable[[str], list[Evidence]]
    """Event id -> the sentences reporting it (GraphWalk.evidence_of): made when first asked for."""
    place: str | None = None
    mode: str | None = None
    summary: str | None = None
    meeting: str | None = None

    @property
    def evidence(self) -> list[Evidence]:
        return self.reported(self.id)


@dataclass(slots=True)
class Entity:
    """A node as a side panel describes it: names in every script, titles, its events."""

    id: str
    label: str
    name: str
    names: dict[str, str]
    aliases: list[str]
    titles: list[str]
    country: str | None
    events: list[str] = field(default_factory=list)

    @property
    def search_names(self) -> list[str]:
        return sorted(
            {self.name.lower(), *(n.lower() for n in self.names.values()), *(a.lower() for a in self.aliases)}
        )


@dataclass
class GraphFacts:
    entities: dict[str, Entity]
    events: dict[str, Event]
    met: dict[tuple[str, str], list[str]]
    """Each MET pair (as the graph orders it) and the meetings behind it."""
    met_neighbours: dict[str, set[str]]
    participants: dict[str, list[str]]
    """Actor id -> meetings it took part in."""
    event_rank: dict[str, int]
    """Event id -> its place in the order pages list events in (date, then id), in that order:
    sorting by an int is a third of the cost of sorting by the pair."""
    page_events: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Events as pages embed them, made once and shared by every view."""
    brief_events: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Events as a page embeds those it does not carry in full (kg.sinks.views.select.ViewSpec)."""
    page_event_json: EventsJson = field(default_factory=EventsJson)
    """Both, as the JSON text pages carry (kg.sinks.views.render.page_json)."""
    ego_circles: dict[str, tuple[set[str], list[tuple[str, str]]]] = field(default_factory=dict)
    """Made once for every actor by kg.sinks.views.select.ego_circle (its page's digest and its page
    ask)."""
    _event_sets: dict[str, set[str]] = field(default_factory=dict)
    _listers: dict[str, list[str]] | None = None

    def event_set(self, entity_id: str) -> set[str]:
        """An entity's events as a set, made once."""
        if entity_id not in self._event_sets:
            self._event_sets[entity_id] = set(self.entities[entity_id].events)
        return self._event_sets[entity_id]

    def listers(self) -> dict[str, list[str]]:
        """Event id -> the entities that list it among their events, in id order, made once."""
        if self._listers is None:
            found: dict[str, list[str]] = defaultdict(list)
            for entity_id in sorted(self.entities):
                for event_id in self.entities[entity_id].events:
                    found[event_id].append(entity_id)
            self._listers = dict(found)
        return self._listers

    def country_name(self, country_id: str | None) -> str | None:
        if country_id is None:
            return None
        entity = self.entities.get(country_id)
        return entity.name if entity else country_id


def _href(path: str | None, url: str | None, folders: dict[str, str]) -> str | None:
    """A link to the source article: its URL, else its file (absolute, so it opens from any view)."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    if not path:
        return None
    if os.path.islink(path):
        return Path(path).resolve().as_uri()
    # Resolving asks the disk about every folder in the path: once per folder, not per article;
    # the file's name quoted as Path.as_uri quotes it (os.path, not pathlib: 10,000 articles).
    parent, name = os.path.split(path)
    folder = folders.get(parent)
    if folder is None:
        uri = Path(parent or ".").resolve().as_uri()
        folder = folders[parent] = uri if uri.endswith("/") else uri + "/"
    return folder + quote_from_bytes(os.fsencode(name))


class ArticleLinks:
    """The link of an article node, made once per article: an article reports many events."""

    def __init__(self, graph: nx.MultiDiGraph) -> None:
        self.graph = graph
        self.made: dict[str, str | None] = {}
        """Article id -> its link, for every article asked for so far."""
        self._folders: dict[str, str] = {}

    def __call__(self, article_id: str) -> str | None:
        if article_id not in self.made:
            article = self.graph.nodes[article_id]
            self.made[article_id] = _href(article.get("path"), article.get("url"), self._folders)
        return self.made[article_id]


def _names(data: dict[str, Any]) -> dict[str, str]:
    scripts = {
        "en": data.get("name_en"),
        "zh-Hans": data.get("name_zh_hans"),
        "zh-Hant": data.get("name_zh_hant"),
    }
    if data.get("label") == "Topic":
        scripts = {"en": data.get("name"), "zh-Hans": data.get("label_zh")}
    elif data.get("label") == "Place":
        scripts = {"en": data.get("name"), "zh-Hans": data.get("name_zh")}
    return {script: str(name) for script, name in scripts.items() if name}


def _entity(node_id: str, data: dict[str, Any]) -> Entity:
    label = str(data.get("label", ""))
    country = data.get("country")
    if label == "Country":
        country = node_id
    return Entity(
        id=node_id,
        label=label,
        name=str(data.get("name") or node_id),
        names=_names(data),
        aliases=[str(a) for a in data.get("aliases") or []],
        titles=[str(t) for t in data.get("titles") or []],
        country=str(country) if country else None,
    )


Edge = tuple[str, str, dict[str, Any]]


@dataclass
class GraphWalk:
    """What every reading of the views takes from the graph, taken in one walk (a walk per node
    costs ten times as much): the edges by relationship type, in the graph's order, and the links
    of the articles."""

    graph: nx.MultiDiGraph
    edges: dict[str, list[Edge]]
    link: ArticleLinks
    _reports: dict[str, list[tuple[str, dict[str, Any]]]] | None = None
    _evidence: dict[str, list[Evidence]] = field(default_factory=dict)
    _articles: dict[str, tuple[str, str | None, str | None]] = field(default_factory=dict)
    _all_linked: bool = False

    def of_type(self, rel: str) -> list[Edge]:
        return self.edges.get(rel, [])

    def counts(self) -> dict[str, int]:
        """Relationships per type, in the order the walk first met each type."""
        return {rel: len(edges) for rel, edges in self.edges.items()}

    def evidence_of(self, event_id: str) -> list[Evidence]:
        """The sentences reporting an event, by article and sentence, made when first asked for:
        a rebuild asks for those of the few events whose pages it makes again."""
        found = self._evidence.get(event_id)
        if found is None:
            if self._reports is None:
                reports: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
                for source, target, data in self.of_type("REPORTS"):
                    reports[target].append((source, data))
                self._reports = reports
            found = self._evidence[event_id] = [
                (str(data.get("sentence") or ""), *self._article(source))
                for source, data in self._reports.get(event_id, ())
            ]
            if len(found) > 1:
                found.sort(key=_evidence_order)
        return found

    def _article(self, article_id: str) -> tuple[str, str | None, str | None]:
        """An article's name, title and link, as evidence shows them."""
        told = self._articles.get(article_id)
        if told is None:
            article = self.graph._node[article_id]
            told = (str(article.get("name") or article_id), article.get("title"), self.link(article_id))
            self._articles[article_id] = told
        return told

    def article_links(self) -> dict[str, str | None]:
        """The link of every article that reports an event."""
        if not self._all_linked:
            for article_id in {source for source, _, _ in self.of_type("REPORTS")}:
                self.link(article_id)
            self._all_linked = True
        return self.link.made


def walk(graph: nx.MultiDiGraph) -> GraphWalk:
    edges: dict[str, list[Edge]] = defaultdict(list)
    # graph.edges(data=True)'s order, without its views: a quarter of a million edges.
    successors: dict[Any, dict[Any, dict[Any, dict[str, Any]]]] = graph._succ
    for u, neighbours in successors.items():
        for v, keyed in neighbours.items():
            for data in keyed.values():
                edges[str(data.get("type"))].append((u, v, data))
    return GraphWalk(graph, dict(edges), ArticleLinks(graph))


def _sources_by_target(edges: list[Edge]) -> dict[str, list[str]]:
    """Target -> its sources by these edges, each once, in id order."""
    found: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in edges:
        found[v].add(u)
    return {target: sorted(sources) for target, sources in found.items()}


def _evidence_order(evidence: Evidence) -> tuple[str, str, str, str]:
    sentence, article, title, href = evidence
    return (article, sentence, title or "", href or "")


def read_facts(graph: nx.MultiDiGraph, walked: GraphWalk | None = None) -> GraphFacts:
    """The facts of `graph`; `walked` when the caller has walked it already."""
    walked = walked or walk(graph)
    entities: dict[str, Entity] = {}
    events: dict[str, Event] = {}
    for node_id, data in graph.nodes(data=True):
        label = data.get("label")
        if label in (*ACTORS, "Topic"):
            entities[node_id] = _entity(node_id, data)
    participants: dict[str, list[str]] = defaultdict(list)
    taking_part = {
        "Meeting": _sources_by_target(walked.of_type("PARTICIPATED_IN")),
        "Agreement": _sources_by_target(walked.of_type("PARTY_TO")),
    }
    concerns: dict[str, set[str]] = defaultdict(set)
    for event_id, topic, _ in walked.of_type("CONCERNS"):
        concerns[event_id].add(topic)
    produced_by = _sources_by_target(walked.of_type("PRODUCED"))
    for node_id, data in graph.nodes(data=True):
        label = data.get("label")
        if label not in taking_part:
            continue
        actors = [a for a in taking_part[label].get(node_id, ()) if a in entities]
        topics = sorted(concerns.get(node_id, ()))
        meetings = produced_by.get(node_id)
        place = data.get("place_en") or data.get("place")
        if data.get("place_en") and data.get("place") and data["place"] != data["place_en"]:
            place = f"{data['place_en']} ({data['place']})"
        events[node_id] = Event(
            id=node_id,
            kind="meeting" if label == "Meeting" else "agreement",
            name=str(data.get("name") or node_id),
            date=data.get("date"),
            actor_ids=actors,
            topic_ids=[t.removeprefix("topic:") for t in topics],
            country_ids=sorted({c for a in actors if (c := entities[a].country)}),
            reported=walked.evidence_of,
            place=place,
            mode=data.get("mode"),
            summary=data.get("summary"),
            meeting=meetings[0] if meetings else None,
        )
        for actor in actors:
            entities[actor].events.append(node_id)
            if label == "Meeting":
                participants[actor].append(node_id)
        for topic in topics:
            if topic in entities:
                entities[topic].events.append(node_id)
    _inherit_meeting_topics(events)
    _add_produced_agreements(events, entities)

    met: dict[tuple[str, str], list[str]] = {}
    met_neighbours: dict[str, set[str]] = defaultdict(set)
    for u, v, data in walked.of_type("MET"):
        if u in entities and v in entities:
            met[(u, v)] = sorted(data.get("meeting_ids") or [])
            met_neighbours[u].add(v)
            met_neighbours[v].add(u)
    in_order = sorted(events, key=lambda event_id: (events[event_id].date or "", event_id))
    rank = {event_id: place for place, event_id in enumerate(in_order)}
    for entity in entities.values():
        entity.events = sorted(set(entity.events), key=rank.__getitem__)
    return GraphFacts(entities, events, met, dict(met_neighbours), dict(participants), rank)


def _inherit_meeting_topics(events: dict[str, Event]) -> None:
    """A meeting is about the topics of the agreements it produced (for the topic filter)."""
    for event in events.values():
        if event.kind == "agreement" and event.meeting in events:
            meeting = events[event.meeting]
            meeting.topic_ids = sorted({*meeting.topic_ids, *event.topic_ids})


def _add_produced_agreements(events: dict[str, Event], entities: dict[str, Entity]) -> None:
    """The people at a meeting are listed with the agreements it produced, even when not parties."""
    for event in events.values():
        if event.kind == "agreement" and event.meeting in events:
            for actor in events[event.meeting].actor_ids:
                entities[actor].events.append(event.id)
