"""A view as the data its page draws: vis-network nodes and edges with colours, sizes and positions,
and the entities and events its side panel, search box and filters read."""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Callable
from operator import attrgetter
from typing import Any

from kg.sinks.views.facts import Entity, Event, GraphFacts
from kg.sinks.views.layout import force_layout
from kg.sinks.views.select import ViewSpec

LARGE_VIEW = 1000
"""Above this many nodes, positions are computed in Python and physics is off."""

PALETTE = (
    *("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"),
    *("#e377c2", "#17becf", "#bcbd22", "#393b79", "#637939", "#843c39"),
)
OTHER_COUNTRY = "#9e9e9e"
SHAPES = {"Person": "dot", "Country": "diamond", "Organization": "square"}
EDGE_MEANING = {
    "MET": "met: width = number of meetings",
    "PARTY_TO": "parties to the same agreements: width = number of agreements",
}
WEIGHTED_EDGES = ("MET", "PARTY_TO")
NETWORK_PAGE = "network.html"
"""The actor network's file, beside the index in every build's views folder."""


def country_colours(facts: GraphFacts) -> dict[str, str]:
    """The same colour for a country in every view: the countries with most actors get the palette."""
    counts = Counter(e.country for e in facts.entities.values() if e.country and e.label != "Topic")
    ranked = sorted(counts, key=lambda c: (-counts[c], c))
    return {country: PALETTE[i] for i, country in enumerate(ranked[: len(PALETTE)])}


def _label(entity: Entity) -> str:
    """English and Chinese names on two lines, so the graph reads in both scripts."""
    english = entity.names.get("en")
    chinese = entity.names.get("zh-Hans") or entity.names.get("zh-Hant")
    if english and chinese and english != chinese:
        return f"{english}\n{chinese}"
    return english or chinese or entity.name


def entity_dict(entity: Entity, facts: GraphFacts, href: str | None) -> dict[str, Any]:
    """An entity as pages describe it in their panels."""
    return {
        "kind": entity.label,
        "name": entity.name,
        "names": entity.names,
        "aliases": entity.aliases,
        "titles": entity.titles,
        "country": facts.country_name(entity.country) if entity.label != "Country" else None,
        "search": entity.search_names,
        "href": href,
    }


def full_values(event: Event, facts: GraphFacts) -> tuple[Any, ...]:
    """The event's id (its key on a page) and every value of its dict in full (_event_dict), in
    order: what its JSON text is made of, digested without making the text or its dict (a rebuild
    takes over the pieces of almost every event: only the changed ones need their dict)."""
    return (
        event.id,
        event.id,
        event.kind,
        event.name,
        event.date,
        event.topic_ids,
        event.evidence,
        event.place,
        event.mode,
        event.summary,
        event.meeting,
        [facts.entities[a].name for a in event.actor_ids],
        [topic_name(t, facts) for t in event.topic_ids],
        event.country_ids,
    )


def brief_values(event: Event) -> tuple[Any, ...]:
    """The event's id and every value of its dict in brief (_brief_event_dict), in order."""
    return (event.id, event.kind, True, event.date, event.mode, event.topic_ids, event.country_ids)


def page_event(event_id: str, facts: GraphFacts, full: bool) -> dict[str, Any]:
    """An event as pages embed it, in full or in brief, made once for every page that shows it
    (the same dict every time: do not change it)."""
    made = facts.page_events if full else facts.brief_events
    if event_id not in made:
        event = facts.events[event_id]
        made[event_id] = _event_dict(event, facts) if full else _brief_event_dict(event)
    return made[event_id]


def _event_dict(event: Event, facts: GraphFacts) -> dict[str, Any]:
    # By hand, in the order of Event's fields, as dataclasses.asdict did at ten times the cost.
    return {
        "id": event.id,
        "kind": event.kind,
        "name": event.name,
        "date": event.date,
        "topic_ids": list(event.topic_ids),
        "evidence": [
            {"sentence": sentence, "article": article, "title": title, "href": href}
            for sentence, article, title, href in event.evidence
        ],
        "place": event.place,
        "mode": event.mode,
        "summary": event.summary,
        "meeting": event.meeting,
        "actors": [facts.entities[a].name for a in event.actor_ids],
        "topics": [topic_name(t, facts) for t in event.topic_ids],
        "countries": event.country_ids,
    }


def topic_name(topic_id: str, facts: GraphFacts) -> str:
    topic = facts.entities.get(f"topic:{topic_id}")
    return topic.name if topic else topic_id


def _brief_event_dict(event: Event) -> dict[str, Any]:
    """What a page's filters and tooltips read of an event it does not carry in full."""
    return {
        "kind": event.kind,
        "brief": True,
        "date": event.date,
        "mode": event.mode,
        "topic_ids": event.topic_ids,
        "countries": event.country_ids,
    }


def _node_events(spec: ViewSpec, node_id: str, facts: GraphFacts) -> list[str]:
    if node_id in spec.events_of:
        return spec.events_of[node_id]
    return facts.entities[node_id].events


def with_events(outline: dict[str, Any], facts: GraphFacts) -> dict[str, Any]:
    """A page's data (`outline`, from page_outline) with its events as the page carries them."""
    made, made_brief = facts.page_events, facts.brief_events
    outline["events"] = {
        e: (made.get(e) if full else made_brief.get(e)) or page_event(e, facts, full)
        for e, full in outline["events"].items()
    }
    return outline


def page_outline(
    spec: ViewSpec,
    facts: GraphFacts,
    colours: dict[str, str],
    ego_href: Callable[[str], str | None],
    index_href: str | None,
) -> dict[str, Any]:
    """The data of the page of `spec` but for its events: each event's id and whether the page
    carries it in full (with_events makes them), for a caller that makes the events' text only
    where it needs to (kg.sinks.views.pieced)."""
    degree: Counter[str] = Counter()
    for edge in spec.edges:
        degree[edge.source] += 1
        degree[edge.target] += 1
    large = len(spec.node_ids) > LARGE_VIEW
    positions = force_layout(spec.node_ids, [(e.source, e.target) for e in spec.edges]) if large else {}

    nodes: list[dict[str, Any]] = []
    entities: dict[str, dict[str, Any]] = {}
    used_countries: set[str] = set()
    event_ids: set[str] = set()
    for node_id in spec.node_ids:
        events = _node_events(spec, node_id, facts)
        event_ids.update(events)
        entity = facts.entities[node_id]
        if entity.country:
            used_countries.add(entity.country)
        entities[node_id] = entity_dict(entity, facts, ego_href(node_id))
        node: dict[str, Any] = {
            "id": node_id,
            "label": _label(entity),
            "kind": entity.label,
            "color": colours.get(entity.country or "", OTHER_COUNTRY),
            "shape": SHAPES.get(entity.label, "dot"),
            "degree": degree[node_id],
            "events": events,
            "ego": node_id == spec.ego,
        }
        if large:
            node["x"], node["y"] = positions[node_id]
        nodes.append(node)

    edges: list[dict[str, Any]] = []
    for edge in spec.edges:
        event_ids.update(edge.events)
        edges.append(
            {
                "id": f"{edge.source}|{edge.type}|{edge.target}",
                "from": edge.source,
                "to": edge.target,
                "type": edge.type,
                "weighted": edge.type in WEIGHTED_EDGES,
                "events": list(edge.events),
            }
        )

    told = event_ids if spec.full_events is None else event_ids & spec.full_events
    # An agreement's panel names the meeting it came from, so that meeting travels with it, in full.
    told |= {m for e in told if (m := facts.events[e].meeting) in facts.events}
    event_ids |= told
    shown = [facts.events[e] for e in event_ids]
    # What the events' dicts carry of these (kg.sinks.views.page._event_dict, _brief_event_dict).
    topics = sorted(set().union(*map(attrgetter("topic_ids"), shown)))
    countries = sorted(set().union(*map(attrgetter("country_ids"), shown)))
    kinds_shown = sorted({n["kind"] for n in nodes})
    return {
        "title": spec.title,
        "description": spec.description,
        "notice": spec.notice or _large_notice(large, len(nodes), len(edges)),
        "physics": not large,
        "ego": spec.ego,
        "index": index_href,
        "network": posixpath.join(posixpath.dirname(index_href), NETWORK_PAGE) if index_href else None,
        "nodes": nodes,
        "edges": edges,
        "entities": entities,
        "events": {e: e in told for e in sorted(event_ids)},
        "legend": {
            "colours": [
                {"label": facts.country_name(c), "color": colours[c]} for c in colours if c in used_countries
            ]
            + (
                [{"label": "other or unknown country", "color": OTHER_COUNTRY}]
                if _has_other(nodes, colours)
                else []
            ),
            "shapes": [{"label": k.lower(), "shape": SHAPES.get(k, "dot")} for k in kinds_shown],
            "edges": [EDGE_MEANING[t] for t in sorted({e["type"] for e in edges}) if t in EDGE_MEANING],
            "size": "node size = number of connections in this view",
        },
        "topics": [{"id": t, "name": topic_name(t, facts)} for t in topics],
        "countries": [{"id": c, "name": facts.country_name(c)} for c in countries],
    }


def _has_other(nodes: list[dict[str, Any]], colours: dict[str, str]) -> bool:
    return any(n["color"] == OTHER_COUNTRY for n in nodes)


def _large_notice(large: bool, nodes: int, edges: int) -> str | None:
    if not large:
        return None
    return (
        f"Large view ({nodes:,} nodes, {edges:,} edges): positions computed in advance, physics off. "
        "Zoom in to read labels."
    )
