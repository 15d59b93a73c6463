"""`kg view`: one interactive HTML view of out/graph.json, filtered by actor, topic, dates, country."""

from __future__ import annotations

import re
import webbrowser
from pathlib import Path

import typer

from kg.cli.app import app
from kg.ids import slug

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _file_name(**filters: str | None) -> str:
    parts = [f"{key}-{slug(value)}" for key, value in filters.items() if value]
    return "view-" + "-".join(parts) + ".html" if parts else "view.html"


@app.command()
def view(
    actor: str = typer.Option(None, "--actor", help="An actor, by any spelling (王毅, Wang Yi)."),
    topic: str = typer.Option(None, "--topic", help="A topic id or name (telecom-fraud)."),
    since: str = typer.Option(None, "--since", help="First date, YYYY[-MM[-DD]]."),
    until: str = typer.Option(None, "--until", help="Last date, YYYY[-MM[-DD]]."),
    country: str = typer.Option(None, "--country", help="A country, by any spelling (柬埔寨, Cambodia)."),
    out: str = typer.Option("out", "--out", "-o", help="The folder `kg build` wrote."),
    open_it: bool = typer.Option(False, "--open", help="Open the view in the web browser."),
) -> None:
    """Write an interactive view of the graph (offline HTML) and print its path."""
    from kg.graph import read_node_link
    from kg.sinks.views import UnknownName, write_filtered_view

    for flag, value in (("--since", since), ("--until", until)):
        if value and not _DATE.fullmatch(value):
            raise typer.BadParameter(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD", param_hint=flag)
    out_dir = Path(out)
    graph_json = out_dir / "graph.json"
    if not graph_json.is_file():
        raise typer.BadParameter(f"{graph_json} not found: run `kg build` first", param_hint="--out")
    target = (
        out_dir / "views" / _file_name(actor=actor, topic=topic, since=since, until=until, country=country)
    )
    try:
        graph = read_node_link(graph_json)
        path = write_filtered_view(
            graph, target, actor=actor, topic=topic, since=since, until=until, country=country
        )
    except UnknownName as exc:
        raise typer.BadParameter(f"no actor, country or topic is named {exc.args[0]!r}") from exc
    typer.echo(str(path))
    if open_it:
        webbrowser.open(path.resolve().as_uri())
