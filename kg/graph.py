"""The in-memory graph every sink reads: a networkx MultiDiGraph.

Node attributes: ``label`` (one of NODE_LABELS) and ``id`` plus plain properties
(str, int, bool, None, or lists of str). Edge attributes: ``type`` (one of
REL_TYPES) plus plain properties; the multigraph key is the type, suffixed where
one pair of nodes has several edges of a type (REPORTS from several sentences).

(:Person)-[:PARTICIPATED_IN {role, name, title}]->(:Meeting)-[:HELD_IN]->(:Place)
(:Person)-[:MET {meetings, first, last, meeting_ids}]->(:Person)   one edge per pair of principals
(:Person {betweenness_years, betweenness})   betweenness on each year's MET graph (kg.brokers)
(:Person)-[:REPRESENTS {title, as_of}]->(:Country|:Organization)
(:Organization)-[:PART_OF]->(:Country)
(:Meeting)-[:PRODUCED]->(:Agreement)<-[:PARTY_TO {name, role}]-(:Country|:Organization|:Person)
(:Agreement)-[:CONCERNS]->(:Topic)
(:Article)-[:REPORTS {sentence, start, end}]->(:Meeting|:Agreement)
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.brokers import betweenness_by_person, year_betweenness, year_pairs
from kg.ids import slug
from kg.records import Actor, ActorRef, ArticleMeta, Corpus, CorpusChange, Meeting, PartialDate, Source
from kg.reuse import Reuse, digest
from kg.schema import NODE_LABELS, REL_TYPES

__all__ = ["NODE_LABELS", "REL_TYPES", "build_graph", "graph_and_change", "read_node_link"]


def article_id(name: str, content_hash: str) -> str:
    """An article's node id: its name (path relative to the corpus folder) and its content hash,
    so two files of one name in two folders are two articles, and an id is the same on every run."""
    return f"article:{name}@{content_hash[:12]}" if content_hash else f"article:{name}"


def place_id(name_en: str | None, name: str) -> str:
    return f"place:{slug(name_en or name)}"


def _date(d: PartialDate | None) -> str | None:
    return d.iso() if d else None


def all_names(actor: Actor) -> list[str]:
    names = {actor.name_zh_hans, actor.name_zh_hant, actor.name_en, *actor.aliases}
    return sorted(n for n in names if n)


def _actor_props(actor: Actor) -> dict[str, Any]:
    return {
        "label": actor.type,
        "id": actor.id,
        "name": actor.display_name,
        "name_zh_hans": actor.name_zh_hans,
        "name_zh_hant": actor.name_zh_hant,
        "name_en": actor.name_en,
        "aliases": sorted(set(actor.aliases)),
        # Every spelling, for matching a query parameter in any script; `names_lower` folds case.
        "names": all_names(actor),
        "names_lower": sorted({n.lower() for n in all_names(actor)}),
        "country": actor.country,
        "titles": sorted({t.title for t in actor.titles}),
        "in_dictionary": actor.in_dictionary,
    } | ({"betweenness_years": [], "betweenness": []} if actor.type == "Person" else {})


def principals(meeting: Meeting) -> list[ActorRef]:
    """The sides of a meeting (host, guest, sender ...), without those who only attended."""
    return [p for p in meeting.participants if p.role != "attendee"]


def meeting_name(meeting: Meeting, actors: dict[str, Actor], sides: list[ActorRef] | None = None) -> str:
    """`sides`: the meeting's principals, when the caller has them."""
    people = [actors[p.id].display_name for p in sides or principals(meeting) if p.id in actors]
    when = f", {meeting.date.iso()}" if meeting.date else ""
    return f"{meeting.kind.replace('_', ' ')}: {' – '.join(people)}{when}"


def _add_sources(
    g: nx.MultiDiGraph, target: str, sources: Iterable[Source], articles: dict[str, str]
) -> None:
    """REPORTS from each source's article (`articles`: the corpus's, by name, to their node ids)."""
    for i, src in enumerate(sources):
        aid = articles.get(src.doc)
        if aid is None:  # an article the corpus does not list: what its source tells of it
            doc = ArticleMeta(id=src.doc_id, name=src.doc, path=src.path, title=src.title, url=src.url)
            aid = _add_article(g, doc)
        attrs = {"type": "REPORTS", "sentence": src.sentence, "start": src.start, "end": src.end}
        _link(g, aid, target, f"REPORTS:{i}", attrs)


def _add_article(g: nx.MultiDiGraph, doc: ArticleMeta) -> str:
    """The article's node (added when the graph has none of its id), and its id."""
    aid = article_id(doc.name, doc.id)
    if aid not in g._node:
        _put_node(
            g,
            aid,
            {
                "label": "Article",
                "id": aid,
                "name": doc.name,
                "path": doc.path,
                "title": doc.title,
                "url": doc.url,
                "published": _date(doc.published),
            },
        )
    return aid


def _put_node(g: nx.MultiDiGraph, node: str, attrs: dict[str, Any]) -> None:
    """g.add_node(node, **attrs), without its keyword packing: a graph of 10,000 articles has
    45,000 nodes (`attrs` becomes the node's own dict)."""
    if node in g._succ:
        g._node[node].update(attrs)
        return
    g._succ[node] = {}
    g._pred[node] = {}
    g._node[node] = attrs


def _link(g: nx.MultiDiGraph, start: str, end: str, key: str, attrs: dict[str, Any]) -> None:
    """g.add_edge(start, end, key, **attrs), without its checks and keyword packing when both
    nodes are in g: a graph of 10,000 articles has a quarter of a million edges."""
    ends = g._succ.get(start)
    if ends is None or end not in g._node:
        g.add_edge(start, end, key=key, **attrs)
        return
    keyed = ends.get(end)
    if keyed is None:
        keyed = ends[end] = g._pred[end][start] = {}
    data = keyed.get(key)
    if data is None:
        keyed[key] = attrs
    else:
        data.update(attrs)


def build_graph(corpus: Corpus, reuse: Reuse | None = None) -> nx.MultiDiGraph:
    """The graph of a resolved corpus; reuse: figures of the previous build to take over."""
    return graph_and_change(corpus, reuse)[0]


def graph_and_change(corpus: Corpus, reuse: Reuse | None = None) -> tuple[nx.MultiDiGraph, set[str] | None]:
    """The graph of a resolved corpus, and the nodes whose properties or relationships out may
    differ from those of the previous build's graph (None: any may, or there is none), from what
    the corpus changed (kg.records.CorpusChange) and the figures `reuse` could not take over."""
    g = nx.MultiDiGraph()
    articles = {doc.name: _add_article(g, doc) for doc in corpus.documents}
    for actor in corpus.actors.values():
        _put_node(g, actor.id, _actor_props(actor))
    for actor in corpus.actors.values():
        if actor.country and actor.country in g and actor.country != actor.id:
            if actor.type == "Person":
                title = actor.titles[-1] if actor.titles else None
                g.add_edge(
                    actor.id,
                    actor.country,
                    key="REPRESENTS",
                    type="REPRESENTS",
                    title=title.title if title else None,
                    as_of=title.as_of if title else None,
                )
            elif actor.type == "Organization":
                g.add_edge(actor.id, actor.country, key="PART_OF", type="PART_OF")
    for topic in corpus.topics.values():
        topic_id = f"topic:{topic.id}"
        _put_node(
            g,
            topic_id,
            {"label": "Topic", "id": topic_id, "name": topic.label_en, "label_zh": topic.label_zh},
        )

    dates: dict[str, str | None] = {}
    people: dict[str, list[str]] = {}
    for m in corpus.meetings:
        date = dates[m.id] = m.date.iso() if m.date else None
        sides = principals(m)
        _put_node(
            g,
            m.id,
            {
                "label": "Meeting",
                "id": m.id,
                "name": meeting_name(m, corpus.actors, sides),
                "date": date,
                "date_precision": m.date.precision if m.date else None,
                "date_text": m.date_text,
                "mode": m.mode,
                "kind": m.kind,
                "place": m.place.name if m.place else None,
                "place_en": m.place.name_en if m.place else None,
            },
        )
        for p in m.participants:
            attrs = {"type": "PARTICIPATED_IN", "role": p.role, "name": p.name, "title": p.title}
            _link(g, p.id, m.id, "PARTICIPATED_IN", attrs)
        # Those who met, not those who attended (attendees reach the meeting through
        # PARTICIPATED_IN {role: 'attendee'} only).
        people[m.id] = sorted({p.id for p in sides if g._node[p.id].get("label") == "Person"})
        if m.place:
            pid = m.place.id or place_id(m.place.name_en, m.place.name)
            if pid not in g._node:
                place = {
                    "label": "Place",
                    "id": pid,
                    "name": m.place.name_en or m.place.name,
                    "name_zh": m.place.name,
                }
                _put_node(g, pid, place)
            g.add_edge(m.id, pid, key="HELD_IN", type="HELD_IN")
        _add_sources(g, m.id, m.sources, articles)
    _add_met_edges(g, corpus.meetings, people, dates)
    rescored = _add_betweenness(g, corpus.meetings, people, reuse)

    for a in corpus.agreements:
        _put_node(
            g,
            a.id,
            {
                "label": "Agreement",
                "id": a.id,
                "name": a.summary[:80],
                "summary": a.summary,
                "date": _date(a.date),
                "date_precision": a.date.precision if a.date else None,
                "kind": a.kind,
                "topics": list(a.topics),
            },
        )
        for p in a.parties:
            role = "representative" if p.role == "representative" else "party"
            _link(g, p.id, a.id, "PARTY_TO", {"type": "PARTY_TO", "name": p.name, "role": role})
        for t in a.topics:
            _link(g, a.id, f"topic:{t}", "CONCERNS", {"type": "CONCERNS"})
        if a.meeting and a.meeting in g:
            g.add_edge(a.meeting, a.id, key="PRODUCED", type="PRODUCED")
        _add_sources(g, a.id, a.sources, articles)
    if corpus.change is None or reuse is None:
        return g, None
    return g, _changed_nodes(corpus, corpus.change, articles, rescored)


def _changed_nodes(
    corpus: Corpus, change: CorpusChange, articles: dict[str, str], rescored: set[str]
) -> set[str]:
    """Every node a change may reach: the events merged again (before and after), the actors they
    name and the articles reporting them (relationships out), the meetings their agreements came
    out of (PRODUCED), their places (a place is named by its first meeting); the actors changed,
    those of their country (REPRESENTS, PART_OF) and the meetings they are principals of (a
    meeting is named by them); the people whose betweenness was computed again."""
    changed = change.events | change.actors | change.named | change.meetings | rescored
    for name, content in change.documents:
        changed.add(article_id(name, content))
        if name in articles:
            changed.add(articles[name])
    changed.update(place.id or place_id(place.name_en, place.name) for place in change.places)
    if change.actors:
        changed.update(a.id for a in corpus.actors.values() if a.country in change.actors)
        changed.update(m.id for m in corpus.meetings if any(p.id in change.actors for p in principals(m)))
    return changed


def _add_met_edges(
    g: nx.MultiDiGraph, meetings: list[Meeting], people: dict[str, list[str]], dates: dict[str, str | None]
) -> None:
    """MET joins every two people who met in one meeting (`people`: per meeting id, the people
    among its principals, sorted), so one delegation of ten is not a clique of forty-five
    acquaintances. `dates`: per meeting id, its date (ISO)."""
    pairs: dict[tuple[str, str], list[Meeting]] = {}
    for m in meetings:
        met = people[m.id]
        for i, a in enumerate(met):
            for b in met[i + 1 :]:
                pairs.setdefault((a, b), []).append(m)
    for (a, b), ms in sorted(pairs.items()):
        met_on = sorted(d for m in ms if (d := dates[m.id]) is not None)
        attrs = {
            "type": "MET",
            "meetings": len(ms),
            "first": met_on[0] if met_on else None,
            "last": met_on[-1] if met_on else None,
            "meeting_ids": sorted(m.id for m in ms),
        }
        _link(g, a, b, "MET", attrs)


def _add_betweenness(
    g: nx.MultiDiGraph, meetings: list[Meeting], people: dict[str, list[str]], reuse: Reuse | None
) -> set[str]:
    """Each person's betweenness; returns the people of the years computed again, not taken over."""
    computed: set[int] = set()

    def of_year(year: int, pairs: list[tuple[str, str]]) -> dict[str, float]:
        made_of = digest(pairs) if reuse is not None else ""
        if reuse is None or not reuse.had(f"betweenness:{year}", made_of):
            computed.add(year)
        if reuse is None:
            return year_betweenness(year, pairs)
        return reuse.remember(f"betweenness:{year}", made_of, lambda: year_betweenness(year, pairs))

    pairs = year_pairs(meetings, lambda meeting: people[meeting.id])
    for person, values in betweenness_by_person(pairs, of_year).items():
        g._node[person]["betweenness_years"] = [year for year, _ in values]
        g._node[person]["betweenness"] = [value for _, value in values]
    return {person for year in computed for pair in pairs[year] for person in pair}


def read_node_link(path: Path) -> nx.MultiDiGraph:
    data = json.loads(path.read_text(encoding="utf-8"))
    g: nx.MultiDiGraph = nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
    # node-link keeps the id only as the node key; sinks read it as an attribute too.
    for node, attrs in g.nodes(data=True):
        attrs.setdefault("id", node)
    return g
