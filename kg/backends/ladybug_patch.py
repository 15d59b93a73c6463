"""A rebuild's embedded database: a copy of the previous build's, patched by the difference.

The parts of the database are its nodes and, per node, its outgoing relationships to each end
(the relationships between two nodes, all types and keys together). Each node has a digest of
its id and properties (its label among them), each (start, end) pair one of its relationships
(keys, types, properties): kg.reuse.GraphDigests, which tells them from those of the previous
build's graph. When the previous build's database has not been written to since (kg.reuse.Reuse.
previous_parts), a rebuild, on a copy of it, deletes the nodes that went (with their
relationships), sets again the properties of the
nodes whose properties changed, deletes the relationships of the pairs that went or changed, and
creates the new nodes, their relationships and those of the pairs that came or changed. A new
meeting of a head of state adds one pair to the thousands the person has: one relationship is
made, not thousands.

Why this is the clean build's database: a relationship the patch keeps belongs to a pair whose
relationships have the same digest, so the graph still has it, alike, and its end is still there
under the same label (a node whose label changed goes and comes back, and the nodes pointing at it
make their relationships to it again). Values go through the same CSV and casts as in a whole
write (LadybugBackend.add_rows, set_rows). When much of the graph changed, writing it whole is
faster, and leaves no unused pages in the file: then nothing is patched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import networkx as nx

from kg.backends.rows import check_label, edge_rows, node_rows
from kg.reuse import GraphDigests

if TYPE_CHECKING:
    from kg.backends.ladybug import LadybugBackend

PATCH_SHARE = 0.4
"""Above this share of the graph's nodes and relationships made again, the database is written whole.
Measured (CPU seconds, events of a graph taken out at random and patched back in): a patch costs as
much as a whole write at about 45-55% of the rows made in a graph of 300k rows (10,000 articles),
35-40% in one of 45k; below break-even, as a patch also leaves unused pages in the file."""
PATCH_ALWAYS = 2000
"""Rows made again (nodes and relationships) that a patch makes faster than a whole write, in any graph
(break-even: 1,000-2,000 rows in a graph of 8k)."""


def part_count(graph: nx.MultiDiGraph) -> int:
    """Nodes and (start, end) pairs of relationships."""
    return len(graph._node) + sum(map(len, graph._succ.values()))


@dataclass
class Difference:
    removed: dict[str, str] = field(default_factory=dict)
    """Nodes to delete, with the label they were stored under."""
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    """Nodes kept whose properties are set again."""
    unlinked: dict[str, list[str]] = field(default_factory=dict)
    """Per node kept, the ends (kept too) to which its relationships are deleted."""
    linked: dict[str, list[str]] = field(default_factory=dict)
    """Per node, the ends to which its relationships are created (an added node's: all)."""

    def parts_made(self) -> int:
        """The nodes and pairs of the new database made (not taken over)."""
        pairs = sum(len(ends) for ends in self.linked.values())
        return len(set(self.added) | set(self.changed)) + pairs

    def rows_made(self, graph: nx.MultiDiGraph) -> int:
        """Nodes deleted, made or set, pairs unlinked and relationships made: the patch's work."""
        successors = graph._succ
        made_again = sum(len(successors[start][end]) for start, ends in self.linked.items() for end in ends)
        unlinked = sum(len(ends) for ends in self.unlinked.values())
        return len(self.removed) + len(self.added) + len(self.changed) + unlinked + made_again


def difference(digests: GraphDigests, graph: nx.MultiDiGraph) -> Difference | None:
    """What turns the database of the previous build's graph (`digests.previous`) into that of
    `graph`; None when writing the database whole is the better way (much changed, or no previous
    graph to patch from)."""
    if not digests.previous:
        return None
    diff = _difference(digests, graph)
    made = diff.rows_made(graph)
    # Counting a multigraph's edges walks all of them: only when the nodes alone do not decide.
    share = PATCH_SHARE * len(graph._node)
    if made > PATCH_ALWAYS and made > share and made > share + PATCH_SHARE * _edge_count(graph):
        return None
    return diff


def _edge_count(graph: nx.MultiDiGraph) -> int:
    # networkx counts a multigraph's edges through its degree views, several times slower.
    return sum(len(keyed) for ends in graph._succ.values() for keyed in ends.values())


def _difference(digests: GraphDigests, graph: nx.MultiDiGraph) -> Difference:
    diff = Difference()
    old, props, successors = digests.previous, digests.nodes, graph._succ
    relabeled: list[str] = []
    for node, attrs in graph._node.items():
        before = old.get(node)
        if before is None or before[0] != attrs.get("label", ""):
            if before is not None:
                diff.removed[node] = before[0]
                relabeled.append(node)
            diff.added.append(node)
            diff.linked[node] = list(successors[node])
        elif before[1] != props[node]:
            diff.changed.append(node)
    added = set(diff.added)
    for node, (gone, came) in digests.relinked.items():
        if node not in added:
            if gone:
                diff.unlinked[node] = gone
            if came:
                diff.linked[node] = came
    diff.removed.update(digests.gone)
    # Deleting a node deletes its relationships in: those to a node that went, or came back under
    # another label, need no unlinking; those to a relabeled node are made again from its new table.
    for start, gone in list(diff.unlinked.items()):
        kept = [end for end in gone if end not in diff.removed]
        if kept:
            diff.unlinked[start] = kept
        else:
            del diff.unlinked[start]
    for node in relabeled:
        for start in graph.predecessors(node):
            if start not in added:
                came = diff.linked.setdefault(start, [])
                if node not in came:
                    came.append(node)
    return diff


def apply(backend: LadybugBackend, graph: nx.MultiDiGraph, diff: Difference) -> None:
    """Patch the database of the previous build's parts into that of `graph`."""
    for label, ids in _by_label(diff.removed.items()).items():
        backend.run(f"UNWIND $ids AS i MATCH (n:{label} {{id: i}}) DETACH DELETE n", {"ids": ids}, write=True)
    labels = graph._node
    pairs: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for start, ends in diff.unlinked.items():
        for end in ends:
            tables = (check_label(labels[start]["label"]), check_label(labels[end]["label"]))
            pairs[tables].append({"source": start, "target": end})
    for (start_label, end_label), unlinked in pairs.items():
        backend.run(
            f"UNWIND $pairs AS p MATCH (a:{start_label} {{id: p.source}})-[r]->"
            f"(b:{end_label} {{id: p.target}}) DELETE r",
            {"pairs": unlinked},
            write=True,
        )
    backend.set_rows(node_rows(graph, diff.changed))
    backend.add_rows(node_rows(graph, diff.added), edge_rows(graph, diff.linked), bulk=False)


def _by_label(nodes: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for node, label in nodes:
        grouped[check_label(label)].append(node)
    return dict(grouped)
