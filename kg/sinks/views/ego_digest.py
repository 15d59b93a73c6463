"""What each ego page is made of, as one digest per page, so that a rebuild takes over every ego
page whose digest has not changed (kg.reuse) instead of making it again.

An ego page (kg.sinks.views.select.ego_view, drawn by kg.sinks.views.page.page_outline) is made of
- its actor's events in full, the meetings its agreements came from in full, and, for each
  actor drawn, which of these events the actor shares: each event's full JSON text and the
  actors whose panels list it;
- the actors it met, as their panels describe them (names, titles, country, link to their own
  page), their colour and shape;
- the MET edges among the actors drawn (kg.sinks.views.select.ego_circle), with their meetings
  in brief: a node's size is its degree among them, a large page's layout is theirs;
- what every page shares: the country colours, the names of countries and topics, the links.
An edge a page does not draw is not in its digest: a hub's new meeting with a new counterpart
remakes the pages of the hub, of the counterpart and of the actors who met both, not those of
all the hub's counterparts. The page's code, templates and assets are kg.cache.output_version's,
which the digests are valid for.

Every part is digested once for all pages: a page's digest joins the digests of its actor's
events and of the actors it draws, cheaper than making the page's data by far.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kg.reuse import digest
from kg.sinks.views.facts import GraphFacts
from kg.sinks.views.page import brief_values, entity_dict, page_event_digest, topic_name
from kg.sinks.views.select import ego_circle


def ego_digests(
    facts: GraphFacts,
    colours: dict[str, str],
    href: Callable[[str], str | None],
    shared: Any,
) -> dict[str, str]:
    """Actor id -> the digest of its ego page, for every actor with meetings. `href` links an
    actor's page as the pages do; `shared` is whatever else the pages are made with (their links,
    where their scripts are)."""
    common = digest((colours, [facts.country_name(c) for c in colours], shared))
    names = _event_names(facts)
    told = _told_events(facts, names)
    met = {pair: _met_edge(facts, pair, meetings, names) for pair, meetings in facts.met.items()}
    drawn = {}
    for actor_id in facts.met_neighbours.keys() | facts.participants.keys():
        entity = facts.entities.get(actor_id)
        if entity is not None:
            panel = entity_dict(entity, facts, href(actor_id))
            drawn[actor_id] = digest((actor_id, entity.country, entity.label, panel))
    pages = {}
    for actor_id in facts.participants:
        if actor_id not in facts.entities:
            continue
        circle, pairs = ego_circle(facts, actor_id)
        pages[actor_id] = digest(
            (
                common,
                actor_id,
                [drawn[n] for n in sorted(circle)],
                [met[pair] for pair in pairs],
                [told[e] for e in facts.entities[actor_id].events],
            )
        )
    return pages


EventNames = dict[str, tuple[list[str | None], list[str]]]
"""Event id -> the names of its countries and topics."""


def _event_names(facts: GraphFacts) -> EventNames:
    """Event id -> the names of its countries and topics (a page lists those of the events it
    shows), each name looked up once."""
    events = facts.events.values()
    country = {c: facts.country_name(c) for c in {c for event in events for c in event.country_ids}}
    topic = {t: topic_name(t, facts) for t in {t for event in events for t in event.topic_ids}}
    return {
        event.id: ([country[c] for c in event.country_ids], [topic[t] for t in event.topic_ids])
        for event in events
    }


def _told_events(facts: GraphFacts, names: EventNames) -> dict[str, str]:
    """Event id -> the digest of the event in full, with the meeting it came from, and of the
    actors that list it (on an ego page, each drawn actor's panel lists the events it shares with
    the page's actor)."""
    listed_by = facts.listers()
    told = {}
    for event_id, event in facts.events.items():
        meeting = event.meeting if event.meeting in facts.events else None
        told[event_id] = digest(
            (
                page_event_digest(event_id, facts, True),
                names[event_id],
                (page_event_digest(meeting, facts, True), names[meeting]) if meeting else None,
                listed_by.get(event_id, []),
            )
        )
    return told


def _met_edge(facts: GraphFacts, pair: tuple[str, str], meetings: list[str], names: EventNames) -> str:
    """The digest of a MET edge as pages draw it: its meetings in brief."""
    events = facts.events
    brief = [(brief_values(events[m]), names[m]) if m in events else m for m in meetings]
    return digest((pair, brief))
