"""The networkx graph as rows for a database: nodes grouped by label, relationships by
(start label, type, end label), properties as the database stores them.

Stored properties, on both backends:
- every graph property, except that empty strings are stored as null (absent in Neo4j);
- dates stay ISO strings as the graph has them (`date`, `published`, MET `first`/`last`), partial
  dates included (2024-04), because ISO strings order correctly and a partial date must not be
  padded with an invented day; where a date is known to the day a native DATE is added beside it:
  `day` next to `date`, `published_day` next to `published`;
- relationships carry `key`, the multigraph key, which tells apart several relationships of one
  type between two nodes (REPORTS from several sentences) and makes reloading idempotent.
Labels and types are checked against the whitelist in kg.graph: nothing else reaches a database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

import networkx as nx

from kg.schema import NODE_LABELS, NODES, REL_TYPES

_DAY_OF = {p.name: p.day for node in NODES for p in node.props if p.day}


@dataclass(frozen=True)
class EdgeGroup:
    start: str
    type: str
    end: str


class EdgeRow(NamedTuple):
    # A tuple: a graph has hundreds of thousands of relationships, and a frozen dataclass costs
    # several times as much to make.
    start: str
    end: str
    key: str
    props: dict[str, Any]

    def identity(self, rel_type: str) -> str:
        """The same text the Neo4j loader builds for a stored relationship (see schema/neo4j/load)."""
        return f"{self.start}|{rel_type}|{self.key}|{self.end}"


def check_label(label: str) -> str:
    if label not in NODE_LABELS:
        raise ValueError(f"node label {label!r} is not one of {', '.join(NODE_LABELS)}")
    return label


def check_type(rel_type: str) -> str:
    if rel_type not in REL_TYPES:
        raise ValueError(f"relationship type {rel_type!r} is not one of {', '.join(REL_TYPES)}")
    return rel_type


def _day(value: Any) -> date | None:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def stored_props(attrs: dict[str, Any], drop: tuple[str, ...]) -> dict[str, Any]:
    props = {name: None if value == "" else value for name, value in attrs.items() if name not in drop}
    for name, day_name in _DAY_OF.items():
        if name in props:
            props[day_name] = _day(props[name])
    return props


def node_rows(graph: nx.MultiDiGraph, nodes: Iterable[str] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Per label, each node's stored properties (with `id`): of every node, or of `nodes`."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    chosen = graph.nodes(data=True) if nodes is None else ((n, graph.nodes[n]) for n in nodes)
    for node_id, attrs in chosen:
        label = check_label(attrs.get("label", ""))
        props = stored_props(attrs, drop=("label",))
        props["id"] = node_id
        rows[label].append(props)
    return dict(rows)


def edge_rows(
    graph: nx.MultiDiGraph, links: Mapping[str, Iterable[str]] | None = None
) -> dict[EdgeGroup, list[EdgeRow]]:
    """Per (start label, type, end label), the relationships: every one, or, per start of `links`,
    those from it to each of its ends there."""
    rows: dict[EdgeGroup, list[EdgeRow]] = {}
    groups: dict[tuple[str, str, str], list[EdgeRow]] = {}
    # networkx's own dicts, read directly: its edge views cost more than the rows themselves.
    nodes, successors = graph._node, graph._succ
    chosen = successors.items() if links is None else ((start, successors[start]) for start in links)
    for start, out in chosen:
        start_label = nodes[start].get("label", "")
        ends = out if links is None else links[start]
        for end in ends:
            end_label = nodes[end].get("label", "")
            for key, attrs in out[end].items():
                found = (start_label, attrs.get("type", ""), end_label)
                group = groups.get(found)
                if group is None:
                    group = groups[found] = []
                    rows[EdgeGroup(check_label(found[0]), check_type(found[1]), check_label(found[2]))] = (
                        group
                    )
                props = stored_props(attrs, drop=("type",))
                props["key"] = str(key)
                group.append(EdgeRow(start, end, str(key), props))
    return rows


def batches(items: list[Any], size: int) -> list[list[Any]]:
    if size < 1:
        raise ValueError("batch size must be at least 1")
    return [items[i : i + size] for i in range(0, len(items), size)]
