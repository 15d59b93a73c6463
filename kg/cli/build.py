"""`kg build`, `kg extract`, `kg eval`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from kg.cli.choices import EngineKind, EventFormat
from kg.cli.exiting import left_for_exit, start_command
from kg.cli.options import OutOption
from kg.errors import InputError
from kg.records import DocumentEvents, Skipped, Unchanged

DEFAULT_ARTICLES = [Path("examples/articles")]
err = Console(stderr=True)


def _skip_line(skipped: Skipped) -> str:
    return f"skipped {skipped.path}: {skipped.reason}"


def build(
    articles: Annotated[list[Path] | None, typer.Argument(help="Article files or folders.")] = None,
    out: OutOption = Path("out"),
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=1, help="Extraction processes (dask: LocalCluster workers).")
    ] = 1,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first article the extraction rules trip over.")
    ] = False,
    engine: Annotated[
        EngineKind, typer.Option("--engine", help="Where extraction runs: local processes or a Dask cluster.")
    ] = EngineKind.processes,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="A running Dask scheduler (tcp://HOST:8786); without it, --engine dask starts a local one.",
        ),
    ] = None,
    cache: Annotated[
        Path | None,
        typer.Option(
            "--cache", help="The extraction cache: articles unchanged since a build are not extracted again."
        ),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Extract every article again, and keep no cache.")
    ] = False,
) -> None:
    """Build the graph: events.jsonl, graph.json, graph.ttl, views/, the embedded database, report.json."""
    from kg.build import build as run_build
    from kg.engines import Engine
    from kg.ingest import discover

    if scheduler and engine != EngineKind.dask:
        raise InputError("--scheduler is a Dask scheduler's address: add --engine dask")
    dask = engine == EngineKind.dask
    runner = Engine("dask", workers, scheduler) if dask else Engine(workers=workers)

    inputs = articles or DEFAULT_ARTICLES
    total = None
    shown = err.is_terminal  # a progress bar, at a terminal only
    if shown:  # only a bar needs the count: counting walks the corpus a second time
        found, passed_over = discover(inputs)
        total = len(found) + len(passed_over)
    with Progress(
        TextColumn("extracting"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not shown,
    ) as progress:
        task = progress.add_task("articles", total=total)

        def on_result(result: DocumentEvents | Skipped | Unchanged) -> None:
            if isinstance(result, Skipped):
                err.print(_skip_line(result), markup=False, highlight=False, soft_wrap=True)
            if not shown:  # no bar to move (a pipe, a log): 10,000 advances cost a rebuild 0.05 s
                return
            progress.advance(task)
            if progress.finished:
                # The bar's drawing thread ends with the extraction: a build forks only a
                # process without other threads (kg.side_by_side).
                progress.stop()

        start_command()
        corpus, report = run_build(
            inputs,
            out,
            strict=strict,
            on_result=on_result,
            engine=runner,
            cache_dir=cache,
            use_cache=not no_cache,
            spare=left_for_exit,
        )
        left_for_exit(corpus)
    table = Table(title=f"kg build: {out}")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles read", str(report.documents_read))
    table.add_row("articles skipped", str(len(report.skipped)))
    table.add_row("articles from the cache", str(report.from_cache))
    table.add_row("meetings", str(report.meetings))
    table.add_row("agreements", str(report.agreements))
    for label, count in sorted(report.actors.items()):
        table.add_row(f"actors: {label}", str(count))
    table.add_row("relationships", str(sum(report.relationships.values())))
    Console().print(table)
    typer.echo(f"build {report.build_id}")
    for name, path in report.outputs.items():
        typer.echo(f"{name}: {path}")


def extract(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders.")],
    fmt: Annotated[EventFormat, typer.Option("--format", help="Output format.")] = EventFormat.jsonl,
) -> None:
    """Print the events of each article as JSON Lines (one object per event)."""
    from kg.ingest import discover
    from kg.pipeline import iter_event_dicts

    articles, passed_over = discover(paths)
    skipped = 0
    for item in iter_event_dicts(paths):
        if isinstance(item, Skipped):
            skipped += 1
            err.print(_skip_line(item), markup=False, highlight=False, soft_wrap=True)
        else:
            sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
    if len(articles) - (skipped - len(passed_over)) <= 0:
        raise InputError(f"no article could be read from {', '.join(map(str, paths))}")


def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold events (JSON Lines).")],
    articles: Annotated[list[Path] | None, typer.Argument(help="Article files or folders.")] = None,
    borderline: Annotated[
        Path | None, typer.Option("--borderline", help="Borderline events: neither rewarded nor penalised.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
    detail: Annotated[
        bool, typer.Option("--detail", help="Per document: each miss, false alarm and wrong date.")
    ] = False,
) -> None:
    """Precision, recall, F1 and date accuracy of the extractor against gold events, and what it got wrong."""
    from kg.evaluate import GoldFormatError, render_report
    from kg.pipeline import evaluate_articles

    try:
        report = evaluate_articles(gold, articles or DEFAULT_ARTICLES, borderline)
    except (GoldFormatError, OSError) as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(code=2) from None
    typer.echo(render_report(report, detail=detail, as_json=as_json))
