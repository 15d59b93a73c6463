"""views/relations.html: how relations between countries change over time.

For a country, or a pair of countries: meetings per month or quarter stacked by mode, the level of
the highest participant (kg.levels, from titles), and agreements by topic on the same time axis;
a click on a bar lists its events with their evidence. Charts are drawn by plotly.js's basic partial
bundle (bar, scatter and pie traces: a quarter of the full bundle, so the page is drawn sooner), vendored
in kg/sinks/views/assets/, copied once to views/assets/ and loaded from there (never from a CDN).

The rules are those of the named queries (contacts-by-quarter, topics-of-pair): a meeting is
between the countries that people taking part in it represent (REPRESENTS), and an agreement is
between the countries party to it (PARTY_TO).
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx

from kg.levels import OTHER, Levels
from kg.reuse import Reuse, digest
from kg.sinks.views.facts import GraphWalk, walk
from kg.sinks.views.pieced import PiecedMember, list_item_json, write_pieced_page
from kg.sinks.views.render import DATA_MARK, LOCAL_SCRIPTS, fill, page_policy, template

PAGE = "relations.html"
PLOTLY_JS = "plotly-basic.min.js"
PLOTLY_LICENSE = "plotly-basic.LICENSE"
PLOTLY_VERSION = "4.1.1"
"""plotly.js-basic-dist-min from npm, MIT; see kg/sinks/views/assets/README.md."""
RELATIONS_JS = "relations.js"
MODES = ("in_person", "video", "phone", "letter")


@cache
def plotly_js() -> bytes:
    """The vendored plotly.js basic bundle, byte for byte as npm ships it."""
    return (resources.files("kg.sinks.views") / "assets" / PLOTLY_JS).read_bytes()


def _plotly_license() -> bytes:
    return (resources.files("kg.sinks.views") / "assets" / PLOTLY_LICENSE).read_bytes()


@dataclass
class Relations:
    """Meetings and agreements with the countries they join, as the page embeds them but for their
    evidence, the last member of each, made only for the items the page makes again (`told`)."""

    countries: dict[str, dict[str, Any]]
    meetings: list[dict[str, Any]]
    agreements: list[dict[str, Any]]
    topics: dict[str, str]
    evidence: Callable[[str], list[list[str | None]]]
    """Event id -> its evidence as the page carries it."""

    def told(self, item: dict[str, Any]) -> dict[str, Any]:
        """A meeting or an agreement as the page carries it, evidence and all."""
        return {**item, "evidence": self.evidence(item["id"])}

    @cached_property
    def pair_contacts(self) -> Counter[tuple[str, str]]:
        """(country, country) in id order -> meetings in which people of both took part, counted
        once for the page and the index."""
        counts: Counter[tuple[str, str]] = Counter()
        for meeting in self.meetings:
            counts.update(combinations(meeting["countries"], 2))
        return counts


def read_relations(graph: nx.MultiDiGraph, walked: GraphWalk | None = None) -> Relations:
    """The relations of `graph`; `walked` when the caller has walked it already."""
    # networkx's own dict of node attributes: its NodeView costs a Python call per lookup (188,000).
    nodes: dict[Any, dict[str, Any]] = graph._node
    walked = walked or walk(graph)
    level_of = _LevelReader()
    represents = defaultdict(set)
    for person, country, _ in walked.of_type("REPRESENTS"):
        if nodes[country].get("label") == "Country":
            represents[person].add(country)
    reported = walked.evidence_of

    def evidence(event_id: str) -> list[list[str | None]]:
        told = [[sentence, title or article, href] for sentence, article, title, href in reported(event_id)]
        return sorted(told, key=_evidence_order)

    taking_part: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
    for actor, meeting, data in walked.of_type("PARTICIPATED_IN"):
        taking_part[meeting].append((actor, data.get("title")))
    parties: dict[str, set[str]] = defaultdict(set)
    for actor, agreement, _ in walked.of_type("PARTY_TO"):
        if nodes[actor].get("label") == "Country":
            parties[agreement].add(actor)
    produced = {agreement: meeting for meeting, agreement, _ in walked.of_type("PRODUCED")}

    meetings: list[dict[str, Any]] = []
    for meeting_id, people in taking_part.items():
        data = nodes[meeting_id]
        persons = [(a, t) for a, t in people if nodes[a].get("label") == "Person"]
        # The title written at the meeting, else every title the person is known by.
        level = level_of.highest(
            [level_of.titles((t,) if t else tuple(nodes[a].get("titles") or ())) for a, t in persons]
        )
        meetings.append(
            {
                "id": meeting_id,
                "date": data.get("date"),
                "mode": data.get("mode") or "unknown",
                "level": level,
                "countries": sorted({c for a, _ in persons for c in represents.get(a, ())}),
                "name": data.get("name"),
                "place": data.get("place_en") or data.get("place"),
            }
        )
    agreements: list[dict[str, Any]] = []
    for agreement_id, sides in parties.items():
        data = nodes[agreement_id]
        source_meeting = produced.get(agreement_id)
        agreements.append(
            {
                "id": agreement_id,
                "date": data.get("date"),
                "countries": sorted(sides),
                "topics": sorted(data.get("topics") or []),
                "summary": data.get("summary"),
                "meeting": nodes[source_meeting].get("name") if source_meeting else None,
            }
        )
    used = {c for event in (*meetings, *agreements) for c in event["countries"]}
    countries = {c: {"name": nodes[c].get("name") or c} for c in sorted(used)}
    topics = {
        str(node).removeprefix("topic:"): str(data.get("name") or node)
        for node, data in graph.nodes(data=True)
        if data.get("label") == "Topic"
    }
    meetings.sort(key=lambda m: (m["date"] or "", m["id"]))
    agreements.sort(key=lambda a: (a["date"] or "", a["id"]))
    return Relations(countries, meetings, agreements, topics, evidence)


def _evidence_order(evidence: list[str | None]) -> tuple[str, str, str]:
    sentence, title, href = evidence
    return (title or "", sentence or "", href or "")


class _LevelReader:
    """kg.levels read once per set of titles: a corpus names the same officials again and again."""

    def __init__(self) -> None:
        self.levels = Levels.load()
        self._rank = {level: rank for rank, level in enumerate(self.levels.order)}
        self._known: dict[tuple[str, ...], str] = {}

    def highest(self, levels: list[str]) -> str:
        return min(levels, key=self._rank.__getitem__) if levels else OTHER

    def titles(self, titles: tuple[str, ...]) -> str:
        level = self._known.get(titles)
        if level is None:
            level = self._known[titles] = self.levels.of_titles(titles)
        return level


def _page_data(relations: Relations, index_href: str) -> dict[str, Any]:
    pairs = relations.pair_contacts
    contacts: Counter[str] = Counter()
    for (a, b), count in pairs.items():
        contacts[a] += count
        contacts[b] += count
    ranked = sorted(relations.countries, key=lambda c: (-contacts[c], relations.countries[c]["name"]))
    top_pair = max(pairs.items(), key=lambda kv: (kv[1], kv[0]), default=None)
    levels = Levels.load()
    return {
        "countries": [{"id": c, **relations.countries[c], "contacts": contacts[c]} for c in ranked],
        "start": list(top_pair[0]) if top_pair else ranked[:1],
        # The modes of the grammar in their order, then any other a graph holds.
        "modes": [*MODES, *sorted({m["mode"] for m in relations.meetings} - set(MODES))],
        "levels": [[level, levels.labels[level]] for level in levels.order],
        "topics": relations.topics,
        "meetings": relations.meetings,
        "agreements": relations.agreements,
        "index": index_href,
    }


def write_relations(
    graph: nx.MultiDiGraph,
    views: Path,
    relations: Relations | None = None,
    reuse: Reuse | None = None,
    shown: Callable[[str], str] | None = None,
) -> Path:
    """views/relations.html, with plotly.js and the page's script in views/assets/; its meetings
    and agreements in pieces (kg.sinks.views.pieced), taken over from the previous build when
    unchanged. `shown(event_id)`: a digest of all the page shows of an event, its item and its
    evidence (kg.sinks.views.event_digest), so that no item is digested again."""
    relations = relations or read_relations(graph)
    assets = views / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    (assets / PLOTLY_JS).write_bytes(plotly_js())
    (assets / PLOTLY_LICENSE).write_bytes(_plotly_license())
    (assets / RELATIONS_JS).write_text(template(RELATIONS_JS), encoding="utf-8")
    values: dict[str, str | bytes] = {
        "CSP": html.escape(page_policy(LOCAL_SCRIPTS), quote=False),
        "CSS": template("view.css") + template("relations.css"),
        "DATA": DATA_MARK,
    }
    data = _page_data(relations, "index.html")

    def made_of(event_id: str, item: dict[str, Any]) -> str:
        if shown is not None:
            return shown(event_id)
        return digest((list(item.values()), relations.evidence(event_id)))

    def encode(_: str, item: dict[str, Any]) -> bytes:
        return list_item_json(None, relations.told(item))

    pieced = {
        key: PiecedMember(((item["id"], item) for item in data[key]), encode, False, made_of)
        for key in ("meetings", "agreements")
    }
    path = views / PAGE
    write_pieced_page(path, fill("relations.html", values), data, pieced, reuse)
    return path
