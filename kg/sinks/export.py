"""`kg export`: the graph of a build folder in one of the export formats."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Literal, get_args

import networkx as nx

from kg.errors import InputError
from kg.layout import BuildLayout
from kg.sinks.rdf import rdf_text, write_rdf
from kg.sinks.tabular import graphml_text, write_csv, write_graphml, write_triples, write_triples_csv

ExportFormat = Literal["ttl", "jsonld", "nt", "graphml", "csv", "triples"]
EXPORT_FORMATS: tuple[str, ...] = get_args(ExportFormat)


def export_format(text: str) -> ExportFormat:
    if text not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {text!r}: expected one of {', '.join(EXPORT_FORMATS)}")
    return text  # type: ignore[return-value]


def load_built_graph(out_dir: Path) -> nx.MultiDiGraph:
    """The graph `kg build` left in out_dir, or NotBuilt."""
    return BuildLayout(out_dir).read_graph()


def export_graph(graph: nx.MultiDiGraph, fmt: ExportFormat, destination: Path) -> list[Path]:
    """Write the graph to `destination` (a file, or for csv a folder); returns the files written."""
    if fmt in ("ttl", "jsonld", "nt"):
        return [write_rdf(graph, destination, fmt)]
    if fmt == "graphml":
        return [write_graphml(graph, destination)]
    if fmt == "csv":
        return list(write_csv(graph, destination))
    if fmt == "triples":
        return [write_triples(graph, destination)]
    raise ValueError(f"unknown export format {fmt!r}: expected one of {', '.join(EXPORT_FORMATS)}")


def export_text(graph: nx.MultiDiGraph, fmt: ExportFormat) -> str:
    """The export as text, for the single-file formats (all but csv)."""
    if fmt in ("ttl", "jsonld", "nt"):
        return rdf_text(graph, fmt)
    if fmt == "triples":
        buffer = io.StringIO()
        write_triples_csv(graph, buffer)
        return buffer.getvalue()
    if fmt == "graphml":
        return graphml_text(graph)
    raise ValueError(f"format {fmt!r} writes several files: give a folder, not standard output")


def export_build(out_dir: Path, fmt: ExportFormat, output: Path | None = None) -> list[Path]:
    """Export the graph `kg build` left in `out_dir`; by default next to it (out/graph.ttl ...)."""
    graph = load_built_graph(out_dir)
    return export_graph(graph, fmt, output or BuildLayout(out_dir).export(fmt))
