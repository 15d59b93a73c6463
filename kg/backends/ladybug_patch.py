"""A rebuild's embedded database: a copy of the previous build's, patched by the difference.

Each node is a part with two digests (kg.reuse.digest): one of its label and properties, one of
its outgoing relationships (each with its end, key, type and properties). The build keeps them
beside the database (kg.reuse.Reuse.keep_parts); the next build compares its own and, on a copy of
the previous database, deletes the nodes that went (with their relationships), sets again the
properties of the nodes whose properties changed, deletes the outgoing relationships of the nodes
whose outgoing relationships changed and creates them again, with the new nodes and theirs.

Why this is the clean build's database: a relationship the patch keeps leaves a node whose
outgoing relationships have the same digest, so the graph still has it, alike, and its end is
still there under the same label (a node whose label changed goes and comes back, and the nodes
pointing at it make their relationships again). Values go through the same CSV and casts as in a
whole write (LadybugBackend.add_rows, set_rows). When much of the graph changed, writing it whole
is faster, and leaves no unused pages in the file: then nothing is patched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.backends.rows import check_label, edge_rows, node_rows
from kg.reuse import digest

if TYPE_CHECKING:
    from kg.backends.ladybug import LadybugBackend

Parts = dict[str, tuple[str, str, str]]
"""Per node id: its label, the digest of its properties, the digest of its outgoing relationships."""
PATCH_SHARE = 0.2
"""Above this share of the graph's nodes and relationships made again, the database is written whole."""
PATCH_ALWAYS = 2000
"""Rows made again (nodes and relationships) that a patch makes faster than a whole write, in any graph."""


def node_parts(graph: nx.MultiDiGraph) -> Parts | None:
    """The parts of the graph's database; None when a value is not plain (marshal cannot write it)
    and the database can only be written whole."""
    # networkx's own dicts are plain trees of the values sinks read (node-link JSON, or the
    # records' fields), so marshal digests them without a copy.
    successors = graph._succ
    try:
        return {
            node: (attrs.get("label", ""), digest(attrs), digest(successors[node]))
            for node, attrs in graph._node.items()
        }
    except ValueError:
        return None


@dataclass
class Difference:
    removed: dict[str, str] = field(default_factory=dict)
    """Nodes to delete, with the label they were stored under."""
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    """Nodes kept whose properties are set again."""
    rewired: list[str] = field(default_factory=list)
    """Nodes kept whose outgoing relationships are deleted and made again."""

    def nodes_made(self) -> int:
        return len(set(self.removed) | set(self.added) | set(self.changed) | set(self.rewired))

    def rows_made(self, graph: nx.MultiDiGraph) -> int:
        out_degree = graph.out_degree
        made_again = sum(out_degree(node) for node in (*self.added, *self.rewired))
        return len(self.removed) + len(self.added) + len(self.changed) + made_again


def difference(old: Any, new: Parts, graph: nx.MultiDiGraph) -> Difference | None:
    """What turns the database of the parts `old` into that of `new` (the parts of `graph`); None
    when writing the database whole is the better way (much changed, or `old` is no parts)."""
    try:
        diff = _difference(old, new, graph)
    except (ValueError, TypeError, AttributeError):
        return None
    made = diff.rows_made(graph)
    # Counting a multigraph's edges walks all of them: only when the nodes alone do not decide.
    share = PATCH_SHARE * len(new)
    if made > PATCH_ALWAYS and made > share and made > share + PATCH_SHARE * _edge_count(graph):
        return None
    return diff


def _edge_count(graph: nx.MultiDiGraph) -> int:
    # networkx counts a multigraph's edges through its degree views, several times slower.
    return sum(len(keyed) for ends in graph._succ.values() for keyed in ends.values())


def _difference(old: dict[str, tuple[str, str, str]], new: Parts, graph: nx.MultiDiGraph) -> Difference:
    diff = Difference()
    relabeled: list[str] = []
    for node, (label, props, out) in new.items():
        before = old.get(node)
        if before is None:
            diff.added.append(node)
            continue
        old_label, old_props, old_out = before
        if old_label != label:
            diff.removed[node] = old_label
            diff.added.append(node)
            relabeled.append(node)
            continue
        if old_props != props:
            diff.changed.append(node)
        if old_out != out:
            diff.rewired.append(node)
    for node, before in old.items():
        if node not in new:
            diff.removed[node] = before[0]
    # A relationship into a relabeled node lives in a table of its end label: made again too.
    rewired, added = set(diff.rewired), set(diff.added)
    for node in relabeled:
        for start in graph.predecessors(node):
            if start not in rewired and start not in added:
                rewired.add(start)
                diff.rewired.append(start)
    return diff


def apply(backend: LadybugBackend, graph: nx.MultiDiGraph, diff: Difference) -> None:
    """Patch the database of the previous build's parts into that of `graph`."""
    for label, ids in _by_label(diff.removed.items()).items():
        backend.run(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) DETACH DELETE n", {"ids": ids}, write=True)
    labels = graph.nodes
    for label, ids in _by_label((node, labels[node]["label"]) for node in diff.rewired).items():
        backend.run(
            f"UNWIND $ids AS i MATCH (n:{label} {{id: i}})-[r]->() DELETE r", {"ids": ids}, write=True
        )
    backend.set_rows(node_rows(graph, diff.changed))
    backend.add_rows(node_rows(graph, diff.added), edge_rows(graph, [*diff.added, *diff.rewired]), bulk=False)


def _by_label(nodes: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for node, label in nodes:
        grouped[check_label(label)].append(node)
    return dict(grouped)
