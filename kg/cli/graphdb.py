"""`kg load`, `kg query`, `kg doctor`: the graph in Neo4j and in the embedded database."""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from kg.backends.base import BackendError
from kg.backends.neo4j import DEFAULT_BATCH_SIZE, DEFAULT_URI, DEFAULT_USER, Neo4jSettings
from kg.cli.app import app
from kg.queries import QueryError

err = Console(stderr=True)
OUT = typer.Option(Path("out"), "--out", "-o", help="The folder `kg build` wrote.")
URI = typer.Option(None, "--uri", help=f"Neo4j address (env NEO4J_URI, default {DEFAULT_URI}).")
USER = typer.Option(None, "--user", help=f"Neo4j user (env NEO4J_USER, default {DEFAULT_USER}).")
PASSWORD = typer.Option(None, "--password", help="Neo4j password (env NEO4J_PASSWORD; none: no auth).")
DATABASE = typer.Option(None, "--database", help="Neo4j database (default: the server's default).")
PARAMS = typer.Option(None, "--param", "-p", help="A parameter as name=value (repeatable).")


def _settings(uri: str | None, user: str | None, password: str | None, database: str | None) -> Neo4jSettings:
    return Neo4jSettings(
        uri=uri or os.environ.get("NEO4J_URI") or DEFAULT_URI,
        user=user or os.environ.get("NEO4J_USER") or DEFAULT_USER,
        password=password or os.environ.get("NEO4J_PASSWORD") or None,
        database=database or os.environ.get("NEO4J_DATABASE") or None,
    )


def _fail(message: str) -> None:
    err.print(f"error: {message}", markup=False, highlight=False, soft_wrap=True)
    raise typer.Exit(code=1)


@app.command()
def load(
    out: Path = OUT,
    uri: str = URI,
    user: str = USER,
    password: str = PASSWORD,
    database: str = DATABASE,
    wipe: bool = typer.Option(False, "--wipe", help="Delete everything in the database first."),
    batch_size: int = typer.Option(DEFAULT_BATCH_SIZE, "--batch-size", min=1, help="Rows per transaction."),
    keep_missing: bool = typer.Option(
        False,
        "--keep-missing",
        help="Keep the facts of articles the graph does not carry (default: remove them).",
    ),
) -> None:
    """Load the graph of `kg build` into Neo4j: idempotent; stale facts of changed articles are replaced."""
    from kg.backends.commands import load_out_dir

    settings = _settings(uri, user, password, database)
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

        try:
            summary = load_out_dir(
                out, settings, batch_size=batch_size, wipe=wipe, prune=not keep_missing, progress=progress
            )
        except BackendError as exc:
            _fail(str(exc))
    typer.echo(
        f"loaded {summary.nodes} nodes, {summary.relationships} relationships into {settings.uri} "
        f"in {summary.seconds}s"
    )
    typer.echo(
        f"created: {summary.nodes_created} nodes, {summary.relationships_created} relationships; "
        f"deleted: {summary.nodes_deleted} nodes, {summary.relationships_deleted} relationships; "
        f"properties set: {summary.properties_set}"
    )


@app.command()
def query(
    target: str = typer.Argument(None, help="A named query (see --list), a .cypher file, or Cypher text."),
    param: list[str] = PARAMS,
    fmt: str = typer.Option("table", "--format", "-f", help="table, json or csv."),
    neo4j: bool = typer.Option(False, "--neo4j", help="Run on Neo4j instead of the embedded database."),
    write: bool = typer.Option(False, "--write", help="Allow the query to change the database."),
    list_queries: bool = typer.Option(False, "--list", help="List the named queries and their parameters."),
    out: Path = OUT,
    uri: str = URI,
    user: str = USER,
    password: str = PASSWORD,
    database: str = DATABASE,
) -> None:
    """Run Cypher on the embedded database under out/ (no server needed) or on Neo4j."""
    from kg.backends.commands import query as run_query
    from kg.backends.output import FORMATS, format_result
    from kg.queries import list_queries as named_queries
    from kg.queries import parse_assignments

    if list_queries:
        for named in named_queries():
            typer.echo(f"{named.name}: {named.description}")
            for p in named.params:
                default = "required" if p.required else f"default {p.default!r}"
                typer.echo(f"    --param {p.name}=<{p.type}>  ({default}) {p.help}".rstrip())
        return
    if not target:
        _fail("give a query name, a .cypher file or Cypher text (or --list)")
    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    try:
        settings = _settings(uri, user, password, database) if neo4j else None
        result = run_query(target, parse_assignments(param or []), out_dir=out, neo4j=settings, write=write)
    except (BackendError, QueryError) as exc:
        _fail(str(exc))
    typer.echo(format_result(result, fmt))


@app.command()
def doctor(
    out: Path = OUT,
    uri: str = URI,
    user: str = USER,
    password: str = PASSWORD,
    database: str = DATABASE,
) -> None:
    """Is Neo4j reachable, and which version does it run? Is there an embedded database?"""
    from kg.backends.commands import doctor as check

    report = check(_settings(uri, user, password, database), out)
    for line in report.lines():
        typer.echo(line)
    if not report.neo4j_ok:
        raise typer.Exit(code=1)
