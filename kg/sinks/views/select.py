"""Which nodes and edges each view draws: the actor network, agreements, one actor's ego network,
and the filtered view of `kg view`."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import NamedTuple

from kg.sinks.views.facts import GraphFacts

AGREEMENT_PARTY_LABELS = ("Country", "Organization")


class ViewEdge(NamedTuple):
    """An edge a view draws (a tuple: thousands per page of a hub)."""

    source: str
    target: str
    type: str
    events: tuple[str, ...]


@dataclass
class ViewSpec:
    title: str
    description: str
    node_ids: list[str]
    edges: list[ViewEdge]
    ego: str | None = None
    notice: str | None = None
    events_of: dict[str, list[str]] = field(default_factory=dict)
    """Per node, the events its panel lists in this view (default: all of the node's events)."""
    full_events: set[str] | None = None
    """The events the page carries in full, evidence and all (default: every event it shows); of the
    others it carries what its filters and tooltips read, and its panel links to the actor network."""


@dataclass(frozen=True)
class ViewFilter:
    actor: str | None = None
    """An actor id (already resolved from a name)."""
    topic: str | None = None
    since: str | None = None
    until: str | None = None
    country: str | None = None
    """A country id."""

    def is_empty(self) -> bool:
        return not (self.actor or self.topic or self.since or self.until or self.country)


def date_in_range(date: str | None, since: str | None, until: str | None) -> bool:
    """Compare on the parts a (possibly partial) date fixes: 2024-04 is within since 2024-04-15."""
    if not since and not until:
        return True
    if not date:
        return False
    if since and date < since[: len(date)]:
        return False
    return not (until and date > until[: len(date)])


def _met_edges(facts: GraphFacts, keep: set[str] | None = None) -> list[ViewEdge]:
    edges = []
    for (u, v), meetings in sorted(facts.met.items()):
        chosen = tuple(m for m in meetings if keep is None or m in keep)
        if chosen:
            edges.append(ViewEdge(u, v, "MET", chosen))
    return edges


def network_view(facts: GraphFacts) -> ViewSpec:
    """Every actor that took part in a meeting; MET edges weighted by the number of meetings."""
    node_ids = sorted(a for a in facts.participants if a in facts.entities)
    return ViewSpec(
        title="Actor network",
        description="Who met whom: edge width is the number of meetings, colour the country, size the degree",
        node_ids=node_ids,
        edges=_met_edges(facts),
    )


def _agreement_parties(facts: GraphFacts, actor_ids: list[str]) -> list[str]:
    """The countries and organizations an agreement binds: a person party stands for its country."""
    parties = set()
    for actor_id in actor_ids:
        entity = facts.entities[actor_id]
        if entity.label in AGREEMENT_PARTY_LABELS:
            parties.add(actor_id)
        elif entity.country in facts.entities:
            parties.add(entity.country)
    return sorted(parties)


def agreements_view(facts: GraphFacts, keep: set[str] | None = None) -> ViewSpec:
    """Countries and organizations, one edge per pair of parties standing for all their agreements."""
    by_pair: dict[tuple[str, str], list[str]] = defaultdict(list)
    for event in map(facts.events.__getitem__, facts.event_rank):
        if event.kind != "agreement" or (keep is not None and event.id not in keep):
            continue
        parties = _agreement_parties(facts, event.actor_ids)
        for pair in combinations(parties, 2):
            by_pair[pair].append(event.id)
    edges = [ViewEdge(u, v, "PARTY_TO", tuple(events)) for (u, v), events in sorted(by_pair.items())]
    node_ids = sorted({n for pair in by_pair for n in pair})
    agreements_of: dict[str, set[str]] = defaultdict(set)
    for (u, v), events in by_pair.items():
        agreements_of[u].update(events)
        agreements_of[v].update(events)
    events_of = {n: sorted(agreements_of[n], key=facts.event_rank.__getitem__) for n in node_ids}
    return ViewSpec(
        title="Agreements",
        description="Countries and organizations; an edge stands for the agreements two parties reached, "
        "its width for their number. Click an edge for the agreements and their evidence.",
        node_ids=node_ids,
        edges=edges,
        events_of=events_of,
    )


def ego_view(facts: GraphFacts, actor_id: str) -> ViewSpec:
    """One actor, the people it met and the meetings among them; panels list what involves the actor."""
    ego = facts.entities[actor_id]
    circle, pairs = ego_circle(facts, actor_id)
    edges = [ViewEdge(u, v, "MET", tuple(facts.met[(u, v)])) for u, v in pairs]
    events_of = _shared_events(facts, actor_id, circle)
    events_of[actor_id] = list(ego.events)
    # The meetings among the actors met without this one are told in brief: carried in full, they
    # would make every ego view of a hub as large as the whole network, and all of them together
    # grow with the square of the corpus.
    return ViewSpec(
        title=f"Ego network: {ego.name}",
        description=f"{ego.name}, the actors met and the meetings among them.",
        node_ids=sorted(circle),
        edges=edges,
        ego=actor_id,
        events_of=events_of,
        full_events=facts.event_set(actor_id),
    )


def ego_circle(facts: GraphFacts, actor_id: str) -> tuple[set[str], list[tuple[str, str]]]:
    """The actors an ego page draws (the actor and those it met) and the MET pairs among them, in
    order: all a page draws of the meetings of others (kg.sinks.views.ego_digest digests it)."""
    if not facts.ego_circles:
        _all_ego_circles(facts)
    made = facts.ego_circles.get(actor_id)
    if made is None:  # an actor that met no one
        made = facts.ego_circles[actor_id] = ({actor_id}, [])
    return made


def _all_ego_circles(facts: GraphFacts) -> None:
    """Every actor's circle and its pairs, made at once: a pair lies in the circle of each actor
    in both its actors' circles (a set intersection per pair, where a walk per actor would go
    through every pair of every actor met, a hub's hundreds many times over)."""
    circles = {actor: {actor, *met} for actor, met in facts.met_neighbours.items()}
    pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for pair in sorted(facts.met):
        for actor in circles[pair[0]] & circles[pair[1]]:
            pairs[actor].append(pair)
    for actor, circle in circles.items():
        facts.ego_circles[actor] = (circle, pairs.get(actor, []))


def _shared_events(facts: GraphFacts, actor_id: str, circle: set[str]) -> dict[str, list[str]]:
    """Per actor of the circle but `actor_id`, the events of `actor_id` it lists too, in their
    order (date and id): one walk over the actor's events, each listed by a few entities, where
    a hub's neighbours have many events each."""
    shared: dict[str, list[str]] = {n: [] for n in circle if n != actor_id}
    listers = facts.listers()
    for event_id in facts.entities[actor_id].events:
        for entity_id in listers.get(event_id, ()):
            if entity_id in shared:
                shared[entity_id].append(event_id)
    return shared


def _selected_events(facts: GraphFacts, flt: ViewFilter) -> set[str]:
    chosen = set()
    for event in facts.events.values():
        if not date_in_range(event.date, flt.since, flt.until):
            continue
        if flt.topic and flt.topic not in event.topic_ids:
            continue
        if flt.country and flt.country not in event.country_ids:
            continue
        if (
            flt.actor
            and flt.actor not in event.actor_ids
            and event.id not in facts.entities[flt.actor].events
        ):
            continue
        chosen.add(event.id)
    return chosen


def filtered_view(facts: GraphFacts, flt: ViewFilter) -> ViewSpec:
    """The meetings and agreements that pass every filter: their actors, MET and agreement edges."""
    chosen = _selected_events(facts, flt)
    meetings = {e for e in chosen if facts.events[e].kind == "meeting"}
    agreements = agreements_view(facts, keep={e for e in chosen if facts.events[e].kind == "agreement"})
    edges = _met_edges(facts, keep=meetings) + agreements.edges
    # Like the filters inside a page: no node without an edge, but the actor asked for.
    node_ids = {n for edge in edges for n in (edge.source, edge.target)}
    if flt.actor:
        node_ids.add(flt.actor)
    events_of = {
        n: sorted(
            {e for e in facts.entities[n].events if e in chosen} | set(agreements.events_of.get(n, [])),
            key=facts.event_rank.__getitem__,
        )
        for n in node_ids
    }
    parts = [
        f"actor {facts.entities[flt.actor].name}" if flt.actor else "",
        f"topic {flt.topic}" if flt.topic else "",
        f"country {facts.country_name(flt.country)}" if flt.country else "",
        f"from {flt.since}" if flt.since else "",
        f"until {flt.until}" if flt.until else "",
    ]
    what = ", ".join(p for p in parts if p) or "everything"
    return ViewSpec(
        title=f"Filtered view: {what}",
        description=f"{len(meetings)} meetings and {len(chosen - meetings)} agreements matching {what}.",
        node_ids=sorted(node_ids),
        edges=edges,
        ego=flt.actor,
        events_of=events_of,
    )
