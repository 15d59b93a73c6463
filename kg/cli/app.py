"""The typer application, the `--verbose` switch, and how a KgError reaches the user:
`error: <one line>` on stderr and the error's exit code (see kg.errors), the traceback only
with `kg --verbose`."""

from __future__ import annotations

import functools
import logging
import traceback
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from kg.errors import KgError

app = typer.Typer(
    name="kg",
    help="Diplomatic-relationship knowledge graph: who met whom, what they agreed, with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

Command = TypeVar("Command", bound=Callable[..., Any])


_options = {"verbose": False}


@app.callback()
def main(
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Print the traceback of an error.")
    ] = False,
) -> None:
    """Diplomatic-relationship knowledge graph: who met whom, what they agreed, with evidence."""
    _options["verbose"] = verbose
    _report_warnings()


def _report_warnings() -> None:
    """What the library logs as a warning (broken front matter ...) as one `warning:` line on stderr."""
    logger = logging.getLogger("kg")
    if not any(isinstance(h, _EchoHandler) for h in logger.handlers):
        handler = _EchoHandler()
        handler.setFormatter(logging.Formatter("warning: %(message)s"))
        logger.addHandler(handler)
        logger.propagate = False


class _EchoHandler(logging.Handler):
    """Writes to the stderr of the moment (a test runner swaps it), not the one at creation."""

    def emit(self, record: logging.LogRecord) -> None:
        typer.echo(self.format(record), err=True)


def fail(message: str, code: int = 1, *, detail: str | None = None) -> typer.Exit:
    """Print `error: message` (and, with --verbose, the detail) on stderr; the Exit to raise."""
    if detail and _options["verbose"]:
        typer.echo(detail.rstrip("\n"), err=True)
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=code)


def reports_errors(command: Command) -> Command:
    """The command with each KgError shown as one line and its exit code."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except KgError as exc:
            detail = getattr(exc, "detail", None) or "".join(traceback.format_exception(exc))
            raise fail(str(exc), exc.exit_code, detail=detail) from None

    return run  # type: ignore[return-value]


def register(command: Command, name: str | None = None) -> None:
    app.command(name)(reports_errors(command))
