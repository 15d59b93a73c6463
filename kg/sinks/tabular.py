"""The graph for spreadsheets and Gephi: GraphML, nodes.csv + edges.csv, and a flat triples.csv.

GraphML and CSV cells hold plain values only, so lists are written as JSON arrays
(["王毅", "Wang Yi"]), which keep every item intact, commas and all.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, fields
from itertools import combinations
from pathlib import Path
from typing import Any, TextIO

import networkx as nx
from networkx.readwrite.graphml import GraphMLWriter

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _cell(value: Any) -> str | int | float | bool:
    if isinstance(value, list | tuple | set):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, str | int | float | bool):
        return value
    return str(value)


def _sorted_nodes(graph: nx.MultiDiGraph) -> list[tuple[str, dict[str, Any]]]:
    return sorted(((str(n), d) for n, d in graph.nodes(data=True)), key=lambda item: item[0])


def _sorted_edges(graph: nx.MultiDiGraph) -> list[tuple[str, str, dict[str, Any]]]:
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    return [(str(u), str(v), d) for u, v, _key, d in edges]


def _xml_cell(value: Any) -> str | int | float | bool:
    cell = _cell(value)
    return _XML_ILLEGAL.sub("\ufffd", cell) if isinstance(cell, str) else cell


def gephi_graph(graph: nx.MultiDiGraph, *, xml_safe: bool = False) -> nx.MultiDiGraph:
    """A copy GraphML can hold: no None, lists as JSON, unique edge ids.

    Gephi shows a node attribute called `label` as the node's caption, so `label` holds the
    node's name and `type` its graph label (Person, Meeting ...), as edges have `type`.
    With `xml_safe`, characters XML 1.0 cannot carry at all (NUL, most C0 controls) become U+FFFD.
    """
    cell = _xml_cell if xml_safe else _cell
    out = nx.MultiDiGraph()
    for node_id, data in _sorted_nodes(graph):
        attrs = {k: cell(v) for k, v in data.items() if v is not None and k not in ("label", "id")}
        attrs["type"] = cell(data.get("label", ""))
        attrs["label"] = cell(data.get("name") or node_id)
        out.add_node(cell(node_id), **attrs)
    for i, (u, v, data) in enumerate(_sorted_edges(graph)):
        attrs = {k: cell(val) for k, val in data.items() if val is not None}
        out.add_edge(cell(u), cell(v), key=f"e{i}", **attrs)
    return out


def graphml_text(graph: nx.MultiDiGraph) -> str:
    writer = GraphMLWriter(encoding="utf-8")
    writer.add_graph_element(gephi_graph(graph, xml_safe=True))
    # XML parsers turn a raw CR into LF; a character reference keeps it.
    return str(writer).replace("\r", "&#13;")


def write_graphml(graph: nx.MultiDiGraph, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(graphml_text(graph), encoding="utf-8", newline="")
    return path


def _write_rows(stream: TextIO, columns: list[str], rows: Iterable[dict[str, Any]]) -> None:
    writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="raise")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else _cell(v) for k, v in row.items()})


def _write_file(path: Path, columns: list[str], rows: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        _write_rows(out, columns, rows)


def _columns(first: list[str], rows: list[dict[str, Any]]) -> list[str]:
    rest = sorted({k for row in rows for k in row} - set(first))
    return first + rest


def write_csv(graph: nx.MultiDiGraph, directory: Path) -> tuple[Path, Path]:
    """nodes.csv (id, label, name, then every other property) and edges.csv (source, target, type, ...)."""
    directory.mkdir(parents=True, exist_ok=True)
    nodes = [{**data, "id": node_id} for node_id, data in _sorted_nodes(graph)]
    edges = [{**data, "source": u, "target": v} for u, v, data in _sorted_edges(graph)]
    nodes_path, edges_path = directory / "nodes.csv", directory / "edges.csv"
    _write_file(nodes_path, _columns(["id", "label", "name"], nodes), nodes)
    _write_file(edges_path, _columns(["source", "target", "type"], edges), edges)
    return nodes_path, edges_path


@dataclass(frozen=True)
class TripleRow:
    """One fact a person can read and check: who met whom, or who agreed on what, and where it says so."""

    subject: str
    predicate: str
    object: str
    date: str
    place: str
    source: str
    evidence: str
    subject_id: str
    object_id: str
    fact_id: str
    source_url: str
    reports: int
    """How many sentences report the fact; source and evidence are the first (by article, offset)."""


TRIPLE_COLUMNS = [f.name for f in fields(TripleRow)]


def _name(graph: nx.MultiDiGraph, node_id: str) -> str:
    return str(graph.nodes[node_id].get("name") or node_id)


def _in_edges(graph: nx.MultiDiGraph, node_id: str, rel: str) -> list[tuple[str, dict[str, Any]]]:
    found = [(str(u), d) for u, _, d in graph.in_edges(node_id, data=True) if d.get("type") == rel]
    return sorted(found, key=lambda item: (item[0], item[1].get("start") or 0, item[1].get("end") or 0))


def _out_targets(graph: nx.MultiDiGraph, node_id: str, rel: str) -> list[str]:
    return sorted({str(v) for _, v, d in graph.out_edges(node_id, data=True) if d.get("type") == rel})


def _reports(graph: nx.MultiDiGraph, fact: str) -> list[tuple[str, str, str]]:
    """(article name, url, sentence) for each sentence reporting the fact, by article and offset."""
    out = []
    for article, data in _in_edges(graph, fact, "REPORTS"):
        node = graph.nodes[article]
        name, url = str(node.get("name") or article), str(node.get("url") or "")
        out.append((name, url, str(data.get("sentence") or "")))
    return sorted(out, key=lambda r: r[0]) or [("", "", "")]


def _place(graph: nx.MultiDiGraph, meeting: str | None) -> str:
    if meeting is None or meeting not in graph:
        return ""
    places = _out_targets(graph, meeting, "HELD_IN")
    return _name(graph, places[0]) if places else str(graph.nodes[meeting].get("place") or "")


def _meeting_rows(graph: nx.MultiDiGraph, meeting: str) -> Iterator[TripleRow]:
    data = graph.nodes[meeting]
    # Who met whom: the principals, as MET has it; an attendee met no one through the meeting.
    participants = {u for u, e in _in_edges(graph, meeting, "PARTICIPATED_IN") if e.get("role") != "attendee"}
    people = sorted(u for u in participants if graph.nodes[u].get("label") == "Person")
    reports = _reports(graph, meeting)
    (doc, url, sentence), place = reports[0], _place(graph, meeting)
    for a, b in combinations(people, 2):
        yield TripleRow(
            _name(graph, a), "met", _name(graph, b), str(data.get("date") or ""), place,
            doc, sentence, a, b, meeting, url, len(reports),
        )


def _agreement_rows(graph: nx.MultiDiGraph, agreement: str) -> Iterator[TripleRow]:
    data = graph.nodes[agreement]
    parties = sorted({u for u, _ in _in_edges(graph, agreement, "PARTY_TO")})
    topics = _out_targets(graph, agreement, "CONCERNS")
    # What was agreed: each topic, or the summary where no topic was recognised.
    objects = [(_name(graph, t), t) for t in topics] or [(str(data.get("summary") or ""), agreement)]
    producers = sorted(str(u) for u, _ in _in_edges(graph, agreement, "PRODUCED"))
    place = _place(graph, producers[0] if producers else None)
    reports = _reports(graph, agreement)
    doc, url, sentence = reports[0]
    for party in parties:
        for obj, obj_id in objects:
            yield TripleRow(
                _name(graph, party), "agreed_on", obj, str(data.get("date") or ""), place,
                doc, sentence, party, obj_id, agreement, url, len(reports),
            )


def triple_rows(graph: nx.MultiDiGraph) -> list[TripleRow]:
    """Who met whom (one row per pair of people in a meeting) and who agreed on what (one row per
    party and topic of an agreement), meetings first, in a stable order; every row with its evidence."""
    rows: list[TripleRow] = []
    for node_id, data in _sorted_nodes(graph):
        if data.get("label") == "Meeting":
            rows.extend(_meeting_rows(graph, node_id))
    for node_id, data in _sorted_nodes(graph):
        if data.get("label") == "Agreement":
            rows.extend(_agreement_rows(graph, node_id))
    return rows


def write_triples_csv(graph: nx.MultiDiGraph, stream: TextIO) -> None:
    _write_rows(stream, TRIPLE_COLUMNS, (asdict(row) for row in triple_rows(graph)))


def write_triples(graph: nx.MultiDiGraph, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as out:
        write_triples_csv(graph, out)
    return path
