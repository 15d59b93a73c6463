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
events (those of kg.sinks.views.event_digest, of all any page shows of them) and of the actors it
draws, cheaper than making the page's data by far.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kg.reuse import digest
from kg.sinks.views.event_digest import EventNames, ShownEvents
from kg.sinks.views.facts import GraphFacts
from kg.sinks.views.page import brief_values, entity_dict
from kg.sinks.views.select import ego_circle


def ego_digests(
    facts: GraphFacts,
    colours: dict[str, str],
    href: Callable[[str], str | None],
    shared: Any,
    shown: ShownEvents,
) -> dict[str, str]:
    """Actor id -> the digest of its ego page, for every actor with meetings. `href` links an
    actor's page as the pages do; `shared` is whatever else the pages are made with (their links,
    where their scripts are); `shown`, the digests of the events (kg.sinks.views.event_digest)."""
    common = digest((colours, [facts.country_name(c) for c in colours], shared))
    told = _told_events(facts, shown.digests)
    met = {pair: _met_edge(facts, pair, meetings, shown.names) for pair, meetings in facts.met.items()}
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


def _told_events(facts: GraphFacts, shown: dict[str, str]) -> dict[str, str | tuple[str, str]]:
    """Event id -> the digests of the event and of the meeting it came from, which a page telling
    the event tells in full too."""
    told: dict[str, str | tuple[str, str]] = {}
    for event_id, event in facts.events.items():
        meeting = event.meeting
        told[event_id] = (shown[event_id], shown[meeting]) if meeting in shown else shown[event_id]
    return told


def _met_edge(facts: GraphFacts, pair: tuple[str, str], meetings: list[str], names: EventNames) -> str:
    """The digest of a MET edge as pages draw it: its meetings in brief."""
    events = facts.events
    brief = [(brief_values(events[m]), names[m]) if m in events else m for m in meetings]
    return digest((pair, brief))
