"""Query results as text: an aligned table, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from kg.backends.base import QueryResult

FORMATS = ("table", "json", "csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def format_result(result: QueryResult, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(result.records(), ensure_ascii=False, indent=2, default=_json_default)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows([_cell(v) for v in row] for row in result.rows)
        return buffer.getvalue().rstrip("\n")
    if fmt == "table":
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False)
        for column in result.columns:
            table.add_column(column, overflow="fold")
        for row in result.rows:
            table.add_row(*(_cell(v) for v in row))
        console = Console(file=io.StringIO(), width=160, force_terminal=False)
        console.print(table)
        console.print(f"{len(result.rows)} row(s)")
        return console.file.getvalue().rstrip("\n")  # type: ignore[attr-defined]
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
