"""One digest per event of all that any page shows of it, made once per build for every page that
takes over its pieces or its file (kg.reuse): the network and agreements pages, the relations page
and the ego pages.

An event's digest is made of
- its id and the values of its dict in full (kg.sinks.views.page.full_values), which hold those in
  brief;
- the names of its countries and topics (a page lists those of the events it shows);
- the entities whose panels list it (on an ego page, each drawn actor's panel lists the events it
  shares with the page's actor);
- its item on the relations page (kg.sinks.views.relations.read_relations), but for its evidence,
  which is made of the sentences, articles' names, titles and links its dict in full holds.
One digest where each kind of page made its own (the event in full, its relations item with that,
its part of the ego pages with both): a third of the digests. What it costs: a page is made again
when what another page alone shows of an event changed (a title that changes the level on the
relations page remakes the event's piece of the network page), a few events of a rebuild.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.reuse import digest
from kg.sinks.views.facts import GraphFacts
from kg.sinks.views.page import full_values, topic_name
from kg.sinks.views.relations import Relations

EventNames = dict[str, tuple[list[str | None], list[str]]]
"""Event id -> the names of its countries and topics."""


@dataclass
class ShownEvents:
    """The events of a build as its pages show them, digested."""

    names: EventNames
    digests: dict[str, str]
    """Event id -> the digest of all that any page shows of it."""


def shown_events(facts: GraphFacts, relations: Relations) -> ShownEvents:
    names = event_names(facts)
    listed_by = facts.listers()
    on_relations = {item["id"]: tuple(item.values()) for item in (*relations.meetings, *relations.agreements)}
    digests = {
        event_id: digest(
            (
                full_values(event, facts),
                names[event_id],
                listed_by.get(event_id, []),
                on_relations.get(event_id),
            )
        )
        for event_id, event in facts.events.items()
    }
    return ShownEvents(names, digests)


def event_names(facts: GraphFacts) -> EventNames:
    """Event id -> the names of its countries and topics, each name looked up once."""
    events = facts.events.values()
    country = {c: facts.country_name(c) for c in {c for event in events for c in event.country_ids}}
    topic = {t: topic_name(t, facts) for t in {t for event in events for t in event.topic_ids}}
    return {
        event.id: ([country[c] for c in event.country_ids], [topic[t] for t in event.topic_ids])
        for event in events
    }
