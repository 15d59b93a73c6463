"""`kg load`, `kg query`, `kg doctor`: the graph in Neo4j and in the embedded database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from kg.backends.neo4j_settings import DEFAULT_BATCH_SIZE
from kg.cli.choices import ResultFormat
from kg.cli.options import (
    DatabaseOption,
    OutOption,
    PasswordOption,
    UriOption,
    UserOption,
    neo4j_settings,
)
from kg.errors import InputError

err = Console(stderr=True)


def load(
    out: OutOption = Path("out"),
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
    wipe: Annotated[bool, typer.Option("--wipe", help="Delete everything in the database first.")] = False,
    batch_size: Annotated[
        int, typer.Option("--batch-size", min=1, help="Rows per transaction.")
    ] = DEFAULT_BATCH_SIZE,
    keep_missing: Annotated[
        bool,
        typer.Option(
            "--keep-missing",
            help="Keep the facts of articles the graph does not carry (default: remove them).",
        ),
    ] = False,
) -> None:
    """Load the graph of `kg build` into Neo4j: idempotent; stale facts of changed articles are replaced."""
    from kg.backends.commands import load_out_dir

    settings = neo4j_settings(uri, user, password, database)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done)

        summary = load_out_dir(
            out, settings, batch_size=batch_size, wipe=wipe, prune=not keep_missing, progress=progress
        )
    typer.echo(
        f"loaded {summary.nodes} nodes, {summary.relationships} relationships into {settings.uri} "
        f"in {summary.seconds}s"
    )
    typer.echo(
        f"created: {summary.nodes_created} nodes, {summary.relationships_created} relationships; "
        f"deleted: {summary.nodes_deleted} nodes, {summary.relationships_deleted} relationships; "
        f"properties set: {summary.properties_set}"
    )


def _list_queries() -> None:
    from kg.queries import list_queries

    for named in list_queries():
        typer.echo(f"{named.name}: {named.description}")
        for p in named.params:
            default = "required" if p.required else f"default {p.default!r}"
            typer.echo(f"    --param {p.name}=<{p.type}>  ({default}) {p.help}".rstrip())


def query(
    target: Annotated[
        str | None, typer.Argument(help="A named query (see --list), a .cypher file, or Cypher text.")
    ] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="A parameter as name=value (repeatable).")
    ] = None,
    fmt: Annotated[ResultFormat, typer.Option("--format", "-f", help="How to print the rows.")] = (
        ResultFormat.table
    ),
    neo4j: Annotated[
        bool, typer.Option("--neo4j", help="Run on Neo4j instead of the embedded database.")
    ] = False,
    write: Annotated[bool, typer.Option("--write", help="Allow the query to change the database.")] = False,
    list_queries: Annotated[
        bool, typer.Option("--list", help="List the named queries and their parameters.")
    ] = False,
    out: OutOption = Path("out"),
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Run Cypher on the embedded database under out/ (no server needed) or on Neo4j."""
    from kg.backends.commands import query as run_query
    from kg.backends.commands import unknown_names
    from kg.backends.output import format_result
    from kg.queries import parse_assignments

    if list_queries:
        _list_queries()
        return
    if not target:
        raise InputError("give a query name, a .cypher file or Cypher text (or --list)")
    settings = neo4j_settings(uri, user, password, database) if neo4j else None
    given = parse_assignments(param or [])
    result = run_query(target, given, out_dir=out, neo4j=settings, write=write)
    typer.echo(format_result(result, fmt.value))
    if not result.rows:
        for hint in unknown_names(target, given, out_dir=out, neo4j=settings):
            err.print(hint, markup=False, highlight=False, soft_wrap=True)


def doctor(
    out: OutOption = Path("out"),
    uri: UriOption = None,
    user: UserOption = None,
    password: PasswordOption = None,
    database: DatabaseOption = None,
) -> None:
    """Is Neo4j reachable, and which version does it run? Is there an embedded database?"""
    from kg.backends.commands import doctor as check

    report = check(neo4j_settings(uri, user, password, database), out)
    for line in report.lines():
        typer.echo(line)
    if not report.neo4j_ok:
        raise typer.Exit(code=5)
