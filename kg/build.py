"""`kg build`: articles in, every output written under one folder."""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import networkx as nx

from kg.graph import build_graph, write_node_link
from kg.pipeline import Progress, extract_corpus
from kg.records import Corpus
from kg.sinks.jsonl import event_dicts, write_jsonl


@dataclass
class BuildReport:
    documents_read: int
    skipped: list[dict[str, str]]
    meetings: int
    agreements: int
    actors: dict[str, int]
    nodes: dict[str, int]
    relationships: dict[str, int]
    outputs: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)


def build(
    inputs: list[Path], out_dir: Path, *, workers: int = 1, on_result: Progress | None = None
) -> tuple[Corpus, BuildReport]:
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus = extract_corpus(inputs, workers=workers, on_result=on_result)
    graph = build_graph(corpus)
    outputs: dict[str, str] = {}

    events = out_dir / "events.jsonl"
    write_jsonl(event_dicts(corpus.meetings, corpus.agreements, corpus.actors), events)
    outputs["events"] = str(events)
    graph_json = out_dir / "graph.json"
    write_node_link(graph, graph_json)
    outputs["graph"] = str(graph_json)
    outputs.update(_write_sinks(graph, out_dir))

    report = BuildReport(
        documents_read=len(corpus.documents),
        skipped=[{"path": s.path, "reason": s.reason} for s in corpus.skipped],
        meetings=len(corpus.meetings),
        agreements=len(corpus.agreements),
        actors=dict(Counter(a.type for a in corpus.actors.values())),
        nodes=dict(Counter(d["label"] for _, d in graph.nodes(data=True))),
        relationships=dict(Counter(d["type"] for *_, d in graph.edges(data=True))),
        outputs=outputs,
    )
    report.seconds = round(time.perf_counter() - started, 3)
    (out_dir / "report.json").write_text(report.to_json(), encoding="utf-8")
    outputs["report"] = str(out_dir / "report.json")
    return corpus, report


def _write_sinks(graph: nx.MultiDiGraph, out_dir: Path) -> dict[str, str]:
    from kg.backends.ladybug import write_embedded
    from kg.sinks.rdf import write_rdf
    from kg.sinks.views import write_views

    ttl = out_dir / "graph.ttl"
    write_rdf(graph, ttl, "ttl")
    index = write_views(graph, out_dir)
    embedded = write_embedded(graph, out_dir)
    return {"rdf": str(ttl), "views": str(index), "embedded": str(embedded)}
