"""The `kg` command line: thin commands over the library (see kg.cli.* modules)."""

from __future__ import annotations

# Each module registers its commands on `app` when imported.
from kg.cli import actors_cmd, build, export, graphdb, views  # noqa: F401
from kg.cli.app import app


def main() -> None:
    app()
