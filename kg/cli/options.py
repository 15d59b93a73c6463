"""Options several commands share, in the one idiom of the CLI: `Annotated[type, typer.Option]`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from kg.backends.neo4j_settings import DEFAULT_URI, DEFAULT_USER, Neo4jSettings

OutOption = Annotated[Path, typer.Option("--out", "-o", help="The build folder (`kg build` writes it).")]
UriOption = Annotated[
    str | None, typer.Option("--uri", help=f"Neo4j address (env NEO4J_URI, default {DEFAULT_URI}).")
]
UserOption = Annotated[
    str | None, typer.Option("--user", help=f"Neo4j user (env NEO4J_USER, default {DEFAULT_USER}).")
]
PasswordOption = Annotated[
    str | None, typer.Option("--password", help="Neo4j password (env NEO4J_PASSWORD; none: no auth).")
]
DatabaseOption = Annotated[
    str | None, typer.Option("--database", help="Neo4j database (default: the server's default).")
]


def neo4j_settings(
    uri: str | None, user: str | None, password: str | None, database: str | None
) -> Neo4jSettings:
    """Flags first, then the NEO4J_* variables, then the defaults."""
    return Neo4jSettings(
        uri=uri or os.environ.get("NEO4J_URI") or DEFAULT_URI,
        user=user or os.environ.get("NEO4J_USER") or DEFAULT_USER,
        password=password or os.environ.get("NEO4J_PASSWORD") or None,
        database=database or os.environ.get("NEO4J_DATABASE") or None,
    )
