"""The errors kg raises on purpose: one tree, each kind with its exit code and a one-line message
that names the file or address and the next step. The CLI prints `error: <message>` and exits
with the code; `--verbose` adds the traceback. Anything else that escapes is a bug.

| exit | error | meaning |
| --- | --- | --- |
| 1 | KgError | any other failure kg foresaw |
| 2 | InputError | the input given cannot be used: no article read, a bad query, name or file |
| 3 | NotBuilt | the build folder lacks what `kg build` writes |
| 4 | DatabaseError | a graph database refused a query or a load |
| 5 | Unreachable | Neo4j cannot be reached at the address given |
| 6 | ExtractionFailed | `kg build --strict`: the rules tripped over an article |
"""

from __future__ import annotations


class KgError(Exception):
    """A failure kg foresaw; str(error) is one line fit to show a user."""

    exit_code = 1
    detail: str | None = None
    """What `--verbose` shows instead of this error's own traceback (one from a worker process)."""


class InputError(KgError, ValueError):
    """The articles, query, parameter or file given cannot be used as they are."""

    exit_code = 2


class NotBuilt(KgError):
    """The build folder lacks an output of `kg build`."""

    exit_code = 3


class DatabaseError(KgError):
    """A database refused a query or a load."""

    exit_code = 4


class Unreachable(DatabaseError):
    """No Neo4j answers at the address given."""

    exit_code = 5


class ExtractionFailed(KgError):
    """An article the rules tripped over, in strict mode (the cause is chained)."""

    exit_code = 6


def one_line(exc: BaseException) -> str:
    """An exception's message on one line, with the server's code where it has one."""
    message = getattr(exc, "message", None) or str(exc)
    code = getattr(exc, "code", None)
    text = " ".join(str(message).split())
    return f"{text} ({code})" if code else text
