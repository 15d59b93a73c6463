"""`kg view`: one interactive HTML view of out/graph.json, filtered by actor, topic, dates, country."""

from __future__ import annotations

import re
import webbrowser
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.options import OutOption
from kg.errors import InputError
from kg.ids import slug

_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _file_name(**filters: str | None) -> str:
    parts = [f"{key}-{slug(value)}" for key, value in filters.items() if value]
    return "view-" + "-".join(parts) + ".html" if parts else "view.html"


def view(
    actor: Annotated[
        str | None, typer.Option("--actor", help="An actor, by any spelling (王毅, Wang Yi).")
    ] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="A topic id or name (telecom-fraud).")] = None,
    since: Annotated[str | None, typer.Option("--since", help="First date, YYYY[-MM[-DD]].")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last date, YYYY[-MM[-DD]].")] = None,
    country: Annotated[
        str | None, typer.Option("--country", help="A country, by any spelling (柬埔寨, Cambodia).")
    ] = None,
    out: OutOption = Path("out"),
    open_it: Annotated[bool, typer.Option("--open", help="Open the view in the web browser.")] = False,
) -> None:
    """Write an interactive view of the graph (offline HTML) and print its path."""
    from kg.layout import BuildLayout
    from kg.sinks.views import UnknownName, write_filtered_view

    for flag, value in (("--since", since), ("--until", until)):
        if value and not _DATE.fullmatch(value):
            raise InputError(f"{flag} {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    layout = BuildLayout(out)
    graph = layout.read_graph()
    target = layout.view(_file_name(actor=actor, topic=topic, since=since, until=until, country=country))
    try:
        path = write_filtered_view(
            graph, target, actor=actor, topic=topic, since=since, until=until, country=country
        )
    except UnknownName as exc:
        raise InputError(f"no actor, country or topic is named {exc.args[0]!r}") from exc
    typer.echo(str(path))
    if open_it:
        webbrowser.open(path.resolve().as_uri())
