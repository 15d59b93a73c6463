"""graph.json: networkx's node-link form of the graph, a node or a node's links a line, written in
pieces (kg.sinks.pieces) so that a rebuild copies the lines of the nodes that did not change.

The document holds what `networkx.node_link_data(graph, edges="links")` makes (each node's
properties and `id`; each link's properties, `source`, `target` and `key`), every object with its
keys sorted. A node's piece is made of the node id and its properties; the piece of its links, of
the node id and its edges out with their keys and properties: nothing else goes into their text.
Their digests are the graph's own (kg.reuse.GraphDigests: `nodes`, `links`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from kg.reuse import Reuse
from kg.sinks.pieces import PieceWriter, PreviousPieces, keep

_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
_NEXT = ",\n"


def write_graph_json(graph: nx.MultiDiGraph, path: Path, reuse: Reuse | None = None) -> None:
    previous = PreviousPieces.of(reuse, path)
    where = previous.where()
    # Without a version nothing is kept: no digest is worth making.
    digests = reuse.graph_digests(graph) if reuse is not None else None
    nodes: dict[Any, dict[str, Any]] = graph._node
    out_edges: dict[Any, dict[Any, dict[Any, dict[str, Any]]]] = graph._succ
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        writer = PieceWriter(out, previous, reuse)
        head = {"directed": graph.is_directed(), "multigraph": graph.is_multigraph(), "graph": graph.graph}
        writer.write(None, f'{_encode(head)[:-1]}, "nodes": ['.encode())
        first = True
        for node, attrs in nodes.items():
            # The first line has no comma before it: made every time, as the first.
            made_of = None if first or digests is None else digests.nodes[node].hex()
            at = where.get(made_of) if made_of else None
            if at is None:
                line = _encode({**attrs, "id": node})
                writer.write(made_of, f"{'' if first else ','}\n{line}".encode())
            else:
                writer.take_next(at)
            first = False
        writer.write(None, b'\n], "links": [')
        first = True
        for node, neighbours in out_edges.items():
            if not neighbours:
                continue
            made_of = None if first or digests is None else digests.links(node)
            at = where.get(made_of) if made_of else None
            if at is None:
                lines = [
                    _encode({**attrs, "source": node, "target": target, "key": key})
                    for target, keyed in neighbours.items()
                    for key, attrs in keyed.items()
                ]
                writer.write(made_of, f"{'' if first else ','}\n{_NEXT.join(lines)}".encode())
            else:
                writer.take_next(at)
            first = False
        writer.write(None, b"\n]}\n")
        parts = writer.close()
    keep(reuse, path, parts)
