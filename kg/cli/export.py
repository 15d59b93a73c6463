"""`kg export`: the built graph as Turtle, JSON-LD, N-Triples, GraphML, CSV or a triples table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.choices import ExportFormat
from kg.cli.options import OutOption
from kg.errors import InputError


def export(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="The export format.")
    ] = ExportFormat.ttl,
    out: OutOption = Path("out"),
    output: Annotated[
        Path | None,
        typer.Option("--output", help="File to write (for csv a folder; '-' for standard output)."),
    ] = None,
) -> None:
    """Export the graph of `kg build` (out/graph.json) for RDF tools, Gephi or a spreadsheet."""
    from kg.sinks.export import export_build, export_format, export_text, load_built_graph

    chosen = export_format(fmt.value)
    if output == Path("-"):
        if chosen == "csv":
            raise InputError("csv writes two files: give --output a folder")
        sys.stdout.write(export_text(load_built_graph(out), chosen))
        return
    for path in export_build(out, chosen, output):
        typer.echo(str(path))
