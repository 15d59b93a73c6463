"""Interactive HTML views of the graph (vis-network, as bundled by pyvis), readable offline.

`write_views` writes out_dir/views/: index.html, network.html (who met whom), agreements.html
(countries and organizations joined by their agreements), relations.html (contacts over time,
with plotly.js's basic bundle from views/assets/) and ego/<actor>.html for every actor with meetings.
`write_filtered_view` writes the single page `kg view` asks for.
"""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from kg.errors import InputError
from kg.layout import BuildLayout
from kg.records import CorpusChange
from kg.reuse import Reuse
from kg.sinks.views.contacts import brokers_by_year, first_contacts_by_year, ranked_pairs
from kg.sinks.views.ego_digest import ego_digests
from kg.sinks.views.ego_pieces import PIECES, run_ends, write_ego_page
from kg.sinks.views.event_digest import (
    SHOWN_EVENTS,
    ShownEvents,
    kept_record,
    shown_events,
    unchanged_digests,
)
from kg.sinks.views.facts import GraphFacts, GraphWalk, read_facts, walk
from kg.sinks.views.index import ego_file_name, ego_links, write_index
from kg.sinks.views.page import (
    country_colours,
    page_event,
    page_outline,
    with_events,
)
from kg.sinks.views.pieced import PiecedMember, write_pieced_page
from kg.sinks.views.relations import read_relations, write_relations
from kg.sinks.views.render import Assets, event_json, page_frame, render_page, write_assets
from kg.sinks.views.select import (
    ViewFilter,
    ViewSpec,
    agreements_view,
    ego_view,
    filtered_view,
    network_view,
)

__all__ = ["UnknownName", "ViewFilter", "resolve_name", "write_filtered_view", "write_views"]


class UnknownName(InputError, LookupError):
    """A name given to a filter matches no actor, country or topic in the graph."""


def _write(
    path: Path,
    spec: ViewSpec,
    facts: GraphFacts,
    colours: dict[str, str],
    assets: Assets,
    ego_dir: str | None,
    index_href: str | None,
) -> Path:
    data = with_events(page_outline(spec, facts, colours, ego_links(facts, ego_dir), index_href), facts)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_page(data, assets, facts.page_event_json))
    return path


def _write_corpus_page(
    path: Path,
    spec: ViewSpec,
    facts: GraphFacts,
    colours: dict[str, str],
    reuse: Reuse | None,
    shown: ShownEvents,
) -> Path:
    """A page of the whole corpus (self-contained, beside the index and the ego pages), its events
    in pieces (kg.sinks.views.pieced): a rebuild encodes only the events that changed."""
    data = page_outline(spec, facts, colours, ego_links(facts, "ego"), "index.html")
    events_json = facts.page_event_json

    def encode(event_id: str, full: bool) -> bytes:
        return event_json(event_id, page_event(event_id, facts, full), events_json)

    def made_of(event_id: str, _: bool) -> str:
        # In full or in brief: the event's digest holds both (kg.sinks.views.event_digest).
        return shown.digests[event_id]

    events = PiecedMember(data["events"].items(), encode, is_object=True, made_of=made_of)
    write_pieced_page(path, page_frame(data, Assets()), data, {"events": events}, reuse)
    return path


def write_views(
    graph: nx.MultiDiGraph,
    out_dir: Path,
    *,
    reuse: Reuse | None = None,
    walked: GraphWalk | None = None,
    change: CorpusChange | None = None,
) -> Path:
    """Write every view under out_dir/views/ and return the path of its index.html; `walked`: the
    graph's walk, when the caller has made it (kg.sinks.views.facts.walk); `change`: what changed
    since the graph of the build `reuse` takes over from, whose digests of the events it did not
    reach are taken over (kg.sinks.views.event_digest)."""
    views = BuildLayout(out_dir).views
    walked = walked or walk(graph)
    facts = read_facts(graph, walked)
    relations = read_relations(graph, walked)
    # Without a version nothing is kept: no digest is worth making.
    keeping = reuse if reuse is not None and reuse.keeps else None
    shown = ShownEvents({}, {})
    if keeping is not None:
        kept = {}
        if change is not None:
            kept = unchanged_digests(keeping.previous_record(SHOWN_EVENTS), change, facts, walked)
        shown = shown_events(facts, relations, kept)
        keeping.keep_record(SHOWN_EVENTS, kept_record(shown, walked))
    colours = country_colours(facts)
    network = _write_corpus_page(views / "network.html", network_view(facts), facts, colours, reuse, shown)
    agreements = _write_corpus_page(
        views / "agreements.html", agreements_view(facts), facts, colours, reuse, shown
    )
    write_assets(views / "assets")
    egos = _write_egos(views, facts, colours, keeping, shown)
    glance = {
        "pairs": ranked_pairs(relations),
        "first": first_contacts_by_year(walked),
        "brokers": brokers_by_year(walked),
    }
    page = write_relations(graph, views, relations, reuse, shown=shown.digests.__getitem__)
    return write_index(views, facts, network, agreements, egos, page, glance)


def _write_egos(
    views: Path, facts: GraphFacts, colours: dict[str, str], reuse: Reuse | None, shown: ShownEvents
) -> dict[str, Path]:
    """Every actor's ego page; those whose digest (kg.sinks.views.ego_digest) is the previous
    build's are taken over from it, the others made in pieces (kg.sinks.views.ego_pieces)."""
    shared, ego_dir, index_href = Assets(shared_dir="../assets"), "", "../index.html"
    made_of: dict[str, str] = {}
    if reuse is not None:
        made_of = ego_digests(
            facts, colours, ego_links(facts, ego_dir), (shared.shared_dir, ego_dir, index_href), shown
        )
    ends = run_ends(facts)
    egos: dict[str, Path] = {}
    for actor_id in sorted(facts.participants):
        if actor_id not in facts.entities:
            continue
        path = egos[actor_id] = views / "ego" / ego_file_name(actor_id)
        relative = path.relative_to(views.parent).as_posix()
        if reuse is not None and reuse.link(relative, made_of[actor_id]):
            reuse.link_parts(relative, relative + PIECES)
            continue
        data = page_outline(ego_view(facts, actor_id), facts, colours, ego_links(facts, ego_dir), index_href)
        write_ego_page(path, data, facts, shared, ends, shown, reuse)
    return egos


def resolve_name(graph: nx.MultiDiGraph, text: str, labels: tuple[str, ...]) -> str:
    """The id of the node whose id or any name (any script, any case) is `text`."""
    wanted = text.strip().lower()
    for node_id, data in graph.nodes(data=True):
        if data.get("label") not in labels:
            continue
        names = {str(node_id).lower(), *(str(n).lower() for n in data.get("names_lower") or [])}
        names.update(str(data.get(k) or "").lower() for k in ("name", "label_zh"))
        if wanted in names or (data.get("label") == "Topic" and f"topic:{wanted}" == node_id):
            return str(node_id)
    raise UnknownName(text)


def write_filtered_view(
    graph: nx.MultiDiGraph,
    out_path: Path,
    actor: str | None = None,
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
) -> Path:
    """One self-contained page with the meetings and agreements that pass every filter given.
    `actor` and `country` may be any spelling of a name; `topic` a topic id or name."""
    flt = ViewFilter(
        actor=resolve_name(graph, actor, ("Person", "Country", "Organization")) if actor else None,
        topic=resolve_name(graph, topic, ("Topic",)).removeprefix("topic:") if topic else None,
        since=since,
        until=until,
        country=resolve_name(graph, country, ("Country",)) if country else None,
    )
    facts = read_facts(graph)
    spec = network_view(facts) if flt.is_empty() else filtered_view(facts, flt)
    ego_index = out_path.parent / "ego"
    ego_dir = os.path.relpath(ego_index, out_path.parent) if ego_index.is_dir() else None
    index = out_path.parent / "index.html"
    return _write(
        out_path,
        spec,
        facts,
        country_colours(facts),
        Assets(),
        ego_dir,
        "index.html" if index.is_file() else None,
    )
