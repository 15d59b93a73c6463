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

A build keeps its digests (`views.parts`); a rebuild resolved from the previous build's memo takes
over those of the events its change does not reach (`unchanged_digests`) and digests the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kg.records import CorpusChange
from kg.reuse import digest
from kg.sinks.views.facts import GraphFacts, GraphWalk
from kg.sinks.views.page import full_values, topic_name
from kg.sinks.views.relations import Relations

EventNames = dict[str, tuple[list[str | None], list[str]]]
"""Event id -> the names of its countries and topics."""

SHOWN_EVENTS = "views.parts"
"""The digests of a build's events and the links of its articles (kg.reuse.Reuse.keep_record), for
the next build's `unchanged_digests`."""


@dataclass
class ShownEvents:
    """The events of a build as its pages show them, digested."""

    names: EventNames
    digests: dict[str, str]
    """Event id -> the digest of all that any page shows of it."""


def shown_events(facts: GraphFacts, relations: Relations, kept: dict[str, str] | None = None) -> ShownEvents:
    """The digests of the events of `facts`: those in `kept` taken as they are (unchanged_digests)."""
    names = event_names(facts)
    kept = kept or {}
    todo = [event_id for event_id in facts.events if event_id not in kept]
    listed_by = facts.listers() if todo else {}
    items = {item["id"]: item for item in (*relations.meetings, *relations.agreements)} if todo else {}
    digests = dict(kept)
    for event_id in todo:
        item = items.get(event_id)
        digests[event_id] = digest(
            (
                full_values(facts.events[event_id], facts),
                names[event_id],
                listed_by.get(event_id, []),
                tuple(item.values()) if item is not None else None,
            )
        )
    return ShownEvents(names, {event_id: digests[event_id] for event_id in facts.events})


def kept_record(shown: ShownEvents, walked: GraphWalk) -> dict[str, Any]:
    """What the next build's `unchanged_digests` reads of this one."""
    return {"digests": shown.digests, "links": walked.article_links()}


def unchanged_digests(
    previous: Any, change: CorpusChange, facts: GraphFacts, walked: GraphWalk
) -> dict[str, str]:
    """The digests the previous build (its `kept_record`, None when it has none) made of the events
    this one shows as it did: all but those the change reaches (kg.records.CorpusChange). An
    event's digest is made of its own record, the names and countries of its actors, the names of
    their countries, the name, title and link of its articles, and, for a meeting and the agreements
    that came out of it, each other's topics, actors and name: each set of the change stands for
    one of these."""
    if not isinstance(previous, dict):
        return {}
    digests, links = previous.get("digests"), previous.get("links")
    if not isinstance(digests, dict) or not isinstance(links, dict):
        return {}
    changed = _changed_events(change, facts, walked, links)
    return {event_id: made_of for event_id, made_of in digests.items() if event_id not in changed}


def _changed_events(
    change: CorpusChange, facts: GraphFacts, walked: GraphWalk, links: dict[str, str | None]
) -> set[str]:
    events = facts.events
    changed = {e for e in (*change.events, *change.meetings, *change.produced) if e in events}
    actors = change.actors
    if actors:
        changed.update(
            event.id
            for event in events.values()
            if not actors.isdisjoint(event.actor_ids) or not actors.isdisjoint(event.country_ids)
        )
    # A link depends on the folder the build runs in and on the file system (a link followed).
    relinked = {a for a, link in walked.article_links().items() if a not in links or links[a] != link}
    if relinked:
        changed.update(event for article, event, _ in walked.of_type("REPORTS") if article in relinked)
    first = set(changed)
    for event in events.values():
        if event.meeting is not None and (event.id in first or event.meeting in first):
            changed.update((event.id, event.meeting))
    return changed


def event_names(facts: GraphFacts) -> EventNames:
    """Event id -> the names of its countries and topics, each name looked up once."""
    events = facts.events.values()
    country = {c: facts.country_name(c) for c in {c for event in events for c in event.country_ids}}
    topic = {t: topic_name(t, facts) for t in {t for event in events for t in event.topic_ids}}
    return {
        event.id: ([country[c] for c in event.country_ids], [topic[t] for t in event.topic_ids])
        for event in events
    }
