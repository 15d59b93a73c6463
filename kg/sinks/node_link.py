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
        node_items = list(nodes.items())
        writer.write_listed(
            where,
            len(node_items),
            [digests.nodes[node].hex() for node, _ in node_items] if digests else None,
            lambda index, first: _node_text(*node_items[index], first),
        )
        writer.write(None, b'\n], "links": [')
        linking = [(node, neighbours) for node, neighbours in out_edges.items() if neighbours]
        writer.write_listed(
            where,
            len(linking),
            [digests.links(node) for node, _ in linking] if digests else None,
            lambda index, first: _links_text(*linking[index], first),
        )
        writer.write(None, b"\n]}\n")
        parts = writer.close()
    keep(reuse, path, parts)


def _node_text(node: Any, attrs: dict[str, Any], first: bool) -> bytes:
    return f"{'' if first else ','}\n{_encode({**attrs, 'id': node})}".encode()


def _links_text(node: Any, neighbours: dict[Any, dict[Any, dict[str, Any]]], first: bool) -> bytes:
    lines = [
        _encode({**attrs, "source": node, "target": target, "key": key})
        for target, keyed in neighbours.items()
        for key, attrs in keyed.items()
    ]
    return f"{'' if first else ','}\n{_NEXT.join(lines)}".encode()
