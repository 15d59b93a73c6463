"""The choices of CLI options as enums, so `--help` lists them and typer checks them.

Each mirrors a tuple of the library (tests/test_cli.py holds them equal)."""

from __future__ import annotations

from enum import StrEnum


class ExportFormat(StrEnum):
    """kg.sinks.export.EXPORT_FORMATS"""

    ttl = "ttl"
    jsonld = "jsonld"
    nt = "nt"
    graphml = "graphml"
    csv = "csv"
    triples = "triples"


class ResultFormat(StrEnum):
    """kg.backends.output.FORMATS"""

    table = "table"
    json = "json"
    csv = "csv"


class EventFormat(StrEnum):
    """What `kg extract` prints: JSON Lines, the extraction contract."""

    jsonl = "jsonl"


class EngineKind(StrEnum):
    """kg.engines.ENGINES"""

    processes = "processes"
    dask = "dask"
