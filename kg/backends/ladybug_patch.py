"""A rebuild's embedded database: a copy of the previous build's, patched by the difference.

The parts of the database are its nodes and, per node, its outgoing relationships to each end
(the relationships between two nodes, all types and keys together). Each node has a digest of
its id and properties (its label among them), each (start, end) pair one of its relationships
(keys, types, properties) (kg.reuse.GraphDigests; a node's pairs are digested again only when
the digest of all its relationships out changed). The build keeps them beside the database
(kg.reuse.Reuse.keep_parts); the next build compares its own and, on a copy of the previous
database, deletes the nodes that went (with their relationships), sets again the properties of the
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
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.backends.rows import check_label, edge_rows, node_rows
from kg.reuse import Reuse

if TYPE_CHECKING:
    from kg.backends.ladybug import LadybugBackend

Parts = dict[str, tuple[str, bytes, bytes, dict[str, bytes]]]
"""Per node id: its label, the digest of its properties, that of its outgoing relationships, and
per end of these the digest of the relationships to it."""
PATCH_SHARE = 0.4
"""Above this share of the graph's nodes and relationships made again, the database is written whole.
Measured (CPU seconds, events of a graph taken out at random and patched back in): a patch costs as
much as a whole write at about 45-55% of the rows made in a graph of 300k rows (10,000 articles),
35-40% in one of 45k; below break-even, as a patch also leaves unused pages in the file."""
PATCH_ALWAYS = 2000
"""Rows made again (nodes and relationships) that a patch makes faster than a whole write, in any graph
(break-even: 1,000-2,000 rows in a graph of 8k)."""


def node_parts(graph: nx.MultiDiGraph, reuse: Reuse, old: Any = None) -> Parts | None:
    """The parts of the graph's database (from kg.reuse.GraphDigests); None when a value is not
    plain (marshal cannot write it) and the database can only be written whole. The digests of a
    node's pairs are those of the previous build's parts `old` when its relationships out are
    the same: only the nodes whose relationships changed have their pairs digested."""
    digests = reuse.graph_digests(graph)
    if digests is None:
        return None
    nodes, out = digests.nodes, digests.out
    before: dict[str, Any] = old if isinstance(old, dict) else {}
    parts: Parts = {}
    for node, attrs in graph._node.items():
        made_of = out[node]
        pairs = _kept_pairs(before.get(node), made_of)
        if pairs is None:
            pairs = digests.pairs(node)
        parts[node] = (attrs.get("label", ""), nodes[node], made_of, pairs)
    return parts


def _kept_pairs(part: Any, made_of: bytes) -> dict[str, bytes] | None:
    """The pairs of a previous part whose relationships out were made of `made_of`."""
    if type(part) is tuple and len(part) == 4 and part[2] == made_of and type(part[3]) is dict:
        return part[3]
    return None


def part_count(parts: Parts) -> int:
    """Nodes and (start, end) pairs of relationships."""
    return len(parts) + sum(map(len, map(itemgetter(3), parts.values())))


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


def _difference(old: Parts, new: Parts, graph: nx.MultiDiGraph) -> Difference:
    diff = Difference()
    relabeled: list[str] = []
    # Most nodes are unchanged: their parts are compared whole, at C speed.
    for node in [node for node, part in new.items() if old.get(node) != part]:
        label, props, _, ends = new[node]
        before = old.get(node)
        if before is None:
            diff.added.append(node)
            diff.linked[node] = list(ends)
            continue
        old_label, old_props, _, old_ends = before
        if old_label != label:
            diff.removed[node] = old_label
            diff.added.append(node)
            diff.linked[node] = list(ends)
            relabeled.append(node)
            continue
        if old_props != props:
            diff.changed.append(node)
        if old_ends != ends:
            gone = [end for end, made_of in old_ends.items() if ends.get(end) != made_of]
            came = [end for end, made_of in ends.items() if old_ends.get(end) != made_of]
            if gone:
                diff.unlinked[node] = gone
            if came:
                diff.linked[node] = came
    for node, before in old.items():
        if node not in new:
            diff.removed[node] = before[0]
    # Deleting a node deletes its relationships in: those to a node that went, or came back under
    # another label, need no unlinking; those to a relabeled node are made again from its new table.
    for start, gone in list(diff.unlinked.items()):
        kept = [end for end in gone if end not in diff.removed]
        if kept:
            diff.unlinked[start] = kept
        else:
            del diff.unlinked[start]
    added = set(diff.added)
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
