"""The `kg` command line: thin commands over the library, registered here one by one."""

from __future__ import annotations

import gc

from kg.cli import actors_cmd, build, export, graphdb, views
from kg.cli.app import app, register
from kg.cli.exiting import end_now

register(build.build)
register(build.extract)
register(build.evaluate, "eval")
register(actors_cmd.actors)
register(graphdb.load)
register(graphdb.query)
register(graphdb.doctor)
register(views.view)
register(export.export)

__all__ = ["app", "main"]


def main() -> None:
    try:
        app()
    except SystemExit as done:
        # The process is about to end: its last collection would walk every record a build left
        # (more than half a second at 10,000 articles) only to free memory the exit frees anyway;
        # frozen, what a command left for the exit (kg.cli.exiting) is not freed at all.
        gc.freeze()
        end_now(done)
        raise
