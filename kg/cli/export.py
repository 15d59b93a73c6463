"""`kg export`: the built graph as Turtle, JSON-LD, N-Triples, GraphML, CSV or a triples table."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.app import app
from kg.sinks.export import EXPORT_FORMATS, ExportFormat, GraphNotBuilt

DEFAULT_OUT = Path("out")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(EXPORT_FORMATS)}.")] = "ttl",
    out: Annotated[Path, typer.Option("--out", "-o", help="Build folder holding graph.json.")] = DEFAULT_OUT,
    output: Annotated[
        str | None,
        typer.Option("--output", help="File to write (for csv a folder; '-' for standard output)."),
    ] = None,
) -> None:
    """Export the graph of `kg build` (out/graph.json) for RDF tools, Gephi or a spreadsheet."""
    from kg.sinks.export import export_build, export_text, load_built_graph

    if fmt not in EXPORT_FORMATS:
        raise typer.BadParameter(f"expected one of {', '.join(EXPORT_FORMATS)}", param_hint="--format")
    chosen: ExportFormat = fmt  # type: ignore[assignment]
    try:
        if output == "-":
            if chosen == "csv":
                raise typer.BadParameter("csv writes two files: give a folder", param_hint="--output")
            sys.stdout.write(export_text(load_built_graph(out), chosen))
            return
        written = export_build(out, chosen, Path(output) if output else None)
    except GraphNotBuilt as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(code=1) from exc
    for path in written:
        typer.echo(str(path))
