"""The typer application every command module registers with."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="kg",
    help="Diplomatic-relationship knowledge graph: who met whom, what they agreed, with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
