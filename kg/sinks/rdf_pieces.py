"""Turtle in pieces (kg.sinks.pieces): a rebuild makes the chunks of the nodes that changed and
copies every other chunk from the previous build's file.

Every subject of the export belongs to one graph node: the node's own IRI, or an IRI under it
(`meeting:x/participant/person/y`, `meeting:x/source/…`, `article:a/sentence/…`). Its triples come
from the node's properties and from the edges into and out of the node, nothing else (the topic
scheme, which lists every topic, is made every time). So the digest of a node, its properties and
its edges with theirs covers every chunk of its subjects. The chunks are sorted by subject: the
chunks made again go between the chunks taken over where their subject sorts.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import networkx as nx

from kg.reuse import Reuse
from kg.sinks.pieces import PieceWriter, PreviousPieces, keep
from kg.sinks.rdf_serialize import TURTLE_END, Triples, turtle_header, turtle_subjects

TriplesAround = Callable[[Collection[str] | None], Triples]
"""The triples of the export that the given nodes (None: all) or their edges make."""


def node_digests(graph: nx.MultiDiGraph, reuse: Reuse) -> dict[str, str] | None:
    """Each node's digest: its id, its properties, its edges out and in with theirs
    (kg.reuse.GraphDigests.around). None when two nodes might share an IRI (ids that are no
    `kind:name` strings), which pieces cannot tell, or when the graph cannot be digested."""
    nodes: dict[Any, dict[str, Any]] = graph._node
    if not all(type(n) is str and ":" in n for n in nodes):
        return None
    digests = reuse.graph_digests(graph)
    return None if digests is None else {n: digests.around(n) for n in nodes}


def owner_iri(subject: str, base: str) -> str:
    """The IRI of the node a subject (under `base`, `base` + kind/name[/...]) belongs to."""
    kind_end = subject.find("/", len(base))
    name_end = subject.find("/", kind_end + 1)
    return subject if name_end < 0 else subject[:name_end]


def write_turtle_pieces(
    graph: nx.MultiDiGraph,
    path: Path,
    reuse: Reuse,
    *,
    triples_around: TriplesAround,
    iri_of: Callable[[str], str],
    node_of: Callable[[str], str],
    base: str,
    prefixes: tuple[tuple[str, str], ...],
) -> None:
    """The Turtle export at `path`, taking over the previous build's chunks of unchanged nodes.

    triples_around(nodes): the triples of the subjects of these nodes (None: of all) complete, and
    of every subject of no node; iri_of(node id) and node_of(node IRI), the node IRIs both ways."""
    digests = node_digests(graph, reuse)
    previous = PreviousPieces.of(reuse, path) if digests is not None else PreviousPieces()
    digests = digests or {}
    remade = [n for n, made_of in digests.items() if made_of not in previous] if previous else list(digests)
    owners = {iri_of(n): digests[n] for n in remade}
    triples = triples_around(remade if previous else None)
    if previous:

        def to_make(iri: str, owner: str) -> bool:
            # A subject of a node taken over was made only because one of its edges was.
            return owner in owners or not iri.startswith(base) or node_of(owner) not in graph

        triples = {iri: made for iri, made in triples.items() if to_make(iri, owner_iri(iri, base))}
    chunks = turtle_subjects(triples, prefixes)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        writer = PieceWriter(out, previous, reuse)
        writer.write(None, turtle_header(prefixes).encode())
        if previous:
            made = [
                (written.encode(), owners.get(owner_iri(iri, base)), chunk.encode())
                for written, iri, chunk in chunks
            ]
            _merge(writer, made, previous.pieces_not_made_of(set(digests.values())))
        else:
            made_of = [owners.get(owner_iri(iri, base)) for _, iri, _ in chunks]
            writer.write_many(made_of, [chunk for *_, chunk in chunks])
        writer.write(None, TURTLE_END.encode())
        parts = writer.close()
    keep(reuse, path, parts)


def _merge(writer: PieceWriter, made: list[tuple[bytes, str | None, bytes]], passed_over: list[int]) -> None:
    """The chunks made (subject, digest, text; sorted by subject) among the previous file's chunks
    but those `passed_over`, which lie sorted by subject between its header and its end."""
    previous = writer.previous
    text = previous.text

    def subject_of(piece: int) -> bytes:
        start = previous.start(piece) + 2  # after the blank line
        return text[start : text.find(b" ", start)]

    def place(subject: bytes, at: int) -> int:
        # Galloping from the last place, then a binary search: where most subjects are made
        # again, each lies a step or two after the one before, not anywhere in the file.
        lo, hi, step = at, at, 1
        while hi < end and subject_of(hi) < subject:
            lo, hi, step = hi + 1, hi + 1 + step, step * 2
        return bisect_left(range(end), subject, lo=lo, hi=min(hi, end), key=subject_of)

    at, end = 1, len(previous.digests) - 1
    for subject, owner, chunk in made:
        at = place(subject, at)
        writer.take_until(at, passed_over)
        writer.write(owner, chunk)
    writer.take_until(end, passed_over)
