"""The `kg` command line: thin commands over the library (see kg.cli.* modules)."""

from __future__ import annotations

import importlib

from kg.cli.app import app

# Each module registers its commands on `app` when imported.
for _module in ("build", "graphdb", "views", "export"):
    try:
        importlib.import_module(f"kg.cli.{_module}")
    except ModuleNotFoundError as exc:  # pragma: no cover - only while a module is being written
        if exc.name != f"kg.cli.{_module}":
            raise


def main() -> None:
    app()
